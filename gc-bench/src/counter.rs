//! Counting the objects a workload creates and the ones that are really dropped.
//!
//! Every node type of every adapter holds one [`Counted`] field. Making one bumps a
//! thread-local creation count; dropping it bumps a drop count. After a workload has dropped
//! all its roots and run its collections, `created - dropped` is the number of objects the
//! collector left unfreed (leaked cycles under `Rc`, garbage a tracing collector has not
//! reached yet). The counters are plain thread-local cells: the bench runs every workload on
//! one thread, and an atomic increment per object would cost more than some collectors' whole
//! allocation path.

use std::cell::Cell;

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
