//! Runtime values and heap objects.
//!
//! Leaf values (None, bools, ints, floats, strings, ranges, builtin functions) live inline in
//! [`Value`] or behind a plain `Rc`: they can never be part of a cycle, so the collector never
//! sees them. Everything that can refer to other objects is a gc-core [`Cc`]: lists, tuples,
//! dicts, instances, classes, functions, environments, bound methods, modules and weak
//! references. Their `Trace` impls report every `Cc` they hold, which is all the cycle
//! collector needs; no rooting is ever required because a `Value` held by Rust is simply a
//! reference the collector can see is external.

use std::borrow::Borrow;
use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::rc::Rc;

use gc_core::{Cc, Trace, Visitor, Weak};

pub use crate::interp::complex::ComplexObj;
pub use crate::interp::generator::Generator;
pub use crate::interp::iterobj::IterObj;
pub use crate::weakcb::WeakKey;

use crate::ast::FuncDef;
use crate::interp::{Interp, PyResult};

/// A minipy value.
#[derive(Clone)]
pub enum Value {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// A 64-bit integer; arithmetic that leaves the range raises `OverflowError`.
    Int(i64),
    /// An integer outside the 64-bit range (never one that fits in `i64`: see
    /// `bigint::normalize`).
    Big(Rc<num_bigint::BigInt>),
    /// A float.
    Float(f64),
    /// An immutable string (a thin, one-pointer handle: see [`PyStr`]).
    Str(PyStr),
    /// `...`.
    Ellipsis,
    /// `NotImplemented`: what a binary or comparison method returns to let the other operand
    /// try.
    NotImplemented,
    /// A `range` object.
    Range(Rc<RangeObj>),
    /// A list.
    List(Cc<ListObj>),
    /// A tuple.
    Tuple(Cc<TupleObj>),
    /// A dict.
    Dict(Cc<DictObj>),
    /// A set.
    Set(Cc<SetObj>),
    /// A user function or lambda.
    Func(Cc<Function>),
    /// A class.
    Class(Cc<Class>),
    /// An instance of a user class (exceptions included).
    Instance(Cc<Instance>),
    /// A bound method.
    Method(Cc<Method>),
    /// A native function.
    Builtin(Rc<Builtin>),
    /// A builtin type such as `int` or `list`.
    Type(TypeKind),
    /// A module (`gc`, `weakref`).
    Module(Cc<Module>),
    /// A `weakref.ref`.
    WeakRef(Cc<WeakRefObj>),
    /// A generator or coroutine (see `interp::generator`).
    Gen(Cc<Generator>),
    /// A builtin iterator: `iter(list)`, `map`, `filter`, `zip`, `enumerate`, `reversed`.
    Iter(Cc<IterObj>),
    /// A `bytes` object (immutable; holds no references, so never tracked).
    Bytes(Rc<BytesObj>),
    /// A `bytearray` (mutable; holds no references, so never tracked).
    ByteArray(Rc<ByteArrayObj>),
    /// A `complex` number (immutable; holds no references, so never tracked).
    Complex(Rc<ComplexObj>),
    /// A `slice` object (immutable; tracked when a bound is a tracked object).
    Slice(Cc<SliceObj>),
}

impl Value {
    /// A copy of the value, as [`Clone::clone`] makes, with the scalars (`None`, bools, ints,
    /// floats) copied inline: the derived `clone` is an out-of-line call that dispatches on
    /// every variant, which costs more than copying 16 bytes where names are read.
    #[inline(always)]
    pub fn fast_clone(&self) -> Value {
        match self {
            Value::None => Value::None,
            Value::Bool(b) => Value::Bool(*b),
            Value::Int(i) => Value::Int(*i),
            Value::Float(f) => Value::Float(*f),
            other => other.clone(),
        }
    }
}

// A list item is a `Value`, and a collection streams every item of every tracked container:
// keep the enum at 16 bytes (a tag and one pointer or 8-byte scalar). A fat pointer in any
// variant (`Rc<str>`, `Box<[T]>`, `Rc<dyn Trait>`) would make it 24 and fail this.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Value>() == 16);

// ------------------------------------------------------------------ str

/// minipy's `str` object: an immutable, reference-counted string behind a *thin* pointer.
///
/// `Rc<str>` is a fat pointer (address and length, 16 bytes), which made every [`Value`] 24
/// bytes although every other variant fits in 16. `PyStr` is one pointer (8 bytes on 64-bit
/// targets) to a shared, counted `Box<str>`, so a `Value` is 16 bytes and a list of 499,500
/// items is 8 MB instead of 12 MB for the collector to stream. Reading the characters costs one
/// more indirection than `Rc<str>` did; the length and the characters are one load away.
///
/// It behaves like `str` wherever it can: it dereferences to `str` (so every `str` method
/// works on it), and equality, ordering and hashing are those of the characters, so `PyStr`
/// and `&str` hash alike and a `HashMap<PyStr, _>` can be looked up with a `&str`. Cloning
/// shares the characters (a count increment); [`PyStr::ptr_eq`] and [`PyStr::addr`] give the
/// object's identity, as `is` and `id()` see it.
///
/// ```
/// use minipy::value::PyStr;
///
/// let s = PyStr::from("spam");
/// let t = s.clone();
/// assert_eq!(s, t);
/// assert!(PyStr::ptr_eq(&s, &t)); // one object, two references
/// assert_eq!(s.len(), 4); // `str` methods through `Deref`
/// assert_eq!(s.to_uppercase(), "SPAM");
/// assert_eq!(std::mem::size_of::<PyStr>(), std::mem::size_of::<usize>());
/// ```
#[derive(Clone)]
pub struct PyStr(Rc<Box<str>>);

impl PyStr {
    /// Makes a new string object holding a copy of `s`.
    ///
    /// ```
    /// use minipy::value::PyStr;
    /// assert_eq!(PyStr::new("eggs").as_str(), "eggs");
    /// ```
    pub fn new(s: &str) -> PyStr {
        PyStr(Rc::new(Box::from(s)))
    }

    /// The characters.
    ///
    /// ```
    /// use minipy::value::PyStr;
    /// let s = PyStr::from(String::from("ham"));
    /// let t: &str = s.as_str();
    /// assert_eq!(t, "ham");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `a` and `b` are the same string object (not merely equal strings): Python's
    /// `is` on two strings.
    ///
    /// ```
    /// use minipy::value::PyStr;
    /// let a = PyStr::from("x");
    /// let b = PyStr::from("x");
    /// assert!(a == b && !PyStr::ptr_eq(&a, &b));
    /// assert!(PyStr::ptr_eq(&a, &a.clone()));
    /// ```
    pub fn ptr_eq(a: &PyStr, b: &PyStr) -> bool {
        Rc::ptr_eq(&a.0, &b.0)
    }

    /// The address of the shared string object: stable while it lives, distinct from every
    /// other live string (empty ones included), so `id()` can use it. Not the address of the
    /// characters (`as_ptr()`, through `Deref`), which every empty string shares.
    ///
    /// ```
    /// use minipy::value::PyStr;
    /// let a = PyStr::from("");
    /// let b = PyStr::from("");
    /// assert_eq!(a.addr(), a.clone().addr());
    /// assert_ne!(a.addr(), b.addr());
    /// ```
    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }
}

impl Deref for PyStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for PyStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for PyStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl Default for PyStr {
    /// The empty string.
    fn default() -> PyStr {
        PyStr::new("")
    }
}

impl PartialEq for PyStr {
    fn eq(&self, other: &PyStr) -> bool {
        // Shared objects (dict keys made from the same string) compare without reading the
        // characters, as `Rc<str>`'s equality did.
        PyStr::ptr_eq(self, other) || **self.0 == **other.0
    }
}

impl Eq for PyStr {}

impl PartialEq<str> for PyStr {
    fn eq(&self, other: &str) -> bool {
        **self.0 == *other
    }
}

impl PartialEq<&str> for PyStr {
    fn eq(&self, other: &&str) -> bool {
        **self.0 == **other
    }
}

impl PartialOrd for PyStr {
    fn partial_cmp(&self, other: &PyStr) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PyStr {
    fn cmp(&self, other: &PyStr) -> Ordering {
        (**self.0).cmp(&**other.0)
    }
}

impl Hash for PyStr {
    /// Hashes as the `str` does (required by `Borrow<str>`; keeps `hash()` of a string key the
    /// same as when keys were `Rc<str>`).
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self.0).hash(state)
    }
}

impl fmt::Debug for PyStr {
    /// As `str`'s `Debug` (Rust quoting, not Python's `repr`: see [`str_repr`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self.0, f)
    }
}

impl fmt::Display for PyStr {
    /// The characters, as `str`'s `Display` (padding and precision flags included).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self.0, f)
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> PyStr {
        PyStr::new(s)
    }
}

impl From<String> for PyStr {
    /// Takes the `String`'s buffer (shrunk to fit) without copying the characters.
    fn from(s: String) -> PyStr {
        PyStr(Rc::new(s.into_boxed_str()))
    }
}

impl From<Box<str>> for PyStr {
    fn from(s: Box<str>) -> PyStr {
        PyStr(Rc::new(s))
    }
}

impl From<Rc<str>> for PyStr {
    /// Copies the characters (an `Rc<str>` cannot be shared as a `PyStr`).
    fn from(s: Rc<str>) -> PyStr {
        PyStr::new(&s)
    }
}

impl From<&Rc<str>> for PyStr {
    /// Copies the characters.
    fn from(s: &Rc<str>) -> PyStr {
        PyStr::new(s)
    }
}

impl From<&PyStr> for Rc<str> {
    /// Copies the characters into an `Rc<str>` (names, keyword arguments).
    fn from(s: &PyStr) -> Rc<str> {
        Rc::from(s.as_str())
    }
}

/// The builtin types that are not user classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    /// `NoneType`
    NoneType,
    /// `bool`
    Bool,
    /// `int`
    Int,
    /// `float`
    Float,
    /// `complex`
    Complex,
    /// `str`
    Str,
    /// `list`
    List,
    /// `tuple`
    Tuple,
    /// `dict`
    Dict,
    /// `set`
    Set,
    /// `bytes`
    Bytes,
    /// `bytearray`
    ByteArray,
    /// `range`
    Range,
    /// `slice`
    Slice,
    /// `frozenset`
    FrozenSet,
    /// `function`
    Function,
    /// `builtin_function_or_method`
    Builtin,
    /// `method`
    Method,
    /// `type`
    Type,
    /// `object`
    Object,
    /// `module`
    Module,
    /// `weakref.ReferenceType`
    WeakRef,
    /// `ellipsis`
    Ellipsis,
    /// `NotImplementedType`
    NotImplementedType,
    /// `generator`
    Generator,
    /// `coroutine`
    Coroutine,
    /// A builtin iterator of another kind.
    Iterator,
    /// `list_iterator`
    ListIterator,
    /// `list_reverseiterator`
    ListReverseIterator,
    /// `tuple_iterator`
    TupleIterator,
    /// `range_iterator`
    RangeIterator,
    /// `str_ascii_iterator`
    StrAsciiIterator,
    /// `str_iterator`
    StrIterator,
    /// `dict_keyiterator`
    DictKeyIterator,
    /// `dict_reversekeyiterator`
    DictReverseKeyIterator,
    /// `set_iterator`
    SetIterator,
    /// `reversed`
    Reversed,
    /// `map`
    Map,
    /// `filter`
    Filter,
    /// `zip`
    Zip,
    /// `enumerate`
    Enumerate,
    /// `itertools.permutations`
    Permutations,
    /// `itertools.combinations`
    Combinations,
    /// `itertools.combinations_with_replacement`
    CombinationsWithReplacement,
    /// `itertools.product`
    Product,
}

impl TypeKind {
    /// The type of a builtin iterator whose type name is `kind`.
    pub fn iterator(kind: &str) -> TypeKind {
        match kind {
            "list_iterator" => TypeKind::ListIterator,
            "list_reverseiterator" => TypeKind::ListReverseIterator,
            "tuple_iterator" => TypeKind::TupleIterator,
            "range_iterator" => TypeKind::RangeIterator,
            "str_ascii_iterator" => TypeKind::StrAsciiIterator,
            "str_iterator" => TypeKind::StrIterator,
            "dict_keyiterator" => TypeKind::DictKeyIterator,
            "dict_reversekeyiterator" => TypeKind::DictReverseKeyIterator,
            "set_iterator" => TypeKind::SetIterator,
            "reversed" => TypeKind::Reversed,
            "map" => TypeKind::Map,
            "filter" => TypeKind::Filter,
            "zip" => TypeKind::Zip,
            "enumerate" => TypeKind::Enumerate,
            "itertools.permutations" => TypeKind::Permutations,
            "itertools.combinations" => TypeKind::Combinations,
            "itertools.combinations_with_replacement" => TypeKind::CombinationsWithReplacement,
            "itertools.product" => TypeKind::Product,
            _ => TypeKind::Iterator,
        }
    }

    /// The type's `__name__` and `__qualname__`: its name after the last dot, as CPython
    /// takes it from `tp_name` (`product` for `itertools.product`).
    pub fn dunder_name(self) -> &'static str {
        let name = self.name();
        name.rsplit_once('.').map_or(name, |(_, n)| n)
    }

    /// The type's `__module__`: its name before the last dot, else `builtins`.
    pub fn module(self) -> &'static str {
        self.name().rsplit_once('.').map_or("builtins", |(m, _)| m)
    }

    /// The type's name as CPython's `tp_name` gives it (in reprs and messages): its
    /// `__name__`, with the module for a type of a library module (`itertools.product`).
    pub fn name(self) -> &'static str {
        match self {
            TypeKind::NoneType => "NoneType",
            TypeKind::Bool => "bool",
            TypeKind::Int => "int",
            TypeKind::Float => "float",
            TypeKind::Complex => "complex",
            TypeKind::Str => "str",
            TypeKind::List => "list",
            TypeKind::Tuple => "tuple",
            TypeKind::Dict => "dict",
            TypeKind::Set => "set",
            TypeKind::Bytes => "bytes",
            TypeKind::ByteArray => "bytearray",
            TypeKind::Range => "range",
            TypeKind::Slice => "slice",
            TypeKind::FrozenSet => "frozenset",
            TypeKind::Function => "function",
            TypeKind::Builtin => "builtin_function_or_method",
            TypeKind::Method => "method",
            TypeKind::Type => "type",
            TypeKind::Object => "object",
            TypeKind::Module => "module",
            TypeKind::WeakRef => "weakref.ReferenceType",
            TypeKind::Ellipsis => "ellipsis",
            TypeKind::NotImplementedType => "NotImplementedType",
            TypeKind::Generator => "generator",
            TypeKind::Coroutine => "coroutine",
            TypeKind::Iterator => "iterator",
            TypeKind::ListIterator => "list_iterator",
            TypeKind::ListReverseIterator => "list_reverseiterator",
            TypeKind::TupleIterator => "tuple_iterator",
            TypeKind::RangeIterator => "range_iterator",
            TypeKind::StrAsciiIterator => "str_ascii_iterator",
            TypeKind::StrIterator => "str_iterator",
            TypeKind::DictKeyIterator => "dict_keyiterator",
            TypeKind::DictReverseKeyIterator => "dict_reversekeyiterator",
            TypeKind::SetIterator => "set_iterator",
            TypeKind::Reversed => "reversed",
            TypeKind::Map => "map",
            TypeKind::Filter => "filter",
            TypeKind::Zip => "zip",
            TypeKind::Enumerate => "enumerate",
            TypeKind::Permutations => "itertools.permutations",
            TypeKind::Combinations => "itertools.combinations",
            TypeKind::CombinationsWithReplacement => "itertools.combinations_with_replacement",
            TypeKind::Product => "itertools.product",
        }
    }
}

/// `range(start, stop, step)`.
#[derive(Debug)]
pub struct RangeObj {
    /// First value (0 when [`RangeObj::wide`] holds the bounds).
    pub start: i64,
    /// End (exclusive).
    pub stop: i64,
    /// Step (never 0).
    pub step: i64,
    /// The bounds, when one of them is outside the 64-bit range (`range(10**20)`): then
    /// `start`, `stop` and `step` are unused and every operation works on big integers.
    pub wide: Option<Box<[num_bigint::BigInt; 3]>>,
}

impl RangeObj {
    /// A range of 64-bit bounds.
    pub fn narrow(start: i64, stop: i64, step: i64) -> RangeObj {
        RangeObj {
            start,
            stop,
            step,
            wide: None,
        }
    }
    /// A range of any bounds (`step` not 0), 64-bit when they all fit.
    pub fn from_big(
        start: num_bigint::BigInt,
        stop: num_bigint::BigInt,
        step: num_bigint::BigInt,
    ) -> RangeObj {
        use num_traits::ToPrimitive;
        match (start.to_i64(), stop.to_i64(), step.to_i64()) {
            (Some(a), Some(b), Some(c)) => RangeObj::narrow(a, b, c),
            _ => RangeObj {
                start: 0,
                stop: 0,
                step: 1,
                wide: Some(Box::new([start, stop, step])),
            },
        }
    }
    /// The bounds as big integers.
    pub fn bounds(&self) -> [num_bigint::BigInt; 3] {
        match &self.wide {
            Some(w) => (**w).clone(),
            None => [self.start.into(), self.stop.into(), self.step.into()],
        }
    }
    /// Number of values in the range (wrapping when it exceeds `i64::MAX`: see
    /// [`RangeObj::len_big`]).
    pub fn len(&self) -> i64 {
        use num_traits::ToPrimitive;
        match &self.wide {
            Some(_) => self.len_big().to_i64().unwrap_or(i64::MAX),
            None => self.len_wide() as i64,
        }
    }
    /// Number of values of a 64-bit range, exactly (it can exceed `i64::MAX`:
    /// `range(-2**63 + 1, 2**63 - 1)`).
    fn len_wide(&self) -> i128 {
        let (lo, hi, st) = (self.start as i128, self.stop as i128, self.step as i128);
        if st > 0 {
            if hi > lo {
                (hi - lo + st - 1) / st
            } else {
                0
            }
        } else if lo > hi {
            (lo - hi - st - 1) / (-st)
        } else {
            0
        }
    }
    /// Number of values in the range, exactly.
    pub fn len_big(&self) -> num_bigint::BigInt {
        use num_bigint::BigInt;
        use num_traits::{Signed, Zero};
        if self.wide.is_none() {
            return BigInt::from(self.len_wide());
        }
        let [lo, hi, st] = self.bounds();
        let (span, st) = if st.is_positive() {
            (hi - lo, st)
        } else {
            (lo - hi, -st)
        };
        if span.is_positive() {
            (span + &st - 1) / st
        } else {
            BigInt::zero()
        }
    }
    /// Whether the range is empty.
    pub fn is_empty(&self) -> bool {
        use num_traits::Zero;
        match &self.wide {
            Some(_) => self.len_big().is_zero(),
            None => self.len_wide() == 0,
        }
    }
    /// Item `i` (negative counts from the end), or `None` when out of range.
    pub fn item(&self, i: &num_bigint::BigInt) -> Option<num_bigint::BigInt> {
        use num_traits::Signed;
        let n = self.len_big();
        let i = if i.is_negative() { i + &n } else { i.clone() };
        if i.is_negative() || i >= n {
            return None;
        }
        let [lo, _, st] = self.bounds();
        Some(lo + st * i)
    }
    /// Whether the integer `x` is one of the values.
    pub fn contains(&self, x: &num_bigint::BigInt) -> bool {
        use num_traits::{Signed, Zero};
        let [lo, hi, st] = self.bounds();
        let inside = if st.is_positive() {
            *x >= lo && *x < hi
        } else {
            *x <= lo && *x > hi
        };
        inside && ((x - lo) % st).is_zero()
    }
    /// `repr(range)`.
    pub fn repr(&self) -> String {
        let [lo, hi, st] = self.bounds();
        if st == 1.into() {
            format!("range({lo}, {hi})")
        } else {
            format!("range({lo}, {hi}, {st})")
        }
    }
}

/// A `bytes` object: its bytes, behind a thin `Rc` (a `Value` stays 16 bytes). Equality and
/// hashing are the bytes'.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct BytesObj {
    /// The bytes.
    pub data: Box<[u8]>,
}

/// A `bytearray`: its bytes, mutable in place.
#[derive(Debug)]
pub struct ByteArrayObj {
    /// The bytes.
    pub data: RefCell<Vec<u8>>,
}

/// A list: a `RefCell` so it can be mutated (and is therefore always tracked).
#[derive(Trace)]
pub struct ListObj {
    /// The items.
    pub items: RefCell<Vec<Value>>,
}

/// A tuple: immutable, so tracked only when it holds a tracked object.
#[derive(Trace)]
pub struct TupleObj {
    /// The items.
    pub items: Box<[Value]>,
}

/// A `slice` object: `slice(start, stop, step)`, or what `a[start:stop:step]` passes to a
/// class's `__getitem__`, `__setitem__` and `__delitem__`. The bounds are any objects (`None`
/// where omitted), converted to indices only by whoever uses the slice. Immutable, so tracked
/// only when a bound is a tracked object, as a tuple (CPython tracks every slice).
#[derive(Trace)]
pub struct SliceObj {
    /// `start`.
    pub start: Value,
    /// `stop`.
    pub stop: Value,
    /// `step`.
    pub step: Value,
}

impl SliceObj {
    /// The bounds in order: `[start, stop, step]`.
    pub fn parts(&self) -> [&Value; 3] {
        [&self.start, &self.stop, &self.step]
    }
}

/// A dict (insertion ordered).
#[derive(Trace)]
pub struct DictObj {
    /// The entries.
    pub map: RefCell<PyDict>,
}

impl DictObj {
    /// A copy of the (key, value) pairs in insertion order, so that code which may run script
    /// code (comparisons, `repr`, calls) can go through them without holding the borrow.
    ///
    /// ```
    /// use minipy::value::{DictObj, PyDict, Value};
    /// use std::cell::RefCell;
    /// let mut map = PyDict::new();
    /// map.insert_str("a".into(), Value::Int(1));
    /// let d = DictObj { map: RefCell::new(map) };
    /// let pairs = d.entries();
    /// assert!(matches!(pairs.as_slice(), [(Value::Str(k), Value::Int(1))] if &**k == "a"));
    /// ```
    pub fn entries(&self) -> Vec<(Value, Value)> {
        self.map
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}

/// A set: a dict whose values are all `None`, with CPython's set table deciding its iteration
/// order (`settable.rs`).
#[derive(Trace)]
pub struct SetObj {
    /// The members (as keys).
    pub items: RefCell<PyDict>,
    /// Whether it is a `frozenset` (no mutating methods; hashable).
    #[trace(skip)]
    pub frozen: bool,
}

/// A small insertion-ordered name → value map (instance attributes, environments). Small
/// maps are searched linearly; past [`AttrMap::INDEX_FROM`] names a hash index finds a name's
/// slot, so a module of 40,000 globals or an object of 40,000 attributes stays linear.
#[derive(Default, Trace)]
pub struct AttrMap {
    entries: Vec<(Rc<str>, Value)>,
    #[trace(skip)]
    index: Option<NameIndex>,
}

/// A map from names, hashed with [`NameHasher`].
pub type NameMap<V> = HashMap<Rc<str>, V, std::hash::BuildHasherDefault<NameHasher>>;

/// A name's slot in an [`AttrMap`].
type NameIndex = NameMap<usize>;

/// A fast hasher for attribute and variable names (FxHash's word-at-a-time multiply-rotate):
/// the index is consulted on every name lookup in a large scope, where SipHash's setup costs
/// as much as a short linear scan.
#[derive(Default)]
pub struct NameHasher(u64);

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl AttrMap {
    /// How many names a map holds before it keeps a hash index.
    pub const INDEX_FROM: usize = 16;

    fn position(&self, name: &str) -> Option<usize> {
        match &self.index {
            Some(ix) => ix.get(name).copied(),
            None => self.entries.iter().position(|(k, _)| same_name(k, name)),
        }
    }
    /// Makes room for `n` more names.
    pub fn reserve(&mut self, n: usize) {
        self.entries.reserve(n);
    }
    /// Binds `entries`, whose names are distinct (a function's parameters), in an empty map,
    /// which keeps the room it has (a recycled call environment's).
    pub fn fill_distinct(&mut self, entries: impl Iterator<Item = (Rc<str>, Value)>) {
        debug_assert!(self.entries.is_empty() && self.index.is_none());
        for (k, v) in entries {
            if self.entries.len() >= Self::INDEX_FROM {
                self.set(k, v);
            } else {
                self.entries.push((k, v));
            }
        }
    }
    /// Gives an empty map the room of `emptied` (a vector [`AttrMap::take_all`] took and the
    /// caller cleared), if it has none of its own.
    pub fn restore_room(&mut self, emptied: Vec<(Rc<str>, Value)>) {
        debug_assert!(emptied.is_empty());
        if self.entries.is_empty() && self.entries.capacity() < emptied.capacity() {
            self.entries = emptied;
        }
    }
    /// Looks a name up, trying first the slot `hint` (where this site last found it) and
    /// leaving there the slot where it is found: a site that keeps finding its name in the same
    /// slot of same-shaped maps (a function's locals, the instances of a class) skips the search.
    pub fn get_hinted(&self, name: &str, hint: &Cell<u32>) -> Option<&Value> {
        if let Some((k, v)) = self.entries.get(hint.get() as usize) {
            if same_name(k, name) {
                return Some(v);
            }
        }
        let i = self.position(name)?;
        hint.set(i as u32);
        Some(&self.entries[i].1)
    }
    /// The value in the slot `hint` if that slot holds `name` (no search: see
    /// [`AttrMap::get_hinted`]).
    #[inline(always)]
    pub fn at_hint(&self, name: &str, hint: &Cell<u32>) -> Option<&Value> {
        match self.entries.get(hint.get() as usize) {
            Some((k, v)) if same_name(k, name) => Some(v),
            _ => None,
        }
    }
    /// Rebinds `name` if the slot `hint` holds it (no search: see [`AttrMap::get_hinted`]):
    /// `Ok` with the old value, or `Err` giving `value` back when the slot holds another name
    /// or does not exist.
    #[inline(always)]
    pub fn replace_at_hint(
        &mut self,
        name: &str,
        hint: &Cell<u32>,
        value: Value,
    ) -> Result<Value, Value> {
        match self.entries.get_mut(hint.get() as usize) {
            Some((k, slot)) if same_name(k, name) => Ok(std::mem::replace(slot, value)),
            _ => Err(value),
        }
    }
    /// Binds a name as [`AttrMap::set`] does, trying first the slot `hint` (see
    /// [`AttrMap::get_hinted`]).
    pub fn set_hinted(&mut self, name: &Rc<str>, value: Value, hint: &Cell<u32>) -> Option<Value> {
        let h = hint.get() as usize;
        if let Some((k, slot)) = self.entries.get_mut(h) {
            if same_name(k, name) {
                return Some(std::mem::replace(slot, value));
            }
        }
        let old = self.set(name.clone(), value);
        let slot = match old {
            None => Some(self.entries.len() - 1),
            Some(_) => self.position(name),
        };
        if let Some(i) = slot {
            hint.set(i as u32);
        }
        old
    }
    /// Looks a name up.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.position(name).map(|i| &self.entries[i].1)
    }
    /// Whether the name is bound.
    pub fn contains(&self, name: &str) -> bool {
        self.position(name).is_some()
    }
    /// Binds a name; returns the previous value (drop it after releasing any borrow).
    pub fn set(&mut self, name: Rc<str>, value: Value) -> Option<Value> {
        if let Some(i) = self.position(&name) {
            return Some(std::mem::replace(&mut self.entries[i].1, value));
        }
        match &mut self.index {
            Some(ix) => {
                ix.insert(name.clone(), self.entries.len());
            }
            None if self.entries.len() >= Self::INDEX_FROM => {
                let mut ix: NameIndex = self
                    .entries
                    .iter()
                    .enumerate()
                    .map(|(i, (k, _))| (k.clone(), i))
                    .collect();
                ix.insert(name.clone(), self.entries.len());
                self.index = Some(ix);
            }
            None => {}
        }
        self.entries.push((name, value));
        None
    }
    /// Unbinds a name; returns the value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let i = self.position(name)?;
        let (_, v) = self.entries.remove(i);
        if let Some(ix) = &mut self.index {
            ix.remove(name);
            for (j, (k, _)) in self.entries.iter().enumerate().skip(i) {
                ix.insert(k.clone(), j);
            }
        }
        Some(v)
    }
    /// Iterates in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &(Rc<str>, Value)> {
        self.entries.iter()
    }
    /// Number of names.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// Takes out the entries whose name `keep` refuses, in binding order (to drop outside a
    /// borrow).
    pub fn take_unless(&mut self, keep: impl Fn(&str) -> bool) -> Vec<(Rc<str>, Value)> {
        let (kept, taken) = std::mem::take(&mut self.entries)
            .into_iter()
            .partition(|(k, _)| keep(k));
        self.entries = kept;
        if self.index.is_some() {
            self.index = Some(
                self.entries
                    .iter()
                    .enumerate()
                    .map(|(i, (k, _))| (k.clone(), i))
                    .collect(),
            );
        }
        taken
    }
    /// Takes every entry out (to drop outside a borrow).
    pub fn take_all(&mut self) -> Vec<(Rc<str>, Value)> {
        self.index = None;
        std::mem::take(&mut self.entries)
    }
}

/// A scope's variables; a function's environment points at its defining one.
///
/// A module's global scope keeps its names in `vars` until a script asks for `globals()` (or
/// the module's `__dict__`): from then on they live in that dict ([`Env::dict`]), so writes
/// through it are the module's globals, as in CPython. Reach the names through [`Env::get`],
/// [`Env::set`], [`Env::remove`] and [`Env::entries`], which see either place.
#[derive(Trace)]
pub struct Env {
    /// The names bound in this scope (empty once [`Env::dict`] holds them).
    pub vars: RefCell<AttrMap>,
    /// The enclosing scope (`None` for the module).
    pub parent: Option<Cc<Env>>,
    /// A module scope's names as a dict object, once a script asked for it.
    pub dict: RefCell<Option<Cc<DictObj>>>,
}

impl Env {
    /// A scope holding `vars`, nested in `parent`.
    pub fn new(vars: AttrMap, parent: Option<Cc<Env>>) -> Env {
        Env {
            vars: RefCell::new(vars),
            parent,
            dict: RefCell::new(None),
        }
    }

    /// The global scope `env` belongs to: the root of its chain, the globals of the module
    /// whose code made it.
    pub fn module_globals(env: &Cc<Env>) -> &Cc<Env> {
        let mut e = env;
        while let Some(p) = &e.parent {
            e = p;
        }
        e
    }

    /// The value bound to `name` in this scope.
    pub fn get(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.vars.borrow().get(name) {
            return Some(v.clone());
        }
        let dict = self.dict.borrow();
        let found = dict.as_ref()?.map.borrow().get(&str_key(name)).cloned();
        found
    }

    /// The value bound to `name` in this scope, trying the slot `hint` first (see
    /// [`AttrMap::get_hinted`]).
    pub fn get_hinted(&self, name: &str, hint: &Cell<u32>) -> Option<Value> {
        if let Some(v) = self.vars.borrow().get_hinted(name, hint) {
            return Some(v.clone());
        }
        let dict = self.dict.borrow();
        let found = dict.as_ref()?.map.borrow().get(&str_key(name)).cloned();
        found
    }

    /// Binds `name` as [`Env::set`] does, trying the slot `hint` first (see
    /// [`AttrMap::get_hinted`]).
    pub fn set_hinted(&self, name: &Rc<str>, value: Value, hint: &Cell<u32>) -> Option<Value> {
        if self.dict.borrow().is_some() {
            return self.set(name.clone(), value);
        }
        self.vars.borrow_mut().set_hinted(name, value, hint)
    }

    /// Whether `name` is bound in this scope.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Binds `name`; returns the previous value (drop it after releasing any borrow).
    pub fn set(&self, name: Rc<str>, value: Value) -> Option<Value> {
        let dict = self.dict.borrow().clone();
        match dict {
            Some(d) => {
                let old = d.map.borrow_mut().insert_str(PyStr::new(&name), value);
                old
            }
            None => self.vars.borrow_mut().set(name, value),
        }
    }

    /// Unbinds `name`; returns its value.
    pub fn remove(&self, name: &str) -> Option<Value> {
        let dict = self.dict.borrow().clone();
        match dict {
            Some(d) => {
                let old = d.map.borrow_mut().remove(&str_key(name));
                old.map(|(_, v)| v)
            }
            None => self.vars.borrow_mut().remove(name),
        }
    }

    /// The (name, value) pairs in binding order (string keys only, for a dict scope).
    pub fn entries(&self) -> Vec<(Rc<str>, Value)> {
        let dict = self.dict.borrow().clone();
        match dict {
            Some(d) => d
                .entries()
                .into_iter()
                .filter_map(|(k, v)| match k {
                    Value::Str(s) => Some((Rc::from(s.as_str()), v)),
                    _ => None,
                })
                .collect(),
            None => self.vars.borrow().iter().cloned().collect(),
        }
    }

    /// This scope's names as a dict object that *is* the scope from now on (`globals()`).
    pub fn as_dict(&self) -> Cc<DictObj> {
        if let Some(d) = self.dict.borrow().as_ref() {
            return d.clone();
        }
        let mut map = PyDict::new();
        for (k, v) in self.vars.borrow_mut().take_all() {
            map.insert_str(PyStr::new(&k), v);
        }
        let d = Cc::new(DictObj {
            map: RefCell::new(map),
        });
        *self.dict.borrow_mut() = Some(d.clone());
        d
    }

    /// Takes every binding out (to drop outside a borrow).
    pub fn take_all(&self) -> Vec<(Value, Value)> {
        let mut out: Vec<(Value, Value)> = self
            .vars
            .borrow_mut()
            .take_all()
            .into_iter()
            .map(|(k, v)| (Value::Str(PyStr::new(&k)), v))
            .collect();
        let dict = self.dict.borrow().clone();
        if let Some(d) = dict {
            let taken = d.map.borrow_mut().take_all();
            out.extend(taken);
        }
        out
    }
}

/// Whether a map's key is `name` (the same string object is the common case: the parser's).
#[inline]
fn same_name(k: &Rc<str>, name: &str) -> bool {
    let (a, b) = (k.as_bytes(), name.as_bytes());
    a.len() == b.len() && (a.as_ptr() == b.as_ptr() || (a.first() == b.first() && a == b))
}

/// The dict key of a name.
fn str_key(name: &str) -> HKey {
    HKey::Str(PyStr::new(name))
}

/// A user function or lambda.
#[derive(Trace)]
pub struct Function {
    /// The definition (shared with the syntax tree).
    #[trace(skip)]
    pub def: Rc<FuncDef>,
    /// Qualified name, e.g. `Car.__init__`.
    pub qualname: Rc<str>,
    /// Default values of the trailing parameters.
    pub defaults: Vec<Value>,
    /// The defining environment (the closure).
    pub closure: Cc<Env>,
    /// Function attributes (`f.x = 1`) and the assigned special names (`__name__`...).
    pub attrs: RefCell<AttrMap>,
    /// Its `__dict__` as a dict object, made the first time a script asks for it: from then
    /// on the attributes other than the special names live there, as for instances.
    pub dict: RefCell<Option<Cc<DictObj>>>,
    /// The class the function was defined in (for `super()`).
    pub owner: RefCell<Option<Cc<Class>>>,
    /// Where its weak reference callbacks are registered.
    #[trace(skip)]
    pub weak_key: WeakKey,
}

/// A class.
#[derive(Trace)]
pub struct Class {
    /// `__name__`.
    pub name: Rc<str>,
    /// The single base class, if any.
    pub base: Option<Cc<Class>>,
    /// Class attributes and methods.
    pub attrs: RefCell<AttrMap>,
    /// True for the builtin exception classes (printed without a module name).
    pub builtin: bool,
    /// The `__name__` of the module whose code defined it (`builtins` for builtin classes).
    pub module: Rc<str>,
    /// The builtin type (`list`, `dict`) the class derives from, if any: its instances hold
    /// a value of that type ([`Instance::base`]) that its inherited methods work on.
    #[trace(skip)]
    pub builtin_base: Option<TypeKind>,
    /// The interpreter that made the class, which runs its instances' `__del__` (a plain
    /// `Rc` weak handle: not a gc-core edge).
    #[trace(skip)]
    pub interp: std::rc::Weak<Interp>,
    /// Where its weak reference callbacks are registered.
    #[trace(skip)]
    pub weak_key: WeakKey,
}

impl Class {
    /// Looks an attribute up along the base chain.
    pub fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.attrs.borrow().get(name) {
            return Some(v.clone());
        }
        let mut cur = self.base.clone();
        while let Some(c) = cur {
            if let Some(v) = c.attrs.borrow().get(name) {
                return Some(v.clone());
            }
            cur = c.base.clone();
        }
        None
    }
    /// Looks an attribute up along the base chain as [`Class::lookup`] does, trying each
    /// class's slot `hint` first (see [`AttrMap::get_hinted`]).
    pub fn lookup_hinted(&self, name: &str, hint: &Cell<u32>) -> Option<Value> {
        if let Some(v) = self.attrs.borrow().get_hinted(name, hint) {
            return Some(v.clone());
        }
        let mut cur = self.base.clone();
        while let Some(c) = cur {
            if let Some(v) = c.attrs.borrow().get_hinted(name, hint) {
                return Some(v.clone());
            }
            cur = c.base.clone();
        }
        None
    }
    /// Whether this class is `other` or derives from it.
    pub fn is_subclass(this: &Cc<Class>, other: &Cc<Class>) -> bool {
        let mut cur = Some(this.clone());
        while let Some(c) = cur {
            if Cc::ptr_eq(&c, other) {
                return true;
            }
            cur = c.base.clone();
        }
        false
    }
}

/// An instance of a user class.
#[derive(Trace)]
pub struct Instance {
    /// Its class (`obj.__class__ = C` replaces it: see [`Instance::class`]).
    pub class: RefCell<Cc<Class>>,
    /// Its attributes (`__dict__`).
    pub attrs: RefCell<AttrMap>,
    /// For an instance of a subclass of `list` or `dict`: the list or dict it is.
    pub base: Option<Value>,
    /// Its `__dict__` as a dict object, made the first time a script asks for it: from then on
    /// the attributes live there (and `attrs` stays empty), so `obj.__dict__.update(...)` and
    /// `obj.x = 1` see each other.
    pub dict: RefCell<Option<Cc<DictObj>>>,
    /// Where its weak reference callbacks are registered.
    #[trace(skip)]
    pub weak_key: WeakKey,
}

impl Instance {
    /// Its class.
    pub fn class(&self) -> Cc<Class> {
        self.class.borrow().clone()
    }
}

/// A bound method.
#[derive(Trace)]
pub struct Method {
    /// The bound receiver (`self`).
    pub recv: Value,
    /// What is called.
    pub func: MethodFunc,
}

/// The function of a bound method.
#[derive(Trace)]
pub enum MethodFunc {
    /// A user function.
    Func(Cc<Function>),
    /// A native method of a builtin type, by name.
    Native(#[trace(skip)] Rc<str>),
}

/// A native function's signature: positional and keyword arguments.
pub type NativeFn = dyn Fn(&Interp, Vec<Value>, Vec<(Rc<str>, Value)>) -> PyResult<Value>;

/// A native (Rust) function.
pub struct Builtin {
    /// Its name.
    pub name: Rc<str>,
    /// The native module it belongs to (`math` for `math.sqrt`), set when the module is made;
    /// `None` for the builtin functions and the methods of builtin types. It is the function's
    /// `__module__` and prefixes its name in messages (`math.sqrt() argument after ** ...`).
    pub module: Option<Rc<str>>,
    /// The code.
    pub f: Box<NativeFn>,
}

impl Builtin {
    /// A native function named `name`, in no module.
    ///
    /// ```
    /// use minipy::value::{Builtin, Value};
    /// let f = Builtin::value("answer", |_, _, _| Ok(Value::Int(42)));
    /// assert!(matches!(&f, Value::Builtin(b) if &*b.name == "answer" && b.module.is_none()));
    /// ```
    pub fn value(
        name: &str,
        f: impl Fn(&Interp, Vec<Value>, Vec<(Rc<str>, Value)>) -> PyResult<Value> + 'static,
    ) -> Value {
        Value::Builtin(Rc::new(Builtin {
            name: Rc::from(name),
            module: None,
            f: Box::new(f),
        }))
    }
}

/// A module object.
#[derive(Trace)]
pub struct Module {
    /// `__name__`.
    pub name: Rc<str>,
    /// Where its attributes live.
    pub namespace: Namespace,
}

/// Where a module's attributes live.
#[derive(Trace)]
pub enum Namespace {
    /// A builtin module's (`gc`, `sys`, ...) own table.
    Builtin(RefCell<AttrMap>),
    /// A module run from source: its global scope, the root of the environments of the
    /// functions it defines. Its globals *are* its attributes, as in Python: `m.x = 1` is seen
    /// by `m`'s functions, and a function's `global x` assignment by `m.x`.
    Globals(Cc<Env>),
}

impl Module {
    /// A builtin module holding `attrs`.
    pub fn builtin(name: &str, attrs: AttrMap) -> Module {
        Module {
            name: Rc::from(name),
            namespace: Namespace::Builtin(RefCell::new(attrs)),
        }
    }

    /// A module whose attributes are the global scope `globals` (of the source it runs).
    pub fn with_globals(name: &str, globals: Cc<Env>) -> Module {
        Module {
            name: Rc::from(name),
            namespace: Namespace::Globals(globals),
        }
    }

    /// The module's attributes (for a source module, its global scope's names).
    ///
    /// ```
    /// use minipy::value::{AttrMap, Module, Value};
    /// let mut attrs = AttrMap::default();
    /// attrs.set("answer".into(), Value::Int(42));
    /// let m = Module::builtin("deep", attrs);
    /// assert!(matches!(m.attrs().borrow().get("answer"), Some(Value::Int(42))));
    /// ```
    pub fn attrs(&self) -> &RefCell<AttrMap> {
        match &self.namespace {
            Namespace::Builtin(attrs) => attrs,
            Namespace::Globals(env) => &env.vars,
        }
    }

    /// The attribute `name` (for a source module, its global).
    pub fn get(&self, name: &str) -> Option<Value> {
        match &self.namespace {
            Namespace::Builtin(attrs) => attrs.borrow().get(name).cloned(),
            Namespace::Globals(env) => env.get(name),
        }
    }

    /// Sets attribute `name`; returns the previous value (drop it outside any borrow).
    pub fn set(&self, name: Rc<str>, value: Value) -> Option<Value> {
        match &self.namespace {
            Namespace::Builtin(attrs) => attrs.borrow_mut().set(name, value),
            Namespace::Globals(env) => env.set(name, value),
        }
    }

    /// Removes attribute `name`; returns its value.
    pub fn remove(&self, name: &str) -> Option<Value> {
        match &self.namespace {
            Namespace::Builtin(attrs) => attrs.borrow_mut().remove(name),
            Namespace::Globals(env) => env.remove(name),
        }
    }

    /// The (name, value) pairs of its attributes in binding order.
    pub fn entries(&self) -> Vec<(Rc<str>, Value)> {
        match &self.namespace {
            Namespace::Builtin(attrs) => attrs.borrow().iter().cloned().collect(),
            Namespace::Globals(env) => env.entries(),
        }
    }

    /// The source file of a module run from source (its `__file__`), `None` for a builtin one.
    pub fn file(&self) -> Option<PyStr> {
        match &self.namespace {
            Namespace::Builtin(_) => None,
            Namespace::Globals(env) => match env.get("__file__") {
                Some(Value::Str(s)) => Some(s),
                _ => None,
            },
        }
    }
}

/// What a weak reference points at.
#[derive(Trace)]
pub enum WeakTarget {
    /// An instance.
    Instance(Weak<Instance>),
    /// A function.
    Func(Weak<Function>),
    /// A class.
    Class(Weak<Class>),
    /// A generator or coroutine.
    Gen(Weak<Generator>),
}

/// A `weakref.ref`.
#[derive(Trace)]
pub struct WeakRefObj {
    /// The referent.
    pub target: WeakTarget,
    /// The callback, called with the weakref when the referent dies.
    pub callback: RefCell<Option<Value>>,
    /// Whether the callback has been scheduled already.
    pub fired: Cell<bool>,
}

// ------------------------------------------------------------------ Trace
//
// Every heap type derives `Trace`. `Value` is written by hand: it reports the one `Cc` a
// variant holds and decides tracking by whether that object is tracked, so a tuple of ints is
// untracked while a tuple holding a list is tracked (the derive would do the same; the hand
// impl keeps the hot path of tracing a value to a single match).
//
// `trace` is `#[inline(always)]`: it is the body of every container's loop over its items (a
// list's `Vec<Value>`), and left out of line it cost a call and a jump-table dispatch per item,
// about half of a collection's time on gc_traversal.py (0.69 s -> 0.34 s for 200 collections
// of 499,500 references).

// SAFETY: reports exactly the Cc the value owns (at most one), has no side effects; leaf
// variants own no Cc.
unsafe impl Trace for Value {
    #[inline(always)]
    fn trace<V: Visitor>(&self, v: &mut V) {
        match self {
            Value::List(c) => v.visit(c),
            Value::Tuple(c) => v.visit(c),
            Value::Dict(c) => v.visit(c),
            Value::Set(c) => v.visit(c),
            Value::Func(c) => v.visit(c),
            Value::Class(c) => v.visit(c),
            Value::Instance(c) => v.visit(c),
            Value::Method(c) => v.visit(c),
            Value::Module(c) => v.visit(c),
            Value::WeakRef(c) => v.visit(c),
            Value::Gen(c) => v.visit(c),
            Value::Iter(c) => v.visit(c),
            Value::Slice(c) => v.visit(c),
            Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Big(_)
            | Value::Float(_)
            | Value::Str(_)
            | Value::Ellipsis
            | Value::NotImplemented
            | Value::Range(_)
            | Value::Bytes(_)
            | Value::ByteArray(_)
            | Value::Complex(_)
            | Value::Builtin(_)
            | Value::Type(_) => {}
        }
    }
    fn needs_tracking(&self) -> bool {
        self.is_tracked_object()
    }
}

impl Value {
    /// Makes a string value (a new string object holding a copy of `s`).
    pub fn str(s: &str) -> Value {
        Value::Str(PyStr::new(s))
    }
    /// Makes a new list.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Cc::new(ListObj {
            items: RefCell::new(items),
        }))
    }
    /// Makes a new tuple.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Cc::new(TupleObj {
            items: items.into_boxed_slice(),
        }))
    }
    /// Makes a new set from its members' keys.
    pub fn set(mut items: PyDict) -> Value {
        items.make_set();
        Value::Set(Cc::new(SetObj {
            items: RefCell::new(items),
            frozen: false,
        }))
    }
    /// Makes a new frozenset from its members' keys.
    pub fn frozenset(mut items: PyDict) -> Value {
        items.make_set();
        Value::Set(Cc::new(SetObj {
            items: RefCell::new(items),
            frozen: true,
        }))
    }
    /// Makes a new slice object.
    pub fn slice(start: Value, stop: Value, step: Value) -> Value {
        Value::Slice(Cc::new(SliceObj { start, stop, step }))
    }
    /// Makes a new dict.
    pub fn dict(map: PyDict) -> Value {
        Value::Dict(Cc::new(DictObj {
            map: RefCell::new(map),
        }))
    }
    /// Whether this value is a gc-core object that the collector tracks.
    pub fn is_tracked_object(&self) -> bool {
        match self {
            Value::List(c) => Cc::is_tracked(c),
            Value::Tuple(c) => Cc::is_tracked(c),
            Value::Dict(c) => Cc::is_tracked(c),
            Value::Set(c) => Cc::is_tracked(c),
            Value::Func(c) => Cc::is_tracked(c),
            Value::Class(c) => Cc::is_tracked(c),
            Value::Instance(c) => Cc::is_tracked(c),
            Value::Method(c) => Cc::is_tracked(c),
            Value::Module(c) => Cc::is_tracked(c),
            Value::WeakRef(c) => Cc::is_tracked(c),
            Value::Gen(c) => Cc::is_tracked(c),
            Value::Iter(c) => Cc::is_tracked(c),
            Value::Slice(c) => Cc::is_tracked(c),
            _ => false,
        }
    }
    /// The address of the heap object, if this is one (used for `id` and identity).
    pub fn heap_addr(&self) -> Option<usize> {
        fn a<T>(c: &Cc<T>) -> usize {
            &**c as *const T as usize
        }
        Some(match self {
            Value::List(c) => a(c),
            Value::Tuple(c) => a(c),
            Value::Dict(c) => a(c),
            Value::Set(c) => a(c),
            Value::Func(c) => a(c),
            Value::Class(c) => a(c),
            Value::Instance(c) => a(c),
            Value::Method(c) => a(c),
            Value::Module(c) => a(c),
            Value::WeakRef(c) => a(c),
            Value::Gen(c) => a(c),
            Value::Iter(c) => a(c),
            Value::Slice(c) => a(c),
            Value::Range(r) => Rc::as_ptr(r) as usize,
            Value::Bytes(b) => Rc::as_ptr(b) as usize,
            Value::ByteArray(b) => Rc::as_ptr(b) as usize,
            Value::Complex(c) => Rc::as_ptr(c) as usize,
            Value::Builtin(b) => Rc::as_ptr(b) as *const u8 as usize,
            _ => return None,
        })
    }
    /// Python truthiness for values that need no interpreter (instances are true unless
    /// they define `__len__`/`__bool__`, which the interpreter handles).
    pub fn truthy_simple(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Big(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.items.borrow().is_empty(),
            Value::Tuple(t) => !t.items.is_empty(),
            Value::Dict(d) => !d.map.borrow().is_empty(),
            Value::Set(d) => !d.items.borrow().is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Bytes(b) => !b.data.is_empty(),
            Value::ByteArray(b) => !b.data.borrow().is_empty(),
            Value::Complex(c) => c.re != 0.0 || c.im != 0.0,
            _ => true,
        }
    }
    /// The name of the value's type, as in error messages.
    pub fn type_name(&self) -> Rc<str> {
        match self {
            Value::Instance(i) => i.class().name.clone(),
            Value::Iter(i) => Rc::from(i.kind),
            other => Rc::from(other.type_kind().name()),
        }
    }
    /// The builtin type of a non-instance value.
    pub fn type_kind(&self) -> TypeKind {
        match self {
            Value::None => TypeKind::NoneType,
            Value::Bool(_) => TypeKind::Bool,
            Value::Int(_) | Value::Big(_) => TypeKind::Int,
            Value::Float(_) => TypeKind::Float,
            Value::Str(_) => TypeKind::Str,
            Value::Ellipsis => TypeKind::Ellipsis,
            Value::NotImplemented => TypeKind::NotImplementedType,
            Value::Range(_) => TypeKind::Range,
            Value::Bytes(_) => TypeKind::Bytes,
            Value::ByteArray(_) => TypeKind::ByteArray,
            Value::Complex(_) => TypeKind::Complex,
            Value::List(_) => TypeKind::List,
            Value::Tuple(_) => TypeKind::Tuple,
            Value::Dict(_) => TypeKind::Dict,
            Value::Set(s) if s.frozen => TypeKind::FrozenSet,
            Value::Set(_) => TypeKind::Set,
            Value::Func(_) => TypeKind::Function,
            Value::Class(_) | Value::Type(_) => TypeKind::Type,
            Value::Instance(_) => TypeKind::Object,
            Value::Method(m) => match m.func {
                MethodFunc::Func(_) => TypeKind::Method,
                MethodFunc::Native(_) => TypeKind::Builtin,
            },
            Value::Builtin(_) => TypeKind::Builtin,
            Value::Module(_) => TypeKind::Module,
            Value::WeakRef(_) => TypeKind::WeakRef,
            Value::Gen(g) if g.is_coroutine() => TypeKind::Coroutine,
            Value::Gen(_) => TypeKind::Generator,
            Value::Iter(i) => TypeKind::iterator(i.kind),
            Value::Slice(_) => TypeKind::Slice,
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Value::Int(i) => write!(f, "{i}"),
            Value::Big(b) => write!(f, "{b}"),
            Value::Float(x) => write!(f, "{}", float_repr(*x)),
            Value::Str(s) => write!(f, "{}", str_repr(s)),
            other => write!(f, "<{} object>", other.type_name()),
        }
    }
}

// ------------------------------------------------------------------ dict

/// A hashable key's identity: equal keys (by Python's rules, e.g. `1 == 1.0 == True`) map to
/// equal `HKey`s.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum HKey {
    /// `None`.
    None,
    /// Integers, bools and integral floats.
    Int(i64),
    /// Integers (and integral floats) outside the 64-bit range.
    Big(Rc<num_bigint::BigInt>),
    /// Other floats, by bits.
    Float(u64),
    /// Complex numbers with a nonzero imaginary part, by the bits of their parts (a real part
    /// of -0.0 as 0.0); the others have their real part's key.
    Complex(u64, u64),
    /// Strings (sharing the key's string object).
    Str(PyStr),
    /// `bytes` (sharing the key's bytes object).
    Bytes(Rc<BytesObj>),
    /// Tuples of hashables.
    Tuple(Box<[HKey]>),
    /// Frozensets: their members' keys in a canonical order (by hash).
    FrozenSet(Box<[HKey]>),
    /// Objects hashed by identity.
    Ptr(usize),
    /// `...`.
    Ellipsis,
    /// `NotImplemented`.
    NotImplemented,
    /// A builtin type.
    Type(u8),
    /// A key hashed by script code: an instance whose class defines `__hash__`, or a tuple or
    /// frozenset holding one. `hash` is its Python hash and `id` the address of the key object
    /// stored in the dict that equals it by `__eq__` (the probe's own address when none does):
    /// `Interp::dict_key` resolves it, since only the interpreter can call `__eq__`.
    User {
        /// The Python hash (`__hash__`'s result, reduced as CPython reduces it).
        hash: i64,
        /// The address of the stored key object it equals.
        id: usize,
    },
}

/// Why a value has no key of its own.
pub enum Unhashable {
    /// It cannot be a key: `unhashable type: 'NAME'`.
    Type(Rc<str>),
    /// Its hash and equality are script code (`__hash__`, `__eq__`): see [`HKey::User`].
    UserHash,
}

/// How instances of a class hash: by identity (no `__hash__` of its own), by its `__hash__`,
/// or not at all (`__hash__ = None`, which a class defining `__eq__` without `__hash__` gets).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HashKind {
    /// `object.__hash__`: by address.
    Identity,
    /// A `__hash__` written in the script.
    User,
    /// `__hash__ = None`.
    Unhashable,
}

impl Class {
    /// How instances of this class hash (see [`HashKind`]).
    pub fn hash_kind(&self) -> HashKind {
        match self.lookup("__hash__") {
            None => HashKind::Identity,
            Some(Value::None) => HashKind::Unhashable,
            Some(_) => HashKind::User,
        }
    }
}

impl HKey {
    /// The key of a value, or the type name when it is unhashable. Deeply nested tuples are
    /// refused (bounded recursion).
    pub fn of(v: &Value) -> Result<HKey, Unhashable> {
        Self::of_depth(v, 0)
    }
    fn of_depth(v: &Value, depth: usize) -> Result<HKey, Unhashable> {
        Ok(match v {
            Value::None => HKey::None,
            Value::Bool(b) => HKey::Int(*b as i64),
            Value::Int(i) => HKey::Int(*i),
            Value::Big(b) => HKey::Big(b.clone()),
            Value::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.2e18 {
                    HKey::Int(*f as i64)
                } else if *f == 0.0 {
                    HKey::Int(0)
                } else if f.fract() == 0.0 {
                    match crate::bigint::from_f64(*f) {
                        Value::Big(b) => HKey::Big(b),
                        Value::Int(i) => HKey::Int(i),
                        _ => HKey::Float(f.to_bits()),
                    }
                } else {
                    HKey::Float(f.to_bits())
                }
            }
            Value::Complex(c) if c.im == 0.0 => Self::of_depth(&Value::Float(c.re), depth)?,
            Value::Complex(c) => HKey::Complex((c.re + 0.0).to_bits(), c.im.to_bits()),
            Value::Str(s) => HKey::Str(s.clone()),
            Value::Bytes(b) => HKey::Bytes(b.clone()),
            Value::Ellipsis => HKey::Ellipsis,
            Value::NotImplemented => HKey::NotImplemented,
            Value::Tuple(t) => {
                if depth > 200 {
                    return Err(Unhashable::Type(Rc::from("tuple")));
                }
                let mut ks = Vec::with_capacity(t.items.len());
                for x in t.items.iter() {
                    ks.push(Self::of_depth(x, depth + 1)?);
                }
                HKey::Tuple(ks.into_boxed_slice())
            }
            Value::Set(s) if s.frozen => {
                if depth > 200 {
                    return Err(Unhashable::Type(Rc::from("frozenset")));
                }
                let mut ks = Vec::new();
                for (x, _) in s.items.borrow().iter() {
                    ks.push(Self::of_depth(x, depth + 1)?);
                }
                ks.sort_by_cached_key(|k| {
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    k.hash(&mut h);
                    h.finish()
                });
                HKey::FrozenSet(ks.into_boxed_slice())
            }
            Value::List(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::ByteArray(_)
            | Value::Slice(_) => return Err(Unhashable::Type(v.type_name())),
            Value::Instance(i) => match i.class().hash_kind() {
                // A tuple subclass's instance hashes as its tuple (`tuple.__hash__`).
                HashKind::Identity if matches!(i.base, Some(Value::Tuple(_))) => {
                    Self::of_depth(i.base.as_ref().expect("checked"), depth + 1)?
                }
                HashKind::Identity => HKey::Ptr(v.heap_addr().unwrap_or(0)),
                HashKind::User => return Err(Unhashable::UserHash),
                HashKind::Unhashable => return Err(Unhashable::Type(i.class().name.clone())),
            },
            Value::Type(t) => HKey::Type(*t as u8),
            other => HKey::Ptr(other.heap_addr().unwrap_or(0)),
        })
    }
}

/// An insertion-ordered hash map from Python keys to values; a set's members are the keys of
/// one whose [`PyDict::make_set`] gave it CPython's set table, which then decides the
/// iteration order (`settable.rs`).
#[derive(Default, Trace)]
pub struct PyDict {
    entries: Vec<Option<(Value, Value)>>,
    /// A set's table (`None` for a dict).
    #[trace(skip)]
    order: Option<Box<crate::settable::SetTable>>,
    #[trace(skip)]
    index: HashMap<HKey, usize>,
    /// The stored keys hashed by script code ([`HKey::User`]): hash → their addresses, so
    /// that a probe with that hash can be compared with each by `__eq__`.
    #[trace(skip)]
    users: HashMap<i64, Vec<usize>>,
}

impl PyDict {
    /// An empty dict.
    pub fn new() -> PyDict {
        PyDict::default()
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.index.len()
    }
    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
    /// Looks a key up.
    pub fn get(&self, k: &HKey) -> Option<&Value> {
        self.index
            .get(k)
            .and_then(|&i| self.entries[i].as_ref())
            .map(|(_, v)| v)
    }
    /// Inserts; returns the replaced value (drop it outside any borrow).
    pub fn insert(&mut self, hk: HKey, key: Value, value: Value) -> Option<Value> {
        if let Some(&i) = self.index.get(&hk) {
            let slot = self.entries[i].as_mut().expect("indexed entry");
            return Some(std::mem::replace(&mut slot.1, value));
        }
        if let HKey::User { hash, id } = hk {
            self.users.entry(hash).or_default().push(id);
        }
        if let Some(t) = &mut self.order {
            t.add(hk.py_hash(), self.entries.len() as u32);
        }
        self.index.insert(hk, self.entries.len());
        self.entries.push(Some((key, value)));
        None
    }
    /// The stored keys of hash `hash` that script code compares ([`HKey::User`]): their
    /// addresses and the key objects, copied so `__eq__` can run without a borrow.
    pub fn user_candidates(&self, hash: i64) -> Vec<(usize, Value)> {
        let Some(ids) = self.users.get(&hash) else {
            return Vec::new();
        };
        ids.iter()
            .filter_map(|&id| {
                let i = *self.index.get(&HKey::User { hash, id })?;
                let (k, _) = self.entries[i].as_ref()?;
                Some((id, k.clone()))
            })
            .collect()
    }
    /// Whether the key object at `id`, hashed `hash`, is still stored.
    pub fn holds_user(&self, hash: i64, id: usize) -> bool {
        self.index.contains_key(&HKey::User { hash, id })
    }
    /// A copy holding the same key and value objects under the same keys (a set's copy is
    /// laid out as CPython's `set.copy()`: merged into an empty set).
    pub fn duplicate(&self) -> PyDict {
        let mut nd = PyDict::new();
        if self.order.is_some() {
            nd.make_set();
            nd.merge_set(self);
            return nd;
        }
        for (i, hk) in self.index_order() {
            let (k, v) = self.entries[i].as_ref().expect("indexed entry");
            nd.insert(hk, k.clone(), v.clone());
        }
        nd
    }

    /// Gives this dict a set's table (if it has none yet), its entries added in their order,
    /// as CPython builds a set from an iterable.
    pub fn make_set(&mut self) {
        if self.order.is_some() {
            return;
        }
        let mut t = crate::settable::SetTable::new();
        for (i, hk) in self.index_order() {
            t.add(hk.py_hash(), i as u32);
        }
        self.order = Some(Box::new(t));
    }

    /// CPython's `set_merge(self, other)` for two sets (`set.update(s)`, `s | t`, copies): one
    /// resize up front, then `other`'s members in its iteration order, or its very layout when
    /// this set is empty and of the same size. Keys hashed by script code are compared here by
    /// identity only; callers with such keys go through the interpreter instead.
    pub fn merge_set(&mut self, other: &PyDict) {
        self.make_set();
        let Some(theirs) = other.order.as_deref() else {
            for (i, hk) in other.index_order() {
                let (k, _) = other.entries[i].as_ref().expect("indexed entry");
                self.insert(hk, k.clone(), Value::None);
            }
            return;
        };
        if theirs.used() == 0 {
            return;
        }
        let ours = self.order.as_deref_mut().expect("made a set");
        ours.reserve(theirs.used());
        let hkeys = other.hkeys_by_entry();
        if ours.copies_layout_of(theirs) && self.entries.is_empty() {
            // Entries in `other`'s iteration order; the table takes its slots as they are.
            let mut map = vec![0u32; other.entries.len()];
            for i in theirs.order() {
                let hk = hkeys[i as usize].clone().expect("indexed entry");
                let (k, _) = other.entries[i as usize].as_ref().expect("indexed entry");
                map[i as usize] = self.entries.len() as u32;
                if let HKey::User { hash, id } = hk {
                    self.users.entry(hash).or_default().push(id);
                }
                self.index.insert(hk, self.entries.len());
                self.entries.push(Some((k.clone(), Value::None)));
            }
            let ours = self.order.as_deref_mut().expect("made a set");
            ours.copy_layout(theirs, |i| map[i as usize]);
            return;
        }
        for i in theirs.order() {
            let hk = hkeys[i as usize].clone().expect("indexed entry");
            let (k, _) = other.entries[i as usize].as_ref().expect("indexed entry");
            self.insert(hk, k.clone(), Value::None);
        }
    }

    /// CPython's first step of adding `n` members from a dict or set at once: one resize up
    /// front if they would fill the table past three fifths (a no-op for a dict).
    pub fn reserve_set(&mut self, n: usize) {
        if let Some(t) = &mut self.order {
            t.reserve(n);
        }
    }

    /// The end of CPython's `set.difference_update`: resize away dummies past a quarter.
    pub fn purge_set_dummies(&mut self) {
        if let Some(t) = &mut self.order {
            t.purge_dummies();
        }
    }

    /// `set.pop()`: removes and returns the member CPython's would (the first from where the
    /// last `pop` stopped, in table order); for a dict, the first entry.
    pub fn pop_set(&mut self) -> Option<Value> {
        let i = match &mut self.order {
            Some(t) => t.pop()? as usize,
            None => self.entries.iter().position(Option::is_some)?,
        };
        let (k, _) = self.entries[i].take()?;
        if let Some(hk) = self.stored_hkey(&k) {
            self.index.remove(&hk);
            self.forget_user(&hk);
        }
        Some(k)
    }

    /// The members' keys and key objects in iteration order (a set's table order).
    pub fn members(&self) -> Vec<(HKey, Value)> {
        let hkeys = self.hkeys_by_entry();
        let order: Vec<usize> = match &self.order {
            Some(t) => t.order().map(|i| i as usize).collect(),
            None => (0..self.entries.len()).collect(),
        };
        order
            .into_iter()
            .filter_map(|i| {
                let (k, _) = self.entries[i].as_ref()?;
                Some((hkeys[i].clone()?, k.clone()))
            })
            .collect()
    }

    /// Whether some key is hashed by script code ([`HKey::User`]).
    pub fn has_user_keys(&self) -> bool {
        !self.users.is_empty()
    }

    /// Each entry's key as indexed, by entry index.
    fn hkeys_by_entry(&self) -> Vec<Option<HKey>> {
        let mut keys: Vec<Option<HKey>> = vec![None; self.entries.len()];
        for (hk, &i) in &self.index {
            keys[i] = Some(hk.clone());
        }
        keys
    }
    /// Each entry's slot and key, in insertion order.
    fn index_order(&self) -> Vec<(usize, HKey)> {
        let mut v: Vec<(usize, HKey)> = self.index.iter().map(|(k, &i)| (i, k.clone())).collect();
        v.sort_unstable_by_key(|(i, _)| *i);
        v
    }
    /// The key under which a stored key object is indexed.
    pub fn stored_hkey(&self, k: &Value) -> Option<HKey> {
        match HKey::of(k) {
            Ok(hk) => Some(hk),
            Err(Unhashable::Type(_)) => None,
            Err(Unhashable::UserHash) => {
                let id = k.heap_addr()?;
                self.users
                    .iter()
                    .find(|(_, ids)| ids.contains(&id))
                    .map(|(&hash, _)| HKey::User { hash, id })
            }
        }
    }
    fn forget_user(&mut self, hk: &HKey) {
        if let HKey::User { hash, id } = *hk {
            if let Some(ids) = self.users.get_mut(&hash) {
                ids.retain(|&x| x != id);
                if ids.is_empty() {
                    self.users.remove(&hash);
                }
            }
        }
    }
    /// Inserts under a string key, the key value and its `HKey` sharing one string object;
    /// returns the replaced value (drop it outside any borrow).
    pub fn insert_str(&mut self, key: PyStr, value: Value) -> Option<Value> {
        self.insert(HKey::Str(key.clone()), Value::Str(key), value)
    }
    /// Removes a key; returns the entry (drop it outside any borrow).
    pub fn remove(&mut self, k: &HKey) -> Option<(Value, Value)> {
        let i = self.index.remove(k)?;
        self.forget_user(k);
        if let Some(t) = &mut self.order {
            t.discard(k.py_hash(), i as u32);
        }
        let e = self.entries[i].take();
        if self.entries.len() > 16 && self.index.len() * 2 < self.entries.len() {
            self.compact();
        }
        e
    }
    fn compact(&mut self) {
        let old = std::mem::take(&mut self.entries);
        // Each slot's key as indexed (a user key cannot be recomputed without the interpreter).
        let mut keys: Vec<Option<HKey>> = vec![None; old.len()];
        for (hk, i) in self.index.drain() {
            keys[i] = Some(hk);
        }
        let mut map = vec![u32::MAX; old.len()];
        for (i, (e, hk)) in old.into_iter().zip(keys).enumerate() {
            if let (Some(e), Some(hk)) = (e, hk) {
                map[i] = self.entries.len() as u32;
                self.index.insert(hk, self.entries.len());
                self.entries.push(Some(e));
            }
        }
        if let Some(t) = &mut self.order {
            t.remap(&map);
        }
    }
    /// The key of every raw entry slot, `None` for removed entries (the index an edge name
    /// such as `map.entries[3].0.1` refers to).
    pub fn raw_keys(&self) -> impl Iterator<Item = Option<&Value>> {
        self.entries.iter().map(|e| e.as_ref().map(|(k, _)| k))
    }
    /// Iterates the entries: a dict's in insertion order, a set's in its table's order.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        let (by_table, in_order) = match &self.order {
            Some(t) => (Some(t.order()), None),
            None => (None, Some(self.entries.iter())),
        };
        let by_table = by_table
            .into_iter()
            .flatten()
            .filter_map(|i| self.entries[i as usize].as_ref());
        in_order
            .into_iter()
            .flatten()
            .flatten()
            .chain(by_table)
            .map(|(k, v)| (k, v))
    }
    /// Removes and returns the last entry.
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        while let Some(e) = self.entries.pop() {
            if let Some((k, v)) = e {
                if let Some(hk) = self.stored_hkey(&k) {
                    self.index.remove(&hk);
                    self.forget_user(&hk);
                    if let Some(t) = &mut self.order {
                        t.discard(hk.py_hash(), self.entries.len() as u32);
                    }
                }
                return Some((k, v));
            }
        }
        None
    }
    /// Takes every entry out (to drop outside a borrow).
    pub fn take_all(&mut self) -> Vec<(Value, Value)> {
        self.index.clear();
        self.users.clear();
        if let Some(t) = &mut self.order {
            t.clear();
        }
        std::mem::take(&mut self.entries)
            .into_iter()
            .flatten()
            .collect()
    }
}

// ------------------------------------------------------------------ formatting

/// `repr(float)` exactly as Python prints it: the shortest string that round-trips, in
/// positional notation when the decimal exponent is in `-4..16`, else scientific.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "d.ddde[-]X".
    let mut s = format!("{:e}", x.abs());
    // Of the shortest digit strings that round-trip, Python prints the one nearest the
    // exact value; `{:e}` may pick another when two tie (2**-25 is ...3125e-08: Python
    // prints ...312, `{:e}` ...313). The correctly rounded string of that length (ties
    // to even) is the nearest, and round-trips whenever any string of that length does.
    let ndigits = s
        .split_once('e')
        .map_or(1, |(m, _)| m.replace('.', "").len());
    let nearest = format!("{:.*e}", ndigits - 1, x.abs());
    if nearest.parse::<f64>() == Ok(x.abs()) {
        s = nearest;
    }
    let (mant, exp) = s.split_once('e').expect("exponent");
    let exp: i32 = exp.parse().expect("exponent digits");
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let sign = if x < 0.0 { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        let body = if exp >= 0 {
            if n <= exp + 1 {
                format!("{}{}.0", digits, "0".repeat((exp + 1 - n) as usize))
            } else {
                let (a, b) = digits.split_at((exp + 1) as usize);
                format!("{a}.{b}")
            }
        } else {
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1);
        let m = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        let esign = if exp < 0 { "-" } else { "+" };
        format!("{sign}{m}e{esign}{:02}", exp.abs())
    }
}

/// `repr(str)` as Python prints it, choosing the quote the way Python does.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::DefaultHasher;

    fn hash_of<T: Hash + ?Sized>(x: &T) -> u64 {
        let mut h = DefaultHasher::new();
        x.hash(&mut h);
        h.finish()
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn value_is_16_bytes() {
        // A list of 499,500 items is 8 MB for the collector to stream, not 12 MB.
        assert_eq!(std::mem::size_of::<Value>(), 16);
        assert_eq!(std::mem::size_of::<PyStr>(), 8);
        assert_eq!(std::mem::size_of::<Option<PyStr>>(), 8);
    }

    #[test]
    fn pystr_compares_and_hashes_as_str() {
        let a = PyStr::from("abc");
        let b = PyStr::from(String::from("abc"));
        let c = PyStr::from(Rc::<str>::from("abd"));
        assert_eq!(a, b);
        assert!(!PyStr::ptr_eq(&a, &b));
        assert_ne!(a, c);
        assert!(a < c && c > b);
        assert_eq!(a.cmp(&b), Ordering::Equal);
        assert_eq!(a, "abc");
        assert_eq!(hash_of(&a), hash_of("abc"));
        // The same hash as the `Rc<str>` keys had, so `hash('abc')` is unchanged.
        assert_eq!(hash_of(&a), hash_of(&Rc::<str>::from("abc")));
        assert_eq!(
            hash_of(&HKey::Str(a.clone())),
            hash_of(&HKey::Str(b.clone()))
        );
        let mut m: HashMap<PyStr, i32> = HashMap::new();
        m.insert(a.clone(), 1);
        assert_eq!(m.get("abc"), Some(&1));
        assert_eq!(format!("{a}|{a:>5}|{a:?}"), "abc|  abc|\"abc\"");
        assert_eq!(Rc::<str>::from(&a), Rc::from("abc"));
        assert_eq!(&*PyStr::default(), "");
    }

    #[test]
    fn pystr_identity() {
        let a = PyStr::from("");
        let b = PyStr::from("");
        assert_ne!(a.addr(), b.addr());
        assert_eq!(a.addr(), a.clone().addr());
        let v = Value::Str(a.clone());
        let HKey::Str(k) = HKey::of(&v).ok().expect("hashable") else {
            panic!("a string key")
        };
        assert!(PyStr::ptr_eq(&k, &a), "dict keys share the value's string");
    }

    #[test]
    fn insert_str_shares_the_key() {
        let mut d = PyDict::new();
        let k = PyStr::from("key");
        d.insert_str(k.clone(), Value::Int(1));
        let (kv, _) = d.iter().next().expect("one entry");
        let Value::Str(s) = kv else {
            panic!("a str key")
        };
        assert!(PyStr::ptr_eq(s, &k));
        assert!(matches!(
            d.get(&HKey::Str(PyStr::from("key"))),
            Some(Value::Int(1))
        ));
    }
}
