//! The adapters on a real gc-core heap: capture without perturbing, `from_roots`, the
//! observer-recorded collection agreeing with the simulation, and `dump_heap`.

use gc_core::{AnyCc, Cc, Finalize, Trace, Weak};
use gc_viz::{
    record_collection, simulate, CaptureOptions, Collection, ListKind, SimOptions, Snapshot, Step,
};
use std::cell::RefCell;

#[derive(Trace)]
struct Link {
    #[trace(skip)]
    name: &'static str,
    next_link: RefCell<Option<Cc<Link>>>,
}

/// CPython's documented example on a real heap: returns link_1 (held as `A`) and the labels.
fn cpython_doc() -> (Cc<Link>, CaptureOptions) {
    let make = |name| {
        Cc::new(Link {
            name,
            next_link: RefCell::new(None),
        })
    };
    let l: Vec<Cc<Link>> = ["link_1", "link_2", "link_3", "link_4"]
        .into_iter()
        .map(make)
        .collect();
    for (from, to) in [(0, 1), (1, 2), (2, 0), (3, 3)] {
        *l[from].next_link.borrow_mut() = Some(l[to].clone());
    }
    let mut opts = CaptureOptions::default();
    for link in &l {
        opts = opts.label(&AnyCc::from(link), link.name);
    }
    (l[0].clone(), opts)
}

/// (label, strong) of every labelled object, in label order.
fn counts(s: &Snapshot) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = s
        .objects
        .iter()
        .filter_map(|o| o.label.clone().map(|l| (l, o.strong)))
        .collect();
    v.sort();
    v
}

#[test]
fn capture_reports_counts_without_perturbing() {
    let (a, opts) = cpython_doc();
    let before_objects = gc_core::get_objects(None).len();
    let before_count = gc_core::get_count();
    let strong_before = Cc::strong_count(&a);
    let snap = Snapshot::capture_with(&[("A", AnyCc::from(&a))], &opts);
    assert_eq!(
        counts(&snap),
        [
            ("link_1".to_string(), 2),
            ("link_2".to_string(), 1),
            ("link_3".to_string(), 1),
            ("link_4".to_string(), 1)
        ]
    );
    let l1 = snap.find_label("link_1").unwrap();
    let l4 = snap.find_label("link_4").unwrap();
    assert_eq!(snap.outside_refs_of(l1), 1);
    assert_eq!(snap.outside_refs_of(l4), 0);
    let edge = &snap.get(l4).unwrap().edges[0];
    assert_eq!(
        (edge.name.as_str(), edge.to, edge.weak),
        ("next_link", Some(l4), false)
    );
    assert_eq!(snap.get(l1).unwrap().generation, Some(0));
    // Nothing changed: no counts, no tracked objects left behind, no collection.
    assert_eq!(Cc::strong_count(&a), strong_before);
    assert_eq!(gc_core::get_objects(None).len(), before_objects);
    assert_eq!(gc_core::get_count(), before_count);
    assert_eq!(
        gc_viz::query::key_cycles(&snap)
            .iter()
            .filter(|c| c.is_garbage())
            .count(),
        1
    );

    // From the root only: the garbage link_4 is not reachable.
    let from_roots = Snapshot::from_roots(&[("A", AnyCc::from(&a))]);
    assert_eq!(from_roots.objects.len(), 3);
    assert_eq!(from_roots.roots[0].name, "A");
    assert_eq!(Cc::strong_count(&a), strong_before);
    gc_core::collect();
}

/// Objects' lists in one frame, by label.
fn lists(c: &Collection, step: Step) -> Vec<(String, ListKind)> {
    let mut v: Vec<(String, ListKind)> = c
        .frame(step)
        .unwrap()
        .objects
        .iter()
        .filter_map(|o| o.label.clone().map(|l| (l, o.list)))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// gc_refs in one frame, by label.
fn gc_refs(c: &Collection, step: Step) -> Vec<(String, Option<isize>)> {
    let mut v: Vec<(String, Option<isize>)> = c
        .frame(step)
        .unwrap()
        .objects
        .iter()
        .filter_map(|o| o.label.clone().map(|l| (l, o.gc_refs)))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn recorded_collection_matches_the_simulation() {
    gc_core::collect();
    let (a, opts) = cpython_doc();
    let roots = [("A", AnyCc::from(&a))];
    let snap = Snapshot::capture_with(&roots, &opts);
    let simulated = simulate(&snap, 0, &SimOptions::default());
    let recorded = record_collection(0, &roots, &opts);
    assert_eq!(recorded.collected, 1);
    assert_eq!(simulated.collected, 1);
    // gc-core reports Finalize and HandleResurrected only when some finalizer ran; the
    // simulation always shows them (as CPython always runs those phases).
    let steps: Vec<Step> = recorded.frames.iter().map(|f| f.step).collect();
    let all: Vec<Step> = simulated.frames.iter().map(|f| f.step).collect();
    let expected: Vec<Step> = all
        .into_iter()
        .filter(|s| !matches!(s, Step::Finalize | Step::HandleResurrected))
        .collect();
    assert_eq!(steps, expected);
    for step in [Step::UpdateRefs, Step::SubtractRefs] {
        assert_eq!(
            gc_refs(&recorded, step),
            gc_refs(&simulated, step),
            "{step:?}"
        );
    }
    let expected: Vec<Option<isize>> = vec![Some(1), Some(0), Some(0), Some(0)];
    assert_eq!(
        gc_refs(&recorded, Step::SubtractRefs)
            .into_iter()
            .map(|(_, r)| r)
            .collect::<Vec<_>>(),
        expected
    );
    for step in [Step::MoveUnreachable, Step::DeleteGarbage, Step::Promote] {
        assert_eq!(lists(&recorded, step), lists(&simulated, step), "{step:?}");
    }
    // The recorded frames draw like the simulated ones.
    let d = recorded.diagram(3);
    let rescued = d
        .nodes
        .iter()
        .filter(|n| n.lines.iter().any(|l| l == "rescued"))
        .count();
    assert_eq!(rescued, 2);
    drop(roots);
    drop(a);
    gc_core::collect();
}

/// A finalizer that resurrects its object into a thread-local.
#[derive(Trace)]
struct Phoenix {
    other: RefCell<Option<Cc<Feather>>>,
}

#[derive(Trace)]
struct Feather {
    owner: RefCell<Option<Cc<Phoenix>>>,
}

thread_local! {
    static SAVED: RefCell<Vec<Cc<Phoenix>>> = const { RefCell::new(Vec::new()) };
}

impl Finalize for Phoenix {
    fn finalize(this: &Cc<Self>) {
        SAVED.with(|s| s.borrow_mut().push(this.clone()));
    }
}

#[derive(Trace)]
struct Watcher {
    target: RefCell<Weak<Feather>>,
}

#[test]
fn recorded_resurrection_and_weak_clearing() {
    gc_core::collect();
    let p = Cc::new_finalizable(Phoenix {
        other: RefCell::new(None),
    });
    let f = Cc::new(Feather {
        owner: RefCell::new(Some(p.clone())),
    });
    *p.other.borrow_mut() = Some(f.clone());
    let w = Cc::new(Watcher {
        target: RefCell::new(Cc::downgrade(&f)),
    });
    let opts = CaptureOptions::default()
        .label(&AnyCc::from(&p), "phoenix")
        .label(&AnyCc::from(&f), "feather")
        .label(&AnyCc::from(&w), "watcher");
    drop(p);
    drop(f);
    let roots = [("w", AnyCc::from(&w))];
    let c = record_collection(0, &roots, &opts);
    assert_eq!(c.collected, 0);
    let cleared = c
        .frame(Step::ClearWeakrefs)
        .unwrap()
        .edges
        .iter()
        .any(|e| e.weak && e.cleared && e.name.contains("target"));
    assert!(cleared, "{:?}", c.frame(Step::ClearWeakrefs).unwrap().edges);
    let d = c.diagram(
        c.frames
            .iter()
            .position(|f| f.step == Step::HandleResurrected)
            .unwrap(),
    );
    assert!(d
        .nodes
        .iter()
        .any(|n| n.lines.iter().any(|l| l == "resurrected")));
    assert!(w.target.borrow().upgrade().is_none());
    SAVED.with(|s| s.borrow_mut().clear());
    drop(roots);
    gc_core::collect();
}

#[test]
fn dump_heap_by_extension() {
    let (a, opts) = cpython_doc();
    let dir = tempfile::tempdir().unwrap();
    let roots = [("A", AnyCc::from(&a))];
    for ext in ["dot", "svg", "json", "gv", "html"] {
        let path = dir.path().join(format!("heap.{ext}"));
        gc_viz::dump_heap_with(&path, &roots, &opts).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("link_3"), "{ext}");
    }
    let back = Snapshot::from_json(&std::fs::read_to_string(dir.path().join("heap.json")).unwrap())
        .unwrap();
    assert_eq!(counts(&back).len(), 4);
    assert!(matches!(
        gc_viz::dump_heap(dir.path().join("heap.png"), &roots),
        Err(gc_viz::Error::UnsupportedFormat(_))
    ));
    drop(roots);
    drop(a);
    gc_core::collect();
}

/// The DOT of a frame without its title comment (titles carry the frame number).
fn body(dot: &str) -> String {
    dot.lines()
        .filter(|l| !l.trim_start().starts_with("// ") || l.contains("// legend:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn live_cpython_doc_draws_like_the_simulation() {
    // A fresh thread: ids start at 1 there, as in the simulated heap.
    std::thread::spawn(|| {
        let live = gc_viz::live::cpython_doc();
        let simulated = gc_viz::demos::cpython_doc_collection();
        assert_eq!(live.collected, 1);
        for (i, frame) in live.frames.iter().enumerate() {
            let j = simulated
                .frames
                .iter()
                .position(|f| f.step == frame.step)
                .unwrap();
            let a = gc_viz::to_dot(&live.diagram(i), gc_viz::Dialect::Portable);
            let b = gc_viz::to_dot(&simulated.diagram(j), gc_viz::Dialect::Portable);
            assert_eq!(body(&a), body(&b), "{:?}", frame.step);
        }
        // Nothing of the demo is left behind.
        assert!(gc_core::get_objects(None).is_empty());
        let f = gc_viz::live::finalizer();
        assert_eq!(f.collected, 2);
        assert!(f.frame(Step::HandleResurrected).is_some());
        assert!(gc_core::get_objects(None).is_empty());
    })
    .join()
    .unwrap();
}
