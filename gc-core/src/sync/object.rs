//! Object layout of the sync heap: the header every object carries, the tracking prefix only
//! tracked objects carry, the flags, the per-type table of functions, allocation and
//! deallocation. With [`super::world`] and the raw parts of [`super::cc`], this is where the
//! sync variant handles raw memory.
//!
//! # Layout (64-bit)
//!
//! ```text
//!   tracked object (32-byte header)         untracked object (16-byte header, as Arc's)
//!   +--------------------------------+
//!   | index: AtomicU32 | pad         |  Tracking: 16 bytes, only for objects allocated
//!   | gc_refs: AtomicU64             |  as tracked (the collector's scratch word)
//!   +--------------------------------+       +--------------------------------+
//!   | vtable: &'static SyncVTable    |       | vtable: &'static SyncVTable    |  SyncHeader:
//!   | strong: AtomicU32              |       | strong: AtomicU32              |  16 bytes
//!   | weak_flags: AtomicU32          |       | weak_flags: AtomicU32          |
//!   +--------------------------------+       +--------------------------------+
//!   | value: T                       |       | value: T                       |
//!   +--------------------------------+       +--------------------------------+
//!                ^ a sync `Cc<T>` points here (at the header), for both kinds
//! ```
//!
//! `weak_flags` packs, from the least significant bit:
//!
//! ```text
//!   bits 0-2  list          which vector a tracked object is in (`list_id`); NONE otherwise
//!   bit  3    TRACKED       the allocation has a Tracking prefix (fixed at allocation)
//!   bit  4    DEAD          a collection dropped the value, or is dropping it
//!   bit  5    FINALIZED     the finalizer has run (it never runs again)
//!   bit  6    WEAK_CLEARED  a collection cleared the weak references: none upgrades again
//!   bits 8-31 weak count, plus one held collectively by the strong references
//! ```
//!
//! Every change of the word is one atomic read-modify-write: flags with `fetch_or`, the weak
//! count with `fetch_add`/`fetch_sub` (which never carries into the low byte), and the list id
//! with a `fetch_xor` from the id it has now, which only the holder of the heap lock (or the
//! collector, which holds it) changes.
//!
//! Generations are vectors of object pointers (not intrusive lists) so that a collection can
//! split them into chunks for parallel passes; `index` lets an object leave its vector in O(1)
//! (swap-remove). `list` and `index` change only under the heap lock; `gc_refs` is written only
//! while the world is stopped, by the collector. A `Cc` holds a raw pointer to the header whose
//! provenance covers the whole allocation, so the prefix is reached by stepping back from that
//! pointer (never from a reference to the header).

use std::alloc::Layout;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use crate::trace::Trace;

/// Which vector a tracked object is in (bits 0-2 of `weak_flags`).
pub(crate) mod list_id {
    /// Generation 0.
    pub const GEN0: u8 = 0;
    /// Generation 1.
    pub const GEN1: u8 = 1;
    /// Generation 2, survived the last full collection.
    pub const OLD: u8 = 2;
    /// Generation 2, promoted there since the last full collection.
    pub const PENDING: u8 = 3;
    /// The permanent generation of `freeze()`.
    pub const PERMANENT: u8 = 4;
    /// Number of vectors the heap keeps.
    pub const LISTS: usize = 5;
    /// In a collection's unreachable set (owned by that collection, in no vector).
    pub const UNREACHABLE: u8 = 6;
    /// In no vector: untracked, or torn down.
    pub const NONE: u8 = 7;
}

const LIST_MASK: u32 = 0b111;
/// The object is tracked: it has a Tracking prefix (fixed at allocation).
pub(crate) const TRACKED: u32 = 1 << 3;
/// A collection dropped the value, or is dropping it.
pub(crate) const DEAD: u32 = 1 << 4;
/// The finalizer has run (it never runs again).
pub(crate) const FINALIZED: u32 = 1 << 5;
/// A collection cleared the weak references: none upgrades again.
pub(crate) const WEAK_CLEARED: u32 = 1 << 6;
const WEAK_SHIFT: u32 = 8;
const WEAK_ONE: u32 = 1 << WEAK_SHIFT;

/// The collector's scratch word: bit 0 is the REACHABLE mark, bits 1.. hold gc_refs.
pub(crate) const MARK: u64 = 1;
/// One reference in the scratch word.
pub(crate) const REF: u64 = 2;

/// Functions the collector needs for an object whose type it does not know statically.
pub(crate) struct SyncVTable {
    pub(crate) type_name: fn() -> &'static str,
    /// The allocation's layout and the offset of the header in it, given the header and its
    /// `TRACKED` flag (slices read their length in front of the header).
    pub(crate) layout: SyncLayoutFn,
    /// Drop the value in place.
    pub(crate) drop_value: unsafe fn(NonNull<SyncHeader>),
    pub(crate) trace_subtract: unsafe fn(NonNull<SyncHeader>, &mut super::collect::SubtractRefs),
    pub(crate) trace_mark: unsafe fn(NonNull<SyncHeader>, &mut super::collect::MarkReachable),
    /// The finalizer, for objects created with `Cc::new_finalizable`.
    pub(crate) finalize: Option<unsafe fn(NonNull<SyncHeader>, &super::Mutator)>,
}

/// The part of every sync object that precedes its value.
#[repr(C)]
pub(crate) struct SyncHeader {
    pub(crate) vtable: &'static SyncVTable,
    pub(crate) strong: AtomicU32,
    pub(crate) weak_flags: AtomicU32,
}

/// What only tracked objects carry, in the 16 bytes before the header.
#[repr(C)]
pub(crate) struct Tracking {
    pub(crate) index: AtomicU32,
    _pad: u32,
    pub(crate) gc_refs: AtomicU64,
}

/// The type of [`SyncVTable::layout`].
///
/// # Safety
/// The header is that of a live allocation of the vtable's type; `tracked` is its flag.
pub(crate) type SyncLayoutFn = unsafe fn(NonNull<SyncHeader>, bool) -> (Layout, usize);

/// An object: header then value.
///
/// Public only so that [`crate::coerce_sync_cc!`] can name raw pointers to it.
#[doc(hidden)]
#[repr(C)]
pub struct SyncBox<T: ?Sized> {
    pub(crate) header: SyncHeader,
    pub(crate) value: T,
}

impl SyncHeader {
    #[inline]
    pub(crate) fn has(&self, flag: u32) -> bool {
        self.weak_flags.load(Ordering::Acquire) & flag != 0
    }
    #[inline]
    pub(crate) fn set(&self, flag: u32) {
        self.weak_flags.fetch_or(flag, Ordering::Release);
    }
    #[inline]
    pub(crate) fn list(&self) -> u8 {
        (self.weak_flags.load(Ordering::Relaxed) & LIST_MASK) as u8
    }
    /// Change the list id. Only under the heap lock (see the module docs).
    #[inline]
    pub(crate) fn set_list(&self, list: u8) {
        let now = self.list();
        if now != list {
            self.weak_flags
                .fetch_xor(u32::from(now ^ list), Ordering::Relaxed);
        }
    }

    /// Add a strong reference from one that exists (as `Arc::clone`: Relaxed suffices, the
    /// existing reference keeps the object alive).
    #[inline]
    pub(crate) fn inc_strong(&self) {
        if self.strong.fetch_add(1, Ordering::Relaxed) >= i32::MAX as u32 {
            count_overflow();
        }
    }
    /// Drop a strong reference; true when it was the last. As `Arc`: Release on the
    /// decrement, and Acquire before the object is destroyed, so every use through another
    /// handle happens before the destruction. The Acquire is a load rather than a fence (which
    /// ThreadSanitizer cannot see); it runs only on the last drop.
    #[inline]
    pub(crate) fn dec_strong(&self) -> bool {
        if self.strong.fetch_sub(1, Ordering::Release) != 1 {
            return false;
        }
        self.strong.load(Ordering::Acquire);
        true
    }
    /// Add a strong reference unless the count is zero (`Weak::upgrade`).
    #[inline]
    pub(crate) fn inc_strong_if_alive(&self) -> bool {
        let mut n = self.strong.load(Ordering::Relaxed);
        loop {
            if n == 0 {
                return false;
            }
            if n >= i32::MAX as u32 {
                count_overflow();
            }
            match self
                .strong
                .compare_exchange_weak(n, n + 1, Ordering::Acquire, Ordering::Relaxed)
            {
                Ok(_) => return true,
                Err(now) => n = now,
            }
        }
    }
    #[inline]
    pub(crate) fn inc_weak(&self) {
        if self.weak_flags.fetch_add(WEAK_ONE, Ordering::Relaxed) >> WEAK_SHIFT
            >= (u32::MAX >> WEAK_SHIFT) - 1
        {
            count_overflow();
        }
    }
    /// Drop a weak reference (or the strong side's share); true when it was the last, and the
    /// memory must be freed.
    #[inline]
    pub(crate) fn dec_weak(&self) -> bool {
        if self.weak_flags.fetch_sub(WEAK_ONE, Ordering::Release) >> WEAK_SHIFT != 1 {
            return false;
        }
        self.weak_flags.load(Ordering::Acquire);
        true
    }
    /// Number of `Weak` handles, while a strong reference exists.
    #[inline]
    pub(crate) fn weak_handles(&self) -> usize {
        ((self.weak_flags.load(Ordering::Relaxed) >> WEAK_SHIFT) as usize).saturating_sub(1)
    }
}

/// The tracking prefix of a tracked object.
///
/// # Safety
/// `header` points at a live tracked object's header, with provenance over its allocation.
#[inline(always)]
pub(crate) unsafe fn tracking<'a>(header: NonNull<SyncHeader>) -> &'a Tracking {
    // Its fields are only accessed through atomics.
    // SAFETY: a tracked object's Tracking directly precedes its header, in the allocation.
    unsafe {
        &*header
            .as_ptr()
            .cast::<u8>()
            .sub(size_of::<Tracking>())
            .cast::<Tracking>()
    }
}

impl Tracking {
    #[inline]
    pub(crate) fn index(&self) -> usize {
        self.index.load(Ordering::Relaxed) as usize
    }
    #[inline]
    pub(crate) fn set_index(&self, index: usize) {
        let index = u32::try_from(index).unwrap_or_else(|_| too_many_objects());
        self.index.store(index, Ordering::Relaxed);
    }
}

/// Like `Arc`, overflowing a count aborts the process.
#[cold]
#[inline(never)]
fn count_overflow() -> ! {
    eprintln!("gc-core: reference count overflow on a sync object");
    std::process::abort()
}

#[cold]
#[inline(never)]
fn too_many_objects() -> ! {
    eprintln!("gc-core: more than 2^32 tracked objects in one sync generation");
    std::process::abort()
}

/// The value inside an object.
///
/// # Safety
/// `header` must point at the header of a `SyncBox<T>` for this very `T`, still allocated.
#[inline]
pub(crate) unsafe fn value_ptr<T>(header: NonNull<SyncHeader>) -> *mut T {
    // `SyncBox<T>` is `repr(C)` and starts with its header.
    // SAFETY: the caller guarantees the type, and the object is allocated.
    unsafe { &raw mut (*header.as_ptr().cast::<SyncBox<T>>()).value }
}

/// Layout of an object's allocation and the offset of its header within it: with the Tracking
/// prefix, the header sits at `offset >= 16` and the prefix occupies the 16 bytes right before
/// it.
pub(crate) fn alloc_layout<T>(tracked: bool) -> (Layout, usize) {
    let boxed = Layout::new::<SyncBox<T>>();
    if tracked {
        let (layout, offset) = Layout::new::<Tracking>()
            .extend(boxed)
            .expect("object too large");
        (layout.pad_to_align(), offset)
    } else {
        (boxed, 0)
    }
}

/// Allocate an object; returns a pointer to its header.
pub(crate) fn allocate<T>(
    vtable: &'static SyncVTable,
    tracked: bool,
    value: T,
) -> NonNull<SyncHeader> {
    let header = allocate_uninit::<T>(vtable, tracked, 1);
    // Nothing reads the value before this handle is returned.
    // SAFETY: `allocate_uninit` made room for a `SyncBox<T>` at the header.
    unsafe { value_ptr::<T>(header).write(value) };
    header
}

/// Allocate an object with `strong` strong references, its value not yet written; returns a
/// pointer to its header. With `strong == 0` no `Weak` upgrades until the count is raised.
pub(crate) fn allocate_uninit<T>(
    vtable: &'static SyncVTable,
    tracked: bool,
    strong: u32,
) -> NonNull<SyncHeader> {
    let (layout, offset) = alloc_layout::<T>(tracked);
    // SAFETY: the layout has non-zero size (it contains a header).
    let base = unsafe { std::alloc::alloc(layout) };
    if base.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    let flags = u32::from(list_id::NONE) | if tracked { TRACKED } else { 0 };
    // SAFETY: `offset` lies within the allocation and is aligned for `SyncBox<T>`.
    let boxed = unsafe { base.add(offset).cast::<SyncBox<T>>() };
    // SAFETY: valid for writes of a `SyncBox<T>`, so of its header.
    unsafe {
        (&raw mut (*boxed).header).write(SyncHeader {
            vtable,
            strong: AtomicU32::new(strong),
            weak_flags: AtomicU32::new(WEAK_ONE | flags),
        })
    };
    // SAFETY: derived from a non-null allocation.
    let header = unsafe { NonNull::new_unchecked(boxed.cast::<SyncHeader>()) };
    if tracked {
        // SAFETY: a tracked allocation, just made.
        unsafe { init_tracking(header) };
    }
    header
}

/// Write the tracking prefix of a new tracked object.
///
/// # Safety
/// `header` is a new allocation laid out with the prefix, with provenance over it.
unsafe fn init_tracking(header: NonNull<SyncHeader>) {
    // SAFETY: the prefix lies in the 16 bytes before the header, inside the allocation.
    unsafe {
        header
            .as_ptr()
            .cast::<u8>()
            .sub(size_of::<Tracking>())
            .cast::<Tracking>()
            .write(Tracking {
                index: AtomicU32::new(0),
                _pad: 0,
                gc_refs: AtomicU64::new(0),
            })
    };
}

/// Free an object's memory. Its value must already have been dropped.
///
/// # Safety
/// `header` was returned by [`allocate`], its value has been dropped, and no handle remains.
pub(crate) unsafe fn dealloc(header: NonNull<SyncHeader>) {
    // SAFETY: still allocated (caller).
    let h = unsafe { header.as_ref() };
    // SAFETY: the vtable's layout is the object's, and it is allocated.
    let (layout, offset) = unsafe { (h.vtable.layout)(header, h.has(TRACKED)) };
    // The header has no drop glue and the value is gone.
    // SAFETY: `allocate` made it with exactly this layout, the header `offset` bytes in.
    unsafe { std::alloc::dealloc(header.as_ptr().cast::<u8>().sub(offset), layout) }
}

/// The per-type table, as a promoted constant.
pub(crate) struct SyncVTableFor<T>(std::marker::PhantomData<T>);

impl<T: Trace + Send + Sync + 'static> SyncVTableFor<T> {
    pub(crate) const PLAIN: SyncVTable = SyncVTable {
        type_name: std::any::type_name::<T>,
        layout: sized_layout::<T>,
        drop_value: drop_value::<T>,
        trace_subtract: trace_with::<T, super::collect::SubtractRefs>,
        trace_mark: trace_with::<T, super::collect::MarkReachable>,
        finalize: None,
    };
}

impl<T: super::Finalize> SyncVTableFor<T> {
    pub(crate) const FINALIZABLE: SyncVTable = SyncVTable {
        finalize: Some(super::cc::finalize_shim::<T>),
        ..Self::PLAIN
    };
}

/// [`alloc_layout`] as a [`SyncLayoutFn`].
pub(crate) fn sized_layout<T>(_: NonNull<SyncHeader>, tracked: bool) -> (Layout, usize) {
    alloc_layout::<T>(tracked)
}

/// Bytes in front of a slice object's header: its length, then the tracking prefix if any.
const fn slice_prefix(tracked: bool) -> usize {
    size_of::<usize>() + if tracked { size_of::<Tracking>() } else { 0 }
}

/// Layout of a `SyncBox<[T]>` of `len` items and the offset of its header:
/// `[padding] | len | Tracking (if tracked) | header | items` (see
/// [`crate::header::slice_layout_in`]).
pub(crate) fn slice_layout<T>(len: usize, tracked: bool) -> (Layout, usize) {
    crate::header::slice_layout_in::<SyncHeader, T>(len, slice_prefix(tracked))
}

/// The length of the slice object at `header`.
///
/// # Safety
/// `header` is a live slice object made by [`allocate_slice`]; `tracked` is its flag.
unsafe fn slice_len(header: NonNull<SyncHeader>, tracked: bool) -> usize {
    // SAFETY: caller; `allocate_slice` wrote the length `slice_prefix(tracked)` bytes before.
    unsafe { crate::header::read_slice_len(header.as_ptr().cast(), slice_prefix(tracked)) }
}

/// # Safety
/// As [`slice_len`].
unsafe fn slice_layout_of<T>(header: NonNull<SyncHeader>, tracked: bool) -> (Layout, usize) {
    // SAFETY: caller.
    slice_layout::<T>(unsafe { slice_len(header, tracked) }, tracked)
}

/// The fat pointer to the slice object at `header` with `len` items.
pub(crate) fn slice_box<T>(header: NonNull<SyncHeader>, len: usize) -> NonNull<SyncBox<[T]>> {
    let fat = std::ptr::slice_from_raw_parts_mut(header.as_ptr().cast::<T>(), len);
    // SAFETY: derived from a non-null pointer; the cast keeps address and length.
    unsafe { NonNull::new_unchecked(fat as *mut SyncBox<[T]>) }
}

/// Allocate a slice object with one strong reference holding `items` (moved in).
pub(crate) fn allocate_slice<T>(
    vtable: &'static SyncVTable,
    tracked: bool,
    mut items: Vec<T>,
) -> NonNull<SyncHeader> {
    let len = items.len();
    let (layout, offset) = slice_layout::<T>(len, tracked);
    // SAFETY: the layout has non-zero size (it contains a header).
    let base = unsafe { std::alloc::alloc(layout) };
    if base.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    let flags = u32::from(list_id::NONE) | if tracked { TRACKED } else { 0 };
    // The offset is at least `slice_prefix(tracked)` bytes from the start.
    // SAFETY: `offset` lies within the allocation, aligned for `SyncBox<[T]>`.
    let head = unsafe { NonNull::new_unchecked(base.add(offset).cast::<SyncHeader>()) };
    let boxed = slice_box::<T>(head, len);
    // The vector's length is set to 0 before its items are moved out, so it frees its buffer
    // without dropping them.
    // SAFETY: every write is inside the allocation (prefix, header, items: `slice_layout`).
    unsafe {
        base.add(offset - slice_prefix(tracked))
            .cast::<usize>()
            .write(len);
        head.as_ptr().write(SyncHeader {
            vtable,
            strong: AtomicU32::new(1),
            weak_flags: AtomicU32::new(WEAK_ONE | flags),
        });
        if tracked {
            init_tracking(head);
        }
        let src = items.as_ptr();
        items.set_len(0);
        let dst = (&raw mut (*boxed.as_ptr()).value).cast::<T>();
        std::ptr::copy_nonoverlapping(src, dst, len);
    }
    head
}

/// The tables of sync slice objects: `Cc<[T]>`, and `Cc<str>` (stored as bytes).
pub(crate) struct SyncVTableForSlice<T>(std::marker::PhantomData<T>);

impl<T: Trace + Send + Sync + 'static> SyncVTableForSlice<T> {
    pub(crate) const SLICE: SyncVTable = SyncVTable {
        type_name: std::any::type_name::<[T]>,
        layout: slice_layout_of::<T>,
        drop_value: drop_slice::<T>,
        trace_subtract: trace_slice::<T, super::collect::SubtractRefs>,
        trace_mark: trace_slice::<T, super::collect::MarkReachable>,
        finalize: None,
    };
}

impl SyncVTableForSlice<u8> {
    pub(crate) const STR: SyncVTable = SyncVTable {
        type_name: std::any::type_name::<str>,
        ..Self::SLICE
    };
}

/// # Safety
/// `header` is a live slice object of `T` whose items are intact, and nobody else drops them.
unsafe fn drop_slice<T>(header: NonNull<SyncHeader>) {
    // SAFETY: caller; dropped once (see `drop_value`).
    unsafe {
        let len = slice_len(header, header.as_ref().has(TRACKED));
        std::ptr::drop_in_place(&raw mut (*slice_box::<T>(header, len).as_ptr()).value);
    }
}

/// # Safety
/// `header` is a live slice object of `T` whose items are intact and not being mutated.
unsafe fn trace_slice<T: Trace, V: crate::trace::Visitor>(header: NonNull<SyncHeader>, v: &mut V) {
    // SAFETY: caller; only a shared reference is made.
    let items = unsafe {
        let len = slice_len(header, header.as_ref().has(TRACKED));
        &(*slice_box::<T>(header, len).as_ptr()).value
    };
    items.trace(v);
}

/// # Safety
/// `header` is the header of a live `SyncBox<T>` whose value has not been dropped, and nobody
/// else drops it.
pub(crate) unsafe fn drop_value<T>(header: NonNull<SyncHeader>) {
    // SAFETY: caller; callers set DEAD first and never drop a DEAD object's value twice.
    unsafe { std::ptr::drop_in_place(value_ptr::<T>(header)) }
}

/// # Safety
/// `header` is the header of a live `SyncBox<T>` whose value is intact and not being mutated
/// (the world is stopped).
unsafe fn trace_with<T: Trace, V: crate::trace::Visitor>(header: NonNull<SyncHeader>, v: &mut V) {
    // SAFETY: caller; only a shared reference is made.
    let value = unsafe { &*value_ptr::<T>(header) };
    value.trace(v);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untracked_objects_carry_arcs_16_bytes_and_tracked_ones_32() {
        assert_eq!(size_of::<SyncHeader>(), 16);
        assert_eq!(size_of::<Tracking>(), 16);
        assert_eq!(alloc_layout::<u64>(false).0.size(), 24);
        assert_eq!(
            alloc_layout::<u64>(true),
            (Layout::from_size_align(40, 8).unwrap(), 16)
        );
        #[repr(align(64))]
        struct Big(#[allow(dead_code)] u8);
        let (layout, offset) = alloc_layout::<Big>(true);
        assert!(offset >= 16 && offset % 64 == 0 && layout.size() >= offset + 64);
    }
}
