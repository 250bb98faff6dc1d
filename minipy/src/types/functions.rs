//! The builtin functions (`len`, `print`, `isinstance`, ...): their table, then one function
//! each (a few serve several names, as `min` and `max`).

use std::rc::Rc;

use gc_core::Cc;

use super::{kwarg, row, ssize_arg, Arity, Function, FunctionFn, Keywords, Kw, Spec, Table};
use super::{NOARGS, ONE};
use crate::builtins::{id_of, isinstance, issubclass, len_of, sort_values};
use crate::interp::iterobj::IterState;
use crate::interp::{Ctrl, Interp, PyResult};
use crate::value::*;

/// The builtin functions' table.
pub static TABLE: Table<FunctionFn> = Table::new("", ROWS);

static ROWS: &[Function] = &[
    row(
        "print",
        kw_only(Arity::Any, &["sep", "end", "file", "flush"], "print"),
        print,
    ),
    row("len", ONE, len),
    row("repr", ONE, repr),
    row("isinstance", clinic(2, 2), isinstance_),
    row("exec", super::pos(Arity::Positional(1, 3)), exec_eval),
    row("eval", clinic(1, 3), exec_eval),
    row("issubclass", clinic(2, 2), issubclass_),
    row("id", ONE, id),
    row("abs", ONE, abs),
    row(
        "min",
        kw_only(Arity::Clinic(1, u8::MAX), &["key", "default"], "min"),
        min_max,
    ),
    row(
        "max",
        kw_only(Arity::Clinic(1, u8::MAX), &["key", "default"], "max"),
        min_max,
    ),
    row(
        "sum",
        named(Arity::Positional(1, 2), &["iterable", "start"], 1),
        sum,
    ),
    row(
        "sorted",
        kw_only(Arity::Clinic(1, 1), &["key", "reverse"], "sort"),
        sorted,
    ),
    row("reversed", clinic(1, 1), reversed),
    row(
        "enumerate",
        named(Arity::Any, &["iterable", "start"], 1),
        enumerate,
    ),
    row("zip", kw_only(Arity::Any, &["strict"], "zip"), zip),
    row("hasattr", clinic(2, 2), hasattr),
    row("getattr", clinic(2, 3), getattr),
    row("setattr", clinic(3, 3), setattr),
    row("delattr", clinic(2, 2), delattr),
    row("hash", ONE, hash),
    row("ord", ONE, ord),
    row("chr", ONE, chr),
    row("round", named(Arity::Any, &["number", "ndigits"], 1), round),
    row("divmod", clinic(2, 2), divmod),
    row("any", ONE, any_all),
    row("all", ONE, any_all),
    row("callable", ONE, callable),
    row("format", clinic(1, 2), format),
    row("map", super::pos(Arity::Any), map),
    row("filter", clinic(2, 2), filter),
    row("iter", clinic(1, 2), iter),
    row("next", clinic(1, 2), next),
    row("pow", named(Arity::Any, &["base", "exp", "mod"], 2), pow),
    row(
        "__import__",
        named(
            Arity::Any,
            &["name", "globals", "locals", "fromlist", "level"],
            1,
        ),
        import,
    ),
    row("globals", NOARGS, globals),
    row("locals", NOARGS, locals),
    row("vars", clinic(0, 1), vars),
    row("dir", clinic(0, 1), dir),
    row("super", super::pos(Arity::Any), super_),
    row("hex", ONE, radix),
    row("bin", ONE, radix),
    row("oct", ONE, radix),
];

const fn clinic(min: u8, max: u8) -> Spec {
    super::pos(Arity::Clinic(min, max))
}

const fn kw_only(arity: Arity, names: &'static [&'static str], shown: &'static str) -> Spec {
    Spec {
        arity,
        keywords: Keywords::Only(names, shown),
    }
}

const fn named(arity: Arity, params: &'static [&'static str], required: u8) -> Spec {
    Spec {
        arity,
        keywords: Keywords::Named(params, required),
    }
}

/// The builtin function of row `f` as a value.
pub fn value(f: &'static Function) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name: Rc::from(f.name),
        module: Some(Rc::from("builtins")),
        f: Box::new(move |i, a, k| call(i, f, a, k)),
    }))
}

/// Calls the builtin function `f`, its arguments checked by its spec.
pub fn call(interp: &Interp, f: &'static Function, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    if kw.is_empty() && f.spec.fits(args.len()) {
        return (f.f)(interp, f.name, args, kw);
    }
    let args = super::check_args(interp, "", f.name, &f.spec, args, &kw)?;
    (f.f)(interp, f.name, args, kw)
}

/// `print`'s `sep` or `end`: a string, or None for the default.
fn print_part(interp: &Interp, kw: &Kw, name: &str, default: &str) -> PyResult<String> {
    match kwarg(kw, name) {
        None | Some(Value::None) => Ok(default.into()),
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(interp.type_error(format!(
            "{name} must be None or a string, not {}",
            other.type_name()
        ))),
    }
}

/// `pow(base, exp, mod)` for integers: `base**exp % mod` without the power, a negative `exp`
/// through the inverse of `base` modulo `mod`, as CPython's.
pub(super) fn modular_pow(
    interp: &Interp,
    base: &Value,
    exp: &Value,
    m: &Value,
) -> PyResult<Value> {
    use num_bigint::BigInt;
    use num_traits::{One, Signed, Zero};
    let (Some(b), Some(e), Some(m)) = (
        crate::bigint::to_big(base),
        crate::bigint::to_big(exp),
        crate::bigint::to_big(m),
    ) else {
        if [base, exp, m]
            .iter()
            .any(|v| matches!(v, Value::Complex(_)))
        {
            return Err(interp.exc("ValueError", "complex modulo"));
        }
        return Err(interp.type_error(
            "pow() 3rd argument not allowed unless all arguments are integers".into(),
        ));
    };
    if m.is_zero() {
        return Err(interp.exc("ValueError", "pow() 3rd argument cannot be 0"));
    }
    let b = if e.is_negative() {
        // The inverse of b modulo |m| (extended Euclid).
        let modulus = m.abs();
        let ext = num_integer::Integer::extended_gcd(
            &num_integer::Integer::mod_floor(&b, &modulus),
            &modulus,
        );
        if !ext.gcd.is_one() {
            return Err(interp.exc("ValueError", "base is not invertible for the given modulus"));
        }
        ext.x
    } else {
        b
    };
    let r: BigInt = b.modpow(&e.abs(), &m);
    Ok(crate::bigint::normalize(r))
}

fn print(interp: &Interp, _name: &str, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let sep = print_part(interp, &kw, "sep", " ")?;
    let end = print_part(interp, &kw, "end", "\n")?;
    let file = kwarg(&kw, "file")
        .filter(|f| !matches!(f, Value::None))
        .or_else(|| crate::gcmod::replaced_stdout(interp));
    if let Some(file) = file {
        // Each piece is written with its own `file.write(...)` call, as CPython does.
        let write: Rc<str> = Rc::from("write");
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                interp.call_method(&file, &write, vec![Value::str(&sep)], Vec::new())?;
            }
            let s = Value::Str(PyStr::from(interp.to_str(a)?));
            interp.call_method(&file, &write, vec![s], Vec::new())?;
        }
        interp.call_method(&file, &write, vec![Value::str(&end)], Vec::new())?;
        let flush = kwarg(&kw, "flush").map(|f| f.truthy_simple());
        if flush == Some(true) {
            interp.call_method(&file, &Rc::from("flush"), Vec::new(), Vec::new())?;
        }
        return Ok(Value::None);
    }
    let mut s = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            s.push_str(&sep);
        }
        s.push_str(&interp.to_str(a)?);
    }
    s.push_str(&end);
    match kwarg(&kw, "file") {
        // `file=stream`: the text goes to the stream's `write` (a `StringIO`).
        Some(f) if !matches!(f, Value::None) => {
            interp.call_method(&f, &Rc::from("write"), vec![Value::str(&s)], Vec::new())?;
        }
        _ => interp.write_out(&s),
    }
    Ok(Value::None)
}

fn len(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(Value::Int(len_of(interp, &args[0])?))
}

fn repr(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(Value::Str(PyStr::from(interp.repr(&args[0])?)))
}

// With a globals dict, or else `__main__`'s globals (minipy's builtins cannot see the
// calling frame, so a function's locals are not visible to them).
fn exec_eval(interp: &Interp, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let src = match &args[0] {
        Value::Str(s) => s.to_string(),
        _ => {
            return Err(interp.type_error(format!(
                "{name}() arg 1 must be a string, bytes or code object"
            )))
        }
    };
    let env = match args.get(1) {
        None | Some(Value::None) => interp.main_globals(),
        Some(Value::Dict(d)) => Cc::new(crate::value::Env {
            vars: std::cell::RefCell::new(crate::value::AttrMap::default()),
            parent: None,
            dict: std::cell::RefCell::new(Some(d.clone())),
        }),
        Some(other) => {
            return Err(interp.type_error(format!(
                "{name}() globals must be a dict, not {}",
                other.type_name()
            )))
        }
    };
    interp.run_source(&src, &env, name == "eval")
}

fn isinstance_(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(Value::Bool(isinstance(interp, &args[0], &args[1])?))
}

fn issubclass_(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(Value::Bool(issubclass(interp, &args[0], &args[1])?))
}

fn id(_interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(Value::Int(id_of(&args[0])))
}

pub(super) fn hash(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(Value::Int(interp.py_hash(&args[0])?))
}

pub(super) fn abs(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    match &args[0] {
        v @ Value::Instance(inst) if inst.class().lookup("__abs__").is_some() => {
            interp.call_method(v, &Rc::from("__abs__"), Vec::new(), Vec::new())
        }
        Value::Int(i) => Ok(match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => {
                crate::bigint::normalize(num_traits::Signed::abs(&num_bigint::BigInt::from(*i)))
            }
        }),
        Value::Big(b) => Ok(crate::bigint::normalize(num_traits::Signed::abs(&**b))),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        Value::Complex(z) => interp.complex_abs(z),
        other => Err(interp.type_error(format!(
            "bad operand type for abs(): '{}'",
            other.type_name()
        ))),
    }
}

fn min_max(interp: &Interp, name: &str, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let items = if args.len() == 1 {
        interp.collect(&args[0])?
    } else {
        args
    };
    let key = kwarg(&kw, "key");
    if items.is_empty() {
        if let Some(d) = kwarg(&kw, "default") {
            return Ok(d);
        }
        return Err(interp.exc("ValueError", &format!("{name}() arg is an empty sequence")));
    }
    let keyof = |v: &Value| -> PyResult<Value> {
        match &key {
            Some(k) if !matches!(k, Value::None) => interp.call(k, vec![v.clone()], Vec::new()),
            _ => Ok(v.clone()),
        }
    };
    let mut best = items[0].clone();
    let mut bk = keyof(&best)?;
    for x in items.into_iter().skip(1) {
        let xk = keyof(&x)?;
        let better = if name == "min" {
            interp.lt(&xk, &bk, "<")?
        } else {
            interp.lt(&bk, &xk, "<")?
        };
        if better {
            best = x;
            bk = xk;
        }
    }
    Ok(best)
}

fn sum(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let mut acc = args.get(1).cloned().unwrap_or(Value::Int(0));
    let mut it = interp.iter(&args[0])?;
    while let Some(x) = it.next(interp)? {
        acc = interp.binop(crate::ast::BinOp::Add, acc, x)?;
    }
    Ok(acc)
}

fn sorted(interp: &Interp, _name: &str, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let items = interp.collect(&args[0])?;
    let rev = kwarg(&kw, "reverse").is_some_and(|v| v.truthy_simple());
    Ok(Value::list(sort_values(
        interp,
        items,
        kwarg(&kw, "key").as_ref(),
        rev,
    )?))
}

fn reversed(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    if let Value::Instance(i) = &args[0] {
        if let Some(f) = i.class().lookup("__reversed__") {
            return interp.call(&f, vec![args[0].clone()], Vec::new());
        }
    }
    let kind = match &args[0] {
        Value::List(_) => "list_reverseiterator",
        Value::Range(_) => "range_iterator",
        Value::Dict(_) => "dict_reversekeyiterator",
        Value::Tuple(_)
        | Value::Str(_)
        | Value::Bytes(_)
        | Value::ByteArray(_)
        | Value::Instance(_) => "reversed",
        other => {
            return Err(
                interp.type_error(format!("'{}' object is not reversible", other.type_name()))
            )
        }
    };
    let mut items = interp.collect(&args[0])?;
    items.reverse();
    let it = interp.iter(&Value::list(items))?;
    Ok(interp.new_iter(kind, IterState::Plain(it)))
}

fn enumerate(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let start = match args.get(1) {
        Some(v) => ssize_arg(interp, v, "")?,
        None => 0,
    };
    let it = interp.iter(&args[0])?;
    Ok(interp.new_iter("enumerate", IterState::Enumerate(it, start)))
}

fn zip(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let mut its = Vec::new();
    for a in &args {
        its.push(interp.iter(a)?);
    }
    Ok(interp.new_iter("zip", IterState::Zip(its)))
}

fn map(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(interp.type_error("map() must have at least two arguments.".into()));
    }
    let mut its = Vec::new();
    for a in &args[1..] {
        its.push(interp.iter(a)?);
    }
    Ok(interp.new_iter("map", IterState::Map(args[0].clone(), its)))
}

fn filter(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let it = interp.iter(&args[1])?;
    Ok(interp.new_iter("filter", IterState::Filter(args[0].clone(), it)))
}

fn iter(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    if let [f, sentinel] = &args[..] {
        let state = IterState::Callable(f.clone(), sentinel.clone());
        return Ok(interp.new_iter("callable_iterator", state));
    }
    interp.iter_value(&args[0])
}

fn next(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let r = match &args[0] {
        Value::Gen(g) if !g.is_coroutine() => {
            match interp.gen_resume(g, crate::interp::generator::Resume::Send(Value::None))? {
                crate::interp::generator::GenStep::Yielded(v) => return Ok(v),
                crate::interp::generator::GenStep::Returned(v) => interp.stop_iteration(v),
            }
        }
        Value::Iter(o) => match interp.iterobj_next(o)? {
            Some(v) => return Ok(v),
            None => interp.exc_with("StopIteration", vec![]),
        },
        Value::Instance(i) if i.class().lookup("__next__").is_some() => {
            match interp.call_method(&args[0], &Rc::from("__next__"), Vec::new(), Vec::new()) {
                Err(Ctrl::Exc(e)) => Ctrl::Exc(e),
                other => return other,
            }
        }
        other => {
            return Err(
                interp.type_error(format!("'{}' object is not an iterator", other.type_name()))
            )
        }
    };
    match (args.get(1), r) {
        (Some(d), Ctrl::Exc(e)) if interp.exc_matches(&e.value, "StopIteration") => Ok(d.clone()),
        (_, r) => Err(r),
    }
}

fn hasattr(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let Value::Str(n) = &args[1] else {
        return Err(interp.type_error("attribute name must be string".into()));
    };
    match interp.get_attr(&args[0], n) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(Ctrl::Exc(e)) if interp.exc_matches(&e.value, "AttributeError") => {
            Ok(Value::Bool(false))
        }
        Err(e) => Err(e),
    }
}

fn getattr(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let Value::Str(n) = &args[1] else {
        return Err(interp.type_error("attribute name must be string".into()));
    };
    match interp.get_attr(&args[0], n) {
        Ok(v) => Ok(v),
        Err(Ctrl::Exc(e)) if args.len() == 3 && interp.exc_matches(&e.value, "AttributeError") => {
            Ok(args[2].clone())
        }
        Err(e) => Err(e),
    }
}

fn setattr(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let Value::Str(n) = &args[1] else {
        return Err(interp.type_error("attribute name must be string".into()));
    };
    interp.set_attr(&args[0], &Rc::from(&**n), args[2].clone())?;
    Ok(Value::None)
}

fn delattr(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let Value::Str(n) = &args[1] else {
        return Err(interp.type_error("attribute name must be string".into()));
    };
    interp.del_attr(&args[0], n)?;
    Ok(Value::None)
}

fn ord(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    match &args[0] {
        Value::Str(s) if s.chars().count() == 1 => {
            Ok(Value::Int(s.chars().next().expect("one char") as i64))
        }
        Value::Str(s) => Err(interp.type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.chars().count()
        ))),
        other => Err(interp.type_error(format!(
            "ord() expected string of length 1, but {} found",
            other.type_name()
        ))),
    }
}

fn chr(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    // Argument Clinic's `int` converter.
    let i = super::args::c_int_arg(interp, &args[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(Value::Str(PyStr::from(c.to_string()))),
        None => Err(interp.exc("ValueError", "chr() arg not in range(0x110000)")),
    }
}

pub(super) fn round(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let nd = match args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(super::args::clamped_index_arg(interp, v)?),
    };
    match (&args[0], nd) {
        (v @ Value::Instance(inst), _) if inst.class().lookup("__round__").is_some() => {
            interp.call_method(v, &Rc::from("__round__"), args[1..].to_vec(), Vec::new())
        }
        (Value::Int(_) | Value::Bool(_) | Value::Big(_), Some(n)) if n < 0 => {
            // Round half to even at 10**-n, as CPython's int.__round__.
            let x = crate::bigint::to_big(&args[0]).unwrap_or_default();
            let Some(p) = u32::try_from(-(n as i128)).ok().filter(|p| *p <= 100_000) else {
                return Ok(Value::Int(0));
            };
            let unit = num_bigint::BigInt::from(10).pow(p);
            let (q, r) = num_integer::Integer::div_mod_floor(&x, &unit);
            let twice = &r * 2;
            let up = twice > unit || (twice == unit && num_integer::Integer::is_odd(&q));
            let q = if up { q + 1 } else { q };
            Ok(crate::bigint::normalize(q * unit))
        }
        (Value::Int(i), _) => Ok(Value::Int(*i)),
        (Value::Big(_), _) => Ok(args[0].clone()),
        (Value::Bool(b), _) => Ok(Value::Int(*b as i64)),
        (Value::Float(f), None) => super::args::float_to_int(interp, f.round_ties_even()),
        (Value::Float(f), Some(n)) => {
            let n = n.clamp(-300, 300) as i32;
            // Round via the decimal string, as CPython does (correctly rounded).
            if n >= 0 {
                let s = format!("{:.*}", n as usize, f);
                Ok(Value::Float(s.parse().unwrap_or(*f)))
            } else {
                let p = 10f64.powi(-n);
                Ok(Value::Float((f / p).round_ties_even() * p))
            }
        }
        (other, _) => Err(interp.type_error(format!(
            "type {} doesn't define __round__ method",
            other.type_name()
        ))),
    }
}

fn divmod(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    interp.divmod(args[0].clone(), args[1].clone())
}

fn pow(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    match args.get(2) {
        None | Some(Value::None) => {
            interp.binop(crate::ast::BinOp::Pow, args[0].clone(), args[1].clone())
        }
        Some(m) => modular_pow(interp, &args[0], &args[1], m),
    }
}

fn any_all(interp: &Interp, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let want = name == "any";
    let mut it = interp.iter(&args[0])?;
    while let Some(x) = it.next(interp)? {
        if interp.truthy(&x)? == want {
            return Ok(Value::Bool(want));
        }
    }
    Ok(Value::Bool(!want))
}

fn callable(_interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(Value::Bool(match &args[0] {
        Value::Func(_)
        | Value::Method(_)
        | Value::Builtin(_)
        | Value::Class(_)
        | Value::Type(_)
        | Value::WeakRef(_) => true,
        Value::Instance(i) => i.class().lookup("__call__").is_some(),
        _ => false,
    }))
}

pub(super) fn format(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let spec = match args.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    Ok(Value::Str(PyStr::from(
        interp.format_value(&args[0], &spec)?,
    )))
}

fn radix(interp: &Interp, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    // `PyNumber_Index`, at any size.
    let n = super::args::big_index_arg(interp, &args[0])?;
    if let Value::Big(b) = &n {
        let sign = if b.sign() == num_bigint::Sign::Minus {
            "-"
        } else {
            ""
        };
        let (prefix, radix) = match name {
            "hex" => ("0x", 16),
            "bin" => ("0b", 2),
            _ => ("0o", 8),
        };
        let digits = b.magnitude().to_str_radix(radix);
        return Ok(Value::Str(PyStr::from(format!("{sign}{prefix}{digits}"))));
    }
    let i = ssize_arg(interp, &n, "")?;
    let (sign, a) = if i < 0 {
        ("-", i.unsigned_abs())
    } else {
        ("", i as u64)
    };
    Ok(Value::Str(PyStr::from(match name {
        "hex" => format!("{sign}0x{a:x}"),
        "bin" => format!("{sign}0b{a:b}"),
        _ => format!("{sign}0o{a:o}"),
    })))
}

fn super_(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    interp.make_super(args)
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`: the module `name`
/// imported as `import name` does; the first package of a dotted name unless `fromlist` is
/// given (then the last module), as CPython's. Relative imports (`level` > 0) are refused.
fn import(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let name = match &args[0] {
        Value::Str(s) => s.to_string(),
        _ => return Err(interp.type_error("module name must be a string".into())),
    };
    let level = match args.get(4) {
        None | Some(Value::None) => 0,
        Some(v) => super::ssize_arg(interp, v, "")?,
    };
    if level < 0 {
        return Err(interp.exc("ValueError", "level must be >= 0"));
    }
    if level > 0 {
        return Err(interp.exc(
            "ImportError",
            "attempted relative import with no known parent package",
        ));
    }
    if name.is_empty() {
        return Err(interp.exc("ValueError", "Empty module name"));
    }
    let (top, last) = interp.import_dotted(&name)?;
    let from = match args.get(3) {
        None | Some(Value::None) => false,
        Some(v) => interp.truthy(v)?,
    };
    Ok(if from { last } else { top })
}

fn globals(interp: &Interp, _name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(Value::Dict(interp.current_globals().as_dict()))
}

fn locals(interp: &Interp, _name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    interp.current_locals()
}

fn vars(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    match args.first() {
        Some(v) => interp.get_attr(v, "__dict__"),
        None => interp.current_locals(),
    }
}

fn dir(interp: &Interp, _name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let Some(obj) = args.first() else {
        // The names of the current scope.
        let Value::Dict(d) = interp.current_locals()? else {
            return Ok(Value::list(Vec::new()));
        };
        let keys: Vec<Value> = d.entries().into_iter().map(|(k, _)| k).collect();
        let mut names: Vec<String> = keys
            .iter()
            .filter_map(|k| match k {
                Value::Str(s) => Some(s.to_string()),
                _ => None,
            })
            .collect();
        names.sort();
        return Ok(Value::list(
            names.into_iter().map(|s| Value::str(&s)).collect(),
        ));
    };
    let mut names: Vec<String> = match obj {
        Value::Instance(i) => {
            let mut n: Vec<String> = i
                .attrs
                .borrow()
                .iter()
                .map(|(k, _)| k.to_string())
                .collect();
            let dict = i.dict.borrow().clone();
            if let Some(d) = dict {
                let keys: Vec<Value> = d.entries().into_iter().map(|(k, _)| k).collect();
                for k in keys {
                    if let Value::Str(s) = k {
                        n.push(s.to_string());
                    }
                }
            }
            if let Some(b) = &i.base {
                n.extend(super::method_names(b).into_iter().map(String::from));
            }
            let mut c = Some(i.class());
            while let Some(cls) = c {
                n.extend(cls.attrs.borrow().iter().map(|(k, _)| k.to_string()));
                c = cls.base.clone();
            }
            n
        }
        Value::Module(m) => m.entries().iter().map(|(k, _)| k.to_string()).collect(),
        Value::Class(c) => c
            .attrs
            .borrow()
            .iter()
            .map(|(k, _)| k.to_string())
            .collect(),
        // A builtin type or value: its table's names (and a slice's attributes).
        Value::Type(t) => {
            let mut n: Vec<String> = super::kind_table(*t)
                .map_or_else(Vec::new, |t| t.names().map(String::from).collect());
            if *t == TypeKind::Slice {
                n.extend(["start", "stop", "step"].map(String::from));
            }
            n
        }
        v => {
            let mut n: Vec<String> = super::method_names(v)
                .into_iter()
                .map(String::from)
                .collect();
            if matches!(v, Value::Slice(_)) {
                n.extend(["start", "stop", "step"].map(String::from));
            }
            n
        }
    };
    names.sort();
    names.dedup();
    Ok(Value::list(
        names
            .into_iter()
            .map(|s| Value::Str(PyStr::from(s)))
            .collect(),
    ))
}
