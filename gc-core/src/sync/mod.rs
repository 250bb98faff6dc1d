//! The thread-safe variant: [`Cc`] and [`Weak`] that are `Send + Sync`, one process-wide heap,
//! and a collector whose counting and marking passes run in parallel.
//!
//! # The model
//!
//! Handles behave as `Arc`'s: clone, drop and send them anywhere; the last drop frees the
//! object at once. Cycles are found by the same trial deletion as the unsync heap (CPython's),
//! over the same three generations, with the same [`Trace`](crate::Trace) trait and
//! `#[derive(Trace)]`; interior mutability comes from `Mutex`, `RwLock` and `OnceLock`, whose
//! `Trace` impls are in the crate.
//!
//! The one difference is how a thread reaches a value: through a [`Mutator`], the guard that
//! [`enter`] returns. [`Cc::get`] borrows from the handle *and* the mutator, so no reference
//! into the heap outlives it:
//!
//! ```
//! use gc_core::sync::{self, Cc};
//! use gc_core::Trace;
//! use std::sync::Mutex;
//!
//! #[derive(Trace)]
//! struct Node { name: String, next: Mutex<Option<Cc<Node>>> }
//!
//! let a = Cc::new(Node { name: "a".into(), next: Mutex::new(None) });
//! let b = Cc::new(Node { name: "b".into(), next: Mutex::new(Some(a.clone())) });
//!
//! let worker = {
//!     let (a, b) = (a.clone(), b.clone());
//!     std::thread::spawn(move || {
//!         let m = sync::enter();                              // attach this thread
//!         *a.get(&m).next.lock().unwrap() = Some(b.clone()); // close the cycle a -> b -> a
//!         a.get(&m).name.len()
//!     })                                                     // `m` dropped: detached
//! };
//! assert_eq!(worker.join().unwrap(), 1);
//! drop((a, b));                       // both counts stay at 1: a garbage cycle
//! assert!(sync::collect() >= 2);      // found and freed
//! ```
//!
//! # Why a mutator, and what it costs
//!
//! Trial deletion reads the whole candidate graph in several passes. If another thread could
//! move a handle from one object to another in between, the collector could count it twice
//! or not at all, and free a live object. So a collection makes its verdict only while the
//! world is *stopped*: no thread holds a mutator. Then no edge between objects can change, since
//! every way to reach a value (and so a `Mutex` inside it) goes through a mutator.
//!
//! - [`enter`] is cheap: the outermost one per thread does one atomic read-modify-write on a
//!   shared word (and its drop one more); nested ones touch only a thread-local counter.
//!   Inside, [`Cc::get`] is a plain load plus a check of the object's `DEAD` flag.
//! - Clone, drop, `Cc::new`, sending handles and [`Cc::strong_count`] need no mutator.
//!   [`Weak::upgrade`] attaches by itself for a moment if the thread holds no mutator.
//! - A collection waits for a moment when no thread holds a mutator, and new mutators are
//!   *never* held back while it waits. So a thread blocked inside a mutator cannot deadlock
//!   with a collection: it only delays it. Automatic collections never wait: if the heap is
//!   busy they are left pending and run by the thread whose mutator's drop makes the heap
//!   quiescent. [`collect`] waits for that moment; [`try_collect`] never waits.
//! - **Hold mutators briefly**, as you would a lock: around a batch of work, not across a
//!   blocking call (a channel `recv`, a `join`, a lock another mutator-holding thread waits
//!   for). A heap in which some thread always holds a mutator is never collected.
//! - A collection started on a thread that holds a mutator ([`collect`] inside one, or an
//!   allocation over the threshold) cannot stop the world (the thread's own borrows might have
//!   been shared with scoped threads): `collect` returns 0 there, and an automatic collection
//!   is left pending until the mutator is dropped.
//!
//! # Collection
//!
//! The phases are the unsync collector's, on vectors instead of intrusive lists: refcount copy,
//! subtraction of internal references, reachability marking, then clearing weak references
//! (all with the world stopped); then, with the world running again and on the collecting
//! thread, finalizers (with a second stopped trial deletion to find what they resurrected) and
//! the drops. Candidate sets of 32,768 objects or more are counted and marked on a dedicated
//! rayon pool ([`set_collector_threads`]); smaller ones on the collecting thread.
//!
//! The `gc`-module functions ([`collect`], [`get_count`], [`set_threshold`], [`freeze`], ...)
//! have the unsync ones' meanings, for this one process-wide heap. The design and the argument
//! for each synchronisation are in `DESIGN.md` ("The sync heap").

mod cc;
mod collect;
mod heap;
mod object;
mod prim;
mod world;

use std::marker::PhantomData;

pub use cc::{Cc, Finalize, Weak};
pub use collect::set_collector_threads;
#[doc(hidden)]
pub use collect::set_parallel_threshold;

use crate::heap::GenerationStats;
use heap::{DEPTH, WORLD};
use object::list_id;

/// Proof that the calling thread is attached to the sync heap: what [`Cc::get`] needs.
///
/// Made by [`enter`]; attaches the thread for as long as it lives (nested mutators are cheap
/// and share the attachment). Neither `Send` nor `Sync`. While any thread holds one, no
/// collection can make its verdict, so hold it briefly (see the [module docs](self)).
///
/// ```
/// use gc_core::sync::{self, Cc};
/// let c = Cc::new(vec![1, 2, 3]);
/// let m = sync::enter();
/// let sum: i32 = c.get(&m).iter().sum();
/// assert_eq!(sum, 6);
/// ```
pub struct Mutator {
    _not_send_or_sync: PhantomData<*const ()>,
}

/// Attach the calling thread to the sync heap, waiting if a collection is making its verdict
/// (a bounded wait: the collector runs no user code but `Trace` then).
///
/// ```
/// let m = gc_core::sync::enter();
/// let inner = gc_core::sync::enter(); // nested: shares the attachment
/// drop(inner);
/// drop(m);
/// ```
pub fn enter() -> Mutator {
    DEPTH.with(|d| {
        if d.get() == 0 {
            WORLD.attach();
        }
        d.set(d.get() + 1);
    });
    Mutator {
        _not_send_or_sync: PhantomData,
    }
}

impl Drop for Mutator {
    fn drop(&mut self) {
        let outermost = DEPTH.with(|d| {
            let n = d.get() - 1;
            d.set(n);
            n == 0
        });
        if outermost && WORLD.detach() {
            // This drop made the heap quiescent with a collection pending: run it here.
            if std::thread::panicking() {
                WORLD.restart();
                WORLD.defer();
            } else {
                collect::collect_pending_stopped();
            }
        }
    }
}

impl std::fmt::Debug for Mutator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mutator")
    }
}

/// Run a full collection of the sync heap; returns the number of unreachable objects freed.
///
/// Waits for a moment when no thread holds a [`Mutator`] (new mutators are not held back
/// meanwhile). Returns 0 without collecting when called on a thread that holds a mutator (and
/// logs a `tracing` warning, target `gc_core`), or from inside a collection (a finalizer, a
/// `Drop`).
///
/// ```
/// use gc_core::sync::{self, Cc};
/// use std::sync::Mutex;
/// let a: Cc<Mutex<Option<Cc<_>>>> = Cc::new(Mutex::new(None::<Cc<()>>));
/// drop(a);
/// sync::collect();
/// ```
pub fn collect() -> usize {
    collect_generation(2)
}

/// Collect generation `generation` (0, 1 or 2, younger ones included); panics on anything
/// larger. Waits as [`collect`] does.
///
/// ```
/// gc_core::sync::collect_generation(0);
/// ```
pub fn collect_generation(generation: usize) -> usize {
    collect::collect_manual(generation, true).unwrap_or(0)
}

/// A full collection if the world can be stopped right now; `None` if another thread holds a
/// mutator (or this one does, or a collection is running). Never waits.
///
/// ```
/// assert!(gc_core::sync::try_collect().is_some()); // nobody holds a mutator here
/// ```
pub fn try_collect() -> Option<usize> {
    collect::collect_manual(2, false)
}

/// Turn automatic collection on.
///
/// ```
/// gc_core::sync::enable();
/// assert!(gc_core::sync::is_enabled());
/// ```
pub fn enable() {
    heap::lock().enabled = true;
}

/// Turn automatic collection off (explicit collections still run).
///
/// ```
/// gc_core::sync::disable();
/// assert!(!gc_core::sync::is_enabled());
/// gc_core::sync::enable();
/// ```
pub fn disable() {
    heap::lock().enabled = false;
}

/// Whether automatic collection is on.
///
/// ```
/// let _ = gc_core::sync::is_enabled();
/// ```
pub fn is_enabled() -> bool {
    heap::lock().enabled
}

/// The collection thresholds; default `(2000, 10, 10)`.
///
/// ```
/// let (t0, _, _) = gc_core::sync::get_threshold();
/// assert!(t0 > 0 || t0 == 0);
/// ```
pub fn get_threshold() -> (usize, usize, usize) {
    let t = heap::lock().thresholds;
    (t[0], t[1], t[2])
}

/// Set the thresholds; `t0 == 0` turns automatic collection off.
///
/// ```
/// let old = gc_core::sync::get_threshold();
/// gc_core::sync::set_threshold(700, 10, 10);
/// assert_eq!(gc_core::sync::get_threshold(), (700, 10, 10));
/// gc_core::sync::set_threshold(old.0, old.1, old.2);
/// ```
pub fn set_threshold(t0: usize, t1: usize, t2: usize) {
    let mut heap = heap::lock();
    heap.thresholds = [t0, t1, t2];
    heap.young_limit = t0;
}

/// Turn the young-collection back-off of the shared heap on or off (off by default), as
/// [`crate::set_young_backoff`] does for a thread's unsync heap.
///
/// ```
/// gc_core::sync::set_young_backoff(false);
/// assert_eq!(gc_core::sync::get_young_threshold(), gc_core::sync::get_threshold().0);
/// ```
pub fn set_young_backoff(on: bool) {
    let mut heap = heap::lock();
    heap.backoff = on;
    heap.young_limit = heap.thresholds[0];
}

/// Generation 0's effective threshold, with the same back-off as the unsync heap's
/// ([`crate::get_young_threshold`]).
///
/// ```
/// assert!(gc_core::sync::get_young_threshold() >= gc_core::sync::get_threshold().0);
/// ```
pub fn get_young_threshold() -> usize {
    heap::lock().threshold(0)
}

/// `(c0, c1, c2)`: tracked allocations minus deallocations since the last generation-0
/// collection, then collections of the next younger generation since the last of this one.
///
/// ```
/// let (c0, _, _) = gc_core::sync::get_count();
/// # let _ = c0;
/// ```
pub fn get_count() -> (usize, usize, usize) {
    let c = heap::lock().counts;
    (c[0], c[1], c[2])
}

/// Statistics per generation, summed over its collections.
///
/// ```
/// gc_core::sync::collect();
/// assert!(gc_core::sync::get_stats()[2].collections >= 1);
/// ```
pub fn get_stats() -> [GenerationStats; 3] {
    heap::lock().stats
}

/// Move every tracked object into the permanent generation, which no collection scans, and
/// reset the counts.
///
/// ```
/// gc_core::sync::freeze();
/// let frozen = gc_core::sync::get_freeze_count();
/// gc_core::sync::unfreeze();
/// # let _ = frozen;
/// ```
pub fn freeze() {
    let mut heap = heap::lock();
    for id in list_id::GEN0..=list_id::PENDING {
        let objects = std::mem::take(&mut heap.lists[id as usize]);
        for p in objects {
            // SAFETY: objects in a vector are allocated; taken out of theirs.
            unsafe { heap.push(list_id::PERMANENT, p) };
        }
    }
    heap.counts = [0; 3];
}

/// Move the permanent generation back into generation 2.
///
/// ```
/// gc_core::sync::unfreeze();
/// ```
pub fn unfreeze() {
    let mut heap = heap::lock();
    let objects = std::mem::take(&mut heap.lists[list_id::PERMANENT as usize]);
    for p in objects {
        // SAFETY: objects in a vector are allocated; taken out of theirs.
        unsafe { heap.push(list_id::OLD, p) };
    }
}

/// Number of objects in the permanent generation.
///
/// ```
/// let _ = gc_core::sync::get_freeze_count();
/// ```
pub fn get_freeze_count() -> usize {
    heap::lock().lists[list_id::PERMANENT as usize].len()
}

/// Number of tracked objects in generation `generation` (0, 1 or 2) right now.
///
/// ```
/// let _ = gc_core::sync::generation_len(0);
/// ```
pub fn generation_len(generation: usize) -> usize {
    heap::lock().generation_len(generation)
}
