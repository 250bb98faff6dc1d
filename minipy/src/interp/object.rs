//! `object`'s own methods that scripts call explicitly (`object.__new__(cls)`,
//! `object.__setattr__(obj, name, value)`, `super().__new__(cls)`...), and the hooks through
//! which user classes override object creation and attribute assignment: `__new__`,
//! `__setattr__` / `__delattr__` and `__init_subclass__`.

use std::rc::Rc;

use gc_core::Cc;

use super::*;

impl Interp {
    /// `object.NAME` (also what `super().NAME` finds when no user class defines it), bound to
    /// `me` when it comes through `super()`. `None` for a name `object` does not have.
    pub(crate) fn object_method(&self, name: &str, me: Option<Value>) -> Option<Value> {
        let n: &'static str = match name {
            "__new__" => "__new__",
            "__setattr__" => "__setattr__",
            "__delattr__" => "__delattr__",
            "__init_subclass__" => "__init_subclass__",
            "__getattribute__" => "__getattribute__",
            "__repr__" => "__repr__",
            "__str__" => "__str__",
            "__eq__" => "__eq__",
            "__ne__" => "__ne__",
            "__hash__" => "__hash__",
            "__init__" => "__init__",
            _ => return None,
        };
        Some(Value::Builtin(Rc::new(Builtin {
            name: Rc::from(n),
            module: None,
            f: Box::new(move |interp: &Interp, args: Vec<Value>, kw| {
                let mut all = Vec::with_capacity(args.len() + 1);
                // Through `super()` in a method, `self` is implied (not for `__new__`, a
                // static method, whose `cls` is passed explicitly).
                if n != "__new__" && n != "__init_subclass__" {
                    all.extend(me.clone());
                }
                all.extend(args);
                interp.call_object_method(n, all, kw)
            }),
        })))
    }

    fn call_object_method(
        &self,
        name: &str,
        args: Vec<Value>,
        _kw: Vec<(Rc<str>, Value)>,
    ) -> PyResult<Value> {
        match (name, args.as_slice()) {
            ("__new__", [Value::Class(c), ..]) => Ok(Value::Instance(self.new_instance_raw(c))),
            ("__new__", [Value::Type(TypeKind::Object), ..]) => {
                crate::builtins::construct(self, TypeKind::Object, Vec::new(), Vec::new())
            }
            ("__new__", [other, ..]) => Err(self.type_error(format!(
                "object.__new__(X): X is not a type object ({})",
                other.type_name()
            ))),
            ("__new__", []) => {
                Err(self.type_error("object.__new__(): not enough arguments".into()))
            }
            ("__setattr__", [Value::Instance(i), Value::Str(n), v]) => {
                self.raw_set_attr(i, &Rc::from(n.as_str()), Some(v.clone()))?;
                Ok(Value::None)
            }
            ("__delattr__", [Value::Instance(i), Value::Str(n)]) => {
                self.raw_set_attr(i, &Rc::from(n.as_str()), None)?;
                Ok(Value::None)
            }
            ("__getattribute__", [obj, Value::Str(n)]) => self.get_attr(obj, n),
            ("__init_subclass__", _) | ("__init__", _) => Ok(Value::None),
            ("__repr__", [v @ Value::Instance(i)]) => Ok(Value::Str(PyStr::from(format!(
                "<{} object at {:#x}>",
                repr::qualified_name(&i.class()),
                v.heap_addr().unwrap_or(0)
            )))),
            ("__repr__", [v]) => Ok(Value::Str(PyStr::from(self.repr(v)?))),
            ("__str__", [v]) => Ok(Value::Str(PyStr::from(self.repr(v)?))),
            ("__eq__", [a, b]) => Ok(Value::Bool(is_same(a, b))),
            ("__ne__", [a, b]) => Ok(Value::Bool(!is_same(a, b))),
            ("__hash__", [v]) => Ok(Value::Int((v.heap_addr().unwrap_or(0) >> 4) as i64)),
            _ => Err(self.type_error(format!(
                "minipy: unsupported call of object.{name}() with {} arguments",
                args.len()
            ))),
        }
    }

    /// Sets (`Some`) or deletes (`None`) an instance attribute without its class's
    /// `__setattr__`/`__delattr__` (what `object.__setattr__` does): data descriptors, then
    /// the instance's own attributes.
    fn raw_set_attr(&self, i: &Cc<Instance>, name: &Rc<str>, v: Option<Value>) -> PyResult<()> {
        if self.features.descr_in_use.get() && self.descr_set(i, name, v.clone(), false)? {
            return Ok(());
        }
        self.store_instance_attr(i, name, v)
    }

    /// A user `__setattr__` / `__delattr__` of the instance's class, if it has one: called, and
    /// `Ok(true)`.
    pub(crate) fn user_setattr(
        &self,
        i: &Cc<Instance>,
        name: &str,
        v: &Option<Value>,
    ) -> PyResult<bool> {
        let hook = if v.is_some() {
            "__setattr__"
        } else {
            "__delattr__"
        };
        let Some(f) = i.class().lookup(hook) else {
            return Ok(false);
        };
        let mut args = vec![Value::Instance(i.clone()), Value::str(name)];
        args.extend(v.clone());
        self.call(&f, args, Vec::new())?;
        Ok(true)
    }

    /// `C(args)` for a class with a `__new__` (its own or a base's): the object `__new__`
    /// makes, or `None` when no class defines one.
    pub(crate) fn call_user_new(
        &self,
        c: &Cc<Class>,
        args: &[Value],
        kwargs: &[(Rc<str>, Value)],
    ) -> PyResult<Option<Value>> {
        let Some(new) = c.lookup("__new__") else {
            return Ok(None);
        };
        let new = self.descr_get(new, None, c, "__new__")?;
        let mut a = Vec::with_capacity(args.len() + 1);
        a.push(Value::Class(c.clone()));
        a.extend(args.iter().cloned());
        self.call(&new, a, kwargs.to_vec()).map(Some)
    }

    /// `tuple.__new__(cls, iterable=())` for a class `cls` deriving from `tuple`: an instance
    /// holding the tuple of the iterable's items.
    pub(crate) fn new_tuple_instance(
        &self,
        c: &Cc<Class>,
        args: &[Value],
        kwargs: &[(Rc<str>, Value)],
    ) -> PyResult<Cc<Instance>> {
        if !kwargs.is_empty() {
            return Err(self.type_error("tuple() takes no keyword arguments".into()));
        }
        if args.len() > 1 {
            return Err(self.type_error(format!(
                "tuple expected at most 1 argument, got {}",
                args.len()
            )));
        }
        let items = match args.first() {
            Some(v) => self.collect(v)?,
            None => Vec::new(),
        };
        Ok(self.new_instance_with_base(c, Some(Value::tuple(items))))
    }

    /// `tuple.__new__`: `tuple.__new__(cls, iterable=())`, `cls` `tuple` or a subclass.
    pub(crate) fn tuple_new(&self) -> Value {
        Value::Builtin(Rc::new(Builtin {
            name: Rc::from("__new__"),
            module: None,
            f: Box::new(
                |interp: &Interp, args: Vec<Value>, kw| match args.split_first() {
                    Some((Value::Class(c), rest)) if c.builtin_base == Some(TypeKind::Tuple) => {
                        Ok(Value::Instance(interp.new_tuple_instance(c, rest, &kw)?))
                    }
                    Some((Value::Type(TypeKind::Tuple), rest)) => {
                        crate::builtins::construct(interp, TypeKind::Tuple, rest.to_vec(), kw)
                    }
                    Some((other, _)) => Err(interp.type_error(format!(
                        "tuple.__new__(X): X is not a subtype of tuple ({})",
                        interp.repr(other)?
                    ))),
                    None => Err(interp.type_error("tuple.__new__(): not enough arguments".into())),
                },
            ),
        }))
    }

    /// `list.__init__(self, iterable)` / `dict.__init__(self, ...)` for an instance of a
    /// subclass of `list` or `dict`: fills the value it holds.
    pub(crate) fn init_builtin_base(
        &self,
        obj: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<()> {
        let Value::Instance(inst) = obj else {
            return Ok(());
        };
        let Some(base) = &inst.base else {
            return Ok(());
        };
        // A tuple got its items from `tuple.__new__`; `__init__` is object's (it ignores them).
        if (args.is_empty() && kwargs.is_empty()) || matches!(base, Value::Tuple(_)) {
            return Ok(());
        }
        let kind = base.type_kind();
        if kind == TypeKind::List && !kwargs.is_empty() {
            return Err(self.type_error("list() takes no keyword arguments".into()));
        }
        if args.len() > 1 {
            return Err(self.type_error(format!(
                "{} expected at most 1 argument, got {}",
                kind.name(),
                args.len()
            )));
        }
        let fresh = crate::builtins::construct(self, kind, args, kwargs)?;
        let method = if kind == TypeKind::List {
            "extend"
        } else {
            "update"
        };
        self.call_method(base, &Rc::from(method), vec![fresh], Vec::new())?;
        Ok(())
    }

    /// Calls `__set_name__(owner, name)` on the attributes of a new class `c` whose class
    /// defines it (descriptors that want to know their name).
    pub(crate) fn set_names(&self, c: &Cc<Class>) -> PyResult<()> {
        let attrs: Vec<(Rc<str>, Value)> = c
            .attrs
            .borrow()
            .iter()
            .filter(|(_, v)| matches!(v, Value::Instance(_)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (name, v) in attrs {
            let Value::Instance(i) = &v else { continue };
            if let Some(f) = i.class().lookup("__set_name__") {
                self.call(
                    &f,
                    vec![
                        v.clone(),
                        Value::Class(c.clone()),
                        Value::Str(PyStr::from(&name)),
                    ],
                    Vec::new(),
                )?;
            }
        }
        Ok(())
    }

    /// Calls the `__init_subclass__` of the bases of a new class `c`.
    pub(crate) fn init_subclass(
        &self,
        c: &Cc<Class>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> PyResult<()> {
        let hook = c.base.as_ref().and_then(|b| b.lookup("__init_subclass__"));
        let Some(hook) = hook else {
            // `object.__init_subclass__` takes no keyword arguments.
            if !kwargs.is_empty() {
                return Err(self.type_error(format!(
                    "{}.__init_subclass__() takes no keyword arguments",
                    c.name
                )));
            }
            return Ok(());
        };
        // Implicitly a class method.
        let bound = match hook {
            Value::Func(f) => Value::Method(Cc::new(Method {
                recv: Value::Class(c.clone()),
                func: MethodFunc::Func(f),
            })),
            other => self.descr_get(other, None, c, "__init_subclass__")?,
        };
        self.call(&bound, Vec::new(), kwargs)?;
        Ok(())
    }
}
