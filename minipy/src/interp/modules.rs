//! `import`: the builtin modules, and modules run from source.
//!
//! `import NAME` looks, in order, in the modules already imported, the builtin modules (`gc`,
//! `weakref`, `sys`, `time`), the sources registered through
//! [`Interpreter::add_module_source`](crate::Interpreter::add_module_source), and the file
//! `NAME.py` in the main script's directory (the current directory when the main code is not a
//! file), as CPython looks along `sys.path`. A source module runs once, in a global scope of
//! its own (an [`Env`] with no parent) that is also its attributes; the module is cached before
//! its body runs, so a circular import sees it partly initialised, as in Python, and dropped
//! from the cache again if its body raises. Last come the library's modules, listed in
//! [`crate::stdlib::MODULES`].

use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use super::*;
use crate::lexer::SyntaxError;

/// The text of a source module and the file name its tracebacks give.
#[derive(Clone)]
pub(crate) struct ModuleSource {
    /// The file name (an absolute path for a module found on disk).
    pub(crate) file: Rc<str>,
    /// The source text.
    pub(crate) text: Rc<str>,
}

/// The modules of an interpreter (its `modules`): the main module's scope, the imported
/// modules, the module sources, and what the `import` code here needs (where it looks, which
/// modules are still initialising). Changed by this module's code, by the shutdown (which lets
/// go of the modules) and by the `Interpreter`'s setters (`sys.argv`, the module directory,
/// registered sources, interactive input).
pub(crate) struct Modules {
    /// The main module's global scope (replaced by an empty one at shutdown).
    pub(super) main: RefCell<Cc<Env>>,
    /// The imported modules by name, in import order.
    pub(crate) loaded: RefCell<AttrMap>,
    /// The source lines of the main module and of the source modules, by file name (for
    /// tracebacks).
    pub(crate) sources: RefCell<HashMap<Rc<str>, Rc<Vec<String>>>>,
    /// `sys.argv`.
    pub(crate) argv: RefCell<Vec<PyStr>>,
    /// Module sources registered by the embedder, by module name (found before files).
    registered: RefCell<HashMap<Rc<str>, ModuleSource>>,
    /// Where `import NAME` looks for `NAME.py`: the main script's directory, or `None` for
    /// the current directory (CPython's `sys.path[0]`, `''` for `-c`, the REPL and strings).
    dir: RefCell<Option<PathBuf>>,
    /// The modules whose bodies are running, innermost last (for circular import errors).
    initializing: RefCell<Vec<Rc<str>>>,
    /// Whether the main module's code is interactive input (the REPL): its top-level expression
    /// statements print their value, as CPython's interactive mode does.
    pub(crate) interactive: Cell<bool>,
}

impl Modules {
    /// An empty main module, no imports, `sys.argv == ['']`, imports from the current
    /// directory.
    pub(super) fn new() -> Modules {
        Modules {
            main: RefCell::new(Cc::new(Env::new(AttrMap::default(), None))),
            loaded: RefCell::new(AttrMap::default()),
            sources: RefCell::new(HashMap::new()),
            argv: RefCell::new(vec![PyStr::from("")]),
            registered: RefCell::new(HashMap::new()),
            dir: RefCell::new(None),
            initializing: RefCell::new(Vec::new()),
            interactive: Cell::new(false),
        }
    }

    /// Registers the source of module `name` (see
    /// [`Interpreter::add_module_source`](crate::Interpreter::add_module_source)).
    pub(crate) fn register(&self, name: Rc<str>, src: ModuleSource) {
        self.registered.borrow_mut().insert(name, src);
    }

    /// Sets where `import NAME` looks for `NAME.py` (`None`: the current directory).
    pub(crate) fn set_dir(&self, dir: Option<PathBuf>) {
        *self.dir.borrow_mut() = dir;
    }
}

impl Interp {
    /// `import name`: the module object, imported (and its body run) on first use.
    pub(crate) fn import(&self, name: &str) -> PyResult<Value> {
        let cached = self.modules.loaded.borrow().get(name).cloned();
        if let Some(m) = cached {
            return Ok(m);
        }
        if let Some(m) = self.builtin_module(name) {
            let old = self
                .modules
                .loaded
                .borrow_mut()
                .set(Rc::from(name), m.clone());
            drop(old);
            return Ok(m);
        }
        match self.find_source(name)? {
            Some(src) => self.load_source_module(name, src),
            None => match crate::stdlib::find(name) {
                Some(crate::stdlib::Kind::Native(make)) => {
                    let m = make(self);
                    let old = self
                        .modules
                        .loaded
                        .borrow_mut()
                        .set(Rc::from(name), m.clone());
                    drop(old);
                    Ok(m)
                }
                Some(crate::stdlib::Kind::Source(text) | crate::stdlib::Kind::CSource(text)) => {
                    let src = ModuleSource {
                        file: Rc::from(format!("<minipy>/{name}.py")),
                        text: Rc::from(*text),
                    };
                    self.load_source_module(name, src)
                }
                None => Err(self.exc_with(
                    "ModuleNotFoundError",
                    vec![Value::str(&format!("No module named '{name}'"))],
                )),
            },
        }
    }

    /// `import a.b.c`: imports `a`, `a.b` and `a.b.c` in turn, binding each as an attribute
    /// of its parent; returns the first module and the last.
    pub(crate) fn import_dotted(&self, name: &str) -> PyResult<(Value, Value)> {
        if !name.contains('.') {
            let m = self.import(name)?;
            return Ok((m.clone(), m));
        }
        let mut top = None;
        let mut parent: Option<Value> = None;
        for (i, _) in name.match_indices('.').chain([(name.len(), "")]) {
            let m = self.import(&name[..i])?;
            if let Some(p) = &parent {
                let attr = name[..i].rsplit('.').next().unwrap_or("");
                self.set_attr(p, &Rc::from(attr), m.clone())?;
            }
            top.get_or_insert_with(|| m.clone());
            parent = Some(m);
        }
        let last = parent.unwrap_or(Value::None);
        Ok((top.unwrap_or_else(|| last.clone()), last))
    }

    fn builtin_module(&self, name: &str) -> Option<Value> {
        Some(match name {
            "gc" => crate::gcmod::make_gc_module(self),
            "weakref" => crate::gcmod::make_weakref_module(self),
            "sys" => crate::gcmod::make_sys_module(self),
            "time" => crate::gcmod::make_time_module(self),
            _ => return None,
        })
    }

    /// The source of module `name`: registered by the embedder, else `NAME.py` on disk.
    fn find_source(&self, name: &str) -> PyResult<Option<ModuleSource>> {
        let registered = self.modules.registered.borrow().get(name).cloned();
        if registered.is_some() {
            return Ok(registered);
        }
        let Some(path) = self.module_path(name) else {
            return Ok(None);
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(ModuleSource {
                file: Rc::from(path.display().to_string()),
                text: Rc::from(text),
            })),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(self.exc(
                "ImportError",
                &format!("cannot read '{}': {e}", path.display()),
            )),
        }
    }

    /// Where module `name` would be on disk: `NAME.py` in the module directory, as an absolute
    /// path (CPython names imported files so). `None` for a name that is no plain identifier
    /// (a dotted name: minipy has no packages).
    fn module_path(&self, name: &str) -> Option<PathBuf> {
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return None;
        }
        let file = format!("{name}.py");
        let path = match &*self.modules.dir.borrow() {
            Some(dir) => dir.join(file),
            None => PathBuf::from(file),
        };
        std::path::absolute(path).ok()
    }

    /// Parses `src`, binds the module (cached before its body runs) and runs its body.
    fn load_source_module(&self, name: &str, mut src: ModuleSource) -> PyResult<Value> {
        if let std::borrow::Cow::Owned(text) = crate::lexer::normalize_source(&src.text) {
            src.text = Rc::from(text);
        }
        let lines: Vec<String> = src.text.lines().map(String::from).collect();
        self.modules
            .sources
            .borrow_mut()
            .insert(src.file.clone(), Rc::new(lines));
        let mut prog = crate::parser::parse_program_named(&src.text, &src.file)
            .map_err(|e| self.syntax_exception(&src.file, &src.text, e))?;
        // A `return` outside a function (...) refuses the module before any of it runs.
        let misplaced = crate::declchecks::declaration_error(&prog)
            .or_else(|| crate::parser::misplaced_jump(&prog).map(|(l, m)| (l, m.to_string())));
        if let Some((line, msg)) = misplaced {
            let indent = source_line(&src.text, line).map_or(0, |l| l.len() - l.trim_start().len());
            let e = SyntaxError {
                msg,
                line,
                col: indent as u32,
            };
            return Err(self.syntax_exception(&src.file, &src.text, e));
        }
        crate::fold::fold_program(self, &mut prog);
        let mut vars = AttrMap::default();
        vars.set(Rc::from("__name__"), Value::str(name));
        vars.set(Rc::from("__file__"), Value::str(&src.file));
        let env = Cc::new(Env::new(vars, None));
        let module = Value::Module(Cc::new(Module::with_globals(name, env.clone())));
        let name: Rc<str> = Rc::from(name);
        let old = self
            .modules
            .loaded
            .borrow_mut()
            .set(name.clone(), module.clone());
        drop(old);
        match self.run_module_body(&name, &prog, &env, &src.file) {
            Ok(()) => Ok(module),
            Err(e) => {
                // As CPython: a module whose body failed is not left imported.
                let removed = self.modules.loaded.borrow_mut().remove(&name);
                drop(removed);
                Err(e)
            }
        }
    }

    /// Runs a source module's body as a frame of its own: it counts against the recursion
    /// limit (so does a chain of imports), and `globals()` in it is the module's.
    fn run_module_body(
        &self,
        name: &Rc<str>,
        prog: &Block,
        env: &Cc<Env>,
        file: &Rc<str>,
    ) -> PyResult<()> {
        let depth = self.calls.depth.get();
        if depth >= self.calls.recursion_limit.get() {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.check_stack()?;
        self.calls.depth.set(depth + 1);
        self.calls
            .envs
            .borrow_mut()
            .push((name.clone(), env.clone()));
        self.modules.initializing.borrow_mut().push(name.clone());
        let r = self.run_module(prog, env, file);
        self.modules.initializing.borrow_mut().pop();
        let popped = self.calls.envs.borrow_mut().pop();
        drop(popped);
        self.calls.depth.set(depth);
        r
    }

    /// The `SyntaxError` an import raises for a module that does not parse: args
    /// `(msg, (filename, lineno, offset, text))` and those attributes, as CPython's.
    pub(crate) fn syntax_exception(&self, file: &Rc<str>, src: &str, e: SyntaxError) -> Ctrl {
        let text = source_line(src, e.line).map(|l| format!("{l}\n"));
        let text = text.map_or(Value::None, |t| Value::str(&t));
        let offset = Value::Int(i64::from(e.col) + 1);
        let location = vec![
            Value::str(file),
            Value::Int(i64::from(e.line)),
            offset.clone(),
            text.clone(),
        ];
        let exc = self.exc_with(
            "SyntaxError",
            vec![Value::str(&e.msg), Value::tuple(location)],
        );
        if let Ctrl::Exc(x) = &exc {
            if let Value::Instance(inst) = &x.value {
                let mut attrs = inst.attrs.borrow_mut();
                attrs.set(Rc::from("msg"), Value::str(&e.msg));
                attrs.set(Rc::from("filename"), Value::str(file));
                attrs.set(Rc::from("lineno"), Value::Int(i64::from(e.line)));
                attrs.set(Rc::from("offset"), offset);
                attrs.set(Rc::from("text"), text);
            }
        }
        exc
    }

    /// `from module import name`: the attribute, or the `ImportError` CPython raises (naming
    /// the module's file, and saying so when the module is still initialising: a circular
    /// import).
    pub(crate) fn import_from(&self, module: &Value, name: &str) -> PyResult<Value> {
        let Value::Module(m) = module else {
            return self.get_attr(module, name);
        };
        let found = m.get(name);
        if let Some(v) = found {
            return Ok(v);
        }
        let location = match m.file() {
            Some(f) => f.to_string(),
            None => "unknown location".to_string(),
        };
        let msg = if self.modules.initializing.borrow().contains(&m.name) {
            format!(
                "cannot import name '{name}' from partially initialized module '{}' \
                 (most likely due to a circular import) ({location})",
                m.name
            )
        } else {
            format!("cannot import name '{name}' from '{}' ({location})", m.name)
        };
        Err(self.exc("ImportError", &msg))
    }

    /// What `from module import *` binds: the names not starting with `_`.
    pub(crate) fn public_names(&self, module: &Value) -> Vec<(Rc<str>, Value)> {
        let Value::Module(m) = module else {
            return Vec::new();
        };
        m.entries()
            .into_iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .collect()
    }

    /// The `__name__` of the module whose global scope `env` belongs to (`__main__` if unset).
    pub(crate) fn module_name(&self, env: &Cc<Env>) -> Rc<str> {
        match Env::module_globals(env).get("__name__") {
            Some(Value::Str(s)) => Rc::from(s.as_str()),
            _ => Rc::from("__main__"),
        }
    }

    /// `locals()`: at module level the module's globals dict itself; in a function a new dict
    /// of its local names (a snapshot, as in CPython).
    pub(crate) fn current_locals(&self) -> PyResult<Value> {
        let env = match self.calls.envs.borrow().last() {
            Some((_, env)) => env.clone(),
            None => self.main_globals(),
        };
        if env.parent.is_none() {
            return Ok(Value::Dict(env.as_dict()));
        }
        let mut d = PyDict::new();
        for (k, v) in env.entries() {
            d.insert_str(PyStr::new(&k), v);
        }
        Ok(Value::dict(d))
    }

    /// The global scope of the code running now (for `globals()`): that of the innermost
    /// running call or module body, else the main module's.
    pub(crate) fn current_globals(&self) -> Cc<Env> {
        match self.calls.envs.borrow().last() {
            Some((_, env)) => Env::module_globals(env).clone(),
            None => self.main_globals(),
        }
    }
}

/// Line `line` (1-based) of `src`, if there is one.
pub(crate) fn source_line(src: &str, line: u32) -> Option<&str> {
    src.lines().nth((line as usize).wrapping_sub(1))
}
