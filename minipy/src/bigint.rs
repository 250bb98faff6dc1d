//! Integers outside the 64-bit range: Python's `int` is unbounded, and minipy keeps the
//! common case fast by storing an `i64` (`Value::Int`) and moving to a heap-allocated
//! [`BigInt`] (`Value::Big`) only when a result leaves that range. The invariant, relied on by
//! equality, hashing and `is`: a `Value::Big` never holds a value that fits in `i64`
//! ([`normalize`] is the only way to make one).
//!
//! The arithmetic itself is the `num-bigint` crate's; this module adds Python's rules on top:
//! floor division and modulo take the sign of the divisor, true division is correctly rounded,
//! `str()` refuses more than 4300 digits (CPython 3.11's `sys.int_max_str_digits`), and results
//! larger than [`MAX_BITS`] raise `MemoryError` rather than growing without bound.

use std::cell::Cell;
use std::cmp::Ordering;
use std::rc::Rc;

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

use crate::value::Value;

/// The largest integer minipy makes, in bits (about 40 million decimal digits). A result past
/// it raises `MemoryError` instead of exhausting memory or time.
pub(crate) const MAX_BITS: u64 = 1 << 27;

/// CPython 3.11's default limit on the digits of an `int` converted to or from a decimal
/// string (`sys.int_info.default_max_str_digits`).
pub(crate) const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// The smallest non-zero limit `sys.set_int_max_str_digits` accepts
/// (`sys.int_info.str_digits_check_threshold`).
pub(crate) const STR_DIGITS_CHECK_THRESHOLD: usize = 640;

thread_local! {
    /// The limit in force (`sys.get_int_max_str_digits()`; 0 is no limit). CPython keeps it
    /// per interpreter; minipy runs one interpreter per thread.
    static MAX_STR_DIGITS: Cell<usize> = const { Cell::new(DEFAULT_MAX_STR_DIGITS) };
}

/// The limit on digits of an `int` converted to or from a decimal string (0: none).
pub(crate) fn max_str_digits() -> usize {
    MAX_STR_DIGITS.with(Cell::get)
}

/// Sets the limit [`max_str_digits`] gives (`sys.set_int_max_str_digits`, already checked).
pub(crate) fn set_max_str_digits(n: usize) {
    MAX_STR_DIGITS.with(|c| c.set(n));
}

/// CPython's message for a conversion to a string past `limit` digits.
fn to_str_limit_message(limit: usize) -> String {
    format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; \
         use sys.set_int_max_str_digits() to increase the limit"
    )
}

/// CPython's message for `int(text)` of a text with `digits` digits, past `limit`.
pub(crate) fn from_str_limit_message(limit: usize, digits: usize) -> String {
    format!(
        "Exceeds the limit ({limit} digits) for integer string conversion: value has {digits} \
         digits; use sys.set_int_max_str_digits() to increase the limit"
    )
}

/// The value for `b`: `Value::Int` when it fits in 64 bits, else `Value::Big`.
pub(crate) fn normalize(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::Big(Rc::new(b)),
    }
}

/// The integer value of an `int` or `bool`, as a `BigInt`.
pub(crate) fn to_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::Big(b) => Some((**b).clone()),
        _ => None,
    }
}

/// `float(b)`, or `None` when it is too large for a float (`OverflowError: int too large to
/// convert to float`). Correctly rounded (half to even), as CPython's.
pub(crate) fn to_f64(b: &BigInt) -> Option<f64> {
    let bits = b.bits();
    let mag = b.magnitude();
    // Up to 64 bits the hardware rounds the exact value. Beyond, keep the top 64 bits and fold
    // everything shifted out into the lowest (sticky) bit: rounding that to 53 bits is
    // round-half-to-even on the exact value.
    let shift = bits.saturating_sub(64);
    let mut top = (mag >> shift).to_u64()?;
    if shift > 0 && mag.trailing_zeros().unwrap_or(0) < shift {
        top |= 1;
    }
    let f = top as f64 * 2f64.powi(i32::try_from(shift).ok()?);
    if !f.is_finite() {
        return None;
    }
    Some(if b.sign() == Sign::Minus { -f } else { f })
}

/// `a / b` for integers, correctly rounded; `Err(true)` on division by zero, `Err(false)` when
/// the result is too large for a float.
pub(crate) fn true_div(a: &BigInt, b: &BigInt) -> Result<f64, bool> {
    if b.is_zero() {
        return Err(true);
    }
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64()) {
        if x.unsigned_abs() < 1 << 53 && y.unsigned_abs() < 1 << 53 {
            return Ok(x as f64 / y as f64);
        }
    }
    let negative = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let (n, d) = (a.abs(), b.abs());
    if n.is_zero() {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    // Scale so that the quotient has at least 55 bits, then round once (sticky bit for the
    // remainder), as `to_f64` does.
    let shift = 55 + d.bits() as i64 - n.bits() as i64;
    let (n, d) = if shift >= 0 {
        (n << shift as u64, d)
    } else {
        (n, d << (-shift) as u64)
    };
    let (q, r) = n.div_rem(&d);
    let extra = q.bits().saturating_sub(63);
    let mut top = (&q >> extra).to_u64().ok_or(false)?;
    if !r.is_zero() || (extra > 0 && q.trailing_zeros().unwrap_or(0) < extra) {
        top |= 1;
    }
    let exp = extra as i64 - shift;
    let f = ldexp(top as f64, exp);
    if !f.is_finite() {
        return Err(false);
    }
    Ok(if negative { -f } else { f })
}

/// `x * 2**exp`: exact while the result is a normal float (a subnormal result is rounded
/// once more).
fn ldexp(x: f64, exp: i64) -> f64 {
    let mut x = x;
    let mut e = exp.clamp(-2200, 2200) as i32;
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e)
}

/// The integer part of a finite float, as an `int` value.
pub(crate) fn from_f64(f: f64) -> Value {
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return Value::Int(t as i64);
    }
    normalize(BigInt::from_f64(t).unwrap_or_default())
}

/// Compares an integer with a float exactly (`None` when the float is NaN).
pub(crate) fn cmp_with_f64(b: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let t = BigInt::from_f64(f.trunc())?;
    Some(match b.cmp(&t) {
        Ordering::Equal => {
            let frac = f - f.trunc();
            if frac > 0.0 {
                Ordering::Less
            } else if frac < 0.0 {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        }
        other => other,
    })
}

/// CPython's modulus for numeric hashes: `2**61 - 1`.
const HASH_MODULUS: u64 = (1 << 61) - 1;

/// `hash(i)` for an int, as CPython computes it (the value modulo `2**61 - 1`, signed, with
/// -1 mapped to -2).
pub(crate) fn hash_i64(i: i64) -> i64 {
    let m = (i.unsigned_abs() % HASH_MODULUS) as i64;
    let h = if i < 0 { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(b)` for a big int, as CPython computes it.
pub(crate) fn hash_big(b: &BigInt) -> i64 {
    let m = (b.magnitude() % HASH_MODULUS).to_i64().unwrap_or(0);
    let h = if b.sign() == Sign::Minus { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(f)` for a float, as CPython computes it (so that `hash(2.0) == hash(2)`).
pub(crate) fn hash_f64(f: f64) -> i64 {
    if f.is_nan() {
        return 0; // CPython 3.11 hashes NaN by identity; 0 keeps minipy deterministic.
    }
    if f.is_infinite() {
        return if f > 0.0 { 314_159 } else { -314_159 };
    }
    let (mut m, mut e) = frexp(f.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (61 - 28));
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & HASH_MODULUS) | (x >> (61 - e));
    let h = if f < 0.0 { -(x as i64) } else { x as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `(m, e)` with `f == m * 2**e` and `0.5 <= m < 1` (`f` finite and non-negative).
fn frexp(f: f64) -> (f64, i32) {
    if f == 0.0 {
        return (0.0, 0);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(f * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// `str(b)`, or the `ValueError` message when it has more than [`max_str_digits`] digits.
pub(crate) fn to_decimal(b: &BigInt) -> Result<String, String> {
    let limit = max_str_digits();
    // 3.33 bits per digit: a cheap bound first, the exact count only near the limit.
    if limit > 0 && b.bits() as f64 > (limit as f64) * std::f64::consts::LOG2_10 + 1.0 {
        return Err(to_str_limit_message(limit));
    }
    let s = b.to_string();
    let digits = s.trim_start_matches('-').len();
    if limit > 0 && digits > limit {
        return Err(to_str_limit_message(limit));
    }
    Ok(s)
}

/// Why `int(text, base)` refused its text.
#[derive(Debug, PartialEq)]
pub(crate) enum ParseError {
    /// Not a literal in that base: `invalid literal for int() with base N: '...'`.
    Invalid,
    /// More digits than [`max_str_digits`] in a base that is not a power of two (the count
    /// is in the message).
    TooManyDigits(usize),
}

/// `int(text, base)` for a string, with CPython's rules: surrounding whitespace, a sign, the
/// prefix `0x`/`0o`/`0b` (required to pick the base when `base` is 0, allowed when it matches),
/// single underscores between digits (and after a prefix), and for base 0 no leading zeros on
/// a non-zero decimal.
pub(crate) fn parse_int(text: &str, base: u32) -> Result<Value, ParseError> {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.get(..2).map(str::to_ascii_lowercase);
    let prefix_base = match lower.as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    let (base, digits, after_prefix) = match (base, prefix_base) {
        (0, Some(p)) => (p, &t[2..], true),
        (0, None) => (10, t, false),
        (b, Some(p)) if b == p => (b, &t[2..], true),
        (b, _) => (b, t, false),
    };
    // Underscores: one at a time, between digits (or right after a prefix).
    let bytes = digits.as_bytes();
    if bytes.is_empty()
        || bytes.last() == Some(&b'_')
        || (bytes[0] == b'_' && !after_prefix)
        || digits.contains("__")
    {
        return Err(ParseError::Invalid);
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    if clean.is_empty() || !clean.chars().all(|c| c.is_digit(base)) {
        return Err(ParseError::Invalid);
    }
    let limit = max_str_digits();
    if !base.is_power_of_two() && limit > 0 && clean.len() > limit {
        return Err(ParseError::TooManyDigits(clean.len()));
    }
    let mut value = BigInt::parse_bytes(clean.as_bytes(), base).ok_or(ParseError::Invalid)?;
    if negative {
        value = -value;
    }
    Ok(normalize(value))
}

/// `int(text, 0)`: as [`parse_int`], and a non-zero decimal may not start with `0`.
pub(crate) fn parse_int_base0(text: &str) -> Result<Value, ParseError> {
    let v = parse_int(text, 0)?;
    let t = text.trim().trim_start_matches(['+', '-']);
    let is_prefixed = t.len() > 1
        && t.starts_with('0')
        && matches!(t.as_bytes()[1].to_ascii_lowercase(), b'x' | b'o' | b'b');
    if !is_prefixed && t.starts_with('0') && t.chars().any(|c| c.is_ascii_digit() && c != '0') {
        return Err(ParseError::Invalid);
    }
    Ok(v)
}

/// Whether a result of about `bits` bits is too large to make.
pub(crate) fn too_big(bits: u64) -> bool {
    bits > MAX_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_keeps_small_values_small() {
        assert!(matches!(normalize(BigInt::from(5)), Value::Int(5)));
        assert!(matches!(
            normalize(BigInt::from(i64::MAX) + 1),
            Value::Big(_)
        ));
    }

    #[test]
    fn float_conversion_rounds_half_to_even() {
        let two53 = BigInt::from(1u64 << 53);
        assert_eq!(to_f64(&(&two53 + 1)), Some(9007199254740992.0));
        assert_eq!(to_f64(&(&two53 + 3)), Some(9007199254740996.0));
        assert_eq!(to_f64(&(BigInt::from(10).pow(400))), None);
    }

    #[test]
    fn division_is_correctly_rounded() {
        let a = BigInt::from(10).pow(30);
        let b = BigInt::from(3);
        assert_eq!(true_div(&a, &b), Ok(1e30 / 3.0));
        assert_eq!(true_div(&a, &BigInt::zero()), Err(true));
        assert_eq!(
            true_div(&BigInt::from(1), &BigInt::from(10).pow(400)),
            Ok(0.0)
        );
    }

    #[test]
    fn hashes_match_cpython() {
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_i64(1 << 61), 1);
        assert_eq!(hash_f64(1.5), 1152921504606846977);
        assert_eq!(hash_f64(2.0), 2);
        assert_eq!(
            hash_big(&(BigInt::from(1) << 100)),
            hash_big(&(BigInt::from(1) << 100))
        );
    }
}
