//! gc (crates.io `gc`, rust-gc): a tracing mark-and-sweep collector with rooting, not
//! reference counting. Garbage, acyclic or not, is freed only by a collection; it collects on
//! its own when allocated bytes pass a growing threshold, or when asked (`force_collect`).

use std::cell::Cell;

use gc::{custom_trace, Finalize, Gc, GcCell, Trace};

use crate::collector::timed_collect;
use crate::registry::{rust, About, Caps, CollectorEntry, NodeBytes, Role};

thread_local! {
    static EXPLICIT: Cell<u64> = const { Cell::new(0) };
}

adapter! {
    /// Adapter marker for rust-gc.
    RustGc, pointer: Gc, cell: GcCell;

    fn collect() -> usize {
        EXPLICIT.with(|e| e.set(e.get() + 1));
        timed_collect(|| {
            gc::force_collect();
            0
        })
    }
    fn unlogged_collections() -> u64 {
        let all = gc::stats().collections_performed as u64;
        all.saturating_sub(EXPLICIT.with(Cell::get))
    }
}

impl Finalize for Node {}
// SAFETY: marks every `Gc` in the slots; `Counted` holds none.
unsafe impl Trace for Node {
    custom_trace!(this, mark(&this.slots));
}

impl Finalize for List {}
// SAFETY: as for `Node`.
unsafe impl Trace for List {
    custom_trace!(this, mark(&this.edges));
}

impl Finalize for Tree {}
// SAFETY: as for `Node`.
unsafe impl Trace for Tree {
    custom_trace!(this, {
        mark(&this.l);
        mark(&this.r);
    });
}

/// rust-gc in the registry.
pub const ENTRY: CollectorEntry = CollectorEntry {
    name: "gc",
    label: "gc",
    role: Role::Peer,
    caps: Caps {
        automatic: true,
        finalizers: true,
        ..Caps::CYCLE_COLLECTOR
    },
    runner: rust::<RustGc>(),
    about: Some(About {
        version: env!("GC_BENCH_VERSION_GC"),
        what: "tracing mark-and-sweep (rust-gc): roots counted, every box on one chain",
        cycles: "yes",
        generations: "no",
        finalizers: "yes (`Finalize`)",
        weak: "no",
        threads: "no",
        incremental: "no",
        bytes: NodeBytes::Measured {
            allocation: crate::why::node_allocation::<RustGc>,
            value: std::mem::size_of::<Node>(),
        },
    }),
};
