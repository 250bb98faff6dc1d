//! The one process-wide sync heap: generation vectors, counts, thresholds and statistics behind
//! one lock, the world-stop protocol, and death by reference count (with the trashcan).
//!
//! # Locking
//!
//! `HEAP` guards the vectors, every object's `list` and `index`, the counts and the stats. It is
//! taken briefly by a tracked allocation (to link), by a tracked death (to unlink), by the `gc`
//! functions, and by a collection for the whole of its stopped period. No user code and no
//! attachment happen while it is held, so holding it never waits on a thread that waits on it.

use std::cell::Cell;
use std::ptr::NonNull;
use std::sync::{Mutex, MutexGuard};

use super::object::{self, list_id, SyncHeader, Tracking, DEAD, FINALIZED, TRACKED};
use super::world::World;
use crate::heap::GenerationStats;

/// An object pointer that may cross threads (objects are `Send + Sync`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Ptr(pub(crate) NonNull<SyncHeader>);

// The pointer is only dereferenced under the rules of this module and `collect`.
// SAFETY: objects of the sync heap hold `T: Send + Sync` values and atomic headers.
unsafe impl Send for Ptr {}
// SAFETY: as above.
unsafe impl Sync for Ptr {}

impl Ptr {
    /// The header.
    ///
    /// # Safety
    /// The object is still allocated.
    #[inline(always)]
    pub(crate) unsafe fn header<'a>(self) -> &'a SyncHeader {
        // SAFETY: caller.
        unsafe { self.0.as_ref() }
    }

    /// The tracking prefix.
    ///
    /// # Safety
    /// The object is still allocated, and tracked.
    #[inline(always)]
    pub(crate) unsafe fn tracking<'a>(self) -> &'a Tracking {
        // The pointer came from `allocate`, with provenance over the whole allocation.
        // SAFETY: caller: allocated and tracked.
        unsafe { object::tracking(self.0) }
    }
}

/// Everything behind the heap lock.
pub(crate) struct HeapState {
    /// Tracked objects, by list id (`GEN0` .. `PERMANENT`).
    pub(crate) lists: [Vec<Ptr>; list_id::LISTS],
    /// CPython's generation counts.
    pub(crate) counts: [usize; 3],
    pub(crate) thresholds: [usize; 3],
    /// Generation 0's effective threshold: `thresholds[0]`, or more while automatic
    /// collections find little garbage (`backoff.rs`).
    pub(crate) young_limit: usize,
    /// Whether the back-off is on ([`crate::sync::set_young_backoff`]; off by default).
    pub(crate) backoff: bool,
    pub(crate) enabled: bool,
    pub(crate) stats: [GenerationStats; 3],
}

impl HeapState {
    const fn new() -> HeapState {
        HeapState {
            lists: [Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new()],
            counts: [0; 3],
            thresholds: [2000, 10, 10],
            young_limit: 2000,
            backoff: false,
            enabled: true,
            stats: [GenerationStats::ZERO; 3],
        }
    }

    /// Put a tracked object at the end of vector `list`.
    ///
    /// # Safety
    /// The object is allocated, tracked, and in no vector.
    #[inline]
    pub(crate) unsafe fn push(&mut self, list: u8, ptr: Ptr) {
        let v = &mut self.lists[list as usize];
        // SAFETY: caller.
        unsafe { ptr.tracking() }.set_index(v.len());
        // SAFETY: caller.
        unsafe { ptr.header() }.set_list(list);
        v.push(ptr);
    }

    /// Take a tracked object out of its vector (swap-remove); its list becomes NONE.
    ///
    /// # Safety
    /// The object is allocated and in vector `h.list()`.
    #[inline]
    pub(crate) unsafe fn remove(&mut self, ptr: Ptr) {
        // SAFETY: caller.
        let h = unsafe { ptr.header() };
        let list = h.list();
        // SAFETY: caller: tracked.
        let index = unsafe { ptr.tracking() }.index();
        let v = &mut self.lists[list as usize];
        debug_assert_eq!(v.get(index), Some(&ptr), "object not where its index says");
        v.swap_remove(index);
        if let Some(&moved) = v.get(index) {
            // SAFETY: objects in a vector are allocated and tracked.
            unsafe { moved.tracking() }.set_index(index);
        }
        h.set_list(list_id::NONE);
    }

    /// Check, in debug builds, that the objects of vector `list` from position `from` on say
    /// they are there: their list id is `list` and their index their position (as CPython's
    /// `validate_list`). The collector calls it on what it merged and what it promoted.
    pub(crate) fn validate(&self, list: u8, from: usize) {
        if !cfg!(debug_assertions) {
            return;
        }
        for (i, p) in self.lists[list as usize].iter().enumerate().skip(from) {
            // SAFETY: objects in a vector are allocated and tracked (read under the lock).
            let (id, index) = unsafe { (p.header().list(), p.tracking().index()) };
            assert!(
                id == list && index == i,
                "gc-core sync invariant broken: vector {list} position {i} holds an object with \
                 list id {id} and index {index}"
            );
        }
    }

    /// Objects in generation `g` (generation 2: both of its vectors).
    pub(crate) fn generation_len(&self, g: usize) -> usize {
        match g {
            0 => self.lists[list_id::GEN0 as usize].len(),
            1 => self.lists[list_id::GEN1 as usize].len(),
            _ => {
                self.lists[list_id::OLD as usize].len()
                    + self.lists[list_id::PENDING as usize].len()
            }
        }
    }

    /// Generation `g`'s effective threshold (generation 0's backs off, `backoff.rs`).
    #[inline]
    pub(crate) fn threshold(&self, g: usize) -> usize {
        if g == 0 {
            self.young_limit.max(self.thresholds[0])
        } else {
            self.thresholds[g]
        }
    }

    /// Move generation 0's effective threshold after an automatic collection that examined
    /// `candidates` objects and disposed of `collected` (the back-off policy, `backoff.rs`).
    /// Returns whether it rose.
    pub(crate) fn back_off(&mut self, candidates: usize, collected: usize) -> bool {
        if !self.backoff {
            return false;
        }
        let tracked = (0..3).map(|g| self.generation_len(g)).sum();
        let (limit, raised) = crate::backoff::next_young_limit(
            self.young_limit,
            self.thresholds[0],
            candidates,
            collected,
            tracked,
        );
        self.young_limit = limit;
        raised
    }

    /// Whether generation `g` is due, with CPython's long-lived rule for generation 2.
    pub(crate) fn is_due(&self, g: usize) -> bool {
        if self.counts[g] <= self.threshold(g) {
            return false;
        }
        g != 2
            || self.lists[list_id::PENDING as usize].len()
                >= self.lists[list_id::OLD as usize].len() / 4
    }

    /// The generation the automatic policy collects now, if any.
    pub(crate) fn due_generation(&self) -> Option<usize> {
        if !self.enabled || self.thresholds[0] == 0 {
            return None;
        }
        (0..3).rev().find(|&g| self.is_due(g))
    }
}

/// The heap lock and what it guards.
static HEAP: Mutex<HeapState> = Mutex::new(HeapState::new());
/// The attach/stop protocol.
pub(crate) static WORLD: World = World::from_parts(
    super::prim::AtomicUsize::new(0),
    super::prim::Mutex::new(()),
    super::prim::Condvar::new(),
);

/// Lock the heap. A panic never happens while it is held (no user code runs under it), so a
/// poisoned lock still holds consistent data.
pub(crate) fn lock() -> MutexGuard<'static, HeapState> {
    HEAP.lock().unwrap_or_else(|p| p.into_inner())
}

thread_local! {
    /// Nesting of `Mutator`s on this thread (the thread is attached while > 0).
    pub(crate) static DEPTH: Cell<usize> = const { Cell::new(0) };
    /// A collection is running on this thread.
    pub(crate) static COLLECTING: Cell<bool> = const { Cell::new(false) };
    /// Nesting of destructions (the trashcan).
    static DROP_DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Destructions deferred by the trashcan.
    static DEFERRED: Cell<Vec<(Ptr, Erased)>> = const { Cell::new(Vec::new()) };
}

/// Whether the calling thread is attached.
#[inline]
pub(crate) fn attached() -> bool {
    DEPTH.with(Cell::get) > 0
}

/// Link a new tracked object into generation 0; returns whether an automatic collection is due.
pub(crate) fn link_new(ptr: Ptr) -> bool {
    let mut heap = lock();
    // SAFETY: a new tracked object in no vector.
    unsafe { heap.push(list_id::GEN0, ptr) };
    heap.counts[0] += 1;
    heap.enabled && heap.thresholds[0] != 0 && heap.counts[0] > heap.threshold(0)
}

/// Destructions nest at most this deep; deeper ones are queued (CPython's trashcan).
const MAX_DROP_DEPTH: u32 = if cfg!(debug_assertions) { 24 } else { 48 };

/// How to drop an object's value and free its memory.
pub(crate) trait Destroy: Copy {
    /// Drop the value in place.
    ///
    /// # Safety
    /// As `object::drop_value`, for this object's type.
    unsafe fn drop_value(self, ptr: Ptr);
    /// The allocation's layout and the header's offset in it.
    ///
    /// # Safety
    /// `ptr` is allocated, of this type; `tracked` is its flag.
    unsafe fn layout(self, ptr: Ptr, tracked: bool) -> (std::alloc::Layout, usize);
    /// The same, through function pointers (for the trashcan's queue).
    fn erase(self) -> Erased;
}

/// [`Destroy`] through function pointers (an object's vtable).
#[derive(Clone, Copy)]
pub(crate) struct Erased {
    drop_value: unsafe fn(NonNull<SyncHeader>),
    layout: object::SyncLayoutFn,
}

impl Erased {
    fn of(h: &SyncHeader) -> Erased {
        Erased {
            drop_value: h.vtable.drop_value,
            layout: h.vtable.layout,
        }
    }
}

impl Destroy for Erased {
    unsafe fn drop_value(self, ptr: Ptr) {
        // SAFETY: caller; the vtable's function is the object's type's.
        unsafe { (self.drop_value)(ptr.0) }
    }
    unsafe fn layout(self, ptr: Ptr, tracked: bool) -> (std::alloc::Layout, usize) {
        // SAFETY: caller; the vtable's function is the object's type's.
        unsafe { (self.layout)(ptr.0, tracked) }
    }
    fn erase(self) -> Erased {
        self
    }
}

/// The last strong reference to `ptr` is gone: finalize, unlink, drop the value, release.
///
/// # Safety
/// The strong count of `ptr` just dropped to zero (with Acquire), and this thread gave it up.
pub(crate) unsafe fn on_zero(ptr: Ptr) {
    // SAFETY: caller; the strong side's weak share keeps the memory.
    let d = Erased::of(unsafe { ptr.header() });
    // SAFETY: caller.
    unsafe { on_zero_with(ptr, d) }
}

#[inline(always)]
unsafe fn on_zero_with<D: Destroy>(ptr: Ptr, d: D) {
    // SAFETY: no strong reference remains, but the strong side's weak share keeps the memory.
    let h = unsafe { ptr.header() };
    let flags = h.weak_flags.load(std::sync::atomic::Ordering::Acquire);
    if flags & DEAD != 0 {
        // A collection dropped the value; this was a handle a `Drop` stashed.
        // SAFETY: the strong side's share of the weak count.
        unsafe { release_weak_share(ptr, d) };
        return;
    }
    if h.vtable.finalize.is_some() && flags & FINALIZED == 0 {
        // SAFETY: caller.
        unsafe { run_finalizer(ptr) };
        return;
    }
    DROP_DEPTH.with(|depth| {
        let n = depth.get();
        if n >= MAX_DROP_DEPTH && defer(ptr, d.erase()) {
            return;
        }
        depth.set(n + 1);
        let guard = DepthGuard(n);
        // SAFETY: caller: nobody else holds a strong reference.
        unsafe { destroy(ptr, d) };
        drop(guard);
        if n == 0 {
            drain_deferred();
        }
    });
}

/// The finalizer of an object dying by reference count, on this thread, with a mutator.
///
/// # Safety
/// As [`on_zero`]; the object has a finalizer that has not run.
#[cold]
#[inline(never)]
unsafe fn run_finalizer(ptr: Ptr) {
    // SAFETY: caller.
    let h = unsafe { ptr.header() };
    h.set(FINALIZED);
    // Raised for the call, as CPython does; if the finalizer kept a clone the object lives
    // on. A concurrent `Weak::upgrade` may also revive it from here.
    h.strong.store(1, std::sync::atomic::Ordering::Relaxed);
    let m = super::enter();
    if let Some(finalize) = h.vtable.finalize {
        // The shim drops that reference, which comes back to `on_zero` (FINALIZED now) if
        // it is the last.
        // SAFETY: an intact object; the shim takes over the strong reference set above.
        unsafe { finalize(ptr.0, &m) };
    }
}

/// Queue a destruction for the outermost one to run; false if the queue is gone (a thread's
/// last destructions, after its thread-locals were torn down: then it is destroyed at once).
#[cold]
fn defer(ptr: Ptr, d: Erased) -> bool {
    DEFERRED
        .try_with(|q| {
            let mut v = q.take();
            v.push((ptr, d));
            q.set(v);
        })
        .is_ok()
}

/// Restores the destruction depth, also when a `Drop` panics.
struct DepthGuard(u32);

impl Drop for DepthGuard {
    #[inline]
    fn drop(&mut self) {
        DROP_DEPTH.with(|d| d.set(self.0));
    }
}

#[cold]
fn drain_deferred() {
    loop {
        let next = DEFERRED.try_with(|q| {
            let mut v = q.take();
            let next = v.pop();
            q.set(v);
            next
        });
        let Ok(Some((ptr, d))) = next else { return };
        DROP_DEPTH.with(|depth| depth.set(1));
        let guard = DepthGuard(0);
        // SAFETY: queued by `on_zero_with`, which owned the destruction.
        unsafe { destroy(ptr, d) };
        drop(guard);
    }
}

/// Unlink (if tracked), drop the value, give back the strong side's weak share.
///
/// # Safety
/// No strong reference remains and the value is intact; the caller owns the destruction.
#[inline(always)]
unsafe fn destroy<D: Destroy>(ptr: Ptr, d: D) {
    // SAFETY: caller.
    let h = unsafe { ptr.header() };
    if h.has(TRACKED) {
        unlink_dying(ptr);
    }
    // No DEAD flag: no strong handle remains to see it, and `Weak::upgrade` never revives a
    // count of 0. (DEAD marks what a collection tears down while handles to it may remain.)
    /// Gives back the weak share even if the value's drop panics.
    struct Release<D: Destroy>(Ptr, D);
    impl<D: Destroy> Drop for Release<D> {
        #[inline(always)]
        fn drop(&mut self) {
            // SAFETY: the value is gone (dropped or unwound); the strong side's share.
            unsafe { release_weak_share(self.0, self.1) };
        }
    }
    let release = Release(ptr, d);
    // SAFETY: intact value, dropped once: only this destruction drops it.
    unsafe { d.drop_value(ptr) };
    drop(release);
}

/// End an object whose only strong handle moved its value out (`Cc::try_unwrap`): unlink it
/// and give back the strong side's weak share, without dropping the value.
///
/// Unlinking takes the heap lock, which a collection holds for its whole stop: once this
/// returns, no verdict is reading the value, and none will (the object is in no vector), so
/// the caller may move it out.
///
/// # Safety
/// The caller took the strong count from 1 to 0 (with Acquire) and owned that reference.
pub(crate) unsafe fn unlink_unwrapped(ptr: Ptr) {
    // SAFETY: the strong side's weak share keeps the memory (caller).
    if unsafe { ptr.header() }.has(TRACKED) {
        unlink_dying(ptr);
    }
}

/// Give back the weak share of an object whose value was moved out (see [`unlink_unwrapped`]).
///
/// # Safety
/// The value has been moved out, no strong reference remains, and this runs once.
pub(crate) unsafe fn release_unwrapped(ptr: Ptr) {
    // SAFETY: the share keeps the memory.
    let d = Erased::of(unsafe { ptr.header() });
    // SAFETY: caller.
    unsafe { release_weak_share(ptr, d) };
}

/// Take a dying tracked object out of its generation vector.
fn unlink_dying(ptr: Ptr) {
    let mut heap = lock();
    // SAFETY: the dying object is allocated (its weak share).
    let h = unsafe { ptr.header() };
    // A collection may have this object in its unreachable set only while it holds a strong
    // reference to it, so a dying object is in a vector here.
    debug_assert_ne!(h.list(), list_id::UNREACHABLE, "a held object died");
    if h.list() != list_id::NONE {
        // SAFETY: allocated, in vector `h.list()` (checked under the lock).
        unsafe { heap.remove(ptr) };
        heap.counts[0] = heap.counts[0].saturating_sub(1);
    }
}

/// Give back the weak count's share held by the strong side; frees the memory if it was the
/// last weak reference.
///
/// # Safety
/// The value has been dropped and no strong reference remains; called once per object.
#[inline(always)]
unsafe fn release_weak_share<D: Destroy>(ptr: Ptr, d: D) {
    // SAFETY: still allocated (the share keeps it).
    let h = unsafe { ptr.header() };
    if h.dec_weak() {
        // SAFETY: still allocated (the last weak share is being given back here).
        let (layout, offset) = unsafe { d.layout(ptr, h.has(TRACKED)) };
        // Allocated by `allocate` with this layout, the header `offset` bytes in.
        // SAFETY: value dropped, no handle of either kind remains.
        unsafe { std::alloc::dealloc(ptr.0.as_ptr().cast::<u8>().sub(offset), layout) };
    }
}

/// Drop a strong reference the collector held (taken with `inc_strong`), without a handle.
///
/// # Safety
/// The caller owns that reference.
pub(crate) unsafe fn release_hold(ptr: Ptr) {
    // SAFETY: the held reference keeps the object allocated until this decrement.
    if unsafe { ptr.header() }.dec_strong() {
        // SAFETY: it was the last strong reference.
        unsafe { on_zero(ptr) };
    }
}
