//! Questions to ask a [`Snapshot`], in the spirit of Python's objgraph, with a few
//! improvements: neighbour caps fold the rest into one "N more" node instead of dropping it,
//! "why is it alive" names the field of every step and the outside holder at its end, cycles
//! come with their key components (the ones nothing else points into), and growth between two
//! snapshots can list the new objects themselves because ids are never reused.
//!
//! Every query returns plain data; the ones that select part of the heap return a [`View`],
//! which the DOT writer draws (`Diagram::from_view`).

use crate::model::{ObjectId, Snapshot};
use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// Which way a traversal follows edges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Direction {
    /// From an object to what it references (objgraph's `show_refs`).
    Forward,
    /// From an object to what references it (objgraph's `show_backrefs`).
    Backward,
}

/// Neighbours left out of a [`View`] by the per-node cap, drawn as one "N more" node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fold {
    /// The object whose neighbours were folded.
    pub at: ObjectId,
    /// How many neighbours were left out.
    pub hidden: usize,
    /// Whether the hidden ones are referents (forward) or referrers (backward).
    pub direction: Direction,
}

/// A part of a snapshot selected by a query, ready to be drawn.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct View {
    /// Objects to draw.
    pub objects: BTreeSet<ObjectId>,
    /// Folded neighbours ("N more" nodes).
    pub folds: Vec<Fold>,
    /// Objects to emphasise (the start of a query, the object asked about).
    pub highlight: BTreeSet<ObjectId>,
    /// Edges to emphasise, as (from, field name, to).
    pub highlight_edges: BTreeSet<(ObjectId, String, ObjectId)>,
}

impl View {
    /// Every object of the snapshot, nothing emphasised.
    pub fn all(snap: &Snapshot) -> View {
        View {
            objects: snap.objects.iter().map(|o| o.id).collect(),
            ..View::default()
        }
    }
}

/// Referrers of every object, over strong edges, in (referrer id, field) order.
fn referrers(snap: &Snapshot) -> BTreeMap<ObjectId, Vec<(ObjectId, String)>> {
    let mut map: BTreeMap<ObjectId, Vec<(ObjectId, String)>> = BTreeMap::new();
    for o in &snap.objects {
        for (name, to) in o.strong_edges() {
            map.entry(to).or_default().push((o.id, name.to_string()));
        }
    }
    for list in map.values_mut() {
        list.sort();
    }
    map
}

/// Distinct neighbours of `id` in `direction`, in trace order (forward) or id order (backward).
fn neighbours(
    snap: &Snapshot,
    back: &BTreeMap<ObjectId, Vec<(ObjectId, String)>>,
    id: ObjectId,
    direction: Direction,
) -> Vec<ObjectId> {
    let mut seen = BTreeSet::new();
    let list: Vec<ObjectId> = match direction {
        Direction::Forward => snap
            .get(id)
            .map(|o| o.strong_edges().map(|(_, t)| t).collect())
            .unwrap_or_default(),
        Direction::Backward => back
            .get(&id)
            .map(|l| l.iter().map(|(f, _)| *f).collect())
            .unwrap_or_default(),
    };
    list.into_iter()
        .filter(|t| snap.contains(*t) && seen.insert(*t))
        .collect()
}

/// Breadth-first neighbourhood of `start` up to `depth` steps, showing at most
/// `max_neighbours` neighbours of each node and folding the rest into one "N more" node.
fn neighbourhood(
    snap: &Snapshot,
    start: &[ObjectId],
    depth: usize,
    max_neighbours: usize,
    direction: Direction,
) -> View {
    let back = referrers(snap);
    let mut view = View::default();
    let mut queue = VecDeque::new();
    for &s in start {
        if snap.contains(s) && view.objects.insert(s) {
            view.highlight.insert(s);
            queue.push_back((s, 0usize));
        }
    }
    while let Some((id, d)) = queue.pop_front() {
        if d >= depth {
            continue;
        }
        let all = neighbours(snap, &back, id, direction);
        let shown = all.len().min(max_neighbours);
        for &n in &all[..shown] {
            if view.objects.insert(n) {
                queue.push_back((n, d + 1));
            }
        }
        // Neighbours past the cap that are drawn anyway (reached another way) are not hidden.
        let hidden = all[shown..]
            .iter()
            .filter(|n| !view.objects.contains(n))
            .count();
        if hidden > 0 {
            view.folds.push(Fold {
                at: id,
                hidden,
                direction,
            });
        }
    }
    view
}

/// What `start` references, to `depth` steps, at most `max_neighbours` per node (objgraph's
/// `show_refs` with `max_depth` and `too_many`).
pub fn refs(snap: &Snapshot, start: &[ObjectId], depth: usize, max_neighbours: usize) -> View {
    neighbourhood(snap, start, depth, max_neighbours, Direction::Forward)
}

/// What references `start`, to `depth` steps, at most `max_neighbours` per node (objgraph's
/// `show_backrefs`).
pub fn backrefs(snap: &Snapshot, start: &[ObjectId], depth: usize, max_neighbours: usize) -> View {
    neighbourhood(snap, start, depth, max_neighbours, Direction::Backward)
}

/// Where a [`Chain`] starts: something outside the heap's objects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Holder {
    /// A named root (a variable given to `Snapshot::from_roots`).
    Named(String),
    /// Anonymous outside references (stack, globals, a `Cc` held by Rust code), with their count.
    Outside(usize),
}

/// Why an object is alive: a shortest chain of strong edges from something held from outside.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Chain {
    /// What holds the first object of `path`.
    pub holder: Holder,
    /// Objects from the externally held one to the object asked about; each step but the last
    /// carries the field name of the edge to the next object.
    pub path: Vec<(ObjectId, Option<String>)>,
}

impl Chain {
    /// The chain as a view: its objects, with the chain's edges and the target emphasised.
    pub fn view(&self) -> View {
        let mut view = View::default();
        for w in self.path.windows(2) {
            if let Some(name) = &w[0].1 {
                view.highlight_edges.insert((w[0].0, name.clone(), w[1].0));
            }
        }
        view.objects = self.path.iter().map(|(id, _)| *id).collect();
        if let Some((last, _)) = self.path.last() {
            view.highlight.insert(*last);
        }
        view
    }

    /// One line per step: `A -> link_1 .next -> link_2`.
    pub fn describe(&self, snap: &Snapshot) -> String {
        let mut s = match &self.holder {
            Holder::Named(n) => format!("{n} (root)"),
            Holder::Outside(k) => format!("outside ({k} ref{})", if *k == 1 { "" } else { "s" }),
        };
        for (i, (id, _)) in self.path.iter().enumerate() {
            let name = snap
                .get(*id)
                .map(|o| o.display_name())
                .unwrap_or_else(|| format!("#{id}"));
            match i.checked_sub(1).and_then(|p| self.path[p].1.as_deref()) {
                Some(field) => s.push_str(&format!(" -.{field}-> {name} #{id}")),
                None => s.push_str(&format!(" -> {name} #{id}")),
            }
        }
        s
    }
}

/// The shortest chain of strong edges from an object held from outside (a named root first,
/// else any outside reference) to `target`: the answer to "why is this alive?". `None` when
/// nothing outside holds it, directly or indirectly: it is cyclic garbage (or the snapshot is
/// partial), which the next full collection would free.
pub fn why_alive(snap: &Snapshot, target: ObjectId) -> Option<Chain> {
    snap.get(target)?;
    let back = referrers(snap);
    let outside = snap.outside_refs();
    let named: BTreeMap<ObjectId, &str> = snap
        .roots
        .iter()
        .rev()
        .map(|r| (r.target, r.name.as_str()))
        .collect();
    // Breadth-first from the target backwards; `next[x] = (y, field)` means x.field -> y.
    let mut next: HashMap<ObjectId, (ObjectId, String)> = HashMap::new();
    let mut seen = BTreeSet::from([target]);
    let mut level = vec![target];
    while !level.is_empty() {
        // Prefer a named holder at the same distance, then the smallest id: deterministic.
        let held: Vec<ObjectId> = level
            .iter()
            .copied()
            .filter(|id| outside.get(id).copied().unwrap_or(0) > 0)
            .collect();
        let pick = held
            .iter()
            .copied()
            .filter(|id| named.contains_key(id))
            .min()
            .or_else(|| held.iter().copied().min());
        if let Some(start) = pick {
            let holder = match named.get(&start) {
                Some(n) => Holder::Named((*n).to_string()),
                None => Holder::Outside(outside[&start]),
            };
            let mut path = Vec::new();
            let mut cur = start;
            while let Some((to, field)) = next.get(&cur) {
                path.push((cur, Some(field.clone())));
                cur = *to;
            }
            path.push((cur, None));
            return Some(Chain { holder, path });
        }
        let mut following = Vec::new();
        for id in level {
            for (from, field) in back.get(&id).map(Vec::as_slice).unwrap_or(&[]) {
                if seen.insert(*from) {
                    next.insert(*from, (id, field.clone()));
                    following.push(*from);
                }
            }
        }
        following.sort_unstable();
        level = following;
    }
    None
}

/// A strongly connected component of the strong-reference graph that is a real cycle
/// (more than one object, or one object referring to itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cycle {
    /// Members, by id.
    pub members: Vec<ObjectId>,
    /// No object outside the cycle (in the snapshot) points into it: removing the cycle's
    /// outside holders would free everything hanging off it.
    pub key: bool,
    /// Outside references into the cycle's members, summed.
    pub outside_refs: usize,
}

impl Cycle {
    /// A key cycle with no outside references: only the cycle collector can free it.
    pub fn is_garbage(&self) -> bool {
        self.key && self.outside_refs == 0
    }

    /// The members as a view.
    pub fn view(&self) -> View {
        View {
            objects: self.members.iter().copied().collect(),
            ..View::default()
        }
    }
}

/// Every reference cycle of the snapshot (strongly connected components of the strong edges,
/// found iteratively), sorted by smallest member id.
pub fn cycles(snap: &Snapshot) -> Vec<Cycle> {
    let mut graph: DiGraph<ObjectId, ()> = DiGraph::new();
    let index: BTreeMap<ObjectId, NodeIndex> = snap
        .objects
        .iter()
        .map(|o| (o.id, graph.add_node(o.id)))
        .collect();
    let mut self_loop = BTreeSet::new();
    for o in &snap.objects {
        for (_, to) in o.strong_edges() {
            if let (Some(&a), Some(&b)) = (index.get(&o.id), index.get(&to)) {
                graph.add_edge(a, b, ());
                if o.id == to {
                    self_loop.insert(to);
                }
            }
        }
    }
    let outside = snap.outside_refs();
    let back = referrers(snap);
    // Kosaraju's algorithm: petgraph's is iterative (its Tarjan recurses once per object of a
    // chain, which overflows the stack on long linked lists).
    let mut found: Vec<Cycle> = kosaraju_scc(&graph)
        .into_iter()
        .map(|scc| {
            let mut members: Vec<ObjectId> = scc.iter().map(|i| graph[*i]).collect();
            members.sort_unstable();
            members
        })
        .filter(|m| m.len() > 1 || self_loop.contains(&m[0]))
        .map(|members| {
            let set: BTreeSet<ObjectId> = members.iter().copied().collect();
            let key = members.iter().all(|m| {
                back.get(m)
                    .map(|l| l.iter().all(|(from, _)| set.contains(from)))
                    .unwrap_or(true)
            });
            let outside_refs = members.iter().map(|m| outside[m]).sum();
            Cycle {
                members,
                key,
                outside_refs,
            }
        })
        .collect();
    found.sort_by_key(|c| c.members[0]);
    found
}

/// The key cycles: those nothing else in the heap points into.
pub fn key_cycles(snap: &Snapshot) -> Vec<Cycle> {
    cycles(snap).into_iter().filter(|c| c.key).collect()
}

/// Objects per type, most numerous first (objgraph's `most_common_types`), ties by name.
pub fn count_by_type(snap: &Snapshot) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &snap.objects {
        *counts.entry(o.type_name.as_str()).or_insert(0) += 1;
    }
    let mut v: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// How the number of objects of one type changed between two snapshots.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Growth {
    /// The type.
    pub type_name: String,
    /// Count in the earlier snapshot.
    pub before: usize,
    /// Count in the later snapshot.
    pub after: usize,
    /// `after - before`.
    pub delta: i64,
    /// Ids present in the later snapshot and not in the earlier one (ids are never reused).
    pub new_ids: Vec<ObjectId>,
}

/// Types whose count changed, largest growth first (objgraph's `show_growth`, plus the new
/// objects' ids).
pub fn growth(before: &Snapshot, after: &Snapshot) -> Vec<Growth> {
    let b: BTreeMap<String, usize> = count_by_type(before).into_iter().collect();
    let a: BTreeMap<String, usize> = count_by_type(after).into_iter().collect();
    let mut names: BTreeSet<&String> = b.keys().collect();
    names.extend(a.keys());
    let mut out: Vec<Growth> = names
        .into_iter()
        .map(|t| {
            let before_n = b.get(t).copied().unwrap_or(0);
            let after_n = a.get(t).copied().unwrap_or(0);
            let new_ids = after
                .objects
                .iter()
                .filter(|o| &o.type_name == t && !before.contains(o.id))
                .map(|o| o.id)
                .collect();
            Growth {
                type_name: t.clone(),
                before: before_n,
                after: after_n,
                delta: after_n as i64 - before_n as i64,
                new_ids,
            }
        })
        .filter(|g| g.delta != 0 || !g.new_ids.is_empty())
        .collect();
    out.sort_by(|x, y| {
        y.delta
            .cmp(&x.delta)
            .then_with(|| x.type_name.cmp(&y.type_name))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SnapshotBuilder;

    /// A held chain a -> b -> c, a garbage self-cycle d, and a star e -> f1..f5.
    fn heap() -> (Snapshot, [ObjectId; 5]) {
        let mut b = SnapshotBuilder::new();
        let a = b.object("Node", "a");
        let bb = b.object("Node", "b");
        let c = b.object("Node", "c");
        let d = b.object("Node", "d");
        let e = b.object("Star", "e");
        b.edge(a, "next", bb)
            .edge(bb, "next", c)
            .edge(c, "back", bb);
        b.edge(d, "me", d).root("x", a);
        for i in 0..5 {
            let f = b.object("Leaf", &format!("f{i}"));
            b.edge(e, &format!("items[{i}]"), f);
        }
        b.outside(e, 1);
        (b.build(), [a, bb, c, d, e])
    }

    #[test]
    fn refs_fold_extra_neighbours() {
        let (s, [_, _, _, _, e]) = heap();
        let v = refs(&s, &[e], 2, 3);
        assert_eq!(v.objects.len(), 4);
        assert_eq!(
            v.folds,
            vec![Fold {
                at: e,
                hidden: 2,
                direction: Direction::Forward
            }]
        );
    }

    #[test]
    fn backrefs_reach_root() {
        let (s, [a, bb, c, _, _]) = heap();
        let v = backrefs(&s, &[c], 5, 10);
        assert_eq!(v.objects, BTreeSet::from([a, bb, c]));
    }

    #[test]
    fn why_alive_names_the_chain() {
        let (s, [a, bb, c, d, _]) = heap();
        let chain = why_alive(&s, c).unwrap();
        assert_eq!(chain.holder, Holder::Named("x".into()));
        assert_eq!(
            chain.path,
            vec![
                (a, Some("next".into())),
                (bb, Some("next".into())),
                (c, None)
            ]
        );
        assert_eq!(
            chain.describe(&s),
            "x (root) -> a #1 -.next-> b #2 -.next-> c #3"
        );
        assert!(why_alive(&s, d).is_none());
    }

    #[test]
    fn cycles_and_key_cycles() {
        let (s, [_, bb, c, d, _]) = heap();
        let cs = cycles(&s);
        assert_eq!(cs.len(), 2);
        assert_eq!(cs[0].members, vec![bb, c]);
        assert!(!cs[0].key);
        assert_eq!(cs[1].members, vec![d]);
        assert!(cs[1].is_garbage());
        assert_eq!(key_cycles(&s).len(), 1);
    }

    #[test]
    fn types_and_growth() {
        let (s, _) = heap();
        assert_eq!(count_by_type(&s)[0], ("Leaf".to_string(), 5));
        let mut b = SnapshotBuilder::new();
        b.object("Node", "a");
        let before = b.build();
        let g = growth(&before, &s);
        assert_eq!(g[0].type_name, "Leaf");
        assert_eq!(g[0].delta, 5);
        let node = g.iter().find(|g| g.type_name == "Node").unwrap();
        assert_eq!((node.before, node.after, node.delta), (1, 4, 3));
    }
}
