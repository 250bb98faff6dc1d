//! Dict and set keys: `hash()` as CPython computes it, and keys whose hash and equality are
//! script code (`__hash__`, `__eq__`), resolved against the dict being probed.
//!
//! Builtin keys (ints, strs, tuples of them...) are [`HKey`]s compared by Rust alone: that
//! path is unchanged and runs no script code. A key an instance's `__hash__` hashes (or a
//! tuple or frozenset holding one) is an [`HKey::User`]: its hash comes from `__hash__`, and
//! it names the stored key object it equals, found by calling `__eq__` on each stored key of
//! the same hash. `__eq__` runs with no borrow of the dict held; when it removed the key it
//! was comparing with, the probe starts again, as CPython's lookup does.

use std::cell::RefCell;

use super::*;

/// A dict's or set's entries as a key is resolved against them: a dict being built (`&PyDict`)
/// or one the script can reach (`&RefCell<PyDict>`, borrowed only between `__eq__` calls).
pub trait KeyTable {
    /// Runs `f` on the entries.
    fn peek<R>(&self, f: impl FnOnce(&PyDict) -> R) -> R;
}

impl KeyTable for PyDict {
    fn peek<R>(&self, f: impl FnOnce(&PyDict) -> R) -> R {
        f(self)
    }
}

impl KeyTable for RefCell<PyDict> {
    fn peek<R>(&self, f: impl FnOnce(&PyDict) -> R) -> R {
        f(&self.borrow())
    }
}

// xxHash constants of CPython 3.11's `tuplehash`.
const XXPRIME_1: u64 = 11400714785074694791;
const XXPRIME_2: u64 = 14029467366897019727;
const XXPRIME_5: u64 = 2870177450012600261;

/// CPython's tuple hash of the items' hashes.
fn tuple_hash(hashes: &[i64]) -> i64 {
    let mut acc = XXPRIME_5;
    for &h in hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add((hashes.len() as u64) ^ (XXPRIME_5 ^ 3527539));
    if acc == u64::MAX {
        1546275796
    } else {
        acc as i64
    }
}

/// CPython's frozenset hash of the members' hashes.
fn frozenset_hash(hashes: &[i64]) -> i64 {
    fn shuffle(h: u64) -> u64 {
        ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
    }
    let mut hash: u64 = 0;
    for &h in hashes {
        hash ^= shuffle(h as u64);
    }
    hash ^= (hashes.len() as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        590923713
    } else {
        hash as i64
    }
}

impl HKey {
    /// The key's hash as CPython computes it for numbers, bytes, tuples and frozensets of them
    /// and keys hashed by `__hash__` (strings and objects hashed by identity hash differently,
    /// but consistently with equality; CPython's change from run to run anyway). Sets order
    /// their members by it (`settable.rs`).
    pub fn py_hash(&self) -> i64 {
        use std::hash::{Hash, Hasher};
        match self {
            HKey::Int(i) => crate::bigint::hash_i64(*i),
            HKey::Big(b) => crate::bigint::hash_big(b),
            HKey::Float(bits) => crate::bigint::hash_f64(f64::from_bits(*bits)),
            HKey::Complex(re, im) => {
                super::complex::complex_hash(f64::from_bits(*re), f64::from_bits(*im))
            }
            // As CPython's: a bytes object hashes as the str of the same latin-1 text.
            HKey::Bytes(b) => {
                let text: String = b.data.iter().map(|&c| c as char).collect();
                HKey::Str(crate::value::PyStr::from(text)).py_hash()
            }
            HKey::Tuple(items) => {
                let hashes: Vec<i64> = items.iter().map(HKey::py_hash).collect();
                tuple_hash(&hashes)
            }
            HKey::FrozenSet(items) => {
                let hashes: Vec<i64> = items.iter().map(HKey::py_hash).collect();
                frozenset_hash(&hashes)
            }
            HKey::User { hash, .. } => *hash,
            other => {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                other.hash(&mut h);
                let x = h.finish() as i64 >> 2;
                if x == -1 {
                    -2
                } else {
                    x
                }
            }
        }
    }
}

impl Interp {
    /// The key of `v` in the dict or set `table`, or `TypeError: unhashable type`. A key
    /// hashed by script code runs `__hash__` and then `__eq__` against the stored keys of the
    /// same hash (see the module docs); the result names the equal stored key, or `v` itself.
    pub fn dict_key(&self, table: &impl KeyTable, v: &Value) -> PyResult<HKey> {
        match HKey::of(v) {
            Ok(k) => Ok(k),
            Err(Unhashable::Type(t)) => Err(self.unhashable(&t)),
            Err(Unhashable::UserHash) => self.user_key(table, v),
        }
    }

    fn unhashable(&self, t: &str) -> Ctrl {
        self.type_error(format!("unhashable type: '{t}'"))
    }

    fn user_key(&self, table: &impl KeyTable, v: &Value) -> PyResult<HKey> {
        let hash = self.py_hash(v)?;
        let own = v.heap_addr().unwrap_or(0);
        'probe: loop {
            for (id, stored) in table.peek(|d| d.user_candidates(hash)) {
                if id == own {
                    return Ok(HKey::User { hash, id });
                }
                let equal = self.eq(&stored, v)?;
                if !table.peek(|d| d.holds_user(hash, id)) {
                    continue 'probe; // `__eq__` removed that key: look again
                }
                if equal {
                    return Ok(HKey::User { hash, id });
                }
            }
            return Ok(HKey::User { hash, id: own });
        }
    }

    /// `hash(v)`, as CPython computes it for numbers, tuples and instances with `__hash__`
    /// (strings and other objects hash differently, but consistently with equality).
    pub fn py_hash(&self, v: &Value) -> PyResult<i64> {
        self.check_stack()?;
        match v {
            Value::Instance(i) if i.class().hash_kind() == HashKind::User => {
                let f = i.class().lookup("__hash__").expect("hash kind");
                let r = self.call(&f, vec![v.clone()], Vec::new())?;
                match r {
                    // As CPython's `slot_tp_hash`: an int in range is the hash itself.
                    Value::Int(n) => Ok(if n == -1 { -2 } else { n }),
                    Value::Bool(b) => Ok(b as i64),
                    Value::Big(b) => Ok(crate::bigint::hash_big(&b)),
                    _ => Err(self.type_error("__hash__ method should return an integer".into())),
                }
            }
            Value::Instance(i)
                if i.class().hash_kind() == HashKind::Identity
                    && matches!(i.base, Some(Value::Tuple(_))) =>
            {
                self.py_hash(i.base.as_ref().expect("checked"))
            }
            Value::Tuple(t) => {
                let mut hs = Vec::with_capacity(t.items.len());
                for x in t.items.iter() {
                    hs.push(self.py_hash(x)?);
                }
                Ok(tuple_hash(&hs))
            }
            Value::Set(s) if s.frozen => {
                let members: Vec<Value> = s.items.borrow().iter().map(|(k, _)| k.clone()).collect();
                let mut hs = Vec::with_capacity(members.len());
                for x in &members {
                    hs.push(self.py_hash(x)?);
                }
                Ok(frozenset_hash(&hs))
            }
            _ => match HKey::of(v) {
                Ok(k) => Ok(k.py_hash()),
                Err(Unhashable::Type(t)) => Err(self.unhashable(&t)),
                Err(Unhashable::UserHash) => Err(self.unhashable(&v.type_name())),
            },
        }
    }

    /// Whether `k` (a key of another dict or set) is a key of `table`.
    pub fn has_key(&self, table: &impl KeyTable, k: &Value) -> PyResult<bool> {
        let hk = self.dict_key(table, k)?;
        Ok(table.peek(|d| d.get(&hk).is_some()))
    }

    /// The keys of a dict or set, copied so that script code can run while going through them.
    pub fn keys_of(table: &RefCell<PyDict>) -> Vec<Value> {
        table.borrow().iter().map(|(k, _)| k.clone()).collect()
    }
}
