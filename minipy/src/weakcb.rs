//! Which `weakref.ref(obj, callback)` objects wait on which referent, so that their callbacks
//! run when it dies.
//!
//! A referent (an instance, function or class) carries a [`WeakKey`]: 0 until the first weak
//! reference with a callback is made to it, then a number unique on the thread, under which the
//! registry keeps those weak references and the interpreter that runs their callbacks. (The
//! key lives in the value, not in an address: gc-core may move a small value out of its object
//! before dropping it.) An entry is taken exactly when its referent dies:
//! - by reference count, from the referent's `Drop` ([`referent_dropped`]): the callbacks are
//!   queued and run at the next statement boundary;
//! - in a garbage cycle, from the interpreter's weak-clear hook ([`take`]), before any
//!   `__del__` of the cycle, as CPython does. The value's `Drop` comes later and finds nothing.
//!
//! A referent that never had a weak reference with a callback pays one branch in its `Drop`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Weak as RcWeak;

use gc_core::{Cc, Weak};

use crate::interp::Interp;
use crate::value::WeakRefObj;

/// A referent's key in the registry of weak reference callbacks: 0 while it has none. Every
/// value that can be the referent of `weakref.ref(obj, callback)` (instances, functions,
/// classes) carries one; the interpreter sets it.
///
/// ```
/// let py = minipy::Interpreter::new();
/// py.run("import weakref\nclass A: pass\na = A()\nseen = []\nr = weakref.ref(a, seen.append)\ndel a")
///     .unwrap();
/// py.run("assert seen == [r]").unwrap();
/// ```
#[derive(Default)]
pub struct WeakKey(Cell<u64>);

impl WeakKey {
    /// A key with no callbacks registered.
    pub fn new() -> WeakKey {
        WeakKey::default()
    }
}

/// The weak references with callbacks that wait on one referent.
pub(crate) struct Waiting {
    /// The interpreter that made them (it runs the callbacks).
    pub(crate) interp: RcWeak<Interp>,
    /// Oldest first.
    pub(crate) refs: Vec<Weak<WeakRefObj>>,
}

#[derive(Default)]
struct Registry {
    last_key: u64,
    waiting: HashMap<u64, Waiting>,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::default());
}

/// Records that `wr`, made by `interp`, has a callback waiting on the referent keyed `key`.
pub(crate) fn register(key: &WeakKey, interp: &Interp, wr: &Cc<WeakRefObj>) {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        if key.0.get() == 0 {
            r.last_key += 1;
            key.0.set(r.last_key);
        }
        r.waiting
            .entry(key.0.get())
            .or_insert_with(|| Waiting {
                interp: interp.self_weak.clone(),
                refs: Vec::new(),
            })
            .refs
            .push(Cc::downgrade(wr));
    });
}

/// Takes the entry of the referent keyed `key`, if it has one.
pub(crate) fn take(key: &WeakKey) -> Option<Waiting> {
    let k = key.0.replace(0);
    if k == 0 {
        return None;
    }
    REGISTRY
        .try_with(|r| r.try_borrow_mut().ok()?.waiting.remove(&k))
        .ok()
        .flatten()
}

/// Called from the `Drop` of a referent that can have weak references: queues their callbacks
/// with the interpreter that made them.
pub(crate) fn referent_dropped(key: &WeakKey) {
    if let Some(waiting) = take(key) {
        if let Some(interp) = waiting.interp.upgrade() {
            interp.queue_weak_callbacks(waiting.refs);
        }
    }
}

impl Drop for crate::value::Instance {
    fn drop(&mut self) {
        referent_dropped(&self.weak_key);
    }
}

impl Drop for crate::value::Function {
    fn drop(&mut self) {
        referent_dropped(&self.weak_key);
    }
}

impl Drop for crate::value::Class {
    fn drop(&mut self) {
        referent_dropped(&self.weak_key);
    }
}
