//! # gc-bench: how gc-core fares against the other Rust cycle collectors, `Rc` and CPython
//!
//! One command runs the comparison:
//!
//! ```text
//! cargo run --release -p gc-bench                 # default matrix, ~3 minutes on 2 cores
//! cargo run --release -p gc-bench -- --quick      # every workload once, small (< 30 s)
//! cargo run --release -p gc-bench -- --help       # choose workloads, collectors, sizes, runs
//! ```
//!
//! It prints a table and writes `report.md`, `results.csv`, `results.json` and one SVG chart
//! per workload into the output folder (`gc-bench-out/` unless `--out` says otherwise).
//!
//! ## How it is built
//!
//! - [`collector::Collector`] is the adapter trait: three node shapes (mutable slots, a
//!   vector of edges, immutable tree nodes), `set`/`get`, and `collect`. One module per
//!   collector in [`adapters`]: `gc-core`, `rc` (the baseline, `Weak` back-pointers where the
//!   shape allows), `gcmodule`, `bacon_rajan_cc`, `rust-cc`, `dumpster` (its `unsync`
//!   module) and `gc` (rust-gc). The `cpython` column comes from `python/bench.py` run by
//!   `python3` ([`cpython`]).
//! - [`workloads`] writes every workload once, generic over the adapter.
//! - [`harness`] runs a cell several times and measures it; [`counter`] counts objects made
//!   and dropped (so leaks are counted, not guessed); [`alloc`] is the counting global
//!   allocator the binary installs for bytes per object.
//! - [`report`] makes the table, CSV, JSON, markdown and the goals; [`charts`] the SVGs.
//!
//! ## The Threads section
//!
//! Thread-safe handles get their own adapter trait, [`sync_collector::SyncCollector`] (handles
//! are `Send + Sync`, and `gc_core::sync::Cc` is dereferenced only inside a guard), their own
//! adapters and registry ([`adapters::sync`]: `gc-core-sync`, `arc`, `gcmodule-threaded`,
//! `dumpster-sync`), their own workloads ([`thread_workloads`]: two threads building and
//! dropping cycles, cycles sent over a channel, a shared graph mutated by two threads while one
//! collects, and single-threaded binary-trees against `Arc`), runner ([`thread_harness`]) and
//! report section ([`thread_report`], printed as "Threads"). Objects are counted across threads
//! by [`counter::SyncCounted`].

pub mod adapters;
pub mod alloc;
pub mod charts;
pub mod collector;
pub mod counter;
pub mod cpython;
pub mod harness;
pub mod machine;
pub mod report;
pub mod rng;
pub mod scripts;
pub mod sync_collector;
pub mod thread_harness;
pub mod thread_report;
pub mod thread_workloads;
pub mod workloads;

use std::panic::{catch_unwind, AssertUnwindSafe};

use harness::{Measurement, RunPlan};
use workloads::{Sizes, Workload};

/// Every collector, in report order (the names used in tables and CSV).
pub const COLLECTORS: [&str; 8] = [
    "gc-core",
    "rc",
    "gcmodule",
    "bacon_rajan_cc",
    "rust-cc",
    "dumpster",
    "gc",
    "cpython",
];

/// Was gc-bench built with the `minipy` feature (so the minipy workload runs)?
pub const MINIPY_ENABLED: bool = cfg!(feature = "minipy");

/// The Rust cycle collectors gc-core is compared with.
pub const PEERS: [&str; 5] = ["gcmodule", "bacon_rajan_cc", "rust-cc", "dumpster", "gc"];

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Workloads, in order.
    pub workloads: Vec<Workload>,
    /// Collector names (from [`COLLECTORS`]), in order.
    pub collectors: Vec<String>,
    /// Sizes.
    pub sizes: Sizes,
    /// Runs per cell and time budget.
    pub plan: RunPlan,
    /// Stack size of the thread each cell runs on.
    pub stack_bytes: usize,
}

impl Options {
    /// Every workload and collector at the given sizes.
    pub fn all(sizes: Sizes, plan: RunPlan) -> Self {
        Options {
            workloads: Workload::ALL.to_vec(),
            collectors: COLLECTORS.iter().map(|s| s.to_string()).collect(),
            sizes,
            plan,
            stack_bytes: DEFAULT_STACK_BYTES,
        }
    }
}

/// Default stack of a cell's thread: some peers recurse once per node of a chain (rust-gc's
/// marking, gcmodule's revive), and the live heaps are million-node chains.
pub const DEFAULT_STACK_BYTES: usize = 2 << 30;

/// Run one cell, turning a panic into an "n/a" cell instead of ending the bench.
pub fn run_cell(collector: &str, w: Workload, sizes: &Sizes, plan: &RunPlan) -> Measurement {
    if w.script().is_some() {
        return scripts::measure(collector, w, sizes, plan);
    }
    if collector == "cpython" {
        return cpython::measure(w, sizes, plan);
    }
    let result = catch_unwind(AssertUnwindSafe(|| {
        harness::measure_by_name(collector, w, sizes, plan)
    }));
    match result {
        Ok(Some(m)) => m,
        Ok(None) => Measurement::unsupported(w.name(), collector, "unknown collector".into()),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".into());
            Measurement::unsupported(w.name(), collector, format!("panicked: {msg}"))
        }
    }
}

/// Run the whole matrix. Every cell runs on a fresh thread with a large stack
/// ([`Options::stack_bytes`]): each collector's heap is per thread, so a cell starts from an
/// empty heap (gc-core's pools included) whatever ran before it. `progress` is called before
/// each cell with its workload and collector.
pub fn run_matrix(opts: &Options, mut progress: impl FnMut(&str, &str)) -> Vec<Measurement> {
    let mut out = Vec::new();
    for &w in &opts.workloads {
        for c in &opts.collectors {
            progress(w.name(), c);
            let (c, sizes, plan) = (c.clone(), opts.sizes.clone(), opts.plan.clone());
            out.push(harness::on_big_stack(opts.stack_bytes, move || {
                run_cell(&c, w, &sizes, &plan)
            }));
        }
    }
    cpython::cleanup();
    scripts::cleanup();
    out
}
