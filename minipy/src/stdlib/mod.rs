//! The standard library minipy ships: one table, [`MODULES`], names every module and says how
//! it is made.
//!
//! A module is either *native* (built by a Rust function, for what must be fast or exact, such
//! as `math`) or *source* (a Python file in this directory, compiled into the binary with
//! `include_str!` and run on first import like any other module). Adding a module is one row
//! here and one file next to this one.
//!
//! Lookup order is CPython's: the interpreter's own modules (`sys`, `gc`, `weakref`, `time`)
//! first, then the main script's directory (so a local `random.py` shadows the library's, as
//! on `sys.path`), then this table.

use std::rc::Rc;

use gc_core::Cc;

use crate::interp::{Interp, PyResult};
use crate::value::{AttrMap, Builtin, Module, Value};

mod cmath;
mod erf;
mod gamma;
mod internals;
mod math;
mod random;
mod sha512;
mod sre;

/// How a library module is made.
pub(crate) enum Kind {
    /// Built by a Rust function.
    Native(fn(&Interp) -> Value),
    /// Python source, run on first import. The file name its tracebacks give is
    /// `<minipy>/NAME.py`.
    Source(&'static str),
    /// Python source standing in for a module CPython writes in C: run like
    /// [`Kind::Source`], but its frames are left out of tracebacks (see [`hides_frames`]), as
    /// a C function has none: `heapq.heappop([])` fails on the caller's line, as in CPython.
    CSource(&'static str),
}

/// Every library module, by its import name. Dotted names (`collections.abc`) are modules too.
pub(crate) const MODULES: &[(&str, Kind)] = &[
    ("math", Kind::Native(math::make_module)),
    ("cmath", Kind::Native(cmath::make_module)),
    ("_random", Kind::Native(random::make_module)),
    ("random", Kind::Source(include_str!("random.py"))),
    ("bisect", Kind::CSource(include_str!("bisect.py"))),
    ("__future__", Kind::Source(include_str!("__future__.py"))),
    ("dataclasses", Kind::Source(include_str!("dataclasses.py"))),
    ("enum", Kind::Source(include_str!("enum.py"))),
    ("_minipy", Kind::Native(internals::make_module)),
    ("io", Kind::Source(include_str!("io.py"))),
    ("copy", Kind::Source(include_str!("copy.py"))),
    ("itertools", Kind::CSource(include_str!("itertools.py"))),
    ("functools", Kind::Source(include_str!("functools.py"))),
    ("collections", Kind::Source(include_str!("collections.py"))),
    (
        "collections.abc",
        Kind::Source(include_str!("collections_abc.py")),
    ),
    ("typing", Kind::Source(include_str!("typing.py"))),
    ("array", Kind::CSource(include_str!("array.py"))),
    ("fractions", Kind::Source(include_str!("fractions.py"))),
    ("heapq", Kind::CSource(include_str!("heapq.py"))),
    ("string", Kind::Source(include_str!("string.py"))),
    ("contextlib", Kind::Source(include_str!("contextlib.py"))),
    ("_io", Kind::CSource(include_str!("_io.py"))),
    ("_dictviews", Kind::CSource(include_str!("_dictviews.py"))),
    ("_sre", Kind::Native(sre::make_module)),
    ("re", Kind::Source(include_str!("re.py"))),
    ("os", Kind::Source(include_str!("os.py"))),
    ("pprint", Kind::Source(include_str!("pprint.py"))),
    ("doctest", Kind::Source(include_str!("doctest.py"))),
    ("posixpath", Kind::Source(include_str!("posixpath.py"))),
    ("pathlib", Kind::Source(include_str!("pathlib.py"))),
    ("argparse", Kind::Source(include_str!("argparse.py"))),
    ("os.path", Kind::Native(os_path)),
    ("queue", Kind::Source(include_str!("queue.py"))),
    ("types", Kind::CSource(include_str!("types.py"))),
    ("operator", Kind::CSource(include_str!("operator.py"))),
    ("statistics", Kind::Source(include_str!("statistics.py"))),
];

/// `os.path` is `posixpath`, as on CPython for POSIX systems (the same module object).
fn os_path(interp: &Interp) -> Value {
    interp.import("posixpath").unwrap_or(Value::None)
}

/// Whether traceback entries in `file` are left out: the file of a [`Kind::CSource`] module.
pub(crate) fn hides_frames(file: &str) -> bool {
    file.strip_prefix("<minipy>/")
        .and_then(|f| f.strip_suffix(".py"))
        .and_then(find)
        .is_some_and(|k| matches!(k, Kind::CSource(_)))
}

/// The table row for `name`, if the library has such a module.
pub(crate) fn find(name: &str) -> Option<&'static Kind> {
    MODULES.iter().find(|(n, _)| *n == name).map(|(_, k)| k)
}

// ------------------------------------------------------------------ helpers for native modules

pub(crate) use crate::types::args::{c_int_arg, float_arg, ssize_arg};
pub(crate) use crate::types::{kwarg, Kw};

/// A native function value named `name`.
pub(crate) fn native(
    name: &str,
    f: impl Fn(&Interp, Vec<Value>, Kw) -> PyResult<Value> + 'static,
) -> Value {
    Builtin::value(name, f)
}

/// A builtin module named `name` holding `attrs`; the native functions among them are
/// marked as its own ([`Builtin::module`]).
pub(crate) fn module(name: &str, attrs: Vec<(&str, Value)>) -> Value {
    let mut m = AttrMap::default();
    let module: Rc<str> = Rc::from(name);
    for (k, mut v) in attrs {
        if let Value::Builtin(b) = &mut v {
            if let Some(b) = Rc::get_mut(b) {
                b.module.get_or_insert_with(|| module.clone());
            }
        }
        m.set(Rc::from(k), v);
    }
    Value::Module(Cc::new(Module::builtin(name, m)))
}

/// Refuses keyword arguments other than `allowed`, as CPython does:
/// `NAME() got an unexpected keyword argument 'x'`.
pub(crate) fn check_kw(interp: &Interp, name: &str, kw: &Kw, allowed: &[&str]) -> PyResult<()> {
    match kw.iter().find(|(k, _)| !allowed.contains(&&**k)) {
        Some((k, _)) => {
            Err(interp.type_error(format!("{name}() got an unexpected keyword argument '{k}'")))
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut names: Vec<&str> = MODULES.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "a module is listed twice");
    }
}
