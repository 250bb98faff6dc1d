//! Type objects of the builtin types: one method table per type, and the table of the builtin
//! functions.
//!
//! A table is a list of [`Row`]s: a name, a parameter [`Spec`] and the Rust function. Calls
//! (`x.append(1)`, `len(x)`), attribute lookup (`x.append`, `hasattr`), `dir` and the
//! "no attribute" errors all resolve names through the tables, and the arguments are checked
//! once, here, from the row's spec, with CPython 3.11's messages. Adding a method is one row
//! in its type's table plus its function.
//!
//! Names are found through a small hash index made once per table (a [`OnceLock`]); a call
//! site that has a slot hint (`Expr::hint`) keeps the row's position there, so a method call
//! in a loop compares one name.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::OnceLock;

use crate::interp::{Interp, PyResult};
use crate::value::*;

/// Methods that test their receiver and return a bool (`str.isalpha`, `bytes.isdigit`, ...),
/// one line each: `name: |x| test;`, where `x` is what `get(interp, recv, name)?` returns.
/// They take no arguments (their rows' spec is `NOARGS`).
macro_rules! predicates {
    ($get:path; $($name:ident: |$x:ident| $test:expr;)*) => {$(
        fn $name(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
            let $x = $get(interp, recv, name)?;
            Ok(Value::Bool($test))
        }
    )*};
}
pub(crate) use predicates;

pub(crate) use args::{kwarg, ssize_arg};

pub(crate) mod args;
pub(crate) mod bytes;
pub(crate) mod dict;
pub(crate) mod functions;
pub(crate) mod generator;
pub(crate) mod iter;
pub(crate) mod list;
pub(crate) mod num;
pub(crate) mod protocol;
pub(crate) mod set;
pub(crate) mod slice;
pub(crate) mod str;
pub(crate) mod text;
pub(crate) mod tuple;

/// Keyword arguments as natives receive them.
pub(crate) type Kw = Vec<(Rc<str>, Value)>;

/// How many positional arguments a native takes, by CPython's calling conventions (each has
/// its own error message).
#[derive(Clone, Copy, Debug)]
pub enum Arity {
    /// None (`METH_NOARGS`): `list.clear() takes no arguments (1 given)`.
    NoArgs,
    /// Exactly one (`METH_O`): `list.append() takes exactly one argument (0 given)`.
    One,
    /// From `min` to `max`, checked as Argument Clinic does: `pop expected at most 1
    /// argument, got 2`, `insert expected 2 arguments, got 1`.
    Clinic(u8, u8),
    /// From `min` to `max`, checked as `PyArg_ParseTuple` does: `find() takes at least 1
    /// argument (0 given)`.
    Tuple(u8, u8),
    /// From `min` to `max` before keyword-only parameters (`sum`, `exec`): `sum() takes at
    /// least 1 positional argument (0 given)`. With [`Keywords::Named`], the first `min`
    /// parameters are positional-only (`sum(iterable, /, start=0)`,
    /// `bytes.translate(table, /, delete=b'')`): they cannot be named, and fewer than `min`
    /// positional arguments is this message even when keywords are given.
    Positional(u8, u8),
    /// None, the parameters being keyword-only (`list.sort`): `sort() takes no positional
    /// arguments`.
    NoPositional,
    /// Exactly this many, checked as CPython's slot wrappers check them (`list.__len__`,
    /// `dict.__setitem__`): `expected 1 argument, got 0`; the two-argument wrappers unpack
    /// their tuple with an empty function name, so their message starts with a space.
    Slot(u8),
    /// Any number: the function checks them itself (`print`, `zip`, `super`, ...).
    Any,
}

/// Which keyword arguments a native takes.
#[derive(Clone, Copy, Debug)]
pub enum Keywords {
    /// None: `list.append() takes no keyword arguments`.
    No,
    /// Keyword-only arguments of these names, left in the keyword list for the function;
    /// another name is `'x' is an invalid keyword argument for NAME()`, NAME being the
    /// second field (`sorted` reports itself as `sort`).
    Only(&'static [&'static str], &'static str),
    /// Parameters that may be given by position or by name (Argument Clinic's), the first
    /// `.1` of them required: keywords are put in their positions before the call. An
    /// optional parameter left out before one that is given is passed as `None` (which
    /// every such function takes as that parameter's default).
    Named(&'static [&'static str], u8),
    /// Any (the function reads them: `str.format`, `dict.update`, `str.encode`).
    Any,
}

/// The parameters of a native: its positional arity and its keywords.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// The positional arguments (for [`Keywords::Named`], after the keywords are placed).
    pub arity: Arity,
    /// The keyword arguments.
    pub keywords: Keywords,
}

impl Spec {
    /// Whether `n` positional arguments and no keywords fit this spec (the common case,
    /// checked before the full [`check_args`]).
    #[inline]
    pub fn fits(&self, n: usize) -> bool {
        let arity_fits = match self.arity {
            Arity::NoArgs | Arity::NoPositional => n == 0,
            Arity::One => n == 1,
            Arity::Slot(k) => n == k as usize,
            Arity::Clinic(min, max) | Arity::Tuple(min, max) | Arity::Positional(min, max) => {
                min as usize <= n && n <= max as usize
            }
            Arity::Any => true,
        };
        arity_fits
            && match self.keywords {
                Keywords::Named(params, required) => required as usize <= n && n <= params.len(),
                _ => true,
            }
    }
}

/// A spec without keywords.
pub const fn pos(arity: Arity) -> Spec {
    Spec {
        arity,
        keywords: Keywords::No,
    }
}

/// No arguments at all.
pub const NOARGS: Spec = pos(Arity::NoArgs);
/// Exactly one positional argument.
pub const ONE: Spec = pos(Arity::One);
/// Anything: the function checks.
pub const ANY: Spec = Spec {
    arity: Arity::Any,
    keywords: Keywords::Any,
};

/// A method of a builtin type: the receiver, the method's name (one function may serve
/// several rows, as `find` and `rfind`), the positional and the keyword arguments.
pub type MethodFn = fn(&Interp, &Value, &str, Vec<Value>, Kw) -> PyResult<Value>;

/// A builtin function: its name, the positional and the keyword arguments.
pub type FunctionFn = fn(&Interp, &str, Vec<Value>, Kw) -> PyResult<Value>;

/// One row of a table.
pub struct Row<F> {
    /// The name.
    pub name: &'static str,
    /// Its parameters.
    pub spec: Spec,
    /// The function.
    pub f: F,
}

/// A row of a type's method table.
pub type Method = Row<MethodFn>;
/// A row of the builtin functions' table.
pub type Function = Row<FunctionFn>;

/// A table row (shorthand used by the tables).
pub const fn row<F>(name: &'static str, spec: Spec, f: F) -> Row<F> {
    Row { name, spec, f }
}

/// A table: rows and the index of their names (made on first use).
pub struct Table<F: 'static> {
    /// The type's name (`list`), or `""` for the builtin functions; error messages give
    /// methods as `list.append`.
    pub name: &'static str,
    /// The rows.
    pub rows: &'static [Row<F>],
    index: OnceLock<Index>,
}

/// A hash index of a table's names: buckets of row positions, the hash being the length
/// and three bytes of the name (cheaper than a general hash for names this short; a bucket
/// rarely holds more than one row).
struct Index {
    /// `buckets[h]` is the range of `rows` of the names hashing to `h`.
    buckets: Vec<(u16, u16)>,
    /// Row positions, bucket after bucket.
    rows: Vec<u16>,
}

impl Index {
    fn new(names: &[&str]) -> Index {
        let n = (names.len() * 2).next_power_of_two().max(16);
        let mut lists: Vec<Vec<u16>> = vec![Vec::new(); n];
        for (i, name) in names.iter().enumerate() {
            lists[Self::hash(name, n)].push(i as u16);
        }
        let mut buckets = Vec::with_capacity(n);
        let mut rows = Vec::with_capacity(names.len());
        for l in lists {
            buckets.push((rows.len() as u16, l.len() as u16));
            rows.extend(l);
        }
        Index { buckets, rows }
    }

    #[inline]
    fn hash(name: &str, n: usize) -> usize {
        let b = name.as_bytes();
        let (first, mid, last) = match b {
            [] => (0, 0, 0),
            _ => (b[0], b[b.len() / 2], b[b.len() - 1]),
        };
        let h = b
            .len()
            .wrapping_mul(31)
            .wrapping_add(first as usize * 7)
            .wrapping_add(mid as usize * 13)
            .wrapping_add(last as usize);
        h & (n - 1)
    }
}

impl<F> Table<F> {
    /// A table of these rows.
    pub const fn new(name: &'static str, rows: &'static [Row<F>]) -> Self {
        Table {
            name,
            rows,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let names: Vec<&str> = self.rows.iter().map(|r| r.name).collect();
            Index::new(&names)
        })
    }

    /// The position of the row named `name`.
    #[inline]
    pub fn position(&self, name: &str) -> Option<usize> {
        let idx = self.index();
        let (start, len) = idx.buckets[Index::hash(name, idx.buckets.len())];
        idx.rows[start as usize..(start + len) as usize]
            .iter()
            .map(|&i| i as usize)
            .find(|&i| self.rows[i].name == name)
    }

    /// The row named `name`.
    pub fn get(&self, name: &str) -> Option<&'static Row<F>> {
        self.position(name).map(|i| &self.rows[i])
    }

    /// The row named `name`, trying first the position `hint` (a call site's slot cache)
    /// and keeping there the one found.
    pub fn get_hinted(&self, name: &str, hint: &Cell<u32>) -> Option<&'static Row<F>> {
        if let Some(r) = self.rows.get(hint.get() as usize) {
            if r.name == name {
                return Some(r);
            }
        }
        let i = self.position(name)?;
        hint.set(i as u32);
        Some(&self.rows[i])
    }

    /// The names, for `dir`.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        self.rows.iter().map(|r| r.name)
    }
}

/// A type's method table.
pub type Type = Table<MethodFn>;

/// The method table of a value's builtin type, if it has one.
pub fn type_of(v: &Value) -> Option<&'static Type> {
    Some(match v {
        Value::List(_) => &list::TYPE,
        Value::Dict(_) => &dict::TYPE,
        Value::Str(_) => &str::TYPE,
        Value::Set(s) if s.frozen => &set::FROZEN_TYPE,
        Value::Set(_) => &set::TYPE,
        Value::Tuple(_) => &tuple::TYPE,
        Value::Int(_) | Value::Big(_) => &num::INT_TYPE,
        Value::Float(_) => &num::FLOAT_TYPE,
        Value::Complex(_) => &num::COMPLEX_TYPE,
        Value::Bool(_) => &num::BOOL_TYPE,
        Value::Bytes(_) => &bytes::BYTES_TYPE,
        Value::ByteArray(_) => &bytes::BYTEARRAY_TYPE,
        Value::Iter(_) => &iter::TYPE,
        Value::Slice(_) => &slice::TYPE,
        Value::Gen(g) if g.is_coroutine() => &generator::CORO_TYPE,
        Value::Gen(_) => &generator::GEN_TYPE,
        _ => return None,
    })
}

/// The method table of a builtin type.
pub fn kind_table(t: TypeKind) -> Option<&'static Type> {
    Some(match t {
        TypeKind::List => &list::TYPE,
        TypeKind::Dict => &dict::TYPE,
        TypeKind::Str => &str::TYPE,
        TypeKind::Set => &set::TYPE,
        TypeKind::FrozenSet => &set::FROZEN_TYPE,
        TypeKind::Tuple => &tuple::TYPE,
        TypeKind::Int => &num::INT_TYPE,
        TypeKind::Bool => &num::BOOL_TYPE,
        TypeKind::Float => &num::FLOAT_TYPE,
        TypeKind::Complex => &num::COMPLEX_TYPE,
        TypeKind::Bytes => &bytes::BYTES_TYPE,
        TypeKind::ByteArray => &bytes::BYTEARRAY_TYPE,
        TypeKind::Slice => &slice::TYPE,
        _ => return None,
    })
}

/// The class methods of the builtin types: rows of the type's table whose function receives
/// the class (the type itself or a class deriving from it) as its receiver. The static
/// methods (`str.maketrans`, `bytes.maketrans`) are listed too: their functions ignore it.
const CLASS_METHODS: &[(TypeKind, &str)] = &[
    (TypeKind::Dict, "fromkeys"),
    (TypeKind::Str, "maketrans"),
    (TypeKind::Bytes, "maketrans"),
    (TypeKind::ByteArray, "maketrans"),
];

/// The builtin type whose class methods a type object or class has: `dict` for `dict` and for
/// a class deriving from it.
fn class_kind(cls: &Value) -> Option<TypeKind> {
    match cls {
        Value::Type(t) => Some(*t),
        Value::Class(c) => c.builtin_base,
        _ => None,
    }
}

/// `obj.name` when `name` is a class method of a builtin type (`dict.fromkeys`,
/// `{}.fromkeys`, `D.fromkeys` for `class D(dict)`, `D().fromkeys`): the method bound to the
/// class, as CPython binds a `classmethod` descriptor (its `__self__` is the class).
pub fn bind_class_method(obj: &Value, name: &str) -> Option<Value> {
    let cls = match obj {
        Value::Type(_) | Value::Class(_) => obj.clone(),
        Value::Instance(i) => Value::Class(i.class()),
        other => Value::Type(other.type_kind()),
    };
    let kind = class_kind(&cls)?;
    CLASS_METHODS.contains(&(kind, name)).then(|| {
        Value::Method(gc_core::Cc::new(crate::value::Method {
            recv: cls,
            func: MethodFunc::Native(Rc::from(name)),
        }))
    })
}

/// `T.name` for a row of a builtin type's table (`str.lower`, `list.append`,
/// `dict.__getitem__`): a function that takes the receiver first and checks it as CPython's
/// method descriptors do (`descriptor 'append' for 'list' objects doesn't apply to a 'int'
/// object`). An instance of a class deriving from `T` is accepted, and the method acts on the
/// builtin value it holds (so `dict.__setitem__(d, k, v)` bypasses `d`'s own `__setitem__`).
pub fn unbound_method(t: TypeKind, name: &str) -> Option<Value> {
    let table = kind_table(t)?;
    let m: &'static Method = table.get(name)?;
    Some(Value::Builtin(Rc::new(crate::value::Builtin {
        name: Rc::from(m.name),
        module: None,
        f: Box::new(move |interp: &Interp, mut args: Vec<Value>, kw: Kw| {
            // Slot wrappers (`dict.__len__`) and method descriptors (`list.append`) word
            // their errors differently.
            let slot = matches!(m.spec.arity, Arity::Slot(_));
            let (name, owner) = (m.name, table.name);
            if args.is_empty() {
                return Err(interp.type_error(if slot {
                    format!("descriptor '{name}' of '{owner}' object needs an argument")
                } else {
                    format!("unbound method {owner}.{name}() needs an argument")
                }));
            }
            let recv = args.remove(0);
            let Some(recv) = receiver_of(t, &recv) else {
                return Err(if slot {
                    interp.type_error(format!(
                        "descriptor '{name}' requires a '{owner}' object but received a '{}'",
                        recv.type_name()
                    ))
                } else {
                    wrong_receiver(interp, owner, name, &recv)
                });
            };
            call_row(interp, table, m, &recv, args, kw)
        }),
    })))
}

/// The value a method of builtin type `t` acts on when called with `v` as its receiver: `v`
/// itself when it is a `t`, a bool's int for `int`, the builtin value an instance of a class
/// deriving from `t` holds, else `None`.
pub fn receiver_of(t: TypeKind, v: &Value) -> Option<Value> {
    match v {
        Value::Instance(i) if i.class().builtin_base == Some(t) => i.base.clone(),
        Value::Bool(b) if t == TypeKind::Int => Some(Value::Int(i64::from(*b))),
        _ if v.type_kind() == t => Some(v.clone()),
        _ => None,
    }
}

/// Whether a builtin-typed value has a native method of this name.
pub fn has_method(v: &Value, name: &str) -> bool {
    type_of(v).is_some_and(|t| t.position(name).is_some())
}

/// The names of the native methods of a builtin-typed value (for `dir`).
pub fn method_names(v: &Value) -> Vec<&'static str> {
    type_of(v).map_or_else(Vec::new, |t| t.names().collect())
}

/// Calls the native method `name` of a builtin-typed value.
pub fn call_method(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    kw: Kw,
) -> PyResult<Value> {
    match type_of(recv) {
        Some(t) => match t.get(name) {
            Some(m) => call_row(interp, t, m, recv, args, kw),
            None => Err(no_attribute(interp, recv, name)),
        },
        // A class method bound to its class (`dict.fromkeys`).
        None => match class_kind(recv) {
            Some(k) if CLASS_METHODS.contains(&(k, name)) => {
                match kind_table(k).and_then(|t| Some((t, t.get(name)?))) {
                    Some((t, m)) => call_row(interp, t, m, recv, args, kw),
                    None => Err(no_attribute(interp, recv, name)),
                }
            }
            _ => Err(no_attribute(interp, recv, name)),
        },
    }
}

/// Calls the method `m` of the table `t` on `recv`, its arguments checked by its spec.
pub fn call_row(
    interp: &Interp,
    t: &Type,
    m: &'static Method,
    recv: &Value,
    args: Vec<Value>,
    kw: Kw,
) -> PyResult<Value> {
    if kw.is_empty() && m.spec.fits(args.len()) {
        return (m.f)(interp, recv, m.name, args, kw);
    }
    let args = check_args(interp, t.name, m.name, &m.spec, args, &kw)?;
    (m.f)(interp, recv, m.name, args, kw)
}

/// `'T' object has no attribute 'name'`.
pub fn no_attribute(interp: &Interp, recv: &Value, name: &str) -> crate::interp::Ctrl {
    interp.exc(
        "AttributeError",
        &format!("'{}' object has no attribute '{name}'", recv.type_name()),
    )
}

/// Checks the arguments of the native `name` (a method of type `owner`, or a function when
/// `owner` is empty) against `spec`, with CPython's messages; returns the positional
/// arguments, keywords of [`Keywords::Named`] put in their positions.
#[inline(never)]
pub fn check_args(
    interp: &Interp,
    owner: &str,
    name: &str,
    spec: &Spec,
    mut args: Vec<Value>,
    kw: &Kw,
) -> PyResult<Vec<Value>> {
    let qual = || {
        if owner.is_empty() {
            name.to_string()
        } else {
            format!("{owner}.{name}")
        }
    };
    if !kw.is_empty() {
        match spec.keywords {
            Keywords::No => {
                return Err(interp.type_error(format!("{}() takes no keyword arguments", qual())))
            }
            Keywords::Only(allowed, shown) => {
                if let Some((k, _)) = kw.iter().find(|(k, _)| !allowed.contains(&&**k)) {
                    return Err(interp.type_error(format!(
                        "'{k}' is an invalid keyword argument for {shown}()"
                    )));
                }
            }
            Keywords::Named(params, required) => {
                let posonly = match spec.arity {
                    Arity::Positional(min, _) => min as usize,
                    _ => 0,
                };
                let need = (required as usize, posonly);
                args = keywords_to_positions(interp, name, params, need, args, kw)?;
            }
            Keywords::Any => {}
        }
    } else if let Keywords::Named(params, required) = spec.keywords {
        // Only positional arguments: the same count checks as with keywords.
        let (n, max) = (args.len(), params.len());
        if n > max {
            return Err(interp.type_error(format!(
                "{name}() takes at most {max} argument{} ({n} given)",
                plural(max)
            )));
        }
        check_arity(interp, &qual, name, spec.arity, n)?;
        if n < required as usize {
            return Err(missing(interp, name, params, n));
        }
        return Ok(args);
    }
    check_arity(interp, &qual, name, spec.arity, args.len())?;
    Ok(args)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn missing(interp: &Interp, name: &str, params: &[&str], i: usize) -> crate::interp::Ctrl {
    interp.type_error(format!(
        "{name}() missing required argument '{}' (pos {})",
        params[i],
        i + 1
    ))
}

/// Checks a count of positional arguments, with the message of the convention `arity`
/// (`qual` is the qualified name, `list.append`; Clinic's messages give the bare `name`).
pub fn check_arity(
    interp: &Interp,
    qual: &dyn Fn() -> String,
    name: &str,
    arity: Arity,
    n: usize,
) -> PyResult<()> {
    let msg = match arity {
        Arity::NoArgs if n != 0 => format!("{}() takes no arguments ({n} given)", qual()),
        Arity::One if n != 1 => format!("{}() takes exactly one argument ({n} given)", qual()),
        Arity::Clinic(min, max) if n < min as usize || n > max as usize => {
            let (how, k) = match (n < min as usize, min == max) {
                (_, true) => ("", min),
                (true, false) => ("at least ", min),
                (false, false) => ("at most ", max),
            };
            let k = k as usize;
            format!("{name} expected {how}{k} argument{}, got {n}", plural(k))
        }
        Arity::Tuple(min, max) if n < min as usize || n > max as usize => {
            let (how, k) = match (n < min as usize, min == max) {
                (_, true) => ("exactly", min),
                (true, false) => ("at least", min),
                (false, false) => ("at most", max),
            };
            let k = k as usize;
            format!("{name}() takes {how} {k} argument{} ({n} given)", plural(k))
        }
        Arity::Positional(min, max) if n < min as usize || n > max as usize => {
            let (how, k) = if n < min as usize {
                ("least", min as usize)
            } else {
                ("most", max as usize)
            };
            format!(
                "{name}() takes at {how} {k} positional argument{} ({n} given)",
                plural(k)
            )
        }
        Arity::NoPositional if n != 0 => format!("{name}() takes no positional arguments"),
        Arity::Slot(k) if n != k as usize => {
            let lead = if k == 2 { " " } else { "" };
            format!("{lead}expected {k} argument{}, got {n}", plural(k as usize))
        }
        _ => return Ok(()),
    };
    Err(interp.type_error(msg))
}

/// The arguments of a native whose parameters may also be named (`round(x, ndigits=2)`,
/// `pow(base=2, exp=5, mod=3)`): the keyword arguments put in their positions. `need` is how
/// many parameters are required and how many of the first are positional-only (see
/// [`Arity::Positional`]).
fn keywords_to_positions(
    interp: &Interp,
    name: &str,
    params: &[&str],
    (required, posonly): (usize, usize),
    mut args: Vec<Value>,
    kw: &Kw,
) -> PyResult<Vec<Value>> {
    let total = args.len() + kw.len();
    if total > params.len() {
        return Err(interp.type_error(format!(
            "{name}() takes at most {} argument{} ({total} given)",
            params.len(),
            plural(params.len())
        )));
    }
    if args.len() < posonly {
        let arity = Arity::Positional(posonly as u8, params.len() as u8);
        check_arity(interp, &|| name.to_string(), name, arity, args.len())?;
    }
    let mut slots: Vec<Option<Value>> = vec![None; params.len().max(args.len())];
    let given = args.len();
    for (i, a) in args.drain(..).enumerate() {
        slots[i] = Some(a);
    }
    for (k, v) in kw {
        let named = params.iter().skip(posonly).position(|p| *p == &**k);
        let Some(at) = named.map(|i| i + posonly) else {
            return Err(
                interp.type_error(format!("'{k}' is an invalid keyword argument for {name}()"))
            );
        };
        if at < given {
            return Err(interp.type_error(format!(
                "argument for {name}() given by name ('{k}') and position ({})",
                at + 1
            )));
        }
        slots[at] = Some(v.clone());
    }
    if let Some(i) = slots.iter().take(required).position(Option::is_none) {
        return Err(missing(interp, name, params, i));
    }
    let filled = slots.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
    Ok(slots
        .into_iter()
        .take(filled)
        .map(|s| s.unwrap_or(Value::None))
        .collect())
}

/// The error of a method of type `owner` called on a value of another type.
pub(crate) fn wrong_receiver(
    interp: &Interp,
    owner: &str,
    name: &str,
    recv: &Value,
) -> crate::interp::Ctrl {
    interp.type_error(format!(
        "descriptor '{name}' for '{owner}' objects doesn't apply to a '{}' object",
        recv.type_name()
    ))
}

/// CPython's `PyObject_RichCompareBool(a, b, Py_EQ)`: identity first, then `==`.
pub(crate) fn same_or_eq(interp: &Interp, a: &Value, b: &Value) -> PyResult<bool> {
    Ok(crate::interp::is_same(a, b) || interp.eq(a, b)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unique<F>(t: &Table<F>) {
        let mut names: Vec<&str> = t.names().collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "a name is listed twice in {}", t.name);
    }

    #[test]
    fn names_are_unique_and_found() {
        for t in [
            &list::TYPE,
            &dict::TYPE,
            &str::TYPE,
            &set::TYPE,
            &set::FROZEN_TYPE,
            &tuple::TYPE,
            &num::INT_TYPE,
            &num::FLOAT_TYPE,
            &iter::TYPE,
            &generator::GEN_TYPE,
            &generator::CORO_TYPE,
            &bytes::BYTES_TYPE,
            &bytes::BYTEARRAY_TYPE,
        ] {
            unique(t);
            for (i, r) in t.rows.iter().enumerate() {
                assert_eq!(t.position(r.name), Some(i));
            }
            assert!(t.get("no_such_method").is_none());
        }
        unique(&functions::TABLE);
        for (i, r) in functions::TABLE.rows.iter().enumerate() {
            assert_eq!(functions::TABLE.position(r.name), Some(i));
        }
        assert!(functions::TABLE.get("").is_none());
    }

    #[test]
    fn hint_caches_the_row() {
        let hint = Cell::new(0);
        let r = list::TYPE.get_hinted("sort", &hint).expect("list.sort");
        assert_eq!(r.name, "sort");
        assert_eq!(list::TYPE.rows[hint.get() as usize].name, "sort");
        assert!(list::TYPE.get_hinted("nope", &hint).is_none());
    }
}
