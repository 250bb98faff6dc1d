//! gcmodule (crates.io `gcmodule`): reference counting plus a CPython-like collector over one
//! list of all tracked objects, run only when asked (`collect_thread_cycles`).
//!
//! The immutable tree type opts out of tracking (`is_type_tracked` false), as gcmodule's docs
//! allow for types that cannot form cycles: its best case, as gc-core's.

use std::cell::RefCell;

use gcmodule::{Cc, Trace, Tracer};

use crate::collector::timed_collect;
use crate::registry::{rust, About, Caps, CollectorEntry, NodeBytes, Role};

adapter! {
    /// Adapter marker for gcmodule.
    GcModule, pointer: Cc, cell: RefCell;

    fn collect() -> usize {
        timed_collect(gcmodule::collect_thread_cycles)
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
    fn is_type_tracked() -> bool {
        true
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
    fn is_type_tracked() -> bool {
        true
    }
}

/// The tree type is not tracked.
impl Trace for Tree {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(l) = &self.l {
            l.trace(tracer);
        }
        if let Some(r) = &self.r {
            r.trace(tracer);
        }
    }
    fn is_type_tracked() -> bool {
        false
    }
}

/// gcmodule in the registry.
pub const ENTRY: CollectorEntry = CollectorEntry {
    name: "gcmodule",
    label: "gcmodule",
    role: Role::Peer,
    caps: Caps::CYCLE_COLLECTOR,
    runner: rust::<GcModule>(),
    about: Some(About {
        version: env!("GC_BENCH_VERSION_GCMODULE"),
        what: "reference counting + trial deletion over one list of tracked objects (after CPython 3.8, no generations: collect.rs)",
        cycles: "yes",
        generations: "no",
        finalizers: "no",
        weak: "no",
        threads: "`ThreadedCc` (feature `sync`)",
        incremental: "no",
        bytes: NodeBytes::Measured {
            allocation: crate::why::node_allocation::<GcModule>,
            value: std::mem::size_of::<Node>(),
        },
    }),
};
