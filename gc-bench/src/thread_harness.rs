//! Runs a threaded workload on a thread-safe collector a number of times and turns the runs
//! into a [`Measurement`] (the same record as the single-threaded section's): median/min/max
//! time, ns per unit, objects left unfreed, collections and longest pause.
//!
//! What differs from [`crate::harness`]: objects are counted on every thread
//! ([`counter::sync_counts`]), collections in the process-wide pause log, and neither bytes per
//! object nor peak live objects are measured (the counting allocator and the live count are
//! not exact across threads).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use crate::adapters::sync::{SyncEntry, SYNC_COLLECTORS};
use crate::counter;
use crate::harness::{on_big_stack, Measurement, RunPlan};
use crate::rounds::{run_rounds, Lane, Rounds, RoundsDone};
use crate::sync_collector::{take_pauses, SyncCollector};
use crate::thread_workloads::{self, ThreadSizes, ThreadWorkload};
use crate::workloads::Stopwatch;

/// What the Threads section runs.
#[derive(Debug, Clone)]
pub struct ThreadOptions {
    /// Workloads, in order.
    pub workloads: Vec<ThreadWorkload>,
    /// Collectors, in order.
    pub collectors: Vec<&'static SyncEntry>,
    /// Sizes.
    pub sizes: ThreadSizes,
    /// When to stop repeating a workload's interleaved rounds.
    pub rounds: Rounds,
    /// Stack size of the thread each cell runs on (its workers have their own).
    pub stack_bytes: usize,
}

impl ThreadOptions {
    /// Every threaded workload and thread-safe collector at the given sizes.
    pub fn all(sizes: ThreadSizes, rounds: Rounds) -> Self {
        ThreadOptions {
            workloads: ThreadWorkload::ALL.to_vec(),
            collectors: SYNC_COLLECTORS.iter().collect(),
            sizes,
            rounds,
            stack_bytes: crate::DEFAULT_STACK_BYTES,
        }
    }
}

/// Run one cell with a collector chosen at compile time.
pub fn measure<C: SyncCollector>(
    w: ThreadWorkload,
    sizes: &ThreadSizes,
    plan: &RunPlan,
) -> Measurement {
    C::install();
    let mut m = Measurement::unsupported(w.name(), C::NAME, String::new());
    m.unsupported = None;
    let mut longest = Duration::ZERO;
    let mut observed_pause = false;
    let started = Instant::now();
    // What Arc leaks stays leaked for the rest of the process: run those cells once.
    let runs = if !C::COLLECTS_CYCLES && w.makes_cyclic_garbage() {
        1
    } else {
        plan.runs.max(1)
    };
    // One untimed warm-up run first (except for the cells run once): the first runs in a
    // process pay for growing the allocator's heap, which would favour whichever collector
    // runs later.
    let warm_up = usize::from(runs > 1);
    for run in 0..runs + warm_up {
        if run > warm_up && started.elapsed() >= plan.cell_budget {
            break;
        }
        // Start from a clean heap: nothing left over from the previous cell or run.
        C::collect();
        let _ = take_pauses();
        let auto_before = C::unlogged_collections();
        let before = counter::sync_counts();
        let mut sw = Stopwatch::new();
        let units = thread_workloads::run::<C>(w, sizes, &mut sw);
        let elapsed = sw.total();
        let after = counter::sync_counts();
        let (logged, pause) = take_pauses();
        let auto = C::unlogged_collections().saturating_sub(auto_before);
        if run < warm_up {
            continue;
        }
        m.objects = units;
        m.runs_ns.push(elapsed.as_nanos() as u64);
        m.allocated = after.created_since(before);
        m.leaked_objects = Some(after.live_since(before));
        m.collections = Some(logged + auto);
        if logged > 0 {
            observed_pause = true;
            longest = longest.max(pause);
        }
    }
    if observed_pause {
        m.longest_pause_ns = Some(longest.as_nanos() as u64);
    }
    m.summarise();
    C::collect();
    let _ = take_pauses();
    m
}

/// Run one cell, turning a panic into an "n/a" cell instead of ending the bench.
pub fn run_cell(
    c: &SyncEntry,
    w: ThreadWorkload,
    sizes: &ThreadSizes,
    plan: &RunPlan,
) -> Measurement {
    match catch_unwind(AssertUnwindSafe(|| (c.measure)(w, sizes, plan))) {
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

/// Run the Threads section, one workload at a time, its collectors in interleaved rounds
/// ([`run_rounds`], after one untimed warm-up round when [`Rounds::warm_up`] says so), each
/// run on a fresh bench thread with a large stack. `on_round` is called after each round with
/// the workload and the rounds done, `on_done` after each workload with its cells.
pub fn run_threads(
    opts: &ThreadOptions,
    mut on_round: impl FnMut(&str, usize),
    mut on_done: impl FnMut(ThreadWorkload, &RoundsDone),
) -> Vec<Measurement> {
    let mut out = Vec::new();
    for &w in &opts.workloads {
        let lanes: Vec<Lane<'_>> = opts
            .collectors
            .iter()
            .map(|&c| {
                let (sizes, stack) = (opts.sizes.clone(), opts.stack_bytes);
                Lane {
                    collector: c.name.to_string(),
                    once: !c.collects_cycles && w.makes_cyclic_garbage(),
                    run: Box::new(move || {
                        let sizes = sizes.clone();
                        on_big_stack(stack, move || run_cell(c, w, &sizes, &Rounds::one_run()))
                    }),
                }
            })
            .collect();
        if lanes.is_empty() {
            continue;
        }
        let done = run_rounds(
            w.name(),
            lanes,
            &opts.rounds,
            crate::thread_report::goals,
            |r| on_round(w.name(), r),
        );
        on_done(w, &done);
        out.extend(done.results);
    }
    out
}
