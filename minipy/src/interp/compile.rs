//! Expressions compiled to closures.
//!
//! The first time an expression is evaluated, [`compile`] turns it into a tree of closures,
//! kept in the expression's [`Compiled`](crate::ast::Compiled) slot: each closure evaluates
//! one node and calls its children's closures directly, so what the syntax tree says (which
//! kind of node, which operator, which name and its scope mark) is decided once, when the
//! closure is made, instead of by a `match` on every evaluation. Node kinds without a
//! closure of their own here are evaluated by [`Interp::eval_node`] on a copy of the node
//! (whose children are compiled in their turn when it evaluates them), so every expression
//! means exactly what the tree walker makes it mean: each closure calls the same operations
//! ([`Interp::fast_binop`], [`Interp::lookup_at`], [`Interp::call_method_at`], ...) the
//! walker's arm for that node calls, in the same order.

use std::cell::Cell;

use super::{Ctrl, Frame, FrameKind, Interp, PyResult};
use crate::ast::{Arg, Const, Expr, ExprKind, Stmt, StmtKind};
use crate::value::Value;

/// An expression compiled to a closure: evaluates it in a frame.
pub(crate) type CompiledFn = dyn Fn(&Interp, &Frame<'_>) -> PyResult<Value>;

/// A statement compiled to a closure: runs it in a frame.
pub(crate) type CompiledStmt = dyn Fn(&Interp, &Frame<'_>) -> PyResult<()>;

/// A block compiled to closures: each statement's line and closure.
pub(crate) type CompiledBlock = Box<[(u32, Box<CompiledStmt>)]>;

/// The closures of a block's statements.
pub(crate) fn compile_block(block: &[Stmt]) -> CompiledBlock {
    block.iter().map(|s| (s.line, compile_stmt(s))).collect()
}

/// Runs a compiled block as [`Interp::exec_block`] runs the block: the frame's line set to
/// each statement's, pending weak reference callbacks run after each.
pub(crate) fn run_block(
    block: &[(u32, Box<CompiledStmt>)],
    i: &Interp,
    fr: &Frame<'_>,
) -> PyResult<()> {
    for (line, s) in block {
        fr.line.set(*line);
        s(i, fr)?;
        if i.weak_callbacks.have_pending() {
            i.run_pending_callbacks();
        }
    }
    Ok(())
}

/// The closure that runs `s`: the kinds a loop or a function body spends its time in have
/// their own; the others are run by [`Interp::exec`] on a copy of the statement.
fn compile_stmt(s: &Stmt) -> Box<CompiledStmt> {
    match &s.kind {
        StmtKind::Expr(e) => {
            let e = operand(e);
            Box::new(move |i, fr| {
                let v = e.eval(i, fr)?;
                i.echo_if_interactive(v, fr)
            })
        }
        StmtKind::Assign(targets, value) if targets.len() == 1 => {
            let (target, value) = (compile_target(&targets[0]), operand(value));
            Box::new(move |i, fr| {
                let v = value.eval(i, fr)?;
                target(i, v, fr)
            })
        }
        StmtKind::AugAssign(target, op, value) if matches!(target.kind, ExprKind::Name(_)) => {
            let (target, op, value) = (target.clone(), *op, operand(value));
            Box::new(move |i, fr| {
                let ExprKind::Name(n) = &target.kind else {
                    unreachable!("a copy of a name")
                };
                let cur = i.lookup_at(n, &target, fr)?;
                let rhs = value.eval(i, fr)?;
                let v = match Interp::fast_binop(op, &cur, &rhs) {
                    Some(v) => v,
                    None => i.binop_inplace(op, cur, rhs)?,
                };
                i.store_name_at(n, &target.hint, v, fr)
            })
        }
        StmtKind::If(branches, orelse) => {
            let branches: Box<[_]> = branches
                .iter()
                .map(|(c, b)| (c.line, operand(c), compile_block(b)))
                .collect();
            let orelse = orelse.as_deref().map(compile_block);
            Box::new(move |i, fr| {
                for (n, (line, cond, body)) in branches.iter().enumerate() {
                    if n > 0 {
                        // An `elif` condition: a traceback names its line, not the `if`'s.
                        fr.line.set(*line);
                    }
                    let c = cond.eval(i, fr)?;
                    if i.truthy(&c)? {
                        return run_block(body, i, fr);
                    }
                }
                match &orelse {
                    Some(b) => run_block(b, i, fr),
                    None => Ok(()),
                }
            })
        }
        StmtKind::While(cond, body, orelse) => {
            let (cond, body) = (operand(cond), compile_block(body));
            let orelse = orelse.as_deref().map(compile_block);
            Box::new(move |i, fr| loop {
                let c = cond.eval(i, fr)?;
                if !i.truthy(&c)? {
                    if let Some(b) = &orelse {
                        run_block(b, i, fr)?;
                    }
                    return Ok(());
                }
                match run_block(&body, i, fr) {
                    Ok(()) | Err(Ctrl::Continue) => {}
                    Err(Ctrl::Break) => return Ok(()),
                    Err(e) => return Err(e),
                }
            })
        }
        StmtKind::For(target, iter, body, orelse) => {
            let (line, target, iter) = (s.line, compile_target(target), operand(iter));
            let body = compile_block(body);
            let orelse = orelse.as_deref().map(compile_block);
            Box::new(move |i, fr| {
                let it = iter.eval(i, fr)?;
                let mut it = i.iter(&it)?;
                loop {
                    // A traceback through the iterator (a generator's frame) names the `for`.
                    fr.line.set(line);
                    let Some(v) = it.next(i)? else {
                        if let Some(b) = &orelse {
                            run_block(b, i, fr)?;
                        }
                        return Ok(());
                    };
                    target(i, v, fr)?;
                    match run_block(&body, i, fr) {
                        Ok(()) | Err(Ctrl::Continue) => {}
                        Err(Ctrl::Break) => return Ok(()),
                        Err(e) => return Err(e),
                    }
                }
            })
        }
        StmtKind::Return(v) => {
            let v = v.as_ref().map(operand);
            Box::new(move |i, fr| {
                if fr.kind != FrameKind::Function {
                    return Err(i.exc("SyntaxError", "'return' outside function"));
                }
                let v = match &v {
                    Some(e) => e.eval(i, fr)?,
                    None => Value::None,
                };
                Err(Ctrl::Return(v))
            })
        }
        StmtKind::Break => Box::new(|_, _| Err(Ctrl::Break)),
        StmtKind::Continue => Box::new(|_, _| Err(Ctrl::Continue)),
        StmtKind::Pass => Box::new(|_, _| Ok(())),
        _ => {
            let s = s.clone();
            Box::new(move |i, fr| i.exec(&s, fr))
        }
    }
}

/// The closure that evaluates `e`.
pub(crate) fn compile(e: &Expr) -> Box<CompiledFn> {
    match &e.kind {
        ExprKind::Name(_) => {
            let site = e.clone();
            Box::new(move |i, fr| {
                let ExprKind::Name(n) = &site.kind else {
                    unreachable!("a copy of a name")
                };
                match Interp::lookup_hit(n, &site, fr) {
                    Some(v) => Ok(v),
                    None => i.lookup_slow(n, &site, fr),
                }
            })
        }
        ExprKind::Const(c) => match constant(c) {
            Some(v) => Box::new(move |_, _| Ok(v.clone())),
            None => walked(e),
        },
        ExprKind::BinOp(op, a, b) => {
            let (op, a, b) = (*op, operand(a), operand(b));
            Box::new(move |i, fr| {
                i.check_stack()?;
                let l = a.eval(i, fr)?;
                let r = b.eval(i, fr)?;
                if let Some(v) = Interp::fast_binop(op, &l, &r) {
                    return Ok(v);
                }
                i.binop(op, l, r)
            })
        }
        ExprKind::Unary(op, a) => {
            let (op, a) = (*op, operand(a));
            Box::new(move |i, fr| {
                i.check_stack()?;
                let v = a.eval(i, fr)?;
                i.unary(op, v)
            })
        }
        ExprKind::BoolOp(is_and, a, b) => {
            let (is_and, a, b) = (*is_and, operand(a), operand(b));
            Box::new(move |i, fr| {
                i.check_stack()?;
                let l = a.eval(i, fr)?;
                if i.truthy(&l)? == is_and {
                    b.eval(i, fr)
                } else {
                    Ok(l)
                }
            })
        }
        ExprKind::Compare(first, rest) if rest.len() == 1 => {
            let (op, a, b) = (rest[0].0, operand(first), operand(&rest[0].1));
            Box::new(move |i, fr| {
                i.check_stack()?;
                let l = a.eval(i, fr)?;
                let r = b.eval(i, fr)?;
                let holds = match Interp::fast_compare(op, &l, &r) {
                    Some(h) => h,
                    None => i.compare(op, &l, &r)?,
                };
                Ok(Value::Bool(holds))
            })
        }
        ExprKind::IfExp(c, a, b) => {
            let (c, a, b) = (operand(c), operand(a), operand(b));
            Box::new(move |i, fr| {
                i.check_stack()?;
                let cv = c.eval(i, fr)?;
                if i.truthy(&cv)? {
                    a.eval(i, fr)
                } else {
                    b.eval(i, fr)
                }
            })
        }
        ExprKind::Attribute(obj, name) => {
            let (obj, name, hint) = (operand(obj), name.clone(), Cell::new(e.hint.get()));
            Box::new(move |i, fr| {
                i.check_stack()?;
                let o = obj.eval(i, fr)?;
                if let Some(v) = i.instance_attr_at(&o, &name, &hint) {
                    return Ok(v);
                }
                i.get_attr(&o, &name)
            })
        }
        ExprKind::Subscript(obj, idx) => match &idx.kind {
            ExprKind::Slice(lo, hi, step) => {
                let (obj, parts) = (operand(obj), (lo.clone(), hi.clone(), step.clone()));
                Box::new(move |i, fr| {
                    i.check_stack()?;
                    let o = obj.eval(i, fr)?;
                    let (lo, hi, step) = &parts;
                    let b = i.eval_slice_parts(lo, hi, step, fr)?;
                    i.subscript_slice(&o, b)
                })
            }
            _ => {
                let (obj, idx) = (operand(obj), operand(idx));
                Box::new(move |i, fr| {
                    i.check_stack()?;
                    let o = obj.eval(i, fr)?;
                    let x = idx.eval(i, fr)?;
                    i.get_item(&o, &x)
                })
            }
        },
        ExprKind::Call(f, args) => match positional(args) {
            Some(args) => match &f.kind {
                ExprKind::Attribute(obj, name) => {
                    let (obj, name, hint) = (operand(obj), name.clone(), Cell::new(f.hint.get()));
                    Box::new(move |i, fr| {
                        i.check_stack()?;
                        let o = obj.eval(i, fr)?;
                        // Room for the receiver, as the walker's method call leaves.
                        let room = usize::from(!args.is_empty());
                        let pos = eval_all(&args, room, i, fr)?;
                        i.call_method_at(&o, &name, &hint, pos, Vec::new())
                    })
                }
                _ => {
                    let f = operand(f);
                    Box::new(move |i, fr| {
                        i.check_stack()?;
                        let fv = f.eval(i, fr)?;
                        let pos = eval_all(&args, 0, i, fr)?;
                        i.call(&fv, pos, Vec::new())
                    })
                }
            },
            None => walked(e),
        },
        _ => walked(e),
    }
}

/// An assignment target compiled to a closure: binds a value to it in a frame.
type CompiledTarget = dyn Fn(&Interp, Value, &Frame<'_>) -> PyResult<()>;

/// The closure that assigns to `t`, as [`Interp::assign`] does.
fn compile_target(t: &Expr) -> Box<CompiledTarget> {
    match &t.kind {
        ExprKind::Name(_) => {
            let t = t.clone();
            Box::new(move |i, v, fr| {
                let ExprKind::Name(n) = &t.kind else {
                    unreachable!("a copy of a name")
                };
                i.store_name_at(n, &t.hint, v, fr)
            })
        }
        ExprKind::Attribute(obj, name) => {
            let (obj, name, hint) = (operand(obj), name.clone(), Cell::new(t.hint.get()));
            Box::new(move |i, v, fr| {
                let o = obj.eval(i, fr)?;
                match i.store_plain_attr_at(&o, &name, v, &hint) {
                    None => Ok(()),
                    Some(v) => i.set_attr(&o, &name, v),
                }
            })
        }
        ExprKind::Subscript(obj, idx) => match &idx.kind {
            ExprKind::Slice(lo, hi, step) => {
                let (obj, parts) = (operand(obj), (lo.clone(), hi.clone(), step.clone()));
                Box::new(move |i, v, fr| {
                    let o = obj.eval(i, fr)?;
                    let (lo, hi, step) = &parts;
                    let b = i.eval_slice_parts(lo, hi, step, fr)?;
                    i.assign_slice(&o, b, v)
                })
            }
            _ => {
                let (obj, idx) = (operand(obj), operand(idx));
                Box::new(move |i, v, fr| {
                    let o = obj.eval(i, fr)?;
                    let x = idx.eval(i, fr)?;
                    i.set_item(&o, x, v)
                })
            }
        },
        _ => {
            let t = t.clone();
            Box::new(move |i, v, fr| i.assign(&t, v, fr))
        }
    }
}

/// A compiled child of a node. Names and constants, most of the leaves, are evaluated in
/// place by the parent's closure (a branch it predicts) rather than through a closure call of
/// their own (an indirect call shared by every node of the parent's kind).
pub(crate) enum Operand {
    /// A name, as its site (a copy of it, with its own slot cache).
    Name(Box<Expr>),
    /// A literal's value, the same object on every evaluation.
    Const(Value),
    /// Any other node.
    Node(Box<CompiledFn>),
}

impl Operand {
    /// The value of the child in a frame.
    #[inline(always)]
    fn eval(&self, i: &Interp, fr: &Frame<'_>) -> PyResult<Value> {
        match self {
            Operand::Name(site) => {
                let ExprKind::Name(n) = &site.kind else {
                    unreachable!("a copy of a name")
                };
                match Interp::lookup_hit(n, site, fr) {
                    Some(v) => Ok(v),
                    None => i.lookup_slow(n, site, fr),
                }
            }
            Operand::Const(v) => Ok(v.clone()),
            Operand::Node(c) => c(i, fr),
        }
    }
}

/// `e` compiled as a child of a node.
fn operand(e: &Expr) -> Operand {
    match &e.kind {
        ExprKind::Name(_) => Operand::Name(Box::new(e.clone())),
        ExprKind::Const(c) => match constant(c) {
            Some(v) => Operand::Const(v),
            None => Operand::Node(walked(e)),
        },
        _ => Operand::Node(compile(e)),
    }
}

/// A node evaluated by the tree walker, on a copy of it.
fn walked(e: &Expr) -> Box<CompiledFn> {
    let node = e.clone();
    Box::new(move |i, fr| i.eval_node(&node, fr))
}

/// The value of a literal that is the same object on every evaluation (as the walker's
/// `Const` arm gives it), or `None` for one the walker makes anew or may refuse.
fn constant(c: &Const) -> Option<Value> {
    Some(match c {
        Const::None => Value::None,
        Const::Bool(b) => Value::Bool(*b),
        Const::Int(n) => Value::Int(*n),
        Const::Float(f) => Value::Float(*f),
        Const::Str(s) => Value::Str(s.clone()),
        Const::Ellipsis => Value::Ellipsis,
        Const::Bytes(b) => Value::Bytes(b.clone()),
        Const::Folded(v) => v.clone(),
        Const::Imag(_) | Const::BigInt(_) => return None,
    })
}

/// The compiled arguments of a call whose arguments are all plain positional ones.
fn positional(args: &[Arg]) -> Option<Box<[Operand]>> {
    args.iter()
        .map(|a| match a {
            Arg::Pos(x) if !matches!(x.kind, ExprKind::Starred(_)) => Some(operand(x)),
            _ => None,
        })
        .collect()
}

/// The arguments' values, in a vector with room for `room` more.
fn eval_all(args: &[Operand], room: usize, i: &Interp, fr: &Frame<'_>) -> PyResult<Vec<Value>> {
    let mut pos = Vec::with_capacity(args.len() + room);
    for a in args {
        pos.push(a.eval(i, fr)?);
    }
    Ok(pos)
}
