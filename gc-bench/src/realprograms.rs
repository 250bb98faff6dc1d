//! The real programs: pyperformance's pure-Python benchmarks that minipy runs unmodified
//! (`minipy/realprograms/programs/`, with `pyperf.py`, the stand-in harness that runs each
//! benchmark once), each one run by minipy in process (its heap is gc-core) and by `python3`
//! as a subprocess: the time each interpreter's collector spends on the same program.
//!
//! Both runs are measured by the same Python module, `python/gcreal.py`, in the same process
//! as the program: `gcreal.start()` appends a function to `gc.callbacks` that adds up
//! `time.perf_counter()` differences between each collection's "start" and "stop", and reads
//! `gc.get_stats()`; the program then runs as the main module; `gcreal.report(NAME)` prints one
//! JSON line (read by [`crate::scripts::parse`]) after the program's own output. On CPython
//! `python/realprogram.py` is the driver (`python3 realprogram.py NAME PROGRAM.py`); on minipy
//! `run_minipy` does the same three steps on one [`minipy::Interpreter`]. The program's
//! output, everything before the JSON line, is compared with python3's committed output
//! (`minipy/realprograms/expected/NAME.out`) and a difference is reported, not hidden.
//!
//! A row's time is the collector's (median run by gc time), its units the objects collected.
//! Real programs need the workspace (the programs are read from it) and `--features minipy`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::harness::{Measurement, RunPlan};
use crate::registry::{self, CollectorEntry, Python};
use crate::report::{find, fmt_ns};
use crate::scripts::{self, ScriptRun};
use crate::workloads::{Sizes, Workload};

/// The measurement module, the same file on both interpreters.
pub const GCREAL: &str = include_str!("../python/gcreal.py");

/// The CPython driver: runs a program as `__main__` between `gcreal.start()` and
/// `gcreal.report()`.
pub const DRIVER: &str = include_str!("../python/realprogram.py");

/// The name `-w` accepts for every real program at once.
pub const GROUP: &str = "real-programs";

/// `minipy/realprograms/` in the workspace gc-bench was built from.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../minipy/realprograms")
}

/// The program file `programs/NAME.py`, when the workspace is there.
pub fn program_path(name: &str) -> Option<PathBuf> {
    let p = root().join("programs").join(format!("{name}.py"));
    p.exists().then_some(p)
}

/// What python3 prints for the program (`expected/NAME.out`).
pub fn expected_output(name: &str) -> Result<String, String> {
    let p = root().join("expected").join(format!("{name}.out"));
    std::fs::read_to_string(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))
}

/// How a run's output compares with python3's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutputCheck {
    /// Byte for byte what python3 prints.
    Same,
    /// Different: the first line that differs (1-based) and both versions of it (empty past
    /// the end).
    Differs {
        /// First differing line, 1-based.
        line: usize,
        /// What the run printed there.
        got: String,
        /// What python3 prints there.
        expected: String,
    },
}

impl OutputCheck {
    /// Compare a run's output with the expected one.
    pub fn of(got: &str, expected: &str) -> OutputCheck {
        if got == expected {
            return OutputCheck::Same;
        }
        let (mut g, mut e) = (got.split_inclusive('\n'), expected.split_inclusive('\n'));
        let mut line = 1;
        loop {
            match (g.next(), e.next()) {
                (Some(a), Some(b)) if a == b => line += 1,
                (a, b) => {
                    let text = |s: Option<&str>| s.unwrap_or("").trim_end().to_string();
                    return OutputCheck::Differs {
                        line,
                        got: text(a),
                        expected: text(b),
                    };
                }
            }
        }
    }

    /// In a sentence.
    pub fn describe(&self) -> String {
        match self {
            OutputCheck::Same => "same as python3".into(),
            OutputCheck::Differs {
                line,
                got,
                expected,
            } => format!("DIFFERS at line {line}: {got:?}, python3 {expected:?}"),
        }
    }
}

/// Split what a measured run printed into the program's output and the JSON line of
/// `gcreal.report` (the last line).
pub fn split_output(printed: &str) -> Result<(&str, &str), String> {
    let body = printed.strip_suffix('\n').unwrap_or(printed);
    let (program, line) = body.rsplit_once('\n').unwrap_or(("", body));
    if !line.starts_with('{') {
        return Err(format!("no measurement line at the end: {line:?}"));
    }
    let program = &printed[..program.len() + usize::from(!program.is_empty())];
    Ok((program, line))
}

/// Read one measured run: parse its JSON line and compare the program's output with
/// `expected`.
pub fn read_run(printed: &str, expected: &str) -> Result<ScriptRun, String> {
    let (program, line) = split_output(printed)?;
    let mut run = scripts::parse(line, &[])?;
    run.output = Some(OutputCheck::of(program, expected));
    Ok(run)
}

/// Run real-program workload `w` on collector `c` (see [`scripts::measure_runs`]).
pub fn measure(c: &CollectorEntry, w: Workload, _sizes: &Sizes, plan: &RunPlan) -> Measurement {
    let fail = |reason: String| Measurement::unsupported(w.name(), c.name, reason);
    let Some(real) = w.real_program() else {
        return fail("not a real program".into());
    };
    let Some(path) = program_path(real.file) else {
        return fail(format!(
            "{}.py not found: the real programs are read from the workspace ({})",
            real.file,
            root().display()
        ));
    };
    let expected = match expected_output(real.file) {
        Ok(e) => e,
        Err(e) => return fail(e),
    };
    scripts::measure_runs(c, w, plan, "the real programs", |python| {
        let printed = match python {
            Python::CPython => run_cpython(real.file, &path),
            Python::Minipy => run_minipy(real.file, &path),
        }?;
        read_run(&printed, &expected)
    })
}

/// How much of its thread's stack minipy may use before raising `RecursionError` (as the
/// `minipy` command: 200 MiB of 256).
#[cfg(feature = "minipy")]
const MINIPY_STACK_BUDGET: usize = 200 << 20;

/// One measured minipy run of a program, on a fresh thread (a fresh gc-core heap): the
/// measurement module registered as `gcreal`, `import gcreal; gcreal.start()` (the name
/// deleted again, so the program starts with clean globals), the file as the main module
/// (`sys.argv = [path]`, its imports found in its directory), then `gcreal.report(NAME)`.
/// Returns everything printed.
#[cfg(feature = "minipy")]
fn run_minipy(name: &str, path: &Path) -> Result<String, String> {
    let name = name.to_string();
    let path = path.to_path_buf();
    scripts::on_minipy_thread(move || {
        let py = minipy::Interpreter::new();
        py.set_stack_budget(MINIPY_STACK_BUDGET);
        py.capture_output();
        let shown = path.display().to_string();
        py.set_argv(&[&shown]);
        py.add_module_source("gcreal", "gcreal.py", GCREAL);
        let harness = "<gc-bench>";
        let r = py
            .run_named("import gcreal\ngcreal.start()\ndel gcreal\n", harness)
            .and_then(|()| py.run_file(&path))
            .and_then(|()| {
                py.run_named(
                    &format!("import gcreal\ngcreal.report({name:?})\ndel gcreal\n"),
                    harness,
                )
            });
        let out = py.take_output();
        drop(py);
        r.map(|()| out).map_err(|e| {
            let why = match e {
                minipy::Error::Exception { report, .. } => {
                    report.lines().last().unwrap_or("").to_string()
                }
                other => format!("{other:?}"),
            };
            format!("minipy failed: {why}")
        })
    })
}

#[cfg(not(feature = "minipy"))]
fn run_minipy(_name: &str, _path: &Path) -> Result<String, String> {
    Err("skipped: build with `--features minipy`".into())
}

/// The per-process directory the driver and the measurement module are written to.
fn driver_dir() -> PathBuf {
    std::env::temp_dir().join(format!("gc-bench-{}-real", std::process::id()))
}

/// Write the driver and `gcreal.py` once; the driver's path.
fn driver_path() -> Result<PathBuf, String> {
    let dir = driver_dir();
    let driver = dir.join("realprogram.py");
    if !driver.exists() {
        let write = |p: &Path, text: &str| {
            std::fs::write(p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))
        };
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        write(&dir.join("gcreal.py"), GCREAL)?;
        // The driver last: its presence says the directory is complete.
        write(&driver, DRIVER)?;
    }
    Ok(driver)
}

/// One measured python3 run of a program: `python3 realprogram.py NAME PATH` in the program's
/// directory. Returns everything printed on stdout.
fn run_cpython(name: &str, path: &Path) -> Result<String, String> {
    let driver = driver_path()?;
    let mut cmd = std::process::Command::new("python3");
    cmd.arg(&driver).arg(name).arg(path);
    if let Some(dir) = path.parent() {
        cmd.current_dir(dir);
    }
    let out = cmd
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

/// Remove the driver's temporary directory.
pub fn cleanup() {
    let _ = std::fs::remove_dir_all(driver_dir());
}

/// Per-round ratios of `a`'s gc time to `b`'s (rounds paired by index), smallest and largest.
fn ratio_range(a: &Measurement, b: &Measurement) -> Option<(f64, f64)> {
    let ratios: Vec<f64> = a
        .runs_ns
        .iter()
        .zip(&b.runs_ns)
        .filter(|(_, &y)| y > 0)
        .map(|(&x, &y)| x as f64 / y as f64)
        .collect();
    let lo = ratios.iter().copied().reduce(f64::min)?;
    let hi = ratios.iter().copied().reduce(f64::max)?;
    Some((lo, hi))
}

/// The figures of one interpreter's cell, as the section shows them.
struct Side<'a> {
    cell: &'a Measurement,
    run: &'a ScriptRun,
}

impl Side<'_> {
    fn output(&self) -> String {
        self.run
            .output
            .as_ref()
            .map_or_else(|| "not checked".into(), OutputCheck::describe)
    }
}

fn side<'a>(results: &'a [Measurement], w: Workload, c: &CollectorEntry) -> Option<Side<'a>> {
    let cell = find(results, w.name(), c.name).filter(|m| m.ok())?;
    let run = cell.script.as_ref()?;
    Some(Side { cell, run })
}

/// The section on the real programs (markdown; also printed on the terminal), or an empty
/// string when none of them ran.
pub fn markdown(results: &[Measurement]) -> String {
    let (own, reference) = (registry::subject(), registry::reference());
    let ran: Vec<Workload> = Workload::real_programs()
        .filter(|w| results.iter().any(|m| m.workload == w.name()))
        .collect();
    if ran.is_empty() {
        return String::new();
    }
    let (a, b) = (
        own.caps.python.map_or(own.label, Python::label),
        reference.caps.python.map_or(reference.label, Python::label),
    );
    let mut out = format!(
        "## Real programs: time spent collecting, {a} vs {b}\n\n\
         pyperformance's pure-Python benchmarks, unmodified (`minipy/realprograms/programs/`; its `pyperf.py` \
         stand-in runs each benchmark function once), each run by minipy in process (a fresh thread, so a fresh \
         gc-core heap) and by `python3` as a subprocess. Both runs are measured alike by `gc-bench/python/gcreal.py` \
         in the same process as the program: `gc` is the sum over collections of `time.perf_counter()` between the \
         `start` and `stop` calls of a `gc.callbacks` function, `run` the time from before the program's file is \
         read and compiled to after its last statement (interpreter start-up and shutdown are outside both), \
         `collections` and `collected` the differences of `gc.get_stats()`, `tracked at start` the objects the \
         collector tracked before the program ran (`len(gc.get_objects())`: the interpreter's own, which each full \
         collection walks besides the program's). `minipy's own clock` is its collector's \
         `duration` in `gc.get_stats()` (CPython 3.11 has none). `output` compares what the program printed with \
         python3's (`minipy/realprograms/expected/`). Figures are those of the run with the median gc time; the \
         ratio is of the median gc times, with the smallest and largest per-round ratio (rounds interleaved).\n\n\
         | program | run {a} | run {b} | gc {a} | gc {b} | gc ratio {a} / {b} (per-round range) | minipy's own clock | collections | collected | tracked at start | gc share of run | output {a} | output {b} |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n",
    );
    let secs = |s: f64| fmt_ns((s * 1e9).round() as u64);
    for &w in &ran {
        let (m, c) = (side(results, w, own), side(results, w, reference));
        let pair = |f: &dyn Fn(&Side) -> String| {
            format!(
                "{} / {}",
                m.as_ref().map_or("n/a".into(), f),
                c.as_ref().map_or("n/a".into(), f)
            )
        };
        let one =
            |s: &Option<Side>, f: &dyn Fn(&Side) -> String| s.as_ref().map_or("n/a".into(), f);
        let ratio = match (&m, &c) {
            (Some(x), Some(y)) => match (x.cell.median_ns, y.cell.median_ns) {
                (0, 0) => "neither collected".into(),
                (0, _) => format!("0 ({a} did not collect)"),
                (_, 0) => format!("{b} did not collect"),
                (mx, my) => {
                    let r = mx as f64 / my as f64;
                    match ratio_range(x.cell, y.cell) {
                        Some((lo, hi)) => format!("{r:.2} ({lo:.2}-{hi:.2})"),
                        None => format!("{r:.2}"),
                    }
                }
            },
            _ => "n/a".into(),
        };
        let share = |s: &Side| {
            if s.run.wall_s > 0.0 {
                format!("{:.1}%", 100.0 * s.run.gc_s / s.run.wall_s)
            } else {
                "-".into()
            }
        };
        let reason = |w: Workload, e: &CollectorEntry| {
            find(results, w.name(), e.name)
                .and_then(|m| m.unsupported.clone())
                .map(|r| format!(" ({}: {r})", e.label))
                .unwrap_or_default()
        };
        let _ = writeln!(
            out,
            "| {}{}{} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            w.name(),
            reason(w, own),
            reason(w, reference),
            one(&m, &|s| secs(s.run.wall_s)),
            one(&c, &|s| secs(s.run.wall_s)),
            one(&m, &|s| secs(s.run.gc_s)),
            one(&c, &|s| secs(s.run.gc_s)),
            ratio,
            one(&m, &|s| s.run.gc_clock_s.map_or("-".into(), secs)),
            pair(&|s| s.run.collections.to_string()),
            pair(&|s| s.run.collected.to_string()),
            pair(&|s| s.run.tracked_at_start.map_or("-".into(), |n| n.to_string())),
            pair(&share),
            one(&m, &|s| s.output()),
            one(&c, &|s| s.output()),
        );
    }
    out.push_str("\nWhat each program gives the collector to do:\n\n");
    for &w in &ran {
        let _ = writeln!(out, "- **{}**: {}", w.name(), w.why());
    }
    out.push_str(
        "\nHow to read it: the two interpreters collect on their own schedules (CPython after 700 net \
         allocations of tracked objects in generation 0, minipy's gc-core after 2,000, `gc-core/src/heap.rs`), so the \
         same program can cost them different numbers of collections, and a collection that frees nothing still \
         costs the walk over what it examines. A full collection also walks the interpreter's own tracked objects \
         (`tracked at start`, plus the modules the program imports): CPython's modules, functions and classes, \
         minipy's few modules. `collected` counts each interpreter's own objects: the object \
         models differ (minipy has no cell objects, for instance). The callbacks' own cost is inside `gc` on both, \
         larger on minipy, whose callback is interpreted more slowly: `minipy's own clock` excludes the `stop` \
         callback. A program on which an interpreter did not collect at all never grew its tracked objects by that \
         interpreter's threshold between two collections (gc-core's is 2,000 net new tracked objects, CPython's 700; \
         neither interpreter's collection at exit is measured). In results.csv and results.json these rows are the workloads `real-<program>` with collectors \
         `gc-core` (minipy) and `cpython`: `median_ns` is the gc time, `objects` the objects collected.\n\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line as `gcreal.report` prints it on minipy (own clock and examined present).
    const MINIPY_LINE: &str = r#"{"script": "go", "interpreter": "minipy", "wall_s": 1.5, "gc_s": 0.25, "gc_time_from": "callbacks", "collections": 12, "collected": 3400, "examined": 90000, "gc_clock_s": 0.2, "tracked_at_start": 1500}"#;
    /// The same on CPython (null where it has no figure).
    const CPYTHON_LINE: &str = r#"{"script": "go", "interpreter": "cpython", "wall_s": 0.12, "gc_s": 0.0004, "gc_time_from": "callbacks", "collections": 3, "collected": 0, "examined": null, "gc_clock_s": null, "tracked_at_start": 41000}"#;

    #[test]
    fn a_measured_run_is_the_program_output_then_the_json_line() {
        let printed = format!("bench: 42\nother: done\n{MINIPY_LINE}\n");
        let r = read_run(&printed, "bench: 42\nother: done\n").unwrap();
        assert_eq!(r.script, "go");
        assert_eq!(r.interpreter, "minipy");
        assert_eq!((r.wall_s, r.gc_s), (1.5, 0.25));
        assert_eq!(r.gc_time_from, "callbacks");
        assert_eq!((r.collections, r.collected), (12, 3400));
        assert_eq!(r.examined, Some(90000));
        assert_eq!(r.gc_clock_s, Some(0.2));
        assert_eq!(r.tracked_at_start, Some(1500));
        assert_eq!(r.edges, None);
        assert_eq!(r.units(), 3400);
        assert_eq!(r.output, Some(OutputCheck::Same));

        let c = read_run(
            &format!("bench: 42\nother: done\n{CPYTHON_LINE}\n"),
            "bench: 42\nother: done\n",
        )
        .unwrap();
        assert_eq!((c.examined, c.gc_clock_s), (None, None));
        assert_eq!(c.collections, 3);
        assert_eq!(c.tracked_at_start, Some(41000));
    }

    #[test]
    fn a_different_output_is_reported_with_its_first_differing_line() {
        let printed = format!("a\nb\nc\n{CPYTHON_LINE}\n");
        let r = read_run(&printed, "a\nB\nc\n").unwrap();
        assert_eq!(
            r.output,
            Some(OutputCheck::Differs {
                line: 2,
                got: "b".into(),
                expected: "B".into()
            })
        );
        assert!(r
            .output
            .unwrap()
            .describe()
            .starts_with("DIFFERS at line 2"));
        // A missing last line, and a program that printed nothing.
        assert_eq!(
            OutputCheck::of("a\n", "a\nb\n"),
            OutputCheck::Differs {
                line: 2,
                got: String::new(),
                expected: "b".into()
            }
        );
        let silent = read_run(&format!("{CPYTHON_LINE}\n"), "").unwrap();
        assert_eq!(silent.output, Some(OutputCheck::Same));
    }

    #[test]
    fn output_without_the_measurement_line_is_an_error() {
        assert!(read_run("bench: 42\n", "bench: 42\n").is_err());
        assert!(read_run("", "").is_err());
        assert!(read_run("{not json\n", "").is_err());
    }

    #[test]
    fn every_real_program_is_in_the_workspace_with_its_expected_output() {
        let mut n = 0;
        for w in Workload::real_programs() {
            let real = w.real_program().expect("a real program");
            assert!(program_path(real.file).is_some(), "{}", real.file);
            assert!(expected_output(real.file).is_ok(), "{}", real.file);
            assert!(w.name().ends_with(real.file), "{}", w.name());
            n += 1;
        }
        assert!(n > 0);
    }
}
