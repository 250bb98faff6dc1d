//! # gc-bench: how gc-core fares against the other Rust cycle collectors, `Rc` and CPython
//!
//! One command runs the comparison:
//!
//! ```text
//! cargo run --release -p gc-bench                 # default matrix
//! cargo run --release -p gc-bench -- --quick      # small sizes, 2 s budget per workload
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
//!   collector in [`adapters`], each a small declaration (pointer and cell types through the
//!   `adapter!` macro, its trace impls, its collect call, and its registry entry):
//!   `gc-core`, `rc` (the baseline, `Weak` back-pointers where the shape allows), `gcmodule`,
//!   `bacon_rajan_cc`, `rust-cc`, `dumpster` (its `unsync` module) and `gc` (rust-gc). The
//!   `cpython` column comes from `python/bench.py` run by `python3` ([`cpython`]).
//! - [`registry`] is what the rest of the bench knows of a collector: name, role in the
//!   goals, capabilities ([`registry::Caps`]), runner and feature-matrix row, one
//!   [`registry::CollectorEntry`] each in [`adapters::COLLECTORS`]. Code asks capabilities
//!   and roles ([`registry::left_out`], [`registry::subject`]), never a collector's name.
//! - [`workloads`] declares every workload once, as one entry of its `workloads!` table
//!   (name, unit, the capabilities it needs, its goal bound, description, "why", and its run,
//!   generic over the adapter), at the sizes of [`sizes::Sizes`], timed by
//!   [`stopwatch::Stopwatch`].
//! - [`harness`] runs and measures a cell; [`rounds`] runs a workload's cells in interleaved
//!   rounds until its goals are decided; [`stats`] gives the intervals and [`stats::GoalStatus`]; [`counter`] counts objects made
//!   and dropped (so leaks are counted, not guessed); [`cputime`] reads a thread's CPU time
//!   (the `cpu_probe` and `incremental_mode` binaries); [`alloc`] is the counting global
//!   allocator the binary installs for bytes per object.
//! - [`report`] makes the table, CSV, JSON, markdown and the goals; [`why`] the "Why each
//!   result" section; [`charts`] the SVGs.
//! - With `--features minipy`, Python programs run on minipy (whose heap is gc-core) and
//!   CPython: the benchmark scripts of `minipy/benchmarks/` ([`scripts`]) and real programs,
//!   pyperformance's benchmarks unmodified ([`realprograms`]).
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
pub mod cputime;
pub mod cpython;
pub mod harness;
pub mod machine;
pub mod previous;
pub mod realprograms;
pub mod registry;
pub mod report;
pub mod rng;
pub mod rounds;
pub mod scripts;
pub mod sizes;
pub mod stats;
pub mod stopwatch;
pub mod sync_collector;
pub mod thread_harness;
pub mod thread_report;
pub mod thread_workloads;
pub mod why;
pub mod workloads;

use std::panic::{catch_unwind, AssertUnwindSafe};

use std::sync::mpsc;
use std::thread::JoinHandle;

use harness::{Measurement, RunPlan};
pub use registry::{left_out, runs_once};
use registry::{CollectorEntry, Runner};
use rounds::{run_rounds, Lane, Rounds, RoundsDone};
use workloads::{Sizes, Workload};

/// Was gc-bench built with the `minipy` feature (so the minipy workload runs)?
pub const MINIPY_ENABLED: bool = cfg!(feature = "minipy");

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Workloads, in order.
    pub workloads: Vec<Workload>,
    /// Collectors (from the registry, [`registry::all`]), in order.
    pub collectors: Vec<&'static CollectorEntry>,
    /// Sizes.
    pub sizes: Sizes,
    /// When to stop repeating a workload's interleaved rounds.
    pub rounds: Rounds,
    /// Stack size of the thread each cell runs on.
    pub stack_bytes: usize,
}

impl Options {
    /// Every workload and collector that can run in this build and on this machine (see
    /// [`available_workloads`], [`available_collectors`]) at the given sizes.
    pub fn all(sizes: Sizes, rounds: Rounds) -> Self {
        Options {
            workloads: available_workloads(),
            collectors: available_collectors(),
            sizes,
            rounds,
            stack_bytes: DEFAULT_STACK_BYTES,
        }
    }
}

/// Does the workload need the `minipy` feature (it is a Python program, which minipy runs)?
pub fn needs_minipy(w: Workload) -> bool {
    w.needs().python
}

/// The workloads this build can run: all of them with `--features minipy`, all but the minipy
/// ones without.
pub fn available_workloads() -> Vec<Workload> {
    Workload::ALL
        .into_iter()
        .filter(|w| MINIPY_ENABLED || !needs_minipy(*w))
        .collect()
}

/// The collectors that can run here: all of them when `python3` is on `PATH`, all but
/// `cpython` otherwise.
pub fn available_collectors() -> Vec<&'static CollectorEntry> {
    registry::all().iter().filter(|c| c.available()).collect()
}

/// Default stack of a cell's thread: some peers recurse once per node of a chain (rust-gc's
/// marking, gcmodule's revive), and the live heaps are million-node chains.
pub const DEFAULT_STACK_BYTES: usize = 2 << 30;

/// Run one cell, turning a panic into an "n/a" cell instead of ending the bench.
pub fn run_cell(c: &CollectorEntry, w: Workload, sizes: &Sizes, plan: &RunPlan) -> Measurement {
    if let Some(reason) = left_out(c, w) {
        return Measurement::unsupported(w.name(), c.name, reason);
    }
    if w.script().is_some() {
        return scripts::measure(c, w, sizes, plan);
    }
    if w.real_program().is_some() {
        return realprograms::measure(c, w, sizes, plan);
    }
    let measure = match c.runner {
        Runner::CPython => return cpython::measure(w, sizes, plan),
        Runner::Rust { measure, .. } => measure,
    };
    match catch_unwind(AssertUnwindSafe(|| measure(c, w, sizes, plan))) {
        Ok(m) => m,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".into());
            Measurement::unsupported(w.name(), c.name, format!("panicked: {msg}"))
        }
    }
}

/// A bench thread that keeps one collector's heap for the rounds of one workload: the cell's
/// runs happen on it one at a time, when asked.
struct Worker {
    ask: Option<mpsc::Sender<()>>,
    answers: mpsc::Receiver<Measurement>,
    thread: Option<JoinHandle<()>>,
    collector: &'static CollectorEntry,
    workload: Workload,
}

impl Worker {
    fn spawn(stack_bytes: usize, c: &'static CollectorEntry, w: Workload, sizes: &Sizes) -> Worker {
        let (ask, asked) = mpsc::channel::<()>();
        let (answer, answers) = mpsc::channel();
        let sizes = sizes.clone();
        let thread = std::thread::Builder::new()
            .name(format!("gc-bench {}", c.name))
            .stack_size(stack_bytes)
            .spawn(move || {
                for () in asked {
                    let m = run_cell(c, w, &sizes, &Rounds::one_run());
                    if answer.send(m).is_err() {
                        break;
                    }
                }
            })
            .expect("spawn bench thread");
        Worker {
            ask: Some(ask),
            answers,
            thread: Some(thread),
            collector: c,
            workload: w,
        }
    }

    fn run(&mut self) -> Measurement {
        let sent = self.ask.as_ref().is_some_and(|a| a.send(()).is_ok());
        match sent.then(|| self.answers.recv().ok()).flatten() {
            Some(m) => m,
            None => Measurement::unsupported(
                self.workload.name(),
                self.collector.name,
                "its bench thread died".into(),
            ),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Let the thread end (its heap is freed with it) before the next workload starts.
        self.ask.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Run the whole matrix, one workload at a time. Within a workload the collectors run in
/// interleaved rounds ([`rounds::run_rounds`]) until the workload's goals are decided or its
/// budget is spent; each collector's runs happen on one bench thread of its own with a large
/// stack ([`Options::stack_bytes`]), started for the workload: each collector's heap is per
/// thread, so a workload starts from an empty heap (gc-core's pools included) whatever ran
/// before it. Cells that [`left_out`] names are not run. `on_round` is called after each
/// round with the workload and the rounds done, `on_done` after each workload with its cells.
pub fn run_matrix(
    opts: &Options,
    mut on_round: impl FnMut(&str, usize),
    mut on_done: impl FnMut(Workload, &RoundsDone),
) -> Vec<Measurement> {
    let mut out = Vec::new();
    for &w in &opts.workloads {
        let lanes: Vec<Lane<'_>> = opts
            .collectors
            .iter()
            .filter(|c| left_out(c, w).is_none())
            .map(|&c| {
                let mut worker = Worker::spawn(opts.stack_bytes, c, w, &opts.sizes);
                Lane {
                    collector: c.name.to_string(),
                    once: runs_once(c, w),
                    run: Box::new(move || worker.run()),
                }
            })
            .collect();
        if lanes.is_empty() {
            continue;
        }
        let done = run_rounds(w.name(), lanes, &opts.rounds, report::goals, |r| {
            on_round(w.name(), r)
        });
        on_done(w, &done);
        out.extend(done.results);
    }
    // Only when they were used: the temporary scripts are per process, and tests run cells in
    // parallel.
    if opts
        .collectors
        .iter()
        .any(|c| matches!(c.runner, Runner::CPython))
    {
        cpython::cleanup();
        scripts::cleanup();
        realprograms::cleanup();
    }
    out
}
