//! bacon_rajan_cc (crates.io `bacon_rajan_cc`): Bacon and Rajan's synchronous cycle collector:
//! every decrement that leaves a count above zero buffers a possible root, and `collect_cycles`
//! runs trial deletion from the buffered roots. It never collects on its own.

use std::cell::RefCell;

use bacon_rajan_cc::{Cc, Trace, Tracer};

use crate::collector::timed_collect;
use crate::registry::{rust, About, Caps, CollectorEntry, NodeBytes, Role};

adapter! {
    /// Adapter marker for bacon_rajan_cc.
    BaconRajan, pointer: Cc, cell: RefCell;

    fn collect() -> usize {
        timed_collect(|| {
            bacon_rajan_cc::collect_cycles();
            0
        })
    }
}

impl Trace for Node {
    fn trace(&self, tracer: &mut Tracer) {
        if let Ok(slots) = self.slots.try_borrow() {
            for cc in slots.iter().flatten() {
                cc.trace(tracer);
            }
        }
    }
}

impl Trace for List {
    fn trace(&self, tracer: &mut Tracer) {
        if let Ok(edges) = self.edges.try_borrow() {
            for cc in edges.iter() {
                cc.trace(tracer);
            }
        }
    }
}

// bacon_rajan_cc has no opt-out: every tree node is a candidate too.
impl Trace for Tree {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(l) = &self.l {
            l.trace(tracer);
        }
        if let Some(r) = &self.r {
            r.trace(tracer);
        }
    }
}

/// bacon_rajan_cc in the registry.
pub const ENTRY: CollectorEntry = CollectorEntry {
    name: "bacon_rajan_cc",
    label: "bacon_rajan_cc",
    role: Role::Peer,
    caps: Caps {
        weak_refs: true,
        ..Caps::CYCLE_COLLECTOR
    },
    runner: rust::<BaconRajan>(),
    about: Some(About {
        version: env!("GC_BENCH_VERSION_BACON_RAJAN_CC"),
        what: "reference counting + synchronous Bacon-Rajan cycle collection from buffered candidate roots",
        cycles: "yes",
        generations: "no",
        finalizers: "no",
        weak: "yes (`Weak`)",
        threads: "no",
        incremental: "no",
        bytes: NodeBytes::Measured {
            allocation: crate::why::node_allocation::<BaconRajan>,
            value: std::mem::size_of::<Node>(),
        },
    }),
};
