//! Builtin functions, the constructors of the builtin types, methods of the builtin types,
//! and string formatting (`format`, f-string specs, `%`, `str.format`).

use std::rc::Rc;

use gc_core::Cc;

use crate::interp::iterobj::IterState;
use crate::interp::{Ctrl, Interp, PyResult};
use crate::value::*;

type Kw = Vec<(Rc<str>, Value)>;

const BUILTIN_FUNCS: &[&str] = &[
    "print",
    "len",
    "repr",
    "isinstance",
    "exec",
    "eval",
    "issubclass",
    "id",
    "abs",
    "min",
    "max",
    "sum",
    "sorted",
    "reversed",
    "enumerate",
    "zip",
    "hasattr",
    "getattr",
    "setattr",
    "delattr",
    "hash",
    "ord",
    "chr",
    "round",
    "divmod",
    "any",
    "all",
    "callable",
    "format",
    "map",
    "filter",
    "iter",
    "next",
    "pow",
    "globals",
    "locals",
    "vars",
    "dir",
    "super",
    "hex",
    "bin",
    "oct",
];

/// What `help()` prints. CPython's starts its interactive help utility (pydoc); minipy's only
/// prints this text (see the README).
pub const HELP_TEXT: &str = "\
Welcome to minipy, a small Python whose heap is gc-core: objects are freed by reference
counting, and reference cycles by a generational cycle collector, as in CPython.

minipy runs a subset of Python 3: functions and closures, classes (single inheritance),
exceptions, int (64-bit), float, str, list, tuple, dict, set, comprehensions, f-strings,
and `import` of .py files; builtin modules: gc, weakref, sys, time.

At the interactive prompt the value of an expression is printed (unless it is None) and
kept in `_`. help(object) prints a short description of an object. exit(), quit() or
Ctrl-D (end of input) leaves.

This is not CPython's help utility: minipy has no help topics, keywords or module docs.
";

fn native(name: &str, f: impl Fn(&Interp, Vec<Value>, Kw) -> PyResult<Value> + 'static) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name: Rc::from(name),
        f: Box::new(f),
    }))
}

/// A class of CPython's `_sitebuiltins` (the types of `exit`, `quit` and `help`) with the
/// given methods.
fn site_class(interp: &Interp, name: &str, methods: Vec<(&str, Value)>) -> Cc<Class> {
    let mut attrs = AttrMap::default();
    for (k, v) in methods {
        attrs.set(Rc::from(k), v);
    }
    Cc::new(Class {
        name: Rc::from(name),
        base: None,
        attrs: std::cell::RefCell::new(attrs),
        builtin: false,
        module: Rc::from("_sitebuiltins"),
        builtin_base: None,
        interp: interp.self_weak.clone(),
        weak_key: WeakKey::new(),
    })
}

/// A builtin that calls the function `name` of the `_io` library module (imported on first
/// use): `open` and `input` are written in Python there, beside the file type.
fn io_function(name: &'static str) -> Value {
    native(name, move |i, a, k| {
        let io = i.import("_io")?;
        let f = i.get_attr(&io, name)?;
        i.call(&f, a, k)
    })
}

/// `exit` and `quit`: objects whose repr says how to leave and whose call raises
/// `SystemExit(code)`, as CPython's `_sitebuiltins.Quitter`.
fn quitters(interp: &Interp) -> Vec<(&'static str, Value)> {
    let class = site_class(
        interp,
        "Quitter",
        vec![
            (
                "__repr__",
                native("__repr__", |i, a, _| {
                    let name = match a.first() {
                        Some(me) => i.get_attr(me, "name")?,
                        None => Value::str("exit"),
                    };
                    let name = i.to_str(&name)?;
                    Ok(Value::Str(PyStr::from(format!(
                        "Use {name}() or Ctrl-D (i.e. EOF) to exit"
                    ))))
                }),
            ),
            (
                "__call__",
                native("__call__", |i, a, k| {
                    if a.len() > 2 || (a.len() + k.len()) > 2 {
                        return Err(i.type_error(format!(
                            "Quitter.__call__() takes from 1 to 2 positional arguments but {} were given",
                            a.len()
                        )));
                    }
                    let code = a
                        .get(1)
                        .cloned()
                        .or_else(|| kwarg(&k, "code"))
                        .unwrap_or(Value::None);
                    Err(i.exc_with("SystemExit", vec![code]))
                }),
            ),
        ],
    );
    ["exit", "quit"]
        .into_iter()
        .map(|name| {
            let inst = interp.new_instance_raw(&class);
            let old = inst
                .attrs
                .borrow_mut()
                .set(Rc::from("name"), Value::str(name));
            drop(old);
            (name, Value::Instance(inst))
        })
        .collect()
}

/// `help`: its repr says how to use it; `help()` prints [`HELP_TEXT`], `help(object)` a short
/// description of the object (not CPython's pydoc page).
fn helper(interp: &Interp) -> Value {
    let class = site_class(
        interp,
        "_Helper",
        vec![
            (
                "__repr__",
                native("__repr__", |_, _, _| {
                    Ok(Value::str(
                        "Type help() for interactive help, or help(object) for help about object.",
                    ))
                }),
            ),
            (
                "__call__",
                native("__call__", |i, a, _| {
                    let text = match a.get(1..).unwrap_or(&[]) {
                        [] => HELP_TEXT.to_string(),
                        [obj] => describe(i, obj)?,
                        more => {
                            return Err(i.type_error(format!(
                                "_Helper.__call__() takes from 1 to 2 positional arguments but {} were given",
                                more.len() + 1
                            )))
                        }
                    };
                    i.write_out(&text);
                    Ok(Value::None)
                }),
            ),
        ],
    );
    Value::Instance(interp.new_instance_raw(&class))
}

/// What `help(obj)` prints.
fn describe(interp: &Interp, obj: &Value) -> PyResult<String> {
    let names = |attrs: &[(Rc<str>, Value)]| -> Vec<String> {
        let mut n: Vec<String> = attrs
            .iter()
            .map(|(k, _)| k.to_string())
            .filter(|k| !k.starts_with("__") || k == "__init__")
            .collect();
        n.sort();
        n
    };
    Ok(match obj {
        Value::Func(f) => {
            let d = &f.def;
            let mut params: Vec<String> = d
                .params
                .iter()
                .map(|p| match p.default {
                    Some(_) => format!("{}=...", p.name),
                    None => p.name.to_string(),
                })
                .collect();
            if let Some(v) = &d.vararg {
                params.push(format!("*{v}"));
            }
            if let Some(k) = &d.kwarg {
                params.push(format!("**{k}"));
            }
            let module = interp.module_name(&f.closure);
            format!(
                "Help on function {} in module {module}:\n\n{}({})\n\n",
                d.name,
                d.name,
                params.join(", ")
            )
        }
        Value::Class(c) => {
            let base = c
                .base
                .as_ref()
                .map_or("object".to_string(), |b| b.name.to_string());
            let attrs = names(&c.attrs.borrow().iter().cloned().collect::<Vec<_>>());
            let mut s = format!(
                "Help on class {} in module {}:\n\nclass {}({base})\n",
                c.name, c.module, c.name
            );
            for a in attrs {
                s.push_str(&format!(" |  {a}\n"));
            }
            s.push('\n');
            s
        }
        Value::Module(m) => {
            let attrs = names(&m.entries());
            let mut s = format!("Help on module {}:\n\nNAME\n    {}\n\n", m.name, m.name);
            if !attrs.is_empty() {
                s.push_str("CONTENTS\n");
                for a in attrs {
                    s.push_str(&format!("    {a}\n"));
                }
                s.push('\n');
            }
            s
        }
        other => format!(
            "Help on {} object:\n\n{}\n\n",
            other.type_name(),
            interp.repr(other)?
        ),
    })
}

/// Installs the builtins into an interpreter.
pub fn install(interp: &Interp) {
    // Made before the table is borrowed: an allocation can start a collection.
    let mut site = quitters(interp);
    site.push(("help", helper(interp)));
    site.push(("open", io_function("open")));
    site.push(("input", io_function("input")));
    site.push(("NotImplemented", Value::NotImplemented));
    let mut b = interp.builtins.borrow_mut();
    for (name, v) in site {
        b.insert(Rc::from(name), v);
    }
    for name in BUILTIN_FUNCS {
        let n: &'static str = name;
        b.insert(
            Rc::from(n),
            Value::Builtin(Rc::new(Builtin {
                name: Rc::from(n),
                f: Box::new(move |i, a, k| call_builtin(i, n, a, k)),
            })),
        );
    }
    for t in [
        TypeKind::Int,
        TypeKind::Float,
        TypeKind::Complex,
        TypeKind::Str,
        TypeKind::Bool,
        TypeKind::List,
        TypeKind::Tuple,
        TypeKind::Dict,
        TypeKind::Set,
        TypeKind::Range,
        TypeKind::FrozenSet,
        TypeKind::Bytes,
        TypeKind::ByteArray,
        TypeKind::Type,
        TypeKind::Object,
    ] {
        b.insert(Rc::from(t.name()), Value::Type(t));
    }
}

/// The character window `[start, end)` of `str.find`-like methods from their optional
/// `start` and `end` arguments (None or ints, negative counting from the end, clamped as in
/// slicing, except that a start past the end stays there). The window may be empty or
/// inverted (`start > end`).
fn str_window(interp: &Interp, s: &str, bounds: &[Value]) -> PyResult<(usize, usize)> {
    let n = s.chars().count() as i64;
    let at = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        let i = match v {
            None | Some(Value::None) => return Ok(default),
            Some(Value::Int(i)) => *i,
            Some(Value::Bool(b)) => *b as i64,
            Some(Value::Big(b)) if b.sign() == num_bigint::Sign::Minus => 0,
            Some(Value::Big(_)) => n,
            Some(_) => {
                return Err(interp.type_error(
                    "slice indices must be integers or None or have an __index__ method".into(),
                ))
            }
        };
        Ok(if i < 0 { (i + n).max(0) } else { i })
    };
    // A start beyond the end stays beyond it (nothing is found there, not even ''); the end
    // is clamped.
    let lo = at(bounds.first(), 0)?;
    let hi = at(bounds.get(1), n)?.min(n);
    Ok((lo as usize, hi as usize))
}

/// The byte range of the characters `[lo, hi)` of `s`, or `None` when `lo > hi`.
fn char_window_bytes(s: &str, lo: usize, hi: usize) -> Option<(usize, usize)> {
    if lo > hi {
        return None;
    }
    let byte_at = |c: usize| s.char_indices().nth(c).map_or(s.len(), |(b, _)| b);
    if s.is_ascii() {
        return Some((lo, hi));
    }
    Some((byte_at(lo), byte_at(hi)))
}

/// What `find`-like method `name` answers when the substring is not there.
fn not_found(interp: &Interp, name: &str) -> PyResult<Value> {
    if name.ends_with("index") {
        Err(interp.exc("ValueError", "substring not found"))
    } else {
        Ok(Value::Int(-1))
    }
}

fn nargs(interp: &Interp, name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    if args.len() < min || args.len() > max {
        let msg = if min == max {
            format!(
                "{name}() takes exactly {min} argument{} ({} given)",
                if min == 1 { "" } else { "s" },
                args.len()
            )
        } else if args.len() < min {
            format!(
                "{name} expected at least {min} argument{}, got {}",
                if min == 1 { "" } else { "s" },
                args.len()
            )
        } else {
            format!(
                "{name} expected at most {max} arguments, got {}",
                args.len()
            )
        };
        return Err(interp.type_error(msg));
    }
    Ok(())
}

fn kwarg(kw: &Kw, name: &str) -> Option<Value> {
    kw.iter()
        .find(|(k, _)| &**k == name)
        .map(|(_, v)| v.clone())
}

fn int_arg(interp: &Interp, v: &Value, what: &str) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Big(_) => Err(interp.exc(
            "OverflowError",
            "Python int too large to convert to C ssize_t",
        )),
        other => Err(interp.type_error(format!(
            "'{}' object cannot be interpreted as an integer{what}",
            other.type_name()
        ))),
    }
}

/// The length of a sized value.
pub fn len_of(interp: &Interp, v: &Value) -> PyResult<i64> {
    Ok(match v {
        Value::Str(s) => s.chars().count() as i64,
        Value::Bytes(b) => b.data.len() as i64,
        Value::ByteArray(b) => b.data.borrow().len() as i64,
        Value::List(l) => l.items.borrow().len() as i64,
        Value::Tuple(t) => t.items.len() as i64,
        Value::Dict(d) => d.map.borrow().len() as i64,
        Value::Set(d) => d.items.borrow().len() as i64,
        Value::Instance(inst)
            if inst.base.is_some() && inst.class().lookup("__len__").is_none() =>
        {
            return len_of(interp, inst.base.as_ref().expect("checked"));
        }
        Value::Range(r) => {
            let n = r.len_big();
            if n > num_bigint::BigInt::from(i64::MAX) {
                return Err(interp.exc(
                    "OverflowError",
                    "Python int too large to convert to C ssize_t",
                ));
            }
            num_traits::ToPrimitive::to_i64(&n).unwrap_or(i64::MAX)
        }
        Value::Instance(inst) if inst.class().lookup("__len__").is_some() => {
            let f = inst.class().lookup("__len__").expect("checked");
            match interp.call(&f, vec![v.clone()], Vec::new())? {
                Value::Int(i) if i >= 0 => i,
                Value::Int(_) => {
                    return Err(interp.exc("ValueError", "__len__() should return >= 0"))
                }
                other => {
                    return Err(interp.type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        other.type_name()
                    )))
                }
            }
        }
        _ => {
            return Err(
                interp.type_error(format!("object of type '{}' has no len()", v.type_name()))
            )
        }
    })
}

/// Whether `v` is an instance of the class or builtin type `cls`.
pub fn isinstance(interp: &Interp, v: &Value, cls: &Value) -> PyResult<bool> {
    Ok(match cls {
        Value::Type(TypeKind::Object) => true,
        Value::Type(TypeKind::Int) => matches!(v, Value::Int(_) | Value::Bool(_) | Value::Big(_)),
        Value::Type(TypeKind::Type) => matches!(v, Value::Type(_) | Value::Class(_)),
        Value::Type(t) => match v {
            Value::Instance(i) => i.base.as_ref().is_some_and(|b| b.type_kind() == *t),
            _ => v.type_kind() == *t,
        },
        Value::Class(c) => {
            if matches!(v, Value::Instance(i) if Class::is_subclass(&i.class(), c)) {
                return Ok(true);
            }
            // A class that answers for objects that do not derive from it (the ABCs of
            // `collections.abc`; CPython's `__instancecheck__` on a metaclass).
            match c.lookup("__minipy_instancecheck__") {
                Some(f) => {
                    let r = interp.call(&f, vec![cls.clone(), v.clone()], Vec::new())?;
                    interp.truthy(&r)?
                }
                None => false,
            }
        }
        Value::Tuple(t) => {
            for c in t.items.iter() {
                if isinstance(interp, v, c)? {
                    return Ok(true);
                }
            }
            false
        }
        _ if is_parameterized_generic(cls) => {
            return Err(interp
                .type_error("isinstance() argument 2 cannot be a parameterized generic".into()))
        }
        _ => {
            return Err(interp.type_error(
                "isinstance() arg 2 must be a type, a tuple of types, or a union".into(),
            ))
        }
    })
}

/// Whether `v` is a `types.GenericAlias` (`list[int]`) or a `types.UnionType` holding one:
/// objects of classes that declare `__minipy_generic__`.
fn is_parameterized_generic(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if i.class().lookup("__minipy_generic__").is_some())
}

/// `issubclass(sub, cls)`: `cls` a class, a builtin type or a tuple of them (nested tuples
/// are walked with a work list, not recursion).
pub fn issubclass(interp: &Interp, sub: &Value, cls: &Value) -> PyResult<bool> {
    if !matches!(sub, Value::Class(_) | Value::Type(_)) {
        return Err(interp.type_error("issubclass() arg 1 must be a class".into()));
    }
    let mut todo = vec![cls.clone()];
    while let Some(c) = todo.pop() {
        let hit = match (sub, &c) {
            (_, Value::Tuple(t)) => {
                todo.extend(t.items.iter().rev().cloned());
                false
            }
            (_, Value::Type(TypeKind::Object)) => true,
            (Value::Class(a), Value::Class(b)) => Class::is_subclass(a, b),
            (Value::Class(a), Value::Type(t)) if a.builtin_base == Some(*t) => true,
            (Value::Type(a), Value::Type(b)) => {
                a == b || (*a == TypeKind::Bool && *b == TypeKind::Int)
            }
            (_, Value::Class(_) | Value::Type(_)) => false,
            (_, c) if is_parameterized_generic(c) => {
                return Err(interp.type_error(
                    "issubclass() argument 2 cannot be a parameterized generic".into(),
                ))
            }
            _ => {
                return Err(interp.type_error(
                    "issubclass() arg 2 must be a class, a tuple of classes, or a union".into(),
                ))
            }
        };
        if hit {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A stable `id()`: the heap address for objects, a value-derived number for leaves.
pub fn id_of(v: &Value) -> i64 {
    match v.heap_addr() {
        Some(a) => a as i64,
        None => match v {
            Value::Str(s) => s.addr() as i64,
            Value::Int(i) => i.wrapping_mul(32).wrapping_add(0x1000_0000_0000),
            Value::Float(f) => f.to_bits() as i64,
            Value::Bool(b) => 0x100 + *b as i64,
            Value::None => 0x80,
            Value::Type(t) => 0x200 + *t as i64,
            _ => 0x40,
        },
    }
}

/// Sorts values with Python's `<` (a stable merge sort; comparison errors propagate).
pub fn sort_values(
    interp: &Interp,
    items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    let keys = match key {
        Some(k) if !matches!(k, Value::None) => {
            let mut ks = Vec::with_capacity(items.len());
            for x in &items {
                ks.push(interp.call(k, vec![x.clone()], Vec::new())?);
            }
            ks
        }
        _ => items.clone(),
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    // Bottom-up merge sort over indices.
    let mut buf = vec![0usize; idx.len()];
    let mut width = 1;
    let n = idx.len();
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let hi = (i + 2 * width).min(n);
            let (mut a, mut b, mut k) = (i, mid, i);
            while a < mid && b < hi {
                // Stable: take from the right only when strictly less (or greater, reversed).
                let take_right = if reverse {
                    interp.lt(&keys[idx[a]], &keys[idx[b]], "<")?
                } else {
                    interp.lt(&keys[idx[b]], &keys[idx[a]], "<")?
                };
                if take_right {
                    buf[k] = idx[b];
                    b += 1;
                } else {
                    buf[k] = idx[a];
                    a += 1;
                }
                k += 1;
            }
            while a < mid {
                buf[k] = idx[a];
                a += 1;
                k += 1;
            }
            while b < hi {
                buf[k] = idx[b];
                b += 1;
                k += 1;
            }
            i += 2 * width;
        }
        std::mem::swap(&mut idx, &mut buf);
        width *= 2;
    }
    Ok(idx.into_iter().map(|i| items[i].clone()).collect())
}

/// The keyword arguments builtin `name` accepts (any other is a `TypeError`, as in CPython),
/// and the name its error message gives.
fn allowed_keywords(name: &str) -> (&'static [&'static str], &str) {
    match name {
        "print" => (&["sep", "end", "file", "flush"], name),
        "sorted" => (&["key", "reverse"], "sort"),
        "min" | "max" => (&["key", "default"], name),
        "enumerate" => (&["iterable", "start"], name),
        "sum" => (&["start"], name),
        "zip" => (&["strict"], name),
        "round" => (&["number", "ndigits"], name),
        "pow" => (&["base", "exp", "mod"], name),
        _ => (&[], name),
    }
}

fn check_keywords(interp: &Interp, name: &str, kw: &Kw) -> PyResult<()> {
    let (allowed, shown) = allowed_keywords(name);
    for (k, _) in kw {
        if allowed.is_empty() {
            return Err(interp.type_error(format!("{name}() takes no keyword arguments")));
        }
        if !allowed.contains(&&**k) {
            return Err(interp.type_error(format!(
                "'{k}' is an invalid keyword argument for {shown}()"
            )));
        }
    }
    Ok(())
}

/// `print`'s `sep` or `end`: a string, or None for the default.
fn print_part(interp: &Interp, kw: &Kw, name: &str, default: &str) -> PyResult<String> {
    match kwarg(kw, name) {
        None | Some(Value::None) => Ok(default.into()),
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(interp.type_error(format!(
            "{name} must be None or a string, not {}",
            other.type_name()
        ))),
    }
}

/// The arguments of a builtin whose parameters may also be named (`round(x, ndigits=2)`,
/// `pow(base=2, exp=5, mod=3)`): the keyword arguments put in their positions.
fn keywords_to_positions(
    interp: &Interp,
    name: &str,
    mut args: Vec<Value>,
    kw: &Kw,
) -> PyResult<Vec<Value>> {
    let (params, _) = allowed_keywords(name);
    let total = args.len() + kw.len();
    if total > params.len() {
        return Err(interp.type_error(format!(
            "{name}() takes at most {} arguments ({total} given)",
            params.len()
        )));
    }
    let mut slots: Vec<Option<Value>> = vec![None; params.len().max(args.len())];
    let given = args.len();
    for (i, a) in args.drain(..).enumerate() {
        slots[i] = Some(a);
    }
    for (k, v) in kw {
        let Some(at) = params.iter().position(|p| *p == &**k) else {
            continue;
        };
        if at < given {
            return Err(interp.type_error(format!(
                "argument for {name}() given by name ('{k}') and position ({})",
                at + 1
            )));
        }
        slots[at] = Some(v.clone());
    }
    let filled = slots.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
    let mut out = Vec::with_capacity(filled);
    for (i, slot) in slots.into_iter().take(filled).enumerate() {
        match slot {
            Some(v) => out.push(v),
            None => {
                return Err(interp.type_error(format!(
                    "{name}() missing required argument '{}' (pos {})",
                    params[i],
                    i + 1
                )))
            }
        }
    }
    Ok(out)
}

fn call_builtin(interp: &Interp, name: &str, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let mut args = args;
    if !kw.is_empty() {
        check_keywords(interp, name, &kw)?;
        if matches!(name, "round" | "pow") {
            args = keywords_to_positions(interp, name, args, &kw)?;
        }
    }
    match name {
        "print" => {
            let sep = print_part(interp, &kw, "sep", " ")?;
            let end = print_part(interp, &kw, "end", "\n")?;
            let file = kwarg(&kw, "file")
                .filter(|f| !matches!(f, Value::None))
                .or_else(|| crate::gcmod::replaced_stdout(interp));
            if let Some(file) = file {
                // Each piece is written with its own `file.write(...)` call, as CPython does.
                let write: Rc<str> = Rc::from("write");
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        interp.call_method(&file, &write, vec![Value::str(&sep)], Vec::new())?;
                    }
                    let s = Value::Str(PyStr::from(interp.to_str(a)?));
                    interp.call_method(&file, &write, vec![s], Vec::new())?;
                }
                interp.call_method(&file, &write, vec![Value::str(&end)], Vec::new())?;
                let flush = kwarg(&kw, "flush").map(|f| f.truthy_simple());
                if flush == Some(true) {
                    interp.call_method(&file, &Rc::from("flush"), Vec::new(), Vec::new())?;
                }
                return Ok(Value::None);
            }
            let mut s = String::new();
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    s.push_str(&sep);
                }
                s.push_str(&interp.to_str(a)?);
            }
            s.push_str(&end);
            match kwarg(&kw, "file") {
                // `file=stream`: the text goes to the stream's `write` (a `StringIO`).
                Some(f) if !matches!(f, Value::None) => {
                    interp.call_method(&f, &Rc::from("write"), vec![Value::str(&s)], Vec::new())?;
                }
                _ => interp.write_out(&s),
            }
            Ok(Value::None)
        }
        "len" => {
            nargs(interp, "len", &args, 1, 1)?;
            Ok(Value::Int(len_of(interp, &args[0])?))
        }
        "repr" => {
            nargs(interp, "repr", &args, 1, 1)?;
            Ok(Value::Str(PyStr::from(interp.repr(&args[0])?)))
        }
        // With a globals dict, or else `__main__`'s globals (minipy's builtins cannot see the
        // calling frame, so a function's locals are not visible to them).
        "exec" | "eval" => {
            nargs(interp, name, &args, 1, 3)?;
            let src = match &args[0] {
                Value::Str(s) => s.to_string(),
                _ => {
                    return Err(interp.type_error(format!(
                        "{name}() arg 1 must be a string, bytes or code object"
                    )))
                }
            };
            let env = match args.get(1) {
                None | Some(Value::None) => interp.globals.borrow().clone(),
                Some(Value::Dict(d)) => Cc::new(crate::value::Env {
                    vars: std::cell::RefCell::new(crate::value::AttrMap::default()),
                    parent: None,
                    dict: std::cell::RefCell::new(Some(d.clone())),
                }),
                Some(other) => {
                    return Err(interp.type_error(format!(
                        "{name}() globals must be a dict, not {}",
                        other.type_name()
                    )))
                }
            };
            interp.run_source(&src, &env, name == "eval")
        }
        "isinstance" => {
            nargs(interp, "isinstance", &args, 2, 2)?;
            Ok(Value::Bool(isinstance(interp, &args[0], &args[1])?))
        }
        "issubclass" => {
            nargs(interp, "issubclass", &args, 2, 2)?;
            Ok(Value::Bool(issubclass(interp, &args[0], &args[1])?))
        }
        "id" => {
            nargs(interp, "id", &args, 1, 1)?;
            Ok(Value::Int(id_of(&args[0])))
        }
        "hash" => {
            nargs(interp, "hash", &args, 1, 1)?;
            Ok(Value::Int(interp.py_hash(&args[0])?))
        }
        "abs" => {
            nargs(interp, "abs", &args, 1, 1)?;
            match &args[0] {
                v @ Value::Instance(inst) if inst.class().lookup("__abs__").is_some() => {
                    interp.call_method(v, &Rc::from("__abs__"), Vec::new(), Vec::new())
                }
                Value::Int(i) => Ok(match i.checked_abs() {
                    Some(a) => Value::Int(a),
                    None => crate::bigint::normalize(num_traits::Signed::abs(
                        &num_bigint::BigInt::from(*i),
                    )),
                }),
                Value::Big(b) => Ok(crate::bigint::normalize(num_traits::Signed::abs(&**b))),
                Value::Bool(b) => Ok(Value::Int(*b as i64)),
                Value::Float(f) => Ok(Value::Float(f.abs())),
                Value::Complex(z) => interp.complex_abs(z),
                other => Err(interp.type_error(format!(
                    "bad operand type for abs(): '{}'",
                    other.type_name()
                ))),
            }
        }
        "min" | "max" => {
            let items = if args.len() == 1 {
                interp.collect(&args[0])?
            } else {
                args
            };
            let key = kwarg(&kw, "key");
            if items.is_empty() {
                if let Some(d) = kwarg(&kw, "default") {
                    return Ok(d);
                }
                return Err(interp.exc("ValueError", &format!("{name}() arg is an empty sequence")));
            }
            let keyof = |v: &Value| -> PyResult<Value> {
                match &key {
                    Some(k) if !matches!(k, Value::None) => {
                        interp.call(k, vec![v.clone()], Vec::new())
                    }
                    _ => Ok(v.clone()),
                }
            };
            let mut best = items[0].clone();
            let mut bk = keyof(&best)?;
            for x in items.into_iter().skip(1) {
                let xk = keyof(&x)?;
                let better = if name == "min" {
                    interp.lt(&xk, &bk, "<")?
                } else {
                    interp.lt(&bk, &xk, "<")?
                };
                if better {
                    best = x;
                    bk = xk;
                }
            }
            Ok(best)
        }
        "sum" => {
            nargs(interp, "sum", &args, 1, 2)?;
            let mut acc = args.get(1).cloned().unwrap_or(Value::Int(0));
            let mut it = interp.iter(&args[0])?;
            while let Some(x) = it.next(interp)? {
                acc = interp.binop(crate::ast::BinOp::Add, acc, x)?;
            }
            Ok(acc)
        }
        "sorted" => {
            nargs(interp, "sorted", &args, 1, 1)?;
            let items = interp.collect(&args[0])?;
            let rev = kwarg(&kw, "reverse").is_some_and(|v| v.truthy_simple());
            Ok(Value::list(sort_values(
                interp,
                items,
                kwarg(&kw, "key").as_ref(),
                rev,
            )?))
        }
        "reversed" => {
            nargs(interp, "reversed", &args, 1, 1)?;
            if let Value::Instance(i) = &args[0] {
                if let Some(f) = i.class().lookup("__reversed__") {
                    return interp.call(&f, vec![args[0].clone()], Vec::new());
                }
            }
            let kind = match &args[0] {
                Value::List(_) => "list_reverseiterator",
                Value::Range(_) => "range_iterator",
                Value::Dict(_) => "dict_reversekeyiterator",
                Value::Tuple(_)
                | Value::Str(_)
                | Value::Bytes(_)
                | Value::ByteArray(_)
                | Value::Instance(_) => "reversed",
                other => {
                    return Err(interp
                        .type_error(format!("'{}' object is not reversible", other.type_name())))
                }
            };
            let mut items = interp.collect(&args[0])?;
            items.reverse();
            let it = interp.iter(&Value::list(items))?;
            Ok(interp.new_iter(kind, IterState::Plain(it)))
        }
        "enumerate" => {
            nargs(interp, "enumerate", &args, 1, 2)?;
            let start = match args.get(1).cloned().or_else(|| kwarg(&kw, "start")) {
                Some(v) => int_arg(interp, &v, "")?,
                None => 0,
            };
            let it = interp.iter(&args[0])?;
            Ok(interp.new_iter("enumerate", IterState::Enumerate(it, start)))
        }
        "zip" => {
            let mut its = Vec::new();
            for a in &args {
                its.push(interp.iter(a)?);
            }
            Ok(interp.new_iter("zip", IterState::Zip(its)))
        }
        "map" => {
            if args.len() < 2 {
                return Err(interp.type_error("map() must have at least two arguments.".into()));
            }
            let mut its = Vec::new();
            for a in &args[1..] {
                its.push(interp.iter(a)?);
            }
            Ok(interp.new_iter("map", IterState::Map(args[0].clone(), its)))
        }
        "filter" => {
            nargs(interp, "filter", &args, 2, 2)?;
            let it = interp.iter(&args[1])?;
            Ok(interp.new_iter("filter", IterState::Filter(args[0].clone(), it)))
        }
        "iter" => {
            nargs(interp, "iter", &args, 1, 2)?;
            if let [f, sentinel] = &args[..] {
                let state = IterState::Callable(f.clone(), sentinel.clone());
                return Ok(interp.new_iter("callable_iterator", state));
            }
            interp.iter_value(&args[0])
        }
        "next" => {
            nargs(interp, "next", &args, 1, 2)?;
            let r = match &args[0] {
                Value::Gen(g) if !g.is_coroutine() => match interp
                    .gen_resume(g, crate::interp::generator::Resume::Send(Value::None))?
                {
                    crate::interp::generator::GenStep::Yielded(v) => return Ok(v),
                    crate::interp::generator::GenStep::Returned(v) => interp.stop_iteration(v),
                },
                Value::Iter(o) => match interp.iterobj_next(o)? {
                    Some(v) => return Ok(v),
                    None => interp.exc_with("StopIteration", vec![]),
                },
                Value::Instance(i) if i.class().lookup("__next__").is_some() => {
                    match interp.call_method(
                        &args[0],
                        &Rc::from("__next__"),
                        Vec::new(),
                        Vec::new(),
                    ) {
                        Err(Ctrl::Exc(e)) => Ctrl::Exc(e),
                        other => return other,
                    }
                }
                other => {
                    return Err(interp
                        .type_error(format!("'{}' object is not an iterator", other.type_name())))
                }
            };
            match (args.get(1), r) {
                (Some(d), Ctrl::Exc(e)) if interp.exc_matches(&e.value, "StopIteration") => {
                    Ok(d.clone())
                }
                (_, r) => Err(r),
            }
        }
        "hasattr" => {
            nargs(interp, "hasattr", &args, 2, 2)?;
            let Value::Str(n) = &args[1] else {
                return Err(interp.type_error("attribute name must be string".into()));
            };
            match interp.get_attr(&args[0], n) {
                Ok(_) => Ok(Value::Bool(true)),
                Err(Ctrl::Exc(e)) if interp.exc_matches(&e.value, "AttributeError") => {
                    Ok(Value::Bool(false))
                }
                Err(e) => Err(e),
            }
        }
        "getattr" => {
            nargs(interp, "getattr", &args, 2, 3)?;
            let Value::Str(n) = &args[1] else {
                return Err(interp.type_error("attribute name must be string".into()));
            };
            match interp.get_attr(&args[0], n) {
                Ok(v) => Ok(v),
                Err(Ctrl::Exc(e))
                    if args.len() == 3 && interp.exc_matches(&e.value, "AttributeError") =>
                {
                    Ok(args[2].clone())
                }
                Err(e) => Err(e),
            }
        }
        "setattr" => {
            nargs(interp, "setattr", &args, 3, 3)?;
            let Value::Str(n) = &args[1] else {
                return Err(interp.type_error("attribute name must be string".into()));
            };
            interp.set_attr(&args[0], &Rc::from(&**n), args[2].clone())?;
            Ok(Value::None)
        }
        "delattr" => {
            nargs(interp, "delattr", &args, 2, 2)?;
            let Value::Str(n) = &args[1] else {
                return Err(interp.type_error("attribute name must be string".into()));
            };
            interp.del_attr(&args[0], n)?;
            Ok(Value::None)
        }
        "ord" => {
            nargs(interp, "ord", &args, 1, 1)?;
            match &args[0] {
                Value::Str(s) if s.chars().count() == 1 => {
                    Ok(Value::Int(s.chars().next().expect("one char") as i64))
                }
                Value::Str(s) => Err(interp.type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars().count()
                ))),
                other => Err(interp.type_error(format!(
                    "ord() expected string of length 1, but {} found",
                    other.type_name()
                ))),
            }
        }
        "chr" => {
            nargs(interp, "chr", &args, 1, 1)?;
            let i = int_arg(interp, &args[0], "")?;
            match u32::try_from(i).ok().and_then(char::from_u32) {
                Some(c) => Ok(Value::Str(PyStr::from(c.to_string()))),
                None => Err(interp.exc("ValueError", "chr() arg not in range(0x110000)")),
            }
        }
        "round" => {
            nargs(interp, "round", &args, 1, 2)?;
            let nd = match args.get(1) {
                None | Some(Value::None) => None,
                Some(v) => Some(int_arg(interp, v, "")?),
            };
            match (&args[0], nd) {
                (v @ Value::Instance(inst), _) if inst.class().lookup("__round__").is_some() => {
                    interp.call_method(v, &Rc::from("__round__"), args[1..].to_vec(), Vec::new())
                }
                (Value::Int(_) | Value::Bool(_) | Value::Big(_), Some(n)) if n < 0 => {
                    // Round half to even at 10**-n, as CPython's int.__round__.
                    let x = crate::bigint::to_big(&args[0]).unwrap_or_default();
                    let Some(p) = u32::try_from(-(n as i128)).ok().filter(|p| *p <= 100_000) else {
                        return Ok(Value::Int(0));
                    };
                    let unit = num_bigint::BigInt::from(10).pow(p);
                    let (q, r) = num_integer::Integer::div_mod_floor(&x, &unit);
                    let twice = &r * 2;
                    let up = twice > unit || (twice == unit && num_integer::Integer::is_odd(&q));
                    let q = if up { q + 1 } else { q };
                    Ok(crate::bigint::normalize(q * unit))
                }
                (Value::Int(i), _) => Ok(Value::Int(*i)),
                (Value::Big(_), _) => Ok(args[0].clone()),
                (Value::Bool(b), _) => Ok(Value::Int(*b as i64)),
                (Value::Float(f), None) => {
                    if !f.is_finite() {
                        return Err(interp.exc(
                            if f.is_nan() {
                                "ValueError"
                            } else {
                                "OverflowError"
                            },
                            if f.is_nan() {
                                "cannot convert float NaN to integer"
                            } else {
                                "cannot convert float infinity to integer"
                            },
                        ));
                    }
                    Ok(crate::bigint::from_f64(f.round_ties_even()))
                }
                (Value::Float(f), Some(n)) => {
                    let n = n.clamp(-300, 300) as i32;
                    // Round via the decimal string, as CPython does (correctly rounded).
                    if n >= 0 {
                        let s = format!("{:.*}", n as usize, f);
                        Ok(Value::Float(s.parse().unwrap_or(*f)))
                    } else {
                        let p = 10f64.powi(-n);
                        Ok(Value::Float((f / p).round_ties_even() * p))
                    }
                }
                (other, _) => Err(interp.type_error(format!(
                    "type {} doesn't define __round__ method",
                    other.type_name()
                ))),
            }
        }
        "divmod" => {
            nargs(interp, "divmod", &args, 2, 2)?;
            interp.divmod(args[0].clone(), args[1].clone())
        }
        "pow" => {
            nargs(interp, "pow", &args, 2, 3)?;
            match args.get(2) {
                None | Some(Value::None) => {
                    interp.binop(crate::ast::BinOp::Pow, args[0].clone(), args[1].clone())
                }
                Some(m) => modular_pow(interp, &args[0], &args[1], m),
            }
        }
        "any" | "all" => {
            nargs(interp, name, &args, 1, 1)?;
            let want = name == "any";
            let mut it = interp.iter(&args[0])?;
            while let Some(x) = it.next(interp)? {
                if interp.truthy(&x)? == want {
                    return Ok(Value::Bool(want));
                }
            }
            Ok(Value::Bool(!want))
        }
        "callable" => {
            nargs(interp, "callable", &args, 1, 1)?;
            Ok(Value::Bool(match &args[0] {
                Value::Func(_)
                | Value::Method(_)
                | Value::Builtin(_)
                | Value::Class(_)
                | Value::Type(_)
                | Value::WeakRef(_) => true,
                Value::Instance(i) => i.class().lookup("__call__").is_some(),
                _ => false,
            }))
        }
        "format" => {
            nargs(interp, "format", &args, 1, 2)?;
            let spec = match args.get(1) {
                Some(Value::Str(s)) => s.to_string(),
                _ => String::new(),
            };
            Ok(Value::Str(PyStr::from(
                interp.format_value(&args[0], &spec)?,
            )))
        }
        "hex" | "bin" | "oct" => {
            nargs(interp, name, &args, 1, 1)?;
            if let Value::Big(b) = &args[0] {
                let sign = if b.sign() == num_bigint::Sign::Minus {
                    "-"
                } else {
                    ""
                };
                let (prefix, radix) = match name {
                    "hex" => ("0x", 16),
                    "bin" => ("0b", 2),
                    _ => ("0o", 8),
                };
                let digits = b.magnitude().to_str_radix(radix);
                return Ok(Value::Str(PyStr::from(format!("{sign}{prefix}{digits}"))));
            }
            let i = int_arg(interp, &args[0], "")?;
            let (sign, a) = if i < 0 {
                ("-", i.unsigned_abs())
            } else {
                ("", i as u64)
            };
            Ok(Value::Str(PyStr::from(match name {
                "hex" => format!("{sign}0x{a:x}"),
                "bin" => format!("{sign}0b{a:b}"),
                _ => format!("{sign}0o{a:o}"),
            })))
        }
        "super" => interp.make_super(args),
        "globals" => {
            nargs(interp, "globals", &args, 0, 0)?;
            Ok(Value::Dict(interp.current_globals().as_dict()))
        }
        "locals" => {
            nargs(interp, "locals", &args, 0, 0)?;
            interp.current_locals()
        }
        "vars" => {
            nargs(interp, "vars", &args, 1, 1)?;
            interp.get_attr(&args[0], "__dict__")
        }
        "dir" => {
            nargs(interp, "dir", &args, 1, 1)?;
            let mut names: Vec<String> = match &args[0] {
                Value::Instance(i) => {
                    let mut n: Vec<String> = i
                        .attrs
                        .borrow()
                        .iter()
                        .map(|(k, _)| k.to_string())
                        .collect();
                    let dict = i.dict.borrow().clone();
                    if let Some(d) = dict {
                        let keys: Vec<Value> = d.entries().into_iter().map(|(k, _)| k).collect();
                        for k in keys {
                            if let Value::Str(s) = k {
                                n.push(s.to_string());
                            }
                        }
                    }
                    let mut c = Some(i.class());
                    while let Some(cls) = c {
                        n.extend(cls.attrs.borrow().iter().map(|(k, _)| k.to_string()));
                        c = cls.base.clone();
                    }
                    n
                }
                Value::Module(m) => m.entries().iter().map(|(k, _)| k.to_string()).collect(),
                Value::Class(c) => c
                    .attrs
                    .borrow()
                    .iter()
                    .map(|(k, _)| k.to_string())
                    .collect(),
                _ => Vec::new(),
            };
            names.sort();
            names.dedup();
            Ok(Value::list(
                names
                    .into_iter()
                    .map(|s| Value::Str(PyStr::from(s)))
                    .collect(),
            ))
        }
        _ => Err(interp.exc("NameError", &format!("name '{name}' is not defined"))),
    }
}

/// Calls a builtin type as a constructor: `int("3")`, `list(x)`, `type(x)`, ...
pub fn construct(interp: &Interp, t: TypeKind, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let name = t.name();
    match t {
        TypeKind::Int => {
            nargs(interp, "int", &args, 0, 2)?;
            let base = match args.get(1).cloned().or_else(|| kwarg(&kw, "base")) {
                Some(b) => Some(int_arg(interp, &b, "")?),
                None => None,
            };
            match (args.first(), base) {
                (None, _) => Ok(Value::Int(0)),
                (Some(Value::Int(i)), None) => Ok(Value::Int(*i)),
                (Some(Value::Big(_)), None) => Ok(args[0].clone()),
                (Some(Value::Bool(b)), None) => Ok(Value::Int(*b as i64)),
                (Some(Value::Float(f)), None) => {
                    if f.is_nan() {
                        return Err(interp.exc("ValueError", "cannot convert float NaN to integer"));
                    }
                    if f.is_infinite() {
                        return Err(interp.exc("OverflowError", "cannot convert float infinity to integer"));
                    }
                    Ok(crate::bigint::from_f64(*f))
                }
                (Some(Value::Str(s)), b) => {
                    let base = b.unwrap_or(10);
                    if base != 0 && !(2..=36).contains(&base) {
                        return Err(interp.exc("ValueError", "int() base must be >= 2 and <= 36, or 0"));
                    }
                    let parsed = if base == 0 {
                        crate::bigint::parse_int_base0(s)
                    } else {
                        crate::bigint::parse_int(s, base as u32)
                    };
                    parsed.map_err(|e| match e {
                        crate::bigint::ParseError::Invalid => {
                            // CPython shows at most 200 characters of the text.
                            let shown: String = s.chars().take(200).collect();
                            interp.exc("ValueError", &format!("invalid literal for int() with base {base}: {}", str_repr(&shown)))
                        }
                        crate::bigint::ParseError::TooManyDigits(n) => interp.exc(
                            "ValueError",
                            &crate::bigint::from_str_limit_message(crate::bigint::max_str_digits(), n),
                        ),
                    })
                }
                (Some(Value::Instance(inst)), None) if inst.class().lookup("__int__").is_some() => {
                    let f = inst.class().lookup("__int__").expect("checked");
                    interp.call(&f, vec![args[0].clone()], Vec::new())
                }
                (Some(other), _) => Err(interp.type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    other.type_name()
                ))),
            }
        }
        TypeKind::Float => {
            nargs(interp, "float", &args, 0, 1)?;
            match args.first() {
                None => Ok(Value::Float(0.0)),
                Some(Value::Float(f)) => Ok(Value::Float(*f)),
                Some(Value::Int(i)) => Ok(Value::Float(*i as f64)),
                Some(Value::Big(b)) => crate::bigint::to_f64(b)
                    .map(Value::Float)
                    .ok_or_else(|| interp.int_too_large_for_float()),
                Some(Value::Bool(b)) => Ok(Value::Float(*b as i64 as f64)),
                Some(Value::Str(s)) => {
                    let t = s.trim().to_ascii_lowercase().replace('_', "");
                    let v = match t.as_str() {
                        "inf" | "+inf" | "infinity" | "+infinity" => Some(f64::INFINITY),
                        "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                        "nan" | "+nan" | "-nan" => Some(f64::NAN),
                        _ if t.chars().all(|c| c.is_ascii_digit() || "+-.e".contains(c)) => {
                            t.parse::<f64>().ok()
                        }
                        _ => None,
                    };
                    v.map(Value::Float).ok_or_else(|| {
                        interp.exc(
                            "ValueError",
                            &format!("could not convert string to float: {}", str_repr(s)),
                        )
                    })
                }
                Some(v @ Value::Instance(inst)) if inst.class().lookup("__float__").is_some() => {
                    let r =
                        interp.call_method(v, &Rc::from("__float__"), Vec::new(), Vec::new())?;
                    match r {
                        Value::Float(_) => Ok(r),
                        other => Err(interp.type_error(format!(
                            "{}.__float__ returned non-float (type {})",
                            inst.class().name,
                            other.type_name()
                        ))),
                    }
                }
                Some(other) => Err(interp.type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    other.type_name()
                ))),
            }
        }
        TypeKind::Str
            if args.len() > 1
                || kw
                    .iter()
                    .any(|(k, _)| &**k == "encoding" || &**k == "errors") =>
        {
            interp.str_from_bytes(&args, &kw)
        }
        TypeKind::Bytes | TypeKind::ByteArray => interp.construct_bytes(t, args, kw),
        TypeKind::Complex => interp.construct_complex(args, kw),
        TypeKind::Str => {
            nargs(interp, "str", &args, 0, 1)?;
            match args.first() {
                None => Ok(Value::str("")),
                Some(v) => Ok(Value::Str(PyStr::from(interp.to_str(v)?))),
            }
        }
        TypeKind::Bool => {
            nargs(interp, "bool", &args, 0, 1)?;
            match args.first() {
                None => Ok(Value::Bool(false)),
                Some(v) => Ok(Value::Bool(interp.truthy(v)?)),
            }
        }
        TypeKind::List => {
            nargs(interp, "list", &args, 0, 1)?;
            match args.first() {
                None => Ok(Value::list(Vec::new())),
                Some(v) => Ok(Value::list(interp.collect(v)?)),
            }
        }
        TypeKind::Tuple => {
            nargs(interp, "tuple", &args, 0, 1)?;
            match args.first() {
                None => Ok(Value::tuple(Vec::new())),
                Some(Value::Tuple(t)) => Ok(Value::Tuple(t.clone())),
                Some(v) => Ok(Value::tuple(interp.collect(v)?)),
            }
        }
        TypeKind::Dict => {
            nargs(interp, "dict", &args, 0, 1)?;
            let mut d = PyDict::new();
            if let Some(src) = args.first() {
                dict_update(interp, &mut d, src)?;
            }
            for (k, v) in kw {
                d.insert_str(PyStr::from(k), v);
            }
            Ok(Value::dict(d))
        }
        TypeKind::Set | TypeKind::FrozenSet => {
            let frozen = t == TypeKind::FrozenSet;
            nargs(interp, t.name(), &args, 0, 1)?;
            // `frozenset(fs)` is `fs` itself, as in CPython.
            if let (true, Some(v @ Value::Set(s))) = (frozen, args.first()) {
                if s.frozen {
                    return Ok(v.clone());
                }
            }
            let mut d = PyDict::new();
            if let Some(src) = args.first() {
                for v in interp.collect(src)? {
                    let hk = interp.dict_key(&d, &v)?;
                    d.insert(hk, v, Value::None);
                }
            }
            Ok(if frozen {
                Value::frozenset(d)
            } else {
                Value::set(d)
            })
        }
        TypeKind::Range => {
            nargs(interp, "range", &args, 1, 3)?;
            let mut n = Vec::new();
            for a in &args {
                n.push(match a {
                    Value::Big(b) => (**b).clone(),
                    _ => num_bigint::BigInt::from(int_arg(interp, a, "")?),
                });
            }
            let one = num_bigint::BigInt::from(1);
            let mut n = n.into_iter();
            let (start, stop, step) = match args.len() {
                1 => (0.into(), n.next().expect("1"), one),
                2 => (n.next().expect("2"), n.next().expect("2"), one),
                _ => (
                    n.next().expect("3"),
                    n.next().expect("3"),
                    n.next().expect("3"),
                ),
            };
            if num_traits::Zero::is_zero(&step) {
                return Err(interp.exc("ValueError", "range() arg 3 must not be zero"));
            }
            Ok(Value::Range(Rc::new(RangeObj::from_big(start, stop, step))))
        }
        TypeKind::Type => {
            nargs(interp, "type", &args, 1, 1)?;
            Ok(match &args[0] {
                Value::Instance(i) => Value::Class(i.class()),
                other => Value::Type(other.type_kind()),
            })
        }
        TypeKind::Object => {
            nargs(interp, "object", &args, 0, 0)?;
            let cls = interp.object_class.borrow().clone().expect("object class");
            Ok(Value::Instance(interp.new_instance_raw(&cls)))
        }
        _ => Err(interp.type_error(format!("cannot create '{name}' instances"))),
    }
}

fn dict_update(interp: &Interp, d: &mut PyDict, src: &Value) -> PyResult<()> {
    if let Value::Dict(other) = src {
        let items: Vec<(Value, Value)> = other.entries();
        for (k, v) in items {
            let hk = interp.dict_key(&*d, &k)?;
            d.insert(hk, k, v);
        }
        return Ok(());
    }
    // A mapping (an object with `keys()`, such as `collections.defaultdict`): its keys and
    // `obj[key]`, as CPython's `dict(mapping)`.
    if let Value::Instance(inst) = src {
        if inst.class().lookup("keys").is_some() {
            let keys = interp.call_method(src, &Rc::from("keys"), Vec::new(), Vec::new())?;
            for k in interp.collect(&keys)? {
                let v = interp.get_item(src, &k)?;
                let hk = interp.dict_key(&*d, &k)?;
                d.insert(hk, k, v);
            }
            return Ok(());
        }
    }
    for item in interp.collect(src)? {
        let pair = interp.collect(&item)?;
        if pair.len() != 2 {
            return Err(interp.exc(
                "ValueError",
                &format!(
                    "dictionary update sequence element has length {}; 2 is required",
                    pair.len()
                ),
            ));
        }
        let mut it = pair.into_iter();
        let (k, v) = (it.next().expect("2"), it.next().expect("2"));
        let hk = interp.dict_key(&*d, &k)?;
        d.insert(hk, k, v);
    }
    Ok(())
}

const LIST_METHODS: &[&str] = &[
    "append", "pop", "insert", "remove", "sort", "clear", "extend", "index", "count", "reverse",
    "copy",
];
const DICT_METHODS: &[&str] = &[
    "keys",
    "values",
    "items",
    "get",
    "pop",
    "clear",
    "update",
    "setdefault",
    "copy",
    "popitem",
];
const STR_METHODS: &[&str] = &[
    "join",
    "split",
    "strip",
    "lstrip",
    "rstrip",
    "upper",
    "lower",
    "startswith",
    "endswith",
    "replace",
    "find",
    "rfind",
    "rindex",
    "count",
    "index",
    "format",
    "isdigit",
    "isalpha",
    "isspace",
    "isalnum",
    "isupper",
    "islower",
    "title",
    "capitalize",
    "splitlines",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "partition",
    "rsplit",
];
/// The methods of `set` that `frozenset` does not have.
const SET_MUTATORS: &[&str] = &[
    "add",
    "remove",
    "discard",
    "pop",
    "clear",
    "update",
    "difference_update",
    "intersection_update",
    "symmetric_difference_update",
];

const SET_METHODS: &[&str] = &[
    "add",
    "difference_update",
    "intersection_update",
    "symmetric_difference_update",
    "remove",
    "discard",
    "pop",
    "clear",
    "update",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "copy",
    "issubset",
    "issuperset",
    "isdisjoint",
];
const TUPLE_METHODS: &[&str] = &["count", "index"];

/// Whether a builtin-typed value has a native method of this name.
pub fn has_method(v: &Value, name: &str) -> bool {
    match v {
        Value::List(_) => LIST_METHODS.contains(&name),
        Value::Dict(_) => DICT_METHODS.contains(&name),
        Value::Set(s) if s.frozen => SET_METHODS.contains(&name) && !SET_MUTATORS.contains(&name),
        Value::Set(_) => SET_METHODS.contains(&name),
        Value::Str(_) => STR_METHODS.contains(&name) || name == "encode",
        Value::Bytes(_) | Value::ByteArray(_) => crate::interp::bytes::has_bytes_method(v, name),
        _ if crate::interp::complex::has_number_method(v, name) => true,
        Value::Int(_) | Value::Big(_) if name == "to_bytes" => true,
        Value::Tuple(_) => TUPLE_METHODS.contains(&name),
        Value::Float(_) => name == "is_integer" || name == "as_integer_ratio",
        Value::Int(_) | Value::Big(_) => name == "bit_length" || name == "as_integer_ratio",
        Value::Gen(g) if g.is_coroutine() => crate::interp::generator::CORO_METHODS.contains(&name),
        Value::Gen(_) => crate::interp::generator::GEN_METHODS.contains(&name),
        Value::Iter(_) => name == "__next__" || name == "__iter__",
        _ => false,
    }
}

fn str_arg<'a>(interp: &Interp, v: Option<&'a Value>, meth: &str) -> PyResult<&'a PyStr> {
    match v {
        Some(Value::Str(s)) => Ok(s),
        Some(other) => Err(interp.type_error(format!(
            "{meth}() argument must be str, not {}",
            other.type_name()
        ))),
        None => Err(interp.type_error(format!("{meth}() takes at least 1 argument (0 given)"))),
    }
}

/// Calls a native method of a builtin type.
pub fn call_method(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    kw: Kw,
) -> PyResult<Value> {
    match recv {
        Value::List(l) => list_method(interp, l, name, args, kw),
        Value::Dict(d) => dict_method(interp, d, name, args, kw),
        Value::Set(_) if crate::interp::setargs::handles(name, args.len()) => {
            interp.set_varargs(recv, name, args)
        }
        Value::Set(d) => set_method(interp, recv, d, name, args),
        Value::Str(s) if name == "encode" => interp.str_encode(s, &args, &kw),
        Value::Str(s) => str_method(interp, s, name, args, kw),
        Value::Bytes(_) | Value::ByteArray(_) => interp.bytes_method(recv, name, args, kw),
        _ if crate::interp::complex::has_number_method(recv, name) => {
            interp.number_method(recv, name, &args)
        }
        Value::Int(_) | Value::Big(_) if name == "to_bytes" => {
            interp.bytes_method(recv, name, args, kw)
        }
        Value::Tuple(t) => {
            let items = t.items.to_vec();
            seq_count_index(interp, &items, name, &args, "tuple")
        }
        Value::Gen(g) => interp.gen_method(g, name, args),
        Value::Iter(o) if name == "__next__" => match interp.iterobj_next(o)? {
            Some(v) => Ok(v),
            None => Err(interp.exc_with("StopIteration", vec![])),
        },
        Value::Iter(_) if name == "__iter__" => Ok(recv.clone()),
        Value::Float(f) if name == "is_integer" => Ok(Value::Bool(f.fract() == 0.0)),
        Value::Int(i) if name == "bit_length" => {
            Ok(Value::Int(64 - i.unsigned_abs().leading_zeros() as i64))
        }
        Value::Big(b) if name == "bit_length" => Ok(Value::Int(b.bits() as i64)),
        Value::Int(_) | Value::Big(_) if name == "as_integer_ratio" => {
            nargs(interp, name, &args, 0, 0)?;
            Ok(Value::tuple(vec![recv.clone(), Value::Int(1)]))
        }
        Value::Float(f) if name == "as_integer_ratio" => {
            nargs(interp, name, &args, 0, 0)?;
            float_integer_ratio(interp, *f)
        }
        _ => Err(interp.exc(
            "AttributeError",
            &format!("'{}' object has no attribute '{name}'", recv.type_name()),
        )),
    }
}

/// `pow(base, exp, mod)` for integers: `base**exp % mod` without the power, a negative `exp`
/// through the inverse of `base` modulo `mod`, as CPython's.
fn modular_pow(interp: &Interp, base: &Value, exp: &Value, m: &Value) -> PyResult<Value> {
    use num_bigint::BigInt;
    use num_traits::{One, Signed, Zero};
    let (Some(b), Some(e), Some(m)) = (
        crate::bigint::to_big(base),
        crate::bigint::to_big(exp),
        crate::bigint::to_big(m),
    ) else {
        if [base, exp, m]
            .iter()
            .any(|v| matches!(v, Value::Complex(_)))
        {
            return Err(interp.exc("ValueError", "complex modulo"));
        }
        return Err(interp.type_error(
            "pow() 3rd argument not allowed unless all arguments are integers".into(),
        ));
    };
    if m.is_zero() {
        return Err(interp.exc("ValueError", "pow() 3rd argument cannot be 0"));
    }
    let b = if e.is_negative() {
        // The inverse of b modulo |m| (extended Euclid).
        let modulus = m.abs();
        let ext = num_integer::Integer::extended_gcd(
            &num_integer::Integer::mod_floor(&b, &modulus),
            &modulus,
        );
        if !ext.gcd.is_one() {
            return Err(interp.exc("ValueError", "base is not invertible for the given modulus"));
        }
        ext.x
    } else {
        b
    };
    let r: BigInt = b.modpow(&e.abs(), &m);
    Ok(crate::bigint::normalize(r))
}

/// `float.as_integer_ratio()`: the exact fraction in lowest terms, positive denominator.
fn float_integer_ratio(interp: &Interp, f: f64) -> PyResult<Value> {
    use num_bigint::BigInt;
    if f.is_nan() {
        return Err(interp.exc("ValueError", "cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(interp.exc("OverflowError", "cannot convert Infinity to integer ratio"));
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    // f == mant * 2**e exactly.
    let (mut mant, mut e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    if mant == 0 {
        e = 0;
    }
    while mant != 0 && mant & 1 == 0 && e < 0 {
        mant >>= 1;
        e += 1;
    }
    let mut num = BigInt::from(mant);
    let mut den = BigInt::from(1);
    if e >= 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    if f.is_sign_negative() {
        num = -num;
    }
    Ok(Value::tuple(vec![
        crate::bigint::normalize(num),
        crate::bigint::normalize(den),
    ]))
}

fn seq_count_index(
    interp: &Interp,
    items: &[Value],
    name: &str,
    args: &[Value],
    what: &str,
) -> PyResult<Value> {
    nargs(interp, name, args, 1, 1)?;
    if name == "count" {
        let mut n = 0;
        for x in items {
            if same_or_eq(interp, x, &args[0])? {
                n += 1;
            }
        }
        return Ok(Value::Int(n));
    }
    for (i, x) in items.iter().enumerate() {
        if same_or_eq(interp, x, &args[0])? {
            return Ok(Value::Int(i as i64));
        }
    }
    if what == "list" {
        Err(interp.exc(
            "ValueError",
            &format!("{} is not in list", interp.repr(&args[0])?),
        ))
    } else {
        Err(interp.exc("ValueError", "tuple.index(x): x not in tuple"))
    }
}

/// Item `i` of a list, if it has one now.
fn list_item(l: &Cc<ListObj>, i: usize) -> Option<Value> {
    l.items.borrow().get(i).cloned()
}

/// CPython's `PyObject_RichCompareBool(a, b, Py_EQ)`: identity first, then `==`.
fn same_or_eq(interp: &Interp, a: &Value, b: &Value) -> PyResult<bool> {
    Ok(crate::interp::is_same(a, b) || interp.eq(a, b)?)
}

fn list_method(
    interp: &Interp,
    l: &Cc<ListObj>,
    name: &str,
    args: Vec<Value>,
    kw: Kw,
) -> PyResult<Value> {
    match name {
        "append" => {
            nargs(interp, "list.append", &args, 1, 1)?;
            l.items.borrow_mut().extend(args);
            Ok(Value::None)
        }
        "extend" => {
            nargs(interp, "list.extend", &args, 1, 1)?;
            let extra = interp.collect(&args[0])?;
            l.items.borrow_mut().extend(extra);
            Ok(Value::None)
        }
        "insert" => {
            nargs(interp, "insert", &args, 2, 2)?;
            let i = int_arg(interp, &args[0], "")?;
            let mut items = l.items.borrow_mut();
            let n = items.len() as i64;
            let idx = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
            items.insert(idx, args[1].clone());
            Ok(Value::None)
        }
        "pop" => {
            nargs(interp, "pop", &args, 0, 1)?;
            let n = l.items.borrow().len();
            if n == 0 {
                return Err(interp.exc("IndexError", "pop from empty list"));
            }
            let i = match args.first() {
                Some(v) => int_arg(interp, v, "")?,
                None => -1,
            };
            let idx = if i < 0 { i + n as i64 } else { i };
            if idx < 0 || idx >= n as i64 {
                return Err(interp.exc("IndexError", "pop index out of range"));
            }
            // Checked again under the borrow: the length was read before anything that could
            // have run script code.
            let v = {
                let mut items = l.items.borrow_mut();
                ((idx as usize) < items.len()).then(|| items.remove(idx as usize))
            };
            v.ok_or_else(|| interp.exc("IndexError", "pop index out of range"))
        }
        "remove" => {
            nargs(interp, "list.remove", &args, 1, 1)?;
            // As CPython: each item is read again after the comparison before it (which can
            // change the list), and the one found is removed at its index then.
            let mut i = 0;
            while let Some(x) = list_item(l, i) {
                if same_or_eq(interp, &x, &args[0])? {
                    let old = {
                        let mut it = l.items.borrow_mut();
                        (i < it.len()).then(|| it.remove(i))
                    };
                    drop(old);
                    return Ok(Value::None);
                }
                i += 1;
            }
            Err(interp.exc("ValueError", "list.remove(x): x not in list"))
        }
        "clear" => {
            let old = std::mem::take(&mut *l.items.borrow_mut());
            drop(old);
            Ok(Value::None)
        }
        "sort" => {
            let items = std::mem::take(&mut *l.items.borrow_mut());
            let rev = kwarg(&kw, "reverse").is_some_and(|v| v.truthy_simple());
            // As in CPython the list is empty while it is being sorted.
            let r = sort_values(interp, items.clone(), kwarg(&kw, "key").as_ref(), rev);
            let modified = !l.items.borrow().is_empty();
            let (result, new) = match r {
                Ok(sorted) if !modified => (Ok(Value::None), sorted),
                Ok(_) => (
                    Err(interp.exc("ValueError", "list modified during sort")),
                    items,
                ),
                Err(e) => (Err(e), items),
            };
            let old = std::mem::replace(&mut *l.items.borrow_mut(), new);
            drop(old);
            result
        }
        "reverse" => {
            l.items.borrow_mut().reverse();
            Ok(Value::None)
        }
        "copy" => {
            // Clone the items out first: the new list's allocation can start a collection that
            // runs script code (a `gc.callbacks` callback, a `__del__`) mutating this list.
            let items = l.items.borrow().clone();
            Ok(Value::list(items))
        }
        "index" | "count" => {
            nargs(interp, name, &args, 1, 1)?;
            // Item by item, read again after each comparison, as CPython.
            let mut n = 0;
            let mut i = 0;
            while let Some(x) = list_item(l, i) {
                if same_or_eq(interp, &x, &args[0])? {
                    if name == "index" {
                        return Ok(Value::Int(i as i64));
                    }
                    n += 1;
                }
                i += 1;
            }
            if name == "count" {
                return Ok(Value::Int(n));
            }
            Err(interp.exc(
                "ValueError",
                &format!("{} is not in list", interp.repr(&args[0])?),
            ))
        }
        _ => Err(interp.exc(
            "AttributeError",
            &format!("'list' object has no attribute '{name}'"),
        )),
    }
}

/// The keys, values or `(key, value)` tuples of `d` as a new list (what a dict view iterates
/// over). They are copied out before the list is allocated: the allocation can run script
/// code that mutates the dict.
pub(crate) fn dict_snapshot(d: &Cc<DictObj>, which: &str) -> Value {
    match which {
        "keys" => {
            let keys: Vec<Value> = d.map.borrow().iter().map(|(k, _)| k.clone()).collect();
            Value::list(keys)
        }
        "values" => {
            let values: Vec<Value> = d.map.borrow().iter().map(|(_, v)| v.clone()).collect();
            Value::list(values)
        }
        _ => {
            let pairs: Vec<(Value, Value)> = d.entries();
            Value::list(
                pairs
                    .into_iter()
                    .map(|(k, v)| Value::tuple(vec![k, v]))
                    .collect(),
            )
        }
    }
}

fn dict_method(
    interp: &Interp,
    d: &Cc<DictObj>,
    name: &str,
    args: Vec<Value>,
    kw: Kw,
) -> PyResult<Value> {
    match name {
        // Live views, written in Python over `dict_snapshot` (`stdlib/_dictviews.py`).
        "keys" | "values" | "items" => {
            nargs(interp, &format!("dict.{name}"), &args, 0, 0)?;
            let views = interp.import("_dictviews")?;
            let class = interp.get_attr(&views, &format!("dict_{name}"))?;
            interp.call(&class, vec![Value::Dict(d.clone())], Vec::new())
        }
        "get" => {
            nargs(interp, "get", &args, 1, 2)?;
            let hk = interp.dict_key(&d.map, &args[0])?;
            let found = d.map.borrow().get(&hk).cloned();
            Ok(found.unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
        }
        "pop" => {
            nargs(interp, "pop", &args, 1, 2)?;
            let hk = interp.dict_key(&d.map, &args[0])?;
            let removed = d.map.borrow_mut().remove(&hk);
            match removed {
                Some((_, v)) => Ok(v),
                None => match args.get(1) {
                    Some(dv) => Ok(dv.clone()),
                    None => Err(interp.exc_with("KeyError", vec![args[0].clone()])),
                },
            }
        }
        "popitem" => {
            let last = d.map.borrow_mut().pop_last();
            match last {
                Some((k, v)) => Ok(Value::tuple(vec![k, v])),
                None => Err(interp.exc("KeyError", "popitem(): dictionary is empty")),
            }
        }
        "setdefault" => {
            nargs(interp, "setdefault", &args, 1, 2)?;
            let hk = interp.dict_key(&d.map, &args[0])?;
            let found = d.map.borrow().get(&hk).cloned();
            match found {
                Some(v) => Ok(v),
                None => {
                    let dv = args.get(1).cloned().unwrap_or(Value::None);
                    d.map.borrow_mut().insert(hk, args[0].clone(), dv.clone());
                    Ok(dv)
                }
            }
        }
        "clear" => {
            let old = d.map.borrow_mut().take_all();
            drop(old);
            Ok(Value::None)
        }
        "update" => {
            nargs(interp, "update", &args, 0, 1)?;
            if let Some(src) = args.first() {
                let mut tmp = PyDict::new();
                dict_update(interp, &mut tmp, src)?;
                let pairs = tmp.take_all();
                let mut old = Vec::new();
                for (k, v) in pairs {
                    let hk = interp.dict_key(&d.map, &k)?;
                    old.push(d.map.borrow_mut().insert(hk, k, v));
                }
                drop(old);
            }
            // `d.update(a=1)`: the keyword arguments after the positional mapping.
            let mut old = Vec::new();
            for (k, v) in kw {
                old.push(d.map.borrow_mut().insert_str(PyStr::from(&*k), v));
            }
            drop(old);
            Ok(Value::None)
        }
        "copy" => {
            let nd = d.map.borrow().duplicate();
            Ok(Value::dict(nd))
        }
        _ => Err(interp.exc(
            "AttributeError",
            &format!("'dict' object has no attribute '{name}'"),
        )),
    }
}

fn py_split_whitespace(s: &str, maxsplit: i64) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 >= maxsplit {
            out.push(rest.to_string());
            return out;
        }
        match rest.find(char::is_whitespace) {
            Some(i) => {
                out.push(rest[..i].to_string());
                rest = rest[i..].trim_start();
            }
            None => {
                out.push(rest.to_string());
                break;
            }
        }
    }
    out
}

/// The lines of `s` as `str.splitlines` cuts them: at `\n`, `\r\n`, `\r`, `\v`, `\f`,
/// `\x1c`-`\x1e`, `\x85`, `\u2028` and `\u2029`, with or without the line ends.
fn split_lines(s: &str, keep_ends: bool) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line_end, next) = match rest.char_indices().find(|&(_, c)| {
            matches!(
                c,
                '\n' | '\r'
                    | '\x0b'
                    | '\x0c'
                    | '\x1c'
                    | '\x1d'
                    | '\x1e'
                    | '\u{85}'
                    | '\u{2028}'
                    | '\u{2029}'
            )
        }) {
            None => (rest.len(), rest.len()),
            Some((i, '\r')) if rest[i + 1..].starts_with('\n') => (i, i + 2),
            Some((i, c)) => (i, i + c.len_utf8()),
        };
        let line = if keep_ends {
            &rest[..next]
        } else {
            &rest[..line_end]
        };
        rest = &rest[next..];
        Some(line)
    })
}

fn str_method(interp: &Interp, s: &PyStr, name: &str, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let strv = |x: String| Value::Str(PyStr::from(x));
    let strip_chars = |args: &[Value]| -> PyResult<Option<Vec<char>>> {
        match args.first() {
            None | Some(Value::None) => Ok(None),
            Some(Value::Str(c)) => Ok(Some(c.chars().collect())),
            Some(o) => Err(interp.type_error(format!(
                "{name} arg must be None or str, not {}",
                o.type_name()
            ))),
        }
    };
    Ok(match name {
        "join" => {
            nargs(interp, "str.join", &args, 1, 1)?;
            let items = interp.collect(&args[0])?;
            let mut parts = Vec::with_capacity(items.len());
            for (i, x) in items.iter().enumerate() {
                match x {
                    Value::Str(p) => parts.push(p.to_string()),
                    other => {
                        return Err(interp.type_error(format!(
                            "sequence item {i}: expected str instance, {} found",
                            other.type_name()
                        )))
                    }
                }
            }
            strv(parts.join(s))
        }
        "split" | "rsplit" => {
            let sep = args
                .first()
                .cloned()
                .or_else(|| kwarg(&kw, "sep"))
                .unwrap_or(Value::None);
            let maxsplit = match args.get(1).cloned().or_else(|| kwarg(&kw, "maxsplit")) {
                Some(v) => int_arg(interp, &v, "")?,
                None => -1,
            };
            let parts: Vec<String> = match &sep {
                Value::None => py_split_whitespace(s, if name == "split" { maxsplit } else { -1 }),
                Value::Str(sep) => {
                    if sep.is_empty() {
                        return Err(interp.exc("ValueError", "empty separator"));
                    }
                    if maxsplit < 0 {
                        s.split(&**sep).map(String::from).collect()
                    } else if name == "split" {
                        s.splitn(maxsplit as usize + 1, &**sep)
                            .map(String::from)
                            .collect()
                    } else {
                        let mut v: Vec<String> = s
                            .rsplitn(maxsplit as usize + 1, &**sep)
                            .map(String::from)
                            .collect();
                        v.reverse();
                        v
                    }
                }
                other => {
                    return Err(interp
                        .type_error(format!("must be str or None, not {}", other.type_name())))
                }
            };
            Value::list(parts.into_iter().map(strv).collect())
        }
        "splitlines" => {
            nargs(interp, "splitlines", &args, 0, 1)?;
            let keep = match args.first().cloned().or_else(|| kwarg(&kw, "keepends")) {
                Some(v) => interp.truthy(&v)?,
                None => false,
            };
            Value::list(split_lines(s, keep).map(|l| strv(l.to_string())).collect())
        }
        "strip" => match strip_chars(&args)? {
            None => strv(s.trim().to_string()),
            Some(cs) => strv(s.trim_matches(|c| cs.contains(&c)).to_string()),
        },
        "lstrip" => match strip_chars(&args)? {
            None => strv(s.trim_start().to_string()),
            Some(cs) => strv(s.trim_start_matches(|c| cs.contains(&c)).to_string()),
        },
        "rstrip" => match strip_chars(&args)? {
            None => strv(s.trim_end().to_string()),
            Some(cs) => strv(s.trim_end_matches(|c| cs.contains(&c)).to_string()),
        },
        "upper" => strv(s.to_uppercase()),
        "lower" => strv(s.to_lowercase()),
        "title" => {
            let mut out = String::new();
            let mut prev_alpha = false;
            for c in s.chars() {
                if prev_alpha {
                    out.extend(c.to_lowercase());
                } else {
                    out.extend(c.to_uppercase());
                }
                prev_alpha = c.is_alphabetic();
            }
            strv(out)
        }
        "capitalize" => {
            let mut cs = s.chars();
            match cs.next() {
                Some(f) => strv(
                    f.to_uppercase()
                        .chain(cs.flat_map(|c| c.to_lowercase()))
                        .collect(),
                ),
                None => strv(String::new()),
            }
        }
        "startswith" | "endswith" => {
            nargs(interp, name, &args, 1, 3)?;
            let pats: Vec<PyStr> = match &args[0] {
                Value::Str(p) => vec![p.clone()],
                Value::Tuple(t) => t
                    .items
                    .iter()
                    .filter_map(|x| {
                        if let Value::Str(p) = x {
                            Some(p.clone())
                        } else {
                            None
                        }
                    })
                    .collect(),
                other => {
                    return Err(interp.type_error(format!(
                        "{name} first arg must be str or a tuple of str, not {}",
                        other.type_name()
                    )))
                }
            };
            // With start/end: the test is on the slice s[start:end] (CPython also refuses a
            // window that starts past the end, even for an empty prefix).
            let (lo, hi) = str_window(interp, s, &args[1..])?;
            let Some((lo_b, hi_b)) = char_window_bytes(s, lo, hi) else {
                return Ok(Value::Bool(false));
            };
            let hay = &s[lo_b..hi_b];
            Value::Bool(pats.iter().any(|p| {
                if name == "startswith" {
                    hay.starts_with(&**p)
                } else {
                    hay.ends_with(&**p)
                }
            }))
        }
        "replace" => {
            nargs(interp, "replace", &args, 2, 3)?;
            let a = str_arg(interp, args.first(), "replace")?;
            let b = str_arg(interp, args.get(1), "replace")?;
            match args.get(2) {
                Some(n) => {
                    let n = int_arg(interp, n, "")?;
                    if n < 0 {
                        strv(s.replace(&**a, b))
                    } else {
                        strv(s.replacen(&**a, b, n as usize))
                    }
                }
                None => strv(s.replace(&**a, b)),
            }
        }
        "find" | "rfind" | "index" | "rindex" => {
            nargs(interp, name, &args, 1, 3)?;
            let sub = str_arg(interp, args.first(), name)?;
            let (lo, hi) = str_window(interp, s, &args[1..])?;
            let Some((lo_b, hi_b)) = char_window_bytes(s, lo, hi) else {
                return not_found(interp, name);
            };
            let hay = &s[lo_b..hi_b];
            let pos = if name.starts_with('r') {
                hay.rfind(&**sub)
            } else {
                hay.find(&**sub)
            };
            match pos {
                Some(b) => Value::Int((lo + hay[..b].chars().count()) as i64),
                None => return not_found(interp, name),
            }
        }
        "count" => {
            nargs(interp, "count", &args, 1, 3)?;
            let sub = str_arg(interp, args.first(), "count")?;
            let (lo, hi) = str_window(interp, s, &args[1..])?;
            match char_window_bytes(s, lo, hi) {
                None => Value::Int(0),
                Some((lo_b, hi_b)) if sub.is_empty() => {
                    Value::Int(s[lo_b..hi_b].chars().count() as i64 + 1)
                }
                Some((lo_b, hi_b)) => Value::Int(s[lo_b..hi_b].matches(&**sub).count() as i64),
            }
        }
        "partition" => {
            nargs(interp, "partition", &args, 1, 1)?;
            let sep = str_arg(interp, args.first(), "partition")?;
            match s.find(&**sep) {
                Some(i) => Value::tuple(vec![
                    strv(s[..i].to_string()),
                    Value::Str(sep.clone()),
                    strv(s[i + sep.len()..].to_string()),
                ]),
                None => Value::tuple(vec![Value::Str(s.clone()), Value::str(""), Value::str("")]),
            }
        }
        "isdigit" => Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())),
        "isalpha" => Value::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic)),
        "isalnum" => Value::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric)),
        "isspace" => Value::Bool(!s.is_empty() && s.chars().all(char::is_whitespace)),
        "isupper" => {
            Value::Bool(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase))
        }
        "islower" => {
            Value::Bool(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase))
        }
        "center" | "ljust" | "rjust" => {
            nargs(interp, name, &args, 1, 2)?;
            let w = int_arg(interp, &args[0], "")?.max(0);
            if w > crate::interp::MAX_MATERIALIZE {
                return Err(interp.exc("MemoryError", ""));
            }
            let w = w as usize;
            let fill = match args.get(1) {
                Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().expect("one"),
                Some(_) => {
                    return Err(interp.type_error(
                        "The fill character must be exactly one character long".into(),
                    ))
                }
                None => ' ',
            };
            let n = s.chars().count();
            if n >= w {
                Value::Str(s.clone())
            } else {
                let pad = w - n;
                let (l, r) = match name {
                    "ljust" => (0, pad),
                    "rjust" => (pad, 0),
                    _ => {
                        let l = pad / 2 + (pad & w & 1);
                        (l, pad - l)
                    }
                };
                strv(format!(
                    "{}{}{}",
                    fill.to_string().repeat(l),
                    s,
                    fill.to_string().repeat(r)
                ))
            }
        }
        "zfill" => {
            nargs(interp, "zfill", &args, 1, 1)?;
            let w = int_arg(interp, &args[0], "")?.max(0);
            if w > crate::interp::MAX_MATERIALIZE {
                return Err(interp.exc("MemoryError", ""));
            }
            let w = w as usize;
            let n = s.chars().count();
            if n >= w {
                Value::Str(s.clone())
            } else {
                let (sign, rest) = if s.starts_with('-') || s.starts_with('+') {
                    s.split_at(1)
                } else {
                    ("", &**s)
                };
                strv(format!("{sign}{}{rest}", "0".repeat(w - n)))
            }
        }
        "format" => strv(crate::format::str_format(interp, s, &args, &kw)?),
        _ => {
            return Err(interp.exc(
                "AttributeError",
                &format!("'str' object has no attribute '{name}'"),
            ))
        }
    })
}

fn set_method(
    interp: &Interp,
    recv: &Value,
    d: &Cc<SetObj>,
    name: &str,
    args: Vec<Value>,
) -> PyResult<Value> {
    use crate::ast::BinOp;
    let other = |interp: &Interp| -> PyResult<Value> {
        nargs(interp, name, &args, 1, 1)?;
        match &args[0] {
            Value::Set(_) => Ok(args[0].clone()),
            src => construct(interp, TypeKind::Set, vec![src.clone()], Vec::new()),
        }
    };
    let binop = |interp: &Interp, op: BinOp| -> PyResult<Value> {
        let o = other(interp)?;
        interp.binop(op, recv.clone(), o)
    };
    let cmp = |interp: &Interp, sym: &str, swap: bool| -> PyResult<Value> {
        let o = other(interp)?;
        let (a, b) = if swap { (&o, recv) } else { (recv, &o) };
        Ok(Value::Bool(interp.lt(a, b, sym)? || interp.eq(a, b)?))
    };
    if d.frozen && SET_MUTATORS.contains(&name) {
        return Err(interp.exc(
            "AttributeError",
            &format!("'frozenset' object has no attribute '{name}'"),
        ));
    }
    match name {
        "copy" if d.frozen => Ok(recv.clone()),
        "add" => {
            nargs(interp, "add", &args, 1, 1)?;
            let hk = interp.dict_key(&d.items, &args[0])?;
            let old = d
                .items
                .borrow_mut()
                .insert(hk, args[0].clone(), Value::None);
            drop(old);
            Ok(Value::None)
        }
        "remove" | "discard" => {
            nargs(interp, name, &args, 1, 1)?;
            let hk = interp.dict_key(&d.items, &args[0])?;
            let old = d.items.borrow_mut().remove(&hk);
            match old {
                Some(e) => {
                    drop(e);
                    Ok(Value::None)
                }
                None if name == "discard" => Ok(Value::None),
                None => Err(interp.exc_with("KeyError", vec![args[0].clone()])),
            }
        }
        "pop" => {
            let first = d.items.borrow().iter().next().map(|(k, _)| k.clone());
            match first {
                Some(k) => {
                    let hk = d.items.borrow().stored_hkey(&k);
                    let old = hk.and_then(|hk| d.items.borrow_mut().remove(&hk));
                    drop(old);
                    Ok(k)
                }
                None => Err(interp.exc("KeyError", "pop from an empty set")),
            }
        }
        "clear" => {
            let old = d.items.borrow_mut().take_all();
            drop(old);
            Ok(Value::None)
        }
        "update" => {
            let o = other(interp)?;
            let Value::Set(o) = o else {
                return Ok(Value::None);
            };
            let items: Vec<Value> = o.items.borrow().iter().map(|(k, _)| k.clone()).collect();
            let mut old = Vec::new();
            for k in items {
                let hk = interp.dict_key(&d.items, &k)?;
                old.push(d.items.borrow_mut().insert(hk, k, Value::None));
            }
            drop(old);
            Ok(Value::None)
        }
        "copy" => {
            let nd = d.items.borrow().duplicate();
            Ok(Value::set(nd))
        }
        // As CPython's: the difference and the symmetric difference change the set in place
        // (its table, so its iteration order, stays); the intersection is made anew and
        // takes the set's place.
        "intersection_update" => {
            if let Value::Set(r) = binop(interp, BinOp::BitAnd)? {
                let items = r.items.borrow().duplicate();
                let old = std::mem::replace(&mut *d.items.borrow_mut(), items);
                drop(old);
            }
            Ok(Value::None)
        }
        "difference_update" | "symmetric_difference_update" => {
            let Value::Set(o) = other(interp)? else {
                return Ok(Value::None);
            };
            let items: Vec<Value> = o.items.borrow().iter().map(|(k, _)| k.clone()).collect();
            let mut old = Vec::new();
            for k in items {
                let hk = interp.dict_key(&d.items, &k)?;
                let removed = d.items.borrow_mut().remove(&hk);
                match removed {
                    Some(e) => old.push(e),
                    None if name == "symmetric_difference_update" => {
                        let hk = interp.dict_key(&d.items, &k)?;
                        let replaced = d.items.borrow_mut().insert(hk, k, Value::None);
                        drop(replaced);
                    }
                    None => {}
                }
            }
            drop(old);
            Ok(Value::None)
        }
        "union" => binop(interp, BinOp::BitOr),
        "intersection" => binop(interp, BinOp::BitAnd),
        "difference" => binop(interp, BinOp::Sub),
        "symmetric_difference" => binop(interp, BinOp::BitXor),
        "issubset" => cmp(interp, "<=", false),
        "issuperset" => cmp(interp, ">=", true),
        "isdisjoint" => {
            let o = other(interp)?;
            let both = interp.binop(BinOp::BitAnd, recv.clone(), o)?;
            Ok(Value::Bool(!both.truthy_simple()))
        }
        _ => Err(interp.exc(
            "AttributeError",
            &format!("'set' object has no attribute '{name}'"),
        )),
    }
}
