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

use crate::collect::PanicSlot;
use crate::introspect::AnyCc;
use crate::registry::Registry;

/// A weak-clear hook.
type Hook = dyn FnMut(&[AnyCc]);

thread_local! {
    static HOOKS: RefCell<Registry<Hook>> = RefCell::new(Registry::default());
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
    HookId(Registry::add(&HOOKS, Box::new(f)))
}

/// Unregister a hook; false if it was not registered.
///
/// ```
/// let id = gc_core::weak_callbacks::add(|_| {});
/// assert!(gc_core::weak_callbacks::remove(id));
/// assert!(!gc_core::weak_callbacks::remove(id));
/// ```
pub fn remove(id: HookId) -> bool {
    Registry::remove(&HOOKS, id.0)
}

/// Unregister every hook of this thread.
///
/// ```
/// gc_core::weak_callbacks::add(|_| {});
/// gc_core::weak_callbacks::clear();
/// ```
pub fn clear() {
    Registry::clear(&HOOKS)
}

/// Whether any hook is registered on this thread.
pub(crate) fn registered() -> bool {
    Registry::any(&HOOKS)
}

/// Run every hook with `objects`, catching panics into `panics`.
pub(crate) fn run(objects: &[AnyCc], panics: &mut PanicSlot) {
    Registry::run(&HOOKS, panics, |mut f| (*f)(objects));
}
