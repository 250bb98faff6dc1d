//! Built-in demos: the pictures a newcomer expects (the tutorial's examples and CPython's own
//! documented collector example), built on the snapshot model and the simulated collection so
//! they are the same on every machine.

use crate::diagram::{Diagram, SnapshotStyle};
use crate::model::{ObjectId, Snapshot, SnapshotBuilder};
use crate::phase::{simulate, Collection, SimOptions, Step};

/// One picture of a demo.
#[derive(Clone, Debug)]
pub struct DemoFrame {
    /// File-name part (`subtract_refs`, `y_equals_x`).
    pub slug: String,
    /// The picture.
    pub diagram: Diagram,
    /// The heap the picture shows, as a snapshot (frames that draw a heap: the tutorials'
    /// steps and the heap before a collection; `None` for the phases of a collection). Written
    /// as `NN-slug.json` and into `frames.json`, so `gc-viz query` and `draw` can read it.
    pub heap: Option<Snapshot>,
}

/// A demo: a name, what it shows, and how to build its frames.
#[derive(Clone, Copy, Debug)]
pub struct Demo {
    /// Name on the command line.
    pub name: &'static str,
    /// One-line summary (`gc-viz demo --list`).
    pub summary: &'static str,
    /// Builds the frames.
    build: fn() -> Vec<DemoFrame>,
}

impl Demo {
    /// The frames, in order.
    pub fn frames(&self) -> Vec<DemoFrame> {
        (self.build)()
    }
}

/// Every demo, in listing order.
pub const DEMOS: &[Demo] = &[
    Demo {
        name: "cpython-doc",
        summary: "CPython's documented example: link_1 -> link_2 -> link_3 -> link_1 held through link_1, and a self-referencing link_4; one collection, phase by phase",
        build: cpython_doc,
    },
    Demo {
        name: "names",
        summary: "Tutorial 1: names point at objects (x = 10; y = x; x = x + 1; z = 10)",
        build: names,
    },
    Demo {
        name: "stack-frames",
        summary: "Tutorial 2: frames on the stack, objects on the heap; objects freed as frames pop",
        build: stack_frames,
    },
    Demo {
        name: "self-ref",
        summary: "Tutorials 3 and 4: a Car instance referring to itself outlives its last name until the collector frees it",
        build: self_ref,
    },
    Demo {
        name: "finalizer",
        summary: "A garbage cycle with a finalizer that resurrects its object, and a weak reference that is cleared",
        build: finalizer,
    },
    Demo {
        name: "generations",
        summary: "Collecting generation 0 while an old object points into it: references from older generations count as outside",
        build: generations,
    },
];

/// The demo with this name.
pub fn find(name: &str) -> Option<&'static Demo> {
    DEMOS.iter().find(|d| d.name == name)
}

/// The frames of a collection, after `first_number` frames that come before it (titles count
/// from 1, as the HTML stepper does); `skip_heap` leaves out the heap-before frame.
pub fn collection_frames(c: &Collection, skip_heap: bool, first_number: usize) -> Vec<DemoFrame> {
    let mut out = Vec::new();
    for (i, frame) in c.frames.iter().enumerate() {
        if skip_heap && frame.step == Step::Heap {
            continue;
        }
        let mut diagram = c.diagram(i);
        // Numbered from 1, as the stepper counts ("4 / 9").
        let n = first_number + out.len() + 1;
        diagram.title = Some(format!(
            "{n:02} {} (collecting generation {})",
            frame.step.slug(),
            c.generation
        ));
        out.push(DemoFrame {
            slug: frame.step.slug().to_string(),
            diagram,
            heap: (frame.step == Step::Heap).then(|| frame.to_snapshot(&c.roots)),
        });
    }
    out
}

/// A snapshot frame with a title and explanation.
fn snapshot_frame(n: usize, slug: &str, code: &str, text: &str, snap: &Snapshot) -> DemoFrame {
    let mut diagram = Diagram::from_snapshot(
        snap,
        &SnapshotStyle {
            title: Some(format!("{:02} {code}", n + 1)),
            no_legend: false,
        },
    );
    diagram.description = Some(text.to_string());
    DemoFrame {
        slug: slug.to_string(),
        diagram,
        heap: Some(snap.clone()),
    }
}

/// The heap of CPython's garbage-collector documentation example.
pub fn cpython_doc_heap() -> Snapshot {
    let mut b = SnapshotBuilder::new();
    let l: Vec<ObjectId> = (1..=4)
        .map(|i| b.object("Link", &format!("link_{i}")))
        .collect();
    b.edge(l[0], "next_link", l[1])
        .edge(l[1], "next_link", l[2])
        .edge(l[2], "next_link", l[0])
        .edge(l[3], "next_link", l[3])
        .root("A", l[0]);
    b.build()
}

/// The collection of [`cpython_doc_heap`], simulated.
pub fn cpython_doc_collection() -> Collection {
    simulate(&cpython_doc_heap(), 0, &SimOptions::default())
}

/// Frames of the `cpython-doc` demo.
fn cpython_doc() -> Vec<DemoFrame> {
    collection_frames(&cpython_doc_collection(), false, 0)
}

/// Frames of the `names` demo.
fn names() -> Vec<DemoFrame> {
    let steps: [(&str, &str, &str); 4] = [
        (
            "x_equals_10",
            "x = 10",
            "x = 10 creates an int object 10 and binds the name x to it: one reference.",
        ),
        (
            "y_equals_x",
            "y = x",
            "y = x binds a second name to the same object; its reference count is now 2.",
        ),
        (
            "x_plus_1",
            "x = x + 1",
            "x = x + 1 creates a new object 11 and rebinds x; 10 keeps one reference (y).",
        ),
        (
            "z_equals_10",
            "z = 10",
            "z = 10 binds z to the existing 10 (small ints are shared): its count is 2 again.",
        ),
    ];
    let mut out = Vec::new();
    for (n, (slug, code, text)) in steps.iter().enumerate() {
        let mut b = SnapshotBuilder::new();
        let ten = b.untracked("int", "10");
        let eleven = (n >= 2).then(|| b.untracked("int", "11"));
        match (n, eleven) {
            (0, _) => {
                b.root("x", ten);
            }
            (1, _) => {
                b.root("x", ten).root("y", ten);
            }
            (2, Some(e)) => {
                b.root("x", e).root("y", ten);
            }
            (_, Some(e)) => {
                b.root("x", e).root("y", ten).root("z", ten);
            }
            _ => {}
        }
        out.push(snapshot_frame(n, slug, code, text, &b.build()));
    }
    out
}

/// Frames of the `stack-frames` demo.
fn stack_frames() -> Vec<DemoFrame> {
    // (slug, code, explanation, objects alive (5, 10, 11), roots as (frame slot, object index))
    type Row = (
        &'static str,
        &'static str,
        &'static str,
        [bool; 3],
        &'static [(&'static str, usize)],
    );
    let steps: [Row; 7] = [
        ("main", "main: y = 5", "main's frame holds the name y, bound to the object 5 on the heap.", [true, false, false], &[("main: y", 0)]),
        ("call_f1", "f1(y)", "Calling f1 pushes a frame; its parameter x is one more reference to 5.", [true, false, false], &[("main: y", 0), ("f1: x", 0)]),
        ("f1_double", "f1: x = x * 2", "x * 2 is a new object 10; f1's x now points at it.", [true, true, false], &[("main: y", 0), ("f1: x", 1)]),
        ("call_f2", "f2(x)", "Calling f2 pushes another frame; f2's x is a second reference to 10.", [true, true, false], &[("main: y", 0), ("f1: x", 1), ("f2: x", 1)]),
        ("f2_add", "f2: x = x + 1", "x + 1 is a new object 11, bound to f2's x.", [true, true, true], &[("main: y", 0), ("f1: x", 1), ("f2: x", 2)]),
        ("return_f2", "return from f2", "f2's frame is popped: 11 loses its last reference and is freed at once (reference counting).", [true, true, false], &[("main: y", 0), ("f1: x", 1)]),
        ("return_f1", "return from f1", "f1's frame is popped: 10 is freed the same way. No collector was needed.", [true, false, false], &[("main: y", 0)]),
    ];
    let mut out = Vec::new();
    for (n, (slug, code, text, alive, roots)) in steps.iter().enumerate() {
        let mut b = SnapshotBuilder::new();
        let mut ids = [None; 3];
        for (k, value) in ["5", "10", "11"].iter().enumerate() {
            if alive[k] {
                ids[k] = Some(b.untracked("int", value));
            }
        }
        for (name, k) in roots.iter() {
            if let Some(id) = ids[*k] {
                b.root(name, id);
            }
        }
        out.push(snapshot_frame(n, slug, code, text, &b.build()));
    }
    out
}

/// Frames of the `self-ref` demo.
fn self_ref() -> Vec<DemoFrame> {
    let build = |with_self: bool, with_name: bool| {
        let mut b = SnapshotBuilder::new();
        let car = b.object("Car", "Car instance");
        let four = b.untracked("int", "4");
        b.edge(car, "wheels", four);
        if with_self {
            b.edge(car, "me", car);
        }
        if with_name {
            b.root("c", car);
        }
        b.build()
    };
    let mut out = vec![
        snapshot_frame(0, "car", "c = Car(4)", "self.wheels = w stores the attribute with the instance on the heap; c is the only name for the instance.", &build(false, true)),
        snapshot_frame(1, "self_reference", "c.me = c", "The instance now refers to itself: its count is 2 (c and c.me).", &build(true, true)),
    ];
    let garbage = build(true, false);
    out.push(snapshot_frame(2, "del_c", "del c", "The last name is gone, but the count stays at 1 because of c.me: reference counting alone never frees it.", &garbage));
    let c = simulate(&garbage, 0, &SimOptions::default());
    out.extend(collection_frames(&c, true, 3));
    out
}

/// Frames of the `finalizer` demo.
fn finalizer() -> Vec<DemoFrame> {
    let mut b = SnapshotBuilder::new();
    let phoenix = b.object("Phoenix", "phoenix");
    let feather = b.object("Feather", "feather");
    let husk = b.object("Husk", "husk");
    let nest = b.object("Husk", "nest");
    let watcher = b.object("Watcher", "watcher");
    b.edge(phoenix, "feather", feather)
        .edge(feather, "owner", phoenix)
        .finalizable(phoenix);
    b.edge(husk, "nest", nest).edge(nest, "husk", husk);
    b.weak_edge(watcher, "target", husk).root("w", watcher);
    let snap = b.build();
    let c = simulate(
        &snap,
        0,
        &SimOptions {
            resurrect: vec![phoenix],
            saveall: false,
        },
    );
    collection_frames(&c, false, 0)
}

/// Frames of the `generations` demo.
fn generations() -> Vec<DemoFrame> {
    let mut b = SnapshotBuilder::new();
    let registry = b.object("Registry", "registry");
    let entry = b.object("Entry", "entry");
    let a = b.object("Node", "a");
    let bb = b.object("Node", "b");
    let cache = b.object("Cache", "cache");
    b.generation(registry, 2).generation(cache, 1);
    b.edge(registry, "items[0]", entry)
        .edge(entry, "registry", registry);
    b.edge(a, "peer", bb).edge(bb, "peer", a);
    b.edge(cache, "last", entry)
        .root("REGISTRY", registry)
        .root("CACHE", cache);
    let c = simulate(&b.build(), 0, &SimOptions::default());
    collection_frames(&c, false, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_builds_frames_with_legends() {
        for d in DEMOS {
            let frames = d.frames();
            assert!(!frames.is_empty(), "{}", d.name);
            for f in frames {
                assert!(!f.diagram.legend.is_empty(), "{} {}", d.name, f.slug);
                assert!(f.diagram.title.is_some());
            }
        }
    }

    #[test]
    fn find_demo() {
        assert!(find("cpython-doc").is_some());
        assert!(find("nope").is_none());
    }
}
