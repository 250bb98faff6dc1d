//! The `SyntaxError`s CPython 3.11's compiler raises for `match` statements the grammar
//! accepts (`compiler_pattern*` in `Python/compile.c`), checked after parsing, before any of
//! the program runs:
//!
//! - an irrefutable case before the last one: "name capture 'x' makes remaining patterns
//!   unreachable", "wildcard makes remaining patterns unreachable" (an unguarded `case x:`,
//!   `case _:`, `case (x as y):`, and any OR alternative but the last that is a bare capture);
//! - "multiple assignments to name 'x' in pattern", "alternative patterns bind different
//!   names", "multiple starred names in sequence pattern";
//! - "mapping pattern checks duplicate key (K)" for equal literal keys (`{1: a, 1.0: b}`),
//!   "mapping pattern keys may only match literals and attribute lookups" and "patterns may
//!   only match literals and attribute lookups" (f-strings);
//! - "attribute name repeated in class pattern: a", "cannot assign to __debug__".
//!
//! They are reported in the order the compiler meets them: statements in source order (the
//! bodies of nested functions and classes where they are defined), each pattern depth first.
//! Statements are walked with an explicit stack; a pattern recursively, its depth being
//! bounded by the parser's nesting limit (each bracket level counts against it).

use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::FromPrimitive;

use crate::ast::*;

/// A compile error: CPython's message, at a pattern's start.
type Error = crate::lexer::SyntaxError;

/// The first compile error of the program's match statements.
pub fn check_program(prog: &[Stmt]) -> Result<(), Error> {
    let mut stack: Vec<&[Stmt]> = vec![prog];
    while let Some(block) = stack.pop() {
        let Some((s, rest)) = block.split_first() else {
            continue;
        };
        stack.push(rest);
        if let StmtKind::Match(_, cases) = &s.kind {
            check_cases(cases)?;
        }
        let mut children: Vec<&[Stmt]> = s.scope_blocks().into_iter().map(|b| &b[..]).collect();
        match &s.kind {
            StmtKind::FuncDef(def) => children.push(&def.body),
            StmtKind::ClassDef { body, .. } => children.push(&body[..]),
            StmtKind::Decorated(_, def) => children.push(std::slice::from_ref(&**def)),
            _ => {}
        }
        stack.extend(children.into_iter().rev());
    }
    Ok(())
}

/// The checks of one match statement's cases.
fn check_cases(cases: &[MatchCase]) -> Result<(), Error> {
    for (i, c) in cases.iter().enumerate() {
        let mut cx = Context {
            loc: (c.pattern.line, c.pattern.col),
            stores: Vec::new(),
            allow_irrefutable: c.guard.is_some() || i + 1 == cases.len(),
        };
        cx.pattern(&c.pattern)?;
    }
    Ok(())
}

/// CPython's `pattern_context`, as far as the checks need it.
struct Context<'a> {
    /// Where an error is reported: the pattern the compiler last started on (CPython's
    /// `SET_LOC` at each pattern, never restored, so an error found after the sub-patterns
    /// points at the last of them).
    loc: (u32, u32),
    /// The names bound so far.
    stores: Vec<&'a Rc<str>>,
    /// Whether an irrefutable pattern is allowed here.
    allow_irrefutable: bool,
}

impl<'a> Context<'a> {
    fn pattern(&mut self, p: &'a Pattern) -> Result<(), Error> {
        self.loc = (p.line, p.col);
        match &p.kind {
            PatternKind::Value(e) => {
                if matches!(e.kind, ExprKind::FString(_)) {
                    return self.err("patterns may only match literals and attribute lookups");
                }
                Ok(())
            }
            PatternKind::Singleton(_) => Ok(()),
            PatternKind::Sequence(items) => {
                let stars = items
                    .iter()
                    .filter(|q| matches!(q.kind, PatternKind::Star(_)))
                    .count();
                if stars > 1 {
                    return self.err("multiple starred names in sequence pattern");
                }
                // As the compiler: no item of `[_, *_]` is compiled, nor a wildcard of
                // `[a, *_, _]` (taken by index); the items of `[a, *b, _]` all are.
                let star_wildcard = |q: &Pattern| matches!(q.kind, PatternKind::Star(None));
                if items.iter().all(|q| q.is_wildcard() || star_wildcard(q)) {
                    return Ok(());
                }
                let by_index = items.iter().any(star_wildcard);
                items
                    .iter()
                    .filter(|q| !by_index || !(q.is_wildcard() || star_wildcard(q)))
                    .try_for_each(|q| self.subpattern(q))
            }
            PatternKind::Star(name) => self.store(name.as_ref()),
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            } => {
                let mut seen: Vec<Key> = Vec::new();
                for k in keys {
                    if let Some(key) = Key::of(k) {
                        if seen.contains(&key) {
                            return self.err(&format!(
                                "mapping pattern checks duplicate key ({})",
                                key.repr()
                            ));
                        }
                        seen.push(key);
                    } else if !matches!(k.kind, ExprKind::Attribute(..)) {
                        return self.err(
                            "mapping pattern keys may only match literals and attribute lookups",
                        );
                    }
                }
                patterns.iter().try_for_each(|q| self.subpattern(q))?;
                self.store(rest.as_ref())
            }
            PatternKind::Class {
                patterns,
                kwd_attrs,
                kwd_patterns,
                ..
            } => {
                for (i, attr) in kwd_attrs.iter().enumerate() {
                    self.loc = (kwd_patterns[i].line, kwd_patterns[i].col);
                    self.forbidden(attr)?;
                    if let Some(j) = (i + 1..kwd_attrs.len()).find(|&j| kwd_attrs[j] == *attr) {
                        return err(
                            &kwd_patterns[j],
                            &format!("attribute name repeated in class pattern: {attr}"),
                        );
                    }
                }
                patterns
                    .iter()
                    .chain(kwd_patterns)
                    .filter(|q| !q.is_wildcard())
                    .try_for_each(|q| self.subpattern(q))
            }
            PatternKind::As(None, name) => {
                if !self.allow_irrefutable {
                    return match name {
                        Some(n) => self.err(&format!(
                            "name capture '{n}' makes remaining patterns unreachable"
                        )),
                        None => self.err("wildcard makes remaining patterns unreachable"),
                    };
                }
                self.store(name.as_ref())
            }
            PatternKind::As(Some(inner), name) => {
                self.pattern(inner)?;
                self.store(name.as_ref())
            }
            PatternKind::Or(alts) => {
                let old = std::mem::take(&mut self.stores);
                let old_allow = self.allow_irrefutable;
                let mut control: Option<Vec<&'a Rc<str>>> = None;
                for (i, alt) in alts.iter().enumerate() {
                    self.stores = Vec::new();
                    self.allow_irrefutable = i + 1 == alts.len() && old_allow;
                    self.pattern(alt)?;
                    let stores = std::mem::take(&mut self.stores);
                    match &control {
                        None => control = Some(stores),
                        Some(c) => {
                            if c.len() != stores.len() || c.iter().any(|n| !stores.contains(n)) {
                                return self.err("alternative patterns bind different names");
                            }
                        }
                    }
                }
                self.stores = old;
                self.allow_irrefutable = old_allow;
                for n in control.unwrap_or_default() {
                    self.store(Some(n))?;
                }
                Ok(())
            }
        }
    }

    /// A sub-pattern (of a sequence, mapping or class pattern): irrefutable ones are fine.
    fn subpattern(&mut self, p: &'a Pattern) -> Result<(), Error> {
        let allow = std::mem::replace(&mut self.allow_irrefutable, true);
        self.pattern(p)?;
        self.allow_irrefutable = allow;
        Ok(())
    }

    /// CPython's `pattern_helper_store_name`.
    fn store(&mut self, name: Option<&'a Rc<str>>) -> Result<(), Error> {
        let Some(n) = name else { return Ok(()) };
        self.forbidden(n)?;
        if self.stores.contains(&n) {
            return self.err(&format!("multiple assignments to name '{n}' in pattern"));
        }
        self.stores.push(n);
        Ok(())
    }

    fn forbidden(&self, name: &str) -> Result<(), Error> {
        if name == "__debug__" {
            return self.err("cannot assign to __debug__");
        }
        Ok(())
    }

    fn err(&self, msg: &str) -> Result<(), Error> {
        Err(crate::lexer::SyntaxError {
            msg: msg.to_string(),
            line: self.loc.0,
            col: self.loc.1,
        })
    }
}

fn err(at: &Pattern, msg: &str) -> Result<(), Error> {
    Err(crate::lexer::SyntaxError {
        msg: msg.to_string(),
        line: at.line,
        col: at.col,
    })
}

/// A literal mapping key as the compiler's set of seen constants compares it: equal numbers
/// are one key whatever their types (`1`, `1.0`, `True`, `(1+0j)`).
#[derive(Debug)]
struct Key {
    /// The value, for comparisons.
    value: KeyValue,
    /// Its `repr`.
    repr: String,
}

#[derive(Debug, PartialEq)]
enum KeyValue {
    None,
    /// An integral number (ints, bools, integral floats, complex numbers with no imaginary
    /// part).
    Int(BigInt),
    /// Any other real number.
    Float(f64),
    /// A complex number with an imaginary part.
    Complex(f64, f64),
    Str(String),
    Bytes(Vec<u8>),
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.value == other.value
    }
}

impl Key {
    fn repr(&self) -> &str {
        &self.repr
    }

    /// The key a literal pattern expression stands for (`None` for a dotted name).
    fn of(e: &Expr) -> Option<Key> {
        let real = |e: &Expr| -> Option<(KeyValue, f64, String)> {
            match &e.kind {
                ExprKind::Const(Const::Int(v)) => {
                    Some((KeyValue::Int(BigInt::from(*v)), *v as f64, v.to_string()))
                }
                ExprKind::Const(Const::BigInt(s)) => {
                    let v: BigInt = s.parse().ok()?;
                    let f = s.parse::<f64>().unwrap_or(f64::INFINITY);
                    Some((KeyValue::Int(v), f, s.to_string()))
                }
                ExprKind::Const(Const::Float(f)) => {
                    Some((float_key(*f), *f, crate::value::float_repr(*f)))
                }
                ExprKind::Unary(UnaryOp::Neg, x) => match &x.kind {
                    ExprKind::Const(Const::BigInt(s)) => {
                        let v: BigInt = s.parse().ok()?;
                        let f = s.parse::<f64>().unwrap_or(f64::INFINITY);
                        Some((KeyValue::Int(-v), -f, format!("-{s}")))
                    }
                    _ => None,
                },
                _ => None,
            }
        };
        let imag = |e: &Expr| -> Option<f64> {
            match &e.kind {
                ExprKind::Const(Const::Imag(f)) => Some(*f),
                ExprKind::Unary(UnaryOp::Neg, x) => match &x.kind {
                    ExprKind::Const(Const::Imag(f)) => Some(-f),
                    _ => None,
                },
                _ => None,
            }
        };
        let complex = |re: f64, im: f64| -> Key {
            let repr = crate::interp::complex::complex_repr(re, im);
            let value = if im == 0.0 {
                float_key(re)
            } else {
                KeyValue::Complex(re, im)
            };
            Key { value, repr }
        };
        Some(match &e.kind {
            ExprKind::Const(Const::None) => Key {
                value: KeyValue::None,
                repr: "None".into(),
            },
            ExprKind::Const(Const::Bool(b)) => Key {
                value: KeyValue::Int(BigInt::from(*b as i64)),
                repr: if *b { "True" } else { "False" }.into(),
            },
            ExprKind::Const(Const::Str(s)) => Key {
                value: KeyValue::Str(s.as_str().to_string()),
                repr: crate::value::str_repr(s.as_str()),
            },
            ExprKind::Const(Const::Bytes(b)) => Key {
                value: KeyValue::Bytes(b.data.to_vec()),
                repr: crate::interp::bytes::bytes_repr(&b.data, false),
            },
            ExprKind::BinOp(op @ (BinOp::Add | BinOp::Sub), a, b) => {
                let (_, re, _) = real(a)?;
                let im = imag(b)?;
                // `re - imj` is complex(re, 0) - complex(0, im).
                let im = if *op == BinOp::Sub {
                    0.0 - im
                } else {
                    0.0 + im
                };
                complex(re, im)
            }
            _ => {
                if let Some(im) = imag(e) {
                    // `-2j` is -(0+2j): its real part is -0.0.
                    let re = if matches!(e.kind, ExprKind::Unary(..)) {
                        -0.0
                    } else {
                        0.0
                    };
                    return Some(complex(re, im));
                }
                let (value, _, repr) = real(e)?;
                Key { value, repr }
            }
        })
    }
}

/// A float key: integral floats are the int they equal.
fn float_key(f: f64) -> KeyValue {
    if f.is_finite() && f.fract() == 0.0 {
        if let Some(v) = BigInt::from_f64(f) {
            return KeyValue::Int(v);
        }
    }
    KeyValue::Float(f)
}
