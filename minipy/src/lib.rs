//! # minipy: a small Python whose heap is gc-core
//!
//! minipy runs a subset of Python 3 (same syntax, same meaning where it exists) with a
//! tree-walking interpreter. Its point is the heap: every value that can refer to other values
//! (lists, tuples, dicts, instances, classes, functions, closures' environments, bound
//! methods) is a [`gc_core::Cc`], so objects are freed the moment their last reference goes,
//! exactly as in CPython, and reference cycles are found by gc-core's generational
//! trial-deletion collector, exactly as CPython's `gc` module finds them. `__del__` is a gc-core
//! finalizer, `weakref.ref` is a gc-core `Weak`, and the script-level `gc` module is gc-core's
//! API.
//!
//! ```
//! let py = minipy::Interpreter::new();
//! py.capture_output();
//! py.run(r#"
//! import gc
//! class Node:
//!     def __init__(self):
//!         self.me = self          # a cycle: reference counting alone never frees it
//! n = Node()
//! del n
//! print(gc.collect() > 0)
//! "#).unwrap();
//! assert_eq!(py.take_output(), "True\n");
//! ```
//!
//! `gc.dump("heap.svg")` draws the heap with gc-viz, the script's names pointing at their
//! objects (`.dot`, `.json`, `.svg`, `.html`; see the README). [`mod@bench`] runs the benchmark
//! scripts of `minipy/benchmarks/` in process.
//!
//! Besides the builtin modules (`gc`, `weakref`, `sys`, `time`), `import NAME` runs `NAME.py`
//! from the main script's directory (the current directory for code run from a string), or a
//! source registered with [`Interpreter::add_module_source`], as CPython would: once, in a
//! global scope of its own that is also the module's attributes.
//!
//! ## Embedding
//!
//! Script values are held in Rust as ordinary [`Value`] handles: no rooting calls, no
//! lifetimes. A handle is simply a reference the collector can see comes from outside, so the
//! object stays alive while Rust holds it.
//!
//! ```
//! use minipy::{Interpreter, Value, Error};
//!
//! let py = Interpreter::new();
//! py.register_fn("double", |args| match args {
//!     [Value::Int(i)] => Ok(Value::Int(i * 2)),
//!     _ => Err(Error::exception("TypeError", "double() wants one int")),
//! });
//! py.run("def add(a, b):\n    return a + double(b)\n").unwrap();
//! let add = py.get_global("add").unwrap();
//! let r = py.call(&add, &[Value::Int(1), Value::Int(20)]).unwrap();
//! assert!(matches!(r, Value::Int(41)));
//!
//! // A list made by the script, held from Rust across a full collection.
//! let xs = py.eval("[1, [2, 3], 'four']").unwrap();
//! gc_core::collect();
//! assert_eq!(py.repr(&xs), "[1, [2, 3], 'four']");
//!
//! // Errors come back as Python would print them.
//! let err = py.run("1 / 0").unwrap_err();
//! assert_eq!(err.type_name(), "ZeroDivisionError");
//! assert!(err.to_string().ends_with("ZeroDivisionError: division by zero\n"));
//! ```
//!
//! ## Bounded recursion
//!
//! No input makes the interpreter overflow its stack or panic. The parser refuses nesting
//! deeper than [`parser::MAX_NESTING`] brackets or [`parser::MAX_EXPR_DEPTH`] expression
//! levels (a `SyntaxError`); at run time, calls deeper than the recursion limit (1000, as
//! CPython) and any evaluation that would use more than the *stack budget* raise
//! `RecursionError`. The budget defaults to 1 MiB, safe on a 2 MiB thread; the `minipy`
//! program runs the interpreter on a thread with a 256 MiB stack and raises the budget
//! accordingly (see [`Interpreter::set_stack_budget`]).
//!
//! ## Differences from CPython
//!
//! - ints are unbounded (64-bit until a result leaves that range), but a result over 2**27
//!   bits raises `MemoryError`, and `range` bounds are 64-bit;
//! - `dict.keys()/values()/items()` return lists; generator expressions build lists;
//! - classes have single inheritance and only zero-argument `super()`; no generators, `with`,
//!   or frozensets; no `memoryview`; sets iterate in insertion order;
//! - when an object dies by reference count, its weak reference callbacks run at the next
//!   statement boundary (CPython: at once, after `__del__`); for a garbage cycle they run as in
//!   CPython, inside the collection and before any `__del__` of the cycle, through gc-core's
//!   [`weak_callbacks`](gc_core::weak_callbacks) hook;
//! - `gc` counts minipy's scope environments as objects (CPython would count frames and
//!   cells); they are never handed to scripts by `get_objects` / `get_referrers`;
//! - imports have no packages, `sys.path` or `sys.modules`: a module is a builtin one, a
//!   registered source, or `NAME.py` in the main script's directory;
//! - `help()` prints a short text about minipy and `help(obj)` a short description, not
//!   pydoc's interactive utility and pages (`exit`, `quit`, `help` and the REPL otherwise
//!   behave as CPython's: see [`Interpreter::run_interactive`] and the `minipy` program).

#![warn(missing_docs)]

pub mod ast;
pub mod bench;
mod bigint;
mod builtins;
mod cells;
#[cfg(feature = "viz")]
pub mod declchecks;
mod dump;
mod fold;
mod format;
mod gcmod;
pub mod interp;
pub mod lexer;
mod matchcheck;
pub mod parser;
pub mod repl;
mod settable;
mod stdlib;
mod types;
mod unparse;
pub mod value;
mod weakcb;
mod yields;

use std::fmt;
use std::rc::Rc;

pub use interp::{is_same, PyException, TbEntry};
pub use value::{float_repr, str_repr, PyStr, TypeKind, Value};

use interp::{Ctrl, Interp};

/// An error from running minipy code.
#[derive(Clone, Debug)]
pub enum Error {
    /// The source did not parse.
    Syntax {
        /// File name as given.
        file: String,
        /// 1-based line.
        line: u32,
        /// 0-based column.
        col: u32,
        /// The message, e.g. `invalid syntax`.
        msg: String,
        /// The offending source line, if known.
        text: Option<String>,
    },
    /// An uncaught exception.
    Exception {
        /// The exception's class name, e.g. `ValueError`.
        type_name: String,
        /// `str(exception)`.
        message: String,
        /// The whole report as CPython prints it (traceback and last line).
        report: String,
    },
    /// `SystemExit` was raised and not caught (`exit()`, `quit()`, `sys.exit()`, `raise
    /// SystemExit(code)`): the program should end with `status`, after printing `message` (if
    /// any) on stderr, as CPython does. Its `Display` is that message.
    Exit {
        /// The exit status: the exception's int code, 0 for None, 1 for anything else.
        status: i32,
        /// `str(code)` when the code is neither None nor an int.
        message: Option<String>,
    },
}

/// The class CPython reports a syntax error with this message as: `TabError`,
/// `IndentationError` or `SyntaxError`.
fn syntax_error_class(msg: &str) -> &'static str {
    if msg == lexer::TAB_ERROR {
        "TabError"
    } else if is_indentation_error(msg) {
        "IndentationError"
    } else {
        "SyntaxError"
    }
}

/// Whether a syntax error's message is one CPython reports as an `IndentationError`.
fn is_indentation_error(msg: &str) -> bool {
    msg == "unexpected indent"
        || msg == "unindent does not match any outer indentation level"
        || msg.starts_with("expected an indented block")
}

impl Error {
    /// The offending source line of a syntax error.
    fn source_text(&self) -> Option<String> {
        match self {
            Error::Syntax { text, .. } => text.clone(),
            _ => None,
        }
    }

    /// An exception to raise from a native function: `Error::exception("ValueError", "bad")`.
    pub fn exception(type_name: &str, message: &str) -> Error {
        Error::Exception {
            type_name: type_name.to_string(),
            message: message.to_string(),
            report: format!("{type_name}: {message}\n"),
        }
    }

    /// The Python exception type name (`SyntaxError` for parse errors).
    pub fn type_name(&self) -> &str {
        match self {
            Error::Syntax { msg, .. } => syntax_error_class(msg),
            Error::Exception { type_name, .. } => type_name,
            Error::Exit { .. } => "SystemExit",
        }
    }
}

impl fmt::Display for Error {
    /// Formats the error exactly as the `minipy` program prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Syntax {
                file,
                line,
                col,
                msg,
                text,
            } => {
                // CPython shows no caret under an unexpected indent or a TabError.
                let no_caret = msg == "unexpected indent" || msg == lexer::TAB_ERROR;
                let text = text.as_deref().filter(|_| !no_caret);
                let mut location = interp::syntax_location(file, *line, *col, text);
                if text.is_none() && no_caret {
                    if let Some(t) = &self.source_text() {
                        location.push_str(&format!("    {}\n", t.trim()));
                    }
                }
                writeln!(f, "{location}{}: {msg}", self.type_name())
            }
            Error::Exception { report, .. } => write!(f, "{report}"),
            Error::Exit { message, .. } => match message {
                Some(m) => writeln!(f, "{m}"),
                None => Ok(()),
            },
        }
    }
}

impl std::error::Error for Error {}

/// A minipy interpreter: a main module (and the modules it imports), running on the current
/// thread's gc-core heap.
///
/// Dropping the interpreter clears its globals and its modules' (running `__del__` methods as
/// CPython does at exit) and collects the cycles that leaves.
pub struct Interpreter {
    inner: Rc<Interp>,
}

impl Default for Interpreter {
    fn default() -> Self {
        Self::new()
    }
}

impl Interpreter {
    /// A fresh interpreter with the builtins installed.
    pub fn new() -> Interpreter {
        Interpreter {
            inner: Interp::new(),
        }
    }

    /// Runs source code as the main module (file name `<string>`).
    ///
    /// ```
    /// let py = minipy::Interpreter::new();
    /// py.run("x = 6 * 7").unwrap();
    /// assert!(matches!(py.get_global("x"), Some(minipy::Value::Int(42))));
    /// ```
    pub fn run(&self, src: &str) -> Result<(), Error> {
        self.run_named(src, "<string>")
    }

    /// Runs source code as the main module, naming it `file` in tracebacks. Its imports look
    /// for files in the current directory (unless [`run_file`](Self::run_file) ran before).
    pub fn run_named(&self, src: &str, file: &str) -> Result<(), Error> {
        let src = &*lexer::normalize_source(src);
        let file: Rc<str> = Rc::from(file);
        let lines: Vec<String> = src.lines().map(String::from).collect();
        self.inner
            .modules
            .sources
            .borrow_mut()
            .insert(file.clone(), Rc::new(lines));
        let mut prog = parser::parse_program_named(src, &file)
            .map_err(|e| self.syntax_error(&file, src, e))?;
        if let Some((line, msg)) = declchecks::declaration_error(&prog) {
            return Err(compile_error(&file, src, line, &msg));
        }
        if let Some((line, msg)) = parser::misplaced_jump(&prog) {
            return Err(compile_error(&file, src, line, msg));
        }
        fold::fold_program(&self.inner, &mut prog);
        self.inner
            .run_module(&prog, &self.inner.main_globals(), &file)
            .map_err(|c| self.to_error(c))
    }

    /// Runs one input of an interactive session (what the REPL read for one prompt) as the
    /// main module, named `<stdin>` in tracebacks without its source lines, as CPython's
    /// interactive mode: the value of each top-level expression statement is printed (its
    /// `repr`, unless it is None) and bound to the builtin `_`.
    ///
    /// ```
    /// let py = minipy::Interpreter::new();
    /// py.capture_output();
    /// py.run_interactive("x = 20; x + 22\nNone\n").unwrap();
    /// py.run_interactive("for i in range(2): i\n").unwrap();
    /// py.run_interactive("_ * 2").unwrap();
    /// assert_eq!(py.take_output(), "42\n0\n1\n2\n");
    /// ```
    pub fn run_interactive(&self, src: &str) -> Result<(), Error> {
        let file: Rc<str> = Rc::from("<stdin>");
        if let Some(e) = repl::stray_statement(src) {
            return Err(e);
        }
        let mut prog = parser::parse_program_named(src, &file)
            .map_err(|e| self.syntax_error(&file, src, e))?;
        if let Some((line, msg)) = declchecks::declaration_error(&prog) {
            return Err(compile_error(&file, src, line, &msg));
        }
        if let Some((line, msg)) = parser::misplaced_jump(&prog) {
            return Err(compile_error(&file, src, line, msg));
        }
        fold::fold_program(&self.inner, &mut prog);
        // One interactive input is one statement: a compound statement followed by another
        // (`if x:` / `    y` / `z`) is invalid syntax at the second, as in CPython.
        if let [first, second, ..] = prog.as_slice() {
            if is_compound(first) {
                return Err(Error::Syntax {
                    file: file.to_string(),
                    line: second.line,
                    col: 0,
                    msg: "invalid syntax".into(),
                    text: interp::source_line(src, second.line).map(String::from),
                });
            }
        }
        /// Turns interactive echo off however the run ends.
        struct Reset<'a>(&'a std::cell::Cell<bool>);
        impl Drop for Reset<'_> {
            fn drop(&mut self) {
                self.0.set(false);
            }
        }
        self.inner.modules.interactive.set(true);
        let _reset = Reset(&self.inner.modules.interactive);
        self.inner
            .run_module(&prog, &self.inner.main_globals(), &file)
            .map_err(|c| self.to_error(c))
    }

    /// Runs a file as the main module. From then on `import NAME` finds `NAME.py` in the
    /// file's directory (CPython's `sys.path[0]`: the real path, symbolic links resolved).
    pub fn run_file(&self, path: &std::path::Path) -> Result<(), Error> {
        let src = std::fs::read_to_string(path).map_err(|e| Error::Exception {
            type_name: "FileNotFoundError".into(),
            message: e.to_string(),
            report: format!("can't open file '{}': {e}\n", path.display()),
        })?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => std::path::Path::new("."),
        };
        self.inner.modules.set_dir(std::fs::canonicalize(dir).ok());
        let file = path.display().to_string();
        // As CPython's `python3 PATH` (3.9 and later): the main module's `__file__` is the
        // path made absolute by joining the working directory, without normalising it
        // (`./x.py` gives `/cwd/./x.py`); tracebacks keep the path as given.
        let abs = match std::env::current_dir() {
            Ok(cwd) if !path.is_absolute() => format!("{}/{file}", cwd.display()),
            _ => file.clone(),
        };
        self.set_global("__file__", Value::str(&abs));
        self.run_named(&src, &file)
    }

    /// Registers the source of module `name`, which `import name` then runs (once, on first
    /// import) in preference to a file `name.py`; `file_name` is what its tracebacks and
    /// `__file__` say. Builtin modules (`gc`, `sys`, ...) cannot be replaced.
    ///
    /// ```
    /// let py = minipy::Interpreter::new();
    /// py.capture_output();
    /// py.add_module_source("greet", "greet.py", "def hello(who):\n    return 'hi ' + who\n");
    /// py.run("import greet\nfrom greet import hello\nprint(hello('there'), greet.__name__)")
    ///     .unwrap();
    /// assert_eq!(py.take_output(), "hi there greet\n");
    /// ```
    pub fn add_module_source(&self, name: &str, file_name: &str, source: &str) {
        let src = interp::ModuleSource {
            file: Rc::from(file_name),
            text: Rc::from(source),
        };
        self.inner.modules.register(Rc::from(name), src);
    }

    /// Evaluates one expression and returns its value.
    ///
    /// ```
    /// let py = minipy::Interpreter::new();
    /// let v = py.eval("[x * x for x in range(4)]").unwrap();
    /// assert_eq!(py.repr(&v), "[0, 1, 4, 9]");
    /// ```
    pub fn eval(&self, src: &str) -> Result<Value, Error> {
        let file: Rc<str> = Rc::from("<string>");
        let mut prog = parser::parse_program(src).map_err(|e| self.syntax_error(&file, src, e))?;
        fold::fold_program(&self.inner, &mut prog);
        match prog.as_slice() {
            [ast::Stmt {
                kind: ast::StmtKind::Expr(e),
                ..
            }] => self.inner.eval_top(e).map_err(|c| self.to_error(c)),
            _ => Err(Error::Syntax {
                file: file.to_string(),
                line: 1,
                col: 0,
                msg: "expected an expression".into(),
                text: None,
            }),
        }
    }

    /// Reads a global variable of the main module.
    pub fn get_global(&self, name: &str) -> Option<Value> {
        self.inner.main_globals().get(name)
    }

    /// Binds a global variable of the main module.
    pub fn set_global(&self, name: &str, v: Value) {
        let old = self.inner.main_globals().set(Rc::from(name), v);
        drop(old);
    }

    /// Sets `sys.argv` (CPython's is the script path followed by its arguments; the default
    /// here is `['']`). Takes effect for `import sys` after the call (and updates an already
    /// imported `sys`).
    pub fn set_argv(&self, argv: &[&str]) {
        let v: Vec<PyStr> = argv.iter().map(|a| PyStr::from(*a)).collect();
        *self.inner.modules.argv.borrow_mut() = v.clone();
        let sys = self.inner.modules.loaded.borrow().get("sys").cloned();
        if let Some(Value::Module(m)) = sys {
            let list = Value::list(v.into_iter().map(Value::Str).collect());
            let old = m.attrs().borrow_mut().set(Rc::from("argv"), list);
            drop(old);
        }
    }

    /// Registers a native function under `name` in the builtins.
    ///
    /// ```
    /// use minipy::{Interpreter, Value};
    /// let py = Interpreter::new();
    /// py.register_fn("answer", |_| Ok(Value::Int(42)));
    /// assert!(matches!(py.eval("answer() + 1").unwrap(), Value::Int(43)));
    /// ```
    pub fn register_fn(&self, name: &str, f: impl Fn(&[Value]) -> Result<Value, Error> + 'static) {
        let native = move |interp: &Interp,
                           args: Vec<Value>,
                           _kw: Vec<(Rc<str>, Value)>|
              -> interp::PyResult<Value> {
            f(&args).map_err(|e| match e {
                Error::Exception {
                    type_name, message, ..
                } => interp.exc(&type_name, &message),
                Error::Syntax { msg, .. } => interp.exc("SyntaxError", &msg),
                Error::Exit { status, message } => interp.exc_with(
                    "SystemExit",
                    vec![match message {
                        Some(m) => Value::Str(PyStr::from(m)),
                        None => Value::Int(i64::from(status)),
                    }],
                ),
            })
        };
        let b = Value::Builtin(Rc::new(value::Builtin {
            name: Rc::from(name),
            module: None,
            f: Box::new(native),
        }));
        let old = self
            .inner
            .builtins
            .names
            .borrow_mut()
            .insert(Rc::from(name), b);
        drop(old);
    }

    /// Calls a script function (or any callable value) with positional arguments.
    pub fn call(&self, f: &Value, args: &[Value]) -> Result<Value, Error> {
        let _g = self.inner.enter();
        let r = self.inner.call(f, args.to_vec(), Vec::new());
        self.inner.run_pending_callbacks();
        r.map_err(|c| self.to_error(c))
    }

    /// `repr(v)` (falls back to a placeholder if a user `__repr__` raises).
    pub fn repr(&self, v: &Value) -> String {
        let _g = self.inner.enter();
        self.inner
            .repr(v)
            .unwrap_or_else(|_| "<repr failed>".into())
    }

    /// `str(v)`.
    pub fn str(&self, v: &Value) -> String {
        let _g = self.inner.enter();
        self.inner
            .to_str(v)
            .unwrap_or_else(|_| "<str failed>".into())
    }

    /// Sends `print` output to a buffer instead of stdout (see [`take_output`](Self::take_output)).
    pub fn capture_output(&self) {
        let mut out = self.inner.out.borrow_mut();
        if out.is_none() {
            *out = Some(Vec::new());
        }
    }

    /// Takes what `print` wrote since capturing started (or the last take).
    pub fn take_output(&self) -> String {
        let mut out = self.inner.out.borrow_mut();
        match out.as_mut() {
            Some(buf) => String::from_utf8_lossy(&std::mem::take(buf)).into_owned(),
            None => String::new(),
        }
    }

    /// Sets the maximum depth of script calls (as `sys.setrecursionlimit`; default 1000).
    pub fn set_recursion_limit(&self, limit: usize) {
        self.inner.calls.recursion_limit.set(limit.max(1));
    }

    /// Sets how many bytes of Rust stack the interpreter may use below its entry point before
    /// raising `RecursionError` (default 1 MiB). Keep it well under the thread's stack size.
    pub fn set_stack_budget(&self, bytes: usize) {
        self.inner.calls.stack_budget.set(bytes);
    }

    /// Lets go of the main module and the imported ones as CPython does at exit, so pending
    /// `__del__` methods run (seeing the globals they use), then collects garbage cycles. Also
    /// done when the interpreter is dropped.
    pub fn shutdown(&self) {
        self.inner.shutdown();
    }

    fn to_error(&self, c: Ctrl) -> Error {
        match c {
            Ctrl::Exc(e) if self.inner.exc_matches(&e.value, "SystemExit") => {
                let _g = self.inner.enter();
                let (status, message) = self.inner.exit_status(&e.value);
                Error::Exit { status, message }
            }
            Ctrl::Exc(e) => {
                let _g = self.inner.enter();
                Error::Exception {
                    type_name: e.value.type_name().to_string(),
                    message: self.inner.to_str(&e.value).unwrap_or_default(),
                    report: self.inner.format_exception(&e),
                }
            }
            _ => Error::exception(
                "SyntaxError",
                "'return', 'break' or 'continue' outside their block",
            ),
        }
    }

    fn syntax_error(&self, file: &str, src: &str, e: lexer::SyntaxError) -> Error {
        Error::Syntax {
            file: file.to_string(),
            line: e.line,
            col: e.col,
            msg: e.msg,
            text: interp::source_line(src, e.line).map(String::from),
        }
    }
}

/// A `SyntaxError` found after parsing (a `return` outside a function...), as CPython's
/// compiler reports it: the statement's line underlined for a file, no text for `-c` code
/// (`<string>`) or interactive input (`<stdin>`), whose source CPython does not keep.
fn compile_error(file: &str, src: &str, line: u32, msg: &str) -> Error {
    let mut report = format!("  File \"{file}\", line {line}\n");
    if file != "<string>" && file != "<stdin>" {
        if let Some(text) = interp::source_line(src, line) {
            let text = text.trim();
            report.push_str(&format!(
                "    {text}\n    {}\n",
                "^".repeat(text.chars().count().max(1))
            ));
        }
    }
    report.push_str(&format!("SyntaxError: {msg}\n"));
    Error::Exception {
        type_name: "SyntaxError".into(),
        message: msg.into(),
        report,
    }
}

/// Whether a statement is a compound one (has a block).
fn is_compound(s: &ast::Stmt) -> bool {
    use ast::StmtKind::*;
    matches!(
        s.kind,
        If(..)
            | While(..)
            | For(..)
            | Try { .. }
            | FuncDef(_)
            | ClassDef { .. }
            | Decorated(..)
            | With(..)
            | Match(..)
    )
}

impl Drop for Interpreter {
    fn drop(&mut self) {
        self.shutdown();
        self.inner.gc_hooks.remove_callbacks();
        self.inner.weak_callbacks.remove_hook();
        self.inner.gc_hooks.drop_hidden_garbage();
    }
}
