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

use crate::interp::Interp;
use crate::value::Value;

/// How a library module is made.
#[allow(dead_code)] // `Native` gets its first row with `math`.
pub(crate) enum Kind {
    /// Built by a Rust function.
    Native(fn(&Interp) -> Value),
    /// Python source, run on first import. The file name its tracebacks give is
    /// `<minipy>/NAME.py`.
    Source(&'static str),
}

/// Every library module, by its import name. Dotted names (`collections.abc`) are modules too.
pub(crate) const MODULES: &[(&str, Kind)] = &[
    // ("math", Kind::Native(crate::stdlib::math::make_module)),
    ("bisect", Kind::Source(include_str!("bisect.py"))),
    ("__future__", Kind::Source(include_str!("__future__.py"))),
    ("dataclasses", Kind::Source(include_str!("dataclasses.py"))),
    ("enum", Kind::Source(include_str!("enum.py"))),
];

/// The table row for `name`, if the library has such a module.
pub(crate) fn find(name: &str) -> Option<&'static Kind> {
    MODULES.iter().find(|(n, _)| *n == name).map(|(_, k)| k)
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
