//! The adapter trait every collector implements, so that each workload is written once.
//!
//! A workload sees three kinds of object, each a counted heap node of the collector under test:
//! - [`Collector::Node`]: a mutable node with [`SLOTS`] edge slots (lists, rings, trees with
//!   parent pointers, `RefCell` binary trees, 2-cycles);
//! - [`Collector::List`]: a mutable node with a growable vector of edges (gc_traversal's
//!   nested lists, the random mutator);
//! - [`Collector::Tree`]: an immutable binary-tree node whose children are fixed at creation
//!   (Benchmarks Game binary-trees). `gc-core` does not track these, `Rc` never does.
//!
//! Back-pointers (a list's `prev`, a tree's `parent`) are set with [`Collector::set_back`]:
//! the `Rc` baseline stores a `Weak` there, every collector stores a strong pointer.

use std::cell::Cell;
use std::time::{Duration, Instant};

/// Edge slots of a [`Collector::Node`].
pub const SLOTS: usize = 3;

thread_local! {
    static PAUSES: Cell<(u64, Duration)> = const { Cell::new((0, Duration::ZERO)) };
}

/// Record one observed collection and its duration (the pause log the harness reads).
pub fn record_pause(d: Duration) {
    PAUSES.with(|p| {
        let (n, longest) = p.get();
        p.set((n + 1, longest.max(d)));
    });
}

/// Read and reset the pause log: (collections observed, longest pause).
pub fn take_pauses() -> (u64, Duration) {
    PAUSES.with(|p| p.replace((0, Duration::ZERO)))
}

/// Run an explicit collection, timing it into the pause log.
pub fn timed_collect(f: impl FnOnce() -> usize) -> usize {
    let t = Instant::now();
    let n = f();
    record_pause(t.elapsed());
    n
}

/// A collector under test. All methods act on the calling thread's heap. Its name and what it
/// can do are data in its registry entry ([`crate::registry::CollectorEntry`]).
pub trait Collector: 'static {
    /// Mutable node with [`SLOTS`] edge slots.
    type Node: Clone;
    /// Mutable node with a vector of edges.
    type List: Clone;
    /// Immutable binary-tree node.
    type Tree;

    /// A new node with every slot empty.
    fn node() -> Self::Node;
    /// Set a slot to a strong edge (or clear it).
    fn set(n: &Self::Node, slot: usize, to: Option<&Self::Node>);
    /// Set a back-pointer slot: strong for collectors, `Weak` for the `Rc` baseline.
    fn set_back(n: &Self::Node, slot: usize, to: Option<&Self::Node>) {
        Self::set(n, slot, to)
    }
    /// Follow a slot (strong or back edge).
    fn get(n: &Self::Node, slot: usize) -> Option<Self::Node>;

    /// A new list node with no edges.
    fn list() -> Self::List;
    /// Append an edge.
    fn push(l: &Self::List, to: &Self::List);
    /// Number of edges.
    fn len(l: &Self::List) -> usize;
    /// Replace the edge at `i` (`i < len`).
    fn replace(l: &Self::List, i: usize, to: &Self::List);
    /// Remove the edge at `i` (`i < len`), moving the last one into its place.
    fn swap_remove(l: &Self::List, i: usize);

    /// A new immutable tree node.
    fn tree(l: Option<Self::Tree>, r: Option<Self::Tree>) -> Self::Tree;
    /// The children of a tree node.
    fn children(t: &Self::Tree) -> (Option<&Self::Tree>, Option<&Self::Tree>);

    /// Run a full collection. Returns the number of objects freed when the collector says.
    fn collect() -> usize;
    /// Run a young-generation collection (a full one for collectors without generations).
    fn collect_young() -> usize {
        Self::collect()
    }
    /// Called once on the bench thread before the collector's first workload.
    fn install() {}
    /// Collections this collector ran on its own so far (cumulative) that did not go through
    /// the pause log ([`record_pause`]). 0 when it cannot tell.
    fn unlogged_collections() -> u64 {
        0
    }
}
