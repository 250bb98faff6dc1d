//! The incremental mode (`set_incremental`, `collect_slice`): garbage found across slices,
//! nothing live ever freed while the program mutates the heap between slices, objects dying
//! by their count while under a cycle, panics, finalizers, and the cases that abandon a cycle.
//!
//! Each test runs on its own thread (its own heap), since the mode and the lists are per thread.

use gc_core::{Cc, Finalize, Trace, Weak};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[derive(Trace)]
struct Node {
    #[trace(skip)]
    id: usize,
    edges: RefCell<Vec<Cc<Node>>>,
    #[trace(skip)]
    drops: Rc<RefCell<Vec<usize>>>,
}

impl Drop for Node {
    fn drop(&mut self) {
        self.drops.borrow_mut().push(self.id);
    }
}

struct Heap {
    drops: Rc<RefCell<Vec<usize>>>,
    next: usize,
}

impl Heap {
    fn new() -> Heap {
        // Only the collections the test asks for run.
        gc_core::set_threshold(0, 0, 0);
        Heap {
            drops: Rc::default(),
            next: 0,
        }
    }

    fn node(&mut self) -> Cc<Node> {
        self.next += 1;
        Cc::new(Node {
            id: self.next - 1,
            edges: RefCell::default(),
            drops: self.drops.clone(),
        })
    }

    fn dropped(&self) -> usize {
        self.drops.borrow().len()
    }

    fn was_dropped(&self, id: usize) -> bool {
        self.drops.borrow().contains(&id)
    }
}

fn link(a: &Cc<Node>, b: &Cc<Node>) {
    a.edges.borrow_mut().push(b.clone());
}

/// Promote everything tracked to generation 2.
fn promote() {
    gc_core::collect_generation(1);
}

/// Run slices of `budget` until the cycle in progress ends; returns how many ran.
fn finish_cycle(budget: usize) -> u64 {
    let mut n = 1;
    while gc_core::collect_slice(budget) {
        n += 1;
        assert!(n < 10_000_000, "the cycle never ends");
    }
    n
}

fn on_own_heap(f: impl FnOnce() + Send + 'static) {
    std::thread::spawn(f).join().unwrap();
}

/// A ring of `n` nodes, returned with its first node.
fn ring(heap: &mut Heap, n: usize) -> Vec<Cc<Node>> {
    let nodes: Vec<Cc<Node>> = (0..n).map(|_| heap.node()).collect();
    for i in 0..n {
        link(&nodes[i], &nodes[(i + 1) % n]);
    }
    nodes
}

#[test]
fn a_garbage_cycle_in_generation_2_is_freed_by_slices() {
    on_own_heap(|| {
        let mut heap = Heap::new();
        let live = ring(&mut heap, 5);
        let garbage = ring(&mut heap, 4);
        let weak: Weak<Node> = Cc::downgrade(&garbage[0]);
        promote();
        drop(garbage);
        assert_eq!(heap.dropped(), 0);
        let slices = finish_cycle(1);
        assert!(slices > 1, "a budget of 1 takes several slices");
        assert_eq!(heap.dropped(), 4);
        assert!((5..9).all(|id| heap.was_dropped(id)));
        assert!(weak.upgrade().is_none());
        let stats = gc_core::get_incremental_stats();
        assert_eq!(stats.cycles, 1);
        assert_eq!(stats.collected, 4);
        assert_eq!(stats.last_cycle_slices, slices);
        assert!(!stats.in_progress);
        // The live ring is intact and back in generation 2.
        assert_eq!(Cc::generation(&live[0]), Some(2));
        assert_eq!(live[0].edges.borrow()[0].id, 1);
        drop(live);
        gc_core::collect();
        assert_eq!(heap.dropped(), 9);
    });
}

#[test]
#[cfg_attr(miri, ignore)]
fn a_large_cycle_threaded_through_the_old_generation_is_freed() {
    on_own_heap(|| {
        let mut heap = Heap::new();
        const N: usize = 50_000;
        // Live and garbage nodes interleaved in allocation (list) order.
        let mut live = Vec::new();
        let mut cycle = Vec::new();
        for _ in 0..N {
            live.push(heap.node());
            cycle.push(heap.node());
        }
        for i in 0..N {
            link(&cycle[i], &cycle[(i + 1) % N]);
            link(&live[i], &live[(i + 7) % N]);
            // The cycle points at live nodes too; nothing live points into the cycle.
            link(&cycle[i], &live[i]);
        }
        let ids: Vec<usize> = cycle.iter().map(|c| c.id).collect();
        promote();
        drop(cycle);
        let slices = finish_cycle(1000);
        assert!(slices >= (2 * 2 * N / 1000) as u64, "{slices} slices");
        assert_eq!(heap.dropped(), N);
        assert!(ids.iter().all(|&id| heap.was_dropped(id)));
        assert!(live.iter().all(|l| l.edges.borrow().len() == 1));
        drop(live);
        assert_eq!(gc_core::collect(), N);
        assert_eq!(heap.dropped(), 2 * N);
    });
}

#[test]
fn a_chain_of_garbage_cycles_is_freed_within_one_cycle() {
    // Cycles C0 -> C1 -> ... -> C9, allocated so that the last is first in list order: a batch
    // started from C9 keeps it (C8 still references it); later passes free the rest.
    on_own_heap(|| {
        let mut heap = Heap::new();
        let rings: Vec<Vec<Cc<Node>>> = (0..10).map(|_| ring(&mut heap, 3)).rev().collect();
        for w in rings.windows(2) {
            link(&w[0][0], &w[1][0]);
        }
        promote();
        drop(rings);
        finish_cycle(2);
        assert_eq!(heap.dropped(), 30);
        assert_eq!(gc_core::get_incremental_stats().cycles, 1);
    });
}

#[test]
fn mutation_between_slices_never_frees_a_live_object() {
    // The program moves references between scanned and unscanned objects while the cycle
    // runs, the pattern that fools a naive sliced trial deletion: A's reference to B moves to
    // C after A was traced, and the stack's handle to B is dropped; B stays reachable.
    on_own_heap(|| {
        let mut heap = Heap::new();
        for budget in 1..6 {
            let before = heap.dropped();
            let root = heap.node();
            let chain: Vec<Cc<Node>> = (0..20).map(|_| heap.node()).collect();
            for i in 0..19 {
                link(&chain[i], &chain[i + 1]);
            }
            link(&root, &chain[0]);
            let b = heap.node();
            link(&chain[3], &b);
            promote();
            let mut step = 0;
            let mut b = Some(b);
            while gc_core::collect_slice(budget) {
                step += 1;
                match step {
                    1 => {
                        // Move chain[3]'s reference to B into chain[17], then drop ours.
                        let moved = chain[3].edges.borrow_mut().pop().unwrap();
                        chain[17].edges.borrow_mut().push(moved);
                        drop(b.take());
                    }
                    3 => {
                        // Cut the chain: 10..20 become unreachable from root but stay held by
                        // the stack's `chain` vector.
                        chain[9].edges.borrow_mut().clear();
                    }
                    5 => {
                        let fresh = heap.node();
                        link(&chain[19], &fresh);
                    }
                    _ => {}
                }
                assert_eq!(
                    heap.dropped(),
                    before,
                    "budget {budget}: a live object was freed"
                );
            }
            assert_eq!(heap.dropped(), before);
            // B is alive and reachable through chain[17].
            assert_eq!(
                chain[17]
                    .edges
                    .borrow()
                    .last()
                    .unwrap()
                    .edges
                    .borrow()
                    .len(),
                0
            );
            drop((root, chain));
            gc_core::collect();
        }
    });
}

#[test]
fn objects_dying_by_their_count_under_a_cycle_are_freed() {
    on_own_heap(|| {
        let mut heap = Heap::new();
        let nodes: Vec<Cc<Node>> = (0..40).map(|_| heap.node()).collect();
        let weak: Vec<Weak<Node>> = nodes.iter().map(Cc::downgrade).collect();
        promote();
        let mut nodes: Vec<Option<Cc<Node>>> = nodes.into_iter().map(Some).collect();
        let mut i = 0;
        while gc_core::collect_slice(3) {
            // Drop a few in every phase: scanned, tentative, not yet scanned.
            for _ in 0..3 {
                if i < 40 {
                    nodes[i] = None;
                    i += 1;
                }
            }
        }
        nodes.clear();
        assert_eq!(heap.dropped(), 40);
        assert!(weak.iter().all(|w| w.upgrade().is_none()));
        // Memory held for the buried ones is given back: a full collection finds nothing left.
        assert_eq!(gc_core::collect(), 0);
    });
}

#[test]
fn a_full_collection_abandons_the_cycle_and_still_finds_everything() {
    on_own_heap(|| {
        let mut heap = Heap::new();
        let garbage = ring(&mut heap, 6);
        let live = ring(&mut heap, 3);
        promote();
        drop(garbage);
        assert!(gc_core::collect_slice(2));
        assert!(gc_core::collect_slice(2));
        assert_eq!(gc_core::collect(), 6);
        let stats = gc_core::get_incremental_stats();
        assert_eq!(stats.aborted, 1);
        assert!(!stats.in_progress);
        assert_eq!(Cc::generation(&live[0]), Some(2));
        // Introspection sees every object again.
        assert_eq!(gc_core::get_objects(Some(2)).len(), 3);
        drop(live);
        assert_eq!(gc_core::collect(), 3);
        assert_eq!(heap.dropped(), 9);
    });
}

#[test]
fn introspection_and_freeze_abandon_the_cycle() {
    on_own_heap(|| {
        let mut heap = Heap::new();
        let live = ring(&mut heap, 4);
        promote();
        assert!(gc_core::collect_slice(1));
        assert_eq!(gc_core::get_objects(None).len(), 4);
        assert!(gc_core::collect_slice(1));
        assert_eq!(
            gc_core::get_referrers(&gc_core::AnyCc::from(&live[1])).len(),
            1
        );
        assert!(gc_core::collect_slice(1));
        gc_core::freeze();
        assert_eq!(gc_core::get_freeze_count(), 4);
        gc_core::unfreeze();
        assert_eq!(gc_core::get_incremental_stats().aborted, 3);
        drop(live);
        assert_eq!(gc_core::collect(), 4);
    });
}

#[test]
fn a_panicking_trace_abandons_the_cycle_and_frees_nothing() {
    // `Trace` is implemented by hand here so that it can panic.
    #[derive(Trace)]
    struct Holder(Cc<Bomb>);
    struct Bomb {
        armed: Cell<bool>,
        other: RefCell<Option<Cc<Holder>>>,
    }
    // SAFETY: reports the one `Cc` the value holds (unless it panics first).
    unsafe impl Trace for Bomb {
        fn trace<V: gc_core::Visitor>(&self, v: &mut V) {
            assert!(!self.armed.get(), "boom");
            self.other.trace(v);
        }
    }
    on_own_heap(|| {
        gc_core::set_threshold(0, 0, 0);
        let bomb = Cc::new(Bomb {
            armed: Cell::new(false),
            other: RefCell::new(None),
        });
        let holder = Cc::new(Holder(bomb.clone()));
        *bomb.other.borrow_mut() = Some(holder.clone());
        let weak = Cc::downgrade(&holder);
        promote();
        bomb.armed.set(true);
        drop(holder);
        let r = std::panic::catch_unwind(|| while gc_core::collect_slice(1) {});
        assert!(r.is_err());
        let stats = gc_core::get_incremental_stats();
        assert_eq!(stats.aborted, 1);
        assert!(weak.upgrade().is_some());
        bomb.armed.set(false);
        drop(bomb);
        assert_eq!(gc_core::collect(), 2);
    });
}

/// A finalizer that resurrects its object through a global.
#[derive(Trace)]
struct Phoenix {
    me: RefCell<Option<Cc<Phoenix>>>,
}

thread_local! {
    static SAVED: RefCell<Option<Cc<Phoenix>>> = const { RefCell::new(None) };
    static FINALIZED: Cell<u32> = const { Cell::new(0) };
}

impl Finalize for Phoenix {
    fn finalize(this: &Cc<Self>) {
        FINALIZED.with(|f| f.set(f.get() + 1));
        SAVED.with(|s| *s.borrow_mut() = Some(this.clone()));
    }
}

#[test]
fn a_finalizer_resurrects_its_object_during_a_slice() {
    on_own_heap(|| {
        gc_core::set_threshold(0, 0, 0);
        let p = Cc::new_finalizable(Phoenix {
            me: RefCell::new(None),
        });
        *p.me.borrow_mut() = Some(p.clone());
        promote();
        drop(p);
        finish_cycle(1);
        assert_eq!(FINALIZED.with(Cell::get), 1);
        let saved = SAVED.with(|s| s.borrow_mut().take()).expect("resurrected");
        assert!(saved.me.borrow().is_some());
        assert_eq!(Cc::generation(&saved), Some(2));
        // The finalizer never runs again; the next cycle frees it for good.
        drop(saved);
        finish_cycle(1);
        assert_eq!(FINALIZED.with(Cell::get), 1);
        assert_eq!(gc_core::collect(), 0);
    });
}

#[test]
#[cfg_attr(miri, ignore)]
fn automatic_collections_run_slices_when_the_mode_is_on() {
    on_own_heap(|| {
        let drops = Rc::new(RefCell::new(Vec::new()));
        let mut heap = Heap {
            drops: drops.clone(),
            next: 0,
        };
        gc_core::set_threshold(200, 2, 2);
        gc_core::set_incremental(Some(1000));
        let keep: Vec<Cc<Node>> = (0..5000).map(|_| heap.node()).collect();
        let mut made = 0;
        for round in 0..2000 {
            // Garbage 2-cycles that live long enough to reach generation 2 now and then.
            let pair = ring(&mut heap, 2);
            link(&keep[round % 5000], &pair[0]);
            made += 2;
            for _ in 0..50 {
                let _ = heap.node();
                made += 1;
            }
            keep[round % 5000].edges.borrow_mut().clear();
        }
        let stats = gc_core::get_incremental_stats();
        assert!(stats.slices > 0, "{stats:?}");
        assert!(stats.cycles > 0, "{stats:?}");
        gc_core::set_incremental(None);
        drop(keep);
        gc_core::collect();
        assert_eq!(drops.borrow().len(), made + 5000);
        gc_core::set_threshold(2000, 10, 10);
    });
}
