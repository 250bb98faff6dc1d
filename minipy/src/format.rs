//! String formatting: the format-spec mini-language (`format()`, f-strings, `str.format`) and
//! printf-style `%` formatting, producing CPython's output.

use crate::interp::{Interp, PyResult};
use crate::value::*;

use crate::types::{args, kwarg, Kw};

/// `fmt.format(*args, **kw)`.
pub(crate) fn str_format(interp: &Interp, fmt: &str, args: &[Value], kw: &Kw) -> PyResult<String> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut auto = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
        } else if c == '}' && chars.get(i + 1) == Some(&'}') {
            out.push('}');
            i += 2;
        } else if c == '{' {
            let Some(end) = chars[i..].iter().position(|&c| c == '}') else {
                return Err(interp.exc("ValueError", "Single '{' encountered in format string"));
            };
            let field: String = chars[i + 1..i + end].iter().collect();
            i += end + 1;
            let (field, spec) = match field.split_once(':') {
                Some((f, s)) => (f.to_string(), s.to_string()),
                None => (field, String::new()),
            };
            let (field, conv) = match field.split_once('!') {
                Some((f, c)) => (f.to_string(), c.chars().next()),
                None => (field, None),
            };
            let v = if field.is_empty() {
                let v = args.get(auto).cloned();
                auto += 1;
                v.ok_or_else(|| {
                    interp.exc(
                        "IndexError",
                        &format!(
                            "Replacement index {} out of range for positional args tuple",
                            auto - 1
                        ),
                    )
                })?
            } else if let Ok(n) = field.parse::<usize>() {
                args.get(n).cloned().ok_or_else(|| {
                    interp.exc(
                        "IndexError",
                        &format!("Replacement index {n} out of range for positional args tuple"),
                    )
                })?
            } else {
                kwarg(kw, &field)
                    .ok_or_else(|| interp.exc_with("KeyError", vec![Value::str(&field)]))?
            };
            let v = match conv {
                Some('r') => Value::Str(PyStr::from(interp.repr(&v)?)),
                Some('s') => Value::Str(PyStr::from(interp.to_str(&v)?)),
                _ => v,
            };
            out.push_str(&interp.format_value(&v, &spec)?);
        } else if c == '}' {
            return Err(interp.exc("ValueError", "Single '}' encountered in format string"));
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

/// `fmt % args` (printf-style formatting).
pub fn percent_format(interp: &Interp, fmt: &str, args: &Value) -> PyResult<Value> {
    let items: Vec<Value> = match args {
        Value::Tuple(t) => t.items.to_vec(),
        // An instance of a tuple subclass (a namedtuple) is the tuple it holds.
        Value::Instance(i) if matches!(i.base, Some(Value::Tuple(_))) => match &i.base {
            Some(Value::Tuple(t)) => t.items.to_vec(),
            _ => Vec::new(),
        },
        other => vec![other.clone()],
    };
    let mut it = items.into_iter();
    let mut used_key = false;
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        // `%(name)s`: the value is `args[name]` (nested parentheses count, as CPython's).
        let mut key = None;
        if chars.get(i) == Some(&'(') {
            let start = i + 1;
            let mut depth = 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(interp.exc("ValueError", "incomplete format key"));
            }
            key = Some(chars[start..i - 1].iter().collect::<String>());
        }
        let mut spec = String::new();
        while i < chars.len() && "-+ #0123456789.".contains(chars[i]) {
            spec.push(chars[i]);
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            return Err(interp.exc("ValueError", "incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = match &key {
            Some(k) => {
                // CPython's test: a mapping that is neither a tuple nor a str.
                let mapping = match args {
                    Value::Tuple(_) | Value::Str(_) => false,
                    Value::Dict(_) | Value::List(_) => true,
                    Value::Instance(inst) => inst.class().lookup("__getitem__").is_some(),
                    _ => false,
                };
                if !mapping {
                    return Err(interp.type_error("format requires a mapping".into()));
                }
                used_key = true;
                // After a keyed value no positional one is left (CPython's "not enough
                // arguments" for `'%(a)s %s' % d`).
                it.by_ref().for_each(drop);
                interp.get_item(args, &Value::str(k))?
            }
            None => it.next().ok_or_else(|| {
                interp.type_error("not enough arguments for format string".into())
            })?,
        };
        let (flags, rest): (String, String) = {
            let f: String = spec.chars().take_while(|c| "-+ #0".contains(*c)).collect();
            let r = spec[f.len()..].to_string();
            (f, r)
        };
        // printf pads on the left unless `-` is given, strings included.
        let align = if flags.contains('-') {
            "<"
        } else if matches!(conv, 's' | 'r' | 'a' | 'c') {
            ">"
        } else {
            ""
        };
        let zero = if flags.contains('0') && !flags.contains('-') {
            "0"
        } else {
            ""
        };
        let sign = if flags.contains('+') {
            "+"
        } else if flags.contains(' ') {
            " "
        } else {
            ""
        };
        let body = match conv {
            's' => Value::Str(PyStr::from(interp.to_str(&v)?)),
            'r' => Value::Str(PyStr::from(interp.repr(&v)?)),
            'c' => Value::Str(PyStr::from(percent_char(interp, &v)?)),
            _ => v,
        };
        let ty = match conv {
            's' | 'r' | 'c' => "",
            'i' | 'u' => "d",
            'd' => "d",
            c => match c {
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' if matches!(body, Value::Complex(_)) => {
                    return Err(interp.type_error("must be real number, not complex".into()));
                }
                'x' | 'X' | 'o' => {
                    let n = percent_int(interp, &body, c)?;
                    // `#`: the `0x`, `0X` or `0o` prefix.
                    let alt = if flags.contains('#') { "#" } else { "" };
                    let spec = format!("{align}{sign}{alt}{zero}{rest}{c}");
                    out.push_str(&interp.format_value(&n, &spec)?);
                    continue;
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                    out.push_str(
                        &interp.format_value(&body, &format!("{align}{sign}{zero}{rest}{c}"))?,
                    );
                    continue;
                }
                _ => {
                    return Err(
                        interp.exc("ValueError", &format!("unsupported format character '{c}'"))
                    )
                }
            },
        };
        let body = if ty == "d" {
            percent_int(interp, &body, conv)?
        } else {
            body
        };
        out.push_str(&interp.format_value(&body, &format!("{align}{sign}{zero}{rest}{ty}"))?);
    }
    // As CPython, leftover arguments are an error unless they came as one mapping- or
    // sequence-like object, which a format without specifiers simply ignores.
    let mapping_like = matches!(
        args,
        Value::List(_) | Value::Dict(_) | Value::Range(_) | Value::Instance(_)
    );
    if !used_key && it.next().is_some() && (!mapping_like || fmt.contains('%')) {
        return Err(
            interp.type_error("not all arguments converted during string formatting".into())
        );
    }
    Ok(Value::Str(PyStr::from(out)))
}

/// The int `%d`, `%i`, `%u` (`conv`) format, CPython's `mainformatlong`: `v` through
/// `PyNumber_Long` (`__int__`, `__index__`, a float truncated), or for `%x`, `%X`, `%o`
/// through `PyNumber_Index`; a `TypeError` on the way (no such method, `__int__` returning a
/// str) is `%d format: a real number is required, not T` (`%x format: an integer is
/// required, not T`).
fn percent_int(interp: &Interp, v: &Value, conv: char) -> PyResult<Value> {
    let hex = matches!(conv, 'x' | 'X' | 'o');
    let converted = match v {
        Value::Int(_) | Value::Big(_) => return Ok(v.clone()),
        // A complex is a number CPython cannot make an int of.
        Value::Complex(_) => Ok(None),
        _ if hex => args::index(interp, v),
        _ => args::number_long(interp, v),
    };
    let wrong = || {
        let what = if hex { "an integer" } else { "a real number" };
        interp.type_error(format!(
            "%{conv} format: {what} is required, not {}",
            v.type_name()
        ))
    };
    match converted {
        Ok(Some(n)) => Ok(n),
        Ok(None) => Err(wrong()),
        Err(crate::interp::Ctrl::Exc(e)) if interp.exc_matches(&e.value, "TypeError") => {
            Err(wrong())
        }
        Err(e) => Err(e),
    }
}

/// The character `%c` formats: a one-character string, or an int's code point (an object's
/// through `__index__`, CPython's `PyLong_AsLongAndOverflow`).
fn percent_char(interp: &Interp, v: &Value) -> PyResult<String> {
    let not_char = || interp.type_error("%c requires int or char".into());
    if let Value::Str(s) = v {
        let mut chars = s.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c.to_string()),
            _ => Err(not_char()),
        };
    }
    let code = match args::index(interp, v) {
        Ok(Some(Value::Int(i))) => u32::try_from(i).ok(),
        Ok(Some(_)) => None,
        Ok(None) => return Err(not_char()),
        Err(crate::interp::Ctrl::Exc(e)) if interp.exc_matches(&e.value, "TypeError") => {
            return Err(not_char())
        }
        Err(e) => return Err(e),
    };
    code.and_then(char::from_u32)
        .map(String::from)
        .ok_or_else(|| interp.exc("OverflowError", "%c arg not in range(0x110000)"))
}

fn fmt_exp(x: f64, prec: usize, upper: bool) -> String {
    let s = format!("{:.*e}", prec, x);
    let (m, e) = s.split_once('e').expect("exponent");
    let e: i32 = e.parse().expect("digits");
    let r = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper {
        r.to_uppercase()
    } else {
        r
    }
}

fn fmt_general(x: f64, prec: usize, alt: bool) -> String {
    if !x.is_finite() {
        return float_repr(x);
    }
    let p = prec.max(1);
    if x == 0.0 {
        return if alt {
            format!("{:.*}", p - 1, x)
        } else {
            "0".into()
        };
    }
    let exp = {
        let s = format!("{:.*e}", p - 1, x);
        s.split_once('e')
            .expect("e")
            .1
            .parse::<i32>()
            .expect("digits")
    };
    let strip = |s: String| -> String {
        if alt || !s.contains('.') {
            s
        } else {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    if exp >= -4 && exp < p as i32 {
        strip(format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, x))
    } else {
        let s = fmt_exp(x, p - 1, false);
        let (m, e) = s.split_once('e').expect("e");
        format!("{}e{e}", strip(m.to_string()))
    }
}

fn group(digits: &str, sep: char) -> String {
    let (int, frac) = match digits.find('.') {
        Some(i) => (&digits[..i], &digits[i..]),
        None => (digits, ""),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out + frac
}

impl Interp {
    /// `format(v, spec)` with Python's format-spec mini-language.
    pub fn format_value(&self, v: &Value, spec: &str) -> PyResult<String> {
        // A class's `__format__` is called for every spec, the empty one too (`f"{x}"`), and
        // must return a str.
        if let Value::Instance(inst) = v {
            if let Some(f) = inst.class().lookup("__format__") {
                return match self.call(&f, vec![v.clone(), Value::str(spec)], Vec::new())? {
                    Value::Str(s) => Ok(s.to_string()),
                    other => Err(self.type_error(format!(
                        "__format__ must return a str, not {}",
                        other.type_name()
                    ))),
                };
            }
        }
        if spec.is_empty() {
            return self.to_str(v);
        }
        if let Value::Complex(z) = v {
            return self.complex_format(z, spec);
        }
        let cs: Vec<char> = spec.chars().collect();
        let mut i = 0;
        let mut fill = ' ';
        let mut align: Option<char> = None;
        if cs.len() >= 2 && "<>^=".contains(cs[1]) {
            fill = cs[0];
            align = Some(cs[1]);
            i = 2;
        } else if !cs.is_empty() && "<>^=".contains(cs[0]) {
            align = Some(cs[0]);
            i = 1;
        }
        let mut sign = '-';
        if i < cs.len() && "+- ".contains(cs[i]) {
            sign = cs[i];
            i += 1;
        }
        let mut alt = false;
        if i < cs.len() && cs[i] == '#' {
            alt = true;
            i += 1;
        }
        if i < cs.len() && cs[i] == '0' {
            if align.is_none() {
                fill = '0';
                align = Some('=');
            }
            i += 1;
        }
        let mut width = 0usize;
        while i < cs.len() && cs[i].is_ascii_digit() {
            width = width
                .checked_mul(10)
                .and_then(|w| w.checked_add(cs[i] as usize - '0' as usize))
                .filter(|&w| w <= i64::MAX as usize)
                .ok_or_else(|| {
                    self.exc("ValueError", "Too many decimal digits in format string")
                })?;
            i += 1;
        }
        let mut grouping = None;
        if i < cs.len() && (cs[i] == ',' || cs[i] == '_') {
            grouping = Some(cs[i]);
            i += 1;
        }
        let mut prec: Option<usize> = None;
        if i < cs.len() && cs[i] == '.' {
            i += 1;
            let mut p = 0usize;
            let start = i;
            while i < cs.len() && cs[i].is_ascii_digit() {
                p = p
                    .saturating_mul(10)
                    .saturating_add(cs[i] as usize - '0' as usize)
                    .min(1000);
                i += 1;
            }
            if i == start {
                return Err(self.exc("ValueError", "Format specifier missing precision"));
            }
            prec = Some(p);
        }
        let ty = cs.get(i).copied();
        if i + 1 < cs.len() || ty.is_some_and(|t| !"bcdeEfFgGnosxX%".contains(t)) {
            return Err(self.exc(
                "ValueError",
                &format!(
                    "Invalid format specifier '{spec}' for object of type '{}'",
                    v.type_name()
                ),
            ));
        }
        let bad = || {
            self.exc(
                "ValueError",
                &format!(
                    "Unknown format code '{}' for object of type '{}'",
                    ty.unwrap_or(' '),
                    v.type_name()
                ),
            )
        };
        let (neg, body, numeric) = match v {
            Value::Big(b) => {
                if ty.is_some_and(|t| "eEfFgG%".contains(t)) {
                    let f =
                        crate::bigint::to_f64(b).ok_or_else(|| self.int_too_large_for_float())?;
                    return self.format_value(&Value::Float(f), spec);
                }
                let mag = b.magnitude();
                let body = match ty {
                    None | Some('d') | Some('n') => crate::bigint::to_decimal(&mag.clone().into())
                        .map_err(|msg| self.exc("ValueError", &msg))?,
                    Some('x') => format!("{}{}", if alt { "0x" } else { "" }, mag.to_str_radix(16)),
                    Some('X') => format!(
                        "{}{}",
                        if alt { "0X" } else { "" },
                        mag.to_str_radix(16).to_uppercase()
                    ),
                    Some('o') => format!("{}{}", if alt { "0o" } else { "" }, mag.to_str_radix(8)),
                    Some('b') => format!("{}{}", if alt { "0b" } else { "" }, mag.to_str_radix(2)),
                    Some('c') => {
                        return Err(self.exc("OverflowError", "%c arg not in range(0x110000)"))
                    }
                    _ => return Err(bad()),
                };
                let body = match grouping {
                    Some(g) if ty.is_none_or(|t| "dn".contains(t)) => group(&body, g),
                    _ => body,
                };
                (b.sign() == num_bigint::Sign::Minus, body, true)
            }
            Value::Int(_) | Value::Bool(_) | Value::Float(_) => {
                let is_float = matches!(v, Value::Float(_));
                let x = match v {
                    Value::Float(f) => *f,
                    Value::Int(n) => *n as f64,
                    Value::Bool(b) => *b as i64 as f64,
                    _ => 0.0,
                };
                let n = match v {
                    Value::Int(n) => *n,
                    Value::Bool(b) => *b as i64,
                    _ => 0,
                };
                let neg = if is_float {
                    x.is_sign_negative() && !x.is_nan()
                } else {
                    n < 0
                };
                let ax = x.abs();
                let an = n.unsigned_abs();
                let body = match ty {
                    None if is_float => match prec {
                        Some(p) => fmt_general(ax, p, alt),
                        None => float_repr(ax),
                    },
                    None | Some('d') | Some('n') if !is_float => an.to_string(),
                    Some('d') | Some('n') => return Err(bad()),
                    Some('x') if !is_float => format!("{}{an:x}", if alt { "0x" } else { "" }),
                    Some('X') if !is_float => format!("{}{an:X}", if alt { "0X" } else { "" }),
                    Some('o') if !is_float => format!("{}{an:o}", if alt { "0o" } else { "" }),
                    Some('b') if !is_float => format!("{}{an:b}", if alt { "0b" } else { "" }),
                    Some('c') if !is_float => u32::try_from(n)
                        .ok()
                        .and_then(char::from_u32)
                        .map(String::from)
                        .ok_or_else(|| {
                            self.exc("OverflowError", "%c arg not in range(0x110000)")
                        })?,
                    Some('f') | Some('F') => {
                        if ax.is_finite() {
                            format!("{:.*}", prec.unwrap_or(6), ax)
                        } else {
                            float_repr(ax)
                        }
                    }
                    Some('e') | Some('E') => {
                        if ax.is_finite() {
                            fmt_exp(ax, prec.unwrap_or(6), ty == Some('E'))
                        } else {
                            float_repr(ax)
                        }
                    }
                    Some('g') | Some('G') => {
                        let s = fmt_general(ax, prec.unwrap_or(6), alt);
                        if ty == Some('G') {
                            s.to_uppercase()
                        } else {
                            s
                        }
                    }
                    Some('%') => format!("{:.*}%", prec.unwrap_or(6), ax * 100.0),
                    _ => return Err(bad()),
                };
                let body = match grouping {
                    Some(g) if ty.is_none_or(|t| "dfFn%".contains(t)) => group(&body, g),
                    _ => body,
                };
                (neg, body, true)
            }
            _ => {
                if !matches!(ty, None | Some('s')) {
                    return Err(bad());
                }
                let s = self.to_str(v)?;
                let s = match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                (false, s, false)
            }
        };
        let sign_str = match (neg, sign) {
            (true, _) => "-",
            (false, '+') => "+",
            (false, ' ') => " ",
            _ => "",
        };
        let len = sign_str.chars().count() + body.chars().count();
        let align = align.unwrap_or(if numeric { '>' } else { '<' });
        if len >= width {
            return Ok(format!("{sign_str}{body}"));
        }
        let pad = width - len;
        // Padding past what minipy materialises is CPython's MemoryError, not an abort.
        if width as i64 > crate::interp::MAX_MATERIALIZE {
            return Err(self.exc_with("MemoryError", Vec::new()));
        }
        let f = |n: usize| fill.to_string().repeat(n);
        Ok(match align {
            '<' => format!("{sign_str}{body}{}", f(pad)),
            '^' => format!("{}{sign_str}{body}{}", f(pad / 2), f(pad - pad / 2)),
            // After the sign and the `#` prefix (`0x`, `0o`, `0b`): `0x0000ff`.
            '=' => {
                let cut = if alt && matches!(ty, Some('x' | 'X' | 'o' | 'b')) {
                    2
                } else {
                    0
                };
                let (prefix, digits) = body.split_at(cut.min(body.len()));
                format!("{sign_str}{prefix}{}{digits}", f(pad))
            }
            _ => format!("{}{sign_str}{body}", f(pad)),
        })
    }
}
