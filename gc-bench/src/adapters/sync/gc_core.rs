//! gc-core's thread-safe heap, `gc_core::sync`: atomic reference counts, and the same
//! generational trial-deletion collector run at a moment when no thread holds a `Mutator` (the
//! guard every dereference needs), its passes spread over the current rayon pool. It collects on
//! its own (generation-0 threshold) and when asked (`sync::collect`).
//!
//! Nodes with `Mutex` slots are tracked; immutable tree nodes whose children are untracked are
//! not, as in the single-threaded adapter. Collections are counted from `sync::get_stats()`.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use gc_core::sync::{self, Cc, Mutator};
use gc_core::Trace;

use crate::counter::SyncCounted;
use crate::sync_collector::{record_pause, SyncCollector, SLOTS};

/// Adapter marker for gc-core's sync heap.
#[derive(Debug)]
pub struct GcCoreSync;

/// Mutable node.
#[derive(Trace)]
pub struct Node {
    slots: Mutex<[Option<Cc<Node>>; SLOTS]>,
    #[trace(skip)]
    _counted: SyncCounted,
}

/// Immutable binary-tree node: no interior mutability, children untracked, so gc-core does
/// not track it.
#[derive(Trace)]
pub struct Tree {
    l: Option<Cc<Tree>>,
    r: Option<Cc<Tree>>,
    #[trace(skip)]
    _counted: SyncCounted,
}

/// Explicit collections run through this adapter (also counted in the stats).
static EXPLICIT: AtomicU64 = AtomicU64::new(0);

/// Collections and their total time, summed over the generations of `sync::get_stats()`.
fn stats_total() -> (u64, Duration) {
    sync::get_stats()
        .iter()
        .fold((0, Duration::ZERO), |(n, d), g| {
            (n + g.collections, d + g.duration)
        })
}

impl SyncCollector for GcCoreSync {
    const NAME: &'static str = "gc-core-sync";
    const AUTOMATIC: bool = true;
    type Node = Cc<Node>;
    type Tree = Cc<Tree>;
    type Guard = Mutator;

    fn enter() -> Mutator {
        sync::enter()
    }

    fn node() -> Cc<Node> {
        Cc::new(Node {
            slots: Mutex::new(Default::default()),
            _counted: SyncCounted::new(),
        })
    }
    fn set(m: &Mutator, n: &Cc<Node>, slot: usize, to: Option<&Cc<Node>>) {
        let old = std::mem::replace(
            &mut n.get(m).slots.lock().expect("node lock")[slot],
            to.cloned(),
        );
        drop(old);
    }
    fn get(m: &Mutator, n: &Cc<Node>, slot: usize) -> Option<Cc<Node>> {
        n.get(m).slots.lock().expect("node lock")[slot].clone()
    }

    fn tree(l: Option<Cc<Tree>>, r: Option<Cc<Tree>>) -> Cc<Tree> {
        Cc::new(Tree {
            l,
            r,
            _counted: SyncCounted::new(),
        })
    }
    fn with_children<R>(
        m: &Mutator,
        t: &Cc<Tree>,
        f: impl FnOnce(Option<&Cc<Tree>>, Option<&Cc<Tree>>) -> R,
    ) -> R {
        let t = t.get(m);
        f(t.l.as_ref(), t.r.as_ref())
    }

    fn collect() -> usize {
        // The pause is the collector's own clock (the stats' duration), not the wait for a
        // quiescent moment, when this was the only collection in between.
        let (n0, d0) = stats_total();
        let t = Instant::now();
        let freed = sync::collect();
        let wall = t.elapsed();
        let (n1, d1) = stats_total();
        EXPLICIT.fetch_add(1, Relaxed);
        record_pause(if n1 == n0 + 1 {
            d1.saturating_sub(d0)
        } else {
            wall
        });
        freed
    }
    fn unlogged_collections() -> u64 {
        // Every collection is in the stats; the explicit ones are also in the pause log.
        stats_total().0.saturating_sub(EXPLICIT.load(Relaxed))
    }
}
