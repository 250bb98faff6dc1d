//! The sync heap: cycles across threads, the teardown order, finalizers and resurrection,
//! panics, deep structures, and a multi-threaded stress test checked against a model.
//!
//! Every test holds `SERIAL`: the sync heap is one per process, and exact counts need a
//! collection to see only the test's own garbage.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock};

use gc_core::sync::{self, Cc, Finalize, Mutator, Weak};
use gc_core::Trace;

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    let g = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    // Start from a clean heap: garbage left by an earlier (failed) test is collected now.
    sync::collect();
    g
}

/// Drop counters per object id, to check that each value is dropped exactly once.
struct Drops {
    counts: Vec<AtomicU32>,
}

impl Drops {
    fn new(n: usize) -> Arc<Drops> {
        Arc::new(Drops {
            counts: (0..n).map(|_| AtomicU32::new(0)).collect(),
        })
    }
    fn get(&self, id: usize) -> u32 {
        self.counts[id].load(Ordering::SeqCst)
    }
    fn total(&self) -> u32 {
        self.counts.iter().map(|c| c.load(Ordering::SeqCst)).sum()
    }
}

#[derive(Trace)]
struct Node {
    #[trace(skip)]
    id: usize,
    #[trace(skip)]
    drops: Arc<Drops>,
    edges: Mutex<Vec<Cc<Node>>>,
}

impl Node {
    fn new(id: usize, drops: &Arc<Drops>) -> Cc<Node> {
        Cc::new(Node {
            id,
            drops: drops.clone(),
            edges: Mutex::new(Vec::new()),
        })
    }
    fn link(&self, to: &Cc<Node>) {
        self.edges.lock().unwrap().push(to.clone());
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let before = self.drops.counts[self.id].fetch_add(1, Ordering::SeqCst);
        assert_eq!(before, 0, "node {} dropped twice", self.id);
    }
}

#[test]
fn a_cycle_shared_by_two_threads_is_collected_once() {
    let _s = serial();
    let drops = Drops::new(2);
    let a = Node::new(0, &drops);
    let b = Node::new(1, &drops);
    let (a2, b2) = (a.clone(), b.clone());
    std::thread::spawn(move || {
        let m = sync::enter();
        a2.get(&m).link(&b2);
        b2.get(&m).link(&a2);
    })
    .join()
    .unwrap();
    assert!(Cc::is_tracked(&a));
    drop((a, b));
    assert_eq!(
        drops.total(),
        0,
        "a cycle is not freed by reference counting"
    );
    assert_eq!(sync::collect(), 2);
    assert_eq!((drops.get(0), drops.get(1)), (1, 1));
    assert_eq!(sync::collect(), 0);
}

#[test]
fn handles_held_from_outside_keep_their_cycle() {
    let _s = serial();
    let drops = Drops::new(3);
    let a = Node::new(0, &drops);
    let b = Node::new(1, &drops);
    let c = Node::new(2, &drops);
    {
        let m = sync::enter();
        a.get(&m).link(&b);
        b.get(&m).link(&a);
        b.get(&m).link(&c);
    }
    let keep = c.clone();
    drop((b, c));
    assert_eq!(
        sync::collect(),
        0,
        "a is held from outside, and reaches b and c"
    );
    assert_eq!(drops.total(), 0);
    drop(a);
    assert_eq!(sync::collect(), 2, "a and b; c is still held");
    assert_eq!(drops.get(2), 0);
    let m = sync::enter();
    assert_eq!(keep.get(&m).id, 2);
    drop(m);
    drop(keep);
    assert_eq!(drops.get(2), 1, "freed by reference count");
}

#[test]
fn untracked_values_cost_no_collection() {
    let _s = serial();
    let leaf = Cc::new(5_u64);
    assert!(!Cc::is_tracked(&leaf));
    #[derive(Trace)]
    struct Pair(Cc<u64>, Cc<u64>);
    let pair = Cc::new(Pair(leaf.clone(), leaf.clone()));
    assert!(!Cc::is_tracked(&pair), "immutable, children untracked");
    assert_eq!(Cc::strong_count(&leaf), 3);
    drop(pair);
    assert_eq!(Cc::strong_count(&leaf), 1);
    let locked = Cc::new(Mutex::new(None::<Cc<u64>>));
    assert!(Cc::is_tracked(&locked));
    let once = Cc::new(OnceLock::<Cc<u64>>::new());
    assert!(Cc::is_tracked(&once));
    let rw = Cc::new(RwLock::new(Vec::<Cc<u64>>::new()));
    assert!(Cc::is_tracked(&rw));
    assert!(
        !Cc::is_tracked(&Cc::new(Mutex::new(3_u32))),
        "a lock of a leaf"
    );
}

#[test]
fn weak_references_are_cleared_before_finalizers_and_stay_cleared() {
    let _s = serial();
    static SAW_WEAK: AtomicUsize = AtomicUsize::new(usize::MAX);
    static FINALIZED: AtomicUsize = AtomicUsize::new(0);
    static SAVED: Mutex<Option<Cc<Phoenix>>> = Mutex::new(None);
    static WEAK: Mutex<Option<Weak<Phoenix>>> = Mutex::new(None);

    #[derive(Trace)]
    struct Phoenix {
        me: Mutex<Option<Cc<Phoenix>>>,
    }
    impl Finalize for Phoenix {
        fn finalize(this: &Cc<Self>, m: &Mutator) {
            let weak = WEAK.lock().unwrap().clone().unwrap();
            SAW_WEAK.store(usize::from(weak.upgrade().is_some()), Ordering::SeqCst);
            FINALIZED.fetch_add(1, Ordering::SeqCst);
            assert!(
                this.get(m).me.lock().unwrap().is_some(),
                "the cycle is intact"
            );
            *SAVED.lock().unwrap() = Some(this.clone()); // resurrect
        }
    }

    let p = Cc::new_finalizable(Phoenix {
        me: Mutex::new(None),
    });
    {
        let m = sync::enter();
        *p.get(&m).me.lock().unwrap() = Some(p.clone());
    }
    *WEAK.lock().unwrap() = Some(Cc::downgrade(&p));
    drop(p);
    assert_eq!(sync::collect(), 0, "resurrected: nothing disposed of");
    assert_eq!(FINALIZED.load(Ordering::SeqCst), 1);
    assert_eq!(
        SAW_WEAK.load(Ordering::SeqCst),
        0,
        "weak cleared before the finalizer"
    );
    let p = SAVED.lock().unwrap().take().unwrap();
    assert!(Cc::is_finalized(&p));
    assert!(
        WEAK.lock().unwrap().as_ref().unwrap().upgrade().is_none(),
        "stays cleared"
    );
    assert!(
        Cc::downgrade(&p).upgrade().is_none(),
        "clearing is a property of the object"
    );
    // Break nothing: drop it in its cycle again; the finalizer does not run twice.
    drop(p);
    assert_eq!(sync::collect(), 1);
    assert_eq!(FINALIZED.load(Ordering::SeqCst), 1);
    *WEAK.lock().unwrap() = None;
}

#[test]
fn finalizer_runs_once_on_death_by_reference_count() {
    let _s = serial();
    static RAN: AtomicU32 = AtomicU32::new(0);
    #[derive(Trace)]
    struct Res(u32);
    impl Finalize for Res {
        fn finalize(this: &Cc<Self>, m: &Mutator) {
            RAN.fetch_add(this.get(m).0, Ordering::SeqCst);
        }
    }
    let r = Cc::new_finalizable(Res(7));
    let r2 = r.clone();
    std::thread::spawn(move || drop(r2)).join().unwrap();
    assert_eq!(RAN.load(Ordering::SeqCst), 0);
    drop(r);
    assert_eq!(RAN.load(Ordering::SeqCst), 7);
}

#[test]
fn a_drop_that_keeps_a_handle_to_a_dead_member_sees_it_dead() {
    let _s = serial();
    static STASH: Mutex<Vec<Cc<Member>>> = Mutex::new(Vec::new());
    static SAW_DEAD: AtomicBool = AtomicBool::new(false);
    #[derive(Trace)]
    struct Member {
        other: Mutex<Option<Cc<Member>>>,
    }
    impl Drop for Member {
        fn drop(&mut self) {
            if let Some(other) = self.other.lock().unwrap().take() {
                let m = sync::enter();
                SAW_DEAD.fetch_or(other.try_get(&m).is_none(), Ordering::SeqCst);
                drop(m);
                STASH.lock().unwrap().push(other);
            }
        }
    }
    let a = Cc::new(Member {
        other: Mutex::new(None),
    });
    let b = Cc::new(Member {
        other: Mutex::new(Some(a.clone())),
    });
    {
        let m = sync::enter();
        *a.get(&m).other.lock().unwrap() = Some(b.clone());
    }
    drop((a, b));
    assert_eq!(sync::collect(), 2);
    assert!(SAW_DEAD.load(Ordering::SeqCst));
    let stashed = std::mem::take(&mut *STASH.lock().unwrap());
    assert_eq!(stashed.len(), 2);
    let m = sync::enter();
    for s in &stashed {
        assert!(s.try_get(&m).is_none());
        assert!(Cc::is_dead(s));
    }
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = stashed[0].get(&m);
    }));
    assert!(
        panic.is_err(),
        "dereferencing a dead object panics, never UB"
    );
}

#[test]
fn a_panic_in_drop_is_reraised_after_the_teardown_finishes() {
    let _s = serial();
    let drops = Drops::new(3);
    #[derive(Trace)]
    struct Bomb {
        #[trace(skip)]
        inner_id: usize,
        #[trace(skip)]
        drops: Arc<Drops>,
        next: Mutex<Option<Cc<Bomb>>>,
    }
    impl Drop for Bomb {
        fn drop(&mut self) {
            self.drops.counts[self.inner_id].fetch_add(1, Ordering::SeqCst);
            if self.inner_id == 0 {
                panic!("bomb");
            }
        }
    }
    let mk = |id| {
        Cc::new(Bomb {
            inner_id: id,
            drops: drops.clone(),
            next: Mutex::new(None),
        })
    };
    let (a, b, c) = (mk(0), mk(1), mk(2));
    {
        let m = sync::enter();
        *a.get(&m).next.lock().unwrap() = Some(b.clone());
        *b.get(&m).next.lock().unwrap() = Some(c.clone());
        *c.get(&m).next.lock().unwrap() = Some(a.clone());
    }
    drop((a, b, c));
    let result = std::panic::catch_unwind(sync::collect);
    assert!(result.is_err(), "the panic is re-raised");
    assert_eq!((drops.get(0), drops.get(1), drops.get(2)), (1, 1, 1));
    assert_eq!(sync::collect(), 0, "the collector is consistent afterwards");
}

#[test]
fn a_panic_in_trace_keeps_every_candidate() {
    let _s = serial();
    static PANIC_IN_TRACE: AtomicBool = AtomicBool::new(false);
    let drops = Drops::new(2);
    struct Tricky {
        id: usize,
        drops: Arc<Drops>,
        next: Mutex<Option<Cc<Tricky>>>,
    }
    // SAFETY: reports exactly the `Cc` it owns (or panics).
    unsafe impl Trace for Tricky {
        fn trace<V: gc_core::Visitor>(&self, v: &mut V) {
            if PANIC_IN_TRACE.load(Ordering::SeqCst) {
                panic!("trace");
            }
            self.next.trace(v);
        }
    }
    impl Drop for Tricky {
        fn drop(&mut self) {
            self.drops.counts[self.id].fetch_add(1, Ordering::SeqCst);
        }
    }
    let mk = |id| {
        Cc::new(Tricky {
            id,
            drops: drops.clone(),
            next: Mutex::new(None),
        })
    };
    let (a, b) = (mk(0), mk(1));
    {
        let m = sync::enter();
        *a.get(&m).next.lock().unwrap() = Some(b.clone());
        *b.get(&m).next.lock().unwrap() = Some(a.clone());
    }
    drop((a, b));
    PANIC_IN_TRACE.store(true, Ordering::SeqCst);
    assert!(std::panic::catch_unwind(sync::collect).is_err());
    assert_eq!(drops.total(), 0, "an abandoned verdict frees nothing");
    PANIC_IN_TRACE.store(false, Ordering::SeqCst);
    assert_eq!(sync::collect(), 2);
    assert_eq!(drops.total(), 2);
}

#[test]
#[cfg_attr(
    miri,
    ignore = "leaks its objects on purpose: a forgotten guard holds their lock"
)]
fn a_held_lock_keeps_its_owner_and_contents_alive() {
    let _s = serial();
    let drops = Drops::new(2);
    let a = Node::new(0, &drops);
    let b = Node::new(1, &drops);
    {
        let m = sync::enter();
        a.get(&m).link(&b);
        b.get(&m).link(&a);
    }
    // A guard leaked on purpose: the lock stays held with no mutator.
    {
        let m = sync::enter();
        std::mem::forget(a.get(&m).edges.lock().unwrap());
    }
    drop((a, b));
    assert_eq!(sync::collect(), 0, "cannot read a held lock: kept");
    assert_eq!(drops.total(), 0);
}

#[test]
fn collect_inside_a_mutator_returns_zero_and_try_collect_none() {
    let _s = serial();
    let drops = Drops::new(2);
    let a = Node::new(0, &drops);
    let b = Node::new(1, &drops);
    let m = sync::enter();
    a.get(&m).link(&b);
    b.get(&m).link(&a);
    drop((a, b));
    assert_eq!(sync::collect(), 0);
    assert_eq!(sync::try_collect(), None);
    drop(m);
    assert_eq!(sync::try_collect(), Some(2));
}

#[test]
fn another_threads_mutator_delays_collection_but_never_deadlocks() {
    let _s = serial();
    let drops = Drops::new(2);
    let (hold_tx, hold_rx) = std::sync::mpsc::channel::<()>();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        let _m = sync::enter();
        ready_tx.send(()).unwrap();
        hold_rx.recv().unwrap(); // blocked inside a mutator
    });
    ready_rx.recv().unwrap();
    let a = Node::new(0, &drops);
    let b = Node::new(1, &drops);
    {
        // New mutators are not held back while the other thread holds one.
        let m = sync::enter();
        a.get(&m).link(&b);
        b.get(&m).link(&a);
    }
    drop((a, b));
    assert_eq!(sync::try_collect(), None, "the world cannot stop now");
    hold_tx.send(()).unwrap();
    holder.join().unwrap();
    assert_eq!(sync::collect(), 2);
}

#[test]
fn automatic_collection_runs_and_is_deferred_while_mutators_are_held() {
    let _s = serial();
    struct Restore((usize, usize, usize));
    impl Drop for Restore {
        fn drop(&mut self) {
            sync::set_threshold(self.0 .0, self.0 .1, self.0 .2);
        }
    }
    let _restore = Restore(sync::get_threshold());
    sync::set_threshold(100, 10, 10);
    let collections = || -> u64 { sync::get_stats().iter().map(|s| s.collections).sum() };
    let before = collections();
    let drops = Drops::new(1000);
    {
        let m = sync::enter();
        for i in 0..500 {
            let a = Node::new(i * 2, &drops);
            let b = Node::new(i * 2 + 1, &drops);
            a.get(&m).link(&b);
            b.get(&m).link(&a);
        }
        assert_eq!(
            collections(),
            before,
            "deferred while this thread holds a mutator"
        );
    }
    // Dropping the mutator made the heap quiescent: the pending collection ran.
    assert!(collections() > before);
    for _ in 0..1000 {
        let _ = Node::new(0, &Drops::new(1)); // allocations keep triggering
    }
    sync::collect();
    assert_eq!(drops.total(), 1000);
}

#[test]
// A policy test that needs tens of thousands of objects (minutes under Miri); the collection
// code it runs is under Miri in the other tests, and the back-off has no unsafe code.
#[cfg_attr(miri, ignore)]
fn young_threshold_backs_off_while_collections_find_nothing() {
    let _s = serial();
    struct Restore((usize, usize, usize));
    impl Drop for Restore {
        fn drop(&mut self) {
            sync::set_threshold(self.0 .0, self.0 .1, self.0 .2);
            sync::set_young_backoff(false);
        }
    }
    let _restore = Restore(sync::get_threshold());
    sync::set_threshold(2000, 10, 10);
    sync::set_young_backoff(true);
    assert_eq!(sync::get_young_threshold(), 2000);
    let backoffs = || -> u64 { sync::get_stats().iter().map(|s| s.backoffs).sum() };
    let before = backoffs();
    let drops = Drops::new(20_000);
    // Live objects only: the automatic collections find nothing.
    let keep: Vec<_> = (0..20_000).map(|i| Node::new(i, &drops)).collect();
    assert!(backoffs() >= before + 3, "{:?}", sync::get_stats());
    let raised = sync::get_young_threshold();
    assert!((16_000..=20_000).contains(&raised), "{raised}");
    sync::set_threshold(2000, 10, 10);
    assert_eq!(sync::get_young_threshold(), 2000, "set_threshold resets it");
    drop(keep);
    sync::collect();
    assert_eq!(drops.total(), 20_000);
}

#[test]
fn counts_thresholds_and_freeze_follow_the_gc_module() {
    let _s = serial();
    sync::collect();
    let drops = Drops::new(3);
    sync::disable();
    let (c0, _, _) = sync::get_count();
    let nodes: Vec<_> = (0..3).map(|i| Node::new(i, &drops)).collect();
    assert_eq!(sync::get_count().0, c0 + 3);
    sync::collect_generation(0);
    assert_eq!(sync::get_count().0, 0);
    assert_eq!(sync::generation_len(1), 3);
    // Objects kept alive by earlier tests (a leaked lock guard) sit in generation 2.
    let old = sync::generation_len(2);
    sync::freeze();
    assert_eq!(sync::get_freeze_count(), 3 + old);
    assert_eq!(sync::generation_len(1), 0);
    assert_eq!(sync::generation_len(2), 0);
    sync::unfreeze();
    assert_eq!(sync::get_freeze_count(), 0);
    assert_eq!(sync::generation_len(2), 3 + old);
    sync::enable();
    drop(nodes);
    assert_eq!(drops.total(), 3);
    let stats = sync::get_stats();
    assert!(stats[0].collections >= 1 && stats[2].collections >= 1);
}

fn deep_n() -> usize {
    if cfg!(miri) {
        1_000
    } else {
        1_000_000
    }
}

#[test]
fn a_million_long_chain_drops_and_a_million_ring_collects_on_a_small_stack() {
    let _s = serial();
    let n = deep_n();
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            // Immutable chain: untracked, freed by reference count through the trashcan.
            #[derive(Trace)]
            struct Link(Option<Cc<Link>>);
            let mut head = Cc::new(Link(None));
            for _ in 0..n {
                head = Cc::new(Link(Some(head)));
            }
            drop(head);
            // A ring of tracked nodes, collected.
            let drops = Drops::new(n);
            let first = Node::new(0, &drops);
            let m = sync::enter();
            let mut prev = first.clone();
            for i in 1..n {
                let node = Node::new(i, &drops);
                prev.get(&m).link(&node);
                prev = node;
            }
            prev.get(&m).link(&first);
            drop(m);
            drop((first, prev));
            assert_eq!(sync::collect(), n);
            assert_eq!(drops.total() as usize, n);
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
#[cfg_attr(
    miri,
    ignore = "rayon's crossbeam-epoch breaks Stacked Borrows and its pool outlives main: \
              .ci/run runs this under Tree Borrows with -Zmiri-ignore-leaks"
)]
fn parallel_passes_give_the_same_verdict() {
    let _s = serial();
    let n = if cfg!(miri) { 200 } else { 50_000 };
    sync::set_parallel_threshold(0);
    sync::set_collector_threads(2);
    let drops = Drops::new(n);
    let nodes: Vec<_> = (0..n).map(|i| Node::new(i, &drops)).collect();
    {
        let m = sync::enter();
        // Pairs (2i, 2i+1) form 2-cycles; every 4th pair also points at the next pair.
        for i in (0..n - 1).step_by(2) {
            nodes[i].get(&m).link(&nodes[i + 1]);
            nodes[i + 1].get(&m).link(&nodes[i]);
            if i % 8 == 0 && i + 2 < n {
                nodes[i].get(&m).link(&nodes[i + 2]);
            }
        }
    }
    // Keep every 16th node from outside.
    let kept: Vec<_> = nodes.iter().step_by(16).cloned().collect();
    drop(nodes);
    sync::collect();
    // Oracle: reachable from the kept nodes.
    let mut alive = vec![false; n];
    let mut stack: Vec<usize> = (0..n).step_by(16).collect();
    while let Some(i) = stack.pop() {
        if alive[i] {
            continue;
        }
        alive[i] = true;
        if i % 2 == 0 && i + 1 < n {
            stack.push(i + 1);
        } else if i % 2 == 1 {
            stack.push(i - 1);
        }
        if i % 8 == 0 && i + 2 < n {
            stack.push(i + 2);
        }
    }
    for (i, &a) in alive.iter().enumerate() {
        assert_eq!(drops.get(i), u32::from(!a), "node {i}: alive {a}");
    }
    drop(kept);
    sync::collect();
    assert_eq!(drops.total() as usize, n);
    sync::set_parallel_threshold(32_768);
}

#[test]
fn a_trace_that_reports_a_handle_twice_keeps_everything_and_names_its_type() {
    let _s = serial();
    let drops = Drops::new(2);
    struct Doubled {
        id: usize,
        drops: Arc<Drops>,
        next: Mutex<Option<Cc<Doubled>>>,
    }
    // Deliberately wrong (reports its handle twice), to test the collector's defence: the
    // collector must detect it and keep everything rather than free a live object.
    // SAFETY: not kept on purpose; the test checks that the collector survives it.
    unsafe impl Trace for Doubled {
        fn trace<V: gc_core::Visitor>(&self, v: &mut V) {
            self.next.trace(v);
            self.next.trace(v);
        }
    }
    impl Drop for Doubled {
        fn drop(&mut self) {
            self.drops.counts[self.id].fetch_add(1, Ordering::SeqCst);
        }
    }
    let a = Cc::new(Doubled {
        id: 0,
        drops: drops.clone(),
        next: Mutex::new(None),
    });
    let b = Cc::new(Doubled {
        id: 1,
        drops: drops.clone(),
        next: Mutex::new(None),
    });
    {
        let m = sync::enter();
        *a.get(&m).next.lock().unwrap() = Some(b.clone());
    }
    // b is held only by a, which is held from outside: reported twice, b's count of internal
    // references exceeds its strong count.
    drop(b);
    let err = std::panic::catch_unwind(sync::collect).expect_err("over-reporting is detected");
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(msg.contains("Doubled"), "names the type: {msg}");
    assert_eq!(drops.total(), 0, "nothing freed");
    {
        let m = sync::enter();
        let next = a
            .get(&m)
            .next
            .lock()
            .unwrap()
            .take()
            .expect("a still holds b");
        assert!(next.try_get(&m).is_some(), "the live object is intact");
    }
    assert_eq!(drops.total(), 1, "b freed by reference count once a let go");
    drop(a);
    assert_eq!(drops.total(), 2);
}

#[test]
#[cfg_attr(
    miri,
    ignore = "rayon's pool does not pass Stacked Borrows (see the parallel test)"
)]
fn a_collection_from_inside_the_programs_rayon_jobs_finishes() {
    let _s = serial();
    // Large enough for parallel passes; the collecting thread is a rayon worker, so the
    // collector must not hand its passes to its own pool (waiting there, this worker could run
    // one of the jobs below, which waits for the world to restart).
    sync::set_parallel_threshold(0);
    let drops = Drops::new(4000);
    let nodes: Vec<_> = (0..4000).map(|i| Node::new(i, &drops)).collect();
    {
        let m = sync::enter();
        for pair in nodes.chunks(2) {
            pair[0].get(&m).link(&pair[1]);
            pair[1].get(&m).link(&pair[0]);
        }
    }
    let (garbage, kept) = nodes.split_at(2000);
    drop(garbage.to_vec());
    let kept = kept.to_vec();
    drop(nodes);
    let collected = rayon::scope(|s| {
        for chunk in kept.chunks(100) {
            s.spawn(move |_| {
                let m = sync::enter();
                for n in chunk {
                    assert!(n.try_get(&m).is_some());
                }
            });
        }
        let (tx, rx) = std::sync::mpsc::channel();
        s.spawn(move |_| tx.send(sync::collect()).unwrap());
        rx.recv().unwrap()
    });
    sync::set_parallel_threshold(32_768);
    assert_eq!(collected, 2000);
    assert_eq!(drops.total(), 2000);
    drop(kept);
    assert_eq!(sync::collect(), 2000, "the kept pairs are cycles too");
    assert_eq!(drops.total(), 4000);
}

#[test]
fn a_sync_finalizer_panicking_during_unwinding_does_not_abort() {
    let _s = serial();
    static RAN: AtomicU32 = AtomicU32::new(0);
    #[derive(Trace)]
    struct Grumpy;
    impl Finalize for Grumpy {
        fn finalize(_this: &Cc<Self>, _m: &Mutator) {
            RAN.fetch_add(1, Ordering::SeqCst);
            panic!("finalizer panics");
        }
    }
    let outcome = std::thread::spawn(|| {
        let _inner = Cc::new_finalizable(Grumpy);
        panic!("first panic"); // `_inner` dies while unwinding
    })
    .join();
    assert!(outcome.is_err(), "the first panic, not an abort");
    assert_eq!(RAN.load(Ordering::SeqCst), 1);
}
