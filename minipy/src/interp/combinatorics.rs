//! `itertools.permutations`, `combinations`, `combinations_with_replacement` and `product`
//! as native iterators: CPython's algorithms (Modules/itertoolsmodule.c) over index vectors,
//! each item a new tuple of the pool's values, with CPython's argument parsing and messages.
//! Each type is a builtin type ([`TypeKind::Permutations`], ...), so `isinstance` and
//! `type(x) is itertools.permutations` hold as in CPython.

use gc_core::Trace;

use super::iterobj::IterState;
use super::*;
use crate::types::{ssize_arg, Kw};

/// Which of the four combinatoric iterators.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CombKind {
    /// `permutations(iterable, r=None)`.
    Permutations,
    /// `combinations(iterable, r)`.
    Combinations,
    /// `combinations_with_replacement(iterable, r)`.
    CombinationsWithReplacement,
    /// `product(*iterables, repeat=1)`.
    Product,
}

impl CombKind {
    /// The type of this iterator.
    pub fn type_kind(self) -> TypeKind {
        match self {
            CombKind::Permutations => TypeKind::Permutations,
            CombKind::Combinations => TypeKind::Combinations,
            CombKind::CombinationsWithReplacement => TypeKind::CombinationsWithReplacement,
            CombKind::Product => TypeKind::Product,
        }
    }

    /// The iterator for a type, if it is one of these.
    pub fn of_type(t: TypeKind) -> Option<CombKind> {
        Some(match t {
            TypeKind::Permutations => CombKind::Permutations,
            TypeKind::Combinations => CombKind::Combinations,
            TypeKind::CombinationsWithReplacement => CombKind::CombinationsWithReplacement,
            TypeKind::Product => CombKind::Product,
            _ => return None,
        })
    }

    /// The name CPython's argument errors give (`permutations`).
    fn short_name(self) -> &'static str {
        self.type_kind().dunder_name()
    }
}

/// The state of a combinatoric iterator.
#[derive(Trace)]
pub struct Combinatoric {
    /// Which iterator.
    #[trace(skip)]
    kind: CombKind,
    /// The pool (one for all but `product`; `product`'s distinct pools, position `i` of an
    /// item drawing from `pools[i % pools.len()]`).
    pools: Vec<Vec<Value>>,
    /// The pool index of each position of the next item (for `permutations`, all `n` of
    /// them, the first `r` in use).
    #[trace(skip)]
    indices: Vec<usize>,
    /// `permutations`' countdown per position.
    #[trace(skip)]
    cycles: Vec<usize>,
    /// The length of an item.
    #[trace(skip)]
    r: usize,
    /// No item has been produced yet.
    #[trace(skip)]
    first: bool,
    /// Exhausted.
    #[trace(skip)]
    done: bool,
}

impl Combinatoric {
    /// The pool value at `pos` of an item whose index there is `idx`.
    #[inline]
    fn value_at(&self, pos: usize, idx: usize) -> Value {
        let pool = match self.kind {
            CombKind::Product => &self.pools[pos % self.pools.len()],
            _ => &self.pools[0],
        };
        pool[idx].clone()
    }

    /// The current item as a new tuple.
    fn item(&self) -> Value {
        let items: Vec<Value> = self.indices[..self.r]
            .iter()
            .enumerate()
            .map(|(pos, &idx)| self.value_at(pos, idx))
            .collect();
        Value::tuple(items)
    }

    /// The next item (no Python code runs: only indices move and values are shared).
    pub fn next_item(&mut self) -> Option<Value> {
        if self.done {
            return None;
        }
        if self.first {
            self.first = false;
            return Some(self.item());
        }
        let advanced = match self.kind {
            CombKind::Permutations => self.advance_permutation(),
            CombKind::Combinations => self.advance_combination(),
            CombKind::CombinationsWithReplacement => self.advance_cwr(),
            CombKind::Product => self.advance_product(),
        };
        if advanced {
            Some(self.item())
        } else {
            // The pools stay until the iterator goes, as in CPython (the same lifetimes,
            // so the same `__del__` and weakref callback order).
            self.done = true;
            None
        }
    }

    fn advance_permutation(&mut self) -> bool {
        let n = self.indices.len();
        if n == 0 {
            return false;
        }
        for i in (0..self.r).rev() {
            self.cycles[i] -= 1;
            if self.cycles[i] == 0 {
                // Move indices[i] to the end, shifting the rest left.
                self.indices[i..].rotate_left(1);
                self.cycles[i] = n - i;
            } else {
                let j = self.cycles[i];
                self.indices.swap(i, n - j);
                return true;
            }
        }
        false
    }

    fn advance_combination(&mut self) -> bool {
        let n = self.pools[0].len();
        let r = self.r;
        // The rightmost index not at its highest value (i + n - r).
        let Some(i) = (0..r).rev().find(|&i| self.indices[i] != i + n - r) else {
            return false;
        };
        self.indices[i] += 1;
        for j in i + 1..r {
            self.indices[j] = self.indices[j - 1] + 1;
        }
        true
    }

    fn advance_cwr(&mut self) -> bool {
        let n = self.pools[0].len();
        let r = self.r;
        // The rightmost index not at n - 1 (n > 0 here: an empty pool gave at most `()`).
        let Some(i) = (0..r).rev().find(|&i| self.indices[i] + 1 != n) else {
            return false;
        };
        let v = self.indices[i] + 1;
        self.indices[i..r].fill(v);
        true
    }

    fn advance_product(&mut self) -> bool {
        let npools = self.pools.len();
        for i in (0..self.r).rev() {
            let len = self.pools[i % npools].len();
            self.indices[i] += 1;
            if self.indices[i] < len {
                return true;
            }
            self.indices[i] = 0;
        }
        false
    }
}

/// Positional-or-keyword arguments parsed as CPython's `PyArg_ParseTupleAndKeywords` and
/// Argument Clinic do (the same messages): `params` by name, the first `required` of them
/// required. Missing optional ones are `None`.
fn parse_args(
    interp: &Interp,
    name: &str,
    params: &[&str],
    required: usize,
    args: Vec<Value>,
    kw: Kw,
) -> PyResult<Vec<Option<Value>>> {
    let nargs = args.len();
    let total = nargs + kw.len();
    if total > params.len() {
        return Err(interp.type_error(format!(
            "{name}() takes at most {} {}argument{} ({total} given)",
            params.len(),
            if nargs == 0 { "keyword " } else { "" },
            if params.len() == 1 { "" } else { "s" }
        )));
    }
    let mut out: Vec<Option<Value>> = Vec::with_capacity(params.len());
    let mut args = args.into_iter();
    let mut used = 0;
    for (i, p) in params.iter().enumerate() {
        let v = if i < nargs {
            args.next()
        } else {
            let v = crate::types::kwarg(&kw, p);
            used += v.is_some() as usize;
            v
        };
        if v.is_none() && i < required {
            return Err(interp.type_error(format!(
                "{name}() missing required argument '{p}' (pos {})",
                i + 1
            )));
        }
        out.push(v);
    }
    if used < kw.len() {
        for (i, p) in params.iter().enumerate().take(nargs) {
            if kw.iter().any(|(k, _)| &**k == *p) {
                return Err(interp.type_error(format!(
                    "argument for {name}() given by name ('{p}') and position ({})",
                    i + 1
                )));
            }
        }
        if let Some((k, _)) = kw.iter().find(|(k, _)| !params.contains(&&**k)) {
            return Err(
                interp.type_error(format!("'{k}' is an invalid keyword argument for {name}()"))
            );
        }
    }
    Ok(out)
}

/// CPython's `PyLong_Check`: an int, a bool or an instance of a class deriving from `int`.
fn is_int(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Big(_) | Value::Bool(_) => true,
        Value::Instance(i) => i.class().builtin_base == Some(TypeKind::Int),
        _ => false,
    }
}

/// A vector of `len` zeros, or `MemoryError` when it is beyond what minipy materialises.
fn zeros(interp: &Interp, len: usize) -> PyResult<Vec<usize>> {
    if len as u64 > MAX_MATERIALIZE as u64 {
        return Err(interp.exc("MemoryError", ""));
    }
    Ok(vec![0; len])
}

impl Interp {
    /// `itertools.permutations(...)` and the others: a new iterator of type `kind`.
    pub(crate) fn combinatoric_new(
        &self,
        kind: CombKind,
        args: Vec<Value>,
        kw: Kw,
    ) -> PyResult<Value> {
        // `f(r=1, **{'r': 2})`: CPython's call machinery refuses it before the type sees it.
        for (i, (k, _)) in kw.iter().enumerate() {
            if kw[..i].iter().any(|(k2, _)| k2 == k) {
                return Err(self.type_error(format!(
                    "{}() got multiple values for keyword argument '{k}'",
                    kind.type_kind().name()
                )));
            }
        }
        let name = kind.short_name();
        let state = match kind {
            CombKind::Permutations => {
                let a = parse_args(self, name, &["iterable", "r"], 1, args, kw)?;
                let pool = self.collect(a[0].as_ref().unwrap_or(&Value::None))?;
                let n = pool.len();
                let r = match &a[1] {
                    None | Some(Value::None) => n as i64,
                    // `PyLong_Check`, then `PyLong_AsSsize_t`: no `__index__`.
                    Some(v) if !is_int(v) => {
                        return Err(self.type_error("Expected int as r".into()))
                    }
                    Some(v) => ssize_arg(self, v, "")?,
                };
                if r < 0 {
                    return Err(self.exc("ValueError", "r must be non-negative"));
                }
                let r = r as u64;
                let done = r > n as u64;
                let r = if done { 0 } else { r as usize };
                Combinatoric {
                    kind,
                    indices: (0..n).collect(),
                    cycles: (0..r).map(|i| n - i).collect(),
                    pools: vec![pool],
                    r,
                    first: true,
                    done,
                }
            }
            CombKind::Combinations | CombKind::CombinationsWithReplacement => {
                let a = parse_args(self, name, &["iterable", "r"], 2, args, kw)?;
                // Argument Clinic converts `r` before the body takes the pool.
                let r = ssize_arg(self, a[1].as_ref().unwrap_or(&Value::None), "")?;
                let pool = self.collect(a[0].as_ref().unwrap_or(&Value::None))?;
                if r < 0 {
                    return Err(self.exc("ValueError", "r must be non-negative"));
                }
                let n = pool.len() as u64;
                let r = r as u64;
                let done = if kind == CombKind::Combinations {
                    r > n
                } else {
                    n == 0 && r > 0
                };
                let r = if done { 0 } else { r as usize };
                let indices = if kind == CombKind::Combinations {
                    (0..r).collect()
                } else {
                    zeros(self, r)?
                };
                Combinatoric {
                    kind,
                    pools: vec![pool],
                    indices,
                    cycles: Vec::new(),
                    r,
                    first: true,
                    done,
                }
            }
            CombKind::Product => {
                let repeat = if kw.is_empty() {
                    1
                } else {
                    let a = parse_args(self, name, &["repeat"], 0, Vec::new(), kw)?;
                    match &a[0] {
                        Some(v) => ssize_arg(self, v, "")?,
                        None => 1,
                    }
                };
                if repeat < 0 {
                    return Err(self.exc("ValueError", "repeat argument cannot be negative"));
                }
                // As CPython: `repeat=0` leaves the iterables alone (one item, `()`); the
                // index vector is sized (and refused) before any iterable is consumed.
                let nargs = if repeat == 0 { 0 } else { args.len() as u64 };
                let repeat = repeat as u64;
                if repeat != 0 && nargs > (i64::MAX as u64 / 8) / repeat {
                    return Err(self.exc("OverflowError", "repeat argument too large"));
                }
                let npools = nargs * repeat;
                if npools > MAX_MATERIALIZE as u64 {
                    return Err(self.exc("MemoryError", ""));
                }
                let mut pools = Vec::with_capacity(nargs as usize);
                for a in args.iter().take(nargs as usize) {
                    pools.push(self.collect(a)?);
                }
                let done = pools.iter().any(Vec::is_empty);
                let r = if done { 0 } else { npools as usize };
                Combinatoric {
                    kind,
                    pools,
                    indices: zeros(self, r)?,
                    cycles: Vec::new(),
                    r,
                    first: true,
                    done,
                }
            }
        };
        Ok(self.new_iter(
            kind.type_kind().name(),
            IterState::Combinatoric(Box::new(state)),
        ))
    }
}
