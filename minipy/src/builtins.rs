//! Installing the builtins, the constructors of the builtin types, and the helpers the
//! builtin functions and methods share (`len`, `isinstance`, sorting). The functions and
//! the methods themselves are in the tables of [`crate::types`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gc_core::Cc;

use crate::interp::{Interp, PyResult};
use crate::stdlib::native;
use crate::value::*;

use crate::types::{kwarg, Arity, Kw};

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

/// The builtins of an interpreter (its `builtins`): the names of module `builtins`, and the
/// builtin classes the evaluator needs by identity. Filled when the interpreter is made: the
/// classes `object`, `super` and the exceptions by `Interp::new` (interp.rs), the functions and
/// types by [`install`], the descriptor classes by `Interp::install_descriptors`
/// (interp/descr.rs). Later only names change: the REPL's `_` (`Interp::display`) and
/// [`Interpreter::register_fn`](crate::Interpreter::register_fn).
pub(crate) struct Builtins {
    /// The builtin names (looked up on every global miss: hashed with the fast name hasher).
    pub(crate) names: RefCell<NameMap<Value>>,
    /// The builtin exception classes by name.
    pub(crate) exc_classes: RefCell<HashMap<&'static str, Cc<Class>>>,
    /// The class of `object()` instances.
    pub(crate) object_class: RefCell<Option<Cc<Class>>>,
    /// The class of `super()` proxies.
    pub(crate) super_class: RefCell<Option<Cc<Class>>>,
    /// The descriptor classes `property`, `staticmethod` and `classmethod`, in that order (see
    /// interp/descr.rs).
    pub(crate) descr: RefCell<Vec<Cc<Class>>>,
}

impl Builtins {
    /// No names or classes yet.
    pub(crate) fn new() -> Builtins {
        Builtins {
            names: RefCell::new(Default::default()),
            exc_classes: RefCell::new(HashMap::new()),
            object_class: RefCell::new(None),
            super_class: RefCell::new(None),
            descr: RefCell::new(Vec::new()),
        }
    }
}

/// Installs the builtins into an interpreter.
pub fn install(interp: &Interp) {
    // Made before the table is borrowed: an allocation can start a collection.
    let mut site = quitters(interp);
    site.push(("help", helper(interp)));
    site.push(("open", io_function("open")));
    site.push(("input", io_function("input")));
    site.push(("NotImplemented", Value::NotImplemented));
    let mut b = interp.builtins.names.borrow_mut();
    for (name, v) in site {
        b.insert(Rc::from(name), v);
    }
    for f in crate::types::functions::TABLE.rows {
        b.insert(Rc::from(f.name), crate::types::functions::value(f));
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
        TypeKind::Slice,
        TypeKind::FrozenSet,
        TypeKind::Bytes,
        TypeKind::ByteArray,
        TypeKind::Type,
        TypeKind::Object,
    ] {
        b.insert(Rc::from(t.name()), Value::Type(t));
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

/// Checks the count of a constructor's positional arguments (one exact count as
/// `PyArg_ParseTuple`, a range as Argument Clinic reports it).
fn ctor_args(interp: &Interp, name: &str, args: &[Value], min: u8, max: u8) -> PyResult<()> {
    let arity = if min == max {
        Arity::Tuple(min, max)
    } else {
        Arity::Clinic(min, max)
    };
    crate::types::check_arity(interp, &|| name.to_string(), name, arity, args.len())
}

/// Calls a builtin type as a constructor: `int("3")`, `list(x)`, `type(x)`, ...
pub fn construct(interp: &Interp, t: TypeKind, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let name = t.name();
    match t {
        TypeKind::Int => {
            ctor_args(interp, "int", &args, 0, 2)?;
            let base = match args.get(1).cloned().or_else(|| kwarg(&kw, "base")) {
                Some(b) => Some(crate::types::args::clamped_index_arg(interp, &b)?),
                None => None,
            };
            match (args.first(), base) {
                (None, _) => Ok(Value::Int(0)),
                (Some(Value::Int(i)), None) => Ok(Value::Int(*i)),
                (Some(Value::Big(_)), None) => Ok(args[0].clone()),
                (Some(Value::Bool(b)), None) => Ok(Value::Int(*b as i64)),
                (Some(Value::Float(f)), None) => crate::types::args::float_to_int(interp, *f),
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
                // `__int__`, then `__index__` (`PyNumber_Long`).
                (Some(v @ Value::Instance(_)), None) => {
                    match crate::types::args::number_long(interp, v)? {
                        Some(n) => Ok(n),
                        None => Err(interp.type_error(format!(
                            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                            v.type_name()
                        ))),
                    }
                }
                (Some(v), Some(_)) if crate::interp::bytes::bytes_of(v).is_none() => Err(
                    interp.type_error("int() can't convert non-string with explicit base".into()),
                ),
                (Some(other), _) => Err(interp.type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    other.type_name()
                ))),
            }
        }
        TypeKind::Float => {
            ctor_args(interp, "float", &args, 0, 1)?;
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
            ctor_args(interp, "str", &args, 0, 1)?;
            match args.first() {
                None => Ok(Value::str("")),
                Some(v) => Ok(Value::Str(PyStr::from(interp.to_str(v)?))),
            }
        }
        TypeKind::Bool => {
            ctor_args(interp, "bool", &args, 0, 1)?;
            match args.first() {
                None => Ok(Value::Bool(false)),
                Some(v) => Ok(Value::Bool(interp.truthy(v)?)),
            }
        }
        TypeKind::List => {
            ctor_args(interp, "list", &args, 0, 1)?;
            match args.first() {
                None => Ok(Value::list(Vec::new())),
                Some(v) => Ok(Value::list(interp.collect(v)?)),
            }
        }
        TypeKind::Tuple => {
            ctor_args(interp, "tuple", &args, 0, 1)?;
            match args.first() {
                None => Ok(Value::tuple(Vec::new())),
                Some(Value::Tuple(t)) => Ok(Value::Tuple(t.clone())),
                Some(v) => Ok(Value::tuple(interp.collect(v)?)),
            }
        }
        TypeKind::Dict => {
            ctor_args(interp, "dict", &args, 0, 1)?;
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
            ctor_args(interp, t.name(), &args, 0, 1)?;
            // `frozenset(fs)` is `fs` itself, as in CPython.
            if let (true, Some(v @ Value::Set(s))) = (frozen, args.first()) {
                if s.frozen {
                    return Ok(v.clone());
                }
            }
            let mut d = PyDict::new();
            d.make_set();
            match args.first() {
                // As CPython's `set_update_internal`: a set is merged, a dict's keys are added
                // after one resize up front.
                Some(Value::Set(o)) if !o.items.borrow().has_user_keys() => {
                    d.merge_set(&o.items.borrow());
                }
                Some(src) => {
                    if let Value::Dict(m) = src {
                        d.reserve_set(m.map.borrow().len());
                    }
                    for v in interp.collect(src)? {
                        let hk = interp.dict_key(&d, &v)?;
                        d.insert(hk, v, Value::None);
                    }
                }
                None => {}
            }
            Ok(if frozen {
                Value::frozenset(d)
            } else {
                Value::set(d)
            })
        }
        TypeKind::Range => {
            ctor_args(interp, "range", &args, 1, 3)?;
            let mut n = Vec::new();
            for a in &args {
                n.push(crate::types::args::bigint_arg(interp, a)?);
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
        TypeKind::Slice => crate::types::slice::construct(interp, args, kw),
        TypeKind::Type => {
            ctor_args(interp, "type", &args, 1, 1)?;
            Ok(match &args[0] {
                Value::Instance(i) => Value::Class(i.class()),
                other => Value::Type(other.type_kind()),
            })
        }
        TypeKind::Object => {
            ctor_args(interp, "object", &args, 0, 0)?;
            let cls = interp
                .builtins
                .object_class
                .borrow()
                .clone()
                .expect("object class");
            Ok(Value::Instance(interp.new_instance_raw(&cls)))
        }
        _ => match crate::interp::combinatorics::CombKind::of_type(t) {
            Some(kind) => interp.combinatoric_new(kind, args, kw),
            None => Err(interp.type_error(format!("cannot create '{name}' instances"))),
        },
    }
}

pub(crate) fn dict_update(interp: &Interp, d: &mut PyDict, src: &Value) -> PyResult<()> {
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
