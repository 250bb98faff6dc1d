//! A per-thread list of user hooks, shared by [`callbacks`](crate::callbacks) (Python's
//! `gc.callbacks`) and [`weak_callbacks`](crate::weak_callbacks).
//!
//! Hooks are user code run from inside a collection, so the list is never borrowed while one
//! runs: [`Registry::snapshot`] copies the handles out first, and a hook may add or remove hooks
//! (itself included) while it runs. A hook is never entered twice, because a collection asked
//! for from inside a hook is refused.

use std::cell::{RefCell, RefMut};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::thread::LocalKey;

use crate::collect::PanicSlot;

/// One registered hook, shared between the list and a running snapshot.
pub(crate) type Shared<F> = Rc<RefCell<Box<F>>>;

/// Registered hooks of type `F` (a `dyn FnMut(..)`), in registration order, with their ids.
pub(crate) struct Registry<F: ?Sized> {
    next_id: u64,
    list: Vec<(u64, Shared<F>)>,
}

impl<F: ?Sized> Default for Registry<F> {
    fn default() -> Self {
        Registry {
            next_id: 0,
            list: Vec::new(),
        }
    }
}

impl<F: ?Sized> Registry<F> {
    /// Register `f`; returns its id (never 0, never reused on this thread).
    pub(crate) fn add(key: &'static LocalKey<RefCell<Self>>, f: Box<F>) -> u64 {
        key.with(|r| {
            let mut r = r.borrow_mut();
            r.next_id += 1;
            let id = r.next_id;
            r.list.push((id, Rc::new(RefCell::new(f))));
            id
        })
    }

    /// Unregister the hook `id`; false if it was not registered.
    pub(crate) fn remove(key: &'static LocalKey<RefCell<Self>>, id: u64) -> bool {
        key.with(|r| {
            let mut r = r.borrow_mut();
            let before = r.list.len();
            r.list.retain(|(i, _)| *i != id);
            r.list.len() != before
        })
    }

    /// Unregister every hook. They are dropped after the list is released, so a hook's `Drop`
    /// may use the registry.
    pub(crate) fn clear(key: &'static LocalKey<RefCell<Self>>) {
        let taken = key.with(|r| std::mem::take(&mut r.borrow_mut().list));
        drop(taken);
    }

    /// Whether any hook is registered (false once the thread is being torn down; true if the
    /// list is being changed right now, to be safe).
    pub(crate) fn any(key: &'static LocalKey<RefCell<Self>>) -> bool {
        key.try_with(|r| r.try_borrow().map_or(true, |r| !r.list.is_empty()))
            .unwrap_or(false)
    }

    /// Call every hook registered now with `call`, catching their panics into `panics`.
    pub(crate) fn run(
        key: &'static LocalKey<RefCell<Self>>,
        panics: &mut PanicSlot,
        mut call: impl FnMut(RefMut<'_, Box<F>>),
    ) {
        let Ok(list) = key.try_with(|r| {
            r.borrow()
                .list
                .iter()
                .map(|(_, f)| f.clone())
                .collect::<Vec<_>>()
        }) else {
            return;
        };
        for f in list {
            // A hook that asks for a collection finds it refused, so it is never entered twice;
            // the check is there all the same.
            let Ok(f) = f.try_borrow_mut() else {
                continue;
            };
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| call(f))) {
                panics.record(panic);
            }
        }
    }
}
