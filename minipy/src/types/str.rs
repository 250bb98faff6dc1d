//! The methods of `str`.

use super::{protocol, row, ssize_arg, Arity, Keywords, Kw, Method, Spec, Type, ANY, NOARGS, ONE};
use crate::interp::{Interp, PyResult};
use crate::value::*;

/// `str`'s type object.
pub static TYPE: Type = Type::new("str", METHODS);

static METHODS: &[Method] = &[
    row("join", ONE, join),
    row("split", SPLIT, split),
    row("rsplit", SPLIT, split),
    row("splitlines", SPLITLINES, splitlines),
    row("strip", STRIP, strip),
    row("lstrip", STRIP, strip),
    row("rstrip", STRIP, strip),
    row("upper", NOARGS, upper),
    row("lower", NOARGS, lower),
    row("title", NOARGS, title),
    row("capitalize", NOARGS, capitalize),
    row("startswith", WINDOW, starts_or_ends_with),
    row("endswith", WINDOW, starts_or_ends_with),
    row("replace", super::pos(Arity::Clinic(2, 3)), replace),
    row("find", WINDOW, find),
    row("rfind", WINDOW, find),
    row("index", WINDOW, find),
    row("rindex", WINDOW, find),
    row("count", WINDOW, count),
    row("partition", ONE, partition),
    row("rpartition", ONE, partition),
    row("removeprefix", ONE, remove_affix),
    row("removesuffix", ONE, remove_affix),
    row("expandtabs", EXPANDTABS, expandtabs),
    row("maketrans", super::pos(Arity::Clinic(1, 3)), maketrans),
    row("translate", ONE, translate),
    row("isdigit", NOARGS, isdigit),
    row("isalpha", NOARGS, isalpha),
    row("isalnum", NOARGS, isalnum),
    row("isspace", NOARGS, isspace),
    row("isupper", NOARGS, isupper),
    row("islower", NOARGS, islower),
    row("center", JUSTIFY, justify),
    row("ljust", JUSTIFY, justify),
    row("rjust", JUSTIFY, justify),
    row("zfill", ONE, zfill),
    row("format", ANY, format),
    row("encode", ANY, encode),
    // Protocol methods (`protocol.rs`).
    protocol::GETITEM,
    protocol::LEN,
    protocol::CONTAINS,
    protocol::ITER,
];

/// `split(sep=None, maxsplit=-1)`.
const SPLIT: Spec = Spec {
    arity: Arity::Any,
    keywords: Keywords::Named(&["sep", "maxsplit"], 0),
};
/// `splitlines(keepends=False)`.
const SPLITLINES: Spec = Spec {
    arity: Arity::Any,
    keywords: Keywords::Named(&["keepends"], 0),
};
/// `strip(chars=None, /)`.
const STRIP: Spec = super::pos(Arity::Clinic(0, 1));
/// `find(sub[, start[, end]])` and the others searching a window.
const WINDOW: Spec = super::pos(Arity::Tuple(1, 3));
/// `center(width, fillchar=' ', /)`.
const JUSTIFY: Spec = super::pos(Arity::Clinic(1, 2));
/// `expandtabs(tabsize=8)`.
const EXPANDTABS: Spec = Spec {
    arity: Arity::Any,
    keywords: Keywords::Named(&["tabsize"], 0),
};

fn this<'a>(interp: &Interp, recv: &'a Value, name: &str) -> PyResult<&'a PyStr> {
    match recv {
        Value::Str(s) => Ok(s),
        other => Err(super::wrong_receiver(interp, "str", name, other)),
    }
}

fn strv(x: String) -> Value {
    Value::Str(PyStr::from(x))
}

/// A str argument of the method `meth`: `arg` names it in the error (`argument 1` for
/// `replace`, as Argument Clinic words it), or none does (`ensure_unicode`'s `must be str, not
/// int`, the substring of `find`, `count`, `partition`).
fn str_arg<'a>(
    interp: &Interp,
    v: Option<&'a Value>,
    meth: &str,
    arg: Option<&str>,
) -> PyResult<&'a PyStr> {
    match (v, arg) {
        (Some(v), Some(arg)) => super::args::str_arg(interp, v, meth, arg),
        (Some(v), None) => super::args::str_operand(interp, v),
        (None, _) => {
            Err(interp.type_error(format!("{meth}() takes at least 1 argument (0 given)")))
        }
    }
}

/// The character window `[start, end)` of `str.find`-like methods from their optional
/// `start` and `end` arguments (None or ints, negative counting from the end, clamped as in
/// slicing, except that a start past the end stays there). The window may be empty or
/// inverted (`start > end`).
fn str_window(interp: &Interp, s: &str, bounds: &[Value]) -> PyResult<(usize, usize)> {
    let n = s.chars().count() as i64;
    let at = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        let i = match v {
            None | Some(Value::None) => return Ok(default),
            Some(v) => super::args::slice_index(
                interp,
                v,
                "slice indices must be integers or None or have an __index__ method",
            )?,
        };
        Ok(if i < 0 {
            i.saturating_add(n).max(0)
        } else {
            i.min(n + 1)
        })
    };
    // A start beyond the end stays beyond it (nothing is found there, not even ''); the end
    // is clamped.
    let lo = at(bounds.first(), 0)?;
    let hi = at(bounds.get(1), n)?.min(n);
    Ok((lo as usize, hi as usize))
}

/// The byte range of the characters `[lo, hi)` of `s`, or `None` when `lo > hi`.
fn char_window_bytes(s: &str, lo: usize, hi: usize) -> Option<(usize, usize)> {
    if lo > hi {
        return None;
    }
    let byte_at = |c: usize| s.char_indices().nth(c).map_or(s.len(), |(b, _)| b);
    if s.is_ascii() {
        return Some((lo, hi));
    }
    Some((byte_at(lo), byte_at(hi)))
}

/// What `find`-like method `name` answers when the substring is not there.
fn not_found(interp: &Interp, name: &str) -> PyResult<Value> {
    if name.ends_with("index") {
        Err(interp.exc("ValueError", "substring not found"))
    } else {
        Ok(Value::Int(-1))
    }
}

fn py_split_whitespace(s: &str, maxsplit: i64) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 >= maxsplit {
            out.push(rest.to_string());
            return out;
        }
        match rest.find(char::is_whitespace) {
            Some(i) => {
                out.push(rest[..i].to_string());
                rest = rest[i..].trim_start();
            }
            None => {
                out.push(rest.to_string());
                break;
            }
        }
    }
    out
}

/// The lines of `s` as `str.splitlines` cuts them: at `\n`, `\r\n`, `\r`, `\v`, `\f`,
/// `\x1c`-`\x1e`, `\x85`, `\u2028` and `\u2029`, with or without the line ends.
fn split_lines(s: &str, keep_ends: bool) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line_end, next) = match rest.char_indices().find(|&(_, c)| {
            matches!(
                c,
                '\n' | '\r'
                    | '\x0b'
                    | '\x0c'
                    | '\x1c'
                    | '\x1d'
                    | '\x1e'
                    | '\u{85}'
                    | '\u{2028}'
                    | '\u{2029}'
            )
        }) {
            None => (rest.len(), rest.len()),
            Some((i, '\r')) if rest[i + 1..].starts_with('\n') => (i, i + 2),
            Some((i, c)) => (i, i + c.len_utf8()),
        };
        let line = if keep_ends {
            &rest[..next]
        } else {
            &rest[..line_end]
        };
        rest = &rest[next..];
        Some(line)
    })
}

fn join(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    // A tuple's or list's items are read in place (no Python code runs meanwhile); other
    // iterables are collected first.
    let list;
    let collected;
    let items: &[Value] = match &args[0] {
        Value::Tuple(t) => &t.items,
        Value::List(l) => {
            list = l.items.borrow();
            &list
        }
        other => {
            // CPython's `PySequence_Fast`: a `TypeError` from `iter()` becomes its message;
            // errors while iterating pass through.
            let it = interp.iter_value(other).map_err(|e| match e {
                crate::interp::Ctrl::Exc(x) if interp.exc_matches(&x.value, "TypeError") => {
                    interp.type_error("can only join an iterable".into())
                }
                e => e,
            })?;
            collected = interp.collect(&it)?;
            &collected
        }
    };
    let mut len = s.len().saturating_mul(items.len().saturating_sub(1));
    for (i, x) in items.iter().enumerate() {
        match x {
            Value::Str(p) => len = len.saturating_add(p.len()),
            other => {
                return Err(interp.type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    other.type_name()
                )))
            }
        }
    }
    let mut out = String::new();
    out.try_reserve_exact(len)
        .map_err(|_| interp.exc("MemoryError", ""))?;
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(s);
        }
        if let Value::Str(p) = x {
            out.push_str(p);
        }
    }
    Ok(strv(out))
}

/// `split` and `rsplit`.
fn split(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let sep = args.first().cloned().unwrap_or(Value::None);
    let maxsplit = match args.get(1) {
        Some(v) => ssize_arg(interp, v, "")?,
        None => -1,
    };
    let parts: Vec<String> = match &sep {
        Value::None => py_split_whitespace(s, if name == "split" { maxsplit } else { -1 }),
        Value::Str(sep) => {
            if sep.is_empty() {
                return Err(interp.exc("ValueError", "empty separator"));
            }
            if maxsplit < 0 {
                s.split(&**sep).map(String::from).collect()
            } else if name == "split" {
                s.splitn(maxsplit as usize + 1, &**sep)
                    .map(String::from)
                    .collect()
            } else {
                let mut v: Vec<String> = s
                    .rsplitn(maxsplit as usize + 1, &**sep)
                    .map(String::from)
                    .collect();
                v.reverse();
                v
            }
        }
        other => {
            return Err(interp.type_error(format!("must be str or None, not {}", other.type_name())))
        }
    };
    Ok(Value::list(parts.into_iter().map(strv).collect()))
}

fn splitlines(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let keep = match args.first() {
        Some(v) => interp.truthy(v)?,
        None => false,
    };
    Ok(Value::list(
        split_lines(s, keep).map(|l| strv(l.to_string())).collect(),
    ))
}

/// `strip`, `lstrip` and `rstrip`.
fn strip(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let chars: Option<Vec<char>> = match args.first() {
        None | Some(Value::None) => None,
        Some(Value::Str(c)) => Some(c.chars().collect()),
        Some(o) => {
            return Err(interp.type_error(format!(
                "{name} arg must be None or str, not {}",
                o.type_name()
            )))
        }
    };
    let out = match (name, chars) {
        ("strip", None) => s.trim(),
        ("strip", Some(cs)) => s.trim_matches(|c| cs.contains(&c)),
        ("lstrip", None) => s.trim_start(),
        ("lstrip", Some(cs)) => s.trim_start_matches(|c| cs.contains(&c)),
        (_, None) => s.trim_end(),
        (_, Some(cs)) => s.trim_end_matches(|c| cs.contains(&c)),
    };
    Ok(strv(out.to_string()))
}

fn upper(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(strv(this(interp, recv, name)?.to_uppercase()))
}

fn lower(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    Ok(strv(this(interp, recv, name)?.to_lowercase()))
}

fn title(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let mut out = String::new();
    let mut prev_alpha = false;
    for c in s.chars() {
        if prev_alpha {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_alpha = c.is_alphabetic();
    }
    Ok(strv(out))
}

fn capitalize(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let mut cs = s.chars();
    Ok(match cs.next() {
        Some(f) => strv(
            f.to_uppercase()
                .chain(cs.flat_map(|c| c.to_lowercase()))
                .collect(),
        ),
        None => strv(String::new()),
    })
}

/// `startswith` and `endswith`.
fn starts_or_ends_with(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let pats: Vec<PyStr> = match &args[0] {
        Value::Str(p) => vec![p.clone()],
        Value::Tuple(t) => t
            .items
            .iter()
            .filter_map(|x| {
                if let Value::Str(p) = x {
                    Some(p.clone())
                } else {
                    None
                }
            })
            .collect(),
        other => {
            return Err(interp.type_error(format!(
                "{name} first arg must be str or a tuple of str, not {}",
                other.type_name()
            )))
        }
    };
    // With start/end: the test is on the slice s[start:end] (CPython also refuses a
    // window that starts past the end, even for an empty prefix).
    let (lo, hi) = str_window(interp, s, &args[1..])?;
    let Some((lo_b, hi_b)) = char_window_bytes(s, lo, hi) else {
        return Ok(Value::Bool(false));
    };
    let hay = &s[lo_b..hi_b];
    Ok(Value::Bool(pats.iter().any(|p| {
        if name == "startswith" {
            hay.starts_with(&**p)
        } else {
            hay.ends_with(&**p)
        }
    })))
}

fn replace(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let a = str_arg(interp, args.first(), "replace", Some("argument 1"))?;
    let b = str_arg(interp, args.get(1), "replace", Some("argument 2"))?;
    Ok(match args.get(2) {
        Some(n) => {
            let n = ssize_arg(interp, n, "")?;
            if n < 0 {
                strv(s.replace(&**a, b))
            } else {
                strv(s.replacen(&**a, b, n as usize))
            }
        }
        None => strv(s.replace(&**a, b)),
    })
}

/// `find`, `rfind`, `index` and `rindex`.
fn find(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let sub = str_arg(interp, args.first(), name, None)?;
    let (lo, hi) = str_window(interp, s, &args[1..])?;
    let Some((lo_b, hi_b)) = char_window_bytes(s, lo, hi) else {
        return not_found(interp, name);
    };
    let hay = &s[lo_b..hi_b];
    let pos = if name.starts_with('r') {
        hay.rfind(&**sub)
    } else {
        hay.find(&**sub)
    };
    match pos {
        Some(b) => Ok(Value::Int((lo + hay[..b].chars().count()) as i64)),
        None => not_found(interp, name),
    }
}

fn count(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let sub = str_arg(interp, args.first(), "count", None)?;
    let (lo, hi) = str_window(interp, s, &args[1..])?;
    Ok(match char_window_bytes(s, lo, hi) {
        None => Value::Int(0),
        Some((lo_b, hi_b)) if sub.is_empty() => {
            Value::Int(s[lo_b..hi_b].chars().count() as i64 + 1)
        }
        Some((lo_b, hi_b)) => Value::Int(s[lo_b..hi_b].matches(&**sub).count() as i64),
    })
}

fn partition(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let sep = str_arg(interp, args.first(), name, None)?;
    if sep.is_empty() {
        return Err(interp.exc("ValueError", "empty separator"));
    }
    let found = if name == "rpartition" {
        s.rfind(&**sep)
    } else {
        s.find(&**sep)
    };
    Ok(match found {
        Some(i) => Value::tuple(vec![
            strv(s[..i].to_string()),
            Value::Str(sep.clone()),
            strv(s[i + sep.len()..].to_string()),
        ]),
        // Not found: `partition` gives (s, '', ''), `rpartition` ('', '', s).
        None if name == "rpartition" => {
            Value::tuple(vec![Value::str(""), Value::str(""), Value::Str(s.clone())])
        }
        None => Value::tuple(vec![Value::Str(s.clone()), Value::str(""), Value::str("")]),
    })
}

/// `removeprefix(prefix, /)` and `removesuffix(suffix, /)`.
fn remove_affix(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let affix = str_arg(interp, args.first(), name, Some("argument"))?;
    let rest = if name == "removeprefix" {
        s.strip_prefix(&**affix)
    } else {
        s.strip_suffix(&**affix)
    };
    Ok(match rest {
        Some(rest) if !affix.is_empty() => strv(rest.to_string()),
        _ => Value::Str(s.clone()),
    })
}

/// `expandtabs(tabsize=8)` ([`super::text::expandtabs`]).
fn expandtabs(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let mut out = String::with_capacity(s.len());
    super::text::expandtabs(interp, s.chars(), args.first(), &mut out)?;
    Ok(strv(out))
}

/// `v` as CPython's `PyUnicode_Check` sees it: a str, or the str an instance of a class
/// deriving from `str` holds.
fn as_str(v: &Value) -> Option<&PyStr> {
    match v {
        Value::Str(s) => Some(s),
        Value::Instance(i) => match &i.base {
            Some(Value::Str(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `v` is an int as CPython's `PyLong_Check` sees it (bools and instances of classes
/// deriving from `int` included).
fn is_int(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => true,
        Value::Instance(i) => i.class().builtin_base == Some(TypeKind::Int),
        _ => false,
    }
}

/// `str.maketrans(x[, y[, z]])`, a static method (the receiver is not used): a dict from
/// code points to what `translate` maps them to. With one argument, a dict whose str keys
/// (of length 1) become their code points and whose int keys stay; with two, the characters
/// of `x` map to those of `y` at the same place; a third maps its characters to None.
fn maketrans(interp: &Interp, _: &Value, _: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let y = match args.get(1) {
        Some(y) => Some(super::args::str_arg(interp, y, "maketrans", "argument 2")?),
        None => None,
    };
    let z = match args.get(2) {
        Some(z) => Some(super::args::str_arg(interp, z, "maketrans", "argument 3")?),
        None => None,
    };
    let table = Value::dict(PyDict::new());
    let code = |c: char| Value::Int(i64::from(u32::from(c)));
    let Some(y) = y else {
        let Value::Dict(d) = &args[0] else {
            return Err(interp.type_error(
                "if you give only one argument to maketrans it must be a dict".into(),
            ));
        };
        // A copy: setting items of the new dict may run script code (`__eq__` of a key).
        let entries: Vec<(Value, Value)> = d
            .map
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (key, value) in entries {
            let key = if let Some(k) = as_str(&key) {
                let mut chars = k.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => code(c),
                    _ => {
                        return Err(interp.exc(
                            "ValueError",
                            "string keys in translate table must be of length 1",
                        ))
                    }
                }
            } else if is_int(&key) {
                key
            } else {
                return Err(
                    interp.type_error("keys in translate table must be strings or integers".into())
                );
            };
            interp.set_item(&table, key, value)?;
        }
        return Ok(table);
    };
    let Some(x) = as_str(&args[0]) else {
        return Err(interp.type_error(
            "first maketrans argument must be a string if there is a second argument".into(),
        ));
    };
    if x.chars().count() != y.chars().count() {
        return Err(interp.exc(
            "ValueError",
            "the first two maketrans arguments must have equal length",
        ));
    }
    for (a, b) in x.chars().zip(y.chars()) {
        interp.set_item(&table, code(a), code(b))?;
    }
    for c in z.iter().flat_map(|z| z.chars()) {
        interp.set_item(&table, code(c), Value::None)?;
    }
    Ok(table)
}

/// What a translation table maps a character to (CPython's `charmaptranslate_lookup`).
enum Mapped {
    /// Nothing (the lookup raised a `LookupError`): the character stays.
    Missing,
    /// None: the character is deleted.
    Deleted,
    /// An int: this character.
    Char(char),
    /// A str: this text.
    Text(PyStr),
}

/// `table[ord(c)]` as `str.translate` reads it: a `LookupError` is [`Mapped::Missing`], an
/// int must be a code point (`character mapping must be in range(0x110000)`), and anything
/// but an int, None or a str is `TypeError: character mapping must return integer, None or
/// str`.
fn lookup(interp: &Interp, table: &Value, c: char) -> PyResult<Mapped> {
    let item = match interp.get_item(table, &Value::Int(i64::from(u32::from(c)))) {
        Ok(item) => item,
        Err(crate::interp::Ctrl::Exc(e)) if interp.exc_matches(&e.value, "LookupError") => {
            return Ok(Mapped::Missing)
        }
        Err(e) => return Err(e),
    };
    if let Some(s) = as_str(&item) {
        return Ok(Mapped::Text(s.clone()));
    }
    if matches!(item, Value::None) {
        return Ok(Mapped::Deleted);
    }
    if !is_int(&item) {
        return Err(interp.type_error("character mapping must return integer, None or str".into()));
    }
    // A surrogate (U+D800-U+DFFF) has no Rust `char`: refused as out of range, as `chr` does.
    match super::args::index(interp, &item)? {
        Some(Value::Int(i)) => u32::try_from(i).ok().and_then(char::from_u32),
        _ => None,
    }
    .map(Mapped::Char)
    .ok_or_else(|| interp.exc("ValueError", "character mapping must be in range(0x110000)"))
}

/// `translate(table, /)`: each character `c` replaced by `table[ord(c)]` (see [`lookup`]).
/// The table is read as CPython 3.11 reads it, so a table with side effects sees the same
/// calls: an ASCII str is translated through a cache of each character's first lookup while
/// every result is ASCII and at most one character long, the rest of it (from the first
/// other result) one lookup per character; after a deleted character, the characters up to
/// the next one not deleted are looked up once more.
fn translate(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let table = &args[0];
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    if s.is_ascii() {
        // `unicode_fast_translate`: None is not looked up yet, Some(None) deleted.
        let mut cache: [Option<Option<char>>; 128] = [None; 128];
        while let Some(&c) = chars.get(i) {
            let slot = &mut cache[c as usize];
            if slot.is_none() {
                *slot = match lookup(interp, table, c)? {
                    Mapped::Missing => Some(Some(c)),
                    Mapped::Deleted => Some(None),
                    Mapped::Char(m) if m.is_ascii() => Some(Some(m)),
                    Mapped::Text(t) if t.len() == 1 => Some(t.chars().next()),
                    _ => break,
                };
            }
            if let Some(Some(m)) = cache[c as usize] {
                out.push(m);
            }
            i += 1;
        }
    }
    while let Some(&c) = chars.get(i) {
        i += 1;
        match lookup(interp, table, c)? {
            Mapped::Missing => out.push(c),
            Mapped::Char(m) => out.push(m),
            Mapped::Text(t) => out.push_str(&t),
            Mapped::Deleted => {
                // The run of deleted characters after it, each looked up.
                while let Some(&c) = chars.get(i) {
                    if !matches!(lookup(interp, table, c)?, Mapped::Deleted) {
                        break;
                    }
                    i += 1;
                }
            }
        }
        if out.len() as u64 > crate::interp::MAX_MATERIALIZE as u64 {
            return Err(interp.exc("MemoryError", ""));
        }
    }
    Ok(strv(out))
}

/// `str.isspace`'s test, as CPython's `Py_UNICODE_ISSPACE`: the Unicode `White_Space` property
/// and the four ASCII separators U+001C-U+001F (bidirectional class B or S).
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

super::predicates! {
    this;
    isdigit: |s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    isalpha: |s| !s.is_empty() && s.chars().all(char::is_alphabetic);
    isalnum: |s| !s.is_empty() && s.chars().all(char::is_alphanumeric);
    isspace: |s| !s.is_empty() && s.chars().all(is_space);
    isupper: |s| s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase);
    islower: |s| s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase);
}

/// `center`, `ljust` and `rjust`.
fn justify(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let w = ssize_arg(interp, &args[0], "")?.max(0);
    if w > crate::interp::MAX_MATERIALIZE {
        return Err(interp.exc("MemoryError", ""));
    }
    let w = w as usize;
    let fill = match args.get(1) {
        Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().expect("one"),
        Some(_) => {
            return Err(
                interp.type_error("The fill character must be exactly one character long".into())
            )
        }
        None => ' ',
    };
    let n = s.chars().count();
    if n >= w {
        return Ok(Value::Str(s.clone()));
    }
    let pad = w - n;
    let (l, r) = match name {
        "ljust" => (0, pad),
        "rjust" => (pad, 0),
        _ => {
            let l = pad / 2 + (pad & w & 1);
            (l, pad - l)
        }
    };
    Ok(strv(format!(
        "{}{}{}",
        fill.to_string().repeat(l),
        s,
        fill.to_string().repeat(r)
    )))
}

fn zfill(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    let w = ssize_arg(interp, &args[0], "")?.max(0);
    if w > crate::interp::MAX_MATERIALIZE {
        return Err(interp.exc("MemoryError", ""));
    }
    let w = w as usize;
    let n = s.chars().count();
    if n >= w {
        return Ok(Value::Str(s.clone()));
    }
    let (sign, rest) = if s.starts_with('-') || s.starts_with('+') {
        s.split_at(1)
    } else {
        ("", &**s)
    };
    Ok(strv(format!("{sign}{}{rest}", "0".repeat(w - n))))
}

fn format(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    Ok(strv(crate::format::str_format(interp, s, &args, &kw)?))
}

fn encode(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let s = this(interp, recv, name)?;
    interp.str_encode(s, &args, &kw)
}
