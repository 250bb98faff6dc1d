//! loom models of the sync heap's synchronisation: the attach/stop protocol of
//! `src/sync/world.rs` (included here with loom's primitives in place of std's, so loom
//! explores every interleaving of the very code the heap runs), and around it the rules the
//! collector follows for counts, weak references and finalizers, each against a thread racing
//! with it.
//!
//! Run with `RUSTFLAGS="--cfg loom" cargo test -p gc-core --release --test loom_world`.

#![cfg(loom)]

use loom::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use loom::sync::{Arc, Condvar, Mutex};
use loom::thread;

/// What `world.rs` names as `super::prim`.
mod prim {
    pub(crate) use loom::sync::{
        atomic::{AtomicUsize, Ordering},
        Condvar, Mutex,
    };
}

#[allow(dead_code)]
#[path = "../src/sync/world.rs"]
mod world;

use world::World;

fn new_world() -> Arc<World> {
    Arc::new(World::from_parts(
        prim::AtomicUsize::new(0),
        prim::Mutex::new(()),
        prim::Condvar::new(),
    ))
}

/// Detach, running nothing for a pending collection (none is asked for in these models).
fn detach(world: &World) {
    if world.detach() {
        world.restart();
    }
}

/// The move race: a mutator moves the only handle to X out of A's lock and, in a second lock
/// section, into B's, while a collector reads A and then B. With the world stopped the
/// collector sees the handle exactly once, and it never finds a lock held.
#[test]
fn a_handle_moved_between_objects_is_seen_exactly_once() {
    loom::model(|| {
        let world = new_world();
        let a = Arc::new(Mutex::new(true));
        let b = Arc::new(Mutex::new(false));
        let mover = {
            let (world, a, b) = (world.clone(), a.clone(), b.clone());
            thread::spawn(move || {
                world.attach();
                let x = std::mem::take(&mut *a.lock().unwrap());
                thread::yield_now();
                *b.lock().unwrap() |= x;
                detach(&world);
            })
        };
        world.stop();
        let in_a = *a
            .try_lock()
            .expect("no lock is held while the world is stopped");
        thread::yield_now();
        let in_b = *b
            .try_lock()
            .expect("no lock is held while the world is stopped");
        assert_eq!(
            u8::from(in_a) + u8::from(in_b),
            1,
            "counted twice or not at all"
        );
        world.restart();
        mover.join().unwrap();
    });
}

/// An automatic collection asked for while a thread is attached is never lost and never runs
/// while that thread is attached: the detaching thread claims it.
#[test]
fn a_deferred_collection_runs_once_the_heap_is_quiescent() {
    loom::model(|| {
        let world = new_world();
        let inside = Arc::new(AtomicBool::new(false));
        let ran = Arc::new(AtomicUsize::new(0));
        let t = {
            let (world, inside, ran) = (world.clone(), inside.clone(), ran.clone());
            thread::spawn(move || {
                world.attach();
                inside.store(true, Ordering::SeqCst);
                thread::yield_now();
                inside.store(false, Ordering::SeqCst);
                if world.detach() {
                    assert!(!inside.load(Ordering::SeqCst));
                    ran.fetch_add(1, Ordering::SeqCst);
                    world.restart();
                }
            })
        };
        if world.stop_or_defer() {
            assert!(
                !inside.load(Ordering::SeqCst),
                "stopped while a thread is attached"
            );
            ran.fetch_add(1, Ordering::SeqCst);
            world.restart();
        }
        t.join().unwrap();
        // Either it ran at once, or the detaching thread ran it, or (if the stop happened
        // between) ... it ran: a request is never dropped while nobody is attached.
        if ran.load(Ordering::SeqCst) == 0 {
            assert!(world.is_pending());
            assert!(world.try_stop(), "pending, and nobody attached: stoppable");
            world.restart();
        }
    });
}

/// A drop to zero racing with a collection. The collector counts a strong count of 0 as one
/// reference from outside (a thread is destroying the object), and a dying object unlinks
/// itself under the heap lock, which the collector holds for its verdict: the object is
/// destroyed exactly once, by the thread that dropped it.
#[test]
fn a_drop_to_zero_racing_with_a_collection_destroys_once() {
    loom::model(|| {
        let world = new_world();
        let strong = Arc::new(AtomicUsize::new(1)); // one handle, held by the dropping thread
        let linked = Arc::new(Mutex::new(true)); // the heap lock and the object's link
        let destroyed = Arc::new(AtomicUsize::new(0));
        let dropper = {
            let (strong, linked, destroyed) = (strong.clone(), linked.clone(), destroyed.clone());
            thread::spawn(move || {
                // Dropping a handle needs no attachment.
                if strong.fetch_sub(1, Ordering::Release) == 1 {
                    let mut link = linked.lock().unwrap();
                    *link = false;
                    drop(link);
                    destroyed.fetch_add(1, Ordering::SeqCst);
                }
            })
        };
        world.stop();
        {
            let link = linked.lock().unwrap();
            if *link {
                // No edge points at the object; gc_refs = strong, with 0 counted as 1.
                let s = strong.load(Ordering::Relaxed);
                let gc_refs = if s == 0 { 1 } else { s };
                if gc_refs == 0 {
                    destroyed.fetch_add(1, Ordering::SeqCst);
                }
            }
        }
        world.restart();
        dropper.join().unwrap();
        assert_eq!(destroyed.load(Ordering::SeqCst), 1);
    });
}

const WEAK_CLEARED: usize = 1;
const DEAD: usize = 2;

/// `Weak::upgrade` racing with the clearing of weak references. X is in a garbage self-cycle
/// (strong 1, the self edge). The upgrading thread attaches, so it either upgrades before the
/// stop (and the collector sees its handle: X survives) or after the restart (and finds the
/// weak references cleared). It never holds a handle to an object the collector tears down.
#[test]
fn weak_upgrade_racing_with_weak_clearing_never_revives_garbage() {
    loom::model(|| {
        let world = new_world();
        let strong = Arc::new(AtomicUsize::new(1));
        let flags = Arc::new(AtomicUsize::new(0));
        let upgrader = {
            let (world, strong, flags) = (world.clone(), strong.clone(), flags.clone());
            thread::spawn(move || {
                world.attach();
                let got = flags.load(Ordering::Acquire) & WEAK_CLEARED == 0
                    && strong
                        .fetch_update(Ordering::Acquire, Ordering::Relaxed, |n| {
                            (n > 0).then_some(n + 1)
                        })
                        .is_ok();
                detach(&world);
                if got {
                    thread::yield_now();
                    assert_eq!(
                        flags.load(Ordering::Acquire) & DEAD,
                        0,
                        "upgraded to garbage"
                    );
                    strong.fetch_sub(1, Ordering::Release);
                }
            })
        };
        world.stop();
        let garbage = strong.load(Ordering::Relaxed) - 1 == 0; // minus the self edge
        if garbage {
            flags.fetch_or(WEAK_CLEARED, Ordering::Release);
            strong.fetch_add(1, Ordering::Relaxed); // the collector's hold
        }
        world.restart();
        if garbage {
            flags.fetch_or(DEAD, Ordering::Release); // teardown, with the world running
        }
        // Inside the upgrader: while it held a handle, the object was never torn down. (It may
        // have upgraded, detached and dropped its handle before the stop: then the object is
        // garbage, rightly.)
        upgrader.join().unwrap();
    });
}

/// A finalizer resurrecting its object (storing a clone in a global slot) while another
/// thread takes that clone and clones it again. The resurrection check runs with the world
/// stopped a second time and subtracts the collector's own hold and the self edge: whatever
/// the interleaving, the object is found referenced from outside and survives.
#[test]
fn a_finalizer_resurrecting_while_another_thread_clones_keeps_the_object() {
    loom::model(|| {
        let world = new_world();
        // X: a self edge, plus the collector's hold after the first verdict.
        let strong = Arc::new(AtomicUsize::new(2));
        let slot = Arc::new(Mutex::new(false));
        let kept = Arc::new(AtomicBool::new(false));
        // The finalizer runs on the collecting thread, attached, after the world restarted.
        world.attach();
        strong.fetch_add(1, Ordering::Relaxed); // `this.clone()`
        *slot.lock().unwrap() = true;
        let other = {
            let (world, strong, slot, kept) =
                (world.clone(), strong.clone(), slot.clone(), kept.clone());
            thread::spawn(move || {
                world.attach();
                let taken = std::mem::take(&mut *slot.lock().unwrap());
                if taken {
                    strong.fetch_add(1, Ordering::Relaxed); // clone
                    strong.fetch_sub(1, Ordering::Release); // drop the slot's handle
                    kept.store(true, Ordering::SeqCst);
                }
                detach(&world);
            })
        };
        detach(&world);
        // The resurrection check.
        world.stop();
        let external = strong.load(Ordering::Relaxed) - 1 - 1;
        world.restart();
        other.join().unwrap();
        assert!(external > 0, "a resurrected object was found garbage");
        let _ = kept.load(Ordering::SeqCst);
    });
}

/// `Condvar` and `Mutex` are used so that a collector waiting for quiescence is woken by the
/// last detachment: the model would report a deadlock if a wakeup could be lost.
#[test]
fn a_waiting_collector_is_woken_by_the_last_detachment() {
    loom::model(|| {
        let world = new_world();
        world.attach(); // this thread is inside a mutator...
        let collector = {
            let world = world.clone();
            thread::spawn(move || {
                world.stop(); // ...so this waits
                world.restart();
            })
        };
        thread::yield_now();
        detach(&world);
        collector.join().unwrap();
        let _ = Condvar::new;
    });
}
