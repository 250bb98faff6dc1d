//! Turns an expression back into source text, as `ast.unparse` does: the string an annotation
//! becomes under `from __future__ import annotations`.

use crate::ast::*;
use crate::value::{float_repr, str_repr};

/// The source text of `e` (CPython's spelling for the expressions annotations use: names,
/// attributes, subscripts, calls, literals, tuples, lists and `|` unions).
pub fn unparse(e: &Expr) -> String {
    let mut out = String::new();
    write(e, &mut out, 0);
    out
}

/// Operator precedence, loosest first (as `ast._Precedence`).
fn prec_of(op: BinOp) -> u8 {
    match op {
        BinOp::BitOr => 5,
        BinOp::BitXor => 6,
        BinOp::BitAnd => 7,
        BinOp::LShift | BinOp::RShift => 8,
        BinOp::Add | BinOp::Sub => 9,
        BinOp::Mul | BinOp::Div | BinOp::FloorDiv | BinOp::Mod => 10,
        BinOp::Pow => 12,
    }
}

fn write(e: &Expr, out: &mut String, prec: u8) {
    match &e.kind {
        ExprKind::Const(c) => match c {
            Const::None => out.push_str("None"),
            Const::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
            Const::Int(i) => out.push_str(&i.to_string()),
            Const::BigInt(s) => out.push_str(s),
            Const::Float(f) => out.push_str(&float_repr(*f)),
            Const::Imag(f) => out.push_str(&crate::interp::complex::complex_repr(0.0, *f)),
            Const::Str(s) => out.push_str(&str_repr(s)),
            Const::Ellipsis => out.push_str("..."),
            Const::Bytes(b) => out.push_str(&crate::interp::bytes::bytes_repr(&b.data, false)),
            Const::Folded(v) => folded(v, out),
        },
        ExprKind::Name(n) => out.push_str(n),
        ExprKind::Attribute(o, n) => {
            write(o, out, 14);
            out.push('.');
            out.push_str(n);
        }
        ExprKind::Subscript(o, i) => {
            write(o, out, 14);
            out.push('[');
            match &i.kind {
                ExprKind::Tuple(xs) if !xs.is_empty() => seq(xs, out),
                _ => write(i, out, 0),
            }
            out.push(']');
        }
        ExprKind::Call(f, args) => {
            write(f, out, 14);
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match a {
                    Arg::Pos(e) => write(e, out, 0),
                    Arg::Kw(n, e) => {
                        out.push_str(n);
                        out.push('=');
                        write(e, out, 0);
                    }
                    Arg::Star(e) => {
                        out.push('*');
                        write(e, out, 0);
                    }
                    Arg::DoubleStar(e) => {
                        out.push_str("**");
                        write(e, out, 0);
                    }
                }
            }
            out.push(')');
        }
        ExprKind::BinOp(op, a, b) => {
            let p = prec_of(*op);
            if p < prec {
                out.push('(');
            }
            write(a, out, p);
            out.push(' ');
            out.push_str(match op {
                BinOp::Pow => "**",
                other => other.symbol(),
            });
            out.push(' ');
            write(b, out, p + 1);
            if p < prec {
                out.push(')');
            }
        }
        ExprKind::Tuple(xs) => {
            out.push('(');
            seq(xs, out);
            if xs.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        ExprKind::List(xs) => {
            out.push('[');
            seq(xs, out);
            out.push(']');
        }
        ExprKind::Starred(x) => {
            out.push('*');
            write(x, out, 14);
        }
        _ => out.push_str("..."),
    }
}

fn seq(xs: &[Expr], out: &mut String) {
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write(x, out, 0);
    }
}

/// The source text of a folded constant (see [`Const::Folded`]): a constant's repr, for the
/// values folding makes and the constants they hold.
fn folded(v: &crate::value::Value, out: &mut String) {
    use crate::value::Value;
    match v {
        Value::None => out.push_str("None"),
        Value::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Big(b) => out.push_str(&b.to_string()),
        Value::Float(f) => out.push_str(&float_repr(*f)),
        Value::Complex(c) => out.push_str(&crate::interp::complex::complex_repr(c.re, c.im)),
        Value::Str(s) => out.push_str(&str_repr(s)),
        Value::Ellipsis => out.push_str("..."),
        Value::Bytes(b) => out.push_str(&crate::interp::bytes::bytes_repr(&b.data, false)),
        Value::Tuple(t) => {
            out.push('(');
            for (i, x) in t.items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                folded(x, out);
            }
            if t.items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Value::Set(s) => {
            let members = s.items.borrow().members();
            if members.is_empty() {
                out.push_str("frozenset()");
                return;
            }
            out.push_str("frozenset({");
            for (i, (_, x)) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                folded(x, out);
            }
            out.push_str("})");
        }
        other => out.push_str(&other.type_name()),
    }
}
