//! `bytes` and `bytearray`: their constructors, operators, item and slice access, methods,
//! `repr`, the codecs behind `str.encode`/`bytes.decode` (utf-8, ascii, latin-1), `hex`/`fromhex`
//! and `int.to_bytes`/`int.from_bytes`, with CPython's results and error messages.
//!
//! Both are leaves for the collector: a `bytes` is an `Rc<BytesObj>` and a `bytearray` an
//! `Rc<ByteArrayObj>`, never a gc-core object, as in CPython (they hold no references).
//! The rest of the interpreter calls in through the `bytes_*` methods below, each of which
//! answers `None` (or is not called) for values that are not bytes-like.

use std::rc::Rc;

use num_bigint::{BigInt, Sign};

use super::*;
use crate::types::args::{bad_argument, str_arg};

type Kw = Vec<(Rc<str>, Value)>;

/// The most bytes one operation may produce (beyond: `MemoryError`), as for repetitions.
pub(crate) const MAX_LEN: usize = 1 << 28;

/// A new `bytes` value.
pub fn new_bytes(data: Vec<u8>) -> Value {
    Value::Bytes(Rc::new(BytesObj {
        data: data.into_boxed_slice(),
    }))
}

/// A new `bytearray` value.
pub fn new_bytearray(data: Vec<u8>) -> Value {
    Value::ByteArray(Rc::new(ByteArrayObj {
        data: RefCell::new(data),
    }))
}

/// A new value of the same type as `like` (a `bytearray` for a `bytearray`, else `bytes`).
pub(crate) fn same_kind(like: &Value, data: Vec<u8>) -> Value {
    match like {
        Value::ByteArray(_) => new_bytearray(data),
        _ => new_bytes(data),
    }
}

/// A copy of the bytes of a bytes-like value (`bytes` or `bytearray`), `None` for others.
pub fn bytes_of(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Bytes(b) => Some(b.data.to_vec()),
        Value::ByteArray(b) => Some(b.data.borrow().clone()),
        _ => None,
    }
}

/// Whether a value is a `bytes` or `bytearray`.
pub fn is_bytes_like(v: &Value) -> bool {
    matches!(v, Value::Bytes(_) | Value::ByteArray(_))
}

/// The number of bytes of a bytes-like value.
pub fn bytes_len(v: &Value) -> Option<usize> {
    match v {
        Value::Bytes(b) => Some(b.data.len()),
        Value::ByteArray(b) => Some(b.data.borrow().len()),
        _ => None,
    }
}

/// `repr()` of a `bytes` (`b'..'`) or, with `bytearray`, of a `bytearray` (`bytearray(b'..')`),
/// quoting and escaping as CPython does.
pub fn bytes_repr(data: &[u8], bytearray: bool) -> String {
    let q = if data.contains(&b'\'') && !data.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(data.len() + 3);
    out.push('b');
    out.push(q as char);
    for &c in data {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            // CPython's bytearray repr escapes a single quote whatever the quote.
            b'\'' if q == b'\'' || bytearray => out.push_str("\\'"),
            c if !(0x20..0x7f).contains(&c) => out.push_str(&format!("\\x{c:02x}")),
            c => out.push(c as char),
        }
    }
    out.push(q as char);
    if bytearray {
        format!("bytearray({out})")
    } else {
        out
    }
}

/// An encoding name CPython knows under its canonical spelling, or `None`.
fn canonical_encoding(name: &str) -> Option<&'static str> {
    let n = name.to_ascii_lowercase().replace(['-', ' '], "_");
    Some(match n.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => "utf-8",
        "ascii" | "us_ascii" | "646" => "ascii",
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819"
        | "iso_ir_100" => "latin-1",
        _ => return None,
    })
}

/// `'\xe9'` as CPython names a character in a codec error.
fn char_escape(c: char) -> String {
    let n = c as u32;
    if n < 0x100 {
        format!("'\\x{n:02x}'")
    } else if n < 0x10000 {
        format!("'\\u{n:04x}'")
    } else {
        format!("'\\U{n:08x}'")
    }
}

/// What `encoding`, `errors` arguments of `encode`/`decode` say (positional or keyword).
pub(crate) fn codec_args(
    interp: &Interp,
    what: &str,
    args: &[Value],
    kw: &Kw,
) -> PyResult<(String, String)> {
    if args.len() > 2 {
        return Err(interp.type_error(format!(
            "{what}() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let get = |i: usize, name: &str, default: &str| -> PyResult<String> {
        let v = args
            .get(i)
            .cloned()
            .or_else(|| crate::types::kwarg(kw, name));
        match v {
            None => Ok(default.to_string()),
            Some(v) => Ok(str_arg(interp, &v, what, &format!("argument '{name}'"))?.to_string()),
        }
    };
    for (k, _) in kw {
        if &**k != "encoding" && &**k != "errors" {
            return Err(
                interp.type_error(format!("{what}() got an unexpected keyword argument '{k}'"))
            );
        }
    }
    Ok((get(0, "encoding", "utf-8")?, get(1, "errors", "strict")?))
}

impl Interp {
    /// `s.encode(encoding, errors)` for the utf-8, ascii and latin-1 codecs and the `strict`,
    /// `ignore`, `replace`, `backslashreplace` and `xmlcharrefreplace` error handlers.
    pub(crate) fn encode_str(&self, s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
        let enc = canonical_encoding(encoding)
            .ok_or_else(|| self.exc("LookupError", &format!("unknown encoding: {encoding}")))?;
        let limit: u32 = match enc {
            // Rust strings hold no surrogates: every character encodes in utf-8.
            "utf-8" => return Ok(s.as_bytes().to_vec()),
            "ascii" => 0x80,
            _ => 0x100,
        };
        let chars: Vec<char> = s.chars().collect();
        let mut out = Vec::with_capacity(chars.len());
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if (c as u32) < limit {
                out.push(c as u32 as u8);
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < chars.len() && chars[end] as u32 >= limit {
                end += 1;
            }
            match errors {
                "strict" => {
                    let place = if end - i == 1 {
                        format!("character {} in position {i}", char_escape(c))
                    } else {
                        format!("characters in position {i}-{}", end - 1)
                    };
                    return Err(self.exc(
                        "UnicodeEncodeError",
                        &format!(
                            "'{enc}' codec can't encode {place}: ordinal not in range({limit})"
                        ),
                    ));
                }
                "ignore" => {}
                "replace" => out.extend(std::iter::repeat_n(b'?', end - i)),
                "backslashreplace" => {
                    for &c in &chars[i..end] {
                        let n = c as u32;
                        let e = if n < 0x100 {
                            format!("\\x{n:02x}")
                        } else if n < 0x10000 {
                            format!("\\u{n:04x}")
                        } else {
                            format!("\\U{n:08x}")
                        };
                        out.extend_from_slice(e.as_bytes());
                    }
                }
                "xmlcharrefreplace" => {
                    for &c in &chars[i..end] {
                        out.extend_from_slice(format!("&#{};", c as u32).as_bytes());
                    }
                }
                other => {
                    return Err(self.exc(
                        "LookupError",
                        &format!("unknown error handler name '{other}'"),
                    ))
                }
            }
            i = end;
        }
        Ok(out)
    }

    /// `b.decode(encoding, errors)` for the utf-8, ascii and latin-1 codecs and the `strict`,
    /// `ignore`, `replace` and `backslashreplace` error handlers.
    pub(crate) fn decode_bytes(
        &self,
        data: &[u8],
        encoding: &str,
        errors: &str,
    ) -> PyResult<String> {
        let enc = canonical_encoding(encoding)
            .ok_or_else(|| self.exc("LookupError", &format!("unknown encoding: {encoding}")))?;
        let mut out = String::with_capacity(data.len());
        let mut i = 0;
        while i < data.len() {
            // The next bad range [i + ok, i + ok + bad) and its reason, or the rest is good.
            let (ok, bad, reason) = match enc {
                "latin-1" => {
                    out.extend(data[i..].iter().map(|&b| b as char));
                    break;
                }
                "ascii" => match data[i..].iter().position(|&b| b >= 0x80) {
                    None => (data.len() - i, 0, ""),
                    Some(k) => (k, 1, "ordinal not in range(128)"),
                },
                _ => match std::str::from_utf8(&data[i..]) {
                    Ok(_) => (data.len() - i, 0, ""),
                    Err(e) => {
                        let ok = e.valid_up_to();
                        match e.error_len() {
                            None => (ok, data.len() - i - ok, "unexpected end of data"),
                            Some(n) => {
                                let first = data[i + ok];
                                let reason = if (0x80..0xc2).contains(&first) || first > 0xf4 {
                                    "invalid start byte"
                                } else {
                                    "invalid continuation byte"
                                };
                                (ok, n, reason)
                            }
                        }
                    }
                },
            };
            let good = &data[i..i + ok];
            // Every byte of `good` is ASCII or valid utf-8 by construction.
            out.push_str(std::str::from_utf8(good).unwrap_or_default());
            if bad == 0 {
                break;
            }
            let start = i + ok;
            let end = start + bad;
            match errors {
                "strict" => {
                    let place = if bad == 1 {
                        format!("byte {:#04x} in position {start}", data[start])
                    } else {
                        format!("bytes in position {start}-{}", end - 1)
                    };
                    return Err(self.exc(
                        "UnicodeDecodeError",
                        &format!("'{enc}' codec can't decode {place}: {reason}"),
                    ));
                }
                "ignore" => {}
                "replace" => out.push('\u{fffd}'),
                "backslashreplace" => {
                    for b in &data[start..end] {
                        out.push_str(&format!("\\x{b:02x}"));
                    }
                }
                other => {
                    return Err(self.exc(
                        "LookupError",
                        &format!("unknown error handler name '{other}'"),
                    ))
                }
            }
            i = end;
        }
        Ok(out)
    }

    /// `str.encode(...)`.
    pub(crate) fn str_encode(&self, s: &str, args: &[Value], kw: &Kw) -> PyResult<Value> {
        let (enc, errors) = codec_args(self, "encode", args, kw)?;
        Ok(new_bytes(self.encode_str(s, &enc, &errors)?))
    }

    /// `str(b, encoding[, errors])`.
    pub(crate) fn str_from_bytes(&self, args: &[Value], kw: &Kw) -> PyResult<Value> {
        let Some(data) = args.first().and_then(bytes_of) else {
            let t = args.first().map_or("NoneType".into(), |v| v.type_name());
            return Err(self.type_error(format!(
                "decoding to str: need a bytes-like object, {t} found"
            )));
        };
        let (enc, errors) = codec_args(self, "str", &args[1..], kw)?;
        Ok(Value::str(&self.decode_bytes(&data, &enc, &errors)?))
    }

    /// One byte value from an int-like value: a `TypeError` for a non-int, a `ValueError`
    /// (`msg`) outside `range(0, 256)`.
    pub(crate) fn byte_value(&self, v: &Value, msg: &str) -> PyResult<u8> {
        // `PyNumber_AsSsize_t(v, NULL)`: a big int is out of range, not an error.
        let n = match crate::types::args::index(self, v)? {
            Some(Value::Int(i)) => i,
            Some(_) => -1,
            None => return Err(crate::types::args::not_an_integer(self, v, "")),
        };
        u8::try_from(n).map_err(|_| self.exc("ValueError", msg))
    }

    /// The bytes of a bytes-like value or an iterable of ints (`bytes(x)`, `bytearray(x)`,
    /// `extend`, slice assignment); `None` when `v` is not iterable.
    pub(crate) fn bytes_from_iterable(
        &self,
        v: &Value,
        range_msg: &str,
    ) -> PyResult<Option<Vec<u8>>> {
        if let Some(b) = bytes_of(v) {
            return Ok(Some(b));
        }
        let mut it = match self.iter(v) {
            Ok(it) => it,
            Err(Ctrl::Exc(e)) if self.exc_matches(&e.value, "TypeError") => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut out = Vec::new();
        while let Some(x) = it.next(self)? {
            if out.len() >= MAX_LEN {
                return Err(self.exc("MemoryError", ""));
            }
            out.push(self.byte_value(&x, range_msg)?);
        }
        Ok(Some(out))
    }

    /// `bytes(...)` and `bytearray(...)`.
    pub(crate) fn construct_bytes(&self, t: TypeKind, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
        let name = t.name();
        let mut source = args.first().cloned();
        let mut encoding = args.get(1).cloned();
        let mut errors = args.get(2).cloned();
        if args.len() > 3 {
            return Err(self.type_error(format!(
                "{name}() takes at most 3 arguments ({} given)",
                args.len()
            )));
        }
        for (k, v) in kw {
            let slot = match &*k {
                "source" => &mut source,
                "encoding" => &mut encoding,
                "errors" => &mut errors,
                _ => {
                    return Err(self
                        .type_error(format!("'{k}' is an invalid keyword argument for {name}()")))
                }
            };
            *slot = Some(v);
        }
        let make = |data: Vec<u8>| {
            if t == TypeKind::ByteArray {
                new_bytearray(data)
            } else {
                new_bytes(data)
            }
        };
        let str_arg = |v: &Option<Value>, what: &str, default: &str| -> PyResult<String> {
            match v {
                None => Ok(default.into()),
                Some(v) => Ok(str_arg(self, v, name, &format!("argument '{what}'"))?.to_string()),
            }
        };
        let Some(source) = source else {
            if encoding.is_some() || errors.is_some() {
                return Err(self.type_error("encoding or errors without sequence argument".into()));
            }
            return Ok(make(Vec::new()));
        };
        if let Value::Str(s) = &source {
            if encoding.is_none() {
                return Err(self.type_error("string argument without an encoding".into()));
            }
            let enc = str_arg(&encoding, "encoding", "utf-8")?;
            let errs = str_arg(&errors, "errors", "strict")?;
            return Ok(make(self.encode_str(s, &enc, &errs)?));
        }
        if encoding.is_some() {
            return Err(self.type_error("encoding without a string argument".into()));
        }
        if errors.is_some() {
            return Err(self.type_error("errors without a string argument".into()));
        }
        // A count: an int or an object with `__index__` (`PyNumber_AsSsize_t(x,
        // OverflowError)`); a `TypeError` there (`__index__` returning a str) falls through to
        // the iterable, as in CPython.
        if crate::types::args::has_index(&source) {
            match crate::types::args::index_sized(self, &source, "OverflowError") {
                Ok(Some(n)) => {
                    if n < 0 {
                        return Err(self.exc("ValueError", "negative count"));
                    }
                    if n as u64 > MAX_LEN as u64 {
                        return Err(self.exc("MemoryError", ""));
                    }
                    return Ok(make(vec![0; n as usize]));
                }
                Err(crate::interp::Ctrl::Exc(e)) if self.exc_matches(&e.value, "TypeError") => {}
                Err(e) => return Err(e),
                Ok(None) => {}
            }
        }
        let range_msg = if t == TypeKind::ByteArray {
            "byte must be in range(0, 256)"
        } else {
            "bytes must be in range(0, 256)"
        };
        match self.bytes_from_iterable(&source, range_msg)? {
            Some(data) => Ok(make(data)),
            None => Err(self.type_error(format!(
                "cannot convert '{}' object to {name}",
                source.type_name()
            ))),
        }
    }

    /// `l op r` when the left operand is bytes-like (`+`, `*`), or `int * bytes`.
    pub(crate) fn bytes_binop(&self, op: BinOp, l: &Value, r: &Value) -> PyResult<Option<Value>> {
        match (op, l, r) {
            (BinOp::Add, Value::Bytes(_) | Value::ByteArray(_), _) => {
                let Some(b) = bytes_of(r) else {
                    if matches!(r, Value::Instance(_)) {
                        return Ok(None);
                    }
                    return Err(self.type_error(format!(
                        "can't concat {} to {}",
                        r.type_name(),
                        l.type_name()
                    )));
                };
                let mut a = bytes_of(l).unwrap_or_default();
                if a.len() + b.len() > MAX_LEN {
                    return Err(self.exc("MemoryError", ""));
                }
                a.extend_from_slice(&b);
                Ok(Some(same_kind(l, a)))
            }
            (BinOp::Mul, Value::Bytes(_) | Value::ByteArray(_), n)
            | (BinOp::Mul, n, Value::Bytes(_) | Value::ByteArray(_)) => {
                let seq = if is_bytes_like(l) { l } else { r };
                let count = match n {
                    Value::Int(i) => *i,
                    Value::Bool(b) => *b as i64,
                    Value::Big(b) if b.sign() == Sign::Minus => 0,
                    Value::Big(_) => i64::MAX,
                    Value::Instance(_) => return Ok(None),
                    other => {
                        return Err(self.type_error(format!(
                            "can't multiply sequence by non-int of type '{}'",
                            other.type_name()
                        )))
                    }
                };
                let data = bytes_of(seq).unwrap_or_default();
                let count = count.max(0) as usize;
                if data.len().saturating_mul(count) > MAX_LEN {
                    return Err(self.exc("MemoryError", ""));
                }
                Ok(Some(same_kind(seq, data.repeat(count))))
            }
            _ => Ok(None),
        }
    }

    /// `a += b` and `a *= n` on a `bytearray`: in place, as CPython's.
    pub(crate) fn bytearray_inplace(
        &self,
        op: BinOp,
        l: &Value,
        r: &Value,
    ) -> PyResult<Option<Value>> {
        let Value::ByteArray(a) = l else {
            return Ok(None);
        };
        match self.bytes_binop(op, l, r)? {
            Some(v) => {
                let new = bytes_of(&v).unwrap_or_default();
                *a.data.borrow_mut() = new;
                Ok(Some(l.clone()))
            }
            None => Ok(None),
        }
    }

    /// `l == r` for two bytes-like values (`None` if either is not one).
    pub(crate) fn bytes_eq(&self, l: &Value, r: &Value) -> Option<bool> {
        match (l, r) {
            (Value::Bytes(a), Value::Bytes(b)) => Some(Rc::ptr_eq(a, b) || a.data == b.data),
            _ if is_bytes_like(l) && is_bytes_like(r) => Some(bytes_of(l) == bytes_of(r)),
            _ => None,
        }
    }

    /// `l < r` for two bytes-like values (`None` if either is not one).
    pub(crate) fn bytes_lt(&self, l: &Value, r: &Value) -> Option<bool> {
        Some(bytes_of(l)? < bytes_of(r)?)
    }

    /// `needle in b` for a bytes-like `b`.
    pub(crate) fn bytes_contains(&self, b: &Value, needle: &Value) -> PyResult<bool> {
        let hay = bytes_of(b).unwrap_or_default();
        match needle {
            Value::Int(_) | Value::Bool(_) | Value::Big(_) => {
                let c = self.byte_value(needle, "byte must be in range(0, 256)")?;
                Ok(hay.contains(&c))
            }
            _ => match bytes_of(needle) {
                Some(n) => Ok(find(&hay, &n, 0).is_some()),
                None => Err(self.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    needle.type_name()
                ))),
            },
        }
    }

    /// The index `i` names in a bytes-like value of `len` bytes (`kind`: its type name).
    fn bytes_index(&self, i: &Value, len: usize, kind: &str) -> PyResult<usize> {
        let n = match i {
            Value::Int(n) => *n,
            Value::Bool(b) => *b as i64,
            Value::Big(_) => {
                return Err(self.exc("IndexError", "cannot fit 'int' into an index-sized integer"))
            }
            other => {
                let what = if kind == "bytes" { "byte" } else { kind };
                return Err(self.type_error(format!(
                    "{what} indices must be integers or slices, not {}",
                    other.type_name()
                )));
            }
        };
        let idx = if n < 0 { n + len as i64 } else { n };
        if idx < 0 || idx >= len as i64 {
            let msg = if kind == "bytes" {
                "index out of range".to_string()
            } else {
                format!("{kind} index out of range")
            };
            return Err(self.exc("IndexError", &msg));
        }
        Ok(idx as usize)
    }

    /// `b[i]`: an int.
    pub(crate) fn bytes_get_item(&self, b: &Value, i: &Value) -> PyResult<Value> {
        let data = bytes_of(b).unwrap_or_default();
        let idx = self.bytes_index(i, data.len(), &b.type_name())?;
        Ok(Value::Int(data[idx] as i64))
    }

    /// `b[lo:hi:step]`: of the same type.
    pub(crate) fn bytes_get_slice(
        &self,
        b: &Value,
        lo: Option<i64>,
        hi: Option<i64>,
        step: Option<i64>,
    ) -> PyResult<Value> {
        let data = bytes_of(b).unwrap_or_default();
        let idx = self.slice_indices(data.len(), lo, hi, step)?;
        Ok(same_kind(b, idx.into_iter().map(|i| data[i]).collect()))
    }

    /// `a[i] = v` on a `bytearray`.
    pub(crate) fn bytearray_set_item(
        &self,
        a: &ByteArrayObj,
        i: &Value,
        v: &Value,
    ) -> PyResult<()> {
        let byte = self.byte_value(v, "byte must be in range(0, 256)")?;
        let len = a.data.borrow().len();
        let idx = self.bytes_index(i, len, "bytearray")?;
        a.data.borrow_mut()[idx] = byte;
        Ok(())
    }

    /// `del a[i]` on a `bytearray`.
    pub(crate) fn bytearray_del_item(&self, a: &ByteArrayObj, i: &Value) -> PyResult<()> {
        let len = a.data.borrow().len();
        let idx = self.bytes_index(i, len, "bytearray")?;
        a.data.borrow_mut().remove(idx);
        Ok(())
    }

    /// `a[lo:hi:step] = v` on a `bytearray`.
    pub(crate) fn bytearray_set_slice(
        &self,
        a: &ByteArrayObj,
        lo: Option<i64>,
        hi: Option<i64>,
        step: Option<i64>,
        v: &Value,
    ) -> PyResult<()> {
        let bad = || {
            self.type_error(
                "can assign only bytes, buffers, or iterables of ints in range(0, 256)".into(),
            )
        };
        if matches!(
            v,
            Value::Int(_) | Value::Bool(_) | Value::Big(_) | Value::Str(_)
        ) {
            return Err(bad());
        }
        let new = self
            .bytes_from_iterable(v, "byte must be in range(0, 256)")?
            .ok_or_else(bad)?;
        let len = a.data.borrow().len();
        let idx = self.slice_indices(len, lo, hi, step)?;
        if step.unwrap_or(1) == 1 {
            let start = idx.first().copied().unwrap_or_else(|| {
                let s = lo.unwrap_or(0);
                (if s < 0 {
                    (s + len as i64).max(0)
                } else {
                    s.min(len as i64)
                }) as usize
            });
            let end = start + idx.len();
            a.data.borrow_mut().splice(start..end, new);
            return Ok(());
        }
        if idx.len() != new.len() {
            return Err(self.exc(
                "ValueError",
                &format!(
                    "attempt to assign bytes of size {} to extended slice of size {}",
                    new.len(),
                    idx.len()
                ),
            ));
        }
        let mut data = a.data.borrow_mut();
        for (i, b) in idx.into_iter().zip(new) {
            data[i] = b;
        }
        Ok(())
    }

    /// `del a[lo:hi:step]` on a `bytearray`.
    pub(crate) fn bytearray_del_slice(
        &self,
        a: &ByteArrayObj,
        lo: Option<i64>,
        hi: Option<i64>,
        step: Option<i64>,
    ) -> PyResult<()> {
        let len = a.data.borrow().len();
        let mut idx = self.slice_indices(len, lo, hi, step)?;
        idx.sort_unstable();
        let mut data = a.data.borrow_mut();
        for i in idx.into_iter().rev() {
            data.remove(i);
        }
        Ok(())
    }

    /// An attribute of the type object `bytes`, `bytearray` or `int` that is a function
    /// (`bytes.fromhex`, `int.from_bytes`).
    pub(crate) fn bytes_type_attr(&self, t: TypeKind, name: &str) -> Option<Value> {
        let f: fn(&Interp, TypeKind, Vec<Value>, Kw) -> PyResult<Value> = match (t, name) {
            (TypeKind::Bytes | TypeKind::ByteArray, "fromhex") => fromhex,
            (TypeKind::Int, "from_bytes") => int_from_bytes,
            _ => return None,
        };
        Some(Value::Builtin(Rc::new(Builtin {
            name: Rc::from(name),
            module: None,
            f: Box::new(move |i, a, k| f(i, t, a, k)),
        })))
    }

    /// The `start`, `end` arguments of `find` and friends, adjusted as slice bounds.
    pub(crate) fn sub_range(
        &self,
        len: usize,
        start: Option<&Value>,
        end: Option<&Value>,
    ) -> PyResult<(usize, usize)> {
        let get = |v: Option<&Value>| -> PyResult<Option<i64>> {
            match v {
                None | Some(Value::None) => Ok(None),
                Some(o) => crate::types::args::slice_index(
                    self,
                    o,
                    "slice indices must be integers or None or have an __index__ method",
                )
                .map(Some),
            }
        };
        let n = len as i64;
        let adj = |v: i64| if v < 0 { v.saturating_add(n).max(0) } else { v };
        let s = get(start)?.map_or(0, adj);
        let e = get(end)?.map_or(n, adj).min(n);
        Ok((s as usize, e.max(0) as usize))
    }
}

/// The first position of `needle` in `hay` at or after `from`.
pub(crate) fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return (from <= hay.len()).then_some(from);
    }
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The last position of `needle` in `hay`.
pub(crate) fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Non-overlapping occurrences of `needle` in `hay`.
pub(crate) fn count(hay: &[u8], needle: &[u8]) -> usize {
    if needle.is_empty() {
        return hay.len() + 1;
    }
    let mut n = 0;
    let mut i = 0;
    while let Some(p) = find(hay, needle, i) {
        n += 1;
        i = p + needle.len();
    }
    n
}

/// `hay.replace(old, new, max)`, `None` when the result would pass [`MAX_LEN`].
pub(crate) fn replace(hay: &[u8], old: &[u8], new: &[u8], max: i64) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(hay.len());
    let mut left = if max < 0 { usize::MAX } else { max as usize };
    if old.is_empty() {
        for &c in hay {
            if left > 0 {
                out.extend_from_slice(new);
                left -= 1;
            }
            out.push(c);
            if out.len() > MAX_LEN {
                return None;
            }
        }
        if left > 0 {
            out.extend_from_slice(new);
        }
        return Some(out);
    }
    let mut i = 0;
    while left > 0 {
        let Some(p) = find(hay, old, i) else { break };
        out.extend_from_slice(&hay[i..p]);
        out.extend_from_slice(new);
        i = p + old.len();
        left -= 1;
        if out.len() > MAX_LEN {
            return None;
        }
    }
    out.extend_from_slice(&hay[i..]);
    Some(out)
}

/// `split()` / `rsplit()` on ASCII whitespace.
pub(crate) fn split_whitespace(data: &[u8], max: i64, from_right: bool) -> Vec<Vec<u8>> {
    let ws = |c: &u8| b" \t\n\r\x0b\x0c".contains(c);
    let mut src = data.to_vec();
    if from_right {
        src.reverse();
    }
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut i = 0;
    let mut splits = 0;
    while i < src.len() {
        while i < src.len() && ws(&src[i]) {
            i += 1;
        }
        if i >= src.len() {
            break;
        }
        if max >= 0 && splits >= max {
            // The rest keeps its far end's whitespace, as CPython's.
            out.push(src[i..].to_vec());
            break;
        }
        let s = i;
        while i < src.len() && !ws(&src[i]) {
            i += 1;
        }
        out.push(src[s..i].to_vec());
        splits += 1;
    }
    if from_right {
        for p in out.iter_mut() {
            p.reverse();
        }
        out.reverse();
    }
    out
}

/// `split(sep)` / `rsplit(sep)`.
pub(crate) fn split_on(data: &[u8], sep: &[u8], max: i64, from_right: bool) -> Vec<Vec<u8>> {
    let mut left = if max < 0 { usize::MAX } else { max as usize };
    if from_right {
        let mut out = Vec::new();
        let mut end = data.len();
        while left > 0 {
            let Some(p) = rfind(&data[..end], sep) else {
                break;
            };
            out.push(data[p + sep.len()..end].to_vec());
            end = p;
            left -= 1;
        }
        out.push(data[..end].to_vec());
        out.reverse();
        return out;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while left > 0 {
        let Some(p) = find(data, sep, i) else { break };
        out.push(data[i..p].to_vec());
        i = p + sep.len();
        left -= 1;
    }
    out.push(data[i..].to_vec());
    out
}

/// `b.hex(sep, bytes_per_sep)`: groups counted from the right for a positive count, from the
/// left for a negative one.
pub(crate) fn hex(data: &[u8], sep: Option<u8>, per: i64) -> String {
    let digits: Vec<String> = data.iter().map(|b| format!("{b:02x}")).collect();
    let (Some(sep), true) = (sep, per != 0) else {
        return digits.concat();
    };
    let n = per.unsigned_abs() as usize;
    let len = digits.len();
    let mut out = String::with_capacity(len * 3);
    for (i, d) in digits.iter().enumerate() {
        let boundary = if per > 0 {
            (len - i).is_multiple_of(n)
        } else {
            i.is_multiple_of(n)
        };
        if i > 0 && boundary {
            out.push(sep as char);
        }
        out.push_str(d);
    }
    out
}

/// `bytes.fromhex(s)` / `bytearray.fromhex(s)`.
fn fromhex(interp: &Interp, t: TypeKind, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    if args.len() != 1 {
        return Err(interp.type_error(format!(
            "fromhex() takes exactly one argument ({} given)",
            args.len()
        )));
    }
    let s = str_arg(interp, &args[0], "fromhex", "argument")?;
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len() / 2);
    let mut i = 0;
    let bad = |pos: usize| {
        interp.exc(
            "ValueError",
            &format!("non-hexadecimal number found in fromhex() arg at position {pos}"),
        )
    };
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() || chars[i] == '\x0b' {
            i += 1;
            continue;
        }
        let top = chars[i].to_digit(16).ok_or_else(|| bad(i))?;
        let bot = chars
            .get(i + 1)
            .and_then(|c| c.to_digit(16))
            .ok_or_else(|| bad(i + 1))?;
        out.push((top * 16 + bot) as u8);
        i += 2;
    }
    Ok(if t == TypeKind::ByteArray {
        new_bytearray(out)
    } else {
        new_bytes(out)
    })
}

/// The `byteorder` argument of `to_bytes`/`from_bytes`: true for little-endian.
fn little_endian(interp: &Interp, v: Option<Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(Value::Str(s)) if &*s == "little" => Ok(true),
        Some(Value::Str(s)) if &*s == "big" => Ok(false),
        Some(Value::Str(_)) => {
            Err(interp.exc("ValueError", "byteorder must be either 'little' or 'big'"))
        }
        Some(o) => Err(bad_argument(
            interp,
            "to_bytes",
            "argument 'byteorder'",
            "str",
            &o,
        )),
    }
}

/// Positional-or-keyword arguments by name, then the keyword-only `signed`.
fn int_conv_args(
    interp: &Interp,
    what: &str,
    names: &[&str],
    args: Vec<Value>,
    kw: Kw,
) -> PyResult<(Vec<Option<Value>>, bool)> {
    if args.len() > names.len() {
        return Err(interp.type_error(format!(
            "{what}() takes at most {} positional arguments ({} given)",
            names.len(),
            args.len()
        )));
    }
    let mut slots: Vec<Option<Value>> = names.iter().map(|_| None).collect();
    for (i, a) in args.into_iter().enumerate() {
        slots[i] = Some(a);
    }
    let mut signed = false;
    for (k, v) in kw {
        if &*k == "signed" {
            signed = interp.truthy(&v)?;
        } else if let Some(i) = names.iter().position(|n| **n == *k) {
            slots[i] = Some(v);
        } else {
            return Err(
                interp.type_error(format!("{what}() got an unexpected keyword argument '{k}'"))
            );
        }
    }
    Ok((slots, signed))
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
pub(crate) fn int_to_bytes(
    interp: &Interp,
    v: &Value,
    args: Vec<Value>,
    kw: Kw,
) -> PyResult<Value> {
    let (mut slots, signed) =
        int_conv_args(interp, "to_bytes", &["length", "byteorder"], args, kw)?;
    let length = match slots[0].take() {
        None => 1,
        Some(v) => crate::types::ssize_arg(interp, &v, "")?,
    };
    let little = little_endian(interp, slots[1].take())?;
    if length < 0 {
        return Err(interp.exc("ValueError", "length argument must be non-negative"));
    }
    if length as u64 > MAX_LEN as u64 {
        return Err(interp.exc("MemoryError", ""));
    }
    let n = crate::bigint::to_big(v).unwrap_or_default();
    if !signed && n.sign() == Sign::Minus {
        return Err(interp.exc("OverflowError", "can't convert negative int to unsigned"));
    }
    // CPython 3.11 writes -1 in zero bytes (nothing is written, so no sign check fails).
    let minus_one = n == BigInt::from(-1);
    let mut le = if n.sign() == Sign::NoSign || (minus_one && length == 0) {
        Vec::new()
    } else if signed {
        n.to_signed_bytes_le()
    } else {
        n.to_bytes_le().1
    };
    if le.len() > length as usize {
        return Err(interp.exc("OverflowError", "int too big to convert"));
    }
    let pad = if n.sign() == Sign::Minus { 0xff } else { 0 };
    le.resize(length as usize, pad);
    if !little {
        le.reverse();
    }
    Ok(new_bytes(le))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`.
fn int_from_bytes(interp: &Interp, _t: TypeKind, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let (mut slots, signed) =
        int_conv_args(interp, "from_bytes", &["bytes", "byteorder"], args, kw)?;
    let Some(src) = slots[0].take() else {
        return Err(
            interp.type_error("from_bytes() missing required argument 'bytes' (pos 1)".into())
        );
    };
    let little = little_endian(interp, slots[1].take())?;
    if matches!(src, Value::Str(_)) {
        return Err(interp.type_error("cannot convert 'str' object to bytes".into()));
    }
    let mut data = interp
        .bytes_from_iterable(&src, "bytes must be in range(0, 256)")?
        .ok_or_else(|| {
            interp.type_error(format!(
                "cannot convert '{}' object to bytes",
                src.type_name()
            ))
        })?;
    if !little {
        data.reverse();
    }
    let n = if signed {
        BigInt::from_signed_bytes_le(&data)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &data)
    };
    Ok(crate::bigint::normalize(n))
}
