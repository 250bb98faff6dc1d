//! The methods of `int`, `float` and `complex`.
//!
//! Besides the named methods, int and float have their operator methods as rows (`(5).__add__(3)`,
//! `float.__lt__(x, y)`, `int.__neg__`), which do what the operator does when the other operand is
//! of a type the receiver's type handles (int: ints and bools; float: those and floats) and
//! otherwise return `NotImplemented`, as CPython's slot wrappers do: `(1).__add__(1.5)` is
//! `NotImplemented`, `(1.5).__radd__(1)` is `2.5`. Which operator a row is comes from its name
//! ([`BinOp::dunders`], [`CmpOp::dunder`]).

use super::protocol::slot;
use super::{pos, row, Arity, Kw, Method, Type, NOARGS, ONE};
use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::interp::{Interp, PyResult};
use crate::value::*;

/// `int`'s type object (small and big ints alike).
pub static INT_TYPE: Type = Type::new("int", INT_METHODS);

static INT_METHODS: &[Method] = &[
    row("bit_length", NOARGS, bit_length),
    row("bit_count", NOARGS, bit_count),
    row("as_integer_ratio", NOARGS, int_as_integer_ratio),
    row("to_bytes", super::ANY, to_bytes),
    row("conjugate", NOARGS, conjugate),
    // Operator methods (the module docs).
    row("__add__", slot(1), operator),
    row("__radd__", slot(1), operator),
    row("__sub__", slot(1), operator),
    row("__rsub__", slot(1), operator),
    row("__mul__", slot(1), operator),
    row("__rmul__", slot(1), operator),
    row("__truediv__", slot(1), operator),
    row("__rtruediv__", slot(1), operator),
    row("__floordiv__", slot(1), operator),
    row("__rfloordiv__", slot(1), operator),
    row("__mod__", slot(1), operator),
    row("__rmod__", slot(1), operator),
    row("__divmod__", slot(1), operator),
    row("__rdivmod__", slot(1), operator),
    row("__pow__", POW, operator),
    row("__rpow__", POW, operator),
    row("__and__", slot(1), operator),
    row("__rand__", slot(1), operator),
    row("__or__", slot(1), operator),
    row("__ror__", slot(1), operator),
    row("__xor__", slot(1), operator),
    row("__rxor__", slot(1), operator),
    row("__lshift__", slot(1), operator),
    row("__rlshift__", slot(1), operator),
    row("__rshift__", slot(1), operator),
    row("__rrshift__", slot(1), operator),
    row("__eq__", slot(1), operator),
    row("__ne__", slot(1), operator),
    row("__lt__", slot(1), operator),
    row("__le__", slot(1), operator),
    row("__gt__", slot(1), operator),
    row("__ge__", slot(1), operator),
    row("__neg__", slot(0), unary),
    row("__pos__", slot(0), unary),
    row("__invert__", slot(0), unary),
    row("__abs__", slot(0), unary),
    row("__bool__", slot(0), unary),
    row("__int__", slot(0), unary),
    row("__float__", slot(0), unary),
    row("__index__", slot(0), unary),
    row("__hash__", slot(0), unary),
    row("__trunc__", NOARGS, unary),
    row("__floor__", NOARGS, unary),
    row("__ceil__", NOARGS, unary),
    row("__round__", ROUND, unary),
    row("__getnewargs__", NOARGS, unary),
    row("__format__", ONE, unary),
];

/// `float`'s type object.
pub static FLOAT_TYPE: Type = Type::new("float", FLOAT_METHODS);

static FLOAT_METHODS: &[Method] = &[
    row("is_integer", NOARGS, is_integer),
    row("as_integer_ratio", NOARGS, float_as_integer_ratio),
    row("conjugate", NOARGS, conjugate),
    // Operator methods (the module docs); float has no bitwise ones.
    row("__add__", slot(1), operator),
    row("__radd__", slot(1), operator),
    row("__sub__", slot(1), operator),
    row("__rsub__", slot(1), operator),
    row("__mul__", slot(1), operator),
    row("__rmul__", slot(1), operator),
    row("__truediv__", slot(1), operator),
    row("__rtruediv__", slot(1), operator),
    row("__floordiv__", slot(1), operator),
    row("__rfloordiv__", slot(1), operator),
    row("__mod__", slot(1), operator),
    row("__rmod__", slot(1), operator),
    row("__divmod__", slot(1), operator),
    row("__rdivmod__", slot(1), operator),
    row("__pow__", POW, operator),
    row("__rpow__", POW, operator),
    row("__eq__", slot(1), operator),
    row("__ne__", slot(1), operator),
    row("__lt__", slot(1), operator),
    row("__le__", slot(1), operator),
    row("__gt__", slot(1), operator),
    row("__ge__", slot(1), operator),
    row("__neg__", slot(0), unary),
    row("__pos__", slot(0), unary),
    row("__abs__", slot(0), unary),
    row("__bool__", slot(0), unary),
    row("__int__", slot(0), unary),
    row("__float__", slot(0), unary),
    row("__hash__", slot(0), unary),
    row("__trunc__", NOARGS, unary),
    row("__floor__", NOARGS, unary),
    row("__ceil__", NOARGS, unary),
    row("__round__", ROUND, unary),
    row("__getnewargs__", NOARGS, unary),
    row("__format__", ONE, unary),
];

/// `bool`'s type object: bool is an int, with int's methods.
pub static BOOL_TYPE: Type = Type::new("bool", INT_METHODS);

/// `complex`'s type object (its arithmetic is in `interp/complex.rs`).
pub static COMPLEX_TYPE: Type = Type::new("complex", COMPLEX_METHODS);

static COMPLEX_METHODS: &[Method] = &[row("conjugate", NOARGS, conjugate)];

/// `__pow__(value, mod=None, /)`.
const POW: super::Spec = pos(Arity::Clinic(1, 2));

/// `__round__(ndigits=None, /)`.
const ROUND: super::Spec = pos(Arity::Clinic(0, 1));

/// Whether the operator methods of an int (`float_receiver` false) or a float take `other`
/// as their other operand.
fn takes_operand(float_receiver: bool, other: &Value) -> bool {
    match other {
        Value::Int(_) | Value::Big(_) | Value::Bool(_) => true,
        Value::Float(_) => float_receiver,
        _ => false,
    }
}

/// An operator method of int or float (`__add__`, `__rsub__`, `__divmod__`, `__lt__`, ...),
/// named `name`: the operator applied to the receiver and the argument (swapped for a
/// reflected one), or `NotImplemented` for an operand of another type.
fn operator(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let other = &args[0];
    if !takes_operand(matches!(recv, Value::Float(_)), other) {
        return Ok(Value::NotImplemented);
    }
    if let Some(op) = CmpOp::RICH.into_iter().find(|op| op.dunder() == Some(name)) {
        return Ok(Value::Bool(interp.compare(op, recv, other)?));
    }
    let (l, r, forward) = match name.strip_prefix("__r") {
        // `__rshift__` is the one forward name that starts so (its reflection is `__rrshift__`).
        Some(_) if name != "__rshift__" => (other.clone(), recv.clone(), false),
        _ => (recv.clone(), other.clone(), true),
    };
    if name == "__divmod__" || name == "__rdivmod__" {
        return interp.divmod(l, r);
    }
    let Some(op) = BinOp::ALL.into_iter().find(|op| {
        let (f, reflected) = op.dunders();
        name == if forward { f } else { reflected }
    }) else {
        return Err(interp.type_error(format!("no operator for {name}")));
    };
    match args.get(1) {
        Some(m) if op == BinOp::Pow && !matches!(m, Value::None) => {
            if !takes_operand(false, m) {
                return Ok(Value::NotImplemented);
            }
            super::functions::modular_pow(interp, &l, &r, m)
        }
        _ => interp.binop(op, l, r),
    }
}

/// The int or float the receiver is, a bool as its int.
fn plain_number(recv: &Value) -> Value {
    match recv {
        Value::Bool(b) => Value::Int(i64::from(*b)),
        v => v.clone(),
    }
}

/// The one-operand methods of int and float: the unary operators, the conversions
/// (`__int__`, `__float__`, `__index__`, `__bool__`), the rounding methods, `__hash__`,
/// `__getnewargs__` and `__format__`.
fn unary(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let float = match recv {
        Value::Float(f) => Some(*f),
        _ => None,
    };
    let int_of = |f: f64| super::args::float_to_int(interp, f);
    match name {
        "__neg__" => interp.unary(UnaryOp::Neg, recv.clone()),
        "__pos__" => interp.unary(UnaryOp::Pos, recv.clone()),
        "__invert__" => interp.unary(UnaryOp::Invert, recv.clone()),
        "__abs__" => super::functions::abs(interp, "abs", vec![recv.clone()], kw),
        "__bool__" => Ok(Value::Bool(interp.truthy(recv)?)),
        "__hash__" => super::functions::hash(interp, "hash", vec![recv.clone()], kw),
        "__round__" => {
            if float.is_none() && matches!(args.first(), Some(Value::None)) {
                // int's `__round__` takes an int only (`round()` and float's take `None`).
                return Err(interp
                    .type_error("'NoneType' object cannot be interpreted as an integer".into()));
            }
            let mut all = vec![recv.clone()];
            all.extend(args);
            super::functions::round(interp, "round", all, kw)
        }
        "__format__" => match &args[0] {
            spec @ Value::Str(_) => {
                super::functions::format(interp, "format", vec![recv.clone(), spec.clone()], kw)
            }
            other => Err(interp.type_error(format!(
                "__format__() argument must be str, not {}",
                other.type_name()
            ))),
        },
        "__float__" => match float {
            Some(f) => Ok(Value::Float(f)),
            None => match crate::bigint::to_big(recv).and_then(|b| crate::bigint::to_f64(&b)) {
                Some(f) => Ok(Value::Float(f)),
                None => Err(interp.int_too_large_for_float()),
            },
        },
        "__getnewargs__" => Ok(Value::tuple(vec![plain_number(recv)])),
        // `__int__`, `__index__`, `__trunc__`, `__floor__`, `__ceil__`: an int is itself.
        _ => match float {
            None => Ok(plain_number(recv)),
            Some(f) => match name {
                "__floor__" => int_of(f.floor()),
                "__ceil__" => int_of(f.ceil()),
                _ => int_of(f.trunc()),
            },
        },
    }
}

/// `int.bit_count()`: the number of ones in the absolute value's binary form.
fn bit_count(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    match plain_number(recv) {
        Value::Int(i) => Ok(Value::Int(i64::from(i.unsigned_abs().count_ones()))),
        Value::Big(b) => Ok(Value::Int(
            b.magnitude()
                .iter_u64_digits()
                .map(|d| i64::from(d.count_ones()))
                .sum(),
        )),
        other => Err(super::wrong_receiver(interp, "int", name, &other)),
    }
}

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
    match &plain_number(recv) {
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
    match plain_number(recv) {
        v @ (Value::Int(_) | Value::Big(_)) => Ok(Value::tuple(vec![v, Value::Int(1)])),
        other => Err(super::wrong_receiver(interp, "int", name, &other)),
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
