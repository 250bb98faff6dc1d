//! The argument forms of `set` and `frozenset` methods other than one argument:
//! `update`, `intersection_update`, `difference_update`, `union`, `intersection` and
//! `difference` take any number of iterables (applied one after the other, as CPython does),
//! and the one-argument methods refuse other counts with CPython's message. A call with one
//! argument goes to the methods themselves (`builtins::call_method`).

use super::*;

/// The methods that take any number of iterables.
const VARARGS: &[&str] = &[
    "update",
    "intersection_update",
    "difference_update",
    "union",
    "intersection",
    "difference",
];

/// The methods that take exactly one argument.
const ONE_ARG: &[&str] = &[
    "symmetric_difference",
    "symmetric_difference_update",
    "issubset",
    "issuperset",
    "isdisjoint",
];

/// Whether `set.NAME(*args)` with these many arguments is answered by [`Interp::set_varargs`].
pub fn handles(name: &str, nargs: usize) -> bool {
    nargs != 1 && (VARARGS.contains(&name) || ONE_ARG.contains(&name))
}

impl Interp {
    /// `s.NAME(*args)` for a set `s` and an argument count other than one.
    pub(crate) fn set_varargs(&self, s: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
        if ONE_ARG.contains(&name) {
            return Err(self.type_error(format!(
                "{}.{name}() takes exactly one argument ({} given)",
                s.type_name(),
                args.len()
            )));
        }
        let one = |recv: &Value, arg: Value| {
            crate::builtins::call_method(self, recv, name, vec![arg], Vec::new())
        };
        if name.ends_with("update") {
            for a in args {
                one(s, a)?;
            }
            return Ok(Value::None);
        }
        if args.is_empty() {
            // A copy of the same type (a frozenset's copy is a new frozenset, as in CPython).
            let Value::Set(d) = s else {
                return Ok(s.clone());
            };
            let items = d.items.borrow().duplicate();
            return Ok(if d.frozen {
                Value::frozenset(items)
            } else {
                Value::set(items)
            });
        }
        let mut acc = s.clone();
        for a in args {
            acc = one(&acc, a)?;
        }
        Ok(acc)
    }
}
