//! Argument conversion: the one set of helpers natives use to turn an argument into a Rust
//! integer, float or string, each following one of CPython's converters (so one change here
//! is one change everywhere), with CPython 3.11's messages.
//!
//! | helper | CPython |
//! |---|---|
//! | [`index`] | `PyNumber_Index` (`operator.index`, `__index__`) |
//! | [`ssize_arg`] | Argument Clinic's `Py_ssize_t` (`_PyNumber_Index`, then `PyLong_AsSsize_t`) |
//! | [`index_sized`] | `PyNumber_AsSsize_t(v, exc)` |
//! | [`clamped_index_arg`] | `PyNumber_AsSsize_t(v, NULL)` (`round`'s `ndigits`, `int`'s `base`) |
//! | [`slice_index`] | `_PyEval_SliceIndex` (slice bounds, `find`'s and `index`'s `start`, `end`) |
//! | [`long_as_ssize`] | `PyLong_AsSsize_t` (ints only: `deque`'s `maxlen`) |
//! | [`c_int_arg`] | `_PyLong_AsInt` (Argument Clinic's `int`) |
//! | [`number_long`] | `PyNumber_Long` of a number (`__int__`, then `__index__`: `'%d' % x`) |
//! | [`has_index`] | `_PyIndex_Check` (`bytes(n)` takes an `__index__` object as a count) |
//! | [`big_index_arg`] | `PyNumber_Index` kept at any size (`math.gcd`, `math.comb`) |
//! | [`float_arg`] | `PyFloat_AsDouble` (`math.sqrt`, `math.isclose`'s tolerances) |
//! | [`str_arg`] | Argument Clinic's `str` converter (`_PyArg_BadArgument`'s message: [`bad_argument`]) |
//! | [`str_operand`] | `ensure_unicode` (`str.find`'s substring) |
//! | [`kwarg`] | a keyword argument by name |
//!
//! and the count checks of module functions, which have no method table:
//! [`module_arity`] (a [`super::Arity`] convention's message, `gc.is_tracked() takes exactly
//! one argument (0 given)`) and [`no_keywords`] (`math.sqrt() takes no keyword arguments`).

use std::rc::Rc;

use num_bigint::BigInt;

use crate::interp::{Interp, PyResult};
use crate::value::{PyStr, TypeKind, Value};

use super::{Arity, Kw};

/// Checks the count of a module function's positional arguments with the message of CPython's
/// calling convention `arity` (`module` is the module's name, `gc`: `gc.is_tracked() takes
/// exactly one argument (0 given)`, `comb expected 2 arguments, got 1`).
pub(crate) fn module_arity(
    interp: &Interp,
    module: &str,
    name: &str,
    args: &[Value],
    arity: Arity,
) -> PyResult<()> {
    super::check_arity(
        interp,
        &|| format!("{module}.{name}"),
        name,
        arity,
        args.len(),
    )
}

/// Refuses keyword arguments as CPython's positional-only functions do: `MODULE.NAME() takes
/// no keyword arguments`.
pub(crate) fn no_keywords(interp: &Interp, module: &str, name: &str, kw: &Kw) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(interp.type_error(format!("{module}.{name}() takes no keyword arguments")))
    }
}

/// The keyword argument `name`, if given.
pub(crate) fn kwarg(kw: &Kw, name: &str) -> Option<Value> {
    kw.iter()
        .find(|(k, _)| &**k == name)
        .map(|(_, v)| v.clone())
}

/// CPython's `PyNumber_Index`: `v` as an int (`Value::Int` or `Value::Big`; a bool is its
/// int, an instance of a class deriving from `int` its value, another object what its
/// `__index__` returns, which must be an int: `__index__ returned non-int (type T)`), or
/// `None` when `v` has no `__index__` (the caller words that `TypeError`).
pub(crate) fn index(interp: &Interp, v: &Value) -> PyResult<Option<Value>> {
    Ok(match v {
        Value::Int(_) | Value::Big(_) => Some(v.clone()),
        Value::Bool(b) => Some(Value::Int(i64::from(*b))),
        Value::Instance(inst) => {
            let class = inst.class();
            if class.builtin_base == Some(TypeKind::Int) {
                return Ok(inst.base.clone());
            }
            if class.lookup("__index__").is_none() {
                return Ok(None);
            }
            let r = interp.call_method(v, &Rc::from("__index__"), Vec::new(), Vec::new())?;
            match r {
                Value::Int(_) | Value::Big(_) => Some(r),
                Value::Bool(b) => Some(Value::Int(i64::from(b))),
                Value::Instance(ref i) if i.class().builtin_base == Some(TypeKind::Int) => {
                    i.base.clone()
                }
                other => {
                    return Err(interp.type_error(format!(
                        "__index__ returned non-int (type {})",
                        other.type_name()
                    )))
                }
            }
        }
        _ => None,
    })
}

/// `'T' object cannot be interpreted as an integer` (`what` appended), the `TypeError` of
/// the integer converters.
pub(crate) fn not_an_integer(interp: &Interp, v: &Value, what: &str) -> crate::interp::Ctrl {
    interp.type_error(format!(
        "'{}' object cannot be interpreted as an integer{what}",
        v.type_name()
    ))
}

/// An integer argument through [`index`], at any size, else `'T' object cannot be
/// interpreted as an integer`.
pub(crate) fn big_index_arg(interp: &Interp, v: &Value) -> PyResult<Value> {
    index(interp, v)?.ok_or_else(|| not_an_integer(interp, v, ""))
}

/// Like [`big_index_arg`], as a `BigInt`.
pub(crate) fn bigint_arg(interp: &Interp, v: &Value) -> PyResult<BigInt> {
    Ok(match big_index_arg(interp, v)? {
        Value::Big(b) => (*b).clone(),
        Value::Int(i) => BigInt::from(i),
        _ => BigInt::from(0),
    })
}

/// Argument Clinic's `Py_ssize_t` converter (`_PyNumber_Index`, then `PyLong_AsSsize_t`): an
/// integer through [`index`] (so `__index__` is honoured), `OverflowError:
/// Python int too large to convert to C ssize_t` beyond 64 bits, else `'T' object cannot be
/// interpreted as an integer` with `what` appended.
pub(crate) fn ssize_arg(interp: &Interp, v: &Value, what: &str) -> PyResult<i64> {
    match v {
        // The common case, without the call.
        Value::Int(i) => Ok(*i),
        _ => match index(interp, v)? {
            Some(Value::Int(i)) => Ok(i),
            Some(_) => Err(interp.exc(
                "OverflowError",
                "Python int too large to convert to C ssize_t",
            )),
            None => Err(not_an_integer(interp, v, what)),
        },
    }
}

/// CPython's `PyNumber_AsSsize_t(v, exc)`: an integer through [`index`], `exc` (`cannot fit
/// 'T' into an index-sized integer`, `T` the type of `v`) beyond 64 bits, or `None` when `v`
/// has no `__index__` (each caller words that `TypeError`: `list indices must be integers or
/// slices`, ...).
pub(crate) fn index_sized(interp: &Interp, v: &Value, exc: &str) -> PyResult<Option<i64>> {
    match index(interp, v)? {
        Some(Value::Int(i)) => Ok(Some(i)),
        Some(_) => Err(interp.exc(
            exc,
            &format!("cannot fit '{}' into an index-sized integer", v.type_name()),
        )),
        None => Ok(None),
    }
}

/// CPython's `PyNumber_AsSsize_t(v, NULL)`: an integer through [`index`], one beyond 64
/// bits clamped to `i64::MIN` or `i64::MAX`, `None` when `v` has no `__index__`.
fn clamped_index(interp: &Interp, v: &Value) -> PyResult<Option<i64>> {
    Ok(match index(interp, v)? {
        Some(Value::Int(i)) => Some(i),
        Some(Value::Big(b)) if b.sign() == num_bigint::Sign::Minus => Some(i64::MIN),
        Some(_) => Some(i64::MAX),
        None => None,
    })
}

/// [`clamped_index`], else `'T' object cannot be interpreted as an integer`.
pub(crate) fn clamped_index_arg(interp: &Interp, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        _ => clamped_index(interp, v)?.ok_or_else(|| not_an_integer(interp, v, "")),
    }
}

/// `_PyEval_SliceIndex`'s message for a slice bound that is neither None nor an integer.
pub(crate) const SLICE_INDEX_MSG: &str =
    "slice indices must be integers or None or have an __index__ method";

/// CPython's `_PyEval_SliceIndex`: a slice bound (or `start`, `end` of `find`, `index`) as
/// [`clamped_index`] converts it, else `TypeError: MSG` (the messages differ between callers:
/// `slice indices must be integers or None or have an __index__ method`, ...). `None` is the
/// caller's to handle.
pub(crate) fn slice_index(interp: &Interp, v: &Value, msg: &str) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        _ => clamped_index(interp, v)?.ok_or_else(|| interp.type_error(msg.to_string())),
    }
}

/// CPython's `_PyIndex_Check`: whether `v` is an int or has `__index__` (what
/// [`index`] converts).
pub(crate) fn has_index(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => true,
        Value::Instance(inst) => {
            let class = inst.class();
            class.builtin_base == Some(TypeKind::Int) || class.lookup("__index__").is_some()
        }
        _ => false,
    }
}

/// CPython's `PyLong_AsSsize_t`, which takes ints only (no `__index__`): `TypeError: an
/// integer is required` for anything else, `OverflowError: Python int too large to convert to
/// C ssize_t` beyond 64 bits.
pub(crate) fn long_as_ssize(interp: &Interp, v: &Value) -> PyResult<i64> {
    let is_int = match v {
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => true,
        Value::Instance(inst) => inst.class().builtin_base == Some(TypeKind::Int),
        _ => false,
    };
    if !is_int {
        return Err(interp.type_error("an integer is required".into()));
    }
    ssize_arg(interp, v, "")
}

/// CPython's `PyLong_FromDouble`: the float `x` truncated to an int of any size, with
/// CPython's errors for NaN (`ValueError: cannot convert float NaN to integer`) and infinity
/// (`OverflowError: cannot convert float infinity to integer`). `int()`, `round()`,
/// `math.floor` and [`number_long`] all convert through it.
pub(crate) fn float_to_int(interp: &Interp, x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(interp.exc("ValueError", "cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(interp.exc("OverflowError", "cannot convert float infinity to integer"));
    }
    Ok(crate::bigint::from_f64(x))
}

/// CPython's `PyNumber_Long` of a number: an int itself (a bool its int), a float truncated
/// (`cannot convert float NaN to integer`, `... infinity ...`), an object's `__int__` (which
/// must return an int: `__int__ returned non-int (type T)`) or else its `__index__`; `None`
/// when `v` has none of these (the caller words that `TypeError`; `int()`'s string parsing
/// is not here).
pub(crate) fn number_long(interp: &Interp, v: &Value) -> PyResult<Option<Value>> {
    match v {
        Value::Float(f) => float_to_int(interp, *f).map(Some),
        Value::Instance(inst) if inst.class().lookup("__int__").is_some() => {
            match interp.call_method(v, &Rc::from("__int__"), Vec::new(), Vec::new())? {
                r @ (Value::Int(_) | Value::Big(_)) => Ok(Some(r)),
                Value::Bool(b) => Ok(Some(Value::Int(i64::from(b)))),
                other => Err(interp.type_error(format!(
                    "__int__ returned non-int (type {})",
                    other.type_name()
                ))),
            }
        }
        _ => index(interp, v),
    }
}

/// CPython's `_PyLong_AsInt` (Argument Clinic's `int` converter): an integer through
/// [`index`], `OverflowError: Python int too large to convert to C int` outside 32 bits,
/// else `'T' object cannot be interpreted as an integer`.
pub(crate) fn c_int_arg(interp: &Interp, v: &Value) -> PyResult<i32> {
    match index(interp, v)? {
        Some(Value::Int(i)) if i32::try_from(i).is_ok() => Ok(i as i32),
        Some(_) => Err(interp.exc("OverflowError", "Python int too large to convert to C int")),
        None => Err(not_an_integer(interp, v, "")),
    }
}

/// CPython's `PyFloat_AsDouble`: a float, an int (`OverflowError: int too large to convert
/// to float` past the float range), an object's `__float__` (which must return a float:
/// `T.__float__ returned non-float (type U)`) or else its `__index__`; otherwise `TypeError:
/// must be real number, not T`.
pub(crate) fn float_arg(interp: &Interp, v: &Value) -> PyResult<f64> {
    let int_to_float = |n: &Value| match n {
        Value::Int(i) => Ok(*i as f64),
        Value::Big(b) => crate::bigint::to_f64(b)
            .ok_or_else(|| interp.exc("OverflowError", "int too large to convert to float")),
        _ => Ok(0.0),
    };
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::Big(_) => int_to_float(v),
        Value::Instance(inst) => {
            let class = inst.class();
            if class.builtin_base == Some(TypeKind::Float) {
                if let Some(Value::Float(f)) = &inst.base {
                    return Ok(*f);
                }
            }
            if class.lookup("__float__").is_some() {
                return match interp.call_method(
                    v,
                    &Rc::from("__float__"),
                    Vec::new(),
                    Vec::new(),
                )? {
                    Value::Float(f) => Ok(f),
                    other => Err(interp.type_error(format!(
                        "{}.__float__ returned non-float (type {})",
                        class.name,
                        other.type_name()
                    ))),
                };
            }
            match index(interp, v)? {
                Some(n) => int_to_float(&n),
                None => Err(not_real(interp, v)),
            }
        }
        _ => Err(not_real(interp, v)),
    }
}

fn not_real(interp: &Interp, v: &Value) -> crate::interp::Ctrl {
    interp.type_error(format!("must be real number, not {}", v.type_name()))
}

/// CPython's `ensure_unicode` (the substring argument of `str.find`, `count`, `partition`,
/// ...): `v` as a str, else `TypeError: must be str, not T`.
pub(crate) fn str_operand<'a>(interp: &Interp, v: &'a Value) -> PyResult<&'a PyStr> {
    match v {
        Value::Str(s) => Ok(s),
        other => Err(interp.type_error(format!("must be str, not {}", other.type_name()))),
    }
}

/// CPython's `_PyArg_BadArgument`: `TypeError: FNAME() ARG must be EXPECTED, not T`, `arg`
/// being how the message names the argument (`argument`, `argument 1`, `argument 'path'`),
/// and `T` the type's name, or `None` for `None`.
pub(crate) fn bad_argument(
    interp: &Interp,
    fname: &str,
    arg: &str,
    expected: &str,
    v: &Value,
) -> crate::interp::Ctrl {
    let got = match v {
        Value::None => "None".into(),
        other => other.type_name(),
    };
    interp.type_error(format!("{fname}() {arg} must be {expected}, not {got}"))
}

/// Argument Clinic's `str` converter: `v` as a str, else [`bad_argument`]'s `TypeError`
/// (`FNAME() ARG must be str, not T`).
pub(crate) fn str_arg<'a>(
    interp: &Interp,
    v: &'a Value,
    fname: &str,
    arg: &str,
) -> PyResult<&'a PyStr> {
    match v {
        Value::Str(s) => Ok(s),
        other => Err(bad_argument(interp, fname, arg, "str", other)),
    }
}
