//! The `slice` type: its constructor and its one method, `indices`. Its attributes `start`,
//! `stop` and `step` are read in `Interp::get_attr` (read-only, as CPython's members);
//! subscripting with a slice is `Interp::get_item` and friends (`interp/access.rs`).

use num_bigint::BigInt;
use num_traits::{Signed, Zero};

use super::{args, row, Kw, Method, Type, ONE};
use crate::interp::{Interp, PyResult};
use crate::value::*;

/// `slice`'s type object.
pub static TYPE: Type = Type::new("slice", METHODS);

static METHODS: &[Method] = &[row("indices", ONE, indices)];

/// `slice(stop)`, `slice(start, stop[, step])`: the bounds are kept as given, any objects.
pub(crate) fn construct(interp: &Interp, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(interp.type_error("slice() takes no keyword arguments".into()));
    }
    super::check_arity(
        interp,
        &|| "slice".to_string(),
        "slice",
        super::Arity::Clinic(1, 3),
        args.len(),
    )?;
    let mut it = args.into_iter();
    let first = it.next().unwrap_or(Value::None);
    Ok(match (it.next(), it.next()) {
        (None, _) => Value::slice(Value::None, first, Value::None),
        (Some(stop), step) => Value::slice(first, stop, step.unwrap_or(Value::None)),
    })
}

/// `slice.indices(length)`, as CPython's `_PySlice_GetLongIndices`: (start, stop, step) for a
/// sequence of `length` items, at any size (`slice(None).indices(10**30)`), `length` and the
/// bounds through `__index__`.
fn indices(interp: &Interp, recv: &Value, name: &str, a: Vec<Value>, _: Kw) -> PyResult<Value> {
    let Value::Slice(s) = recv else {
        return Err(super::wrong_receiver(interp, "slice", name, recv));
    };
    let length = args::bigint_arg(interp, &a[0])?;
    if length.is_negative() {
        return Err(interp.exc("ValueError", "length should not be negative"));
    }
    let bound = |v: &Value| -> PyResult<BigInt> {
        match args::index(interp, v)? {
            Some(Value::Int(i)) => Ok(BigInt::from(i)),
            Some(Value::Big(b)) => Ok((*b).clone()),
            _ => Err(interp.type_error(args::SLICE_INDEX_MSG.to_string())),
        }
    };
    let step = match &s.step {
        Value::None => BigInt::from(1),
        v => bound(v)?,
    };
    if step.is_zero() {
        return Err(interp.exc("ValueError", "slice step cannot be zero"));
    }
    let backwards = step.is_negative();
    let (lower, upper) = if backwards {
        (BigInt::from(-1), &length - 1)
    } else {
        (BigInt::from(0), length.clone())
    };
    let clamp = |v: &Value, default: &BigInt| -> PyResult<BigInt> {
        if matches!(v, Value::None) {
            return Ok(default.clone());
        }
        let mut x = bound(v)?;
        if x.is_negative() {
            x += &length;
            if x < lower {
                x = lower.clone();
            }
        } else if x > upper {
            x = upper.clone();
        }
        Ok(x)
    };
    let (start_default, stop_default) = if backwards {
        (&upper, &lower)
    } else {
        (&lower, &upper)
    };
    let start = clamp(&s.start, start_default)?;
    let stop = clamp(&s.stop, stop_default)?;
    Ok(Value::tuple(vec![
        crate::bigint::normalize(start),
        crate::bigint::normalize(stop),
        crate::bigint::normalize(step),
    ]))
}
