//! The thread's heap: generation lists, counts, thresholds, statistics, and the two ways an
//! object ends (its last strong reference dropped, or its memory released).
//!
//! Every thread has one `Heap` in a thread-local. It holds only `Cell`s and list heads and has
//! no destructor, so reaching it costs one thread-local address computation and it stays usable
//! while other thread-locals are destroyed.

use std::cell::{Cell, RefCell};
use std::ptr::NonNull;
use std::time::Duration;

use crate::header::{self, links_of, list_id, Header, Links, VTable, DEAD, FINALIZED, HAS_ID};
use crate::list;

/// Statistics of one generation, summed over its collections (CPython's `gc.get_stats()` plus
/// the `candidates` and `duration` fields of CPython 3.15).
///
/// ```
/// let stats = gc_core::get_stats();
/// assert_eq!(stats.len(), 3);
/// let _ = (stats[0].collections, stats[0].collected, stats[0].uncollectable);
/// let _ = (stats[0].candidates, stats[0].duration);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GenerationStats {
    /// Collections of this generation.
    pub collections: u64,
    /// Unreachable objects disposed of (torn down, or kept in `garbage()` under `SAVEALL`).
    pub collected: u64,
    /// Objects found unreachable that could not be collected. gc-core has no legacy
    /// finalizers (every finalizer follows PEP 442), so this stays 0.
    pub uncollectable: u64,
    /// Objects examined.
    pub candidates: u64,
    /// Wall time spent in these collections.
    pub duration: Duration,
    /// Automatic collections of this generation after which the back-off policy raised
    /// generation 0's effective threshold, because they found little garbage (see
    /// [`crate::get_young_threshold`]).
    pub backoffs: u64,
}

impl GenerationStats {
    pub(crate) const ZERO: GenerationStats = GenerationStats {
        collections: 0,
        collected: 0,
        uncollectable: 0,
        candidates: 0,
        duration: Duration::ZERO,
        backoffs: 0,
    };
}

/// How deep object destructions may nest before further ones are queued (the "trashcan").
///
/// Dropping the head of a long chain destroys each link from inside the previous one's drop.
/// Past this depth the object is put on a queue that the outermost destruction drains, so the
/// stack stays bounded whatever the length of the chain. Shallow structures (trees of depth up
/// to this) never touch the queue.
const MAX_DROP_DEPTH: u32 = if cfg!(debug_assertions) { 24 } else { 48 };

pub(crate) struct Heap {
    /// Generation list heads: 0, 1, 2.
    pub(crate) generations: [Links; 3],
    /// The permanent generation of `freeze()`.
    pub(crate) permanent: Links,
    /// Number of objects per list id (see `header::list_id`); exact at every moment.
    pub(crate) lens: [Cell<usize>; list_id::COUNT],
    /// CPython's generation counts (see `get_count`).
    pub(crate) counts: [Cell<usize>; 3],
    pub(crate) thresholds: [Cell<usize>; 3],
    /// Generation 0's effective threshold: `thresholds[0]`, or more while automatic
    /// collections find little garbage (`backoff.rs`).
    pub(crate) young_limit: Cell<usize>,
    /// Whether the back-off is on ([`crate::set_young_backoff`]; off by default).
    pub(crate) backoff: Cell<bool>,
    pub(crate) enabled: Cell<bool>,
    /// A tracked allocation runs the automatic policy when `counts[0] > auto_limit`. It is
    /// `young_limit` normally, `usize::MAX` when automatic collection is off, and 0 after a
    /// manual collection left an older generation due (so it is not starved, gh-122567).
    pub(crate) auto_limit: Cell<usize>,
    /// A collection is running on this thread.
    pub(crate) collecting: Cell<bool>,
    /// Automatic collections wait for [`crate::safe_point`] (see [`crate::set_safe_points`]).
    pub(crate) safe_points: Cell<bool>,
    /// An automatic collection is due and waits for the next safe point.
    pub(crate) scheduled: Cell<bool>,
    pub(crate) stats: [Cell<GenerationStats>; 3],
    pub(crate) debug: Cell<u32>,
    /// Current nesting of object destructions (see `MAX_DROP_DEPTH`).
    drop_depth: Cell<u32>,
    /// Whether the trashcan queue has entries.
    deferred_pending: Cell<bool>,
    /// Size-class pools for small objects.
    pub(crate) pools: crate::pool::Pools,
    /// The incremental collector of generation 2 ([`crate::set_incremental`]).
    pub(crate) incremental: crate::incremental::Incremental,
}

#[allow(clippy::declare_interior_mutable_const)]
const ZERO: Cell<usize> = Cell::new(0);

impl Heap {
    const fn new() -> Heap {
        Heap {
            generations: [Links::dangling(), Links::dangling(), Links::dangling()],
            permanent: Links::dangling(),
            lens: [ZERO; list_id::COUNT],
            counts: [ZERO; 3],
            thresholds: [Cell::new(2000), Cell::new(10), Cell::new(10)],
            young_limit: Cell::new(2000),
            backoff: Cell::new(false),
            enabled: Cell::new(true),
            auto_limit: Cell::new(2000),
            collecting: Cell::new(false),
            safe_points: Cell::new(false),
            scheduled: Cell::new(false),
            stats: [
                Cell::new(GenerationStats::ZERO),
                Cell::new(GenerationStats::ZERO),
                Cell::new(GenerationStats::ZERO),
            ],
            debug: Cell::new(0),
            drop_depth: Cell::new(0),
            deferred_pending: Cell::new(false),
            pools: crate::pool::Pools::new(),
            incremental: crate::incremental::Incremental::new(),
        }
    }

    /// The list head for objects with list id `id` (OLD and PENDING share generation 2's).
    pub(crate) fn head(&self, id: u32) -> &Links {
        let head = match id {
            list_id::GEN0 => &self.generations[0],
            list_id::GEN1 => &self.generations[1],
            list_id::OLD | list_id::PENDING => &self.generations[2],
            list_id::PERMANENT => &self.permanent,
            // Objects resurrected during an incremental batch's teardown wait with the batch's
            // survivors.
            list_id::SCAN => return self.incremental.retry_head(),
            _ => unreachable!("list id {id} has no heap-owned head"),
        };
        list::init(head);
        head
    }

    pub(crate) fn len(&self, id: u32) -> usize {
        self.lens[id as usize].get()
    }

    pub(crate) fn add_len(&self, id: u32, n: usize) {
        let cell = &self.lens[id as usize];
        cell.set(cell.get() + n);
    }

    pub(crate) fn sub_len(&self, id: u32, n: usize) {
        let cell = &self.lens[id as usize];
        cell.set(cell.get() - n);
    }

    /// Objects in generation `g` (generation 2 counts both of its kinds).
    pub(crate) fn generation_len(&self, g: usize) -> usize {
        match g {
            0 => self.len(list_id::GEN0),
            1 => self.len(list_id::GEN1),
            _ => self.len(list_id::OLD) + self.len(list_id::PENDING) + self.len(list_id::SCAN),
        }
    }

    /// Objects tracked in generations 0 to 2.
    pub(crate) fn tracked_len(&self) -> usize {
        (0..3).map(|g| self.generation_len(g)).sum()
    }

    /// Move generation 0's effective threshold after an automatic collection that examined
    /// `candidates` objects and disposed of `collected` (the back-off policy, `backoff.rs`).
    /// Returns whether it rose.
    pub(crate) fn back_off(&self, candidates: usize, collected: usize) -> bool {
        if !self.backoff.get() {
            return false;
        }
        let (limit, raised) = crate::backoff::next_young_limit(
            self.young_limit.get(),
            self.thresholds[0].get(),
            candidates,
            collected,
            self.tracked_len(),
        );
        self.young_limit.set(limit);
        raised
    }

    /// Recompute `auto_limit` from `enabled` and the thresholds, after a collection of kind
    /// `manual`.
    pub(crate) fn update_auto_limit(&self, manual: bool) {
        let t0 = self.thresholds[0].get();
        let limit = if !self.enabled.get() || t0 == 0 || self.scheduled.get() {
            usize::MAX
        } else if manual && self.older_generation_due().is_some() {
            0
        } else {
            // While an incremental cycle runs, slices come more often than young collections.
            self.young_limit
                .get()
                .max(t0)
                .min(crate::incremental::next_slice_at(self))
        };
        self.auto_limit.set(limit);
    }

    /// The oldest generation above 0 whose count exceeds its threshold, with CPython's
    /// long-lived rule for generation 2.
    pub(crate) fn older_generation_due(&self) -> Option<usize> {
        (1..3).rev().find(|&g| self.is_due(g))
    }

    /// The automatic policy's choice: the oldest generation due, if any. With the incremental
    /// mode on, generation 2 is never collected at once: when it is due, a cycle is requested
    /// (it starts after this collection) and generation 1 is collected instead.
    pub(crate) fn automatic_choice(&self) -> Option<usize> {
        if self.incremental.budget().is_some() {
            return self.incremental_choice();
        }
        self.older_generation_due()
            .or_else(|| self.is_due(0).then_some(0))
    }

    /// The automatic policy with the incremental mode on. As CPython 3.14's incremental
    /// collector, the heap then has two generations: a young collection promotes its survivors
    /// straight into generation 2 (see `collect_main`), so no collection of generation 1, whose
    /// pause grows with `t0 * t1`, ever runs by itself; generation 2 is collected by cycles of
    /// slices, one starting when the objects promoted since the last cycle reach a quarter of
    /// those that survived it (the long-lived rule) and at least `t0 * t1`.
    fn incremental_choice(&self) -> Option<usize> {
        if !self.incremental.active() {
            let pending = self.len(list_id::PENDING) + self.len(list_id::GEN1);
            let floor = self.thresholds[0]
                .get()
                .saturating_mul(self.thresholds[1].get());
            if pending >= (self.len(list_id::OLD) / 4).max(floor).max(1)
                && crate::incremental::request_start(self)
            {
                // The cycle starts after this young collection.
                return Some(0);
            }
        }
        // Objects left in generation 1 (by manual collections, or from before the mode was
        // turned on) still get their collection.
        if self.len(list_id::GEN1) > 0 && self.is_due(1) {
            return Some(1);
        }
        self.is_due(0).then_some(0)
    }

    /// Whether generation `g` is due for collection.
    pub(crate) fn is_due(&self, g: usize) -> bool {
        let threshold = if g == 0 {
            self.young_limit.get().max(self.thresholds[0].get())
        } else {
            self.thresholds[g].get()
        };
        if self.counts[g].get() <= threshold {
            return false;
        }
        // A full collection is skipped while the objects promoted into generation 2 since the
        // last one are fewer than a quarter of those that survived it: full collections then
        // cost amortised linear time in the number of objects (CPython's long-lived rule).
        g != 2 || self.len(list_id::PENDING) >= self.len(list_id::OLD) / 4
    }
}

thread_local! {
    static HEAP: Heap = const { Heap::new() };
    /// Objects whose destruction was deferred by the trashcan.
    static DEFERRED: RefCell<Vec<NonNull<Header>>> = const { RefCell::new(Vec::new()) };
    /// Introspection ids, keyed by header address, for objects with `HAS_ID`.
    static IDS: RefCell<IdTable> = RefCell::new(IdTable::default());
}

#[derive(Default)]
struct IdTable {
    next: u64,
    ids: std::collections::HashMap<usize, u64>,
}

/// Run `f` with the thread's heap.
///
/// The heap's address is taken out of `LocalKey::with` by a closure that does nothing else, so
/// that the compiler inlines the thread-local access (one address computation) into every
/// caller; passing `f` itself made `LocalKey::with` too large to inline in the allocation and
/// death paths, and each access an indirect call.
#[inline(always)]
pub(crate) fn with<R>(f: impl FnOnce(&Heap) -> R) -> R {
    let heap: *const Heap = HEAP.with(std::ptr::from_ref);
    // `HEAP` is initialised by a constant and has no destructor (no field of `Heap` needs
    // dropping), so its storage is valid for as long as this thread runs, and this call runs
    // on this thread. Every field is a `Cell`: a shared reference allows what `f` does.
    // SAFETY: the pointer is to this thread's live `HEAP`, used only during this call.
    f(unsafe { &*heap })
}

const _: () = assert!(
    !std::mem::needs_drop::<Heap>(),
    "HEAP must have no destructor"
);

/// The stable introspection id of an object, assigned on first request.
pub(crate) fn object_id(ptr: NonNull<Header>) -> u64 {
    // SAFETY: callers pass headers of allocated objects.
    let header = unsafe { ptr.as_ref() };
    IDS.with(|ids| {
        let mut ids = ids.borrow_mut();
        let table = &mut *ids;
        let addr = ptr.as_ptr().addr();
        if header.has(HAS_ID) {
            if let Some(&id) = table.ids.get(&addr) {
                return id;
            }
        }
        table.next += 1;
        let id = table.next;
        table.ids.insert(addr, id);
        header.set(HAS_ID);
        id
    })
}

/// Allocate a new object holding `value` with one strong reference; tracked objects are linked
/// into generation 0. Returns the object and whether the automatic collection policy is due
/// (the caller runs it once it holds the handle).
#[inline]
pub(crate) fn new_object<T>(
    value: T,
    vtable: &'static VTable,
    tracked: bool,
) -> (NonNull<Header>, bool) {
    with(|heap| {
        if !tracked {
            let header = Header::new(vtable, false, list_id::NONE);
            return (header::allocate(&heap.pools, header, value, false), false);
        }
        // Born with generation 0's list id, so that linking it stores no flags: a narrow store
        // to the flags word stalls the next full-width load of it (store forwarding).
        let ptr = header::allocate(
            &heap.pools,
            Header::new(vtable, true, list_id::GEN0),
            value,
            true,
        );
        // SAFETY: just allocated with links, labelled generation 0 but in no list yet.
        (ptr, unsafe { heap.link_young(ptr) })
    })
}

/// [`new_object`] for a slice object holding `items`.
pub(crate) fn new_slice<T>(
    items: Vec<T>,
    vtable: &'static VTable,
    tracked: bool,
) -> (NonNull<Header>, bool) {
    with(|heap| {
        let header = Header::new(vtable, tracked, list_id::NONE);
        let ptr = header::allocate_slice(&heap.pools, header, items, tracked);
        // SAFETY: just allocated, with links if tracked, in no list.
        (ptr, tracked && unsafe { heap.track_new(ptr) })
    })
}

/// Allocate an object with links for a `T` whose value is written later (`Cc::new_cyclic`):
/// no strong reference, the strong side's share of the weak count, in no list.
pub(crate) fn new_uninit<T>(vtable: &'static VTable) -> NonNull<Header> {
    with(|heap| {
        let header = Header::new(vtable, true, list_id::NONE);
        header.strong.set(0);
        header::allocate_uninit::<T>(&heap.pools, header, true)
    })
}

/// Start tracking an object that has links and is in no list (it joins generation 0); returns
/// whether an automatic collection is due.
///
/// # Safety
/// `ptr` is an allocated object with links (`LINKED`), in no list.
pub(crate) unsafe fn track(ptr: NonNull<Header>) -> bool {
    // SAFETY: caller.
    with(|heap| unsafe { heap.track_new(ptr) })
}

impl Heap {
    /// Link an untracked object into generation 0 and count it as an allocation.
    ///
    /// # Safety
    /// `ptr` is an allocated object with links (`LINKED`), in no list.
    #[inline]
    unsafe fn track_new(&self, ptr: NonNull<Header>) -> bool {
        // SAFETY: the object is allocated (caller).
        unsafe {
            debug_assert!(ptr.as_ref().list() == list_id::NONE);
            ptr.as_ref().set_list(list_id::GEN0);
        }
        // SAFETY: it has links and is in no list (caller), and is now labelled generation 0.
        unsafe { self.link_young(ptr) }
    }

    /// Link an object labelled generation 0 into generation 0's list and count it as an
    /// allocation; returns whether an automatic collection is due.
    ///
    /// # Safety
    /// `ptr` is an allocated object with links (`LINKED`), in no list, whose list id is
    /// already `GEN0`.
    #[inline(always)]
    unsafe fn link_young(&self, ptr: NonNull<Header>) -> bool {
        let head = &self.generations[0];
        list::init(head);
        // SAFETY: the object has links and is in no list (caller); the head is initialised.
        unsafe {
            debug_assert!(ptr.as_ref().has(header::LINKED) && ptr.as_ref().list() == list_id::GEN0);
            list::push_back(head, links_of(ptr));
        }
        self.add_len(list_id::GEN0, 1);
        let c0 = self.counts[0].get() + 1;
        self.counts[0].set(c0);
        c0 > self.auto_limit.get()
    }
}

/// The last strong reference to `ptr` was just dropped (its count is now 0).
///
/// Runs the finalizer if it has not run (the object may be resurrected), untracks the object,
/// and destroys it: drops its value and releases its memory, queuing it instead if destructions
/// are nested too deep. Works through the object's vtable (a `Cc<T>` may have an unsized `T`
/// that does not know the object's type).
///
/// # Safety
/// `ptr` is an allocated object whose strong count just reached 0.
#[inline(never)]
pub(crate) unsafe fn last_strong_dropped(ptr: NonNull<Header>) {
    // SAFETY: caller; the vtable's functions are those of the object's type.
    unsafe { last_strong_dropped_with(ptr, ptr.as_ref().vtable.destroy) }
}

/// # Safety
/// As [`last_strong_dropped`]; `destroy` belongs to the object's type.
#[inline(always)]
unsafe fn last_strong_dropped_with(
    ptr: NonNull<Header>,
    destroy: unsafe fn(&Heap, NonNull<Header>),
) {
    // References to the header are kept short-lived: the memory may be freed below, and no
    // reference may outlive it (in particular none may be captured by the closure).
    // SAFETY: the allocation is alive until we release it.
    let (flags, finalize) = unsafe { (ptr.as_ref().flags(), ptr.as_ref().vtable.finalize) };
    if flags & DEAD != 0 {
        // The collector (or an outer destruction) already dropped the value: this was the last
        // handle keeping the memory.
        // SAFETY: the value is gone and so is the last strong reference.
        unsafe { release(ptr) };
        return;
    }
    if let Some(finalize) = finalize {
        if flags & FINALIZED == 0 {
            // SAFETY: alive.
            unsafe {
                ptr.as_ref().set(FINALIZED);
                ptr.as_ref().strong.set(1);
            }
            // SAFETY: alive and not dropped; the shim takes over the strong reference we just
            // set, and dropping it brings us back here with FINALIZED set (or not at all, if the
            // finalizer resurrected the object).
            unsafe { finalize(ptr) };
            return;
        }
    }
    let id = flags & crate::header::LIST_MASK;
    // DEAD, and out of its list unless an incremental cycle holds it (below): one full-width
    // store of the flags word, computed from the value read above. Two read-modify-writes
    // became a byte store, which the full-width read of the weak count in `destroy` then
    // waited for (a failed store forwarding, about a tenth of a tree node's death).
    let dead = if id == list_id::SCAN {
        flags | DEAD
    } else {
        (flags & !crate::header::LIST_MASK) | DEAD | list_id::NONE
    };
    // SAFETY: alive.
    unsafe { ptr.as_ref().flags_weak.set(dead) };
    with(|heap| {
        if id == list_id::SCAN {
            // Under an incremental cycle: it stays in the collector's list, which holds its
            // memory, until the collector's walk meets it.
            // SAFETY: alive, DEAD, strong count 0, value not yet released.
            unsafe { crate::incremental::bury(heap, ptr) };
        } else if id != list_id::NONE {
            // No trial-deletion pass is running: they run no user code that could drop a `Cc`.
            // Its flags already say NONE.
            // SAFETY: the object is tracked, so it is linked in the list `id`.
            unsafe { unlink_counted(heap, ptr, id) };
        }
        let depth = heap.drop_depth.get();
        // Past the depth limit, queue the object for the outermost destruction. (At thread
        // exit the queue may already be gone; then destroy in place.)
        if depth >= MAX_DROP_DEPTH && DEFERRED.try_with(|q| q.borrow_mut().push(ptr)).is_ok() {
            heap.deferred_pending.set(true);
            return;
        }
        heap.drop_depth.set(depth + 1);
        let guard = DepthGuard { heap, depth };
        // SAFETY: DEAD is set and no strong reference remains: nothing else drops or frees it.
        unsafe { destroy(heap, ptr) };
        drop(guard);
        if depth == 0 && heap.deferred_pending.get() {
            drain_deferred(heap);
        }
    });
}

/// End an object whose value its only strong handle moved out (`Cc::try_unwrap`): it is
/// marked DEAD with no strong reference, untracked, and its memory freed once no `Weak`
/// remains (weak references no longer upgrade).
///
/// # Safety
/// `ptr` is alive, its strong count is 1 and held by a handle the caller gives up, and its
/// value has been moved out.
pub(crate) unsafe fn abandon(ptr: NonNull<Header>) {
    // SAFETY: alive (caller).
    let (flags, layout) = unsafe {
        let header = ptr.as_ref();
        header.strong.set(0);
        header.set(DEAD);
        (header.flags(), header.vtable.layout)
    };
    with(|heap| {
        let id = flags & crate::header::LIST_MASK;
        if id == list_id::SCAN {
            // SAFETY: alive, DEAD, strong count 0, value moved out and memory not released.
            unsafe { crate::incremental::bury(heap, ptr) };
        } else if id != list_id::NONE {
            // No trial-deletion pass is running: only user code calls this.
            // SAFETY: tracked, so linked in list `id`.
            unsafe { untrack(heap, ptr, id) };
        }
        // SAFETY: the value is gone (moved out) and so is the last strong reference.
        unsafe { release_in(heap, ptr, layout) };
    });
}

/// Restores the destruction depth, also when a `Drop` panics.
struct DepthGuard<'a> {
    heap: &'a Heap,
    depth: u32,
}

impl Drop for DepthGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        self.heap.drop_depth.set(self.depth);
    }
}

/// Values up to this size are moved out of their object before being dropped, so that the
/// object's memory is freed first (see [`destroy`]).
const MOVE_OUT_MAX: usize = 256;

/// Destroy a dead object whose last strong reference is gone: drop its value and give back the
/// strong side's share of the weak count, freeing the memory if no `Weak` remains.
///
/// Small values are moved out and the memory released *before* the value is dropped. Dropping
/// the value destroys what it owned, so a chain is then freed head first, in the order it was
/// built, whatever the nesting depth and the trashcan's queuing: the pools hand memory back in
/// that order, and the next structure built is laid out in order too (a chain freed in reverse
/// segments made the next full collection over it 6 times slower). Large values are dropped in
/// place, to keep the stack small.
///
/// # Safety
/// `ptr` is a `CcBox<T>` marked DEAD, with strong count 0 and its value not yet dropped.
pub(crate) unsafe fn destroy<T>(heap: &Heap, ptr: NonNull<Header>) {
    if size_of::<T>() <= MOVE_OUT_MAX {
        // After the read the value is owned here.
        // SAFETY: the value is initialised and nobody else reads or drops it (caller).
        let value = unsafe { header::value_ptr::<T>(ptr).read() };
        // SAFETY: the value is out; no strong reference remains.
        unsafe { release_in(heap, ptr, header::sized_layout::<T>) };
        drop(value);
    } else {
        let guard = ReleaseGuard {
            heap,
            ptr,
            layout: header::sized_layout::<T>,
        };
        // SAFETY: as above.
        unsafe { std::ptr::drop_in_place(header::value_ptr::<T>(ptr)) };
        drop(guard);
    }
}

/// [`destroy`] through the object's vtable, dropping the value in place: for slice objects,
/// whose type has no static size.
///
/// # Safety
/// As [`destroy`].
pub(crate) unsafe fn destroy_in_place(heap: &Heap, ptr: NonNull<Header>) {
    // SAFETY: the object is alive until released by the guard.
    let vtable = unsafe { ptr.as_ref() }.vtable;
    let guard = ReleaseGuard {
        heap,
        ptr,
        layout: vtable.layout,
    };
    // SAFETY: the value is initialised and nobody else reads or drops it (caller).
    unsafe { (vtable.drop_value)(ptr) };
    drop(guard);
}

/// Releases an object once its value's in-place drop has ended, also when it panicked.
struct ReleaseGuard<'a> {
    heap: &'a Heap,
    ptr: NonNull<Header>,
    layout: header::LayoutFn,
}

impl Drop for ReleaseGuard<'_> {
    fn drop(&mut self) {
        // The value has been dropped, or its drop unwound, which also ends it.
        // SAFETY: the value is gone and no strong reference remains.
        unsafe { release_in(self.heap, self.ptr, self.layout) };
    }
}

/// Destroy the objects the trashcan queued, in the order they were queued.
#[cold]
fn drain_deferred(heap: &Heap) {
    heap.drop_depth.set(1);
    loop {
        let next = DEFERRED.try_with(|q| {
            let mut q = q.borrow_mut();
            let item = q.pop();
            if q.is_empty() {
                heap.deferred_pending.set(false);
            }
            item
        });
        let Ok(Some(ptr)) = next else { break };
        // Queued objects are DEAD, untracked, with strong count 0 and their value not dropped.
        // SAFETY: so `destroy` may run, and the vtable's `destroy` is their type's.
        unsafe { (ptr.as_ref().vtable.destroy)(heap, ptr) };
    }
    heap.drop_depth.set(0);
}

/// Take a tracked object out of its list, keeping the counts exact.
///
/// # Safety
/// `ptr` has links and is linked in the list with id `id`, whose `prev` links are valid.
pub(crate) unsafe fn untrack(heap: &Heap, ptr: NonNull<Header>, id: u32) {
    // SAFETY: caller guarantees the object is alive.
    unsafe { ptr.as_ref() }.set_list(list_id::NONE);
    // SAFETY: caller.
    unsafe { unlink_counted(heap, ptr, id) };
}

/// [`untrack`] but for the flags, which the caller has already set to list id NONE.
///
/// # Safety
/// As [`untrack`].
#[inline(always)]
unsafe fn unlink_counted(heap: &Heap, ptr: NonNull<Header>, id: u32) {
    // SAFETY: caller.
    unsafe { list::unlink(links_of(ptr)) };
    heap.sub_len(id, 1);
    let c0 = heap.counts[0].get();
    if c0 > 0 {
        heap.counts[0].set(c0 - 1);
    }
}

/// The strong side gives back its share of the weak count; free the memory if no `Weak`
/// remains.
///
/// # Safety
/// The value has been dropped and the strong count is 0.
pub(crate) unsafe fn release(ptr: NonNull<Header>) {
    // SAFETY: caller; the vtable's layout is the object's.
    with(|heap| unsafe { release_in(heap, ptr, ptr.as_ref().vtable.layout) })
}

/// [`release`] with the heap and the layout function at hand.
///
/// # Safety
/// As [`release`]; `layout` belongs to the object's type.
#[inline]
unsafe fn release_in(heap: &Heap, ptr: NonNull<Header>, layout: header::LayoutFn) {
    // SAFETY: alive until freed below.
    if unsafe { ptr.as_ref() }.dec_weak() {
        // SAFETY: no handle remains.
        unsafe { free_memory_in(heap, ptr, layout) };
    }
}

/// Free an object's memory, forgetting its introspection id.
///
/// # Safety
/// The value has been dropped, and no strong or weak handle remains.
pub(crate) unsafe fn free_memory(ptr: NonNull<Header>) {
    // SAFETY: caller; the vtable's layout is the object's.
    with(|heap| unsafe { free_memory_in(heap, ptr, ptr.as_ref().vtable.layout) });
}

/// [`free_memory`] with the heap and the layout function at hand.
///
/// # Safety
/// As [`free_memory`]; `layout` belongs to the object's type.
#[inline]
unsafe fn free_memory_in(heap: &Heap, ptr: NonNull<Header>, layout: header::LayoutFn) {
    // SAFETY: still allocated.
    if unsafe { ptr.as_ref() }.has(HAS_ID) {
        forget_id(ptr);
    }
    // SAFETY: caller.
    unsafe { header::dealloc(&heap.pools, ptr, layout) };
}

#[cold]
fn forget_id(ptr: NonNull<Header>) {
    let addr = ptr.as_ptr().addr();
    // At thread exit the table may already be gone; then there is nothing to forget.
    let _ = IDS.try_with(|ids| ids.borrow_mut().ids.remove(&addr));
}
