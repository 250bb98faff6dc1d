//! Which of a function's local names its nested scopes use: the names CPython makes *cells*.
//!
//! minipy keeps a function's locals in one environment that its nested functions, lambdas,
//! generator expressions and class bodies hold as their parent. CPython's closures hold only
//! the cells of the variables they use, so the other locals die when the call returns. The
//! interpreter matches that by unbinding, when a call returns, every local that is not a cell
//! ([`FuncDef::cells`]); this module works the cells out when a definition is parsed.
//!
//! A scope's *free* names are those it uses (or declares `nonlocal`) without binding them,
//! its nested scopes' free names included; a function's cells are its locals among its nested
//! scopes' free names. A class body is counted as using every name it mentions (it does not
//! hide its own names from enclosing lookups): that may keep a local alive that CPython frees,
//! never the reverse.

use crate::ast::*;

/// What the analysis finds for a function body.
pub struct Captures {
    /// Names the function leaves to its enclosing scopes (see [`FuncDef::free`]).
    pub free: NameSet,
    /// Its locals that nested scopes use, `None` when it has no nested scope.
    pub cells: Option<NameSet>,
}

/// Works out the free names and cells of a function body binding `locals`, declaring
/// `globals` and `nonlocals`.
pub fn analyse(
    body: &[Stmt],
    locals: &NameSet,
    globals: &NameSet,
    nonlocals: &NameSet,
) -> Captures {
    let mut used = NameSet::default();
    let mut nested_free = NameSet::default();
    let nested = uses(body, &mut used, &mut nested_free);
    let cells = nested.then(|| {
        locals
            .iter()
            .filter(|n| nested_free.contains(*n))
            .cloned()
            .collect()
    });
    let free = used
        .into_iter()
        .chain(nested_free)
        .chain(nonlocals.iter().cloned())
        .filter(|n| !locals.contains(n) && !globals.contains(n))
        .collect();
    Captures { free, cells }
}

/// Adds the names `body` mentions in its own scope to `used` and its nested scopes' free
/// names to `nested_free`; says whether it has a nested scope.
fn uses(body: &[Stmt], used: &mut NameSet, nested_free: &mut NameSet) -> bool {
    let mut nested = false;
    crate::yields::walk_block(body, &mut |e, _| match &e.kind {
        ExprKind::Name(n) => {
            used.insert(n.clone());
        }
        ExprKind::Lambda(def) | ExprKind::GenExp(def, _) => {
            nested = true;
            nested_free.extend(def.free.iter().cloned());
        }
        _ => {}
    });
    let mut scopes = Vec::new();
    nested_scopes(body, &mut scopes);
    for s in scopes {
        nested = true;
        match s {
            Nested::Func(def) => nested_free.extend(def.free.iter().cloned()),
            Nested::Class(body) => {
                let mut inner = NameSet::default();
                uses(body, &mut inner, nested_free);
                nested_free.extend(inner);
            }
        }
    }
    nested
}

/// A nested scope defined by a statement.
enum Nested<'a> {
    Func(&'a FuncDef),
    Class(&'a [Stmt]),
}

/// The function and class definitions among `block`'s statements (in compound statements
/// too; not inside those definitions).
fn nested_scopes<'a>(block: &'a [Stmt], out: &mut Vec<Nested<'a>>) {
    for s in block {
        stmt_scopes(s, out);
    }
}

fn stmt_scopes<'a>(s: &'a Stmt, out: &mut Vec<Nested<'a>>) {
    match &s.kind {
        StmtKind::FuncDef(def) => out.push(Nested::Func(def)),
        StmtKind::ClassDef { body, .. } => out.push(Nested::Class(body)),
        StmtKind::Decorated(_, inner) => stmt_scopes(inner, out),
        StmtKind::If(branches, orelse) => {
            for (_, b) in branches {
                nested_scopes(b, out);
            }
            if let Some(b) = orelse {
                nested_scopes(b, out);
            }
        }
        StmtKind::While(_, body, orelse) | StmtKind::For(_, _, body, orelse) => {
            nested_scopes(body, out);
            if let Some(b) = orelse {
                nested_scopes(b, out);
            }
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finally,
        } => {
            nested_scopes(body, out);
            for h in handlers {
                nested_scopes(&h.body, out);
            }
            for b in [orelse, finally].into_iter().flatten() {
                nested_scopes(b, out);
            }
        }
        StmtKind::With(_, body) => nested_scopes(body, out),
        StmtKind::Match(_, cases) => cases.iter().for_each(|c| nested_scopes(&c.body, out)),
        _ => {}
    }
}
