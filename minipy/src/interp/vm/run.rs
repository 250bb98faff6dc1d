//! The dispatch loop of compiled functions, and their calls.

use std::cell::Cell;
use std::rc::Rc;

use gc_core::Cc;

use super::{Code, Op};
use crate::interp::access::SliceBounds;
use crate::interp::{Ctrl, Frame, FrameKind, Interp, PyException, PyResult, Qual};
use crate::value::*;

impl Interp {
    /// Runs a call of `func` (whose compiled form is `code`) with its arguments: what
    /// [`Interp::call_function`] does for the tree, the recursion checks already made.
    pub(crate) fn call_compiled(
        &self,
        func: &Cc<Function>,
        code: &Code,
        mut args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
        depth: usize,
    ) -> PyResult<Value> {
        let def = &func.def;
        let mut locals = self.calls.vm_locals_vec();
        locals.resize(code.local_names.len(), None);
        if args.len() == def.params.len()
            && kwargs.is_empty()
            && def.kwonly.is_empty()
            && def.vararg.is_none()
            && def.kwarg.is_none()
        {
            for (slot, a) in locals.iter_mut().zip(args.drain(..)) {
                *slot = Some(a);
            }
            self.calls.give_back_args(args);
        } else {
            let mut vars = AttrMap::default();
            if let Err(e) = self.bind_args(func, args, kwargs, &mut vars) {
                self.calls.give_back_locals(locals);
                return Err(e);
            }
            for (k, v) in vars.take_all() {
                if let Some(i) = code.local_names[..code.nparams]
                    .iter()
                    .position(|n| *n == k)
                {
                    locals[i] = Some(v);
                }
            }
        }
        let pushed = if def.free.contains("super") {
            let owner = func.owner.borrow().clone();
            match (owner, code.nparams) {
                (Some(cls), 1..) => {
                    let me = locals[0].clone().unwrap_or(Value::None);
                    self.calls.super_stack.borrow_mut().push((cls, me));
                    true
                }
                _ => false,
            }
        } else {
            false
        };
        self.calls.depth.set(depth + 1);
        self.calls
            .envs
            .borrow_mut()
            .push((def.name.clone(), func.closure.clone()));
        let mut line = def.line;
        let r = self.run_code(code, &func.closure, &mut locals, &mut line);
        let popped = self.calls.envs.borrow_mut().pop();
        drop(popped);
        self.calls.depth.set(depth);
        if pushed {
            let popped = self.calls.super_stack.borrow_mut().pop();
            drop(popped);
        }
        // The locals are unbound in slot order (as recycling an environment does).
        for slot in locals.iter_mut() {
            let old = slot.take();
            drop(old);
        }
        self.calls.give_back_locals(locals);
        self.call_result(def, line, r)
    }

    /// The slow path of a name read that is not a local: the tree's full search from the
    /// scope the function was defined in.
    #[inline(never)]
    fn vm_lookup_slow(&self, closure: &Cc<Env>, site: &crate::ast::Expr) -> PyResult<Value> {
        let frame = Frame {
            env: closure.clone(),
            def: None,
            kind: FrameKind::Module,
            line: Cell::new(site.line),
            qual: Qual::Top,
        };
        let crate::ast::ExprKind::Name(name) = &site.kind else {
            unreachable!()
        };
        self.lookup_slow(name, site, &frame)
    }

    #[inline(never)]
    fn unbound_local(&self, name: &str) -> Ctrl {
        self.exc(
            "UnboundLocalError",
            &format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    /// Pops the top `n` values as a call's positional arguments, with room for `room` more.
    #[inline]
    fn vm_args(&self, stack: &mut Vec<Value>, n: usize, room: usize) -> Vec<Value> {
        let mut pos = match n + room {
            0 => Vec::new(),
            k => self.calls.arg_vec(k),
        };
        pos.extend(stack.drain(stack.len() - n..));
        pos
    }

    /// Runs compiled code until it returns or raises; `line` follows the running statement.
    fn run_code(
        &self,
        code: &Code,
        closure: &Cc<Env>,
        locals: &mut [Option<Value>],
        line: &mut u32,
    ) -> PyResult<Value> {
        let mut stack: Vec<Value> = self.calls.vm_stack_vec();
        let mut st = State {
            iters: Vec::new(),
            accs: Vec::new(),
            excs: Vec::new(),
        };
        let mut pc = 0usize;
        let r = loop {
            let r = self.run_loop(code, closure, locals, line, &mut stack, &mut st, &mut pc);
            if let Err(Ctrl::Exc(e)) = r {
                // The op that raised is the one before `pc`.
                let at = pc.wrapping_sub(1) as u32;
                if let Some(reg) = code.regions.iter().find(|r| r.start <= at && at < r.end) {
                    stack.clear();
                    st.accs.clear();
                    st.iters.truncate(reg.iters as usize);
                    st.excs.truncate(reg.excs as usize);
                    st.excs.push((e, *line));
                    pc = reg.target as usize;
                    continue;
                }
                break Err(Ctrl::Exc(e));
            }
            break r;
        };
        stack.clear();
        self.calls.give_back_stack(stack);
        r
    }

    #[allow(clippy::too_many_arguments)]
    fn run_loop(
        &self,
        code: &Code,
        closure: &Cc<Env>,
        locals: &mut [Option<Value>],
        line: &mut u32,
        stack: &mut Vec<Value>,
        st: &mut State,
        pc_out: &mut usize,
    ) -> PyResult<Value> {
        let State { iters, accs, excs } = st;
        let ops = &code.ops[..];
        let mut pc = *pc_out;
        // An operation's error ends the loop (`tri!`), which records where it was raised.
        macro_rules! tri {
            ($l:lifetime, $e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => break $l e,
                }
            };
        }
        macro_rules! pop {
            () => {
                stack.pop().expect("vm stack underflow")
            };
        }
        let err: Ctrl = 'run: loop {
            let op = ops[pc];
            pc += 1;
            match op {
                Op::Line(l) => {
                    if self.weak_callbacks.have_pending() {
                        self.run_pending_callbacks();
                    }
                    *line = l;
                }
                Op::SetLine(l) => *line = l,
                Op::LoadLocal(s) => match &locals[s as usize] {
                    Some(v) => stack.push(v.fast_clone()),
                    None => break 'run self.unbound_local(&code.local_names[s as usize]),
                },
                Op::LoadLocalInComp(s, g) => match &locals[s as usize] {
                    Some(v) => stack.push(v.fast_clone()),
                    None => stack
                        .push(tri!('run, self.vm_lookup_slow(closure, &code.globals[g as usize]))),
                },
                Op::CompStart(kind) => accs.push(match kind {
                    0 => Acc::List(Vec::new()),
                    1 => {
                        let mut d = PyDict::new();
                        d.make_set();
                        Acc::Set(d)
                    }
                    _ => Acc::Dict(PyDict::new()),
                }),
                Op::CompAdd => match accs.last_mut().expect("vm accumulator underflow") {
                    Acc::List(out) => out.push(pop!()),
                    Acc::Set(d) => {
                        let v = pop!();
                        let hk = tri!('run, self.dict_key(d, &v));
                        d.insert(hk, v, Value::None);
                    }
                    Acc::Dict(d) => {
                        let vv = pop!();
                        let kv = pop!();
                        let hk = tri!('run, self.dict_key(d, &kv));
                        let old = d.insert(hk, kv, vv);
                        drop(old);
                    }
                },
                Op::CompEnd => {
                    let v = match accs.pop().expect("vm accumulator underflow") {
                        Acc::List(out) => Value::list(out),
                        Acc::Set(d) => Value::set(d),
                        Acc::Dict(d) => Value::dict(d),
                    };
                    stack.push(v);
                }
                Op::ClearLocal(s) => {
                    let old = locals[s as usize].take();
                    drop(old);
                }
                Op::StoreLocal(s) => {
                    let v = pop!();
                    let old = locals[s as usize].replace(v);
                    drop(old);
                }
                Op::LoadGlobal(i) => {
                    let site = &code.globals[i as usize];
                    let crate::ast::ExprKind::Name(name) = &site.kind else {
                        unreachable!()
                    };
                    let found = closure
                        .vars
                        .borrow()
                        .at_hint(name, &site.hint)
                        .map(|v| v.fast_clone());
                    match found {
                        Some(v) => stack.push(v),
                        None => stack.push(tri!('run, self.vm_lookup_slow(closure, site))),
                    }
                }
                Op::LoadDeclGlobal(i) => {
                    let site = &code.globals[i as usize];
                    let crate::ast::ExprKind::Name(name) = &site.kind else {
                        unreachable!()
                    };
                    let v = match Env::module_globals(closure).get(name) {
                        Some(v) => v,
                        None => match self.builtins.names.borrow().get(name) {
                            Some(v) => v.clone(),
                            None => break 'run self.name_error(name),
                        },
                    };
                    stack.push(v);
                }
                Op::StoreGlobal(i) => {
                    let site = &code.global_stores[i as usize];
                    let v = pop!();
                    let old = Env::module_globals(closure).set_hinted(&site.name, v, &site.hint);
                    drop(old);
                }
                Op::Const(i) => stack.push(code.consts[i as usize].clone()),
                Op::Pop => {
                    let v = pop!();
                    drop(v);
                }
                Op::Dup => {
                    let v = stack.last().expect("vm stack underflow").clone();
                    stack.push(v);
                }
                Op::Dup2 => {
                    let n = stack.len();
                    let a = stack[n - 2].clone();
                    let b = stack[n - 1].clone();
                    stack.push(a);
                    stack.push(b);
                }
                Op::BinOp(op) => {
                    let r = pop!();
                    let l = pop!();
                    let v = match Self::fast_binop(op, &l, &r) {
                        Some(v) => v,
                        None => tri!('run, self.binop(op, l, r)),
                    };
                    stack.push(v);
                }
                Op::Inplace(op) => {
                    let r = pop!();
                    let l = pop!();
                    let v = match Self::fast_binop(op, &l, &r) {
                        Some(v) => v,
                        None => tri!('run, self.binop_inplace(op, l, r)),
                    };
                    stack.push(v);
                }
                Op::Unary(op) => {
                    let v = pop!();
                    stack.push(tri!('run, self.unary(op, v)));
                }
                Op::Compare(op) => {
                    let r = pop!();
                    let l = pop!();
                    let holds = match Self::fast_compare(op, &l, &r) {
                        Some(b) => b,
                        None => tri!('run, self.compare(op, &l, &r)),
                    };
                    stack.push(Value::Bool(holds));
                }
                Op::CompareOrJump(op, to) => {
                    let r = pop!();
                    let l = pop!();
                    let holds = match Self::fast_compare(op, &l, &r) {
                        Some(b) => b,
                        None => tri!('run, self.compare(op, &l, &r)),
                    };
                    if holds {
                        stack.push(r);
                    } else {
                        stack.push(Value::Bool(false));
                        pc = to as usize;
                    }
                }
                Op::Jump(to) => pc = to as usize,
                Op::PopJumpIfFalse(to) => {
                    let v = pop!();
                    let t = match v {
                        Value::Bool(b) => b,
                        v => tri!('run, self.truthy(&v)),
                    };
                    if !t {
                        pc = to as usize;
                    }
                }
                Op::PopJumpIfTrue(to) => {
                    let v = pop!();
                    let t = match v {
                        Value::Bool(b) => b,
                        v => tri!('run, self.truthy(&v)),
                    };
                    if t {
                        pc = to as usize;
                    }
                }
                Op::JumpIfFalseOrPop(to) => {
                    let t = tri!('run, self.truthy(stack.last().expect("vm stack underflow")));
                    if t {
                        let v = pop!();
                        drop(v);
                    } else {
                        pc = to as usize;
                    }
                }
                Op::JumpIfTrueOrPop(to) => {
                    let t = tri!('run, self.truthy(stack.last().expect("vm stack underflow")));
                    if t {
                        pc = to as usize;
                    } else {
                        let v = pop!();
                        drop(v);
                    }
                }
                Op::GetIter => {
                    let v = pop!();
                    iters.push(tri!('run, self.iter(&v)));
                }
                Op::ForIter(to) => {
                    let it = iters.last_mut().expect("vm iterator stack underflow");
                    match tri!('run, it.next(self)) {
                        Some(v) => stack.push(v),
                        None => {
                            let it = iters.pop();
                            drop(it);
                            pc = to as usize;
                        }
                    }
                }
                Op::PopIter => {
                    let it = iters.pop();
                    drop(it);
                }
                Op::Call(n) => {
                    let pos = self.vm_args(stack, n as usize, 0);
                    let f = pop!();
                    let v = tri!('run, self.call(&f, pos, Vec::new()));
                    stack.push(v);
                }
                Op::CallKw(n, k) => {
                    let names = &code.kwnames[k as usize];
                    let vals = stack.split_off(stack.len() - names.len());
                    let kw: Vec<(Rc<str>, Value)> = names.iter().cloned().zip(vals).collect();
                    let pos = self.vm_args(stack, n as usize, 0);
                    let f = pop!();
                    let v = tri!('run, self.call(&f, pos, kw));
                    stack.push(v);
                }
                Op::CallMethod(a, n) => {
                    let site = &code.attrs[a as usize];
                    let pos = self.vm_args(stack, n as usize, usize::from(n > 0));
                    let o = pop!();
                    let v = tri!('run, self.call_method_at(&o, &site.name, &site.hint, pos, Vec::new()));
                    stack.push(v);
                }
                Op::CallMethodKw(a, n, k) => {
                    let site = &code.attrs[a as usize];
                    let names = &code.kwnames[k as usize];
                    let vals = stack.split_off(stack.len() - names.len());
                    let kw: Vec<(Rc<str>, Value)> = names.iter().cloned().zip(vals).collect();
                    let pos = self.vm_args(stack, n as usize, 1);
                    let o = pop!();
                    let v = tri!('run, self.call_method_at(&o, &site.name, &site.hint, pos, kw));
                    stack.push(v);
                }
                Op::LoadAttr(a) => {
                    let site = &code.attrs[a as usize];
                    let o = pop!();
                    let v = match self.instance_attr_at(&o, &site.name, &site.hint) {
                        Some(v) => v,
                        None => tri!('run, self.get_attr(&o, &site.name)),
                    };
                    stack.push(v);
                }
                Op::GetAttr(a) => {
                    let site = &code.attrs[a as usize];
                    let o = pop!();
                    stack.push(tri!('run, self.get_attr(&o, &site.name)));
                }
                Op::StoreAttr(a) => {
                    let site = &code.attrs[a as usize];
                    let o = pop!();
                    let v = pop!();
                    if let Some(v) = self.store_plain_attr_at(&o, &site.name, v, &site.hint) {
                        tri!('run, self.set_attr(&o, &site.name, v));
                    }
                }
                Op::SetAttr(a) => {
                    let site = &code.attrs[a as usize];
                    let v = pop!();
                    let o = pop!();
                    tri!('run, self.set_attr(&o, &site.name, v));
                }
                Op::Subscr => {
                    let i = pop!();
                    let o = pop!();
                    stack.push(tri!('run, self.get_item(&o, &i)));
                }
                Op::SliceGet => {
                    let b = slice_bounds(stack);
                    let o = pop!();
                    stack.push(tri!('run, self.subscript_slice(&o, b)));
                }
                Op::StoreSubscr => {
                    let i = pop!();
                    let o = pop!();
                    let v = pop!();
                    tri!('run, self.set_item(&o, i, v));
                }
                Op::SetItem => {
                    let v = pop!();
                    let i = pop!();
                    let o = pop!();
                    tri!('run, self.set_item(&o, i, v));
                }
                Op::SliceStore => {
                    let b = slice_bounds(stack);
                    let o = pop!();
                    let v = pop!();
                    tri!('run, self.assign_slice(&o, b, v));
                }
                Op::Convert(repr) => {
                    let v = pop!();
                    let s = if repr {
                        tri!('run, self.repr(&v))
                    } else {
                        tri!('run, self.to_str(&v))
                    };
                    stack.push(Value::Str(PyStr::from(s)));
                }
                Op::FormatValue(with_spec) => {
                    let spec = if with_spec {
                        match pop!() {
                            Value::Str(s) => s.to_string(),
                            _ => String::new(),
                        }
                    } else {
                        String::new()
                    };
                    let v = pop!();
                    let s = tri!('run, self.format_value(&v, &spec));
                    stack.push(Value::Str(PyStr::from(s)));
                }
                Op::BuildString(n) => {
                    let parts = stack.split_off(stack.len() - n as usize);
                    let mut s = String::new();
                    for p in &parts {
                        if let Value::Str(p) = p {
                            s.push_str(p);
                        }
                    }
                    stack.push(Value::Str(PyStr::from(s)));
                }
                Op::BuildTuple(n) => {
                    let items = stack.split_off(stack.len() - n as usize);
                    stack.push(Value::tuple(items));
                }
                Op::BuildList(n) => {
                    let items = stack.split_off(stack.len() - n as usize);
                    stack.push(Value::list(items));
                }
                Op::BuildDict(n) => {
                    let items = stack.split_off(stack.len() - 2 * n as usize);
                    let mut d = PyDict::new();
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        let hk = tri!('run, self.dict_key(&d, &k));
                        let old = d.insert(hk, k, v);
                        drop(old);
                    }
                    stack.push(Value::dict(d));
                }
                Op::Unpack(n) => {
                    let v = pop!();
                    tri!('run, self.vm_unpack(v, n as usize, stack));
                }
                Op::Return => return Ok(pop!()),
                Op::ReturnNone => {
                    if self.weak_callbacks.have_pending() {
                        self.run_pending_callbacks();
                    }
                    return Ok(Value::None);
                }
                Op::Raise => {
                    let v = pop!();
                    break 'run tri!('run, self.make_raise(v));
                }
                Op::Reraise => {
                    let cur = self.calls.handling.borrow().last().cloned();
                    break 'run match cur {
                        Some(v) => Ctrl::Exc(Box::new(PyException {
                            value: v,
                            tb: Vec::new(),
                        })),
                        None => self.exc("RuntimeError", "No active exception to reraise"),
                    };
                }
                Op::ExcMatch(to) => {
                    let ty = pop!();
                    let (e, _) = excs.last().expect("vm: no pending exception");
                    if !tri!('run, self.exception_matches(&e.value, &ty)) {
                        pc = to as usize;
                    }
                }
                Op::ExcValue => {
                    let (e, _) = excs.last().expect("vm: no pending exception");
                    stack.push(e.value.clone());
                }
                Op::PushHandling => {
                    let (e, _) = excs.last().expect("vm: no pending exception");
                    let v = e.value.clone();
                    self.calls.handling.borrow_mut().push(v);
                }
                Op::PopHandling => {
                    let popped = self.calls.handling.borrow_mut().pop();
                    drop(popped);
                }
                Op::PopExc => {
                    let e = excs.pop();
                    drop(e);
                }
                Op::ReraisePending => {
                    let (e, raised) = excs.pop().expect("vm: no pending exception");
                    *line = raised;
                    break 'run Ctrl::Exc(e);
                }
                Op::HandlerExit => {
                    let (mut e2, _) = excs.pop().expect("vm: no pending exception");
                    let (e, _) = excs.pop().expect("vm: no pending exception");
                    if e2.tb.is_empty() && crate::interp::is_same(&e2.value, &e.value) {
                        e2.tb = e.tb.clone();
                    }
                    break 'run Ctrl::Exc(e2);
                }
                Op::AssertFail(has_msg) => {
                    let args = if has_msg { vec![pop!()] } else { vec![] };
                    break 'run self.exc_with("AssertionError", args);
                }
            }
        };
        *pc_out = pc;
        Err(err)
    }

    /// Unpacks `v` into `n` values pushed last first, with the tree's errors.
    fn vm_unpack(&self, v: Value, n: usize, stack: &mut Vec<Value>) -> PyResult<()> {
        if let Value::Tuple(t) = &v {
            if t.items.len() == n {
                stack.extend(t.items.iter().rev().cloned());
                return Ok(());
            }
        }
        let items = self.unpack_exactly(&v, n)?;
        stack.extend(items.into_iter().rev());
        Ok(())
    }
}

/// What a compiled call keeps besides its locals and value stack.
struct State {
    /// The iterators of the running `for` loops and comprehensions.
    iters: Vec<crate::interp::PyIter>,
    /// The accumulators of the running comprehensions.
    accs: Vec<Acc>,
    /// The exceptions being handled by `except` code, with the line each was raised on.
    excs: Vec<(Box<PyException>, u32)>,
}

/// What a comprehension being run collects.
enum Acc {
    List(Vec<Value>),
    Set(PyDict),
    Dict(PyDict),
}

/// Pops a slice's three bounds as the tree's `eval_slice_parts` keeps them.
fn slice_bounds(stack: &mut Vec<Value>) -> SliceBounds {
    let parts = stack.split_off(stack.len() - 3);
    if parts
        .iter()
        .all(|p| matches!(p, Value::Int(_) | Value::None))
    {
        let ints = [0, 1, 2].map(|k| match parts[k] {
            Value::Int(i) => Some(i),
            _ => None,
        });
        return SliceBounds::Ints(ints);
    }
    let [a, b, c]: [Value; 3] = parts.try_into().unwrap_or_else(|_| unreachable!());
    SliceBounds::Values([a, b, c])
}
