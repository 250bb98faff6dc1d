//! Attribute access, subscripting, slicing and iteration.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gc_core::Cc;

use super::*;

/// Which attribute assignment hooks any class of the interpreter ever used (its `features`):
/// until one is used, assigning an attribute skips looking for it. Each flag is set once, for
/// good: by class creation (`Interp::make_class` in interp.rs), by assigning such a name to a
/// class ([`Interp::set_attr`] here) or by making a `property` (interp/descr.rs); read here, in
/// interp/descr.rs and interp/object.rs.
pub(crate) struct AttrFeatures {
    /// Whether a data descriptor (a property, or a class defining `__set__`/`__delete__`)
    /// was ever made: until then setting an attribute skips looking for one.
    pub(super) descr_in_use: Cell<bool>,
    /// Whether a class ever defined `__setattr__` or `__delattr__` (looked for on every
    /// attribute assignment from then on).
    pub(super) setattr_hooks: Cell<bool>,
    /// Whether a class ever defined `__slots__` (checked on every attribute assignment to an
    /// instance from then on).
    pub(super) slots_in_use: Cell<bool>,
}

impl AttrFeatures {
    /// No hook used yet.
    pub(super) fn new() -> AttrFeatures {
        AttrFeatures {
            descr_in_use: Cell::new(false),
            setattr_hooks: Cell::new(false),
            slots_in_use: Cell::new(false),
        }
    }
}

/// The names a function keeps in slots of its own, never in its `__dict__`.
fn func_slot_name(name: &str) -> bool {
    matches!(
        name,
        "__name__"
            | "__qualname__"
            | "__doc__"
            | "__annotations__"
            | "__module__"
            | "__defaults__"
            | "__kwdefaults__"
    )
}

/// The function's `__dict__` when it has been made and `name` belongs in it.
fn func_dict_for(f: &Function, name: &str) -> Option<Cc<DictObj>> {
    if func_slot_name(name) {
        return None;
    }
    f.dict.borrow().clone()
}

/// An attribute from the function's `__dict__` object, when it has one.
fn func_dict_get(f: &Function, name: &str) -> Option<Value> {
    let d = func_dict_for(f, name)?;
    let v = d.map.borrow().get(&HKey::Str(PyStr::from(name))).cloned();
    v
}

/// The function's `__dict__`: made on first use from its attributes other than the special
/// names, which live in it from then on.
fn func_dict(f: &Function) -> Cc<DictObj> {
    if let Some(d) = f.dict.borrow().clone() {
        return d;
    }
    let mut map = PyDict::new();
    let mut kept = AttrMap::default();
    for (k, v) in f.attrs.borrow_mut().take_all() {
        if func_slot_name(&k) {
            kept.set(k, v);
        } else {
            map.insert_str(PyStr::from(&k), v);
        }
    }
    let old_attrs = std::mem::replace(&mut *f.attrs.borrow_mut(), kept);
    drop(old_attrs);
    let d = Cc::new(DictObj {
        map: RefCell::new(map),
    });
    let old = f.dict.borrow_mut().replace(d.clone());
    drop(old);
    d
}

const CLASS_ASSIGN_BUILTIN: &str =
    "__class__ assignment only supported for mutable types or ModuleType subclasses";

/// What decides whether `obj.__class__ = C` is allowed: instances of the two classes must
/// have the same layout, i.e. derive from the same builtin type (`list`, `dict`, the same
/// exception class) or from none.
fn layout_of(c: &Cc<Class>) -> (Option<TypeKind>, Option<usize>) {
    let mut cur = Some(c.clone());
    while let Some(k) = cur {
        if k.builtin {
            return (c.builtin_base, Some(&*k as *const Class as usize));
        }
        cur = k.base.clone();
    }
    (c.builtin_base, None)
}

impl Interp {
    /// `obj.__class__ = v` on an instance of a user class: allowed when `v` is a user class
    /// whose instances have the same layout, as CPython's `object.__class__` setter checks.
    fn assign_class(&self, i: &Instance, v: Option<Value>) -> PyResult<()> {
        let new = match v {
            None => return Err(self.type_error("can't delete __class__ attribute".into())),
            Some(Value::Class(c)) => c,
            Some(Value::Type(_)) => return Err(self.type_error(CLASS_ASSIGN_BUILTIN.into())),
            Some(other) => {
                return Err(self.type_error(format!(
                    "__class__ must be set to a class, not '{}' object",
                    other.type_name()
                )))
            }
        };
        let old = i.class();
        if layout_of(&new) != layout_of(&old) {
            return Err(self.type_error(format!(
                "__class__ assignment: '{}' object layout differs from '{}'",
                new.name, old.name
            )));
        }
        let prev = std::mem::replace(&mut *i.class.borrow_mut(), new);
        drop(prev);
        Ok(())
    }

    // ------------------------------------------------------------ attributes

    /// `obj.name`.
    pub fn get_attr(&self, obj: &Value, name: &str) -> PyResult<Value> {
        match obj {
            Value::Instance(inst) if self.is_super_proxy(inst) => self.super_attr(inst, name),
            Value::Instance(inst) => {
                if let Some(v) = inst.attrs.borrow().get(name) {
                    return Ok(v.clone());
                }
                if let Some(v) = self.instance_dict_get(inst, name) {
                    return Ok(v);
                }
                match name {
                    "__class__" => return Ok(Value::Class(inst.class())),
                    "__dict__" => return Ok(Value::Dict(self.instance_dict(inst))),
                    _ => {}
                }
                match inst.class().lookup(name) {
                    Some(Value::Func(f)) => Ok(Value::Method(Cc::new(Method {
                        recv: obj.clone(),
                        func: MethodFunc::Func(f),
                    }))),
                    Some(d @ Value::Instance(_)) => {
                        self.descr_get(d, Some(obj), &inst.class(), name)
                    }
                    Some(v) => Ok(v),
                    None => {
                        if let Some(m) = self.property_method(inst, name) {
                            return Ok(m);
                        }
                        if let Some(m) = crate::types::bind_class_method(obj, name) {
                            return Ok(m);
                        }
                        if let Some(b) = &inst.base {
                            if crate::types::has_method(b, name) {
                                return Ok(Value::Method(Cc::new(Method {
                                    recv: b.clone(),
                                    func: MethodFunc::Native(Rc::from(name)),
                                })));
                            }
                        }
                        if let Some(m) = self.object_method(name, Some(obj.clone())) {
                            return Ok(m);
                        }
                        if let Some(f) = inst.class().lookup("__getattr__") {
                            return self.call(&f, vec![obj.clone(), Value::str(name)], Vec::new());
                        }
                        Err(self.exc(
                            "AttributeError",
                            &format!("'{}' object has no attribute '{name}'", inst.class().name),
                        ))
                    }
                }
            }
            Value::Class(c) => {
                // Not inherited: a class's own, or its name / None.
                if matches!(name, "__qualname__" | "__doc__") {
                    let own = c.attrs.borrow().get(name).cloned();
                    return Ok(own.unwrap_or_else(|| match name {
                        "__doc__" => Value::None,
                        _ => Value::Str(PyStr::from(&c.name)),
                    }));
                }
                if let Some(v) = c.lookup(name) {
                    return self.descr_get(v, None, c, name);
                }
                if let Some(m) = crate::types::bind_class_method(obj, name) {
                    return Ok(m);
                }
                // `D.append` for `class D(list)`: the base type's method, unbound.
                if let Some(m) = c
                    .builtin_base
                    .and_then(|t| crate::types::unbound_method(t, name))
                {
                    return Ok(m);
                }
                match name {
                    "__name__" | "__qualname__" => Ok(Value::Str(PyStr::from(&c.name))),
                    "__module__" => Ok(Value::Str(PyStr::from(&c.module))),
                    "__doc__" => Ok(Value::None),
                    "__dict__" => {
                        let mut d = PyDict::new();
                        for (k, v) in c.attrs.borrow().iter() {
                            d.insert_str(PyStr::from(k), v.clone());
                        }
                        Ok(Value::dict(d))
                    }
                    "__mro__" => {
                        let mut out = Vec::new();
                        let mut cur = Some(c.clone());
                        while let Some(k) = cur {
                            cur = k.base.clone();
                            out.push(Value::Class(k));
                        }
                        out.push(Value::Type(TypeKind::Object));
                        Ok(Value::tuple(out))
                    }
                    "__base__" => Ok(c
                        .base
                        .clone()
                        .map(Value::Class)
                        .unwrap_or(Value::Type(TypeKind::Object))),
                    _ => Err(self.exc(
                        "AttributeError",
                        &format!("type object '{}' has no attribute '{name}'", c.name),
                    )),
                }
            }
            Value::Module(m) => {
                // The borrow ends before an arm raises (a `match` on the borrow itself would
                // keep it to the end of the match): making the exception can run script code
                // that sets an attribute of this module.
                let found = m.get(name);
                match found {
                    Some(v) => Ok(v),
                    None if name == "__name__" => Ok(Value::str(&m.name)),
                    // A source module's `__dict__` is its global scope, as `globals()` there.
                    None if name == "__dict__" => match &m.namespace {
                        Namespace::Globals(env) => Ok(Value::Dict(env.as_dict())),
                        Namespace::Builtin(_) => Err(self.exc(
                            "AttributeError",
                            &format!("module '{}' has no attribute '__dict__'", m.name),
                        )),
                    },
                    None => Err(self.exc(
                        "AttributeError",
                        &format!("module '{}' has no attribute '{name}'", m.name),
                    )),
                }
            }
            Value::Func(f) => {
                if let Some(v) = f.attrs.borrow().get(name) {
                    return Ok(v.clone());
                }
                if let Some(v) = func_dict_get(f, name) {
                    return Ok(v);
                }
                match name {
                    "__name__" => Ok(Value::Str(PyStr::from(&f.def.name))),
                    "__qualname__" => Ok(Value::Str(PyStr::from(&f.qualname))),
                    "__doc__" => Ok(match f.def.body.first().map(|s| &s.kind) {
                        Some(StmtKind::Expr(Expr {
                            kind: ExprKind::Const(Const::Str(s)),
                            ..
                        })) if &*f.def.name != "<lambda>" => Value::Str(s.clone()),
                        _ => Value::None,
                    }),
                    "__module__" => Ok(Value::Str(PyStr::from(&self.module_name(&f.closure)))),
                    "__dict__" => Ok(Value::Dict(func_dict(f))),
                    "__kwdefaults__" => {
                        let npos = f.def.params.iter().filter(|p| p.default.is_some()).count();
                        let mut d = PyDict::new();
                        let with_default = f.def.kwonly.iter().filter(|p| p.default.is_some());
                        for (p, v) in with_default.zip(f.defaults.iter().skip(npos)) {
                            d.insert_str(PyStr::from(&p.name), v.clone());
                        }
                        Ok(if d.is_empty() {
                            Value::None
                        } else {
                            Value::dict(d)
                        })
                    }
                    "__annotations__" => {
                        let d = Value::dict(PyDict::new());
                        let old = f
                            .attrs
                            .borrow_mut()
                            .set(Rc::from("__annotations__"), d.clone());
                        drop(old);
                        Ok(d)
                    }
                    "__defaults__" => {
                        let n = f.def.params.iter().filter(|p| p.default.is_some()).count();
                        Ok(if n == 0 {
                            Value::None
                        } else {
                            Value::tuple(f.defaults[..n.min(f.defaults.len())].to_vec())
                        })
                    }
                    _ => Err(self.exc(
                        "AttributeError",
                        &format!("'function' object has no attribute '{name}'"),
                    )),
                }
            }
            Value::Method(m) => match name {
                "__self__" => Ok(m.recv.clone()),
                "__func__" => match &m.func {
                    MethodFunc::Func(f) => Ok(Value::Func(f.clone())),
                    MethodFunc::Native(_) => Err(self.exc(
                        "AttributeError",
                        "'builtin_function_or_method' object has no attribute '__func__'",
                    )),
                },
                "__name__" => match &m.func {
                    MethodFunc::Func(f) => Ok(Value::Str(PyStr::from(&f.def.name))),
                    MethodFunc::Native(n) => Ok(Value::Str(PyStr::from(n))),
                },
                _ => Err(self.exc(
                    "AttributeError",
                    &format!("'{}' object has no attribute '{name}'", obj.type_name()),
                )),
            },
            Value::Gen(g) => self.gen_attr(g, name),
            Value::Type(t) if name == "__name__" || name == "__qualname__" => {
                Ok(Value::str(t.dunder_name()))
            }
            Value::Type(t) if name == "__module__" => Ok(Value::str(t.module())),
            Value::Type(t) if self.bytes_type_attr(*t, name).is_some() => {
                Ok(self.bytes_type_attr(*t, name).unwrap_or(Value::None))
            }
            Value::Type(TypeKind::Tuple) if name == "__new__" => Ok(self.tuple_new()),
            Value::Type(TypeKind::Object) if self.object_method(name, None).is_some() => {
                Ok(self.object_method(name, None).unwrap_or(Value::None))
            }
            Value::Builtin(b) if name == "__name__" => Ok(Value::Str(PyStr::from(&b.name))),
            Value::Builtin(b) if name == "__module__" && b.module.is_some() => Ok(b
                .module
                .as_ref()
                .map_or(Value::None, |m| Value::Str(PyStr::from(m)))),
            Value::Slice(s) if matches!(name, "start" | "stop" | "step") => Ok(match name {
                "start" => s.start.clone(),
                "stop" => s.stop.clone(),
                _ => s.step.clone(),
            }),
            _ => {
                if name == "__class__" {
                    return Ok(Value::Type(obj.type_kind()));
                }
                if let Some(m) = crate::types::bind_class_method(obj, name) {
                    return Ok(m);
                }
                if let Some(v) = self.number_attr(obj, name) {
                    return Ok(v);
                }
                if crate::types::has_method(obj, name) {
                    return Ok(Value::Method(Cc::new(Method {
                        recv: obj.clone(),
                        func: MethodFunc::Native(Rc::from(name)),
                    })));
                }
                if let Value::Type(t) = obj {
                    if let Some(m) = crate::types::unbound_method(*t, name) {
                        return Ok(m);
                    }
                }
                let msg = match obj {
                    Value::Type(t) => {
                        format!("type object '{}' has no attribute '{name}'", t.name())
                    }
                    _ => format!("'{}' object has no attribute '{name}'", obj.type_name()),
                };
                Err(self.exc("AttributeError", &msg))
            }
        }
    }

    /// Sets (`Some`) or deletes (`None`) an attribute of the instance itself (in its
    /// `__dict__` object if it has one).
    pub(crate) fn store_instance_attr(
        &self,
        i: &Instance,
        name: &Rc<str>,
        v: Option<Value>,
    ) -> PyResult<()> {
        if &**name == "__class__" {
            return self.assign_class(i, v);
        }
        if v.is_some() && self.features.slots_in_use.get() && !self.slot_allows(&i.class(), name)? {
            return Err(self.no_attr(&i.class().name, name));
        }
        let dict = i.dict.borrow().clone();
        let old = match (dict, v) {
            (Some(d), Some(v)) => d.map.borrow_mut().insert_str(PyStr::from(&**name), v),
            (None, Some(v)) => {
                let old = i.attrs.borrow_mut().set(name.clone(), v);
                old
            }
            (Some(d), None) => {
                let old = d.map.borrow_mut().remove(&HKey::Str(PyStr::from(&**name)));
                match old {
                    Some((_, v)) => Some(v),
                    None => return Err(self.no_attr(&i.class().name, name)),
                }
            }
            (None, None) => {
                let old = i.attrs.borrow_mut().remove(name);
                match old {
                    Some(v) => Some(v),
                    None => return Err(self.no_attr(&i.class().name, name)),
                }
            }
        };
        drop(old);
        Ok(())
    }

    /// Whether instances of `class` may get attribute `name` under `__slots__`: yes when some
    /// class of the chain has no `__slots__` (its instances have a `__dict__`) or lists
    /// `__dict__` or `name`; no when every class lists its slots and none is `name`.
    fn slot_allows(&self, class: &Cc<Class>, name: &str) -> PyResult<bool> {
        let mut cur = Some(class.clone());
        while let Some(c) = cur {
            let slots = c.attrs.borrow().get("__slots__").cloned();
            let Some(slots) = slots else {
                return Ok(true);
            };
            let names = match &slots {
                Value::Str(_) => vec![slots.clone()],
                other => self.collect(other)?,
            };
            if names
                .iter()
                .any(|n| matches!(n, Value::Str(s) if &**s == name || &**s == "__dict__"))
            {
                return Ok(true);
            }
            cur = c.base.clone();
        }
        Ok(false)
    }

    fn no_attr(&self, tn: &str, name: &str) -> Ctrl {
        self.exc(
            "AttributeError",
            &format!("'{tn}' object has no attribute '{name}'"),
        )
    }

    /// An attribute of the instance itself (not of its class).
    pub(crate) fn instance_own_attr(&self, inst: &Instance, name: &str) -> Option<Value> {
        let v = inst.attrs.borrow().get(name).cloned();
        v.or_else(|| self.instance_dict_get(inst, name))
    }

    /// An attribute from the instance's `__dict__` object, when it has one.
    fn instance_dict_get(&self, inst: &Instance, name: &str) -> Option<Value> {
        let dict = inst.dict.borrow().clone()?;
        let v = dict
            .map
            .borrow()
            .get(&HKey::Str(PyStr::from(name)))
            .cloned();
        v
    }

    /// The instance's `__dict__`: made on first use from its attributes, which live in it from
    /// then on.
    pub(crate) fn instance_dict(&self, inst: &Instance) -> Cc<DictObj> {
        if let Some(d) = inst.dict.borrow().clone() {
            return d;
        }
        let entries = inst.attrs.borrow_mut().take_all();
        let mut map = PyDict::new();
        for (k, v) in entries {
            map.insert_str(PyStr::from(&k), v);
        }
        let d = Cc::new(DictObj {
            map: RefCell::new(map),
        });
        let old = inst.dict.borrow_mut().replace(d.clone());
        drop(old);
        d
    }

    pub(crate) fn is_super_proxy(&self, inst: &Cc<Instance>) -> bool {
        self.builtins
            .super_class
            .borrow()
            .as_ref()
            .is_some_and(|c| Cc::ptr_eq(c, &inst.class()))
    }

    /// `super()`: a proxy that looks attributes up from the base of the running method's class.
    pub(crate) fn make_super(&self, args: Vec<Value>) -> PyResult<Value> {
        let top = match <[Value; 2]>::try_from(args) {
            Ok([Value::Class(c), me]) => Some((c, me)),
            Ok([c, _]) => {
                return Err(self.type_error(format!(
                    "super() argument 1 must be a type, not {}",
                    c.type_name()
                )))
            }
            Err(a) if a.is_empty() => self.calls.super_stack.borrow().last().cloned(),
            Err(_) => {
                return Err(self.type_error("minipy supports super() and super(type, obj)".into()))
            }
        };
        let Some((cls, me)) = top else {
            return Err(self.exc("RuntimeError", "super(): no arguments"));
        };
        let sc = self
            .builtins
            .super_class
            .borrow()
            .clone()
            .expect("super class");
        let proxy = self.new_instance_raw(&sc);
        {
            let mut attrs = proxy.attrs.borrow_mut();
            attrs.set(Rc::from("__thisclass__"), Value::Class(cls));
            attrs.set(Rc::from("__self__"), me);
        }
        Ok(Value::Instance(proxy))
    }

    pub(crate) fn super_attr(&self, proxy: &Cc<Instance>, name: &str) -> PyResult<Value> {
        let (cls, me) = {
            let attrs = proxy.attrs.borrow();
            (
                attrs.get("__thisclass__").cloned(),
                attrs.get("__self__").cloned().unwrap_or(Value::None),
            )
        };
        let base = match cls {
            Some(Value::Class(c)) => c.base.clone(),
            _ => None,
        };
        let found = base.as_ref().and_then(|b| b.lookup(name));
        match found {
            Some(Value::Func(f)) => Ok(Value::Method(Cc::new(Method {
                recv: me,
                func: MethodFunc::Func(f),
            }))),
            Some(d @ Value::Instance(_)) => {
                let (obj, owner) = match &me {
                    Value::Instance(i) => (Some(&me), i.class()),
                    Value::Class(c) => (None, c.clone()),
                    _ => return Ok(d),
                };
                self.descr_get(d, obj, &owner, name)
            }
            Some(v) => Ok(v),
            // object.__init__ and friends: accept and do nothing.
            None if name == "__init__" && matches!(&me, Value::Instance(i) if i.base.is_some()) => {
                Ok(Value::Builtin(Rc::new(Builtin {
                    name: Rc::from(name),
                    module: None,
                    f: Box::new(move |interp: &Interp, args: Vec<Value>, kw| {
                        interp.init_builtin_base(&me, args, kw)?;
                        Ok(Value::None)
                    }),
                })))
            }
            None if name == "__init__" => {
                // BaseException.__init__ stores its arguments; object.__init__ does nothing.
                let is_exc =
                    matches!(&me, Value::Instance(i) if self.is_exception_class(&i.class()));
                Ok(Value::Builtin(Rc::new(Builtin {
                    name: Rc::from(name),
                    module: None,
                    f: Box::new(move |interp: &Interp, args: Vec<Value>, _| {
                        if is_exc {
                            interp.set_attr(&me, &Rc::from("args"), Value::tuple(args))?;
                        }
                        Ok(Value::None)
                    }),
                })))
            }
            // `super().fromkeys(...)`: a builtin base's class method, bound to the class.
            None if crate::types::bind_class_method(&me, name).is_some() => {
                Ok(crate::types::bind_class_method(&me, name).unwrap_or(Value::None))
            }
            // `super().__setitem__(k, v)`, `super().append(x)`: a method of the builtin base,
            // bound to the builtin value the instance holds (not through its overrides).
            None if matches!(&me, Value::Instance(i)
                if i.base.as_ref().is_some_and(|b| crate::types::has_method(b, name))) =>
            {
                let Value::Instance(i) = &me else {
                    return Err(self.exc("AttributeError", name));
                };
                Ok(Value::Method(Cc::new(Method {
                    recv: i.base.clone().unwrap_or(Value::None),
                    func: MethodFunc::Native(Rc::from(name)),
                })))
            }
            None => match self.object_method(name, Some(me)) {
                Some(m) => Ok(m),
                None => Err(self.exc(
                    "AttributeError",
                    &format!("'super' object has no attribute '{name}'"),
                )),
            },
        }
    }

    /// `obj.name` when it is an attribute an instance holds itself, found through the site's
    /// slot cache `hint`; `None` when the full lookup ([`Interp::get_attr`]) must decide.
    pub(crate) fn instance_attr_at(
        &self,
        obj: &Value,
        name: &str,
        hint: &std::cell::Cell<u32>,
    ) -> Option<Value> {
        match obj {
            Value::Instance(inst) if !self.is_super_proxy(inst) => {
                inst.attrs.borrow().get_hinted(name, hint).cloned()
            }
            _ => None,
        }
    }

    /// `obj.name = v` for a plain instance attribute (no descriptors, `__setattr__`,
    /// `__slots__` or `__dict__` object in play anywhere, not `__class__`), through the site's
    /// slot cache `hint`; gives `v` back when [`Interp::set_attr`] must decide.
    pub(crate) fn store_plain_attr_at(
        &self,
        obj: &Value,
        name: &Rc<str>,
        v: Value,
        hint: &std::cell::Cell<u32>,
    ) -> Option<Value> {
        let Value::Instance(i) = obj else {
            return Some(v);
        };
        if self.features.descr_in_use.get()
            || self.features.slots_in_use.get()
            || &**name == "__class__"
            || i.dict.borrow().is_some()
        {
            return Some(v);
        }
        let old = i.attrs.borrow_mut().set_hinted(name, v, hint);
        drop(old);
        None
    }

    /// `obj.name = v`. The name is shared, not copied: every instance whose `__init__` says
    /// `self.x = ...` keys its attribute with the syntax tree's one `x`.
    pub fn set_attr(&self, obj: &Value, name: &Rc<str>, v: Value) -> PyResult<()> {
        let old = match obj {
            Value::Instance(i) => {
                if self.features.descr_in_use.get()
                    && self.descr_set(i, name, Some(v.clone()), true)?
                {
                    return Ok(());
                }
                return self.store_instance_attr(i, name, Some(v));
            }
            Value::Class(c) => {
                if matches!(
                    &**name,
                    "__set__" | "__delete__" | "__setattr__" | "__delattr__"
                ) {
                    self.features.descr_in_use.set(true);
                }
                if matches!(&**name, "__setattr__" | "__delattr__") {
                    self.features.setattr_hooks.set(true);
                }
                c.attrs.borrow_mut().set(name.clone(), v)
            }
            _ if &**name == "__class__" && !matches!(obj, Value::Module(_)) => {
                return Err(self.type_error(CLASS_ASSIGN_BUILTIN.into()))
            }
            Value::Func(f) => match func_dict_for(f, name) {
                Some(d) => d.map.borrow_mut().insert_str(PyStr::from(&**name), v),
                None => f.attrs.borrow_mut().set(name.clone(), v),
            },
            Value::Module(m) => m.set(name.clone(), v),
            Value::Slice(_) if matches!(&**name, "start" | "stop" | "step") => {
                return Err(self.exc("AttributeError", "readonly attribute"))
            }
            _ => {
                return Err(self.exc(
                    "AttributeError",
                    &format!("'{}' object has no attribute '{name}'", obj.type_name()),
                ))
            }
        };
        drop(old);
        Ok(())
    }

    pub(crate) fn del_attr(&self, obj: &Value, name: &str) -> PyResult<()> {
        let old = match obj {
            Value::Instance(i) => {
                if self.features.descr_in_use.get()
                    && self.descr_set(i, &Rc::from(name), None, true)?
                {
                    return Ok(());
                }
                return self.store_instance_attr(i, &Rc::from(name), None);
            }
            Value::Class(c) => c.attrs.borrow_mut().remove(name),
            Value::Func(f) => match func_dict_for(f, name) {
                Some(d) => {
                    let old = d.map.borrow_mut().remove(&HKey::Str(PyStr::from(name)));
                    old.map(|(_, v)| v)
                }
                None => f.attrs.borrow_mut().remove(name),
            },
            Value::Module(m) => m.remove(name),
            Value::Slice(_) if matches!(name, "start" | "stop" | "step") => {
                return Err(self.exc("AttributeError", "readonly attribute"))
            }
            _ => None,
        };
        match old {
            Some(v) => {
                drop(v);
                Ok(())
            }
            None => Err(self.exc(
                "AttributeError",
                &format!("'{}' object has no attribute '{name}'", obj.type_name()),
            )),
        }
    }

    // ------------------------------------------------------------ items

    pub(crate) fn index_of(&self, i: &Value, len: usize, what: &str) -> PyResult<usize> {
        let i = match i {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            Value::Big(_) => {
                return Err(self.exc("IndexError", "cannot fit 'int' into an index-sized integer"))
            }
            other => {
                return Err(self.type_error(format!(
                    "{what} indices must be integers or slices, not {}",
                    other.type_name()
                )))
            }
        };
        let idx = if i < 0 { i + len as i64 } else { i };
        if idx < 0 || idx >= len as i64 {
            return Err(self.exc("IndexError", &format!("{what} index out of range")));
        }
        Ok(idx as usize)
    }

    /// `obj[i]`.
    pub fn get_item(&self, obj: &Value, i: &Value) -> PyResult<Value> {
        if let Value::Slice(sl) = i {
            if is_sliceable(obj) {
                return self.get_item_slice(obj, sl);
            }
        }
        match obj {
            Value::List(l) => {
                // No borrow is held while `index_of` raises: making the exception can run
                // script code that mutates the list.
                let len = l.items.borrow().len();
                let idx = self.index_of(i, len, "list")?;
                let item = l.items.borrow().get(idx).cloned();
                Ok(item.unwrap_or(Value::None))
            }
            Value::Tuple(t) => {
                let idx = self.index_of(i, t.items.len(), "tuple")?;
                Ok(t.items[idx].clone())
            }
            Value::Str(s) => {
                let n = s.chars().count();
                let idx = self.index_of(i, n, "string")?;
                Ok(Value::Str(PyStr::from(
                    s.chars().nth(idx).expect("in range").to_string(),
                )))
            }
            Value::Bytes(_) | Value::ByteArray(_) => self.bytes_get_item(obj, i),
            Value::Range(r) if r.wide.is_none() && r.len() >= 0 && !matches!(i, Value::Big(_)) => {
                let idx = self.index_of(i, r.len() as usize, "range object")?;
                Ok(Value::Int(
                    (r.start as i128 + r.step as i128 * idx as i128) as i64,
                ))
            }
            Value::Range(r) => {
                let idx = match i {
                    Value::Big(b) => (**b).clone(),
                    Value::Int(n) => (*n).into(),
                    Value::Bool(b) => (*b as i64).into(),
                    other => {
                        return Err(self.type_error(format!(
                            "range indices must be integers or slices, not {}",
                            other.type_name()
                        )))
                    }
                };
                match r.item(&idx) {
                    Some(v) => Ok(crate::bigint::normalize(v)),
                    None => Err(self.exc("IndexError", "range object index out of range")),
                }
            }
            Value::Dict(d) => {
                let hk = self.dict_key(&d.map, i)?;
                let found = d.map.borrow().get(&hk).cloned();
                match found {
                    Some(v) => Ok(v),
                    None => Err(self.exc_with("KeyError", vec![i.clone()])),
                }
            }
            Value::Instance(inst) => match inst.class().lookup("__getitem__") {
                Some(f) => self.call(&f, vec![obj.clone(), i.clone()], Vec::new()),
                // A class deriving from dict with `__missing__` (as `dict_subscript`).
                None if matches!(inst.base, Some(Value::Dict(_))) => {
                    let Some(Value::Dict(d)) = &inst.base else {
                        return self.get_item(inst.base.as_ref().unwrap_or(&Value::None), i);
                    };
                    let hk = self.dict_key(&d.map, i)?;
                    let found = d.map.borrow().get(&hk).cloned();
                    match (found, inst.class().lookup("__missing__")) {
                        (Some(v), _) => Ok(v),
                        (None, Some(f)) => self.call(&f, vec![obj.clone(), i.clone()], Vec::new()),
                        (None, None) => Err(self.exc_with("KeyError", vec![i.clone()])),
                    }
                }
                None if inst.base.is_some() => {
                    self.get_item(inst.base.as_ref().expect("checked"), i)
                }
                None => Err(self.type_error(format!(
                    "'{}' object is not subscriptable",
                    inst.class().name
                ))),
            },
            // `list[int]`: a `types.GenericAlias`, as in CPython.
            Value::Type(
                TypeKind::List
                | TypeKind::Dict
                | TypeKind::Tuple
                | TypeKind::Type
                | TypeKind::Set
                | TypeKind::FrozenSet,
            ) => {
                let alias = self.get_attr(&self.import("types")?, "GenericAlias")?;
                self.call(&alias, vec![obj.clone(), i.clone()], Vec::new())
            }
            Value::Type(t) => {
                Err(self.type_error(format!("type '{}' is not subscriptable", t.name())))
            }
            // `C[int]`: `C.__class_getitem__(int)`, a class method even when not declared one.
            Value::Class(c) => match c.lookup("__class_getitem__") {
                Some(f @ Value::Func(_)) => self.call(&f, vec![obj.clone(), i.clone()], Vec::new()),
                Some(_) => {
                    let bound = self.get_attr(obj, "__class_getitem__")?;
                    self.call(&bound, vec![i.clone()], Vec::new())
                }
                None => Err(self.type_error(format!("type '{}' is not subscriptable", c.name))),
            },
            _ => Err(self.type_error(format!("'{}' object is not subscriptable", obj.type_name()))),
        }
    }

    /// `obj[s]` for a slice object `s` and a builtin sequence (out of line: rare, and kept
    /// out of [`Interp::get_item`]'s code).
    #[cold]
    #[inline(never)]
    fn get_item_slice(&self, obj: &Value, s: &SliceObj) -> PyResult<Value> {
        let (lo, hi, step) = self.unpack_slice(s.parts())?;
        self.get_slice(obj, lo, hi, step)
    }

    /// `obj[i] = v`.
    pub fn set_item(&self, obj: &Value, i: Value, v: Value) -> PyResult<()> {
        if let (Value::Slice(sl), Value::List(_) | Value::ByteArray(_)) = (&i, obj) {
            let (lo, hi, step) = self.unpack_slice(sl.parts())?;
            return self.set_slice(obj, lo, hi, step, v);
        }
        match obj {
            Value::List(l) => {
                let len = l.items.borrow().len();
                let idx = self.index_of(&i, len, "list assignment")?;
                let old = std::mem::replace(&mut l.items.borrow_mut()[idx], v);
                drop(old);
                Ok(())
            }
            Value::ByteArray(a) => self.bytearray_set_item(a, &i, &v),
            Value::Dict(d) => {
                let hk = self.dict_key(&d.map, &i)?;
                let old = d.map.borrow_mut().insert(hk, i, v);
                drop(old);
                Ok(())
            }
            Value::Instance(inst) => match inst.class().lookup("__setitem__") {
                Some(f) => self
                    .call(&f, vec![obj.clone(), i, v], Vec::new())
                    .map(|_| ()),
                None if inst.base.is_some() => {
                    self.set_item(inst.base.as_ref().expect("checked"), i, v)
                }
                None => Err(self.type_error(format!(
                    "'{}' object does not support item assignment",
                    inst.class().name
                ))),
            },
            _ => Err(self.type_error(format!(
                "'{}' object does not support item assignment",
                obj.type_name()
            ))),
        }
    }

    /// `del obj[i]`.
    pub(crate) fn del_item(&self, obj: &Value, i: &Value) -> PyResult<()> {
        if let (Value::Slice(sl), Value::List(_) | Value::ByteArray(_)) = (i, obj) {
            let (lo, hi, step) = self.unpack_slice(sl.parts())?;
            return self.del_slice(obj, lo, hi, step);
        }
        match obj {
            Value::List(l) => {
                let len = l.items.borrow().len();
                let idx = self.index_of(i, len, "list assignment")?;
                let old = l.items.borrow_mut().remove(idx);
                drop(old);
                Ok(())
            }
            Value::ByteArray(a) => self.bytearray_del_item(a, i),
            Value::Dict(d) => {
                let hk = self.dict_key(&d.map, i)?;
                let old = d.map.borrow_mut().remove(&hk);
                match old {
                    Some(e) => {
                        drop(e);
                        Ok(())
                    }
                    None => Err(self.exc_with("KeyError", vec![i.clone()])),
                }
            }
            Value::Instance(inst) => match inst.class().lookup("__delitem__") {
                Some(f) => self
                    .call(&f, vec![obj.clone(), i.clone()], Vec::new())
                    .map(|_| ()),
                None if inst.base.is_some() => {
                    self.del_item(inst.base.as_ref().expect("checked"), i)
                }
                None => Err(self.type_error(format!(
                    "'{}' object {} support item deletion",
                    inst.class().name,
                    deletion_verb(i)
                ))),
            },
            _ => Err(self.type_error(format!(
                "'{}' object {} support item deletion",
                obj.type_name(),
                deletion_verb(i)
            ))),
        }
    }

    /// Python's slice index computation: the indices selected from a sequence of `len`.
    pub(crate) fn slice_indices(
        &self,
        len: usize,
        lo: Option<i64>,
        hi: Option<i64>,
        step: Option<i64>,
    ) -> PyResult<Vec<usize>> {
        Ok(self.slice_range(len, lo, hi, step)?.collect())
    }

    /// The indices [`Interp::slice_indices`] gives, one at a time (no vector made).
    pub(crate) fn slice_range(
        &self,
        len: usize,
        lo: Option<i64>,
        hi: Option<i64>,
        step: Option<i64>,
    ) -> PyResult<SliceRange> {
        let step = step.unwrap_or(1);
        if step == 0 {
            return Err(self.exc("ValueError", "slice step cannot be zero"));
        }
        let len = len as i64;
        let norm = |v: i64, lo_b: i64, hi_b: i64| -> i64 {
            let v = if v < 0 { v.saturating_add(len) } else { v };
            v.clamp(lo_b, hi_b)
        };
        let (start, stop) = if step > 0 {
            (
                lo.map_or(0, |v| norm(v, 0, len)),
                hi.map_or(len, |v| norm(v, 0, len)),
            )
        } else {
            (
                lo.map_or(len - 1, |v| norm(v, -1, len - 1)),
                hi.map_or(-1, |v| norm(v, -1, len - 1)),
            )
        };
        // How many indices the slice selects (both bounds lie in -1..=len).
        let span = if step > 0 { stop - start } else { start - stop };
        let count = if span > 0 {
            (span - 1) / step.saturating_abs() + 1
        } else {
            0
        };
        Ok(SliceRange {
            next: start,
            step,
            left: count as usize,
        })
    }

    /// CPython's `PySlice_AdjustIndices`: (start, stop, step) clamped to a sequence of `len`.
    pub(crate) fn adjust_slice(
        &self,
        len: i64,
        lo: Option<i64>,
        hi: Option<i64>,
        step: Option<i64>,
    ) -> PyResult<(i64, i64, i64)> {
        let step = step.unwrap_or(1);
        if step == 0 {
            return Err(self.exc("ValueError", "slice step cannot be zero"));
        }
        let adjust = |v: Option<i64>, default: i64| -> i64 {
            match v {
                None => default,
                Some(v) if v < 0 => {
                    let v = v.saturating_add(len);
                    if v >= 0 {
                        v
                    } else if step < 0 {
                        -1
                    } else {
                        0
                    }
                }
                Some(v) if v >= len => {
                    if step < 0 {
                        len - 1
                    } else {
                        len
                    }
                }
                Some(v) => v,
            }
        };
        let (start, stop) = if step > 0 {
            (adjust(lo, 0), adjust(hi, len))
        } else {
            (adjust(lo, len - 1), adjust(hi, -1))
        };
        Ok((start, stop, step))
    }

    /// CPython's `PySlice_Unpack`: a slice's bounds as indices (`None` where omitted), the
    /// step converted first (`slice step cannot be zero`; a step below `-sys.maxsize` is
    /// `-sys.maxsize`), then start and stop; big ints are clamped, other objects go through
    /// `__index__`.
    #[allow(clippy::type_complexity)]
    pub(crate) fn unpack_slice(
        &self,
        [start, stop, step]: [&Value; 3],
    ) -> PyResult<(Option<i64>, Option<i64>, Option<i64>)> {
        let conv = |v: &Value| -> PyResult<Option<i64>> {
            match v {
                Value::None => Ok(None),
                Value::Int(i) => Ok(Some(*i)),
                v => crate::types::args::slice_index(self, v, crate::types::args::SLICE_INDEX_MSG)
                    .map(Some),
            }
        };
        let step = conv(step)?;
        if step == Some(0) {
            return Err(self.exc("ValueError", "slice step cannot be zero"));
        }
        let step = step.map(|s| s.max(-i64::MAX));
        Ok((conv(start)?, conv(stop)?, step))
    }

    /// The indices of `[lo:hi:step]` written as such ([`Interp::unpack_slice`]'s).
    #[allow(clippy::type_complexity)]
    fn unpack_bounds(&self, b: &SliceBounds) -> PyResult<(Option<i64>, Option<i64>, Option<i64>)> {
        match b {
            SliceBounds::Ints([lo, hi, step]) => {
                if *step == Some(0) {
                    return Err(self.exc("ValueError", "slice step cannot be zero"));
                }
                Ok((*lo, *hi, step.map(|s| s.max(-i64::MAX))))
            }
            SliceBounds::Values([lo, hi, step]) => self.unpack_slice([lo, hi, step]),
        }
    }

    /// `obj[start:stop:step]` written as such, its bounds evaluated. A builtin sequence is
    /// sliced without making a slice object; anything else (an instance, a dict, a class) is
    /// subscripted with a new slice object, as in CPython.
    pub(crate) fn subscript_slice(&self, obj: &Value, b: SliceBounds) -> PyResult<Value> {
        if is_sliceable(obj) {
            let (lo, hi, step) = self.unpack_bounds(&b)?;
            return self.get_slice(obj, lo, hi, step);
        }
        self.get_item(obj, &b.into_slice())
    }

    /// `obj[start:stop:step] = v` written as such (see [`Interp::subscript_slice`]).
    pub(crate) fn assign_slice(&self, obj: &Value, b: SliceBounds, v: Value) -> PyResult<()> {
        if matches!(obj, Value::List(_) | Value::ByteArray(_)) {
            let (lo, hi, step) = self.unpack_bounds(&b)?;
            return self.set_slice(obj, lo, hi, step, v);
        }
        self.set_item(obj, b.into_slice(), v)
    }

    /// `del obj[start:stop:step]` written as such (see [`Interp::subscript_slice`]).
    pub(crate) fn delete_slice(&self, obj: &Value, b: SliceBounds) -> PyResult<()> {
        if matches!(obj, Value::List(_) | Value::ByteArray(_)) {
            let (lo, hi, step) = self.unpack_bounds(&b)?;
            return self.del_slice(obj, lo, hi, step);
        }
        self.del_item(obj, &b.into_slice())
    }

    /// A slice of a builtin sequence (one [`is_sliceable`] accepts), its bounds unpacked.
    pub(crate) fn get_slice(
        &self,
        obj: &Value,
        lo: Option<i64>,
        hi: Option<i64>,
        step: Option<i64>,
    ) -> PyResult<Value> {
        match obj {
            Value::List(l) if step.unwrap_or(1) == 1 => {
                let v = {
                    let items = l.items.borrow();
                    let (start, stop) = contiguous_bounds(items.len(), lo, hi);
                    items[start..stop.max(start)].to_vec()
                };
                Ok(Value::list(v))
            }
            Value::List(l) => {
                // The indices are computed (they may raise) with no borrow held, and the items
                // copied out before the new list is allocated: both can run script code that
                // mutates the list.
                let len = l.items.borrow().len();
                let idx = self.slice_range(len, lo, hi, step)?;
                let v: Vec<Value> = {
                    let items = l.items.borrow();
                    idx.filter_map(|i| items.get(i).cloned()).collect()
                };
                Ok(Value::list(v))
            }
            Value::Tuple(t) => {
                let idx = self.slice_range(t.items.len(), lo, hi, step)?;
                Ok(Value::tuple(idx.map(|i| t.items[i].clone()).collect()))
            }
            Value::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                let idx = self.slice_indices(chars.len(), lo, hi, step)?;
                Ok(Value::Str(PyStr::from(
                    idx.into_iter().map(|i| chars[i]).collect::<String>(),
                )))
            }
            Value::Bytes(_) | Value::ByteArray(_) => self.bytes_get_slice(obj, lo, hi, step),
            Value::Range(r) if r.wide.is_some() => Err(self.overflow()),
            Value::Range(r) => {
                // As CPython: a slice of a range is a range.
                let (start, stop, st) = self.adjust_slice(r.len(), lo, hi, step)?;
                let conv = |i: i64| -> Option<i64> {
                    r.step.checked_mul(i).and_then(|x| x.checked_add(r.start))
                };
                let new_step = r.step.checked_mul(st);
                match (conv(start), conv(stop), new_step) {
                    (Some(a), Some(b), Some(c)) => {
                        Ok(Value::Range(Rc::new(RangeObj::narrow(a, b, c))))
                    }
                    _ => Err(self.overflow()),
                }
            }
            _ => Err(self.type_error(format!("'{}' object is not subscriptable", obj.type_name()))),
        }
    }

    /// Assigns a slice of a list or bytearray, its bounds unpacked.
    pub(crate) fn set_slice(
        &self,
        obj: &Value,
        lo: Option<i64>,
        hi: Option<i64>,
        step: Option<i64>,
        v: Value,
    ) -> PyResult<()> {
        if let Value::ByteArray(a) = obj {
            return self.bytearray_set_slice(a, lo, hi, step, &v);
        }
        let Value::List(l) = obj else {
            return Err(self.type_error(format!(
                "'{}' object does not support item assignment",
                obj.type_name()
            )));
        };
        let mut new = self.collect(&v)?;
        let len = l.items.borrow().len();
        if step.unwrap_or(1) == 1 {
            let (start, stop) = contiguous_bounds(len, lo, hi);
            let end = stop.max(start);
            if new.len() == end - start {
                // Same length: the new items trade places with the old ones, which are
                // dropped once the list is no longer borrowed.
                new.swap_with_slice(&mut l.items.borrow_mut()[start..end]);
                drop(new);
                return Ok(());
            }
            let old: Vec<Value> = l.items.borrow_mut().splice(start..end, new).collect();
            drop(old);
            return Ok(());
        }
        let idx = self.slice_range(len, lo, hi, step)?;
        if idx.len() != new.len() {
            return Err(self.exc(
                "ValueError",
                &format!(
                    "attempt to assign sequence of size {} to extended slice of size {}",
                    new.len(),
                    idx.len()
                ),
            ));
        }
        let mut old = Vec::new();
        {
            let mut items = l.items.borrow_mut();
            for (i, v) in idx.zip(new) {
                old.push(std::mem::replace(&mut items[i], v));
            }
        }
        drop(old);
        Ok(())
    }

    /// Deletes a slice of a list or bytearray, its bounds unpacked.
    pub(crate) fn del_slice(
        &self,
        obj: &Value,
        lo: Option<i64>,
        hi: Option<i64>,
        step: Option<i64>,
    ) -> PyResult<()> {
        if let Value::ByteArray(a) = obj {
            return self.bytearray_del_slice(a, lo, hi, step);
        }
        let Value::List(l) = obj else {
            return Err(self.type_error(format!(
                "'{}' object doesn't support item deletion",
                obj.type_name()
            )));
        };
        let len = l.items.borrow().len();
        let mut idx = self.slice_indices(len, lo, hi, step)?;
        idx.sort_unstable();
        let mut old = Vec::new();
        {
            let mut items = l.items.borrow_mut();
            for i in idx.into_iter().rev() {
                old.push(items.remove(i));
            }
        }
        drop(old);
        Ok(())
    }

    // ------------------------------------------------------------ iteration

    /// Starts iterating a value.
    pub fn iter(&self, v: &Value) -> PyResult<PyIter> {
        self.iter_or(v, not_iterable)
    }

    /// Starts iterating a value; `refusal` words the `TypeError` for a value that cannot be
    /// iterated, from its type's name ([`not_iterable`], or [`cannot_unpack`] for an
    /// unpacking assignment, as CPython words them).
    pub(crate) fn iter_or(&self, v: &Value, refusal: fn(&str) -> String) -> PyResult<PyIter> {
        Ok(match v {
            Value::List(l) => PyIter::List(l.clone(), 0),
            Value::Tuple(t) => PyIter::Tuple(t.clone(), 0),
            Value::Range(r) if r.wide.is_some() => {
                let [lo, hi, st] = r.bounds();
                PyIter::WideRange(Box::new([lo, hi, st]))
            }
            Value::Range(r) => PyIter::Range(r.start, r.stop, r.step),
            Value::Str(s) => PyIter::Str(s.clone(), 0),
            Value::Bytes(_) | Value::ByteArray(_) => PyIter::Bytes(v.clone(), 0),
            Value::Set(d) => {
                let (keys, len) = {
                    let items = d.items.borrow();
                    let keys: Vec<Value> = items.iter().map(|(k, _)| k.clone()).collect();
                    (keys, items.len())
                };
                PyIter::Set(d.clone(), keys, 0, len)
            }
            Value::Dict(d) => {
                let (keys, len) = {
                    let map = d.map.borrow();
                    let keys: Vec<Value> = map.iter().map(|(k, _)| k.clone()).collect();
                    (keys, map.len())
                };
                PyIter::Dict(d.clone(), keys, 0, len)
            }
            // minipy has no metaclasses: a class that can be iterated (an `Enum`) says so with
            // a class method `__minipy_class_iter__` returning an iterable.
            Value::Class(c) if c.lookup("__minipy_class_iter__").is_some() => {
                let f = self.get_attr(v, "__minipy_class_iter__")?;
                let it = self.call(&f, Vec::new(), Vec::new())?;
                return self.iter(&it);
            }
            Value::Instance(inst) => {
                if let Some(f) = inst.class().lookup("__iter__") {
                    let it = self.call(&f, vec![v.clone()], Vec::new())?;
                    if let Value::Instance(i2) = &it {
                        if i2.class().lookup("__next__").is_some() {
                            return Ok(PyIter::Object(it));
                        }
                    }
                    return self.iter(&it);
                }
                if inst.class().lookup("__getitem__").is_some() {
                    return Ok(PyIter::GetItem(v.clone(), 0));
                }
                if let Some(b) = &inst.base {
                    return self.iter(b);
                }
                return Err(self.type_error(refusal(&inst.class().name)));
            }
            Value::Gen(g) if !g.is_coroutine() => PyIter::Gen(g.clone()),
            Value::Iter(o) => PyIter::Iter(o.clone()),
            _ => return Err(self.type_error(refusal(&v.type_name()))),
        })
    }

    /// Collects an iterable into a vector.
    pub fn collect(&self, v: &Value) -> PyResult<Vec<Value>> {
        self.collect_or(v, not_iterable)
    }

    /// [`Interp::collect`], with `refusal` wording the error for a value that cannot be
    /// iterated (see [`Interp::iter_or`]).
    pub(crate) fn collect_or(
        &self,
        v: &Value,
        refusal: fn(&str) -> String,
    ) -> PyResult<Vec<Value>> {
        match v {
            Value::Range(r) if r.len() > MAX_MATERIALIZE => Err(self.exc("MemoryError", "")),
            Value::List(l) => Ok(l.items.borrow().clone()),
            Value::Tuple(t) => Ok(t.items.to_vec()),
            _ => {
                let mut it = self.iter_or(v, refusal)?;
                let mut out = Vec::new();
                while let Some(x) = it.next(self)? {
                    out.push(x);
                }
                Ok(out)
            }
        }
    }
}

/// An iteration in progress. It is `Trace`: a generator suspended in a `for` loop, and an
/// iterator object, keep theirs in gc-core objects.
#[derive(gc_core::Trace)]
pub enum PyIter {
    /// Over a list (sees appends made while iterating, as Python does).
    List(Cc<ListObj>, usize),
    /// Over a tuple.
    Tuple(Cc<TupleObj>, usize),
    /// Over a range.
    Range(i64, i64, i64),
    /// Over a range with bounds beyond 64 bits: the next value, the stop and the step.
    WideRange(#[trace(skip)] Box<[num_bigint::BigInt; 3]>),
    /// Over a string's characters (byte offset).
    Str(#[trace(skip)] PyStr, usize),
    /// Over a `bytes` or `bytearray` (the next index; a `bytearray` may change meanwhile).
    Bytes(Value, usize),
    /// Over a snapshot of a dict's keys (the next one's index), and the dict's size then: a
    /// change of size raises `RuntimeError`, as in CPython.
    Dict(Cc<DictObj>, Vec<Value>, usize, usize),
    /// Over a snapshot of a set, likewise.
    Set(Cc<SetObj>, Vec<Value>, usize, usize),
    /// Over a generator.
    Gen(Cc<Generator>),
    /// Over a builtin iterator object.
    Iter(Cc<IterObj>),
    /// Over an object with `__next__`.
    Object(Value),
    /// Over an object with `__getitem__` (index until IndexError).
    GetItem(Value, i64),
}

impl PyIter {
    /// The next item, or `None` at the end.
    pub fn next(&mut self, interp: &Interp) -> PyResult<Option<Value>> {
        Ok(match self {
            PyIter::List(l, i) => {
                let v = l.items.borrow().get(*i).cloned();
                *i += 1;
                v
            }
            PyIter::Tuple(t, i) => {
                let v = t.items.get(*i).cloned();
                *i += 1;
                v
            }
            PyIter::Range(cur, stop, step) => {
                if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                    let v = *cur;
                    *cur = cur.saturating_add(*step);
                    if *cur == v {
                        *cur = *stop;
                    }
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            PyIter::WideRange(w) => {
                let [cur, stop, step] = &mut **w;
                let positive = num_traits::Signed::is_positive(&*step);
                if (positive && *cur < *stop) || (!positive && *cur > *stop) {
                    let v = cur.clone();
                    *cur += &*step;
                    Some(crate::bigint::normalize(v))
                } else {
                    None
                }
            }
            PyIter::Str(s, pos) => {
                let c = s[*pos..].chars().next();
                c.map(|c| {
                    *pos += c.len_utf8();
                    Value::Str(PyStr::from(c.to_string()))
                })
            }
            PyIter::Bytes(b, i) => {
                let byte = match b {
                    Value::Bytes(b) => b.data.get(*i).copied(),
                    Value::ByteArray(a) => a.data.borrow().get(*i).copied(),
                    _ => None,
                };
                *i += 1;
                byte.map(|x| Value::Int(x as i64))
            }
            PyIter::Dict(d, keys, i, len) => {
                if d.map.borrow().len() != *len {
                    return Err(
                        interp.exc("RuntimeError", "dictionary changed size during iteration")
                    );
                }
                *i += 1;
                keys.get(*i - 1).cloned()
            }
            PyIter::Set(d, keys, i, len) => {
                if d.items.borrow().len() != *len {
                    return Err(interp.exc("RuntimeError", "Set changed size during iteration"));
                }
                *i += 1;
                keys.get(*i - 1).cloned()
            }
            PyIter::Gen(g) => interp.gen_next(g)?,
            PyIter::Iter(o) => interp.iterobj_next(o)?,
            PyIter::Object(o) => {
                match interp.call_method(o, &Rc::from("__next__"), Vec::new(), Vec::new()) {
                    Ok(v) => Some(v),
                    Err(Ctrl::Exc(e)) if interp.exc_matches(&e.value, "StopIteration") => None,
                    Err(e) => return Err(e),
                }
            }
            PyIter::GetItem(o, i) => match interp.get_item(o, &Value::Int(*i)) {
                Ok(v) => {
                    *i += 1;
                    Some(v)
                }
                Err(Ctrl::Exc(e)) if interp.exc_matches(&e.value, "IndexError") => None,
                Err(e) => return Err(e),
            },
        })
    }
}

/// The evaluated bounds of a subscript's `[lo:hi:step]` (`Interp::eval_slice_parts`).
pub(crate) enum SliceBounds {
    /// Each an int or `None` (omitted or `None`): what a builtin sequence is sliced by as is.
    Ints([Option<i64>; 3]),
    /// At least one other object.
    Values([Value; 3]),
}

impl SliceBounds {
    /// The slice object of these bounds.
    pub(crate) fn into_slice(self) -> Value {
        let [start, stop, step] = match self {
            SliceBounds::Ints(b) => b.map(|b| b.map_or(Value::None, Value::Int)),
            SliceBounds::Values(v) => v,
        };
        Value::slice(start, stop, step)
    }
}

/// How CPython's `PyObject_DelItem` words its refusal: `doesn't` when the key is an index
/// (through `PySequence_DelItem`), `does not` for a slice.
fn deletion_verb(key: &Value) -> &'static str {
    if matches!(key, Value::Slice(_)) {
        "does not"
    } else {
        "doesn't"
    }
}

/// Whether `obj` is a builtin sequence that [`Interp::get_slice`] slices itself (a slice
/// object or `[a:b:c]` on anything else goes to its `__getitem__` or to the type's error).
fn is_sliceable(obj: &Value) -> bool {
    matches!(
        obj,
        Value::List(_)
            | Value::Tuple(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::ByteArray(_)
            | Value::Range(_)
    )
}

/// The (start, stop) a step-1 slice `[lo:hi]` of a sequence of `len` selects, each clamped to
/// `0..=len` (the slice is empty when stop <= start).
fn contiguous_bounds(len: usize, lo: Option<i64>, hi: Option<i64>) -> (usize, usize) {
    let n = len as i64;
    let norm = |v: i64| (if v < 0 { v.saturating_add(n) } else { v }).clamp(0, n) as usize;
    (lo.map_or(0, norm), hi.map_or(len, norm))
}

/// The indices a slice selects from a sequence, in the slice's order (see
/// [`Interp::slice_range`]): each lies in the sequence's bounds when the range is made.
pub(crate) struct SliceRange {
    next: i64,
    step: i64,
    left: usize,
}

impl Iterator for SliceRange {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let i = self.next;
        self.next = i.saturating_add(self.step);
        Some(i as usize)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for SliceRange {}

/// What `iter()` and a `for` loop say of a value that cannot be iterated.
pub(crate) fn not_iterable(type_name: &str) -> String {
    format!("'{type_name}' object is not iterable")
}

/// What an unpacking assignment (`a, b = 1`) says of a value that cannot be iterated.
pub(crate) fn cannot_unpack(type_name: &str) -> String {
    format!("cannot unpack non-iterable {type_name} object")
}
