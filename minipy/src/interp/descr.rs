//! Descriptors: the builtin classes `property`, `staticmethod` and `classmethod`, and the
//! descriptor protocol (`__get__`) for class attributes found through an instance or a class.
//!
//! Their objects are instances of builtin classes, so they are gc-core objects whose
//! attributes (`fget`, `fset`, `fdel`, `__doc__`, `__func__`) are traced: a cycle through a
//! decorated method is collected like any other.

use std::rc::Rc;

use gc_core::Cc;

use super::*;
use crate::stdlib::native;

/// The index of `property` in [`Builtins::descr`](crate::builtins::Builtins::descr).
const PROPERTY: usize = 0;
/// The index of `staticmethod`.
const STATICMETHOD: usize = 1;
/// The index of `classmethod`.
const CLASSMETHOD: usize = 2;

/// The names of the descriptor classes, by index.
const NAMES: [&str; 3] = ["property", "staticmethod", "classmethod"];

impl Interp {
    /// Makes the descriptor classes and binds them as builtins.
    pub(super) fn install_descriptors(&self) {
        for (i, name) in NAMES.iter().enumerate() {
            let class = self.builtin_class(name, None);
            let init = if i == PROPERTY {
                native("__init__", property_init)
            } else {
                let n: &'static str = name;
                native("__init__", move |interp, args, kw| {
                    if !kw.is_empty() {
                        return Err(interp.type_error(format!("{n}() takes no keyword arguments")));
                    }
                    if args.len() != 2 {
                        return Err(interp.type_error(format!(
                            "{n} expected 1 argument, got {}",
                            args.len().saturating_sub(1)
                        )));
                    }
                    interp.set_attr(&args[0], &Rc::from("__func__"), args[1].clone())?;
                    interp
                        .set_attr(&args[0], &Rc::from("__wrapped__"), args[1].clone())
                        .map(|()| Value::None)
                })
            };
            let old = class.attrs.borrow_mut().set(Rc::from("__init__"), init);
            drop(old);
            self.builtins.descr.borrow_mut().push(class.clone());
            let old = self
                .builtins
                .names
                .borrow_mut()
                .insert(Rc::from(*name), Value::Class(class));
            drop(old);
        }
    }

    /// Which descriptor class `inst` is an instance of (an index into [`NAMES`]).
    fn descr_kind(&self, inst: &Instance) -> Option<usize> {
        self.builtins
            .descr
            .borrow()
            .iter()
            .position(|c| Cc::ptr_eq(c, &inst.class()))
    }

    /// The `repr` of a descriptor object, or `None` for another instance.
    pub(crate) fn descr_repr(&self, v: &Value) -> PyResult<Option<String>> {
        let Value::Instance(inst) = v else {
            return Ok(None);
        };
        Ok(match self.descr_kind(inst) {
            Some(PROPERTY) => Some(format!(
                "<property object at {:#x}>",
                v.heap_addr().unwrap_or(0)
            )),
            Some(k) => {
                let f = inst.attrs.borrow().get("__func__").cloned();
                let f = f.unwrap_or(Value::None);
                Some(format!("<{}({})>", NAMES[k], self.repr(&f)?))
            }
            None => None,
        })
    }

    /// A class attribute `v` named `name`, found through instance `obj` (or through the class
    /// itself when `obj` is `None`) of class `owner`: what the attribute access gives.
    pub(crate) fn descr_get(
        &self,
        v: Value,
        obj: Option<&Value>,
        owner: &Cc<Class>,
        name: &str,
    ) -> PyResult<Value> {
        let Value::Instance(d) = &v else {
            return Ok(v);
        };
        let attr = |n: &str| d.attrs.borrow().get(n).cloned().unwrap_or(Value::None);
        match self.descr_kind(d) {
            Some(STATICMETHOD) => Ok(attr("__func__")),
            Some(CLASSMETHOD) => match attr("__func__") {
                Value::Func(f) => Ok(Value::Method(Cc::new(Method {
                    recv: Value::Class(owner.clone()),
                    func: MethodFunc::Func(f),
                }))),
                other => Ok(other),
            },
            Some(_) => {
                let Some(obj) = obj else { return Ok(v) };
                match attr("fget") {
                    Value::None => Err(self.exc(
                        "AttributeError",
                        &format!("property '{name}' of '{}' object has no getter", owner.name),
                    )),
                    fget => self.call(&fget, vec![obj.clone()], Vec::new()),
                }
            }
            None => match d.class().lookup("__get__") {
                Some(get) => {
                    let o = obj.cloned().unwrap_or(Value::None);
                    self.call(
                        &get,
                        vec![v.clone(), o, Value::Class(owner.clone())],
                        Vec::new(),
                    )
                }
                None => Ok(v),
            },
        }
    }

    /// `obj.name = value` (`value` `None` for `del obj.name`) when the class of instance `obj`
    /// has a data descriptor `name` (a property, or an object whose class defines `__set__`
    /// or `__delete__`): `Ok(true)` when it handled the assignment.
    ///
    /// With `hooks`, a user `__setattr__` / `__delattr__` of the class comes first.
    pub(crate) fn descr_set(
        &self,
        inst: &Cc<Instance>,
        name: &str,
        value: Option<Value>,
        hooks: bool,
    ) -> PyResult<bool> {
        if !self.features.descr_in_use.get() {
            return Ok(false);
        }
        if hooks && self.features.setattr_hooks.get() && self.user_setattr(inst, name, &value)? {
            return Ok(true);
        }
        let Some(Value::Instance(d)) = inst.class().lookup(name) else {
            return Ok(false);
        };
        let obj = Value::Instance(inst.clone());
        let dv = Value::Instance(d.clone());
        if self.descr_kind(&d) == Some(PROPERTY) {
            let (key, what) = if value.is_some() {
                ("fset", "setter")
            } else {
                ("fdel", "deleter")
            };
            let f = d.attrs.borrow().get(key).cloned().unwrap_or(Value::None);
            if matches!(f, Value::None) {
                return Err(self.exc(
                    "AttributeError",
                    &format!(
                        "property '{name}' of '{}' object has no {what}",
                        inst.class().name
                    ),
                ));
            }
            let mut args = vec![obj];
            args.extend(value);
            self.call(&f, args, Vec::new())?;
            return Ok(true);
        }
        let hook = if value.is_some() {
            "__set__"
        } else {
            "__delete__"
        };
        match d.class().lookup(hook) {
            Some(f) => {
                let mut args = vec![dv, obj];
                args.extend(value);
                self.call(&f, args, Vec::new())?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// `prop.getter`, `prop.setter` and `prop.deleter`: functions making a copy of property
    /// `p` with one accessor replaced. `None` for another attribute or object.
    pub(crate) fn property_method(&self, p: &Cc<Instance>, name: &str) -> Option<Value> {
        if self.descr_kind(p) != Some(PROPERTY) {
            return None;
        }
        let key = match name {
            "getter" => "fget",
            "setter" => "fset",
            "deleter" => "fdel",
            _ => return None,
        };
        let me = Value::Instance(p.clone());
        Some(native(name, move |interp, args, _| {
            let [f] = <[Value; 1]>::try_from(args).map_err(|a| {
                interp.type_error(format!(
                    "descriptor '{key}' takes exactly one argument ({} given)",
                    a.len()
                ))
            })?;
            let Value::Instance(p) = &me else {
                return Ok(Value::None);
            };
            let get = |n: &str| p.attrs.borrow().get(n).cloned().unwrap_or(Value::None);
            let mut accessors = vec![get("fget"), get("fset"), get("fdel"), get("__doc__")];
            let i = ["fget", "fset", "fdel"]
                .iter()
                .position(|k| *k == key)
                .unwrap_or(0);
            accessors[i] = f;
            let class = Value::Class(p.class());
            interp.call(&class, accessors, Vec::new())
        }))
    }
}

/// `property(fget=None, fset=None, fdel=None, doc=None)`'s `__init__`.
fn property_init(interp: &Interp, args: Vec<Value>, kw: Vec<(Rc<str>, Value)>) -> PyResult<Value> {
    const PARAMS: [&str; 4] = ["fget", "fset", "fdel", "doc"];
    let mut it = args.into_iter();
    let Some(me) = it.next() else {
        return Ok(Value::None);
    };
    let mut vals: Vec<Value> = it.collect();
    if vals.len() > 4 {
        return Err(interp.type_error(format!(
            "property() takes at most 4 arguments ({} given)",
            vals.len()
        )));
    }
    vals.resize(4, Value::None);
    for (k, v) in kw {
        match PARAMS.iter().position(|p| **p == *k) {
            Some(i) => vals[i] = v,
            None => {
                return Err(interp.type_error(format!(
                    "property() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }
    interp.features.descr_in_use.set(true);
    let doc = vals.pop().unwrap_or(Value::None);
    let doc = match (&doc, &vals[0]) {
        (Value::None, Value::Func(_)) => interp.get_attr(&vals[0], "__doc__")?,
        _ => doc,
    };
    for (k, v) in PARAMS.iter().zip(vals) {
        interp.set_attr(&me, &Rc::from(*k), v)?;
    }
    interp.set_attr(&me, &Rc::from("__doc__"), doc)?;
    Ok(Value::None)
}
