//! Adapters from a live gc-core heap to the model: [`Snapshot::capture`],
//! [`Snapshot::from_roots`], [`record_collection`] and [`dump_heap`].
//!
//! # Not perturbing the heap
//!
//! Capturing never collects and never allocates a `Cc`, so it cannot trigger an automatic
//! collection and leaves no tracked object behind. It does hold `AnyCc` handles while it reads
//! (every handle is a strong reference), so it keeps exactly one handle per object until all
//! counts are read and subtracts it from what it reports; all handles are dropped before it
//! returns, which gives every count back (no count reaches zero: each object had an owner
//! before the capture started).
//!
//! The `AnyCc` handles a caller passes as named roots are references too, made only to name
//! the roots: they are not counted either. A snapshot therefore reports the counts the program
//! has without gc-viz's and the roots' handles.

use crate::model::{Edge, NamedRoot, ObjectId, ObjectInfo, Snapshot};
use crate::phase::{Collection, FrameEdge, FrameObject, ListKind, PhaseFrame, Step};
use crate::{Error, Renderer};
use gc_core::observer::{self, PhaseReport};
use gc_core::AnyCc;
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::rc::Rc;

/// What to capture and how to label it.
#[derive(Clone, Debug, Default)]
pub struct CaptureOptions {
    /// Labels drawn instead of type names, by object id (`AnyCc::id()`).
    pub labels: BTreeMap<ObjectId, String>,
    /// Only objects reachable from the named roots (default: every tracked object, and every
    /// untracked one they reach).
    pub only_from_roots: bool,
    /// Include the frozen objects (`gc_core::freeze`) in a full capture.
    pub include_frozen: bool,
}

impl CaptureOptions {
    /// Adds a label for `object`.
    pub fn label(mut self, object: &AnyCc, text: &str) -> Self {
        self.labels.insert(object.id(), text.to_string());
        self
    }
}

impl Snapshot {
    /// Every tracked object of the calling thread's heap (and every untracked object they
    /// reference), without collecting or perturbing it.
    pub fn capture() -> Snapshot {
        Snapshot::capture_with(&[], &CaptureOptions::default())
    }

    /// The objects reachable from `roots` (strong and weak edges), with the roots drawn as
    /// named variables. The handles in `roots` are not counted (see the module docs).
    pub fn from_roots(roots: &[(&str, AnyCc)]) -> Snapshot {
        let opts = CaptureOptions {
            only_from_roots: true,
            ..CaptureOptions::default()
        };
        Snapshot::capture_with(roots, &opts)
    }

    /// The general form of [`Snapshot::capture`] and [`Snapshot::from_roots`].
    pub fn capture_with(roots: &[(&str, AnyCc)], opts: &CaptureOptions) -> Snapshot {
        // One handle per object, in discovery order.
        let mut held: BTreeMap<ObjectId, AnyCc> = BTreeMap::new();
        let mut edges: BTreeMap<ObjectId, Vec<Edge>> = BTreeMap::new();
        let mut queue: VecDeque<ObjectId> = VecDeque::new();
        for (_, r) in roots {
            seed(r.clone(), &mut held, &mut queue);
        }
        if !opts.only_from_roots {
            for any in gc_core::get_objects(None) {
                seed(any, &mut held, &mut queue);
            }
            if opts.include_frozen {
                for any in gc_core::get_frozen_objects() {
                    seed(any, &mut held, &mut queue);
                }
            }
        }
        while let Some(id) = queue.pop_front() {
            let (strong, weak) = match held.get(&id) {
                Some(any) => (any.referents(), any.weak_referents()),
                None => continue,
            };
            let mut out = Vec::with_capacity(strong.len() + weak.len());
            for (name, target) in strong {
                out.push(Edge {
                    name,
                    to: Some(target.id()),
                    weak: false,
                });
                seed(target, &mut held, &mut queue);
            }
            for (name, target) in weak {
                out.push(Edge {
                    name,
                    to: target.as_ref().map(AnyCc::id),
                    weak: true,
                });
                if let Some(t) = target {
                    seed(t, &mut held, &mut queue);
                }
            }
            edges.insert(id, out);
        }
        // Every temporary handle is gone; `held` has one per object, `roots` the caller's.
        let mut root_handles: BTreeMap<ObjectId, usize> = BTreeMap::new();
        for (_, r) in roots {
            *root_handles.entry(r.id()).or_insert(0) += 1;
        }
        let objects = held
            .iter()
            .map(|(&id, any)| {
                let ours = 1 + root_handles.get(&id).copied().unwrap_or(0);
                ObjectInfo {
                    id,
                    type_name: any.type_name().to_string(),
                    label: opts.labels.get(&id).cloned(),
                    strong: any.strong_count().saturating_sub(ours),
                    weak: any.weak_count(),
                    generation: any.generation(),
                    tracked: any.is_tracked(),
                    frozen: any.is_frozen(),
                    finalizable: any.is_finalizable(),
                    finalized: any.is_finalized(),
                    edges: edges.remove(&id).unwrap_or_default(),
                }
            })
            .collect();
        drop(held);
        Snapshot {
            objects,
            roots: roots
                .iter()
                .map(|(name, r)| NamedRoot {
                    name: name.to_string(),
                    target: r.id(),
                })
                .collect(),
        }
    }
}

/// Adds `any` to the captured objects and the work queue unless it is dead or already there.
fn seed(any: AnyCc, held: &mut BTreeMap<ObjectId, AnyCc>, queue: &mut VecDeque<ObjectId>) {
    let id = any.id();
    if !any.is_dead() && !held.contains_key(&id) {
        held.insert(id, any);
        queue.push_back(id);
    }
}

/// Runs one collection of `generation` under gc-core's phase observer and returns a frame per
/// phase, the first being the heap before. `roots` name variables (their handles are not
/// counted); `opts.labels` label objects. This replaces the thread's observer and clears it
/// afterwards.
///
/// Frames show the candidates as the observer reports them, plus the other objects of the heap
/// (older generations, untracked objects) so that references from them, which count as
/// outside references, are visible.
pub fn record_collection(
    generation: usize,
    roots: &[(&str, AnyCc)],
    opts: &CaptureOptions,
) -> Collection {
    let generation = generation.min(2);
    let before = Snapshot::capture_with(roots, opts);
    let reports: Rc<RefCell<Vec<PhaseReport>>> = Rc::new(RefCell::new(Vec::new()));
    let sink = reports.clone();
    observer::set(move |r: &PhaseReport| sink.borrow_mut().push(r.clone()));
    let collected = gc_core::collect_generation(generation);
    observer::clear();
    let after = Snapshot::capture_with(roots, opts);
    let reports = reports.take();

    let mut root_handles: BTreeMap<ObjectId, isize> = BTreeMap::new();
    for (_, r) in roots {
        *root_handles.entry(r.id()).or_insert(0) += 1;
    }
    let mut frames = vec![heap_frame(&before, generation)];
    for report in &reports {
        frames.push(frame_from_report(
            report,
            &before,
            &after,
            &root_handles,
            opts,
        ));
    }
    Collection {
        generation,
        frames,
        roots: before.roots.clone(),
        collected,
    }
}

/// The `Step::Heap` frame of a recorded collection.
fn heap_frame(snap: &Snapshot, generation: usize) -> PhaseFrame {
    let objects = snap
        .objects
        .iter()
        .map(|o| {
            let candidate = o.tracked && !o.frozen && o.generation.is_some_and(|g| g <= generation);
            FrameObject {
                id: o.id,
                type_name: o.type_name.clone(),
                label: o.label.clone(),
                strong: o.strong,
                gc_refs: None,
                list: if candidate {
                    ListKind::Young
                } else {
                    other_list(o)
                },
                finalizable: o.finalizable,
                finalized: o.finalized,
                generation: o.generation,
            }
        })
        .collect();
    PhaseFrame {
        step: Step::Heap,
        generation,
        objects,
        edges: snapshot_edges(snap, |_| true, |_| false),
    }
}

/// The list of an object that is not a candidate.
fn other_list(o: &ObjectInfo) -> ListKind {
    match (o.tracked && !o.frozen, o.generation) {
        (true, Some(g)) => ListKind::Old(g),
        _ => ListKind::Untracked,
    }
}

/// Edges of `snap` from objects `keep_from` accepts, weak ones marked cleared when `cleared`
/// says their target was.
fn snapshot_edges(
    snap: &Snapshot,
    keep_from: impl Fn(ObjectId) -> bool,
    cleared: impl Fn(ObjectId) -> bool,
) -> Vec<FrameEdge> {
    let mut out = Vec::new();
    for o in snap.objects.iter().filter(|o| keep_from(o.id)) {
        for e in &o.edges {
            if let Some(to) = e.to {
                out.push(FrameEdge {
                    from: o.id,
                    to,
                    name: e.name.clone(),
                    internal: false,
                    weak: e.weak,
                    cleared: e.weak && cleared(to),
                });
            }
        }
    }
    out
}

/// Converts gc-core's list kind.
fn list_kind(l: observer::ListKind) -> ListKind {
    match l {
        observer::ListKind::Young => ListKind::Young,
        observer::ListKind::Unreachable => ListKind::Unreachable,
        observer::ListKind::Old(g) => ListKind::Old(g),
        observer::ListKind::Garbage => ListKind::Garbage,
        observer::ListKind::Freed => ListKind::Freed,
        observer::ListKind::Untracked => ListKind::Untracked,
    }
}

/// Converts gc-core's step.
fn step_of(s: observer::Step) -> Step {
    match s {
        observer::Step::UpdateRefs => Step::UpdateRefs,
        observer::Step::SubtractRefs => Step::SubtractRefs,
        observer::Step::MoveUnreachable => Step::MoveUnreachable,
        observer::Step::ClearWeakrefs => Step::ClearWeakrefs,
        observer::Step::Finalize => Step::Finalize,
        observer::Step::HandleResurrected => Step::HandleResurrected,
        observer::Step::DeleteGarbage => Step::DeleteGarbage,
        observer::Step::Promote => Step::Promote,
    }
}

/// One observer report as a frame: the candidates as reported (root handles discounted), the
/// other objects from the snapshot before (or after, once garbage is torn down), the
/// candidates' strong edges as reported plus the weak edges and the other objects' edges.
fn frame_from_report(
    report: &PhaseReport,
    before: &Snapshot,
    after: &Snapshot,
    root_handles: &BTreeMap<ObjectId, isize>,
    opts: &CaptureOptions,
) -> PhaseFrame {
    let step = step_of(report.step);
    let torn_down = matches!(step, Step::DeleteGarbage | Step::Promote);
    let candidates: BTreeMap<ObjectId, ListKind> = report
        .objects
        .iter()
        .map(|o| (o.id, list_kind(o.list)))
        .collect();
    let mut objects: Vec<FrameObject> = report
        .objects
        .iter()
        .map(|o| {
            let handles = root_handles.get(&o.id).copied().unwrap_or(0);
            FrameObject {
                id: o.id,
                type_name: o.type_name.to_string(),
                label: opts.labels.get(&o.id).cloned(),
                strong: (o.strong as isize - handles).max(0) as usize,
                gc_refs: o.gc_refs.map(|r| r - handles),
                list: list_kind(o.list),
                finalizable: o.finalizable,
                finalized: o.finalized,
                generation: before.get(o.id).and_then(|b| b.generation),
            }
        })
        .collect();
    let others = if torn_down { after } else { before };
    for o in others
        .objects
        .iter()
        .filter(|o| !candidates.contains_key(&o.id))
    {
        objects.push(FrameObject {
            id: o.id,
            type_name: o.type_name.clone(),
            label: o.label.clone(),
            strong: o.strong,
            gc_refs: None,
            list: other_list(o),
            finalizable: o.finalizable,
            finalized: o.finalized,
            generation: before.get(o.id).and_then(|b| b.generation).or(o.generation),
        });
    }
    objects.sort_by_key(|o| o.id);
    let gone = |id: ObjectId| {
        matches!(
            candidates.get(&id),
            Some(ListKind::Unreachable | ListKind::Freed | ListKind::Garbage)
        )
    };
    let clearing = !matches!(
        step,
        Step::UpdateRefs | Step::SubtractRefs | Step::MoveUnreachable
    );
    let mut edges: Vec<FrameEdge> = report
        .edges
        .iter()
        .map(|e| FrameEdge {
            from: e.from,
            to: e.to,
            name: e.name.clone(),
            internal: e.internal,
            weak: false,
            cleared: false,
        })
        .collect();
    // Weak edges of live candidates, from the snapshot before.
    for e in snapshot_edges(
        before,
        |id| candidates.get(&id).is_some_and(|l| *l != ListKind::Freed),
        |to| clearing && gone(to),
    ) {
        if e.weak {
            edges.push(e);
        }
    }
    // Edges of the other objects.
    edges.extend(snapshot_edges(
        others,
        |id| !candidates.contains_key(&id),
        |to| clearing && gone(to),
    ));
    PhaseFrame {
        step,
        generation: report.generation,
        objects,
        edges,
    }
}

/// Writes a picture of the calling thread's heap to `path`, by extension: `.dot`, `.svg`
/// (Graphviz when `dot` is on PATH, else layout-rs), `.json`, `.gv` (Graphviz DOT) or `.html`
/// (a page with the SVG). `roots` name variables and are drawn as such (their handles are not
/// counted). Never collects.
///
/// ```no_run
/// # use gc_core::{Cc, Trace, AnyCc};
/// # #[derive(Trace)] struct Node { next: std::cell::RefCell<Option<Cc<Node>>> }
/// let head = Cc::new(Node { next: Default::default() });
/// gc_viz::dump_heap("heap.svg", &[("head", AnyCc::from(&head))]).unwrap();
/// ```
pub fn dump_heap(path: impl AsRef<Path>, roots: &[(&str, AnyCc)]) -> Result<(), Error> {
    dump_heap_with(path, roots, &CaptureOptions::default())
}

/// [`dump_heap`] with labels and a choice of objects.
pub fn dump_heap_with(
    path: impl AsRef<Path>,
    roots: &[(&str, AnyCc)],
    opts: &CaptureOptions,
) -> Result<(), Error> {
    let snap = Snapshot::capture_with(roots, opts);
    let path = path.as_ref();
    // DOT stays in the portable dialect (the same on every machine); pictures use Graphviz
    // when it is there, which also lifts layout-rs's size limit.
    let renderer = match path.extension().and_then(|e| e.to_str()) {
        Some("svg" | "html") => Renderer::Auto,
        _ => Renderer::Layout,
    };
    crate::write_snapshot(&snap, None, path, renderer)
}
