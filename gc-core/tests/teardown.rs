//! Teardown order, finalizers, resurrection, dead handles, re-entrancy and panics in user code.

mod common;

use common::{fresh, link, node, DropLog, Node};
use gc_core::{Cc, Finalize, Trace, Visitor, Weak};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A finalizable node that records events into a shared log.
#[derive(Trace)]
struct Fin {
    #[trace(skip)]
    id: u32,
    next: RefCell<Option<Cc<Fin>>>,
    weak_to: RefCell<Weak<Fin>>,
    #[trace(skip)]
    events: Rc<RefCell<Vec<String>>>,
    #[trace(skip)]
    resurrect_into: Option<Rc<RefCell<Vec<Cc<Fin>>>>>,
}

impl Finalize for Fin {
    fn finalize(this: &Cc<Self>) {
        let next_ok = this
            .next
            .borrow()
            .as_ref()
            .map(|n| Cc::try_deref(n).is_some());
        let weak_clear = this.weak_to.borrow().upgrade().is_none();
        this.events.borrow_mut().push(format!(
            "finalize {} next_intact={next_ok:?} weak_cleared={weak_clear}",
            this.id
        ));
        if let Some(store) = &this.resurrect_into {
            store.borrow_mut().push(this.clone());
        }
    }
}

impl Drop for Fin {
    fn drop(&mut self) {
        self.events.borrow_mut().push(format!("drop {}", self.id));
    }
}

fn fin(
    id: u32,
    events: &Rc<RefCell<Vec<String>>>,
    store: Option<&Rc<RefCell<Vec<Cc<Fin>>>>>,
) -> Cc<Fin> {
    Cc::new_finalizable(Fin {
        id,
        next: RefCell::new(None),
        weak_to: RefCell::new(Weak::new()),
        events: events.clone(),
        resurrect_into: store.cloned(),
    })
}

#[test]
fn finalizers_run_once_with_the_cycle_intact_and_weakrefs_cleared_first() {
    fresh(|| {
        let events = Rc::new(RefCell::new(Vec::new()));
        let a = fin(1, &events, None);
        let b = fin(2, &events, None);
        *a.next.borrow_mut() = Some(b.clone());
        *b.next.borrow_mut() = Some(a.clone());
        *a.weak_to.borrow_mut() = Cc::downgrade(&b);
        *b.weak_to.borrow_mut() = Cc::downgrade(&a);
        drop((a, b));
        assert_eq!(gc_core::collect(), 2);
        let ev = events.borrow().clone();
        assert_eq!(ev.len(), 4, "{ev:?}");
        assert!(ev[..2]
            .iter()
            .all(|e| e.starts_with("finalize") && e.contains("next_intact=Some(true)")));
        assert!(
            ev[..2].iter().all(|e| e.contains("weak_cleared=true")),
            "{ev:?}"
        );
        assert!(ev[2..].iter().all(|e| e.starts_with("drop")));
    });
}

#[test]
fn finalizer_runs_on_refcount_death_and_only_once() {
    fresh(|| {
        let events = Rc::new(RefCell::new(Vec::new()));
        let a = fin(1, &events, None);
        assert!(!Cc::is_finalized(&a));
        drop(a);
        assert_eq!(
            *events.borrow(),
            vec!["finalize 1 next_intact=None weak_cleared=true", "drop 1"]
        );
    });
}

#[test]
fn resurrection_by_refcount_finalizer_keeps_object_and_never_finalizes_again() {
    fresh(|| {
        let events = Rc::new(RefCell::new(Vec::new()));
        let store = Rc::new(RefCell::new(Vec::new()));
        let a = fin(1, &events, Some(&store));
        drop(a);
        assert_eq!(events.borrow().len(), 1, "finalized, not dropped");
        let a = store.borrow_mut().pop().unwrap();
        assert!(Cc::is_finalized(&a));
        assert_eq!(Cc::strong_count(&a), 1);
        drop(a);
        assert_eq!(events.borrow().len(), 2);
        assert_eq!(events.borrow()[1], "drop 1");
    });
}

#[test]
fn resurrected_cycle_survives_is_promoted_and_is_not_finalized_again() {
    fresh(|| {
        let events = Rc::new(RefCell::new(Vec::new()));
        let store = Rc::new(RefCell::new(Vec::new()));
        let a = fin(1, &events, Some(&store));
        let b = fin(2, &events, None);
        *a.next.borrow_mut() = Some(b.clone());
        *b.next.borrow_mut() = Some(a.clone());
        let weak_b = Cc::downgrade(&b);
        drop((a, b));
        assert_eq!(
            gc_core::collect_generation(0),
            0,
            "resurrected objects are not counted"
        );
        assert_eq!(
            events.borrow().len(),
            2,
            "both finalized, none dropped: {:?}",
            events.borrow()
        );
        assert!(
            weak_b.upgrade().is_none(),
            "weak references stay cleared after resurrection"
        );
        let a = store.borrow_mut().pop().unwrap();
        assert_eq!(Cc::generation(&a), Some(1), "survivors are promoted");
        let b = a.next.borrow().clone().unwrap();
        assert!(Cc::is_finalized(&b));
        assert!(
            Cc::downgrade(&b).upgrade().is_none(),
            "a Weak made after resurrection does not upgrade"
        );
        drop((a, b));
        assert_eq!(gc_core::collect(), 2);
        let ev = events.borrow();
        assert_eq!(ev.len(), 4, "{ev:?}");
        assert!(
            ev[2..].iter().all(|e| e.starts_with("drop")),
            "no second finalization: {ev:?}"
        );
    });
}

#[test]
fn drop_of_cycle_member_sees_dead_peer_and_deref_panics_cleanly() {
    #[derive(Trace)]
    struct Peer {
        other: RefCell<Option<Cc<Peer>>>,
        #[trace(skip)]
        seen: Rc<Cell<u32>>,
    }
    impl Drop for Peer {
        fn drop(&mut self) {
            if let Some(other) = self.other.borrow().as_ref() {
                assert!(Cc::try_deref(other).is_none());
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| other.seen.get()));
                let msg = r.unwrap_err();
                let msg = msg.downcast_ref::<String>().unwrap();
                assert!(msg.contains("torn down"), "{msg}");
                self.seen.set(self.seen.get() + 1);
            }
        }
    }
    fresh(|| {
        let seen = Rc::new(Cell::new(0));
        let a = Cc::new(Peer {
            other: RefCell::new(None),
            seen: seen.clone(),
        });
        let b = Cc::new(Peer {
            other: RefCell::new(Some(a.clone())),
            seen: seen.clone(),
        });
        *a.other.borrow_mut() = Some(b.clone());
        drop((a, b));
        assert_eq!(gc_core::collect(), 2);
        assert_eq!(seen.get(), 2);
    });
}

#[test]
fn drop_that_stashes_a_dead_handle_keeps_memory_not_value() {
    thread_local!(static STASH: RefCell<Vec<Cc<Stash>>> = const { RefCell::new(Vec::new()) });
    #[derive(Trace)]
    struct Stash {
        me: RefCell<Option<Cc<Stash>>>,
    }
    impl Drop for Stash {
        fn drop(&mut self) {
            if let Some(me) = self.me.borrow().as_ref() {
                STASH.with(|s| s.borrow_mut().push(me.clone()));
            }
        }
    }
    fresh(|| {
        let a = Cc::new(Stash {
            me: RefCell::new(None),
        });
        *a.me.borrow_mut() = Some(a.clone());
        drop(a);
        assert_eq!(gc_core::collect(), 1);
        let kept = STASH.with(|s| s.borrow_mut().pop()).unwrap();
        assert!(Cc::try_deref(&kept).is_none());
        assert!(!Cc::is_tracked(&kept));
        assert_eq!(Cc::strong_count(&kept), 1);
        drop(kept); // frees the memory, value not dropped twice
    });
}

#[test]
fn collection_requested_from_drop_or_finalizer_returns_zero() {
    #[derive(Trace)]
    struct Reenter {
        me: RefCell<Option<Cc<Reenter>>>,
        #[trace(skip)]
        results: Rc<RefCell<Vec<usize>>>,
    }
    impl Drop for Reenter {
        fn drop(&mut self) {
            self.results.borrow_mut().push(gc_core::collect());
        }
    }
    impl Finalize for Reenter {
        fn finalize(this: &Cc<Self>) {
            this.results
                .borrow_mut()
                .push(gc_core::collect_generation(0));
        }
    }
    fresh(|| {
        let results = Rc::new(RefCell::new(Vec::new()));
        let a = Cc::new_finalizable(Reenter {
            me: RefCell::new(None),
            results: results.clone(),
        });
        *a.me.borrow_mut() = Some(a.clone());
        drop(a);
        assert_eq!(gc_core::collect(), 1);
        assert_eq!(*results.borrow(), vec![0, 0]);
    });
}

#[test]
fn finalizer_that_drops_its_peers_last_reference() {
    // A finalizer may make another member of the set die by reference count mid-phase.
    #[derive(Trace)]
    struct Cut {
        next: RefCell<Option<Cc<Cut>>>,
        holder: RefCell<Option<Cc<Cut>>>,
        #[trace(skip)]
        log: DropLog,
        #[trace(skip)]
        id: u32,
    }
    impl Finalize for Cut {
        fn finalize(this: &Cc<Self>) {
            this.holder.borrow_mut().take();
        }
    }
    impl Drop for Cut {
        fn drop(&mut self) {
            self.log.0.borrow_mut().push(self.id);
        }
    }
    fresh(|| {
        let log = DropLog::default();
        let mk = |id| {
            Cc::new_finalizable(Cut {
                next: RefCell::new(None),
                holder: RefCell::new(None),
                log: log.clone(),
                id,
            })
        };
        let a = mk(1);
        let b = mk(2);
        let c = mk(3);
        *a.next.borrow_mut() = Some(b.clone());
        *b.next.borrow_mut() = Some(a.clone());
        *a.holder.borrow_mut() = Some(c.clone()); // c only referenced by a
        drop((a, b, c));
        gc_core::collect();
        assert_eq!((log.count(1), log.count(2), log.count(3)), (1, 1, 1));
    });
}

/// A type whose trace panics on demand.
struct Bomb {
    arm: Rc<Cell<bool>>,
    next: RefCell<Option<Cc<Bomb>>>,
    log: DropLog,
    id: u32,
}

// SAFETY: traces its one Cc, or panics before reporting anything.
unsafe impl Trace for Bomb {
    fn trace<V: Visitor>(&self, v: &mut V) {
        if self.arm.get() {
            panic!("trace bomb");
        }
        self.next.trace(v);
    }
}

impl Drop for Bomb {
    fn drop(&mut self) {
        self.log.0.borrow_mut().push(self.id);
    }
}

#[test]
fn panic_in_trace_keeps_everything_and_propagates() {
    fresh(|| {
        let log = DropLog::default();
        let arm = Rc::new(Cell::new(false));
        let a = Cc::new(Bomb {
            arm: arm.clone(),
            next: RefCell::new(None),
            log: log.clone(),
            id: 1,
        });
        *a.next.borrow_mut() = Some(a.clone());
        let live = node(7, &log);
        link(&live, &live);
        let weak = Cc::downgrade(&a);
        drop(a);
        arm.set(true);
        let r = std::panic::catch_unwind(gc_core::collect);
        assert!(r.is_err(), "the panic propagates out of collect");
        assert_eq!(log.total(), 0, "nothing freed when the verdict is unknown");
        assert!(weak.upgrade().is_some());
        assert_eq!(
            Cc::generation(&live),
            Some(2),
            "lists restored and consistent"
        );
        arm.set(false);
        assert_eq!(gc_core::collect(), 1);
        assert_eq!(log.count(1), 1);
        drop(live);
        assert_eq!(gc_core::collect(), 1);
    });
}

#[test]
fn panic_in_finalizer_finishes_teardown_then_propagates() {
    #[derive(Trace)]
    struct BadFin {
        next: RefCell<Option<Cc<BadFin>>>,
        #[trace(skip)]
        log: DropLog,
        #[trace(skip)]
        id: u32,
    }
    impl Finalize for BadFin {
        fn finalize(this: &Cc<Self>) {
            if this.id == 1 {
                panic!("finalizer bomb");
            }
        }
    }
    impl Drop for BadFin {
        fn drop(&mut self) {
            self.log.0.borrow_mut().push(self.id);
        }
    }
    fresh(|| {
        let log = DropLog::default();
        let a = Cc::new_finalizable(BadFin {
            next: RefCell::new(None),
            log: log.clone(),
            id: 1,
        });
        let b = Cc::new_finalizable(BadFin {
            next: RefCell::new(Some(a.clone())),
            log: log.clone(),
            id: 2,
        });
        *a.next.borrow_mut() = Some(b.clone());
        drop((a, b));
        let r = std::panic::catch_unwind(gc_core::collect);
        let msg = r.unwrap_err();
        assert_eq!(*msg.downcast_ref::<&str>().unwrap(), "finalizer bomb");
        assert_eq!(
            (log.count(1), log.count(2)),
            (1, 1),
            "both torn down exactly once"
        );
        assert_eq!(gc_core::collect(), 0);
    });
}

#[test]
fn panic_in_drop_during_teardown_frees_the_rest_then_propagates() {
    #[derive(Trace)]
    struct BadDrop {
        next: RefCell<Option<Cc<BadDrop>>>,
        #[trace(skip)]
        log: DropLog,
        #[trace(skip)]
        id: u32,
    }
    impl Drop for BadDrop {
        fn drop(&mut self) {
            self.log.0.borrow_mut().push(self.id);
            if self.id == 1 {
                panic!("drop bomb");
            }
        }
    }
    fresh(|| {
        let log = DropLog::default();
        let a = Cc::new(BadDrop {
            next: RefCell::new(None),
            log: log.clone(),
            id: 1,
        });
        let b = Cc::new(BadDrop {
            next: RefCell::new(Some(a.clone())),
            log: log.clone(),
            id: 2,
        });
        let c = Cc::new(BadDrop {
            next: RefCell::new(Some(b.clone())),
            log: log.clone(),
            id: 3,
        });
        *a.next.borrow_mut() = Some(c.clone());
        drop((a, b, c));
        let r = std::panic::catch_unwind(gc_core::collect);
        assert!(r.is_err());
        assert_eq!((log.count(1), log.count(2), log.count(3)), (1, 1, 1));
        assert_eq!(gc_core::collect(), 0);
        assert_eq!(gc_core::get_objects(None).len(), 0);
    });
}

#[test]
fn panic_in_drop_by_refcount_propagates_and_memory_is_released() {
    fresh(|| {
        struct P;
        impl Drop for P {
            fn drop(&mut self) {
                panic!("p");
            }
        }
        // SAFETY: P owns no Cc.
        unsafe impl Trace for P {
            const CAN_HOLD_CC: bool = false;
            fn trace<V: Visitor>(&self, _: &mut V) {}
            fn needs_tracking(&self) -> bool {
                false
            }
        }
        let p = Cc::new(P);
        assert!(std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(p))).is_err());
    });
}

#[test]
fn automatic_collection_panic_propagates_out_of_cc_new() {
    fresh(|| {
        let log = DropLog::default();
        let arm = Rc::new(Cell::new(false));
        let a = Cc::new(Bomb {
            arm: arm.clone(),
            next: RefCell::new(None),
            log: log.clone(),
            id: 1,
        });
        *a.next.borrow_mut() = Some(a.clone());
        drop(a);
        arm.set(true);
        gc_core::set_threshold(1, 10, 10);
        let r = std::panic::catch_unwind(|| {
            let _n = node(2, &DropLog::default());
        });
        assert!(r.is_err());
        arm.set(false);
        gc_core::set_threshold(0, 0, 0);
        assert_eq!(gc_core::collect(), 1);
    });
}

#[test]
fn save_all_keeps_garbage_intact_after_finalizers() {
    fresh(|| {
        let events = Rc::new(RefCell::new(Vec::new()));
        gc_core::set_debug(gc_core::DebugFlags::SAVEALL);
        let a = fin(1, &events, None);
        *a.next.borrow_mut() = Some(a.clone());
        let weak = Cc::downgrade(&a);
        drop(a);
        assert_eq!(gc_core::collect(), 1);
        assert!(weak.upgrade().is_none(), "weak refs cleared as in CPython");
        let garbage = gc_core::garbage();
        assert_eq!(garbage.len(), 1);
        let a = garbage[0].downcast::<Fin>().unwrap();
        assert_eq!(a.id, 1, "intact");
        assert!(Cc::is_finalized(&a));
        assert_eq!(events.borrow().len(), 1, "finalized, not dropped");
        drop(a);
        drop(garbage);
        gc_core::set_debug(gc_core::DebugFlags::empty());
        gc_core::clear_garbage();
        assert_eq!(gc_core::collect(), 1);
        assert_eq!(events.borrow().len(), 2);
    });
}

#[test]
fn node_drops_are_counted_exactly_once_in_big_random_cycles() {
    fresh(|| {
        let log = DropLog::default();
        let n = if cfg!(miri) { 60 } else { 3000 };
        let nodes: Vec<Cc<Node>> = (0..n).map(|i| node(i, &log)).collect();
        let mut x: u64 = 12345;
        for i in 0..n as usize {
            for _ in 0..3 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let j = (x >> 33) as usize % n as usize;
                link(&nodes[i], &nodes[j]);
            }
        }
        drop(nodes);
        gc_core::collect();
        for i in 0..n {
            assert_eq!(log.count(i), 1, "node {i}");
        }
    });
}

/// A node whose trace panics on the n-th trace call counted across all such nodes.
struct Countdown {
    left: Rc<Cell<u32>>,
    edges: RefCell<Vec<Cc<Countdown>>>,
    log: DropLog,
    id: u32,
}

// SAFETY: traces its Cc edges, or panics before reporting anything.
unsafe impl Trace for Countdown {
    fn trace<V: Visitor>(&self, v: &mut V) {
        let left = self.left.get();
        if left == 1 {
            self.left.set(0);
            panic!("countdown");
        }
        self.left.set(left.saturating_sub(1));
        self.edges.trace(v);
    }
}

impl Drop for Countdown {
    fn drop(&mut self) {
        self.log.0.borrow_mut().push(self.id);
    }
}

#[test]
fn panic_at_any_trace_call_of_a_collection_leaves_the_heap_sound() {
    // Children allocated before their parents, so the walk moves some out and back; a panic
    // at every possible point of both passes must leave every list sound and free nothing.
    for k in 1..=16 {
        fresh(move || {
            let log = DropLog::default();
            let left = Rc::new(Cell::new(0));
            let mk = |id| {
                Cc::new(Countdown {
                    left: left.clone(),
                    edges: RefCell::default(),
                    log: log.clone(),
                    id,
                })
            };
            let leaf1 = mk(1);
            let leaf2 = mk(2);
            let mid = mk(3);
            mid.edges.borrow_mut().push(leaf1.clone());
            mid.edges.borrow_mut().push(leaf2.clone());
            let root = mk(4);
            root.edges.borrow_mut().push(mid.clone());
            let cyc = mk(5);
            cyc.edges.borrow_mut().push(cyc.clone());
            cyc.edges.borrow_mut().push(leaf1.clone());
            drop((leaf1, leaf2, mid, cyc));
            left.set(k);
            let r = std::panic::catch_unwind(gc_core::collect);
            let panicked = r.is_err();
            if panicked {
                assert_eq!(
                    log.total(),
                    0,
                    "k={k}: nothing freed when the verdict is unknown"
                );
                assert_eq!(gc_core::get_objects(None).len(), 5, "k={k}");
                left.set(0);
                assert_eq!(gc_core::collect(), 1, "k={k}");
            }
            assert_eq!(log.count(5), 1, "k={k}");
            assert_eq!(log.total(), 1, "k={k}");
            drop(root);
            assert_eq!(log.total(), 5, "k={k}");
            assert_eq!(gc_core::get_objects(None).len(), 0, "k={k}");
        });
    }
}

#[test]
fn destruction_frees_memory_before_or_after_the_value_as_size_and_weak_refs_require() {
    #[derive(Trace)]
    struct SelfWeak {
        me: RefCell<Weak<SelfWeak>>,
        #[trace(skip)]
        log: DropLog,
    }
    impl Drop for SelfWeak {
        fn drop(&mut self) {
            // The object's memory must still be there for the Weak this value holds.
            assert!(self.me.borrow().upgrade().is_none());
            self.log.0.borrow_mut().push(1);
        }
    }
    #[derive(Trace)]
    struct Big {
        #[trace(skip)]
        payload: [u64; 128],
        next: Option<Cc<Big>>,
        #[trace(skip)]
        log: DropLog,
    }
    impl Drop for Big {
        fn drop(&mut self) {
            assert_eq!(self.payload[127], 7);
            self.log.0.borrow_mut().push(2);
        }
    }
    fresh(|| {
        let log = DropLog::default();
        let s = Cc::new(SelfWeak {
            me: RefCell::new(Weak::new()),
            log: log.clone(),
        });
        *s.me.borrow_mut() = Cc::downgrade(&s);
        let outside = Cc::downgrade(&s);
        drop(s);
        assert!(outside.upgrade().is_none());
        drop(outside);
        let mut chain = None;
        for _ in 0..100 {
            chain = Some(Cc::new(Big {
                payload: [7; 128],
                next: chain,
                log: log.clone(),
            }));
        }
        drop(chain);
        assert_eq!(log.count(1), 1);
        assert_eq!(log.count(2), 100);
    });
}

/// A finalizer that panics while its thread is already unwinding (the object dies by reference
/// count during another panic) is caught and reported, never an abort.
#[test]
fn a_finalizer_panicking_during_unwinding_does_not_abort() {
    use gc_core::{Cc, Finalize, Trace};
    use std::cell::Cell;
    thread_local!(static RAN: Cell<u32> = const { Cell::new(0) });
    #[derive(Trace)]
    struct Grumpy;
    impl Finalize for Grumpy {
        fn finalize(_this: &Cc<Self>) {
            RAN.with(|r| r.set(r.get() + 1));
            panic!("finalizer panics");
        }
    }
    let result = std::thread::spawn(|| {
        let _g = Cc::new_finalizable(Grumpy);
        let outcome = std::panic::catch_unwind(|| {
            let _inner = Cc::new_finalizable(Grumpy);
            panic!("first panic"); // `_inner` dies while unwinding
        });
        assert!(outcome.is_err());
        assert_eq!(
            RAN.with(Cell::get),
            1,
            "the finalizer ran during the unwinding"
        );
        // Outside unwinding, a finalizer's panic still propagates from the drop.
        let dropped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(_g)));
        assert!(dropped.is_err());
        RAN.with(Cell::get)
    })
    .join();
    assert_eq!(result.ok(), Some(2), "no abort, both finalizers ran once");
}
