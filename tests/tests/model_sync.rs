//! Model-based property test of the thread-safe heap, `gc_core::sync`: the random programs of
//! `model.rs`, run against the sync heap and against a model of it.
//!
//! The model is exact. It keeps the object graph (petgraph), the root handles, each object's
//! generation (0, 1, 2 or permanent), whether it has a finalizer, whether that finalizer ran, and
//! whether a collection ever found the object unreachable. After every operation:
//!
//! - the objects dropped by the operation are exactly the ones the model predicts: for a
//!   collection of generation `g`, the trial-deletion verdict over generations `<= g` (minus what a
//!   finalizer resurrected), then the deaths by reference count that follow; for any other
//!   operation, the deaths by reference count alone. No object is dropped twice, and no object
//!   reachable from a root is ever dropped;
//! - the finalizers that ran are exactly those of the objects that died or were found
//!   unreachable and had not run theirs yet (each runs once in an object's life);
//! - every object's `Weak` upgrades exactly when the object is alive and no collection has found
//!   it unreachable (clearing is permanent, also for a resurrected object);
//! - the generation lengths and the freeze count are the model's.
//!
//! After every full collection the live objects are exactly those reachable from the roots or
//! from frozen objects (the property of `model.rs`, checked on its own).
//!
//! `Op::Resurrect` replaces `model.rs`'s weak-clear hook (which the sync heap does not have): the
//! next finalizer to run keeps a handle to its object, which the model then makes a root.
//!
//! The second test runs the same programs with every collection made by another thread, while
//! the main thread holds no mutator (idle, or busy cloning root handles and reading through short
//! mutators): the verdict must be the same.
//!
//! The sync heap is one per process: the two tests are serialised by `SERIAL`, and each case
//! starts with a full collection, so that it only sees its own objects. Drops are counted through
//! each case's own vector, not through `collect`'s return value.

use gc_core::sync::{self, Cc, Finalize, Mutator, Weak};
use gc_core::Trace;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;
use quickcheck::{Arbitrary, Gen, QuickCheck, TestResult};
use std::collections::{BTreeSet, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, TryRecvError};
use std::sync::{Arc, Mutex, MutexGuard};

/// A lock whose poisoning (a failed earlier case) is ignored.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

static SERIAL: Mutex<()> = Mutex::new(());

/// What the finalizers of one case report, and the slot a resurrecting finalizer fills.
#[derive(Default)]
struct Hook {
    /// Keep the object of the next finalizer that runs (`Op::Resurrect`).
    resurrect: AtomicBool,
    /// Ids of the objects whose finalizer ran, in order.
    finalized: Mutex<Vec<usize>>,
    /// Objects a finalizer kept; the model makes them roots.
    kept: Mutex<Vec<Cc<Obj>>>,
}

#[derive(Trace)]
struct Obj {
    #[trace(skip)]
    id: usize,
    edges: Mutex<Vec<Cc<Obj>>>,
    #[trace(skip)]
    drops: Arc<Mutex<Vec<usize>>>,
    #[trace(skip)]
    hook: Arc<Hook>,
}

impl Drop for Obj {
    fn drop(&mut self) {
        lock(&self.drops).push(self.id);
    }
}

impl Finalize for Obj {
    fn finalize(this: &Cc<Self>, m: &Mutator) {
        let obj = this.get(m);
        lock(&obj.hook.finalized).push(obj.id);
        if obj.hook.resurrect.swap(false, Ordering::SeqCst) {
            lock(&obj.hook.kept).push(this.clone());
        }
    }
}

#[derive(Clone, Debug)]
enum Op {
    Alloc,
    /// An object created with `Cc::new_finalizable`.
    AllocFinalizable,
    AddEdge(usize, usize),
    /// An edge between two of the four newest objects (young cycles, for young collections).
    AddEdgeRecent(usize, usize),
    RemoveEdge(usize, usize),
    DropRoot(usize),
    /// Drop the root of one of the four newest objects.
    DropRootRecent(usize),
    Reroot(usize),
    Collect(usize),
    /// `collect` and `try_collect` inside a mutator: they must do nothing.
    CollectInMutator,
    Freeze,
    Unfreeze,
    /// The next finalizer to run keeps its object (by reference count or in a collection), and
    /// the model makes it a root.
    Resurrect,
}

impl Arbitrary for Op {
    fn arbitrary(g: &mut Gen) -> Op {
        let n = usize::arbitrary(g) % 64;
        let m = usize::arbitrary(g) % 64;
        match u8::arbitrary(g) % 29 {
            0..=3 => Op::Alloc,
            4..=5 => Op::AllocFinalizable,
            6..=10 => Op::AddEdge(n, m),
            11..=13 => Op::AddEdgeRecent(n % 4, m % 4),
            14..=15 => Op::RemoveEdge(n, m),
            16..=18 => Op::DropRoot(n),
            19 => Op::Reroot(n),
            20..=22 => Op::Collect(n % 3),
            23 => Op::CollectInMutator,
            24 => Op::Freeze,
            25 => Op::Unfreeze,
            26..=27 => Op::DropRootRecent(n % 4),
            _ => Op::Resurrect,
        }
    }
}

/// The permanent generation of `freeze`.
const PERM: u8 = 3;

/// The model of the heap: the graph, and per object its state.
#[derive(Default)]
struct Model {
    /// Node `i` is object `i`; only live objects have outgoing edges (one per handle held).
    graph: DiGraph<usize, ()>,
    alive: Vec<bool>,
    generation: Vec<u8>,
    finalizable: Vec<bool>,
    finalized: Vec<bool>,
    /// A collection found the object unreachable: its weak references are cleared for good.
    cleared: Vec<bool>,
    /// `Op::Resurrect` is armed.
    resurrect: bool,
}

fn node(i: usize) -> NodeIndex {
    NodeIndex::new(i)
}

impl Model {
    fn len(&self) -> usize {
        self.alive.len()
    }

    fn add(&mut self, finalizable: bool) -> usize {
        let id = self.len();
        let n = self.graph.add_node(id);
        assert_eq!(n.index(), id);
        self.alive.push(true);
        self.generation.push(0);
        self.finalizable.push(finalizable);
        self.finalized.push(false);
        self.cleared.push(false);
        id
    }

    /// One entry per edge, parallel edges repeated.
    fn successors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.graph
            .neighbors_directed(node(i), Direction::Outgoing)
            .map(NodeIndex::index)
    }

    fn kill(&mut self, i: usize) {
        self.alive[i] = false;
        while let Some(e) = self.graph.first_edge(node(i), Direction::Outgoing) {
            self.graph.remove_edge(e);
        }
    }

    /// Everything reachable from `starts` through objects for which `within` holds.
    fn reach(
        &self,
        starts: impl IntoIterator<Item = usize>,
        within: impl Fn(usize) -> bool,
    ) -> HashSet<usize> {
        let mut seen = HashSet::new();
        let mut stack: Vec<usize> = starts.into_iter().filter(|&i| within(i)).collect();
        while let Some(i) = stack.pop() {
            if seen.insert(i) {
                stack.extend(
                    self.successors(i)
                        .filter(|&j| within(j) && !seen.contains(&j)),
                );
            }
        }
        seen
    }

    /// The objects that die by reference count now, in a model with these root flags: the
    /// objects left with no handle from a root or a live object, repeatedly.
    fn peel(&self, rooted: &[bool]) -> BTreeSet<usize> {
        let n = self.len();
        let mut alive = self.alive.clone();
        let mut count = vec![0usize; n];
        for i in (0..n).filter(|&i| alive[i]) {
            count[i] += usize::from(rooted[i]);
            for j in self.successors(i) {
                count[j] += 1;
            }
        }
        let mut removed = BTreeSet::new();
        let mut stack: Vec<usize> = (0..n).filter(|&i| alive[i] && count[i] == 0).collect();
        while let Some(i) = stack.pop() {
            if !alive[i] {
                continue;
            }
            alive[i] = false;
            removed.insert(i);
            for j in self.successors(i) {
                count[j] -= 1;
                if count[j] == 0 && alive[j] {
                    stack.push(j);
                }
            }
        }
        removed
    }

    /// The trial-deletion verdict of a collection of `generation`: the candidates and the
    /// unreachable ones among them.
    fn predict(&self, generation: usize, rooted: &[bool]) -> Collection {
        let g = generation as u8;
        let is_candidate = |i: usize| self.alive[i] && self.generation[i] <= g;
        let candidates: Vec<usize> = (0..self.len()).filter(|&i| is_candidate(i)).collect();
        // References from outside the candidates: roots, and live objects of other generations.
        let mut external: HashSet<usize> =
            candidates.iter().copied().filter(|&i| rooted[i]).collect();
        for i in (0..self.len()).filter(|&i| self.alive[i] && !is_candidate(i)) {
            external.extend(self.successors(i).filter(|&j| is_candidate(j)));
        }
        let marked = self.reach(external, is_candidate);
        let unreachable = candidates
            .iter()
            .copied()
            .filter(|i| !marked.contains(i))
            .collect();
        Collection {
            candidates,
            unreachable,
            target: (g + 1).min(2),
        }
    }
}

/// A collection in progress: the model's verdict, applied once the real one has run.
struct Collection {
    candidates: Vec<usize>,
    unreachable: HashSet<usize>,
    target: u8,
}

struct World {
    weak: Vec<Weak<Obj>>,
    roots: Vec<Option<Cc<Obj>>>,
    drops: Arc<Mutex<Vec<usize>>>,
    hook: Arc<Hook>,
    model: Model,
    /// Drops and finalizations already accounted for.
    seen_drops: usize,
    seen_finalized: usize,
    /// Objects of the sync heap that are not this case's (left by a failed earlier case), in
    /// generation 2 or, while frozen, the permanent one.
    foreign: usize,
    foreign_frozen: bool,
}

/// However a case ends, nothing of it stays alive: a finalizer that kept its object would hold
/// the hook that holds it (a cycle through an `Arc`, which no collection frees).
impl Drop for World {
    fn drop(&mut self) {
        self.hook.resurrect.store(false, Ordering::SeqCst);
        self.roots.clear();
        lock(&self.hook.kept).clear();
    }
}

impl World {
    fn new() -> World {
        World {
            weak: Vec::new(),
            roots: Vec::new(),
            drops: Arc::default(),
            hook: Arc::default(),
            model: Model::default(),
            seen_drops: 0,
            seen_finalized: 0,
            foreign: 0,
            foreign_frozen: false,
        }
    }

    fn handle(&self, i: usize) -> Option<Cc<Obj>> {
        if self.weak.is_empty() {
            return None;
        }
        self.weak[i % self.weak.len()].upgrade()
    }

    /// The `i`-th newest object (`i` below 4).
    fn recent(&self, i: usize) -> Option<Cc<Obj>> {
        let n = self.weak.len();
        self.weak
            .get(n.checked_sub(1 + i.min(n.saturating_sub(1)))?)?
            .upgrade()
    }

    fn rooted(&self) -> Vec<bool> {
        self.roots.iter().map(Option::is_some).collect()
    }

    fn alloc(&mut self, finalizable: bool) {
        let obj = Obj {
            id: self.weak.len(),
            edges: Mutex::default(),
            drops: self.drops.clone(),
            hook: self.hook.clone(),
        };
        let o = if finalizable {
            Cc::new_finalizable(obj)
        } else {
            Cc::new(obj)
        };
        let id = self.model.add(finalizable);
        assert_eq!(id, self.weak.len());
        self.weak.push(Cc::downgrade(&o));
        self.roots.push(Some(o));
    }

    /// Bring the model up to date with what the last operation did (`collection`: the model's
    /// verdict if it was a collection), and compare.
    fn settle(&mut self, collection: Option<Collection>) -> Result<(), String> {
        let dropped: Vec<usize> = lock(&self.drops)[self.seen_drops..].to_vec();
        self.seen_drops += dropped.len();
        let finalized: Vec<usize> = lock(&self.hook.finalized)[self.seen_finalized..].to_vec();
        self.seen_finalized += finalized.len();
        let mut kept = std::mem::take(&mut *lock(&self.hook.kept));

        // The resurrection flag: taken by the first finalizer that ran, if any.
        if kept.len() > 1 {
            return Err(format!("{} objects kept by one Op::Resurrect", kept.len()));
        }
        if self.model.resurrect && !finalized.is_empty() {
            if kept.len() != 1 {
                return Err("finalizers ran while Op::Resurrect was armed, none kept".into());
            }
            self.model.resurrect = false;
        } else if !kept.is_empty() {
            return Err("an object was kept without Op::Resurrect".into());
        }
        if self.hook.resurrect.load(Ordering::SeqCst) != self.model.resurrect {
            return Err("the resurrection flag disagrees with the model".into());
        }
        let kept_id = kept.first().map(|k| k.get(&sync::enter()).id);
        if let Some(k) = kept_id {
            if !finalized.contains(&k) {
                return Err(format!(
                    "object {k} kept, but its finalizer is not reported"
                ));
            }
        }

        // The collection's verdict, less what the kept object reaches (the second trial
        // deletion over the unreachable set).
        let mut expected_drops = BTreeSet::new();
        let mut found_unreachable = HashSet::new();
        if let Some(c) = collection {
            let resurrected = match kept_id {
                Some(k) if c.unreachable.contains(&k) => {
                    self.model.reach([k], |i| c.unreachable.contains(&i))
                }
                _ => HashSet::new(),
            };
            for &i in &c.candidates {
                if !c.unreachable.contains(&i) || resurrected.contains(&i) {
                    self.model.generation[i] = c.target;
                }
            }
            for &i in &c.unreachable {
                self.model.cleared[i] = true;
                if !resurrected.contains(&i) {
                    self.model.kill(i);
                    expected_drops.insert(i);
                }
            }
            found_unreachable = c.unreachable;
        }

        // Deaths by reference count. A finalizer that resurrected outside a collection's
        // unreachable set must have run on an object that was dying.
        if let Some(k) = kept_id {
            if !found_unreachable.contains(&k) && !self.model.peel(&self.rooted()).contains(&k) {
                return Err(format!("object {k} finalized, but it was not dying"));
            }
            if self.roots[k].is_some() {
                return Err(format!("object {k} finalized while a root holds it"));
            }
            self.roots[k] = kept.pop();
        }
        let by_count = self.model.peel(&self.rooted());
        for &i in &by_count {
            self.model.kill(i);
        }
        expected_drops.extend(by_count.iter().copied());

        // Drops.
        let mut seen = BTreeSet::new();
        for &d in &dropped {
            if !seen.insert(d) {
                return Err(format!("object {d} dropped twice"));
            }
        }
        if seen != expected_drops {
            let reachable = self.reachable_from_roots();
            let early: Vec<_> = seen.difference(&expected_drops).collect();
            if let Some(&&i) = early.iter().find(|&&&i| reachable.contains(&i)) {
                return Err(format!("reachable object {i} was dropped"));
            }
            return Err(format!(
                "dropped {seen:?}, the model expected {expected_drops:?}"
            ));
        }

        // Finalizers: every object that died or was found unreachable, once in its life.
        let expected_finalized: BTreeSet<usize> = found_unreachable
            .iter()
            .chain(by_count.iter())
            .chain(kept_id.iter())
            .copied()
            .filter(|&i| self.model.finalizable[i] && !self.model.finalized[i])
            .collect();
        let mut ran = BTreeSet::new();
        for &f in &finalized {
            if !ran.insert(f) || self.model.finalized[f] {
                return Err(format!("the finalizer of object {f} ran twice"));
            }
        }
        if ran != expected_finalized {
            return Err(format!(
                "finalizers ran for {ran:?}, the model expected {expected_finalized:?}"
            ));
        }
        for &i in &expected_finalized {
            self.model.finalized[i] = true;
        }

        self.check_weak()?;
        self.check_generations()
    }

    /// Every `Weak` upgrades exactly when its object is alive and was never found unreachable.
    fn check_weak(&self) -> Result<(), String> {
        for (i, w) in self.weak.iter().enumerate() {
            let upgrades = w.upgrade().is_some();
            let expected = self.model.alive[i] && !self.model.cleared[i];
            if upgrades != expected {
                return Err(format!(
                    "object {i}: Weak::upgrade is {} but alive={} cleared={}",
                    if upgrades { "Some" } else { "None" },
                    self.model.alive[i],
                    self.model.cleared[i]
                ));
            }
        }
        Ok(())
    }

    fn check_generations(&self) -> Result<(), String> {
        let mut expected = [0usize; 4];
        for i in (0..self.model.len()).filter(|&i| self.model.alive[i]) {
            expected[self.model.generation[i] as usize] += 1;
        }
        expected[if self.foreign_frozen { 3 } else { 2 }] += self.foreign;
        let actual = [
            sync::generation_len(0),
            sync::generation_len(1),
            sync::generation_len(2),
            sync::get_freeze_count(),
        ];
        if actual != expected {
            return Err(format!(
                "generation lengths and freeze count {actual:?}, the model expected {expected:?}"
            ));
        }
        Ok(())
    }

    fn reachable_from_roots(&self) -> HashSet<usize> {
        let starts = (0..self.roots.len()).filter(|&i| self.roots[i].is_some());
        self.model.reach(starts, |i| self.model.alive[i])
    }

    /// The property of `model.rs`: after a full collection the live objects are exactly those
    /// reachable from the roots or from frozen objects.
    fn check_after_full_collection(&self) -> Result<(), String> {
        let starts = (0..self.model.len()).filter(|&i| {
            self.roots[i].is_some() || (self.model.alive[i] && self.model.generation[i] == PERM)
        });
        let reachable = self.model.reach(starts, |i| self.model.alive[i]);
        for i in 0..self.model.len() {
            if self.model.alive[i] != reachable.contains(&i) {
                return Err(format!(
                    "object {i}: alive={} but reachable={}",
                    self.model.alive[i],
                    reachable.contains(&i)
                ));
            }
        }
        Ok(())
    }

    fn collect(&mut self, generation: usize, collector: &mut Collector<'_>) -> Result<(), String> {
        let verdict = self.model.predict(generation, &self.rooted());
        collector(generation, self)?;
        self.settle(Some(verdict))?;
        if generation == 2 {
            self.check_after_full_collection()?;
        }
        Ok(())
    }
}

/// Runs a collection of the given generation; gets the world to keep the main thread busy
/// meanwhile, if it wants to.
type Collector<'a> = dyn FnMut(usize, &World) -> Result<(), String> + 'a;

fn step(w: &mut World, op: &Op, collector: &mut Collector<'_>) -> Result<(), String> {
    match *op {
        Op::Alloc => w.alloc(false),
        Op::AllocFinalizable => w.alloc(true),
        Op::AddEdge(..) | Op::AddEdgeRecent(..) => {
            let (x, y) = match *op {
                Op::AddEdge(a, b) => (w.handle(a), w.handle(b)),
                Op::AddEdgeRecent(a, b) => (w.recent(a), w.recent(b)),
                _ => unreachable!(),
            };
            if let (Some(x), Some(y)) = (x, y) {
                let m = sync::enter();
                let (xi, yi) = (x.get(&m).id, y.get(&m).id);
                lock(&x.get(&m).edges).push(y.clone());
                drop(m);
                w.model.graph.add_edge(node(xi), node(yi), ());
            }
        }
        Op::RemoveEdge(a, k) => {
            if let Some(x) = w.handle(a) {
                let removed = {
                    let m = sync::enter();
                    let mut edges = lock(&x.get(&m).edges);
                    if edges.is_empty() {
                        None
                    } else {
                        let n = edges.len();
                        let r = edges.remove(k % n);
                        let ri = r.get(&m).id;
                        Some((x.get(&m).id, ri, r))
                    }
                };
                if let Some((xi, ri, r)) = removed {
                    let e = w.model.graph.find_edge(node(xi), node(ri)).unwrap();
                    w.model.graph.remove_edge(e);
                    drop(r);
                }
            }
        }
        Op::DropRoot(i) => {
            if !w.roots.is_empty() {
                let n = w.roots.len();
                w.roots[i % n] = None;
            }
        }
        Op::DropRootRecent(i) => {
            let n = w.roots.len();
            if n > 0 {
                w.roots[n - 1 - i.min(n - 1)] = None;
            }
        }
        Op::Reroot(i) => {
            if let Some(x) = w.handle(i) {
                let id = x.get(&sync::enter()).id;
                w.roots[id] = Some(x);
            }
        }
        Op::Collect(g) => return w.collect(g, collector),
        Op::CollectInMutator => {
            let m = sync::enter();
            let collected = sync::collect();
            let tried = sync::try_collect();
            drop(m);
            if collected != 0 || tried.is_some() {
                return Err(format!(
                    "inside a mutator: collect() = {collected}, try_collect() = {tried:?}"
                ));
            }
        }
        Op::Freeze => {
            sync::freeze();
            for i in 0..w.model.len() {
                if w.model.alive[i] {
                    w.model.generation[i] = PERM;
                }
            }
            w.foreign_frozen = true;
        }
        Op::Unfreeze => {
            sync::unfreeze();
            for g in &mut w.model.generation {
                if *g == PERM {
                    *g = 2;
                }
            }
            w.foreign_frozen = false;
        }
        Op::Resurrect => {
            w.hook.resurrect.store(true, Ordering::SeqCst);
            w.model.resurrect = true;
        }
    }
    w.settle(None)
}

fn run(ops: &[Op], collector: &mut Collector<'_>) -> Result<(), String> {
    sync::set_threshold(0, 0, 0); // no automatic collection: the model decides when
    sync::unfreeze();
    sync::collect(); // garbage of earlier (failed) cases goes now
    let mut w = World::new();
    w.foreign = sync::generation_len(2);
    w.check_generations()?;
    for (n, op) in ops.iter().enumerate() {
        step(&mut w, op, collector).map_err(|e| format!("op {n} ({op:?}): {e}"))?;
    }
    // Everything unfrozen and unreachable goes; then everything.
    step(&mut w, &Op::Unfreeze, collector).map_err(|e| format!("final unfreeze: {e}"))?;
    w.hook.resurrect.store(false, Ordering::SeqCst);
    w.model.resurrect = false;
    w.collect(2, collector)
        .map_err(|e| format!("final collection: {e}"))?;
    w.roots.iter_mut().for_each(|r| *r = None);
    w.settle(None)
        .map_err(|e| format!("dropping the roots: {e}"))?;
    w.collect(2, collector)
        .map_err(|e| format!("last collection: {e}"))?;
    let dropped = lock(&w.drops).len();
    if dropped != w.weak.len() {
        return Err(format!(
            "{} objects, {dropped} dropped at the end",
            w.weak.len()
        ));
    }
    if let Some(i) = (0..w.model.len()).find(|&i| w.model.finalizable[i] && !w.model.finalized[i]) {
        return Err(format!("object {i} freed without its finalizer"));
    }
    Ok(())
}

fn property(ops: Vec<Op>) -> TestResult {
    let mut collector = |g: usize, _: &World| {
        sync::collect_generation(g);
        Ok(())
    };
    match run(&ops, &mut collector) {
        Ok(()) => TestResult::passed(),
        Err(e) => TestResult::error(e),
    }
}

/// One step of the main thread's activity while another thread collects: no mutator held
/// across it, handles of rooted objects cloned and dropped (with and without a mutator).
fn busy_step(w: &World, n: usize) {
    let live: Vec<&Cc<Obj>> = w.roots.iter().flatten().collect();
    if live.is_empty() {
        std::thread::yield_now();
        return;
    }
    let root = live[n % live.len()].clone();
    let (id, child) = {
        let m = sync::enter();
        let obj = root.get(&m);
        let child = lock(&obj.edges).first().cloned();
        (obj.id, child)
    };
    drop(child);
    let _ = w.weak[id].upgrade();
    drop(root);
    std::thread::yield_now();
}

fn property_remote(ops: Vec<Op>, busy: bool) -> TestResult {
    let result = std::thread::scope(|s| {
        let (request, requests) = mpsc::channel::<usize>();
        let (done, finished) = mpsc::channel::<()>();
        s.spawn(move || {
            for g in requests {
                sync::collect_generation(g);
                if done.send(()).is_err() {
                    break;
                }
            }
        });
        let mut collector = move |g: usize, w: &World| -> Result<(), String> {
            request
                .send(g)
                .map_err(|_| "the collecting thread is gone".to_string())?;
            let mut n = 0;
            loop {
                let r = if busy {
                    finished.try_recv()
                } else {
                    finished.recv().map_err(|_| TryRecvError::Disconnected)
                };
                match r {
                    Ok(()) => return Ok(()),
                    Err(TryRecvError::Empty) => {
                        busy_step(w, n);
                        n += 1;
                    }
                    Err(TryRecvError::Disconnected) => {
                        return Err("the collecting thread panicked".into())
                    }
                }
            }
        };
        let result = run(&ops, &mut collector);
        drop(collector); // ends the collecting thread
        result
    });
    match result {
        Ok(()) => TestResult::passed(),
        Err(e) => TestResult::error(e),
    }
}

/// `MODEL_CASES` overrides the number of cases of the first test (the second runs half as
/// many); `QUICKCHECK_GENERATOR_SIZE` (quickcheck's own) the length of the longest program.
fn quickcheck(divide_by: u64) -> QuickCheck {
    let cases = std::env::var("MODEL_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000)
        / divide_by;
    QuickCheck::new().tests(cases).max_tests(cases * 2)
}

#[test]
fn sync_collector_agrees_with_reachability_model() {
    let _serial = lock(&SERIAL);
    quickcheck(1).quickcheck(property as fn(Vec<Op>) -> TestResult);
}

#[test]
fn collection_from_another_thread_gives_the_same_verdict() {
    let _serial = lock(&SERIAL);
    quickcheck(2).quickcheck(property_remote as fn(Vec<Op>, bool) -> TestResult);
}
