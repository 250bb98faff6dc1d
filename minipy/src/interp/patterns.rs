//! Running a `match` statement: the subject is evaluated once, then each `case`'s pattern is
//! tried in order, as CPython 3.11's bytecode does it (`compiler_pattern*` in
//! `Python/compile.c`, `MATCH_CLASS` / `MATCH_KEYS` / `MATCH_SEQUENCE` / `MATCH_MAPPING` in
//! `Python/ceval.c`):
//!
//! - the names a pattern captures are collected while it is tried and bound only once the
//!   whole pattern has matched (a failed pattern binds nothing), then the guard runs (a false
//!   guard leaves them bound);
//! - a sequence pattern takes a list, tuple, range, `collections.deque`, `array.array`, a
//!   subclass of `list` or `tuple` or of `collections.abc.Sequence` (never a str, bytes or
//!   bytearray); its length is checked with `len()`, then its items are taken by iterating it,
//!   or by index (`subject[i]`, `subject[len(subject) - k]`) when its star is `*_`;
//! - a mapping pattern takes a dict, a subclass of it, the `collections` dicts or a subclass of
//!   `collections.abc.Mapping`; after a `len()` check each key is looked up with
//!   `subject.get(key, sentinel)`, and `**rest` is a dict copy without those keys;
//! - a class pattern checks `isinstance`, then fetches every attribute its sub-patterns name
//!   (positional ones through `__match_args__`; a missing attribute fails the match) before
//!   matching any of them; `bool`, `bytearray`, `bytes`, `dict`, `float`, `frozenset`, `int`,
//!   `list`, `set`, `str` and `tuple` (and their subclasses without `__match_args__`) take one
//!   positional sub-pattern matched against the subject itself.
//!
//! Each phase is a function named after its pattern kind. A pattern is walked recursively:
//! its depth is bounded by the parser's nesting limit, and each level checks the stack budget
//! (`RecursionError` rather than an overflow).

use super::*;

/// How sequence and mapping patterns see a subject (CPython's `Py_TPFLAGS_SEQUENCE` and
/// `Py_TPFLAGS_MAPPING`).
#[derive(PartialEq, Eq)]
enum Collection {
    Sequence,
    Mapping,
    Other,
}

/// The names a pattern captured so far, with their values (bound when the case matches).
type Binds<'p> = Vec<(&'p Rc<str>, Value)>;

/// The builtin types whose class pattern matches its one positional sub-pattern against the
/// subject itself (CPython's `_Py_TPFLAGS_MATCH_SELF`).
const MATCH_SELF: &[TypeKind] = &[
    TypeKind::Bool,
    TypeKind::ByteArray,
    TypeKind::Bytes,
    TypeKind::Dict,
    TypeKind::Float,
    TypeKind::FrozenSet,
    TypeKind::Int,
    TypeKind::List,
    TypeKind::Set,
    TypeKind::Str,
    TypeKind::Tuple,
];

impl Interp {
    /// `match subject: case ...`: runs the block of the first case that matches.
    pub(super) fn exec_match(
        &self,
        subject: &Expr,
        cases: &[MatchCase],
        fr: &Frame,
    ) -> PyResult<()> {
        let v = self.eval(subject, fr)?;
        match self.choose_case(&v, cases, fr)? {
            Some(i) => self.exec_block(&cases[i].body, fr),
            None => Ok(()),
        }
    }

    /// The index of the first case whose pattern matches `subject` and whose guard holds,
    /// binding the names of each pattern that matched.
    pub(super) fn choose_case(
        &self,
        subject: &Value,
        cases: &[MatchCase],
        fr: &Frame,
    ) -> PyResult<Option<usize>> {
        for (i, c) in cases.iter().enumerate() {
            let mut binds = Vec::new();
            if !self.match_pattern(&c.pattern, subject, &mut binds, fr)? {
                continue;
            }
            for (name, v) in binds {
                self.store_name(name, v, fr)?;
            }
            if let Some(g) = &c.guard {
                fr.line.set(g.line);
                let t = self.eval(g, fr)?;
                if !self.truthy(&t)? {
                    continue;
                }
            }
            return Ok(Some(i));
        }
        Ok(None)
    }

    /// Whether `v` matches `p`; the names it captures are added to `binds`.
    fn match_pattern<'p>(
        &self,
        p: &'p Pattern,
        v: &Value,
        binds: &mut Binds<'p>,
        fr: &Frame,
    ) -> PyResult<bool> {
        self.check_stack()?;
        fr.line.set(p.line);
        match &p.kind {
            PatternKind::Value(e) => self.match_value(e, v, fr),
            PatternKind::Singleton(c) => Ok(match_singleton(c, v)),
            PatternKind::Sequence(items) => self.match_sequence(items, v, binds, fr),
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            } => self.match_mapping(keys, patterns, rest.as_ref(), v, binds, fr),
            PatternKind::Class {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => self.match_class(cls, patterns, kwd_attrs, kwd_patterns, v, binds, fr),
            // Only inside a sequence pattern, which handles it.
            PatternKind::Star(name) => {
                if let Some(n) = name {
                    binds.push((n, v.clone()));
                }
                Ok(true)
            }
            PatternKind::As(inner, name) => {
                self.match_as(inner.as_deref(), name.as_ref(), v, binds, fr)
            }
            PatternKind::Or(alts) => self.match_or(alts, v, binds, fr),
        }
    }

    /// A literal or dotted-name pattern: `subject == value`.
    fn match_value(&self, e: &Expr, v: &Value, fr: &Frame) -> PyResult<bool> {
        let x = self.eval(e, fr)?;
        self.eq(v, &x)
    }

    /// `p as name`, a capture `name`, or the wildcard `_`.
    fn match_as<'p>(
        &self,
        inner: Option<&'p Pattern>,
        name: Option<&'p Rc<str>>,
        v: &Value,
        binds: &mut Binds<'p>,
        fr: &Frame,
    ) -> PyResult<bool> {
        if let Some(p) = inner {
            if !self.match_pattern(p, v, binds, fr)? {
                return Ok(false);
            }
        }
        if let Some(n) = name {
            binds.push((n, v.clone()));
        }
        Ok(true)
    }

    /// `p | q | ...`: the first alternative that matches (a failed one's captures dropped).
    /// The names are bound in the order of the first alternative's, as CPython stores them.
    fn match_or<'p>(
        &self,
        alts: &'p [Pattern],
        v: &Value,
        binds: &mut Binds<'p>,
        fr: &Frame,
    ) -> PyResult<bool> {
        let mark = binds.len();
        for (i, alt) in alts.iter().enumerate() {
            if self.match_pattern(alt, v, binds, fr)? {
                if i > 0 && binds.len() - mark > 1 {
                    let order = alts[0].bound_names();
                    binds[mark..].sort_by_key(|(n, _)| {
                        order.iter().position(|(m, _)| m == n).unwrap_or(usize::MAX)
                    });
                }
                return Ok(true);
            }
            binds.truncate(mark);
        }
        Ok(false)
    }

    /// `[p, q, *rest]`: a sequence of the right length whose items match.
    fn match_sequence<'p>(
        &self,
        items: &'p [Pattern],
        v: &Value,
        binds: &mut Binds<'p>,
        fr: &Frame,
    ) -> PyResult<bool> {
        if self.collection_kind(v) != Collection::Sequence {
            return Ok(false);
        }
        let size = items.len();
        let star = items
            .iter()
            .position(|p| matches!(p.kind, PatternKind::Star(_)));
        let len = crate::builtins::len_of(self, v)?;
        let long_enough = match star {
            None => len == size as i64,
            Some(_) => len >= size as i64 - 1,
        };
        if !long_enough {
            return Ok(false);
        }
        let is_star_wildcard = |p: &Pattern| matches!(p.kind, PatternKind::Star(None));
        if items.iter().all(|p| p.is_wildcard() || is_star_wildcard(p)) {
            return Ok(true);
        }
        if let Some(si) = star.filter(|&si| is_star_wildcard(&items[si])) {
            // `[a, *_, b]`: the items are fetched by index, the ones after the star counted
            // from a fresh `len()` (the subject may not take negative indices).
            for (i, p) in items.iter().enumerate() {
                if i == si || p.is_wildcard() {
                    continue;
                }
                let idx = if i < si {
                    i as i64
                } else {
                    crate::builtins::len_of(self, v)? - (size - i) as i64
                };
                fr.line.set(p.line);
                let item = self.get_item(v, &Value::Int(idx))?;
                if !self.match_pattern(p, &item, binds, fr)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        // Otherwise the subject is unpacked (iterated) as `a, *b, c = subject` would be.
        let values = self.unpack_subject(v, size, star)?;
        for (p, item) in items.iter().zip(values) {
            if !self.match_pattern(p, &item, binds, fr)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The items of a sequence subject for `size` sub-patterns, the starred one (at `star`)
    /// getting the list of the items it stands for (`UNPACK_SEQUENCE` / `UNPACK_EX`).
    fn unpack_subject(&self, v: &Value, size: usize, star: Option<usize>) -> PyResult<Vec<Value>> {
        match star {
            None => {
                let items = match v {
                    Value::List(_) | Value::Tuple(_) => self.collect(v)?,
                    _ => self.collect_at_most(v, size + 1, super::access::not_iterable)?,
                };
                if items.len() > size {
                    return Err(self.exc(
                        "ValueError",
                        &format!("too many values to unpack (expected {size})"),
                    ));
                }
                if items.len() < size {
                    return Err(self.exc(
                        "ValueError",
                        &format!(
                            "not enough values to unpack (expected {size}, got {})",
                            items.len()
                        ),
                    ));
                }
                Ok(items)
            }
            Some(si) => {
                let mut items = self.collect(v)?;
                if items.len() < size - 1 {
                    return Err(self.exc(
                        "ValueError",
                        &format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            size - 1,
                            items.len()
                        ),
                    ));
                }
                let tail = items.split_off(items.len() - (size - si - 1));
                let mid = items.split_off(si);
                items.push(Value::list(mid));
                items.extend(tail);
                Ok(items)
            }
        }
    }

    /// `{key: p, **rest}`: a mapping with at least these keys, whose values match.
    #[allow(clippy::too_many_arguments)]
    fn match_mapping<'p>(
        &self,
        keys: &'p [Expr],
        patterns: &'p [Pattern],
        rest: Option<&'p Rc<str>>,
        v: &Value,
        binds: &mut Binds<'p>,
        fr: &Frame,
    ) -> PyResult<bool> {
        if self.collection_kind(v) != Collection::Mapping {
            return Ok(false);
        }
        if keys.is_empty() && rest.is_none() {
            return Ok(true);
        }
        if !keys.is_empty() && crate::builtins::len_of(self, v)? < keys.len() as i64 {
            return Ok(false);
        }
        let mut key_values = Vec::with_capacity(keys.len());
        for k in keys {
            key_values.push(self.eval(k, fr)?);
        }
        let Some(values) = self.match_keys(v, &key_values)? else {
            return Ok(false);
        };
        for (p, item) in patterns.iter().zip(values) {
            if !self.match_pattern(p, &item, binds, fr)? {
                return Ok(false);
            }
        }
        if let Some(n) = rest {
            let mut d = PyDict::new();
            self.dict_unpack(&mut d, v)?;
            let d = Value::dict(d);
            for k in &key_values {
                self.del_item(&d, k)?;
            }
            binds.push((n, d));
        }
        Ok(true)
    }

    /// The values of `keys` in mapping `m` (looked up with `m.get(key, sentinel)`), `None`
    /// when one is missing; two equal keys are a `ValueError` (CPython's `match_keys`).
    fn match_keys(&self, m: &Value, keys: &[Value]) -> PyResult<Option<Vec<Value>>> {
        if keys.is_empty() {
            return Ok(Some(Vec::new()));
        }
        let get: Rc<str> = Rc::from("get");
        // A plain dict's `get` cannot be overridden: its table is read directly.
        let dummy = match m {
            Value::Dict(_) => Value::None,
            _ => self.call(&Value::Type(TypeKind::Object), Vec::new(), Vec::new())?,
        };
        let mut seen = PyDict::new();
        let mut values = Vec::with_capacity(keys.len());
        for k in keys {
            let hk = self.dict_key(&seen, k)?;
            if seen.get(&hk).is_some() {
                return Err(self.exc(
                    "ValueError",
                    &format!("mapping pattern checks duplicate key ({})", self.repr(k)?),
                ));
            }
            let old = seen.insert(hk, k.clone(), Value::None);
            drop(old);
            if let Value::Dict(d) = m {
                let hk = self.dict_key(&d.map, k)?;
                let found = d.map.borrow().get(&hk).cloned();
                match found {
                    Some(value) => values.push(value),
                    None => return Ok(None),
                }
                continue;
            }
            let value = self.call_method(m, &get, vec![k.clone(), dummy.clone()], Vec::new())?;
            if is_same(&value, &dummy) {
                return Ok(None);
            }
            values.push(value);
        }
        Ok(Some(values))
    }

    /// `Cls(p, attr=q)`: an instance of the class whose attributes match.
    #[allow(clippy::too_many_arguments)]
    fn match_class<'p>(
        &self,
        cls: &Expr,
        patterns: &'p [Pattern],
        kwd_attrs: &[Rc<str>],
        kwd_patterns: &'p [Pattern],
        v: &Value,
        binds: &mut Binds<'p>,
        fr: &Frame,
    ) -> PyResult<bool> {
        let class = self.eval(cls, fr)?;
        let class_name: Rc<str> = match &class {
            Value::Class(c) => c.name.clone(),
            Value::Type(t) => Rc::from(t.name()),
            _ => {
                return Err(self.type_error("called match pattern must be a type".into()));
            }
        };
        if !crate::builtins::isinstance(self, v, &class)? {
            return Ok(false);
        }
        let Some(attrs) =
            self.match_class_attrs(&class, &class_name, patterns.len(), kwd_attrs, v)?
        else {
            return Ok(false);
        };
        for (p, attr) in patterns.iter().chain(kwd_patterns).zip(attrs) {
            if p.is_wildcard() {
                continue;
            }
            if !self.match_pattern(p, &attr, binds, fr)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The attributes a class pattern's `nargs` positional and its keyword sub-patterns are
    /// matched against, all fetched before any is matched; `None` when one is missing
    /// (CPython's `match_class`).
    fn match_class_attrs(
        &self,
        class: &Value,
        class_name: &str,
        nargs: usize,
        kwd_attrs: &[Rc<str>],
        v: &Value,
    ) -> PyResult<Option<Vec<Value>>> {
        let mut seen: Vec<Rc<str>> = Vec::new();
        let mut attrs = Vec::with_capacity(nargs + kwd_attrs.len());
        if nargs > 0 {
            let mut match_self = false;
            let names: Vec<Value> = match self.get_attr(class, "__match_args__") {
                Ok(Value::Tuple(t)) => t.items.to_vec(),
                Ok(other) => {
                    return Err(self.type_error(format!(
                        "{class_name}.__match_args__ must be a tuple (got {})",
                        other.type_name()
                    )))
                }
                Err(Ctrl::Exc(e)) if self.exc_matches(&e.value, "AttributeError") => {
                    match_self = match class {
                        Value::Type(t) => MATCH_SELF.contains(t),
                        Value::Class(c) => c.builtin_base.is_some_and(|t| MATCH_SELF.contains(&t)),
                        _ => false,
                    };
                    Vec::new()
                }
                Err(e) => return Err(e),
            };
            let allowed = if match_self { 1 } else { names.len() };
            if allowed < nargs {
                let plural = if allowed == 1 { "" } else { "s" };
                return Err(self.type_error(format!(
                    "{class_name}() accepts {allowed} positional sub-pattern{plural} ({nargs} given)"
                )));
            }
            if match_self {
                attrs.push(v.clone());
            } else {
                for name in &names[..nargs] {
                    let Value::Str(s) = name else {
                        return Err(self.type_error(format!(
                            "__match_args__ elements must be strings (got {})",
                            name.type_name()
                        )));
                    };
                    let name: Rc<str> = Rc::from(s.as_str());
                    match self.match_class_attr(v, class_name, &name, &mut seen)? {
                        Some(a) => attrs.push(a),
                        None => return Ok(None),
                    }
                }
            }
        }
        for name in kwd_attrs {
            match self.match_class_attr(v, class_name, name, &mut seen)? {
                Some(a) => attrs.push(a),
                None => return Ok(None),
            }
        }
        Ok(Some(attrs))
    }

    /// One attribute of a class pattern's subject; `None` when it has none.
    fn match_class_attr(
        &self,
        v: &Value,
        class_name: &str,
        name: &Rc<str>,
        seen: &mut Vec<Rc<str>>,
    ) -> PyResult<Option<Value>> {
        if seen.contains(name) {
            return Err(self.type_error(format!(
                "{class_name}() got multiple sub-patterns for attribute {}",
                crate::value::str_repr(name)
            )));
        }
        seen.push(name.clone());
        match self.get_attr(v, name) {
            Ok(a) => Ok(Some(a)),
            Err(Ctrl::Exc(e)) if self.exc_matches(&e.value, "AttributeError") => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Whether sequence or mapping patterns take `v`. Builtin types answer for themselves;
    /// a class answers by its `__minipy_match__` attribute (`'sequence'` or `'mapping'`, set
    /// by `collections.abc.Sequence` and `Mapping`, `collections.deque`, the `collections`
    /// dicts and `array.array`), else by the builtin type it derives from.
    fn collection_kind(&self, v: &Value) -> Collection {
        match v {
            Value::List(_) | Value::Tuple(_) | Value::Range(_) => Collection::Sequence,
            Value::Dict(_) => Collection::Mapping,
            Value::Instance(i) => {
                let c = i.class();
                if let Some(Value::Str(s)) = c.lookup("__minipy_match__") {
                    return match s.as_str() {
                        "sequence" => Collection::Sequence,
                        "mapping" => Collection::Mapping,
                        _ => Collection::Other,
                    };
                }
                match c.builtin_base {
                    Some(TypeKind::List | TypeKind::Tuple) => Collection::Sequence,
                    Some(TypeKind::Dict) => Collection::Mapping,
                    _ => Collection::Other,
                }
            }
            _ => Collection::Other,
        }
    }
}

/// `None`, `True`, `False`: the very object.
fn match_singleton(c: &Const, v: &Value) -> bool {
    match c {
        Const::None => matches!(v, Value::None),
        Const::Bool(b) => matches!(v, Value::Bool(x) if x == b),
        _ => false,
    }
}
