//! Hooks that run when a collection clears the weak references to its garbage: the place where
//! CPython's `handle_weakrefs` calls weak-reference callbacks, before any finalizer.
//!
//! gc-core's [`Weak`](crate::Weak) carries no callback of its own (that would cost every weak
//! handle a slot). An embedder that wants Python's `weakref.ref(obj, callback)` keeps its
//! callbacks wherever suits it (minipy keeps them on the instance) and registers a hook here; the
//! collector hands the hook the unreachable objects that had weak references, after clearing
//! those references and before running finalizers, so the embedder can run the callbacks in the
//! order CPython does.
//!
//! When an object dies by reference count instead, nothing here runs: its weak references stop
//! upgrading when its last strong handle goes, and its `Drop` (or finalizer) is the place to
//! notice. CPython also runs the callbacks of such an object from its deallocation, after
//! `__del__`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::collect::PanicSlot;
use crate::introspect::AnyCc;

/// A registered hook.
type Hook = Box<dyn FnMut(&[AnyCc])>;

#[derive(Default)]
struct Hooks {
    next_id: u64,
    list: Vec<(u64, Rc<RefCell<Hook>>)>,
}

thread_local! {
    static HOOKS: RefCell<Hooks> = RefCell::new(Hooks::default());
}

/// Identifies a registered hook, for [`remove`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HookId(u64);

/// Register `f` to run whenever a collection on this thread clears the weak references to
/// unreachable objects.
///
/// `f` receives the objects of the unreachable set that had at least one [`Weak`](crate::Weak)
/// handle, in the collector's order. When it runs:
/// - every weak reference to every object of the unreachable set is already cleared
///   (`upgrade()` returns `None`, also for the objects not passed to `f`);
/// - no finalizer of the set has run yet, and every object of the set is intact;
/// - a collection asked for from inside `f` returns 0, as from a finalizer.
///
/// `f` may keep a handle it was given (or anything reached from it): that resurrects the object,
/// exactly as a finalizer can. The collector checks reachability again after the hooks and the
/// finalizers, and whatever became reachable survives (its weak references stay cleared). A panic
/// in `f` is caught; the collection finishes and then re-raises it.
///
/// Hooks are per thread, like the heap, so `f` need not be `Send`. A collection whose garbage
/// has no weak references (or that runs with no hook registered) does no extra work: the walk
/// that finds the garbage counts the weakly referenced objects as it goes.
///
/// ```
/// use gc_core::{weak_callbacks, Cc, Trace, Weak};
/// use std::{cell::RefCell, rc::Rc};
///
/// #[derive(Trace)]
/// struct Node {
///     name: &'static str,
///     next: RefCell<Option<Cc<Node>>>,
/// }
///
/// let seen = Rc::new(RefCell::new(Vec::new()));
/// let log = seen.clone();
/// let id = weak_callbacks::add(move |objects| {
///     for obj in objects {
///         let node = obj.downcast::<Node>().unwrap();
///         // Still intact: its neighbour is readable too.
///         let next = node.next.borrow().as_ref().map(|n| n.name);
///         log.borrow_mut().push((node.name, next));
///     }
/// });
///
/// let a = Cc::new(Node { name: "a", next: RefCell::new(None) });
/// let b = Cc::new(Node { name: "b", next: RefCell::new(Some(a.clone())) });
/// *a.next.borrow_mut() = Some(b.clone());
/// let weak_a: Weak<Node> = Cc::downgrade(&a);
/// drop((a, b));
///
/// assert_eq!(gc_core::collect(), 2);
/// assert!(weak_a.upgrade().is_none());
/// assert_eq!(*seen.borrow(), vec![("a", Some("b"))]); // only `a` had a weak reference
/// assert!(weak_callbacks::remove(id));
/// ```
pub fn add(f: impl FnMut(&[AnyCc]) + 'static) -> HookId {
    HOOKS.with(|h| {
        let mut h = h.borrow_mut();
        h.next_id += 1;
        let id = h.next_id;
        h.list.push((id, Rc::new(RefCell::new(Box::new(f)))));
        HookId(id)
    })
}

/// Unregister a hook; false if it was not registered.
///
/// ```
/// let id = gc_core::weak_callbacks::add(|_| {});
/// assert!(gc_core::weak_callbacks::remove(id));
/// assert!(!gc_core::weak_callbacks::remove(id));
/// ```
pub fn remove(id: HookId) -> bool {
    HOOKS.with(|h| {
        let mut h = h.borrow_mut();
        let before = h.list.len();
        h.list.retain(|(i, _)| *i != id.0);
        h.list.len() != before
    })
}

/// Unregister every hook of this thread.
///
/// ```
/// gc_core::weak_callbacks::add(|_| {});
/// gc_core::weak_callbacks::clear();
/// ```
pub fn clear() {
    let taken = HOOKS.with(|h| std::mem::take(&mut h.borrow_mut().list));
    drop(taken);
}

/// Whether any hook is registered on this thread (false during thread teardown).
pub(crate) fn registered() -> bool {
    HOOKS
        .try_with(|h| h.try_borrow().map_or(true, |h| !h.list.is_empty()))
        .unwrap_or(false)
}

/// Run every hook with `objects`, catching panics into `panics`.
pub(crate) fn run(objects: &[AnyCc], panics: &mut PanicSlot) {
    // The list is copied out first, so a hook may add or remove hooks while it runs.
    let Ok(list) = HOOKS.try_with(|h| {
        h.borrow()
            .list
            .iter()
            .map(|(_, f)| f.clone())
            .collect::<Vec<_>>()
    }) else {
        return;
    };
    for f in list {
        // A hook is never called inside itself: a collection asked for from a hook is refused.
        let Ok(mut f) = f.try_borrow_mut() else {
            continue;
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (*f)(objects)));
        if let Err(panic) = result {
            panics.record(panic);
        }
    }
}
