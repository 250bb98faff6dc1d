//! A counting global allocator: current and peak heap bytes, for bytes per object.
//!
//! The binary installs it with `#[global_allocator]`. Counting uses relaxed loads and stores
//! instead of read-modify-write atomics: the bench allocates from one thread, a lost update
//! from another thread (the progress bar's) only blurs the figure, and a locked instruction per
//! allocation would slow the cheapest collectors down by a visible fraction.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

/// The system allocator with byte counting. Install it in a binary:
/// `#[global_allocator] static A: gc_bench::alloc::CountingAlloc = gc_bench::alloc::CountingAlloc;`
#[derive(Debug, Default, Clone, Copy)]
pub struct CountingAlloc;

#[inline]
fn grow(size: usize) {
    let cur = CURRENT.load(Relaxed).wrapping_add(size);
    CURRENT.store(cur, Relaxed);
    if cur > PEAK.load(Relaxed) {
        PEAK.store(cur, Relaxed);
    }
    ALLOCATIONS.store(ALLOCATIONS.load(Relaxed).wrapping_add(1), Relaxed);
}

#[inline]
fn shrink(size: usize) {
    CURRENT.store(CURRENT.load(Relaxed).wrapping_sub(size), Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the
// counters are side bookkeeping that never touches the memory handed out.
unsafe impl GlobalAlloc for CountingAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded contract.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded contract.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded contract.
        unsafe { System.dealloc(ptr, layout) };
        shrink(layout.size());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded contract.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            shrink(layout.size());
            grow(new_size);
        }
        p
    }
}

/// Heap bytes in use now (0 when the counting allocator is not installed).
pub fn current_bytes() -> usize {
    CURRENT.load(Relaxed)
}

/// Number of allocations so far.
pub fn allocations() -> usize {
    ALLOCATIONS.load(Relaxed)
}

/// Start a new peak measurement: the peak becomes the current size; returns that baseline.
pub fn reset_peak() -> usize {
    let cur = CURRENT.load(Relaxed);
    PEAK.store(cur, Relaxed);
    cur
}

/// Highest heap size since the last [`reset_peak`].
pub fn peak_bytes() -> usize {
    PEAK.load(Relaxed)
}

/// Is the counting allocator installed in this process? (Allocates once to find out.)
pub fn is_installed() -> bool {
    let before = allocations();
    let b = std::hint::black_box(Box::new(0u64));
    drop(b);
    allocations() != before
}
