//! `complex`: the constructor (numbers and CPython's string syntax), the arithmetic of
//! CPython 3.11's `complexobject.c` (`_Py_c_quot` for division, `c_powi`'s repeated squaring
//! for small integral exponents and `_Py_c_pow` otherwise, so that results are bit-identical
//! on the same libm), comparison, hashing, `repr`, `format`, the `real`/`imag` attributes and
//! `conjugate()`, with CPython's error messages.
//!
//! A complex number is a leaf for the collector: an `Rc<ComplexObj>`, never a gc-core object.
//! The rest of the interpreter calls in through the functions and `complex_*` methods below,
//! each of which answers `None` for operands that involve no complex number.

use std::rc::Rc;

use super::*;

type Kw = Vec<(Rc<str>, Value)>;

/// A complex number's two parts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComplexObj {
    /// The real part.
    pub re: f64,
    /// The imaginary part.
    pub im: f64,
}

/// A new `complex` value.
pub fn new_complex(re: f64, im: f64) -> Value {
    Value::Complex(Rc::new(ComplexObj { re, im }))
}

/// CPython's `_PyHASH_IMAG`: a complex hashes as `hash(re) + IMAG * hash(im)` (wrapping).
const HASH_IMAG: u64 = 1_000_003;

/// `hash(complex(re, im))` as CPython computes it.
pub fn complex_hash(re: f64, im: f64) -> i64 {
    let hr = crate::bigint::hash_f64(re) as u64;
    let hi = crate::bigint::hash_f64(im) as u64;
    let h = hr.wrapping_add(HASH_IMAG.wrapping_mul(hi)) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// A float as CPython's `repr` code `'r'` writes it without forcing a `.0` (`1`, `2.5`,
/// `1e+300`, `inf`, `nan`), with a leading `+` when `sign` and the value is not negative.
fn part_repr(x: f64, sign: bool) -> String {
    let mut s = crate::value::float_repr(x);
    if x.is_finite() && s.ends_with(".0") {
        s.truncate(s.len() - 2);
    }
    if x.is_nan() {
        s = "nan".into();
    }
    if sign && !s.starts_with('-') {
        s.insert(0, '+');
    }
    s
}

/// `repr(complex(re, im))`: `2j` when the real part is +0.0, else `(RE+IMj)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    if re == 0.0 && re.is_sign_positive() {
        format!("{}j", part_repr(im, false))
    } else {
        format!("({}{}j)", part_repr(re, false), part_repr(im, true))
    }
}

/// CPython's `_Py_c_prod`.
fn prod(a: ComplexObj, b: ComplexObj) -> ComplexObj {
    ComplexObj {
        re: a.re * b.re - a.im * b.im,
        im: a.re * b.im + a.im * b.re,
    }
}

/// CPython's `_Py_c_quot` (Smith's method); `None` when dividing by zero (`EDOM`).
pub fn quot(a: ComplexObj, b: ComplexObj) -> Option<ComplexObj> {
    let (abs_br, abs_bi) = (b.re.abs(), b.im.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        Some(ComplexObj {
            re: (a.re + a.im * ratio) / denom,
            im: (a.im - a.re * ratio) / denom,
        })
    } else if abs_bi >= abs_br {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        Some(ComplexObj {
            re: (a.re * ratio + a.im) / denom,
            im: (a.im * ratio - a.re) / denom,
        })
    } else {
        // At least one of b's parts is a NaN.
        Some(ComplexObj {
            re: f64::NAN,
            im: f64::NAN,
        })
    }
}

const ONE: ComplexObj = ComplexObj { re: 1.0, im: 0.0 };

/// CPython's `c_powu`: `x ** n` by repeated squaring.
fn powu(x: ComplexObj, n: i64) -> ComplexObj {
    let mut r = ONE;
    let mut p = x;
    let mut mask: i64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = prod(r, p);
        }
        mask = mask.wrapping_shl(1);
        p = prod(p, p);
    }
    r
}

/// CPython's `c_powi`; `None` for zero to a negative power.
fn powi(x: ComplexObj, n: i64) -> Option<ComplexObj> {
    if n > 0 {
        Some(powu(x, n))
    } else {
        quot(ONE, powu(x, -n))
    }
}

/// CPython's `_Py_c_pow`; `None` for zero to a negative or complex power.
fn pow_general(a: ComplexObj, b: ComplexObj) -> Option<ComplexObj> {
    if b.re == 0.0 && b.im == 0.0 {
        return Some(ONE);
    }
    if a.re == 0.0 && a.im == 0.0 {
        if b.im != 0.0 || b.re < 0.0 {
            return None;
        }
        return Some(ComplexObj { re: 0.0, im: 0.0 });
    }
    let vabs = a.re.hypot(a.im);
    let mut len = vabs.powf(b.re);
    let at = a.im.atan2(a.re);
    let mut phase = at * b.re;
    if b.im != 0.0 {
        len /= (at * b.im).exp();
        phase += b.im * vabs.ln();
    }
    Some(ComplexObj {
        re: len * phase.cos(),
        im: len * phase.sin(),
    })
}

/// How a complex power failed.
pub enum PowError {
    /// `0.0 to a negative or complex power` (`ZeroDivisionError`).
    ZeroToNegative,
    /// `complex exponentiation` (`OverflowError`): a part of the result is infinite.
    Overflow,
}

/// CPython's `complex_pow` (without a modulus).
pub fn complex_pow(a: ComplexObj, b: ComplexObj) -> Result<ComplexObj, PowError> {
    let p = if b.im == 0.0 && b.re == b.re.floor() && b.re.abs() <= 100.0 {
        powi(a, b.re as i64)
    } else {
        pow_general(a, b)
    }
    .ok_or(PowError::ZeroToNegative)?;
    if p.re.is_infinite() || p.im.is_infinite() {
        return Err(PowError::Overflow);
    }
    Ok(p)
}

/// CPython's `_Py_c_abs`: `None` when the result overflows although both parts are finite.
pub fn complex_abs(z: ComplexObj) -> Option<f64> {
    if !z.re.is_finite() || !z.im.is_finite() {
        if z.re.is_infinite() || z.im.is_infinite() {
            return Some(f64::INFINITY);
        }
        return Some(f64::NAN);
    }
    let r = z.re.hypot(z.im);
    r.is_finite().then_some(r)
}

/// The longest prefix of `s` that CPython's `PyOS_string_to_double` reads as a float (an
/// optional sign, then digits with an optional point and exponent, or `inf`, `infinity`,
/// `nan` in any case): its value and length, or `None` when no prefix is a float.
fn float_prefix(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        i += 1;
    }
    let rest = &s[i..];
    let lower: Vec<u8> = rest
        .iter()
        .take(8)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let neg = s.first() == Some(&b'-');
    let signed = |x: f64| if neg { -x } else { x };
    if lower.starts_with(b"infinity") {
        return Some((signed(f64::INFINITY), i + 8));
    }
    if lower.starts_with(b"inf") {
        return Some((signed(f64::INFINITY), i + 3));
    }
    if lower.starts_with(b"nan") {
        return Some((signed(f64::NAN), i + 3));
    }
    let digits = |j: &mut usize| {
        let start = *j;
        while *j < s.len() && s[*j].is_ascii_digit() {
            *j += 1;
        }
        *j - start
    };
    let mut j = i;
    let mut n = digits(&mut j);
    if j < s.len() && s[j] == b'.' {
        j += 1;
        n += digits(&mut j);
    }
    if n == 0 {
        return None;
    }
    if j < s.len() && (s[j] == b'e' || s[j] == b'E') {
        let mut k = j + 1;
        if k < s.len() && (s[k] == b'+' || s[k] == b'-') {
            k += 1;
        }
        if digits(&mut k) > 0 {
            j = k;
        }
    }
    let text = std::str::from_utf8(&s[..j]).ok()?;
    text.parse::<f64>().ok().map(|x| (x, j))
}

/// Why a string is not a complex number.
enum ParseError {
    /// `complex() arg is a malformed string`.
    Malformed,
    /// `could not convert string to complex: '...'` (misplaced underscores).
    Underscores,
}

/// Removes the underscores of `s` as CPython's `_Py_string_to_number_with_underscores`: each
/// must stand between two digits.
fn strip_underscores(s: &str) -> Result<String, ParseError> {
    if !s.contains('_') {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut prev = '\0';
    for c in s.chars() {
        if c == '_' {
            if !prev.is_ascii_digit() {
                return Err(ParseError::Underscores);
            }
        } else {
            if prev == '_' && !c.is_ascii_digit() {
                return Err(ParseError::Underscores);
            }
            out.push(c);
        }
        prev = c;
    }
    if prev == '_' {
        return Err(ParseError::Underscores);
    }
    Ok(out)
}

/// CPython's `complex_from_string_inner`: `<float>`, `<float>j`, `<float><signed-float>j`,
/// `<float><sign>j`, `<sign>j` or `j`, with optional blanks and one pair of parentheses.
fn parse_complex(s: &str) -> Result<ComplexObj, ParseError> {
    let s = strip_underscores(s)?;
    // Unicode blanks count as blanks, as after CPython's `TransformDecimalAndSpaceToASCII`.
    let s: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let b = s.as_bytes();
    let mut i = 0;
    let skip_blanks = |i: &mut usize| {
        while *i < b.len() && b[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    skip_blanks(&mut i);
    let bracket = i < b.len() && b[i] == b'(';
    if bracket {
        i += 1;
        skip_blanks(&mut i);
    }
    let (mut x, mut y) = (0.0, 0.0);
    let is_j = |i: usize| i < b.len() && (b[i] == b'j' || b[i] == b'J');
    let sign_one = |c: u8| if c == b'+' { 1.0 } else { -1.0 };
    match float_prefix(&b[i..]) {
        Some((z, n)) => {
            i += n;
            if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                x = z;
                match float_prefix(&b[i..]) {
                    Some((w, m)) => {
                        y = w;
                        i += m;
                    }
                    None => {
                        y = sign_one(b[i]);
                        i += 1;
                    }
                }
                if !is_j(i) {
                    return Err(ParseError::Malformed);
                }
                i += 1;
            } else if is_j(i) {
                i += 1;
                y = z;
            } else {
                x = z;
            }
        }
        None => {
            if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                y = sign_one(b[i]);
                i += 1;
            } else {
                y = 1.0;
            }
            if !is_j(i) {
                return Err(ParseError::Malformed);
            }
            i += 1;
        }
    }
    skip_blanks(&mut i);
    if bracket {
        if i >= b.len() || b[i] != b')' {
            return Err(ParseError::Malformed);
        }
        i += 1;
        skip_blanks(&mut i);
    }
    if i != b.len() {
        return Err(ParseError::Malformed);
    }
    Ok(ComplexObj { re: x, im: y })
}

/// The methods of `int`, `float` and `complex` that this module answers.
impl Interp {
    /// A number as a complex for mixed arithmetic (`None` for other values), or CPython's
    /// `OverflowError` for an int too large for a float.
    fn to_complex(&self, v: &Value) -> PyResult<Option<ComplexObj>> {
        Ok(Some(match v {
            Value::Complex(c) => **c,
            Value::Float(f) => ComplexObj { re: *f, im: 0.0 },
            Value::Int(i) => ComplexObj {
                re: *i as f64,
                im: 0.0,
            },
            Value::Bool(b) => ComplexObj {
                re: *b as i64 as f64,
                im: 0.0,
            },
            Value::Big(b) => ComplexObj {
                re: crate::bigint::to_f64(b).ok_or_else(|| {
                    self.exc("OverflowError", "int too large to convert to float")
                })?,
                im: 0.0,
            },
            _ => return Ok(None),
        }))
    }

    /// `l op r` when one operand is complex and the other a number; `None` otherwise (and for
    /// the operators complex numbers lack, which then raise the usual `TypeError`).
    pub(crate) fn complex_binop(&self, op: BinOp, l: &Value, r: &Value) -> PyResult<Option<Value>> {
        if !matches!(l, Value::Complex(_)) && !matches!(r, Value::Complex(_)) {
            return Ok(None);
        }
        if !matches!(
            op,
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Pow
        ) {
            return Ok(None);
        }
        let (Some(a), Some(b)) = (self.to_complex(l)?, self.to_complex(r)?) else {
            return Ok(None);
        };
        self.complex_op(op, a, b).map(Some)
    }

    /// `a op b` for two complex numbers (`op` one of `+ - * / **`).
    pub(crate) fn complex_op(&self, op: BinOp, a: ComplexObj, b: ComplexObj) -> PyResult<Value> {
        let z = match op {
            BinOp::Add => ComplexObj {
                re: a.re + b.re,
                im: a.im + b.im,
            },
            BinOp::Sub => ComplexObj {
                re: a.re - b.re,
                im: a.im - b.im,
            },
            BinOp::Mul => prod(a, b),
            BinOp::Div => quot(a, b)
                .ok_or_else(|| self.exc("ZeroDivisionError", "complex division by zero"))?,
            _ => complex_pow(a, b).map_err(|e| match e {
                PowError::ZeroToNegative => {
                    self.exc("ZeroDivisionError", "0.0 to a negative or complex power")
                }
                PowError::Overflow => self.exc("OverflowError", "complex exponentiation"),
            })?,
        };
        Ok(new_complex(z.re, z.im))
    }

    /// `-z` and `+z`.
    pub(crate) fn complex_unary(&self, op: UnaryOp, z: &ComplexObj) -> Option<Value> {
        match op {
            UnaryOp::Neg => Some(new_complex(-z.re, -z.im)),
            UnaryOp::Pos => Some(new_complex(z.re, z.im)),
            _ => None,
        }
    }

    /// `l == r` when one side is complex and the other a number (`None` otherwise): equal
    /// parts, an int compared exactly with the real part.
    pub(crate) fn complex_eq(&self, l: &Value, r: &Value) -> PyResult<Option<bool>> {
        let (z, other) = match (l, r) {
            (Value::Complex(z), o) | (o, Value::Complex(z)) => (z, o),
            _ => return Ok(None),
        };
        Ok(Some(match other {
            Value::Complex(w) => z.re == w.re && z.im == w.im,
            Value::Int(_) | Value::Bool(_) | Value::Big(_) | Value::Float(_) => {
                z.im == 0.0 && self.eq(&Value::Float(z.re), other)?
            }
            _ => return Ok(None),
        }))
    }

    /// `abs(z)`.
    pub(crate) fn complex_abs(&self, z: &ComplexObj) -> PyResult<Value> {
        complex_abs(*z)
            .map(Value::Float)
            .ok_or_else(|| self.exc("OverflowError", "absolute value too large"))
    }

    /// The attributes `real` and `imag` of a number (`None` for other names and values).
    pub(crate) fn number_attr(&self, v: &Value, name: &str) -> Option<Value> {
        match (v, name) {
            (Value::Complex(z), "real") => Some(Value::Float(z.re)),
            (Value::Complex(z), "imag") => Some(Value::Float(z.im)),
            (Value::Float(_), "real") => Some(v.clone()),
            (Value::Float(_), "imag") => Some(Value::Float(0.0)),
            (Value::Int(_) | Value::Big(_), "real" | "numerator") => Some(v.clone()),
            (Value::Bool(b), "real" | "numerator") => Some(Value::Int(*b as i64)),
            (Value::Int(_) | Value::Big(_) | Value::Bool(_), "imag") => Some(Value::Int(0)),
            (Value::Int(_) | Value::Big(_) | Value::Bool(_), "denominator") => Some(Value::Int(1)),
            _ => None,
        }
    }

    /// A native method of a number answered here (`conjugate`).
    pub(crate) fn number_method(
        &self,
        recv: &Value,
        name: &str,
        args: &[Value],
    ) -> PyResult<Value> {
        if !args.is_empty() {
            return Err(self.type_error(format!(
                "{}.{name}() takes no arguments ({} given)",
                recv.type_name(),
                args.len()
            )));
        }
        match recv {
            Value::Complex(z) => Ok(new_complex(z.re, -z.im)),
            Value::Bool(b) => Ok(Value::Int(*b as i64)),
            _ => Ok(recv.clone()),
        }
    }

    /// `complex(real=0, imag=0)` and `complex(string)`, as CPython's `complex_new_impl`.
    pub(crate) fn construct_complex(&self, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
        let mut real: Option<Value> = args.first().cloned();
        let mut imag: Option<Value> = args.get(1).cloned();
        if args.len() > 2 {
            return Err(self.type_error(format!(
                "complex() takes at most 2 arguments ({} given)",
                args.len() + kw.len()
            )));
        }
        for (k, v) in kw {
            let slot = match &*k {
                "real" => &mut real,
                "imag" => &mut imag,
                _ => {
                    return Err(self.type_error(format!(
                        "'{k}' is an invalid keyword argument for complex()"
                    )))
                }
            };
            if slot.is_some() {
                let pos = if &*k == "real" { 1 } else { 2 };
                return Err(self.type_error(format!(
                    "argument for complex() given by name ('{k}') and position ({pos})"
                )));
            }
            *slot = Some(v);
        }
        let r = real.unwrap_or(Value::Int(0));
        if let Value::Str(s) = &r {
            if imag.is_some() {
                return Err(
                    self.type_error("complex() can't take second arg if first is a string".into())
                );
            }
            return match parse_complex(s) {
                Ok(z) => Ok(new_complex(z.re, z.im)),
                Err(ParseError::Malformed) => {
                    Err(self.exc("ValueError", "complex() arg is a malformed string"))
                }
                Err(ParseError::Underscores) => Err(self.exc(
                    "ValueError",
                    &format!(
                        "could not convert string to complex: {}",
                        crate::value::str_repr(s)
                    ),
                )),
            };
        }
        if matches!(imag, Some(Value::Str(_))) {
            return Err(self.type_error("complex() second arg can't be a string".into()));
        }
        // Objects convert through `__complex__` (the first argument only), `__float__` or
        // `__index__`, as in CPython.
        let r = self.number_protocol(r, true)?;
        let imag = match imag {
            Some(i) => Some(self.number_protocol(i, false)?),
            None => None,
        };
        if imag.is_none() {
            if let Value::Complex(_) = &r {
                return Ok(r);
            }
        }
        let Some(cr) = self.to_complex(&r)? else {
            return Err(self.type_error(format!(
                "complex() first argument must be a string or a number, not '{}'",
                r.type_name()
            )));
        };
        let ci = match &imag {
            None => ComplexObj { re: cr.im, im: 0.0 },
            Some(i) => match self.to_complex(i)? {
                Some(c) => c,
                None => {
                    return Err(self.type_error(format!(
                        "complex() second argument must be a number, not '{}'",
                        i.type_name()
                    )))
                }
            },
        };
        let mut re = cr.re;
        let mut im = ci.re;
        if matches!(imag, Some(Value::Complex(_))) {
            re -= ci.im;
        }
        if matches!(r, Value::Complex(_)) && imag.is_some() {
            im += cr.im;
        }
        Ok(new_complex(re, im))
    }

    /// An instance converted by its `__complex__` (when `complex_ok`), `__float__` or
    /// `__index__` method; other values unchanged.
    fn number_protocol(&self, v: Value, complex_ok: bool) -> PyResult<Value> {
        let Value::Instance(inst) = &v else {
            return Ok(v);
        };
        let class = inst.class();
        let methods: &[(&str, &str)] = if complex_ok {
            &[
                ("__complex__", "complex"),
                ("__float__", "float"),
                ("__index__", "int"),
            ]
        } else {
            &[("__float__", "float"), ("__index__", "int")]
        };
        for &(method, want) in methods {
            if class.lookup(method).is_none() {
                continue;
            }
            let r = self.call_method(&v, &Rc::from(method), Vec::new(), Vec::new())?;
            let ok = match want {
                "complex" => matches!(r, Value::Complex(_)),
                "float" => matches!(r, Value::Float(_)),
                _ => matches!(r, Value::Int(_) | Value::Big(_) | Value::Bool(_)),
            };
            if !ok {
                return Err(self.type_error(if method == "__complex__" {
                    format!("__complex__ returned non-complex (type {})", r.type_name())
                } else {
                    format!(
                        "{}.{method} returned non-{want} (type {})",
                        class.name,
                        r.type_name()
                    )
                }));
            }
            return Ok(r);
        }
        Ok(v)
    }

    /// `format(z, spec)`: an empty presentation type is `str(z)`'s form (parentheses unless
    /// the real part is +0.0); `e`, `f`, `g` and their capitals format both parts (the
    /// imaginary one always signed), then fill, align and width apply to the whole.
    pub(crate) fn complex_format(&self, z: &ComplexObj, spec: &str) -> PyResult<String> {
        let cs: Vec<char> = spec.chars().collect();
        let mut i = 0;
        let mut fill = ' ';
        let mut align = '>';
        if cs.len() >= 2 && "<>^=".contains(cs[1]) {
            fill = cs[0];
            align = cs[1];
            i = 2;
        } else if !cs.is_empty() && "<>^=".contains(cs[0]) {
            align = cs[0];
            i = 1;
        }
        if align == '=' {
            return Err(self.exc(
                "ValueError",
                "'=' alignment flag is not allowed in complex format specifier",
            ));
        }
        let mut sign = String::new();
        if i < cs.len() && "+- ".contains(cs[i]) {
            sign.push(cs[i]);
            i += 1;
        }
        if i < cs.len() && cs[i] == '0' {
            return Err(self.exc(
                "ValueError",
                "Zero padding is not allowed in complex format specifier",
            ));
        }
        let mut width = 0usize;
        while i < cs.len() && cs[i].is_ascii_digit() {
            width = width
                .saturating_mul(10)
                .saturating_add(cs[i] as usize - '0' as usize);
            i += 1;
        }
        let rest: String = cs[i..].iter().collect();
        let ty = rest
            .chars()
            .last()
            .filter(|c| c.is_ascii_alphabetic() || *c == '%');
        // No presentation type: `str(z)`'s form (`g` when a precision is given).
        let plain = ty.is_none();
        let part = |x: f64, sign: &str| -> PyResult<String> {
            if rest.is_empty() {
                let mut s = part_repr(x, false);
                if !s.starts_with('-') {
                    s.insert_str(0, sign.trim_start_matches('-'));
                }
                return Ok(s);
            }
            let spec = match ty {
                None => format!("{sign}{rest}g"),
                Some('n') => format!("{sign}{}g", &rest[..rest.len() - 1]),
                Some(_) => format!("{sign}{rest}"),
            };
            self.format_value(&Value::Float(x), &spec)
        };
        let body = match ty {
            None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') => {
                if plain && z.re == 0.0 && z.re.is_sign_positive() {
                    format!("{}j", part(z.im, &sign)?)
                } else {
                    let (re, im) = (part(z.re, &sign)?, part(z.im, "+")?);
                    if plain {
                        format!("({re}{im}j)")
                    } else {
                        format!("{re}{im}j")
                    }
                }
            }
            Some(t) => {
                return Err(self.exc(
                    "ValueError",
                    &format!("Unknown format code '{t}' for object of type 'complex'"),
                ))
            }
        };
        let n = body.chars().count();
        if width <= n {
            return Ok(body);
        }
        let pad = width - n;
        let (left, right) = match align {
            '<' => (0, pad),
            '^' => (pad / 2, pad - pad / 2),
            _ => (pad, 0),
        };
        let f = |k: usize| fill.to_string().repeat(k);
        Ok(format!("{}{body}{}", f(left), f(right)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_follows_cpython() {
        assert_eq!(complex_repr(1.0, 2.0), "(1+2j)");
        assert_eq!(complex_repr(0.0, 2.0), "2j");
        assert_eq!(complex_repr(-0.0, -1.0), "(-0-1j)");
        assert_eq!(complex_repr(1e300, 1.0), "(1e+300+1j)");
        assert_eq!(complex_repr(f64::NAN, f64::INFINITY), "(nan+infj)");
        assert_eq!(complex_repr(0.0, -0.0), "-0j");
        assert_eq!(complex_repr(1.5, f64::NAN), "(1.5+nanj)");
    }

    #[test]
    fn parsing_follows_cpython() {
        let ok = |s: &str| parse_complex(s).ok().map(|z| (z.re, z.im));
        assert_eq!(ok("1+2j"), Some((1.0, 2.0)));
        assert_eq!(ok(" ( 1-j ) "), Some((1.0, -1.0)));
        assert_eq!(ok("j"), Some((0.0, 1.0)));
        assert_eq!(ok("-J"), Some((0.0, -1.0)));
        assert_eq!(ok("1e3j"), Some((0.0, 1000.0)));
        assert_eq!(ok("-inf+nanj").map(|(r, _)| r), Some(f64::NEG_INFINITY));
        assert_eq!(ok("1_0j"), Some((0.0, 10.0)));
        for bad in [
            "", "(1+2j", "1+2", "1e", "j1", "garbage", "1__0", "()", "1+2jj",
        ] {
            assert!(parse_complex(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn division_and_power_follow_cpython() {
        let z = |re, im| ComplexObj { re, im };
        assert!(quot(z(1.0, 1.0), z(0.0, 0.0)).is_none());
        assert_eq!(quot(z(1.0, 2.0), z(3.0, 4.0)), Some(z(0.44, 0.08)));
        assert_eq!(powu(z(0.0, 1.0), 2), z(-1.0, 0.0));
        assert!(matches!(
            complex_pow(z(0.0, 0.0), z(-1.0, 0.0)),
            Err(PowError::ZeroToNegative)
        ));
        assert!(matches!(
            complex_pow(z(1e300, 0.0), z(2.0, 0.0)),
            Err(PowError::Overflow)
        ));
        assert_eq!(complex_hash(0.0, 1.0), 1_000_003);
    }
}
