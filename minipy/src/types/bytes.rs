//! The methods of `bytes` and `bytearray` (the codecs, constructors and byte-string helpers
//! they use are in `interp/bytes.rs`).

use super::{kwarg, protocol, row, Arity, Keywords, Kw, Method, Spec, Type, ANY, NOARGS, ONE};
use crate::interp::bytes as b;
use crate::interp::{Interp, PyResult};
use crate::value::*;

/// `bytes`'s type object: the rows before the mutators.
pub static BYTES_TYPE: Type = Type::new("bytes", METHODS.split_at(SHARED).0);

/// `bytearray`'s type object: all the rows.
pub static BYTEARRAY_TYPE: Type = Type::new("bytearray", &METHODS);

/// How many rows, from the first, `bytes` shares with `bytearray`.
const SHARED: usize = 43;

static METHODS: [Method; 53] = [
    // Shared by bytes and bytearray.
    protocol::GETITEM,
    protocol::LEN,
    protocol::CONTAINS,
    protocol::ITER,
    row("decode", ANY, decode),
    row("hex", named(&["sep", "bytes_per_sep"]), hex),
    row("split", named(&["sep", "maxsplit"]), split),
    row("rsplit", named(&["sep", "maxsplit"]), split),
    row("join", ONE, join),
    row("startswith", WINDOW, startswith),
    row("endswith", WINDOW, startswith),
    row("find", WINDOW, find),
    row("rfind", WINDOW, find),
    row("index", WINDOW, find),
    row("rindex", WINDOW, find),
    row("count", WINDOW, find),
    row("strip", STRIP, strip),
    row("lstrip", STRIP, strip),
    row("rstrip", STRIP, strip),
    row("replace", super::pos(Arity::Clinic(2, 3)), replace),
    row("upper", NOARGS, recase),
    row("lower", NOARGS, recase),
    row("swapcase", NOARGS, recase),
    row("title", NOARGS, recase),
    row("capitalize", NOARGS, recase),
    row("ljust", JUSTIFY, ljust),
    row("rjust", JUSTIFY, ljust),
    row("center", JUSTIFY, ljust),
    row("zfill", ONE, zfill),
    row("isalpha", NOARGS, isalpha),
    row("isdigit", NOARGS, isdigit),
    row("isalnum", NOARGS, isalnum),
    row("isspace", NOARGS, isspace),
    row("isupper", NOARGS, isupper),
    row("islower", NOARGS, islower),
    row("splitlines", named(&["keepends"]), splitlines),
    row("partition", ONE, partition),
    row("rpartition", ONE, partition),
    row("removeprefix", ONE, remove_affix),
    row("removesuffix", ONE, remove_affix),
    row("expandtabs", named(&["tabsize"]), expandtabs),
    row("maketrans", super::pos(Arity::Clinic(2, 2)), maketrans),
    row("translate", TRANSLATE, translate),
    // bytearray only (SHARED counts the rows above).
    protocol::SETITEM,
    protocol::DELITEM,
    row("append", ONE, append),
    row("extend", ONE, extend),
    row("pop", super::pos(Arity::Clinic(0, 1)), pop),
    row("insert", super::pos(Arity::Clinic(2, 2)), insert),
    row("remove", ONE, remove),
    row("reverse", NOARGS, reverse),
    row("copy", NOARGS, copy),
    row("clear", NOARGS, clear),
];

/// `find(sub[, start[, end]])` and the others searching a window.
const WINDOW: Spec = super::pos(Arity::Tuple(1, 3));
/// `strip(bytes=None, /)`.
const STRIP: Spec = super::pos(Arity::Clinic(0, 1));
/// `translate(table, /, delete=b'')`.
const TRANSLATE: Spec = Spec {
    arity: Arity::Positional(1, 2),
    keywords: Keywords::Named(&["table", "delete"], 1),
};
/// `center(width, fillchar=b' ', /)`.
const JUSTIFY: Spec = super::pos(Arity::Clinic(1, 2));

/// Optional parameters that may be named.
const fn named(params: &'static [&'static str]) -> Spec {
    Spec {
        arity: Arity::Any,
        keywords: Keywords::Named(params, 0),
    }
}

/// Checks that the receiver is bytes-like.
fn this(interp: &Interp, recv: &Value, name: &str) -> PyResult<()> {
    match recv {
        Value::Bytes(_) | Value::ByteArray(_) => Ok(()),
        other => Err(super::wrong_receiver(interp, "bytes", name, other)),
    }
}

/// The receiver's bytes (a copy).
fn data_of(interp: &Interp, recv: &Value, name: &str) -> PyResult<Vec<u8>> {
    this(interp, recv, name)?;
    Ok(b::bytes_of(recv).unwrap_or_default())
}

/// The receiver as a bytearray.
fn array<'a>(interp: &Interp, recv: &'a Value, name: &str) -> PyResult<&'a ByteArrayObj> {
    match recv {
        Value::ByteArray(a) => Ok(a),
        other => Err(super::wrong_receiver(interp, "bytearray", name, other)),
    }
}

/// A bytes-like argument (the message names what was given otherwise).
fn need(interp: &Interp, name: &str, v: Option<&Value>) -> PyResult<Vec<u8>> {
    match v {
        Some(v) => b::bytes_of(v).ok_or_else(|| {
            interp.type_error(format!(
                "a bytes-like object is required, not '{}'",
                v.type_name()
            ))
        }),
        None => Err(interp.type_error(format!("{name}() takes at least 1 argument (0 given)"))),
    }
}

/// An optional `Py_ssize_t` argument (`None` for the default), as [`super::ssize_arg`].
fn int_opt(interp: &Interp, v: Option<&Value>, default: i64) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(v) => super::ssize_arg(interp, v, ""),
    }
}

/// An optional C `int` argument (`None` for the default), as [`super::args::c_int_arg`].
fn c_int_opt(interp: &Interp, v: Option<&Value>, default: i64) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(v) => super::args::c_int_arg(interp, v).map(i64::from),
    }
}

const RANGE_MSG: &str = "byte must be in range(0, 256)";

fn decode(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let (enc, errors) = b::codec_args(interp, "decode", &args, &kw)?;
    Ok(Value::str(&interp.decode_bytes(&data, &enc, &errors)?))
}

fn append(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let a = array(interp, recv, name)?;
    let v = interp.byte_value(&args[0], RANGE_MSG)?;
    a.data.borrow_mut().push(v);
    Ok(Value::None)
}

fn extend(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let a = array(interp, recv, name)?;
    let new = interp
        .bytes_from_iterable(&args[0], RANGE_MSG)?
        .ok_or_else(|| {
            interp.type_error(format!(
                "can't extend bytearray with {}",
                args[0].type_name()
            ))
        })?;
    a.data.borrow_mut().extend(new);
    Ok(Value::None)
}

fn pop(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let a = array(interp, recv, name)?;
    let len = a.data.borrow().len();
    if len == 0 {
        return Err(interp.exc("IndexError", "pop from empty bytearray"));
    }
    let i = match args.first() {
        None => -1,
        Some(v) => super::ssize_arg(interp, v, "")?,
    };
    let idx = if i < 0 { i + len as i64 } else { i };
    if idx < 0 || idx >= len as i64 {
        return Err(interp.exc("IndexError", "pop index out of range"));
    }
    Ok(Value::Int(a.data.borrow_mut().remove(idx as usize) as i64))
}

fn insert(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let a = array(interp, recv, name)?;
    let i = super::ssize_arg(interp, &args[0], "")?;
    let v = interp.byte_value(&args[1], RANGE_MSG)?;
    let len = a.data.borrow().len() as i64;
    let idx = if i < 0 { (i + len).max(0) } else { i.min(len) };
    a.data.borrow_mut().insert(idx as usize, v);
    Ok(Value::None)
}

fn remove(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let a = array(interp, recv, name)?;
    let v = interp.byte_value(&args[0], RANGE_MSG)?;
    let pos = a.data.borrow().iter().position(|&x| x == v);
    match pos {
        Some(p) => {
            a.data.borrow_mut().remove(p);
            Ok(Value::None)
        }
        None => Err(interp.exc("ValueError", "value not found in bytearray")),
    }
}

fn reverse(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    array(interp, recv, name)?.data.borrow_mut().reverse();
    Ok(Value::None)
}

fn copy(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let data = array(interp, recv, name)?.data.borrow().clone();
    Ok(b::new_bytearray(data))
}

fn clear(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    array(interp, recv, name)?.data.borrow_mut().clear();
    Ok(Value::None)
}

fn hex(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let arg = |i: usize| args.get(i);
    let sep = arg(0).cloned().or_else(|| kwarg(&kw, "sep"));
    let per = arg(1).cloned().or_else(|| kwarg(&kw, "bytes_per_sep"));
    let per = c_int_opt(interp, per.as_ref(), 1)?;
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) if s.chars().count() == 1 && s.is_ascii() => Some(s.as_bytes()[0]),
        Some(v) if b::bytes_len(&v) == Some(1) => b::bytes_of(&v).map(|b| b[0]),
        Some(_) => {
            return Err(interp.exc("ValueError", "sep must be length 1."));
        }
    };
    Ok(Value::str(&b::hex(&data, sep, per)))
}

fn split(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let arg = |i: usize| args.get(i);
    let mk = |d: Vec<u8>| b::same_kind(recv, d);
    let sep = arg(0).cloned().or_else(|| kwarg(&kw, "sep"));
    let max = arg(1).cloned().or_else(|| kwarg(&kw, "maxsplit"));
    let max = int_opt(interp, max.as_ref(), -1)?;
    let parts = match sep {
        None | Some(Value::None) => b::split_whitespace(&data, max, name == "rsplit"),
        Some(s) => {
            let s = need(interp, name, Some(&s))?;
            if s.is_empty() {
                return Err(interp.exc("ValueError", "empty separator"));
            }
            b::split_on(&data, &s, max, name == "rsplit")
        }
    };
    Ok(Value::list(parts.into_iter().map(mk).collect()))
}

fn join(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let arg = |i: usize| args.get(i);
    let mk = |d: Vec<u8>| b::same_kind(recv, d);
    let items = interp.collect(arg(0).ok_or_else(|| {
        interp.type_error("join() takes exactly one argument (0 given)".into())
    })?)?;
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        match b::bytes_of(x) {
            Some(b) => {
                if i > 0 {
                    out.extend_from_slice(&data);
                }
                out.extend_from_slice(&b);
            }
            None => {
                return Err(interp.type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    x.type_name()
                )))
            }
        }
        if out.len() > b::MAX_LEN {
            return Err(interp.exc("MemoryError", ""));
        }
    }
    Ok(mk(out))
}

fn startswith(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let arg = |i: usize| args.get(i);
    let pats: Vec<Vec<u8>> = match arg(0) {
        Some(Value::Tuple(t)) => {
            let mut v = Vec::new();
            for x in t.items.iter() {
                v.push(b::bytes_of(x).ok_or_else(|| {
                    interp.type_error(format!(
                        "a bytes-like object is required, not '{}'",
                        x.type_name()
                    ))
                })?);
            }
            v
        }
        Some(x) => vec![b::bytes_of(x).ok_or_else(|| {
            interp.type_error(format!(
                "{name} first arg must be bytes or a tuple of bytes, not {}",
                x.type_name()
            ))
        })?],
        None => {
            return Err(interp.type_error(format!("{name}() takes at least 1 argument (0 given)")))
        }
    };
    let (s, e) = interp.sub_range(data.len(), arg(1), arg(2))?;
    // As CPython's: a start past the end, or an end before the start, never
    // matches (not even an empty pattern).
    let hit = s <= e
        && pats.iter().any(|p| {
            let hay = &data[s..e];
            if name == "startswith" {
                hay.starts_with(p)
            } else {
                hay.ends_with(p)
            }
        });
    Ok(Value::Bool(hit))
}

fn find(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let arg = |i: usize| args.get(i);
    let sub = match arg(0) {
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::Big(_))) => {
            vec![interp.byte_value(v, "byte must be in range(0, 256)")?]
        }
        v => need(interp, name, v)?,
    };
    let (s, e) = interp.sub_range(data.len(), arg(1), arg(2))?;
    if s > e {
        return match name {
            "count" => Ok(Value::Int(0)),
            "find" | "rfind" => Ok(Value::Int(-1)),
            _ => Err(interp.exc("ValueError", "subsection not found")),
        };
    }
    let hay = &data[s..e];
    if name == "count" {
        return Ok(Value::Int(b::count(hay, &sub) as i64));
    }
    let pos = if name.starts_with('r') {
        b::rfind(hay, &sub)
    } else {
        b::find(hay, &sub, 0)
    };
    Ok(match pos {
        Some(p) => Value::Int((p + s) as i64),
        None if name.ends_with("find") => Value::Int(-1),
        None => return Err(interp.exc("ValueError", "subsection not found")),
    })
}

fn strip(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let arg = |i: usize| args.get(i);
    let mk = |d: Vec<u8>| b::same_kind(recv, d);
    let chars: Vec<u8> = match arg(0) {
        None | Some(Value::None) => b" \t\n\r\x0b\x0c".to_vec(),
        v => need(interp, name, v)?,
    };
    let mut s = 0;
    let mut e = data.len();
    if name != "rstrip" {
        while s < e && chars.contains(&data[s]) {
            s += 1;
        }
    }
    if name != "lstrip" {
        while e > s && chars.contains(&data[e - 1]) {
            e -= 1;
        }
    }
    Ok(mk(data[s..e].to_vec()))
}

fn replace(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let arg = |i: usize| args.get(i);
    let mk = |d: Vec<u8>| b::same_kind(recv, d);
    let old = need(interp, name, arg(0))?;
    let new = need(interp, name, arg(1))?;
    let max = int_opt(interp, arg(2), -1)?;
    Ok(mk(
        b::replace(&data, &old, &new, max).ok_or_else(|| interp.exc("MemoryError", ""))?
    ))
}

/// `upper`, `lower`, `swapcase`, `title` and `capitalize`: each byte mapped by the method's
/// rule, given the byte before it (`None` for the first); ASCII letters only, as CPython's.
fn recase(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let rule: fn(Option<u8>, u8) -> u8 = match name {
        "upper" => |_, c| c.to_ascii_uppercase(),
        "lower" => |_, c| c.to_ascii_lowercase(),
        "swapcase" => |_, c| {
            if c.is_ascii_lowercase() {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        },
        "title" => |prev, c| {
            if prev.is_some_and(|p| p.is_ascii_alphabetic()) {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        },
        _ => |prev, c| {
            if prev.is_none() {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        },
    };
    let data = data_of(interp, recv, name)?;
    let mut prev = None;
    let out = data
        .iter()
        .map(|&c| {
            let r = rule(prev, c);
            prev = Some(c);
            r
        })
        .collect();
    Ok(b::same_kind(recv, out))
}

fn ljust(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let arg = |i: usize| args.get(i);
    let mk = |d: Vec<u8>| b::same_kind(recv, d);
    let width = int_opt(interp, arg(0), 0)?;
    let fill = match arg(1) {
        None => b' ',
        Some(v) => match b::bytes_of(v) {
            Some(b) if b.len() == 1 => b[0],
            _ => {
                return Err(interp.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    v.type_name()
                )))
            }
        },
    };
    let pad = (width.max(0) as usize).saturating_sub(data.len());
    if pad > b::MAX_LEN {
        return Err(interp.exc("MemoryError", ""));
    }
    let (left, right) = match name {
        "ljust" => (0, pad),
        "rjust" => (pad, 0),
        // CPython's centring puts the odd byte on the left when width is odd.
        _ => {
            let left = pad / 2 + (pad & width as usize & 1);
            (left, pad - left)
        }
    };
    let mut out = vec![fill; left];
    out.extend_from_slice(&data);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(mk(out))
}

fn zfill(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let arg = |i: usize| args.get(i);
    let mk = |d: Vec<u8>| b::same_kind(recv, d);
    let width = int_opt(interp, arg(0), 0)?.max(0) as usize;
    let pad = width.saturating_sub(data.len());
    if pad > b::MAX_LEN {
        return Err(interp.exc("MemoryError", ""));
    }
    let sign = matches!(data.first(), Some(b'+' | b'-')) as usize;
    let mut out = data[..sign].to_vec();
    out.extend(std::iter::repeat_n(b'0', pad));
    out.extend_from_slice(&data[sign..]);
    Ok(mk(out))
}

super::predicates! {
    data_of;
    isalpha: |d| !d.is_empty() && d.iter().all(u8::is_ascii_alphabetic);
    isdigit: |d| !d.is_empty() && d.iter().all(u8::is_ascii_digit);
    isalnum: |d| !d.is_empty() && d.iter().all(u8::is_ascii_alphanumeric);
    isspace: |d| !d.is_empty() && d.iter().all(|c| b" \t\n\r\x0b\x0c".contains(c));
    isupper: |d| d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase);
    islower: |d| d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase);
}

fn splitlines(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let arg = |i: usize| args.get(i);
    let mk = |d: Vec<u8>| b::same_kind(recv, d);
    let keep = interp.truthy(arg(0).unwrap_or(&Value::Bool(false)))?;
    let mut out = Vec::new();
    let mut i = 0;
    let mut start = 0;
    while i < data.len() {
        let eol = match data[i] {
            b'\r' if data.get(i + 1) == Some(&b'\n') => 2,
            b'\r' | b'\n' => 1,
            _ => 0,
        };
        if eol == 0 {
            i += 1;
            continue;
        }
        let end = if keep { i + eol } else { i };
        out.push(mk(data[start..end].to_vec()));
        i += eol;
        start = i;
    }
    if start < data.len() {
        out.push(mk(data[start..].to_vec()));
    }
    Ok(Value::list(out))
}

fn partition(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let arg = |i: usize| args.get(i);
    let mk = |d: Vec<u8>| b::same_kind(recv, d);
    let sep = need(interp, name, arg(0))?;
    if sep.is_empty() {
        return Err(interp.exc("ValueError", "empty separator"));
    }
    let pos = if name == "partition" {
        b::find(&data, &sep, 0)
    } else {
        b::rfind(&data, &sep)
    };
    let parts = match pos {
        Some(p) => [
            data[..p].to_vec(),
            sep.clone(),
            data[p + sep.len()..].to_vec(),
        ],
        None if name == "partition" => [data.clone(), Vec::new(), Vec::new()],
        None => [Vec::new(), Vec::new(), data.clone()],
    };
    let items: Vec<Value> = parts.into_iter().map(mk).collect();
    Ok(Value::tuple(items))
}

/// `removeprefix` and `removesuffix`.
fn remove_affix(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let p = need(interp, name, args.first())?;
    let rest = if name == "removeprefix" {
        data.strip_prefix(&p[..])
    } else {
        data.strip_suffix(&p[..])
    };
    Ok(b::same_kind(recv, rest.unwrap_or(&data).to_vec()))
}

/// `expandtabs(tabsize=8)` ([`super::text::expandtabs`]).
fn expandtabs(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let mut out = Vec::with_capacity(data.len());
    super::text::expandtabs(interp, data.iter().copied(), args.first(), &mut out)?;
    Ok(b::same_kind(recv, out))
}

/// `bytes.maketrans(frm, to, /)` and `bytearray.maketrans`, static methods (the receiver is
/// not used): the 256-byte table `translate` takes, each byte of `frm` mapped to the byte of
/// `to` at the same place (a bytes for both types, as in CPython).
fn maketrans(interp: &Interp, _: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let from = need(interp, name, args.first())?;
    let to = need(interp, name, args.get(1))?;
    if from.len() != to.len() {
        return Err(interp.exc("ValueError", "maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (&f, &t) in from.iter().zip(&to) {
        table[usize::from(f)] = t;
    }
    Ok(b::new_bytes(table))
}

/// `translate(table, /, delete=b'')`: the bytes not in `delete`, each mapped through `table`
/// (256 bytes, or None for none).
fn translate(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    let data = data_of(interp, recv, name)?;
    let table = match &args[0] {
        Value::None => None,
        t => Some(need(interp, name, Some(t))?),
    };
    if table.as_ref().is_some_and(|t| t.len() != 256) {
        return Err(interp.exc(
            "ValueError",
            "translation table must be 256 characters long",
        ));
    }
    let delete = match args.get(1) {
        Some(d) => need(interp, name, Some(d))?,
        None => Vec::new(),
    };
    let mut deleted = [false; 256];
    for &d in &delete {
        deleted[usize::from(d)] = true;
    }
    let out = data
        .iter()
        .filter(|&&c| !deleted[usize::from(c)])
        .map(|&c| table.as_ref().map_or(c, |t| t[usize::from(c)]))
        .collect();
    Ok(b::same_kind(recv, out))
}
