//! The `gc`, `weakref` and `sys` modules, mapped onto gc-core.
//!
//! `gc` mirrors Python's module over this thread's gc-core collector. Where the object models
//! differ: gc-core sees minipy's environments (the scopes of functions and modules) as objects
//! of their own, which Python would show as frames, cells or a module `__dict__`; those are
//! counted by `collect()` and `get_count()` but never handed to scripts (they have no Python
//! value), so `get_objects`, `get_referrers`, `get_referents` and `garbage` leave them out.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gc_core::{AnyCc, Cc, DebugFlags, Phase};

use crate::interp::{Interp, PyResult};
use crate::stdlib::{module, native};
use crate::types::args::{
    c_int_arg, index, index_sized, kwarg, module_arity, not_an_integer, str_arg,
};
use crate::types::Arity;
use crate::value::*;
use crate::weakcb;

/// A C `int` argument as `PyArg_ParseTuple`'s `i` reads it (`gc.set_threshold`): a C `long`
/// first (`Python int too large to convert to C long`), then range-checked against a C `int`
/// (`signed integer is greater than maximum`); negative values are refused, as minipy keeps
/// thresholds unsigned.
fn threshold_arg(interp: &Interp, v: &Value) -> PyResult<usize> {
    let n = match index(interp, v)? {
        Some(Value::Int(n)) => n,
        Some(_) => {
            return Err(interp.exc("OverflowError", "Python int too large to convert to C long"))
        }
        None => return Err(not_an_integer(interp, v, "")),
    };
    if n > i64::from(i32::MAX) {
        return Err(interp.exc("OverflowError", "signed integer is greater than maximum"));
    }
    if n < i64::from(i32::MIN) {
        return Err(interp.exc("OverflowError", "signed integer is less than minimum"));
    }
    usize::try_from(n).map_err(|_| interp.exc("ValueError", "value must be non-negative"))
}

/// `sys.set_int_max_str_digits(maxdigits)`: 0 (no limit) or at least CPython's threshold.
fn set_int_max_str_digits(
    interp: &Interp,
    mut args: Vec<Value>,
    kw: Vec<(Rc<str>, Value)>,
) -> PyResult<Value> {
    crate::stdlib::check_kw(interp, "set_int_max_str_digits", &kw, &["maxdigits"])?;
    if let Some(v) = kwarg(&kw, "maxdigits") {
        if !args.is_empty() {
            return Err(interp.type_error(
                "argument for set_int_max_str_digits() given by name ('maxdigits') and position (1)"
                    .into(),
            ));
        }
        args.push(v);
    }
    if args.is_empty() {
        return Err(interp.type_error(
            "set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)".into(),
        ));
    }
    module_arity(
        interp,
        "sys",
        "set_int_max_str_digits",
        &args,
        Arity::Tuple(0, 1),
    )?;
    // A C `int`, as CPython parses it: beyond its range, OverflowError.
    let n = i64::from(c_int_arg(interp, &args[0])?);
    let threshold = crate::bigint::STR_DIGITS_CHECK_THRESHOLD;
    if n != 0 && n < threshold as i64 {
        return Err(interp.exc(
            "ValueError",
            &format!("maxdigits must be 0 or larger than {threshold}"),
        ));
    }
    crate::bigint::set_max_str_digits(n as usize);
    Ok(Value::None)
}

/// The gc-core handle of a value that is a heap object.
pub fn value_to_any(v: &Value) -> Option<AnyCc> {
    Some(match v {
        Value::List(c) => AnyCc::from(c),
        Value::Tuple(c) => AnyCc::from(c),
        Value::Dict(c) => AnyCc::from(c),
        Value::Set(c) => AnyCc::from(c),
        Value::Func(c) => AnyCc::from(c),
        Value::Class(c) => AnyCc::from(c),
        Value::Instance(c) => AnyCc::from(c),
        Value::Method(c) => AnyCc::from(c),
        Value::Module(c) => AnyCc::from(c),
        Value::WeakRef(c) => AnyCc::from(c),
        Value::Gen(c) => AnyCc::from(c),
        Value::Iter(c) => AnyCc::from(c),
        Value::Slice(c) => AnyCc::from(c),
        _ => return None,
    })
}

/// The script value of a gc-core object, if it has one (environments have none).
pub fn any_to_value(a: &AnyCc) -> Option<Value> {
    if a.is_dead() {
        return None;
    }
    if let Some(c) = a.downcast::<ListObj>() {
        return Some(Value::List(c));
    }
    if let Some(c) = a.downcast::<DictObj>() {
        return Some(Value::Dict(c));
    }
    if let Some(c) = a.downcast::<SetObj>() {
        return Some(Value::Set(c));
    }
    if let Some(c) = a.downcast::<TupleObj>() {
        return Some(Value::Tuple(c));
    }
    if let Some(c) = a.downcast::<Instance>() {
        return Some(Value::Instance(c));
    }
    if let Some(c) = a.downcast::<Function>() {
        return Some(Value::Func(c));
    }
    if let Some(c) = a.downcast::<Class>() {
        return Some(Value::Class(c));
    }
    if let Some(c) = a.downcast::<Method>() {
        return Some(Value::Method(c));
    }
    if let Some(c) = a.downcast::<Module>() {
        return Some(Value::Module(c));
    }
    if let Some(c) = a.downcast::<WeakRefObj>() {
        return Some(Value::WeakRef(c));
    }
    if let Some(c) = a.downcast::<Generator>() {
        return Some(Value::Gen(c));
    }
    if let Some(c) = a.downcast::<IterObj>() {
        return Some(Value::Iter(c));
    }
    if let Some(c) = a.downcast::<SliceObj>() {
        return Some(Value::Slice(c));
    }
    None
}

fn values_of(anys: Vec<AnyCc>) -> Value {
    Value::list(anys.iter().filter_map(any_to_value).collect())
}

fn stats_value() -> Value {
    let stats = gc_core::get_stats();
    Value::list(
        stats
            .iter()
            .map(|s| {
                let mut d = PyDict::new();
                let mut put = |k: &str, v: Value| {
                    d.insert_str(PyStr::from(k), v);
                };
                put("collections", Value::Int(s.collections as i64));
                put("collected", Value::Int(s.collected as i64));
                put("uncollectable", Value::Int(s.uncollectable as i64));
                put("candidates", Value::Int(s.candidates as i64));
                put("duration", Value::Float(s.duration.as_secs_f64()));
                Value::dict(d)
            })
            .collect(),
    )
}

/// An interpreter's gc-core callback (the one behind `gc.callbacks` and `gc.garbage`, see
/// [`install_gc_hook`]) and the garbage it saved that scripts cannot see (the interpreter's
/// `gc_hooks`). Only this module changes it; the `Interpreter`'s drop removes the callback.
pub(crate) struct GcHooks {
    /// The gc-core callbacks this interpreter registered.
    callback_ids: RefCell<Vec<gc_core::callbacks::CallbackId>>,
    /// Objects gc-core saved under `DEBUG_SAVEALL` that are no script value (or saved while
    /// no `gc` module was imported), kept alive as `gc.garbage` keeps the others.
    hidden_garbage: RefCell<Vec<AnyCc>>,
}

impl GcHooks {
    /// No callback registered yet, nothing saved.
    pub(crate) fn new() -> GcHooks {
        GcHooks {
            callback_ids: RefCell::new(Vec::new()),
            hidden_garbage: RefCell::new(Vec::new()),
        }
    }

    /// Unregisters this interpreter's gc-core callbacks.
    pub(crate) fn remove_callbacks(&self) {
        for id in self.callback_ids.borrow_mut().drain(..) {
            gc_core::callbacks::remove(id);
        }
    }

    /// Lets go of the saved garbage scripts cannot see.
    pub(crate) fn drop_hidden_garbage(&self) {
        let hidden = std::mem::take(&mut *self.hidden_garbage.borrow_mut());
        drop(hidden);
    }
}

/// Moves what gc-core saved under `DEBUG_SAVEALL` into the script's `gc.garbage` list.
fn sync_garbage(interp: &Interp) {
    let saved = gc_core::garbage();
    if saved.is_empty() {
        return;
    }
    gc_core::clear_garbage();
    let gc_mod = interp.modules.loaded.borrow().get("gc").cloned();
    let Some(Value::Module(m)) = gc_mod else {
        interp.gc_hooks.hidden_garbage.borrow_mut().extend(saved);
        return;
    };
    let list = m.attrs().borrow().get("garbage").cloned();
    let mut hidden = Vec::new();
    let mut visible = Vec::new();
    for a in saved {
        match any_to_value(&a) {
            Some(v) => visible.push(v),
            None => hidden.push(a),
        }
    }
    if let Some(Value::List(l)) = list {
        l.items.borrow_mut().extend(visible);
    }
    interp.gc_hooks.hidden_garbage.borrow_mut().extend(hidden);
}

thread_local! {
    static IN_CALLBACK: Cell<bool> = const { Cell::new(false) };
}

/// Registers the gc-core callback that runs the script's `gc.callbacks` and collects
/// `gc.garbage`.
pub fn install_gc_hook(interp: &Interp) {
    let weak = interp.self_weak.clone();
    let id = gc_core::callbacks::add(move |phase, info| {
        let Some(interp) = weak.upgrade() else { return };
        if phase == Phase::Stop {
            sync_garbage(&interp);
        }
        if IN_CALLBACK.with(|c| c.replace(true)) {
            return;
        }
        let gc_mod = interp.modules.loaded.borrow().get("gc").cloned();
        if let Some(Value::Module(m)) = gc_mod {
            let cbs = m.attrs().borrow().get("callbacks").cloned();
            if let Some(Value::List(l)) = cbs {
                let list = l.items.borrow().clone();
                if !list.is_empty() {
                    let _g = interp.enter();
                    let mut d = PyDict::new();
                    let mut put = |k: &str, v: Value| {
                        d.insert_str(PyStr::from(k), v);
                    };
                    put("generation", Value::Int(info.generation as i64));
                    put("collected", Value::Int(info.collected as i64));
                    put("uncollectable", Value::Int(info.uncollectable as i64));
                    let info_v = Value::dict(d);
                    let phase_v = Value::str(if phase == Phase::Start {
                        "start"
                    } else {
                        "stop"
                    });
                    for cb in list {
                        if let Err(crate::interp::Ctrl::Exc(e)) =
                            interp.call(&cb, vec![phase_v.clone(), info_v.clone()], Vec::new())
                        {
                            let desc = interp.repr(&cb).unwrap_or_default();
                            interp
                                .print_ignored(&format!("garbage collection callback {desc}"), &e);
                        }
                    }
                }
            }
        }
        IN_CALLBACK.with(|c| c.set(false));
    });
    interp.gc_hooks.callback_ids.borrow_mut().push(id);
}

/// `gc.dump(path, all=False, renderer="auto")`: see the `dump` module.
#[cfg(feature = "viz")]
fn dump(i: &Interp, path: &str, all: bool, renderer: &str) -> PyResult<Value> {
    Ok(Value::Int(crate::dump::dump(i, path, all, renderer)? as i64))
}

/// Without gc-viz, `gc.dump` says how to get it.
#[cfg(not(feature = "viz"))]
fn dump(i: &Interp, _path: &str, _all: bool, _renderer: &str) -> PyResult<Value> {
    Err(i.exc(
        "NotImplementedError",
        "gc.dump needs minipy built with its `viz` feature (gc-viz)",
    ))
}

/// Builds the `gc` module.
pub fn make_gc_module(interp: &Interp) -> Value {
    // `gc.dump` and the referrer queries find a call's locals in its environment, which
    // compiled calls do not keep: calls run on the tree from here on.
    interp.calls.vm_on.set(false);
    module(
        "gc",
        vec![
            (
                "collect",
                native("collect", |i, a, k| {
                    let g = a.first().cloned().or_else(|| kwarg(&k, "generation"));
                    let g = match g {
                        Some(v) => c_int_arg(i, &v)?,
                        None => 2,
                    };
                    let Some(g) = usize::try_from(g).ok().filter(|g| *g <= 2) else {
                        return Err(i.exc("ValueError", "invalid generation"));
                    };
                    let n = gc_core::collect_generation(g);
                    sync_garbage(i);
                    i.run_pending_callbacks();
                    Ok(Value::Int(n as i64))
                }),
            ),
            (
                "enable",
                native("enable", |_, _, _| {
                    gc_core::enable();
                    Ok(Value::None)
                }),
            ),
            (
                "disable",
                native("disable", |_, _, _| {
                    gc_core::disable();
                    Ok(Value::None)
                }),
            ),
            (
                "isenabled",
                native("isenabled", |_, _, _| {
                    Ok(Value::Bool(gc_core::is_enabled()))
                }),
            ),
            (
                "get_count",
                native("get_count", |_, _, _| {
                    let (a, b, c) = gc_core::get_count();
                    Ok(Value::tuple(vec![
                        Value::Int(a as i64),
                        Value::Int(b as i64),
                        Value::Int(c as i64),
                    ]))
                }),
            ),
            (
                "get_threshold",
                native("get_threshold", |_, _, _| {
                    let (a, b, c) = gc_core::get_threshold();
                    Ok(Value::tuple(vec![
                        Value::Int(a as i64),
                        Value::Int(b as i64),
                        Value::Int(c as i64),
                    ]))
                }),
            ),
            (
                "set_threshold",
                native("set_threshold", |i, a, _| {
                    module_arity(i, "gc", "set_threshold", &a, Arity::Tuple(1, 3))?;
                    let (_, mut t1, mut t2) = gc_core::get_threshold();
                    let t0 = threshold_arg(i, &a[0])?;
                    if let Some(v) = a.get(1) {
                        t1 = threshold_arg(i, v)?;
                    }
                    if let Some(v) = a.get(2) {
                        t2 = threshold_arg(i, v)?;
                    }
                    gc_core::set_threshold(t0, t1, t2);
                    Ok(Value::None)
                }),
            ),
            (
                "get_stats",
                native("get_stats", |_, _, _| Ok(stats_value())),
            ),
            (
                "freeze",
                native("freeze", |_, _, _| {
                    gc_core::freeze();
                    Ok(Value::None)
                }),
            ),
            (
                "unfreeze",
                native("unfreeze", |_, _, _| {
                    gc_core::unfreeze();
                    Ok(Value::None)
                }),
            ),
            (
                "get_freeze_count",
                native("get_freeze_count", |_, _, _| {
                    Ok(Value::Int(gc_core::get_freeze_count() as i64))
                }),
            ),
            (
                "is_tracked",
                native("is_tracked", |i, a, _| {
                    module_arity(i, "gc", "is_tracked", &a, Arity::One)?;
                    Ok(Value::Bool(a[0].is_tracked_object()))
                }),
            ),
            (
                "is_finalized",
                native("is_finalized", |i, a, _| {
                    module_arity(i, "gc", "is_finalized", &a, Arity::One)?;
                    Ok(Value::Bool(
                        value_to_any(&a[0]).is_some_and(|x| x.is_finalized()),
                    ))
                }),
            ),
            (
                "get_objects",
                native("get_objects", |i, a, k| {
                    let g = a.first().cloned().or_else(|| kwarg(&k, "generation"));
                    let g = match g {
                        None | Some(Value::None) => None,
                        Some(v) => {
                            // `_Py_convert_optional_to_ssize_t`; -1 is every generation.
                            let Some(g) = index_sized(i, &v, "OverflowError")? else {
                                return Err(i.type_error(format!(
                                    "argument should be integer or None, not '{}'",
                                    v.type_name()
                                )));
                            };
                            if g < -1 {
                                return Err(
                                    i.exc("ValueError", "generation parameter cannot be negative")
                                );
                            }
                            let g = usize::try_from(g).ok();
                            if g.is_some_and(|g| g > 2) {
                                return Err(i.exc("ValueError", "generation parameter must be less than the number of available generations (3)"));
                            }
                            g
                        }
                    };
                    Ok(values_of(gc_core::get_objects(g)))
                }),
            ),
            (
                "get_referrers",
                native("get_referrers", |_, a, _| {
                    let mut out = Vec::new();
                    for v in &a {
                        if let Some(any) = value_to_any(v) {
                            out.extend(gc_core::get_referrers(&any));
                        }
                    }
                    Ok(values_of(out))
                }),
            ),
            (
                "get_referents",
                native("get_referents", |_, a, _| {
                    let mut out = Vec::new();
                    for v in &a {
                        if let Some(any) = value_to_any(v) {
                            out.extend(gc_core::get_referents(&any));
                        }
                    }
                    Ok(values_of(out))
                }),
            ),
            (
                "set_debug",
                native("set_debug", |i, a, _| {
                    module_arity(i, "gc", "set_debug", &a, Arity::One)?;
                    let bits = c_int_arg(i, &a[0])? as u32;
                    gc_core::set_debug(DebugFlags::from_bits_truncate(bits));
                    Ok(Value::None)
                }),
            ),
            (
                "get_debug",
                native("get_debug", |_, _, _| {
                    Ok(Value::Int(gc_core::get_debug().bits() as i64))
                }),
            ),
            (
                "dump",
                native("dump", |i, a, k| {
                    module_arity(i, "gc", "dump", &a, Arity::Tuple(1, 3))?;
                    let kw =
                        |name: &str, pos: usize| a.get(pos).cloned().or_else(|| kwarg(&k, name));
                    let path = str_arg(i, &a[0], "dump", "argument 'path'")?.clone();
                    let all = match kw("all", 1) {
                        Some(v) => i.truthy(&v)?,
                        None => false,
                    };
                    let renderer = match kw("renderer", 2) {
                        None => PyStr::from("auto"),
                        Some(v) => str_arg(i, &v, "dump", "argument 'renderer'")?.clone(),
                    };
                    dump(i, &path, all, &renderer)
                }),
            ),
            ("callbacks", Value::list(Vec::new())),
            ("garbage", Value::list(Vec::new())),
            ("DEBUG_STATS", Value::Int(DebugFlags::STATS.bits() as i64)),
            (
                "DEBUG_COLLECTABLE",
                Value::Int(DebugFlags::COLLECTABLE.bits() as i64),
            ),
            (
                "DEBUG_UNCOLLECTABLE",
                Value::Int(DebugFlags::UNCOLLECTABLE.bits() as i64),
            ),
            (
                "DEBUG_SAVEALL",
                Value::Int(DebugFlags::SAVEALL.bits() as i64),
            ),
            ("DEBUG_LEAK", Value::Int(DebugFlags::LEAK.bits() as i64)),
        ],
    )
}

/// The referent of a weak reference, or `None` once it is gone.
pub fn weakref_target(w: &WeakRefObj) -> Value {
    match &w.target {
        WeakTarget::Instance(x) => x.upgrade().map(Value::Instance),
        WeakTarget::Func(x) => x.upgrade().map(Value::Func),
        WeakTarget::Class(x) => x.upgrade().map(Value::Class),
        WeakTarget::Gen(x) => x.upgrade().map(Value::Gen),
    }
    .unwrap_or(Value::None)
}

fn make_weakref(i: &Interp, a: Vec<Value>) -> PyResult<Value> {
    if a.is_empty() || a.len() > 2 {
        return Err(i.type_error(format!("ref expected 1 or 2 arguments, got {}", a.len())));
    }
    let callback = a.get(1).cloned().filter(|c| !matches!(c, Value::None));
    let target = match &a[0] {
        Value::Instance(x) => WeakTarget::Instance(Cc::downgrade(x)),
        Value::Func(x) => WeakTarget::Func(Cc::downgrade(x)),
        Value::Class(x) => WeakTarget::Class(Cc::downgrade(x)),
        Value::Gen(x) => WeakTarget::Gen(Cc::downgrade(x)),
        other => {
            return Err(i.type_error(format!(
                "cannot create weak reference to '{}' object",
                other.type_name()
            )))
        }
    };
    let has_cb = callback.is_some();
    let wr = Cc::new(WeakRefObj {
        target,
        callback: RefCell::new(callback),
        fired: Cell::new(false),
    });
    if has_cb {
        let key = match &a[0] {
            Value::Instance(x) => &x.weak_key,
            Value::Func(x) => &x.weak_key,
            Value::Class(x) => &x.weak_key,
            Value::Gen(x) => &x.weak_key,
            _ => unreachable!("checked above"),
        };
        weakcb::register(key, i, &wr);
    }
    Ok(Value::WeakRef(wr))
}

/// Builds the `weakref` module.
pub fn make_weakref_module(_interp: &Interp) -> Value {
    module(
        "weakref",
        vec![
            ("ref", native("ref", |i, a, _| make_weakref(i, a))),
            (
                "getweakrefcount",
                native("getweakrefcount", |i, a, _| {
                    module_arity(i, "_weakref", "getweakrefcount", &a, Arity::One)?;
                    Ok(Value::Int(match &a[0] {
                        Value::Instance(x) => Cc::weak_count(x) as i64,
                        Value::Func(x) => Cc::weak_count(x) as i64,
                        Value::Class(x) => Cc::weak_count(x) as i64,
                        Value::Gen(x) => Cc::weak_count(x) as i64,
                        _ => 0,
                    }))
                }),
            ),
        ],
    )
}

/// `sys.stdout` when a program has replaced it (it is no longer `sys.__stdout__`): where
/// `print` without `file=` writes then. `None` while `sys` is not imported or stdout is the
/// original (the fast path: the interpreter's own output).
pub fn replaced_stdout(interp: &Interp) -> Option<Value> {
    let sys = interp.modules.loaded.borrow().get("sys").cloned()?;
    let now = interp.get_attr(&sys, "stdout").ok()?;
    let original = interp.get_attr(&sys, "__stdout__").ok()?;
    (now.heap_addr() != original.heap_addr()).then_some(now)
}

/// Builds the `sys` module (recursion limit, reference counts, the standard streams).
pub fn make_sys_module(interp: &Interp) -> Value {
    // The streams are `_io`'s; a failure to build them (none is expected) leaves them out.
    let mut streams: Vec<(&str, Value)> = Vec::new();
    if let Ok(io) = interp.import("_io") {
        for (name, dunder) in [
            ("stdin", "__stdin__"),
            ("stdout", "__stdout__"),
            ("stderr", "__stderr__"),
        ] {
            if let Ok(stream) = interp.get_attr(&io, name) {
                streams.push((name, stream.clone()));
                streams.push((dunder, stream));
            }
        }
    }
    let mut attrs = streams;
    attrs.extend(sys_functions(interp));
    module("sys", attrs)
}

/// The functions and constants of `sys`.
fn sys_functions(interp: &Interp) -> Vec<(&'static str, Value)> {
    vec![
        (
            "getrecursionlimit",
            native("getrecursionlimit", |i, _, _| {
                Ok(Value::Int(i.calls.recursion_limit.get() as i64))
            }),
        ),
        (
            "setrecursionlimit",
            native("setrecursionlimit", |i, a, _| {
                module_arity(i, "sys", "setrecursionlimit", &a, Arity::One)?;
                let n = c_int_arg(i, &a[0])?;
                let Some(n) = usize::try_from(n).ok().filter(|n| *n >= 1) else {
                    return Err(i.exc(
                        "ValueError",
                        "recursion limit must be greater or equal than 1",
                    ));
                };
                i.calls.recursion_limit.set(n);
                Ok(Value::None)
            }),
        ),
        (
            "getrefcount",
            native("getrefcount", |i, a, _| {
                module_arity(i, "sys", "getrefcount", &a, Arity::One)?;
                Ok(Value::Int(match value_to_any(&a[0]) {
                    // The AnyCc made here holds one more reference; CPython's count
                    // includes the argument's reference, which `a` holds here too.
                    Some(any) => any.strong_count() as i64 - 1,
                    None => 2,
                }))
            }),
        ),
        ("maxsize", Value::Int(i64::MAX)),
        (
            "get_int_max_str_digits",
            native("get_int_max_str_digits", |i, a, _| {
                module_arity(i, "sys", "get_int_max_str_digits", &a, Arity::NoArgs)?;
                Ok(Value::Int(crate::bigint::max_str_digits() as i64))
            }),
        ),
        (
            "set_int_max_str_digits",
            native("set_int_max_str_digits", set_int_max_str_digits),
        ),
        (
            // minipy's `is` compares strings by their characters, so the argument itself
            // is as good as an interned copy.
            "intern",
            native("intern", |i, a, _| {
                module_arity(i, "sys", "intern", &a, Arity::One)?;
                str_arg(i, &a[0], "intern", "argument")?;
                Ok(a[0].clone())
            }),
        ),
        (
            "exit",
            native("exit", |i, a, _| {
                module_arity(i, "sys", "exit", &a, Arity::Clinic(0, 1))?;
                Err(i.exc_with("SystemExit", a))
            }),
        ),
        (
            "argv",
            Value::list(
                interp
                    .modules
                    .argv
                    .borrow()
                    .iter()
                    .map(|a| Value::Str(a.clone()))
                    .collect(),
            ),
        ),
        (
            "implementation",
            module("implementation", vec![("name", Value::str("minipy"))]),
        ),
    ]
}

/// When the `time` module's clocks start (`perf_counter()` counts from the first use).
fn clock_origin() -> std::time::Instant {
    static ORIGIN: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *ORIGIN.get_or_init(std::time::Instant::now)
}

/// Builds the `time` module: `perf_counter()`, `monotonic()`, `perf_counter_ns()`, `time()`,
/// `sleep()`.
pub fn make_time_module(_interp: &Interp) -> Value {
    clock_origin();
    let secs = || Value::Float(clock_origin().elapsed().as_secs_f64());
    module(
        "time",
        vec![
            (
                "perf_counter",
                native("perf_counter", move |_, _, _| Ok(secs())),
            ),
            ("monotonic", native("monotonic", move |_, _, _| Ok(secs()))),
            (
                "sleep",
                native("sleep", |i, a, _| {
                    module_arity(i, "time", "sleep", &a, Arity::One)?;
                    let t = match &a[0] {
                        Value::Float(f) => *f,
                        Value::Int(n) => *n as f64,
                        Value::Bool(b) => *b as i64 as f64,
                        other => {
                            return Err(i.type_error(format!(
                                "'{}' object cannot be interpreted as an integer",
                                other.type_name()
                            )))
                        }
                    };
                    if t.is_nan() {
                        return Err(i.exc("ValueError", "Invalid value NaN (not a number)"));
                    }
                    if t < 0.0 {
                        return Err(i.exc("ValueError", "sleep length must be non-negative"));
                    }
                    std::thread::sleep(std::time::Duration::from_secs_f64(t.min(1e9)));
                    Ok(Value::None)
                }),
            ),
            (
                "perf_counter_ns",
                native("perf_counter_ns", |_, _, _| {
                    Ok(Value::Int(
                        clock_origin().elapsed().as_nanos().min(i64::MAX as u128) as i64,
                    ))
                }),
            ),
            (
                "time",
                native("time", |_, _, _| {
                    let t = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_secs_f64())
                        .unwrap_or(0.0);
                    Ok(Value::Float(t))
                }),
            ),
        ],
    )
}
