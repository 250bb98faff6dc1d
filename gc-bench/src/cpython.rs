//! The `cpython` column: the same workloads run by `python/bench.py` under the `python3` found
//! on `PATH`, one process per workload, read back as JSON.

use std::path::PathBuf;
use std::process::Command;

use crate::harness::{Measurement, RunPlan};
use crate::registry::{Caps, CollectorEntry, Python, Role, Runner};
use crate::workloads::{Sizes, Workload};

/// CPython in the registry: its generational collector is the reference gc-core's design
/// follows, run by `python/bench.py`; it is also the interpreter the minipy scripts are
/// compared with. Not in the feature matrix.
pub const ENTRY: CollectorEntry = CollectorEntry {
    name: "cpython",
    label: "CPython",
    role: Role::Reference,
    caps: Caps {
        generational: true,
        automatic: true,
        weak_refs: true,
        finalizers: true,
        python: Some(Python::CPython),
        ..Caps::CYCLE_COLLECTOR
    },
    runner: Runner::CPython,
    about: None,
};

/// The bench script, embedded so the binary works from any directory.
pub const SCRIPT: &str = include_str!("../python/bench.py");

/// `python3 --version`, or `None` when there is no usable `python3`.
pub fn python_version() -> Option<String> {
    let out = Command::new("python3").arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8_lossy(&out.stdout).trim().to_string();
    Some(if s.is_empty() {
        String::from_utf8_lossy(&out.stderr).trim().to_string()
    } else {
        s
    })
}

/// The minipy workload's program, which `bench.py` reads from the file next to it.
pub const MINIPY_PROGRAM_FILE: (&str, &str) =
    ("minipy_program.py", crate::workloads::MINIPY_PROGRAM);

/// The per-process directory the script and the files it reads are written to.
fn script_dir() -> PathBuf {
    std::env::temp_dir().join(format!("gc-bench-{}-cpython", std::process::id()))
}

/// Write the script (and the program it reads) to a temporary directory once and return the
/// script's path.
fn script_path() -> std::io::Result<PathBuf> {
    let dir = script_dir();
    let path = dir.join("bench.py");
    if !path.exists() {
        std::fs::create_dir_all(&dir)?;
        let (name, text) = MINIPY_PROGRAM_FILE;
        std::fs::write(dir.join(name), text)?;
        // The script last: its presence says the directory is complete.
        std::fs::write(&path, SCRIPT)?;
    }
    Ok(path)
}

/// Run one workload under CPython.
pub fn measure(w: Workload, s: &Sizes, plan: &RunPlan) -> Measurement {
    let fail = |reason: String| Measurement::unsupported(w.name(), ENTRY.name, reason);
    let script = match script_path() {
        Ok(p) => p,
        Err(e) => return fail(format!("cannot write the CPython script: {e}")),
    };
    let out = Command::new("python3")
        .arg(&script)
        .args(["--workload", w.name()])
        .args(["--depth", &s.depth.to_string()])
        .args(["--gcbench-depth", &s.gcbench_depth.to_string()])
        .args(["--objects", &s.objects.to_string()])
        .args(["--lists", &s.lists.to_string()])
        .args(["--list-len", &s.list_len.to_string()])
        .args(["--traversal-levels", &s.traversal_levels.to_string()])
        .args(["--loop-scale", &s.loop_scale.to_string()])
        .args(["--runs", &plan.runs.to_string()])
        .args(["--budget", &plan.cell_budget.as_secs_f64().to_string()])
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => return fail(format!("python3 not runnable: {e}")),
    };
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err.lines().last().unwrap_or("").to_string();
        return fail(format!("python3 failed: {last}"));
    }
    match serde_json::from_slice::<Measurement>(&out.stdout) {
        Ok(mut m) => {
            m.summarise();
            m
        }
        Err(e) => fail(format!("unreadable output from bench.py: {e}")),
    }
}

/// Remove the temporary script and the program next to it.
pub fn cleanup() {
    let _ = std::fs::remove_dir_all(script_dir());
}
