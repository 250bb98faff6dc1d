//! The report's "Why each result" section: what decides each workload, in plain words, and a
//! feature matrix of the collectors with their versions (read from Cargo.lock at build time
//! by `build.rs`) and the bytes each allocates per node beyond the node itself (measured with
//! the counting allocator when it is installed).
//!
//! Every statement here was checked against the code: gc-core's (`header.rs`, `pool.rs`,
//! `heap.rs`), the adapters', and the peers' sources as published on crates.io.

use std::fmt::Write as _;

use crate::collector::Collector;
use crate::harness::Measurement;
use crate::registry::{self, NodeBytes};
use crate::workloads::Workload;

/// The version of collector `name`'s crate as locked when gc-bench was built (`std` for
/// `rc`), or `?`.
pub fn version(name: &str) -> &'static str {
    registry::find(name)
        .and_then(|c| c.about)
        .map_or("?", |a| a.version)
}

/// Bytes the global allocator hands out for one more 3-slot node of collector `C` (the second
/// one made on a fresh thread, so that one-time set-up is not counted), or `None` when the
/// counting allocator is not installed. Measured on its own thread.
pub fn node_allocation<C: Collector>() -> Option<usize> {
    std::thread::spawn(|| {
        if !crate::alloc::is_installed() {
            return None;
        }
        let first = C::node();
        let before = crate::alloc::current_bytes();
        let second = C::node();
        let after = crate::alloc::current_bytes();
        drop((first, second));
        C::collect();
        Some(after.saturating_sub(before))
    })
    .join()
    .ok()
    .flatten()
}

/// The section in report.md, for the workloads that ran.
pub fn markdown(results: &[Measurement]) -> String {
    let mut out = String::from("## Why each result\n\n");
    out.push_str(
        "What decides each workload, in plain words. Two things separate gc-core from the others before any \
         collection runs: its objects come from per-thread size-class pools (16-byte classes up to 512 bytes, \
         64 KiB chunks, `gc-core/src/pool.rs`) while Rc and the peers allocate every object from the system \
         allocator; and it leaves untracked what can never be part of a cycle (immutable values whose children are \
         untracked). An `rc` row on the same pools is not offered: gc-core's pools are private to gc-core, and \
         `Rc` cannot take another allocator on stable Rust (`Rc::new_in` is unstable), so the allocator's share \
         is not separated here.\n\n",
    );
    for w in Workload::ALL {
        if results.iter().any(|m| m.workload == w.name()) {
            let _ = writeln!(out, "- **{}**: {}", w.name(), w.why());
        }
    }
    out.push_str(
        "\n### The collectors\n\n\
         | collector | version | how it works | frees cycles | generations | finalizers | weak refs | threads | incremental | bytes per 3-slot node: allocated / node value |\n\
         |---|---|---|---|---|---|---|---|---|---|\n",
    );
    for (name, r) in registry::all()
        .iter()
        .filter_map(|c| c.about.map(|a| (c.name, a)))
    {
        let bytes = match r.bytes {
            NodeBytes::Measured { allocation, value } => match allocation() {
                Some(a) => format!(
                    "{a} / {value} (so {} beyond the value)",
                    a.saturating_sub(value)
                ),
                None => "not measured (counting allocator not installed)".into(),
            },
            NodeBytes::Header(note) => format!("header {note}"),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            name,
            r.version,
            r.what,
            r.cycles,
            r.generations,
            r.finalizers,
            r.weak,
            r.threads,
            r.incremental,
            bytes
        );
    }
    out.push_str(
        "\nVersions are those in Cargo.lock when gc-bench was built. Bytes are measured: what the counting global \
         allocator hands out for one more node (the second made on a fresh thread), beside `size_of` of the node \
         value; the difference is the collector's header plus alignment padding (the system allocator's own \
         per-block overhead is not included).\n\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_come_from_the_lock_file() {
        for c in registry::all().iter().filter(|c| c.about.is_some()) {
            let v = version(c.name);
            if c.name == registry::baseline().name {
                assert_eq!(v, "std");
                continue;
            }
            assert!(
                v.split('.').count() == 3 && v != "unknown",
                "{}: version {v:?}",
                c.name
            );
        }
    }

    #[test]
    fn every_workload_is_explained() {
        for w in Workload::ALL {
            assert!(!w.why().is_empty());
        }
    }
}
