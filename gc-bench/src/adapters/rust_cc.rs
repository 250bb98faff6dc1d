//! rust-cc (crates.io `rust-cc`, lib `rust_cc`): reference counting plus a cycle collector that
//! buffers possible roots and runs a trial-deletion-like pass over them, automatically (its
//! default `auto-collect` feature, by allocated bytes) or when asked (`collect_cycles`).

use std::cell::{Cell, RefCell};

use rust_cc::{Cc, Context, Finalize, Trace};

use crate::collector::timed_collect;
use crate::registry::{rust, About, Caps, CollectorEntry, NodeBytes, Role};

thread_local! {
    static EXPLICIT: Cell<u64> = const { Cell::new(0) };
}

adapter! {
    /// Adapter marker for rust-cc.
    RustCc, pointer: Cc, cell: RefCell;

    fn collect() -> usize {
        EXPLICIT.with(|e| e.set(e.get() + 1));
        timed_collect(|| {
            rust_cc::collect_cycles();
            0
        })
    }
    fn unlogged_collections() -> u64 {
        let all = rust_cc::state::executions_count().unwrap_or(0) as u64;
        all.saturating_sub(EXPLICIT.with(Cell::get))
    }
}

// SAFETY: `trace` visits every `Cc` in the slots and nothing else; `Counted`'s `Drop` touches
// no `Cc`.
unsafe impl Trace for Node {
    fn trace(&self, ctx: &mut Context<'_>) {
        self.slots.trace(ctx);
    }
}
impl Finalize for Node {}

// SAFETY: as for `Node`.
unsafe impl Trace for List {
    fn trace(&self, ctx: &mut Context<'_>) {
        self.edges.trace(ctx);
    }
}
impl Finalize for List {}

// SAFETY: as for `Node`.
unsafe impl Trace for Tree {
    fn trace(&self, ctx: &mut Context<'_>) {
        self.l.trace(ctx);
        self.r.trace(ctx);
    }
}
impl Finalize for Tree {}

/// rust-cc in the registry.
pub const ENTRY: CollectorEntry = CollectorEntry {
    name: "rust-cc",
    label: "rust-cc",
    role: Role::Peer,
    caps: Caps {
        automatic: true,
        finalizers: true,
        ..Caps::CYCLE_COLLECTOR
    },
    runner: rust::<RustCc>(),
    about: Some(About {
        version: env!("GC_BENCH_VERSION_RUST_CC"),
        what: "reference counting + cycle collection from buffered candidates",
        cycles: "yes",
        generations: "no",
        finalizers: "yes (feature `finalization`, on by default)",
        weak: "feature `weak-ptrs` (off here)",
        threads: "no",
        incremental: "no",
        bytes: NodeBytes::Measured {
            allocation: crate::why::node_allocation::<RustCc>,
            value: std::mem::size_of::<Node>(),
        },
    }),
};
