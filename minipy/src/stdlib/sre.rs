//! `_sre`: the matching engine under the `re` module (`re.py`), built on the `fancy-regex`
//! crate (backreferences and lookaround, which Python's patterns have and the `regex` crate
//! lacks).
//!
//! `_sre.compile(pattern, flags)` translates Python's syntax where the two differ (see
//! [`translate`]), compiles it, and returns `(engine, groups, groupindex)`. The engine is a
//! function `engine(op, string, pos, endpos)` with `op` one of `"search"`, `"match"`,
//! `"fullmatch"`; it returns `None` or `(spans, texts)`: the flat list of the groups'
//! character spans `[start0, end0, start1, end1, ...]` (`-1` for a group that did not take
//! part) and the list of their texts (`None` for those), cut here from byte offsets so that
//! a match far into a long string costs no walk over its characters. Positions
//! are characters, as in Python; the crate's are bytes, so a non-ASCII string gets a table of
//! character offsets, kept for the last string searched (iterating over one string's matches
//! builds it once).
//!
//! A pattern whose backtracking passes the crate's limit raises `RuntimeError` instead of
//! running for hours (CPython would run on).

use std::cell::RefCell;
use std::rc::Rc;

use fancy_regex::{Regex, RegexBuilder};

use super::{module, native};
use crate::interp::{Interp, PyResult};
use crate::value::{PyDict, PyStr, Value};

/// Python's flag bits (`re.IGNORECASE` and friends).
const IGNORECASE: i64 = 2;
const MULTILINE: i64 = 8;
const DOTALL: i64 = 16;
const VERBOSE: i64 = 64;
const ASCII: i64 = 256;

/// Steps of backtracking one match may take before it is abandoned.
const BACKTRACK_LIMIT: usize = 10_000_000;

/// Builds the `_sre` module.
pub(crate) fn make_module(_interp: &Interp) -> Value {
    module(
        "_sre",
        vec![("compile", native("compile", |i, a, _| compile(i, a)))],
    )
}

/// A compiled pattern: searching, and the anchored forms for `match` and `fullmatch`.
struct Engine {
    search: Regex,
    at_start: Regex,
    whole: Regex,
    /// The last string searched and its character offsets (`None` for an ASCII string, whose
    /// offsets are its byte offsets).
    offsets: RefCell<Option<CachedOffsets>>,
}

/// A string (held, so that its address cannot be reused by another while cached) and its
/// character offsets (`None` when ASCII).
type CachedOffsets = (PyStr, Option<Rc<Vec<usize>>>);

fn compile(i: &Interp, a: Vec<Value>) -> PyResult<Value> {
    let (Some(Value::Str(pattern)), Some(Value::Int(flags))) = (a.first(), a.get(1)) else {
        return Err(i.type_error("compile(pattern: str, flags: int)".into()));
    };
    let body = translate(pattern, *flags);
    let build = |p: &str| {
        RegexBuilder::new(p)
            .backtrack_limit(BACKTRACK_LIMIT)
            .build()
            .map_err(|e| i.exc("ValueError", &e.to_string()))
    };
    let search = build(&body)?;
    let engine = Engine {
        at_start: build(&format!(r"\A(?:{body})"))?,
        whole: build(&format!(r"\A(?:{body})\z"))?,
        offsets: RefCell::new(None),
        search,
    };
    let groups = engine.search.captures_len() as i64 - 1;
    let mut names = PyDict::new();
    for (index, name) in engine.search.capture_names().enumerate() {
        if let Some(name) = name {
            let old = names.insert_str(PyStr::new(name), Value::Int(index as i64));
            drop(old);
        }
    }
    let groupindex = Value::dict(names);
    let engine = Rc::new(engine);
    let run = native("engine", move |i, a, _| run(i, &engine, &a));
    Ok(Value::tuple(vec![run, Value::Int(groups), groupindex]))
}

/// `engine(op, string, pos, endpos[, limit])`.
fn run(i: &Interp, e: &Engine, a: &[Value]) -> PyResult<Value> {
    let (Some(Value::Str(op)), Some(Value::Str(text)), Some(pos), Some(endpos)) =
        (a.first(), a.get(1), a.get(2), a.get(3))
    else {
        return Err(i.type_error("engine(op, string, pos, endpos)".into()));
    };
    let offsets = e.offsets_of(text);
    let chars = offsets.as_ref().map_or(text.len(), |o| o.len() - 1);
    let clamp = |v: &Value| match v {
        Value::Int(n) if *n < 0 => 0,
        Value::Int(n) => (*n as usize).min(chars),
        _ => chars,
    };
    let (pos, endpos) = (clamp(pos), clamp(endpos));
    let byte = |c: usize| offsets.as_ref().map_or(c, |o| o[c]);
    let (from, to) = (byte(pos), byte(endpos));
    let haystack = &text[..to];
    let found = |op: &str, from: usize| {
        let r = match op {
            "match" => e.at_start.captures(&haystack[from..]),
            "fullmatch" => e.whole.captures(&haystack[from..]),
            _ => e.search.captures_from_pos(haystack, from),
        };
        r.map_err(|err| {
            i.exc(
                "RuntimeError",
                &format!("regular expression too costly to match: {err}"),
            )
        })
    };
    let char_at = |b: usize| match &offsets {
        None => b,
        Some(o) => o.partition_point(|&x| x < b),
    };
    // One match as `(spans, texts)`; anchored matches ran on the text from `base`.
    let describe = |caps: &fancy_regex::Captures<'_>, base: usize| {
        let mut spans = Vec::with_capacity(caps.len() * 2);
        let mut texts = Vec::with_capacity(caps.len());
        for g in 0..caps.len() {
            match caps.get(g) {
                Some(m) => {
                    spans.push(Value::Int(char_at(base + m.start()) as i64));
                    spans.push(Value::Int(char_at(base + m.end()) as i64));
                    texts.push(Value::str(m.as_str()));
                }
                None => {
                    spans.extend([Value::Int(-1), Value::Int(-1)]);
                    texts.push(Value::None);
                }
            }
        }
        Value::tuple(vec![Value::list(spans), Value::list(texts)])
    };
    if pos > endpos {
        return Ok(if &**op == "all" {
            Value::tuple(vec![
                Value::list(Vec::new()),
                Value::str(&text[from.min(to)..]),
            ])
        } else {
            Value::None
        });
    }
    if &**op != "all" {
        let base = if &**op == "search" { 0 } else { from };
        return Ok(match found(op, from)? {
            Some(caps) => describe(&caps, base),
            None => Value::None,
        });
    }
    // "all": every match from `pos` (at most `limit`, 0 for no limit), each as
    // `(spans, texts, text before it since the previous match)`, then the text after the
    // last. After an empty match, no second empty match at the same place.
    let limit = match a.get(4) {
        Some(Value::Int(n)) if *n > 0 => *n as usize,
        _ => usize::MAX,
    };
    let mut out = Vec::new();
    let (mut at, mut last, mut empty_at) = (from, from, None);
    while at <= to && out.len() < limit {
        let Some(caps) = found("search", at)? else {
            break;
        };
        let Some(m) = caps.get(0) else {
            break;
        };
        let (s, t) = (m.start(), m.end());
        if s == t && empty_at == Some(s) {
            // Step over one character.
            match text[s..to].chars().next() {
                Some(c) => at = s + c.len_utf8(),
                None => break,
            }
            continue;
        }
        let one = describe(&caps, 0);
        let Value::Tuple(pair) = one else {
            unreachable!("describe makes a tuple")
        };
        let mut entry = pair.items.to_vec();
        entry.push(Value::str(&text[last..s]));
        out.push(Value::tuple(entry));
        empty_at = (s == t).then_some(t);
        last = t;
        at = t;
    }
    Ok(Value::tuple(vec![
        Value::list(out),
        Value::str(&text[last..]),
    ]))
}

impl Engine {
    /// The character offsets of `text` (byte offset of each character, then the length), or
    /// `None` when it is ASCII; cached for the last string.
    fn offsets_of(&self, text: &PyStr) -> Option<Rc<Vec<usize>>> {
        if let Some((cached, o)) = &*self.offsets.borrow() {
            if cached.addr() == text.addr() {
                return o.clone();
            }
        }
        let o = (!text.is_ascii()).then(|| {
            let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            v.push(text.len());
            Rc::new(v)
        });
        *self.offsets.borrow_mut() = Some((text.clone(), o.clone()));
        o
    }
}

/// Python's pattern syntax in the crate's: the flags as an inline group; `$` without
/// MULTILINE also before a final newline, as Python's does; `\Z` is `\z`; `(?P=name)` is
/// `\k<name>`; `(?#...)` comments are dropped; `{` that starts no repetition, and `[`, `&&`
/// and `~~` inside a class, are literal (the crate would read a nested class or a set
/// operation); with ASCII, `\d`, `\w`, `\s` and `\b` are ASCII-only.
pub(crate) fn translate(p: &str, flags: i64) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut inline = String::new();
    for (bit, c) in [
        (IGNORECASE, 'i'),
        (MULTILINE, 'm'),
        (DOTALL, 's'),
        (VERBOSE, 'x'),
    ] {
        if flags & bit != 0 {
            inline.push(c);
        }
    }
    if !inline.is_empty() {
        out.push_str(&format!("(?{inline})"));
    }
    let ascii = flags & ASCII != 0;
    let multiline = flags & MULTILINE != 0;
    let chars: Vec<char> = p.chars().collect();
    let mut k = 0;
    let mut in_class = false;
    while k < chars.len() {
        let c = chars[k];
        match c {
            '\\' if k + 1 < chars.len() => {
                let d = chars[k + 1];
                k += 2;
                match d {
                    'Z' if !in_class => out.push_str(r"\z"),
                    'd' | 'w' | 's' | 'D' | 'W' | 'S' if ascii => {
                        let class = match d.to_ascii_lowercase() {
                            'd' => "0-9",
                            'w' => "0-9A-Za-z_",
                            _ => r" \t\n\r\f\v",
                        };
                        let neg = if d.is_ascii_uppercase() { "^" } else { "" };
                        if in_class && neg.is_empty() {
                            out.push_str(class);
                        } else {
                            out.push_str(&format!("[{neg}{class}]"));
                        }
                    }
                    'b' | 'B' if ascii && !in_class => out.push_str(&format!("(?-u:\\{d})")),
                    _ => {
                        out.push('\\');
                        out.push(d);
                    }
                }
                continue;
            }
            '[' if in_class => out.push_str(r"\["),
            '[' => {
                in_class = true;
                out.push('[');
                // A ']' right after '[' or '[^' is a literal.
                if chars.get(k + 1) == Some(&'^') {
                    out.push('^');
                    k += 1;
                }
                if chars.get(k + 1) == Some(&']') {
                    out.push_str(r"\]");
                    k += 1;
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            ']' => out.push_str(r"\]"),
            '&' | '~' if in_class && chars.get(k + 1) == Some(&c) => {
                out.push('\\');
                out.push(c);
            }
            '$' if !in_class && !multiline => out.push_str(r"(?=\n?\z)"),
            '{' if !in_class && !is_repetition(&chars[k..]) => out.push_str(r"\{"),
            '}' if !in_class => {
                // The closing brace of a repetition was copied with it; any other is literal.
                out.push_str(r"\}");
            }
            '(' if !in_class && chars.get(k + 1) == Some(&'?') => {
                let rest: String = chars[k..].iter().take(4).collect();
                if rest.starts_with("(?#") {
                    // A comment: skip to its ')'.
                    while k < chars.len() && chars[k] != ')' {
                        k += 1;
                    }
                } else if rest.starts_with("(?P=") {
                    let end = chars[k..].iter().position(|&x| x == ')');
                    match end {
                        Some(e) => {
                            let name: String = chars[k + 4..k + e].iter().collect();
                            out.push_str(&format!(r"\k<{name}>"));
                            k += e;
                        }
                        None => out.push('('),
                    }
                } else {
                    out.push('(');
                }
            }
            _ => out.push(c),
        }
        if c == '{' && !in_class && is_repetition(&chars[k..]) {
            // Copy the whole repetition `{m,n}`.
            k += 1;
            while k < chars.len() {
                out.push(chars[k]);
                if chars[k] == '}' {
                    break;
                }
                k += 1;
            }
        }
        k += 1;
    }
    out
}

/// Does `s` (starting at a `{`) begin a repetition `{m}`, `{m,}`, `{,n}` or `{m,n}`?
fn is_repetition(s: &[char]) -> bool {
    let Some(close) = s.iter().position(|&c| c == '}') else {
        return false;
    };
    let inner: String = s[1..close].iter().collect();
    let mut parts = inner.splitn(2, ',');
    let m = parts.next().unwrap_or("");
    let n = parts.next();
    let digits = |x: &str| x.chars().all(|c| c.is_ascii_digit());
    match n {
        None => !m.is_empty() && digits(m),
        Some(n) => digits(m) && digits(n) && !(m.is_empty() && n.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_syntax_becomes_the_crates() {
        assert_eq!(translate("a$", 0), r"a(?=\n?\z)");
        assert_eq!(translate("a$", MULTILINE), "(?m)a$");
        assert_eq!(translate(r"(?P<x>a)(?P=x)\Z", 0), r"(?P<x>a)\k<x>\z");
        assert_eq!(translate("a{2,3}b{", 0), r"a{2,3}b\{");
        assert_eq!(translate("[[&&]]", 0), r"[\[\&&]\]");
        assert_eq!(translate("[]a]", 0), r"[\]a]");
        assert_eq!(translate(r"\w+", ASCII), "[0-9A-Za-z_]+");
        assert_eq!(translate("a(?#note)b", IGNORECASE), "(?i)ab");
    }
}
