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
