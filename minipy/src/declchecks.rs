//! `SyntaxError`s that CPython's parser and symbol table raise for a program minipy's parser
//! accepts: a bare `except:` before another handler, `nonlocal` at module level, and a
//! `global` / `nonlocal` declaration of a parameter or of a name the scope assigned before
//! it. Checked after parsing, before any of the program runs, with explicit stacks (no
//! recursion over the tree).

use std::collections::HashSet;
use std::rc::Rc;

use crate::ast::{Block, Expr, ExprKind, Stmt, StmtKind};

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
            stack.extend(child_blocks(s).into_iter().map(|b| &b[..]));
            let outer = Rc::new(Vec::new());
            stack.extend(nested_bodies(s, &outer).into_iter().map(|(b, _)| b));
        }
    }
    first
}

/// The blocks of a compound statement that belong to the same scope.
fn child_blocks(s: &Stmt) -> Vec<&Block> {
    match &s.kind {
        StmtKind::If(branches, orelse) => {
            let mut v: Vec<&Block> = branches.iter().map(|(_, b)| b).collect();
            v.extend(orelse.iter());
            v
        }
        StmtKind::While(_, body, orelse) | StmtKind::For(_, _, body, orelse) => {
            let mut v = vec![body];
            v.extend(orelse.iter());
            v
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finally,
        } => {
            let mut v = vec![body];
            v.extend(handlers.iter().map(|h| &h.body));
            v.extend(orelse.iter());
            v.extend(finally.iter());
            v
        }
        StmtKind::With(_, body) => vec![body],
        _ => Vec::new(),
    }
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
                    stack.extend(child_blocks(s).into_iter().map(|b| &b[..]));
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
        bound_names(s, &mut assigned);
        nested.extend(nested_bodies(s, &inner_outer));
        stack.extend(child_blocks(s).into_iter().rev().map(|b| &b[..]));
    }
    None
}
