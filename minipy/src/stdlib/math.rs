//! The `math` module, native: CPython 3.11's functions and constants over `f64` and minipy's
//! ints, with CPython's error messages (`math domain error`, `math range error`, ...).
//!
//! Float functions call the platform's libm through Rust's `f64` methods, as CPython does, so
//! results agree bit for bit on the same platform. `fsum` is Shewchuk's exact summation as in
//! CPython, and `hypot`/`dist` port CPython 3.11's `vector_norm`. Integer functions
//! (`factorial`, `comb`, `perm`, `gcd`, `lcm`, `isqrt`) give results of any size, up to
//! minipy's limit on integers (past it, `MemoryError`).

use super::{check_kw, float_arg, kwarg, module, native, Kw};
use crate::ast::BinOp;
use crate::interp::{Interp, PyResult};
use crate::types::args::{big_index_arg, bigint_arg, clamped_index_arg, module_arity, no_keywords};
use crate::types::Arity;
use crate::value::Value;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::Signed;

fn domain(i: &Interp) -> crate::interp::Ctrl {
    i.exc("ValueError", "math domain error")
}

fn range(i: &Interp) -> crate::interp::Ctrl {
    i.exc("OverflowError", "math range error")
}

/// `math.NAME() takes exactly one argument (N given)`.
fn one(i: &Interp, name: &str, args: &[Value]) -> PyResult<Value> {
    module_arity(i, "math", name, args, Arity::One)?;
    Ok(args[0].clone())
}

/// `NAME expected 2 arguments, got N`.
fn two(i: &Interp, name: &str, args: &[Value]) -> PyResult<(Value, Value)> {
    module_arity(i, "math", name, args, Arity::Clinic(2, 2))?;
    Ok((args[0].clone(), args[1].clone()))
}

fn no_kw(i: &Interp, name: &str, kw: &Kw) -> PyResult<()> {
    no_keywords(i, "math", name, kw)
}

/// CPython's `math_1`: a one-argument float function with its error rules.
fn math_1(i: &Interp, x: f64, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain(i));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range(i) } else { domain(i) });
    }
    Ok(Value::Float(r))
}

/// CPython's `math_2`: a two-argument float function with its error rules.
fn math_2(i: &Interp, x: f64, y: f64, f: fn(f64, f64) -> f64) -> PyResult<Value> {
    let r = f(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(i));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range(i));
    }
    Ok(Value::Float(r))
}

/// `floor`, `ceil` and `trunc` as CPython 3.11's: a float rounded by `f`; an int itself (its
/// `__floor__`, of any size); an instance's `__floor__`/`__ceil__`/`__trunc__` (`dunder`),
/// whatever it returns; anything else, for `floor` and `ceil`, the float `float_arg` makes of
/// it (`__float__`, `__index__`) rounded, and for `trunc` a `TypeError`.
fn rounding(
    i: &Interp,
    name: &str,
    args: &[Value],
    f: fn(f64) -> f64,
    dunder: &str,
) -> PyResult<Value> {
    match one(i, name, args)? {
        Value::Float(x) => crate::types::args::float_to_int(i, f(x)),
        Value::Int(n) => Ok(Value::Int(n)),
        Value::Bool(b) => Ok(Value::Int(i64::from(b))),
        v @ Value::Big(_) => Ok(v),
        v @ Value::Instance(_) if matches!(&v, Value::Instance(o) if o.class().lookup(dunder).is_some()) => {
            i.call_method(&v, &std::rc::Rc::from(dunder), Vec::new(), Vec::new())
        }
        v if dunder == "__trunc__" => Err(i.type_error(format!(
            "type {} doesn't define __trunc__ method",
            v.type_name()
        ))),
        v => crate::types::args::float_to_int(i, f(float_arg(i, &v)?)),
    }
}

fn m_remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let (absx, absy) = (x.abs(), y.abs());
        let m = absx % absy;
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

/// glibc's `asinh` (Rust's own formula differs in the last bit from the libm CPython calls);
/// its ranges are those of glibc's, by the high word of `x` (`cmath` uses it too).
pub(crate) fn asinh(x: f64) -> f64 {
    let ix = ((x.to_bits() >> 32) as u32) & 0x7fff_ffff;
    if ix < 0x3e30_0000 {
        return x; // |x| < 2**-28
    }
    let xa = x.abs();
    let w = if ix > 0x41b0_0000 {
        // |x| > 2**28
        if ix >= 0x7ff0_0000 {
            return x + x;
        }
        xa.ln() + std::f64::consts::LN_2
    } else if ix > 0x4000_0000 {
        // 2**28 > |x| > 2
        (2.0 * xa + 1.0 / ((xa * xa + 1.0).sqrt() + xa)).ln()
    } else {
        let t = xa * xa;
        (xa + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
    };
    w.copysign(x)
}

/// glibc's `acosh`.
fn acosh(x: f64) -> f64 {
    if x.is_nan() {
        return x + x;
    }
    if x < 1.0 {
        return f64::NAN;
    }
    if x >= 268_435_456.0 {
        if x.is_infinite() {
            return x + x;
        }
        return x.ln() + std::f64::consts::LN_2;
    }
    if x == 1.0 {
        return 0.0;
    }
    if x > 2.0 {
        let t = x * x;
        return (2.0 * x - 1.0 / (x + (t - 1.0).sqrt())).ln();
    }
    let t = x - 1.0;
    (t + (2.0 * t + t * t).sqrt()).ln_1p()
}

/// glibc's `atanh`.
fn atanh(x: f64) -> f64 {
    let xa = x.abs();
    let t = if xa < 0.5 {
        if xa < f64::from_bits(0x3e30_0000_0000_0000) {
            return x;
        }
        let t = xa + xa;
        0.5 * (t + t * xa / (1.0 - xa)).ln_1p()
    } else if xa < 1.0 {
        0.5 * ((xa + xa) / (1.0 - xa)).ln_1p()
    } else if xa > 1.0 || x.is_nan() {
        return f64::NAN;
    } else {
        return x / 0.0;
    };
    t.copysign(x)
}

/// glibc's `cbrt` (the one Rust links is another libm's, which rounds differently).
#[allow(clippy::excessive_precision)] // glibc's constants, digit for digit
fn cbrt(x: f64) -> f64 {
    const CBRT2: f64 = 1.259_921_049_894_873_164_8;
    const SQR_CBRT2: f64 = 1.587_401_051_968_199_474_8;
    const FACTOR: [f64; 5] = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];
    if x == 0.0 || !x.is_finite() {
        return x + x;
    }
    let (xm, xe) = frexp(x.abs());
    let u = 0.354_895_765_043_919_86
        + ((1.508_191_937_815_848_96
            + ((-2.114_994_941_673_712_87
                + ((2.446_931_225_635_344_3
                    + ((-1.834_692_774_836_130_86
                        + (0.784_932_344_976_639_262 - 0.145_263_899_385_486_377 * xm) * xm)
                        * xm))
                    * xm))
                * xm))
            * xm);
    let t2 = u * u * u;
    let ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * FACTOR[(2 + xe % 3) as usize];
    ldexp(if x > 0.0 { ym } else { -ym }, xe / 3)
}

/// `x * 2**n`, correctly rounded (musl's `scalbn`).
pub(crate) fn ldexp(mut y: f64, mut n: i64) -> f64 {
    let p1023 = f64::from_bits(0x7fe0_0000_0000_0000); // 2**1023
    let pm969 = f64::from_bits(0x0360_0000_0000_0000); // 2**-1022 * 2**53
    if n > 1023 {
        y *= p1023;
        n -= 1023;
        if n > 1023 {
            y *= p1023;
            n -= 1023;
            n = n.min(1023);
        }
    } else if n < -1022 {
        y *= pm969;
        n += 1022 - 53;
        if n < -1022 {
            y *= pm969;
            n += 1022 - 53;
            n = n.max(-1022);
        }
    }
    y * f64::from_bits(((0x3ff + n) as u64) << 52)
}

/// `(m, e)` with `x == m * 2**e` and `0.5 <= |m| < 1` (C's `frexp`).
pub(crate) fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, adj) = if x.abs() < f64::MIN_POSITIVE {
        (x * f64::from_bits(0x4350_0000_0000_0000), -54) // 2**54
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i64 - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e + adj)
}

/// CPython 3.11's `vector_norm`: the Euclidean norm of non-negative finite `vec` (or the
/// special results for infinities and NaNs), accurate to within an ulp.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    if max_e < -1023 {
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp(1.0, -max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0f64, 0.0f64, 0.0f64);
    let fast_sum = |a: f64, b: f64| {
        let x = a + b;
        (x, (a - x) + b)
    };
    let mul = |x: f64, y: f64| {
        let z = x * y;
        (z, x.mul_add(y, -z))
    };
    for &x in vec.iter() {
        let x = x * scale;
        let (hi, lo) = mul(x, x);
        let (s, slo) = fast_sum(csum, hi);
        csum = s;
        frac1 += lo;
        frac2 += slo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (hi, lo) = mul(-h, h);
    let (s, slo) = fast_sum(csum, hi);
    csum = s;
    frac1 += lo;
    frac2 += slo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// The norm of `coords` as `hypot` and `dist` compute it.
fn norm(mut coords: Vec<f64>) -> f64 {
    let mut max = 0.0f64;
    let mut found_nan = false;
    for x in coords.iter_mut() {
        *x = x.abs();
        found_nan |= x.is_nan();
        if *x > max {
            max = *x;
        }
    }
    vector_norm(&mut coords, max, found_nan)
}

/// `math.fsum`: Shewchuk's exactly rounded sum, as CPython computes it.
fn fsum(i: &Interp, it: &Value) -> PyResult<Value> {
    let mut iter = i.iter(it)?;
    let mut p: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    while let Some(item) = iter.next(i)? {
        let mut x = float_arg(i, &item)?;
        let xsave = x;
        let mut k = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                p[k] = lo;
                k += 1;
            }
            x = hi;
        }
        p.truncate(k);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(i.exc("OverflowError", "intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(i.exc("ValueError", "-inf + inf in fsum"));
        }
        return Ok(Value::Float(special_sum));
    }
    let mut hi = 0.0;
    let mut n = p.len();
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

fn fit(i: &Interp, v: u128) -> PyResult<Value> {
    i64::try_from(v).map(Value::Int).map_err(|_| i.overflow())
}

/// The product `lo * (lo + 1) * ... * hi` (1 when empty), or `MemoryError` when it would
/// pass minipy's size limit for integers.
fn range_product(i: &Interp, lo: u64, hi: u64) -> PyResult<BigInt> {
    if lo > hi {
        return Ok(BigInt::from(1));
    }
    // Each factor adds at most bits(hi) bits.
    let bound = (hi - lo + 1).saturating_mul(64 - hi.leading_zeros() as u64);
    if crate::bigint::too_big(bound) {
        // A tighter bound (log2 of the product) before refusing.
        let bits: f64 = (lo..=hi).map(|k| (k as f64).log2()).sum();
        if crate::bigint::too_big(bits as u64) {
            return Err(i.exc("MemoryError", ""));
        }
    }
    // Products of pairs in u64 first: far fewer big multiplications.
    let mut r = BigInt::from(1);
    let mut acc: u64 = 1;
    for k in lo..=hi {
        match acc.checked_mul(k) {
            Some(v) => acc = v,
            None => {
                r *= acc;
                acc = k;
            }
        }
    }
    Ok(r * acc)
}

/// `math.factorial(n)`, `n` an int: as CPython's, one beyond a C `long` is refused with
/// `OverflowError` (or `ValueError` when negative).
fn factorial(i: &Interp, n: &Value) -> PyResult<Value> {
    let n = match n {
        Value::Int(n) => *n,
        Value::Big(b) if b.sign() == num_bigint::Sign::Minus => -1,
        _ => {
            return Err(i.exc(
                "OverflowError",
                "factorial() argument should not exceed 9223372036854775807",
            ))
        }
    };
    if n < 0 {
        return Err(i.exc("ValueError", "factorial() not defined for negative values"));
    }
    Ok(crate::bigint::normalize(range_product(i, 2, n as u64)?))
}

/// The `n` and `k` of `comb` and `perm` (ints of any size), checked non-negative with
/// CPython's messages.
fn comb_args(i: &Interp, n: &Value, k: &Value) -> PyResult<(BigInt, BigInt)> {
    let (n, k) = (bigint_arg(i, n)?, bigint_arg(i, k)?);
    if n.sign() == num_bigint::Sign::Minus {
        return Err(i.exc("ValueError", "n must be a non-negative integer"));
    }
    if k.sign() == num_bigint::Sign::Minus {
        return Err(i.exc("ValueError", "k must be a non-negative integer"));
    }
    Ok((n, k))
}

/// The product `(n - k + 1) * ... * n`, divided by `k!` when `comb`: `k` small, `n` beyond 64
/// bits (bounded as [`range_product`] is).
fn big_falling(i: &Interp, n: &BigInt, k: &BigInt, comb: bool) -> PyResult<BigInt> {
    let k = u64::try_from(k).map_err(|_| i.exc("MemoryError", ""))?;
    if crate::bigint::too_big(k.saturating_mul(n.bits())) {
        return Err(i.exc("MemoryError", ""));
    }
    let mut r = BigInt::from(1);
    for j in 1..=k {
        r *= n - k + j;
        if comb {
            r /= j;
        }
    }
    Ok(r)
}

fn comb(i: &Interp, n: &Value, k: &Value) -> PyResult<Value> {
    let (n, k) = comb_args(i, n, k)?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = (&n - &k).min(k);
    let (Ok(n), Ok(k)) = (u64::try_from(&n), u64::try_from(&k)) else {
        return Ok(crate::bigint::normalize(big_falling(i, &n, &k, true)?));
    };
    let num = range_product(i, n - k + 1, n)?;
    let den = range_product(i, 2, k)?;
    Ok(crate::bigint::normalize(num / den))
}

fn perm(i: &Interp, n: &Value, k: Option<&Value>) -> PyResult<Value> {
    let Some(k) = k else {
        return factorial(i, n);
    };
    let (n, k) = comb_args(i, n, k)?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let (Ok(n), Ok(k)) = (u64::try_from(&n), u64::try_from(&k)) else {
        return Ok(crate::bigint::normalize(big_falling(i, &n, &k, false)?));
    };
    Ok(crate::bigint::normalize(range_product(i, n - k + 1, n)?))
}

/// An integer argument of any size (`int`, `bool`), else CPython's `TypeError`.
fn big_arg(i: &Interp, v: &Value) -> PyResult<BigInt> {
    bigint_arg(i, v)
}

fn isqrt(i: &Interp, n: i64) -> PyResult<Value> {
    if n < 0 {
        return Err(i.exc("ValueError", "isqrt() argument must be nonnegative"));
    }
    let n = n as u128;
    let mut r = (n as f64).sqrt() as u128;
    while r * r > n {
        r -= 1;
    }
    while (r + 1) * (r + 1) <= n {
        r += 1;
    }
    fit(i, r)
}

/// `isqrt(n)` for an `n` past 64 bits.
fn big_isqrt(i: &Interp, n: &num_bigint::BigInt) -> PyResult<Value> {
    if n.is_negative() {
        return Err(i.exc("ValueError", "isqrt() argument must be nonnegative"));
    }
    Ok(crate::bigint::normalize(n.sqrt()))
}

fn pow(i: &Interp, x: f64, y: f64) -> PyResult<Value> {
    let r = if !x.is_finite() || !y.is_finite() {
        if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && y.abs() % 2.0 == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        }
    } else {
        let r = x.powf(y);
        if r.is_nan() {
            return Err(domain(i));
        }
        if r.is_infinite() {
            return Err(if x == 0.0 { domain(i) } else { range(i) });
        }
        r
    };
    Ok(Value::Float(r))
}

fn log_of(i: &Interp, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    let x = match v {
        Value::Int(n) if *n <= 0 => return Err(domain(i)),
        v => float_arg(i, v)?,
    };
    match math_1(i, x, f, false)? {
        Value::Float(r) => Ok(r),
        _ => Ok(f64::NAN),
    }
}

fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let b = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { b + 1 } else { b - 1 })
}

fn ulp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.abs();
    if x.is_infinite() {
        return x;
    }
    let x2 = nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        return x - nextafter(x, 0.0);
    }
    x2 - x
}

/// A `gamma`/`lgamma` result as a value or CPython's exception.
fn gamma_result(i: &Interp, r: Result<f64, super::gamma::MathErr>) -> PyResult<Value> {
    match r {
        Ok(x) => Ok(Value::Float(x)),
        Err(super::gamma::MathErr::Domain) => Err(domain(i)),
        Err(super::gamma::MathErr::Range) => Err(range(i)),
    }
}

/// A one-argument float function of the module.
fn f1(name: &'static str, f: fn(f64) -> f64, can_overflow: bool) -> (&'static str, Value) {
    (
        name,
        native(name, move |i, a, k| {
            no_kw(i, name, &k)?;
            let x = float_arg(i, &one(i, name, &a)?)?;
            math_1(i, x, f, can_overflow)
        }),
    )
}

/// A one-argument predicate on a float.
fn pred(name: &'static str, f: fn(f64) -> bool) -> (&'static str, Value) {
    (
        name,
        native(name, move |i, a, k| {
            no_kw(i, name, &k)?;
            Ok(Value::Bool(f(float_arg(i, &one(i, name, &a)?)?)))
        }),
    )
}

/// A two-argument float function under CPython's `math_2` rules.
fn f2(name: &'static str, f: fn(f64, f64) -> f64) -> (&'static str, Value) {
    (
        name,
        native(name, move |i, a, k| {
            no_kw(i, name, &k)?;
            let (x, y) = two(i, name, &a)?;
            math_2(i, float_arg(i, &x)?, float_arg(i, &y)?, f)
        }),
    )
}

/// Builds the `math` module.
pub(crate) fn make_module(_interp: &Interp) -> Value {
    let mut attrs: Vec<(&str, Value)> = vec![
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("tau", Value::Float(std::f64::consts::TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
        f1("sqrt", f64::sqrt, false),
        f1("sin", f64::sin, false),
        f1("cos", f64::cos, false),
        f1("tan", f64::tan, false),
        f1("asin", f64::asin, false),
        f1("acos", f64::acos, false),
        f1("atan", f64::atan, false),
        f1("sinh", f64::sinh, true),
        f1("cosh", f64::cosh, true),
        f1("tanh", f64::tanh, false),
        f1("asinh", asinh, false),
        f1("acosh", acosh, false),
        f1("atanh", atanh, false),
        f1("exp", f64::exp, true),
        f1("exp2", f64::exp2, true),
        f1("expm1", f64::exp_m1, true),
        f1("log1p", f64::ln_1p, false),
        f1("cbrt", cbrt, false),
        f1("fabs", f64::abs, false),
        f1("degrees", |x| x * (180.0 / std::f64::consts::PI), true),
        f1("radians", |x| x * (std::f64::consts::PI / 180.0), true),
        f1("ulp", ulp, false),
        f1("erf", super::erf::erf, false),
        f1("erfc", super::erf::erfc, false),
        pred("isnan", f64::is_nan),
        pred("isinf", f64::is_infinite),
        pred("isfinite", f64::is_finite),
        f2("atan2", f64::atan2),
        f2("copysign", f64::copysign),
        f2("remainder", m_remainder),
        f2("nextafter", nextafter),
    ];
    attrs.extend([
        (
            "gamma",
            native("gamma", |i, a, k| {
                no_kw(i, "gamma", &k)?;
                let x = float_arg(i, &one(i, "gamma", &a)?)?;
                gamma_result(i, super::gamma::tgamma(x))
            }),
        ),
        (
            "lgamma",
            native("lgamma", |i, a, k| {
                no_kw(i, "lgamma", &k)?;
                let x = float_arg(i, &one(i, "lgamma", &a)?)?;
                gamma_result(i, super::gamma::lgamma(x))
            }),
        ),
        (
            "floor",
            native("floor", |i, a, k| {
                no_kw(i, "floor", &k)?;
                rounding(i, "floor", &a, f64::floor, "__floor__")
            }),
        ),
        (
            "ceil",
            native("ceil", |i, a, k| {
                no_kw(i, "ceil", &k)?;
                rounding(i, "ceil", &a, f64::ceil, "__ceil__")
            }),
        ),
        (
            "trunc",
            native("trunc", |i, a, k| {
                no_kw(i, "trunc", &k)?;
                rounding(i, "trunc", &a, f64::trunc, "__trunc__")
            }),
        ),
        (
            "log",
            native("log", |i, a, k| {
                no_kw(i, "log", &k)?;
                if a.is_empty() || a.len() > 2 {
                    return Err(i.type_error("math.log requires 1 to 2 arguments".into()));
                }
                let num = log_of(i, &a[0], f64::ln)?;
                match a.get(1) {
                    None => Ok(Value::Float(num)),
                    Some(b) => {
                        let den = log_of(i, b, f64::ln)?;
                        if den == 0.0 {
                            return Err(i.exc("ZeroDivisionError", "float division by zero"));
                        }
                        Ok(Value::Float(num / den))
                    }
                }
            }),
        ),
        (
            "log2",
            native("log2", |i, a, k| {
                no_kw(i, "log2", &k)?;
                Ok(Value::Float(log_of(i, &one(i, "log2", &a)?, f64::log2)?))
            }),
        ),
        (
            "log10",
            native("log10", |i, a, k| {
                no_kw(i, "log10", &k)?;
                Ok(Value::Float(log_of(i, &one(i, "log10", &a)?, f64::log10)?))
            }),
        ),
        (
            "pow",
            native("pow", |i, a, k| {
                no_kw(i, "pow", &k)?;
                let (x, y) = two(i, "pow", &a)?;
                pow(i, float_arg(i, &x)?, float_arg(i, &y)?)
            }),
        ),
        (
            "fmod",
            native("fmod", |i, a, k| {
                no_kw(i, "fmod", &k)?;
                let (x, y) = two(i, "fmod", &a)?;
                let (x, y) = (float_arg(i, &x)?, float_arg(i, &y)?);
                if y.is_infinite() && x.is_finite() {
                    return Ok(Value::Float(x));
                }
                let r = x % y;
                if r.is_nan() && !x.is_nan() && !y.is_nan() {
                    return Err(domain(i));
                }
                Ok(Value::Float(r))
            }),
        ),
        (
            "hypot",
            native("hypot", |i, a, k| {
                no_kw(i, "hypot", &k)?;
                let mut xs = Vec::with_capacity(a.len());
                for v in &a {
                    xs.push(float_arg(i, v)?);
                }
                Ok(Value::Float(norm(xs)))
            }),
        ),
        (
            "dist",
            native("dist", |i, a, k| {
                no_kw(i, "dist", &k)?;
                let (p, q) = two(i, "dist", &a)?;
                let (p, q) = (i.collect(&p)?, i.collect(&q)?);
                if p.len() != q.len() {
                    return Err(i.exc(
                        "ValueError",
                        "both points must have the same number of dimensions",
                    ));
                }
                let mut xs = Vec::with_capacity(p.len());
                for (x, y) in p.iter().zip(&q) {
                    xs.push(float_arg(i, x)? - float_arg(i, y)?);
                }
                Ok(Value::Float(norm(xs)))
            }),
        ),
        (
            "isclose",
            native("isclose", |i, a, k| {
                check_kw(i, "isclose", &k, &["rel_tol", "abs_tol"])?;
                if a.len() > 2 {
                    return Err(i.type_error(format!(
                        "isclose() takes exactly 2 positional arguments ({} given)",
                        a.len()
                    )));
                }
                if a.len() < 2 {
                    let which = if a.is_empty() {
                        "'a' (pos 1)"
                    } else {
                        "'b' (pos 2)"
                    };
                    return Err(
                        i.type_error(format!("isclose() missing required argument {which}"))
                    );
                }
                let (x, y) = (float_arg(i, &a[0])?, float_arg(i, &a[1])?);
                let rel = match kwarg(&k, "rel_tol") {
                    Some(v) => float_arg(i, &v)?,
                    None => 1e-9,
                };
                let abs = match kwarg(&k, "abs_tol") {
                    Some(v) => float_arg(i, &v)?,
                    None => 0.0,
                };
                if rel < 0.0 || abs < 0.0 {
                    return Err(i.exc("ValueError", "tolerances must be non-negative"));
                }
                if x == y {
                    return Ok(Value::Bool(true));
                }
                if x.is_infinite() || y.is_infinite() {
                    return Ok(Value::Bool(false));
                }
                let diff = (y - x).abs();
                Ok(Value::Bool(
                    diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs,
                ))
            }),
        ),
        (
            "factorial",
            native("factorial", |i, a, k| {
                no_kw(i, "factorial", &k)?;
                factorial(i, &big_index_arg(i, &one(i, "factorial", &a)?)?)
            }),
        ),
        (
            "isqrt",
            native("isqrt", |i, a, k| {
                no_kw(i, "isqrt", &k)?;
                match big_index_arg(i, &one(i, "isqrt", &a)?)? {
                    Value::Big(b) => big_isqrt(i, &b),
                    Value::Int(n) => isqrt(i, n),
                    _ => Ok(Value::Int(0)),
                }
            }),
        ),
        (
            "comb",
            native("comb", |i, a, k| {
                no_kw(i, "comb", &k)?;
                let (n, r) = two(i, "comb", &a)?;
                comb(i, &big_index_arg(i, &n)?, &big_index_arg(i, &r)?)
            }),
        ),
        (
            "perm",
            native("perm", |i, a, k| {
                no_kw(i, "perm", &k)?;
                module_arity(i, "math", "perm", &a, Arity::Clinic(1, 2))?;
                let n = big_index_arg(i, &a[0])?;
                let r = match a.get(1) {
                    None | Some(Value::None) => None,
                    Some(v) => Some(big_index_arg(i, v)?),
                };
                perm(i, &n, r.as_ref())
            }),
        ),
        (
            "gcd",
            native("gcd", |i, a, k| {
                no_kw(i, "gcd", &k)?;
                let mut g = BigInt::from(0);
                for v in &a {
                    g = g.gcd(&big_arg(i, v)?);
                }
                Ok(crate::bigint::normalize(g))
            }),
        ),
        (
            "lcm",
            native("lcm", |i, a, k| {
                no_kw(i, "lcm", &k)?;
                let mut l = BigInt::from(1);
                for v in &a {
                    let x = big_arg(i, v)?;
                    if crate::bigint::too_big(l.bits() + x.bits()) {
                        return Err(i.exc("MemoryError", ""));
                    }
                    l = l.lcm(&x);
                }
                Ok(crate::bigint::normalize(l.abs()))
            }),
        ),
        (
            "prod",
            native("prod", |i, a, k| {
                check_kw(i, "prod", &k, &["start"])?;
                if a.len() != 1 {
                    return Err(i.type_error(format!(
                        "prod() takes exactly 1 positional argument ({} given)",
                        a.len()
                    )));
                }
                let mut acc = kwarg(&k, "start").unwrap_or(Value::Int(1));
                let mut it = i.iter(&a[0])?;
                while let Some(x) = it.next(i)? {
                    acc = i.binop(BinOp::Mul, acc, x)?;
                }
                Ok(acc)
            }),
        ),
        (
            "fsum",
            native("fsum", |i, a, k| {
                no_kw(i, "fsum", &k)?;
                fsum(i, &one(i, "fsum", &a)?)
            }),
        ),
        (
            "modf",
            native("modf", |i, a, k| {
                no_kw(i, "modf", &k)?;
                let x = float_arg(i, &one(i, "modf", &a)?)?;
                let (frac, int) = if x.is_infinite() {
                    (0.0f64.copysign(x), x)
                } else {
                    ((x - x.trunc()).copysign(x), x.trunc())
                };
                Ok(Value::tuple(vec![Value::Float(frac), Value::Float(int)]))
            }),
        ),
        (
            "frexp",
            native("frexp", |i, a, k| {
                no_kw(i, "frexp", &k)?;
                let (m, e) = frexp(float_arg(i, &one(i, "frexp", &a)?)?);
                Ok(Value::tuple(vec![Value::Float(m), Value::Int(e)]))
            }),
        ),
        (
            "ldexp",
            native("ldexp", |i, a, k| {
                no_kw(i, "ldexp", &k)?;
                let (x, e) = two(i, "ldexp", &a)?;
                let x = float_arg(i, &x)?;
                // Only an int (`PyLong_Check`), one beyond 64 bits clamped (it overflows or
                // underflows all the same).
                let e = match e {
                    Value::Int(_) | Value::Bool(_) | Value::Big(_) => clamped_index_arg(i, &e)?,
                    _ => {
                        return Err(
                            i.type_error("Expected an int as second argument to ldexp.".into())
                        )
                    }
                };
                if x == 0.0 || !x.is_finite() {
                    return Ok(Value::Float(x));
                }
                let r = ldexp(x, e.clamp(-1_000_000, 1_000_000));
                if r.is_infinite() {
                    return Err(range(i));
                }
                Ok(Value::Float(r))
            }),
        ),
    ]);
    module("math", attrs)
}
