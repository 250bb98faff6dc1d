//! `_random`, the native core of the `random` module: CPython's Mersenne Twister (MT19937)
//! with its exact seeding (`init_by_array` over the 32-bit words of `abs(seed)`), `random()`
//! (`genrand_res53`), `getrandbits`, and the integer choices built on
//! `_randbelow_with_getrandbits` (`randrange`, `choice`, `shuffle`), so a seeded program draws
//! the same numbers as under CPython 3.11.
//!
//! `seed(str)` hashes the string with SHA-512 as CPython's version-2 seeding does.
//!
//! `_random.new()` returns a generator: a native function over its own state, called as
//! `g("random")`, `g("seed", a)`, `g("getrandbits", k)`, `g("randbelow", n)`,
//! `g("randrange", start, stop, step)`, `g("choice", seq)`, `g("shuffle", x)`,
//! `g("getstate")` and `g("setstate", t)`. `random.py` wraps it in the `Random` class. The state
//! is plain numbers, so the function holds no reference the collector would need to see.

use std::cell::RefCell;
use std::rc::Rc;

use super::{module, native};
use crate::interp::{Interp, PyResult};
use crate::value::Value;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::ToPrimitive;

const N: usize = 624;
const M: usize = 397;

/// One Mersenne Twister state, as CPython's `RandomObject`.
struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    fn new() -> Mt {
        let mut mt = Mt {
            state: [0; N],
            index: N + 1,
        };
        mt.init_by_array(&[0]);
        mt
    }

    fn init_genrand(&mut self, s: u32) {
        let mt = &mut self.state;
        mt[0] = s;
        for i in 1..N {
            mt[i] = 1_812_433_253u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
    }

    fn next_u32(&mut self) -> u32 {
        const MAG01: [u32; 2] = [0, 0x9908_b0df];
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        if self.index >= N {
            let mt = &mut self.state;
            for kk in 0..N - M {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ MAG01[(y & 1) as usize];
            }
            for kk in N - M..N - 1 {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ MAG01[(y & 1) as usize];
            }
            let y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ MAG01[(y & 1) as usize];
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// `random()`: 53 random bits as a float in `[0, 1)`.
    fn random(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k <= 64`.
    fn bits(&mut self, k: u32) -> u64 {
        if k == 0 {
            return 0;
        }
        if k <= 32 {
            return (self.next_u32() >> (32 - k)) as u64;
        }
        let lo = self.next_u32() as u64;
        let hi = self.next_u32() >> (64 - k);
        lo | ((hi as u64) << 32)
    }

    /// `getrandbits(k)` for any `k`: CPython's 32-bit words, least significant first, the
    /// last one keeping its top `k % 32` bits.
    fn big_bits(&mut self, k: u64) -> num_bigint::BigInt {
        let words = k.div_ceil(32);
        let mut bytes = Vec::with_capacity(words as usize * 4);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            bytes.extend_from_slice(&r.to_le_bytes());
            left = left.saturating_sub(32);
        }
        num_bigint::BigInt::from_bytes_le(num_bigint::Sign::Plus, &bytes)
    }

    /// CPython's `_randbelow_with_getrandbits(n)`, for `n > 0`.
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.bits(k);
            if r < n {
                return r;
            }
        }
    }

    /// `seed(a)` for an integer: the 32-bit words of `abs(a)`, least significant first.
    fn seed_u64(&mut self, a: u64) {
        if a >> 32 == 0 {
            self.init_by_array(&[a as u32]);
        } else {
            self.init_by_array(&[a as u32, (a >> 32) as u32]);
        }
    }
}

/// CPython's `hash(float)` (seeding with a float seeds with its hash).
fn hash_float(v: f64) -> i64 {
    const BITS: u32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if v.is_infinite() {
        return if v > 0.0 { 314_159 } else { -314_159 };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = super::math::frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        (e % BITS as i64) as u32
    } else {
        BITS - 1 - ((-1 - e) % BITS as i64) as u32
    };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let mut h = (x as i64).wrapping_mul(sign);
    if h == -1 {
        h = -2;
    }
    h
}

/// An integer argument of `randrange`, as CPython's: `_index` (an int or `__index__`, any
/// size), and where that raises `TypeError`, `int(x)`, which must equal `x` (`non-integer
/// arg 1 for randrange()`).
fn index_arg(i: &Interp, v: &Value, which: &str) -> PyResult<BigInt> {
    match crate::types::args::index(i, v) {
        Ok(Some(n)) => return Ok(crate::bigint::to_big(&n).unwrap_or_default()),
        Ok(None) => {}
        Err(crate::interp::Ctrl::Exc(e)) if i.exc_matches(&e.value, "TypeError") => {}
        Err(e) => return Err(e),
    }
    let non_integer = || {
        i.exc(
            "ValueError",
            &format!("non-integer {which} for randrange()"),
        )
    };
    match v {
        Value::Float(f) if f.is_finite() && f.fract() != 0.0 => Err(non_integer()),
        Value::Float(_) => {
            let n = crate::types::args::number_long(i, v)?.unwrap_or(Value::Int(0));
            Ok(crate::bigint::to_big(&n).unwrap_or_default())
        }
        Value::Str(s) if s.trim().parse::<i64>().is_ok() => Err(non_integer()),
        Value::Str(s) => Err(i.exc(
            "ValueError",
            &format!(
                "invalid literal for int() with base 10: {}",
                crate::value::str_repr(s)
            ),
        )),
        // `int(x)` (`__int__`, `__index__`), which must equal `x`.
        other => match crate::types::args::number_long(i, other)? {
            Some(n) if i.eq(&n, other)? => Ok(crate::bigint::to_big(&n).unwrap_or_default()),
            Some(_) => Err(non_integer()),
            None => Err(i.type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            ))),
        },
    }
}

/// CPython's `_randbelow_with_getrandbits(n)` for an `n > 0` of any size.
fn below_big(mt: &mut Mt, n: &BigInt) -> BigInt {
    if let Some(small) = n.to_u64() {
        return BigInt::from(mt.below(small));
    }
    let k = n.bits();
    loop {
        let r = mt.big_bits(k);
        if &r < n {
            return r;
        }
    }
}

/// `randrange(start, stop=None, step=1)`, CPython 3.11's `Random.randrange` over ints of any
/// size.
fn randrange(i: &Interp, mt: &mut Mt, args: &[Value]) -> PyResult<Value> {
    let get = |n: usize| args.get(n).cloned().unwrap_or(Value::None);
    let istart = index_arg(i, &get(0), "arg 1")?;
    let stop = get(1);
    let step = args.get(2).cloned().unwrap_or(Value::Int(1));
    let zero = BigInt::from(0);
    if matches!(stop, Value::None) {
        if !matches!(step, Value::Int(1)) {
            return Err(i.type_error("Missing a non-None stop argument".into()));
        }
        if istart > zero {
            return Ok(crate::bigint::normalize(below_big(mt, &istart)));
        }
        return Err(i.exc("ValueError", "empty range for randrange()"));
    }
    let istop = index_arg(i, &stop, "stop")?;
    let width = &istop - &istart;
    let istep = index_arg(i, &step, "step")?;
    if istep == BigInt::from(1) {
        if width > zero {
            return Ok(crate::bigint::normalize(istart + below_big(mt, &width)));
        }
        return Err(i.exc(
            "ValueError",
            &format!("empty range for randrange() ({istart}, {istop}, {width})"),
        ));
    }
    let n = if istep > zero {
        (width + &istep - 1i32).div_floor(&istep)
    } else if istep < zero {
        (width + &istep + 1i32).div_floor(&istep)
    } else {
        return Err(i.exc("ValueError", "zero step for randrange()"));
    };
    if n <= zero {
        return Err(i.exc("ValueError", "empty range for randrange()"));
    }
    Ok(crate::bigint::normalize(istart + istep * below_big(mt, &n)))
}

/// A seed from the clock and a counter, for `seed()` / `seed(None)` (CPython reads
/// `os.urandom`; any unpredictable words do).
fn entropy() -> Vec<u32> {
    thread_local! {
        static COUNTER: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }
    let n = COUNTER.with(|c| {
        c.set(c.get().wrapping_add(1));
        c.get()
    });
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let addr = &n as *const u64 as usize as u64;
    vec![
        t as u32,
        (t >> 32) as u32,
        n as u32,
        addr as u32,
        (addr >> 32) as u32,
        std::process::id(),
    ]
}

fn seed(i: &Interp, mt: &mut Mt, a: &Value) -> PyResult<()> {
    match a {
        Value::None => mt.init_by_array(&entropy()),
        Value::Int(n) => mt.seed_u64(n.unsigned_abs()),
        // The 32-bit words of `abs(a)`, least significant first (at least one).
        Value::Big(b) => {
            let mut words = b.magnitude().to_u32_digits();
            if words.is_empty() {
                words.push(0);
            }
            mt.init_by_array(&words);
        }
        Value::Bool(b) => mt.seed_u64(*b as u64),
        Value::Float(f) => mt.seed_u64(hash_float(*f) as u64), // (size_t)hash, as CPython
        Value::Str(_) | Value::Bytes(_) | Value::ByteArray(_) => {
            // CPython (version 2): int.from_bytes(a + sha512(a).digest()), `a` a str's utf-8.
            let a = match a {
                Value::Str(s) => s.as_bytes().to_vec(),
                other => crate::interp::bytes::bytes_of(other).unwrap_or_default(),
            };
            let mut bytes = a.clone();
            bytes.extend_from_slice(&super::sha512::sha512(&a));
            mt.init_by_array(&super::sha512::int_words_of_be_bytes(&bytes));
        }
        _ => {
            return Err(i.type_error(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray."
                    .into(),
            ))
        }
    }
    Ok(())
}

fn dispatch(i: &Interp, mt: &RefCell<Mt>, args: &[Value]) -> PyResult<Value> {
    let Some(Value::Str(op)) = args.first() else {
        return Err(i.type_error("a generator operation name is required".into()));
    };
    let rest = &args[1..];
    let arg = |n: usize| rest.get(n).cloned().unwrap_or(Value::None);
    match op.as_str() {
        "random" => Ok(Value::Float(mt.borrow_mut().random())),
        "seed" => {
            seed(i, &mut mt.borrow_mut(), &arg(0))?;
            Ok(Value::None)
        }
        "getrandbits" => {
            let k = i64::from(super::c_int_arg(i, &arg(0))?);
            if k < 0 {
                return Err(i.exc("ValueError", "number of bits must be non-negative"));
            }
            if k > 63 {
                if crate::bigint::too_big(k as u64) {
                    return Err(i.exc("MemoryError", ""));
                }
                return Ok(crate::bigint::normalize(mt.borrow_mut().big_bits(k as u64)));
            }
            Ok(Value::Int(mt.borrow_mut().bits(k as u32) as i64))
        }
        "randbelow" => {
            let n = super::ssize_arg(i, &arg(0), "")?;
            Ok(Value::Int(mt.borrow_mut().below(n.max(0) as u64) as i64))
        }
        "randrange" => randrange(i, &mut mt.borrow_mut(), rest),
        "choice" => {
            let seq = arg(0);
            let n = crate::builtins::len_of(i, &seq)?;
            if n == 0 {
                return Err(i.exc("IndexError", "Cannot choose from an empty sequence"));
            }
            let k = mt.borrow_mut().below(n as u64) as i64;
            i.get_item(&seq, &Value::Int(k))
        }
        "shuffle" => {
            let x = arg(0);
            if let Value::List(l) = &x {
                let mut items = l.items.borrow_mut();
                let mut mt = mt.borrow_mut();
                for k in (1..items.len()).rev() {
                    let j = mt.below(k as u64 + 1) as usize;
                    items.swap(k, j);
                }
                return Ok(Value::None);
            }
            let n = crate::builtins::len_of(i, &x)?;
            for k in (1..n).rev() {
                let j = mt.borrow_mut().below(k as u64 + 1) as i64;
                let (a, b) = (
                    i.get_item(&x, &Value::Int(k))?,
                    i.get_item(&x, &Value::Int(j))?,
                );
                i.set_item(&x, Value::Int(k), b)?;
                i.set_item(&x, Value::Int(j), a)?;
            }
            Ok(Value::None)
        }
        "getstate" => {
            let mt = mt.borrow();
            let mut items: Vec<Value> = mt.state.iter().map(|w| Value::Int(*w as i64)).collect();
            items.push(Value::Int(mt.index as i64));
            Ok(Value::tuple(items))
        }
        "setstate" => {
            let items = i.collect(&arg(0))?;
            if items.len() != N + 1 {
                return Err(i.exc("ValueError", "state vector is the wrong size"));
            }
            let mut words = [0u32; N];
            for (w, v) in words.iter_mut().zip(&items) {
                let n = super::ssize_arg(i, v, "")?;
                *w = u32::try_from(n).map_err(|_| i.overflow())?;
            }
            let index = super::ssize_arg(i, &items[N], "")?;
            if !(0..=N as i64).contains(&index) {
                return Err(i.exc("ValueError", "invalid state"));
            }
            let mut mt = mt.borrow_mut();
            mt.state = words;
            mt.index = index as usize;
            Ok(Value::None)
        }
        other => Err(i.exc(
            "AttributeError",
            &format!("'_random' generator has no operation '{other}'"),
        )),
    }
}

/// Builds the `_random` module.
pub(crate) fn make_module(_interp: &Interp) -> Value {
    module(
        "_random",
        vec![(
            "new",
            native("new", |_, _, _| {
                let mt = Rc::new(RefCell::new(Mt::new()));
                Ok(native("generator", move |i, a, _| dispatch(i, &mt, &a)))
            }),
        )],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_sequence() {
        // CPython: random.seed(1); random.random() == 0.13436424411240122
        let mut mt = Mt::new();
        mt.seed_u64(1);
        assert_eq!(mt.random(), 0.134_364_244_112_401_22);
    }

    #[test]
    fn float_hash() {
        assert_eq!(hash_float(1.5), 1_152_921_504_606_846_977);
        assert_eq!(hash_float(-1.0), -2);
        assert_eq!(hash_float(2.0), 2);
    }
}
