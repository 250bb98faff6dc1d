//! The `cmath` module, native: a port of CPython 3.11's `cmathmodule.c` for `sqrt`, `exp`,
//! `log`, `log10`, `cosh`, `sinh`, `tanh`, `cos`, `sin`, `tan`, `acos`, `asin`, `atan`,
//! `acosh`, `asinh`, `atanh`, `phase`, `polar`, `rect`, `isclose`, `isnan`, `isinf`,
//! `isfinite` and the constants, with its
//! special-value tables (C99 Annex G, as in 3.11: `tanh` of a zero-real, NaN- or infinite-imaginary
//! argument is NaN there) for infinite and NaN arguments and its `errno` rules
//! (`ValueError: math domain error`, `OverflowError: math range error`).
//!
//! The float functions are the platform's libm through Rust's `f64` methods, as in CPython, so
//! results agree bit for bit on the same platform; the real `asinh` that `acos`, `acosh` and
//! `asinh` call is glibc's algorithm (`math::asinh`), Rust's `f64::asinh` not being libm's.

use std::f64::consts::{E, LN_10, LN_2, PI, TAU};

use super::math::asinh as real_asinh;
use super::{float_arg, kwarg, module, native, Kw};
use crate::interp::complex::{complex_abs, new_complex, quot, ComplexObj};
use crate::interp::{Interp, PyResult};
use crate::types::args::{module_arity, no_keywords};
use crate::types::Arity;
use crate::value::Value;

/// CPython's `errno` outcomes of a complex function.
#[derive(Clone, Copy, PartialEq)]
enum Errno {
    Ok,
    /// `EDOM`: `ValueError: math domain error`.
    Dom,
    /// `ERANGE`: `OverflowError: math range error`.
    Range,
}

const INF: f64 = f64::INFINITY;
const N: f64 = f64::NAN;
const P12: f64 = 0.5 * PI;
const P14: f64 = 0.25 * PI;
const P34: f64 = 0.75 * PI;
/// CPython's placeholder for table entries never used (finite arguments).
const U: f64 = -9.542_631_940_771_103e33;

type Table = [[(f64, f64); 7]; 7];

/// CPython's `special_type`: the row or column of a part in a special-value table.
fn special_type(d: f64) -> usize {
    if d.is_finite() {
        match (d != 0.0, d.is_sign_positive()) {
            (true, true) => 4,
            (true, false) => 1,
            (false, true) => 3,
            (false, false) => 2,
        }
    } else if d.is_nan() {
        6
    } else if d > 0.0 {
        5
    } else {
        0
    }
}

fn special(table: &Table, z: ComplexObj) -> ComplexObj {
    let (re, im) = table[special_type(z.re)][special_type(z.im)];
    ComplexObj { re, im }
}

fn c(re: f64, im: f64) -> ComplexObj {
    ComplexObj { re, im }
}

const LARGE_DOUBLE: f64 = f64::MAX / 4.0;
const SCALE_UP: i32 = 53;
const SCALE_DOWN: i32 = -27;

fn ldexp(x: f64, n: i32) -> f64 {
    x * 2f64.powi(n)
}

/// CPython's `m_log1p`: `log1p` keeping the sign of a zero.
fn log1p(x: f64) -> f64 {
    if x == 0.0 {
        x
    } else {
        x.ln_1p()
    }
}

#[rustfmt::skip]
const SQRT_SPECIAL: Table = [
    [(INF,-INF), (0.,-INF), (0.,-INF), (0.,INF), (0.,INF), (INF,INF), (N,INF)],
    [(INF,-INF), (U,U),     (U,U),     (U,U),    (U,U),    (INF,INF), (N,N)],
    [(INF,-INF), (U,U),     (0.,-0.),  (0.,0.),  (U,U),    (INF,INF), (N,N)],
    [(INF,-INF), (U,U),     (0.,-0.),  (0.,0.),  (U,U),    (INF,INF), (N,N)],
    [(INF,-INF), (U,U),     (U,U),     (U,U),    (U,U),    (INF,INF), (N,N)],
    [(INF,-INF), (INF,-0.), (INF,-0.), (INF,0.), (INF,0.), (INF,INF), (INF,N)],
    [(INF,-INF), (N,N),     (N,N),     (N,N),    (N,N),    (INF,INF), (N,N)],
];

#[rustfmt::skip]
const EXP_SPECIAL: Table = [
    [(0.,0.), (U,U), (0.,-0.),  (0.,0.),  (U,U), (0.,0.), (0.,0.)],
    [(N,N),   (U,U), (U,U),     (U,U),    (U,U), (N,N),   (N,N)],
    [(N,N),   (U,U), (1.,-0.),  (1.,0.),  (U,U), (N,N),   (N,N)],
    [(N,N),   (U,U), (1.,-0.),  (1.,0.),  (U,U), (N,N),   (N,N)],
    [(N,N),   (U,U), (U,U),     (U,U),    (U,U), (N,N),   (N,N)],
    [(INF,N), (U,U), (INF,-0.), (INF,0.), (U,U), (INF,N), (INF,N)],
    [(N,N),   (N,N), (N,-0.),   (N,0.),   (N,N), (N,N),   (N,N)],
];

#[rustfmt::skip]
const LOG_SPECIAL: Table = [
    [(INF,-P34), (INF,-PI), (INF,-PI),   (INF,PI),   (INF,PI),  (INF,P34), (INF,N)],
    [(INF,-P12), (U,U),     (U,U),       (U,U),      (U,U),     (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (-INF,-PI),  (-INF,PI),  (U,U),     (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (-INF,-0.),  (-INF,0.),  (U,U),     (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (U,U),       (U,U),      (U,U),     (INF,P12), (N,N)],
    [(INF,-P14), (INF,-0.), (INF,-0.),   (INF,0.),   (INF,0.),  (INF,P14), (INF,N)],
    [(INF,N),    (N,N),     (N,N),       (N,N),      (N,N),     (INF,N),   (N,N)],
];

#[rustfmt::skip]
const COSH_SPECIAL: Table = [
    [(INF,N), (U,U), (INF,0.),  (INF,-0.), (U,U), (INF,N), (INF,N)],
    [(N,N),   (U,U), (U,U),     (U,U),     (U,U), (N,N),   (N,N)],
    [(N,0.),  (U,U), (1.,0.),   (1.,-0.),  (U,U), (N,0.),  (N,0.)],
    [(N,0.),  (U,U), (1.,-0.),  (1.,0.),   (U,U), (N,0.),  (N,0.)],
    [(N,N),   (U,U), (U,U),     (U,U),     (U,U), (N,N),   (N,N)],
    [(INF,N), (U,U), (INF,-0.), (INF,0.),  (U,U), (INF,N), (INF,N)],
    [(N,N),   (N,N), (N,0.),    (N,0.),    (N,N), (N,N),   (N,N)],
];

#[rustfmt::skip]
const SINH_SPECIAL: Table = [
    [(INF,N), (U,U), (-INF,-0.), (-INF,0.), (U,U), (INF,N), (INF,N)],
    [(N,N),   (U,U), (U,U),      (U,U),     (U,U), (N,N),   (N,N)],
    [(0.,N),  (U,U), (-0.,-0.),  (-0.,0.),  (U,U), (0.,N),  (0.,N)],
    [(0.,N),  (U,U), (0.,-0.),   (0.,0.),   (U,U), (0.,N),  (0.,N)],
    [(N,N),   (U,U), (U,U),      (U,U),     (U,U), (N,N),   (N,N)],
    [(INF,N), (U,U), (INF,-0.),  (INF,0.),  (U,U), (INF,N), (INF,N)],
    [(N,N),   (N,N), (N,-0.),    (N,0.),    (N,N), (N,N),   (N,N)],
];

#[rustfmt::skip]
const TANH_SPECIAL: Table = [
    [(-1.,0.), (U,U), (-1.,-0.), (-1.,0.), (U,U), (-1.,0.), (-1.,0.)],
    [(N,N),    (U,U), (U,U),     (U,U),    (U,U), (N,N),    (N,N)],
    [(N,N),    (U,U), (-0.,-0.), (-0.,0.), (U,U), (N,N),    (N,N)],
    [(N,N),    (U,U), (0.,-0.),  (0.,0.),  (U,U), (N,N),    (N,N)],
    [(N,N),    (U,U), (U,U),     (U,U),    (U,U), (N,N),    (N,N)],
    [(1.,0.),  (U,U), (1.,-0.),  (1.,0.),  (U,U), (1.,0.),  (1.,0.)],
    [(N,N),    (N,N), (N,-0.),   (N,0.),   (N,N), (N,N),    (N,N)],
];

#[rustfmt::skip]
const ACOS_SPECIAL: Table = [
    [(P34,INF), (PI,INF),  (PI,INF),  (PI,-INF),  (PI,-INF),  (P34,-INF), (N,INF)],
    [(P12,INF), (U,U),     (U,U),     (U,U),      (U,U),      (P12,-INF), (N,N)],
    [(P12,INF), (U,U),     (P12,0.),  (P12,-0.),  (U,U),      (P12,-INF), (P12,N)],
    [(P12,INF), (U,U),     (P12,0.),  (P12,-0.),  (U,U),      (P12,-INF), (P12,N)],
    [(P12,INF), (U,U),     (U,U),     (U,U),      (U,U),      (P12,-INF), (N,N)],
    [(P14,INF), (0.,INF),  (0.,INF),  (0.,-INF),  (0.,-INF),  (P14,-INF), (N,INF)],
    [(N,INF),   (N,N),     (N,N),     (N,N),      (N,N),      (N,-INF),   (N,N)],
];

/// As in 3.11: `acosh(±0 + nan*j)` is `nan + nan*j` (later versions give `nan + pi/2*j`).
#[rustfmt::skip]
const ACOSH_SPECIAL: Table = [
    [(INF,-P34), (INF,-PI), (INF,-PI),  (INF,PI),  (INF,PI),  (INF,P34), (INF,N)],
    [(INF,-P12), (U,U),     (U,U),      (U,U),     (U,U),     (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (0.,-P12),  (0.,P12),  (U,U),     (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (0.,-P12),  (0.,P12),  (U,U),     (INF,P12), (N,N)],
    [(INF,-P12), (U,U),     (U,U),      (U,U),     (U,U),     (INF,P12), (N,N)],
    [(INF,-P14), (INF,-0.), (INF,-0.),  (INF,0.),  (INF,0.),  (INF,P14), (INF,N)],
    [(INF,N),    (N,N),     (N,N),      (N,N),     (N,N),     (INF,N),   (N,N)],
];

#[rustfmt::skip]
const ASINH_SPECIAL: Table = [
    [(-INF,-P14), (-INF,-0.), (-INF,-0.), (-INF,0.), (-INF,0.), (-INF,P14), (-INF,N)],
    [(-INF,-P12), (U,U),      (U,U),      (U,U),     (U,U),     (-INF,P12), (N,N)],
    [(-INF,-P12), (U,U),      (-0.,-0.),  (-0.,0.),  (U,U),     (-INF,P12), (N,N)],
    [(INF,-P12),  (U,U),      (0.,-0.),   (0.,0.),   (U,U),     (INF,P12),  (N,N)],
    [(INF,-P12),  (U,U),      (U,U),      (U,U),     (U,U),     (INF,P12),  (N,N)],
    [(INF,-P14),  (INF,-0.),  (INF,-0.),  (INF,0.),  (INF,0.),  (INF,P14),  (INF,N)],
    [(INF,N),     (N,N),      (N,-0.),    (N,0.),    (N,N),     (INF,N),    (N,N)],
];

#[rustfmt::skip]
const ATANH_SPECIAL: Table = [
    [(-0.,-P12), (-0.,-P12), (-0.,-P12), (-0.,P12), (-0.,P12), (-0.,P12), (-0.,N)],
    [(-0.,-P12), (U,U),      (U,U),      (U,U),     (U,U),     (-0.,P12), (N,N)],
    [(-0.,-P12), (U,U),      (-0.,-0.),  (-0.,0.),  (U,U),     (-0.,P12), (-0.,N)],
    [(0.,-P12),  (U,U),      (0.,-0.),   (0.,0.),   (U,U),     (0.,P12),  (0.,N)],
    [(0.,-P12),  (U,U),      (U,U),      (U,U),     (U,U),     (0.,P12),  (N,N)],
    [(0.,-P12),  (0.,-P12),  (0.,-P12),  (0.,P12),  (0.,P12),  (0.,P12),  (0.,N)],
    [(0.,-P12),  (N,N),      (N,N),      (N,N),     (N,N),     (0.,P12),  (N,N)],
];

#[rustfmt::skip]
const RECT_SPECIAL: Table = [
    [(INF,N), (U,U), (-INF,0.), (-INF,-0.), (U,U), (INF,N), (INF,N)],
    [(N,N),   (U,U), (U,U),     (U,U),      (U,U), (N,N),   (N,N)],
    [(0.,0.), (U,U), (-0.,0.),  (-0.,-0.),  (U,U), (0.,0.), (0.,0.)],
    [(0.,0.), (U,U), (0.,-0.),  (0.,0.),    (U,U), (0.,0.), (0.,0.)],
    [(N,N),   (U,U), (U,U),     (U,U),      (U,U), (N,N),   (N,N)],
    [(INF,N), (U,U), (INF,-0.), (INF,0.),   (U,U), (INF,N), (INF,N)],
    [(N,N),   (N,N), (N,0.),    (N,0.),     (N,N), (N,N),   (N,N)],
];

fn not_finite(z: ComplexObj) -> bool {
    !z.re.is_finite() || !z.im.is_finite()
}

fn overflowed(r: ComplexObj) -> Errno {
    if r.re.is_infinite() || r.im.is_infinite() {
        Errno::Range
    } else {
        Errno::Ok
    }
}

/// CPython's `cmath_sqrt_impl`.
fn sqrt(z: ComplexObj) -> (ComplexObj, Errno) {
    if not_finite(z) {
        return (special(&SQRT_SPECIAL, z), Errno::Ok);
    }
    if z.re == 0.0 && z.im == 0.0 {
        return (c(0.0, z.im), Errno::Ok);
    }
    let (mut ax, ay) = (z.re.abs(), z.im.abs());
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        ax = ldexp(ax, SCALE_UP);
        ldexp((ax + ax.hypot(ldexp(ay, SCALE_UP))).sqrt(), SCALE_DOWN)
    } else {
        ax /= 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    let r = if z.re >= 0.0 {
        c(s, d.copysign(z.im))
    } else {
        c(d, s.copysign(z.im))
    };
    (r, Errno::Ok)
}

/// CPython's `cmath_exp_impl`.
fn exp(z: ComplexObj) -> (ComplexObj, Errno) {
    if not_finite(z) {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            if z.re > 0.0 {
                c(INF.copysign(z.im.cos()), INF.copysign(z.im.sin()))
            } else {
                c(0f64.copysign(z.im.cos()), 0f64.copysign(z.im.sin()))
            }
        } else {
            special(&EXP_SPECIAL, z)
        };
        let dom = z.im.is_infinite() && (z.re.is_finite() || (z.re.is_infinite() && z.re > 0.0));
        return (r, if dom { Errno::Dom } else { Errno::Ok });
    }
    let r = if z.re > LARGE_DOUBLE.ln() {
        let l = (z.re - 1.0).exp();
        c(l * z.im.cos() * E, l * z.im.sin() * E)
    } else {
        let l = z.re.exp();
        c(l * z.im.cos(), l * z.im.sin())
    };
    (r, overflowed(r))
}

/// CPython's `c_log`.
fn log(z: ComplexObj) -> (ComplexObj, Errno) {
    if not_finite(z) {
        return (special(&LOG_SPECIAL, z), Errno::Ok);
    }
    let (ax, ay) = (z.re.abs(), z.im.abs());
    let re = if ax > LARGE_DOUBLE || ay > LARGE_DOUBLE {
        (ax / 2.0).hypot(ay / 2.0).ln() + LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            ldexp(ax, 53).hypot(ldexp(ay, 53)).ln() - 53.0 * LN_2
        } else {
            return (c(-INF, z.im.atan2(z.re)), Errno::Dom);
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            log1p((am - 1.0) * (am + 1.0) + an * an) / 2.0
        } else {
            h.ln()
        }
    };
    (c(re, z.im.atan2(z.re)), Errno::Ok)
}

/// CPython's `cmath_cosh_impl`.
fn cosh(z: ComplexObj) -> (ComplexObj, Errno) {
    if not_finite(z) {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            let sign = if z.re > 0.0 { 1.0 } else { -1.0 };
            c(INF.copysign(z.im.cos()), sign * INF.copysign(z.im.sin()))
        } else {
            special(&COSH_SPECIAL, z)
        };
        let dom = z.im.is_infinite() && !z.re.is_nan();
        return (r, if dom { Errno::Dom } else { Errno::Ok });
    }
    let r = if z.re.abs() > LARGE_DOUBLE.ln() {
        let x1 = z.re - 1f64.copysign(z.re);
        c(z.im.cos() * x1.cosh() * E, z.im.sin() * x1.sinh() * E)
    } else {
        c(z.im.cos() * z.re.cosh(), z.im.sin() * z.re.sinh())
    };
    (r, overflowed(r))
}

/// CPython's `cmath_sinh_impl`.
fn sinh(z: ComplexObj) -> (ComplexObj, Errno) {
    if not_finite(z) {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            let sign = if z.re > 0.0 { 1.0 } else { -1.0 };
            c(sign * INF.copysign(z.im.cos()), INF.copysign(z.im.sin()))
        } else {
            special(&SINH_SPECIAL, z)
        };
        let dom = z.im.is_infinite() && !z.re.is_nan();
        return (r, if dom { Errno::Dom } else { Errno::Ok });
    }
    let r = if z.re.abs() > LARGE_DOUBLE.ln() {
        let x1 = z.re - 1f64.copysign(z.re);
        c(z.im.cos() * x1.sinh() * E, z.im.sin() * x1.cosh() * E)
    } else {
        c(z.im.cos() * z.re.sinh(), z.im.sin() * z.re.cosh())
    };
    (r, overflowed(r))
}

/// CPython's `cmath_tanh_impl`.
fn tanh(z: ComplexObj) -> (ComplexObj, Errno) {
    if not_finite(z) {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            let re = if z.re > 0.0 { 1.0 } else { -1.0 };
            c(re, 0f64.copysign(2.0 * z.im.sin() * z.im.cos()))
        } else {
            special(&TANH_SPECIAL, z)
        };
        let dom = z.im.is_infinite() && z.re.is_finite();
        return (r, if dom { Errno::Dom } else { Errno::Ok });
    }
    let r = if z.re.abs() > LARGE_DOUBLE.ln() {
        c(
            1f64.copysign(z.re),
            4.0 * z.im.sin() * z.im.cos() * (-2.0 * z.re.abs()).exp(),
        )
    } else {
        let tx = z.re.tanh();
        let ty = z.im.tan();
        let cx = 1.0 / z.re.cosh();
        let txty = tx * ty;
        let denom = 1.0 + txty * txty;
        c(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
    };
    (r, Errno::Ok)
}

/// CPython's `cmath_acos_impl` (never an error).
fn acos(z: ComplexObj) -> (ComplexObj, Errno) {
    if not_finite(z) {
        return (special(&ACOS_SPECIAL, z), Errno::Ok);
    }
    if z.re.abs() > LARGE_DOUBLE || z.im.abs() > LARGE_DOUBLE {
        // Large arguments: no needless overflow.
        let l = (z.re / 2.0).hypot(z.im / 2.0).ln() + LN_2 * 2.0;
        let im = if z.re < 0.0 {
            -l.copysign(z.im)
        } else {
            l.copysign(-z.im)
        };
        return (c(z.im.abs().atan2(z.re), im), Errno::Ok);
    }
    let (s1, _) = sqrt(c(1.0 - z.re, -z.im));
    let (s2, _) = sqrt(c(1.0 + z.re, z.im));
    let re = 2.0 * s1.re.atan2(s2.re);
    (c(re, real_asinh(s2.re * s1.im - s2.im * s1.re)), Errno::Ok)
}

/// CPython's `cmath_acosh_impl` (never an error).
fn acosh(z: ComplexObj) -> (ComplexObj, Errno) {
    if not_finite(z) {
        return (special(&ACOSH_SPECIAL, z), Errno::Ok);
    }
    if z.re.abs() > LARGE_DOUBLE || z.im.abs() > LARGE_DOUBLE {
        let re = (z.re / 2.0).hypot(z.im / 2.0).ln() + LN_2 * 2.0;
        return (c(re, z.im.atan2(z.re)), Errno::Ok);
    }
    let (s1, _) = sqrt(c(z.re - 1.0, z.im));
    let (s2, _) = sqrt(c(z.re + 1.0, z.im));
    let re = real_asinh(s1.re * s2.re + s1.im * s2.im);
    (c(re, 2.0 * s1.im.atan2(s2.re)), Errno::Ok)
}

/// CPython's `cmath_asinh_impl` (never an error).
fn asinh(z: ComplexObj) -> (ComplexObj, Errno) {
    if not_finite(z) {
        return (special(&ASINH_SPECIAL, z), Errno::Ok);
    }
    if z.re.abs() > LARGE_DOUBLE || z.im.abs() > LARGE_DOUBLE {
        let l = (z.re / 2.0).hypot(z.im / 2.0).ln() + LN_2 * 2.0;
        let re = if z.im >= 0.0 {
            l.copysign(z.re)
        } else {
            -l.copysign(-z.re)
        };
        return (c(re, z.im.atan2(z.re.abs())), Errno::Ok);
    }
    let (s1, _) = sqrt(c(1.0 + z.im, -z.re));
    let (s2, _) = sqrt(c(1.0 - z.im, z.re));
    let re = real_asinh(s1.re * s2.im - s2.re * s1.im);
    (c(re, z.im.atan2(s1.re * s2.re - s1.im * s2.im)), Errno::Ok)
}

/// CPython's `cmath_atanh_impl`.
fn atanh(z: ComplexObj) -> (ComplexObj, Errno) {
    if not_finite(z) {
        return (special(&ATANH_SPECIAL, z), Errno::Ok);
    }
    if z.re < 0.0 {
        let (r, e) = atanh(c(-z.re, -z.im));
        return (c(-r.re, -r.im), e);
    }
    let ay = z.im.abs();
    if z.re > LARGE_DOUBLE.sqrt() || ay > LARGE_DOUBLE.sqrt() {
        let h = (z.re / 2.0).hypot(z.im / 2.0);
        (c(z.re / 4.0 / h / h, (PI / 2.0).copysign(z.im)), Errno::Ok)
    } else if z.re == 1.0 && ay < f64::MIN_POSITIVE.sqrt() {
        if ay == 0.0 {
            (c(INF, z.im), Errno::Dom)
        } else {
            let re = -(ay.sqrt() / ay.hypot(2.0).sqrt()).ln();
            (c(re, (2f64.atan2(-ay) / 2.0).copysign(z.im)), Errno::Ok)
        }
    } else {
        let re = log1p(4.0 * z.re / ((1.0 - z.re) * (1.0 - z.re) + ay * ay)) / 4.0;
        let im = -(-2.0 * z.im).atan2((1.0 - z.re) * (1.0 + z.re) - ay * ay) / 2.0;
        (c(re, im), Errno::Ok)
    }
}

/// `f(z)` of a trigonometric function through its hyperbolic one: `cos(z) = cosh(iz)`.
fn via_i(f: fn(ComplexObj) -> (ComplexObj, Errno), z: ComplexObj) -> (ComplexObj, Errno) {
    f(c(-z.im, z.re))
}

/// `f(z) = -i h(iz)` (sin, tan and atan through sinh, tanh and atanh).
fn via_minus_i(f: fn(ComplexObj) -> (ComplexObj, Errno), z: ComplexObj) -> (ComplexObj, Errno) {
    let (s, e) = f(c(-z.im, z.re));
    (c(s.im, -s.re), e)
}

fn cos(z: ComplexObj) -> (ComplexObj, Errno) {
    via_i(cosh, z)
}
fn sin(z: ComplexObj) -> (ComplexObj, Errno) {
    via_minus_i(sinh, z)
}
fn tan(z: ComplexObj) -> (ComplexObj, Errno) {
    via_minus_i(tanh, z)
}
fn atan(z: ComplexObj) -> (ComplexObj, Errno) {
    via_minus_i(atanh, z)
}
fn asin(z: ComplexObj) -> (ComplexObj, Errno) {
    via_minus_i(asinh, z)
}
fn log10(z: ComplexObj) -> (ComplexObj, Errno) {
    let (r, e) = log(z);
    (c(r.re / LN_10, r.im / LN_10), e)
}

/// CPython's `cmath_rect_impl`.
fn rect(r: f64, phi: f64) -> (ComplexObj, Errno) {
    if !r.is_finite() || !phi.is_finite() {
        let z = if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            let sign = if r > 0.0 { 1.0 } else { -1.0 };
            c(
                sign * INF.copysign(phi.cos()),
                sign * INF.copysign(phi.sin()),
            )
        } else {
            special(&RECT_SPECIAL, c(r, phi))
        };
        let dom = r != 0.0 && !r.is_nan() && phi.is_infinite();
        return (z, if dom { Errno::Dom } else { Errno::Ok });
    }
    if phi == 0.0 {
        return (c(r, r * phi), Errno::Ok);
    }
    (c(r * phi.cos(), r * phi.sin()), Errno::Ok)
}

fn math_error(i: &Interp, e: Errno) -> crate::interp::Ctrl {
    match e {
        Errno::Range => i.exc("OverflowError", "math range error"),
        _ => i.exc("ValueError", "math domain error"),
    }
}

/// A `Py_complex` argument: a complex, else a real number as [`float_arg`] converts it
/// (`must be real number, not T`).
fn complex_arg(i: &Interp, v: &Value) -> PyResult<ComplexObj> {
    Ok(match v {
        Value::Complex(z) => **z,
        other => c(float_arg(i, other)?, 0.0),
    })
}

/// A `double` argument (`rect`): a float or int.
fn real_arg(i: &Interp, v: &Value) -> PyResult<f64> {
    match v {
        Value::Complex(_) => Err(i.type_error("must be real number, not complex".into())),
        other => complex_arg(i, other).map(|z| z.re),
    }
}

/// The one positional argument of `cmath.NAME`.
fn one_arg(i: &Interp, name: &str, a: &[Value], k: &Kw) -> PyResult<ComplexObj> {
    no_keywords(i, "cmath", name, k)?;
    module_arity(i, "cmath", name, a, Arity::One)?;
    complex_arg(i, &a[0])
}

type CFn = fn(ComplexObj) -> (ComplexObj, Errno);

/// The one-argument functions returning a complex number.
const FUNCS: &[(&str, CFn)] = &[
    ("sqrt", sqrt),
    ("exp", exp),
    ("log10", log10),
    ("cosh", cosh),
    ("sinh", sinh),
    ("tanh", tanh),
    ("cos", cos),
    ("sin", sin),
    ("tan", tan),
    ("atanh", atanh),
    ("atan", atan),
    ("acos", acos),
    ("acosh", acosh),
    ("asin", asin),
    ("asinh", asinh),
];

/// `cmath.log(z[, base])`, with CPython's `errno` handling (a failing `log(z)` is forgiven
/// when `log(base)` succeeds, as there).
fn log_fn(i: &Interp, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    if !k.is_empty() {
        return Err(i.type_error("log() takes no keyword arguments".into()));
    }
    if a.is_empty() || a.len() > 2 {
        let which = if a.is_empty() { "least 1" } else { "most 2" };
        return Err(i.type_error(format!(
            "log expected at {which} argument{}, got {}",
            if a.is_empty() { "" } else { "s" },
            a.len()
        )));
    }
    let (mut x, mut errno) = log(complex_arg(i, &a[0])?);
    if let Some(b) = a.get(1) {
        let (y, e) = log(complex_arg(i, b)?);
        errno = e;
        match quot(x, y) {
            Some(q) => x = q,
            None => {
                x = c(0.0, 0.0);
                errno = Errno::Dom;
            }
        }
    }
    if errno != Errno::Ok {
        return Err(math_error(i, errno));
    }
    Ok(new_complex(x.re, x.im))
}

/// `cmath.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
fn isclose(i: &Interp, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    if let Some((bad, _)) = k
        .iter()
        .find(|(n, _)| !["a", "b", "rel_tol", "abs_tol"].contains(&&**n))
    {
        return Err(i.type_error(format!(
            "'{bad}' is an invalid keyword argument for isclose()"
        )));
    }
    if a.len() > 2 {
        return Err(i.type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            a.len()
        )));
    }
    let pick = |n: usize, name: &str| a.get(n).cloned().or_else(|| kwarg(&k, name));
    let (Some(x), Some(y)) = (pick(0, "a"), pick(1, "b")) else {
        let which = if pick(0, "a").is_none() {
            "'a' (pos 1)"
        } else {
            "'b' (pos 2)"
        };
        return Err(i.type_error(format!("isclose() missing required argument {which}")));
    };
    let (x, y) = (complex_arg(i, &x)?, complex_arg(i, &y)?);
    let rel = kwarg(&k, "rel_tol").map_or(Ok(1e-9), |v| real_arg(i, &v))?;
    let abs = kwarg(&k, "abs_tol").map_or(Ok(0.0), |v| real_arg(i, &v))?;
    if rel < 0.0 || abs < 0.0 {
        return Err(i.exc("ValueError", "tolerances must be non-negative"));
    }
    if x.re == y.re && x.im == y.im {
        return Ok(Value::Bool(true));
    }
    if [x.re, x.im, y.re, y.im].iter().any(|p| p.is_infinite()) {
        return Ok(Value::Bool(false));
    }
    let mag = |z: ComplexObj| complex_abs(z).unwrap_or(INF);
    let diff = mag(c(x.re - y.re, x.im - y.im));
    Ok(Value::Bool(
        diff <= rel * mag(y) || diff <= rel * mag(x) || diff <= abs,
    ))
}

/// A predicate on both parts (`isnan`, `isinf`, `isfinite`).
fn predicate(name: &'static str, f: fn(ComplexObj) -> bool) -> (&'static str, Value) {
    (
        name,
        native(name, move |i, a, k| {
            Ok(Value::Bool(f(one_arg(i, name, &a, &k)?)))
        }),
    )
}

/// Builds the `cmath` module.
pub(crate) fn make_module(_interp: &Interp) -> Value {
    let mut attrs: Vec<(&str, Value)> = vec![
        ("pi", Value::Float(PI)),
        ("e", Value::Float(E)),
        ("tau", Value::Float(TAU)),
        ("inf", Value::Float(INF)),
        ("infj", new_complex(0.0, INF)),
        ("nan", Value::Float(N)),
        ("nanj", new_complex(0.0, N)),
        ("log", native("log", log_fn)),
        ("isclose", native("isclose", isclose)),
        (
            "phase",
            native("phase", |i, a, k| {
                let z = one_arg(i, "phase", &a, &k)?;
                let phi = z.im.atan2(z.re);
                // glibc's atan2 reports an underflow to zero as ERANGE, which CPython's
                // `phase` raises.
                if phi == 0.0 && z.im != 0.0 && z.re.is_finite() {
                    return Err(math_error(i, Errno::Range));
                }
                Ok(Value::Float(phi))
            }),
        ),
        (
            "polar",
            native("polar", |i, a, k| {
                let z = one_arg(i, "polar", &a, &k)?;
                let phi = z.im.atan2(z.re);
                let r = complex_abs(z).ok_or_else(|| math_error(i, Errno::Range))?;
                Ok(Value::tuple(vec![Value::Float(r), Value::Float(phi)]))
            }),
        ),
        (
            "rect",
            native("rect", |i, a, k| {
                if !k.is_empty() {
                    return Err(i.type_error("rect() takes no keyword arguments".into()));
                }
                if a.len() != 2 {
                    return Err(i.type_error(format!("rect expected 2 arguments, got {}", a.len())));
                }
                let (z, e) = rect(real_arg(i, &a[0])?, real_arg(i, &a[1])?);
                if e != Errno::Ok {
                    return Err(math_error(i, e));
                }
                Ok(new_complex(z.re, z.im))
            }),
        ),
        predicate("isnan", |z| z.re.is_nan() || z.im.is_nan()),
        predicate("isinf", |z| z.re.is_infinite() || z.im.is_infinite()),
        predicate("isfinite", |z| z.re.is_finite() && z.im.is_finite()),
    ];
    for &(name, f) in FUNCS {
        attrs.push((
            name,
            native(name, move |i, a, k| {
                let (r, e) = f(one_arg(i, name, &a, &k)?);
                if e != Errno::Ok {
                    return Err(math_error(i, e));
                }
                Ok(new_complex(r.re, r.im))
            }),
        ));
    }
    module("cmath", attrs)
}
