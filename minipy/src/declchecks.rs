//! `SyntaxError`s that CPython's parser and symbol table raise for a program minipy's parser
//! accepts: a bare `except:` before another handler, `nonlocal` at module level, and a
//! `global` / `nonlocal` declaration of a parameter or of a name the scope assigned before
//! it. Checked after parsing, before any of the program runs, with explicit stacks (no
//! recursion over the tree).

use std::collections::HashSet;
use std::rc::Rc;

use crate::ast::{Expr, ExprKind, Stmt, StmtKind};

/// The kind of scope whose statements are being looked at, with the names bound in each
/// enclosing function (innermost last), which a `nonlocal` declaration must find.
enum Scope {
    Module,
    Class(Rc<Vec<HashSet<Rc<str>>>>),
    /// A function, with its parameter names.
    Function(HashSet<Rc<str>>, Rc<Vec<HashSet<Rc<str>>>>),
}

impl Scope {
    /// The bindings of the enclosing functions.
    fn outer(&self) -> Rc<Vec<HashSet<Rc<str>>>> {
        match self {
            Scope::Module => Rc::new(Vec::new()),
            Scope::Class(o) | Scope::Function(_, o) => o.clone(),
        }
    }
}

/// The first such error: its line and CPython's message. Parser errors (the `except:` order)
/// come before symbol-table errors, which come scope by scope, outer scopes first.
pub fn declaration_error(prog: &[Stmt]) -> Option<(u32, String)> {
    if let Some(line) = misplaced_bare_except(prog) {
        return Some((line, "default 'except:' must be last".into()));
    }
    let mut scopes: Vec<(&[Stmt], Scope)> = vec![(prog, Scope::Module)];
    let mut i = 0;
    while i < scopes.len() {
        let (body, _) = &scopes[i];
        let body: &[Stmt] = body;
        let mut nested = Vec::new();
        if let Some(err) = scope_error(body, &scopes[i].1, &mut nested) {
            return Some(err);
        }
        scopes.extend(nested);
        i += 1;
    }
    None
}

/// The first bare `except:` that another handler follows, anywhere in the program.
fn misplaced_bare_except(prog: &[Stmt]) -> Option<u32> {
    let mut stack: Vec<&[Stmt]> = vec![prog];
    let mut first: Option<u32> = None;
    while let Some(block) = stack.pop() {
        for s in block {
            if let StmtKind::Try { handlers, .. } = &s.kind {
                let n = handlers.len();
                if let Some(h) = handlers[..n.saturating_sub(1)]
                    .iter()
                    .find(|h| h.ty.is_none())
                {
                    first = Some(first.map_or(h.line, |l| l.min(h.line)));
                }
            }
            stack.extend(s.scope_blocks().into_iter().map(|b| &b[..]));
            let outer = Rc::new(Vec::new());
            stack.extend(nested_bodies(s, &outer).into_iter().map(|(b, _)| b));
        }
    }
    first
}

/// The bodies of the functions and classes a statement defines (new scopes); `outer` is what
/// their enclosing functions bind.
fn nested_bodies<'a>(s: &'a Stmt, outer: &Rc<Vec<HashSet<Rc<str>>>>) -> Vec<(&'a [Stmt], Scope)> {
    match &s.kind {
        StmtKind::FuncDef(def) => {
            let mut params: HashSet<Rc<str>> = def
                .params
                .iter()
                .chain(&def.kwonly)
                .map(|p| p.name.clone())
                .collect();
            params.extend(def.vararg.iter().cloned());
            params.extend(def.kwarg.iter().cloned());
            vec![(&def.body[..], Scope::Function(params, outer.clone()))]
        }
        StmtKind::ClassDef { body, .. } => vec![(&body[..], Scope::Class(outer.clone()))],
        StmtKind::Decorated(_, inner) => nested_bodies(inner, outer),
        _ => Vec::new(),
    }
}

fn target_names(t: &Expr, out: &mut HashSet<Rc<str>>) {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match &t.kind {
            ExprKind::Name(n) => {
                out.insert(n.clone());
            }
            ExprKind::Tuple(xs) | ExprKind::List(xs) => stack.extend(xs.iter()),
            ExprKind::Starred(x) => stack.push(x),
            _ => {}
        }
    }
}

/// Adds the names `e` reads (not inside nested function bodies) to `out`.
fn loaded_names(e: &Expr, out: &mut HashSet<Rc<str>>) {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        if let ExprKind::Name(n) = &e.kind {
            out.insert(n.clone());
        }
        crate::yields::each_child(e, &mut |c| stack.push(c));
    }
}

/// Adds the names an assignment target reads (`a` in `a[0] = v` or `a.x = v`) to `out`.
fn target_loads(t: &Expr, out: &mut HashSet<Rc<str>>) {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match &t.kind {
            ExprKind::Name(_) => {}
            ExprKind::Tuple(xs) | ExprKind::List(xs) => stack.extend(xs.iter()),
            ExprKind::Starred(x) => stack.push(x),
            _ => loaded_names(t, out),
        }
    }
}

/// The names a statement reads in its own header (not in its blocks); an augmented
/// assignment's target counts as assigned only, as in CPython's symbol table.
fn used_names(s: &Stmt, out: &mut HashSet<Rc<str>>) {
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) | StmtKind::While(e, ..) => {
            loaded_names(e, out)
        }
        StmtKind::Assign(ts, e) => {
            ts.iter().for_each(|t| target_loads(t, out));
            loaded_names(e, out);
        }
        StmtKind::AugAssign(t, _, e) => {
            target_loads(t, out);
            loaded_names(e, out);
        }
        StmtKind::AnnAssign(t, _, v) => {
            target_loads(t, out);
            v.iter().for_each(|v| loaded_names(v, out));
        }
        StmtKind::If(branches, _) => branches.iter().for_each(|(c, _)| loaded_names(c, out)),
        StmtKind::For(t, it, ..) => {
            target_loads(t, out);
            loaded_names(it, out);
        }
        StmtKind::With(items, _) => items.iter().for_each(|(e, t)| {
            loaded_names(e, out);
            t.iter().for_each(|t| target_loads(t, out));
        }),
        StmtKind::Raise(a, b) => [a, b]
            .into_iter()
            .flatten()
            .for_each(|e| loaded_names(e, out)),
        StmtKind::Assert(a, b) => {
            loaded_names(a, out);
            b.iter().for_each(|b| loaded_names(b, out));
        }
        StmtKind::Del(ts) => ts.iter().for_each(|t| target_loads(t, out)),
        StmtKind::ClassDef { bases, .. } => bases.iter().for_each(|b| loaded_names(b, out)),
        StmtKind::FuncDef(def) => def
            .params
            .iter()
            .chain(&def.kwonly)
            .filter_map(|p| p.default.as_ref())
            .for_each(|d| loaded_names(d, out)),
        StmtKind::Decorated(ds, inner) => {
            ds.iter().for_each(|d| loaded_names(d, out));
            used_names(inner, out);
        }
        StmtKind::Match(subject, cases) => {
            loaded_names(subject, out);
            for c in cases {
                c.pattern
                    .exprs()
                    .into_iter()
                    .for_each(|e| loaded_names(e, out));
                c.guard.iter().for_each(|g| loaded_names(g, out));
            }
        }
        _ => {}
    }
}

/// The names a statement binds in its own scope (not in its blocks).
fn bound_names(s: &Stmt, out: &mut HashSet<Rc<str>>) {
    match &s.kind {
        StmtKind::Assign(ts, _) => ts.iter().for_each(|t| target_names(t, out)),
        StmtKind::AugAssign(t, _, _) | StmtKind::AnnAssign(t, _, _) | StmtKind::For(t, ..) => {
            target_names(t, out)
        }
        StmtKind::With(items, _) => items
            .iter()
            .filter_map(|(_, t)| t.as_ref())
            .for_each(|t| target_names(t, out)),
        StmtKind::FuncDef(def) => {
            out.insert(def.name.clone());
        }
        StmtKind::ClassDef { name, .. } => {
            out.insert(name.clone());
        }
        StmtKind::Decorated(_, inner) => bound_names(inner, out),
        StmtKind::Match(_, cases) => {
            for c in cases {
                out.extend(c.pattern.bound_names().into_iter().map(|(n, _)| n.clone()));
            }
        }
        StmtKind::Import(items) => {
            for (m, alias) in items {
                let n = alias
                    .clone()
                    .unwrap_or_else(|| Rc::from(m.split('.').next().unwrap_or("")));
                out.insert(n);
            }
        }
        StmtKind::FromImport(_, items) => {
            for (n, alias) in items {
                out.insert(alias.clone().unwrap_or_else(|| n.clone()));
            }
        }
        _ => {}
    }
}

/// The first declaration error in one scope's statements, in source order; the scopes it
/// defines are added to `nested`.
fn scope_error<'a>(
    body: &'a [Stmt],
    scope: &Scope,
    nested: &mut Vec<(&'a [Stmt], Scope)>,
) -> Option<(u32, String)> {
    // What scopes nested in this one see as enclosing bindings.
    let inner_outer = match scope {
        Scope::Function(params, outer) => {
            let mut all = params.clone();
            let mut globals = HashSet::new();
            let mut stack: Vec<&[Stmt]> = vec![body];
            while let Some(block) = stack.pop() {
                for s in block {
                    bound_names(s, &mut all);
                    match &s.kind {
                        StmtKind::Nonlocal(ns) => all.extend(ns.iter().cloned()),
                        StmtKind::Global(ns) => globals.extend(ns.iter().cloned()),
                        _ => {}
                    }
                    stack.extend(s.scope_blocks().into_iter().map(|b| &b[..]));
                }
            }
            all.retain(|n| !globals.contains(n));
            let mut v = (**outer).clone();
            v.push(all);
            Rc::new(v)
        }
        _ => scope.outer(),
    };
    let mut assigned: HashSet<Rc<str>> = HashSet::new();
    let mut used: HashSet<Rc<str>> = HashSet::new();
    let mut stack: Vec<&[Stmt]> = vec![body];
    while let Some(block) = stack.pop() {
        let Some((s, rest)) = block.split_first() else {
            continue;
        };
        stack.push(rest);
        let decl = match &s.kind {
            StmtKind::Nonlocal(_) if matches!(scope, Scope::Module) => {
                return Some((
                    s.line,
                    "nonlocal declaration not allowed at module level".into(),
                ))
            }
            StmtKind::Global(names) => Some((names, "global")),
            StmtKind::Nonlocal(names) => Some((names, "nonlocal")),
            _ => None,
        };
        if let Some((names, what)) = decl {
            for n in names {
                if let Scope::Function(params, _) = scope {
                    if params.contains(n) {
                        return Some((s.line, format!("name '{n}' is parameter and {what}")));
                    }
                }
                if used.contains(n) {
                    return Some((
                        s.line,
                        format!("name '{n}' is used prior to {what} declaration"),
                    ));
                }
                if assigned.contains(n) {
                    return Some((
                        s.line,
                        format!("name '{n}' is assigned to before {what} declaration"),
                    ));
                }
            }
        }
        if let StmtKind::Nonlocal(names) = &s.kind {
            let outer = scope.outer();
            if let Some(n) = names.iter().find(|n| !outer.iter().any(|b| b.contains(*n))) {
                return Some((s.line, format!("no binding for nonlocal '{n}' found")));
            }
        }
        used_names(s, &mut used);
        bound_names(s, &mut assigned);
        nested.extend(nested_bodies(s, &inner_outer));
        stack.extend(s.scope_blocks().into_iter().rev().map(|b| &b[..]));
    }
    None
}
