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
//!
//! The callbacks queued with an interpreter wait in its [`WeakCallbacks`] until the next
//! statement boundary ([`Interp::run_pending_callbacks`]), or until the weak-clear hook calls
//! them in a collection.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Weak as RcWeak;

use gc_core::weak_callbacks::HookId;
use gc_core::{Cc, Weak};

use crate::interp::generator::Generator;
use crate::interp::{Ctrl, Interp};
use crate::value::{Class, Function, Instance, Value, WeakRefObj};

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

/// An interpreter's weak reference callbacks waiting to be called, and its weak-clear hook
/// (the interpreter's `weak_callbacks`). Only this module changes it: the queue is filled when
/// a referent dies (from its `Drop`, or from the weak-clear hook in a collection) and drained
/// at statement boundaries and by the hook.
pub(crate) struct WeakCallbacks {
    /// Weak references whose referent died, waiting for their callbacks.
    pending: RefCell<Vec<Cc<WeakRefObj>>>,
    /// Whether `pending` may be non-empty (checked after every statement).
    have_pending: Cell<bool>,
    /// Whether the weak-clear hook is calling a collection's callbacks (see
    /// [`Interp::run_pending_callbacks`]).
    hook_draining: Cell<bool>,
    /// This interpreter's weak-clear hook, removed when the `Interpreter` is dropped.
    hook: Cell<Option<HookId>>,
}

impl WeakCallbacks {
    /// Nothing queued, no hook installed yet.
    pub(crate) fn new() -> WeakCallbacks {
        WeakCallbacks {
            pending: RefCell::new(Vec::new()),
            have_pending: Cell::new(false),
            hook_draining: Cell::new(false),
            hook: Cell::new(None),
        }
    }

    /// Whether callbacks may be waiting (checked after every statement: then
    /// [`Interp::run_pending_callbacks`] runs them).
    #[inline]
    pub(crate) fn have_pending(&self) -> bool {
        self.have_pending.get()
    }

    /// Removes the weak-clear hook (when the `Interpreter` is dropped).
    pub(crate) fn remove_hook(&self) {
        if let Some(id) = self.hook.take() {
            gc_core::weak_callbacks::remove(id);
        }
    }
}

impl Interp {
    /// Queues the callbacks of the weak references `refs` (those of one referent, oldest
    /// first) that are still alive; CPython calls the newest one's first. They run at the next
    /// statement boundary, never inside a drop.
    pub(crate) fn queue_weak_callbacks(&self, refs: Vec<Weak<WeakRefObj>>) {
        let Ok(mut pending) = self.weak_callbacks.pending.try_borrow_mut() else {
            return;
        };
        for w in refs.into_iter().rev() {
            // A weak reference object that is itself garbage does not upgrade: its callback is
            // not called, as in CPython.
            if let Some(wr) = w.upgrade() {
                pending.push(wr);
                self.weak_callbacks.have_pending.set(true);
            }
        }
    }

    /// Installs this interpreter's [`gc_core::weak_callbacks`] hook (see
    /// [`Interp::weak_clear_hook`]); the id is removed when the `Interpreter` is dropped.
    pub(crate) fn install_weak_clear_hook(&self) {
        let weak = self.self_weak.clone();
        let id = gc_core::weak_callbacks::add(move |objects| {
            if let Some(interp) = weak.upgrade() {
                interp.weak_clear_hook(objects);
            }
        });
        self.weak_callbacks.hook.set(Some(id));
    }

    /// Runs inside a collection, after it cleared the weak references to its garbage and before
    /// any finalizer: calls the callbacks of the weak references to the garbage, as CPython's
    /// `handle_weakrefs` does (so they run before any `__del__` of the cycle, and a callback
    /// sees its weak reference already dead). Callbacks made by another interpreter on this
    /// thread are queued with it, for its next statement boundary.
    fn weak_clear_hook(&self, objects: &[gc_core::AnyCc]) {
        for o in objects {
            let waiting = if let Some(x) = o.downcast::<Instance>() {
                take(&x.weak_key)
            } else if let Some(x) = o.downcast::<Function>() {
                take(&x.weak_key)
            } else if let Some(x) = o.downcast::<Class>() {
                take(&x.weak_key)
            } else if let Some(x) = o.downcast::<Generator>() {
                take(&x.weak_key)
            } else {
                None
            };
            let Some(waiting) = waiting else {
                continue;
            };
            if let Some(interp) = waiting.interp.upgrade() {
                interp.queue_weak_callbacks(waiting.refs);
            }
        }
        if self.weak_callbacks.have_pending.get()
            && !self.weak_callbacks.hook_draining.replace(true)
        {
            /// Clears `hook_draining` however the drain ends (gc-core catches a panic here).
            struct Reset<'a>(&'a Cell<bool>);
            impl Drop for Reset<'_> {
                fn drop(&mut self) {
                    self.0.set(false);
                }
            }
            let _reset = Reset(&self.weak_callbacks.hook_draining);
            let _g = self.enter();
            self.drain_callbacks();
        }
    }

    /// Calls the callbacks of weak references whose referents died.
    ///
    /// While the weak-clear hook is calling a collection's callbacks this does nothing: the
    /// hook's own loop calls everything queued, in order, as CPython calls a collection's
    /// callbacks one after the other (a `gc.collect()` from inside one of them must not call
    /// the others early).
    pub(crate) fn run_pending_callbacks(&self) {
        if !self.weak_callbacks.hook_draining.get() {
            self.drain_callbacks();
        }
    }

    /// Calls queued weak reference callbacks until the queue is empty.
    fn drain_callbacks(&self) {
        loop {
            let next = {
                let mut p = self.weak_callbacks.pending.borrow_mut();
                if p.is_empty() {
                    self.weak_callbacks.have_pending.set(false);
                    None
                } else {
                    Some(p.remove(0))
                }
            };
            let Some(wr) = next else { break };
            if wr.fired.replace(true) {
                continue;
            }
            let cb = wr.callback.borrow_mut().take();
            if let Some(cb) = cb {
                if let Err(Ctrl::Exc(e)) =
                    self.call(&cb, vec![Value::WeakRef(wr.clone())], Vec::new())
                {
                    let desc = self.repr(&cb).unwrap_or_default();
                    self.print_ignored(&desc, &e);
                }
            }
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
