//! Object layout of the sync heap: the header every object carries, its flags, the per-type
//! table of functions, allocation and deallocation. With [`super::world`] and the raw parts of
//! [`super::cc`], this is where the sync variant handles raw memory.
//!
//! # Layout (64-bit)
//!
//! ```text
//!   +--------------------------------+
//!   | vtable: &'static SyncVTable    |  8
//!   | strong: AtomicU32              |  4   handles (Cc), plus one held by the collector
//!   | weak:   AtomicU32              |  4   Weak handles, plus one for all strong ones
//!   | flags:  AtomicU16 | list: AtomicU8 | pad  4
//!   | index:  AtomicU32              |  4   position in its generation vector
//!   | gc_refs: AtomicU64             |  8   the collector's scratch word
//!   +--------------------------------+
//!   | value: T                       |
//!   +--------------------------------+
//!     ^ a sync `Cc<T>` points here
//! ```
//!
//! Generations are vectors of object pointers (not intrusive lists) so that a collection can
//! split them into chunks for parallel passes; `index` lets an object leave its vector in O(1)
//! (swap-remove). `list` and `index` change only under the heap lock; `gc_refs` is written only
//! while the world is stopped, by the collector. All fields are atomics: objects are shared by
//! threads, and every field has a reader on another thread (counts: every handle; list and
//! flags: the collector and dying objects; gc_refs: the parallel passes).

use std::alloc::Layout;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU16, AtomicU32, AtomicU64, AtomicU8, Ordering};

use crate::trace::Trace;

/// Which vector a tracked object is in.
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

/// The value has been dropped, or is being dropped.
pub(crate) const DEAD: u16 = 1 << 0;
/// The finalizer has run (it never runs again).
pub(crate) const FINALIZED: u16 = 1 << 1;
/// A collection cleared the weak references: none upgrades again.
pub(crate) const WEAK_CLEARED: u16 = 1 << 2;
/// The object is tracked (fixed at allocation).
pub(crate) const TRACKED: u16 = 1 << 3;

/// The collector's scratch word: bit 0 is the REACHABLE mark, bits 1.. hold gc_refs.
pub(crate) const MARK: u64 = 1;
/// One reference in the scratch word.
pub(crate) const REF: u64 = 2;

/// Functions the collector needs for an object whose type it does not know statically.
pub(crate) struct SyncVTable {
    pub(crate) type_name: fn() -> &'static str,
    /// Layout of the whole `SyncBox<T>`.
    pub(crate) layout: Layout,
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
    pub(crate) weak: AtomicU32,
    pub(crate) flags: AtomicU16,
    pub(crate) list: AtomicU8,
    pub(crate) index: AtomicU32,
    pub(crate) gc_refs: AtomicU64,
}

/// An object: header then value.
#[repr(C)]
pub(crate) struct SyncBox<T> {
    pub(crate) header: SyncHeader,
    pub(crate) value: T,
}

impl SyncHeader {
    #[inline]
    pub(crate) fn has(&self, flag: u16) -> bool {
        self.flags.load(Ordering::Acquire) & flag != 0
    }
    #[inline]
    pub(crate) fn set(&self, flag: u16) {
        self.flags.fetch_or(flag, Ordering::Release);
    }
    #[inline]
    pub(crate) fn list(&self) -> u8 {
        self.list.load(Ordering::Relaxed)
    }
    #[inline]
    pub(crate) fn set_list(&self, list: u8) {
        self.list.store(list, Ordering::Relaxed);
    }
    #[inline]
    pub(crate) fn index(&self) -> usize {
        self.index.load(Ordering::Relaxed) as usize
    }
    #[inline]
    pub(crate) fn set_index(&self, index: usize) {
        let index = u32::try_from(index).unwrap_or_else(|_| too_many_objects());
        self.index.store(index, Ordering::Relaxed);
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
        if self.weak.fetch_add(1, Ordering::Relaxed) >= i32::MAX as u32 {
            count_overflow();
        }
    }
    /// Drop a weak reference (or the strong side's share); true when it was the last, and the
    /// memory must be freed.
    #[inline]
    pub(crate) fn dec_weak(&self) -> bool {
        if self.weak.fetch_sub(1, Ordering::Release) != 1 {
            return false;
        }
        self.weak.load(Ordering::Acquire);
        true
    }
    /// Number of `Weak` handles, while a strong reference exists.
    #[inline]
    pub(crate) fn weak_handles(&self) -> usize {
        (self.weak.load(Ordering::Relaxed) as usize).saturating_sub(1)
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
    // SAFETY: `SyncBox<T>` is `repr(C)` and starts with its header; the caller guarantees the
    // type.
    unsafe { &raw mut (*header.as_ptr().cast::<SyncBox<T>>()).value }
}

/// Allocate an object; returns a pointer to its header (the start of the allocation).
pub(crate) fn allocate<T>(
    vtable: &'static SyncVTable,
    tracked: bool,
    value: T,
) -> NonNull<SyncHeader> {
    let boxed = Box::new(SyncBox {
        header: SyncHeader {
            vtable,
            strong: AtomicU32::new(1),
            weak: AtomicU32::new(1),
            flags: AtomicU16::new(if tracked { TRACKED } else { 0 }),
            list: AtomicU8::new(list_id::NONE),
            index: AtomicU32::new(0),
            gc_refs: AtomicU64::new(0),
        },
        value,
    });
    NonNull::from(Box::leak(boxed)).cast()
}

/// Free an object's memory. Its value must already have been dropped.
///
/// # Safety
/// `header` was returned by [`allocate`], its value has been dropped, and no handle remains.
pub(crate) unsafe fn dealloc(header: NonNull<SyncHeader>) {
    // SAFETY: still allocated (caller).
    let layout = unsafe { header.as_ref() }.vtable.layout;
    // SAFETY: `allocate` made it as a `Box<SyncBox<T>>` with exactly this layout; the header
    // has no drop glue and the value is gone.
    unsafe { std::alloc::dealloc(header.as_ptr().cast(), layout) }
}

/// The per-type table, as a promoted constant.
pub(crate) struct SyncVTableFor<T>(std::marker::PhantomData<T>);

impl<T: Trace + Send + Sync + 'static> SyncVTableFor<T> {
    pub(crate) const PLAIN: SyncVTable = SyncVTable {
        type_name: std::any::type_name::<T>,
        layout: Layout::new::<SyncBox<T>>(),
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

/// # Safety
/// `header` is the header of a live `SyncBox<T>` whose value has not been dropped, and nobody
/// else drops it.
unsafe fn drop_value<T>(header: NonNull<SyncHeader>) {
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
    fn header_is_32_bytes() {
        assert_eq!(size_of::<SyncHeader>(), 32);
    }
}
