//! The set operations (`|`, `&`, `-`, `^`, their in-place forms and the `*_update` methods),
//! step for step as CPython 3.11's `setobject.c` does them, so that the result's table, and with
//! it the iteration order, is CPython's ([`crate::settable`]): which set is iterated, in what
//! order members are added or discarded, and when a table is sized up front.
//!
//! When no member of either set is hashed by script code, the steps run on the members' keys
//! directly. Otherwise members are compared through the interpreter (`__eq__` may run and
//! change either set), so they are copied out first and added one by one; the result has the
//! right members, and the order CPython's would have when `__hash__` returns the same numbers.

use super::*;
use crate::ast::BinOp;

/// A new set holding `a`'s members as CPython's `set.copy()` lays them out.
fn copy_of(a: &PyDict) -> PyDict {
    let mut r = PyDict::new();
    r.make_set();
    r.merge_set(a);
    r
}

/// `a op b` for two sets none of whose members is hashed by script code. `same`: `a` and `b`
/// are one set.
fn binop_plain(op: BinOp, a: &PyDict, b: &PyDict, same: bool) -> PyDict {
    match op {
        // `set_or`: a copy of `a`, `b` merged in.
        BinOp::BitOr => {
            let mut r = copy_of(a);
            if !same {
                r.merge_set(b);
            }
            r
        }
        // `set_intersection`: the smaller set's members, in its order, that the larger has.
        BinOp::BitAnd => {
            if same {
                return copy_of(a);
            }
            let (large, small) = if b.len() > a.len() { (b, a) } else { (a, b) };
            let mut r = PyDict::new();
            r.make_set();
            for (hk, k) in small.members() {
                if large.get(&hk).is_some() {
                    r.insert(hk, k, Value::None);
                }
            }
            r
        }
        // `set_difference`: a copy of `a` with `b`'s members discarded when `a` is more than four
        // times larger, else `a`'s members, in order, that `b` lacks.
        BinOp::Sub => {
            if (a.len() >> 2) > b.len() {
                let mut r = copy_of(a);
                // Only copies leave `r`: `a` still holds every member.
                drop(difference_update_plain(&mut r, b, same));
                return r;
            }
            let mut r = PyDict::new();
            r.make_set();
            for (hk, k) in a.members() {
                if b.get(&hk).is_none() {
                    r.insert(hk, k, Value::None);
                }
            }
            r
        }
        // `set_symmetric_difference`: a copy of `b`, then `a`'s members toggled in.
        _ => {
            let mut r = copy_of(b);
            drop(symmetric_difference_update_plain(&mut r, a, false));
            r
        }
    }
}

/// `set_difference_update_internal`: `other`'s members discarded in its order, then dummies
/// resized away past a quarter. Returns what left `d`, to be dropped once no borrow is held
/// (a `__del__` may touch the sets).
#[must_use]
fn difference_update_plain(d: &mut PyDict, other: &PyDict, same: bool) -> Vec<(Value, Value)> {
    if same {
        return d.take_all();
    }
    let mut gone = Vec::new();
    for (hk, _) in other.members() {
        gone.extend(d.remove(&hk));
    }
    d.purge_set_dummies();
    gone
}

/// `set_symmetric_difference_update`: each of `other`'s members, in its order, discarded if
/// present, else added. Returns what left `d`, as [`difference_update_plain`].
#[must_use]
fn symmetric_difference_update_plain(
    d: &mut PyDict,
    other: &PyDict,
    same: bool,
) -> Vec<(Value, Value)> {
    if same {
        return d.take_all();
    }
    let mut gone = Vec::new();
    for (hk, k) in other.members() {
        match d.remove(&hk) {
            Some(e) => gone.push(e),
            None => {
                gone.extend(d.insert(hk, k, Value::None).map(|v| (v, Value::None)));
            }
        }
    }
    gone
}

/// Whether neither set holds a member hashed by script code.
fn plain(a: &SetObj, b: &SetObj) -> bool {
    !a.items.borrow().has_user_keys() && !b.items.borrow().has_user_keys()
}

impl Interp {
    /// `a | b`, `a & b`, `a - b`, `a ^ b` on sets: the result's members.
    pub(crate) fn set_binop(&self, op: BinOp, a: &Cc<SetObj>, b: &Cc<SetObj>) -> PyResult<PyDict> {
        let same = Cc::ptr_eq(a, b);
        if plain(a, b) {
            return Ok(binop_plain(op, &a.items.borrow(), &b.items.borrow(), same));
        }
        let (ka, kb) = (Self::keys_of(&a.items), Self::keys_of(&b.items));
        let mut out = PyDict::new();
        out.make_set();
        let mut add = |s: &Interp, k: &Value| -> PyResult<()> {
            let hk = s.dict_key(&out, k)?;
            out.insert(hk, k.clone(), Value::None);
            Ok(())
        };
        match op {
            BinOp::BitOr => {
                for k in ka.iter().chain(kb.iter()) {
                    add(self, k)?;
                }
            }
            BinOp::BitAnd | BinOp::Sub => {
                let keep = op == BinOp::BitAnd;
                for k in &ka {
                    if self.has_key(&b.items, k)? == keep {
                        add(self, k)?;
                    }
                }
            }
            _ => {
                for k in &ka {
                    if !self.has_key(&b.items, k)? {
                        add(self, k)?;
                    }
                }
                for k in &kb {
                    if !self.has_key(&a.items, k)? {
                        add(self, k)?;
                    }
                }
            }
        }
        Ok(out)
    }

    /// `d |= o`, `d &= o`, `d -= o`, `d ^= o` (and `update`, `intersection_update`,
    /// `difference_update`, `symmetric_difference_update` with a set), in place.
    pub(crate) fn set_update_with(
        &self,
        op: BinOp,
        d: &Cc<SetObj>,
        o: &Cc<SetObj>,
    ) -> PyResult<()> {
        let same = Cc::ptr_eq(d, o);
        if op == BinOp::BitAnd {
            // `set_intersection_update`: the intersection takes the set's place.
            let r = self.set_binop(BinOp::BitAnd, d, o)?;
            let old = std::mem::replace(&mut *d.items.borrow_mut(), r);
            drop(old);
            return Ok(());
        }
        if plain(d, o) {
            if same {
                if op != BinOp::BitOr {
                    let old = d.items.borrow_mut().take_all();
                    drop(old);
                }
                return Ok(());
            }
            let gone = {
                let other = o.items.borrow();
                let mut mine = d.items.borrow_mut();
                match op {
                    BinOp::BitOr => {
                        mine.merge_set(&other);
                        Vec::new()
                    }
                    BinOp::Sub => difference_update_plain(&mut mine, &other, false),
                    _ => symmetric_difference_update_plain(&mut mine, &other, false),
                }
            };
            drop(gone);
            return Ok(());
        }
        let items = Self::keys_of(&o.items);
        let mut old = Vec::new();
        for k in items {
            let hk = self.dict_key(&d.items, &k)?;
            match op {
                BinOp::BitOr => old.extend(d.items.borrow_mut().insert(hk, k, Value::None)),
                _ => {
                    let removed = d.items.borrow_mut().remove(&hk);
                    match removed {
                        Some((a, b)) => {
                            old.push(a);
                            old.push(b);
                        }
                        None if op == BinOp::BitXor => {
                            let hk = self.dict_key(&d.items, &k)?;
                            old.extend(d.items.borrow_mut().insert(hk, k, Value::None));
                        }
                        None => {}
                    }
                }
            }
        }
        if op == BinOp::Sub {
            d.items.borrow_mut().purge_set_dummies();
        }
        drop(old);
        Ok(())
    }
}

impl Interp {
    /// The set methods that combine a set with other iterables, as CPython's: `update`,
    /// `union`, `intersection`, `difference`, `symmetric_difference` and the `*_update` forms,
    /// each with any number of arguments (`symmetric_difference*` with exactly one). `None` if
    /// `name` is none of them.
    pub(crate) fn set_combine(
        &self,
        name: &str,
        d: &Cc<SetObj>,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        let result = |r: PyDict| {
            if d.frozen {
                Value::frozenset(r)
            } else {
                Value::set(r)
            }
        };
        Ok(Some(match name {
            "update" => {
                for o in args {
                    self.set_add_all(d, o)?;
                }
                Value::None
            }
            "union" => {
                let r = new_set_cc(copy_items(d));
                for o in args {
                    self.set_add_all(&r, o)?;
                }
                result(take_items(&r))
            }
            "intersection" | "intersection_update" => {
                let mut cur = d.clone();
                for o in args {
                    cur = new_set_cc(self.set_intersection(&cur, o)?);
                }
                if args.is_empty() || Cc::ptr_eq(&cur, d) {
                    cur = new_set_cc(copy_items(d));
                }
                let r = take_items(&cur);
                if name == "intersection" {
                    result(r)
                } else {
                    let old = std::mem::replace(&mut *d.items.borrow_mut(), r);
                    drop(old);
                    Value::None
                }
            }
            "difference" => {
                let r = match args.first() {
                    None => copy_items(d),
                    Some(Value::Set(o)) => self.set_binop(BinOp::Sub, d, o)?,
                    Some(o) => {
                        let r = new_set_cc(copy_items(d));
                        self.set_discard_all(&r, o)?;
                        take_items(&r)
                    }
                };
                let r = new_set_cc(r);
                for o in args.iter().skip(1) {
                    self.set_discard_all(&r, o)?;
                }
                result(take_items(&r))
            }
            "difference_update" => {
                for o in args {
                    self.set_discard_all(d, o)?;
                }
                Value::None
            }
            "symmetric_difference" | "symmetric_difference_update" => {
                if args.len() != 1 {
                    return Err(self.type_error(format!(
                        "{}() takes exactly one argument ({} given)",
                        if name == "symmetric_difference" {
                            "set.symmetric_difference"
                        } else {
                            "set.symmetric_difference_update"
                        },
                        args.len()
                    )));
                }
                let o = self.as_set(&args[0])?;
                if name == "symmetric_difference" {
                    let r = self.set_binop(BinOp::BitXor, d, &o)?;
                    result(r)
                } else {
                    self.set_update_with(BinOp::BitXor, d, &o)?;
                    Value::None
                }
            }
            _ => return Ok(None),
        }))
    }

    /// `set_update_internal`: a set merged in, a dict's keys added after one resize up front,
    /// any other iterable's items added in order.
    fn set_add_all(&self, d: &Cc<SetObj>, o: &Value) -> PyResult<()> {
        match o {
            Value::Set(o) => return self.set_update_with(BinOp::BitOr, d, o),
            Value::Dict(m) => {
                let n = m.map.borrow().len();
                d.items.borrow_mut().reserve_set(n);
            }
            _ => {}
        }
        let mut old = Vec::new();
        for k in self.collect(o)? {
            let hk = self.dict_key(&d.items, &k)?;
            old.extend(d.items.borrow_mut().insert(hk, k, Value::None));
        }
        drop(old);
        Ok(())
    }

    /// `set_difference_update_internal`: a set's members or an iterable's items discarded in
    /// order, then dummies resized away past a quarter.
    fn set_discard_all(&self, d: &Cc<SetObj>, o: &Value) -> PyResult<()> {
        if let Value::Set(o) = o {
            return self.set_update_with(BinOp::Sub, d, o);
        }
        let mut old = Vec::new();
        for k in self.collect(o)? {
            let hk = self.dict_key(&d.items, &k)?;
            old.extend(d.items.borrow_mut().remove(&hk));
        }
        d.items.borrow_mut().purge_set_dummies();
        drop(old);
        Ok(())
    }

    /// `set_intersection(cur, o)`: with a set, as `&`; with another iterable, its items (in
    /// order) that `cur` holds.
    fn set_intersection(&self, cur: &Cc<SetObj>, o: &Value) -> PyResult<PyDict> {
        if let Value::Set(o) = o {
            return self.set_binop(BinOp::BitAnd, cur, o);
        }
        let mut r = PyDict::new();
        r.make_set();
        for k in self.collect(o)? {
            if self.has_key(&cur.items, &k)? {
                let hk = self.dict_key(&r, &k)?;
                r.insert(hk, k, Value::None);
            }
        }
        Ok(r)
    }

    /// `o` if it is a set, else a new set of its items.
    fn as_set(&self, o: &Value) -> PyResult<Cc<SetObj>> {
        if let Value::Set(s) = o {
            return Ok(s.clone());
        }
        let s = new_set_cc(PyDict::new());
        self.set_add_all(&s, o)?;
        Ok(s)
    }
}

/// A copy of a set's members, the borrow ended (making a set object from it can run a
/// collection, and with it script code that touches the set).
fn copy_items(d: &Cc<SetObj>) -> PyDict {
    let items = d.items.borrow().duplicate();
    items
}

/// A set object around `items` (made a set if it is not one yet).
fn new_set_cc(items: PyDict) -> Cc<SetObj> {
    match Value::set(items) {
        Value::Set(s) => s,
        _ => unreachable!("Value::set makes a set"),
    }
}

/// The members of a set object made here (which nothing else references).
fn take_items(s: &Cc<SetObj>) -> PyDict {
    std::mem::take(&mut *s.items.borrow_mut())
}
