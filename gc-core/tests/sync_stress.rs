//! Many threads mutate one shared graph of sync objects while other threads collect, checked
//! against a model: no object reachable from a thread's handles is ever dropped or torn down,
//! no value is dropped twice, and afterwards one full collection frees exactly what is
//! unreachable.
//!
//! The operations include the one that breaks a naive concurrent trial deletion: moving a
//! handle from one object to another (take it out of A's lock, then put it into B's) while a
//! collection runs. Finalizers run concurrently too, and some resurrect their object into a
//! shared pool from which other threads take and clone it.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::Mutex;

use gc_core::sync::{self, Cc, Finalize, Mutator};
use gc_core::Trace;

const MUTATORS: usize = 3;

/// Operations per mutator thread; `GC_STRESS_OPS` overrides it (the sanitizer runs in CI,
/// which are 5-15 times slower, use fewer).
fn ops_per_thread() -> usize {
    if let Some(ops) = std::env::var("GC_STRESS_OPS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return ops;
    }
    if cfg!(miri) {
        150
    } else if cfg!(debug_assertions) {
        300_000
    } else {
        1_000_000
    }
}

static DROPS: Mutex<Vec<u32>> = Mutex::new(Vec::new());
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);
static FINALIZED: AtomicU32 = AtomicU32::new(0);
static RESURRECTED: AtomicU32 = AtomicU32::new(0);
/// Handles shared between threads (and where finalizers resurrect objects).
static POOL: Mutex<Vec<Cc<Node>>> = Mutex::new(Vec::new());

struct Node {
    id: usize,
    edges: Mutex<Vec<Cc<Node>>>,
}

// Every 32nd call yields the collector's thread, which widens the window in which a collector
// without the world stopped would see a handle move between two objects.
// SAFETY: reports exactly the handles in `edges` (through the crate's `Mutex` impl).
unsafe impl Trace for Node {
    fn trace<V: gc_core::Visitor>(&self, v: &mut V) {
        thread_local!(static CALLS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
        if CALLS.with(|c| {
            c.set(c.get().wrapping_add(1));
            c.get() % 32 == 0
        }) {
            std::thread::yield_now();
        }
        self.edges.trace(v);
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let mut drops = DROPS.lock().unwrap();
        drops[self.id] += 1;
        assert_eq!(drops[self.id], 1, "node {} dropped twice", self.id);
    }
}

impl Finalize for Node {
    fn finalize(this: &Cc<Self>, m: &Mutator) {
        FINALIZED.fetch_add(1, Ordering::Relaxed);
        let id = this.get(m).id;
        if id.is_multiple_of(10) {
            RESURRECTED.fetch_add(1, Ordering::Relaxed);
            POOL.lock().unwrap().push(this.clone());
        }
    }
}

fn new_node() -> Cc<Node> {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    {
        let mut drops = DROPS.lock().unwrap();
        if drops.len() <= id {
            drops.resize(id + 1, 0);
        }
    }
    let node = Node {
        id,
        edges: Mutex::new(Vec::new()),
    };
    if id.is_multiple_of(5) {
        Cc::new_finalizable(node)
    } else {
        Cc::new(node)
    }
}

/// A node reached from a live handle must be intact and never dropped.
fn check_alive(node: &Cc<Node>, m: &Mutator) {
    let value = node
        .try_get(m)
        .expect("a reachable object was torn down by a collection");
    assert_eq!(
        DROPS.lock().unwrap()[value.id],
        0,
        "a reachable object was dropped"
    );
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn mutator(seed: u64, ops: usize) -> Vec<Cc<Node>> {
    let mut rng = Rng(seed);
    let mut roots: Vec<Cc<Node>> = (0..4).map(|_| new_node()).collect();
    // Long-lived nodes whose edges hold objects that nothing else holds: what a collection
    // that raced with moves between them would count wrongly.
    let spine: Vec<Cc<Node>> = (0..128).map(|_| new_node()).collect();
    for _ in 0..ops {
        if roots.is_empty() {
            roots.push(new_node());
        }
        let i = rng.below(roots.len());
        let j = rng.below(roots.len());
        let (a, b) = (
            &spine[rng.below(spine.len())],
            &spine[rng.below(spine.len())],
        );
        match rng.below(16) {
            0 | 1 => roots.push(new_node()),
            2 => drop(roots.swap_remove(i)),
            3 => roots.push(roots[i].clone()),
            4 | 5 => {
                let m = sync::enter();
                check_alive(&roots[i], &m);
                roots[i]
                    .get(&m)
                    .edges
                    .lock()
                    .unwrap()
                    .push(roots[j].clone());
            }
            6 => {
                let m = sync::enter();
                let mut edges = roots[i].get(&m).edges.lock().unwrap();
                if !edges.is_empty() {
                    let k = rng.below(edges.len());
                    edges.swap_remove(k);
                }
            }
            7 | 8 => {
                // Move an edge from one object to another, in two separate lock sections.
                let m = sync::enter();
                let taken = {
                    let mut from = roots[i].get(&m).edges.lock().unwrap();
                    if from.is_empty() {
                        None
                    } else {
                        let k = rng.below(from.len());
                        Some(from.swap_remove(k))
                    }
                };
                if let Some(edge) = taken {
                    check_alive(&edge, &m);
                    roots[j].get(&m).edges.lock().unwrap().push(edge);
                }
            }
            9 => {
                let m = sync::enter();
                // Walk a few edges: everything reached is alive.
                let mut at = roots[i].clone();
                for _ in 0..8 {
                    check_alive(&at, &m);
                    let next = {
                        let edges = at.get(&m).edges.lock().unwrap();
                        if edges.is_empty() {
                            None
                        } else {
                            Some(edges[rng.below(edges.len())].clone())
                        }
                    };
                    match next {
                        Some(n) => at = n,
                        None => break,
                    }
                }
                // Sometimes keep the end of the walk as a root.
                if rng.below(2) == 0 {
                    roots.push(at);
                }
            }
            10 => POOL.lock().unwrap().push(roots.swap_remove(i)),
            12 => {
                let m = sync::enter();
                let mut edges = a.get(&m).edges.lock().unwrap();
                if edges.len() < 16 {
                    edges.push(new_node());
                } else {
                    let k = rng.below(edges.len());
                    edges.swap_remove(k);
                }
            }
            13 | 14 => {
                // The move race: out of one spine node's lock, into another's.
                let m = sync::enter();
                let taken = {
                    let mut from = a.get(&m).edges.lock().unwrap();
                    (!from.is_empty()).then(|| {
                        let k = rng.below(from.len());
                        from.swap_remove(k)
                    })
                };
                if let Some(edge) = taken {
                    check_alive(&edge, &m);
                    b.get(&m).edges.lock().unwrap().push(edge);
                }
            }
            15 => {
                let m = sync::enter();
                for edge in a.get(&m).edges.lock().unwrap().iter() {
                    check_alive(edge, &m);
                }
            }
            _ => {
                let taken = {
                    let mut pool = POOL.lock().unwrap();
                    if pool.is_empty() {
                        None
                    } else {
                        let k = rng.below(pool.len());
                        Some(pool.swap_remove(k))
                    }
                };
                if let Some(h) = taken {
                    roots.push(h.clone());
                    roots.push(h);
                }
            }
        }
        if roots.len() > 64 {
            roots.truncate(32);
        }
    }
    roots.extend(spine);
    roots
}

/// Moves handles between the nodes of `spine` and checks what it moves, allocating nothing
/// (so it never waits on the heap lock): the adversary of a collection's verdict.
fn mover(spine: &[Cc<Node>], seed: u64, done: &AtomicBool) -> u64 {
    let mut rng = Rng(seed);
    let mut moves = 0;
    while !done.load(Ordering::Relaxed) {
        let m = sync::enter();
        for _ in 0..16 {
            let a = &spine[rng.below(spine.len())];
            let b = &spine[rng.below(spine.len())];
            let taken = {
                let mut from = a.get(&m).edges.lock().unwrap();
                (!from.is_empty()).then(|| {
                    let k = rng.below(from.len());
                    from.swap_remove(k)
                })
            };
            if let Some(edge) = taken {
                check_alive(&edge, &m);
                b.get(&m).edges.lock().unwrap().push(edge);
                moves += 1;
            }
        }
        drop(m);
        std::thread::yield_now();
    }
    moves
}

#[test]
fn threads_mutating_a_shared_graph_while_others_collect_match_the_model() {
    sync::set_threshold(200, 5, 5);
    if !cfg!(miri) {
        // Parallel passes even for small collections (Miri runs them in a test of their own:
        // rayon's pool does not pass Stacked Borrows).
        sync::set_parallel_threshold(64);
        sync::set_collector_threads(2);
    }
    let ops = ops_per_thread();
    let done = std::sync::Arc::new(AtomicBool::new(false));
    let collector = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut rng = Rng(0x9e37_79b9);
            let mut runs = 0_u32;
            while !done.load(Ordering::Relaxed) {
                match rng.below(4) {
                    0 | 3 => drop(sync::collect()),
                    1 => drop(sync::collect_generation(rng.below(2))),
                    _ => drop(sync::try_collect()),
                }
                runs += 1;
                std::thread::yield_now();
            }
            runs
        })
    };
    // A spine shared by the movers, each of its nodes holding a few nodes nothing else holds.
    let spine: std::sync::Arc<Vec<Cc<Node>>> =
        std::sync::Arc::new((0..64).map(|_| new_node()).collect());
    {
        let m = sync::enter();
        for node in spine.iter() {
            for _ in 0..8 {
                node.get(&m).edges.lock().unwrap().push(new_node());
            }
        }
    }
    let movers: Vec<_> = (0..2)
        .map(|t| {
            let (spine, done) = (spine.clone(), done.clone());
            std::thread::spawn(move || mover(&spine, 0xabcd + t, &done))
        })
        .collect();
    let mutators: Vec<_> = (0..MUTATORS)
        .map(|t| std::thread::spawn(move || mutator(0x1234_5678 + t as u64 * 7919, ops)))
        .collect();
    let mut roots: Vec<Cc<Node>> = Vec::new();
    for h in mutators {
        roots.extend(h.join().expect("a mutator failed"));
    }
    done.store(true, Ordering::Relaxed);
    let collector_runs = collector.join().expect("the collector failed");
    assert!(collector_runs > 0);
    let moves: u64 = movers
        .into_iter()
        .map(|h| h.join().expect("a mover failed"))
        .sum();
    assert!(moves > 0);
    roots.extend(std::sync::Arc::try_unwrap(spine).unwrap_or_else(|_| panic!("movers are done")));
    roots.extend(std::mem::take(&mut *POOL.lock().unwrap()));

    // The model: what the remaining handles reach.
    let created = NEXT_ID.load(Ordering::Relaxed);
    let mut reachable = vec![false; created];
    {
        let m = sync::enter();
        let mut stack: Vec<Cc<Node>> = roots.clone();
        while let Some(node) = stack.pop() {
            check_alive(&node, &m);
            let id = node.get(&m).id;
            if std::mem::replace(&mut reachable[id], true) {
                continue;
            }
            stack.extend(node.get(&m).edges.lock().unwrap().iter().cloned());
        }
    }
    // A full collection frees exactly the rest (finalizers may resurrect into POOL: those
    // are dropped again until none is, as a finalizer runs once).
    collect_until_nothing_resurrects();
    {
        let drops = DROPS.lock().unwrap();
        let mut leaked = 0;
        for (id, &r) in reachable.iter().enumerate() {
            if r {
                assert_eq!(drops[id], 0, "node {id} is reachable but was dropped");
            } else if drops[id] != 1 {
                leaked += 1;
            }
        }
        assert_eq!(
            leaked, 0,
            "unreachable nodes not freed by a full collection"
        );
    }
    drop(roots);
    collect_until_nothing_resurrects();
    let drops = DROPS.lock().unwrap();
    assert!(
        drops.iter().all(|&d| d == 1),
        "every node dropped exactly once at the end"
    );
    assert!(FINALIZED.load(Ordering::SeqCst) > 0);
    eprintln!(
        "{created} nodes, {moves} moves by the movers, {collector_runs} collector calls, {} finalized, {} resurrected, stats {:?}",
        FINALIZED.load(Ordering::SeqCst),
        RESURRECTED.load(Ordering::SeqCst),
        sync::get_stats().map(|s| (s.collections, s.collected))
    );
}

/// Collect; drop whatever finalizers resurrected into the pool; repeat until nothing is.
fn collect_until_nothing_resurrects() {
    loop {
        sync::collect();
        let pool = std::mem::take(&mut *POOL.lock().unwrap());
        if pool.is_empty() {
            return;
        }
        drop(pool);
    }
}
