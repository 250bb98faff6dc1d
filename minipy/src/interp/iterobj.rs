//! Builtin iterator objects: what `iter(x)` returns for a builtin container, and the lazy
//! `map`, `filter`, `zip`, `enumerate` and `reversed`. Each is a gc-core object whose `Trace`
//! reports the iterations it holds (a `map` over a generator keeps the generator alive and
//! visible to the collector).

use std::cell::RefCell;

use gc_core::{Cc, Trace};

use super::*;

/// A builtin iterator.
#[derive(Trace)]
pub struct IterObj {
    /// Its type's name (`list_iterator`, `map`, ...).
    #[trace(skip)]
    pub kind: &'static str,
    /// Its iteration (`Busy` while a `next` runs, which a re-entrant `next` sees as the end).
    pub state: RefCell<IterState>,
}

/// What a builtin iterator iterates.
#[derive(Trace)]
pub enum IterState {
    /// The items of an iterable.
    Plain(PyIter),
    /// `map(f, *iterables)`.
    Map(Value, Vec<PyIter>),
    /// `filter(f, iterable)` (`f` None: truth).
    Filter(Value, PyIter),
    /// `zip(*iterables)`.
    Zip(Vec<PyIter>),
    /// `enumerate(iterable, start)`: the next count.
    Enumerate(PyIter, i64),
    /// `iter(f, sentinel)`: calls `f()` until it returns `sentinel`.
    Callable(Value, Value),
    /// `itertools.permutations`, `combinations`, `combinations_with_replacement`, `product`.
    Combinatoric(Box<super::combinatorics::Combinatoric>),
    /// A `next` is running.
    Busy,
}

impl Interp {
    /// A new builtin iterator.
    pub(crate) fn new_iter(&self, kind: &'static str, state: IterState) -> Value {
        Value::Iter(Cc::new(IterObj {
            kind,
            state: RefCell::new(state),
        }))
    }

    /// `iter(v)`: a generator or iterator is its own iterator; an instance's is what its
    /// `__iter__` returns; a builtin container's is a new iterator object.
    pub(crate) fn iter_value(&self, v: &Value) -> PyResult<Value> {
        let kind = match v {
            Value::Gen(g) if !g.is_coroutine() => return Ok(v.clone()),
            Value::Iter(_) => return Ok(v.clone()),
            Value::Instance(inst) => {
                if let Some(f) = inst.class().lookup("__iter__") {
                    let it = self.call(&f, vec![v.clone()], Vec::new())?;
                    let ok = match &it {
                        Value::Gen(g) => !g.is_coroutine(),
                        Value::Iter(_) => true,
                        Value::Instance(i) => i.class().lookup("__next__").is_some(),
                        _ => false,
                    };
                    if !ok {
                        return Err(self.type_error(format!(
                            "iter() returned non-iterator of type '{}'",
                            it.type_name()
                        )));
                    }
                    return Ok(it);
                }
                "iterator"
            }
            Value::List(_) => "list_iterator",
            Value::Tuple(_) => "tuple_iterator",
            Value::Range(_) => "range_iterator",
            Value::Str(s) if s.is_ascii() => "str_ascii_iterator",
            Value::Str(_) => "str_iterator",
            Value::Dict(_) => "dict_keyiterator",
            Value::Set(_) => "set_iterator",
            Value::Bytes(_) => "bytes_iterator",
            Value::ByteArray(_) => "bytearray_iterator",
            _ => "iterator",
        };
        let it = self.iter(v)?;
        Ok(self.new_iter(kind, IterState::Plain(it)))
    }

    /// The next item of a builtin iterator, `None` at its end.
    pub(crate) fn iterobj_next(&self, o: &Cc<IterObj>) -> PyResult<Option<Value>> {
        let mut state = std::mem::replace(&mut *o.state.borrow_mut(), IterState::Busy);
        let r = self.iter_state_next(&mut state);
        let old = std::mem::replace(&mut *o.state.borrow_mut(), state);
        drop(old);
        r
    }

    fn iter_state_next(&self, state: &mut IterState) -> PyResult<Option<Value>> {
        match state {
            IterState::Plain(it) => it.next(self),
            IterState::Map(f, its) => {
                let mut args = Vec::with_capacity(its.len());
                for it in its.iter_mut() {
                    match it.next(self)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                let f = f.clone();
                self.call(&f, args, Vec::new()).map(Some)
            }
            IterState::Filter(f, it) => {
                let f = f.clone();
                while let Some(x) = it.next(self)? {
                    let keep = if matches!(f, Value::None) {
                        self.truthy(&x)?
                    } else {
                        let r = self.call(&f, vec![x.clone()], Vec::new())?;
                        self.truthy(&r)?
                    };
                    if keep {
                        return Ok(Some(x));
                    }
                }
                Ok(None)
            }
            IterState::Zip(its) => {
                if its.is_empty() {
                    return Ok(None);
                }
                let mut items = Vec::with_capacity(its.len());
                for it in its.iter_mut() {
                    match it.next(self)? {
                        Some(v) => items.push(v),
                        None => return Ok(None),
                    }
                }
                Ok(Some(Value::tuple(items)))
            }
            IterState::Enumerate(it, n) => match it.next(self)? {
                Some(v) => {
                    let i = *n;
                    *n = n.saturating_add(1);
                    Ok(Some(Value::tuple(vec![Value::Int(i), v])))
                }
                None => Ok(None),
            },
            IterState::Callable(f, sentinel) => {
                let (f, sentinel) = (f.clone(), sentinel.clone());
                let v = self.call(&f, Vec::new(), Vec::new())?;
                if self.eq(&v, &sentinel)? {
                    *state = IterState::Busy;
                    return Ok(None);
                }
                Ok(Some(v))
            }
            IterState::Combinatoric(c) => Ok(c.next_item()),
            IterState::Busy => Ok(None),
        }
    }

    /// At most the first `n` items of an iterable (all of them for a list or tuple);
    /// `refusal` words the error for a value that cannot be iterated (see
    /// [`Interp::iter_or`]).
    pub(crate) fn collect_at_most(
        &self,
        v: &Value,
        n: usize,
        refusal: fn(&str) -> String,
    ) -> PyResult<Vec<Value>> {
        match v {
            Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Dict(_) | Value::Set(_) => {
                self.collect_or(v, refusal)
            }
            _ => {
                let mut it = self.iter_or(v, refusal)?;
                let mut out = Vec::new();
                while out.len() < n {
                    match it.next(self)? {
                        Some(x) => out.push(x),
                        None => break,
                    }
                }
                Ok(out)
            }
        }
    }

    /// `needle in it` for an iterator: consumes it up to the first item equal to `needle`.
    pub(crate) fn contains_lazily(&self, it: &Value, needle: &Value) -> PyResult<bool> {
        let mut it = self.iter(it)?;
        while let Some(x) = it.next(self)? {
            if is_same(&x, needle) || self.eq(&x, needle)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `repr()` of a builtin iterator: `<map object at 0x...>`.
    pub(crate) fn iterobj_repr(&self, o: &Cc<IterObj>) -> String {
        format!(
            "<{} object at {:#x}>",
            o.kind, &**o as *const IterObj as usize
        )
    }
}
