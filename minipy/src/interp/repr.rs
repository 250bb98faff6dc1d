//! `str()`, `repr()` (cycle-safe, as CPython prints them), output, tracebacks and shutdown.

use std::rc::Rc;

use super::*;

impl Interp {
    // ------------------------------------------------------------ str / repr

    /// `str(v)`.
    pub fn to_str(&self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Instance(inst) => {
                if let Some(f) = inst.class.lookup("__str__") {
                    return match self.call(&f, vec![v.clone()], Vec::new())? {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(self.type_error(format!(
                            "__str__ returned non-string (type {})",
                            other.type_name()
                        ))),
                    };
                }
                if self.is_exception_class(&inst.class) {
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

    /// `repr(v)`.
    pub fn repr(&self, v: &Value) -> PyResult<String> {
        self.check_stack()?;
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => float_repr(*f),
            Value::Str(s) => str_repr(s),
            Value::Ellipsis => "Ellipsis".into(),
            Value::Range(r) => {
                if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                }
            }
            Value::List(l) => {
                let addr = v.heap_addr().unwrap_or(0);
                if self.repr_active.borrow().contains(&addr) {
                    return Ok("[...]".into());
                }
                let items = l.items.borrow().clone();
                self.repr_active.borrow_mut().push(addr);
                let r = self.repr_items(&items);
                self.repr_active.borrow_mut().pop();
                format!("[{}]", r?)
            }
            Value::Tuple(t) => {
                let r = self.repr_items(&t.items)?;
                if t.items.len() == 1 {
                    format!("({r},)")
                } else {
                    format!("({r})")
                }
            }
            Value::Set(d) => {
                let items: Vec<Value> = d.items.borrow().iter().map(|(k, _)| k.clone()).collect();
                if items.is_empty() {
                    "set()".into()
                } else {
                    format!("{{{}}}", self.repr_items(&items)?)
                }
            }
            Value::Dict(d) => {
                let addr = v.heap_addr().unwrap_or(0);
                if self.repr_active.borrow().contains(&addr) {
                    return Ok("{...}".into());
                }
                let items: Vec<(Value, Value)> = d
                    .map
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                self.repr_active.borrow_mut().push(addr);
                let r = (|| -> PyResult<String> {
                    let mut parts = Vec::with_capacity(items.len());
                    for (k, v) in &items {
                        parts.push(format!("{}: {}", self.repr(k)?, self.repr(v)?));
                    }
                    Ok(parts.join(", "))
                })();
                self.repr_active.borrow_mut().pop();
                format!("{{{}}}", r?)
            }
            Value::Func(f) => format!(
                "<function {} at {:#x}>",
                f.qualname,
                v.heap_addr().unwrap_or(0)
            ),
            Value::Class(c) => {
                if c.builtin {
                    format!("<class '{}'>", c.name)
                } else {
                    format!("<class '__main__.{}'>", c.name)
                }
            }
            Value::Instance(inst) => {
                if let Some(f) = inst.class.lookup("__repr__") {
                    let addr = v.heap_addr().unwrap_or(0);
                    if self.repr_active.borrow().contains(&addr) {
                        return Err(self.exc(
                            "RecursionError",
                            "maximum recursion depth exceeded while getting the repr of an object",
                        ));
                    }
                    self.repr_active.borrow_mut().push(addr);
                    let r = self.call(&f, vec![v.clone()], Vec::new());
                    self.repr_active.borrow_mut().pop();
                    return match r? {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(self.type_error(format!(
                            "__repr__ returned non-string (type {})",
                            other.type_name()
                        ))),
                    };
                }
                if self.is_exception_class(&inst.class) {
                    let args = inst.attrs.borrow().get("args").cloned();
                    let a = match args {
                        Some(Value::Tuple(t)) if t.items.len() == 1 => self.repr(&t.items[0])?,
                        Some(Value::Tuple(t)) => self.repr_items(&t.items)?,
                        _ => String::new(),
                    };
                    return Ok(format!("{}({a})", inst.class.name));
                }
                format!(
                    "<{}{} object at {:#x}>",
                    if inst.class.builtin { "" } else { "__main__." },
                    inst.class.name,
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
            Value::Module(m) => format!("<module '{}' (built-in)>", m.name),
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
        if !e.tb.is_empty() {
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
            for t in e.tb.iter().rev() {
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
                if let Some(src) = self.sources.borrow().get(&t.file) {
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
        let name = e.value.type_name();
        let msg = self.to_str(&e.value).unwrap_or_default();
        if msg.is_empty() {
            s.push_str(&format!("{name}\n"));
        } else {
            s.push_str(&format!("{name}: {msg}\n"));
        }
        s
    }

    /// Clears the module's globals (as CPython does at shutdown), so `__del__` methods run.
    pub(crate) fn clear_globals(&self) {
        let _g = self.enter();
        let names: Vec<Rc<str>> = self
            .globals
            .vars
            .borrow()
            .iter()
            .map(|(k, _)| k.clone())
            .collect();
        for n in names {
            if &*n == "__name__" {
                continue;
            }
            let old = self.globals.vars.borrow_mut().set(n, Value::None);
            drop(old);
            self.run_pending_callbacks();
        }
        let all = self.globals.vars.borrow_mut().take_all();
        drop(all);
        let mods: Vec<(Rc<str>, Value)> = self.modules.borrow_mut().drain().collect();
        for (_, m) in &mods {
            if let Value::Module(m) = m {
                let attrs = m.attrs.borrow_mut().take_all();
                drop(attrs);
            }
        }
        drop(mods);
        self.run_pending_callbacks();
    }
}
