//! The resumable executor that runs generator and coroutine bodies (see `generator` for the
//! objects and their protocol).
//!
//! Where a suspended frame stopped is a stack of [`Level`]s, one per block entered (the
//! function body, a loop's body, a `try`'s handler or `finally` ...): the index of the
//! statement running in that block and what that statement holds while suspended. Between
//! resumptions the levels live in the generator object and are traced with it. On resumption
//! the executor walks down the levels, re-entering each compound statement at its block and
//! statement, until it reaches the suspended `yield`, which evaluates to the value sent (or
//! raises the exception thrown). Statements that cannot suspend run through the ordinary
//! evaluator (`Interp::exec`); `crate::yields` says which can.

use gc_core::Trace;

use super::generator::{Delegate, GenStep, Resume};
use super::*;
use crate::yields::stmt_suspends;

/// One block the suspended frame is in: which statement runs, and what it holds.
#[derive(Trace)]
pub(crate) struct Level {
    /// Index of the running statement in its block.
    idx: usize,
    /// The statement's own state.
    sub: Sub,
}

/// What a statement of a suspended frame holds.
#[derive(Trace)]
enum Sub {
    /// Not started.
    Fresh,
    /// In branch `i` of an `if` (`branches.len()` for the `else` block), or in case `i` of a
    /// `match`.
    If(usize),
    /// In a `while` (`it: None`) or `for` loop: its iterator; in its `else` block or body.
    Loop { it: Option<PyIter>, in_else: bool },
    /// In a `try` statement.
    Try(TryPhase),
    /// In a `with` statement's body: the managers entered (outermost first) with their
    /// `__exit__`, and the statement's line.
    With {
        entered: Vec<(Value, Value)>,
        #[trace(skip)]
        line: u32,
    },
    /// Stopped at this statement's `yield`.
    Yield,
    /// In this statement's `yield from` / `await`, delegating to a generator or iterator.
    Delegate(Delegate),
}

/// Which block of a `try` statement runs.
#[derive(Trace)]
enum TryPhase {
    /// The guarded body.
    Body,
    /// Handler `i`, handling this exception (value and traceback).
    Handler(usize, Value, #[trace(skip)] Vec<TbEntry>),
    /// The `else` block.
    Else,
    /// The `finally` block, and what happens when it ends.
    Finally(Pending),
}

/// The outcome a `finally` block resumes when it ends normally.
#[derive(Trace)]
enum Pending {
    /// Carry on after the `try` statement.
    Normal,
    /// Raise this exception (value and traceback).
    Exc(Value, #[trace(skip)] Vec<TbEntry>),
    /// `return value`.
    Return(Value),
    /// `break`.
    Break,
    /// `continue`.
    Continue,
}

impl Pending {
    fn of(r: PyResult<()>) -> Pending {
        match r {
            Ok(()) => Pending::Normal,
            Err(Ctrl::Exc(e)) => {
                let e = *e;
                Pending::Exc(e.value, e.tb)
            }
            Err(Ctrl::Return(v)) => Pending::Return(v),
            Err(Ctrl::Break) => Pending::Break,
            Err(Ctrl::Continue) => Pending::Continue,
        }
    }
    fn into_result(self) -> PyResult<()> {
        match self {
            Pending::Normal => Ok(()),
            Pending::Exc(value, tb) => Err(Ctrl::Exc(Box::new(PyException { value, tb }))),
            Pending::Return(v) => Err(Ctrl::Return(v)),
            Pending::Break => Err(Ctrl::Break),
            Pending::Continue => Err(Ctrl::Continue),
        }
    }
}

/// What running a block (or statement) of a generator did.
pub(super) enum Step {
    /// Ran to its end.
    Done,
    /// Suspended, yielding this value.
    Yield(Value),
}

/// Where the value of a suspending statement goes.
enum Sink<'a> {
    /// `yield x` as a statement: dropped.
    Discard,
    /// `t = yield x`: assigned.
    Assign(&'a [Expr]),
    /// `return (yield x)`: returned.
    Return,
    /// `match (yield x):`: kept here for the statement.
    Keep(&'a mut Option<Value>),
}

impl Interp {
    /// Runs (or resumes, when `st` has a level `lvl`) `block` at level `lvl`.
    pub(super) fn g_block(
        &self,
        block: &[Stmt],
        fr: &Frame,
        st: &mut Vec<Level>,
        lvl: usize,
        sent: &mut Option<Resume>,
    ) -> PyResult<Step> {
        if st.len() <= lvl {
            st.push(Level {
                idx: 0,
                sub: Sub::Fresh,
            });
        }
        loop {
            let idx = st[lvl].idx;
            let Some(s) = block.get(idx) else {
                st.truncate(lvl);
                return Ok(Step::Done);
            };
            fr.line.set(s.line);
            let r = if matches!(st[lvl].sub, Sub::Fresh) && !stmt_suspends(s) {
                self.exec(s, fr).map(|()| Step::Done)
            } else {
                self.g_stmt(s, fr, st, lvl, sent)
            };
            match r {
                Ok(Step::Done) => {
                    st[lvl].idx += 1;
                    let old = std::mem::replace(&mut st[lvl].sub, Sub::Fresh);
                    drop(old);
                    if self.weak_callbacks.have_pending() {
                        self.run_pending_callbacks();
                    }
                }
                Ok(y) => return Ok(y),
                Err(e) => {
                    st.truncate(lvl);
                    return Err(e);
                }
            }
        }
    }

    /// Runs or resumes statement `s`, the running one of level `lvl`, which can suspend.
    fn g_stmt(
        &self,
        s: &Stmt,
        fr: &Frame,
        st: &mut Vec<Level>,
        lvl: usize,
        sent: &mut Option<Resume>,
    ) -> PyResult<Step> {
        match &s.kind {
            StmtKind::Expr(e) => self.g_suspend(e, Sink::Discard, fr, st, lvl, sent),
            StmtKind::Assign(targets, e) => {
                self.g_suspend(e, Sink::Assign(targets), fr, st, lvl, sent)
            }
            StmtKind::Return(Some(e)) => self.g_suspend(e, Sink::Return, fr, st, lvl, sent),
            StmtKind::If(branches, orelse) => {
                let i = match st[lvl].sub {
                    Sub::If(i) => i,
                    _ => {
                        let mut chosen = branches.len();
                        for (i, (c, _)) in branches.iter().enumerate() {
                            let v = self.eval(c, fr)?;
                            if self.truthy(&v)? {
                                chosen = i;
                                break;
                            }
                        }
                        st[lvl].sub = Sub::If(chosen);
                        chosen
                    }
                };
                let block = match branches.get(i) {
                    Some((_, b)) => b,
                    None => match orelse {
                        Some(b) => b,
                        None => return Ok(Step::Done),
                    },
                };
                self.g_block(block, fr, st, lvl + 1, sent)
            }
            StmtKind::While(cond, body, orelse) => {
                let mut resuming = match &st[lvl].sub {
                    Sub::Loop { in_else, .. } => Some(*in_else),
                    _ => None,
                };
                if resuming.is_none() {
                    st[lvl].sub = Sub::Loop {
                        it: None,
                        in_else: false,
                    };
                }
                loop {
                    match resuming {
                        Some(true) => {
                            let Some(b) = orelse else {
                                return Ok(Step::Done);
                            };
                            return self.g_block(b, fr, st, lvl + 1, sent);
                        }
                        Some(false) => {}
                        None => {
                            let c = self.eval(cond, fr)?;
                            if !self.truthy(&c)? {
                                let Some(b) = orelse else {
                                    return Ok(Step::Done);
                                };
                                st[lvl].sub = Sub::Loop {
                                    it: None,
                                    in_else: true,
                                };
                                return self.g_block(b, fr, st, lvl + 1, sent);
                            }
                        }
                    }
                    resuming = None;
                    match self.g_block(body, fr, st, lvl + 1, sent) {
                        Ok(Step::Done) | Err(Ctrl::Continue) => {}
                        Err(Ctrl::Break) => return Ok(Step::Done),
                        other => return other,
                    }
                }
            }
            StmtKind::For(target, iter, body, orelse) => {
                let mut resuming = match &st[lvl].sub {
                    Sub::Loop { in_else, .. } => Some(*in_else),
                    _ => None,
                };
                if resuming.is_none() {
                    let v = self.eval(iter, fr)?;
                    let it = self.iter(&v)?;
                    st[lvl].sub = Sub::Loop {
                        it: Some(it),
                        in_else: false,
                    };
                }
                loop {
                    match resuming {
                        Some(true) => {
                            let Some(b) = orelse else {
                                return Ok(Step::Done);
                            };
                            return self.g_block(b, fr, st, lvl + 1, sent);
                        }
                        Some(false) => {}
                        None => {
                            fr.line.set(s.line);
                            let next = match &mut st[lvl].sub {
                                Sub::Loop { it: Some(it), .. } => it.next(self)?,
                                _ => None,
                            };
                            let Some(v) = next else {
                                let Some(b) = orelse else {
                                    return Ok(Step::Done);
                                };
                                let old = std::mem::replace(
                                    &mut st[lvl].sub,
                                    Sub::Loop {
                                        it: None,
                                        in_else: true,
                                    },
                                );
                                drop(old);
                                return self.g_block(b, fr, st, lvl + 1, sent);
                            };
                            self.assign(target, v, fr)?;
                        }
                    }
                    resuming = None;
                    match self.g_block(body, fr, st, lvl + 1, sent) {
                        Ok(Step::Done) | Err(Ctrl::Continue) => {}
                        Err(Ctrl::Break) => return Ok(Step::Done),
                        other => return other,
                    }
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally,
            } => self.g_try(body, handlers, orelse, finally, fr, st, lvl, sent),
            StmtKind::With(items, body) => self.g_with(items, body, fr, st, lvl, sent),
            StmtKind::Match(subject, cases) => {
                let i = match st[lvl].sub {
                    Sub::If(i) => i,
                    _ => {
                        // The subject may itself suspend (`match (yield x):`).
                        let v = if crate::yields::is_suspend(subject) {
                            let mut slot = None;
                            let sink = Sink::Keep(&mut slot);
                            if let Step::Yield(y) =
                                self.g_suspend(subject, sink, fr, st, lvl, sent)?
                            {
                                return Ok(Step::Yield(y));
                            }
                            slot.unwrap_or(Value::None)
                        } else {
                            self.eval(subject, fr)?
                        };
                        let chosen = self.choose_case(&v, cases, fr)?.unwrap_or(cases.len());
                        st[lvl].sub = Sub::If(chosen);
                        chosen
                    }
                };
                match cases.get(i) {
                    Some(c) => self.g_block(&c.body, fr, st, lvl + 1, sent),
                    None => Ok(Step::Done),
                }
            }
            // Any other statement has no suspension point of its own (see `yields`).
            _ => self.exec(s, fr).map(|()| Step::Done),
        }
    }

    /// Runs or resumes a `with` statement at level `lvl`: its items are entered in order (as
    /// nested statements), its body may suspend, and the managers' `__exit__` run in reverse
    /// order however the body ends (`close()` ends it with `GeneratorExit`).
    fn g_with(
        &self,
        items: &[(Expr, Option<Expr>)],
        body: &Block,
        fr: &Frame,
        st: &mut Vec<Level>,
        lvl: usize,
        sent: &mut Option<Resume>,
    ) -> PyResult<Step> {
        if !matches!(st[lvl].sub, Sub::With { .. }) {
            st[lvl].sub = Sub::With {
                entered: Vec::new(),
                line: fr.line.get(),
            };
            for (e, target) in items {
                let entered = self.enter_context(e, fr).and_then(|(mgr, exit, v)| {
                    if let Sub::With { entered, .. } = &mut st[lvl].sub {
                        entered.push((mgr, exit));
                    }
                    match target {
                        Some(t) => self.assign(t, v, fr),
                        None => Ok(()),
                    }
                });
                if let Err(err) = entered {
                    return self.g_with_exit(st, lvl, Err(err), fr).map(|()| Step::Done);
                }
            }
        }
        let r = match self.g_block(body, fr, st, lvl + 1, sent) {
            Ok(Step::Yield(v)) => return Ok(Step::Yield(v)),
            Ok(Step::Done) => Ok(()),
            Err(e) => Err(e),
        };
        self.g_with_exit(st, lvl, r, fr).map(|()| Step::Done)
    }

    /// Calls the `__exit__` of every manager the `with` at level `lvl` entered, innermost
    /// first, each seeing how the code inside it ended.
    fn g_with_exit(
        &self,
        st: &mut [Level],
        lvl: usize,
        mut r: PyResult<()>,
        fr: &Frame,
    ) -> PyResult<()> {
        let Sub::With { entered, line } = std::mem::replace(&mut st[lvl].sub, Sub::Fresh) else {
            return r;
        };
        for (mgr, exit) in entered.into_iter().rev() {
            r = self.exit_context(mgr, exit, r, line, fr);
        }
        r
    }

    /// Runs or resumes a `try` statement at level `lvl`.
    #[allow(clippy::too_many_arguments)]
    fn g_try(
        &self,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &Option<Block>,
        finally: &Option<Block>,
        fr: &Frame,
        st: &mut Vec<Level>,
        lvl: usize,
        sent: &mut Option<Resume>,
    ) -> PyResult<Step> {
        // 0: body, 1: handler, 2: else, 3: finally.
        let phase = match &st[lvl].sub {
            Sub::Try(TryPhase::Body) => 0,
            Sub::Try(TryPhase::Handler(..)) => 1,
            Sub::Try(TryPhase::Else) => 2,
            Sub::Try(TryPhase::Finally(_)) => 3,
            _ => {
                st[lvl].sub = Sub::Try(TryPhase::Body);
                0
            }
        };
        let result: PyResult<()> = match phase {
            0 => match self.g_block(body, fr, st, lvl + 1, sent) {
                Ok(Step::Yield(v)) => return Ok(Step::Yield(v)),
                Ok(Step::Done) => match orelse {
                    Some(b) => {
                        st[lvl].sub = Sub::Try(TryPhase::Else);
                        match self.g_block(b, fr, st, lvl + 1, sent) {
                            Ok(Step::Yield(v)) => return Ok(Step::Yield(v)),
                            Ok(Step::Done) => Ok(()),
                            Err(e) => Err(e),
                        }
                    }
                    None => Ok(()),
                },
                Err(Ctrl::Exc(e)) => {
                    let mut found = None;
                    let mut failed = None;
                    for (i, h) in handlers.iter().enumerate() {
                        let matched = match &h.ty {
                            None => true,
                            Some(t) => match self.eval(t, fr) {
                                Ok(tv) => self.exception_matches(&e.value, &tv)?,
                                Err(err) => {
                                    failed = Some(err);
                                    break;
                                }
                            },
                        };
                        if matched {
                            found = Some(i);
                            break;
                        }
                    }
                    match (failed, found) {
                        (Some(err), _) => Err(err),
                        (None, None) => Err(Ctrl::Exc(e)),
                        (None, Some(i)) => {
                            let h = &handlers[i];
                            let e = *e;
                            if let Some(n) = &h.name {
                                self.store_name(n, e.value.clone(), fr)?;
                            }
                            st[lvl].sub = Sub::Try(TryPhase::Handler(i, e.value, e.tb));
                            match self.g_handler(handlers, fr, st, lvl, sent) {
                                Ok(r) => r,
                                Err(v) => return Ok(Step::Yield(v)),
                            }
                        }
                    }
                }
                Err(other) => Err(other),
            },
            1 => match self.g_handler(handlers, fr, st, lvl, sent) {
                Ok(r) => r,
                Err(v) => return Ok(Step::Yield(v)),
            },
            2 => {
                let Some(b) = orelse else {
                    return Ok(Step::Done);
                };
                match self.g_block(b, fr, st, lvl + 1, sent) {
                    Ok(Step::Yield(v)) => return Ok(Step::Yield(v)),
                    Ok(Step::Done) => Ok(()),
                    Err(e) => Err(e),
                }
            }
            _ => Ok(()),
        };
        let Some(fb) = finally else {
            return result.map(|()| Step::Done);
        };
        if phase != 3 {
            st[lvl].sub = Sub::Try(TryPhase::Finally(Pending::of(result)));
        }
        match self.g_block(fb, fr, st, lvl + 1, sent)? {
            Step::Yield(v) => Ok(Step::Yield(v)),
            Step::Done => {
                let old = std::mem::replace(&mut st[lvl].sub, Sub::Fresh);
                match old {
                    Sub::Try(TryPhase::Finally(p)) => p.into_result().map(|()| Step::Done),
                    _ => Ok(Step::Done),
                }
            }
        }
    }

    /// Runs or resumes the `except` handler the `try` at level `lvl` is in: how the handler
    /// ended, or `Err(value)` when it suspended yielding `value`.
    fn g_handler(
        &self,
        handlers: &[Handler],
        fr: &Frame,
        st: &mut Vec<Level>,
        lvl: usize,
        sent: &mut Option<Resume>,
    ) -> Result<PyResult<()>, Value> {
        let (i, ev) = match &st[lvl].sub {
            Sub::Try(TryPhase::Handler(i, ev, _)) => (*i, ev.clone()),
            _ => return Ok(Ok(())),
        };
        let h = &handlers[i];
        self.calls.handling.borrow_mut().push(ev.clone());
        let r = self.g_block(&h.body, fr, st, lvl + 1, sent);
        let popped = self.calls.handling.borrow_mut().pop();
        drop(popped);
        let r = match r {
            Ok(Step::Yield(v)) => return Err(v),
            Ok(Step::Done) => Ok(()),
            Err(e) => Err(e),
        };
        if let Some(n) = &h.name {
            let _ = self.delete_name(n, fr);
        }
        let tb = match &st[lvl].sub {
            Sub::Try(TryPhase::Handler(_, _, tb)) => tb.clone(),
            _ => Vec::new(),
        };
        Ok(match r {
            Err(Ctrl::Exc(mut e2)) => {
                if e2.tb.is_empty() && is_same(&e2.value, &ev) {
                    e2.tb = tb;
                }
                Err(Ctrl::Exc(e2))
            }
            other => other,
        })
    }

    /// Runs or resumes a statement whose whole value `e` is a `yield`, `yield from` or
    /// `await`, the value going to `sink`.
    fn g_suspend(
        &self,
        e: &Expr,
        sink: Sink,
        fr: &Frame,
        st: &mut [Level],
        lvl: usize,
        sent: &mut Option<Resume>,
    ) -> PyResult<Step> {
        let how = match &st[lvl].sub {
            Sub::Fresh => match &e.kind {
                ExprKind::Yield(x) => {
                    let v = match x {
                        Some(x) => self.eval(x, fr)?,
                        None => Value::None,
                    };
                    st[lvl].sub = Sub::Yield;
                    return Ok(Step::Yield(v));
                }
                ExprKind::YieldFrom(x) => {
                    let v = self.eval(x, fr)?;
                    st[lvl].sub = Sub::Delegate(self.yield_from_delegate(&v)?);
                    Resume::Send(Value::None)
                }
                ExprKind::Await(x) => {
                    let v = self.eval(x, fr)?;
                    st[lvl].sub = Sub::Delegate(self.await_delegate(&v)?);
                    Resume::Send(Value::None)
                }
                _ => {
                    let v = self.eval(e, fr)?;
                    return self.g_sink(sink, v, fr);
                }
            },
            Sub::Yield => {
                st[lvl].sub = Sub::Fresh;
                match sent.take() {
                    Some(Resume::Throw(err)) => return Err(err),
                    Some(Resume::Send(v)) => return self.g_sink(sink, v, fr),
                    None => return self.g_sink(sink, Value::None, fr),
                }
            }
            _ => sent.take().unwrap_or(Resume::Send(Value::None)),
        };
        let Sub::Delegate(d) = &mut st[lvl].sub else {
            return Ok(Step::Done);
        };
        match self.delegate_step(d, how)? {
            GenStep::Yielded(v) => Ok(Step::Yield(v)),
            GenStep::Returned(v) => {
                let old = std::mem::replace(&mut st[lvl].sub, Sub::Fresh);
                drop(old);
                self.g_sink(sink, v, fr)
            }
        }
    }

    /// Sends the value of a finished suspension point where its statement puts it.
    fn g_sink(&self, sink: Sink, v: Value, fr: &Frame) -> PyResult<Step> {
        match sink {
            Sink::Discard => Ok(Step::Done),
            Sink::Assign(targets) => {
                for t in targets {
                    self.assign(t, v.clone(), fr)?;
                }
                Ok(Step::Done)
            }
            Sink::Return => Err(Ctrl::Return(v)),
            Sink::Keep(slot) => {
                *slot = Some(v);
                Ok(Step::Done)
            }
        }
    }
}
