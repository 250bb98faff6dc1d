//! The [`Trace`] trait: how a value tells the collector which `Cc`s it owns.

use std::fmt;

use crate::cc::{Cc, Weak};

/// Reports every [`Cc`] a value owns, so the collector can find reference cycles.
///
/// Write it with `#[derive(Trace)]`; implement it by hand only for types the derive cannot see
/// into.
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
///
/// #[derive(Trace)]
/// struct Node {
///     name: String,
///     children: RefCell<Vec<Cc<Node>>>,
/// }
///
/// let parent = Cc::new(Node { name: "p".into(), children: RefCell::new(Vec::new()) });
/// let child = Cc::new(Node { name: "c".into(), children: RefCell::new(Vec::new()) });
/// parent.children.borrow_mut().push(child);
/// assert!(Cc::is_tracked(&parent)); // a RefCell that can hold a Cc may form a cycle
/// ```
///
/// `Rc<T>` and `std::rc::Weak<T>` are `Trace` only when `T::CAN_HOLD_CC` is `false`: a `Cc`
/// behind an `Rc` is reported by nobody, so a cycle through it would leak. For any other `T`,
/// building (not checking) a program that puts them in a `Cc` fails with a message saying to
/// use `Cc<T>`. `Arc<T>` is `Trace` for every `T` and reports nothing. `Cc<T>` is `Trace` for
/// every `T`, unsized ones included (`Cc<dyn Trait>`): the object traces itself.
///
/// # Safety
///
/// The collector frees objects on the strength of what `trace` reports, so an implementation
/// must keep these promises:
///
/// - `trace` calls `v.visit` once for every `Cc` the value owns (directly or through owned
///   containers), and for no `Cc` it does not own. Reporting too few makes the collector keep
///   objects alive (a leak, not unsoundness); reporting a `Cc` the value does not own, or
///   reporting one twice, can make it free a live object.
/// - `trace` has no side effects: it does not create, clone, drop or move a `Cc`, does not
///   mutate the value, and does not call into the collector (nor enter a
///   [`sync::Mutator`](crate::sync::Mutator): the sync collector traces with the world
///   stopped, and may trace on its own worker threads). It never blocks: a lock is read with
///   `try_lock`, as the crate's `Mutex` and `RwLock` impls do. It may panic; the collector
///   recovers.
/// - For the sync heap, `trace` reports only handles that are reachable through this value
///   alone: a `Cc` behind an `Arc` is shared and must not be reported (the crate's `Arc` impl
///   reports nothing).
/// - A value that is mutably borrowed (a `RefCell` with a live `borrow_mut`) is reported with
///   `v.visit_borrowed()` instead of being read; the crate's `RefCell` impl does this.
/// - `CAN_HOLD_CC` (`CAN_HOLD_WEAK`) is `true` if any value of the type can ever own a `Cc` (a `Weak`), now
///   or after mutation. `needs_tracking` returns `true` if the value has interior mutability that can
///   hold a `Cc`, or owns a `Cc` whose object is tracked. A `false` that should be `true` lets a
///   cycle escape collection (a leak) and nothing worse; `true` is always allowed.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not implement `Trace`: the collector cannot see the `Cc`s it may hold",
    label = "not `Trace`",
    note = "put `#[derive(Trace)]` on `{Self}`, or mark the field `#[trace(skip)]` if it holds no `Cc`"
)]
pub unsafe trait Trace {
    /// Whether a value of this type can ever own a strong `Cc`, now or after mutation.
    ///
    /// Used for `RefCell<T>`: a cell whose contents can never hold a `Cc` cannot close a cycle.
    const CAN_HOLD_CC: bool = true;

    /// Whether a value of this type can ever own a [`Weak`]. Containers skip tracing values
    /// that can hold neither (weak edges matter only to introspection).
    const CAN_HOLD_WEAK: bool = true;

    /// Report every `Cc` this value owns to the visitor.
    fn trace<V: Visitor>(&self, v: &mut V);

    /// Whether an object holding this value could ever take part in a reference cycle.
    ///
    /// `Cc::new` tracks the new object exactly when this is true. It is true when the value
    /// has interior mutability that can hold a `Cc` (so an edge to a newer object can be added
    /// later), or owns a `Cc` to a tracked object. A value that is immutable and whose children
    /// are all untracked can only point at older objects that can never point back.
    fn needs_tracking(&self) -> bool {
        true
    }
}

/// A name for the edge being traced, passed by `#[derive(Trace)]` and the container impls.
///
/// The collector's own visitors ignore names at no cost; introspection joins them into paths
/// such as `children[3]` or `attrs["x"]`.
#[derive(Clone, Copy)]
pub enum EdgeName<'a> {
    /// A struct field or enum variant field: `next`, or `0` for tuple fields.
    Field(&'static str),
    /// An item of a sequence: rendered `[i]`.
    Index(usize),
    /// A map entry, rendered as the key's `Debug`: `["k"]`.
    Key(&'a dyn fmt::Debug),
}

impl fmt::Debug for EdgeName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EdgeName::Field(name) => write!(f, "Field({name})"),
            EdgeName::Index(i) => write!(f, "Index({i})"),
            EdgeName::Key(k) => write!(f, "Key({k:?})"),
        }
    }
}

mod sealed {
    pub trait Sealed {}
}
pub(crate) use sealed::Sealed;

/// What [`Trace::trace`] reports to. Only gc-core implements it.
///
/// The collector runs several visitors (counting internal references, marking reachable
/// objects, listing referents for introspection); `trace` is generic over them so each pass is
/// compiled with its visitor inlined.
pub trait Visitor: Sealed {
    /// The value owns this strong reference.
    fn visit<T: ?Sized + 'static>(&mut self, cc: &Cc<T>);

    /// The value owns this strong reference to an object of the sync heap
    /// ([`crate::sync::Cc`]). The unsync collector ignores it: another heap's object is never
    /// part of an unsync cycle.
    #[inline(always)]
    fn visit_sync<T: ?Sized + Send + Sync + 'static>(&mut self, cc: &crate::sync::Cc<T>) {
        let _ = cc;
    }

    /// The value owns this weak reference. Collection ignores weak edges; introspection shows
    /// them.
    #[inline(always)]
    fn visit_weak<T: ?Sized + 'static>(&mut self, weak: &Weak<T>) {
        let _ = weak;
    }

    /// The value holds references that cannot be read now (a mutably borrowed `RefCell`). The
    /// collector then treats the object as referenced from outside, keeping it and everything
    /// in that cell alive for this collection.
    #[inline(always)]
    fn visit_borrowed(&mut self) {}

    /// The edges reported until the matching [`leave`](Visitor::leave) are reached through
    /// `name`.
    #[inline(always)]
    fn enter(&mut self, name: EdgeName<'_>) {
        let _ = name;
    }

    /// Ends the innermost [`enter`](Visitor::enter).
    #[inline(always)]
    fn leave(&mut self) {}
}
