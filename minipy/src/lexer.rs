//! The tokenizer: source text to a flat list of tokens, with Python's INDENT / DEDENT /
//! NEWLINE tokens computed from indentation (inside brackets lines join implicitly).
//!
//! The lexer is a single loop over characters; nothing in it recurses.

use std::rc::Rc;

/// The most indentation levels a program may nest (CPython's limit is 100 too).
const MAX_INDENT_LEVELS: usize = 100;

/// One token kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An identifier that is not a keyword.
    Name(Rc<str>),
    /// A keyword such as `def` or `None`.
    Kw(&'static str),
    /// An integer literal that fits in an `i64`.
    Int(i64),
    /// An integer literal too large for an `i64` (kept as text for the error message).
    BigInt(String),
    /// A float literal.
    Float(f64),
    /// An imaginary literal (`2.5j`), by its imaginary part.
    Imag(f64),
    /// A string literal (escapes resolved); adjacent literals are joined by the parser.
    Str(String),
    /// An f-string literal: the raw text between the quotes (escapes resolved, braces kept).
    FStr(String),
    /// A bytes literal (escapes resolved).
    Bytes(Vec<u8>),
    /// An operator or delimiter.
    Op(&'static str),
    /// End of a logical line.
    Newline,
    /// The indentation grew.
    Indent,
    /// The indentation shrank by one level.
    Dedent,
    /// End of input.
    Eof,
}

/// A token with its position (1-based line, 0-based column).
#[derive(Clone, Debug)]
pub struct Token {
    /// What the token is.
    pub tok: Tok,
    /// 1-based line number.
    pub line: u32,
    /// 0-based column (in characters).
    pub col: u32,
}

/// A syntax error found while tokenizing or parsing.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// What went wrong, as Python words it where we can.
    pub msg: String,
    /// 1-based line of the error.
    pub line: u32,
    /// 0-based column of the error.
    pub col: u32,
}

/// The message of a `TabError`.
pub const TAB_ERROR: &str = "inconsistent use of tabs and spaces in indentation";

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    "async", "await",
];

const OPS3: &[&str] = &["**=", "//=", ">>=", "<<=", "...", "!="];
const OPS2: &[&str] = &[
    "**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<",
    ">>", ":=",
];
const OPS1: &[&str] = &[
    "+", "-", "*", "/", "%", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "@",
    "&", "|", "^", "~",
];

/// Source text as CPython reads it: a leading UTF-8 byte-order mark dropped, and `\r\n` and a
/// lone `\r` read as `\n` (universal newlines).
///
/// ```
/// assert_eq!(minipy::lexer::normalize_source("\u{feff}a\r\nb\rc"), "a\nb\nc");
/// ```
pub fn normalize_source(src: &str) -> std::borrow::Cow<'_, str> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if src.contains('\r') {
        std::borrow::Cow::Owned(src.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(src)
    }
}

/// Tokenizes a whole program (after [`normalize_source`]).
pub fn tokenize(src: &str) -> Result<Vec<Token>, SyntaxError> {
    let src = normalize_source(src);
    let chars: Vec<char> = src.chars().collect();
    let mut toks: Vec<Token> = Vec::new();
    let mut indents: Vec<usize> = vec![0];
    // The same indentation measured with tabs as one column: CPython's check that tabs and
    // spaces are used consistently (a `TabError` when the two measures disagree on order).
    let mut indents_tab1: Vec<usize> = vec![0];
    let mut depth = 0usize; // bracket nesting
    let mut i = 0usize;
    let mut line = 1u32;
    let mut line_start = 0usize;
    let mut at_line_start = true;
    // Each distinct name is one string object: the interpreter's name caches compare names by
    // address first (see `AttrMap::get_hinted`).
    let mut names: std::collections::HashSet<Rc<str>> = std::collections::HashSet::new();
    let err = |msg: &str, line: u32, col: usize| SyntaxError {
        msg: msg.to_string(),
        line,
        col: col as u32,
    };
    while i <= chars.len() {
        if at_line_start && depth == 0 {
            // Measure indentation; skip blank and comment-only lines.
            let mut col = 0usize;
            let mut col1 = 0usize;
            let mut j = i;
            while j < chars.len() && (chars[j] == ' ' || chars[j] == '\t' || chars[j] == '\x0c') {
                col = if chars[j] == '\t' {
                    (col / 8 + 1) * 8
                } else {
                    col + 1
                };
                col1 += 1;
                j += 1;
            }
            if j >= chars.len() {
                break;
            }
            if chars[j] == '#' || chars[j] == '\n' || chars[j] == '\r' || chars[j] == '\\' {
                if chars[j] == '\\' && j + 1 < chars.len() && chars[j + 1] == '\n' {
                    // A continuation line that starts with a backslash: treat as blank.
                    i = j + 2;
                    line += 1;
                    line_start = i;
                    continue;
                }
                if chars[j] != '\\' {
                    while j < chars.len() && chars[j] != '\n' {
                        j += 1;
                    }
                    i = j + 1;
                    line += 1;
                    line_start = i;
                    continue;
                }
            }
            at_line_start = false;
            let cur = *indents.last().unwrap_or(&0);
            let cur1 = *indents_tab1.last().unwrap_or(&0);
            let tab_error = || err(TAB_ERROR, line, 0);
            if (col > cur) != (col1 > cur1) || (col == cur) != (col1 == cur1) {
                return Err(tab_error());
            }
            if col > cur {
                indents_tab1.push(col1);
                if indents.len() > MAX_INDENT_LEVELS {
                    return Err(err("too many levels of indentation", line, col));
                }
                indents.push(col);
                toks.push(Token {
                    tok: Tok::Indent,
                    line,
                    col: 0,
                });
            } else if col < cur {
                while col < *indents.last().unwrap_or(&0) {
                    indents.pop();
                    indents_tab1.pop();
                    toks.push(Token {
                        tok: Tok::Dedent,
                        line,
                        col: 0,
                    });
                }
                let (top, top1) = (
                    *indents.last().unwrap_or(&0),
                    *indents_tab1.last().unwrap_or(&0),
                );
                if col == top && col1 != top1 {
                    return Err(tab_error());
                }
                if col != top {
                    // CPython points just past the end of the line.
                    let end = chars[line_start..]
                        .iter()
                        .take_while(|c| **c != '\n' && **c != '\r')
                        .count();
                    return Err(err(
                        "unindent does not match any outer indentation level",
                        line,
                        end,
                    ));
                }
            }
            i = j;
            continue;
        }
        if i >= chars.len() {
            break;
        }
        let c = chars[i];
        let col = i - line_start;
        match c {
            '\n' => {
                if depth == 0 {
                    toks.push(Token {
                        tok: Tok::Newline,
                        line,
                        col: col as u32,
                    });
                    at_line_start = true;
                }
                i += 1;
                line += 1;
                line_start = i;
            }
            ' ' | '\t' | '\r' | '\x0c' => i += 1,
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '\\' => {
                let mut j = i + 1;
                if j < chars.len() && chars[j] == '\r' {
                    j += 1;
                }
                if j < chars.len() && chars[j] == '\n' {
                    i = j + 1;
                    line += 1;
                    line_start = i;
                } else {
                    return Err(err(
                        "unexpected character after line continuation character",
                        line,
                        col,
                    ));
                }
            }
            _ if c.is_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                // String prefixes.
                if i < chars.len() && (chars[i] == '\'' || chars[i] == '"') {
                    let lower = word.to_ascii_lowercase();
                    if matches!(
                        lower.as_str(),
                        "r" | "f" | "rf" | "fr" | "b" | "u" | "br" | "rb"
                    ) {
                        let raw = lower.contains('r');
                        let fstr = lower.contains('f');
                        let bytes = lower.contains('b');
                        let start_line = line;
                        let (s, ni, nl, nls) = lex_string(&chars, i, raw, bytes, line, line_start)?;
                        i = ni;
                        line = nl;
                        line_start = nls;
                        let tok = if fstr {
                            Tok::FStr(s)
                        } else if bytes {
                            // Every character of a bytes literal is below 256 (checked).
                            Tok::Bytes(s.chars().map(|c| c as u32 as u8).collect())
                        } else {
                            Tok::Str(s)
                        };
                        toks.push(Token {
                            tok,
                            line: start_line,
                            col: col as u32,
                        });
                        continue;
                    }
                }
                let tok = match KEYWORDS.iter().find(|k| **k == word) {
                    Some(k) => Tok::Kw(k),
                    None => Tok::Name(match names.get(word.as_str()) {
                        Some(n) => n.clone(),
                        None => {
                            let n: Rc<str> = Rc::from(word.as_str());
                            names.insert(n.clone());
                            n
                        }
                    }),
                };
                toks.push(Token {
                    tok,
                    line,
                    col: col as u32,
                });
            }
            _ if c.is_ascii_digit()
                || (c == '.' && i + 1 < chars.len() && chars[i + 1].is_ascii_digit()) =>
            {
                let (tok, ni) = lex_number(&chars, i).map_err(|m| err(&m, line, col))?;
                i = ni;
                toks.push(Token {
                    tok,
                    line,
                    col: col as u32,
                });
            }
            '\'' | '"' => {
                let start_line = line;
                let (s, ni, nl, nls) = lex_string(&chars, i, false, false, line, line_start)?;
                i = ni;
                line = nl;
                line_start = nls;
                toks.push(Token {
                    tok: Tok::Str(s),
                    line: start_line,
                    col: col as u32,
                });
            }
            _ => {
                let rest =
                    |n: usize| -> String { chars[i..(i + n).min(chars.len())].iter().collect() };
                let op = OPS3
                    .iter()
                    .find(|o| rest(3) == **o)
                    .or_else(|| OPS2.iter().find(|o| rest(2) == **o))
                    .or_else(|| OPS1.iter().find(|o| rest(1) == **o));
                let Some(op) = op else {
                    return Err(err(
                        &format!("invalid character '{c}' (U+{:04X})", c as u32),
                        line,
                        col,
                    ));
                };
                match *op {
                    "(" | "[" | "{" => depth += 1,
                    ")" | "]" | "}" => {
                        if depth == 0 {
                            return Err(err(&format!("unmatched '{op}'"), line, col));
                        }
                        depth -= 1;
                    }
                    _ => {}
                }
                i += op.chars().count();
                toks.push(Token {
                    tok: Tok::Op(op),
                    line,
                    col: col as u32,
                });
            }
        }
    }
    if depth > 0 {
        return Err(err("unexpected EOF while parsing", line, 0));
    }
    if !at_line_start {
        toks.push(Token {
            tok: Tok::Newline,
            line,
            col: 0,
        });
    }
    while indents.len() > 1 {
        indents.pop();
        toks.push(Token {
            tok: Tok::Dedent,
            line,
            col: 0,
        });
    }
    toks.push(Token {
        tok: Tok::Eof,
        line,
        col: 0,
    });
    Ok(toks)
}

fn lex_number(chars: &[char], mut i: usize) -> Result<(Tok, usize), String> {
    let start = i;
    if chars[i] == '0'
        && i + 1 < chars.len()
        && matches!(chars[i + 1], 'x' | 'X' | 'o' | 'O' | 'b' | 'B')
    {
        let radix = match chars[i + 1] {
            'x' | 'X' => 16,
            'o' | 'O' => 8,
            _ => 2,
        };
        i += 2;
        let s = i;
        while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
            i += 1;
        }
        let digits: String = chars[s..i].iter().filter(|c| **c != '_').collect();
        return match i64::from_str_radix(&digits, radix) {
            Ok(v) => Ok((Tok::Int(v), i)),
            Err(_) if !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix)) => {
                Ok((Tok::BigInt(chars[start..i].iter().collect()), i))
            }
            Err(_) => Err("invalid syntax".into()),
        };
    }
    let mut is_float = false;
    while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '_') {
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        is_float = true;
        i += 1;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '_') {
            i += 1;
        }
    }
    if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
        let mut j = i + 1;
        if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
            j += 1;
        }
        if j < chars.len() && chars[j].is_ascii_digit() {
            is_float = true;
            i = j;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    if i < chars.len() && (chars[i] == 'j' || chars[i] == 'J') {
        let next = chars.get(i + 1);
        if !next.is_some_and(|c| c.is_alphanumeric() || *c == '_') {
            // Any decimal digits (leading zeros too: `00j`) with the float's syntax.
            let text: String = chars[start..i].iter().filter(|c| **c != '_').collect();
            return text
                .parse::<f64>()
                .map(|f| (Tok::Imag(f), i + 1))
                .map_err(|_| "invalid syntax".into());
        }
    }
    if i < chars.len() && (chars[i].is_alphabetic() || chars[i] == '_') {
        return Err("invalid decimal literal".into());
    }
    let text: String = chars[start..i].iter().filter(|c| **c != '_').collect();
    if !is_float && text.len() > 1 && text.starts_with('0') && text.bytes().any(|b| b != b'0') {
        return Err(
            "leading zeros in decimal integer literals are not permitted; \
                    use an 0o prefix for octal integers"
                .into(),
        );
    }
    if is_float {
        text.parse::<f64>()
            .map(|f| (Tok::Float(f), i))
            .map_err(|_| "invalid syntax".into())
    } else {
        match text.parse::<i64>() {
            Ok(v) => Ok((Tok::Int(v), i)),
            Err(_) => Ok((Tok::BigInt(text), i)),
        }
    }
}

/// Lexes a string literal starting at the opening quote. Returns the value, the index after
/// the closing quote, and the updated line bookkeeping.
fn lex_string(
    chars: &[char],
    mut i: usize,
    raw: bool,
    bytes: bool,
    mut line: u32,
    mut line_start: usize,
) -> Result<(String, usize, u32, usize), SyntaxError> {
    let q = chars[i];
    let start_line = line;
    let start_col = (i - line_start) as u32;
    let triple = i + 2 < chars.len() && chars[i + 1] == q && chars[i + 2] == q;
    i += if triple { 3 } else { 1 };
    let mut out = String::new();
    loop {
        if i >= chars.len() {
            let msg = if triple {
                "unterminated triple-quoted string literal"
            } else {
                "unterminated string literal"
            };
            // CPython counts a final newline as ending the last line, not starting another.
            let detected = if chars.last() == Some(&'\n') {
                line.saturating_sub(1).max(start_line)
            } else {
                line
            };
            return Err(SyntaxError {
                msg: format!("{msg} (detected at line {detected})"),
                line: start_line,
                col: start_col,
            });
        }
        let c = chars[i];
        // A backslash escapes the next character, which must be ASCII too.
        let escaped = if c == '\\' { chars.get(i + 1) } else { None };
        if bytes && (!c.is_ascii() || escaped.is_some_and(|n| !n.is_ascii())) {
            return Err(SyntaxError {
                msg: "bytes can only contain ASCII literal characters".into(),
                line: start_line,
                col: start_col.saturating_sub(1),
            });
        }
        if c == q {
            if !triple {
                return Ok((out, i + 1, line, line_start));
            }
            if i + 2 < chars.len() && chars[i + 1] == q && chars[i + 2] == q {
                return Ok((out, i + 3, line, line_start));
            }
            out.push(c);
            i += 1;
            continue;
        }
        if c == '\n' {
            if !triple {
                return Err(SyntaxError {
                    msg: format!("unterminated string literal (detected at line {line})"),
                    line: start_line,
                    col: start_col,
                });
            }
            out.push('\n');
            i += 1;
            line += 1;
            line_start = i;
            continue;
        }
        if c == '\\' && i + 1 < chars.len() {
            let n = chars[i + 1];
            if raw {
                out.push('\\');
                out.push(n);
                if n == '\n' {
                    line += 1;
                    line_start = i + 2;
                }
                i += 2;
                continue;
            }
            i += 2;
            match n {
                '\n' => {
                    line += 1;
                    line_start = i;
                }
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0'..='7' => {
                    // Up to three octal digits (CPython accepts up to \777).
                    let mut v = n.to_digit(8).unwrap_or(0);
                    let mut k = 0;
                    while k < 2 && i < chars.len() && chars[i].is_digit(8) {
                        v = v * 8 + chars[i].to_digit(8).unwrap_or(0);
                        i += 1;
                        k += 1;
                    }
                    // In bytes, CPython keeps the low 8 bits of `\400`..`\777`.
                    let v = if bytes { v & 0xff } else { v };
                    out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                }
                'a' => out.push('\x07'),
                'b' => out.push('\x08'),
                'f' => out.push('\x0c'),
                'v' => out.push('\x0b'),
                '\\' => out.push('\\'),
                '\'' => out.push('\''),
                '"' => out.push('"'),
                'u' | 'U' if bytes => {
                    out.push('\\');
                    out.push(n);
                }
                'x' | 'u' | 'U' => {
                    let len = match n {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let hex: String = chars[i..(i + len).min(chars.len())].iter().collect();
                    let cp = Some(&hex)
                        .filter(|h| h.len() == len && h.chars().all(|c| c.is_ascii_hexdigit()))
                        .and_then(|h| u32::from_str_radix(h, 16).ok());
                    let pos = out.chars().count();
                    let what = match n {
                        'x' => "truncated \\xXX escape",
                        'u' => "truncated \\uXXXX escape",
                        _ => "truncated \\UXXXXXXXX escape",
                    };
                    // CPython points just past the literal's closing quote.
                    let end = chars[i..]
                        .iter()
                        .take_while(|c| **c != '\n')
                        .position(|c| *c == q)
                        .map_or(start_col, |k| (i + k + 1 - line_start) as u32);
                    let bad = |what: &str| SyntaxError {
                        msg: format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in \
                             position {pos}-{}: {what}",
                            pos + 1 + hex.chars().take_while(|c| c.is_ascii_hexdigit()).count()
                        ),
                        line,
                        col: end,
                    };
                    match cp {
                        None => return Err(bad(what)),
                        Some(cp) => match char::from_u32(cp) {
                            Some(ch) => out.push(ch),
                            None => return Err(bad("illegal Unicode character")),
                        },
                    }
                    i += len;
                }
                other => {
                    out.push('\\');
                    out.push(other);
                }
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
}
