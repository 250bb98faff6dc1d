//! Safe points: an embedder that holds `RefCell` borrows across allocations has the user code
//! of automatic collections (here a `callbacks` hook that mutates the host's container) run
//! where it holds none.

use std::cell::RefCell;
use std::rc::Rc;

use gc_core::{callbacks, Cc, Phase, Trace};

#[derive(Trace)]
struct List(RefCell<Vec<Cc<List>>>);

fn new_list() -> Cc<List> {
    Cc::new(List(RefCell::new(Vec::new())))
}

/// The host's container, and a hook (user code) that appends to it at every collection start.
fn setup() -> (
    Cc<List>,
    Rc<RefCell<Vec<&'static str>>>,
    callbacks::CallbackId,
) {
    let container = new_list();
    let log = Rc::new(RefCell::new(Vec::new()));
    let (c, l) = (container.clone(), log.clone());
    let id = callbacks::add(move |phase, _| {
        if phase == Phase::Start {
            // What a Python `gc.callbacks` function may do: mutate a list the host is using.
            let outcome = match c.0.try_borrow_mut() {
                Ok(mut items) => {
                    items.push(new_list());
                    "mutated"
                }
                Err(_) => "already borrowed",
            };
            l.borrow_mut().push(outcome);
        }
    });
    (container, log, id)
}

#[test]
fn without_safe_points_the_hook_runs_inside_the_hosts_borrow() {
    gc_core::set_threshold(1, 10, 10);
    let (container, log, id) = setup();
    {
        let mut items = container.0.borrow_mut();
        for _ in 0..3 {
            items.push(new_list()); // a due collection runs right here
        }
    }
    assert!(
        log.borrow().contains(&"already borrowed"),
        "the hazard this API removes: {:?}",
        log.borrow()
    );
    callbacks::remove(id);
    gc_core::set_threshold(2000, 10, 10);
}

#[test]
fn with_safe_points_the_collection_waits_for_the_host() {
    gc_core::set_safe_points(true);
    gc_core::set_threshold(1, 10, 10);
    let (container, log, id) = setup();
    {
        let mut items = container.0.borrow_mut();
        for _ in 0..3 {
            items.push(new_list());
        }
        assert!(
            log.borrow().is_empty(),
            "no collection ran during the borrow"
        );
        assert!(gc_core::is_collection_scheduled());
    }
    let before = container.0.borrow().len();
    gc_core::safe_point();
    assert_eq!(*log.borrow(), ["mutated"]);
    assert_eq!(container.0.borrow().len(), before + 1);
    assert!(!gc_core::is_collection_scheduled());
    assert_eq!(gc_core::safe_point(), 0, "nothing scheduled: nothing runs");

    // A garbage cycle made meanwhile is freed at the safe point.
    let a = new_list();
    a.0.borrow_mut().push(a.clone());
    let weak = Cc::downgrade(&a);
    drop(a);
    new_list(); // over the threshold: scheduled
    assert!(weak.upgrade().is_some());
    assert!(gc_core::safe_point() >= 1);
    assert!(weak.upgrade().is_none());

    // Turning safe points off drops the schedule; allocations collect again.
    let kept = (new_list(), new_list());
    assert!(gc_core::is_collection_scheduled());
    gc_core::set_safe_points(false);
    assert!(!gc_core::is_collection_scheduled());
    let runs = log.borrow().len();
    let more = (new_list(), new_list());
    assert!(
        log.borrow().len() > runs,
        "collections run at allocation again"
    );
    drop((kept, more));
    callbacks::remove(id);
    gc_core::set_threshold(2000, 10, 10);
}
