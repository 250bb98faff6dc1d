//! Generators and coroutines: their objects and their protocol (`next`, `send`, `throw`,
//! `close`, `yield from` and `await` delegation, finalization).
//!
//! Calling a function whose body has a `yield` (or an `async def`) binds its arguments into a
//! new environment and returns a [`Generator`] holding that environment; nothing runs yet.
//! Each resumption (`next`, `send`, `throw`, iteration, `await`) runs the body with
//! `Interp::gen_resume` until the next suspension point, then returns.
//!
//! Nothing of a suspended frame stays on the Rust stack: where the frame stopped (a stack of
//! `Level`s, one per block entered, each holding what its running statement holds — a `for`
//! loop's iterator, the exception a handler handles, the outcome a `finally` will resume, the
//! delegate of a `yield from`) lives in the generator object between resumptions, a gc-core
//! `Cc` whose `Trace` reports it with the frame's environment, so a generator that refers to
//! itself through its own locals is an ordinary garbage cycle. While a resumption runs, the
//! levels are on the Rust stack (external references: the collector leaves them alone). The
//! executor that walks them is `genexec`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gc_core::{Cc, Finalize, Trace};

use super::genexec::{Level, Step};
use super::*;

/// Where a generator is in its life.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GenStatus {
    /// Made, not yet started.
    Created,
    /// Stopped at a `yield`.
    Suspended,
    /// Running (a resumption is on the Rust stack).
    Running,
    /// Returned, raised, or closed.
    Done,
}

/// A generator or coroutine object.
#[derive(Trace)]
pub struct Generator {
    /// The generator function (its body, name and defining class).
    pub func: Cc<Function>,
    /// The frame's local variables; `None` once the generator has finished (the frame is
    /// released, as CPython clears a finished generator's frame).
    pub env: RefCell<Option<Cc<Env>>>,
    /// Where the suspended frame stopped (empty while running or before the first run).
    pub(crate) state: RefCell<Vec<Level>>,
    /// Where it is in its life.
    #[trace(skip)]
    pub status: Cell<GenStatus>,
    /// The line the frame stopped at.
    #[trace(skip)]
    pub line: Cell<u32>,
    /// The interpreter that runs it (for `close()` when a suspended generator is freed).
    #[trace(skip)]
    pub interp: std::rc::Weak<Interp>,
    /// Where its weak reference callbacks are registered.
    #[trace(skip)]
    pub weak_key: WeakKey,
}

impl Generator {
    /// Whether this is a coroutine (`async def`) rather than a generator.
    pub fn is_coroutine(&self) -> bool {
        self.func.def.is_async
    }

    /// `"generator"` or `"coroutine"`.
    pub fn kind_name(&self) -> &'static str {
        if self.is_coroutine() {
            "coroutine"
        } else {
            "generator"
        }
    }
}

impl Finalize for Generator {
    /// A generator freed while suspended is closed (its `finally` blocks and `except
    /// GeneratorExit` handlers run), as CPython's generator finalizer does; errors are printed
    /// as ignored.
    fn finalize(this: &Cc<Generator>) {
        if this.status.get() != GenStatus::Suspended {
            return;
        }
        if let Some(interp) = this.interp.upgrade() {
            let _g = interp.enter();
            if let Err(Ctrl::Exc(e)) = interp.gen_close(this) {
                let desc = interp.gen_repr(this);
                interp.print_ignored(&desc, &e);
            }
        }
    }
}

impl Drop for Generator {
    /// Queues the callbacks of its weak references (as for instances and functions).
    fn drop(&mut self) {
        crate::weakcb::referent_dropped(&self.weak_key);
    }
}

/// What a `yield from` or `await` delegates to.
#[derive(Trace)]
pub(super) enum Delegate {
    /// A generator or coroutine.
    Gen(Cc<Generator>),
    /// Any other iterator.
    Iter(PyIter),
}

/// How a generator is resumed.
pub enum Resume {
    /// `send(value)` (`next()` sends None).
    Send(Value),
    /// `throw(exc)`: the suspended `yield` raises it.
    Throw(Ctrl),
}

/// What one resumption did.
pub enum GenStep {
    /// Stopped at a `yield` with this value.
    Yielded(Value),
    /// Finished, returning this value (StopIteration's value).
    Returned(Value),
}

impl Interp {
    /// Makes the generator (coroutine) a call of `func` returns, its frame `env`.
    pub(crate) fn make_generator(&self, func: &Cc<Function>, env: Cc<Env>) -> Value {
        let g = Generator {
            func: func.clone(),
            env: RefCell::new(Some(env)),
            state: RefCell::new(Vec::new()),
            status: Cell::new(GenStatus::Created),
            line: Cell::new(func.def.line),
            interp: self.self_weak.clone(),
            weak_key: WeakKey::new(),
        };
        // Only a body with a `try` can run code when closed: the others need no finalizer.
        if has_try(&func.def.body) {
            Value::Gen(Cc::new_finalizable(g))
        } else {
            Value::Gen(Cc::new(g))
        }
    }

    /// `repr()` of a generator: `<generator object f at 0x...>`.
    pub(crate) fn gen_repr(&self, g: &Cc<Generator>) -> String {
        format!(
            "<{} object {} at {:#x}>",
            g.kind_name(),
            g.func.qualname,
            &**g as *const Generator as usize
        )
    }

    /// The exception a finished generator's `return value` raises from `next()`/`send()`.
    pub(crate) fn stop_iteration(&self, v: Value) -> Ctrl {
        let args = if matches!(v, Value::None) {
            vec![]
        } else {
            vec![v]
        };
        self.exc_with("StopIteration", args)
    }

    /// The next value of a generator being iterated, `None` when it finishes.
    pub(crate) fn gen_next(&self, g: &Cc<Generator>) -> PyResult<Option<Value>> {
        match self.gen_resume(g, Resume::Send(Value::None))? {
            GenStep::Yielded(v) => Ok(Some(v)),
            GenStep::Returned(_) => Ok(None),
        }
    }

    /// Resumes a generator: runs its body until it yields, returns or raises.
    pub(crate) fn gen_resume(&self, g: &Cc<Generator>, how: Resume) -> PyResult<GenStep> {
        let kind = g.kind_name();
        match g.status.get() {
            GenStatus::Running => {
                return Err(self.exc("ValueError", &format!("{kind} already executing")))
            }
            GenStatus::Done => {
                return match how {
                    Resume::Throw(e) => Err(e),
                    Resume::Send(_) if g.is_coroutine() => {
                        Err(self.exc("RuntimeError", "cannot reuse already awaited coroutine"))
                    }
                    Resume::Send(_) => Ok(GenStep::Returned(Value::None)),
                }
            }
            GenStatus::Created => match &how {
                Resume::Send(v) if !matches!(v, Value::None) => {
                    return Err(self.type_error(format!(
                        "can't send non-None value to a just-started {kind}"
                    )))
                }
                Resume::Throw(_) => {
                    self.gen_finish(g);
                    let Resume::Throw(e) = how else {
                        unreachable!()
                    };
                    return Err(e);
                }
                Resume::Send(_) => {}
            },
            GenStatus::Suspended => {}
        }
        let depth = self.calls.depth.get();
        if depth >= self.calls.recursion_limit.get() {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.check_stack()?;
        let env = g.env.borrow().clone();
        let Some(env) = env else {
            return Ok(GenStep::Returned(Value::None));
        };
        let func = g.func.clone();
        let def = func.def.clone();
        let mut sent = match g.status.get() {
            GenStatus::Suspended => Some(how),
            _ => None,
        };
        let mut levels = std::mem::take(&mut *g.state.borrow_mut());
        g.status.set(GenStatus::Running);
        let frame = Frame {
            env: env.clone(),
            def: Some(&def),
            kind: FrameKind::Function,
            line: Cell::new(g.line.get()),
            qual: Qual::Func(func.qualname.clone()),
        };
        let pushed = self.push_super_frame(&func, &def, &env);
        self.calls.depth.set(depth + 1);
        self.calls
            .envs
            .borrow_mut()
            .push((def.name.clone(), env.clone()));
        let r = self.g_block(&def.body, &frame, &mut levels, 0, &mut sent);
        let popped = self.calls.envs.borrow_mut().pop();
        drop(popped);
        self.calls.depth.set(depth);
        if pushed {
            let popped = self.calls.super_stack.borrow_mut().pop();
            drop(popped);
        }
        g.line.set(frame.line.get());
        match r {
            Ok(Step::Yield(v)) => {
                let old = std::mem::replace(&mut *g.state.borrow_mut(), levels);
                drop(old);
                g.status.set(GenStatus::Suspended);
                Ok(GenStep::Yielded(v))
            }
            Ok(Step::Done) => {
                drop(levels);
                self.gen_finish(g);
                Ok(GenStep::Returned(Value::None))
            }
            Err(Ctrl::Return(v)) => {
                drop(levels);
                self.gen_finish(g);
                Ok(GenStep::Returned(v))
            }
            Err(Ctrl::Exc(mut e)) => {
                drop(levels);
                self.gen_finish(g);
                e.tb.push(TbEntry {
                    file: def.file.clone(),
                    line: frame.line.get(),
                    name: def.name.clone(),
                });
                if self.exc_matches(&e.value, "StopIteration") {
                    let mut err = self.exc("RuntimeError", &format!("{kind} raised StopIteration"));
                    if let Ctrl::Exc(x) = &mut err {
                        x.tb = e.tb;
                    }
                    return Err(err);
                }
                Err(Ctrl::Exc(e))
            }
            Err(Ctrl::Break) | Err(Ctrl::Continue) => {
                drop(levels);
                self.gen_finish(g);
                Err(self.exc("SyntaxError", "'break' outside loop"))
            }
        }
    }

    /// Marks a generator finished and releases its frame.
    fn gen_finish(&self, g: &Cc<Generator>) {
        g.status.set(GenStatus::Done);
        let old = g.env.borrow_mut().take();
        if let Some(env) = &old {
            crate::interp::release_uncaptured(&g.func.def, env);
        }
        drop(old);
        let old = std::mem::take(&mut *g.state.borrow_mut());
        drop(old);
    }

    /// `gen.close()`: raises `GeneratorExit` at the suspended `yield`.
    pub(crate) fn gen_close(&self, g: &Cc<Generator>) -> PyResult<()> {
        match g.status.get() {
            GenStatus::Created | GenStatus::Done => {
                self.gen_finish(g);
                Ok(())
            }
            GenStatus::Running => Err(self.exc(
                "ValueError",
                &format!("{} already executing", g.kind_name()),
            )),
            GenStatus::Suspended => {
                let exc = self.exc_with("GeneratorExit", vec![]);
                match self.gen_resume(g, Resume::Throw(exc)) {
                    Ok(GenStep::Yielded(_)) => Err(self.exc(
                        "RuntimeError",
                        &format!("{} ignored GeneratorExit", g.kind_name()),
                    )),
                    Ok(GenStep::Returned(_)) => Ok(()),
                    Err(Ctrl::Exc(e))
                        if self.exc_matches(&e.value, "GeneratorExit")
                            || self.exc_matches(&e.value, "StopIteration") =>
                    {
                        Ok(())
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// The exception `gen.throw(args...)` raises in the generator.
    pub(crate) fn throw_arg(&self, args: Vec<Value>) -> PyResult<Ctrl> {
        let mut args = args.into_iter();
        let Some(typ) = args.next() else {
            return Err(self.type_error("throw expected at least 1 argument, got 0".into()));
        };
        let val = args.next().unwrap_or(Value::None);
        match &typ {
            Value::Class(c) if self.is_exception_class(c) => {
                if let Value::Instance(i) = &val {
                    if Class::is_subclass(&i.class(), c) {
                        return self.make_raise(val);
                    }
                }
                let cargs = match val {
                    Value::None => vec![],
                    Value::Tuple(t) => t.items.to_vec(),
                    v => vec![v],
                };
                let inst = self.call(&typ, cargs, Vec::new())?;
                self.make_raise(inst)
            }
            Value::Instance(_) => {
                if !matches!(val, Value::None) {
                    return Err(
                        self.type_error("instance exception may not have a separate value".into())
                    );
                }
                self.make_raise(typ)
            }
            other => Err(self.type_error(format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                other.type_name()
            ))),
        }
    }

    /// `gen.name` for a generator or coroutine.
    pub(crate) fn gen_attr(&self, g: &Cc<Generator>, name: &str) -> PyResult<Value> {
        match name {
            "__name__" => Ok(Value::Str(PyStr::from(&g.func.def.name))),
            "__qualname__" => Ok(Value::Str(PyStr::from(&g.func.qualname))),
            "gi_running" | "cr_running" => Ok(Value::Bool(g.status.get() == GenStatus::Running)),
            "gi_suspended" | "cr_suspended" => {
                Ok(Value::Bool(g.status.get() == GenStatus::Suspended))
            }
            _ => {
                if crate::types::has_method(&Value::Gen(g.clone()), name) {
                    return Ok(Value::Method(Cc::new(Method {
                        recv: Value::Gen(g.clone()),
                        func: MethodFunc::Native(Rc::from(name)),
                    })));
                }
                Err(self.exc(
                    "AttributeError",
                    &format!("'{}' object has no attribute '{name}'", g.kind_name()),
                ))
            }
        }
    }

    /// What `await v` delegates to: a coroutine, or the iterator `v.__await__()` returns.
    pub(super) fn await_delegate(&self, v: &Value) -> PyResult<Delegate> {
        match v {
            Value::Gen(g) if g.is_coroutine() => return Ok(Delegate::Gen(g.clone())),
            Value::Instance(i) => {
                if let Some(f) = i.class().lookup("__await__") {
                    let it = self.call(&f, vec![v.clone()], Vec::new())?;
                    return match &it {
                        // A coroutine's own `__await__()` is the coroutine (CPython: a wrapper
                        // iterating it).
                        Value::Gen(g) => Ok(Delegate::Gen(g.clone())),
                        Value::Iter(_) => Ok(Delegate::Iter(self.iter(&it)?)),
                        Value::Instance(i2) if i2.class().lookup("__next__").is_some() => {
                            Ok(Delegate::Iter(PyIter::Object(it)))
                        }
                        other => Err(self.type_error(format!(
                            "__await__() returned non-iterator of type '{}'",
                            other.type_name()
                        ))),
                    };
                }
            }
            _ => {}
        }
        Err(self.type_error(format!(
            "object {} can't be used in 'await' expression",
            v.type_name()
        )))
    }

    /// What `yield from v` delegates to.
    pub(super) fn yield_from_delegate(&self, v: &Value) -> PyResult<Delegate> {
        match v {
            Value::Gen(g) if g.is_coroutine() => Err(self.type_error(
                "cannot 'yield from' a coroutine object in a non-coroutine generator".into(),
            )),
            Value::Gen(g) => Ok(Delegate::Gen(g.clone())),
            _ => Ok(Delegate::Iter(self.iter(v)?)),
        }
    }

    /// Passes a resumption on to a delegate.
    pub(super) fn delegate_step(&self, d: &mut Delegate, how: Resume) -> PyResult<GenStep> {
        match d {
            Delegate::Gen(g) => {
                let g = g.clone();
                match how {
                    Resume::Throw(Ctrl::Exc(e)) if self.exc_matches(&e.value, "GeneratorExit") => {
                        self.gen_close(&g)?;
                        Err(Ctrl::Exc(e))
                    }
                    how => self.gen_resume(&g, how),
                }
            }
            Delegate::Iter(it) => match how {
                Resume::Send(Value::None) => Ok(match it.next(self)? {
                    Some(v) => GenStep::Yielded(v),
                    None => GenStep::Returned(Value::None),
                }),
                Resume::Send(v) => {
                    let PyIter::Object(o) = it else {
                        let kind = match it {
                            PyIter::List(..) => "list_iterator",
                            PyIter::Tuple(..) => "tuple_iterator",
                            PyIter::Range(..) | PyIter::WideRange(_) => "range_iterator",
                            PyIter::Str(s, _) if s.is_ascii() => "str_ascii_iterator",
                            PyIter::Str(..) => "str_iterator",
                            PyIter::Dict(..) => "dict_keyiterator",
                            PyIter::Set(..) => "set_iterator",
                            PyIter::Iter(o) => o.kind,
                            _ => "iterator",
                        };
                        return Err(self.exc(
                            "AttributeError",
                            &format!("'{kind}' object has no attribute 'send'"),
                        ));
                    };
                    let o = o.clone();
                    self.object_step(&o, "send", vec![v])
                }
                Resume::Throw(e) => {
                    if let (PyIter::Object(o), Ctrl::Exc(x)) = (&*it, &e) {
                        let o = o.clone();
                        if self.exc_matches(&x.value, "GeneratorExit") {
                            if self.get_attr(&o, "close").is_ok() {
                                self.call_method(&o, &Rc::from("close"), Vec::new(), Vec::new())?;
                            }
                        } else if self.get_attr(&o, "throw").is_ok() {
                            let v = x.value.clone();
                            return self.object_step(&o, "throw", vec![v]);
                        }
                    }
                    Err(e)
                }
            },
        }
    }

    /// Calls `o.name(args)` on an iterator object: its result is yielded; a `StopIteration`
    /// it raises ends the delegation with the exception's value.
    fn object_step(&self, o: &Value, name: &str, args: Vec<Value>) -> PyResult<GenStep> {
        match self.call_method(o, &Rc::from(name), args, Vec::new()) {
            Ok(v) => Ok(GenStep::Yielded(v)),
            Err(Ctrl::Exc(e)) if self.exc_matches(&e.value, "StopIteration") => {
                let v = match &e.value {
                    Value::Instance(i) => match i.attrs.borrow().get("args") {
                        Some(Value::Tuple(t)) => t.items.first().cloned().unwrap_or(Value::None),
                        _ => Value::None,
                    },
                    _ => Value::None,
                };
                Ok(GenStep::Returned(v))
            }
            Err(e) => Err(e),
        }
    }

    /// `await v` inside an expression: runs the awaited object to completion now.
    pub(crate) fn await_now(&self, v: &Value) -> PyResult<Value> {
        let mut d = self.await_delegate(v)?;
        match self.delegate_step(&mut d, Resume::Send(Value::None))? {
            GenStep::Returned(v) => Ok(v),
            GenStep::Yielded(_) => Err(self.exc(
                "RuntimeError",
                "not supported by minipy: an 'await' inside an expression on an object that \
                 suspends (await it in a statement of its own: 'x = await ...')",
            )),
        }
    }
}

/// Whether a body has a `try` statement (of its own) anywhere.
fn has_try(block: &[Stmt]) -> bool {
    block.iter().any(|s| match &s.kind {
        StmtKind::Try { .. } | StmtKind::With(..) => true,
        StmtKind::If(branches, orelse) => {
            branches.iter().any(|(_, b)| has_try(b)) || orelse.as_ref().is_some_and(|b| has_try(b))
        }
        StmtKind::While(_, b, orelse) | StmtKind::For(_, _, b, orelse) => {
            has_try(b) || orelse.as_ref().is_some_and(|b| has_try(b))
        }
        StmtKind::Match(_, cases) => cases.iter().any(|c| has_try(&c.body)),
        _ => false,
    })
}
