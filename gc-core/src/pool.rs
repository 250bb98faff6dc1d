//! Size-class pools for small objects, as CPython's pymalloc.
//!
//! Object churn is dominated by the allocator: with the system `malloc`, allocating and freeing
//! tracked nodes costs more than everything the collector adds, and the order in which `malloc`
//! hands memory back after a large free decides whether the next collection walks memory in
//! order or jumps around it. So objects of up to [`MAX_POOLED`] bytes come from per-thread pools,
//! one per 16-byte size class: a pool bump-allocates from 64 KiB chunks and recycles freed blocks
//! through a free list threaded through them. Blocks carry no header of their own (`malloc` adds
//! 8 to 16 bytes per block), and objects allocated together sit together.
//!
//! A free list is last in, first out, which keeps a block that was just freed (and is still in
//! the cache) the next one handed out, and after a teardown in allocation order (a tree, a list,
//! what a collection frees) hands the blocks back in (reverse) memory order. After a large
//! teardown in random order, though, the list is in the teardown's order: the next structure
//! built from it would be scattered in allocation order, and every later collection walking it
//! (in allocation order) would jump around memory. So a free that lands more than
//! [`NEAR`] bytes from the previous one counts as *scattered*, and when a class's scattered frees
//! since its last sort reach [`SORT_MIN`] or half the list as that sort left it, whichever is
//! more, the next allocation from that list first sorts it by address
//! ([`Pools::sort_free_list`], by chunk and a bitmap, with no memory in proportion to the list).
//! The sort walks the list once and each chunk's part once more, so it costs about two more
//! touches of each freed block, at most once per half a list of scattered frees; frees in memory
//! order never pay it, and the fast paths pay one counter.
//!
//! Every heap is per thread (a `Cc` never crosses threads), so the pools need no locking.
//! Chunks are kept for reuse while the thread lives and given back at thread exit when no
//! pooled object is alive any more (a thread that leaks a cycle keeps its chunks).
//!
//! With the feature `system-alloc`, every object is allocated with the global allocator
//! instead. CI uses it for the AddressSanitizer run and one of the Miri runs, so that a use after
//! free is caught at the object rather than hidden inside a chunk; the other Miri run checks the
//! pools themselves.

use std::alloc::Layout;
use std::cell::Cell;
use std::ptr;

/// The largest object served from a pool; larger ones go to the global allocator.
pub(crate) const MAX_POOLED: usize = 512;
const GRANULE: usize = 16;
const CLASSES: usize = MAX_POOLED / GRANULE;
const CHUNK_SIZE: usize = 64 * 1024;
/// The fewest scattered frees since a class's last sort that make its free list worth sorting.
const SORT_MIN: u32 = 64 * 1024;
/// How far (in bytes) a free may land from the previous one of its class and not count as
/// scattered: within a page, where the hardware prefetcher still follows.
const NEAR: usize = 4096;

/// Whether pools are in use in this build.
const POOLED: bool = !cfg!(feature = "system-alloc");

/// A freed block, linking to the next free block of its class.
struct FreeBlock {
    next: *mut FreeBlock,
}

/// One size class: a free list and the unused tail of the current chunk. 32 bytes, so that a
/// class never straddles two cache lines.
#[repr(align(32))]
struct Class {
    free: Cell<*mut FreeBlock>,
    bump: Cell<*mut u8>,
    end: Cell<*mut u8>,
    /// How many more scattered frees (more than [`NEAR`] bytes from the list's previous head)
    /// make the next allocation from the free list sort it: at 0 it does.
    to_sort: Cell<u32>,
}

impl Class {
    const fn new() -> Class {
        Class {
            free: Cell::new(ptr::null_mut()),
            bump: Cell::new(ptr::null_mut()),
            end: Cell::new(ptr::null_mut()),
            to_sort: Cell::new(SORT_MIN),
        }
    }
}

/// The thread's pools. Lives in the heap's thread-local, which has no destructor.
pub(crate) struct Pools {
    classes: [Class; CLASSES],
    /// All chunks, linked through their first word, for release at thread exit.
    chunks: Cell<*mut u8>,
    /// Pooled blocks currently handed out.
    live: Cell<usize>,
    /// The fewest scattered frees that make a free list worth sorting ([`SORT_MIN`]; smaller
    /// in tests).
    sort_min: u32,
}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY_CLASS: Class = Class::new();

impl Pools {
    pub(crate) const fn new() -> Pools {
        Pools {
            classes: [EMPTY_CLASS; CLASSES],
            chunks: Cell::new(ptr::null_mut()),
            live: Cell::new(0),
            sort_min: SORT_MIN,
        }
    }

    /// Pools that consider sorting a free list after `sort_min` frees (tests use small ones).
    #[cfg(test)]
    fn with_sort_min(sort_min: u32) -> Pools {
        let mut pools = Pools::new();
        pools.sort_min = sort_min;
        for class in &pools.classes {
            class.to_sort.set(sort_min);
        }
        pools
    }

    /// The size class serving `layout`, if any.
    #[inline(always)]
    fn class_of(layout: Layout) -> Option<usize> {
        if POOLED && layout.size() <= MAX_POOLED && layout.align() <= GRANULE {
            Some(layout.size().div_ceil(GRANULE) - 1)
        } else {
            None
        }
    }

    /// Allocate memory for `layout` (non-zero size).
    #[inline]
    pub(crate) fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = Self::class_of(layout) else {
            // SAFETY: callers pass layouts of non-zero size.
            return unsafe { std::alloc::alloc(layout) };
        };
        let class = &self.classes[c];
        self.live.set(self.live.get() + 1);
        let mut head = class.free.get();
        if !head.is_null() {
            if class.to_sort.get() == 0 {
                self.sort_free_list(class);
                head = class.free.get();
            }
            // Free-list blocks are unused blocks of this class.
            // SAFETY: each holds the link written by `dealloc` or `sort_free_list`.
            class.free.set(unsafe { (*head).next });
            return head.cast();
        }
        let size = (c + 1) * GRANULE;
        let bump = class.bump.get();
        if !bump.is_null() && (class.end.get().addr() - bump.addr()) >= size {
            // SAFETY: the block lies within the current chunk.
            class.bump.set(unsafe { bump.add(size) });
            return bump;
        }
        self.alloc_from_new_chunk(class, size)
    }

    /// Re-threads `class`'s free list (not empty) in address order, and puts the next sort off
    /// until as many scattered frees as half the list, or `sort_min`, whichever is more.
    ///
    /// The sort needs no memory in proportion to the list (a large teardown is when memory is
    /// tightest): the list is split by chunk (found by binary search among the chunks' starts),
    /// then each chunk's blocks are marked in a bitmap of its granules and threaded back in
    /// address order, highest chunk first, each pushed on the front. If even the two small
    /// arrays of chunks cannot be had, the list stays as it is.
    #[cold]
    #[inline(never)]
    fn sort_free_list(&self, class: &Class) {
        let Some(mut chunks) = self.chunks_by_address() else {
            return;
        };
        let mut heads: Vec<*mut FreeBlock> = Vec::new();
        if heads.try_reserve_exact(chunks.len()).is_err() {
            return;
        }
        heads.resize(chunks.len(), ptr::null_mut());
        // Split the list by chunk.
        let mut len = 0usize;
        let mut block = class.free.get();
        while !block.is_null() {
            // SAFETY: every block on the free list holds the link written when it was put there.
            let next = unsafe { (*block).next };
            let i = chunks.partition_point(|c| c.addr() <= block.addr()) - 1;
            debug_assert!(
                block.addr() - chunks[i].addr() < CHUNK_SIZE,
                "block outside chunks"
            );
            // SAFETY: `block` is a free block of this class, ours to relink.
            unsafe { block.write(FreeBlock { next: heads[i] }) };
            heads[i] = block;
            len += 1;
            block = next;
        }
        // Thread each chunk's blocks back in address order, from the highest address down.
        let mut out: *mut FreeBlock = ptr::null_mut();
        let mut bits = [0u64; CHUNK_SIZE / GRANULE / 64];
        for (chunk, head) in chunks.drain(..).zip(heads).rev() {
            let mut block = head;
            while !block.is_null() {
                let granule = (block.addr() - chunk.addr()) / GRANULE;
                bits[granule / 64] |= 1 << (granule % 64);
                // SAFETY: as above, each block on the chunk's sublist holds its link.
                block = unsafe { (*block).next };
            }
            for (w, word) in bits.iter_mut().enumerate().rev() {
                while *word != 0 {
                    let bit = 63 - word.leading_zeros() as usize;
                    *word &= !(1 << bit);
                    // The granule starts a free block of this class inside `chunk` (its bit
                    // was set from one), so the pointer derived from the chunk's is in bounds.
                    // SAFETY: an in-bounds free block of this class, ours to relink.
                    unsafe {
                        let free = chunk.add((w * 64 + bit) * GRANULE).cast::<FreeBlock>();
                        free.write(FreeBlock { next: out });
                        out = free;
                    }
                }
            }
        }
        class.free.set(out);
        let half = u32::try_from(len / 2).unwrap_or(u32::MAX);
        class.to_sort.set(half.max(self.sort_min));
    }

    /// Every chunk's start, in address order (`None` if the array cannot be allocated).
    fn chunks_by_address(&self) -> Option<Vec<*mut u8>> {
        let mut chunks = Vec::new();
        let mut chunk = self.chunks.get();
        while !chunk.is_null() {
            chunks.try_reserve(1).ok()?;
            chunks.push(chunk);
            // SAFETY: every chunk starts with the link to the next one.
            chunk = unsafe { chunk.cast::<*mut u8>().read() };
        }
        chunks.sort_unstable_by_key(|c| c.addr());
        Some(chunks)
    }

    #[cold]
    #[inline(never)]
    fn alloc_from_new_chunk(&self, class: &Class, size: usize) -> *mut u8 {
        let layout = Layout::from_size_align(CHUNK_SIZE, GRANULE).expect("chunk layout");
        // SAFETY: non-zero size.
        let chunk = unsafe { std::alloc::alloc(layout) };
        if chunk.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        // The first granule links the chunk into the list of chunks.
        // SAFETY: the chunk is at least one granule long and aligned for a pointer.
        unsafe { chunk.cast::<*mut u8>().write(self.chunks.get()) };
        self.chunks.set(chunk);
        release_at_thread_exit();
        // SAFETY: both offsets lie within the chunk (CHUNK_SIZE > GRANULE + MAX_POOLED).
        unsafe {
            let first = chunk.add(GRANULE);
            class.bump.set(first.add(size));
            class.end.set(chunk.add(CHUNK_SIZE));
            first
        }
    }

    /// Give back memory from [`Pools::alloc`].
    ///
    /// # Safety
    /// `ptr` came from `alloc` with this `layout`, on this thread, and is not used again.
    #[inline]
    pub(crate) unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(c) = Self::class_of(layout) else {
            // SAFETY: caller; not pooled, so it came from the global allocator.
            unsafe { std::alloc::dealloc(ptr, layout) };
            return;
        };
        let class = &self.classes[c];
        let block = ptr.cast::<FreeBlock>();
        let next = class.free.get();
        // SAFETY: the block is at least one granule, aligned, and ours again (caller).
        unsafe { block.write(FreeBlock { next }) };
        class.free.set(block);
        let far = block.addr().abs_diff(next.addr()) > NEAR;
        class
            .to_sort
            .set(class.to_sort.get().saturating_sub(u32::from(far)));
        self.live.set(self.live.get() - 1);
    }

    /// Free every chunk if no pooled block is in use.
    fn release_if_unused(&self) {
        if self.live.get() != 0 {
            return;
        }
        let layout = Layout::from_size_align(CHUNK_SIZE, GRANULE).expect("chunk layout");
        let mut chunk = self.chunks.replace(ptr::null_mut());
        while !chunk.is_null() {
            // SAFETY: every chunk starts with the link to the next one.
            let next = unsafe { chunk.cast::<*mut u8>().read() };
            // SAFETY: allocated in `alloc_from_new_chunk` with this layout; no block is in use.
            unsafe { std::alloc::dealloc(chunk, layout) };
            chunk = next;
        }
        for class in &self.classes {
            class.free.set(ptr::null_mut());
            class.bump.set(ptr::null_mut());
            class.end.set(ptr::null_mut());
            class.to_sort.set(self.sort_min);
        }
    }
}

/// Frees the thread's chunks at thread exit, if nothing pooled is alive then.
struct ReleaseGuard;

impl Drop for ReleaseGuard {
    fn drop(&mut self) {
        crate::heap::with(|heap| heap.pools.release_if_unused());
    }
}

thread_local! {
    static RELEASE: ReleaseGuard = const { ReleaseGuard };
}

/// Make sure the thread-exit release is registered (cheap after the first call).
fn release_at_thread_exit() {
    let _ = RELEASE.try_with(|_| ());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    /// A block from `pools`, checked for alignment and written over its whole size (so Miri
    /// checks that it is in bounds).
    fn take(pools: &Pools, layout: Layout) -> *mut u8 {
        let block = pools.alloc(layout);
        assert!(!block.is_null());
        assert_eq!(
            block.addr() % layout.align(),
            0,
            "misaligned for {layout:?}"
        );
        if POOLED && layout.size() <= MAX_POOLED && layout.align() <= GRANULE {
            assert_eq!(
                block.addr() % GRANULE,
                0,
                "pooled blocks are granule-aligned"
            );
        }
        // SAFETY: the block is `layout.size()` bytes, ours until given back.
        unsafe { block.write_bytes(0xA5, layout.size()) };
        block
    }

    fn give(pools: &Pools, block: *mut u8, layout: Layout) {
        // The tests never use a block again after giving it back.
        // SAFETY: every block given back came from `take` with this layout, on this thread.
        unsafe { pools.dealloc(block, layout) };
    }

    /// The number of chunks `pools` holds.
    fn chunks(pools: &Pools) -> usize {
        let mut n = 0;
        let mut chunk = pools.chunks.get();
        while !chunk.is_null() {
            n += 1;
            // SAFETY: every chunk starts with the link to the next one.
            chunk = unsafe { chunk.cast::<*mut u8>().read() };
        }
        n
    }

    /// Gives the chunks back (the tests' pools are not the thread's, whose chunks go back at
    /// thread exit) and checks that they were.
    fn release(pools: &Pools) {
        assert_eq!(pools.live.get(), 0, "a test left a block in use");
        pools.release_if_unused();
        assert_eq!(chunks(pools), 0);
    }

    #[test]
    fn size_classes_are_16_byte_granules_up_to_512() {
        let class = |size, align| Pools::class_of(layout(size, align));
        if POOLED {
            assert_eq!(class(1, 1), Some(0));
            assert_eq!(class(16, 8), Some(0));
            assert_eq!(class(17, 8), Some(1));
            assert_eq!(class(32, 16), Some(1));
            assert_eq!(class(33, 4), Some(2));
            assert_eq!(class(MAX_POOLED, 8), Some(CLASSES - 1));
        } else {
            assert_eq!(class(16, 8), None, "system-alloc pools nothing");
        }
        assert_eq!(class(MAX_POOLED + 1, 8), None);
        assert_eq!(
            class(64, 32),
            None,
            "alignment above a granule is not pooled"
        );
    }

    #[test]
    fn blocks_are_aligned_distinct_and_bumped_in_order() {
        let pools = Pools::new();
        let l = layout(40, 8); // class 2: 48-byte blocks
        let blocks: Vec<*mut u8> = (0..10).map(|_| take(&pools, l)).collect();
        for (i, a) in blocks.iter().enumerate() {
            for b in &blocks[i + 1..] {
                assert!(a.addr().abs_diff(b.addr()) >= l.size(), "blocks overlap");
            }
        }
        if POOLED {
            assert_eq!(pools.live.get(), 10);
            assert_eq!(chunks(&pools), 1);
            // Allocated together, placed together: one block size apart, in order.
            for pair in blocks.windows(2) {
                assert_eq!(pair[1].addr() - pair[0].addr(), 48);
            }
            // The first block follows the chunk's link granule.
            assert_eq!(blocks[0].addr(), pools.chunks.get().addr() + GRANULE);
        }
        for b in blocks {
            give(&pools, b, l);
        }
        release(&pools);
    }

    #[test]
    fn freed_blocks_are_reused_last_in_first_out_within_a_class() {
        let pools = Pools::new();
        let l = layout(24, 8); // class 1: 32-byte blocks
        let [a, b, c] = [take(&pools, l), take(&pools, l), take(&pools, l)];
        give(&pools, a, l);
        give(&pools, b, l);
        give(&pools, c, l);
        assert_eq!(pools.live.get(), 0);
        // Another size of the same class takes the same free list.
        let other = layout(32, 16);
        let again = [take(&pools, other), take(&pools, l), take(&pools, l)];
        if POOLED {
            assert_eq!(again, [c, b, a]);
            assert_eq!(chunks(&pools), 1, "reuse needs no new chunk");
            // A different class does not take them.
            let d = take(&pools, layout(8, 8));
            assert!(![a, b, c].contains(&d));
            give(&pools, d, layout(8, 8));
        }
        give(&pools, again[0], other);
        give(&pools, again[1], l);
        give(&pools, again[2], l);
        release(&pools);
    }

    /// A deterministic shuffle (xorshift), so that the tests need no crate.
    fn shuffle<T>(items: &mut [T], mut seed: u64) {
        for i in (1..items.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            items.swap(i, (seed % (i as u64 + 1)) as usize);
        }
    }

    #[test]
    fn a_large_teardown_in_random_order_is_handed_out_again_in_address_order() {
        let pools = Pools::with_sort_min(64);
        let l = layout(40, 8); // class 2: 48-byte blocks
        let n = 3000; // three chunks of 48-byte blocks
        let mut blocks: Vec<*mut u8> = (0..n).map(|_| take(&pools, l)).collect();
        shuffle(&mut blocks, 0x9E37_79B9_7F4A_7C15);
        for &b in &blocks {
            give(&pools, b, l);
        }
        let again: Vec<*mut u8> = (0..n).map(|_| take(&pools, l)).collect();
        if POOLED {
            let mut sorted = blocks.clone();
            sorted.sort_by_key(|b| b.addr());
            assert_eq!(again, sorted, "the freed blocks come back in address order");
            assert_eq!(
                pools.classes[2].to_sort.get(),
                1500,
                "the next sort after 1,500"
            );
        }
        for b in again {
            give(&pools, b, l);
        }
        release(&pools);
    }

    #[test]
    fn frees_in_memory_order_or_a_few_scattered_ones_keep_the_list_last_in_first_out() {
        let pools = Pools::with_sort_min(64);
        let l = layout(40, 8); // class 2: 48-byte blocks
        let n = 3000;
        let blocks: Vec<*mut u8> = (0..n).map(|_| take(&pools, l)).collect();
        // Freed in memory order: nothing is scattered, the list stays as freed.
        for &b in &blocks {
            give(&pools, b, l);
        }
        let first = take(&pools, l);
        if POOLED {
            assert_eq!(first, blocks[n - 1], "last in, first out");
            // At most the first free (onto an empty list) and one per chunk boundary counted.
            assert!(pools.classes[2].to_sort.get() >= 64 - 3);
        }
        give(&pools, first, l);
        // A random teardown of all of them sorts the list on the next allocation...
        let mut all: Vec<*mut u8> = (0..n).map(|_| take(&pools, l)).collect();
        shuffle(&mut all, 7);
        for &b in &all {
            give(&pools, b, l);
        }
        let again: Vec<*mut u8> = (0..n).map(|_| take(&pools, l)).collect();
        if POOLED {
            let lowest = blocks.iter().map(|b| b.addr()).min();
            assert_eq!(
                Some(again[0].addr()),
                lowest,
                "sorted: the lowest address first"
            );
        }
        // ...which puts the next sort off until 1,500 scattered frees: 200 (at least 64, less
        // than 1,500) do not sort it: the last freed block is the next one handed out.
        let mut some = Vec::new();
        for (i, &b) in again.iter().enumerate() {
            if i % 15 == 0 {
                some.push(b);
            } else {
                give(&pools, b, l);
            }
        }
        shuffle(&mut some, 11);
        for &b in &some {
            give(&pools, b, l);
        }
        let next = take(&pools, l);
        if POOLED {
            assert_eq!(next, *some.last().unwrap(), "last in, first out");
            let left = pools.classes[2].to_sort.get();
            assert!(
                (1300..1500).contains(&left),
                "next sort after 1,500, {left} to go"
            );
        }
        give(&pools, next, l);
        release(&pools);
    }

    #[test]
    fn a_full_chunk_is_followed_by_a_new_one() {
        let pools = Pools::new();
        let l = layout(MAX_POOLED, 16);
        let per_chunk = (CHUNK_SIZE - GRANULE) / MAX_POOLED;
        let blocks: Vec<*mut u8> = (0..per_chunk + 2).map(|_| take(&pools, l)).collect();
        if POOLED {
            assert_eq!(chunks(&pools), 2);
            assert_eq!(pools.live.get(), per_chunk + 2);
            let first = blocks[0].addr();
            let in_first = |b: &&*mut u8| (first..first + CHUNK_SIZE).contains(&b.addr());
            assert_eq!(blocks.iter().filter(in_first).count(), per_chunk);
        }
        for b in blocks {
            give(&pools, b, l);
        }
        release(&pools);
    }

    #[test]
    fn large_or_overaligned_allocations_use_the_global_allocator() {
        let pools = Pools::new();
        for l in [
            layout(MAX_POOLED + 1, 8),
            layout(4096, 8),
            layout(64, 64),
            layout(16, 32),
        ] {
            let block = take(&pools, l);
            assert_eq!(pools.live.get(), 0, "not counted as pooled: {l:?}");
            assert_eq!(chunks(&pools), 0, "no chunk for {l:?}");
            give(&pools, block, l);
        }
        assert!(pools.chunks.get().is_null());
    }

    #[test]
    fn chunks_are_kept_while_a_block_is_in_use() {
        let pools = Pools::new();
        let l = layout(16, 8);
        let a = take(&pools, l);
        let b = take(&pools, l);
        give(&pools, a, l);
        pools.release_if_unused();
        if POOLED {
            assert_eq!(chunks(&pools), 1, "b is still in use");
            assert_eq!(pools.live.get(), 1);
        }
        // SAFETY: `b` is in use, 16 bytes, and was not freed by the release.
        assert_eq!(unsafe { b.read() }, 0xA5);
        give(&pools, b, l);
        release(&pools);
        // Released pools start over with a fresh chunk.
        let c = take(&pools, l);
        if POOLED {
            assert_eq!(chunks(&pools), 1);
            assert_eq!(c.addr(), pools.chunks.get().addr() + GRANULE);
        }
        give(&pools, c, l);
        release(&pools);
    }
}
