//! `str()`, `repr()` (cycle-safe, as CPython prints them), output, tracebacks and shutdown.

use super::*;

/// The `RecursionError` message of a `repr` nested past the recursion limit.
const REPR_DEPTH: &str = "maximum recursion depth exceeded while getting the repr of an object";

impl Interp {
    /// Runs `f` one level deeper in the recursion count that function calls use, raising
    /// `RecursionError(msg)` past the recursion limit, as CPython's `Py_EnterRecursiveCall`:
    /// a container nested a million deep is refused at once, not walked.
    pub(crate) fn nested<T>(&self, msg: &str, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
        let depth = self.calls.depth.get();
        if depth >= self.calls.recursion_limit.get() {
            return Err(self.exc("RecursionError", msg));
        }
        self.calls.depth.set(depth + 1);
        let r = f();
        self.calls.depth.set(depth);
        r
    }

    // ------------------------------------------------------------ str / repr

    /// `str(v)`.
    pub fn to_str(&self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Instance(inst) => {
                if let Some(f) = inst.class().lookup("__str__") {
                    return match self.call(&f, vec![v.clone()], Vec::new())? {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(self.type_error(format!(
                            "__str__ returned non-string (type {})",
                            other.type_name()
                        ))),
                    };
                }
                if let Some(se) = self.syntax_error_parts(v) {
                    let path = std::path::Path::new(&se.file);
                    let file = path
                        .file_name()
                        .map_or(se.file.clone(), |f| f.to_string_lossy().into_owned());
                    return Ok(format!("{} ({file}, line {})", se.msg, se.line));
                }
                if self.is_exception_class(&inst.class()) {
                    if let Some(text) = self.os_error_str(v)? {
                        return Ok(text);
                    }
                    let args = inst.attrs.borrow().get("args").cloned();
                    return match args {
                        Some(Value::Tuple(t)) => match t.items.len() {
                            0 => Ok(String::new()),
                            1 if self.exc_matches(v, "KeyError") => self.repr(&t.items[0]),
                            1 => self.to_str(&t.items[0]),
                            _ => self.repr(&Value::Tuple(t.clone())),
                        },
                        Some(other) => self.to_str(&other),
                        None => Ok(String::new()),
                    };
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    /// `str()` of an OSError made with an errno and a message: `[Errno 2] No such file or
    /// directory`, then `: 'name'` when it has a file name. `None` for other exceptions.
    fn os_error_str(&self, v: &Value) -> PyResult<Option<String>> {
        let Value::Instance(inst) = v else {
            return Ok(None);
        };
        if !self.exc_matches(v, "OSError") {
            return Ok(None);
        }
        let get = |name: &str| inst.attrs.borrow().get(name).cloned();
        let (Some(errno), Some(strerror)) = (get("errno"), get("strerror")) else {
            return Ok(None);
        };
        if matches!(errno, Value::None) && matches!(strerror, Value::None) {
            return Ok(None);
        }
        let mut s = format!(
            "[Errno {}] {}",
            self.to_str(&errno)?,
            self.to_str(&strerror)?
        );
        if let Some(f) = get("filename").filter(|f| !matches!(f, Value::None)) {
            s.push_str(": ");
            s.push_str(&self.repr(&f)?);
        }
        Ok(Some(s))
    }

    /// `repr(v)`.
    pub fn repr(&self, v: &Value) -> PyResult<String> {
        self.check_stack()?;
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Big(b) => {
                crate::bigint::to_decimal(b).map_err(|msg| self.exc("ValueError", &msg))?
            }
            Value::Float(f) => float_repr(*f),
            Value::Complex(c) => complex::complex_repr(c.re, c.im),
            Value::Str(s) => str_repr(s),
            Value::Ellipsis => "Ellipsis".into(),
            Value::NotImplemented => "NotImplemented".into(),
            Value::Bytes(b) => bytes::bytes_repr(&b.data, false),
            Value::ByteArray(b) => bytes::bytes_repr(&b.data.borrow(), true),
            Value::Range(r) => r.repr(),
            Value::List(l) => {
                let addr = v.heap_addr().unwrap_or(0);
                if self.calls.repr_active.borrow().contains(&addr) {
                    return Ok("[...]".into());
                }
                let items = l.items.borrow().clone();
                self.calls.repr_active.borrow_mut().push(addr);
                let r = self.nested(REPR_DEPTH, || self.repr_items(&items));
                self.calls.repr_active.borrow_mut().pop();
                format!("[{}]", r?)
            }
            Value::Slice(s) => {
                let parts = [s.start.clone(), s.stop.clone(), s.step.clone()];
                format!(
                    "slice({})",
                    self.nested(REPR_DEPTH, || self.repr_items(&parts))?
                )
            }
            Value::Tuple(t) => {
                let r = self.nested(REPR_DEPTH, || self.repr_items(&t.items))?;
                if t.items.len() == 1 {
                    format!("({r},)")
                } else {
                    format!("({r})")
                }
            }
            Value::Set(d) => {
                let items: Vec<Value> = d.items.borrow().iter().map(|(k, _)| k.clone()).collect();
                let body = || self.nested(REPR_DEPTH, || self.repr_items(&items));
                match (items.is_empty(), d.frozen) {
                    (true, false) => "set()".into(),
                    (true, true) => "frozenset()".into(),
                    (false, false) => format!("{{{}}}", body()?),
                    (false, true) => format!("frozenset({{{}}})", body()?),
                }
            }
            Value::Dict(d) => {
                let addr = v.heap_addr().unwrap_or(0);
                if self.calls.repr_active.borrow().contains(&addr) {
                    return Ok("{...}".into());
                }
                let items: Vec<(Value, Value)> = d.entries();
                self.calls.repr_active.borrow_mut().push(addr);
                let r = self.nested(REPR_DEPTH, || {
                    let mut parts = Vec::with_capacity(items.len());
                    for (k, v) in &items {
                        parts.push(format!("{}: {}", self.repr(k)?, self.repr(v)?));
                    }
                    Ok(parts.join(", "))
                });
                self.calls.repr_active.borrow_mut().pop();
                format!("{{{}}}", r?)
            }
            Value::Func(f) => format!(
                "<function {} at {:#x}>",
                match f.attrs.borrow().get("__qualname__") {
                    Some(Value::Str(q)) => q.to_string(),
                    _ => f.qualname.to_string(),
                },
                v.heap_addr().unwrap_or(0)
            ),
            Value::Class(c) => format!("<class '{}'>", qualified_name(c)),
            Value::Instance(inst) => {
                if let Some(f) = inst.class().lookup("__repr__") {
                    let addr = v.heap_addr().unwrap_or(0);
                    if self.calls.repr_active.borrow().contains(&addr) {
                        // A class that declares what it prints when met again inside its own
                        // repr (CPython's Py_ReprEnter in a C type's repr: dict views).
                        if let Some(Value::Str(s)) =
                            inst.class().lookup("__minipy_recursive_repr__")
                        {
                            return Ok(s.to_string());
                        }
                        return Err(self.exc(
                            "RecursionError",
                            "maximum recursion depth exceeded while getting the repr of an object",
                        ));
                    }
                    self.calls.repr_active.borrow_mut().push(addr);
                    let r = self.call(&f, vec![v.clone()], Vec::new());
                    self.calls.repr_active.borrow_mut().pop();
                    return match r? {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(self.type_error(format!(
                            "__repr__ returned non-string (type {})",
                            other.type_name()
                        ))),
                    };
                }
                if self.is_exception_class(&inst.class()) {
                    let args = inst.attrs.borrow().get("args").cloned();
                    let a = match args {
                        Some(Value::Tuple(t)) if t.items.len() == 1 => self.repr(&t.items[0])?,
                        Some(Value::Tuple(t)) => self.repr_items(&t.items)?,
                        _ => String::new(),
                    };
                    return Ok(format!("{}({a})", inst.class().name));
                }
                if let Some(r) = self.descr_repr(v)? {
                    return Ok(r);
                }
                if let Some(b) = &inst.base {
                    return self.repr(b);
                }
                format!(
                    "<{} object at {:#x}>",
                    qualified_name(&inst.class()),
                    v.heap_addr().unwrap_or(0)
                )
            }
            Value::Method(m) => match &m.func {
                MethodFunc::Func(f) => {
                    format!("<bound method {} of {}>", f.qualname, self.repr(&m.recv)?)
                }
                MethodFunc::Native(n) => {
                    format!(
                        "<built-in method {n} of {} object at {:#x}>",
                        m.recv.type_name(),
                        m.recv.heap_addr().unwrap_or(0)
                    )
                }
            },
            Value::Builtin(b) => format!("<built-in function {}>", b.name),
            Value::Type(t) => format!("<class '{}'>", t.name()),
            Value::Module(m) => match m.file() {
                Some(file) => format!("<module '{}' from '{file}'>", m.name),
                None => format!("<module '{}' (built-in)>", m.name),
            },
            Value::Gen(g) => self.gen_repr(g),
            Value::Iter(o) => self.iterobj_repr(o),
            Value::WeakRef(w) => {
                let addr = v.heap_addr().unwrap_or(0);
                match crate::gcmod::weakref_target(w) {
                    Value::None => format!("<weakref at {addr:#x}; dead>"),
                    t => format!(
                        "<weakref at {addr:#x}; to '{}' at {:#x}>",
                        t.type_name(),
                        t.heap_addr().unwrap_or(0)
                    ),
                }
            }
        })
    }

    pub(crate) fn repr_items(&self, items: &[Value]) -> PyResult<String> {
        let mut parts = Vec::with_capacity(items.len());
        for x in items {
            parts.push(self.repr(x)?);
        }
        Ok(parts.join(", "))
    }

    /// Writes program output (stdout, or the capture buffer).
    pub fn write_out(&self, s: &str) {
        let mut out = self.out.borrow_mut();
        match out.as_mut() {
            Some(buf) => buf.extend_from_slice(s.as_bytes()),
            None => {
                let mut so = std::io::stdout().lock();
                let _ = so.write_all(s.as_bytes());
            }
        }
    }

    /// Formats an uncaught exception the way CPython prints it.
    pub fn format_exception(&self, e: &PyException) -> String {
        let mut s = String::new();
        let shown: Vec<&TbEntry> =
            e.tb.iter()
                .filter(|t| !crate::stdlib::hides_frames(&t.file))
                .collect();
        if !shown.is_empty() {
            s.push_str("Traceback (most recent call last):\n");
            // Identical consecutive entries are shown three times, then counted, as CPython does.
            let mut last: Option<&TbEntry> = None;
            let mut repeats = 0usize;
            let flush = |s: &mut String, repeats: usize| {
                if repeats > 3 {
                    let n = repeats - 3;
                    s.push_str(&format!(
                        "  [Previous line repeated {n} more time{}]\n",
                        if n == 1 { "" } else { "s" }
                    ));
                }
            };
            for &t in shown.iter().rev() {
                let same =
                    last.is_some_and(|l| l.file == t.file && l.line == t.line && l.name == t.name);
                if same {
                    repeats += 1;
                    if repeats > 3 {
                        continue;
                    }
                } else {
                    flush(&mut s, repeats);
                    repeats = 1;
                }
                last = Some(t);
                s.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    t.file, t.line, t.name
                ));
                if let Some(src) = self.modules.sources.borrow().get(&t.file) {
                    if let Some(l) = src.get((t.line as usize).wrapping_sub(1)) {
                        let l = l.trim();
                        if !l.is_empty() {
                            s.push_str(&format!("    {l}\n"));
                        }
                    }
                }
            }
            flush(&mut s, repeats);
        }
        if let Some(se) = self.syntax_error_parts(&e.value) {
            s.push_str(&syntax_location(
                &se.file,
                se.line,
                se.col,
                se.text.as_deref(),
            ));
            s.push_str(&format!("SyntaxError: {}\n", se.msg));
            return s;
        }
        let name = match &e.value {
            // CPython names an exception class by its module unless that is `__main__`.
            Value::Instance(i) if &*i.class().module != "__main__" => qualified_name(&i.class()),
            v => v.type_name().to_string(),
        };
        let msg = self.to_str(&e.value).unwrap_or_default();
        if msg.is_empty() {
            s.push_str(&format!("{name}\n"));
        } else {
            s.push_str(&format!("{name}: {msg}\n"));
        }
        s
    }

    /// Shuts down as CPython 3.11 does at exit: the main module and then the imported ones
    /// are let go in import order (not their globals set to `None` one by one). A module
    /// scope in a cycle with the functions and classes defined in it is freed by the
    /// collection that follows, every object intact while the finalizers run, so a `__del__`
    /// still sees the module's globals and the modules they name; a scope in no cycle is freed
    /// at once, its values in binding order. Builtin modules' tables (`gc.callbacks` may hold
    /// script functions) are emptied after that collection, then a last one runs.
    pub(crate) fn shutdown(&self) {
        let _g = self.enter();
        let fresh = Cc::new(Env::new(AttrMap::default(), None));
        let main = std::mem::replace(&mut *self.modules.main.borrow_mut(), fresh);
        drop(main);
        self.run_pending_callbacks();
        let mods = self.modules.loaded.borrow_mut().take_all();
        let mut builtin = Vec::new();
        for (_, m) in mods {
            match m {
                Value::Module(m) if matches!(m.namespace, Namespace::Builtin(_)) => builtin.push(m),
                other => drop(other),
            }
            self.run_pending_callbacks();
        }
        gc_core::collect();
        self.run_pending_callbacks();
        for m in &builtin {
            if let Namespace::Builtin(attrs) = &m.namespace {
                let attrs = attrs.borrow_mut().take_all();
                drop(attrs);
            }
        }
        drop(builtin);
        gc_core::collect();
        self.run_pending_callbacks();
    }
}

/// `__main__.Node`, `m.Node`; a builtin class by its name alone, as CPython prints them.
pub(super) fn qualified_name(c: &Class) -> String {
    if c.builtin {
        c.name.to_string()
    } else {
        match c.attrs.borrow().get("__qualname__") {
            Some(Value::Str(q)) => format!("{}.{q}", c.module),
            _ => format!("{}.{}", c.module, c.name),
        }
    }
}

/// The location block CPython prints for a syntax error: `  File "f", line N`, then the
/// offending line and a caret under column `col` (0-based).
pub(crate) fn syntax_location(file: &str, line: u32, col: u32, text: Option<&str>) -> String {
    let mut s = format!("  File \"{file}\", line {line}\n");
    if let Some(t) = text {
        let trimmed = t.trim_start();
        let indent = t.chars().count() - trimmed.chars().count();
        s.push_str(&format!("    {}\n", trimmed.trim_end()));
        let caret = (col as usize).saturating_sub(indent);
        s.push_str(&format!("    {}^\n", " ".repeat(caret)));
    }
    s
}

/// What a `SyntaxError` raised by an import says about where the error is.
struct SyntaxErrorParts {
    msg: String,
    file: String,
    line: u32,
    /// 0-based.
    col: u32,
    text: Option<String>,
}

impl Interp {
    /// The location of a `SyntaxError` carrying one (those raised by a failed import); `None`
    /// for any other exception, or one raised by a script, which has only its message.
    fn syntax_error_parts(&self, v: &Value) -> Option<SyntaxErrorParts> {
        let Value::Instance(inst) = v else {
            return None;
        };
        if !self.exc_matches(v, "SyntaxError") {
            return None;
        }
        let attrs = inst.attrs.borrow();
        let str_attr = |k: &str| match attrs.get(k) {
            Some(Value::Str(s)) => Some(s.to_string()),
            _ => None,
        };
        let int_attr = |k: &str| match attrs.get(k) {
            Some(Value::Int(i)) => u32::try_from(*i).ok(),
            _ => None,
        };
        Some(SyntaxErrorParts {
            msg: str_attr("msg")?,
            file: str_attr("filename")?,
            line: int_attr("lineno")?,
            col: int_attr("offset").unwrap_or(1).saturating_sub(1),
            text: str_attr("text"),
        })
    }
}
