//! The weak-clear hooks (`gc_core::weak_callbacks`): when they run, what they are given, and
//! what happens when they resurrect, cut cycles, collect or panic.

mod common;

use common::{fresh, link, node, DropLog, Node};
use gc_core::{weak_callbacks, AnyCc, Cc, Finalize, Trace, Weak};
use std::cell::RefCell;
use std::rc::Rc;

/// A finalizable node that logs its finalizer and its drop.
#[derive(Trace)]
struct Fin {
    #[trace(skip)]
    id: u32,
    next: RefCell<Option<Cc<Fin>>>,
    #[trace(skip)]
    events: Rc<RefCell<Vec<String>>>,
}

impl Finalize for Fin {
    fn finalize(this: &Cc<Self>) {
        this.events
            .borrow_mut()
            .push(format!("finalize {}", this.id));
    }
}

impl Drop for Fin {
    fn drop(&mut self) {
        self.events.borrow_mut().push(format!("drop {}", self.id));
    }
}

fn fin(id: u32, events: &Rc<RefCell<Vec<String>>>) -> Cc<Fin> {
    Cc::new_finalizable(Fin {
        id,
        next: RefCell::new(None),
        events: events.clone(),
    })
}

/// The ids of the `Node`s among `objects`.
fn node_ids(objects: &[AnyCc]) -> Vec<u32> {
    objects
        .iter()
        .map(|o| o.downcast::<Node>().expect("a Node").id)
        .collect()
}

#[test]
fn hook_gets_exactly_the_weakly_referenced_garbage_with_every_weak_already_cleared() {
    fresh(|| {
        let log = DropLog::default();
        // A ring 1 -> 2 -> 3 -> 1; weak references to 1 and 3 only.
        let (a, b, c) = (node(1, &log), node(2, &log), node(3, &log));
        link(&a, &b);
        link(&b, &c);
        link(&c, &a);
        let weak_a: Weak<Node> = Cc::downgrade(&a);
        let weak_b2: Weak<Node> = Cc::downgrade(&c);
        let weak_c = weak_b2.clone();
        let weak_b: Weak<Node> = Cc::downgrade(&b);
        drop(weak_b); // no weak reference to 2 remains
        let probes = (weak_a.clone(), weak_c.clone());

        let seen = Rc::new(RefCell::new(Vec::new()));
        let seen_in = seen.clone();
        let drops_seen = log.clone();
        let id = weak_callbacks::add(move |objects| {
            let (wa, wc) = &probes;
            seen_in.borrow_mut().push((
                node_ids(objects),
                wa.upgrade().is_none() && wc.upgrade().is_none(),
                // The set is intact: every object still holds its edge.
                objects.iter().all(|o| {
                    o.downcast::<Node>()
                        .is_some_and(|n| n.edges.borrow().len() == 1)
                }),
                drops_seen.total(),
            ));
        });
        drop((a, b, c));
        assert_eq!(gc_core::collect(), 3);
        assert_eq!(*seen.borrow(), vec![(vec![1, 3], true, true, 0)]);
        assert!(weak_a.upgrade().is_none());
        assert!(weak_c.upgrade().is_none());
        for id in 1..=3 {
            assert_eq!(log.count(id), 1);
        }
        // A collection with garbage but no weak references does not call the hook.
        let d = node(4, &log);
        link(&d, &d);
        drop(d);
        assert_eq!(gc_core::collect(), 1);
        assert_eq!(seen.borrow().len(), 1);
        assert!(weak_callbacks::remove(id));
    });
}

#[test]
fn hooks_run_before_any_finalizer_of_the_set() {
    fresh(|| {
        let events = Rc::new(RefCell::new(Vec::new()));
        let a = fin(1, &events);
        let b = fin(2, &events);
        *a.next.borrow_mut() = Some(b.clone());
        *b.next.borrow_mut() = Some(a.clone());
        let weak_b = Cc::downgrade(&b);
        let ev = events.clone();
        let id = weak_callbacks::add(move |objects| {
            for o in objects {
                let f = o.downcast::<Fin>().unwrap();
                ev.borrow_mut().push(format!("hook {}", f.id));
            }
        });
        drop((a, b));
        assert_eq!(gc_core::collect(), 2);
        let ev = events.borrow().clone();
        assert_eq!(ev[0], "hook 2", "{ev:?}");
        assert_eq!(
            ev[1..3]
                .iter()
                .filter(|e| e.starts_with("finalize"))
                .count(),
            2,
            "{ev:?}"
        );
        assert_eq!(ev.len(), 5, "{ev:?}");
        assert!(weak_b.upgrade().is_none());
        assert!(weak_callbacks::remove(id));
    });
}

#[test]
fn a_hook_that_keeps_a_handle_resurrects_it_and_what_it_reaches() {
    fresh(|| {
        let log = DropLog::default();
        let (a, b, c) = (node(1, &log), node(2, &log), node(3, &log));
        link(&a, &b);
        link(&b, &a);
        link(&c, &c); // a second, separate cycle
        let weak_a = Cc::downgrade(&a);
        let weak_c = Cc::downgrade(&c);
        let stash: Rc<RefCell<Vec<AnyCc>>> = Rc::default();
        let keep = stash.clone();
        let id = weak_callbacks::add(move |objects| {
            for o in objects {
                if o.downcast::<Node>().unwrap().id == 1 {
                    keep.borrow_mut().push(o.clone());
                }
            }
        });
        drop((a, b, c));
        // 1 and 2 are resurrected; only 3 is disposed of.
        assert_eq!(gc_core::collect(), 1);
        assert_eq!((log.count(1), log.count(2), log.count(3)), (0, 0, 1));
        // The weak references cleared by the collection stay cleared.
        assert!(weak_a.upgrade().is_none());
        assert!(weak_c.upgrade().is_none());
        let a = stash.borrow()[0].downcast::<Node>().unwrap();
        assert_eq!(a.id, 1);
        let b = a.edges.borrow()[0].clone();
        assert_eq!(b.id, 2);
        assert!(Cc::ptr_eq(&b.edges.borrow()[0], &a));
        // The resurrected pair is collected for good once the stash lets go; the hook runs
        // again only if a weak reference exists then (`weak_a` still counts).
        drop((a, b));
        stash.borrow_mut().clear();
        assert!(weak_callbacks::remove(id));
        assert_eq!(gc_core::collect(), 2);
        assert_eq!((log.count(1), log.count(2)), (1, 1));
    });
}

#[test]
fn a_hook_that_cuts_the_cycle_frees_it_by_reference_count_once() {
    fresh(|| {
        let log = DropLog::default();
        let (a, b) = (node(1, &log), node(2, &log));
        link(&a, &b);
        link(&b, &a);
        let _weak = Cc::downgrade(&a);
        let id = weak_callbacks::add(|objects| {
            for o in objects {
                o.downcast::<Node>().unwrap().edges.borrow_mut().clear();
            }
        });
        drop((a, b));
        gc_core::collect();
        assert_eq!((log.count(1), log.count(2)), (1, 1));
        assert_eq!(gc_core::get_objects(None).len(), 0);
        assert!(weak_callbacks::remove(id));
    });
}

#[test]
fn a_collection_inside_a_hook_is_refused_and_hook_panics_are_reraised_after_teardown() {
    fresh(|| {
        let log = DropLog::default();
        let (a, b) = (node(1, &log), node(2, &log));
        link(&a, &b);
        link(&b, &a);
        let weak = Cc::downgrade(&b);
        let inner = Rc::new(RefCell::new(Vec::new()));
        let inner_in = inner.clone();
        weak_callbacks::add(move |_| inner_in.borrow_mut().push(gc_core::collect()));
        weak_callbacks::add(|_| panic!("hook failed"));
        drop((a, b));
        let r = std::panic::catch_unwind(gc_core::collect);
        let msg = r.expect_err("the hook's panic is re-raised");
        assert_eq!(msg.downcast_ref::<&str>(), Some(&"hook failed"));
        assert_eq!(*inner.borrow(), vec![0]);
        // The collection finished despite the panic: both freed exactly once.
        assert_eq!((log.count(1), log.count(2)), (1, 1));
        assert!(weak.upgrade().is_none());
        weak_callbacks::clear();
        // Once cleared, nothing is called.
        let c = node(3, &log);
        link(&c, &c);
        let _w = Cc::downgrade(&c);
        drop(c);
        assert_eq!(gc_core::collect(), 1);
        assert_eq!(inner.borrow().len(), 1);
    });
}

#[test]
fn death_by_reference_count_does_not_call_hooks() {
    fresh(|| {
        let log = DropLog::default();
        let calls = Rc::new(RefCell::new(0));
        let c2 = calls.clone();
        let id = weak_callbacks::add(move |_| *c2.borrow_mut() += 1);
        let a = node(1, &log);
        let w = Cc::downgrade(&a);
        drop(a);
        assert!(w.upgrade().is_none());
        assert_eq!(log.count(1), 1);
        gc_core::collect();
        assert_eq!(*calls.borrow(), 0);
        assert!(weak_callbacks::remove(id));
    });
}

#[test]
fn an_object_moved_out_and_back_is_not_handed_to_hooks() {
    fresh(|| {
        let log = DropLog::default();
        // The child comes first in the generation list and is referenced only by its parent,
        // so the walk moves it out before the parent, reachable from outside, moves it back.
        let child = node(1, &log);
        let weak_child = Cc::downgrade(&child);
        let parent = node(2, &log);
        link(&parent, &child);
        drop(child);
        // And a garbage cycle with a weak reference, so that the hooks do run.
        let g = node(3, &log);
        link(&g, &g);
        let weak_g = Cc::downgrade(&g);
        drop(g);
        let seen = Rc::new(RefCell::new(Vec::new()));
        let seen_in = seen.clone();
        let id = weak_callbacks::add(move |objects| seen_in.borrow_mut().push(node_ids(objects)));
        assert_eq!(gc_core::collect(), 1);
        assert_eq!(*seen.borrow(), vec![vec![3]]);
        assert_eq!(weak_child.upgrade().map(|c| c.id), Some(1));
        assert!(weak_g.upgrade().is_none());
        assert_eq!((log.count(1), log.count(2), log.count(3)), (0, 0, 1));
        drop(parent);
        assert_eq!((log.count(1), log.count(2)), (1, 1));
        assert!(weak_callbacks::remove(id));
    });
}
