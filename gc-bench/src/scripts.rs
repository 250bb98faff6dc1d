//! The minipy benchmark scripts (`minipy/benchmarks/*.py`): each one run by minipy in process
//! (its heap is gc-core; `minipy::bench`) and by `python3` as a subprocess, the same file with
//! the same arguments. The scripts time themselves and print one JSON line (script,
//! interpreter, wall_s, gc_s, collections, collected, examined, check, ...), which becomes a
//! [`Measurement`]: `median_ns` is the time spent collecting, `objects` the objects collected
//! (gc_traversal frees nothing: there the edges traversed), so `ns_per_object` is gc time per
//! collected object (per traversed edge). Needs the `minipy` feature.

use serde::{Deserialize, Serialize};

use crate::harness::{Measurement, RunPlan};
use crate::registry::{self, CollectorEntry, Python};
use crate::workloads::{Sizes, Workload};

/// What one run of a script reported, plus the arguments it got.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct ScriptRun {
    /// Script name (`gc_collect`).
    pub script: String,
    /// `minipy` or `cpython`, as the script printed it.
    pub interpreter: String,
    /// The arguments after the script path.
    pub args: Vec<String>,
    /// Seconds of the measured part of the script.
    pub wall_s: f64,
    /// Seconds spent in the cycle collector (automatic and explicit collections).
    pub gc_s: f64,
    /// Where `gc_s` came from (`get_stats` on minipy, `callbacks` on CPython 3.11).
    pub gc_time_from: String,
    /// Collections run.
    pub collections: u64,
    /// Objects freed by the collector.
    pub collected: u64,
    /// Objects the collector examined (minipy only; `None` on CPython).
    pub examined: Option<u64>,
    /// gc_traversal only: edges traversed by the full collections, (LOOPS + 1) x N(N-1)/2.
    pub edges: Option<u64>,
    /// The script's check value (must be the same on both interpreters).
    pub check: serde_json::Value,
    /// The real programs only: the collector's own clock (the sum of `duration` over
    /// minipy's `gc.get_stats()`), beside `gc_s` from `gc.callbacks`; `None` on CPython.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gc_clock_s: Option<f64>,
    /// The real programs only: objects the collector tracked when the program started (the
    /// interpreter's own, which its full collections walk too).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracked_at_start: Option<u64>,
    /// The real programs only: how the program's own output compares with what python3
    /// prints (`minipy/realprograms/expected/`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<crate::realprograms::OutputCheck>,
}

impl ScriptRun {
    /// The unit the gc time is divided by: edges for gc_traversal, objects collected else.
    pub fn units(&self) -> u64 {
        self.edges.unwrap_or(self.collected)
    }

    /// Nanoseconds of collection per unit (see [`ScriptRun::units`]).
    pub fn gc_ns_per_unit(&self) -> Option<f64> {
        per(self.gc_s, self.units())
    }

    /// Nanoseconds of collection per collected object.
    pub fn gc_ns_per_collected(&self) -> Option<f64> {
        per(self.gc_s, self.collected)
    }

    /// Nanoseconds of collection per examined object (minipy only).
    pub fn gc_ns_per_examined(&self) -> Option<f64> {
        self.examined.and_then(|e| per(self.gc_s, e))
    }

    /// Nanoseconds of collection per traversed edge (gc_traversal only).
    pub fn gc_ns_per_edge(&self) -> Option<f64> {
        self.edges.and_then(|e| per(self.gc_s, e))
    }
}

fn per(seconds: f64, n: u64) -> Option<f64> {
    (n > 0).then(|| seconds * 1e9 / n as f64)
}

/// Parse a script's JSON line. `args` are the arguments it ran with.
pub fn parse(line: &str, args: &[String]) -> Result<ScriptRun, String> {
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("unreadable result line {line:?}: {e}"))?;
    let f = |k: &str| v.get(k).and_then(|x| x.as_f64());
    let u = |k: &str| v.get(k).and_then(|x| x.as_u64());
    let script = v
        .get("script")
        .and_then(|x| x.as_str())
        .ok_or("result line has no script")?
        .to_string();
    // The script that reports nesting levels (gc_traversal) frees nothing: its units are the
    // edges its full collections traverse. One gc.collect() before the loop, then one per
    // loop: every one walks every edge.
    let edges = u("levels")
        .map(|levels| (u("loops").unwrap_or(0) + 1) * (levels * levels.saturating_sub(1) / 2));
    Ok(ScriptRun {
        script,
        interpreter: v
            .get("interpreter")
            .and_then(|x| x.as_str())
            .unwrap_or("")
            .to_string(),
        args: args.to_vec(),
        wall_s: f("wall_s").ok_or("result line has no wall_s")?,
        gc_s: f("gc_s").ok_or("result line has no gc_s")?,
        gc_time_from: v
            .get("gc_time_from")
            .and_then(|x| x.as_str())
            .unwrap_or("")
            .to_string(),
        collections: u("collections").unwrap_or(0),
        collected: u("collected").unwrap_or(0),
        examined: u("examined"),
        edges,
        check: v.get("check").cloned().unwrap_or(serde_json::Value::Null),
        gc_clock_s: f("gc_clock_s"),
        tracked_at_start: u("tracked_at_start"),
        output: None,
    })
}

/// Run one script workload on collector `c` (the heap of a Python interpreter: gc-core's is
/// minipy's, and `cpython`); see [`measure_runs`].
pub fn measure(c: &CollectorEntry, w: Workload, sizes: &Sizes, plan: &RunPlan) -> Measurement {
    let Some(script) = w.script() else {
        return Measurement::unsupported(w.name(), c.name, "not a minipy script".into());
    };
    let args = w.script_args(sizes);
    measure_runs(c, w, plan, "the minipy scripts", |python| {
        let out = match python {
            Python::CPython => run_cpython(script, &args),
            Python::Minipy => run_minipy(script, &args),
        }?;
        let line = last_line(&out).ok_or_else(|| "the script printed nothing".to_string())?;
        parse(line, &args)
    })
}

/// Run a Python program workload on collector `c` up to `plan.runs` times (stopping once the
/// cell budget is spent; at least one run), `run` doing one run on the collector's
/// interpreter, and keep the run with the median gc time (the lower middle one for an even
/// count): its gc time is the row's `median_ns`, its units the row's `objects`, and
/// `min_ns`/`max_ns` those of all runs. `what` names the workloads in the reasons a cell
/// cannot run. Shared by the scripts and [`crate::realprograms`].
pub fn measure_runs(
    c: &CollectorEntry,
    w: Workload,
    plan: &RunPlan,
    what: &str,
    run: impl Fn(Python) -> Result<ScriptRun, String>,
) -> Measurement {
    let fail = |reason: String| Measurement::unsupported(w.name(), c.name, reason);
    let Some(python) = c.caps.python else {
        return fail(format!("{what} run on {} only", registry::python_labels()));
    };
    if !crate::MINIPY_ENABLED {
        return fail(format!(
            "skipped: build with `--features minipy` to run {what}"
        ));
    }
    let started = std::time::Instant::now();
    let mut runs = Vec::new();
    for i in 0..plan.runs.max(1) {
        if i > 0 && started.elapsed() >= plan.cell_budget {
            break;
        }
        match run(python) {
            Ok(r) => runs.push(r),
            Err(e) => return fail(e),
        }
    }
    let mut m = fail(String::new());
    m.unsupported = None;
    m.runs_ns = runs.iter().map(|r| (r.gc_s * 1e9).round() as u64).collect();
    m.summarise();
    runs.sort_by(|a, b| a.gc_s.total_cmp(&b.gc_s));
    // The median run (the lower of the two middle ones for an even count), so that the row's
    // time and the script's figures in the report come from the same run.
    let median = runs.swap_remove((runs.len() - 1) / 2);
    m.median_ns = (median.gc_s * 1e9).round() as u64;
    m.objects = median.units();
    m.collections = Some(median.collections);
    m.script = Some(median);
    m
}

fn last_line(out: &str) -> Option<&str> {
    out.lines().rev().find(|l| !l.trim().is_empty())
}

/// The script file in the workspace (`minipy/benchmarks/NAME.py`), when it is there.
pub fn script_path(script: &str) -> Option<std::path::PathBuf> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../minipy/benchmarks")
        .join(format!("{script}.py"));
    p.exists().then_some(p)
}

/// Stack of the thread a minipy run gets (minipy raises RecursionError well before it).
#[cfg(feature = "minipy")]
pub(crate) const MINIPY_STACK_BYTES: usize = 256 << 20;

/// Run `f` on a thread of its own with a [`MINIPY_STACK_BYTES`] stack: the gc-core heap, its
/// counts and its size-class pools belong to the thread, so every run starts from an empty
/// heap as every CPython run starts from a fresh process. (Runs sharing a thread inherit the
/// previous run's freed pool blocks, handed out again in an order that no longer follows
/// allocation, which made the second and third run of objects.py 10-25% slower to collect.)
#[cfg(feature = "minipy")]
pub(crate) fn on_minipy_thread<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    std::thread::Builder::new()
        .name("minipy".into())
        .stack_size(MINIPY_STACK_BYTES)
        .spawn(f)
        .map_err(|e| format!("cannot start a thread for minipy: {e}"))?
        .join()
        .unwrap_or_else(|_| Err("minipy panicked".into()))
}

/// One minipy run of a script, on a thread of its own ([`on_minipy_thread`]).
#[cfg(feature = "minipy")]
fn run_minipy(script: &str, args: &[String]) -> Result<String, String> {
    let script = script.to_string();
    let args = args.to_vec();
    on_minipy_thread(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = match script_path(&script) {
            Some(p) => minipy::bench::run_script(&p, &args),
            None => minipy::bench::run_builtin(&script, &args),
        };
        r.map_err(|e| format!("minipy failed: {e:?}"))
    })
}

#[cfg(not(feature = "minipy"))]
fn run_minipy(_script: &str, _args: &[String]) -> Result<String, String> {
    Err("skipped: build with `--features minipy`".into())
}

#[cfg(feature = "minipy")]
fn cpython_script(script: &str) -> Result<std::path::PathBuf, String> {
    if let Some(p) = script_path(script) {
        return Ok(p);
    }
    // The binary runs away from the workspace: write the compiled-in copy of the same file,
    // and next to it the modules it imports (python3 looks for them in the script's directory).
    let (_, src) = minipy::bench::SCRIPTS
        .iter()
        .find(|(n, _)| *n == script)
        .ok_or_else(|| format!("no script {script}"))?;
    let dir = temp_script_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let write = |name: &str, text: &str| {
        let p = dir.join(format!("{name}.py"));
        std::fs::write(&p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
        Ok::<_, String>(p)
    };
    for (module, text) in minipy::bench::MODULES {
        write(module, text)?;
    }
    write(script, src)
}

#[cfg(not(feature = "minipy"))]
fn cpython_script(_script: &str) -> Result<std::path::PathBuf, String> {
    Err("skipped: build with `--features minipy`".into())
}

fn run_cpython(script: &str, args: &[String]) -> Result<String, String> {
    let path = cpython_script(script)?;
    let out = std::process::Command::new("python3")
        .arg(&path)
        .args(args)
        .output()
        .map_err(|e| format!("python3 not runnable: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "python3 failed: {}",
            err.lines().last().unwrap_or("")
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The directory the compiled-in scripts are written to for python3 when the workspace is
/// absent (one per process).
fn temp_script_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("gc-bench-{}-scripts", std::process::id()))
}

/// Remove the temporary copies of the scripts (only written when the workspace is absent).
pub fn cleanup() {
    let _ = std::fs::remove_dir_all(temp_script_dir());
}
