//! Phase frames: the state of a collection after each of its phases, and how to draw it.
//!
//! [`PhaseFrame`] mirrors gc-core's `observer::PhaseReport` (same steps, same list kinds), with
//! a few additions the observer does not report but a picture needs: user labels, the
//! generation before the collection, weak edges, named roots. A [`Collection`] comes either
//! from a live gc-core collection (`record_collection`, in the `capture` module) or from
//! [`simulate`], which runs CPython's algorithm on a [`Snapshot`]: the demos and golden tests
//! use the simulation, so they do not depend on the state of any real heap.
//!
//! The phases, as CPython's `gc_collect_main` runs them on the candidates (the tracked objects
//! of the generations being collected):
//! 1. `update_refs`: `gc_refs = refcount` for every candidate.
//! 2. `subtract_refs`: for every edge between two candidates, `gc_refs(target) -= 1`. What is
//!    left counts references from outside the candidates; 0 means *tentatively unreachable*.
//! 3. `move_unreachable`: everything reachable from a candidate with `gc_refs > 0` is alive
//!    (objects that had 0 are *rescued*); the rest is unreachable.
//! 4. weak references to unreachable objects are cleared;
//! 5. finalizers of unreachable objects run (at most once per object);
//! 6. reachability is checked again: objects a finalizer made reachable are *resurrected*;
//! 7. the remaining unreachable objects are torn down (or kept under `SAVEALL`);
//! 8. the final state: survivors (resurrected ones included) joined the next generation right
//!    after step 3, as CPython merges them before dealing with the unreachable set.

use crate::diagram::{
    edges_legend, finalizer_line, identity_lines, object_key, outside_arrow, outside_node, palette,
    Arrow, Diagram, LegendEntry, Node, NodeKind,
};
use crate::model::{NamedRoot, ObjectId, Snapshot};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// A phase of a collection (gc-core's `observer::Step`), plus `Heap` for the state before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    /// The heap before the collection (not an observer step).
    Heap,
    /// `gc_refs = refcount`.
    UpdateRefs,
    /// Internal references subtracted.
    SubtractRefs,
    /// Reachable and unreachable separated.
    MoveUnreachable,
    /// Weak references to unreachable objects cleared.
    ClearWeakrefs,
    /// Finalizers ran.
    Finalize,
    /// Resurrected objects moved back.
    HandleResurrected,
    /// Garbage torn down.
    DeleteGarbage,
    /// Survivors promoted.
    Promote,
}

impl Step {
    /// File-name part: `subtract_refs`.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Heap => "heap",
            Step::UpdateRefs => "update_refs",
            Step::SubtractRefs => "subtract_refs",
            Step::MoveUnreachable => "move_unreachable",
            Step::ClearWeakrefs => "clear_weakrefs",
            Step::Finalize => "finalize",
            Step::HandleResurrected => "handle_resurrected",
            Step::DeleteGarbage => "delete_garbage",
            Step::Promote => "promote",
        }
    }

    /// What the phase does, in a sentence or two (the HTML caption).
    pub fn explanation(self) -> &'static str {
        match self {
            Step::Heap => "The heap before the collection: every object with its reference count and generation. Dashed blue arrows are references from outside the heap's objects (variables, the stack).",
            Step::UpdateRefs => "update_refs: every candidate (a tracked object of the generations being collected) copies its reference count into gc_refs.",
            Step::SubtractRefs => "subtract_refs: for every reference between two candidates (orange), the target's gc_refs goes down by one. What is left counts references from outside; objects left at 0 are tentatively unreachable (grey).",
            Step::MoveUnreachable => "move_unreachable: everything reachable from a candidate with gc_refs > 0 is alive. Tentatively unreachable objects reached this way are rescued (green); the rest is unreachable (red).",
            Step::ClearWeakrefs => "Weak references to unreachable objects are cleared before any finalizer runs, so no finalizer can see a half-dead object through one.",
            Step::Finalize => "Finalizers of unreachable objects run, at most once in each object's life, while every unreachable object is still intact.",
            Step::HandleResurrected => "Reachability is computed again: an object a finalizer made reachable from outside (resurrected, yellow) survives with everything it reaches.",
            Step::DeleteGarbage => "The remaining unreachable objects are torn down: their references are dropped, which breaks the cycles, and their memory is freed.",
            Step::Promote => "The final state. Survivors, resurrected objects included, joined the next older generation right after move_unreachable (generation 2 stays in 2), where they are examined less often.",
        }
    }
}

/// Where an object is during a collection (gc-core's `observer::ListKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListKind {
    /// A candidate, reachable so far.
    Young,
    /// Unreachable.
    Unreachable,
    /// In a generation that is not being collected, or promoted into it.
    Old(usize),
    /// Kept in `gc_core::garbage()` (`SAVEALL`).
    Garbage,
    /// Torn down.
    Freed,
    /// Not tracked by the collector.
    Untracked,
}

/// One object in a frame (gc-core's `observer::ObjectState` plus label and generation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameObject {
    /// Id (`AnyCc::id()`).
    pub id: ObjectId,
    /// Type name.
    pub type_name: String,
    /// User label.
    #[serde(default)]
    pub label: Option<String>,
    /// Strong count at this point.
    pub strong: usize,
    /// gc_refs, while the collector keeps one for this object.
    #[serde(default)]
    pub gc_refs: Option<isize>,
    /// Where it is.
    pub list: ListKind,
    /// Created with `new_finalizable`.
    #[serde(default)]
    pub finalizable: bool,
    /// Its finalizer has run.
    #[serde(default)]
    pub finalized: bool,
    /// Generation before the collection (`None`: untracked or frozen).
    #[serde(default)]
    pub generation: Option<usize>,
}

/// One edge in a frame (gc-core's `observer::EdgeState` plus weak edges).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameEdge {
    /// Source id.
    pub from: ObjectId,
    /// Target id.
    pub to: ObjectId,
    /// Field name.
    pub name: String,
    /// Both ends are candidates of this collection.
    #[serde(default)]
    pub internal: bool,
    /// A weak edge.
    #[serde(default)]
    pub weak: bool,
    /// A weak edge the collector has cleared.
    #[serde(default)]
    pub cleared: bool,
}

/// The state after one phase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseFrame {
    /// Which phase just ran.
    pub step: Step,
    /// The generation being collected.
    pub generation: usize,
    /// Objects, by id.
    pub objects: Vec<FrameObject>,
    /// Edges.
    pub edges: Vec<FrameEdge>,
}

impl PhaseFrame {
    /// The heap of this frame as a [`Snapshot`] (counts, generations, flags and edges as the
    /// frame has them; weak counts from the weak edges; nothing is frozen).
    pub fn to_snapshot(&self, roots: &[NamedRoot]) -> Snapshot {
        let mut weak: BTreeMap<ObjectId, usize> = BTreeMap::new();
        for e in self.edges.iter().filter(|e| e.weak && !e.cleared) {
            *weak.entry(e.to).or_insert(0) += 1;
        }
        let mut edges: BTreeMap<ObjectId, Vec<crate::model::Edge>> = BTreeMap::new();
        for e in &self.edges {
            edges.entry(e.from).or_default().push(crate::model::Edge {
                name: e.name.clone(),
                to: if e.cleared { None } else { Some(e.to) },
                weak: e.weak,
            });
        }
        let mut snap = Snapshot {
            objects: self
                .objects
                .iter()
                .map(|o| crate::model::ObjectInfo {
                    id: o.id,
                    type_name: o.type_name.clone(),
                    label: o.label.clone(),
                    strong: o.strong,
                    weak: weak.get(&o.id).copied().unwrap_or(0),
                    generation: o.generation,
                    tracked: o.list != ListKind::Untracked,
                    frozen: false,
                    finalizable: o.finalizable,
                    finalized: o.finalized,
                    edges: edges.remove(&o.id).unwrap_or_default(),
                })
                .collect(),
            roots: roots.to_vec(),
        };
        snap.normalize();
        snap
    }
}

/// A whole collection, frame by frame.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collection {
    /// The generation collected.
    pub generation: usize,
    /// Frames, in phase order (the first is usually `Step::Heap`).
    pub frames: Vec<PhaseFrame>,
    /// Named roots, drawn as variables in every frame.
    #[serde(default)]
    pub roots: Vec<NamedRoot>,
    /// Objects disposed of (the value `collect()` returns).
    pub collected: usize,
}

/// What the simulation cannot know from a snapshot: what finalizers do.
#[derive(Clone, Debug, Default)]
pub struct SimOptions {
    /// Objects whose finalizer stores a reference to the object itself somewhere outside
    /// (resurrection, as `__del__` assigning `self` to a global).
    pub resurrect: Vec<ObjectId>,
    /// `DebugFlags::SAVEALL`: keep garbage in `garbage()` instead of tearing it down.
    pub saveall: bool,
}

/// Runs CPython's collection of `generation` on a snapshot, without touching any real heap,
/// and returns a frame per phase (the first frame is the heap before).
pub fn simulate(snap: &Snapshot, generation: usize, opts: &SimOptions) -> Collection {
    let generation = generation.min(2);
    let is_candidate = |o: &crate::model::ObjectInfo| {
        o.tracked && !o.frozen && o.generation.is_some_and(|g| g <= generation)
    };
    let candidates: BTreeSet<ObjectId> = snap
        .objects
        .iter()
        .filter(|o| is_candidate(o))
        .map(|o| o.id)
        .collect();
    let mut objects: Vec<FrameObject> = snap
        .objects
        .iter()
        .map(|o| FrameObject {
            id: o.id,
            type_name: o.type_name.clone(),
            label: o.label.clone(),
            strong: o.strong,
            gc_refs: None,
            list: if candidates.contains(&o.id) {
                ListKind::Young
            } else if o.tracked && !o.frozen {
                ListKind::Old(o.generation.unwrap_or(2))
            } else {
                ListKind::Untracked
            },
            finalizable: o.finalizable,
            finalized: o.finalized,
            generation: o.generation,
        })
        .collect();
    let mut edges: Vec<FrameEdge> = Vec::new();
    for o in &snap.objects {
        for e in &o.edges {
            if let Some(to) = e.to {
                edges.push(FrameEdge {
                    from: o.id,
                    to,
                    name: e.name.clone(),
                    internal: !e.weak && candidates.contains(&o.id) && candidates.contains(&to),
                    weak: e.weak,
                    cleared: false,
                });
            }
        }
    }
    let index: BTreeMap<ObjectId, usize> =
        objects.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
    let mut frames = Vec::new();
    let snapshot_frame =
        |step: Step, objects: &Vec<FrameObject>, edges: &Vec<FrameEdge>| PhaseFrame {
            step,
            generation,
            objects: objects.clone(),
            edges: edges.clone(),
        };
    frames.push(snapshot_frame(Step::Heap, &objects, &edges));

    // update_refs
    for o in objects.iter_mut().filter(|o| candidates.contains(&o.id)) {
        o.gc_refs = Some(o.strong as isize);
    }
    frames.push(snapshot_frame(Step::UpdateRefs, &objects, &edges));

    // subtract_refs
    for e in edges.iter().filter(|e| e.internal) {
        if let Some(r) = objects[index[&e.to]].gc_refs.as_mut() {
            *r -= 1;
        }
    }
    frames.push(snapshot_frame(Step::SubtractRefs, &objects, &edges));

    // move_unreachable
    let reachable = reach(
        objects
            .iter()
            .filter(|o| o.gc_refs.is_some_and(|r| r > 0))
            .map(|o| o.id),
        &edges,
        &candidates,
    );
    let mut unreachable: BTreeSet<ObjectId> = BTreeSet::new();
    for o in objects.iter_mut().filter(|o| candidates.contains(&o.id)) {
        if !reachable.contains(&o.id) {
            o.list = ListKind::Unreachable;
            unreachable.insert(o.id);
        }
        // gc_refs means nothing once the split is made (gc-core's observer stops reporting it).
        o.gc_refs = None;
    }
    frames.push(snapshot_frame(Step::MoveUnreachable, &objects, &edges));
    // As CPython does, the survivors join the next older generation right away, before the
    // unreachable set is dealt with.
    let target = (generation + 1).min(2);
    for o in objects.iter_mut() {
        if o.list == ListKind::Young {
            o.list = ListKind::Old(target);
        }
    }

    // clear weak references into the unreachable set
    for e in edges.iter_mut() {
        if e.weak && unreachable.contains(&e.to) {
            e.cleared = true;
        }
    }
    frames.push(snapshot_frame(Step::ClearWeakrefs, &objects, &edges));

    // finalize
    for &id in &unreachable {
        let o = &mut objects[index[&id]];
        if o.finalizable && !o.finalized {
            o.finalized = true;
            if opts.resurrect.contains(&id) {
                // The finalizer stored a reference to its object outside the heap.
                o.strong += 1;
            }
        }
    }
    frames.push(snapshot_frame(Step::Finalize, &objects, &edges));

    // handle_resurrected: gc_refs again, restricted to the unreachable set.
    let mut outside_now: BTreeMap<ObjectId, isize> = unreachable
        .iter()
        .map(|id| (*id, objects[index[id]].strong as isize))
        .collect();
    for e in edges.iter().filter(|e| !e.weak) {
        if unreachable.contains(&e.from) {
            if let Some(r) = outside_now.get_mut(&e.to) {
                *r -= 1;
            }
        }
    }
    let resurrected = reach(
        outside_now
            .iter()
            .filter(|(_, r)| **r > 0)
            .map(|(id, _)| *id),
        &edges,
        &unreachable,
    );
    for &id in &resurrected {
        objects[index[&id]].list = ListKind::Old(target);
    }
    let garbage: BTreeSet<ObjectId> = unreachable.difference(&resurrected).copied().collect();
    frames.push(snapshot_frame(Step::HandleResurrected, &objects, &edges));

    // delete_garbage: tear down (or keep under SAVEALL).
    for &id in &garbage {
        objects[index[&id]].list = if opts.saveall {
            ListKind::Garbage
        } else {
            ListKind::Freed
        };
    }
    if !opts.saveall {
        for e in edges
            .iter()
            .filter(|e| !e.weak && garbage.contains(&e.from))
        {
            let t = &mut objects[index[&e.to]];
            t.strong = t.strong.saturating_sub(1);
        }
        edges.retain(|e| !garbage.contains(&e.from));
        for &id in &garbage {
            objects[index[&id]].strong = 0;
        }
    }
    frames.push(snapshot_frame(Step::DeleteGarbage, &objects, &edges));

    // The final state (survivors were promoted after move_unreachable).
    frames.push(snapshot_frame(Step::Promote, &objects, &edges));

    Collection {
        generation,
        frames,
        roots: snap.roots.clone(),
        collected: garbage.len(),
    }
}

/// Everything reachable from `start` over strong edges that stay inside `within`.
fn reach(
    start: impl Iterator<Item = ObjectId>,
    edges: &[FrameEdge],
    within: &BTreeSet<ObjectId>,
) -> BTreeSet<ObjectId> {
    let mut out: BTreeMap<ObjectId, Vec<ObjectId>> = BTreeMap::new();
    for e in edges.iter().filter(|e| !e.weak) {
        out.entry(e.from).or_default().push(e.to);
    }
    let mut seen: BTreeSet<ObjectId> = BTreeSet::new();
    let mut queue: VecDeque<ObjectId> = start.filter(|s| within.contains(s)).collect();
    seen.extend(queue.iter().copied());
    while let Some(id) = queue.pop_front() {
        for &t in out.get(&id).map(Vec::as_slice).unwrap_or(&[]) {
            if within.contains(&t) && seen.insert(t) {
                queue.push_back(t);
            }
        }
    }
    seen
}

/// How an object is drawn in a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Look {
    /// Colour of its generation (before collection, or not a candidate).
    Generation(Option<usize>),
    /// A candidate, reachable so far.
    Candidate,
    /// gc_refs 0 after subtract_refs.
    Tentative,
    /// Tentatively unreachable, then reached.
    Rescued,
    /// Unreachable.
    Garbage,
    /// Made reachable by a finalizer.
    Resurrected,
    /// Torn down.
    Freed,
    /// Kept in `garbage()`.
    Saved,
    /// Survivor moved to a generation.
    Promoted(usize),
    /// Resurrected, and now in a generation (the final frame).
    Revived(usize),
    /// In an older generation that this collection does not examine.
    NotCollected(usize),
}

impl Look {
    /// Fill colour, status line and legend text.
    fn describe(self) -> (&'static str, String, String) {
        match self {
            Look::Generation(Some(g)) => (
                palette::generation(Some(g)),
                format!("gen {g}"),
                format!("gen {g}{}", if g == 0 { " (young)" } else { "" }),
            ),
            Look::Generation(None) => (
                palette::UNTRACKED,
                "untracked".into(),
                "untracked (never in a cycle)".into(),
            ),
            Look::Candidate => (
                palette::CANDIDATE,
                "candidate".into(),
                "candidate, reachable so far".into(),
            ),
            Look::Tentative => (
                palette::TENTATIVE,
                "tentatively unreachable".into(),
                "tentatively unreachable (gc_refs 0)".into(),
            ),
            Look::Rescued => (
                palette::RESCUED,
                "rescued".into(),
                "rescued: reached from a live object".into(),
            ),
            Look::Garbage => (
                palette::GARBAGE,
                "unreachable".into(),
                "unreachable (garbage)".into(),
            ),
            Look::Resurrected => (
                palette::RESURRECTED,
                "resurrected".into(),
                "resurrected by a finalizer".into(),
            ),
            Look::Freed => (palette::FREED, "freed".into(), "freed".into()),
            Look::Saved => (
                palette::GARBAGE,
                "kept in garbage()".into(),
                "kept in garbage() (SAVEALL)".into(),
            ),
            Look::Revived(g) => (
                palette::RESURRECTED,
                format!("resurrected, now gen {g}"),
                format!("resurrected, promoted to gen {g}"),
            ),
            Look::NotCollected(g) => (
                palette::generation(Some(g)),
                format!("gen {g}, not collected"),
                format!("gen {g}: not examined now"),
            ),
            Look::Promoted(g) => (
                palette::generation(Some(g)),
                format!("survivor, now gen {g}"),
                format!("survivor promoted to gen {g}"),
            ),
        }
    }
}

impl Collection {
    /// Ids with a given gc_refs/list condition in the first frame of `step`.
    fn ids_at(&self, step: Step, pred: impl Fn(&FrameObject) -> bool) -> BTreeSet<ObjectId> {
        self.frames
            .iter()
            .find(|f| f.step == step)
            .map(|f| f.objects.iter().filter(|o| pred(o)).map(|o| o.id).collect())
            .unwrap_or_default()
    }

    /// The look of `o` in frame `step`, given what earlier frames said.
    fn look(&self, step: Step, o: &FrameObject, history: &History) -> Look {
        let was_candidate = history.candidates.contains(&o.id);
        match (step, o.list) {
            (Step::Heap, _) => Look::Generation(o.generation),
            (_, ListKind::Untracked) => Look::Generation(None),
            (_, ListKind::Freed) => Look::Freed,
            (_, ListKind::Garbage) => Look::Saved,
            (_, ListKind::Unreachable) => Look::Garbage,
            (Step::Promote, ListKind::Old(g)) if was_candidate => {
                if history.unreachable.contains(&o.id) {
                    Look::Revived(g)
                } else {
                    Look::Promoted(g)
                }
            }
            (_, ListKind::Old(g)) if !was_candidate => Look::NotCollected(g),
            (Step::UpdateRefs, _) => Look::Candidate,
            (Step::SubtractRefs, _) => {
                if o.gc_refs == Some(0) {
                    Look::Tentative
                } else {
                    Look::Candidate
                }
            }
            (_, _) => {
                if history.unreachable.contains(&o.id) {
                    Look::Resurrected
                } else if history.zero.contains(&o.id) {
                    Look::Rescued
                } else {
                    Look::Candidate
                }
            }
        }
    }

    /// The picture of frame `i`: counts and gc_refs in every box, colours by the collector's
    /// verdict, internal edges highlighted while they are subtracted, outside references and
    /// named roots as dashed arrows, a title and a legend.
    pub fn diagram(&self, i: usize) -> Diagram {
        let frame = &self.frames[i];
        let history = History {
            candidates: self.ids_at(Step::UpdateRefs, |o| o.list == ListKind::Young),
            zero: self.ids_at(Step::SubtractRefs, |o| o.gc_refs == Some(0)),
            unreachable: self.ids_at(Step::MoveUnreachable, |o| o.list == ListKind::Unreachable),
        };
        // gc_refs as subtract_refs left them: move_unreachable decides on these values, so its
        // frame keeps showing them (gc-core's observer stops reporting gc_refs there).
        let subtracted: BTreeMap<ObjectId, isize> = self
            .frame(Step::SubtractRefs)
            .map(|f| {
                f.objects
                    .iter()
                    .filter_map(|o| o.gc_refs.map(|r| (o.id, r)))
                    .collect()
            })
            .unwrap_or_default();
        let mut description = frame.step.explanation().to_string();
        if let Some(note) = self.unchanged_note(i) {
            description.push(' ');
            description.push_str(&note);
        }
        let mut d = Diagram {
            title: Some(format!(
                "{:02} {} (collecting generation {})",
                i + 1,
                frame.step.slug(),
                self.generation
            )),
            description: Some(description),
            ..Diagram::default()
        };
        let present: BTreeSet<ObjectId> = frame.objects.iter().map(|o| o.id).collect();
        let drawn_edges: Vec<&FrameEdge> = frame
            .edges
            .iter()
            .filter(|e| present.contains(&e.from) && present.contains(&e.to))
            .collect();
        // Outside references: strong count minus strong edges from drawn objects.
        let mut inside: BTreeMap<ObjectId, usize> = BTreeMap::new();
        for e in drawn_edges.iter().filter(|e| !e.weak) {
            *inside.entry(e.to).or_insert(0) += 1;
        }
        let mut named: BTreeMap<ObjectId, usize> = BTreeMap::new();
        for (k, r) in self.roots.iter().enumerate() {
            if !present.contains(&r.target) {
                continue;
            }
            *named.entry(r.target).or_insert(0) += 1;
            d.nodes.push(Node {
                key: format!("root_{k}"),
                kind: NodeKind::Root,
                lines: vec![r.name.clone()],
                fill: palette::PSEUDO.into(),
                border: palette::OUTSIDE.into(),
                penwidth: 1,
                double: false,
            });
            d.arrows.push(Arrow {
                from: format!("root_{k}"),
                to: object_key(r.target),
                label: String::new(),
                color: palette::OUTSIDE.into(),
                dashed: true,
                penwidth: 1,
            });
        }
        let anonymous: Vec<(ObjectId, usize)> = frame
            .objects
            .iter()
            .map(|o| {
                let outside = o
                    .strong
                    .saturating_sub(inside.get(&o.id).copied().unwrap_or(0));
                (
                    o.id,
                    outside.saturating_sub(named.get(&o.id).copied().unwrap_or(0)),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        if !anonymous.is_empty() {
            d.nodes.push(outside_node());
        }
        let mut looks = BTreeSet::new();
        let mut any_finalizable = false;
        for o in &frame.objects {
            let look = self.look(frame.step, o, &history);
            looks.insert(look);
            let (fill, status, _) = look.describe();
            let mut lines = identity_lines(o.id, &o.type_name, o.label.as_deref());
            let gc_refs = match frame.step {
                Step::MoveUnreachable => o.gc_refs.or_else(|| subtracted.get(&o.id).copied()),
                _ => o.gc_refs,
            };
            lines.push(match gc_refs {
                Some(r) => format!("refcount {}, gc_refs {r}", o.strong),
                None => format!("refcount {}", o.strong),
            });
            lines.push(status);
            lines.extend(finalizer_line(o.finalizable, o.finalized));
            any_finalizable |= o.finalizable;
            d.nodes.push(Node {
                key: object_key(o.id),
                kind: NodeKind::Object,
                lines,
                fill: fill.into(),
                border: if o.finalizable {
                    palette::FINALIZABLE
                } else {
                    palette::INK
                }
                .into(),
                penwidth: if o.finalizable { 3 } else { 1 },
                double: o.finalizable,
            });
        }
        for (id, n) in anonymous {
            d.arrows.push(outside_arrow(object_key(id), n));
        }
        let mut subtracting = false;
        let mut clearing = false;
        for e in drawn_edges {
            let (label, color, penwidth) = if frame.step == Step::SubtractRefs && e.internal {
                subtracting = true;
                (format!("{} (-1)", e.name), palette::SUBTRACT, 3)
            } else if e.cleared {
                clearing = true;
                (format!("{} (cleared)", e.name), palette::CLEARED, 1)
            } else if e.weak {
                (e.name.clone(), palette::WEAK, 1)
            } else {
                (e.name.clone(), palette::INK, 1)
            };
            d.arrows.push(Arrow {
                from: object_key(e.from),
                to: object_key(e.to),
                label,
                color: color.into(),
                dashed: e.weak,
                penwidth,
            });
        }
        for look in looks {
            let (fill, _, text) = look.describe();
            d.legend.push(LegendEntry {
                text,
                fill: fill.into(),
                border: palette::INK.into(),
            });
        }
        if any_finalizable {
            d.legend.push(LegendEntry {
                text: "purple border: has a finalizer".into(),
                fill: palette::UNTRACKED.into(),
                border: palette::FINALIZABLE.into(),
            });
        }
        if subtracting {
            d.legend.push(LegendEntry {
                text: "orange arrow: internal ref, subtracted".into(),
                fill: palette::UNTRACKED.into(),
                border: palette::SUBTRACT.into(),
            });
        }
        if clearing {
            d.legend.push(LegendEntry {
                text: "red dashed: weak ref cleared".into(),
                fill: palette::UNTRACKED.into(),
                border: palette::CLEARED.into(),
            });
        }
        d.legend.push(edges_legend());
        d
    }

    /// When phase `i` (one after move_unreachable) changes no count, finalizer, unreachable or
    /// freed object and no edge, a sentence saying so and why.
    pub fn unchanged_note(&self, i: usize) -> Option<String> {
        let frame = self.frames.get(i)?;
        let before = self.frames.get(i.checked_sub(1)?)?;
        // What the phases after move_unreachable can change: counts, finalizers, the
        // unreachable set, what is torn down, weak edges. (Survivors moving to the next
        // generation right after move_unreachable is not this phase's doing.)
        let key = |f: &PhaseFrame| -> Vec<(ObjectId, usize, bool, bool, bool)> {
            f.objects
                .iter()
                .map(|o| {
                    (
                        o.id,
                        o.strong,
                        o.finalized,
                        o.list == ListKind::Unreachable,
                        matches!(o.list, ListKind::Freed | ListKind::Garbage),
                    )
                })
                .collect()
        };
        let late = matches!(
            frame.step,
            Step::ClearWeakrefs
                | Step::Finalize
                | Step::HandleResurrected
                | Step::DeleteGarbage
                | Step::Promote
        );
        if !late || key(frame) != key(before) || frame.edges != before.edges {
            return None;
        }
        Some(
            match frame.step {
                Step::ClearWeakrefs => {
                    "Nothing changes in this collection: no weak reference points to an \
                     unreachable object."
                }
                Step::Finalize => {
                    "Nothing changes in this collection: no unreachable object has a finalizer \
                     that has not run yet."
                }
                Step::HandleResurrected => {
                    "Nothing changes in this collection: no finalizer made an object reachable \
                     again."
                }
                Step::DeleteGarbage => {
                    "Nothing changes in this collection: nothing was unreachable, so nothing is \
                     torn down."
                }
                Step::Promote => {
                    "Nothing changes in this frame: the survivors were already moved to the \
                     next generation after move_unreachable; the colours show where they are \
                     now."
                }
                _ => "Nothing changes in this phase.",
            }
            .to_string(),
        )
    }

    /// The picture of every frame.
    pub fn diagrams(&self) -> Vec<Diagram> {
        (0..self.frames.len()).map(|i| self.diagram(i)).collect()
    }

    /// The frame after `step`, if the collection has one.
    pub fn frame(&self, step: Step) -> Option<&PhaseFrame> {
        self.frames.iter().find(|f| f.step == step)
    }
}

/// What earlier frames of a collection said, needed to colour later ones.
struct History {
    /// Candidates of the collection.
    candidates: BTreeSet<ObjectId>,
    /// gc_refs 0 after subtract_refs.
    zero: BTreeSet<ObjectId>,
    /// Unreachable after move_unreachable.
    unreachable: BTreeSet<ObjectId>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SnapshotBuilder;

    /// CPython's documented example: link_1 -> link_2 -> link_3 -> link_1 held through
    /// link_1, and link_4 referring to itself.
    #[test]
    fn cpython_doc_numbers() {
        let mut b = SnapshotBuilder::new();
        let l: Vec<ObjectId> = (1..=4)
            .map(|i| b.object("Link", &format!("link_{i}")))
            .collect();
        b.edge(l[0], "next", l[1])
            .edge(l[1], "next", l[2])
            .edge(l[2], "next", l[0]);
        b.edge(l[3], "next", l[3]).root("A", l[0]);
        let c = simulate(&b.build(), 0, &SimOptions::default());
        let refs = |step| -> Vec<Option<isize>> {
            c.frame(step)
                .unwrap()
                .objects
                .iter()
                .map(|o| o.gc_refs)
                .collect()
        };
        assert_eq!(
            refs(Step::UpdateRefs),
            vec![Some(2), Some(1), Some(1), Some(1)]
        );
        assert_eq!(
            refs(Step::SubtractRefs),
            vec![Some(1), Some(0), Some(0), Some(0)]
        );
        let lists: Vec<ListKind> = c
            .frame(Step::MoveUnreachable)
            .unwrap()
            .objects
            .iter()
            .map(|o| o.list)
            .collect();
        assert_eq!(
            lists,
            vec![
                ListKind::Young,
                ListKind::Young,
                ListKind::Young,
                ListKind::Unreachable
            ]
        );
        assert_eq!(c.collected, 1);
        let last = c.frame(Step::Promote).unwrap();
        assert_eq!(last.objects[0].list, ListKind::Old(1));
        assert_eq!(last.objects[3].list, ListKind::Freed);
    }

    #[test]
    fn resurrection_and_weak_clearing() {
        let mut b = SnapshotBuilder::new();
        let a = b.object("Phoenix", "phoenix");
        let x = b.object("Node", "x");
        let w = b.object("Watcher", "watcher");
        b.edge(a, "child", x).edge(x, "parent", a).finalizable(a);
        b.weak_edge(w, "target", x).outside(w, 1);
        let snap = b.build();
        let c = simulate(
            &snap,
            0,
            &SimOptions {
                resurrect: vec![a],
                saveall: false,
            },
        );
        assert!(c
            .frame(Step::ClearWeakrefs)
            .unwrap()
            .edges
            .iter()
            .any(|e| e.cleared));
        let after = c.frame(Step::HandleResurrected).unwrap();
        assert!(after.objects.iter().all(|o| o.list == ListKind::Old(1)));
        assert_eq!(c.collected, 0);
        let d = c.diagram(6);
        assert!(d
            .nodes
            .iter()
            .any(|n| n.lines.contains(&"resurrected".to_string())));
    }
}
