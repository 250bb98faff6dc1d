//! Running benchmark scripts in process, for gc-bench.
//!
//! `minipy/benchmarks/` holds Python scripts that run unchanged on CPython and on minipy and
//! print one line of JSON as their last line (see the README there): `gc_collect.py`,
//! `gc_traversal.py`, `closures.py` and `objects.py`, which all `import gcmeasure`, the module
//! next to them that measures and prints that line. [`run_script`] runs one on the calling
//! thread and returns what it printed, so a harness can time minipy without spawning a
//! process; the scripts and the module are also compiled in ([`SCRIPTS`], [`MODULES`],
//! [`run_builtin`]) so that a harness needs no path to them.
//!
//! ```no_run
//! let out = minipy::bench::run_builtin("gc_collect", &["2"]).unwrap();
//! let json_line = out.lines().last().unwrap();
//! assert!(json_line.starts_with('{'));
//! ```
//!
//! The gc-core heap and its statistics belong to the thread; the scripts report differences of
//! `gc.get_stats()` taken around their own work, so several runs on one thread do not add up.

use std::path::Path;

use crate::{Error, Interpreter};

/// The benchmark scripts: (name, source).
pub const SCRIPTS: &[(&str, &str)] = &[
    ("gc_collect", include_str!("../benchmarks/gc_collect.py")),
    (
        "gc_traversal",
        include_str!("../benchmarks/gc_traversal.py"),
    ),
    ("closures", include_str!("../benchmarks/closures.py")),
    ("objects", include_str!("../benchmarks/objects.py")),
];

/// The modules the scripts import, from the same directory: (name, source).
pub const MODULES: &[(&str, &str)] = &[("gcmeasure", include_str!("../benchmarks/gcmeasure.py"))];

/// Runs a script file with `sys.argv = [path, args...]` and returns its standard output. Its
/// imports find the modules in the script's directory, as `minipy FILE` does.
pub fn run_script(path: &Path, args: &[&str]) -> Result<String, Error> {
    run_captured(&path.display().to_string(), args, |py| py.run_file(path))
}

/// Runs one of [`SCRIPTS`] by name (`"gc_collect"`) with `sys.argv = [name.py, args...]`,
/// its imports served from [`MODULES`].
pub fn run_builtin(name: &str, args: &[&str]) -> Result<String, Error> {
    let (_, src) = SCRIPTS
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| Error::exception("ValueError", &format!("no benchmark script {name:?}")))?;
    let file = format!("{name}.py");
    run_captured(&file, args, |py| {
        for (module, text) in MODULES {
            py.add_module_source(module, &format!("{module}.py"), text);
        }
        py.run_named(src, &file)
    })
}

/// Runs source text as the main module named `file`, with `sys.argv = [file, args...]`,
/// capturing and returning what it prints. The interpreter is shut down (its globals cleared
/// and cycles collected) before this returns, as at the end of `minipy FILE`.
pub fn run_source(src: &str, file: &str, args: &[&str]) -> Result<String, Error> {
    run_captured(file, args, |py| py.run_named(src, file))
}

/// Makes an interpreter with `sys.argv = [file, args...]` and output captured, lets `run` run
/// the main module on it, then shuts it down and returns what it printed.
fn run_captured(
    file: &str,
    args: &[&str],
    run: impl FnOnce(&Interpreter) -> Result<(), Error>,
) -> Result<String, Error> {
    let py = Interpreter::new();
    py.capture_output();
    let mut argv = vec![file];
    argv.extend_from_slice(args);
    py.set_argv(&argv);
    let r = run(&py);
    let out = py.take_output();
    drop(py);
    r.map(|()| out)
}

/// The last line of a script's output (its JSON result).
pub fn result_line(output: &str) -> Option<&str> {
    output.lines().rev().find(|l| !l.trim().is_empty())
}
