//! dummy: gcmodule's `Cc` under another name, to measure what adding a collector takes.

use std::cell::RefCell;

use gcmodule::{Cc, Trace, Tracer};

use crate::collector::timed_collect;
use crate::registry::{rust, About, Caps, CollectorEntry, NodeBytes, Role};

adapter! {
    /// Adapter marker for dummy.
    Dummy, pointer: Cc, cell: RefCell;

    fn collect() -> usize {
        timed_collect(gcmodule::collect_thread_cycles)
    }
}

impl Trace for Node {
    fn trace(&self, tracer: &mut Tracer) {
        if let Ok(slots) = self.slots.try_borrow() {
            slots.iter().flatten().for_each(|cc| cc.trace(tracer));
        }
    }
}

impl Trace for List {
    fn trace(&self, tracer: &mut Tracer) {
        if let Ok(edges) = self.edges.try_borrow() {
            edges.iter().for_each(|cc| cc.trace(tracer));
        }
    }
}

impl Trace for Tree {
    fn trace(&self, tracer: &mut Tracer) {
        self.l.iter().chain(&self.r).for_each(|cc| cc.trace(tracer));
    }
}

/// dummy in the registry.
pub const ENTRY: CollectorEntry = CollectorEntry {
    name: "dummy",
    label: "dummy",
    role: Role::Peer,
    caps: Caps::CYCLE_COLLECTOR,
    runner: rust::<Dummy>(),
    about: Some(About {
        version: env!("GC_BENCH_VERSION_GCMODULE"),
        what: "gcmodule under another name",
        cycles: "yes",
        generations: "no",
        finalizers: "no",
        weak: "no",
        threads: "no",
        incremental: "no",
        bytes: NodeBytes::Measured {
            allocation: crate::why::node_allocation::<Dummy>,
            value: std::mem::size_of::<Node>(),
        },
    }),
};
