//! Annotations: `__annotations__` of modules and classes (`x: T = v` at their top level) and
//! of functions (parameter and return annotations), evaluated as CPython evaluates them.
//! Under `from __future__ import annotations` the parser has already made each annotation
//! the string of its source text.

use std::rc::Rc;

use gc_core::Cc;

use super::*;

impl Interp {
    /// `name: value` stored in the `__annotations__` dict of the frame's namespace (made on
    /// first use).
    pub(super) fn store_annotation(
        &self,
        name: &Rc<str>,
        value: Value,
        fr: &Frame,
    ) -> PyResult<()> {
        let existing = fr.env.get("__annotations__");
        let dict = match existing {
            Some(d) => d,
            None => {
                let d = Value::dict(PyDict::new());
                let old = fr.env.set(Rc::from("__annotations__"), d.clone());
                drop(old);
                d
            }
        };
        self.set_item(&dict, Value::Str(PyStr::from(name)), value)
    }

    /// The `__annotations__` dict of a function being defined, or `None` when it has no
    /// annotations (an empty dict is then made on demand).
    pub(super) fn function_annotations(
        &self,
        def: &FuncDef,
        fr: &Frame,
    ) -> PyResult<Option<Value>> {
        // CPython's order: positional parameters, *args, keyword-only ones, **kwargs, return.
        let star = |i: usize| {
            let name = if i == 0 { &def.vararg } else { &def.kwarg };
            name.as_ref().zip(def.star_annotations[i].as_ref())
        };
        let all: Vec<(&Rc<str>, &Expr)> = def
            .params
            .iter()
            .filter_map(|p| p.annotation.as_ref().map(|a| (&p.name, a)))
            .chain(star(0))
            .chain(
                def.kwonly
                    .iter()
                    .filter_map(|p| p.annotation.as_ref().map(|a| (&p.name, a))),
            )
            .chain(star(1))
            .collect();
        if all.is_empty() && def.returns.is_none() {
            return Ok(None);
        }
        let mut d = PyDict::new();
        for (name, a) in all {
            let v = self.eval(a, fr)?;
            let old = d.insert_str(PyStr::from(name), v);
            drop(old);
        }
        if let Some(r) = &def.returns {
            let v = self.eval(r, fr)?;
            let old = d.insert_str(PyStr::from("return"), v);
            drop(old);
        }
        Ok(Some(Value::dict(d)))
    }

    /// Makes an empty `__annotations__` in `env` when `body` (a module's or a class's) has
    /// annotated names, as CPython does before running the body.
    pub(super) fn setup_annotations(&self, body: &[Stmt], env: &Cc<Env>) {
        // A module's docstring is its `__doc__` (None without one), as CPython stores it.
        let doc = match body.first().map(|s| &s.kind) {
            Some(StmtKind::Expr(e)) => match &e.kind {
                ExprKind::Const(Const::Str(s)) => Value::Str(s.clone()),
                _ => Value::None,
            },
            _ => Value::None,
        };
        if !matches!(doc, Value::None) || !env.contains("__doc__") {
            let old = env.set(Rc::from("__doc__"), doc);
            drop(old);
        }
        if has_annotations(body) && !env.contains("__annotations__") {
            let d = Value::dict(PyDict::new());
            let old = env.set(Rc::from("__annotations__"), d);
            drop(old);
        }
    }
}

/// Whether a module or class body annotates a name (in its own scope: not in the functions
/// and classes it defines). Statement nesting is bounded by the lexer's indentation limit.
fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign(t, _, _) => matches!(t.kind, ExprKind::Name(_)),
        _ => s.scope_blocks().into_iter().any(|b| has_annotations(b)),
    })
}
