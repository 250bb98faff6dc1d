//! Object layout: the header every object carries, the list links only tracked objects carry,
//! and the per-type table of functions the collector calls through.
//!
//! This module and [`crate::list`] are where raw memory is handled; everything above them works
//! through the small helpers defined here.
//!
//! # Layout (64-bit)
//!
//! ```text
//!   tracked object (32-byte header)         untracked object (16-byte header)
//!   +--------------------------------+
//!   | prev: *mut Links               |  Links: 16 bytes, only for objects
//!   |   (gc_refs while collecting)   |  allocated as tracked
//!   | next: *mut Links               |
//!   +--------------------------------+       +--------------------------------+
//!   | vtable: &'static VTable        |       | vtable: &'static VTable        |  Header:
//!   | strong: u32 | weak:24 flags:8  |       | strong: u32 | weak:24 flags:8  |  16 bytes
//!   +--------------------------------+       +--------------------------------+
//!   | value: T                       |       | value: T                       |
//!   +--------------------------------+       +--------------------------------+
//!                ^ a `Cc<T>` points here (at the Header), for both kinds
//! ```
//!
//! The `flags_weak` word packs, from the least significant bit:
//!
//! ```text
//!   bits 0-2  list   which list the object is in (see `ListId`); NONE when in no list
//!   bit  3    LINKED the allocation has a Links prefix (fixed at allocation)
//!   bit  4    DEAD   the value has been dropped, or is being dropped
//!   bit  5    FINALIZED   the finalizer has run (it never runs again)
//!   bit  6    WEAK_CLEARED  weak references were cleared by a collection; none upgrades again
//!   bit  7    HAS_ID  an introspection id was handed out (the id table has an entry)
//!   bits 8-31 weak count, plus one held collectively by the strong references
//! ```
//!
//! A `Cc` and a `Weak` hold a raw pointer to the header whose provenance covers the whole
//! allocation, Links prefix included, so the links are reached by stepping back 16 bytes from
//! that pointer. No reference to a whole `CcBox` is ever created: only to its header fields
//! (all `Cell`s) and to its value.

use std::alloc::Layout;
use std::cell::Cell;
use std::ptr::NonNull;

use crate::pool::Pools;
use crate::trace::Trace;

/// Which list a tracked object is in. Stored in the low three bits of the flags.
///
/// Generation 2 is one list holding two kinds of objects, told apart so that the long-lived
/// rule can count exactly: those that survived the last full collection (`OLD`) and those
/// promoted into generation 2 since (`PENDING`).
pub(crate) mod list_id {
    /// Generation 0.
    pub const GEN0: u32 = 0;
    /// Generation 1.
    pub const GEN1: u32 = 1;
    /// Generation 2, survived the last full collection.
    pub const OLD: u32 = 2;
    /// Generation 2, promoted there since the last full collection.
    pub const PENDING: u32 = 3;
    /// The permanent generation of `freeze()`.
    pub const PERMANENT: u32 = 4;
    /// The unreachable set of a collection in progress.
    pub const UNREACHABLE: u32 = 5;
    /// Generation 2, under an incremental cycle (see `incremental.rs`): in one of the lists the
    /// incremental collector owns. The program never unlinks such an object.
    pub const SCAN: u32 = 6;
    /// In no list: untracked from birth, or torn down.
    pub const NONE: u32 = 7;
    /// Number of list ids.
    pub const COUNT: usize = 8;
}

pub(crate) const LIST_MASK: u32 = 0b111;
pub(crate) const LINKED: u32 = 1 << 3;
pub(crate) const DEAD: u32 = 1 << 4;
pub(crate) const FINALIZED: u32 = 1 << 5;
pub(crate) const WEAK_CLEARED: u32 = 1 << 6;
pub(crate) const HAS_ID: u32 = 1 << 7;
const FLAG_BITS: u32 = 8;
const WEAK_ONE: u32 = 1 << FLAG_BITS;
const WEAK_MAX: u32 = u32::MAX >> FLAG_BITS;

/// The two links of an intrusive doubly linked list node.
///
/// Outside a collection `prev` is a real pointer. While a collection runs over a list, the
/// `prev` word of each candidate holds its `gc_refs` instead (see [`GcRefs`]); the list is then
/// walked forwards only, and `prev` is rebuilt by the pass that splits reachable from
/// unreachable (`move_unreachable`).
#[repr(C)]
pub(crate) struct Links {
    pub(crate) prev: Cell<*mut Links>,
    pub(crate) next: Cell<*mut Links>,
}

impl Links {
    /// Links for a list head that is not yet initialised (both null).
    pub(crate) const fn dangling() -> Links {
        Links {
            prev: Cell::new(std::ptr::null_mut()),
            next: Cell::new(std::ptr::null_mut()),
        }
    }
}

/// The collector's scratch word in `Links::prev` while a collection runs.
///
/// Encoding: bit 0 set means "in gc_refs mode" (a real pointer is 8-aligned, so bit 0 is clear);
/// bit 1 is the REACHABLE mark; bits 2.. hold gc_refs (external references not yet explained by
/// internal edges). The word carries no provenance: it is an integer stored in a pointer slot.
pub(crate) struct GcRefs;

impl GcRefs {
    const ACTIVE: usize = 1;
    const REACHABLE: usize = 2;
    const SHIFT: u32 = 2;

    /// The scratch word for a fresh candidate whose gc_refs start at `refs`.
    #[inline]
    pub(crate) fn encode(refs: usize, reachable: bool) -> *mut Links {
        let word =
            (refs << Self::SHIFT) | Self::ACTIVE | if reachable { Self::REACHABLE } else { 0 };
        std::ptr::without_provenance_mut(word)
    }
    /// Whether `prev` currently holds a scratch word.
    #[inline]
    pub(crate) fn is_active(prev: *mut Links) -> bool {
        prev.addr() & Self::ACTIVE != 0
    }
    /// gc_refs of an active scratch word.
    #[inline]
    pub(crate) fn refs(prev: *mut Links) -> usize {
        prev.addr() >> Self::SHIFT
    }
    /// The REACHABLE mark of an active scratch word.
    #[inline]
    pub(crate) fn is_reachable(prev: *mut Links) -> bool {
        prev.addr() & Self::REACHABLE != 0
    }
}

/// Functions the collector needs for an object whose type it does not know statically.
///
/// One static table exists per `(T, finalizable)` pair; see [`vtable_for`].
pub(crate) struct VTable {
    /// `std::any::type_name::<T>()`.
    pub(crate) type_name: fn() -> &'static str,
    /// `TypeId::of::<T>()`, for `AnyCc::downcast`.
    pub(crate) type_id: fn() -> std::any::TypeId,
    /// The allocation's layout and the offset from its start to the header, given the header
    /// and whether the allocation has links. Sized types ignore the header; slices read their
    /// length in front of it (see [`slice_layout`]).
    pub(crate) layout: LayoutFn,
    /// Drop the value in place.
    pub(crate) drop_value: unsafe fn(NonNull<Header>),
    /// Drop the value and release the object (see `heap::destroy`).
    pub(crate) destroy: unsafe fn(&crate::heap::Heap, NonNull<Header>),
    /// `subtract_refs` over the run of objects of this type that starts at the given links,
    /// up to the given list head (see [`crate::collect::subtract_run`]); returns the links
    /// after the run.
    pub(crate) subtract_run: crate::collect::SubtractRunFn,
    /// `move_unreachable`'s walk over the run of objects of this type that starts at the given
    /// links (see [`crate::collect::mark_run`]); returns the next node to walk.
    pub(crate) mark_run: crate::collect::MarkRunFn,
    /// Trace the value with the collector's visitors.
    pub(crate) trace_mark: unsafe fn(NonNull<Header>, &mut crate::collect::MarkReachable),
    pub(crate) trace_incremental: unsafe fn(NonNull<Header>, &mut crate::incremental::IncVisitor),
    /// The incremental mode's phase 1b over the run of objects of this type that starts at
    /// the given links (see [`crate::incremental::scan_run`]).
    pub(crate) scan_run: crate::incremental::ScanRunFn,
    pub(crate) trace_any: unsafe fn(NonNull<Header>, &mut crate::introspect::EdgeCollector),
    pub(crate) trace_find: unsafe fn(NonNull<Header>, &mut crate::introspect::ReferrerFinder),
    /// The finalizer, for objects created with `Cc::new_finalizable`.
    pub(crate) finalize: Option<unsafe fn(NonNull<Header>)>,
}

/// The part of every object that precedes its value.
#[repr(C)]
pub(crate) struct Header {
    pub(crate) vtable: &'static VTable,
    pub(crate) strong: Cell<u32>,
    pub(crate) flags_weak: Cell<u32>,
}

/// The type of [`VTable::layout`].
///
/// # Safety
/// The header must be that of a live allocation of the vtable's type, and `linked` its `LINKED`
/// flag.
pub(crate) type LayoutFn = unsafe fn(NonNull<Header>, bool) -> (Layout, usize);

/// An object: header then value. `Cc<T>` points at one of these.
///
/// Public only so that [`crate::coerce_cc!`] can name raw pointers to it; it has no public
/// fields or methods.
#[doc(hidden)]
#[repr(C)]
pub struct CcBox<T: ?Sized> {
    pub(crate) header: Header,
    pub(crate) value: T,
}

impl Header {
    /// A header for a new object with one strong reference.
    pub(crate) fn new(vtable: &'static VTable, linked: bool, list: u32) -> Header {
        let flags = list | if linked { LINKED } else { 0 };
        Header {
            vtable,
            strong: Cell::new(1),
            flags_weak: Cell::new(WEAK_ONE | flags),
        }
    }

    #[inline]
    pub(crate) fn flags(&self) -> u32 {
        self.flags_weak.get()
    }
    #[inline]
    pub(crate) fn has(&self, flag: u32) -> bool {
        self.flags_weak.get() & flag != 0
    }
    #[inline]
    pub(crate) fn set(&self, flag: u32) {
        self.flags_weak.set(self.flags_weak.get() | flag);
    }
    #[inline]
    pub(crate) fn list(&self) -> u32 {
        self.flags_weak.get() & LIST_MASK
    }
    #[inline]
    pub(crate) fn set_list(&self, list: u32) {
        self.flags_weak
            .set((self.flags_weak.get() & !LIST_MASK) | list);
    }
    /// Number of `Weak` handles. Only meaningful while a strong reference exists, when the
    /// strong references still hold their collective share of the weak count.
    #[inline]
    pub(crate) fn weak_handles(&self) -> usize {
        ((self.flags_weak.get() >> FLAG_BITS) as usize).saturating_sub(1)
    }
    #[inline]
    pub(crate) fn inc_weak(&self) {
        let word = self.flags_weak.get();
        if word >> FLAG_BITS == WEAK_MAX {
            count_overflow();
        }
        self.flags_weak.set(word + WEAK_ONE);
    }
    /// Decrement the weak count; true when it reached zero (the memory may be freed).
    #[inline]
    pub(crate) fn dec_weak(&self) -> bool {
        let word = self.flags_weak.get() - WEAK_ONE;
        self.flags_weak.set(word);
        word >> FLAG_BITS == 0
    }
    #[inline]
    pub(crate) fn inc_strong(&self) {
        let s = self.strong.get();
        if s == u32::MAX {
            count_overflow();
        }
        self.strong.set(s + 1);
    }
}

/// Reference counts are 32-bit (weak 24-bit); like `Rc`, overflowing one aborts the process.
#[cold]
#[inline(never)]
fn count_overflow() -> ! {
    eprintln!("gc-core: reference count overflow (more than 2^32 strong or 2^24 weak references to one object)");
    std::process::abort()
}

/// Step from a header to its links. Only valid for objects allocated with links.
///
/// # Safety
/// `header` must point at a live allocation made with a Links prefix (flag `LINKED`), with
/// provenance over the whole allocation.
#[inline]
pub(crate) unsafe fn links_of(header: NonNull<Header>) -> *mut Links {
    // SAFETY: the object is LINKED (caller): its 16-byte Links directly precede the header.
    unsafe {
        header
            .as_ptr()
            .cast::<u8>()
            .sub(size_of::<Links>())
            .cast::<Links>()
    }
}

/// Step from links back to the header that follows them.
///
/// # Safety
/// `links` must be the Links prefix of an object (not a list head).
#[inline]
pub(crate) unsafe fn header_of(links: *mut Links) -> NonNull<Header> {
    // SAFETY: an object's header follows its links directly (see `alloc_layout`); `links` is not
    // null because it came from a list of objects.
    unsafe { NonNull::new_unchecked(links.cast::<u8>().add(size_of::<Links>()).cast::<Header>()) }
}

/// Layout of an object's allocation and the offset of its header within it.
///
/// With links, the header is placed at `offset >= 16`, and the links occupy the 16 bytes right
/// before it (with padding before them when `CcBox<T>` is aligned to more than 16).
pub(crate) fn alloc_layout<T>(linked: bool) -> (Layout, usize) {
    let boxed = Layout::new::<CcBox<T>>();
    if linked {
        let (layout, offset) = Layout::new::<Links>()
            .extend(boxed)
            .expect("object too large");
        (layout.pad_to_align(), offset)
    } else {
        (boxed, 0)
    }
}

/// [`alloc_layout`] as a [`LayoutFn`], for sized types.
pub(crate) fn sized_layout<T>(_: NonNull<Header>, linked: bool) -> (Layout, usize) {
    alloc_layout::<T>(linked)
}

/// Bytes in front of a slice object's header: its length, then the links if it has them.
const fn slice_prefix(linked: bool) -> usize {
    size_of::<usize>() + if linked { size_of::<Links>() } else { 0 }
}

/// Layout of a slice object with header type `H` and `len` items of `T`, whose header is
/// preceded by `prefix` bytes (the length, then the collector's prefix if any), and the offset
/// of its header:
///
/// ```text
///   [padding] | len: usize | collector's prefix | H | items...
/// ```
///
/// The length is stored in front of the header because the collector reaches an object
/// through its thin header pointer and must be able to free it without a handle's fat pointer.
/// Shared by both heaps (the sync heap's header and prefix have the same sizes).
pub(crate) fn slice_layout_in<H, T>(len: usize, prefix: usize) -> (Layout, usize) {
    let items = Layout::array::<T>(len).expect("slice too large for a Cc");
    let (boxed, _) = Layout::new::<H>()
        .extend(items)
        .expect("slice too large for a Cc");
    let prefix =
        Layout::from_size_align(prefix, align_of::<usize>()).expect("a small constant layout");
    let (layout, offset) = prefix
        .extend(boxed.pad_to_align())
        .expect("slice too large for a Cc");
    (layout.pad_to_align(), offset)
}

/// Read the length a slice object stores `prefix` bytes before its header.
///
/// # Safety
/// `header` points at a live slice object's header, with provenance over its allocation, and
/// `prefix` is the one it was laid out with ([`slice_layout_in`]).
pub(crate) unsafe fn read_slice_len(header: *const u8, prefix: usize) -> usize {
    // The length never changes.
    // SAFETY: the allocator wrote the length there, inside the allocation (caller).
    unsafe { header.sub(prefix).cast::<usize>().read() }
}

/// Layout of a `CcBox<[T]>` of `len` items, and the offset of its header
/// (see [`slice_layout_in`]).
pub(crate) fn slice_layout<T>(len: usize, linked: bool) -> (Layout, usize) {
    slice_layout_in::<Header, T>(len, slice_prefix(linked))
}

/// The length of the slice object at `header`.
///
/// # Safety
/// `header` is a live slice object allocated by [`allocate_slice`], and `linked` its flag.
pub(crate) unsafe fn slice_len(header: NonNull<Header>, linked: bool) -> usize {
    // SAFETY: caller; `allocate_slice` wrote the length `slice_prefix(linked)` bytes before.
    unsafe { read_slice_len(header.as_ptr().cast(), slice_prefix(linked)) }
}

/// [`slice_layout`] as a [`LayoutFn`].
///
/// # Safety
/// As [`slice_len`].
unsafe fn slice_layout_of<T>(header: NonNull<Header>, linked: bool) -> (Layout, usize) {
    // SAFETY: caller.
    slice_layout::<T>(unsafe { slice_len(header, linked) }, linked)
}

/// The fat pointer to the slice object at `header` with `len` items.
pub(crate) fn slice_box<T>(header: NonNull<Header>, len: usize) -> NonNull<CcBox<[T]>> {
    let fat = std::ptr::slice_from_raw_parts_mut(header.as_ptr().cast::<T>(), len);
    // SAFETY: derived from a non-null pointer; the cast keeps address and length.
    unsafe { NonNull::new_unchecked(fat as *mut CcBox<[T]>) }
}

/// Allocate a slice object holding `items` (moved in; the vector's buffer is freed); returns
/// its header.
pub(crate) fn allocate_slice<T>(
    pools: &Pools,
    header: Header,
    mut items: Vec<T>,
    linked: bool,
) -> NonNull<Header> {
    let len = items.len();
    let (layout, offset) = slice_layout::<T>(len, linked);
    let base = pools.alloc(layout);
    if base.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    // The offset is at least `slice_prefix(linked)` bytes from the start (Layout::extend).
    // SAFETY: `offset` lies within the allocation, aligned for `CcBox<[T]>`.
    let head = unsafe { NonNull::new_unchecked(base.add(offset).cast::<Header>()) };
    let boxed = slice_box::<T>(head, len);
    // The length and links go in the prefix, the header and the items in `CcBox<[T]>` (whose
    // layout `slice_layout` used). The items are moved: the vector's length is set to 0 first,
    // so it frees its buffer without dropping them.
    // SAFETY: all writes are inside the allocation, as laid out by `slice_layout`.
    unsafe {
        base.add(offset - slice_prefix(linked))
            .cast::<usize>()
            .write(len);
        head.as_ptr().write(header);
        if linked {
            links_of(head).write(Links::dangling());
        }
        let src = items.as_ptr();
        items.set_len(0);
        let dst = (&raw mut (*boxed.as_ptr()).value).cast::<T>();
        std::ptr::copy_nonoverlapping(src, dst, len);
    }
    head
}

/// The value inside an object.
///
/// # Safety
/// `header` must point at the header of a `CcBox<T>` for this very `T`, still allocated.
#[inline]
pub(crate) unsafe fn value_ptr<T>(header: NonNull<Header>) -> *mut T {
    // SAFETY: `CcBox<T>` is `repr(C)` and starts with its header, so the header pointer is the
    // box pointer; the caller guarantees the type.
    unsafe { &raw mut (*header.as_ptr().cast::<CcBox<T>>()).value }
}

/// Free an object's memory. Its value must already have been dropped.
///
/// `layout` is the allocation layout function of the object's type (`sized_layout::<T>`, or
/// the vtable's copy of it).
///
/// # Safety
/// `header` must point at a live allocation made by [`allocate`] on this thread, whose value
/// has been dropped, and to which no handle remains.
#[inline]
pub(crate) unsafe fn dealloc(pools: &Pools, header: NonNull<Header>, layout: LayoutFn) {
    // SAFETY: the header is still allocated (caller).
    let linked = unsafe { header.as_ref().has(LINKED) };
    // SAFETY: `layout` is the object's (caller), and it is still allocated.
    let (layout, offset) = unsafe { layout(header, linked) };
    // See `alloc_layout` and `slice_layout` for where the allocation starts.
    // SAFETY: the allocation started `offset` bytes before the header, with this layout, here.
    unsafe {
        let base = header.as_ptr().cast::<u8>().sub(offset);
        pools.dealloc(base, layout);
    }
}

/// Allocate an object with the given header and value; returns a pointer to its header.
#[inline]
pub(crate) fn allocate<T>(
    pools: &Pools,
    header: Header,
    value: T,
    linked: bool,
) -> NonNull<Header> {
    let ptr = allocate_uninit::<T>(pools, header, linked);
    // SAFETY: the allocation has room for a `CcBox<T>` at the header (see `allocate_uninit`).
    unsafe { value_ptr::<T>(ptr).write(value) };
    ptr
}

/// Allocate an object for a `T` with the given header, leaving its value uninitialised.
#[inline]
pub(crate) fn allocate_uninit<T>(pools: &Pools, header: Header, linked: bool) -> NonNull<Header> {
    let (layout, offset) = alloc_layout::<T>(linked);
    // The layout has non-zero size (it contains a Header).
    let base = pools.alloc(layout);
    if base.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    // SAFETY: `offset` lies within the allocation and is aligned for `CcBox<T>` (Layout::extend).
    let boxed = unsafe { base.add(offset).cast::<CcBox<T>>() };
    // SAFETY: `boxed` is valid for writes of a `CcBox<T>`, so of its header.
    unsafe { (&raw mut (*boxed).header).write(header) };
    if linked {
        // SAFETY: the links lie in the 16 bytes before the header, inside the allocation.
        unsafe { links_of(NonNull::new_unchecked(boxed.cast())).write(Links::dangling()) };
    }
    // SAFETY: derived from a non-null allocation.
    unsafe { NonNull::new_unchecked(boxed.cast::<Header>()) }
}

/// The per-type table, as a promoted constant.
pub(crate) struct VTableFor<T>(std::marker::PhantomData<T>);

impl<T: Trace + 'static> VTableFor<T> {
    pub(crate) const PLAIN: VTable = VTable {
        type_name: std::any::type_name::<T>,
        type_id: std::any::TypeId::of::<T>,
        layout: sized_layout::<T>,
        drop_value: drop_value::<T>,
        destroy: crate::heap::destroy::<T>,
        subtract_run: crate::collect::subtract_run::<Boxed<T>>,
        mark_run: crate::collect::mark_run::<Boxed<T>>,
        trace_mark: trace_with::<T, crate::collect::MarkReachable>,
        trace_incremental: trace_with::<T, crate::incremental::IncVisitor>,
        scan_run: crate::incremental::scan_run::<Boxed<T>>,
        trace_any: trace_with::<T, crate::introspect::EdgeCollector>,
        trace_find: trace_with::<T, crate::introspect::ReferrerFinder>,
        finalize: None,
    };
}

impl<T: crate::Finalize + 'static> VTableFor<T> {
    pub(crate) const FINALIZABLE: VTable = VTable {
        finalize: Some(crate::cc::finalize_shim::<T>),
        ..Self::PLAIN
    };
}

/// The per-item-type tables of slice objects: `Cc<[T]>`, and `Cc<str>` (stored as bytes).
pub(crate) struct VTableForSlice<T>(std::marker::PhantomData<T>);

impl<T: Trace + 'static> VTableForSlice<T> {
    pub(crate) const SLICE: VTable = VTable {
        type_name: std::any::type_name::<[T]>,
        type_id: std::any::TypeId::of::<[T]>,
        layout: slice_layout_of::<T>,
        drop_value: drop_slice::<T>,
        destroy: crate::heap::destroy_in_place,
        subtract_run: crate::collect::subtract_run::<Items<T>>,
        mark_run: crate::collect::mark_run::<Items<T>>,
        trace_mark: trace_slice::<T, crate::collect::MarkReachable>,
        trace_incremental: trace_slice::<T, crate::incremental::IncVisitor>,
        scan_run: crate::incremental::scan_run::<Items<T>>,
        trace_any: trace_slice::<T, crate::introspect::EdgeCollector>,
        trace_find: trace_slice::<T, crate::introspect::ReferrerFinder>,
        finalize: None,
    };
}

impl VTableForSlice<u8> {
    pub(crate) const STR: VTable = VTable {
        type_name: std::any::type_name::<str>,
        type_id: std::any::TypeId::of::<str>,
        ..Self::SLICE
    };
}

/// # Safety
/// `header` must be the header of a live slice object of `T` whose items have not been
/// dropped.
unsafe fn drop_slice<T>(header: NonNull<Header>) {
    // SAFETY: caller; the items are dropped exactly once (see `drop_value`).
    unsafe {
        let len = slice_len(header, header.as_ref().has(LINKED));
        std::ptr::drop_in_place(&raw mut (*slice_box::<T>(header, len).as_ptr()).value);
    }
}

/// # Safety
/// `header` must be the header of a live slice object of `T` whose items have not been
/// dropped.
pub(crate) unsafe fn trace_slice<T: Trace, V: crate::trace::Visitor>(
    header: NonNull<Header>,
    v: &mut V,
) {
    // SAFETY: caller; only a shared reference is made.
    let items = unsafe {
        let len = slice_len(header, header.as_ref().has(LINKED));
        &(*slice_box::<T>(header, len).as_ptr()).value
    };
    items.trace(v);
}

/// # Safety
/// `header` must be the header of a live `CcBox<T>` whose value has not been dropped.
pub(crate) unsafe fn drop_value<T>(header: NonNull<Header>) {
    // SAFETY: caller guarantees type and liveness; the value is dropped exactly once because the
    // callers set DEAD first and never drop a DEAD object's value.
    unsafe { std::ptr::drop_in_place(value_ptr::<T>(header)) }
}

/// How the collector traces an object whose layout it knows statically: a `CcBox<T>`
/// ([`Boxed`]) or a slice object of `T` items ([`Items`]). The run functions of the collection
/// phases (`collect::subtract_run`, `collect::mark_run`, `incremental::scan_run`) are generic
/// over it, so each is written once for both layouts and instantiated per type in the vtables.
pub(crate) trait Traced: 'static {
    /// Trace the value of the object at `header` with `v`.
    ///
    /// # Safety
    /// `header` is the header of a live object of this layout whose value has not been dropped.
    unsafe fn trace<V: crate::trace::Visitor>(header: NonNull<Header>, v: &mut V);
}

/// [`Traced`] for `CcBox<T>`.
pub(crate) struct Boxed<T>(std::marker::PhantomData<T>);

impl<T: Trace + 'static> Traced for Boxed<T> {
    #[inline(always)]
    unsafe fn trace<V: crate::trace::Visitor>(header: NonNull<Header>, v: &mut V) {
        // SAFETY: caller.
        unsafe { trace_with::<T, V>(header, v) }
    }
}

/// [`Traced`] for slice objects of `T` items.
pub(crate) struct Items<T>(std::marker::PhantomData<T>);

impl<T: Trace + 'static> Traced for Items<T> {
    #[inline(always)]
    unsafe fn trace<V: crate::trace::Visitor>(header: NonNull<Header>, v: &mut V) {
        // SAFETY: caller.
        unsafe { trace_slice::<T, V>(header, v) }
    }
}

/// # Safety
/// `header` must be the header of a live `CcBox<T>` whose value has not been dropped.
#[inline]
pub(crate) unsafe fn trace_with<T: Trace, V: crate::trace::Visitor>(
    header: NonNull<Header>,
    v: &mut V,
) {
    // SAFETY: caller guarantees type and liveness; only a shared reference is made.
    let value = unsafe { &*value_ptr::<T>(header) };
    value.trace(v);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_16_bytes_and_tracked_objects_carry_32() {
        assert_eq!(
            size_of::<Header>(),
            16,
            "untracked objects: the size of Rc's two counts"
        );
        assert_eq!(size_of::<Links>(), 16);
        let (untracked, offset) = alloc_layout::<u64>(false);
        assert_eq!((untracked.size(), offset), (24, 0));
        let (tracked, offset) = alloc_layout::<u64>(true);
        assert_eq!((tracked.size(), offset), (40, 16));
        // Over-aligned values get padding before the links, never between links and header.
        #[repr(align(64))]
        struct Big(#[allow(dead_code)] u8);
        let (layout, offset) = alloc_layout::<Big>(true);
        assert_eq!(offset % 64, 0);
        assert!(offset >= 16 && layout.size() >= offset + 64);
    }

    #[test]
    fn gc_refs_scratch_word_round_trips() {
        let w = GcRefs::encode(12345, false);
        assert!(GcRefs::is_active(w) && !GcRefs::is_reachable(w));
        assert_eq!(GcRefs::refs(w), 12345);
        let w = GcRefs::encode(0, true);
        assert!(GcRefs::is_active(w) && GcRefs::is_reachable(w));
        assert_eq!(GcRefs::refs(w), 0);
        let real = std::ptr::from_ref(&Links::dangling()).cast_mut();
        assert!(!GcRefs::is_active(real), "pointers to Links are 8-aligned");
    }
}
