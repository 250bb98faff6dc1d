//! What every measurement of the `incremental_mode` binary shares: the collector mode of a run,
//! the pause log (every automatic collection's pause, from `gc_core::callbacks`), memory read
//! from `/proc/self/status`, percentiles, and the section a measurement hands back.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use gc_bench::cputime::{thread_cpu_time, thread_usage, ThreadUsage};

use gc_core::{callbacks, IncrementalStats, Phase};
use serde_json::{json, Value};

/// How generation 2 is collected in one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `set_incremental(None)`: stop-the-world full collections (the default).
    Stw,
    /// `set_incremental(Some(budget))`.
    Incremental(usize),
}

impl Mode {
    /// The name used on the command line of a child and in the tables.
    pub fn label(self) -> String {
        match self {
            Mode::Stw => "stop-the-world".to_string(),
            Mode::Incremental(b) => format!("incremental (budget {b})"),
        }
    }

    /// The `--mode` argument of a child.
    pub fn arg(self) -> String {
        match self {
            Mode::Stw => "stw".to_string(),
            Mode::Incremental(b) => format!("inc:{b}"),
        }
    }

    /// Parse a `--mode` argument.
    pub fn parse(s: &str) -> Option<Mode> {
        if s == "stw" {
            return Some(Mode::Stw);
        }
        let b = s.strip_prefix("inc:")?.parse::<usize>().ok()?;
        (b > 0).then_some(Mode::Incremental(b))
    }

    /// Switch this thread's collector to the mode.
    pub fn apply(self) {
        gc_core::set_incremental(match self {
            Mode::Stw => None,
            Mode::Incremental(b) => Some(b),
        });
    }
}

/// The pause of every collection between `Phase::Start` and `Phase::Stop`, as a callback sees
/// it (with the incremental mode on, an automatic collection's young collection and its slice
/// are one pause), in wall-clock time and in the thread's CPU time (on a shared machine the
/// wall-clock pause also holds the time the thread waited for a core).
pub struct PauseLog {
    id: callbacks::CallbackId,
    pauses: Rc<RefCell<Pauses>>,
}

/// Pauses in nanoseconds (each series sorted), and the longest per generation collected.
#[derive(Default)]
pub struct Pauses {
    /// Wall-clock time.
    pub wall: Vec<u64>,
    /// The thread's CPU time.
    pub cpu: Vec<u64>,
    /// The longest pause (wall, CPU) of the collections of generation 0, 1 and 2 (with the
    /// incremental mode on, automatic collections are of generation 0 or 1, plus a slice).
    pub longest_by_generation: [(u64, u64); 3],
}

impl PauseLog {
    /// Start logging the collections of this thread.
    pub fn start() -> PauseLog {
        let pauses = Rc::new(RefCell::new(Pauses::default()));
        let log = pauses.clone();
        let mut started: Option<(Instant, Duration)> = None;
        let mut trace = PauseTrace::from_env();
        let id = callbacks::add(move |phase, info| match phase {
            Phase::Start => {
                if let Some(t) = trace.as_mut() {
                    t.start();
                }
                started = Some((Instant::now(), thread_cpu_time()))
            }
            Phase::Stop => {
                if let Some((wall, cpu)) = started.take() {
                    let cpu = thread_cpu_time().saturating_sub(cpu);
                    let (wall, cpu) = (wall.elapsed().as_nanos() as u64, cpu.as_nanos() as u64);
                    if let Some(t) = trace.as_mut() {
                        t.stop(info.generation, wall, cpu);
                    }
                    let mut log = log.borrow_mut();
                    log.wall.push(wall);
                    log.cpu.push(cpu);
                    if let Some(g) = log.longest_by_generation.get_mut(info.generation) {
                        *g = (g.0.max(wall), g.1.max(cpu));
                    }
                }
            }
        });
        PauseLog { id, pauses }
    }

    /// Stop logging; the pauses, each series sorted.
    pub fn finish(self) -> Pauses {
        callbacks::remove(self.id);
        let mut p = self.pauses.take();
        p.wall.sort_unstable();
        p.cpu.sort_unstable();
        p
    }
}

/// A line on standard error for every pause longer than `INCREMENTAL_MODE_TRACE_MS`
/// milliseconds of CPU time (unset: no trace): its number, the generation collected, wall and
/// CPU time, the kernel's share of the CPU time, page faults, preemptions, and the incremental
/// work and slices it did. It tells a pause that did more work from one whose CPU time grew
/// for another reason (the work of a seeded run is the same in every run).
struct PauseTrace {
    threshold_ns: u64,
    index: u64,
    at_start: (ThreadUsage, IncrementalStats),
}

impl PauseTrace {
    fn from_env() -> Option<PauseTrace> {
        let ms: f64 = std::env::var("INCREMENTAL_MODE_TRACE_MS")
            .ok()?
            .parse()
            .ok()?;
        Some(PauseTrace {
            threshold_ns: (ms.max(0.0) * 1e6) as u64,
            index: 0,
            at_start: (thread_usage(), gc_core::get_incremental_stats()),
        })
    }

    fn start(&mut self) {
        self.at_start = (thread_usage(), gc_core::get_incremental_stats());
    }

    fn stop(&mut self, generation: usize, wall: u64, cpu: u64) {
        self.index += 1;
        if cpu < self.threshold_ns {
            return;
        }
        let (u0, s0) = &self.at_start;
        let (u1, s1) = (thread_usage(), gc_core::get_incremental_stats());
        eprintln!(
            "pause {} gen {generation}: wall {:.3} ms, cpu {:.3} ms (kernel {:.3} ms), \
             minor faults {}, major faults {}, preempted {}, slices {}, work {}, freed {}",
            self.index,
            ms(wall),
            ms(cpu),
            (u1.system.saturating_sub(u0.system)).as_secs_f64() * 1e3,
            u1.minor_faults - u0.minor_faults,
            u1.major_faults - u0.major_faults,
            u1.involuntary_switches - u0.involuntary_switches,
            s1.slices - s0.slices,
            s1.work - s0.work,
            s1.collected - s0.collected,
        );
    }
}

/// The `q` quantile (0..=1) of sorted values, nearest rank; 0 when empty.
pub fn quantile(sorted: &[u64], q: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// A field of `/proc/self/status` in kB (`VmRSS`, `VmHWM`), if readable.
pub fn status_kb(key: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Reset the peak resident set size (`VmHWM`) to the current one (Linux: `echo 5 >
/// /proc/self/clear_refs`). Returns whether the kernel accepted it.
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Milliseconds of nanoseconds.
pub fn ms(ns: u64) -> f64 {
    ns as f64 / 1e6
}

/// A number with about four significant digits (`n/a` when not finite).
pub fn fmt(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    let a = v.abs();
    let digits = if a >= 100.0 {
        1
    } else if a >= 1.0 {
        2
    } else {
        3
    };
    format!("{v:.digits$}")
}

/// A goal of issue 14 and whether this run met it.
#[derive(Debug)]
pub struct Criterion {
    /// What is compared, in words.
    pub what: String,
    /// The measured figure.
    pub value: f64,
    /// The bound it must not exceed.
    pub bound: f64,
}

impl Criterion {
    /// Met when the figure is finite and within the bound.
    pub fn met(&self) -> bool {
        self.value.is_finite() && self.value <= self.bound
    }
}

/// One measurement's result: a table for people, named figures, checks (facts that must hold
/// for the figures to mean anything, asserted by the smoke test) and the criteria.
#[derive(Debug)]
pub struct Section {
    /// The measurement's name.
    pub name: &'static str,
    /// What it does, in one sentence.
    pub about: String,
    /// Column headers.
    pub header: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<String>>,
    /// Named figures.
    pub figures: Vec<(String, f64)>,
    /// Named checks.
    pub checks: Vec<(String, bool)>,
    /// The criteria, met or missed.
    pub criteria: Vec<Criterion>,
    /// Notes for the reader.
    pub notes: Vec<String>,
}

impl Section {
    /// An empty section.
    pub fn new(name: &'static str, about: impl Into<String>, header: &[&str]) -> Section {
        Section {
            name,
            about: about.into(),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            figures: Vec::new(),
            checks: Vec::new(),
            criteria: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Add a row to the table.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Record a figure.
    pub fn figure(&mut self, name: impl Into<String>, value: f64) {
        self.figures.push((name.into(), value));
    }

    /// Record a check.
    pub fn check(&mut self, name: impl Into<String>, ok: bool) {
        self.checks.push((name.into(), ok));
    }

    /// Record a criterion.
    pub fn criterion(&mut self, what: impl Into<String>, value: f64, bound: f64) {
        self.criteria.push(Criterion {
            what: what.into(),
            value,
            bound,
        });
    }

    /// The section as text: the table, figures, checks, criteria and notes.
    pub fn to_text(&self) -> String {
        let mut out = format!("== {} ==\n{}\n\n", self.name, self.about);
        out.push_str(&gc_bench::report::padded_table(&self.header, &self.rows));
        out.push('\n');
        for (name, ok) in &self.checks {
            let state = if *ok { "ok" } else { "FAILED" };
            out.push_str(&format!("check {name}: {state}\n"));
        }
        for c in &self.criteria {
            out.push_str(&format!(
                "goal {}: {} (bound {}) -> {}\n",
                c.what,
                fmt(c.value),
                fmt(c.bound),
                if c.met() { "met" } else { "missed" }
            ));
        }
        for n in &self.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        out
    }

    /// The section as one JSON object.
    pub fn to_json(&self) -> Value {
        let num = |v: f64| if v.is_finite() { json!(v) } else { Value::Null };
        let figures: serde_json::Map<String, Value> = self
            .figures
            .iter()
            .map(|(n, v)| (n.clone(), num(*v)))
            .collect();
        let checks: serde_json::Map<String, Value> = self
            .checks
            .iter()
            .map(|(n, ok)| (n.clone(), json!(ok)))
            .collect();
        let criteria: Vec<Value> = self
            .criteria
            .iter()
            .map(|c| json!({"what": c.what, "value": num(c.value), "bound": c.bound, "met": c.met()}))
            .collect();
        json!({
            "name": self.name,
            "about": self.about,
            "header": self.header,
            "rows": self.rows,
            "figures": figures,
            "checks": checks,
            "criteria": criteria,
            "notes": self.notes,
        })
    }
}

/// A JSON number as f64 (NaN when absent).
pub fn jf(v: &Value, key: &str) -> f64 {
    v.get(key).and_then(Value::as_f64).unwrap_or(f64::NAN)
}

/// A JSON boolean (false when absent).
pub fn jb(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}
