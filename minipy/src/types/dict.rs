//! The methods of `dict`.

use gc_core::Cc;

use super::{protocol, row, Arity, Keywords, Kw, Method, Spec, Type, NOARGS};
use crate::interp::{Interp, PyResult};
use crate::value::*;

/// `dict`'s type object.
pub static TYPE: Type = Type::new("dict", METHODS);

static METHODS: &[Method] = &[
    row("keys", NOARGS, view),
    row("values", NOARGS, view),
    row("items", NOARGS, view),
    row("get", super::pos(Arity::Clinic(1, 2)), get),
    row("pop", super::pos(Arity::Clinic(1, 2)), pop),
    row("popitem", NOARGS, popitem),
    row("setdefault", super::pos(Arity::Clinic(1, 2)), setdefault),
    row("clear", NOARGS, clear),
    row("update", UPDATE, update),
    row("copy", NOARGS, copy),
    // A class method (see `super::CLASS_METHODS`): the receiver is the class.
    row("fromkeys", super::pos(Arity::Clinic(1, 2)), fromkeys),
    // Protocol methods (`protocol.rs`).
    protocol::GETITEM_O,
    protocol::SETITEM,
    protocol::DELITEM,
    protocol::LEN,
    protocol::CONTAINS_O,
    protocol::ITER,
];

/// `update([other], **kwargs)`.
const UPDATE: Spec = Spec {
    arity: Arity::Clinic(0, 1),
    keywords: Keywords::Any,
};

fn this<'a>(interp: &Interp, recv: &'a Value, name: &str) -> PyResult<&'a Cc<DictObj>> {
    match recv {
        Value::Dict(d) => Ok(d),
        other => Err(super::wrong_receiver(interp, "dict", name, other)),
    }
}

/// `keys`, `values`, `items`: live views, written in Python over `dict_snapshot`
/// (`stdlib/_dictviews.py`).
fn view(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let d = this(interp, recv, name)?;
    let views = interp.import("_dictviews")?;
    let class = interp.get_attr(&views, &format!("dict_{name}"))?;
    interp.call(&class, vec![Value::Dict(d.clone())], Vec::new())
}

fn get(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let d = this(interp, recv, name)?;
    let hk = interp.dict_key(&d.map, &args[0])?;
    let found = d.map.borrow().get(&hk).cloned();
    Ok(found.unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
}

fn pop(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let d = this(interp, recv, name)?;
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

fn popitem(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let last = this(interp, recv, name)?.map.borrow_mut().pop_last();
    match last {
        Some((k, v)) => Ok(Value::tuple(vec![k, v])),
        None => Err(interp.exc("KeyError", "popitem(): dictionary is empty")),
    }
}

fn setdefault(
    interp: &Interp,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    _: Kw,
) -> PyResult<Value> {
    let d = this(interp, recv, name)?;
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

fn clear(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let old = this(interp, recv, name)?.map.borrow_mut().take_all();
    drop(old);
    Ok(Value::None)
}

fn update(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let d = this(interp, recv, name)?;
    if let Some(src) = args.first() {
        let mut tmp = PyDict::new();
        crate::builtins::dict_update(interp, &mut tmp, src)?;
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

fn copy(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let nd = this(interp, recv, name)?.map.borrow().duplicate();
    Ok(Value::dict(nd))
}

/// `dict.fromkeys(iterable, value=None, /)`, a class method: as CPython's
/// `dict_fromkeys_impl`, the new mapping is `cls()` (a subclass's own constructor runs), then
/// each key of the iterable is stored with `value` (through the subclass's `__setitem__`, if
/// any). The receiver is the class, or a dict when called as `{}.fromkeys(...)`.
fn fromkeys(interp: &Interp, recv: &Value, _: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let cls = match recv {
        Value::Dict(_) => Value::Type(TypeKind::Dict),
        Value::Instance(i) => Value::Class(i.class()),
        other => other.clone(),
    };
    let value = args.get(1).cloned().unwrap_or(Value::None);
    let d = interp.call(&cls, Vec::new(), Vec::new())?;
    let mut it = interp.iter(&args[0])?;
    while let Some(key) = it.next(interp)? {
        interp.set_item(&d, key, value.clone())?;
    }
    Ok(d)
}
