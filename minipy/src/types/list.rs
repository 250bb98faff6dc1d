//! The methods of `list`.

use gc_core::Cc;

use super::{kwarg, protocol, row, Arity, Keywords, Kw, Method, Spec, Type, NOARGS, ONE};
use crate::interp::{Interp, PyResult};
use crate::value::*;

/// `list`'s type object.
pub static TYPE: Type = Type::new("list", METHODS);

static METHODS: &[Method] = &[
    row("append", ONE, append),
    row("extend", ONE, extend),
    row("insert", super::pos(Arity::Clinic(2, 2)), insert),
    row("pop", super::pos(Arity::Clinic(0, 1)), pop),
    row("remove", ONE, remove),
    row("clear", NOARGS, clear),
    row("sort", SORT, sort),
    row("reverse", NOARGS, reverse),
    row("copy", NOARGS, copy),
    row("index", super::pos(Arity::Clinic(1, 3)), index),
    row("count", ONE, count),
    // Protocol methods (`protocol.rs`).
    protocol::GETITEM_O,
    protocol::SETITEM,
    protocol::DELITEM,
    protocol::LEN,
    protocol::CONTAINS,
    protocol::ITER,
];

/// `sort(*, key=None, reverse=False)`.
const SORT: Spec = Spec {
    arity: Arity::NoPositional,
    keywords: Keywords::Only(&["key", "reverse"], "sort"),
};

/// The list a method of this table was called on.
pub(super) fn this<'a>(interp: &Interp, recv: &'a Value, name: &str) -> PyResult<&'a Cc<ListObj>> {
    match recv {
        Value::List(l) => Ok(l),
        other => Err(super::wrong_receiver(interp, "list", name, other)),
    }
}

/// Item `i` of a list, if it has one now.
fn list_item(l: &Cc<ListObj>, i: usize) -> Option<Value> {
    l.items.borrow().get(i).cloned()
}

fn append(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    this(interp, recv, name)?.items.borrow_mut().extend(args);
    Ok(Value::None)
}

fn extend(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let l = this(interp, recv, name)?;
    let extra = interp.collect(&args[0])?;
    l.items.borrow_mut().extend(extra);
    Ok(Value::None)
}

fn insert(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let l = this(interp, recv, name)?;
    let i = super::ssize_arg(interp, &args[0], "")?;
    let mut items = l.items.borrow_mut();
    let n = items.len() as i64;
    let idx = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    items.insert(idx, args[1].clone());
    Ok(Value::None)
}

fn pop(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let l = this(interp, recv, name)?;
    let n = l.items.borrow().len();
    if n == 0 {
        return Err(interp.exc("IndexError", "pop from empty list"));
    }
    let i = match args.first() {
        Some(v) => super::ssize_arg(interp, v, "")?,
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

fn remove(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let l = this(interp, recv, name)?;
    // As CPython: each item is read again after the comparison before it (which can
    // change the list), and the one found is removed at its index then.
    let mut i = 0;
    while let Some(x) = list_item(l, i) {
        if super::same_or_eq(interp, &x, &args[0])? {
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

fn clear(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    let old = std::mem::take(&mut *this(interp, recv, name)?.items.borrow_mut());
    drop(old);
    Ok(Value::None)
}

fn sort(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let l = this(interp, recv, name)?;
    let items = std::mem::take(&mut *l.items.borrow_mut());
    let rev = kwarg(&kw, "reverse").is_some_and(|v| v.truthy_simple());
    // As in CPython the list is empty while it is being sorted.
    let r = crate::builtins::sort_values(interp, items.clone(), kwarg(&kw, "key").as_ref(), rev);
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

fn reverse(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    this(interp, recv, name)?.items.borrow_mut().reverse();
    Ok(Value::None)
}

fn copy(interp: &Interp, recv: &Value, name: &str, _: Vec<Value>, _: Kw) -> PyResult<Value> {
    // Clone the items out first: the new list's allocation can start a collection that
    // runs script code (a `gc.callbacks` callback, a `__del__`) mutating this list.
    let items = this(interp, recv, name)?.items.borrow().clone();
    Ok(Value::list(items))
}

fn index(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let l = this(interp, recv, name)?;
    let len = l.items.borrow().len();
    let (mut i, stop) = super::tuple::window(interp, len, &args[1..])?;
    // Item by item, read again after each comparison, as CPython.
    while i < stop {
        let Some(x) = list_item(l, i) else { break };
        if super::same_or_eq(interp, &x, &args[0])? {
            return Ok(Value::Int(i as i64));
        }
        i += 1;
    }
    Err(interp.exc(
        "ValueError",
        &format!("{} is not in list", interp.repr(&args[0])?),
    ))
}

fn count(interp: &Interp, recv: &Value, name: &str, args: Vec<Value>, _: Kw) -> PyResult<Value> {
    let l = this(interp, recv, name)?;
    // Item by item, read again after each comparison, as CPython.
    let mut n = 0;
    let mut i = 0;
    while let Some(x) = list_item(l, i) {
        if super::same_or_eq(interp, &x, &args[0])? {
            n += 1;
        }
        i += 1;
    }
    Ok(Value::Int(n))
}
