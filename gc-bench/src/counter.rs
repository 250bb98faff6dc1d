//! Counting the objects a workload creates and the ones that are really dropped.
//!
//! Every node type of every adapter holds one [`Counted`] field. Making one bumps a
//! thread-local creation count; dropping it bumps a drop count. After a workload has dropped
//! all its roots and run its collections, `created - dropped` is the number of objects the
//! collector left unfreed (leaked cycles under `Rc`, garbage a tracing collector has not
//! reached yet). The counters are plain thread-local cells: the bench runs every workload on
//! one thread, and an atomic increment per object would cost more than some collectors' whole
//! allocation path.
//!
//! The Threads section's nodes are made and freed on several threads; they hold a
//! [`SyncCounted`] instead, which keeps one count per thread and sums them when read.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Mutex;

thread_local! {
    static CREATED: Cell<u64> = const { Cell::new(0) };
    static DROPPED: Cell<u64> = const { Cell::new(0) };
    static PEAK_LIVE: Cell<u64> = const { Cell::new(0) };
}

/// A zero-sized field that counts its own creation and drop.
#[derive(Debug)]
pub struct Counted(());

impl Counted {
    /// Count one new object.
    #[inline]
    pub fn new() -> Self {
        let created = CREATED.with(|c| {
            c.set(c.get() + 1);
            c.get()
        });
        let live = created - DROPPED.with(Cell::get);
        PEAK_LIVE.with(|p| {
            if live > p.get() {
                p.set(live);
            }
        });
        Counted(())
    }
}

impl Default for Counted {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Counted {
    #[inline]
    fn drop(&mut self) {
        DROPPED.with(|c| c.set(c.get() + 1));
    }
}

/// Start a new peak-live measurement: the peak becomes the number of objects live now.
/// Returns that number.
pub fn reset_peak_live() -> u64 {
    let live = Counts::now().created - Counts::now().dropped;
    PEAK_LIVE.with(|p| p.set(live));
    live
}

/// Most objects live at once since the last [`reset_peak_live`].
pub fn peak_live() -> u64 {
    PEAK_LIVE.with(Cell::get)
}

/// Objects created and dropped on this thread so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// `Counted::new` calls.
    pub created: u64,
    /// `Counted` drops.
    pub dropped: u64,
}

impl Counts {
    /// Read the counters of the calling thread.
    pub fn now() -> Self {
        Counts {
            created: CREATED.with(Cell::get),
            dropped: DROPPED.with(Cell::get),
        }
    }

    /// Objects created since `earlier` and not dropped since (never negative).
    pub fn live_since(self, earlier: Counts) -> u64 {
        let created = self.created - earlier.created;
        let dropped = self.dropped - earlier.dropped;
        created.saturating_sub(dropped)
    }

    /// Objects created since `earlier`.
    pub fn created_since(self, earlier: Counts) -> u64 {
        self.created - earlier.created
    }
}

// ---------------------------------------------------------------------------------------
// Counting across threads (the Threads section)

/// One thread's counts of [`SyncCounted`] objects. Only its own thread writes it, with relaxed
/// loads and stores (no locked instruction per object, as in [`crate::alloc`]); any thread
/// sums all of them. The figures are exact once the writers have been joined (or have handed
/// their work over through a lock or channel), which is when the harness reads them.
#[derive(Debug, Default)]
struct ThreadCounts {
    created: AtomicU64,
    dropped: AtomicU64,
}

impl ThreadCounts {
    #[inline]
    fn bump(field: &AtomicU64) {
        field.store(field.load(Relaxed) + 1, Relaxed);
    }
}

/// Every thread's counts, each registered by its thread's first [`SyncCounted`] and kept for
/// the life of the process (a few dozen bytes per thread the bench ever started).
static ALL_THREADS: Mutex<Vec<&'static ThreadCounts>> = Mutex::new(Vec::new());

/// Counts of objects made or dropped where the calling thread's slot is gone (a thread-local
/// destructor dropping an object after the slot was torn down; should not happen, the slot has
/// no destructor). Atomic read-modify-write, since several threads may land here.
static ORPHANED: ThreadCounts = ThreadCounts {
    created: AtomicU64::new(0),
    dropped: AtomicU64::new(0),
};

thread_local! {
    static MINE: &'static ThreadCounts = {
        let slot: &'static ThreadCounts = Box::leak(Box::default());
        ALL_THREADS.lock().unwrap_or_else(|e| e.into_inner()).push(slot);
        slot
    };
}

/// A zero-sized field that counts its own creation and drop on whichever thread does them: the
/// node types of the thread-safe adapters hold one, so an object made on one thread and freed
/// on another (by a consumer, or by a collection run elsewhere) is counted once each way.
#[derive(Debug)]
pub struct SyncCounted(());

impl SyncCounted {
    /// Count one new object.
    #[inline]
    pub fn new() -> Self {
        if MINE.try_with(|c| ThreadCounts::bump(&c.created)).is_err() {
            ORPHANED.created.fetch_add(1, Relaxed);
        }
        SyncCounted(())
    }
}

impl Default for SyncCounted {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for SyncCounted {
    #[inline]
    fn drop(&mut self) {
        if MINE.try_with(|c| ThreadCounts::bump(&c.dropped)).is_err() {
            ORPHANED.dropped.fetch_add(1, Relaxed);
        }
    }
}

/// [`SyncCounted`] objects created and dropped so far by every thread of the process. Exact for
/// the threads that have finished or synchronised with the caller.
pub fn sync_counts() -> Counts {
    let all = ALL_THREADS.lock().unwrap_or_else(|e| e.into_inner());
    let mut c = Counts {
        created: ORPHANED.created.load(Relaxed),
        dropped: ORPHANED.dropped.load(Relaxed),
    };
    for t in all.iter() {
        c.created += t.created.load(Relaxed);
        c.dropped += t.dropped.load(Relaxed);
    }
    c
}
