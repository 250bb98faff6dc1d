//! gc-core, the collector this workspace builds: CPython's design in Rust.
//!
//! Nodes with `RefCell` slots are tracked; immutable tree nodes (whose children are untracked)
//! are not, so binary-trees with immutable nodes pays only for reference counting. Every
//! collection, automatic or explicit, is observed through `gc_core::callbacks`, which gives the
//! collection count and the longest pause.

use std::cell::{Cell, RefCell};

use gc_core::{Cc, Trace, Visitor};

use crate::collector::{record_pause, Collector};
use crate::registry::{rust, About, Caps, CollectorEntry, NodeBytes, Python, Role};

thread_local! {
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
}

adapter! {
    /// Adapter marker for gc-core.
    GcCore, pointer: Cc, cell: RefCell;

    fn collect() -> usize {
        gc_core::collect()
    }
    fn collect_young() -> usize {
        gc_core::collect_generation(0)
    }
    fn install() {
        if INSTALLED.with(|i| i.replace(true)) {
            return;
        }
        // Every collection, automatic or explicit, goes into the pause log.
        let _id = gc_core::callbacks::add(|phase: gc_core::Phase, info: &gc_core::CollectInfo| {
            if matches!(phase, gc_core::Phase::Stop) {
                record_pause(info.duration);
            }
        });
    }
}

// SAFETY: `trace` reports every `Cc` the node owns (its slots); `Counted` owns none.
unsafe impl Trace for Node {
    fn trace<V: Visitor>(&self, v: &mut V) {
        match self.slots.try_borrow() {
            Ok(slots) => {
                for cc in slots.iter().flatten() {
                    v.visit(cc);
                }
            }
            Err(_) => v.visit_borrowed(),
        }
    }
}

// SAFETY: `trace` reports every `Cc` in `edges`; `Counted` owns none.
unsafe impl Trace for List {
    fn trace<V: Visitor>(&self, v: &mut V) {
        match self.edges.try_borrow() {
            Ok(edges) => {
                for cc in edges.iter() {
                    v.visit(cc);
                }
            }
            Err(_) => v.visit_borrowed(),
        }
    }
}

// SAFETY: `trace` reports both children; `Counted` owns no `Cc`. The tree node has no
// interior mutability and untracked children, so gc-core does not track it.
unsafe impl Trace for Tree {
    fn trace<V: Visitor>(&self, v: &mut V) {
        if let Some(l) = &self.l {
            v.visit(l);
        }
        if let Some(r) = &self.r {
            v.visit(r);
        }
    }
    fn needs_tracking(&self) -> bool {
        self.l.as_ref().is_some_and(Cc::is_tracked) || self.r.as_ref().is_some_and(Cc::is_tracked)
    }
}

/// gc-core in the registry: the subject of the goals, and the heap of minipy.
pub const ENTRY: CollectorEntry = CollectorEntry {
    name: "gc-core",
    label: "gc-core",
    role: Role::Subject,
    caps: Caps {
        generational: true,
        automatic: true,
        weak_refs: true,
        finalizers: true,
        python: Some(Python::Minipy),
        ..Caps::CYCLE_COLLECTOR
    },
    runner: rust::<GcCore>(),
    about: Some(About {
        version: env!("GC_BENCH_VERSION_GC_CORE"),
        what: "reference counting + CPython's generational trial deletion",
        cycles: "yes",
        generations: "3 (thresholds 2000, 10, 10)",
        finalizers: "yes (`Cc::new_finalizable`, PEP 442)",
        weak: "yes (`Weak`)",
        threads: "separate heap: `gc_core::sync::Cc`",
        incremental: "no",
        bytes: NodeBytes::Header("16 untracked, 32 tracked (header.rs); size-class pools, so the counting allocator sees 64 KiB chunks, not objects"),
    }),
};

/// Is the node type tracked by gc-core (for tests and the report)?
pub fn node_is_tracked() -> bool {
    Cc::is_tracked(&GcCore::node())
}

/// Is the immutable tree type tracked by gc-core?
pub fn tree_is_tracked() -> bool {
    let leaf = GcCore::tree(None, None);
    Cc::is_tracked(&GcCore::tree(Some(leaf), None))
}
