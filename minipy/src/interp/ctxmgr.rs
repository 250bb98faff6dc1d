//! The `with` statement: context managers' `__enter__` and `__exit__`, with CPython's
//! semantics (an exception leaving the body is passed to `__exit__`, and suppressed when it
//! returns a true value; `return`, `break` and `continue` call `__exit__(None, None, None)`).

use super::*;

impl Interp {
    /// Runs `with items: body`; several items nest, the first outermost.
    pub(super) fn exec_with(
        &self,
        items: &[(Expr, Option<Expr>)],
        body: &Block,
        fr: &Frame,
    ) -> PyResult<()> {
        let Some(((e, target), rest)) = items.split_first() else {
            return self.exec_block(body, fr);
        };
        self.check_stack()?;
        let line = fr.line.get();
        let (mgr, exit, v) = self.enter_context(e, fr)?;
        let r = match target {
            Some(t) => self
                .assign(t, v, fr)
                .and_then(|()| self.exec_with(rest, body, fr)),
            None => {
                drop(v);
                self.exec_with(rest, body, fr)
            }
        };
        self.exit_context(mgr, exit, r, line, fr)
    }

    /// A `with` item's start: evaluates the manager and calls its `__enter__`. Returns the
    /// manager, its `__exit__` and what `__enter__` returned (for the `as` target).
    pub(super) fn enter_context(&self, e: &Expr, fr: &Frame) -> PyResult<(Value, Value, Value)> {
        let mgr = self.eval(e, fr)?;
        let (enter, exit) = self.context_methods(&mgr)?;
        let v = self.call(&enter, vec![mgr.clone()], Vec::new())?;
        Ok((mgr, exit, v))
    }

    /// A `with` item's end, given how its body ended (`r`): calls `__exit__` with the exception
    /// (suppressed when it returns a true value) or with three `None`s, at the `with` line.
    pub(super) fn exit_context(
        &self,
        mgr: Value,
        exit: Value,
        r: PyResult<()>,
        line: u32,
        fr: &Frame,
    ) -> PyResult<()> {
        match r {
            Err(Ctrl::Exc(exc)) => {
                let value = exc.value.clone();
                let ty = match &value {
                    Value::Instance(i) => Value::Class(i.class()),
                    _ => Value::None,
                };
                // An exception `__exit__` raises is reported at the `with` line; the body's
                // exception, re-raised, keeps the line it was raised at.
                let body_line = fr.line.replace(line);
                // minipy has no traceback objects: `__exit__` gets a plain object in its place
                // (not None, which would say no exception happened).
                let tb = match self.builtins.object_class.borrow().clone() {
                    Some(c) => Value::Instance(self.new_instance_raw(&c)),
                    None => Value::None,
                };
                self.calls.handling.borrow_mut().push(value.clone());
                let res = self.call(&exit, vec![mgr, ty, value, tb], Vec::new());
                let popped = self.calls.handling.borrow_mut().pop();
                drop(popped);
                if self.truthy(&res?)? {
                    Ok(())
                } else {
                    fr.line.set(body_line);
                    Err(Ctrl::Exc(exc))
                }
            }
            other => {
                fr.line.set(line);
                self.call(
                    &exit,
                    vec![mgr, Value::None, Value::None, Value::None],
                    Vec::new(),
                )?;
                other
            }
        }
    }

    /// The unbound `__enter__` and `__exit__` of a context manager's type.
    fn context_methods(&self, mgr: &Value) -> PyResult<(Value, Value)> {
        let (enter, exit) = match mgr {
            Value::Instance(i) => (i.class().lookup("__enter__"), i.class().lookup("__exit__")),
            _ => (None, None),
        };
        let tn = mgr.type_name();
        match (enter, exit) {
            (Some(en), Some(ex)) => Ok((en, ex)),
            (Some(_), None) => Err(self.type_error(format!(
                "'{tn}' object does not support the context manager protocol (missed __exit__ method)"
            ))),
            _ => Err(self.type_error(format!(
                "'{tn}' object does not support the context manager protocol"
            ))),
        }
    }
}
