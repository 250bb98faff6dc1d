//! The methods of `tuple`.

use super::{protocol, row, Arity, Kw, Method, Type, ONE};
use crate::interp::{Interp, PyResult};
use crate::value::*;

/// `tuple`'s type object.
pub static TYPE: Type = Type::new("tuple", METHODS);

static METHODS: &[Method] = &[
    row("count", ONE, count),
    row("index", super::pos(Arity::Clinic(1, 3)), index),
    // Protocol methods (`protocol.rs`).
    protocol::GETITEM,
    protocol::LEN,
    protocol::CONTAINS,
    protocol::ITER,
];

fn items(interp: &Interp, recv: &Value, name: &str) -> PyResult<Vec<Value>> {
    match recv {
        Value::Tuple(t) => Ok(t.items.to_vec()),
        other => Err(super::wrong_receiver(interp, "tuple", name, other)),
    }
}

/// The window `[start, stop)` of `index(x, start, stop)` over `len` items: slice indices,
/// negative ones counting from the end, clamped to the sequence.
pub(super) fn window(interp: &Interp, len: usize, bounds: &[Value]) -> PyResult<(usize, usize)> {
    let n = len as i64;
    let at = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        let i = match v {
            None => return Ok(default),
            Some(v) => super::args::slice_index(
                interp,
                v,
                "slice indices must be integers or have an __index__ method",
            )?,
        };
        Ok(if i < 0 {
            i.saturating_add(n).max(0)
        } else {
            i.min(n)
        })
    };
    let lo = at(bounds.first(), 0)?;
    let hi = at(bounds.get(1), n)?;
    Ok((lo as usize, hi as usize))
}

fn count(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let mut n = 0;
    for x in &items(interp, recv, name)? {
        if super::same_or_eq(interp, x, &args[0])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn index(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let items = items(interp, recv, name)?;
    let (lo, hi) = window(interp, items.len(), &args[1..])?;
    for (i, x) in items.iter().enumerate().take(hi).skip(lo) {
        if super::same_or_eq(interp, x, &args[0])? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(interp.exc("ValueError", "tuple.index(x): x not in tuple"))
}
