//! The methods of `set` and `frozenset`.

use gc_core::Cc;

use super::{protocol, row, Arity, Kw, Method, Type, NOARGS, ONE};
use crate::ast::BinOp;
use crate::interp::{Interp, PyResult};
use crate::value::*;

/// `set`'s type object.
pub static TYPE: Type = Type::new("set", &METHODS);

/// `frozenset`'s type object: the rows of `set` before its mutators.
pub static FROZEN_TYPE: Type = Type::new("frozenset", METHODS.split_at(SHARED).0);

/// How many rows, from the first, `frozenset` shares with `set`.
const SHARED: usize = 11;

/// Any number of other iterables (`s.union(a, b)`).
const OTHERS: super::Spec = super::pos(Arity::Any);

static METHODS: [Method; 20] = [
    // Shared with frozenset.
    row("copy", NOARGS, copy),
    row("union", OTHERS, combine),
    row("intersection", OTHERS, combine),
    row("difference", OTHERS, combine),
    row("symmetric_difference", ONE, combine),
    row("issubset", ONE, issubset),
    row("issuperset", ONE, issuperset),
    row("isdisjoint", ONE, isdisjoint),
    protocol::LEN,
    protocol::CONTAINS_O,
    protocol::ITER,
    // set only (SHARED counts the rows above).
    row("add", ONE, add),
    row("remove", ONE, remove),
    row("discard", ONE, remove),
    row("pop", NOARGS, pop),
    row("clear", NOARGS, clear),
    row("update", OTHERS, combine),
    row("intersection_update", OTHERS, combine),
    row("difference_update", OTHERS, combine),
    row("symmetric_difference_update", ONE, combine),
];

fn this<'a>(interp: &Interp, recv: &'a Value, name: &str) -> PyResult<&'a Cc<SetObj>> {
    match recv {
        Value::Set(s) => Ok(s),
        other => Err(super::wrong_receiver(interp, "set", name, other)),
    }
}

/// An argument as a set: itself if it is one, else a new set of its items.
fn as_set(interp: &Interp, v: &Value) -> PyResult<Value> {
    match v {
        Value::Set(_) => Ok(v.clone()),
        src => crate::builtins::construct(interp, TypeKind::Set, vec![src.clone()], Vec::new()),
    }
}

fn copy(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let d = this(interp, recv, name)?;
    if d.frozen {
        return Ok(recv.clone());
    }
    let nd = d.items.borrow().duplicate();
    Ok(Value::set(nd))
}

/// `union`, `intersection`, `difference`, `symmetric_difference` and the `update` forms,
/// as CPython's (`interp/setops.rs`: which set is iterated and in what order decides the
/// result's iteration order).
fn combine(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let d = this(interp, recv, name)?;
    match interp.set_combine(name, d, &args)? {
        Some(v) => Ok(v),
        None => unreachable!("every row using `combine` is a combining method"),
    }
}

fn issubset(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    this(interp, recv, name)?;
    let o = as_set(interp, &args[0])?;
    Ok(Value::Bool(
        interp.lt(recv, &o, "<=")? || interp.eq(recv, &o)?,
    ))
}

fn issuperset(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    this(interp, recv, name)?;
    let o = as_set(interp, &args[0])?;
    Ok(Value::Bool(
        interp.lt(&o, recv, ">=")? || interp.eq(&o, recv)?,
    ))
}

fn isdisjoint(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    this(interp, recv, name)?;
    let o = as_set(interp, &args[0])?;
    let both = interp.binop(BinOp::BitAnd, recv.clone(), o)?;
    Ok(Value::Bool(!both.truthy_simple()))
}

fn add(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let d = this(interp, recv, name)?;
    let hk = interp.dict_key(&d.items, &args[0])?;
    let old = d
        .items
        .borrow_mut()
        .insert(hk, args[0].clone(), Value::None);
    drop(old);
    Ok(Value::None)
}

/// `remove` and `discard` (which does not mind a missing item).
fn remove(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let d = this(interp, recv, name)?;
    let hk = interp.dict_key(&d.items, &args[0])?;
    let old = d.items.borrow_mut().remove(&hk);
    match old {
        Some(e) => {
            drop(e);
            Ok(Value::None)
        }
        None if name == "discard" => Ok(Value::None),
        None => Err(interp.exc_with("KeyError", vec![args[0].clone()])),
    }
}

/// `set.pop()`: the member CPython's would take (see `settable.rs`).
fn pop(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let d = this(interp, recv, name)?;
    let popped = d.items.borrow_mut().pop_set();
    popped.ok_or_else(|| interp.exc("KeyError", "pop from an empty set"))
}

fn clear(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let old = this(interp, recv, name)?.items.borrow_mut().take_all();
    drop(old);
    Ok(Value::None)
}
