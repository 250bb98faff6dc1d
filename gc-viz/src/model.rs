//! The snapshot data model: what gc-viz knows about a heap, independent of gc-core.
//!
//! Everything else in the crate (queries, the DOT writer, JSON export, the phase frames) works
//! on this model, so it can be built by hand ([`SnapshotBuilder`]), loaded from JSON, or captured
//! from a live gc-core heap (`Snapshot::capture`, in the `capture` module).
//!
//! # Outside references
//!
//! The collector never sees the stack, globals or any other owner that is not itself a traced
//! object. What it *can* see is the difference between an object's strong count and the strong
//! edges that objects of the heap hold to it. That difference is what this model calls
//! *outside references*, and it is exactly the `gc_refs` value that survives CPython's
//! `subtract_refs` phase when the whole heap is the candidate set:
//!
//! ```text
//! outside(o) = strong(o) - #{ strong edges p -> o | p in the snapshot }
//! ```
//!
//! Named roots ([`NamedRoot`]) are the outside references the caller could name (`x`, `self`,
//! a frame slot); the remainder is drawn as coming from an anonymous "outside" pseudo-node.

//!
//! # The snapshot JSON format
//!
//! [`Snapshot::to_json`] writes, and [`Snapshot::from_json`] (hence `gc-viz query`, `draw`
//! and `growth`) reads, one JSON object; `dump_heap("x.json")`, minipy's `gc.dump("x.json")`
//! and `gc-viz demo` (`NN-heap.json`, and the `heap` of the entries of `frames.json`) write
//! it:
//!
//! ```json
//! {
//!   "objects": [
//!     { "id": 1, "type_name": "Link", "label": "link_1", "strong": 2, "weak": 0,
//!       "generation": 0, "tracked": true, "frozen": false,
//!       "finalizable": false, "finalized": false,
//!       "edges": [ { "name": "next_link", "to": 2, "weak": false } ] }
//!   ],
//!   "roots": [ { "name": "A", "target": 1 } ]
//! }
//! ```
//!
//! | field | meaning | if absent |
//! |---|---|---|
//! | `objects[].id` | stable id (gc-core's `AnyCc::id()`), unique | required |
//! | `objects[].type_name` | Rust or Python type name | required |
//! | `objects[].label` | text drawn instead of the type | `null` |
//! | `objects[].strong` | strong reference count | required |
//! | `objects[].weak` | weak reference count | 0 |
//! | `objects[].generation` | 0, 1 or 2; `null` when untracked or frozen | `null` |
//! | `objects[].tracked` | the collector tracks it | `true` |
//! | `objects[].frozen` | in the permanent generation (`gc_core::freeze`) | `false` |
//! | `objects[].finalizable`, `finalized` | has a finalizer; it ran | `false` |
//! | `objects[].edges[]` | outgoing references in trace order: field `name`, target id `to` (`null`: a dead weak target), `weak` | `[]` |
//! | `roots[]` | outside references with a name: `name`, `target` id | `[]` |
//!
//! Objects may come in any order (they are sorted by id on reading). Outside references are
//! not stored: they are derived (`strong` minus the strong edges from other objects).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An object's identity: gc-core's `AnyCc::id()`, stable and never reused, not an address.
pub type ObjectId = u64;

/// A heap at one moment: every object with its counts, flags and named edges.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The objects, sorted by id (builders and `capture` keep this order).
    pub objects: Vec<ObjectInfo>,
    /// Outside references that have a name (a variable, a frame slot), in the caller's order.
    #[serde(default)]
    pub roots: Vec<NamedRoot>,
}

/// One object of a [`Snapshot`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectInfo {
    /// Stable identity (gc-core's `AnyCc::id()`).
    pub id: ObjectId,
    /// The Rust type name, as `std::any::type_name` spells it (shortened when drawn).
    pub type_name: String,
    /// An optional label chosen by the user ("link_1", "x"), drawn instead of the type.
    #[serde(default)]
    pub label: Option<String>,
    /// Strong reference count.
    pub strong: usize,
    /// Weak reference count.
    #[serde(default)]
    pub weak: usize,
    /// Generation 0, 1 or 2 while tracked; `None` when untracked or frozen.
    #[serde(default)]
    pub generation: Option<usize>,
    /// Whether the collector tracks the object (it could be part of a cycle).
    #[serde(default = "default_true")]
    pub tracked: bool,
    /// Whether `gc_core::freeze()` moved it into the permanent generation.
    #[serde(default)]
    pub frozen: bool,
    /// Created with `Cc::new_finalizable`.
    #[serde(default)]
    pub finalizable: bool,
    /// Its finalizer already ran.
    #[serde(default)]
    pub finalized: bool,
    /// Outgoing edges, in trace order.
    #[serde(default)]
    pub edges: Vec<Edge>,
}

/// Serde default for [`ObjectInfo::tracked`].
fn default_true() -> bool {
    true
}

/// A reference from one object to another, named after the field that holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    /// Field name as gc-core's introspection spells it: `next`, `0`, `children[3]`, `map["k"]`.
    pub name: String,
    /// The target; `None` only for a weak edge whose target is gone.
    pub to: Option<ObjectId>,
    /// A `Weak` edge: ignored by the collector, drawn dashed.
    #[serde(default)]
    pub weak: bool,
}

/// An outside reference with a name: a variable or slot that holds `target`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedRoot {
    /// The name drawn on the pseudo-node (`x`, `A`, `main: y`).
    pub name: String,
    /// The object it holds.
    pub target: ObjectId,
}

impl ObjectInfo {
    /// A new tracked object in generation 0 with no edges and no references.
    pub fn new(id: ObjectId, type_name: impl Into<String>) -> Self {
        ObjectInfo {
            id,
            type_name: type_name.into(),
            label: None,
            strong: 0,
            weak: 0,
            generation: Some(0),
            tracked: true,
            frozen: false,
            finalizable: false,
            finalized: false,
            edges: Vec::new(),
        }
    }

    /// The label if there is one, else the short type name.
    pub fn display_name(&self) -> String {
        match &self.label {
            Some(l) => l.clone(),
            None => short_type_name(&self.type_name),
        }
    }

    /// Strong edges, with their targets.
    pub fn strong_edges(&self) -> impl Iterator<Item = (&str, ObjectId)> + '_ {
        self.edges
            .iter()
            .filter(|e| !e.weak)
            .filter_map(|e| e.to.map(|t| (e.name.as_str(), t)))
    }
}

/// `alloc::vec::Vec<my_crate::Node>` -> `Vec<Node>`: drops module paths, keeps generics.
pub fn short_type_name(full: &str) -> String {
    let mut out = String::with_capacity(full.len());
    let mut segment = String::new();
    for c in full.chars() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            segment.push(c);
        } else {
            out.push_str(segment.rsplit("::").next().unwrap_or(""));
            segment.clear();
            out.push(c);
        }
    }
    out.push_str(segment.rsplit("::").next().unwrap_or(""));
    out
}

impl Snapshot {
    /// The object with this id.
    pub fn get(&self, id: ObjectId) -> Option<&ObjectInfo> {
        match self.objects.binary_search_by_key(&id, |o| o.id) {
            Ok(i) => Some(&self.objects[i]),
            Err(_) => self.objects.iter().find(|o| o.id == id),
        }
    }

    /// Whether an object with this id is in the snapshot.
    pub fn contains(&self, id: ObjectId) -> bool {
        self.get(id).is_some()
    }

    /// Puts objects in id order (the order every writer relies on for deterministic output).
    pub fn normalize(&mut self) {
        self.objects.sort_by_key(|o| o.id);
    }

    /// Strong edges held by objects of the snapshot, per target.
    pub fn internal_strong_in(&self) -> BTreeMap<ObjectId, usize> {
        let mut counts = BTreeMap::new();
        for o in &self.objects {
            for (_, to) in o.strong_edges() {
                *counts.entry(to).or_insert(0) += 1;
            }
        }
        counts
    }

    /// Outside references of every object: strong count minus the strong edges the snapshot's
    /// own objects hold to it (never negative). See the module docs.
    pub fn outside_refs(&self) -> BTreeMap<ObjectId, usize> {
        let internal = self.internal_strong_in();
        self.objects
            .iter()
            .map(|o| {
                let inside = internal.get(&o.id).copied().unwrap_or(0);
                (o.id, o.strong.saturating_sub(inside))
            })
            .collect()
    }

    /// Outside references of one object.
    pub fn outside_refs_of(&self, id: ObjectId) -> usize {
        self.outside_refs().get(&id).copied().unwrap_or(0)
    }

    /// The object carrying this label, if exactly one does (first one otherwise).
    pub fn find_label(&self, label: &str) -> Option<ObjectId> {
        self.objects
            .iter()
            .find(|o| o.label.as_deref() == Some(label))
            .map(|o| o.id)
    }

    /// Serialises the snapshot as pretty JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a snapshot from JSON (as written by [`Snapshot::to_json`]).
    pub fn from_json(text: &str) -> Result<Snapshot, crate::Error> {
        let mut s: Snapshot = serde_json::from_str(text).map_err(crate::Error::Json)?;
        s.normalize();
        Ok(s)
    }
}

/// Builds a consistent [`Snapshot`] by hand: counts are derived from the edges, the named
/// roots and the anonymous outside references, so they always add up.
///
/// ```
/// use gc_viz::SnapshotBuilder;
/// let mut b = SnapshotBuilder::new();
/// let a = b.object("Link", "link_1");
/// let c = b.object("Link", "link_2");
/// b.edge(a, "next", c).edge(c, "next", a).root("A", a);
/// let snap = b.build();
/// assert_eq!(snap.get(a).unwrap().strong, 2);
/// assert_eq!(snap.outside_refs_of(a), 1);
/// ```
#[derive(Debug, Default, Clone)]
pub struct SnapshotBuilder {
    /// Objects so far, in creation order (ids are 1, 2, 3 ...).
    objects: Vec<ObjectInfo>,
    /// Named roots so far.
    roots: Vec<NamedRoot>,
    /// Anonymous outside references per object.
    outside: BTreeMap<ObjectId, usize>,
    /// Anonymous outside weak references per object.
    outside_weak: BTreeMap<ObjectId, usize>,
}

impl SnapshotBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a tracked generation-0 object with a label; returns its id (1, 2, 3 ...).
    pub fn object(&mut self, type_name: &str, label: &str) -> ObjectId {
        let id = self.objects.len() as ObjectId + 1;
        let mut o = ObjectInfo::new(id, type_name);
        if !label.is_empty() {
            o.label = Some(label.to_string());
        }
        self.objects.push(o);
        id
    }

    /// Adds an untracked object (one that can never be part of a cycle, like an int).
    pub fn untracked(&mut self, type_name: &str, label: &str) -> ObjectId {
        let id = self.object(type_name, label);
        let o = self.obj(id);
        o.tracked = false;
        o.generation = None;
        id
    }

    /// The object being built (panics on an id this builder did not hand out).
    fn obj(&mut self, id: ObjectId) -> &mut ObjectInfo {
        let index = usize::try_from(id).unwrap_or(usize::MAX).wrapping_sub(1);
        match self.objects.get_mut(index) {
            Some(o) => o,
            None => unknown_builder_id(id),
        }
    }

    /// A strong edge `from.name -> to`.
    pub fn edge(&mut self, from: ObjectId, name: &str, to: ObjectId) -> &mut Self {
        self.obj(to);
        self.obj(from).edges.push(Edge {
            name: name.to_string(),
            to: Some(to),
            weak: false,
        });
        self
    }

    /// A weak edge `from.name -> to` (dashed, ignored by the collector).
    pub fn weak_edge(&mut self, from: ObjectId, name: &str, to: ObjectId) -> &mut Self {
        self.obj(to);
        self.obj(from).edges.push(Edge {
            name: name.to_string(),
            to: Some(to),
            weak: true,
        });
        self
    }

    /// A named outside reference (a variable) to `to`.
    pub fn root(&mut self, name: &str, to: ObjectId) -> &mut Self {
        self.obj(to);
        self.roots.push(NamedRoot {
            name: name.to_string(),
            target: to,
        });
        self
    }

    /// `n` anonymous outside references to `to`.
    pub fn outside(&mut self, to: ObjectId, n: usize) -> &mut Self {
        self.obj(to);
        *self.outside.entry(to).or_insert(0) += n;
        self
    }

    /// `n` anonymous outside weak references to `to`.
    pub fn outside_weak(&mut self, to: ObjectId, n: usize) -> &mut Self {
        self.obj(to);
        *self.outside_weak.entry(to).or_insert(0) += n;
        self
    }

    /// Sets the generation (0, 1, 2).
    pub fn generation(&mut self, id: ObjectId, generation: usize) -> &mut Self {
        self.obj(id).generation = Some(generation);
        self
    }

    /// Marks the object frozen (`gc_core::freeze`).
    pub fn frozen(&mut self, id: ObjectId) -> &mut Self {
        let o = self.obj(id);
        o.frozen = true;
        o.generation = None;
        self
    }

    /// Marks the object finalizable (`Cc::new_finalizable`).
    pub fn finalizable(&mut self, id: ObjectId) -> &mut Self {
        self.obj(id).finalizable = true;
        self
    }

    /// Derives the counts and returns the snapshot.
    pub fn build(&self) -> Snapshot {
        let mut objects = self.objects.clone();
        let mut strong: BTreeMap<ObjectId, usize> = self.outside.clone();
        let mut weak: BTreeMap<ObjectId, usize> = self.outside_weak.clone();
        for r in &self.roots {
            *strong.entry(r.target).or_insert(0) += 1;
        }
        for o in &objects {
            for e in &o.edges {
                if let Some(t) = e.to {
                    let map = if e.weak { &mut weak } else { &mut strong };
                    *map.entry(t).or_insert(0) += 1;
                }
            }
        }
        for o in &mut objects {
            o.strong = strong.get(&o.id).copied().unwrap_or(0);
            o.weak = weak.get(&o.id).copied().unwrap_or(0);
        }
        Snapshot {
            objects,
            roots: self.roots.clone(),
        }
    }
}

/// The single failure path of [`SnapshotBuilder`]: an id it never handed out.
#[cold]
fn unknown_builder_id(id: ObjectId) -> ! {
    panic!("SnapshotBuilder: object id {id} was not created by this builder")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names() {
        assert_eq!(short_type_name("alloc::vec::Vec<my::Node>"), "Vec<Node>");
        assert_eq!(short_type_name("Link"), "Link");
        assert_eq!(
            short_type_name("core::cell::RefCell<alloc::string::String>"),
            "RefCell<String>"
        );
    }

    #[test]
    fn builder_counts_and_outside() {
        let mut b = SnapshotBuilder::new();
        let a = b.object("Link", "a");
        let c = b.object("Link", "c");
        b.edge(a, "next", c).edge(c, "next", a).root("A", a);
        b.weak_edge(c, "back", a);
        let s = b.build();
        assert_eq!(s.get(a).unwrap().strong, 2);
        assert_eq!(s.get(a).unwrap().weak, 1);
        assert_eq!(s.outside_refs_of(a), 1);
        assert_eq!(s.outside_refs_of(c), 0);
        let back = Snapshot::from_json(&s.to_json()).unwrap();
        assert_eq!(back, s);
    }
}
