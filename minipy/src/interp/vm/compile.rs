//! Function body → bytecode. Anything not handled makes the whole function ineligible.

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use super::{Code, Op, Site};
use crate::ast::*;
use crate::value::{PyStr, Value};

/// Not compiled (the tree runs the function).
struct No;

type R = Result<(), No>;

/// Names whose calls need the function's environment (or a frame the machine does not keep).
const NEEDS_ENV: &[&str] = &["locals", "vars", "exec", "eval", "dir"];

struct Loop {
    head: usize,
    breaks: Vec<usize>,
    is_for: bool,
    /// How many `except` blocks were running where the loop starts (a `break` or `continue`
    /// ends those entered since).
    handlers: usize,
}

/// A `try` statement with a `finally` block whose body (or `except` part) is being compiled.
struct Fin<'a> {
    /// The `finally` block, compiled once for each way out of the `try`.
    body: &'a [Stmt],
    /// The op ranges its exception region covers so far: the copies of `finally` blocks that a
    /// `return`, `break` or `continue` runs are left out (an exception raised in one is not
    /// this `try`'s to handle).
    ranges: Vec<(u32, u32)>,
    /// Where the range being covered now starts.
    open: u32,
    /// How many loops, `except` blocks, `try` bodies with `except` and live iterators there
    /// were where the statement starts.
    loops: usize,
    handlers: usize,
    trys: usize,
    iters: u32,
}

struct Compiler<'a> {
    def: &'a FuncDef,
    code: Code,
    slots: HashMap<Rc<str>, u32>,
    loops: Vec<Loop>,
    /// The target names of the comprehensions being compiled, innermost last, with their
    /// slots (each comprehension's names are its own, as its scope is in the tree).
    comps: Vec<HashMap<Rc<str>, u32>>,
    /// How many `for` iterators are live at this point of the code.
    iters: u32,
    /// The `except` blocks this point of the code is in, innermost last, with the slot of
    /// their `as` name.
    handlers: Vec<Option<u32>>,
    /// The `try` statements with `finally` this point of the code is in, innermost last.
    fins: Vec<Fin<'a>>,
    /// How many bodies of `try` statements with `except` this point of the code is in.
    open_trys: usize,
}

/// Compiles `def` if it is eligible.
pub(super) fn compile(def: &FuncDef) -> Option<Code> {
    if def.is_generator
        || def.is_async
        || !def.nonlocals.is_empty()
        || NEEDS_ENV.iter().any(|n| def.free.contains(*n))
    {
        return None;
    }
    let mut c = Compiler {
        def,
        code: Code {
            ops: Vec::new(),
            local_names: Vec::new(),
            nparams: 0,
            globals: Vec::new(),
            global_stores: Vec::new(),
            attrs: Vec::new(),
            consts: Vec::new(),
            kwnames: Vec::new(),
            regions: Vec::new(),
        },
        slots: HashMap::new(),
        loops: Vec::new(),
        comps: Vec::new(),
        iters: 0,
        handlers: Vec::new(),
        fins: Vec::new(),
        open_trys: 0,
    };
    let params = def
        .params
        .iter()
        .chain(&def.kwonly)
        .map(|p| &p.name)
        .chain(def.vararg.iter())
        .chain(def.kwarg.iter());
    for p in params {
        c.slot(p);
    }
    c.code.nparams = c.code.local_names.len();
    c.block(&def.body).ok()?;
    c.code.ops.push(Op::ReturnNone);
    Some(c.code)
}

impl<'a> Compiler<'a> {
    fn slot(&mut self, name: &Rc<str>) -> u32 {
        if let Some(&s) = self.slots.get(name) {
            return s;
        }
        let s = self.code.local_names.len() as u32;
        self.code.local_names.push(name.clone());
        self.slots.insert(name.clone(), s);
        s
    }

    fn emit(&mut self, op: Op) -> usize {
        self.code.ops.push(op);
        self.code.ops.len() - 1
    }

    fn here(&self) -> u32 {
        self.code.ops.len() as u32
    }

    /// Points the jump at `at` to the next op.
    fn patch(&mut self, at: usize) {
        let to = self.here();
        match &mut self.code.ops[at] {
            Op::Jump(t)
            | Op::PopJumpIfFalse(t)
            | Op::PopJumpIfTrue(t)
            | Op::JumpIfFalseOrPop(t)
            | Op::JumpIfTrueOrPop(t)
            | Op::ForIter(t)
            | Op::CompareOrJump(_, t)
            | Op::ExcMatch(t) => *t = to,
            _ => unreachable!("patching a non-jump"),
        }
    }

    fn attr(&mut self, name: &Rc<str>) -> u32 {
        self.code.attrs.push(Site {
            name: name.clone(),
            hint: Cell::new(0),
        });
        (self.code.attrs.len() - 1) as u32
    }

    fn constant(&mut self, v: Value) {
        self.code.consts.push(v);
        let i = (self.code.consts.len() - 1) as u32;
        self.emit(Op::Const(i));
    }

    fn block(&mut self, b: &'a [Stmt]) -> R {
        for s in b {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> R {
        self.emit(Op::Line(s.line));
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(Op::Pop);
            }
            StmtKind::Assign(targets, value) => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Dup);
                    }
                    self.store(t)?;
                }
            }
            StmtKind::AugAssign(target, op, value) => match &target.kind {
                ExprKind::Name(n) => {
                    self.load_name(n, target)?;
                    self.expr(value)?;
                    self.emit(Op::Inplace(*op));
                    self.store_name(n)?;
                }
                ExprKind::Attribute(obj, name) => {
                    self.expr(obj)?;
                    self.emit(Op::Dup);
                    let a = self.attr(name);
                    self.emit(Op::GetAttr(a));
                    self.expr(value)?;
                    self.emit(Op::Inplace(*op));
                    self.emit(Op::SetAttr(a));
                }
                ExprKind::Subscript(obj, idx) if !matches!(idx.kind, ExprKind::Slice(..)) => {
                    self.expr(obj)?;
                    self.expr(idx)?;
                    self.emit(Op::Dup2);
                    self.emit(Op::Subscr);
                    self.expr(value)?;
                    self.emit(Op::Inplace(*op));
                    self.emit(Op::SetItem);
                }
                _ => return Err(No),
            },
            StmtKind::If(branches, orelse) => {
                let mut ends = Vec::new();
                for (i, (cond, body)) in branches.iter().enumerate() {
                    if i > 0 {
                        self.emit(Op::SetLine(cond.line));
                    }
                    self.expr(cond)?;
                    let skip = self.emit(Op::PopJumpIfFalse(0));
                    self.block(body)?;
                    ends.push(self.emit(Op::Jump(0)));
                    self.patch(skip);
                }
                if let Some(b) = orelse {
                    self.block(b)?;
                }
                for e in ends {
                    self.patch(e);
                }
            }
            StmtKind::While(cond, body, orelse) => {
                let head = self.code.ops.len();
                self.expr(cond)?;
                let exit = self.emit(Op::PopJumpIfFalse(0));
                self.loops.push(Loop {
                    head,
                    breaks: Vec::new(),
                    is_for: false,
                    handlers: self.handlers.len(),
                });
                self.block(body)?;
                self.emit(Op::Jump(head as u32));
                let lp = self.loops.pop().ok_or(No)?;
                self.patch(exit);
                if let Some(b) = orelse {
                    self.block(b)?;
                }
                for b in lp.breaks {
                    self.patch(b);
                }
            }
            StmtKind::For(target, iter, body, orelse) => {
                self.expr(iter)?;
                self.emit(Op::GetIter);
                self.iters += 1;
                let head = self.emit(Op::SetLine(s.line));
                let next = self.emit(Op::ForIter(0));
                self.store(target)?;
                self.loops.push(Loop {
                    head,
                    breaks: Vec::new(),
                    is_for: true,
                    handlers: self.handlers.len(),
                });
                self.block(body)?;
                self.emit(Op::Jump(head as u32));
                let lp = self.loops.pop().ok_or(No)?;
                self.iters -= 1;
                self.patch(next);
                if let Some(b) = orelse {
                    self.block(b)?;
                }
                for b in lp.breaks {
                    self.patch(b);
                }
            }
            StmtKind::Break => {
                let lp = self.loops.last().ok_or(No)?;
                let (is_for, handlers) = (lp.is_for, lp.handlers);
                let crossing = self.fins_in_loop();
                self.through_finallies(crossing, |c| {
                    c.leave_handlers(handlers);
                    if is_for {
                        c.emit(Op::PopIter);
                    }
                    let j = c.emit(Op::Jump(0));
                    c.loops.last_mut().ok_or(No)?.breaks.push(j);
                    Ok(())
                })?;
            }
            StmtKind::Continue => {
                let lp = self.loops.last().ok_or(No)?;
                let (head, handlers) = (lp.head, lp.handlers);
                let crossing = self.fins_in_loop();
                self.through_finallies(crossing, |c| {
                    c.leave_handlers(handlers);
                    c.emit(Op::Jump(head as u32));
                    Ok(())
                })?;
            }
            StmtKind::Return(v) => {
                match v {
                    Some(e) => self.expr(e)?,
                    None => self.constant(Value::None),
                }
                if self.fins.is_empty() {
                    self.leave_handlers(0);
                    self.emit(Op::Return);
                } else {
                    // The value waits in a slot of its own while the `finally` blocks run.
                    let keep = self.hidden_slot(&Rc::from("<return>"));
                    self.emit(Op::StoreLocal(keep));
                    self.through_finallies(self.fins.len(), |c| {
                        c.emit(Op::LoadLocal(keep));
                        c.leave_handlers(0);
                        c.emit(Op::Return);
                        Ok(())
                    })?;
                }
            }
            StmtKind::Pass | StmtKind::Global(_) => {}
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally: None,
            } if !handlers.is_empty() => self.try_except(body, handlers, orelse.as_deref())?,
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally: Some(fin),
            } => self.try_finally(body, handlers, orelse.as_deref(), fin)?,
            StmtKind::Raise(e, cause) => match e {
                None => {
                    self.emit(Op::Reraise);
                }
                Some(e) => {
                    self.expr(e)?;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        self.emit(Op::Pop);
                    }
                    self.emit(Op::Raise);
                }
            },
            StmtKind::Assert(test, msg) => {
                self.expr(test)?;
                let ok = self.emit(Op::PopJumpIfTrue(0));
                if let Some(m) = msg {
                    self.expr(m)?;
                }
                self.emit(Op::AssertFail(msg.is_some()));
                self.patch(ok);
            }
            _ => return Err(No),
        }
        Ok(())
    }

    /// A site for a name read that is not a local (for the tree's lookup functions).
    fn global_site(&mut self, n: &Rc<str>, line: u32) -> u32 {
        let g = Expr::new(ExprKind::Name(n.clone()), line);
        g.scope.set(NameScope::Outer);
        self.code.globals.push(g);
        (self.code.globals.len() - 1) as u32
    }

    /// A fresh slot, not a name of the function (a comprehension's target).
    fn hidden_slot(&mut self, name: &Rc<str>) -> u32 {
        let s = self.code.local_names.len() as u32;
        self.code.local_names.push(name.clone());
        s
    }

    /// Ends the `except` blocks entered past the first `keep` (innermost first), as leaving
    /// them by `return`, `break` or `continue` does in the tree: the exception is no longer
    /// being handled and the `as` name is unbound.
    fn leave_handlers(&mut self, keep: usize) {
        let inner: Vec<Option<u32>> = self.handlers[keep..].iter().rev().copied().collect();
        for name in inner {
            self.emit(Op::PopHandling);
            if let Some(s) = name {
                self.emit(Op::ClearLocal(s));
            }
            self.emit(Op::PopExc);
        }
    }

    /// `try` with `except` clauses (and `else`), no `finally`: the body is a region of the
    /// exception table whose exceptions jump to the handler code with the exception pending.
    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [Handler],
        orelse: Option<&'a [Stmt]>,
    ) -> R {
        let excs = self.handlers.len() as u32;
        let start = self.here();
        self.open_trys += 1;
        let compiled = self.block(body);
        self.open_trys -= 1;
        compiled?;
        let end = self.here();
        if let Some(b) = orelse {
            self.block(b)?;
        }
        let mut ends = vec![self.emit(Op::Jump(0))];
        self.code.regions.push(super::Region {
            start,
            end,
            target: self.here(),
            iters: self.iters,
            excs,
        });
        for h in handlers {
            let skip = match &h.ty {
                Some(t) => {
                    self.emit(Op::SetLine(h.line));
                    self.expr(t)?;
                    Some(self.emit(Op::ExcMatch(0)))
                }
                None => None,
            };
            let name = match &h.name {
                Some(n) => {
                    if !self.def.locals.contains(n) {
                        return Err(No);
                    }
                    let s = self.slot(n);
                    self.emit(Op::ExcValue);
                    self.emit(Op::StoreLocal(s));
                    Some(s)
                }
                None => None,
            };
            self.emit(Op::PushHandling);
            self.handlers.push(name);
            let hstart = self.here();
            self.block(&h.body)?;
            let hend = self.here();
            self.handlers.pop();
            self.emit(Op::PopHandling);
            if let Some(s) = name {
                self.emit(Op::ClearLocal(s));
            }
            self.emit(Op::PopExc);
            ends.push(self.emit(Op::Jump(0)));
            // Raised in the handler: it ends, and the new exception goes on.
            self.code.regions.push(super::Region {
                start: hstart,
                end: hend,
                target: self.here(),
                iters: self.iters,
                excs: excs + 1,
            });
            self.emit(Op::PopHandling);
            if let Some(s) = name {
                self.emit(Op::ClearLocal(s));
            }
            self.emit(Op::HandlerExit);
            if let Some(j) = skip {
                self.patch(j);
            }
        }
        self.emit(Op::ReraisePending);
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    /// `try` with `finally` (and maybe `except` clauses): the `finally` block is compiled where
    /// the `try` ends normally, at each `return`, `break` or `continue` that leaves it
    /// ([`Compiler::through_finallies`]), and once more as the target of its exception region,
    /// which runs it with the exception pending (and handled: a bare `raise` raises it) and
    /// raises that again, as the tree does. A
    /// `finally` block that itself returns, breaks or continues is not compiled.
    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [Handler],
        orelse: Option<&'a [Stmt]>,
        fin: &'a [Stmt],
    ) -> R {
        if leaves(fin) {
            return Err(No);
        }
        let excs = self.handlers.len() as u32;
        self.fins.push(Fin {
            body: fin,
            ranges: Vec::new(),
            open: self.here(),
            loops: self.loops.len(),
            handlers: self.handlers.len(),
            trys: self.open_trys,
            iters: self.iters,
        });
        let compiled = if handlers.is_empty() {
            self.block(body)
        } else {
            self.try_except(body, handlers, orelse)
        };
        let f = self.fins.pop().ok_or(No)?;
        compiled?;
        let mut ranges = f.ranges;
        ranges.push((f.open, self.here()));
        self.block(fin)?;
        let end = self.emit(Op::Jump(0));
        // Raised in the `try` (its `except` and `else` parts included): the `finally` block
        // runs with the exception pending (a pending exception for what it compiles), then
        // the exception goes on.
        let target = self.here();
        for (start, end) in ranges.into_iter().filter(|(a, b)| a < b) {
            self.code.regions.push(super::Region {
                start,
                end,
                target,
                iters: f.iters,
                excs,
            });
        }
        // While it runs, the pending exception is the one being handled (a bare `raise` there
        // raises it).
        self.emit(Op::PushHandling);
        let start = self.here();
        self.handlers.push(None);
        let compiled = self.block(fin);
        self.handlers.pop();
        compiled?;
        let stop = self.here();
        self.emit(Op::PopHandling);
        self.emit(Op::ReraisePending);
        // Raised in that `finally` block: the new exception replaces the pending one.
        let target = self.here();
        self.code.regions.push(super::Region {
            start,
            end: stop,
            target,
            iters: f.iters,
            excs,
        });
        self.emit(Op::PopHandling);
        self.emit(Op::ReraisePending);
        self.patch(end);
        Ok(())
    }

    /// How many of the innermost `try` statements with `finally` a `break` or `continue`
    /// leaves: those inside the innermost loop.
    fn fins_in_loop(&self) -> usize {
        let loops = self.loops.len();
        self.fins
            .iter()
            .rev()
            .take_while(|f| f.loops >= loops)
            .count()
    }

    /// Leaves the innermost `crossing` `try` statements with `finally`: their `finally` blocks
    /// are compiled here, innermost first, then `exit` (the jump or return). Each copy is left
    /// out of the exception regions of its own `try` and the ones inside it, and stays in those
    /// of the `try` statements around it, as the tree runs it. Not compiled when an `except`
    /// block or a `try` body with `except` is open inside those statements (its region would
    /// cover the copies).
    fn through_finallies(&mut self, crossing: usize, exit: impl FnOnce(&mut Self) -> R) -> R {
        if crossing == 0 {
            return exit(self);
        }
        let first = self.fins.len() - crossing;
        let outer = &self.fins[first];
        if self.handlers.len() != outer.handlers || self.open_trys != outer.trys {
            return Err(No);
        }
        let mut crossed = self.fins.split_off(first);
        for k in (0..crossed.len()).rev() {
            let here = self.here();
            let f = &mut crossed[k];
            f.ranges.push((f.open, here));
            let body = f.body;
            self.block(body)?;
        }
        exit(self)?;
        let here = self.here();
        for f in &mut crossed {
            f.open = here;
        }
        self.fins.extend(crossed);
        Ok(())
    }

    fn load_name(&mut self, n: &Rc<str>, site: &Expr) -> R {
        if let Some(&s) = self.comps.iter().rev().find_map(|c| c.get(n)) {
            self.emit(Op::LoadLocal(s));
            return Ok(());
        }
        let in_comp = !self.comps.is_empty();
        match site.scope.get() {
            NameScope::Local => {
                if !self.def.locals.contains(n) {
                    return Err(No);
                }
                let s = self.slot(n);
                if in_comp {
                    let g = self.global_site(n, site.line);
                    self.emit(Op::LoadLocalInComp(s, g));
                } else {
                    self.emit(Op::LoadLocal(s));
                }
            }
            NameScope::Outer => {
                if in_comp && self.def.locals.contains(n) {
                    return Err(No);
                }
                let i = self.global_site(n, site.line);
                if self.def.globals.contains(n) {
                    self.emit(Op::LoadDeclGlobal(i));
                } else {
                    self.emit(Op::LoadGlobal(i));
                }
            }
            NameScope::Unknown => return Err(No),
        }
        Ok(())
    }

    fn store_name(&mut self, n: &Rc<str>) -> R {
        if !self.comps.is_empty() {
            return Err(No);
        }
        if self.def.globals.contains(n) {
            self.code.global_stores.push(Site {
                name: n.clone(),
                hint: Cell::new(0),
            });
            let i = (self.code.global_stores.len() - 1) as u32;
            self.emit(Op::StoreGlobal(i));
        } else if self.def.locals.contains(n) {
            let s = self.slot(n);
            self.emit(Op::StoreLocal(s));
        } else {
            return Err(No);
        }
        Ok(())
    }

    /// Stores the top of the stack into the target `t`.
    fn store(&mut self, t: &Expr) -> R {
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute(obj, name) => {
                self.expr(obj)?;
                let a = self.attr(name);
                self.emit(Op::StoreAttr(a));
                Ok(())
            }
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj)?;
                if let ExprKind::Slice(lo, hi, step) = &idx.kind {
                    self.slice_parts(lo, hi, step)?;
                    self.emit(Op::SliceStore);
                } else {
                    self.expr(idx)?;
                    self.emit(Op::StoreSubscr);
                }
                Ok(())
            }
            ExprKind::Tuple(targets) | ExprKind::List(targets) => {
                self.unpack_into(targets, Self::store)
            }
            _ => Err(No),
        }
    }

    /// Unpacks the top of the stack into `targets` (no starred one), each stored by `store`.
    fn unpack_into(&mut self, targets: &[Expr], store: fn(&mut Self, &Expr) -> R) -> R {
        if targets
            .iter()
            .any(|t| matches!(t.kind, ExprKind::Starred(_)))
        {
            return Err(No);
        }
        self.emit(Op::Unpack(targets.len() as u32));
        for t in targets {
            store(self, t)?;
        }
        Ok(())
    }

    /// Stores the top of the stack into a comprehension's target (names only).
    fn store_comp_target(&mut self, t: &Expr) -> R {
        match &t.kind {
            ExprKind::Name(n) => {
                let known = self.comps.last().ok_or(No)?.get(n).copied();
                let s = match known {
                    Some(s) => s,
                    None => {
                        let s = self.hidden_slot(n);
                        self.comps.last_mut().ok_or(No)?.insert(n.clone(), s);
                        s
                    }
                };
                self.emit(Op::StoreLocal(s));
                Ok(())
            }
            ExprKind::Tuple(targets) | ExprKind::List(targets) => {
                self.unpack_into(targets, Self::store_comp_target)
            }
            _ => Err(No),
        }
    }

    /// A list (kind 0), set (1) or dict (2) comprehension, its loops inline, its targets in
    /// slots of its own.
    fn comprehension(
        &mut self,
        kind: u8,
        comps: &[Comprehension],
        elt: &Expr,
        val: Option<&Expr>,
    ) -> R {
        let first = comps.first().ok_or(No)?;
        self.emit(Op::CompStart(kind));
        // The first iterable is evaluated in the enclosing scope.
        self.expr(&first.iter)?;
        self.comps.push(HashMap::new());
        let mut loops = Vec::new();
        for (i, c) in comps.iter().enumerate() {
            if i > 0 {
                self.expr(&c.iter)?;
            }
            self.emit(Op::GetIter);
            let head = self.emit(Op::ForIter(0));
            self.store_comp_target(&c.target)?;
            for cond in &c.ifs {
                self.expr(cond)?;
                self.emit(Op::PopJumpIfFalse(head as u32));
            }
            loops.push(head);
        }
        self.expr(elt)?;
        if let Some(v) = val {
            self.expr(v)?;
        }
        self.emit(Op::CompAdd);
        for head in loops.into_iter().rev() {
            self.emit(Op::Jump(head as u32));
            self.patch(head);
        }
        let scope = self.comps.pop().ok_or(No)?;
        self.emit(Op::CompEnd);
        // Its names go when it ends, as its scope does in the tree.
        let mut slots: Vec<u32> = scope.into_values().collect();
        slots.sort_unstable();
        for s in slots {
            self.emit(Op::ClearLocal(s));
        }
        Ok(())
    }

    fn slice_parts(
        &mut self,
        lo: &Option<Box<Expr>>,
        hi: &Option<Box<Expr>>,
        step: &Option<Box<Expr>>,
    ) -> R {
        for p in [lo, hi, step] {
            match p {
                Some(e) => self.expr(e)?,
                None => self.constant(Value::None),
            }
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> R {
        match &e.kind {
            ExprKind::Const(c) => {
                let v = match c {
                    Const::None => Value::None,
                    Const::Bool(b) => Value::Bool(*b),
                    Const::Int(i) => Value::Int(*i),
                    Const::Float(f) => Value::Float(*f),
                    Const::Str(s) => Value::Str(s.clone()),
                    Const::Ellipsis => Value::Ellipsis,
                    Const::Bytes(b) => Value::Bytes(b.clone()),
                    Const::Folded(v) => v.clone(),
                    Const::Imag(_) | Const::BigInt(_) => return Err(No),
                };
                self.constant(v);
            }
            ExprKind::Name(n) => self.load_name(n, e)?,
            ExprKind::BinOp(op, a, b) => {
                self.expr(a)?;
                self.expr(b)?;
                self.emit(Op::BinOp(*op));
            }
            ExprKind::Unary(op, a) => {
                self.expr(a)?;
                self.emit(Op::Unary(*op));
            }
            ExprKind::BoolOp(is_and, a, b) => {
                self.expr(a)?;
                let j = if *is_and {
                    self.emit(Op::JumpIfFalseOrPop(0))
                } else {
                    self.emit(Op::JumpIfTrueOrPop(0))
                };
                self.expr(b)?;
                self.patch(j);
            }
            ExprKind::Compare(first, rest) => {
                self.expr(first)?;
                let mut fails = Vec::new();
                for (i, (op, r)) in rest.iter().enumerate() {
                    self.expr(r)?;
                    if i + 1 < rest.len() {
                        fails.push(self.emit(Op::CompareOrJump(*op, 0)));
                    } else {
                        self.emit(Op::Compare(*op));
                    }
                }
                for f in fails {
                    self.patch(f);
                }
            }
            ExprKind::IfExp(c, a, b) => {
                self.expr(c)?;
                let skip = self.emit(Op::PopJumpIfFalse(0));
                self.expr(a)?;
                let end = self.emit(Op::Jump(0));
                self.patch(skip);
                self.expr(b)?;
                self.patch(end);
            }
            ExprKind::Call(f, args) => {
                let method = match &f.kind {
                    ExprKind::Attribute(obj, name) => {
                        self.expr(obj)?;
                        Some(self.attr(name))
                    }
                    _ => {
                        self.expr(f)?;
                        None
                    }
                };
                let mut npos = 0u32;
                let mut kws: Vec<Rc<str>> = Vec::new();
                for a in args {
                    match a {
                        Arg::Pos(x) if kws.is_empty() => {
                            self.expr(x)?;
                            npos += 1;
                        }
                        Arg::Kw(n, x) => {
                            self.expr(x)?;
                            kws.push(n.clone());
                        }
                        _ => return Err(No),
                    }
                }
                let kw = if kws.is_empty() {
                    None
                } else {
                    self.code.kwnames.push(kws);
                    Some((self.code.kwnames.len() - 1) as u32)
                };
                match (method, kw) {
                    (Some(a), None) => self.emit(Op::CallMethod(a, npos)),
                    (Some(a), Some(k)) => self.emit(Op::CallMethodKw(a, npos, k)),
                    (None, None) => self.emit(Op::Call(npos)),
                    (None, Some(k)) => self.emit(Op::CallKw(npos, k)),
                };
            }
            ExprKind::Attribute(obj, name) => {
                self.expr(obj)?;
                let a = self.attr(name);
                self.emit(Op::LoadAttr(a));
            }
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj)?;
                if let ExprKind::Slice(lo, hi, step) = &idx.kind {
                    self.slice_parts(lo, hi, step)?;
                    self.emit(Op::SliceGet);
                } else {
                    self.expr(idx)?;
                    self.emit(Op::Subscr);
                }
            }
            ExprKind::List(xs) | ExprKind::Tuple(xs) => {
                for x in xs {
                    if matches!(x.kind, ExprKind::Starred(_)) {
                        return Err(No);
                    }
                    self.expr(x)?;
                }
                let n = xs.len() as u32;
                if matches!(e.kind, ExprKind::List(_)) {
                    self.emit(Op::BuildList(n));
                } else {
                    self.emit(Op::BuildTuple(n));
                }
            }
            ExprKind::Dict(kvs) => {
                for (k, v) in kvs {
                    if matches!(k.kind, ExprKind::Starred(_)) {
                        return Err(No);
                    }
                    self.expr(k)?;
                    self.expr(v)?;
                }
                self.emit(Op::BuildDict(kvs.len() as u32));
            }
            ExprKind::ListComp(elt, comps) => self.comprehension(0, comps, elt, None)?,
            ExprKind::SetComp(elt, comps) => self.comprehension(1, comps, elt, None)?,
            ExprKind::DictComp(k, v, comps) => self.comprehension(2, comps, k, Some(v))?,
            ExprKind::FString(parts) => self.fstring(parts)?,
            _ => return Err(No),
        }
        Ok(())
    }

    /// An f-string: each part pushed as a string, then joined. A replacement field is its
    /// value, converted (`!r`, `!s`, `!a`), then its spec (itself an f-string), then formatted:
    /// the order of the tree's `Interp::fstring`.
    fn fstring(&mut self, parts: &[FPart]) -> R {
        for p in parts {
            match p {
                FPart::Lit(l) => self.constant(Value::Str(PyStr::from(l.as_str()))),
                FPart::Expr(e, conv, spec) => {
                    self.expr(e)?;
                    match conv {
                        Some('r') | Some('a') => {
                            self.emit(Op::Convert(true));
                        }
                        Some('s') => {
                            self.emit(Op::Convert(false));
                        }
                        _ => {}
                    }
                    let with_spec = !spec.is_empty();
                    if with_spec {
                        self.fstring(spec)?;
                    }
                    self.emit(Op::FormatValue(with_spec));
                }
            }
        }
        self.emit(Op::BuildString(parts.len() as u32));
        Ok(())
    }
}

/// Whether `block` has a `return`, `break` or `continue` (in any of its nested blocks).
fn leaves(block: &[Stmt]) -> bool {
    let mut todo: Vec<&Stmt> = block.iter().collect();
    while let Some(s) = todo.pop() {
        if matches!(
            s.kind,
            StmtKind::Return(_) | StmtKind::Break | StmtKind::Continue
        ) {
            return true;
        }
        todo.extend(s.scope_blocks().into_iter().flatten());
    }
    false
}
