//! Where `yield`, `yield from` and `await` may appear: the analysis of a parsed body that
//! decides whether a function is a generator, refuses what minipy cannot run, and tells the
//! resumable executor (`interp::generator`) which statements can suspend.
//!
//! A generator's frame is resumed statement by statement, so a `yield` (or `yield from`) must
//! be a whole statement: `yield x`, `x = yield y`, `x = yield from g`, `return (yield)` (or a
//! match statement's whole subject: `match (yield):`). Any
//! other position is refused before the program runs (`SyntaxError: not supported by minipy:
//! yield inside an expression`). `await` may appear anywhere in a coroutine: as a whole
//! statement it suspends like `yield from`; inside an expression it runs the awaited object to
//! completion then and there (it raises `RuntimeError` if that object suspends).

use crate::ast::*;

/// The kind of code a body is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A module's (or a class body's) code.
    Module,
    /// An ordinary function.
    Function,
    /// An `async def`.
    AsyncFunction,
}

/// Whether `e` is itself a suspension point (`yield`, `yield from`, `await`).
pub fn is_suspend(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) | ExprKind::Await(_)
    )
}

/// Whether a function body has a `yield` of its own (not one of a nested function's).
pub fn body_has_yield(body: &[Stmt]) -> bool {
    let mut found = false;
    walk_block(body, &mut |e, _| {
        if matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
            found = true;
        }
    });
    found
}

/// Whether executing statement `s` of a generator or coroutine body can suspend the frame: it
/// is a `yield`/`yield from`/`await` statement, or a compound statement with one in its blocks.
pub fn stmt_suspends(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Assign(_, e) | StmtKind::Return(Some(e)) => is_suspend(e),
        StmtKind::If(branches, orelse) => {
            branches.iter().any(|(_, b)| block_suspends(b))
                || orelse.as_ref().is_some_and(|b| block_suspends(b))
        }
        StmtKind::While(_, body, orelse) | StmtKind::For(_, _, body, orelse) => {
            block_suspends(body) || orelse.as_ref().is_some_and(|b| block_suspends(b))
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finally,
        } => {
            block_suspends(body)
                || handlers.iter().any(|h| block_suspends(&h.body))
                || orelse.as_ref().is_some_and(|b| block_suspends(b))
                || finally.as_ref().is_some_and(|b| block_suspends(b))
        }
        StmtKind::With(_, body) => block_suspends(body),
        StmtKind::Match(subject, cases) => {
            is_suspend(subject) || cases.iter().any(|c| block_suspends(&c.body))
        }
        _ => false,
    }
}

/// Whether any statement of `b` can suspend.
pub fn block_suspends(b: &[Stmt]) -> bool {
    b.iter().any(stmt_suspends)
}

/// Checks every `yield` and `await` of a body of kind `scope` (not those of nested functions,
/// which are checked when they are parsed): the first misplaced one's line and message.
pub fn check_body(body: &[Stmt], scope: Scope) -> Result<(), (u32, String)> {
    let mut err: Option<(u32, String)> = None;
    walk_block(body, &mut |e, top| {
        if err.is_some() {
            return;
        }
        let msg = match (&e.kind, scope) {
            (ExprKind::Yield(_) | ExprKind::YieldFrom(_), Scope::Module) => {
                "'yield' outside function"
            }
            (ExprKind::Await(_), Scope::Module) => "'await' outside function",
            (ExprKind::Await(_), Scope::Function) => "'await' outside async function",
            (ExprKind::Yield(_) | ExprKind::YieldFrom(_), Scope::AsyncFunction) => {
                "not supported by minipy: asynchronous generators"
            }
            (ExprKind::Yield(_) | ExprKind::YieldFrom(_), _) if !top => {
                "not supported by minipy: yield inside an expression"
            }
            _ => return,
        };
        err = Some((e.line, msg.to_string()));
    });
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Calls `f(e, top)` for every expression of the block evaluated in this scope, `top` telling
/// whether `e` is in a position the resumable executor can suspend at (the whole value of an
/// expression statement, an assignment, a `return` or a match statement's subject). Nested
/// function and class bodies are not entered (their parameter defaults and bases are).
pub(crate) fn walk_block(block: &[Stmt], f: &mut dyn FnMut(&Expr, bool)) {
    for s in block {
        walk_stmt(s, f);
    }
}

fn walk_stmt(s: &Stmt, f: &mut dyn FnMut(&Expr, bool)) {
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => walk_top(e, f),
        StmtKind::Assign(targets, e) => {
            targets.iter().for_each(|t| walk_expr(t, f));
            walk_top(e, f);
        }
        StmtKind::AugAssign(t, _, e) => {
            walk_expr(t, f);
            walk_expr(e, f);
        }
        StmtKind::Del(ts) => ts.iter().for_each(|t| walk_expr(t, f)),
        StmtKind::If(branches, orelse) => {
            for (c, b) in branches {
                walk_expr(c, f);
                walk_block(b, f);
            }
            if let Some(b) = orelse {
                walk_block(b, f);
            }
        }
        StmtKind::While(c, body, orelse) => {
            walk_expr(c, f);
            walk_block(body, f);
            if let Some(b) = orelse {
                walk_block(b, f);
            }
        }
        StmtKind::For(t, it, body, orelse) => {
            walk_expr(t, f);
            walk_expr(it, f);
            walk_block(body, f);
            if let Some(b) = orelse {
                walk_block(b, f);
            }
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finally,
        } => {
            walk_block(body, f);
            for h in handlers {
                if let Some(t) = &h.ty {
                    walk_expr(t, f);
                }
                walk_block(&h.body, f);
            }
            for b in [orelse, finally].into_iter().flatten() {
                walk_block(b, f);
            }
        }
        StmtKind::Raise(a, b) => {
            for e in [a, b].into_iter().flatten() {
                walk_expr(e, f);
            }
        }
        StmtKind::Assert(a, b) => {
            walk_expr(a, f);
            if let Some(b) = b {
                walk_expr(b, f);
            }
        }
        StmtKind::FuncDef(def) => {
            for p in &def.params {
                if let Some(d) = &p.default {
                    walk_expr(d, f);
                }
            }
        }
        StmtKind::ClassDef { bases, .. } => bases.iter().for_each(|b| walk_expr(b, f)),
        StmtKind::With(items, body) => {
            for (e, target) in items {
                walk_expr(e, f);
                if let Some(t) = target {
                    walk_expr(t, f);
                }
            }
            walk_block(body, f);
        }
        StmtKind::AnnAssign(target, annotation, value) => {
            walk_expr(target, f);
            walk_expr(annotation, f);
            if let Some(v) = value {
                walk_expr(v, f);
            }
        }
        StmtKind::Decorated(decorators, inner) => {
            decorators.iter().for_each(|d| walk_expr(d, f));
            walk_stmt(inner, f);
        }
        StmtKind::Match(subject, cases) => {
            // `match (yield x):` suspends as a statement of its own.
            walk_top(subject, f);
            for c in cases {
                c.pattern.exprs().into_iter().for_each(|e| walk_expr(e, f));
                if let Some(g) = &c.guard {
                    walk_expr(g, f);
                }
                walk_block(&c.body, f);
            }
        }
        _ => {}
    }
}

/// A statement's whole value: a suspension point there is allowed (its operand is not).
fn walk_top(e: &Expr, f: &mut dyn FnMut(&Expr, bool)) {
    if is_suspend(e) {
        f(e, true);
        each_child(e, &mut |c| walk_expr(c, f));
    } else {
        walk_expr(e, f);
    }
}

fn walk_expr(e: &Expr, f: &mut dyn FnMut(&Expr, bool)) {
    f(e, false);
    each_child(e, &mut |c| walk_expr(c, f));
}

/// Calls `f` on each direct subexpression of `e` evaluated in `e`'s scope.
pub(crate) fn each_child<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    match &e.kind {
        ExprKind::Const(_) | ExprKind::Name(_) => {}
        ExprKind::BinOp(_, a, b) | ExprKind::BoolOp(_, a, b) | ExprKind::Subscript(a, b) => {
            f(a);
            f(b);
        }
        ExprKind::Unary(_, a)
        | ExprKind::Starred(a)
        | ExprKind::Attribute(a, _)
        | ExprKind::YieldFrom(a)
        | ExprKind::Await(a)
        | ExprKind::GenExp(_, a)
        | ExprKind::NamedExpr(_, a, _) => f(a),
        ExprKind::Yield(a) => {
            if let Some(a) = a {
                f(a);
            }
        }
        ExprKind::Compare(a, rest) => {
            f(a);
            rest.iter().for_each(|(_, x)| f(x));
        }
        ExprKind::IfExp(a, b, c) => {
            f(a);
            f(b);
            f(c);
        }
        ExprKind::Call(func, args) => {
            f(func);
            for a in args {
                match a {
                    Arg::Pos(x) | Arg::Kw(_, x) | Arg::Star(x) | Arg::DoubleStar(x) => f(x),
                }
            }
        }
        ExprKind::Slice(a, b, c) => {
            for x in [a, b, c].into_iter().flatten() {
                f(x);
            }
        }
        ExprKind::List(xs) | ExprKind::Tuple(xs) | ExprKind::Set(xs) => xs.iter().for_each(f),
        ExprKind::Dict(kv) => kv.iter().for_each(|(k, v)| {
            f(k);
            f(v);
        }),
        ExprKind::Lambda(def) => {
            for p in &def.params {
                if let Some(d) = &p.default {
                    f(d);
                }
            }
        }
        ExprKind::ListComp(a, cs) | ExprKind::SetComp(a, cs) => {
            f(a);
            comps(cs, f);
        }
        ExprKind::DictComp(k, v, cs) => {
            f(k);
            f(v);
            comps(cs, f);
        }
        ExprKind::FString(parts) => {
            for p in parts {
                if let FPart::Expr(x, _, spec) = p {
                    f(x);
                    for q in spec {
                        if let FPart::Expr(y, _, _) = q {
                            f(y);
                        }
                    }
                }
            }
        }
    }
}

fn comps<'a>(cs: &'a [Comprehension], f: &mut dyn FnMut(&'a Expr)) {
    for c in cs {
        f(&c.target);
        f(&c.iter);
        c.ifs.iter().for_each(&mut *f);
    }
}
