//! The tree-walking evaluator.
//!
//! Recursion is bounded three ways: the parser bounds the depth of every syntax tree, a
//! Python-level call counter enforces the recursion limit (`RecursionError`, as CPython), and
//! every expression evaluation and call compares the current stack address against the
//! address recorded when the interpreter was entered, raising `RecursionError` before the
//! configured stack budget is used up. No script can overflow the Rust stack.
//!
//! Re-entrancy: any drop of a `Value` can run a `__del__` (a gc-core finalizer) that calls back
//! into the interpreter, and any allocation of a tracked object (`Cc::new`: a new list, dict,
//! set, tuple of objects, instance, exception, bound method, environment) can start a
//! collection, which runs script code (`gc.callbacks`, the `__del__` of the garbage, weak
//! reference callbacks) that may change any container, even a new one (`gc.get_objects()`
//! reaches it). So no `RefCell` of the interpreter or of a heap object is ever borrowed across
//! a drop of a value, an allocation, or a call into script code: what is needed is cloned out
//! of the borrow first (`let items = l.items.borrow().clone(); Value::list(items)`, never
//! `Value::list(l.items.borrow().clone())`, whose borrow lives to the end of the statement, nor
//! a `match` on a borrow whose arms raise), and replaced values are moved out of the borrow and
//! dropped after it ends. `tests/gc_reentrancy.rs` runs every container operation with such
//! script code at every allocation. (Were gc-core to defer automatic collections to a safe
//! point of the host, the natural one is the statement boundary in `exec_block`, where pending
//! weak reference callbacks run already.)

use std::cell::{Cell, RefCell};
use std::io::Write;
use std::rc::{Rc, Weak as RcWeak};

use gc_core::{Cc, Finalize};

use crate::ast::*;
use crate::value::*;
use crate::weakcb;

mod access;
mod annotations;
pub(crate) mod bytes;
pub(crate) mod combinatorics;
pub(crate) mod complex;
mod ctxmgr;
mod descr;
pub mod generator;
mod genexec;
mod hashing;
pub mod iterobj;
mod modules;
mod object;
mod ops;
mod patterns;
mod repr;
mod setops;
pub mod vm;
pub use hashing::KeyTable;

pub use access::PyIter;
use access::SliceBounds;
pub(crate) use modules::source_line;
pub(crate) use modules::ModuleSource;
pub use ops::is_same;
pub(crate) use repr::syntax_location;

/// What interrupts straight-line execution: an exception, or `return`/`break`/`continue`.
pub enum Ctrl {
    /// A raised exception.
    Exc(Box<PyException>),
    /// `return value`.
    Return(Value),
    /// `break`.
    Break,
    /// `continue`.
    Continue,
}

/// A raised exception with its traceback (innermost frame first).
pub struct PyException {
    /// The exception instance.
    pub value: Value,
    /// Frames the exception passed through, innermost first.
    pub tb: Vec<TbEntry>,
}

/// One traceback line.
#[derive(Clone, Debug)]
pub struct TbEntry {
    /// The file name.
    pub file: Rc<str>,
    /// The line.
    pub line: u32,
    /// The function name (`<module>` at top level).
    pub name: Rc<str>,
}

/// Result of evaluation.
pub type PyResult<T> = Result<T, Ctrl>;

/// The kinds of scope a frame can be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    Module,
    Function,
    Class,
    Comprehension,
}

/// An executing scope.
struct Frame<'a> {
    env: Cc<Env>,
    def: Option<&'a FuncDef>,
    kind: FrameKind,
    line: Cell<u32>,
    /// Where the `__qualname__` of a function or class defined here comes from.
    qual: Qual,
}

/// The scope that names what is defined in a frame (made into a string only when something is
/// defined, not on every call).
#[derive(Clone)]
enum Qual {
    /// Module level: a definition's qualified name is its name.
    Top,
    /// In function `f` (its qualified name): `f.<locals>.name`.
    Func(Rc<str>),
    /// In the body of class `C` (its qualified name): `C.name`.
    Class(Rc<str>),
}

impl Finalize for Instance {
    /// Runs the class's `__del__` through the interpreter that made the class. (In a garbage
    /// cycle every object, the class included, is still intact when finalizers run.)
    fn finalize(this: &Cc<Instance>) {
        if let Some(interp) = this.class().interp.upgrade() {
            interp.run_del(this);
        }
    }
}

/// The interpreter state. Shared through `Rc` so finalizers and gc callbacks can reach it.
///
/// Its state comes in groups, one per concern, each a struct defined and documented by the
/// module whose code changes it:
/// - `modules` (`Modules`, interp/modules.rs): the main module's scope,
///   the imported modules, their sources, `sys.argv` and where imports look;
/// - `builtins` (`Builtins`, builtins.rs): the builtin names and
///   the builtin classes the evaluator needs;
/// - `calls` (`CallStack`, here): the recursion and stack guards and what the running calls
///   keep on stacks (scopes, `super()` frames, exceptions being handled, reprs running);
/// - `features` (`AttrFeatures`, interp/access.rs): which attribute
///   assignment hooks any class ever used;
/// - `weak_callbacks` (`WeakCallbacks`, weakcb.rs): the weak
///   reference callbacks waiting to run, and the weak-clear hook;
/// - `gc_hooks` (`GcHooks`, gcmod.rs): the gc-core callback behind
///   `gc.callbacks` and `gc.garbage`;
/// - `out`: where `print` writes;
/// - `self_weak`: the interpreter itself, for the objects that call back into it.
pub struct Interp {
    /// The main module and the imported ones, and where imports look (see `interp/modules.rs`).
    pub(crate) modules: modules::Modules,
    /// The builtin names and the builtin classes the evaluator needs (see `builtins.rs`).
    pub(crate) builtins: crate::builtins::Builtins,
    /// The running calls: their depth and limits, scopes, `super()` frames, exceptions being
    /// handled (see [`CallStack`]).
    pub(crate) calls: CallStack,
    /// Which attribute assignment hooks any class ever used (see `interp/access.rs`).
    features: access::AttrFeatures,
    /// The weak reference callbacks waiting to be called (see `weakcb.rs`).
    pub(crate) weak_callbacks: weakcb::WeakCallbacks,
    /// The gc-core callback behind `gc.callbacks` and `gc.garbage` (see `gcmod.rs`).
    pub(crate) gc_hooks: crate::gcmod::GcHooks,
    /// The capture buffer of `print` output, `None` while it goes to stdout (see
    /// [`Interpreter::capture_output`](crate::Interpreter::capture_output)).
    pub(crate) out: RefCell<Option<Vec<u8>>>,
    /// This interpreter, weakly: classes, functions, generators and hooks keep it to call back.
    pub(crate) self_weak: RcWeak<Interp>,
}

/// What the running code has on its stacks (the interpreter's `calls`): how deep the calls are
/// and how deep they may go, the scopes of the running calls, the methods that can call
/// `super()`, the exceptions being handled and the containers being repr'd. The evaluator
/// pushes and pops these around calls (here, in `interp/generator.rs` and in the module
/// bodies of `interp/modules.rs`), `except` blocks and `with` exits (`interp/ctxmgr.rs`,
/// `interp/genexec.rs`) and `repr` (`interp/repr.rs`); `sys.setrecursionlimit` and the
/// `Interpreter`'s setters change the limits.
pub(crate) struct CallStack {
    /// How deep the running script calls, module bodies and container walks (see
    /// [`Interp::nested`]) nest, against the recursion limit.
    depth: Cell<usize>,
    /// The most script calls that may nest (`sys.setrecursionlimit`).
    pub(crate) recursion_limit: Cell<usize>,
    /// The stack address at the outermost entry into the interpreter, 0 outside it.
    stack_base: Cell<usize>,
    /// How many bytes of Rust stack below `stack_base` the interpreter may use.
    pub(crate) stack_budget: Cell<usize>,
    /// The exceptions being handled (by `except` blocks and `__exit__` calls), innermost last.
    handling: RefCell<Vec<Value>>,
    /// The addresses of the containers whose `repr` is running (to print `[...]`).
    repr_active: RefCell<Vec<usize>>,
    /// (defining class, self) of the methods being run, innermost last, for `super()`.
    super_stack: RefCell<Vec<(Cc<Class>, Value)>>,
    /// The environments of the running function calls and imported module bodies, outermost
    /// first, with the functions' (modules') names: for `gc.dump`, which draws their local
    /// names, and `globals()`, the global scope of the innermost.
    pub(crate) envs: RefCell<Vec<(Rc<str>, Cc<Env>)>>,
    /// Environments of returned calls that nothing else referred to, emptied, for the next
    /// calls to reuse (see [`Interp::fresh_env`]).
    env_pool: RefCell<Vec<Cc<Env>>>,
    /// Emptied vectors of positional arguments that calls of script functions handed back,
    /// for the next calls' arguments (see [`CallStack::arg_vec`]).
    arg_pool: RefCell<Vec<Vec<Value>>>,
    /// Whether calls run compiled code (see `interp/vm`): off once the `gc` module is
    /// imported (`gc.dump` and the referrer queries look for locals in environments) or with
    /// `MINIPY_VM=0`.
    pub(crate) vm_on: Cell<bool>,
    /// Emptied local-slot vectors of returned compiled calls.
    vm_locals_pool: RefCell<Vec<Vec<Option<Value>>>>,
    /// Emptied value stacks of returned compiled calls.
    vm_stack_pool: RefCell<Vec<Vec<Value>>>,
}

impl CallStack {
    /// The most emptied vectors [`CallStack::arg_pool`] and [`CallStack::env_pool`] keep: calls
    /// return in the order they were made, so a few serve any depth of nesting.
    const POOL: usize = 16;

    /// An empty vector for `n` positional arguments: one a finished call handed back when
    /// there is one (a call of a script function moves its arguments into its environment and
    /// would free the vector otherwise: a `malloc` and a `free` per call saved).
    #[inline]
    fn arg_vec(&self, n: usize) -> Vec<Value> {
        match self.arg_pool.borrow_mut().pop() {
            Some(mut v) => {
                v.reserve(n);
                v
            }
            // (`with_capacity`: `reserve` on an empty vector takes the slower growth path.)
            None => Vec::with_capacity(n),
        }
    }

    /// Frees the pooled environments (for `gc.dump`, which draws every object on the heap:
    /// the pool's empty scopes are not the program's).
    pub(crate) fn drop_pooled_envs(&self) {
        let pooled = std::mem::take(&mut *self.env_pool.borrow_mut());
        drop(pooled);
    }

    /// Keeps the emptied vector `v` for [`CallStack::arg_vec`].
    #[inline]
    fn give_back_args(&self, v: Vec<Value>) {
        debug_assert!(v.is_empty());
        let mut pool = self.arg_pool.borrow_mut();
        if pool.len() < Self::POOL && v.capacity() <= 16 {
            pool.push(v);
        }
    }

    /// No calls running, the default limits (1000 calls, 1 MiB of stack).
    fn new() -> CallStack {
        CallStack {
            depth: Cell::new(0),
            recursion_limit: Cell::new(1000),
            stack_base: Cell::new(0),
            stack_budget: Cell::new(1 << 20),
            handling: RefCell::new(Vec::new()),
            repr_active: RefCell::new(Vec::new()),
            super_stack: RefCell::new(Vec::new()),
            envs: RefCell::new(Vec::new()),
            env_pool: RefCell::new(Vec::new()),
            arg_pool: RefCell::new(Vec::new()),
            vm_on: Cell::new(vm::enabled_by_env()),
            vm_locals_pool: RefCell::new(Vec::new()),
            vm_stack_pool: RefCell::new(Vec::new()),
        }
    }

    /// An empty vector for a compiled call's locals.
    #[inline]
    fn vm_locals_vec(&self) -> Vec<Option<Value>> {
        self.vm_locals_pool.borrow_mut().pop().unwrap_or_default()
    }

    /// Keeps the emptied locals vector `v` for [`CallStack::vm_locals_vec`].
    #[inline]
    fn give_back_locals(&self, mut v: Vec<Option<Value>>) {
        v.clear();
        let mut pool = self.vm_locals_pool.borrow_mut();
        if pool.len() < Self::POOL && v.capacity() <= 64 {
            pool.push(v);
        }
    }

    /// An empty value stack for a compiled call.
    #[inline]
    fn vm_stack_vec(&self) -> Vec<Value> {
        self.vm_stack_pool.borrow_mut().pop().unwrap_or_default()
    }

    /// Keeps the emptied stack `v` for [`CallStack::vm_stack_vec`].
    #[inline]
    fn give_back_stack(&self, v: Vec<Value>) {
        debug_assert!(v.is_empty());
        let mut pool = self.vm_stack_pool.borrow_mut();
        if pool.len() < Self::POOL && v.capacity() <= 64 {
            pool.push(v);
        }
    }
}

/// A call's evaluated arguments: the positional ones, then the keyword ones.
type CallArgs = (Vec<Value>, Vec<(Rc<str>, Value)>);

/// Finds the current stack address (approximately: the address of a local).
#[inline(always)]
fn stack_addr() -> usize {
    let x = 0u8;
    std::hint::black_box(&x) as *const u8 as usize
}

/// Restores the stack base when the outermost entry into the interpreter returns.
pub(crate) struct EntryGuard<'a> {
    interp: &'a Interp,
    set: bool,
}

impl Drop for EntryGuard<'_> {
    fn drop(&mut self) {
        if self.set {
            self.interp.calls.stack_base.set(0);
        }
    }
}

/// The most items a range or repetition may produce when materialised (beyond: MemoryError).
pub(crate) const MAX_MATERIALIZE: i64 = 1 << 28;

const EXC_HIERARCHY: &[(&str, Option<&str>)] = &[
    ("BaseException", None),
    ("Exception", Some("BaseException")),
    ("KeyboardInterrupt", Some("BaseException")),
    ("SystemExit", Some("BaseException")),
    ("ArithmeticError", Some("Exception")),
    ("ZeroDivisionError", Some("ArithmeticError")),
    ("OverflowError", Some("ArithmeticError")),
    ("LookupError", Some("Exception")),
    ("KeyError", Some("LookupError")),
    ("IndexError", Some("LookupError")),
    ("ValueError", Some("Exception")),
    ("UnicodeError", Some("ValueError")),
    ("UnicodeEncodeError", Some("UnicodeError")),
    ("UnicodeDecodeError", Some("UnicodeError")),
    ("TypeError", Some("Exception")),
    ("NameError", Some("Exception")),
    ("UnboundLocalError", Some("NameError")),
    ("AttributeError", Some("Exception")),
    ("RuntimeError", Some("Exception")),
    ("RecursionError", Some("RuntimeError")),
    ("NotImplementedError", Some("RuntimeError")),
    ("AssertionError", Some("Exception")),
    ("StopIteration", Some("Exception")),
    ("GeneratorExit", Some("BaseException")),
    ("ImportError", Some("Exception")),
    ("ModuleNotFoundError", Some("ImportError")),
    ("SyntaxError", Some("Exception")),
    ("MemoryError", Some("Exception")),
    ("EOFError", Some("Exception")),
    ("OSError", Some("Exception")),
    ("FileNotFoundError", Some("OSError")),
    ("FileExistsError", Some("OSError")),
    ("IsADirectoryError", Some("OSError")),
    ("NotADirectoryError", Some("OSError")),
    ("PermissionError", Some("OSError")),
];

impl Interp {
    /// Creates an interpreter.
    pub fn new() -> Rc<Interp> {
        let rc = Rc::new_cyclic(|weak| Interp {
            modules: modules::Modules::new(),
            builtins: crate::builtins::Builtins::new(),
            calls: CallStack::new(),
            features: access::AttrFeatures::new(),
            weak_callbacks: weakcb::WeakCallbacks::new(),
            gc_hooks: crate::gcmod::GcHooks::new(),
            out: RefCell::new(None),
            self_weak: weak.clone(),
        });
        *rc.builtins.super_class.borrow_mut() = Some(rc.builtin_class("super", None));
        *rc.builtins.object_class.borrow_mut() = Some(rc.builtin_class("object", None));
        rc.install_weak_clear_hook();
        for (name, base) in EXC_HIERARCHY {
            let base = base.map(|b| rc.builtins.exc_classes.borrow()[b].clone());
            let class = rc.builtin_class(name, base);
            rc.builtins
                .exc_classes
                .borrow_mut()
                .insert(name, class.clone());
            rc.builtins
                .names
                .borrow_mut()
                .insert(Rc::from(*name), Value::Class(class));
        }
        // Old names CPython keeps for OSError.
        for alias in ["IOError", "EnvironmentError"] {
            let os_error = rc.builtins.exc_classes.borrow()["OSError"].clone();
            rc.builtins
                .names
                .borrow_mut()
                .insert(Rc::from(alias), Value::Class(os_error));
        }
        crate::builtins::install(&rc);
        rc.install_descriptors();
        crate::gcmod::install_gc_hook(&rc);
        rc.main_globals()
            .set(Rc::from("__name__"), Value::str("__main__"));
        rc
    }

    /// Marks entry into the interpreter from Rust (records the stack base).
    pub(crate) fn enter(&self) -> EntryGuard<'_> {
        let set = self.calls.stack_base.get() == 0;
        if set {
            self.calls.stack_base.set(stack_addr());
        }
        EntryGuard { interp: self, set }
    }

    /// The main module's global scope.
    pub(crate) fn main_globals(&self) -> Cc<Env> {
        self.modules.main.borrow().clone()
    }

    #[inline]
    /// A method records (class, self) while it runs so that `super()` can find them: pushes
    /// that pair when `func` belongs to a class and has a first parameter, and says whether it
    /// did (the caller pops it when the call ends).
    /// Only a function that mentions `super` (itself or in a nested scope) can call the
    /// argument-less `super()`, as in CPython, where only those get a `__class__` cell.
    pub(crate) fn push_super_frame(&self, func: &Function, def: &FuncDef, env: &Env) -> bool {
        if !def.free.contains("super") {
            return false;
        }
        let owner = func.owner.borrow().clone();
        match (owner, def.params.first()) {
            (Some(cls), Some(p)) => {
                let me = env.get(&p.name).unwrap_or(Value::None);
                self.calls.super_stack.borrow_mut().push((cls, me));
                true
            }
            _ => false,
        }
    }

    // Inlined: it runs before every expression that is not a name and every call, and as a
    // call its prologue and result plumbing cost more than the comparison itself.
    #[inline(always)]
    fn check_stack(&self) -> PyResult<()> {
        let base = self.calls.stack_base.get();
        if base != 0 && base.saturating_sub(stack_addr()) > self.calls.stack_budget.get() {
            return Err(self.stack_exhausted());
        }
        Ok(())
    }

    /// The `RecursionError` of [`Interp::check_stack`] (out of line: it is rare).
    #[cold]
    #[inline(never)]
    fn stack_exhausted(&self) -> Ctrl {
        self.exc("RecursionError", "maximum recursion depth exceeded")
    }

    // ------------------------------------------------------------ exceptions

    /// Makes an exception of a builtin class with a message.
    pub fn exc(&self, class: &str, msg: &str) -> Ctrl {
        self.exc_with(class, vec![Value::str(msg)])
    }

    /// Makes an exception of a builtin class with arguments.
    pub fn exc_with(&self, class: &str, args: Vec<Value>) -> Ctrl {
        let cls = self.builtins.exc_classes.borrow().get(class).cloned();
        let cls = cls.unwrap_or_else(|| self.builtins.exc_classes.borrow()["Exception"].clone());
        let inst = self.new_instance_raw(&cls);
        self.set_exception_args(&inst, &cls, args);
        Ctrl::Exc(Box::new(PyException {
            value: Value::Instance(inst),
            tb: Vec::new(),
        }))
    }

    pub(crate) fn type_error(&self, msg: String) -> Ctrl {
        self.exc("TypeError", &msg)
    }

    /// Whether `v` is an instance of the builtin exception class `name` (or a subclass).
    pub fn exc_matches(&self, v: &Value, name: &str) -> bool {
        let Some(cls) = self.builtins.exc_classes.borrow().get(name).cloned() else {
            return false;
        };
        match v {
            Value::Instance(i) => Class::is_subclass(&i.class(), &cls),
            _ => false,
        }
    }

    /// Stores `args` on a new instance of exception class `c`, with the attributes CPython's
    /// exception types derive from them: `code` (SystemExit: None, the one argument or the
    /// tuple), `value` (StopIteration: the first argument), and `errno`, `strerror`,
    /// `filename` (OSError, from two or three arguments; None otherwise). Every value is made
    /// before the instance's attributes are borrowed: an allocation can run script code, which
    /// `gc.get_objects()` lets reach even a new instance.
    pub(crate) fn set_exception_args(
        &self,
        inst: &Cc<Instance>,
        c: &Cc<Class>,
        mut args: Vec<Value>,
    ) {
        let is = |name: &str| {
            let base = self.builtins.exc_classes.borrow().get(name).cloned();
            base.is_some_and(|b| Class::is_subclass(c, &b))
        };
        let mut derived: Vec<(&str, Value)> = Vec::new();
        if is("SystemExit") {
            let code = match &args[..] {
                [] => Value::None,
                [one] => one.clone(),
                many => Value::tuple(many.to_vec()),
            };
            derived.push(("code", code));
        } else if is("StopIteration") {
            derived.push(("value", args.first().cloned().unwrap_or(Value::None)));
        } else if is("OSError") {
            let (errno, strerror, filename) = match &args[..] {
                [e, s] => (e.clone(), s.clone(), Value::None),
                [e, s, f, ..] if args.len() <= 5 => (e.clone(), s.clone(), f.clone()),
                _ => (Value::None, Value::None, Value::None),
            };
            derived.extend([
                ("errno", errno),
                ("strerror", strerror),
                ("filename", filename),
            ]);
            // With a file name, `args` keeps only (errno, strerror), as CPython's does.
            if (3..=5).contains(&args.len()) {
                args.truncate(2);
            }
        }
        let args = Value::tuple(args);
        let mut attrs = inst.attrs.borrow_mut();
        let mut old = vec![attrs.set(Rc::from("args"), args)];
        for (name, v) in derived {
            old.push(attrs.set(Rc::from(name), v));
        }
        drop(attrs);
        drop(old);
    }

    fn is_exception_class(&self, c: &Cc<Class>) -> bool {
        let base = self.builtins.exc_classes.borrow()["BaseException"].clone();
        Class::is_subclass(c, &base)
    }

    // ------------------------------------------------------------ running

    /// Runs a parsed module body with the global scope `env`, naming `file` in the traceback.
    /// `exec(source, globals)` and `eval(source, globals)`: `source` parsed as a module named
    /// `<string>` and run (or, for `eval`, its one expression evaluated) with `env` as its
    /// global scope.
    pub(crate) fn run_source(&self, src: &str, env: &Cc<Env>, eval: bool) -> PyResult<Value> {
        let file: Rc<str> = Rc::from("<string>");
        let text = crate::lexer::normalize_source(src);
        let mut prog = crate::parser::parse_program_named(&text, &file)
            .map_err(|e| self.syntax_exception(&file, &text, e))?;
        crate::fold::fold_program(self, &mut prog);
        if eval {
            let [Stmt {
                kind: StmtKind::Expr(e),
                ..
            }] = prog.as_slice()
            else {
                return Err(self.exc("SyntaxError", "invalid syntax"));
            };
            let frame = Frame {
                env: env.clone(),
                def: None,
                kind: FrameKind::Module,
                line: Cell::new(1),
                qual: Qual::Top,
            };
            return self.eval(e, &frame);
        }
        self.run_module(&prog, env, &file)?;
        Ok(Value::None)
    }

    pub(crate) fn run_module(&self, body: &Block, env: &Cc<Env>, file: &Rc<str>) -> PyResult<()> {
        let _g = self.enter();
        let frame = Frame {
            env: env.clone(),
            def: None,
            kind: FrameKind::Module,
            line: Cell::new(0),
            qual: Qual::Top,
        };
        self.setup_annotations(body, env);
        let r = self.exec_block(body, &frame);
        self.run_pending_callbacks();
        match r {
            Err(Ctrl::Exc(mut e)) => {
                e.tb.push(TbEntry {
                    file: file.clone(),
                    line: frame.line.get(),
                    name: Rc::from("<module>"),
                });
                Err(Ctrl::Exc(e))
            }
            Err(Ctrl::Return(_)) => Err(self.exc("SyntaxError", "'return' outside function")),
            Err(Ctrl::Break) | Err(Ctrl::Continue) => {
                Err(self.exc("SyntaxError", "'break' outside loop"))
            }
            Ok(()) => Ok(()),
        }
    }

    /// Evaluates one expression at top level.
    pub(crate) fn eval_top(&self, e: &Expr) -> PyResult<Value> {
        let _g = self.enter();
        let frame = Frame {
            env: self.main_globals(),
            def: None,
            kind: FrameKind::Module,
            line: Cell::new(e.line),
            qual: Qual::Top,
        };
        let r = self.eval(e, &frame);
        self.run_pending_callbacks();
        r
    }

    fn exec_block(&self, block: &[Stmt], fr: &Frame) -> PyResult<()> {
        for s in block {
            fr.line.set(s.line);
            self.exec(s, fr)?;
            if self.weak_callbacks.have_pending() {
                self.run_pending_callbacks();
            }
        }
        Ok(())
    }

    /// A class of module `builtins` (`object`, `super`, the exception classes), with no
    /// attributes yet.
    fn builtin_class(&self, name: &str, base: Option<Cc<Class>>) -> Cc<Class> {
        Cc::new(Class {
            name: Rc::from(name),
            base,
            attrs: RefCell::new(AttrMap::default()),
            builtin: true,
            module: Rc::from("builtins"),
            builtin_base: None,
            interp: self.self_weak.clone(),
            weak_key: WeakKey::new(),
        })
    }

    fn exec(&self, s: &Stmt, fr: &Frame) -> PyResult<()> {
        match &s.kind {
            StmtKind::Expr(e) => {
                let v = self.eval(e, fr)?;
                // Interactive input echoes the value of its expression statements (those of the
                // main module's top level, in blocks too; not in functions or class bodies).
                if self.modules.interactive.get()
                    && fr.kind == FrameKind::Module
                    && Cc::ptr_eq(&fr.env, &self.main_globals())
                {
                    self.display(v)?;
                }
            }
            StmtKind::Assign(targets, value) => {
                let v = self.eval(value, fr)?;
                if let [rest @ .., last] = &targets[..] {
                    for t in rest {
                        self.assign(t, v.clone(), fr)?;
                    }
                    self.assign(last, v, fr)?;
                }
            }
            StmtKind::AugAssign(target, op, value) => match &target.kind {
                ExprKind::Name(n) => {
                    let cur = self.lookup_at(n, target, fr)?;
                    let rhs = self.eval(value, fr)?;
                    let v = match Self::fast_binop(*op, &cur, &rhs) {
                        Some(v) => v,
                        None => self.binop_inplace(*op, cur, rhs)?,
                    };
                    self.store_name_at(n, &target.hint, v, fr)?;
                }
                ExprKind::Attribute(obj, name) => {
                    let o = self.eval(obj, fr)?;
                    let cur = self.get_attr(&o, name)?;
                    let rhs = self.eval(value, fr)?;
                    let v = self.binop_inplace(*op, cur, rhs)?;
                    self.set_attr(&o, name, v)?;
                }
                ExprKind::Subscript(obj, idx) => {
                    let o = self.eval(obj, fr)?;
                    let i = self.eval(idx, fr)?;
                    let cur = self.get_item(&o, &i)?;
                    let rhs = self.eval(value, fr)?;
                    let v = self.binop_inplace(*op, cur, rhs)?;
                    self.set_item(&o, i, v)?;
                }
                _ => {
                    return Err(
                        self.exc("SyntaxError", "illegal expression for augmented assignment")
                    )
                }
            },
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete(t, fr)?;
                }
            }
            StmtKind::If(branches, orelse) => {
                for (i, (cond, body)) in branches.iter().enumerate() {
                    if i > 0 {
                        // An `elif` condition: a traceback names its line, not the `if`'s.
                        fr.line.set(cond.line);
                    }
                    let c = self.eval(cond, fr)?;
                    if self.truthy(&c)? {
                        return self.exec_block(body, fr);
                    }
                }
                if let Some(b) = orelse {
                    return self.exec_block(b, fr);
                }
            }
            StmtKind::While(cond, body, orelse) => loop {
                let c = self.eval(cond, fr)?;
                if !self.truthy(&c)? {
                    if let Some(b) = orelse {
                        self.exec_block(b, fr)?;
                    }
                    break;
                }
                match self.exec_block(body, fr) {
                    Ok(()) | Err(Ctrl::Continue) => {}
                    Err(Ctrl::Break) => break,
                    Err(e) => return Err(e),
                }
            },
            StmtKind::For(target, iter, body, orelse) => {
                let it = self.eval(iter, fr)?;
                let mut it = self.iter(&it)?;
                loop {
                    // A traceback through the iterator (a generator's frame) names the `for`.
                    fr.line.set(s.line);
                    let Some(v) = it.next(self)? else {
                        if let Some(b) = orelse {
                            self.exec_block(b, fr)?;
                        }
                        break;
                    };
                    self.assign(target, v, fr)?;
                    match self.exec_block(body, fr) {
                        Ok(()) | Err(Ctrl::Continue) => {}
                        Err(Ctrl::Break) => break,
                        Err(e) => return Err(e),
                    }
                }
            }
            StmtKind::Break => return Err(Ctrl::Break),
            StmtKind::Continue => return Err(Ctrl::Continue),
            StmtKind::Return(v) => {
                if fr.kind != FrameKind::Function {
                    return Err(self.exc("SyntaxError", "'return' outside function"));
                }
                let v = match v {
                    Some(e) => self.eval(e, fr)?,
                    None => Value::None,
                };
                return Err(Ctrl::Return(v));
            }
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally,
            } => {
                let mut result = self.exec_block(body, fr);
                match result {
                    Err(Ctrl::Exc(e)) => {
                        result = Err(Ctrl::Exc(e));
                        // The line the exception came from, for when no handler takes it.
                        let raised_line = fr.line.get();
                        let mut unhandled = true;
                        for h in handlers {
                            let Err(Ctrl::Exc(e)) = &result else {
                                unreachable!()
                            };
                            let matched = match &h.ty {
                                None => true,
                                Some(t) => {
                                    // An error while matching is raised on the `except` line.
                                    fr.line.set(h.line);
                                    let tv = self.eval(t, fr);
                                    let tv = match tv {
                                        Ok(tv) => tv,
                                        Err(err) => {
                                            result = Err(err);
                                            unhandled = false;
                                            break;
                                        }
                                    };
                                    match self.exception_matches(&e.value, &tv) {
                                        Ok(m) => m,
                                        // Raised while matching (`except 5:`): the finally
                                        // block still runs.
                                        Err(err) => {
                                            result = Err(err);
                                            unhandled = false;
                                            break;
                                        }
                                    }
                                }
                            };
                            if matched {
                                unhandled = false;
                                let Err(Ctrl::Exc(e)) = std::mem::replace(&mut result, Ok(()))
                                else {
                                    unreachable!()
                                };
                                let ev = e.value.clone();
                                if let Some(n) = &h.name {
                                    self.store_name(n, ev.clone(), fr)?;
                                }
                                self.calls.handling.borrow_mut().push(ev);
                                let r = self.exec_block(&h.body, fr);
                                let popped = self.calls.handling.borrow_mut().pop();
                                drop(popped);
                                if let Some(n) = &h.name {
                                    let _ = self.delete_name(n, fr);
                                }
                                result = match r {
                                    Err(Ctrl::Exc(mut e2)) => {
                                        if e2.tb.is_empty() && is_same(&e2.value, &e.value) {
                                            e2.tb = e.tb.clone();
                                        }
                                        Err(Ctrl::Exc(e2))
                                    }
                                    other => other,
                                };
                                break;
                            }
                        }
                        if unhandled {
                            fr.line.set(raised_line);
                        }
                    }
                    Ok(()) => {
                        if let Some(b) = orelse {
                            result = self.exec_block(b, fr);
                        }
                    }
                    _ => {}
                }
                if let Some(f) = finally {
                    // A pending exception keeps the line it came from: the frame's traceback
                    // entry names where it was raised, not the end of the finally block. While
                    // the block runs it is the exception being handled (a bare `raise` there
                    // raises it), as in CPython.
                    let line = fr.line.get();
                    let pending = match &result {
                        Err(Ctrl::Exc(e)) => Some(e.value.clone()),
                        _ => None,
                    };
                    let handling = pending.is_some();
                    if let Some(v) = pending {
                        self.calls.handling.borrow_mut().push(v);
                    }
                    let r = self.exec_block(f, fr);
                    if handling {
                        let popped = self.calls.handling.borrow_mut().pop();
                        drop(popped);
                    }
                    r?;
                    if matches!(result, Err(Ctrl::Exc(_))) {
                        fr.line.set(line);
                    }
                }
                return result;
            }
            StmtKind::Raise(e, cause) => {
                let Some(e) = e else {
                    let cur = self.calls.handling.borrow().last().cloned();
                    return match cur {
                        Some(v) => Err(Ctrl::Exc(Box::new(PyException {
                            value: v,
                            tb: Vec::new(),
                        }))),
                        None => Err(self.exc("RuntimeError", "No active exception to reraise")),
                    };
                };
                let v = self.eval(e, fr)?;
                if let Some(c) = cause {
                    self.eval(c, fr)?;
                }
                return Err(self.make_raise(v)?);
            }
            StmtKind::Import(items) => {
                for (m, alias) in items {
                    let (top, module) = self.import_dotted(m)?;
                    match alias {
                        Some(a) => self.store_name(a, module, fr)?,
                        None => {
                            let name = Rc::from(m.split('.').next().unwrap_or(""));
                            self.store_name(&name, top, fr)?
                        }
                    }
                }
            }
            StmtKind::FromImport(m, items) => {
                let (_, module) = self.import_dotted(m)?;
                for (n, alias) in items {
                    if &**n == "*" {
                        for (k, v) in self.public_names(&module) {
                            self.store_name(&k, v, fr)?;
                        }
                        continue;
                    }
                    let v = self.import_from(&module, n)?;
                    self.store_name(alias.as_ref().unwrap_or(n), v, fr)?;
                }
            }
            StmtKind::FuncDef(def) => {
                let f = self.make_function(def, fr)?;
                self.store_name(&def.name, f, fr)?;
            }
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
            } => {
                let cls = self.make_class(name, bases, keywords, body, fr)?;
                self.store_name(name, cls, fr)?;
            }
            StmtKind::Decorated(decorators, def) => {
                let mut ds = Vec::with_capacity(decorators.len());
                for d in decorators {
                    ds.push(self.eval(d, fr)?);
                }
                let (name, mut v) = match &def.kind {
                    StmtKind::FuncDef(d) => (d.name.clone(), self.make_function(d, fr)?),
                    StmtKind::ClassDef {
                        name,
                        bases,
                        keywords,
                        body,
                    } => {
                        fr.line.set(def.line);
                        let cls = self.make_class(name, bases, keywords, body, fr)?;
                        (name.clone(), cls)
                    }
                    _ => return Err(self.exc("SyntaxError", "invalid syntax")),
                };
                for (d, e) in ds.iter().zip(decorators).rev() {
                    fr.line.set(e.line);
                    v = self.call(d, vec![v], Vec::new())?;
                }
                self.store_name(&name, v, fr)?;
            }
            StmtKind::AnnAssign(target, ann, value) => {
                if let Some(value) = value {
                    let v = self.eval(value, fr)?;
                    self.assign(target, v, fr)?;
                }
                if matches!(fr.kind, FrameKind::Module | FrameKind::Class) {
                    let a = self.eval(ann, fr)?;
                    if let ExprKind::Name(n) = &target.kind {
                        self.store_annotation(n, a, fr)?;
                    }
                }
            }
            StmtKind::With(items, body) => return self.exec_with(items, body, fr),
            StmtKind::Match(subject, cases) => return self.exec_match(subject, cases, fr),
            StmtKind::Assert(test, msg) => {
                let t = self.eval(test, fr)?;
                if !self.truthy(&t)? {
                    let args = match msg {
                        Some(m) => vec![self.eval(m, fr)?],
                        None => vec![],
                    };
                    return Err(self.exc_with("AssertionError", args));
                }
            }
        }
        Ok(())
    }

    fn make_raise(&self, v: Value) -> PyResult<Ctrl> {
        match &v {
            Value::Class(c) if self.is_exception_class(c) => {
                let inst = self.call(&v, Vec::new(), Vec::new())?;
                Ok(Ctrl::Exc(Box::new(PyException {
                    value: inst,
                    tb: Vec::new(),
                })))
            }
            Value::Instance(i) if self.is_exception_class(&i.class()) => {
                Ok(Ctrl::Exc(Box::new(PyException {
                    value: v,
                    tb: Vec::new(),
                })))
            }
            _ => Ok(self.type_error("exceptions must derive from BaseException".into())),
        }
    }

    fn exception_matches(&self, exc: &Value, ty: &Value) -> PyResult<bool> {
        match ty {
            Value::Class(c) => Ok(match exc {
                Value::Instance(i) => Class::is_subclass(&i.class(), c),
                _ => false,
            }),
            Value::Tuple(t) => {
                for x in t.items.iter() {
                    if self.exception_matches(exc, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed".into(),
            )),
        }
    }

    fn make_function(&self, def: &Rc<FuncDef>, fr: &Frame) -> PyResult<Value> {
        let mut defaults = Vec::new();
        for p in def.params.iter().chain(&def.kwonly) {
            if let Some(d) = &p.default {
                defaults.push(self.eval(d, fr)?);
            }
        }
        let annotations = self.function_annotations(def, fr)?;
        // Functions defined in a class body close over the class's enclosing scope.
        let closure = if fr.kind == FrameKind::Class {
            fr.env
                .parent
                .clone()
                .unwrap_or_else(|| Env::module_globals(&fr.env).clone())
        } else {
            fr.env.clone()
        };
        let qualname = qualify(&fr.qual, &def.name);
        let mut attrs = AttrMap::default();
        if let Some(a) = annotations {
            attrs.set(Rc::from("__annotations__"), a);
        }
        Ok(Value::Func(Cc::new(Function {
            def: def.clone(),
            qualname,
            defaults,
            closure,
            attrs: RefCell::new(attrs),
            dict: RefCell::new(None),
            owner: RefCell::new(None),
            weak_key: WeakKey::new(),
        })))
    }

    /// The class a base expression stands for: itself, or for an object with
    /// `__mro_entries__` (`class B(list[int])`) the one base that method names.
    fn mro_entry(&self, b: Value) -> PyResult<Value> {
        if !matches!(b, Value::Instance(_)) {
            return Ok(b);
        }
        let Ok(entries) = self.get_attr(&b, "__mro_entries__") else {
            return Ok(b);
        };
        match self.call(&entries, vec![Value::tuple(vec![b])], Vec::new())? {
            Value::Tuple(t) if t.items.len() == 1 => Ok(t.items[0].clone()),
            _ => Err(self.type_error("minipy supports single inheritance only".into())),
        }
    }

    fn make_class(
        &self,
        name: &Rc<str>,
        bases: &[Expr],
        keywords: &[(Rc<str>, Expr)],
        body: &Rc<Block>,
        fr: &Frame,
    ) -> PyResult<Value> {
        let mut base: Option<Cc<Class>> = None;
        let mut builtin_base = None;
        for b in bases {
            let b = self.eval(b, fr)?;
            match self.mro_entry(b)? {
                Value::Class(c) => {
                    if base.is_some() || builtin_base.is_some() {
                        return Err(self.type_error("minipy supports single inheritance only".into()));
                    }
                    builtin_base = c.builtin_base;
                    base = Some(c)
                }
                Value::Type(TypeKind::Object) => {}
                Value::Type(t @ (TypeKind::List | TypeKind::Dict | TypeKind::Tuple)) => {
                    if base.is_some() || builtin_base.is_some() {
                        return Err(self.type_error("minipy supports single inheritance only".into()));
                    }
                    builtin_base = Some(t);
                }
                Value::Type(t @ (TypeKind::Slice | TypeKind::Range | TypeKind::Bool)) => {
                    return Err(self.type_error(format!(
                        "type '{}' is not an acceptable base type",
                        t.name()
                    )))
                }
                other => {
                    return Err(self.type_error(format!(
                        "minipy classes can only derive from user classes, exceptions or object, not '{}'",
                        self.repr(&other)?
                    )))
                }
            }
        }
        let mut class_kwargs = Vec::with_capacity(keywords.len());
        for (k, e) in keywords {
            let v = self.eval(e, fr)?;
            if &**k == "metaclass" {
                // minipy has no metaclasses: only `type` itself is accepted.
                if !matches!(v, Value::Type(TypeKind::Type)) {
                    return Err(self.type_error(format!(
                        "minipy has no metaclasses (metaclass={})",
                        self.repr(&v)?
                    )));
                }
                continue;
            }
            class_kwargs.push((k.clone(), v));
        }
        let env = Cc::new(Env::new(AttrMap::default(), Some(fr.env.clone())));
        let cframe = Frame {
            env: env.clone(),
            def: None,
            kind: FrameKind::Class,
            line: Cell::new(fr.line.get()),
            qual: Qual::Class(qualify(&fr.qual, name)),
        };
        self.setup_annotations(body, &env);
        match self.exec_block(body, &cframe) {
            Ok(()) => {}
            Err(Ctrl::Exc(e)) => return Err(Ctrl::Exc(e)),
            Err(_) => return Err(self.exc("SyntaxError", "'return' outside function")),
        }
        let mut attrs = std::mem::take(&mut *env.vars.borrow_mut());
        // The class's own `__doc__` (its docstring) and, when it is nested, `__qualname__`.
        if let Some(StmtKind::Expr(Expr {
            kind: ExprKind::Const(Const::Str(doc)),
            ..
        })) = body.first().map(|s| &s.kind)
        {
            if !attrs.contains("__doc__") {
                attrs.set(Rc::from("__doc__"), Value::Str(doc.clone()));
            }
        }
        // A class that defines `__eq__` but not `__hash__` gets `__hash__ = None`: its
        // instances are unhashable, as in CPython.
        if attrs.contains("__eq__") && !attrs.contains("__hash__") {
            attrs.set(Rc::from("__hash__"), Value::None);
        }
        if let Qual::Class(q) = &cframe.qual {
            if **q != **name && !attrs.contains("__qualname__") {
                attrs.set(Rc::from("__qualname__"), Value::Str(PyStr::from(q)));
            }
        }
        let class = Cc::new(Class {
            name: name.clone(),
            base,
            attrs: RefCell::new(attrs),
            builtin: false,
            module: self.module_name(&fr.env),
            builtin_base,
            interp: self.self_weak.clone(),
            weak_key: WeakKey::new(),
        });
        let methods: Vec<Value> = class
            .attrs
            .borrow()
            .iter()
            .map(|(_, v)| v.clone())
            .collect();
        for m in methods {
            // Functions wrapped by `staticmethod`, `classmethod` or `property` are methods of
            // the class too (`super()` in them).
            let funcs: Vec<Value> = match &m {
                Value::Instance(d) => d.attrs.borrow().iter().map(|(_, v)| v.clone()).collect(),
                _ => vec![m],
            };
            for f in funcs {
                if let Value::Func(f) = f {
                    let old = f.owner.borrow_mut().replace(class.clone());
                    drop(old);
                }
            }
        }
        if ["__set__", "__delete__", "__setattr__", "__delattr__"]
            .iter()
            .any(|n| class.attrs.borrow().contains(n))
        {
            self.features.descr_in_use.set(true);
        }
        if ["__setattr__", "__delattr__"]
            .iter()
            .any(|n| class.attrs.borrow().contains(n))
        {
            self.features.setattr_hooks.set(true);
        }
        if class.attrs.borrow().contains("__slots__") {
            self.features.slots_in_use.set(true);
        }
        self.set_names(&class)?;
        self.init_subclass(&class, class_kwargs)?;
        Ok(Value::Class(class))
    }

    // ------------------------------------------------------------ names

    /// The value of the name at the site `site` (whose slot cache and scope mark it uses).
    ///
    /// The common cases, a function's local or a name of the scope the function was defined
    /// in (a module-level function's global) found in the slot where the site last found it,
    /// cost a few comparisons; everything else goes to [`Interp::lookup_slow`], which searches
    /// again from the start.
    #[inline(never)]
    fn lookup_at(&self, name: &Rc<str>, site: &Expr, fr: &Frame) -> PyResult<Value> {
        if fr.kind == FrameKind::Function {
            if let Some(def) = fr.def {
                if site.scope.get() != NameScope::Outer {
                    // What `lookup_slow` tries first for a possible local.
                    if let Some(v) = fr.env.vars.borrow().at_hint(name, &site.hint) {
                        return Ok(v.fast_clone());
                    }
                } else if def.globals.is_empty() && fr.env.dict.borrow().is_none() {
                    // Not a local, not declared `global`, the function's own names in no
                    // dict object: `lookup_slow` searches the enclosing scope first, its
                    // variables before any dict object of its.
                    if let Some(parent) = &fr.env.parent {
                        if let Some(v) = parent.vars.borrow().at_hint(name, &site.hint) {
                            return Ok(v.fast_clone());
                        }
                    }
                }
            }
        }
        self.lookup_slow(name, site, fr)
    }

    /// [`Interp::lookup_at`]'s full search.
    #[inline(never)]
    fn lookup_slow(&self, name: &Rc<str>, site: &Expr, fr: &Frame) -> PyResult<Value> {
        let hint = &site.hint;
        let scope = site.scope.get();
        if let Some(def) = fr.def {
            if fr.kind == FrameKind::Function {
                // A function's own scope holds only its locals (names declared `global` or
                // `nonlocal` are stored elsewhere): found there, the name is that local.
                if scope != NameScope::Outer {
                    if let Some(v) = fr.env.vars.borrow().get_hinted(name, hint) {
                        return Ok(v.clone());
                    }
                }
                if scope == NameScope::Outer
                    && !def.globals.is_empty()
                    && def.globals.contains(name)
                {
                    return self.lookup_global(name, fr);
                }
                let local = match scope {
                    NameScope::Local => true,
                    NameScope::Outer => false,
                    NameScope::Unknown => {
                        if !def.globals.is_empty() && def.globals.contains(name) {
                            return self.lookup_global(name, fr);
                        }
                        def.locals.contains(name)
                    }
                };
                if local {
                    if let Some(v) = fr.env.get(name) {
                        return Ok(v);
                    }
                    return Err(self.exc(
                        "UnboundLocalError",
                        &format!("cannot access local variable '{name}' where it is not associated with a value"),
                    ));
                }
            } else if !def.globals.is_empty() && def.globals.contains(name) {
                return self.lookup_global(name, fr);
            }
        }
        // A function's own names were searched above unless they live in a dict object (or
        // the site's mark says the name is not one of them).
        let searched =
            fr.kind == FrameKind::Function && fr.def.is_some() && fr.env.dict.borrow().is_none();
        let mut env = if searched {
            fr.env.parent.clone()
        } else {
            Some(fr.env.clone())
        };
        while let Some(e) = env {
            if let Some(v) = e.get_hinted(name, hint) {
                return Ok(v);
            }
            env = e.parent.clone();
        }
        if let Some(v) = self.builtins.names.borrow().get(name) {
            return Ok(v.clone());
        }
        if searched && scope == NameScope::Outer {
            // Bound in the function's own scope by a statement the analysis did not count.
            if let Some(v) = fr.env.get(name) {
                return Ok(v);
            }
        }
        Err(self.name_error(name))
    }

    fn name_error(&self, name: &str) -> Ctrl {
        self.exc("NameError", &format!("name '{name}' is not defined"))
    }

    /// A name declared `global`: looked up in the frame's module globals, then the builtins.
    fn lookup_global(&self, name: &str, fr: &Frame) -> PyResult<Value> {
        if let Some(v) = Env::module_globals(&fr.env).get(name) {
            return Ok(v);
        }
        if let Some(v) = self.builtins.names.borrow().get(name) {
            return Ok(v.clone());
        }
        Err(self.name_error(name))
    }

    /// The environment a name is stored in, from this frame.
    fn store_env(&self, name: &str, fr: &Frame) -> PyResult<Cc<Env>> {
        if let Some(def) = fr
            .def
            .filter(|d| !d.globals.is_empty() || !d.nonlocals.is_empty())
        {
            if def.globals.contains(name) {
                return Ok(Env::module_globals(&fr.env).clone());
            }
            if def.nonlocals.contains(name) {
                let mut env = fr.env.parent.clone();
                while let Some(e) = env {
                    if e.parent.is_none() {
                        break;
                    }
                    if e.contains(name) {
                        return Ok(e);
                    }
                    env = e.parent.clone();
                }
                return Err(self.exc(
                    "SyntaxError",
                    &format!("no binding for nonlocal '{name}' found"),
                ));
            }
        }
        Ok(fr.env.clone())
    }

    /// Binds the name `name`.
    fn store_name(&self, name: &Rc<str>, v: Value, fr: &Frame) -> PyResult<()> {
        self.store_name_slow(name, &Cell::new(0), v, fr)
    }

    /// Binds the name `name` at a site whose slot cache is `hint`. Inlined where names are
    /// assigned: rebinding a name of the frame's own scope (no `global` or `nonlocal`
    /// declaration, no dict object) in the slot where the site last found it costs a few
    /// comparisons; everything else goes to [`Interp::store_name_slow`].
    #[inline(always)]
    fn store_name_at(
        &self,
        name: &Rc<str>,
        hint: &Cell<u32>,
        v: Value,
        fr: &Frame,
    ) -> PyResult<()> {
        let v = if fr
            .def
            .is_none_or(|d| d.globals.is_empty() && d.nonlocals.is_empty())
            && fr.env.dict.borrow().is_none()
        {
            // The borrow ends with this statement: the old value is dropped (which can run
            // a `__del__` that reads the scope) after it.
            let replaced = fr.env.vars.borrow_mut().replace_at_hint(name, hint, v);
            match replaced {
                Ok(old) => {
                    drop(old);
                    return Ok(());
                }
                Err(v) => v,
            }
        } else {
            v
        };
        self.store_name_slow(name, hint, v, fr)
    }

    /// [`Interp::store_name_at`]'s general case.
    #[inline(never)]
    fn store_name_slow(
        &self,
        name: &Rc<str>,
        hint: &Cell<u32>,
        v: Value,
        fr: &Frame,
    ) -> PyResult<()> {
        if fr
            .def
            .is_none_or(|d| d.globals.is_empty() && d.nonlocals.is_empty())
        {
            // The frame's own scope: no declaration sends the name elsewhere.
            let old = fr.env.set_hinted(name, v, hint);
            drop(old);
            return Ok(());
        }
        let env = self.store_env(name, fr)?;
        let old = env.set_hinted(name, v, hint);
        drop(old);
        Ok(())
    }

    fn delete_name(&self, name: &Rc<str>, fr: &Frame) -> PyResult<()> {
        let env = self.store_env(name, fr)?;
        let old = env.remove(name);
        match old {
            Some(v) => {
                drop(v);
                Ok(())
            }
            None => Err(self.name_error(name)),
        }
    }

    /// The items of `v` for an unpacking assignment to `n` targets without a starred one
    /// (`a, b = v`): exactly `n` of them, or CPython's errors (`too many values to unpack
    /// (expected 2)`, `not enough values ...`, `cannot unpack non-iterable int object`). One
    /// item more than `n` is enough to know there are too many, so an endless iterator is not
    /// drained.
    pub(crate) fn unpack_exactly(&self, v: &Value, n: usize) -> PyResult<Vec<Value>> {
        let items = self.collect_at_most(v, n + 1, access::cannot_unpack)?;
        if items.len() != n {
            return Err(self.exc(
                "ValueError",
                &if items.len() > n {
                    format!("too many values to unpack (expected {n})")
                } else {
                    format!(
                        "not enough values to unpack (expected {n}, got {})",
                        items.len()
                    )
                },
            ));
        }
        Ok(items)
    }

    fn assign(&self, t: &Expr, v: Value, fr: &Frame) -> PyResult<()> {
        match &t.kind {
            ExprKind::Name(n) => self.store_name_at(n, &t.hint, v, fr),
            ExprKind::Attribute(obj, name) => {
                let o = self.eval(obj, fr)?;
                let Some(v) = self.store_plain_attr_at(&o, name, v, &t.hint) else {
                    return Ok(());
                };
                self.set_attr(&o, name, v)
            }
            ExprKind::Subscript(obj, idx) => {
                let o = self.eval(obj, fr)?;
                if let ExprKind::Slice(lo, hi, step) = &idx.kind {
                    let parts = self.eval_slice_parts(lo, hi, step, fr)?;
                    return self.assign_slice(&o, parts, v);
                }
                let i = self.eval(idx, fr)?;
                self.set_item(&o, i, v)
            }
            ExprKind::Tuple(targets) | ExprKind::List(targets) => {
                let star = targets
                    .iter()
                    .position(|t| matches!(t.kind, ExprKind::Starred(_)));
                // A tuple of the right length (immutable: the assignments cannot change it)
                // hands its items over one by one, without a copy of the sequence.
                if let (None, Value::Tuple(t)) = (star, &v) {
                    if t.items.len() == targets.len() {
                        for (target, item) in targets.iter().zip(t.items.iter()) {
                            self.assign(target, item.clone(), fr)?;
                        }
                        return Ok(());
                    }
                }
                match star {
                    None => {
                        let items = self.unpack_exactly(&v, targets.len())?;
                        for (t, v) in targets.iter().zip(items) {
                            self.assign(t, v, fr)?;
                        }
                    }
                    Some(si) => {
                        let items = self.collect_or(&v, access::cannot_unpack)?;
                        let after = targets.len() - si - 1;
                        if items.len() < targets.len() - 1 {
                            return Err(self.exc(
                                "ValueError",
                                &format!(
                                    "not enough values to unpack (expected at least {}, got {})",
                                    targets.len() - 1,
                                    items.len()
                                ),
                            ));
                        }
                        let mut items = items;
                        let tail = items.split_off(items.len() - after);
                        let mid = items.split_off(si);
                        for (t, v) in targets[..si].iter().zip(items) {
                            self.assign(t, v, fr)?;
                        }
                        if let ExprKind::Starred(inner) = &targets[si].kind {
                            self.assign(inner, Value::list(mid), fr)?;
                        }
                        for (t, v) in targets[si + 1..].iter().zip(tail) {
                            self.assign(t, v, fr)?;
                        }
                    }
                }
                Ok(())
            }
            _ => Err(self.exc("SyntaxError", "cannot assign to expression")),
        }
    }

    fn delete(&self, t: &Expr, fr: &Frame) -> PyResult<()> {
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n, fr),
            ExprKind::Attribute(obj, name) => {
                let o = self.eval(obj, fr)?;
                self.del_attr(&o, name)
            }
            ExprKind::Subscript(obj, idx) => {
                let o = self.eval(obj, fr)?;
                if let ExprKind::Slice(lo, hi, step) = &idx.kind {
                    let parts = self.eval_slice_parts(lo, hi, step, fr)?;
                    return self.delete_slice(&o, parts);
                }
                let i = self.eval(idx, fr)?;
                self.del_item(&o, &i)
            }
            ExprKind::Tuple(xs) | ExprKind::List(xs) => {
                for x in xs {
                    self.delete(x, fr)?;
                }
                Ok(())
            }
            _ => Err(self.exc("SyntaxError", "cannot delete expression")),
        }
    }

    // ------------------------------------------------------------ expressions

    /// Evaluates an expression. A dispatcher of its own, without a prologue: a name (the most
    /// common operand) goes to [`Interp::lookup_at`] without entering [`Interp::eval_node`],
    /// whose prologue and epilogue (a large function's) cost more than the lookup itself;
    /// inlining the lookup at every call site instead made the interpreter's large functions
    /// larger and slower. A name is a leaf: looking it up evaluates nothing further, so it
    /// needs no stack check.
    #[inline(never)]
    fn eval(&self, e: &Expr, fr: &Frame) -> PyResult<Value> {
        if let ExprKind::Name(n) = &e.kind {
            return self.lookup_at(n, e, fr);
        }
        self.eval_node(e, fr)
    }

    /// Evaluates an expression other than a name (see [`Interp::eval`]).
    #[inline(never)]
    fn eval_node(&self, e: &Expr, fr: &Frame) -> PyResult<Value> {
        self.check_stack()?;
        Ok(match &e.kind {
            ExprKind::Const(c) => match c {
                Const::None => Value::None,
                Const::Bool(b) => Value::Bool(*b),
                Const::Int(i) => Value::Int(*i),
                Const::Float(f) => Value::Float(*f),
                Const::Imag(f) => complex::new_complex(0.0, *f),
                Const::Str(s) => Value::Str(s.clone()),
                Const::Ellipsis => Value::Ellipsis,
                Const::Bytes(b) => Value::Bytes(b.clone()),
                Const::Folded(v) => v.clone(),
                // The literal's text is parsed when it runs (it is rare in hot code).
                Const::BigInt(text) => match crate::bigint::parse_int_base0(text) {
                    Ok(v) => v,
                    Err(_) => {
                        return Err(self.exc(
                            "ValueError",
                            &format!(
                                "Exceeds the limit ({} digits) for integer string conversion",
                                crate::bigint::max_str_digits()
                            ),
                        ))
                    }
                },
            },
            ExprKind::Name(n) => self.lookup_slow(n, e, fr)?,
            ExprKind::BinOp(op, a, b) => {
                let l = self.eval(a, fr)?;
                let r = self.eval(b, fr)?;
                if let Some(v) = Self::fast_binop(*op, &l, &r) {
                    return Ok(v);
                }
                self.binop(*op, l, r)?
            }
            ExprKind::Unary(op, a) => {
                let v = self.eval(a, fr)?;
                self.unary(*op, v)?
            }
            ExprKind::BoolOp(is_and, a, b) => {
                let l = self.eval(a, fr)?;
                let t = self.truthy(&l)?;
                if t == *is_and {
                    self.eval(b, fr)?
                } else {
                    l
                }
            }
            ExprKind::Compare(first, rest) => {
                let mut l = self.eval(first, fr)?;
                for (op, re) in rest {
                    let r = self.eval(re, fr)?;
                    let holds = match Self::fast_compare(*op, &l, &r) {
                        Some(b) => b,
                        None => self.compare(*op, &l, &r)?,
                    };
                    if !holds {
                        return Ok(Value::Bool(false));
                    }
                    l = r;
                }
                Value::Bool(true)
            }
            ExprKind::IfExp(c, a, b) => {
                let cv = self.eval(c, fr)?;
                if self.truthy(&cv)? {
                    self.eval(a, fr)?
                } else {
                    self.eval(b, fr)?
                }
            }
            ExprKind::Call(f, args) => {
                if let ExprKind::Attribute(obj, name) = &f.kind {
                    let o = self.eval(obj, fr)?;
                    // Room for the receiver, which a method of a class is called with first
                    // (inserting it then moves the arguments but allocates nothing). Without
                    // arguments nothing is allocated: a builtin type's method needs no room.
                    let room = usize::from(!args.is_empty());
                    let callee = || match self.get_attr(&o, name) {
                        Ok(m) => self.function_str(&m),
                        Err(_) => format!("{name}()"),
                    };
                    let (pos, kw) = self.eval_args_with_room(args, room, fr, &callee)?;
                    return self.call_method_at(&o, name, &f.hint, pos, kw);
                }
                let fv = self.eval(f, fr)?;
                let (pos, kw) =
                    self.eval_args_with_room(args, 0, fr, &|| self.function_str(&fv))?;
                return self.call(&fv, pos, kw);
            }
            ExprKind::Attribute(obj, name) => {
                let o = self.eval(obj, fr)?;
                if let Some(v) = self.instance_attr_at(&o, name, &e.hint) {
                    return Ok(v);
                }
                self.get_attr(&o, name)?
            }
            ExprKind::Subscript(obj, idx) => {
                let o = self.eval(obj, fr)?;
                if let ExprKind::Slice(lo, hi, step) = &idx.kind {
                    let parts = self.eval_slice_parts(lo, hi, step, fr)?;
                    return self.subscript_slice(&o, parts);
                }
                let i = self.eval(idx, fr)?;
                self.get_item(&o, &i)?
            }
            // A slice among a subscript's items (`a[1:2, 3]`): a slice object.
            ExprKind::Slice(lo, hi, step) => self.eval_slice_parts(lo, hi, step, fr)?.into_slice(),
            ExprKind::List(xs) => Value::list(self.eval_seq(xs, fr)?),
            ExprKind::Tuple(xs) => Value::tuple(self.eval_seq(xs, fr)?),
            ExprKind::Dict(kvs) => {
                let mut d = PyDict::new();
                for (k, v) in kvs {
                    if let ExprKind::Starred(m) = &k.kind {
                        // `{**m}`: the mapping's items.
                        let mv = self.eval(m, fr)?;
                        self.dict_unpack(&mut d, &mv)?;
                        continue;
                    }
                    let kv = self.eval(k, fr)?;
                    let vv = self.eval(v, fr)?;
                    let hk = self.dict_key(&d, &kv)?;
                    d.insert(hk, kv, vv);
                }
                Value::dict(d)
            }
            ExprKind::Set(xs) => {
                let mut d = PyDict::new();
                d.make_set();
                for v in self.eval_seq(xs, fr)? {
                    let hk = self.dict_key(&d, &v)?;
                    d.insert(hk, v, Value::None);
                }
                // CPython 3.11 compiles a display of three or more constants to a frozenset
                // constant merged into a new set (`SET_UPDATE`), which sizes the table once;
                // and the compiler's constant merging rebuilds that frozenset from its own
                // iteration order.
                if xs.len() >= 3 && xs.iter().all(crate::ast::is_folded_constant) {
                    let mut rebuilt = PyDict::new();
                    rebuilt.make_set();
                    for (hk, k) in d.members() {
                        rebuilt.insert(hk, k, Value::None);
                    }
                    let mut merged = PyDict::new();
                    merged.make_set();
                    merged.merge_set(&rebuilt);
                    d = merged;
                }
                Value::set(d)
            }
            ExprKind::SetComp(elt, comps) => {
                let cf = self.comprehension_frame(fr, e.line);
                let mut d = PyDict::new();
                let r = self.comprehension(comps, 0, &cf, &mut |s: &Interp, f: &Frame| {
                    let v = s.eval(elt, f)?;
                    let hk = s.dict_key(&d, &v)?;
                    d.insert(hk, v, Value::None);
                    Ok(())
                });
                self.recycle_env(cf.env);
                r?;
                Value::set(d)
            }
            ExprKind::Starred(_) => {
                return Err(self.exc("SyntaxError", "can't use starred expression here"))
            }
            ExprKind::Lambda(def) => self.make_function(def, fr)?,
            ExprKind::ListComp(elt, comps) => {
                let cf = self.comprehension_frame(fr, e.line);
                let mut out = Vec::new();
                let r = self.comprehension(comps, 0, &cf, &mut |s: &Interp, f: &Frame| {
                    out.push(s.eval(elt, f)?);
                    Ok(())
                });
                self.recycle_env(cf.env);
                r?;
                Value::list(out)
            }
            ExprKind::DictComp(k, v, comps) => {
                let cf = self.comprehension_frame(fr, e.line);
                let mut d = PyDict::new();
                let r = self.comprehension(comps, 0, &cf, &mut |s: &Interp, f: &Frame| {
                    let kv = s.eval(k, f)?;
                    let vv = s.eval(v, f)?;
                    let hk = s.dict_key(&d, &kv)?;
                    let old = d.insert(hk, kv, vv);
                    drop(old);
                    Ok(())
                });
                self.recycle_env(cf.env);
                r?;
                Value::dict(d)
            }
            ExprKind::GenExp(def, first) => {
                // The first loop's iterable is evaluated (and iterated) here, the rest lazily.
                let itv = self.eval(first, fr)?;
                let it = self.iter_value(&itv)?;
                let f = self.make_function(def, fr)?;
                return self.call(&f, vec![it], Vec::new());
            }
            ExprKind::Await(x) => {
                let v = self.eval(x, fr)?;
                return self.await_now(&v);
            }
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
                return Err(self.exc(
                    "SyntaxError",
                    "not supported by minipy: yield inside an expression",
                ))
            }
            ExprKind::FString(parts) => Value::Str(PyStr::from(self.fstring(parts, fr)?)),
            ExprKind::NamedExpr(n, v, up) => {
                let val = self.eval(v, fr)?;
                if up.get() == 0 {
                    self.store_name(n, val.clone(), fr)?;
                } else {
                    // Past the comprehensions' own scopes, into the one they are in.
                    let mut env = fr.env.clone();
                    for _ in 0..up.get() {
                        match env.parent.clone() {
                            Some(p) => env = p,
                            None => break,
                        }
                    }
                    let old = env.set(n.clone(), val.clone());
                    drop(old);
                }
                val
            }
        })
    }

    fn comprehension(
        &self,
        comps: &[Comprehension],
        i: usize,
        fr: &Frame,
        body: &mut dyn FnMut(&Interp, &Frame) -> PyResult<()>,
    ) -> PyResult<()> {
        let Some(c) = comps.get(i) else {
            return body(self, fr);
        };
        self.check_stack()?;
        let itv = self.eval(&c.iter, fr)?;
        let mut it = self.iter(&itv)?;
        'outer: while let Some(v) = it.next(self)? {
            self.assign(&c.target, v, fr)?;
            for cond in &c.ifs {
                let cv = self.eval(cond, fr)?;
                if !self.truthy(&cv)? {
                    continue 'outer;
                }
            }
            self.comprehension(comps, i + 1, fr, body)?;
        }
        Ok(())
    }

    fn eval_seq(&self, xs: &[Expr], fr: &Frame) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(xs.len());
        for x in xs {
            if let ExprKind::Starred(inner) = &x.kind {
                let v = self.eval(inner, fr)?;
                out.extend(self.collect(&v)?);
            } else {
                out.push(self.eval(x, fr)?);
            }
        }
        Ok(out)
    }

    /// Evaluates a call's arguments, the positional ones into a vector with room for `room`
    /// more. `callee` names the function for the errors of `**` arguments, as CPython's
    /// `_PyObject_FunctionStr` does (only called on those errors).
    #[inline]
    fn eval_args_with_room(
        &self,
        args: &[Arg],
        room: usize,
        fr: &Frame,
        callee: &dyn Fn() -> String,
    ) -> PyResult<CallArgs> {
        let mut pos = match args.len() + room {
            0 => Vec::new(),
            n => self.calls.arg_vec(n),
        };
        let mut kw: Vec<(Rc<str>, Value)> = Vec::new();
        // The keyword names so far, once a `**` argument came (CPython merges the keywords
        // into one dict from there on, refusing a name twice).
        let mut merged: Option<NameSet> = None;
        for a in args {
            match a {
                Arg::Pos(e) => pos.push(self.eval(e, fr)?),
                Arg::Kw(n, e) => {
                    let v = self.eval(e, fr)?;
                    if let Some(seen) = &mut merged {
                        if !seen.insert(n.clone()) {
                            return Err(self.keyword_twice(callee, n));
                        }
                    }
                    kw.push((n.clone(), v));
                }
                Arg::Star(e) => {
                    let v = self.eval(e, fr)?;
                    pos.extend(self.collect(&v)?);
                }
                Arg::DoubleStar(e) => {
                    let m = self.eval(e, fr)?;
                    self.merge_keywords(&m, &mut kw, &mut merged, callee)?;
                }
            }
        }
        Ok((pos, kw))
    }

    /// Adds the items of a `**` argument `m` to a call's keywords `kw`, refusing a name twice
    /// (`merged`: the names so far, made here at the first `**`).
    #[inline(never)]
    fn merge_keywords(
        &self,
        m: &Value,
        kw: &mut Vec<(Rc<str>, Value)>,
        merged: &mut Option<NameSet>,
        callee: &dyn Fn() -> String,
    ) -> PyResult<()> {
        let Some(items) = self.mapping_items(m)? else {
            return Err(self.type_error(format!(
                "{} argument after ** must be a mapping, not {}",
                callee(),
                m.type_name()
            )));
        };
        let seen = merged.get_or_insert_with(|| kw.iter().map(|(n, _)| n.clone()).collect());
        for (k, v) in items {
            let Value::Str(k) = k else {
                return Err(self.type_error("keywords must be strings".into()));
            };
            let k: Rc<str> = Rc::from(&k);
            if !seen.insert(k.clone()) {
                return Err(self.keyword_twice(callee, &k));
            }
            kw.push((k, v));
        }
        Ok(())
    }

    /// CPython's error for a keyword given twice through `**`.
    #[cold]
    fn keyword_twice(&self, callee: &dyn Fn() -> String, name: &str) -> Ctrl {
        self.type_error(format!(
            "{} got multiple values for keyword argument '{name}'",
            callee()
        ))
    }

    /// The text of an f-string's parts (a format spec's parts too).
    fn fstring(&self, parts: &[FPart], fr: &Frame) -> PyResult<String> {
        let mut s = String::new();
        for p in parts {
            match p {
                FPart::Lit(l) => s.push_str(l),
                FPart::Expr(e, conv, spec) => {
                    let v = self.eval(e, fr)?;
                    let v = match conv {
                        Some('r') | Some('a') => Value::Str(PyStr::from(self.repr(&v)?)),
                        Some('s') => Value::Str(PyStr::from(self.to_str(&v)?)),
                        _ => v,
                    };
                    let spec = match spec.as_slice() {
                        [] => String::new(),
                        [FPart::Lit(l)] => l.clone(),
                        _ => self.fstring(spec, fr)?,
                    };
                    s.push_str(&self.format_value(&v, &spec)?);
                }
            }
        }
        Ok(s)
    }

    /// `{**m}`: adds the items of the mapping `m` (a dict, or an object with `keys()` and
    /// `__getitem__`) to the dict being built.
    fn dict_unpack(&self, d: &mut PyDict, m: &Value) -> PyResult<()> {
        let Some(items) = self.mapping_items(m)? else {
            return Err(self.type_error(format!("'{}' object is not a mapping", m.type_name())));
        };
        for (k, v) in items {
            let hk = self.dict_key(&*d, &k)?;
            let old = d.insert(hk, k, v);
            drop(old);
        }
        Ok(())
    }

    /// The items of the mapping `m` as CPython's `PyDict_Update` takes them (`{**m}`,
    /// `f(**m)`): a dict's, a dict subclass's own unless it overrides `__iter__`, else through
    /// `keys()` and `m[k]`; `None` when `m` is no mapping (has no `keys`).
    fn mapping_items(&self, m: &Value) -> PyResult<Option<Vec<(Value, Value)>>> {
        Ok(Some(match m {
            Value::Dict(src) => src.entries(),
            // A dict subclass's own items, as CPython's `dict_merge` takes them when the class
            // does not override `__iter__`.
            Value::Instance(i)
                if matches!(i.base, Some(Value::Dict(_)))
                    && i.class().lookup("__iter__").is_none() =>
            {
                match &i.base {
                    Some(Value::Dict(src)) => src.entries(),
                    _ => Vec::new(),
                }
            }
            Value::Instance(i) if i.class().lookup("keys").is_some() => {
                let keys = self.call_method(m, &Rc::from("keys"), Vec::new(), Vec::new())?;
                let mut items = Vec::new();
                for k in self.collect(&keys)? {
                    let v = self.get_item(m, &k)?;
                    items.push((k, v));
                }
                items
            }
            _ => return Ok(None),
        }))
    }

    /// A callable as CPython's `_PyObject_FunctionStr` names it in call errors:
    /// `module.qualname()`, `qualname()` for a builtin, its `str()` without a `__qualname__`.
    fn function_str(&self, f: &Value) -> String {
        match f {
            Value::Method(m) => {
                return match &m.func {
                    MethodFunc::Func(func) => self.function_str(&Value::Func(func.clone())),
                    MethodFunc::Native(n) => format!("{}.{n}()", m.recv.type_name()),
                }
            }
            Value::Builtin(b) => {
                return match &b.module {
                    Some(m) if &**m != "builtins" => format!("{m}.{}()", b.name),
                    _ => format!("{}()", b.name),
                }
            }
            _ => {}
        }
        let Ok(q) = self.get_attr(f, "__qualname__") else {
            return self.to_str(f).unwrap_or_default();
        };
        let q = self.to_str(&q).unwrap_or_default();
        match self.get_attr(f, "__module__") {
            Ok(Value::Str(m)) if m.as_str() != "builtins" => format!("{}.{q}()", m.as_str()),
            _ => format!("{q}()"),
        }
    }

    /// Evaluates the bounds of `[lo:hi:step]`, left to right (an omitted one is `None`).
    /// While they are ints or `None` they are kept as such ([`SliceBounds::Ints`], what a
    /// builtin sequence is sliced by, with nothing to drop); from the first other object on,
    /// as values. They are converted to indices (`__index__`, `slice indices must be
    /// integers...`) only after all three are evaluated, by whoever takes the slice.
    fn eval_slice_parts(
        &self,
        lo: &Option<Box<Expr>>,
        hi: &Option<Box<Expr>>,
        step: &Option<Box<Expr>>,
        fr: &Frame,
    ) -> PyResult<SliceBounds> {
        let exprs = [lo, hi, step];
        let mut ints = [None; 3];
        for (k, e) in exprs.iter().enumerate() {
            let Some(e) = e else { continue };
            match self.eval(e, fr)? {
                Value::Int(i) => ints[k] = Some(i),
                Value::None => {}
                v => {
                    let mut vals = ints.map(|b| b.map_or(Value::None, Value::Int));
                    vals[k] = v;
                    for (j, e) in exprs.iter().enumerate().skip(k + 1) {
                        if let Some(e) = e {
                            vals[j] = self.eval(e, fr)?;
                        }
                    }
                    return Ok(SliceBounds::Values(vals));
                }
            }
        }
        Ok(SliceBounds::Ints(ints))
    }

    // ------------------------------------------------------------ calls

    /// Calls any callable value.
    pub fn call(
        &self,
        f: &Value,
        mut args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        self.check_stack()?;
        match f {
            Value::Func(func) => self.call_function(func, args, kwargs),
            Value::Method(m) => match &m.func {
                MethodFunc::Func(func) => {
                    args.insert(0, m.recv.clone());
                    self.call_function(func, args, kwargs)
                }
                MethodFunc::Native(name) => self.call_native_method(&m.recv, name, args, kwargs),
            },
            Value::Builtin(b) => (b.f)(self, args, kwargs),
            Value::Class(c) => self.instantiate(c, args, kwargs),
            Value::Type(t) => crate::builtins::construct(self, *t, args, kwargs),
            Value::WeakRef(w) => {
                if !args.is_empty() {
                    return Err(self.type_error(format!(
                        "weakref() takes no arguments ({} given)",
                        args.len()
                    )));
                }
                Ok(crate::gcmod::weakref_target(w))
            }
            Value::Instance(i) => match i.class().lookup("__call__") {
                Some(Value::Func(func)) => {
                    args.insert(0, f.clone());
                    self.call_function(&func, args, kwargs)
                }
                // A native `__call__` (`exit`, `quit`, `help`).
                Some(other) => {
                    args.insert(0, f.clone());
                    self.call(&other, args, kwargs)
                }
                None => Err(self.type_error(format!("'{}' object is not callable", f.type_name()))),
            },
            _ => Err(self.type_error(format!("'{}' object is not callable", f.type_name()))),
        }
    }

    /// `obj.name(args)` without allocating a bound method.
    pub fn call_method(
        &self,
        obj: &Value,
        name: &Rc<str>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        self.call_method_at(obj, name, &Cell::new(0), args, kwargs)
    }

    /// `obj.name(args)` at a site whose slot cache is `hint` (for the class's method).
    fn call_method_at(
        &self,
        obj: &Value,
        name: &Rc<str>,
        hint: &Cell<u32>,
        mut args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        match obj {
            Value::Instance(inst) if !self.is_super_proxy(inst) => {
                let own = self.instance_own_attr(inst, name);
                if let Some(v) = own {
                    return self.call(&v, args, kwargs);
                }
                match inst.class().lookup_hinted(name, hint) {
                    Some(Value::Func(func)) => {
                        args.insert(0, obj.clone());
                        self.call_function(&func, args, kwargs)
                    }
                    Some(d @ Value::Instance(_)) => {
                        let f = self.descr_get(d, Some(obj), &inst.class(), name)?;
                        self.call(&f, args, kwargs)
                    }
                    Some(other) => self.call(&other, args, kwargs),
                    None => {
                        let v = self.get_attr(obj, name)?;
                        self.call(&v, args, kwargs)
                    }
                }
            }
            Value::List(_)
            | Value::Dict(_)
            | Value::Str(_)
            | Value::Tuple(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Bytes(_)
            | Value::ByteArray(_)
            | Value::Gen(_) => match crate::types::type_of(obj) {
                // The row of the type's method table, found through the site's hint.
                Some(t) => match t.get_hinted(name, hint) {
                    Some(m) => crate::types::call_row(self, t, m, obj, args, kwargs),
                    None => {
                        let v = self.get_attr(obj, name)?;
                        self.call(&v, args, kwargs)
                    }
                },
                None => {
                    let v = self.get_attr(obj, name)?;
                    self.call(&v, args, kwargs)
                }
            },
            _ => {
                let v = self.get_attr(obj, name)?;
                self.call(&v, args, kwargs)
            }
        }
    }

    fn call_native_method(
        &self,
        recv: &Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        crate::types::call_method(self, recv, name, args, kwargs)
    }

    fn instantiate(
        &self,
        c: &Cc<Class>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        let (inst, v) = match self.call_user_new(c, &args, &kwargs)? {
            // `__init__` runs only on an instance of the class `__new__` was called for.
            Some(Value::Instance(i)) if Class::is_subclass(&i.class(), c) => {
                (i.clone(), Value::Instance(i))
            }
            Some(other) => return Ok(other),
            None if c.builtin_base == Some(TypeKind::Tuple) => {
                // A tuple's items are fixed when it is made: `tuple.__new__(cls, *args)`.
                let inst = self.new_tuple_instance(c, &args, &kwargs)?;
                (inst.clone(), Value::Instance(inst))
            }
            None => {
                let inst = self.new_instance_raw(c);
                (inst.clone(), Value::Instance(inst))
            }
        };
        if self.is_exception_class(c) {
            self.set_exception_args(&inst, c, args.clone());
        }
        match c.lookup("__init__") {
            Some(init) => {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(v.clone());
                a.extend(args);
                let r = match &init {
                    Value::Func(f) => self.call_function(f, a, kwargs)?,
                    other => self.call(other, a, kwargs)?,
                };
                if !matches!(r, Value::None) {
                    return Err(self.type_error(format!(
                        "__init__() should return None, not '{}'",
                        r.type_name()
                    )));
                }
            }
            None if inst.base.is_some() => {
                self.init_builtin_base(&v, args, kwargs)?;
            }
            None => {
                // Arguments are `__new__`'s when the class has one.
                if (!args.is_empty() || !kwargs.is_empty())
                    && !self.is_exception_class(c)
                    && c.lookup("__new__").is_none()
                {
                    return Err(self.type_error(format!("{}() takes no arguments", c.name)));
                }
            }
        }
        Ok(v)
    }

    /// A new, empty instance; finalizable when the class (or a base) defines `__del__`.
    pub(crate) fn new_instance_raw(&self, c: &Cc<Class>) -> Cc<Instance> {
        let base = match c.builtin_base {
            Some(TypeKind::List) => Some(Value::list(Vec::new())),
            Some(TypeKind::Dict) => Some(Value::dict(PyDict::new())),
            Some(TypeKind::Tuple) => Some(Value::tuple(Vec::new())),
            _ => None,
        };
        self.new_instance_with_base(c, base)
    }

    /// A new instance holding `base` (the list, dict or tuple of a builtin-derived class).
    pub(crate) fn new_instance_with_base(
        &self,
        c: &Cc<Class>,
        base: Option<Value>,
    ) -> Cc<Instance> {
        let obj = Instance {
            class: RefCell::new(c.clone()),
            attrs: RefCell::new(AttrMap::default()),
            base,
            dict: RefCell::new(None),
            weak_key: WeakKey::new(),
        };
        if c.lookup("__del__").is_some() {
            Cc::new_finalizable(obj)
        } else {
            Cc::new(obj)
        }
    }

    /// Runs `__del__` for a finalizer; exceptions are printed and ignored, as in CPython.
    fn run_del(&self, this: &Cc<Instance>) {
        let Some(del) = this.class().lookup("__del__") else {
            return;
        };
        let _g = self.enter();
        let r = self.call(&del, vec![Value::Instance(this.clone())], Vec::new());
        if let Err(Ctrl::Exc(e)) = r {
            let desc = match &del {
                Value::Func(f) => format!(
                    "<function {}.__del__ at {:#x}>",
                    this.class().name,
                    &**f as *const Function as usize
                ),
                _ => "__del__".into(),
            };
            self.print_ignored(&desc, &e);
        }
    }

    /// CPython's `sys.displayhook`: prints `repr(v)` unless `v` is None, and binds the builtin
    /// `_` to it.
    pub(crate) fn display(&self, v: Value) -> PyResult<()> {
        if matches!(v, Value::None) {
            return Ok(());
        }
        let old = self
            .builtins
            .names
            .borrow_mut()
            .insert(Rc::from("_"), Value::None);
        drop(old);
        let text = self.repr(&v)?;
        self.write_out(&format!("{text}\n"));
        let old = self.builtins.names.borrow_mut().insert(Rc::from("_"), v);
        drop(old);
        Ok(())
    }

    /// The status a `SystemExit` asks the program to end with, and what to print first: its
    /// `code` attribute (its argument) None is 0, an int is itself, anything else is printed
    /// (`str()`) and makes the status 1, as CPython's `handle_system_exit`.
    pub(crate) fn exit_status(&self, exc: &Value) -> (i32, Option<String>) {
        let code = match exc {
            Value::Instance(i) => i.attrs.borrow().get("code").cloned(),
            _ => None,
        };
        match code {
            None | Some(Value::None) => (0, None),
            Some(Value::Int(i)) => (i as i32, None),
            Some(Value::Bool(b)) => (b as i32, None),
            Some(other) => (1, Some(self.to_str(&other).unwrap_or_default())),
        }
    }

    pub(crate) fn print_ignored(&self, what: &str, e: &PyException) {
        let tb = self.format_exception(e);
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "Exception ignored in: {what}");
        let _ = write!(err, "{tb}");
    }

    /// Calls a user function.
    pub(crate) fn call_function(
        &self,
        func: &Cc<Function>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        let depth = self.calls.depth.get();
        if depth >= self.calls.recursion_limit.get() {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.check_stack()?;
        let def = &func.def;
        if self.calls.vm_on.get() {
            // The compiler recurses over the body (as deep as the parser allows): it runs
            // only with at least half the stack budget left.
            let room = || {
                let base = self.calls.stack_base.get();
                base == 0 || base.saturating_sub(stack_addr()) < self.calls.stack_budget.get() / 2
            };
            if let Some(code) = def.vm.get(def, room) {
                return self.call_compiled(func, code, args, kwargs, depth);
            }
        }
        let env = self.fresh_env(&func.closure);
        self.bind_args(func, args, kwargs, &mut env.vars.borrow_mut())?;
        if def.is_generator || def.is_async {
            return Ok(self.make_generator(func, env));
        }
        let frame = Frame {
            env,
            def: Some(def),
            kind: FrameKind::Function,
            line: Cell::new(def.line),
            qual: Qual::Func(func.qualname.clone()),
        };
        let pushed = self.push_super_frame(func, def, &frame.env);
        self.calls.depth.set(depth + 1);
        self.calls
            .envs
            .borrow_mut()
            .push((def.name.clone(), frame.env.clone()));
        let r = self.exec_block(&def.body, &frame);
        release_uncaptured(def, &frame.env);
        let popped = self.calls.envs.borrow_mut().pop();
        drop(popped);
        self.calls.depth.set(depth);
        if pushed {
            let popped = self.calls.super_stack.borrow_mut().pop();
            drop(popped);
        }
        let line = frame.line.get();
        self.recycle_env(frame.env);
        self.call_result(def, line, r.map(|()| Value::None))
    }

    /// What a call of `def` that ran its body with the outcome `r` returns: the value of a
    /// `return` (or of the body's end), or the exception with the call's traceback entry (at
    /// `line`, the line running when it left) added.
    pub(crate) fn call_result(
        &self,
        def: &FuncDef,
        line: u32,
        r: PyResult<Value>,
    ) -> PyResult<Value> {
        match r {
            Ok(v) | Err(Ctrl::Return(v)) => Ok(v),
            Err(Ctrl::Exc(mut e)) => {
                e.tb.push(TbEntry {
                    file: def.file.clone(),
                    line,
                    name: def.name.clone(),
                });
                Err(Ctrl::Exc(e))
            }
            Err(Ctrl::Break) | Err(Ctrl::Continue) => {
                Err(self.exc("SyntaxError", "'break' outside loop"))
            }
        }
    }

    /// An environment for a call of a function defined in `parent`, with no names bound: one
    /// that an earlier call left unreferenced ([`Interp::recycle_env`]) when there is one.
    ///
    /// A call's environment is a gc-core object (closures, generators and `gc.dump` see it), but
    /// most calls' environments die when the call returns. Reusing them saves each call the
    /// allocation, the collector's tracking and untracking, and the growth of the locals
    /// vector: about a tenth of a call-heavy program's instructions. CPython 3.11 goes further
    /// and keeps a frame's locals on a stack, not in a GC-tracked object at all, unless
    /// something asks for the frame; both count no allocation toward a young collection for
    /// a call.
    fn fresh_env(&self, parent: &Cc<Env>) -> Cc<Env> {
        let pooled = self.calls.env_pool.borrow_mut().pop();
        if let Some(mut env) = pooled {
            // Unique unless something found it in the pool since (`gc.dump` walking every
            // object holds handles while it draws): then it is left to its other owners.
            if let Some(e) = Cc::get_mut(&mut env) {
                e.parent = Some(parent.clone());
                return env;
            }
        }
        Cc::new(Env::new(AttrMap::default(), Some(parent.clone())))
    }

    /// Ends a call's hold on its environment `env`: dropped as usual if anything else refers to
    /// it (a closure, a generator, a frame's `locals()`), otherwise emptied and kept for
    /// [`Interp::fresh_env`]. The names are unbound in binding order, then the enclosing
    /// scope is released, as dropping the environment does; no borrow is held while values
    /// drop (a `__del__` may call functions, which take environments from the pool).
    fn recycle_env(&self, mut env: Cc<Env>) {
        let Some(e) = Cc::get_mut(&mut env) else {
            return;
        };
        let mut entries = e.vars.get_mut().take_all();
        let parent = e.parent.take();
        let dict = e.dict.get_mut().take();
        entries.clear();
        drop(parent);
        drop(dict);
        if entries.capacity() > 64 {
            // A call with many locals: not worth keeping that much room.
            entries = Vec::new();
        }
        env.vars.borrow_mut().restore_room(entries);
        let mut pool = self.calls.env_pool.borrow_mut();
        if pool.len() < CallStack::POOL {
            pool.push(env);
        }
    }

    /// The frame a comprehension runs in: its own scope, nested in the enclosing one (as in
    /// Python 3, the loop variables do not leak). Give its environment back with
    /// [`Interp::recycle_env`] when the comprehension ends.
    fn comprehension_frame<'a>(&self, fr: &Frame<'_>, line: u32) -> Frame<'a> {
        Frame {
            env: self.fresh_env(&fr.env),
            def: None,
            kind: FrameKind::Comprehension,
            line: Cell::new(line),
            qual: fr.qual.clone(),
        }
    }

    /// Binds a call's arguments to `func`'s parameters in `vars`, an empty map.
    fn bind_args(
        &self,
        func: &Function,
        mut args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
        vars: &mut AttrMap,
    ) -> PyResult<()> {
        let def = &func.def;
        let np = def.params.len();
        let nk = def.kwonly.len();
        // The common shape: exactly the positional parameters, given by position.
        if args.len() == np
            && kwargs.is_empty()
            && nk == 0
            && def.vararg.is_none()
            && def.kwarg.is_none()
        {
            let names = def.params.iter().map(|p| p.name.clone());
            vars.reserve(def.locals.len());
            vars.fill_distinct(names.zip(args.drain(..)));
            self.calls.give_back_args(args);
            return Ok(());
        }
        // Positional parameters, then keyword-only ones.
        let mut slots: Vec<Option<Value>> = vec![None; np + nk];
        let mut extra = Vec::new();
        let given = args.len();
        for (i, a) in args.into_iter().enumerate() {
            if i < np {
                slots[i] = Some(a);
            } else {
                extra.push(a);
            }
        }
        // CPython names the function by its qualified name (`C.m()`, `f.<locals>.g()`).
        let fname = &func.qualname;
        let mut kwdict = PyDict::new();
        let mut posonly_as_kw = Vec::new();
        for (k, v) in kwargs {
            let found = def.params[def.posonly..]
                .iter()
                .position(|p| p.name == k)
                .map(|i| i + def.posonly)
                .or_else(|| def.kwonly.iter().position(|p| p.name == k).map(|i| i + np));
            match found {
                Some(i) => {
                    if slots[i].is_some() {
                        return Err(self.type_error(format!(
                            "{fname}() got multiple values for argument '{k}'"
                        )));
                    }
                    slots[i] = Some(v);
                }
                None => {
                    if def.kwarg.is_none() {
                        if def.params[..def.posonly].iter().any(|p| p.name == k) {
                            posonly_as_kw.push(format!("'{k}'"));
                            continue;
                        }
                        return Err(self.type_error(format!(
                            "{fname}() got an unexpected keyword argument '{k}'"
                        )));
                    }
                    kwdict.insert_str(PyStr::from(k), v);
                }
            }
        }
        if !posonly_as_kw.is_empty() {
            return Err(self.type_error(format!(
                "{fname}() got some positional-only arguments passed as keyword arguments: {}",
                posonly_as_kw.join(", ")
            )));
        }
        if !extra.is_empty() && def.vararg.is_none() {
            let required = def.params.iter().filter(|p| p.default.is_none()).count();
            let takes = if required == np {
                format!("{np} positional argument{}", if np == 1 { "" } else { "s" })
            } else {
                format!("from {required} to {np} positional arguments")
            };
            let kw_given = slots[np..].iter().filter(|s| s.is_some()).count();
            let kw_sig = if kw_given > 0 {
                format!(
                    " positional argument{} (and {kw_given} keyword-only argument{})",
                    if given == 1 { "" } else { "s" },
                    if kw_given == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            };
            return Err(self.type_error(format!(
                "{fname}() takes {takes} but {given}{kw_sig} {} given",
                if given == 1 && kw_given == 0 {
                    "was"
                } else {
                    "were"
                }
            )));
        }
        // The defaults: those of the positional parameters, then the keyword-only ones'.
        let npd = def.params.iter().filter(|p| p.default.is_some()).count();
        let first_default = np - npd;
        let mut kw_default = npd;
        let mut missing = Vec::new();
        let mut missing_kw = Vec::new();
        let all = def.params.iter().chain(&def.kwonly);
        for (i, (p, slot)) in all.zip(slots).enumerate() {
            let default = if i >= np {
                p.default.as_ref().map(|_| {
                    kw_default += 1;
                    kw_default - 1
                })
            } else if i >= first_default {
                Some(i - first_default)
            } else {
                None
            };
            let v = match (slot, default.and_then(|d| func.defaults.get(d))) {
                (Some(v), _) => v,
                (None, Some(d)) => d.clone(),
                (None, None) => {
                    if i < np {
                        missing.push(format!("'{}'", p.name));
                    } else {
                        missing_kw.push(format!("'{}'", p.name));
                    }
                    continue;
                }
            };
            vars.set(p.name.clone(), v);
        }
        for (missing, what) in [(missing, "positional"), (missing_kw, "keyword-only")] {
            if missing.is_empty() {
                continue;
            }
            let n = missing.len();
            let list = match n {
                1 => missing[0].clone(),
                2 => format!("{} and {}", missing[0], missing[1]),
                _ => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
            };
            return Err(self.type_error(format!(
                "{fname}() missing {n} required {what} argument{}: {list}",
                if n == 1 { "" } else { "s" }
            )));
        }
        if let Some(va) = &def.vararg {
            vars.set(va.clone(), Value::tuple(extra));
        }
        if let Some(kw) = &def.kwarg {
            vars.set(kw.clone(), Value::dict(kwdict));
        }
        Ok(())
    }
}

/// When a call of `def` ends, unbinds its locals that no nested scope uses (all but its
/// cells), so the closures it made keep only those alive, as CPython's do.
pub(crate) fn release_uncaptured(def: &FuncDef, env: &Env) {
    if let Some(cells) = &def.cells {
        let gone = env.vars.borrow_mut().take_unless(|k| cells.contains(k));
        drop(gone);
    }
}

/// The qualified name of `name` defined in scope `q`.
fn qualify(q: &Qual, name: &str) -> Rc<str> {
    match q {
        Qual::Top => Rc::from(name),
        Qual::Func(f) => Rc::from(format!("{f}.<locals>.{name}")),
        Qual::Class(c) => Rc::from(format!("{c}.{name}")),
    }
}
