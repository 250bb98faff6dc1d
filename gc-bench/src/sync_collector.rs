//! The adapter trait of the Threads section: a thread-safe collector (or `Arc`), so that each
//! threaded workload is written once.
//!
//! It is a separate trait from [`crate::collector::Collector`] because the handles cross
//! threads and because one of them, `gc_core::sync::Cc`, may be dereferenced only inside a
//! guard (`gc_core::sync::Mutator`) that keeps collections out while it is held. A workload
//! therefore takes a [`SyncCollector::Guard`] with [`SyncCollector::enter`] for one operation
//! or one short batch (a ring, a tree, a mutator step), and never holds one across a blocking
//! call (a channel `recv`, a `join`, a lock another thread may hold while it waits for a
//! collection). For the other collectors the guard is `()`.
//!
//! A workload sees two kinds of object, each a counted heap node
//! ([`crate::counter::SyncCounted`], so frees on any thread are counted):
//! - [`SyncCollector::Node`]: a mutable node with [`SLOTS`] edge slots in one `Mutex`;
//! - [`SyncCollector::Tree`]: an immutable binary-tree node (children fixed at creation).
//!
//! Collections may run on any thread; they are logged in one process-wide pause log
//! ([`record_pause`]), not in the single-threaded section's per-thread one.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

pub use crate::collector::SLOTS;

static PAUSES: AtomicU64 = AtomicU64::new(0);
static LONGEST_NS: AtomicU64 = AtomicU64::new(0);

/// Record one collection and its duration, from any thread.
pub fn record_pause(d: Duration) {
    PAUSES.fetch_add(1, Relaxed);
    LONGEST_NS.fetch_max(d.as_nanos() as u64, Relaxed);
}

/// Read and reset the process-wide pause log: (collections logged, longest pause).
pub fn take_pauses() -> (u64, Duration) {
    let n = PAUSES.swap(0, Relaxed);
    let longest = LONGEST_NS.swap(0, Relaxed);
    (n, Duration::from_nanos(longest))
}

/// Run an explicit collection, timing it into the process-wide pause log.
pub fn timed_collect(f: impl FnOnce() -> usize) -> usize {
    let t = Instant::now();
    let n = f();
    record_pause(t.elapsed());
    n
}

/// A thread-safe collector under test. Its heap is process-wide: every method may be called
/// from any thread.
pub trait SyncCollector: 'static {
    /// The collector's name in tables and CSV (`gc-core-sync`, `arc`, ...).
    const NAME: &'static str;
    /// Does it free unreachable cycles? (`Arc` does not: its cells run once, and the leaked
    /// column counts what it left.)
    const COLLECTS_CYCLES: bool = true;
    /// Does the collector collect on its own, so that a workload need not call
    /// [`SyncCollector::collect`] periodically?
    const AUTOMATIC: bool = false;

    /// Mutable node with [`SLOTS`] edge slots.
    type Node: Clone + Send + Sync + 'static;
    /// Immutable binary-tree node.
    type Tree: Send + Sync + 'static;
    /// What a thread holds while it dereferences handles (`gc_core::sync::Mutator`; `()` for
    /// the others). Hold it for one operation or a short batch only.
    type Guard;

    /// Take a guard on the calling thread.
    fn enter() -> Self::Guard;

    /// A new node with every slot empty.
    fn node() -> Self::Node;
    /// Set a slot to a strong edge (or clear it). The old edge is dropped after the node's
    /// lock is released.
    fn set(g: &Self::Guard, n: &Self::Node, slot: usize, to: Option<&Self::Node>);
    /// Follow a slot.
    fn get(g: &Self::Guard, n: &Self::Node, slot: usize) -> Option<Self::Node>;

    /// A new immutable tree node.
    fn tree(l: Option<Self::Tree>, r: Option<Self::Tree>) -> Self::Tree;
    /// Call `f` with the children of a tree node (a callback, because some handles lend their
    /// contents only through a guard object).
    fn with_children<R>(
        g: &Self::Guard,
        t: &Self::Tree,
        f: impl FnOnce(Option<&Self::Tree>, Option<&Self::Tree>) -> R,
    ) -> R;

    /// Run a full collection from the calling thread (which must hold no guard). Returns the
    /// number of objects freed when the collector says.
    fn collect() -> usize;
    /// Called on the bench thread before each of the collector's cells.
    fn install() {}
    /// Collections this collector ran on its own so far (cumulative) that did not go through
    /// the pause log ([`record_pause`]). 0 when it cannot tell.
    fn unlogged_collections() -> u64 {
        0
    }
}
