//! The handles: [`Cc`] (strong), [`Weak`], and the [`Finalize`] trait.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::ptr::NonNull;

use crate::header::{
    self, list_id, CcBox, Header, VTable, VTableFor, DEAD, FINALIZED, WEAK_CLEARED,
};
use crate::heap;
use crate::trace::{Trace, Visitor};

/// A reference-counted pointer whose cycles are found and freed by the collector.
///
/// `Cc<T>` behaves like [`std::rc::Rc`]: cloning adds a strong reference, dropping the last one
/// frees the value at once. In addition, objects that could take part in a cycle are *tracked*
/// in generation lists, and a collection finds groups of them that only reference each other.
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
///
/// #[derive(Trace)]
/// struct Node {
///     next: RefCell<Option<Cc<Node>>>,
/// }
///
/// let a = Cc::new(Node { next: RefCell::new(None) });
/// let b = Cc::new(Node { next: RefCell::new(Some(a.clone())) });
/// *a.next.borrow_mut() = Some(b.clone()); // a -> b -> a
/// drop((a, b));                            // the counts stay at 1: a garbage cycle
/// assert_eq!(gc_core::collect(), 2);       // the collector frees both
/// ```
///
/// `Cc` is neither `Send` nor `Sync`: every thread has its own heap and collector.
pub struct Cc<T: 'static> {
    ptr: NonNull<Header>,
    _owns: PhantomData<CcBox<T>>,
}

/// A non-owning reference to a [`Cc`]'s object.
///
/// `upgrade` returns `None` once the object is gone, and also once a collection has found the
/// object unreachable (weak references are cleared before finalizers run, as in CPython). A
/// `Weak` made after that (for example to an object a finalizer resurrected) does not upgrade
/// either: clearing is a property of the object, permanent.
///
/// ```
/// use gc_core::{Cc, Weak};
/// let strong = Cc::new(5_u32);
/// let weak: Weak<u32> = Cc::downgrade(&strong);
/// assert_eq!(weak.upgrade().map(|c| *c), Some(5));
/// drop(strong);
/// assert!(weak.upgrade().is_none());
/// ```
pub struct Weak<T: 'static> {
    /// `None` for `Weak::new()`, which points at nothing.
    ptr: Option<NonNull<Header>>,
    _owns: PhantomData<CcBox<T>>,
}

/// A finalizer, as Python's `__del__` with the semantics of PEP 442.
///
/// Objects created with [`Cc::new_finalizable`] run `finalize` once in their life, before their
/// value is dropped, whether they die by reference count or in a garbage cycle. The finalizer
/// gets a handle to its own object and may keep a clone of it (resurrection): the object then
/// lives on, and its finalizer does not run again.
///
/// ```
/// use gc_core::{Cc, Finalize, Trace};
/// use std::cell::Cell;
///
/// thread_local!(static RAN: Cell<u32> = const { Cell::new(0) });
///
/// #[derive(Trace)]
/// struct Resource(u32);
///
/// impl Finalize for Resource {
///     fn finalize(this: &Cc<Self>) {
///         RAN.with(|r| r.set(r.get() + this.0));
///     }
/// }
///
/// drop(Cc::new_finalizable(Resource(7)));
/// assert_eq!(RAN.with(Cell::get), 7);
/// ```
pub trait Finalize: Trace + Sized {
    /// Called once, before the value is dropped, with every object of its garbage cycle (if
    /// any) still intact.
    fn finalize(this: &Cc<Self>);
}

impl<T: Trace + 'static> Cc<T> {
    /// Allocate `value`, tracking it in generation 0 unless it can never be part of a cycle.
    ///
    /// The object is tracked exactly when [`Trace::needs_tracking`] says so: when the value
    /// has a `RefCell` that can hold a `Cc`, or holds a `Cc` to a tracked object. An
    /// untracked object costs what an `Rc` costs. A tracked allocation may start an automatic
    /// collection (see [`crate::set_threshold`]).
    ///
    /// ```
    /// use gc_core::{Cc, Trace};
    /// use std::cell::RefCell;
    ///
    /// #[derive(Trace)]
    /// enum Value {
    ///     Int(i64),
    ///     List(RefCell<Vec<Cc<Value>>>),
    /// }
    /// assert!(!Cc::is_tracked(&Cc::new(Value::Int(3))));
    /// assert!(Cc::is_tracked(&Cc::new(Value::List(RefCell::new(vec![])))));
    /// ```
    #[inline]
    pub fn new(value: T) -> Cc<T> {
        Self::new_with(value, &VTableFor::<T>::PLAIN)
    }

    #[inline]
    fn new_with(value: T, vtable: &'static VTable) -> Cc<T> {
        let tracked = value.needs_tracking();
        let (ptr, collect) = heap::new_object(value, vtable, tracked);
        // The handle exists before a collection can start, so a panic in that collection drops
        // it like any other local.
        let cc = Cc {
            ptr,
            _owns: PhantomData,
        };
        if collect {
            crate::collect::collect_automatic();
        }
        cc
    }

    /// A new weak reference to this object.
    #[inline]
    pub fn downgrade(this: &Cc<T>) -> Weak<T> {
        this.header().inc_weak();
        Weak {
            ptr: Some(this.ptr),
            _owns: PhantomData,
        }
    }
}

impl<T: Finalize + 'static> Cc<T> {
    /// Allocate `value` with a finalizer: `T::finalize` runs once before the value is dropped.
    ///
    /// Tracking is decided as for [`Cc::new`]. Only objects created this way pay for a
    /// finalizer.
    #[inline]
    pub fn new_finalizable(value: T) -> Cc<T> {
        Self::new_with(value, &VTableFor::<T>::FINALIZABLE)
    }
}

impl<T: 'static> Cc<T> {
    #[inline]
    fn header(&self) -> &Header {
        // SAFETY: a `Cc` keeps its allocation alive (strong count > 0 means the memory is not
        // freed), and the header is only accessed through `Cell`s.
        unsafe { self.ptr.as_ref() }
    }

    /// The raw header pointer, for the collector and introspection.
    #[inline]
    pub(crate) fn header_ptr(&self) -> NonNull<Header> {
        self.ptr
    }

    /// Take over one strong reference to the object at `ptr`.
    ///
    /// # Safety
    /// `ptr` is the header of a `CcBox<T>` for this `T`, and the caller gives up one strong
    /// reference it holds (already counted in `strong`).
    #[inline]
    pub(crate) unsafe fn from_header(ptr: NonNull<Header>) -> Cc<T> {
        Cc {
            ptr,
            _owns: PhantomData,
        }
    }

    /// Number of strong references (`Cc` handles) to this object.
    ///
    /// ```
    /// let a = gc_core::Cc::new(1);
    /// let b = a.clone();
    /// assert_eq!(gc_core::Cc::strong_count(&b), 2);
    /// ```
    #[inline]
    pub fn strong_count(this: &Cc<T>) -> usize {
        this.header().strong.get() as usize
    }

    /// Number of [`Weak`] references to this object.
    ///
    /// ```
    /// let a = gc_core::Cc::new(1);
    /// let _w = gc_core::Cc::downgrade(&a);
    /// assert_eq!(gc_core::Cc::weak_count(&a), 1);
    /// ```
    #[inline]
    pub fn weak_count(this: &Cc<T>) -> usize {
        this.header().weak_handles()
    }

    /// Whether both handles point at the same object.
    ///
    /// ```
    /// let a = gc_core::Cc::new(1);
    /// assert!(gc_core::Cc::ptr_eq(&a, &a.clone()));
    /// assert!(!gc_core::Cc::ptr_eq(&a, &gc_core::Cc::new(1)));
    /// ```
    #[inline]
    pub fn ptr_eq(this: &Cc<T>, other: &Cc<T>) -> bool {
        this.ptr == other.ptr
    }

    /// Whether the collector tracks this object (it is in a generation list, the permanent
    /// generation, or a collection's working set).
    ///
    /// ```
    /// assert!(!gc_core::Cc::is_tracked(&gc_core::Cc::new(String::from("leaf"))));
    /// ```
    #[inline]
    pub fn is_tracked(this: &Cc<T>) -> bool {
        this.header().list() != list_id::NONE
    }

    /// The generation the object is in: `Some(0 | 1 | 2)` while tracked; `None` when it is
    /// untracked, frozen, or (seen from a finalizer) in the unreachable set of a collection.
    ///
    /// ```
    /// use gc_core::{Cc, Trace};
    /// use std::cell::RefCell;
    /// #[derive(Trace)]
    /// struct N(RefCell<Option<Cc<N>>>);
    /// let n = Cc::new(N(RefCell::new(None)));
    /// assert_eq!(Cc::generation(&n), Some(0));
    /// gc_core::collect_generation(0);
    /// assert_eq!(Cc::generation(&n), Some(1));
    /// ```
    #[inline]
    pub fn generation(this: &Cc<T>) -> Option<usize> {
        generation_of(this.header().list())
    }

    /// Whether this object's finalizer has run.
    #[inline]
    pub fn is_finalized(this: &Cc<T>) -> bool {
        this.header().has(FINALIZED)
    }

    /// The value, or `None` if the collector has torn this object down (possible only for a
    /// handle kept by a `Drop` impl or a finalizer of a garbage cycle).
    ///
    /// ```
    /// let a = gc_core::Cc::new(3);
    /// assert_eq!(gc_core::Cc::try_deref(&a), Some(&3));
    /// ```
    #[inline]
    pub fn try_deref(this: &Cc<T>) -> Option<&T> {
        if this.header().has(DEAD) {
            None
        } else {
            // SAFETY: the object is alive (not DEAD), so its value is initialised, and only
            // shared references to it are ever handed out.
            Some(unsafe { &*header::value_ptr::<T>(this.ptr) })
        }
    }
}

/// Map a list id to the generation number users see.
pub(crate) fn generation_of(list: u32) -> Option<usize> {
    match list {
        list_id::GEN0 => Some(0),
        list_id::GEN1 => Some(1),
        list_id::OLD | list_id::PENDING => Some(2),
        _ => None,
    }
}

/// The one place a dead object's dereference fails.
#[cold]
#[inline(never)]
#[track_caller]
fn dead_deref(type_name: &'static str) -> ! {
    panic!(
        "gc-core: dereferenced a Cc<{type_name}> whose object the cycle collector has torn down \
         (a handle kept by a Drop impl of a garbage cycle); use Cc::try_deref to check"
    )
}

impl<T: 'static> Deref for Cc<T> {
    type Target = T;
    /// The value. Panics if the collector has torn the object down; see [`Cc::try_deref`].
    #[inline]
    #[track_caller]
    fn deref(&self) -> &T {
        if self.header().has(DEAD) {
            dead_deref(std::any::type_name::<T>());
        }
        // SAFETY: as in `try_deref`.
        unsafe { &*header::value_ptr::<T>(self.ptr) }
    }
}

impl<T: 'static> Clone for Cc<T> {
    #[inline]
    fn clone(&self) -> Cc<T> {
        self.header().inc_strong();
        Cc {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl<T: 'static> Drop for Cc<T> {
    #[inline]
    fn drop(&mut self) {
        let header = self.header();
        let strong = header.strong.get() - 1;
        header.strong.set(strong);
        if strong == 0 {
            // SAFETY: this was the last strong reference, to a `CcBox<T>`.
            unsafe { heap::last_strong_dropped_typed::<T>(self.ptr) };
        }
    }
}

/// Run `T::finalize` on the object at `header`, taking over one strong reference.
///
/// # Safety
/// `header` is a live `CcBox<T>` whose value has not been dropped, and the caller has added one
/// strong reference that this function gives back (by dropping the handle it builds).
pub(crate) unsafe fn finalize_shim<T: Finalize + 'static>(header: NonNull<Header>) {
    // SAFETY: the caller transferred one strong reference to us.
    let this = unsafe { Cc::<T>::from_header(header) };
    crate::collect::run_finalizer(std::any::type_name::<T>(), || T::finalize(&this));
    // Dropping `this` (here, or while unwinding from a panicking finalizer) gives the reference
    // back; if it was the last one, the object is destroyed now, its finalizer already run.
}

impl<T: 'static> Weak<T> {
    /// A `Weak` that points at nothing: `upgrade` always returns `None`.
    ///
    /// ```
    /// assert!(gc_core::Weak::<u8>::new().upgrade().is_none());
    /// ```
    pub const fn new() -> Weak<T> {
        Weak {
            ptr: None,
            _owns: PhantomData,
        }
    }

    /// A strong reference, if the object is still alive and was not found unreachable by a
    /// collection.
    #[inline]
    pub fn upgrade(&self) -> Option<Cc<T>> {
        let ptr = self.ptr?;
        // SAFETY: a `Weak` keeps the allocation (not the value) alive.
        let header = unsafe { ptr.as_ref() };
        if header.strong.get() == 0 || header.has(DEAD | WEAK_CLEARED) {
            return None;
        }
        header.inc_strong();
        Some(Cc {
            ptr,
            _owns: PhantomData,
        })
    }

    /// Number of strong references to the object (0 once it is gone).
    pub fn strong_count(&self) -> usize {
        self.ptr.map_or(0, |ptr| {
            // SAFETY: as in `upgrade`.
            unsafe { ptr.as_ref() }.strong.get() as usize
        })
    }

    pub(crate) fn header_ptr(&self) -> Option<NonNull<Header>> {
        self.ptr
    }
}

impl<T: 'static> Default for Weak<T> {
    fn default() -> Self {
        Weak::new()
    }
}

impl<T: 'static> Clone for Weak<T> {
    fn clone(&self) -> Weak<T> {
        if let Some(ptr) = self.ptr {
            // SAFETY: as in `upgrade`.
            unsafe { ptr.as_ref() }.inc_weak();
        }
        Weak {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl<T: 'static> Drop for Weak<T> {
    fn drop(&mut self) {
        if let Some(ptr) = self.ptr {
            // SAFETY: as in `upgrade`.
            if unsafe { ptr.as_ref() }.dec_weak() {
                // SAFETY: the weak count reached zero, which happens only after the strong side
                // gave back its share, i.e. the value is dropped and no handle remains.
                unsafe { heap::free_memory(ptr) };
            }
        }
    }
}

impl<T: 'static> fmt::Debug for Weak<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(Weak)")
    }
}

// SAFETY: a `Cc` owns one strong reference to its object; reporting it is exact.
unsafe impl<T: Trace + 'static> Trace for Cc<T> {
    const CAN_HOLD_CC: bool = true;
    const CAN_HOLD_WEAK: bool = false;
    #[inline(always)]
    fn trace<V: Visitor>(&self, v: &mut V) {
        v.visit(self);
    }
    #[inline]
    fn needs_tracking(&self) -> bool {
        Cc::is_tracked(self)
    }
}

// SAFETY: a weak edge owns no strong reference; it is reported as weak, which collection ignores.
unsafe impl<T: Trace + 'static> Trace for Weak<T> {
    const CAN_HOLD_CC: bool = false;
    const CAN_HOLD_WEAK: bool = true;
    #[inline(always)]
    fn trace<V: Visitor>(&self, v: &mut V) {
        v.visit_weak(self);
    }
    #[inline(always)]
    fn needs_tracking(&self) -> bool {
        false
    }
}

impl<T: fmt::Debug + 'static> fmt::Debug for Cc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match Cc::try_deref(self) {
            Some(v) => fmt::Debug::fmt(v, f),
            None => f.write_str("(dead Cc)"),
        }
    }
}

impl<T: fmt::Display + 'static> fmt::Display for Cc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl<T: PartialEq + 'static> PartialEq for Cc<T> {
    fn eq(&self, other: &Cc<T>) -> bool {
        **self == **other
    }
}

impl<T: Eq + 'static> Eq for Cc<T> {}

impl<T: PartialOrd + 'static> PartialOrd for Cc<T> {
    fn partial_cmp(&self, other: &Cc<T>) -> Option<Ordering> {
        (**self).partial_cmp(&**other)
    }
}

impl<T: Ord + 'static> Ord for Cc<T> {
    fn cmp(&self, other: &Cc<T>) -> Ordering {
        (**self).cmp(&**other)
    }
}

impl<T: Hash + 'static> Hash for Cc<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl<T: 'static> std::borrow::Borrow<T> for Cc<T> {
    fn borrow(&self) -> &T {
        self
    }
}

impl<T: 'static> AsRef<T> for Cc<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

/// A strong reference owned by the collector itself, given back on drop.
///
/// Used to hold an object across user code (finalizers, drops) so it cannot be freed under the
/// collector.
pub(crate) struct Hold(ManuallyDrop<NonNull<Header>>);

impl Hold {
    /// Add a strong reference to the object at `ptr`.
    ///
    /// # Safety
    /// `ptr` is the header of an allocated object.
    pub(crate) unsafe fn new(ptr: NonNull<Header>) -> Hold {
        // SAFETY: caller.
        unsafe { ptr.as_ref() }.inc_strong();
        Hold(ManuallyDrop::new(ptr))
    }

    /// Take over a strong reference the caller already counted.
    pub(crate) fn adopt(ptr: NonNull<Header>) -> Hold {
        Hold(ManuallyDrop::new(ptr))
    }

    /// The object held.
    pub(crate) fn ptr(&self) -> NonNull<Header> {
        *self.0
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        let ptr = *self.0;
        // SAFETY: we hold a strong reference, so the allocation is alive.
        let header = unsafe { ptr.as_ref() };
        let strong = header.strong.get() - 1;
        header.strong.set(strong);
        if strong == 0 {
            // SAFETY: that was the last strong reference.
            unsafe { heap::last_strong_dropped(ptr) };
        }
    }
}
