//! The methods of the builtin iterators (`iter(x)`, `map`, `zip`, ...).

use super::{row, Kw, Method, Type, NOARGS};
use crate::interp::{Interp, PyResult};
use crate::value::*;

/// The iterators' type object (each iterator reports its own type name, as `list_iterator`).
pub static TYPE: Type = Type::new("iterator", METHODS);

static METHODS: &[Method] = &[row("__next__", NOARGS, next), row("__iter__", NOARGS, iter)];

fn next(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let Value::Iter(o) = recv else {
        return Err(super::wrong_receiver(interp, "iterator", name, recv));
    };
    match interp.iterobj_next(o)? {
        Some(v) => Ok(v),
        None => Err(interp.exc_with("StopIteration", vec![])),
    }
}

fn iter(_: &Interp, recv: &Value, _: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(recv.clone())
}
