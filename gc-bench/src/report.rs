//! Turning measurements into the table, results.csv, results.json, report.md and the goals.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::harness::Measurement;
use crate::machine::Machine;
use crate::previous::{self, Previous};
use crate::registry::{self, Python};
use crate::rounds::Rounds;
use crate::stats::{paired_ratios, verdict, Estimate, GoalStatus};
pub use crate::thread_report::ThreadsSection;
use crate::workloads::{Sizes, Workload};

/// Everything one bench run produced.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// The command line, as typed.
    pub command: String,
    /// Where it ran.
    pub machine: Machine,
    /// Sizes used.
    pub sizes: Sizes,
    /// When each workload's interleaved rounds stopped.
    pub rounds: Rounds,
    /// Load average (1, 5, 15 minutes) when the bench started.
    #[serde(default)]
    pub load_start: Option<[f64; 3]>,
    /// Load average when the bench ended.
    #[serde(default)]
    pub load_end: Option<[f64; 3]>,
    /// Total wall time of the bench, seconds.
    pub wall_seconds: f64,
    /// One entry per (workload, collector) cell.
    pub results: Vec<Measurement>,
    /// The goals, judged from `results` (and from the Threads section's).
    pub goals: Vec<Goal>,
    /// The Threads section, when it ran.
    #[serde(default)]
    pub threads: Option<ThreadsSection>,
    /// What this configuration left out and how to run it, one line each.
    #[serde(default)]
    pub left_out: Vec<String>,
    /// The verdicts against the previous run's in the same output folder, when there was one.
    #[serde(default)]
    pub previous: Option<Previous>,
}

/// A load average as `1.23 / 0.98 / 0.50` (1, 5, 15 minutes), or `unknown`.
pub fn fmt_load(l: Option<[f64; 3]>) -> String {
    l.map_or("unknown".into(), |[a, b, c]| {
        format!("{a:.2} / {b:.2} / {c:.2}")
    })
}

/// The goals worth printing: those this configuration measured (the others are named once
/// by [`not_measured_line`]).
pub fn shown_goals(goals: &[Goal]) -> Vec<Goal> {
    goals
        .iter()
        .filter(|g| g.status != GoalStatus::NotMeasured)
        .cloned()
        .collect()
}

/// One line naming the goals this run could not judge (one side not run), or an empty string.
pub fn not_measured_line(goals: &[Goal]) -> String {
    let names: Vec<&str> = goals
        .iter()
        .filter(|g| g.status == GoalStatus::NotMeasured)
        .map(|g| {
            if g.workload.is_empty() {
                g.goal.as_str()
            } else {
                g.workload.as_str()
            }
        })
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!(
            "Not judged ({} goals; a side of the comparison was not run): {}.",
            names.len(),
            names.join(", ")
        )
    }
}

/// A goal of the project and whether this run met it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Goal {
    /// What is asked.
    pub goal: String,
    /// The workload it judges (empty when it spans several).
    #[serde(default)]
    pub workload: String,
    /// The measured figure (the median of the per-round ratios, or a count), when both sides
    /// ran.
    pub measured: Option<f64>,
    /// The ratio with its confidence interval and the number of paired rounds, for ratio
    /// goals.
    #[serde(default)]
    pub estimate: Option<Estimate>,
    /// The bound it must not exceed.
    pub bound: Option<f64>,
    /// Met, missed, inconclusive or not measured.
    pub status: GoalStatus,
    /// The collectors whose runs the goal needs (the two compared, and for "faster than the
    /// best peer" every peer close enough to become the best): the others of the workload
    /// stop after a few rounds.
    #[serde(default)]
    pub collectors: Vec<String>,
    /// How the figure was computed.
    pub detail: String,
}

impl Goal {
    /// The interval as text (`[0.91, 1.02] over 12 rounds`), or why there is none.
    pub fn interval_text(&self) -> String {
        match self.estimate {
            Some(Estimate {
                ci: Some((lo, hi)),
                rounds,
                ..
            }) => format!("[{lo:.3}, {hi:.3}], {rounds} rounds"),
            Some(Estimate { rounds, .. }) => {
                format!("none: {rounds} paired rounds (6 needed)")
            }
            None => String::new(),
        }
    }
}

/// Find a cell.
pub fn find<'a>(results: &'a [Measurement], w: &str, c: &str) -> Option<&'a Measurement> {
    results.iter().find(|m| m.workload == w && m.collector == c)
}

/// Median of `c` divided by median of `base` on workload `w`, when both ran.
pub fn ratio(results: &[Measurement], w: &str, c: &str, base: &str) -> Option<f64> {
    let a = find(results, w, c).filter(|m| m.ok())?;
    let b = find(results, w, base).filter(|m| m.ok())?;
    // Compare time per unit: the CPython script may count units slightly differently.
    let (x, y) = (a.ns_per_object()?, b.ns_per_object()?);
    (y > 0.0).then(|| x / y)
}

/// Per-round ratio of `c`'s time per unit to `base`'s on workload `w` (rounds paired by
/// index: they ran interleaved), when both ran.
pub fn paired(results: &[Measurement], w: &str, c: &str, base: &str) -> Option<Estimate> {
    let a = find(results, w, c).filter(|m| m.ok())?;
    let b = find(results, w, base).filter(|m| m.ok())?;
    Estimate::from_ratios(&paired_ratios(&a.runs_per_unit(), &b.runs_per_unit()))
}

/// A goal "`estimate` at most `bound`" (`strict`: below it) on workload `workload`.
pub fn goal_bound(
    goal: &str,
    workload: &str,
    estimate: Option<Estimate>,
    bound: f64,
    strict: bool,
    detail: String,
) -> Goal {
    Goal {
        goal: goal.to_string(),
        workload: workload.to_string(),
        measured: estimate.map(|e| e.median),
        estimate,
        bound: Some(bound),
        status: verdict(estimate.as_ref(), bound, strict),
        collectors: Vec::new(),
        detail,
    }
}

impl Goal {
    /// The same goal, needing the runs of `collectors`.
    pub fn between<S: AsRef<str>>(mut self, collectors: &[S]) -> Goal {
        self.collectors = collectors.iter().map(|c| c.as_ref().to_string()).collect();
        self
    }
}

/// How much slower than the best peer a peer may be and still count as a contender for best
/// (its rounds continue).
pub const CONTENDER: f64 = 1.5;

/// `best` and every collector of `peers` whose median time per unit on `w` is within
/// [`CONTENDER`] times `best`'s.
pub fn contenders(results: &[Measurement], w: &str, best: &str, peers: &[&str]) -> Vec<String> {
    let Some(limit) = find(results, w, best).and_then(Measurement::ns_per_object) else {
        return vec![best.to_string()];
    };
    peers
        .iter()
        .filter_map(|p| find(results, w, p))
        .filter(|m| m.ns_per_object().is_some_and(|x| x <= limit * CONTENDER))
        .map(|m| m.collector.clone())
        .collect()
}

/// The fastest Rust peer (by median time per unit) that left nothing unfreed on workload `w`.
pub fn best_peer(results: &[Measurement], w: &str) -> Option<String> {
    registry::peers()
        .filter_map(|p| find(results, w, p.name))
        .filter(|m| m.ok() && m.leaked_objects == Some(0))
        .filter_map(|m| m.ns_per_object().map(|x| (x, m.collector.clone())))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, who)| who)
}

/// gc-core's time per unit over the fastest Rust peer's that left nothing unfreed on workload
/// `w` (paired per round), with that peer's name.
pub fn ratio_to_best_peer(results: &[Measurement], w: &str) -> Option<(Estimate, String)> {
    let who = best_peer(results, w)?;
    paired(results, w, registry::subject().name, &who).map(|e| (e, who))
}

/// Judge the project's goals from one run's results.
pub fn goals(results: &[Measurement]) -> Vec<Goal> {
    let subject = registry::subject().name;
    // The bounds the workloads declare, in workload order.
    let mut g: Vec<Goal> = Workload::ALL
        .into_iter()
        .filter_map(|w| w.bound().map(|b| (w, b)))
        .map(|(w, b)| {
            let other = registry::by_role(b.against).name;
            goal_bound(
                b.goal,
                w.name(),
                paired(results, w.name(), subject, other),
                b.at_most,
                false,
                b.how.into(),
            )
            .between(&[subject, other])
        })
        .collect();
    g.extend(script_goals(results));
    // A Python program runs on interpreters only: there is no Rust peer to compare with.
    for w in Workload::ALL.into_iter().filter(|w| !w.needs().python) {
        let name = w.name();
        let Some(own) = find(results, name, subject).filter(|m| m.ok()) else {
            continue;
        };
        let mut needs = vec![subject.to_string()];
        if let Some(best) = best_peer(results, name) {
            needs.extend(contenders(results, name, &best, &registry::peer_names()));
        }
        let (estimate, detail) = match (ratio_to_best_peer(results, name), own.ns_per_object()) {
            (Some((e, who)), Some(own_ns)) => {
                let peer_ns = find(results, name, &who).and_then(Measurement::ns_per_object);
                (
                    Some(e),
                    format!(
                        "gc-core {own_ns:.1} ns vs {who} {} ns per unit (medians; the fastest peer that freed everything), ratio per round",
                        opt(peer_ns, |x| format!("{x:.1}"))
                    ),
                )
            }
            _ => (None, "no peer ran this workload without leaking".into()),
        };
        g.push(
            goal_bound(
                &format!("{name}: gc-core faster than the best Rust peer"),
                name,
                estimate,
                1.0,
                true,
                detail,
            )
            .between(&needs),
        );
    }
    g
}

/// The goal line of one minipy script: gc-core's (minipy's) gc time per collected object (per
/// traversed edge for gc_traversal) over CPython's, met when below 1.
pub fn script_goal(results: &[Measurement], w: Workload) -> Goal {
    let name = w.name();
    let unit = w.script_spec().map_or("", |sc| sc.per);
    let (subject, reference) = (registry::subject().name, registry::reference().name);
    let own = find(results, name, subject).filter(|m| m.ok());
    let py = find(results, name, reference).filter(|m| m.ok());
    let figures = |m: Option<&Measurement>| m.and_then(|m| m.ns_per_object());
    let estimate = paired(results, name, subject, reference);
    let (measured, mut detail) = match (figures(own), figures(py)) {
        (Some(a), Some(b)) if b > 0.0 && estimate.is_some() => (
            estimate,
            format!("minipy {a:.1} ns vs CPython {b:.1} ns of collector time {unit} (medians)"),
        ),
        _ => (
            None,
            "needs both minipy and CPython (`--features minipy`, python3)".into(),
        ),
    };
    let checks = (
        own.and_then(|m| m.script.as_ref()).map(|r| &r.check),
        py.and_then(|m| m.script.as_ref()).map(|r| &r.check),
    );
    if let (Some(a), Some(b)) = checks {
        if a != b {
            detail.push_str(&format!("; CHECK VALUES DIFFER (minipy {a}, CPython {b})"));
        }
    }
    goal_bound(
        &format!("{name}: minipy's collector spends less time {unit} than CPython's"),
        name,
        measured,
        1.0,
        true,
        detail,
    )
    .between(&[subject, reference])
}

/// The goal lines of the minipy scripts that ran (on either interpreter).
pub fn script_goals(results: &[Measurement]) -> Vec<Goal> {
    Workload::scripts()
        .filter(|w| results.iter().any(|m| m.workload == w.name() && m.ok()))
        .map(|w| script_goal(results, w))
        .collect()
}

/// The section on the minipy scripts (markdown; also printed on the terminal), or an empty
/// string when none of them ran.
pub fn scripts_markdown(results: &[Measurement]) -> String {
    let cells: Vec<&Measurement> = Workload::scripts()
        .flat_map(|w| {
            [registry::subject(), registry::reference()]
                .into_iter()
                .filter_map(move |c| find(results, w.name(), c.name))
        })
        .filter(|m| m.ok() && m.script.is_some())
        .collect();
    if cells.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "## minipy scripts: time spent collecting, minipy (gc-core) vs CPython\n\n\
         Each script of `minipy/benchmarks/` runs on minipy in process (`minipy::bench::run_script`; its heap is \
         gc-core), each run on a fresh thread and so with a fresh gc-core heap, and on `python3` as a subprocess, the same file with the same arguments. The script measures \
         itself: `gc` is the time spent in the cycle collector (minipy: the sum of `duration` over `gc.get_stats()`; \
         CPython 3.11: `gc.callbacks` with `time.perf_counter()`), wall the measured part of the script. Figures are \
         those of the run with the median gc time (the lower middle one for an even number of rounds).\n\n\
         | script | interpreter | args | wall | gc | gc share | collections | collected | gc ns / collected | gc ns / examined | gc ns / edge | check |\n\
         |---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n",
    );
    let f1 = |x: Option<f64>| opt(x, |x| format!("{x:.1}"));
    for m in &cells {
        let r = m.script.as_ref().expect("filtered");
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {:.0}% | {} | {} | {} | {} | {} | {} |",
            r.script,
            registry::find(&m.collector)
                .and_then(|c| c.caps.python)
                .map_or("", Python::label),
            r.args.join(" "),
            fmt_ns((r.wall_s * 1e9) as u64),
            fmt_ns((r.gc_s * 1e9) as u64),
            if r.wall_s > 0.0 {
                100.0 * r.gc_s / r.wall_s
            } else {
                0.0
            },
            r.collections,
            r.collected,
            f1(r.gc_ns_per_collected()),
            f1(r.gc_ns_per_examined()),
            f1(r.gc_ns_per_edge()),
            r.check
        );
    }
    out.push('\n');
    for g in script_goals(results) {
        let _ = writeln!(
            out,
            "- **{}**: {} ({}{}{})",
            g.status,
            g.goal,
            opt(g.measured, |x| format!("ratio {x:.3}, ")),
            opt(
                Some(g.interval_text()).filter(|t| !t.is_empty()),
                |t| format!("95% interval {t}; ")
            ),
            g.detail
        );
    }
    out.push_str(
        "\n\
         How to read it: `gc ns / collected` is the collector's time divided by the objects it freed; for \
         gc_traversal, which frees nothing, the unit is the edge traversed, (LOOPS + 1) x N(N-1)/2 (one \
         `gc.collect()` before the loop and one per loop, each walking all N(N-1)/2 references; automatic \
         collections while the lists are built are in the gc time too). `gc ns / examined` divides by the objects \
         minipy's collector examined (`candidates` in its `gc.get_stats()`); CPython 3.11 does not report it. \
         Goals compare gc ns per unit, each interpreter dividing by its own count of collected objects.\n\n\
         In results.csv and results.json these rows are the workloads `minipy-<script>` with collectors `gc-core` \
         (minipy) and `cpython`: `objects` = objects collected (gc_traversal: edges traversed), \
         `median_ns`/`min_ns`/`max_ns` = gc time of the runs (not wall time), `ns_per_object` = gc ns per collected \
         object (per edge), `collections` = the script's collections; heap bytes, leaks and pauses are not measured \
         there (results.json carries the script's whole result, wall time and objects examined included, under \
         `script`).\n\n\
         The object models differ: in closures.py CPython frees 7 objects per iteration (its closures hold cells), \
         minipy 6; and a CPython full collection also walks the interpreter's own objects (modules, functions: tens \
         of thousands), which gc_collect.py's and gc_traversal.py's explicit `gc.collect()` calls pay for, while \
         minipy's heap holds only the script's objects. CPython's gc time comes from `gc.callbacks` around each \
         collection (the callback's own cost included); minipy's from its collector's own clock.\n\n",
    );
    out
}

pub(crate) fn fmt_ns(ns: u64) -> String {
    let ns = ns as f64;
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} us", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

pub(crate) fn opt<T>(x: Option<T>, f: impl Fn(T) -> String) -> String {
    x.map(f).unwrap_or_default()
}

/// The two collectors the ratio columns of the main section divide by: the baseline and the
/// subject (`rc`, `gc-core`).
pub fn main_bases() -> [&'static str; 2] {
    [registry::baseline().name, registry::subject().name]
}

/// The rows of the results table, as strings (shared by the terminal and markdown tables),
/// with ratio columns to the two collectors `bases` (`x rc`, `x gc-core`).
pub(crate) fn rows(results: &[Measurement], bases: [&str; 2]) -> (Vec<String>, Vec<Vec<String>>) {
    let head: Vec<String> = [
        "workload",
        "collector",
        "objects",
        "runs",
        "median",
        "min",
        "max",
        "ns/obj",
        "B/obj",
        "leaked",
        "GCs",
        "max pause",
    ]
    .into_iter()
    .map(String::from)
    .chain(bases.iter().map(|b| format!("x {b}")))
    .collect();
    let rows = results
        .iter()
        .map(|m| {
            if let Some(reason) = &m.unsupported {
                let mut r = vec![m.workload.clone(), m.collector.clone()];
                r.push(format!("n/a: {reason}"));
                r.resize(head.len(), String::new());
                return r;
            }
            vec![
                m.workload.clone(),
                m.collector.clone(),
                m.objects.to_string(),
                m.runs_ns.len().to_string(),
                fmt_ns(m.median_ns),
                fmt_ns(m.min_ns),
                fmt_ns(m.max_ns),
                opt(m.ns_per_object(), |x| format!("{x:.1}")),
                opt(m.bytes_per_object, |x| format!("{x:.0}")),
                opt(m.leaked_objects, |x| x.to_string()),
                opt(m.collections, |x| x.to_string()),
                opt(m.longest_pause_ns, fmt_ns),
                opt(ratio(results, &m.workload, &m.collector, bases[0]), |x| {
                    format!("{x:.2}")
                }),
                opt(ratio(results, &m.workload, &m.collector, bases[1]), |x| {
                    format!("{x:.2}")
                }),
            ]
        })
        .collect();
    (head, rows)
}

/// A fixed-width table for the terminal.
pub fn table(results: &[Measurement]) -> String {
    table_with(results, main_bases())
}

/// A fixed-width table for the terminal, with ratio columns to `bases`.
pub fn table_with(results: &[Measurement], bases: [&str; 2]) -> String {
    let (head, rows) = rows(results, bases);
    let mut width: Vec<usize> = head.iter().map(|h| h.len()).collect();
    for r in &rows {
        if r[4].is_empty() && r[2].starts_with("n/a") {
            continue; // reasons span the row; do not widen the column for them
        }
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.len());
        }
    }
    let mut out = String::new();
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&width)
            .enumerate()
            .map(|(i, (c, w))| {
                if i < 2 {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    let _ = writeln!(out, "{}", line(&head));
    let mut last = String::new();
    for r in &rows {
        if r[0] != last && !last.is_empty() {
            out.push('\n');
        }
        last = r[0].clone();
        if r[4].is_empty() && r[2].starts_with("n/a") {
            let _ = writeln!(
                out,
                "{:<w0$}  {:<w1$}  {}",
                r[0],
                r[1],
                r[2],
                w0 = width[0],
                w1 = width[1]
            );
        } else {
            let _ = writeln!(out, "{}", line(r));
        }
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// results.csv: one row per cell; empty figures where a collector could not run the workload.
pub fn csv(results: &[Measurement]) -> String {
    csv_with(results, main_bases())
}

/// A CSV of `results` with ratio columns to `bases` (`ratio_to_rc`, `ratio_to_gc_core`).
pub fn csv_with(results: &[Measurement], bases: [&str; 2]) -> String {
    let mut out = String::from(
        "workload,collector,objects,median_ns,min_ns,max_ns,ns_per_object,bytes_per_object,leaked_objects,collections,longest_pause_ns",
    );
    for b in bases {
        let _ = write!(out, ",ratio_to_{}", b.replace('-', "_"));
    }
    out.push_str(",runs,note\n");
    for m in results {
        let ok = m.ok();
        let num = |x: u64| if ok { x.to_string() } else { String::new() };
        let cells = [
            m.workload.clone(),
            m.collector.clone(),
            num(m.objects),
            num(m.median_ns),
            num(m.min_ns),
            num(m.max_ns),
            opt(m.ns_per_object(), |x| format!("{x:.3}")),
            opt(m.bytes_per_object.filter(|_| ok), |x| format!("{x:.1}")),
            opt(m.leaked_objects.filter(|_| ok), |x| x.to_string()),
            opt(m.collections.filter(|_| ok), |x| x.to_string()),
            opt(m.longest_pause_ns.filter(|_| ok), |x| x.to_string()),
            opt(ratio(results, &m.workload, &m.collector, bases[0]), |x| {
                format!("{x:.3}")
            }),
            opt(ratio(results, &m.workload, &m.collector, bases[1]), |x| {
                format!("{x:.3}")
            }),
            num(m.runs_ns.len() as u64),
            csv_field(m.unsupported.as_deref().unwrap_or("")),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// The goals as a markdown table.
pub fn goals_markdown(goals: &[Goal]) -> String {
    let mut out = String::from(
        "| goal | measured | 95% interval | bound | status | how |\n|---|---:|---|---:|---|---|\n",
    );
    for g in goals {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | **{}** | {} |",
            g.goal,
            opt(g.measured, |x| format!("{x:.3}")),
            g.interval_text(),
            opt(g.bound, |x| format!("{x:.3}")),
            g.status,
            g.detail
        );
    }
    out
}

/// The goals for the terminal.
pub fn goals_text(goals: &[Goal]) -> String {
    let mut out = String::new();
    for g in goals {
        let interval = g.interval_text();
        let figures = match (g.measured, g.bound) {
            (Some(m), Some(b)) if !interval.is_empty() => {
                format!(" (measured {m:.3}, interval {interval}; bound {b:.3})")
            }
            (Some(m), Some(b)) => format!(" (measured {m:.3}, bound {b:.3})"),
            (None, Some(b)) => format!(" (bound {b:.3})"),
            _ => String::new(),
        };
        let _ = writeln!(out, "[{:^12}] {}{}", g.status, g.goal, figures);
    }
    out
}

/// report.md.
pub fn markdown(r: &Report, charts: &[(String, String)]) -> String {
    let mut out = String::new();
    let m = &r.machine;
    let _ = writeln!(out, "# gc-bench report\n");
    let _ = writeln!(out, "Command: `{}`\n", r.command);
    let _ = writeln!(
        out,
        "Machine: {} logical CPUs ({}), {}, {}; {}; {}; bench built in {} mode. Wall time {:.1} s.\n",
        m.nproc,
        m.cpu_model,
        m.memory,
        m.os,
        m.rustc,
        m.python.as_deref().unwrap_or("no python3"),
        m.profile,
        r.wall_seconds,
    );
    let _ = writeln!(
        out,
        "Load average (1 / 5 / 15 min, from /proc/loadavg): {} at the start, {} at the end. A load above the \
         {} CPUs means other processes competed for them: absolute times are then inflated, and the intervals \
         below are wider.\n",
        fmt_load(r.load_start),
        fmt_load(r.load_end),
        m.nproc
    );
    for line in &r.left_out {
        let _ = writeln!(out, "{line}\n");
    }
    let _ = writeln!(
        out,
        "How the verdicts are reached: within a workload the collectors run in interleaved rounds (every collector \
         once per round, in an order that rotates each round), so that neighbouring runs share the machine's \
         conditions. A goal's figure is the median over rounds of the per-round ratio of time per unit; its 95% \
         interval is the order-statistic (sign-test) interval of that median, which assumes nothing about the \
         noise but needs at least 6 rounds. Rounds repeat ({} to {}; no new round after {:.0} s per workload, counting the runs of the collectors the goals compare, once the fewest are done, nor after five times that before) until every goal \
         of the workload is decided with its interval at least {:.0}% of the bound away from it, or its interval is within {:.0}% of its median (a goal \
         decided by an interval that only just clears its bound keeps running: stopping there made consecutive runs disagree); collectors that no goal compares \
         (not gc-core, not the baseline, not a peer within 1.5x of the best peer) stop after 3 rounds, so their runs \
         column says 3. A goal is **met** when the \
         whole interval is within the bound, **missed** when it is wholly beyond it, and **inconclusive** when it \
         straddles the bound or there were too few rounds.\n",
        r.rounds.min_rounds,
        r.rounds.max_rounds,
        r.rounds.budget.as_secs_f64(),
        crate::rounds::CLEARANCE * 100.0,
        r.rounds.precision * 100.0
    );
    let _ = writeln!(
        out,
        "Figures: median wall time of the runs (min and max beside it, and the number of runs), ns per unit (the unit is given per workload), \
         peak heap growth divided by the most objects live at once (counting global allocator; CPython: growth of peak RSS, only for shapes whose heap is alive all at once), objects left \
         unfreed after the workload dropped its roots and ran its collections (the most over the runs), collections per run and the longest one \
         observed (gc-core: every collection through `gc_core::callbacks`; peers: explicit collections only, automatic \
         ones counted where the crate reports them; CPython: `gc.callbacks`), and ratios of median time per unit to `rc` and \
         to `gc-core` on the same workload (ratios of medians, for reading; the goals use the median of per-round ratios, \
         which can differ).\n"
    );
    let shown = shown_goals(&r.goals);
    let _ = writeln!(out, "## Goals\n\n{}", goals_markdown(&shown));
    let not_judged = not_measured_line(&r.goals);
    if !not_judged.is_empty() {
        let _ = writeln!(out, "{not_judged}\n");
    }
    let against_previous = previous::text(r.previous.as_ref());
    if !against_previous.is_empty() {
        let _ = writeln!(out, "{against_previous}");
    }
    if let Some((_, file)) = charts.iter().find(|(w, _)| w == "overview") {
        let _ = writeln!(
            out,
            "![gc-core over the best Rust peer, per workload]({file})\n"
        );
    }
    out.push_str(&scripts_markdown(&r.results));
    out.push_str(&crate::realprograms::markdown(&r.results));
    if !r.results.is_empty() {
        let _ = writeln!(out, "## Results\n");
    }
    let (head, rows) = rows(&r.results, main_bases());
    let mut seen = Vec::new();
    for w in Workload::ALL {
        let name = w.name();
        if !r.results.iter().any(|m| m.workload == name) || seen.contains(&name) {
            continue;
        }
        seen.push(name);
        let _ = writeln!(
            out,
            "### {name}\n\n{} Unit: {}.\n",
            w.describe(&r.sizes),
            w.unit()
        );
        let _ = writeln!(out, "| {} |", head[1..].join(" | "));
        let _ = writeln!(out, "|---|{}", "---:|".repeat(head.len() - 2));
        for row in rows.iter().filter(|row| row[0] == name) {
            let _ = writeln!(out, "| {} |", row[1..].join(" | "));
        }
        if let Some((_, file)) = charts.iter().find(|(w, _)| w == name) {
            let _ = writeln!(out, "\n![{name}]({file})");
        }
        out.push('\n');
    }
    if let Some(t) = &r.threads {
        out.push_str(&crate::thread_report::markdown(t, charts));
    }
    let reasons: Vec<&Measurement> = r
        .results
        .iter()
        .chain(r.threads.iter().flat_map(|t| &t.results))
        .filter(|m| m.unsupported.is_some())
        .collect();
    if !reasons.is_empty() {
        let _ = writeln!(out, "## Cells that did not run\n");
        let mut grouped: Vec<(&str, &str, Vec<&str>)> = Vec::new();
        for m in reasons {
            let reason = m.unsupported.as_deref().unwrap_or("");
            match grouped
                .iter_mut()
                .find(|(c, why, _)| *c == m.collector && *why == reason)
            {
                Some((_, _, ws)) => ws.push(&m.workload),
                None => grouped.push((&m.collector, reason, vec![&m.workload])),
            }
        }
        for (c, why, ws) in grouped {
            let _ = writeln!(out, "- {c} on {}: {why}", ws.join(", "));
        }
        out.push('\n');
    }
    if !r.results.is_empty() {
        out.push_str(&crate::why::markdown(&r.results));
    }
    let _ = writeln!(
        out,
        "## Notes\n\n\
         - `rc` is `std::rc::Rc` with `RefCell` slots; on doubly linked lists and parent-pointer trees its back-pointer \
           is a `Weak` (the hand-written way to avoid the leak); on the other cyclic shapes it leaks, which the leaked \
           column shows (those cells run once, since what leaks stays leaked for the rest of the process). It has no \
           collector, so workloads that time only collections do not apply.\n\
         - `gc` (rust-gc) is a tracing mark-and-sweep collector: it frees acyclic garbage only when it collects, so \
           every workload ends with one explicit full collection for every collector (a no-op for `rc`).\n\
         - gcmodule and bacon_rajan_cc never collect on their own: their garbage waits for the workload's explicit \
           collections.\n\
         - Collection-only workloads (gc-traversal, live heaps) clone and drop the root before each timed collection: \
           bacon_rajan_cc, rust-cc and dumpster examine only objects whose count was decremented, so without it \
           their \"full collection\" of a live heap would examine nothing.\n\
         - The longest pause is the longest single collection anywhere in a run, setup included (for young-gc-with-old \
           that is the collection of the 1,000,000 old objects, not a young one).\n\
         - CPython's random mutator uses Python's `random` with the same seed (a different sequence of the same \
           distribution), and its live-heap shuffle is Python's; all other shapes are identical.\n"
    );
    out
}

/// A Markdown table with its columns padded to their widest cell, as the terminal binaries
/// print it (cells missing from a short row are blank; cells past the header are dropped).
///
/// ```
/// let t = gc_bench::report::padded_table(
///     &["mode".into(), "ms".into()],
///     &[vec!["stop-the-world".into(), "5".into()]],
/// );
/// assert_eq!(t, "| mode           | ms |\n|----------------|----|\n| stop-the-world | 5  |\n");
/// ```
pub fn padded_table(header: &[String], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(String::len).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.len());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::from("|");
        for (i, w) in widths.iter().enumerate() {
            let c = cells.get(i).map(String::as_str).unwrap_or("");
            s.push_str(&format!(" {c:<w$} |"));
        }
        s + "\n"
    };
    let mut out = line(header);
    out.push('|');
    for w in &widths {
        out.push_str(&format!("{}|", "-".repeat(w + 2)));
    }
    out.push('\n');
    for row in rows {
        out.push_str(&line(row));
    }
    out
}
