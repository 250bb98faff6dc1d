//! Operators: arithmetic with CPython's semantics (64-bit ints that move to arbitrary
//! precision when a result leaves that range: see [`crate::bigint`]), comparisons, identity and
//! membership.

use gc_core::Cc;

use crate::bigint;

/// The `RecursionError` message of a comparison nested past the recursion limit.
const CMP_DEPTH: &str = "maximum recursion depth exceeded in comparison";

use super::*;

impl Interp {
    // ------------------------------------------------------------ operators

    /// Python truthiness.
    pub fn truthy(&self, v: &Value) -> PyResult<bool> {
        if let Value::Instance(inst) = v {
            if let Some(f) = inst.class().lookup("__bool__") {
                let r = self.call(&f, vec![v.clone()], Vec::new())?;
                return Ok(r.truthy_simple());
            }
            if let Some(f) = inst.class().lookup("__len__") {
                let r = self.call(&f, vec![v.clone()], Vec::new())?;
                return Ok(r.truthy_simple());
            }
            if let Some(b) = &inst.base {
                return Ok(b.truthy_simple());
            }
            return Ok(true);
        }
        Ok(v.truthy_simple())
    }

    pub(crate) fn unary(&self, op: UnaryOp, v: Value) -> PyResult<Value> {
        Ok(match (op, &v) {
            (UnaryOp::Not, _) => Value::Bool(!self.truthy(&v)?),
            (UnaryOp::Neg, Value::Int(i)) => match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => bigint::normalize(-num_bigint::BigInt::from(*i)),
            },
            (UnaryOp::Neg, Value::Big(b)) => bigint::normalize(-(**b).clone()),
            (UnaryOp::Pos, Value::Big(_)) => v,
            (UnaryOp::Invert, Value::Big(b)) => bigint::normalize(!(**b).clone()),
            (UnaryOp::Neg, Value::Bool(b)) => Value::Int(-(*b as i64)),
            (UnaryOp::Neg, Value::Float(f)) => Value::Float(-f),
            (UnaryOp::Pos, Value::Int(_) | Value::Float(_)) => v,
            (UnaryOp::Pos, Value::Bool(b)) => Value::Int(*b as i64),
            (UnaryOp::Neg | UnaryOp::Pos, Value::Complex(z)) => match self.complex_unary(op, z) {
                Some(v) => v,
                None => return Err(self.bad_unary(op, &v)),
            },
            (UnaryOp::Invert, Value::Int(i)) => Value::Int(!i),
            (UnaryOp::Invert, Value::Bool(b)) => Value::Int(!(*b as i64)),
            (_, Value::Instance(inst)) => {
                let name = match op {
                    UnaryOp::Neg => "__neg__",
                    UnaryOp::Pos => "__pos__",
                    _ => "__invert__",
                };
                match inst.class().lookup(name) {
                    Some(f) => self.call(&f, vec![v.clone()], Vec::new())?,
                    None => return Err(self.bad_unary(op, &v)),
                }
            }
            _ => return Err(self.bad_unary(op, &v)),
        })
    }

    pub(crate) fn bad_unary(&self, op: UnaryOp, v: &Value) -> Ctrl {
        let sym = match op {
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            UnaryOp::Invert => "~",
            UnaryOp::Not => "not",
        };
        self.type_error(format!(
            "bad operand type for unary {sym}: '{}'",
            v.type_name()
        ))
    }

    pub(crate) fn overflow(&self) -> Ctrl {
        self.exc("OverflowError", "integer overflow (minipy ints are 64-bit)")
    }

    /// `l op r` and `l op= r` for two ints or two floats (or a float and an int) when the
    /// result is an int that fits 64 bits or a float: computed here, without the general
    /// dispatch of [`Interp::binop`]. `None` when the general path decides (overflow into a big
    /// int, division by zero, other types and operators).
    #[inline]
    pub(crate) fn fast_binop(op: BinOp, l: &Value, r: &Value) -> Option<Value> {
        use Value::{Float, Int};
        match (l, r) {
            (Int(a), Int(b)) => match op {
                BinOp::Add => a.checked_add(*b).map(Int),
                BinOp::Sub => a.checked_sub(*b).map(Int),
                BinOp::Mul => a.checked_mul(*b).map(Int),
                // Floor division and modulo round toward negative infinity.
                BinOp::FloorDiv if *b != 0 => {
                    let q = a.checked_div(*b)?;
                    Some(Int(if a % b != 0 && ((*a < 0) != (*b < 0)) {
                        q - 1
                    } else {
                        q
                    }))
                }
                BinOp::Mod if *b != 0 => {
                    let r = a.checked_rem(*b)?;
                    Some(Int(if r != 0 && ((r < 0) != (*b < 0)) {
                        r + b
                    } else {
                        r
                    }))
                }
                _ => None,
            },
            (Float(a), Float(b)) => Self::fast_float_op(op, *a, *b),
            (Float(a), Int(b)) => Self::fast_float_op(op, *a, *b as f64),
            (Int(a), Float(b)) => Self::fast_float_op(op, *a as f64, *b),
            _ => None,
        }
    }

    /// The float operations of [`Interp::fast_binop`] (as [`Interp::float_op`] computes them).
    #[inline]
    fn fast_float_op(op: BinOp, a: f64, b: f64) -> Option<Value> {
        Some(Value::Float(match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::Div if b != 0.0 => a / b,
            _ => return None,
        }))
    }

    /// `l op r` for two ints or two floats and an ordering or equality operator, computed
    /// without the general dispatch of [`Interp::compare`]; `None` for other operands.
    #[inline]
    pub(crate) fn fast_compare(op: CmpOp, l: &Value, r: &Value) -> Option<bool> {
        fn order<T: PartialOrd>(op: CmpOp, a: T, b: T) -> Option<bool> {
            Some(match op {
                CmpOp::Lt => a < b,
                CmpOp::Gt => a > b,
                CmpOp::Le => a <= b,
                CmpOp::Ge => a >= b,
                CmpOp::Eq => a == b,
                CmpOp::Ne => a != b,
                _ => return None,
            })
        }
        match (l, r) {
            (Value::Int(a), Value::Int(b)) => order(op, a, b),
            (Value::Float(a), Value::Float(b)) => order(op, a, b),
            _ => None,
        }
    }

    pub(crate) fn binop_inplace(&self, op: BinOp, l: Value, r: Value) -> PyResult<Value> {
        if let Some(v) = self.bytearray_inplace(op, &l, &r)? {
            return Ok(v);
        }
        // Sets change in place, as `set.__ior__` and the others do (a frozenset makes a new one).
        if let (
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
            Value::Set(a),
            Value::Set(b),
        ) = (op, &l, &r)
        {
            if !a.frozen {
                self.set_update_with(op, a, b)?;
                return Ok(l);
            }
        }
        // Lists extend in place, as `list.__iadd__` does.
        if let (BinOp::Add, Value::List(a)) = (op, &l) {
            let extra = self.collect(&r)?;
            a.items.borrow_mut().extend(extra);
            return Ok(l);
        }
        // `l.__iop__(r)`; if it returns NotImplemented, `l op r` (which says `op=` if it fails).
        if let Value::Instance(inst) = &l {
            if let Some(f) = inst.class().lookup(op.inplace_dunder()) {
                let v = self.call(&f, vec![l.clone(), r.clone()], Vec::new())?;
                if !matches!(v, Value::NotImplemented) {
                    return Ok(v);
                }
            }
        }
        self.binop_as(op, l, r, true)
    }

    /// `l op r`.
    pub fn binop(&self, op: BinOp, l: Value, r: Value) -> PyResult<Value> {
        self.binop_as(op, l, r, false)
    }

    /// The `TypeError` of an operator no operand supports: `unsupported operand type(s) for
    /// +: 'int' and 'str'` (`+=` for an augmented assignment).
    fn unsupported_operands(&self, op: BinOp, l: &Value, r: &Value, inplace: bool) -> Ctrl {
        let symbol = match (op, inplace) {
            (BinOp::Pow, true) => "**=".to_string(),
            (_, true) => format!("{}=", op.symbol()),
            (_, false) => op.symbol().to_string(),
        };
        self.type_error(format!(
            "unsupported operand type(s) for {symbol}: '{}' and '{}'",
            l.type_name(),
            r.type_name()
        ))
    }

    /// `l op r`, or `l op= r`'s fallback when `inplace` (only the error message differs).
    fn binop_as(&self, op: BinOp, l: Value, r: Value, inplace: bool) -> PyResult<Value> {
        use Value::*;
        if op == BinOp::BitOr && (is_class_like(&l) || is_class_like(&r)) {
            if let (Some(mut a), Some(b)) = (union_members(&l), union_members(&r)) {
                // `int | None` (PEP 604): the tuple of the member types, which isinstance and
                // annotations take as CPython's union (its repr differs).
                for t in b {
                    if !a.iter().any(|x| is_same(x, &t)) {
                        a.push(t);
                    }
                }
                return Ok(Value::tuple(a));
            }
        }
        let as_int = |v: &Value| match v {
            Int(i) => Some(*i),
            Bool(b) => Some(*b as i64),
            _ => Option::None,
        };
        let as_float = |v: &Value| match v {
            Int(i) => Some(*i as f64),
            Bool(b) => Some(*b as i64 as f64),
            Float(f) => Some(*f),
            _ => Option::None,
        };
        if let (Bool(a), Bool(b)) = (&l, &r) {
            match op {
                BinOp::BitAnd => return Ok(Bool(a & b)),
                BinOp::BitOr => return Ok(Bool(a | b)),
                BinOp::BitXor => return Ok(Bool(a ^ b)),
                _ => {}
            }
        }
        if let (Some(a), Some(b)) = (as_int(&l), as_int(&r)) {
            return self.int_op(op, a, b);
        }
        // Bitwise operators and shifts take no float.
        if matches!(
            op,
            BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::LShift | BinOp::RShift
        ) && (matches!(l, Float(_)) || matches!(r, Float(_)))
            && matches!(l, Int(_) | Bool(_) | Big(_) | Float(_))
            && matches!(r, Int(_) | Bool(_) | Big(_) | Float(_))
        {
            return Err(self.unsupported_operands(op, &l, &r, inplace));
        }
        if matches!(l, Big(_)) || matches!(r, Big(_)) {
            if let (Some(a), Some(b)) = (bigint::to_big(&l), bigint::to_big(&r)) {
                return self.big_op(op, a, b);
            }
            if let (Float(_), Big(b)) | (Big(b), Float(_)) = (&l, &r) {
                let x = bigint::to_f64(b).ok_or_else(|| self.int_too_large_for_float())?;
                return match &l {
                    Float(f) => self.float_op(op, *f, x),
                    _ => match &r {
                        Float(f) => self.float_op(op, x, *f),
                        _ => unreachable!("one side is a float"),
                    },
                };
            }
            if let (BinOp::Mul, Str(_) | List(_) | Tuple(_), Big(_))
            | (BinOp::Mul, Big(_), Str(_) | List(_) | Tuple(_)) = (op, &l, &r)
            {
                let negative = match (&l, &r) {
                    (Big(b), _) | (_, Big(b)) => b.sign() == num_bigint::Sign::Minus,
                    _ => false,
                };
                if negative {
                    let seq = if matches!(l, Big(_)) { &r } else { &l };
                    return self.repeat(seq, 0);
                }
                return Err(self.exc(
                    "OverflowError",
                    "cannot fit 'int' into an index-sized integer",
                ));
            }
        }
        if let (Some(a), Some(b)) = (as_float(&l), as_float(&r)) {
            return self.float_op(op, a, b);
        }
        if let Some(v) = self.complex_binop(op, &l, &r)? {
            return Ok(v);
        }
        if let Some(v) = self.bytes_binop(op, &l, &r)? {
            return Ok(v);
        }
        match (op, &l, &r) {
            (BinOp::Add, Str(a), Str(b)) => {
                let mut s = String::with_capacity(a.len() + b.len());
                s.push_str(a);
                s.push_str(b);
                return Ok(Str(PyStr::from(s)));
            }
            (BinOp::Add, List(a), List(b)) => {
                let mut v = a.items.borrow().clone();
                v.extend(b.items.borrow().iter().cloned());
                return Ok(Value::list(v));
            }
            (BinOp::Add, Tuple(a), Tuple(b)) => {
                let mut v = a.items.to_vec();
                v.extend(b.items.iter().cloned());
                return Ok(Value::tuple(v));
            }
            (BinOp::Add, Str(_) | List(_) | Tuple(_), _) if !matches!(r, Instance(_)) => {
                return Err(self.concat_error(&l, &r))
            }
            (BinOp::Mul, Str(_) | List(_) | Tuple(_), Int(_) | Bool(_)) => {
                return self.repeat(&l, as_int(&r).unwrap_or(0))
            }
            (BinOp::Mul, Int(_) | Bool(_), Str(_) | List(_) | Tuple(_)) => {
                return self.repeat(&r, as_int(&l).unwrap_or(0))
            }
            (BinOp::Mod, Str(fmt), _) => return crate::format::percent_format(self, fmt, &r),
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Set(a), Set(b)) => {
                // The result is computed (and both borrows ended) before the new set is
                // allocated: the allocation can run script code that mutates `a` or `b`.
                let result = self.set_binop(op, a, b)?;
                // The result has the left operand's type, as CPython's.
                return Ok(if a.frozen {
                    Value::frozenset(result)
                } else {
                    Value::set(result)
                });
            }
            _ => {}
        }
        let (name, rname) = op.dunders();
        // `l.__op__(r)`, then `r.__rop__(l)`; a method that returns NotImplemented lets the
        // next one try, and when none is left the operation is a TypeError.
        if let Instance(inst) = &l {
            if let Some(f) = inst.class().lookup(name) {
                let v = self.call(&f, vec![l.clone(), r.clone()], Vec::new())?;
                if !matches!(v, Value::NotImplemented) {
                    return Ok(v);
                }
            }
        }
        if let Instance(inst) = &r {
            if let Some(f) = inst.class().lookup(rname) {
                let v = self.call(&f, vec![r.clone(), l.clone()], Vec::new())?;
                if !matches!(v, Value::NotImplemented) {
                    return Ok(v);
                }
            }
        }
        // An instance of a class deriving from `list`, `dict` or `tuple` falls back on the
        // value it holds (`list.__add__`, `tuple.__mul__`, ...).
        let base_of = |v: &Value| match v {
            Instance(i) => i.base.clone(),
            _ => Option::None,
        };
        if base_of(&l).is_some() || base_of(&r).is_some() {
            let l2 = base_of(&l).unwrap_or_else(|| l.clone());
            let r2 = base_of(&r).unwrap_or_else(|| r.clone());
            return self.binop_as(op, l2, r2, inplace);
        }
        if matches!((op, &l), (BinOp::Add, Str(_) | List(_) | Tuple(_))) {
            // The sequence's own message, as when the right operand has no `__radd__`.
            return Err(self.concat_error(&l, &r));
        }
        // A sequence times a non-integer: the sequence's own message (`sq_repeat`).
        let is_seq = |v: &Value| matches!(v, Str(_) | List(_) | Tuple(_) | Bytes(_) | ByteArray(_));
        if op == BinOp::Mul && (is_seq(&l) || is_seq(&r)) {
            let other = if is_seq(&l) { &r } else { &l };
            if !matches!(other, Instance(_)) {
                return Err(self.type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    other.type_name()
                )));
            }
        }
        Err(self.unsupported_operands(op, &l, &r, inplace))
    }

    /// `divmod(l, r)`: `l.__divmod__(r)`, then `r.__rdivmod__(l)`; for two real numbers (or
    /// instances without those methods) `(l // r, l % r)`; anything else, CPython's
    /// `TypeError` naming `divmod()`.
    pub fn divmod(&self, l: Value, r: Value) -> PyResult<Value> {
        use Value::*;
        for (x, y, name) in [(&l, &r, "__divmod__"), (&r, &l, "__rdivmod__")] {
            if let Instance(inst) = x {
                if let Some(f) = inst.class().lookup(name) {
                    let v = self.call(&f, vec![x.clone(), y.clone()], Vec::new())?;
                    if !matches!(v, NotImplemented) {
                        return Ok(v);
                    }
                }
            }
        }
        // Instances with `__floordiv__`/`__rfloordiv__` (and no `__divmod__`) are let through
        // to `//` and `%` (CPython would refuse them).
        let real = |v: &Value| matches!(v, Int(_) | Bool(_) | Big(_) | Float(_));
        let has = |v: &Value, name: &str| matches!(v, Instance(inst) if inst.class().lookup(name).is_some());
        if !(real(&l) && real(&r) || has(&l, "__floordiv__") || has(&r, "__rfloordiv__")) {
            return Err(self.type_error(format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                l.type_name(),
                r.type_name()
            )));
        }
        let zero = matches!(r, Float(f) if f == 0.0) || matches!(r, Int(0) | Bool(false));
        if zero && (matches!(l, Float(_)) || matches!(r, Float(_))) {
            return Err(self.exc("ZeroDivisionError", "float divmod()"));
        }
        let q = self.binop(BinOp::FloorDiv, l.clone(), r.clone())?;
        let m = self.binop(BinOp::Mod, l, r)?;
        Ok(Value::tuple(vec![q, m]))
    }

    /// CPython's error for `seq + other` when nothing adds them.
    fn concat_error(&self, l: &Value, r: &Value) -> Ctrl {
        self.type_error(format!(
            "can only concatenate {} (not \"{}\") to {}",
            l.type_name(),
            r.type_name(),
            l.type_name()
        ))
    }

    pub(crate) fn repeat(&self, v: &Value, n: i64) -> PyResult<Value> {
        let n = n.max(0) as usize;
        let len = match v {
            Value::Str(s) => s.len(),
            Value::List(l) => l.items.borrow().len(),
            Value::Tuple(t) => t.items.len(),
            _ => 0,
        };
        if len.saturating_mul(n) > (1 << 28) {
            return Err(self.exc("MemoryError", ""));
        }
        // An empty sequence repeated any number of times is empty (without looping that many
        // times).
        let n = if len == 0 { 0 } else { n };
        Ok(match v {
            Value::Str(s) => Value::Str(PyStr::from(s.repeat(n))),
            Value::List(l) => {
                let items = l.items.borrow().clone();
                let mut out = Vec::with_capacity(items.len() * n);
                for _ in 0..n {
                    out.extend(items.iter().cloned());
                }
                Value::list(out)
            }
            Value::Tuple(t) => {
                let mut out = Vec::with_capacity(t.items.len() * n);
                for _ in 0..n {
                    out.extend(t.items.iter().cloned());
                }
                Value::tuple(out)
            }
            _ => Value::None,
        })
    }

    pub(crate) fn int_op(&self, op: BinOp, a: i64, b: i64) -> PyResult<Value> {
        use num_bigint::BigInt;
        // A result outside 64 bits is computed again in arbitrary precision.
        let big = || self.big_op(op, BigInt::from(a), BigInt::from(b));
        Ok(Value::Int(match op {
            BinOp::Add => match a.checked_add(b) {
                Some(x) => x,
                None => return big(),
            },
            BinOp::Sub => match a.checked_sub(b) {
                Some(x) => x,
                None => return big(),
            },
            BinOp::Mul => match a.checked_mul(b) {
                Some(x) => x,
                None => return big(),
            },
            BinOp::Div => {
                if b == 0 {
                    return Err(self.exc("ZeroDivisionError", "division by zero"));
                }
                // Both exact as floats: one correctly rounded division, as CPython's.
                const EXACT: u64 = 1 << 53;
                if a.unsigned_abs() > EXACT || b.unsigned_abs() > EXACT {
                    return big();
                }
                return Ok(Value::Float(a as f64 / b as f64));
            }
            BinOp::FloorDiv => {
                if b == 0 {
                    return Err(self.exc("ZeroDivisionError", "integer division or modulo by zero"));
                }
                let Some(q) = a.checked_div(b) else {
                    return big();
                };
                if (a % b != 0) && ((a < 0) != (b < 0)) {
                    q - 1
                } else {
                    q
                }
            }
            BinOp::Mod => {
                if b == 0 {
                    return Err(self.exc("ZeroDivisionError", "integer modulo by zero"));
                }
                let m = a.checked_rem(b).unwrap_or(0);
                if m != 0 && ((m < 0) != (b < 0)) {
                    m + b
                } else {
                    m
                }
            }
            BinOp::Pow => {
                if b < 0 {
                    if a == 0 {
                        return Err(self.exc(
                            "ZeroDivisionError",
                            "0.0 cannot be raised to a negative power",
                        ));
                    }
                    return Ok(Value::Float((a as f64).powf(b as f64)));
                }
                match u32::try_from(b).ok().and_then(|e| a.checked_pow(e)) {
                    Some(x) => x,
                    None => return big(),
                }
            }
            BinOp::BitAnd => a & b,
            BinOp::BitOr => a | b,
            BinOp::BitXor => a ^ b,
            BinOp::LShift => {
                if b < 0 {
                    return Err(self.exc("ValueError", "negative shift count"));
                }
                if a == 0 {
                    0
                } else {
                    if b >= 63 {
                        return big();
                    }
                    let r = a << b;
                    if r >> b != a {
                        return big();
                    }
                    r
                }
            }
            BinOp::RShift => {
                if b < 0 {
                    return Err(self.exc("ValueError", "negative shift count"));
                }
                a >> b.min(63)
            }
        }))
    }

    /// `a op b` in arbitrary precision (the result normalised back to 64 bits when it fits).
    pub(crate) fn big_op(
        &self,
        op: BinOp,
        a: num_bigint::BigInt,
        b: num_bigint::BigInt,
    ) -> PyResult<Value> {
        use num_bigint::{BigInt, Sign};
        use num_integer::Integer;
        use num_traits::{Signed, ToPrimitive, Zero};
        let too_big = || self.exc("MemoryError", "");
        Ok(bigint::normalize(match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => {
                if bigint::too_big(a.bits() + b.bits()) {
                    return Err(too_big());
                }
                a * b
            }
            BinOp::Div => {
                return match bigint::true_div(&a, &b) {
                    Ok(f) => Ok(Value::Float(f)),
                    Err(true) => Err(self.exc("ZeroDivisionError", "division by zero")),
                    Err(false) => Err(self.exc(
                        "OverflowError",
                        "integer division result too large for a float",
                    )),
                }
            }
            BinOp::FloorDiv => {
                if b.is_zero() {
                    return Err(self.exc("ZeroDivisionError", "integer division or modulo by zero"));
                }
                a.div_floor(&b)
            }
            BinOp::Mod => {
                if b.is_zero() {
                    return Err(self.exc("ZeroDivisionError", "integer modulo by zero"));
                }
                a.mod_floor(&b)
            }
            BinOp::Pow => {
                if b.sign() == Sign::Minus {
                    if a.is_zero() {
                        return Err(self.exc(
                            "ZeroDivisionError",
                            "0.0 cannot be raised to a negative power",
                        ));
                    }
                    let x = bigint::to_f64(&a).ok_or_else(|| self.int_too_large_for_float())?;
                    let y = bigint::to_f64(&b).unwrap_or(f64::NEG_INFINITY);
                    return self.float_op(BinOp::Pow, x, y);
                }
                if a.abs() <= BigInt::from(1) {
                    // 0, 1 and -1 stay small for any exponent.
                    let odd = b.is_odd();
                    if a.is_zero() {
                        return Ok(Value::Int(i64::from(b.is_zero())));
                    }
                    return Ok(Value::Int(if a.sign() == Sign::Minus && odd {
                        -1
                    } else {
                        1
                    }));
                }
                let e = b.to_u64().filter(|e| {
                    e.checked_mul(a.bits())
                        .is_some_and(|bits| !bigint::too_big(bits))
                });
                match e.and_then(|e| u32::try_from(e).ok()) {
                    Some(e) => a.pow(e),
                    None => return Err(too_big()),
                }
            }
            BinOp::BitAnd => a & b,
            BinOp::BitOr => a | b,
            BinOp::BitXor => a ^ b,
            BinOp::LShift => {
                if b.sign() == Sign::Minus {
                    return Err(self.exc("ValueError", "negative shift count"));
                }
                if a.is_zero() {
                    return Ok(Value::Int(0));
                }
                match b
                    .to_u64()
                    .filter(|s| !bigint::too_big(a.bits().saturating_add(*s)))
                {
                    Some(s) => a << s,
                    None => return Err(too_big()),
                }
            }
            BinOp::RShift => {
                if b.sign() == Sign::Minus {
                    return Err(self.exc("ValueError", "negative shift count"));
                }
                match b.to_u64().filter(|s| *s < a.bits() + 1) {
                    Some(s) => a >> s,
                    None => BigInt::from(if a.sign() == Sign::Minus { -1 } else { 0 }),
                }
            }
        }))
    }

    /// The `OverflowError` for an integer too large to become a float.
    pub(crate) fn int_too_large_for_float(&self) -> Ctrl {
        self.exc("OverflowError", "int too large to convert to float")
    }

    pub(crate) fn float_op(&self, op: BinOp, a: f64, b: f64) -> PyResult<Value> {
        Ok(Value::Float(match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::Div => {
                if b == 0.0 {
                    return Err(self.exc("ZeroDivisionError", "float division by zero"));
                }
                a / b
            }
            BinOp::FloorDiv => {
                if b == 0.0 {
                    return Err(self.exc("ZeroDivisionError", "float floor division by zero"));
                }
                (a / b).floor()
            }
            BinOp::Mod => {
                if b == 0.0 {
                    return Err(self.exc("ZeroDivisionError", "float modulo"));
                }
                let m = a % b;
                if m == 0.0 {
                    0.0f64.copysign(b)
                } else if (m < 0.0) != (b < 0.0) {
                    m + b
                } else {
                    m
                }
            }
            BinOp::Pow => {
                if a == 0.0 && b < 0.0 {
                    return Err(self.exc(
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                // A negative base to a non-integral power is complex, as in CPython.
                if a < 0.0 && a.is_finite() && b.is_finite() && b != b.floor() {
                    let z = |re| complex::ComplexObj { re, im: 0.0 };
                    return self.complex_op(op, z(a), z(b));
                }
                let r = a.powf(b);
                if r.is_infinite() && a.is_finite() && b.is_finite() {
                    return Err(self.exc_with(
                        "OverflowError",
                        vec![Value::Int(34), Value::str("Numerical result out of range")],
                    ));
                }
                r
            }
            _ => {
                return Err(self.type_error(format!(
                    "unsupported operand type(s) for {}: 'float' and 'float'",
                    op.symbol()
                )))
            }
        }))
    }

    /// Evaluates a comparison operator.
    pub fn compare(&self, op: CmpOp, l: &Value, r: &Value) -> PyResult<bool> {
        match op {
            CmpOp::Is => Ok(is_same(l, r)),
            CmpOp::IsNot => Ok(!is_same(l, r)),
            CmpOp::Eq => self.eq(l, r),
            CmpOp::Ne => {
                if let Value::Instance(inst) = l {
                    if let Some(f) = inst.class().lookup("__ne__") {
                        let v = self.call(&f, vec![l.clone(), r.clone()], Vec::new())?;
                        return self.truthy(&v);
                    }
                }
                Ok(!self.eq(l, r)?)
            }
            CmpOp::In => self.contains(r, l),
            CmpOp::NotIn => Ok(!self.contains(r, l)?),
            CmpOp::Lt | CmpOp::Gt | CmpOp::Le | CmpOp::Ge
                if matches!(l, Value::Instance(_)) || matches!(r, Value::Instance(_)) =>
            {
                self.rich_order(l, r, op.symbol())
            }
            CmpOp::Lt => self.lt(l, r, "<"),
            CmpOp::Gt => self.lt(r, l, ">"),
            CmpOp::Le => Ok(self.lt(l, r, "<=")? || self.eq(l, r)?),
            CmpOp::Ge => Ok(self.lt(r, l, ">=")? || self.eq(l, r)?),
        }
    }

    /// `l == r`.
    pub fn eq(&self, l: &Value, r: &Value) -> PyResult<bool> {
        use Value::*;
        self.check_stack()?;
        Ok(match (l, r) {
            (Int(a), Int(b)) => a == b,
            (Str(a), Str(b)) => a == b,
            (None, None) => true,
            (Int(_) | Bool(_) | Float(_), Int(_) | Bool(_) | Float(_)) => num_eq(l, r),
            (Big(a), Big(b)) => a == b,
            (Big(_), Int(_) | Bool(_)) | (Int(_) | Bool(_), Big(_)) => false,
            (Big(a), Float(f)) | (Float(f), Big(a)) => {
                bigint::cmp_with_f64(a, *f) == Some(std::cmp::Ordering::Equal)
            }
            (List(a), List(b)) => {
                if Cc::ptr_eq(a, b) {
                    return Ok(true);
                }
                let (x, y) = (a.items.borrow().clone(), b.items.borrow().clone());
                self.seq_eq(&x, &y)?
            }
            (Tuple(a), Tuple(b)) => Cc::ptr_eq(a, b) || self.seq_eq(&a.items, &b.items)?,
            // Slices compare as the tuples of their bounds (`slice_richcompare`).
            (Slice(a), Slice(b)) => {
                Cc::ptr_eq(a, b) || self.seq_eq(&slice_bounds(a), &slice_bounds(b))?
            }
            (Set(a), Set(b)) => {
                a.items.borrow().len() == b.items.borrow().len() && self.keys_within(a, b)?
            }
            (Dict(a), Dict(b)) => {
                if Cc::ptr_eq(a, b) {
                    return Ok(true);
                }
                let xa: Vec<(Value, Value)> = a.entries();
                if xa.len() != b.map.borrow().len() {
                    return Ok(false);
                }
                for (k, v) in xa {
                    let hk = self.dict_key(&b.map, &k)?;
                    let other = b.map.borrow().get(&hk).cloned();
                    match other {
                        Some(o) if self.eq(&v, &o)? => {}
                        _ => return Ok(false),
                    }
                }
                true
            }
            (Range(a), Range(b)) if a.wide.is_some() || b.wide.is_some() => {
                a.bounds() == b.bounds()
            }
            (Range(a), Range(b)) => a.start == b.start && a.stop == b.stop && a.step == b.step,
            (Bytes(_) | ByteArray(_), Bytes(_) | ByteArray(_)) => {
                self.bytes_eq(l, r).unwrap_or(false)
            }
            (Complex(_), _) | (_, Complex(_)) if self.complex_eq(l, r)?.is_some() => {
                self.complex_eq(l, r)?.unwrap_or(false)
            }
            (Instance(_), _) | (_, Instance(_)) if self.has_user_eq(l) || self.has_user_eq(r) => {
                // `l.__eq__(r)`, then `r.__eq__(l)`; when both return NotImplemented (or are
                // missing), identity decides, as in CPython.
                for (x, y) in [(l, r), (r, l)] {
                    if let Instance(inst) = x {
                        if let Some(f) = inst.class().lookup("__eq__") {
                            let v = self.call(&f, vec![x.clone(), y.clone()], Vec::new())?;
                            if !matches!(v, Value::NotImplemented) {
                                return self.truthy(&v);
                            }
                        }
                    }
                }
                match (l, r) {
                    (Instance(inst), _) if inst.base.is_some() => {
                        self.eq(inst.base.as_ref().expect("checked"), r)?
                    }
                    (_, Instance(inst)) if inst.base.is_some() => {
                        self.eq(l, inst.base.as_ref().expect("checked"))?
                    }
                    _ => is_same(l, r),
                }
            }
            (Instance(inst), _) if inst.base.is_some() => {
                self.eq(inst.base.as_ref().expect("checked"), r)?
            }
            (_, Instance(inst)) if inst.base.is_some() => {
                self.eq(l, inst.base.as_ref().expect("checked"))?
            }
            _ => is_same(l, r),
        })
    }

    pub(crate) fn seq_eq(&self, a: &[Value], b: &[Value]) -> PyResult<bool> {
        if a.len() != b.len() {
            return Ok(false);
        }
        self.nested(CMP_DEPTH, || {
            for (x, y) in a.iter().zip(b) {
                if !is_same(x, y) && !self.eq(x, y)? {
                    return Ok(false);
                }
            }
            Ok(true)
        })
    }

    /// `l OP r` for an ordering operator when an operand is an instance: `l.__op__(r)`, else
    /// the reflected `r.__rop__(l)`, as CPython's rich comparison.
    fn rich_order(&self, l: &Value, r: &Value, sym: &str) -> PyResult<bool> {
        if let Value::Instance(inst) = l {
            if let Some(f) = inst.class().lookup(dunder_for(sym)) {
                let v = self.call(&f, vec![l.clone(), r.clone()], Vec::new())?;
                if !matches!(v, Value::NotImplemented) {
                    return self.truthy(&v);
                }
            }
        }
        if let Value::Instance(inst) = r {
            if let Some(f) = inst.class().lookup(reflected_dunder_for(sym)) {
                let v = self.call(&f, vec![r.clone(), l.clone()], Vec::new())?;
                if !matches!(v, Value::NotImplemented) {
                    return self.truthy(&v);
                }
            }
        }
        // A `list` or `tuple` subclass's instance orders as the value it holds.
        let held = |v: &Value| match v {
            Value::Instance(i) => i.base.clone(),
            _ => None,
        };
        if held(l).is_some() || held(r).is_some() {
            let a = held(l).unwrap_or_else(|| l.clone());
            let b = held(r).unwrap_or_else(|| r.clone());
            if !matches!(a, Value::Instance(_)) && !matches!(b, Value::Instance(_)) {
                return match sym {
                    "<" => self.lt(&a, &b, sym),
                    ">" => self.lt(&b, &a, sym),
                    "<=" => Ok(self.lt(&a, &b, sym)? || self.eq(&a, &b)?),
                    _ => Ok(self.lt(&b, &a, sym)? || self.eq(&a, &b)?),
                };
            }
        }
        Err(self.type_error(format!(
            "'{sym}' not supported between instances of '{}' and '{}'",
            l.type_name(),
            r.type_name()
        )))
    }

    /// `l < r` (`sym` names the operator in the error message).
    pub fn lt(&self, l: &Value, r: &Value, sym: &str) -> PyResult<bool> {
        use Value::*;
        self.check_stack()?;
        Ok(match (l, r) {
            (Int(a), Int(b)) => a < b,
            (Int(_) | Bool(_) | Float(_), Int(_) | Bool(_) | Float(_)) => num_lt(l, r),
            (Big(_), Int(_) | Bool(_) | Big(_)) | (Int(_) | Bool(_), Big(_)) => {
                let (a, b) = (bigint::to_big(l), bigint::to_big(r));
                a < b
            }
            (Big(a), Float(f)) => bigint::cmp_with_f64(a, *f) == Some(std::cmp::Ordering::Less),
            (Float(f), Big(b)) => bigint::cmp_with_f64(b, *f) == Some(std::cmp::Ordering::Greater),
            (Str(a), Str(b)) => a < b,
            (Bytes(_) | ByteArray(_), Bytes(_) | ByteArray(_)) => {
                self.bytes_lt(l, r).unwrap_or(false)
            }
            // Sets order by inclusion: `<` is a proper subset.
            (Set(a), Set(b)) => {
                a.items.borrow().len() < b.items.borrow().len() && self.keys_within(a, b)?
            }
            (List(_), List(_)) | (Tuple(_), Tuple(_)) => {
                let a = self.collect(l)?;
                let b = self.collect(r)?;
                return self.nested(CMP_DEPTH, || {
                    for (x, y) in a.iter().zip(b.iter()) {
                        if !self.eq(x, y)? {
                            return self.lt(x, y, sym);
                        }
                    }
                    Ok(a.len() < b.len())
                });
            }
            (Slice(a), Slice(b)) if Cc::ptr_eq(a, b) => false,
            (Slice(a), Slice(b)) => {
                let (a, b) = (Value::tuple(slice_bounds(a)), Value::tuple(slice_bounds(b)));
                return self.lt(&a, &b, sym);
            }
            // `l < r` here is the script's `x SYM y`, with `x`, `y` swapped for `>` and `>=`:
            // `x.__gt__(y)` first, then the reflection `y.__lt__(x)`.
            // A method that returns NotImplemented lets the next one try.
            (Instance(_), _) | (_, Instance(_)) if !instance_cmps(l, r, sym).is_empty() => {
                for (f, a, b) in instance_cmps(l, r, sym) {
                    let v = self.call(&f, vec![a.clone(), b.clone()], Vec::new())?;
                    if !matches!(v, Value::NotImplemented) {
                        return self.truthy(&v);
                    }
                }
                return Err(self.order_error(l, r, sym));
            }
            // A `list` or `tuple` subclass's instance orders as the value it holds.
            (Instance(i), _) | (_, Instance(i)) if i.base.is_some() => {
                let held = |v: &Value| match v {
                    Instance(i) => i.base.clone().unwrap_or_else(|| v.clone()),
                    _ => v.clone(),
                };
                let (a, b) = (held(l), held(r));
                if matches!(a, Instance(_)) || matches!(b, Instance(_)) {
                    return Err(self.order_error(l, r, sym));
                }
                return self.lt(&a, &b, sym);
            }
            _ => return Err(self.order_error(l, r, sym)),
        })
    }

    /// The TypeError of `lt(l, r, sym)` when nothing orders the two.
    fn order_error(&self, l: &Value, r: &Value, sym: &str) -> Ctrl {
        let (a, b) = if sym == ">" || sym == ">=" {
            (r, l)
        } else {
            (l, r)
        };
        self.type_error(format!(
            "'{sym}' not supported between instances of '{}' and '{}'",
            a.type_name(),
            b.type_name()
        ))
    }

    /// Whether `v` is an instance whose class defines `__eq__`.
    fn has_user_eq(&self, v: &Value) -> bool {
        matches!(v, Value::Instance(i) if i.class().lookup("__eq__").is_some())
    }

    /// `needle in container`.
    pub fn contains(&self, container: &Value, needle: &Value) -> PyResult<bool> {
        match container {
            Value::List(l) => {
                // Item by item, read again after each comparison (which can change the
                // list), as CPython's `list_contains`.
                let mut i = 0;
                loop {
                    let x = l.items.borrow().get(i).cloned();
                    let Some(x) = x else {
                        return Ok(false);
                    };
                    if is_same(&x, needle) || self.eq(&x, needle)? {
                        return Ok(true);
                    }
                    i += 1;
                }
            }
            Value::Tuple(t) => {
                for x in t.items.iter() {
                    if is_same(x, needle) || self.eq(x, needle)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Dict(d) => self.has_key(&d.map, needle),
            Value::Set(d) => self.has_key(&d.items, needle),
            Value::Str(s) => match needle {
                Value::Str(n) => Ok(s.contains(&**n)),
                _ => Err(self.type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    needle.type_name()
                ))),
            },
            Value::Bytes(_) | Value::ByteArray(_) => self.bytes_contains(container, needle),
            Value::Range(r) if r.wide.is_some() || matches!(needle, Value::Big(_)) => {
                Ok(match needle {
                    Value::Big(b) => r.contains(b),
                    Value::Int(i) => r.contains(&(*i).into()),
                    Value::Bool(b) => r.contains(&(*b as i64).into()),
                    Value::Float(f) if f.fract() == 0.0 => match crate::bigint::from_f64(*f) {
                        Value::Big(b) => r.contains(&b),
                        Value::Int(i) => r.contains(&i.into()),
                        _ => false,
                    },
                    _ => false,
                })
            }
            Value::Range(r) => Ok(match needle {
                Value::Int(_) | Value::Bool(_) | Value::Float(_) => {
                    let i = match needle {
                        Value::Int(i) => *i,
                        Value::Bool(b) => *b as i64,
                        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => *f as i64,
                        _ => return Ok(false),
                    };
                    // In i128: the distance between two i64 bounds can exceed i64.
                    let (i, start, stop, step) =
                        (i as i128, r.start as i128, r.stop as i128, r.step as i128);
                    if step > 0 {
                        i >= start && i < stop && (i - start) % step == 0
                    } else {
                        i <= start && i > stop && (start - i) % (-step) == 0
                    }
                }
                _ => false,
            }),
            Value::Instance(inst) => {
                if let Some(f) = inst.class().lookup("__contains__") {
                    let v = self.call(&f, vec![container.clone(), needle.clone()], Vec::new())?;
                    return self.truthy(&v);
                }
                if let Some(b) = &inst.base {
                    return self.contains(b, needle);
                }
                let items = self.collect(container)?;
                for x in &items {
                    if self.eq(x, needle)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Gen(g) if !g.is_coroutine() => self.contains_lazily(container, needle),
            Value::Iter(_) => self.contains_lazily(container, needle),
            _ => Err(self.type_error(format!(
                "argument of type '{}' is not iterable",
                container.type_name()
            ))),
        }
    }
}

/// The methods that may decide the script's comparison `x SYM y`, given as `lt(l, r, SYM)`
/// (so `x, y = r, l` for `>` and `>=`), in the order they are tried, each with its receiver and
/// argument: `x`'s own method, then `y`'s reflected one.
fn instance_cmps<'a>(l: &'a Value, r: &'a Value, sym: &str) -> Vec<(Value, &'a Value, &'a Value)> {
    let (x, y) = if sym == ">" || sym == ">=" {
        (r, l)
    } else {
        (l, r)
    };
    let mut found = Vec::with_capacity(2);
    if let Value::Instance(inst) = x {
        if let Some(f) = inst.class().lookup(dunder_for(sym)) {
            found.push((f, x, y));
        }
    }
    if let Value::Instance(inst) = y {
        if let Some(f) = inst.class().lookup(reflected_dunder_for(sym)) {
            found.push((f, y, x));
        }
    }
    found
}

fn dunder_for(sym: &str) -> &'static str {
    match sym {
        "<" => "__lt__",
        ">" => "__gt__",
        "<=" => "__le__",
        _ => "__ge__",
    }
}

fn reflected_dunder_for(sym: &str) -> &'static str {
    match sym {
        "<" => "__gt__",
        ">" => "__lt__",
        "<=" => "__ge__",
        _ => "__le__",
    }
}

/// A class or builtin type (an operand that makes `|` a type union).
fn is_class_like(v: &Value) -> bool {
    matches!(v, Value::Type(_) | Value::Class(_))
}

/// The types a `|` operand contributes to a union: a class or type itself, `None` as
/// `NoneType`, or the members of a union made before (a tuple of types); `None` otherwise.
fn union_members(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Type(_) | Value::Class(_) => Some(vec![v.clone()]),
        Value::None => Some(vec![Value::Type(TypeKind::NoneType)]),
        Value::Tuple(t) if t.items.iter().all(is_class_like) => Some(t.items.to_vec()),
        _ => None,
    }
}

/// `a is b`.
pub fn is_same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None)
        | (Value::Ellipsis, Value::Ellipsis)
        | (Value::NotImplemented, Value::NotImplemented) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Big(x), Value::Big(y)) => std::rc::Rc::ptr_eq(x, y),
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Str(x), Value::Str(y)) => x == y, // same object, or equal characters
        // CPython's empty tuple is a singleton.
        (Value::Tuple(x), Value::Tuple(y)) if x.items.is_empty() && y.items.is_empty() => true,
        (Value::Type(x), Value::Type(y)) => x == y,
        _ => match (a.heap_addr(), b.heap_addr()) {
            (Some(x), Some(y)) => x == y && std::mem::discriminant(a) == std::mem::discriminant(b),
            _ => false,
        },
    }
}

fn num_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Float(x), other) | (other, Value::Float(x)) => {
            let i = match other {
                Value::Int(i) => *i,
                Value::Bool(b) => *b as i64,
                _ => return false,
            };
            *x == i as f64 && (x.abs() < 9.2e18) && (*x as i64 == i)
        }
        _ => {
            let f = |v: &Value| match v {
                Value::Int(i) => *i,
                Value::Bool(b) => *b as i64,
                _ => 0,
            };
            f(a) == f(b)
        }
    }
}

fn num_lt(a: &Value, b: &Value) -> bool {
    let f = |v: &Value| match v {
        Value::Int(i) => *i as f64,
        Value::Bool(b) => *b as i64 as f64,
        Value::Float(x) => *x,
        _ => 0.0,
    };
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x < y,
        _ => f(a) < f(b),
    }
}

/// The key of a member that runs no script code, or `None` (a key hashed by `__hash__`).
fn plain_key(k: &Value) -> Option<HKey> {
    HKey::of(k).ok()
}

/// [`Interp::keys_within`] when no member is hashed by script code (`None` otherwise): the
/// members are looked up under the borrows, without copying them.
fn keys_within_plain(a: &PyDict, b: &PyDict) -> Option<bool> {
    for (k, _) in a.iter() {
        if b.get(&plain_key(k)?).is_none() {
            return Some(false);
        }
    }
    Some(true)
}

impl Interp {
    /// Whether every member of set `a` is a member of set `b`.
    fn keys_within(&self, a: &SetObj, b: &SetObj) -> PyResult<bool> {
        if let Some(r) = keys_within_plain(&a.items.borrow(), &b.items.borrow()) {
            return Ok(r);
        }
        for k in Self::keys_of(&a.items) {
            if !self.has_key(&b.items, &k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// A slice's bounds, `[start, stop, step]`, as the tuple its comparisons compare.
fn slice_bounds(s: &SliceObj) -> Vec<Value> {
    s.parts().into_iter().cloned().collect()
}
