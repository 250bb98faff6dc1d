//! dumpster (crates.io `dumpster`), its single-threaded `unsync` module: reference counting
//! where dropping a shared `Gc` marks it dirty, and a collection walks the dirty objects'
//! subgraphs to find the unreachable ones. It collects on its own when the dropped `Gc`s
//! outnumber the live ones (its default condition, counted here) or when asked (`collect`).

use std::cell::{Cell, RefCell};

use dumpster::unsync::{self, CollectInfo, Gc};
use dumpster::{TraceWith, Visitor};

use crate::collector::timed_collect;
use crate::registry::{rust, About, Caps, CollectorEntry, NodeBytes, Role};

thread_local! {
    static AUTOMATIC: Cell<u64> = const { Cell::new(0) };
}

/// dumpster's default condition, counting the collections it starts.
fn counting_condition(info: &CollectInfo) -> bool {
    let go = unsync::default_collect_condition(info);
    if go {
        AUTOMATIC.with(|a| a.set(a.get() + 1));
    }
    go
}

adapter! {
    /// Adapter marker for dumpster.
    Dumpster, pointer: Gc, cell: RefCell;

    fn collect() -> usize {
        timed_collect(|| {
            unsync::collect();
            0
        })
    }
    fn install() {
        unsync::set_collect_condition(counting_condition);
    }
    fn unlogged_collections() -> u64 {
        AUTOMATIC.with(Cell::get)
    }
}

// SAFETY: `accept` visits every `Gc` in the slots; `Counted` holds none.
unsafe impl<V: Visitor> TraceWith<V> for Node {
    fn accept(&self, visitor: &mut V) -> Result<(), ()> {
        self.slots.accept(visitor)
    }
}

// SAFETY: as for `Node`.
unsafe impl<V: Visitor> TraceWith<V> for List {
    fn accept(&self, visitor: &mut V) -> Result<(), ()> {
        self.edges.accept(visitor)
    }
}

// SAFETY: as for `Node`.
unsafe impl<V: Visitor> TraceWith<V> for Tree {
    fn accept(&self, visitor: &mut V) -> Result<(), ()> {
        self.l.accept(visitor)?;
        self.r.accept(visitor)
    }
}

/// dumpster in the registry.
pub const ENTRY: CollectorEntry = CollectorEntry {
    name: "dumpster",
    label: "dumpster",
    role: Role::Peer,
    caps: Caps {
        automatic: true,
        ..Caps::CYCLE_COLLECTOR
    },
    runner: rust::<Dumpster>(),
    about: Some(About {
        version: env!("GC_BENCH_VERSION_DUMPSTER"),
        what: "reference counting + cycle search from dropped references (`unsync` module here)",
        cycles: "yes",
        generations: "no",
        finalizers: "no",
        weak: "no",
        threads: "`dumpster::sync`",
        incremental: "no",
        bytes: NodeBytes::Measured {
            allocation: crate::why::node_allocation::<Dumpster>,
            value: std::mem::size_of::<Node>(),
        },
    }),
};
