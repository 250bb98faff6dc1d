//! Model-based property test: random programs run against gc-core and against a petgraph model
//! of the same object graph. After every full collection the live objects are exactly those
//! reachable from the roots (or from frozen objects); no object is ever dropped twice, and no
//! reachable object is ever dropped.
//!
//! Every object has a `Weak` (the model's handle table), so a weak-clear hook
//! (`gc_core::weak_callbacks`) sees every object a collection finds unreachable: the test checks
//! it is handed no object that was reachable, that everything freed was handed to it first, and,
//! when an `Op::Resurrect` asked it to keep the first object it is handed, that the object and
//! everything it reaches survive.

use gc_core::{weak_callbacks, Cc, Trace, Weak};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Dfs;
use quickcheck::{Arbitrary, Gen, QuickCheck, TestResult};
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

#[derive(Trace)]
struct Obj {
    #[trace(skip)]
    id: usize,
    edges: RefCell<Vec<Cc<Obj>>>,
    #[trace(skip)]
    drops: Rc<RefCell<Vec<usize>>>,
}

impl Drop for Obj {
    fn drop(&mut self) {
        self.drops.borrow_mut().push(self.id);
    }
}

#[derive(Clone, Debug)]
enum Op {
    Alloc,
    AddEdge(usize, usize),
    RemoveEdge(usize, usize),
    DropRoot(usize),
    Reroot(usize),
    Collect(usize),
    Freeze,
    Unfreeze,
    /// The weak-clear hook keeps the first object it is handed at the next collection that
    /// finds garbage, and the model makes it a root.
    Resurrect,
    /// One slice of an incremental cycle of generation 2 with this budget (starting a cycle if
    /// none is in progress).
    Slice(usize),
}

impl Arbitrary for Op {
    fn arbitrary(g: &mut Gen) -> Op {
        let n = usize::arbitrary(g) % 64;
        let m = usize::arbitrary(g) % 64;
        match u8::arbitrary(g) % 25 {
            0..=4 => Op::Alloc,
            5..=9 => Op::AddEdge(n, m),
            10..=11 => Op::RemoveEdge(n, m),
            12..=14 => Op::DropRoot(n),
            15 => Op::Reroot(n),
            16..=17 => Op::Collect(n % 3),
            18 => Op::Freeze,
            19 => Op::Unfreeze,
            20 => Op::Resurrect,
            21..=23 => Op::Slice(1 + n % 6),
            _ => Op::Slice(1000),
        }
    }
}

struct World {
    weak: Vec<Weak<Obj>>,
    graph: DiGraph<usize, ()>,
    nodes: Vec<NodeIndex>,
    roots: Vec<Option<Cc<Obj>>>,
    frozen: HashSet<usize>,
    drops: Rc<RefCell<Vec<usize>>>,
    /// The incremental cycle in progress, as the model sees it.
    cycle: Option<CycleCheck>,
    /// Mutate only reachable objects: the weak references never revive garbage.
    only_reachable: bool,
}

/// What an incremental cycle must have freed by its end.
struct CycleCheck {
    /// Garbage at the cycle's start, in generation 2, that no younger garbage references.
    garbage: HashSet<usize>,
    /// Aborted cycles before this one started (an aborted cycle promises nothing).
    aborted_before: u64,
    /// A weak reference upgraded one of its objects, or a hook kept one: garbage was touched.
    spoiled: bool,
}

impl World {
    fn handle(&mut self, i: usize) -> Option<Cc<Obj>> {
        if self.weak.is_empty() {
            return None;
        }
        let index = i % self.weak.len();
        if self.only_reachable && !self.reachable(true).contains(&index) {
            return None;
        }
        let cc = self.weak[index].upgrade()?;
        if let Some(c) = &self.cycle {
            // Upgrading a weak reference to garbage makes it (and what it reaches) live again:
            // allowed to spoil what the cycle finds, never what it frees.
            let revived = self.reachable_from(vec![cc.id]);
            if !c.spoiled && revived.iter().any(|id| c.garbage.contains(id)) {
                if let Some(c) = self.cycle.as_mut() {
                    c.spoiled = true;
                }
            }
        }
        Some(cc)
    }

    /// The garbage an incremental cycle starting now must free: unreachable objects in
    /// generation 2 that no unreachable object of a younger generation reaches.
    fn old_garbage(&self) -> HashSet<usize> {
        let reachable = self.reachable(true);
        let garbage: Vec<usize> = self
            .alive()
            .into_iter()
            .filter(|i| !reachable.contains(i))
            .collect();
        let generation = |i: usize| self.weak[i].upgrade().and_then(|c| Cc::generation(&c));
        let young: Vec<usize> = garbage
            .iter()
            .copied()
            .filter(|&i| generation(i) != Some(2))
            .collect();
        let held_by_young = self.reachable_from(young);
        garbage
            .into_iter()
            .filter(|&i| generation(i) == Some(2) && !held_by_young.contains(&i))
            .collect()
    }

    /// The objects not dropped yet. (Not "whose `Weak` upgrades": a collection clears the weak
    /// references of the objects it found unreachable, also of those a hook resurrected.)
    fn alive(&self) -> HashSet<usize> {
        let dropped: HashSet<usize> = self.drops.borrow().iter().copied().collect();
        (0..self.weak.len())
            .filter(|i| !dropped.contains(i))
            .collect()
    }

    fn reachable(&self, from_frozen: bool) -> HashSet<usize> {
        let mut starts: Vec<usize> = self.roots.iter().flatten().map(|r| r.id).collect();
        if from_frozen {
            starts.extend(self.frozen_alive());
        }
        self.reachable_from(starts)
    }

    /// The frozen objects not dropped yet.
    fn frozen_alive(&self) -> Vec<usize> {
        let alive = self.alive();
        self.frozen
            .iter()
            .copied()
            .filter(|i| alive.contains(i))
            .collect()
    }

    fn reachable_from(&self, starts: Vec<usize>) -> HashSet<usize> {
        let mut seen = HashSet::new();
        for s in starts {
            let mut dfs = Dfs::new(&self.graph, self.nodes[s]);
            while let Some(n) = dfs.next(&self.graph) {
                seen.insert(self.graph[n]);
            }
        }
        seen
    }

    fn check_nothing_reachable_dropped(&self) -> Result<(), String> {
        let reachable = self.reachable(false);
        let drops = self.drops.borrow();
        let mut seen = HashSet::new();
        for &d in drops.iter() {
            if !seen.insert(d) {
                return Err(format!("object {d} dropped twice"));
            }
            if reachable.contains(&d) {
                return Err(format!("reachable object {d} was dropped"));
            }
        }
        Ok(())
    }

    fn check_after_full_collection(&self) -> Result<(), String> {
        self.check_nothing_reachable_dropped()?;
        let reachable = self.reachable(true);
        let dropped: HashSet<usize> = self.drops.borrow().iter().copied().collect();
        for id in 0..self.weak.len() {
            let alive = !dropped.contains(&id);
            if alive != reachable.contains(&id) {
                return Err(format!(
                    "object {id}: alive={alive} but reachable={}",
                    reachable.contains(&id)
                ));
            }
        }
        Ok(())
    }
}

/// What the weak-clear hook saw and kept during one collection.
#[derive(Default)]
struct HookState {
    /// Ids of the objects handed to the hook.
    seen: RefCell<Vec<usize>>,
    /// Whether to keep the first object handed over (`Op::Resurrect`).
    resurrect: Cell<bool>,
    kept: RefCell<Vec<Cc<Obj>>>,
}

/// Unregisters the hook however `run` ends, since quickcheck runs every case on one thread.
struct HookGuard(weak_callbacks::HookId);

impl Drop for HookGuard {
    fn drop(&mut self) {
        weak_callbacks::remove(self.0);
    }
}

fn run(ops: Vec<Op>) -> Result<(), String> {
    run_with(ops, false)
}

fn run_with(ops: Vec<Op>, only_reachable: bool) -> Result<(), String> {
    gc_core::set_threshold(0, 0, 0);
    let hook = Rc::new(HookState::default());
    let _guard = HookGuard(weak_callbacks::add({
        let hook = hook.clone();
        move |objects| {
            for o in objects {
                let obj = o.downcast::<Obj>().expect("only Obj in this heap");
                hook.seen.borrow_mut().push(obj.id);
                if hook.resurrect.replace(false) {
                    hook.kept.borrow_mut().push(obj);
                }
            }
        }
    }));
    let mut w = World {
        weak: Vec::new(),
        graph: DiGraph::new(),
        nodes: Vec::new(),
        roots: Vec::new(),
        frozen: HashSet::new(),
        drops: Rc::default(),
        cycle: None,
        only_reachable,
    };
    for op in ops {
        match op {
            Op::Alloc => {
                let id = w.weak.len();
                let o = Cc::new(Obj {
                    id,
                    edges: RefCell::default(),
                    drops: w.drops.clone(),
                });
                w.weak.push(Cc::downgrade(&o));
                w.nodes.push(w.graph.add_node(id));
                w.roots.push(Some(o));
            }
            Op::AddEdge(a, b) => {
                if let (Some(x), Some(y)) = (w.handle(a), w.handle(b)) {
                    x.edges.borrow_mut().push(y.clone());
                    w.graph.add_edge(w.nodes[x.id], w.nodes[y.id], ());
                }
            }
            Op::RemoveEdge(a, k) => {
                if let Some(x) = w.handle(a) {
                    let len = x.edges.borrow().len();
                    if len > 0 {
                        let removed = x.edges.borrow_mut().remove(k % len);
                        let e = w
                            .graph
                            .find_edge(w.nodes[x.id], w.nodes[removed.id])
                            .unwrap();
                        w.graph.remove_edge(e);
                        drop(removed);
                    }
                }
            }
            Op::DropRoot(i) => {
                if !w.roots.is_empty() {
                    let n = w.roots.len();
                    w.roots[i % n] = None;
                }
            }
            Op::Reroot(i) => {
                if let Some(x) = w.handle(i) {
                    let id = x.id;
                    w.roots[id] = Some(x);
                }
            }
            Op::Collect(g) => {
                collect_checked(&mut w, &hook, || {
                    gc_core::collect_generation(g);
                })?;
                if g == 2 {
                    w.check_after_full_collection()?;
                }
            }
            Op::Slice(budget) => {
                let before = gc_core::get_incremental_stats();
                if !before.in_progress {
                    w.cycle = Some(CycleCheck {
                        garbage: w.old_garbage(),
                        aborted_before: before.aborted,
                        spoiled: false,
                    });
                }
                let kept = collect_checked(&mut w, &hook, || {
                    gc_core::collect_slice(budget);
                })?;
                // What a hook keeps lives on, with what it reaches.
                let revived = w.reachable_from(kept);
                if let Some(c) = w.cycle.as_mut() {
                    c.spoiled |= revived.iter().any(|id| c.garbage.contains(id));
                }
                let after = gc_core::get_incremental_stats();
                if !after.in_progress {
                    if let Some(c) = w.cycle.take() {
                        if after.aborted == c.aborted_before && !c.spoiled {
                            let alive = w.alive();
                            if let Some(id) = c.garbage.iter().find(|id| alive.contains(id)) {
                                return Err(format!(
                                    "object {id}, garbage in generation 2 when the incremental \
                                     cycle started, is alive when it ended"
                                ));
                            }
                        }
                    }
                }
            }
            Op::Freeze => {
                gc_core::freeze();
                // The per-list counts the collector keeps must match the lists themselves.
                let counted = gc_core::get_freeze_count();
                let listed = gc_core::get_frozen_objects().len();
                if counted != listed {
                    return Err(format!(
                        "freeze count {counted} but {listed} objects frozen"
                    ));
                }
                let alive = w.alive();
                w.frozen.extend(alive);
            }
            Op::Unfreeze => {
                gc_core::unfreeze();
                w.frozen.clear();
            }
            Op::Resurrect => hook.resurrect.set(true),
        }
        w.check_nothing_reachable_dropped()?;
    }
    gc_core::unfreeze();
    w.frozen.clear();
    hook.resurrect.set(false);
    gc_core::collect();
    w.check_after_full_collection()?;
    w.roots.clear();
    gc_core::collect();
    let dropped = w.drops.borrow().len();
    if dropped != w.weak.len() {
        return Err(format!(
            "{} objects, {dropped} dropped at the end",
            w.weak.len()
        ));
    }
    Ok(())
}

/// Run a collection (or a slice) and check what the weak-clear hook was handed and what was
/// freed: nothing reachable, and nothing freed that was not garbage or held only by it.
/// Returns the ids of the objects the hook kept (now roots).
fn collect_checked(
    w: &mut World,
    hook: &HookState,
    collect: impl FnOnce(),
) -> Result<Vec<usize>, String> {
    let reachable_before = w.reachable(true);
    let dropped_before = w.drops.borrow().len();
    hook.seen.borrow_mut().clear();
    collect();
    let seen: HashSet<usize> = hook.seen.borrow().iter().copied().collect();
    if let Some(id) = seen.iter().find(|id| reachable_before.contains(id)) {
        return Err(format!(
            "the weak-clear hook was handed reachable object {id}"
        ));
    }
    let freed = w.drops.borrow()[dropped_before..].to_vec();
    // An object outside the collected generations (older, or frozen) that only the
    // garbage held dies by its count when the garbage is torn down, and so may
    // what only it holds: freed as any object whose count reaches zero, not found
    // unreachable. Everything freed must be garbage the hook saw or held by it.
    let torn_down = w.reachable_from(seen.iter().copied().collect());
    if let Some(id) = freed.iter().find(|id| !torn_down.contains(id)) {
        return Err(format!(
            "object {id} was freed without its weak reference reported first"
        ));
    }
    let mut ids = Vec::new();
    for kept in hook.kept.borrow_mut().drain(..) {
        let id = kept.id;
        ids.push(id);
        w.roots[id] = Some(kept);
    }
    Ok(ids)
}

fn property(ops: Vec<Op>) -> TestResult {
    match run(ops) {
        Ok(()) => TestResult::passed(),
        Err(e) => TestResult::error(e),
    }
}

#[test]
fn collector_agrees_with_reachability_model() {
    check_on_own_thread(property as fn(Vec<Op>) -> TestResult);
}

/// Run a property on quickcheck's programs (`MODEL_CASES` of them, 1000 by default), all on one
/// fresh thread (a heap of its own).
fn check_on_own_thread<A: Arbitrary + std::fmt::Debug + Send>(prop: fn(Vec<A>) -> TestResult) {
    let cases = std::env::var("MODEL_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    std::thread::spawn(move || {
        QuickCheck::new()
            .tests(cases)
            .max_tests(cases * 2)
            .quickcheck(prop);
    })
    .join()
    .unwrap();
}

/// A case quickcheck found: a frozen object held only by a garbage cycle dies by its count
/// while the collection tears the cycle down (freed, but never found unreachable). An object
/// in an older generation than the one collected behaves the same.
#[test]
fn a_frozen_object_held_by_a_garbage_cycle_is_freed_by_its_count() {
    use Op::*;
    let ops = vec![
        Alloc,
        Alloc,
        Freeze,
        Alloc,
        Alloc,
        Alloc,
        AddEdge(54, 15),
        DropRoot(40),
        AddEdge(39, 19),
        DropRoot(4),
        Collect(1),
    ];
    assert_eq!(run(ops), Ok(()));
}

/// An old object held only by a young garbage cycle dies by its count when a young collection
/// tears the cycle down.
#[test]
fn an_old_object_held_by_young_garbage_is_freed_by_its_count() {
    use Op::*;
    let ops = vec![
        Alloc,
        Collect(0),
        Collect(1),
        Alloc,
        AddEdge(1, 1),
        AddEdge(1, 0),
        DropRoot(0),
        DropRoot(1),
        Collect(0),
    ];
    assert_eq!(run(ops), Ok(()));
}

/// Programs biased towards the incremental mode: objects are promoted to generation 2 often,
/// and slices with small budgets run between mutations.
#[derive(Clone, Debug)]
struct IncrementalOp(Op);

impl Arbitrary for IncrementalOp {
    fn arbitrary(g: &mut Gen) -> IncrementalOp {
        let n = usize::arbitrary(g) % 48;
        let m = usize::arbitrary(g) % 48;
        IncrementalOp(match u8::arbitrary(g) % 20 {
            0..=3 => Op::Alloc,
            4..=7 => Op::AddEdge(n, m),
            8 => Op::RemoveEdge(n, m),
            9..=11 => Op::DropRoot(n),
            12..=13 => Op::Collect(1),
            14 => Op::Collect(n % 2),
            15 => Op::Reroot(n),
            16..=18 => Op::Slice(1 + n % 4),
            _ => Op::Slice(1000),
        })
    }
}

/// Here the program mutates only reachable objects, so every cycle that is not abandoned and
/// whose garbage no hook kept must free all of it: the completeness check always applies.
fn incremental_property(ops: Vec<IncrementalOp>) -> TestResult {
    match run_with(ops.into_iter().map(|o| o.0).collect(), true) {
        Ok(()) => TestResult::passed(),
        Err(e) => TestResult::error(e),
    }
}

#[test]
fn incremental_cycles_agree_with_reachability_model() {
    check_on_own_thread(incremental_property as fn(Vec<IncrementalOp>) -> TestResult);
}
