//! The functions of Python's `gc` module, acting on the calling thread's collector.

use crate::collect::collect_main;
use crate::header::{list_id, Links};
use crate::heap::{self, GenerationStats};
use crate::list;

/// Run a full collection (generation 2, younger generations included) and return the number of
/// unreachable objects disposed of, as Python's `gc.collect()`.
///
/// Returns 0 without doing anything when called while a collection is running on this thread
/// (from a `Drop` impl, a finalizer or a callback).
///
/// ```
/// assert_eq!(gc_core::collect(), 0); // nothing to free
/// ```
pub fn collect() -> usize {
    collect_main(2, true)
}

/// Collect `generation` and the younger ones; returns the number of objects disposed of.
///
/// A manual collection never starves older generations (CPython gh-122567): if it leaves an
/// older generation due, the next tracked allocation collects that one.
///
/// ```
/// assert_eq!(gc_core::collect_generation(0), 0);
/// ```
///
/// # Panics
/// If `generation` is greater than 2.
pub fn collect_generation(generation: usize) -> usize {
    assert!(
        generation <= 2,
        "invalid generation {generation}: must be 0, 1 or 2"
    );
    collect_main(generation, true)
}

/// Turn automatic collection on (the default).
///
/// ```
/// gc_core::disable();
/// assert!(!gc_core::is_enabled());
/// gc_core::enable();
/// assert!(gc_core::is_enabled());
/// ```
pub fn enable() {
    heap::with(|heap| {
        heap.enabled.set(true);
        heap.update_auto_limit(false);
    });
}

/// Turn automatic collection off. Reference counting goes on; `collect()` still works.
pub fn disable() {
    heap::with(|heap| {
        heap.enabled.set(false);
        heap.update_auto_limit(false);
    });
}

/// Whether automatic collection is on.
pub fn is_enabled() -> bool {
    heap::with(|heap| heap.enabled.get())
}

/// The collection thresholds; `(2000, 10, 10)` by default.
///
/// ```
/// assert_eq!(gc_core::get_threshold(), (2000, 10, 10));
/// ```
pub fn get_threshold() -> (usize, usize, usize) {
    heap::with(|heap| {
        (
            heap.thresholds[0].get(),
            heap.thresholds[1].get(),
            heap.thresholds[2].get(),
        )
    })
}

/// Set the thresholds. Generation 0 is collected automatically when tracked allocations minus
/// deallocations exceed `t0` (0 turns automatic collection off); generation `g > 0` when it
/// has seen more than `t_g` collections of generation `g - 1`, with the long-lived rule for
/// generation 2 (a full collection waits until the objects promoted since the last one reach a
/// quarter of those that survived it).
///
/// ```
/// gc_core::set_threshold(700, 10, 10);
/// assert_eq!(gc_core::get_threshold(), (700, 10, 10));
/// gc_core::set_threshold(2000, 10, 10);
/// ```
pub fn set_threshold(t0: usize, t1: usize, t2: usize) {
    heap::with(|heap| {
        heap.thresholds[0].set(t0);
        heap.thresholds[1].set(t1);
        heap.thresholds[2].set(t2);
        heap.young_limit.set(t0);
        heap.update_auto_limit(false);
    });
}

/// Turn the young-collection back-off on or off for this thread's heap (off by default, so
/// that automatic collections run exactly when `c0 > t0`, as the contract and CPython say).
/// With it on, a program that builds large acyclic structures stops paying for young
/// collections that examine thousands of live objects and find nothing (see
/// [`get_young_threshold`]); garbage cycles made meanwhile wait longer, for at most as many
/// allocations as the heap holds tracked objects. Turning it off puts the threshold back to
/// `t0`.
///
/// ```
/// gc_core::set_young_backoff(true);
/// assert!(gc_core::get_young_threshold() >= gc_core::get_threshold().0);
/// gc_core::set_young_backoff(false);
/// assert_eq!(gc_core::get_young_threshold(), gc_core::get_threshold().0);
/// ```
pub fn set_young_backoff(on: bool) {
    heap::with(|heap| {
        heap.backoff.set(on);
        heap.young_limit.set(heap.thresholds[0].get());
        heap.update_auto_limit(false);
    });
}

/// Generation 0's effective threshold: `t0`, or more while automatic collections find little
/// garbage, when the back-off is on ([`set_young_backoff`]). After an automatic collection that examined at least 1,000 objects and found less
/// than one in 16 of them unreachable, it doubles, up to the number of tracked objects; the first
/// automatic collection that finds more puts it back to `t0`, and so does [`set_threshold`].
/// Manual collections and thresholds below 1,000 never move it. [`GenerationStats::backoffs`]
/// counts the rises.
///
/// ```
/// gc_core::set_threshold(2000, 10, 10);
/// assert_eq!(gc_core::get_young_threshold(), 2000);
/// ```
///
/// [`GenerationStats::backoffs`]: crate::GenerationStats::backoffs
pub fn get_young_threshold() -> usize {
    heap::with(|heap| heap.young_limit.get().max(heap.thresholds[0].get()))
}

/// `(c0, c1, c2)`: tracked allocations minus deallocations since the last generation-0
/// collection (never negative), generation-0 collections since the last generation-1 one, and
/// generation-1 collections since the last full one.
///
/// ```
/// gc_core::collect();
/// assert_eq!(gc_core::get_count(), (0, 0, 0));
/// ```
pub fn get_count() -> (usize, usize, usize) {
    heap::with(|heap| {
        (
            heap.counts[0].get(),
            heap.counts[1].get(),
            heap.counts[2].get(),
        )
    })
}

/// Per-generation statistics since the thread started.
///
/// ```
/// let before = gc_core::get_stats()[2].collections;
/// gc_core::collect();
/// assert_eq!(gc_core::get_stats()[2].collections, before + 1);
/// ```
pub fn get_stats() -> [GenerationStats; 3] {
    heap::with(|heap| {
        [
            heap.stats[0].get(),
            heap.stats[1].get(),
            heap.stats[2].get(),
        ]
    })
}

/// Move every tracked object into the permanent generation, which no collection examines, and
/// reset the counts (Python's `gc.freeze()`, used before `fork()` and for long-lived start-up
/// data).
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
/// #[derive(Trace)]
/// struct N(RefCell<Option<Cc<N>>>);
/// let n = Cc::new(N(RefCell::new(None)));
/// gc_core::freeze();
/// assert_eq!(Cc::generation(&n), None);
/// assert!(gc_core::get_freeze_count() >= 1);
/// gc_core::unfreeze();
/// assert_eq!(Cc::generation(&n), Some(2));
/// ```
pub fn freeze() {
    heap::with(|heap| {
        crate::incremental::abort(heap);
        let permanent = heap.head(list_id::PERMANENT);
        for (head, ids) in [
            (list_id::GEN0, &[list_id::GEN0][..]),
            (list_id::GEN1, &[list_id::GEN1][..]),
            (list_id::OLD, &[list_id::OLD, list_id::PENDING][..]),
        ] {
            relabel_and_move(heap.head(head), permanent, list_id::PERMANENT);
            for &id in ids {
                heap.add_len(list_id::PERMANENT, heap.len(id));
                heap.lens[id as usize].set(0);
            }
        }
        for c in &heap.counts {
            c.set(0);
        }
    });
}

/// Move the permanent generation back into generation 2 (as objects promoted there since the
/// last full collection, so they count towards the long-lived rule).
pub fn unfreeze() {
    heap::with(|heap| {
        let n = heap.len(list_id::PERMANENT);
        relabel_and_move(
            heap.head(list_id::PERMANENT),
            heap.head(list_id::PENDING),
            list_id::PENDING,
        );
        heap.lens[list_id::PERMANENT as usize].set(0);
        heap.add_len(list_id::PENDING, n);
    });
}

/// Number of objects in the permanent generation.
///
/// ```
/// assert_eq!(gc_core::get_freeze_count(), 0);
/// ```
pub fn get_freeze_count() -> usize {
    heap::with(|heap| heap.len(list_id::PERMANENT))
}

/// Give every object of `from` the list id `id` and move them to the end of `to`.
fn relabel_and_move(from: &Links, to: &Links, id: u32) {
    // SAFETY: nodes of heap lists are live tracked objects; relabelling does not unlink.
    unsafe {
        list::for_each_node(from, |node| {
            crate::header::header_of(node).as_ref().set_list(id)
        })
    };
    // SAFETY: distinct initialised heads with valid links.
    unsafe { list::splice_back(to, from) };
}

/// Choose where automatic collections run: inside the allocation that finds one due (`false`,
/// the default), or at the host's next call to [`safe_point`] (`true`).
///
/// A collection runs user code: finalizers, [`callbacks`](crate::callbacks),
/// [`weak_callbacks`](crate::weak_callbacks) hooks, and `Drop` of garbage. When it starts inside
/// [`Cc::new`](crate::Cc::new), that code runs in the middle of whatever the host was doing,
/// for example while the host holds a `RefCell` borrow of a container the user code then wants
/// to change. An embedder (an interpreter, say) that turns safe points on never sees that: an
/// allocation only *schedules* the collection, and the host runs it from a place where it
/// holds no borrows, such as the top of its instruction loop. CPython does the same since 3.12
/// (the collection is scheduled at allocation and runs at the eval breaker).
///
/// Turning safe points off while a collection is scheduled leaves it to the next tracked
/// allocation.
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
///
/// #[derive(Trace)]
/// struct List(RefCell<Vec<Cc<List>>>);
///
/// gc_core::set_safe_points(true);
/// gc_core::set_threshold(1, 10, 10);
/// let list = Cc::new(List(RefCell::new(vec![])));
/// {
///     let mut items = list.0.borrow_mut(); // a borrow held across allocations
///     items.push(Cc::new(List(RefCell::new(vec![]))));
///     items.push(Cc::new(List(RefCell::new(vec![])))); // due: scheduled, not run
/// }
/// assert!(gc_core::is_collection_scheduled());
/// gc_core::safe_point(); // no borrow held here: user code may touch `list`
/// assert!(!gc_core::is_collection_scheduled());
/// # gc_core::set_threshold(2000, 10, 10);
/// # gc_core::set_safe_points(false);
/// ```
pub fn set_safe_points(enabled: bool) {
    heap::with(|heap| {
        heap.safe_points.set(enabled);
        if !enabled {
            heap.scheduled.set(false);
        }
        heap.update_auto_limit(false);
    });
}

/// Whether automatic collections wait for [`safe_point`] (see [`set_safe_points`]).
pub fn safe_points_enabled() -> bool {
    heap::with(|heap| heap.safe_points.get())
}

/// Whether an automatic collection is scheduled for the next [`safe_point`].
pub fn is_collection_scheduled() -> bool {
    heap::with(|heap| heap.scheduled.get())
}

/// Run the automatic collection an allocation scheduled, if any (see [`set_safe_points`]);
/// returns the number of unreachable objects disposed of. Cheap when nothing is scheduled: one
/// thread-local flag read.
///
/// Call it where the host holds no borrows of objects that user code can reach. A panic in
/// the collection's user code is re-raised from here.
pub fn safe_point() -> usize {
    let due = heap::with(|heap| {
        let due = heap.scheduled.get() && !heap.collecting.get();
        if due {
            heap.scheduled.set(false);
            heap.update_auto_limit(false);
        }
        due
    });
    if !due {
        return 0;
    }
    // Generation 0 was due when the collection was scheduled; deaths since may have lowered
    // its count, but the collection runs as scheduled (CPython does the same at its eval
    // breaker), of the oldest generation due now if that is older.
    // (With the incremental mode on, generation 2 being due starts a cycle instead.)
    let generation = heap::with(|heap| heap.automatic_choice().unwrap_or(0));
    crate::collect::collect_main(generation, false)
}

/// Turn the incremental mode on, with about `budget` objects examined per slice, or off
/// (`None`; the default). With it on, generation 2 is never collected in one pause by the
/// automatic policy, and the heap has two generations, as with CPython 3.14's incremental
/// collector: automatic young collections promote their survivors straight into generation 2
/// (so no collection of generation 1, whose pause grows with `t0 * t1`, runs by itself). When
/// the objects promoted since the last cycle reach a quarter of those that survived it (and at
/// least `t0 * t1`), an incremental cycle starts; while it runs, a slice runs every
/// `budget / 24` tracked allocations (a slice does at least one unit of work and stops once it
/// has examined about `budget` objects, each walk or trace of one counting once), until the
/// cycle ends. A slice's pause is bounded by the budget, except where one batch of objects
/// under verification is bigger (a garbage structure whose pieces all reach each other is
/// verified in one piece) and except for what dropping the garbage found does. Every garbage
/// structure that lies in generation 2 when a cycle starts (and that no younger garbage
/// references) is freed by the end of that cycle: see DESIGN.md, "Incremental collection".
///
/// A manual full collection ([`collect`]), [`freeze`], [`crate::get_objects`],
/// [`crate::get_referrers`] and turning the mode off abandon the cycle in progress (its objects
/// go back to generation 2, and what it had not verified is left to the next collection).
/// The thread-safe heap ([`crate::sync`]) has no incremental mode.
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
///
/// #[derive(Trace)]
/// struct Node(RefCell<Option<Cc<Node>>>);
///
/// gc_core::set_incremental(Some(1000));
/// assert_eq!(gc_core::get_incremental(), Some(1000));
/// // A 2-cycle in generation 2, dropped.
/// let a = Cc::new(Node(RefCell::new(None)));
/// let b = Cc::new(Node(RefCell::new(Some(a.clone()))));
/// *a.0.borrow_mut() = Some(b.clone());
/// let weak = Cc::downgrade(&a);
/// gc_core::collect_generation(1);
/// gc_core::collect_generation(1); // both are in generation 2 now
/// drop((a, b));
/// // Slices until the cycle ends; this one frees the pair.
/// while gc_core::collect_slice(1000) {}
/// assert!(weak.upgrade().is_none());
/// assert!(gc_core::get_incremental_stats().cycles >= 1);
/// gc_core::set_incremental(None);
/// ```
pub fn set_incremental(budget: Option<usize>) {
    heap::with(|heap| crate::incremental::set_budget(heap, budget));
}

/// The incremental mode's budget per slice, or `None` when it is off (see [`set_incremental`]).
///
/// ```
/// assert_eq!(gc_core::get_incremental(), None);
/// ```
pub fn get_incremental() -> Option<usize> {
    heap::with(|heap| heap.incremental.budget())
}

/// Run one slice of an incremental cycle of generation 2 now, with a budget of `budget`
/// objects, starting a cycle if none is in progress (whether or not the mode is on). Returns
/// whether the cycle is still in progress. For hosts that collect at points of their choosing,
/// and for tests. With the mode off, a cycle started this way advances only through this
/// function (automatic collections leave it alone; an automatic full collection abandons it).
/// Returns false without doing anything when called during a collection.
///
/// ```
/// while gc_core::collect_slice(100) {}
/// assert!(!gc_core::get_incremental_stats().in_progress);
/// ```
pub fn collect_slice(budget: usize) -> bool {
    heap::with(|heap| {
        if heap.collecting.get() {
            return false;
        }
        heap.collecting.set(true);
        struct Guard<'a>(&'a crate::heap::Heap);
        impl Drop for Guard<'_> {
            fn drop(&mut self) {
                self.0.collecting.set(false);
            }
        }
        let _guard = Guard(heap);
        crate::incremental::manual_slice(heap, budget)
    })
}

/// Statistics of the incremental mode on this thread: cycles, slices, the longest slice.
///
/// ```
/// let stats = gc_core::get_incremental_stats();
/// assert_eq!(stats.aborted, 0);
/// ```
pub fn get_incremental_stats() -> crate::IncrementalStats {
    heap::with(|heap| heap.incremental.stats())
}
