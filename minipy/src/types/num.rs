//! The methods of `int`, `float` and `complex`.

use super::{row, Kw, Method, Type, NOARGS};
use crate::interp::{Interp, PyResult};
use crate::value::*;

/// `int`'s type object (small and big ints alike).
pub static INT_TYPE: Type = Type::new("int", INT_METHODS);

static INT_METHODS: &[Method] = &[
    row("bit_length", NOARGS, bit_length),
    row("as_integer_ratio", NOARGS, int_as_integer_ratio),
    row("to_bytes", super::ANY, to_bytes),
    row("conjugate", NOARGS, conjugate),
];

/// `float`'s type object.
pub static FLOAT_TYPE: Type = Type::new("float", FLOAT_METHODS);

static FLOAT_METHODS: &[Method] = &[
    row("is_integer", NOARGS, is_integer),
    row("as_integer_ratio", NOARGS, float_as_integer_ratio),
    row("conjugate", NOARGS, conjugate),
];

/// `bool`'s type object: of int's methods, only `conjugate` so far (the others refuse a bool).
pub static BOOL_TYPE: Type = Type::new("bool", BOOL_METHODS);

static BOOL_METHODS: &[Method] = &[row("conjugate", NOARGS, conjugate)];

/// `complex`'s type object (its arithmetic is in `interp/complex.rs`).
pub static COMPLEX_TYPE: Type = Type::new("complex", COMPLEX_METHODS);

static COMPLEX_METHODS: &[Method] = &[row("conjugate", NOARGS, conjugate)];

/// `conjugate()` of an int, float or complex (`interp/complex.rs`).
fn conjugate(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    interp.number_method(recv, name, &args)
}

fn bit_length(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    match recv {
        Value::Int(i) => Ok(Value::Int(64 - i.unsigned_abs().leading_zeros() as i64)),
        Value::Big(b) => Ok(Value::Int(b.bits() as i64)),
        other => Err(super::wrong_receiver(interp, "int", name, other)),
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)` (in `interp/bytes.rs`).
fn to_bytes(interp: &Interp, recv: &Value, _: &str, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    crate::interp::bytes::int_to_bytes(interp, recv, args, kw)
}

fn int_as_integer_ratio(
    interp: &Interp,
    recv: &Value,
    name: &str,
    _: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    match recv {
        Value::Int(_) | Value::Big(_) => Ok(Value::tuple(vec![recv.clone(), Value::Int(1)])),
        other => Err(super::wrong_receiver(interp, "int", name, other)),
    }
}

fn float(interp: &Interp, recv: &Value, name: &str) -> PyResult<f64> {
    match recv {
        Value::Float(f) => Ok(*f),
        other => Err(super::wrong_receiver(interp, "float", name, other)),
    }
}

fn is_integer(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(Value::Bool(float(interp, recv, name)?.fract() == 0.0))
}

/// `float.as_integer_ratio()`: the exact fraction in lowest terms, positive denominator.
fn float_as_integer_ratio(
    interp: &Interp,
    recv: &Value,
    name: &str,
    _: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    use num_bigint::BigInt;
    let f = float(interp, recv, name)?;
    if f.is_nan() {
        return Err(interp.exc("ValueError", "cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(interp.exc("OverflowError", "cannot convert Infinity to integer ratio"));
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    // f == mant * 2**e exactly.
    let (mut mant, mut e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    if mant == 0 {
        e = 0;
    }
    while mant != 0 && mant & 1 == 0 && e < 0 {
        mant >>= 1;
        e += 1;
    }
    let mut num = BigInt::from(mant);
    let mut den = BigInt::from(1);
    if e >= 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    if f.is_sign_negative() {
        num = -num;
    }
    Ok(Value::tuple(vec![
        crate::bigint::normalize(num),
        crate::bigint::normalize(den),
    ]))
}
