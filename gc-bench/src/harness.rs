//! Runs a workload on a collector a number of times and turns the runs into a
//! [`Measurement`]: median/min/max time, ns per unit, peak bytes per object, objects left
//! unfreed, collections and longest pause.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::alloc;
use crate::collector::{take_pauses, Collector};
use crate::counter::{self, Counts};
use crate::registry::{self, CollectorEntry};
use crate::workloads::{self, Sizes, Stopwatch, Workload};

/// The figures of one (workload, collector) cell.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Measurement {
    /// Workload name.
    pub workload: String,
    /// Collector name.
    pub collector: String,
    /// Units per run (see [`Workload::unit`]); 0 when unsupported.
    pub objects: u64,
    /// Measured time of every run, in nanoseconds.
    pub runs_ns: Vec<u64>,
    /// Units of every run, beside `runs_ns`, when merged from rounds (they differ between runs
    /// only for the minipy scripts, whose unit is the objects a run collected).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub runs_units: Vec<u64>,
    /// Median of `runs_ns`.
    pub median_ns: u64,
    /// Fastest run.
    pub min_ns: u64,
    /// Slowest run.
    pub max_ns: u64,
    /// Objects allocated per run (counted by the node types).
    pub allocated: u64,
    /// Most objects live at once during a run (above those live before it).
    pub peak_live: u64,
    /// Peak heap growth of a run divided by the most objects live at once (the largest over
    /// the runs), when measured.
    pub bytes_per_object: Option<f64>,
    /// Objects left unfreed after the workload (its roots dropped, its collections run).
    pub leaked_objects: Option<u64>,
    /// Collections per run (explicit ones plus the automatic ones the collector reports).
    pub collections: Option<u64>,
    /// Longest single collection seen in any run, where observable.
    pub longest_pause_ns: Option<u64>,
    /// Why the collector could not run the workload (then the figures are empty).
    pub unsupported: Option<String>,
    /// The minipy benchmark scripts only: what the script reported (its median run by gc
    /// time).
    pub script: Option<crate::scripts::ScriptRun>,
    /// The minipy benchmark scripts only: every run's report, while rounds are merged.
    #[serde(skip)]
    pub script_runs: Vec<crate::scripts::ScriptRun>,
}

impl Measurement {
    /// A cell for a collector that cannot run the workload.
    pub fn unsupported(w: &str, c: &str, reason: String) -> Self {
        Measurement {
            workload: w.to_string(),
            collector: c.to_string(),
            objects: 0,
            runs_ns: Vec::new(),
            runs_units: Vec::new(),
            median_ns: 0,
            min_ns: 0,
            max_ns: 0,
            allocated: 0,
            peak_live: 0,
            bytes_per_object: None,
            leaked_objects: None,
            collections: None,
            longest_pause_ns: None,
            unsupported: Some(reason),
            script: None,
            script_runs: Vec::new(),
        }
    }

    /// Add the runs of `one` (a cell measured in one more round) to this cell: times are
    /// appended, peaks and leaks are the largest seen, the rest is the latest run's.
    pub fn absorb(&mut self, mut one: Measurement) {
        if let Some(s) = one.script.take() {
            one.script_runs.push(s);
        }
        if one.runs_units.len() != one.runs_ns.len() {
            one.runs_units = vec![one.objects; one.runs_ns.len()];
        }
        if self.runs_ns.is_empty() {
            let mut runs = std::mem::take(&mut self.script_runs);
            runs.append(&mut one.script_runs);
            *self = one;
            self.script_runs = runs;
            return;
        }
        self.objects = one.objects;
        self.runs_ns.extend(&one.runs_ns);
        self.runs_units.extend(&one.runs_units);
        self.allocated = one.allocated;
        self.peak_live = self.peak_live.max(one.peak_live);
        self.bytes_per_object = max_opt(self.bytes_per_object, one.bytes_per_object);
        self.leaked_objects = max_opt(self.leaked_objects, one.leaked_objects);
        self.collections = one.collections.or(self.collections);
        self.longest_pause_ns = max_opt(self.longest_pause_ns, one.longest_pause_ns);
        self.script_runs.append(&mut one.script_runs);
    }

    /// Fill median/min/max after the last [`Measurement::absorb`]; for the minipy scripts
    /// also pick the run with the median gc time as the row's script figures (the lower
    /// middle one for an even count).
    pub fn finish(&mut self) {
        self.summarise();
        if self.script_runs.is_empty() {
            return;
        }
        let mut runs = std::mem::take(&mut self.script_runs);
        runs.sort_by(|a, b| a.gc_s.total_cmp(&b.gc_s));
        let median = runs.swap_remove((runs.len() - 1) / 2);
        self.median_ns = (median.gc_s * 1e9).round() as u64;
        self.objects = median.units();
        self.collections = Some(median.collections);
        self.script = Some(median);
    }

    /// Did it run?
    pub fn ok(&self) -> bool {
        self.unsupported.is_none() && !self.runs_ns.is_empty()
    }

    /// Nanoseconds per unit of every run (each run's own units when known).
    pub fn runs_per_unit(&self) -> Vec<f64> {
        if !self.ok() {
            return Vec::new();
        }
        let per_run = self.runs_units.len() == self.runs_ns.len();
        self.runs_ns
            .iter()
            .enumerate()
            .map(|(i, &ns)| {
                (
                    ns,
                    if per_run {
                        self.runs_units[i]
                    } else {
                        self.objects
                    },
                )
            })
            .filter(|&(_, u)| u > 0)
            .map(|(ns, u)| ns as f64 / u as f64)
            .collect()
    }

    /// Median nanoseconds per unit.
    pub fn ns_per_object(&self) -> Option<f64> {
        (self.ok() && self.objects > 0).then(|| self.median_ns as f64 / self.objects as f64)
    }

    /// Fill median/min/max from `runs_ns`.
    pub fn summarise(&mut self) {
        let mut v = self.runs_ns.clone();
        v.sort_unstable();
        if let (Some(&lo), Some(&hi)) = (v.first(), v.last()) {
            self.min_ns = lo;
            self.max_ns = hi;
            self.median_ns = if v.len() % 2 == 1 {
                v[v.len() / 2]
            } else {
                (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2
            };
        }
    }
}

fn max_opt<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y > x { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

/// How many times to run, and when to stop repeating a slow cell.
#[derive(Debug, Clone)]
pub struct RunPlan {
    /// Runs per cell.
    pub runs: usize,
    /// Stop repeating a cell once its runs have taken this long in all (at least one run).
    pub cell_budget: Duration,
}

impl Default for RunPlan {
    fn default() -> Self {
        RunPlan {
            runs: 3,
            cell_budget: Duration::from_millis(2000),
        }
    }
}

/// Run one cell with the adapter `C` of registry entry `c`.
pub fn measure<C: Collector>(
    c: &CollectorEntry,
    w: Workload,
    sizes: &Sizes,
    plan: &RunPlan,
) -> Measurement {
    C::install();
    if let Some(reason) = registry::left_out(c, w) {
        return Measurement::unsupported(w.name(), c.name, reason);
    }
    let mut m = Measurement::unsupported(w.name(), c.name, String::new());
    m.unsupported = None;
    let mut longest = Duration::ZERO;
    let mut observed_pause = false;
    let started = Instant::now();
    // What a collector leaks stays leaked for the rest of the process: run those cells once so
    // the leaked heap stays small for the cells after them.
    let runs = if registry::runs_once(c, w) {
        1
    } else {
        plan.runs.max(1)
    };
    for run in 0..runs {
        if run > 0 && started.elapsed() >= plan.cell_budget {
            break;
        }
        // Start from a clean heap: nothing left over from the previous cell or run.
        C::collect();
        let _ = take_pauses();
        let auto_before = C::unlogged_collections();
        let counts_before = Counts::now();
        let live_base = counter::reset_peak_live();
        let base = alloc::reset_peak();
        let mut sw = Stopwatch::new();
        let result = workloads::run::<C>(w, sizes, &mut sw);
        let elapsed = sw.total();
        let peak = alloc::peak_bytes().saturating_sub(base);
        let counts_after = Counts::now();
        let peak_live = counter::peak_live().saturating_sub(live_base);
        let (logged, pause) = take_pauses();
        let auto = C::unlogged_collections().saturating_sub(auto_before);
        match result {
            Err(reason) => return Measurement::unsupported(w.name(), c.name, reason),
            Ok(units) => {
                m.objects = units;
                m.runs_ns.push(elapsed.as_nanos() as u64);
                m.allocated = counts_after.created_since(counts_before);
                // A Python program's objects are its own values, not counted nodes: no leak
                // figure.
                m.leaked_objects =
                    (!w.needs().python).then(|| counts_after.live_since(counts_before));
                m.peak_live = peak_live;
                if alloc::is_installed() && peak_live > 0 {
                    // The largest over the runs: an allocator that keeps freed memory for
                    // reuse (gc-core's pools) only grows the heap in a cell's first run.
                    let b = peak as f64 / peak_live as f64;
                    m.bytes_per_object = Some(m.bytes_per_object.map_or(b, |x: f64| x.max(b)));
                }
                m.collections = Some(logged + auto);
                if logged > 0 {
                    observed_pause = true;
                    longest = longest.max(pause);
                }
            }
        }
    }
    if observed_pause {
        m.longest_pause_ns = Some(longest.as_nanos() as u64);
    }
    m.summarise();
    // Leave nothing behind for the next cell (leaked Rc cycles stay leaked).
    C::collect();
    let _ = take_pauses();
    m
}

/// Run `f` on a thread with a large stack (peers mark and drop recursively; a million-node
/// chain needs deep recursion in some of them) and return its result.
pub fn on_big_stack<T: Send + 'static>(
    stack_bytes: usize,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    std::thread::Builder::new()
        .name("gc-bench".into())
        .stack_size(stack_bytes)
        .spawn(f)
        .expect("spawn bench thread")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(ns: u64, units: u64, leaked: u64) -> Measurement {
        let mut m = Measurement::unsupported("w", "c", String::new());
        m.unsupported = None;
        m.objects = units;
        m.runs_ns = vec![ns];
        m.leaked_objects = Some(leaked);
        m.bytes_per_object = Some(ns as f64);
        m
    }

    #[test]
    fn rounds_merge_into_one_cell() {
        let mut m = Measurement::default();
        m.absorb(one(300, 10, 0));
        m.absorb(one(100, 20, 5));
        m.absorb(one(200, 10, 0));
        m.finish();
        assert_eq!(m.runs_ns, [300, 100, 200]);
        assert_eq!(m.runs_units, [10, 20, 10]);
        assert_eq!((m.min_ns, m.median_ns, m.max_ns), (100, 200, 300));
        assert_eq!(m.leaked_objects, Some(5), "the worst round");
        assert_eq!(m.bytes_per_object, Some(300.0), "the largest round");
        assert_eq!(
            m.runs_per_unit(),
            [30.0, 5.0, 20.0],
            "each run by its own units"
        );
    }
}
