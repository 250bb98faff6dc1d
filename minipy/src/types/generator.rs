//! The methods of generators and coroutines.

use gc_core::Cc;

use super::{row, Arity, Kw, Method, Type, NOARGS, ONE};
use crate::interp::generator::{GenStep, Generator, Resume};
use crate::interp::{Interp, PyResult};
use crate::value::*;

/// The generators' type object: the first rows.
pub static GEN_TYPE: Type = Type::new("generator", METHODS.split_at(GEN_ROWS).0);

/// The coroutines' type object: the rows after the first two.
pub static CORO_TYPE: Type = Type::new("coroutine", METHODS.split_at(2).1);

/// How many rows, from the first, generators have.
const GEN_ROWS: usize = 5;

static METHODS: [Method; 6] = [
    // Generators only.
    row("__next__", NOARGS, next),
    row("__iter__", NOARGS, this_itself),
    // Both.
    row("send", ONE, send),
    row("throw", super::pos(Arity::Any), throw),
    row("close", NOARGS, close),
    // Coroutines only (GEN_ROWS counts the rows above).
    row("__await__", NOARGS, this_itself),
];

fn this<'a>(interp: &Interp, recv: &'a Value, name: &str) -> PyResult<&'a Cc<Generator>> {
    match recv {
        Value::Gen(g) => Ok(g),
        other => Err(super::wrong_receiver(interp, "generator", name, other)),
    }
}

/// The value a step of the generator gives its caller.
fn result(interp: &Interp, step: GenStep) -> PyResult<Value> {
    match step {
        GenStep::Yielded(v) => Ok(v),
        GenStep::Returned(v) => Err(interp.stop_iteration(v)),
    }
}

fn next(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let g = this(interp, recv, name)?;
    let step = interp.gen_resume(g, Resume::Send(Value::None))?;
    result(interp, step)
}

/// `__iter__` and `__await__`: the generator itself.
fn this_itself(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    this(interp, recv, name)?;
    Ok(recv.clone())
}

fn send(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let g = this(interp, recv, name)?;
    let v = args.into_iter().next().unwrap_or(Value::None);
    let step = interp.gen_resume(g, Resume::Send(v))?;
    result(interp, step)
}

fn throw(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let g = this(interp, recv, name)?;
    let e = interp.throw_arg(args)?;
    let step = interp.gen_resume(g, Resume::Throw(e))?;
    result(interp, step)
}

fn close(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    interp.gen_close(this(interp, recv, name)?)?;
    Ok(Value::None)
}
