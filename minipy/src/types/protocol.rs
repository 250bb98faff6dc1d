//! The protocol methods of the builtin containers as rows of their tables: `__getitem__`,
//! `__setitem__`, `__delitem__`, `__len__`, `__contains__`, `__iter__`. Each does what the
//! syntax does on the receiver (`d[k]`, `len(x)`, `k in x`), so `d.__getitem__(k)`,
//! `dict.__setitem__(d, k, v)` and `super().__setitem__(k, v)` in a class deriving from
//! `dict` all work, the last two on the builtin value itself, not through the class's
//! overrides. The specs give CPython's argument messages: `METH_O` where CPython defines the
//! method itself (`dict.__getitem__`, `set.__contains__`), slot wrappers elsewhere.

use super::{pos, row, Arity, Kw, Method, Spec};
use crate::interp::{Interp, PyResult};
use crate::value::*;

/// A slot wrapper taking `n` arguments.
pub(super) const fn slot(n: u8) -> Spec {
    pos(Arity::Slot(n))
}

/// `__getitem__` as CPython's `METH_O` method (dict, list).
pub const GETITEM_O: Method = row("__getitem__", super::ONE, getitem);
/// `__getitem__` as a slot wrapper (tuple, str, bytes).
pub const GETITEM: Method = row("__getitem__", slot(1), getitem);
/// `__setitem__` (a slot wrapper everywhere).
pub const SETITEM: Method = row("__setitem__", slot(2), setitem);
/// `__delitem__`.
pub const DELITEM: Method = row("__delitem__", slot(1), delitem);
/// `__len__`.
pub const LEN: Method = row("__len__", slot(0), len);
/// `__contains__` as CPython's `METH_O` method (dict, set, frozenset).
pub const CONTAINS_O: Method = row("__contains__", super::ONE, contains);
/// `__contains__` as a slot wrapper (list, tuple, str, bytes).
pub const CONTAINS: Method = row("__contains__", slot(1), contains);
/// `__iter__`.
pub const ITER: Method = row("__iter__", slot(0), iter);

fn getitem(interp: &Interp, recv: &Value, _: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    interp.get_item(recv, &args[0])
}

fn setitem(interp: &Interp, recv: &Value, _: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let mut args = args.into_iter();
    match (args.next(), args.next()) {
        (Some(k), Some(v)) => {
            interp.set_item(recv, k, v)?;
            Ok(Value::None)
        }
        // The spec lets exactly two through; this is not reached.
        _ => Err(interp.type_error(" expected 2 arguments".into())),
    }
}

fn delitem(interp: &Interp, recv: &Value, _: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    interp.del_item(recv, &args[0])?;
    Ok(Value::None)
}

fn len(interp: &Interp, recv: &Value, _: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(Value::Int(crate::builtins::len_of(interp, recv)?))
}

fn contains(interp: &Interp, recv: &Value, _: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(Value::Bool(interp.contains(recv, &args[0])?))
}

fn iter(interp: &Interp, recv: &Value, _: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    interp.iter_value(recv)
}
