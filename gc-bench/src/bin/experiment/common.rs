//! What every experiment shares: the run configuration, the report it returns, statistics over
//! repeated measurements, fresh threads (every thread has its own gc-core heap), a drop counter
//! and the CPython runner.

use std::cell::Cell;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How an experiment is run.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Tiny sizes and one repetition: checks that the experiment runs and frees what it should,
    /// says nothing about the claim.
    pub smoke: bool,
    /// Repetitions of each measurement (the figures are the median, with min and max).
    pub runs: usize,
    /// Run the CPython side (`python3`) where an experiment has one.
    pub python: bool,
}

impl Config {
    /// `full` when not a smoke run, `smoke` otherwise.
    pub fn pick<T>(&self, full: T, smoke: T) -> T {
        if self.smoke {
            smoke
        } else {
            full
        }
    }
}

/// What the figures say about the claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The figures are what the claim predicts.
    Supports,
    /// The figures go against the claim.
    Contradicts,
    /// The figures decide nothing (too small, too noisy, or a side could not be run).
    Inconclusive,
}

impl Verdict {
    /// The words printed in the verdict line.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supports => "supports the claim",
            Verdict::Contradicts => "contradicts the claim",
            Verdict::Inconclusive => "inconclusive",
        }
    }
}

/// One experiment's result: a table for people, named figures and checks for the smoke test
/// and the JSON output, and a verdict computed from the figures.
#[derive(Debug)]
pub struct Report {
    /// The experiment's name (`--experiment NAME`).
    pub name: &'static str,
    /// The claim, in one sentence, with its source.
    pub claim: &'static str,
    /// Column headers of the table.
    pub header: Vec<String>,
    /// Rows of the table.
    pub rows: Vec<Vec<String>>,
    /// Named figures (ratios, exponents, counts) the verdict is computed from.
    pub figures: Vec<(String, f64)>,
    /// Named facts that must hold for the figures to mean anything (garbage actually freed,
    /// nothing live freed).
    pub checks: Vec<(String, bool)>,
    /// The verdict.
    pub verdict: Verdict,
    /// Why, from the figures.
    pub reason: String,
    /// Anything a reader must know to read the figures (thresholds lowered, a side not run).
    pub notes: Vec<String>,
}

impl Report {
    /// An empty report for `name`.
    pub fn new(name: &'static str, claim: &'static str, header: &[&str]) -> Report {
        Report {
            name,
            claim,
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            figures: Vec::new(),
            checks: Vec::new(),
            verdict: Verdict::Inconclusive,
            reason: String::new(),
            notes: Vec::new(),
        }
    }

    /// Add a row to the table.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Record a named figure.
    pub fn figure(&mut self, name: &str, value: f64) {
        self.figures.push((name.to_string(), value));
    }

    /// Record a named check.
    pub fn check(&mut self, name: &str, ok: bool) {
        self.checks.push((name.to_string(), ok));
    }

    /// Add a note.
    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// Set the verdict and its reason. A failed check makes any verdict inconclusive.
    pub fn conclude(&mut self, verdict: Verdict, reason: impl Into<String>) {
        let failed: Vec<&str> = self
            .checks
            .iter()
            .filter(|(_, ok)| !ok)
            .map(|(n, _)| n.as_str())
            .collect();
        if failed.is_empty() {
            self.verdict = verdict;
            self.reason = reason.into();
        } else {
            self.verdict = Verdict::Inconclusive;
            self.reason = format!("checks failed: {}", failed.join(", "));
        }
    }

    /// The report as text: the claim, the table, the notes and the verdict line.
    pub fn to_text(&self) -> String {
        let mut out = format!("== {} ==\nclaim: {}\n\n", self.name, self.claim);
        out.push_str(&gc_bench::report::padded_table(&self.header, &self.rows));
        out.push('\n');
        for (name, value) in &self.figures {
            out.push_str(&format!("figure {name} = {}\n", fmt_num(*value)));
        }
        for (name, ok) in &self.checks {
            out.push_str(&format!(
                "check {name}: {}\n",
                if *ok { "ok" } else { "FAILED" }
            ));
        }
        for n in &self.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        out.push_str(&format!(
            "verdict: {} ({})\n",
            self.verdict.as_str(),
            self.reason
        ));
        out
    }

    /// The report as JSON (one object).
    pub fn to_json(&self) -> Value {
        let figures: serde_json::Map<String, Value> = self
            .figures
            .iter()
            .map(|(n, v)| {
                let v = if v.is_finite() { json!(v) } else { Value::Null };
                (n.clone(), v)
            })
            .collect();
        let checks: serde_json::Map<String, Value> = self
            .checks
            .iter()
            .map(|(n, ok)| (n.clone(), json!(ok)))
            .collect();
        json!({
            "name": self.name,
            "claim": self.claim,
            "header": self.header,
            "rows": self.rows,
            "figures": figures,
            "checks": checks,
            "verdict": match self.verdict {
                Verdict::Supports => "supports",
                Verdict::Contradicts => "contradicts",
                Verdict::Inconclusive => "inconclusive",
            },
            "reason": self.reason,
            "notes": self.notes,
        })
    }
}

/// A number with about four significant digits.
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let a = v.abs();
    if a == 0.0 || (1e-3..1e6).contains(&a) {
        let digits = if a >= 100.0 {
            1
        } else if a >= 1.0 {
            3
        } else {
            4
        };
        format!("{v:.digits$}")
    } else {
        format!("{v:.3e}")
    }
}

/// Median, min and max of repeated measurements.
#[derive(Clone, Copy, Debug)]
pub struct Spread {
    /// The median.
    pub median: f64,
    /// The smallest.
    pub min: f64,
    /// The largest.
    pub max: f64,
}

impl Spread {
    /// The spread of `values` (NaNs if empty).
    pub fn of(values: &[f64]) -> Spread {
        if values.is_empty() {
            return Spread {
                median: f64::NAN,
                min: f64::NAN,
                max: f64::NAN,
            };
        }
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        };
        Spread {
            median,
            min: v[0],
            max: v[n - 1],
        }
    }

    /// `median [min-max]`, each with `fmt_num`.
    pub fn show(&self) -> String {
        format!(
            "{} [{}-{}]",
            fmt_num(self.median),
            fmt_num(self.min),
            fmt_num(self.max)
        )
    }
}

/// The growth exponent `k` of `y ~ x^k` between two points.
pub fn exponent(x1: f64, y1: f64, x2: f64, y2: f64) -> f64 {
    (y2 / y1).ln() / (x2 / x1).ln()
}

/// Milliseconds of a duration.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Time `f`.
pub fn timed<R>(f: impl FnOnce() -> R) -> (R, Duration) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed())
}

/// Run `f` on a new thread, so that it starts from an empty gc-core heap with the default
/// thresholds, and give back its result (a panic in `f` is re-raised here).
pub fn on_fresh_thread<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    std::thread::scope(|s| match s.spawn(f).join() {
        Ok(r) => r,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}

thread_local! {
    static DROPS: Cell<u64> = const { Cell::new(0) };
}

/// A field that counts its drops on the current thread: the experiments put one in every node
/// so that "freed" is counted, not inferred.
#[derive(Debug, Default)]
pub struct Counted;

impl Drop for Counted {
    fn drop(&mut self) {
        DROPS.with(|d| d.set(d.get() + 1));
    }
}

/// Values dropped on this thread so far.
pub fn drops() -> u64 {
    DROPS.with(Cell::get)
}

/// Where the CPython scripts are: `papers/results/experiments/` in the workspace.
pub fn scripts_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../papers/results/experiments")
}

/// Run `python3 papers/results/experiments/<script> <args>` and parse the last line of its
/// output as JSON. An error says why it could not (no python3, the script failed).
pub fn run_python(script: &str, args: &[String]) -> Result<Value, String> {
    let path = scripts_dir().join(script);
    let out = Command::new("python3")
        .arg(&path)
        .args(args)
        .output()
        .map_err(|e| format!("could not run python3: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "python3 {} failed: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .ok_or_else(|| format!("python3 {} printed nothing", path.display()))?;
    serde_json::from_str(last).map_err(|e| format!("bad JSON from {script}: {e}"))
}

/// The Python version string, or why there is none.
pub fn python_version() -> Result<String, String> {
    let out = Command::new("python3")
        .arg("--version")
        .output()
        .map_err(|e| format!("could not run python3: {e}"))?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// A small deterministic random number generator (xorshift64*), so runs are repeatable.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced by a constant).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// A JSON number as f64 (NaN when absent).
pub fn jf(v: &Value, key: &str) -> f64 {
    v.get(key).and_then(Value::as_f64).unwrap_or(f64::NAN)
}
