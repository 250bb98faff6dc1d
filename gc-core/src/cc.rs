//! The handles: [`Cc`] (strong), [`Weak`], and the [`Finalize`] trait.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::ptr::NonNull;

use crate::header::{
    self, list_id, CcBox, Header, VTable, VTableFor, VTableForSlice, DEAD, FINALIZED, WEAK_CLEARED,
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
///
/// `T` may be unsized: `Cc<str>` and `Cc<[T]>` are built with `From` and `collect`, and a
/// `Cc<dyn Trait>` with [`coerce_cc!`](crate::coerce_cc) from a `Cc` of a concrete type.
pub struct Cc<T: ?Sized + 'static> {
    /// Points at the header, which starts the `CcBox` (its metadata, for unsized `T`, gives the
    /// value's length or vtable).
    ptr: NonNull<CcBox<T>>,
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
pub struct Weak<T: ?Sized + 'static> {
    /// `None` for `Weak::new()`, which points at nothing.
    ptr: Option<NonNull<CcBox<T>>>,
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
    /// untracked object costs what an `Rc` costs.
    ///
    /// A tracked allocation may start an automatic collection (see [`crate::set_threshold`]),
    /// which runs user code before `new` returns: finalizers, `Drop` of garbage, the
    /// [`callbacks`](crate::callbacks) and [`weak_callbacks`](crate::weak_callbacks) hooks. Do
    /// not hold a `RefCell` borrow across `Cc::new` that such code may need, or have
    /// collections wait for a point of your choosing with [`crate::set_safe_points`].
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
        // SAFETY: a new `CcBox<T>` with one strong reference, which the handle takes over.
        let cc = unsafe { Cc::from_header(ptr) };
        // The handle exists before a collection can start, so a panic in that collection drops
        // it like any other local.
        if collect {
            crate::collect::collect_automatic();
        }
        cc
    }

    /// Allocate a value built by `data_fn`, which gets a [`Weak`] to the object being built (as
    /// [`std::rc::Rc::new_cyclic`]): the way to make an object that refers to itself.
    ///
    /// The weak reference does not upgrade until `new_cyclic` returns; clones of it kept in
    /// the value upgrade afterwards. If `data_fn` panics, the memory is freed and weak
    /// references to it never upgrade.
    ///
    /// ```
    /// use gc_core::{Cc, Trace, Weak};
    ///
    /// #[derive(Trace)]
    /// struct Owner {
    ///     me: Weak<Owner>,
    ///     name: String,
    /// }
    ///
    /// let owner = Cc::new_cyclic(|me| {
    ///     assert!(me.upgrade().is_none()); // not built yet
    ///     Owner { me: me.clone(), name: "o".into() }
    /// });
    /// assert!(Cc::ptr_eq(&owner.me.upgrade().unwrap(), &owner));
    /// ```
    pub fn new_cyclic<F: FnOnce(&Weak<T>) -> T>(data_fn: F) -> Cc<T> {
        let ptr = heap::new_uninit::<T>(&VTableFor::<T>::PLAIN);
        // The allocation's own share of the weak count (set by `new_uninit`) is held by this
        // `Weak` while `data_fn` runs: if it panics, dropping it frees the memory, the value
        // never having been written. Its strong count is 0, so no `Weak` upgrades meanwhile.
        let weak = Weak {
            ptr: Some(ptr.cast::<CcBox<T>>()),
            _owns: PhantomData,
        };
        let value = data_fn(&weak);
        let tracked = value.needs_tracking();
        // The value is written once, before the strong reference that makes it reachable.
        // SAFETY: the allocation is alive (`weak` holds it) and made for a `T`.
        unsafe {
            header::value_ptr::<T>(ptr).write(value);
            ptr.as_ref().strong.set(1);
        }
        // The strong reference now holds the allocation's share of the weak count.
        std::mem::forget(weak);
        // SAFETY: the strong reference set above is the handle's.
        let cc = unsafe { Cc::from_header(ptr) };
        // SAFETY: `new_uninit` allocated links and put the object in no list.
        if tracked && unsafe { heap::track(ptr) } {
            crate::collect::collect_automatic();
        }
        cc
    }

    /// The value, if this is the only strong reference; otherwise `Err(this)` (as
    /// [`std::rc::Rc::try_unwrap`]).
    ///
    /// Weak references to the object stop upgrading. A finalizer ([`Cc::new_finalizable`])
    /// does not run: the value leaves the heap, and its `Drop` runs when its new owner drops
    /// it. An object the collector has torn down (only visible from a `Drop` of its garbage
    /// cycle) is not unwrapped.
    ///
    /// ```
    /// use gc_core::Cc;
    /// let a = Cc::new(String::from("x"));
    /// let b = a.clone();
    /// let a = Cc::try_unwrap(a).unwrap_err(); // b still refers to it
    /// drop(b);
    /// assert_eq!(Cc::try_unwrap(a), Ok(String::from("x")));
    /// ```
    pub fn try_unwrap(this: Cc<T>) -> Result<T, Cc<T>> {
        let header = this.header();
        if header.strong.get() != 1 || header.has(DEAD) {
            return Err(this);
        }
        let this = ManuallyDrop::new(this);
        let ptr = this.header_ptr();
        // After the read the value is owned here; DEAD (set by `abandon`, with the strong count
        // 0) keeps every other path from reading or dropping it again.
        // SAFETY: the last strong reference is ours, and the value is alive (not DEAD).
        let value = unsafe { header::value_ptr::<T>(ptr).read() };
        // SAFETY: alive; the value was moved out, and the handle is consumed.
        unsafe { heap::abandon(ptr) };
        Ok(value)
    }

    /// The value, if this is the only strong reference; otherwise `None`, dropping the handle
    /// (as [`std::rc::Rc::into_inner`]).
    ///
    /// ```
    /// let a = gc_core::Cc::new(7);
    /// assert_eq!(gc_core::Cc::into_inner(a), Some(7));
    /// ```
    pub fn into_inner(this: Cc<T>) -> Option<T> {
        Cc::try_unwrap(this).ok()
    }

    /// A mutable reference to the value, if no other `Cc` or `Weak` refers to it (as
    /// [`std::rc::Rc::get_mut`]).
    ///
    /// Through it the value may gain `Cc`s, so an untracked object of a type that can hold one
    /// starts being tracked first (it is moved to an allocation with list links if it was made
    /// without them): a cycle made through `get_mut` is collected like any other.
    ///
    /// ```
    /// use gc_core::Cc;
    /// let mut a = Cc::new(vec![1]);
    /// Cc::get_mut(&mut a).unwrap().push(2);
    /// let b = a.clone();
    /// assert!(Cc::get_mut(&mut a).is_none());
    /// assert_eq!(*b, [1, 2]);
    /// ```
    pub fn get_mut(this: &mut Cc<T>) -> Option<&mut T> {
        let header = this.header();
        if header.strong.get() != 1 || header.weak_handles() != 0 || header.has(DEAD) {
            return None;
        }
        Some(Cc::unique_mut(this))
    }

    /// The mutable value of the only handle: tracked first if it can hold a `Cc`.
    fn unique_mut(this: &mut Cc<T>) -> &mut T {
        if T::CAN_HOLD_CC && this.header().list() == list_id::NONE {
            Cc::start_tracking(this);
        }
        // The collector makes no references to values outside collections, and user code that
        // runs inside one cannot reach this value while this `&mut` lives.
        // SAFETY: the only strong handle, no `Weak` (callers), and the object is alive.
        unsafe { &mut *header::value_ptr::<T>(this.header_ptr()) }
    }

    /// Track the untracked object of the only handle, moving it to an allocation with links if
    /// it has none.
    #[cold]
    fn start_tracking(this: &mut Cc<T>) {
        let ptr = this.header_ptr();
        // SAFETY: alive.
        let (flags, vtable) = unsafe { (ptr.as_ref().flags(), ptr.as_ref().vtable) };
        if flags & header::LINKED != 0 {
            // An allocation's count is added, but no collection runs here: the next one does.
            // SAFETY: it has links and is in no list.
            let _ = unsafe { heap::track(ptr) };
            return;
        }
        // The value is moved out and the old allocation freed (DEAD, so nothing reads it again).
        // SAFETY: the only handle, no `Weak`, alive.
        let value = unsafe { header::value_ptr::<T>(ptr).read() };
        // SAFETY: as above.
        unsafe { heap::abandon(ptr) };
        let (fresh, _) = heap::new_object(value, vtable, true);
        // The finalizer state carries over.
        // SAFETY: `fresh` was just allocated, holding the value with the same vtable.
        unsafe { fresh.as_ref().set(flags & FINALIZED) };
        // The old handle's reference was given up by `abandon`; the new one takes its place.
        this.ptr = fresh.cast::<CcBox<T>>();
    }

    /// A mutable reference to the value, cloning it into a new object first if other `Cc`s
    /// refer to it (as [`std::rc::Rc::make_mut`]). If only `Weak`s do, the value moves to a new
    /// object and they stop upgrading.
    ///
    /// ```
    /// use gc_core::Cc;
    /// let mut a = Cc::new(5);
    /// let b = a.clone();
    /// *Cc::make_mut(&mut a) += 1; // clones: b is unchanged
    /// assert_eq!((*a, *b), (6, 5));
    /// ```
    #[track_caller]
    pub fn make_mut(this: &mut Cc<T>) -> &mut T
    where
        T: Clone,
    {
        let header = this.header();
        let vtable = header.vtable;
        if header.strong.get() != 1 {
            // Dereferencing panics if the object was torn down, as `Deref` does.
            let copy = (**this).clone();
            *this = Cc::new_with(copy, vtable);
        } else if header.weak_handles() != 0 {
            let ptr = this.header_ptr();
            if header.has(DEAD) {
                dead_deref(std::any::type_name::<T>());
            }
            // SAFETY: as in `try_unwrap`: the last strong reference, alive.
            let value = unsafe { header::value_ptr::<T>(ptr).read() };
            // SAFETY: as in `try_unwrap`; the handle is overwritten below without a drop.
            unsafe { heap::abandon(ptr) };
            let tracked = value.needs_tracking() || T::CAN_HOLD_CC;
            let (fresh, _) = heap::new_object(value, vtable, tracked);
            this.ptr = fresh.cast::<CcBox<T>>();
        } else if header.has(DEAD) {
            dead_deref(std::any::type_name::<T>());
        }
        Cc::unique_mut(this)
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
    /// Take over one strong reference to the object at `ptr`.
    ///
    /// # Safety
    /// `ptr` is the header of a `CcBox<T>` for this `T`, and the caller gives up one strong
    /// reference it holds (already counted in `strong`).
    #[inline]
    pub(crate) unsafe fn from_header(ptr: NonNull<Header>) -> Cc<T> {
        Cc {
            ptr: ptr.cast::<CcBox<T>>(),
            _owns: PhantomData,
        }
    }
}

impl<T: ?Sized + 'static> Cc<T> {
    #[inline]
    fn header(&self) -> &Header {
        // A strong count > 0 means the memory is not freed; the header is only used via `Cell`s.
        // SAFETY: a `Cc` keeps its allocation alive.
        unsafe { self.ptr.cast::<Header>().as_ref() }
    }

    /// The raw header pointer, for the collector and introspection.
    #[inline]
    pub(crate) fn header_ptr(&self) -> NonNull<Header> {
        self.ptr.cast::<Header>()
    }

    /// A new weak reference to this object.
    ///
    /// ```
    /// let a = gc_core::Cc::new(1);
    /// let w = gc_core::Cc::downgrade(&a);
    /// assert_eq!(w.upgrade().map(|c| *c), Some(1));
    /// ```
    #[inline]
    pub fn downgrade(this: &Cc<T>) -> Weak<T> {
        this.header().inc_weak();
        Weak {
            ptr: Some(this.ptr),
            _owns: PhantomData,
        }
    }

    /// A raw pointer to the value (as [`std::rc::Rc::as_ptr`]); valid while a strong reference
    /// exists and the object is not torn down.
    ///
    /// ```
    /// let a = gc_core::Cc::new(1);
    /// assert_eq!(gc_core::Cc::as_ptr(&a), &*a as *const i32);
    /// ```
    pub fn as_ptr(this: &Cc<T>) -> *const T {
        // SAFETY: the allocation is alive; only the field's address is computed.
        unsafe { &raw const (*this.ptr.as_ptr()).value }
    }

    /// Give up the handle without dropping its reference, for [`coerce_cc!`](crate::coerce_cc).
    #[doc(hidden)]
    pub fn __into_box_ptr(this: Cc<T>) -> NonNull<CcBox<T>> {
        ManuallyDrop::new(this).ptr
    }

    /// Rebuild a handle given up by `__into_box_ptr`, for [`coerce_cc!`](crate::coerce_cc).
    ///
    /// # Safety
    /// `ptr` comes from [`Cc::__into_box_ptr`], unchanged or converted only by an unsizing
    /// coercion, and is used once.
    #[doc(hidden)]
    pub unsafe fn __from_box_ptr(ptr: NonNull<CcBox<T>>) -> Cc<T> {
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
        this.header_ptr() == other.header_ptr()
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
            // Only shared references to the value are ever handed out.
            // SAFETY: the object is alive (not DEAD), so its value is initialised.
            Some(unsafe { this.value() })
        }
    }
}

impl<T: ?Sized + 'static> Cc<T> {
    /// The value.
    ///
    /// # Safety
    /// The object is not DEAD.
    #[inline(always)]
    unsafe fn value(&self) -> &T {
        // The reference made is to the value only, never to the whole box.
        // SAFETY: the allocation is alive (a strong handle), the value initialised (caller).
        unsafe { &(*self.ptr.as_ptr()).value }
    }
}

/// Map a list id to the generation number users see.
pub(crate) fn generation_of(list: u32) -> Option<usize> {
    match list {
        list_id::GEN0 => Some(0),
        list_id::GEN1 => Some(1),
        list_id::OLD | list_id::PENDING | list_id::SCAN => Some(2),
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

impl<T: ?Sized + 'static> Deref for Cc<T> {
    type Target = T;
    /// The value. Panics if the collector has torn the object down; see [`Cc::try_deref`].
    #[inline]
    #[track_caller]
    fn deref(&self) -> &T {
        if self.header().has(DEAD) {
            dead_deref(std::any::type_name::<T>());
        }
        // SAFETY: not DEAD, checked above.
        unsafe { self.value() }
    }
}

impl<T: ?Sized + 'static> Clone for Cc<T> {
    #[inline]
    fn clone(&self) -> Cc<T> {
        self.header().inc_strong();
        Cc {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl<T: ?Sized + 'static> Drop for Cc<T> {
    #[inline]
    fn drop(&mut self) {
        let header = self.header();
        let strong = header.strong.get() - 1;
        header.strong.set(strong);
        if strong == 0 {
            // SAFETY: this was the last strong reference; the vtable is the object's.
            unsafe { heap::last_strong_dropped(self.header_ptr()) };
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

impl<T: ?Sized + 'static> Weak<T> {
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
        let header = unsafe { ptr.cast::<Header>().as_ref() };
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
    ///
    /// ```
    /// let a = gc_core::Cc::new(1);
    /// let w = gc_core::Cc::downgrade(&a);
    /// assert_eq!(w.strong_count(), 1);
    /// drop(a);
    /// assert_eq!(w.strong_count(), 0);
    /// ```
    pub fn strong_count(&self) -> usize {
        self.header().map_or(0, |h| h.strong.get() as usize)
    }

    /// Number of `Weak`s to the object, this one included; 0 once no strong reference remains
    /// (as [`std::rc::Weak::weak_count`]).
    ///
    /// ```
    /// let a = gc_core::Cc::new(1);
    /// let w = gc_core::Cc::downgrade(&a);
    /// let _w2 = w.clone();
    /// assert_eq!(w.weak_count(), 2);
    /// drop(a);
    /// assert_eq!(w.weak_count(), 0);
    /// ```
    pub fn weak_count(&self) -> usize {
        match self.header() {
            Some(h) if h.strong.get() > 0 => h.weak_handles(),
            _ => 0,
        }
    }

    /// Whether both point at the same object, or both at none (as [`std::rc::Weak::ptr_eq`]).
    ///
    /// ```
    /// use gc_core::{Cc, Weak};
    /// let a = Cc::new(1);
    /// assert!(Weak::ptr_eq(&Cc::downgrade(&a), &Cc::downgrade(&a)));
    /// assert!(Weak::ptr_eq(&Weak::<i32>::new(), &Weak::new()));
    /// assert!(!Weak::ptr_eq(&Cc::downgrade(&a), &Weak::new()));
    /// ```
    pub fn ptr_eq(&self, other: &Weak<T>) -> bool {
        self.header_ptr() == other.header_ptr()
    }

    /// The header, while the allocation is held.
    fn header(&self) -> Option<&Header> {
        // The header is only accessed through `Cell`s.
        // SAFETY: a `Weak` keeps the allocation (not the value) alive.
        self.ptr.map(|ptr| unsafe { ptr.cast::<Header>().as_ref() })
    }

    pub(crate) fn header_ptr(&self) -> Option<NonNull<Header>> {
        self.ptr.map(NonNull::cast::<Header>)
    }
}

impl<T: ?Sized + 'static> Default for Weak<T> {
    fn default() -> Self {
        Weak::new()
    }
}

impl<T: ?Sized + 'static> Clone for Weak<T> {
    fn clone(&self) -> Weak<T> {
        if let Some(header) = self.header() {
            header.inc_weak();
        }
        Weak {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl<T: ?Sized + 'static> Drop for Weak<T> {
    fn drop(&mut self) {
        if let Some(ptr) = self.header_ptr() {
            // SAFETY: as in `upgrade`.
            if unsafe { ptr.as_ref() }.dec_weak() {
                // The weak count reaches zero only after the strong side gave back its share.
                // SAFETY: so the value is dropped and no handle remains.
                unsafe { heap::free_memory(ptr) };
            }
        }
    }
}

impl<T: ?Sized + 'static> fmt::Debug for Weak<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(Weak)")
    }
}

// The object's own tracing goes through its vtable, so `T` need not be `Trace` (a
// `Cc<dyn Trait>`).
// SAFETY: a `Cc` owns one strong reference to its object; reporting it is exact.
unsafe impl<T: ?Sized + 'static> Trace for Cc<T> {
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
unsafe impl<T: ?Sized + 'static> Trace for Weak<T> {
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

impl<T: ?Sized + fmt::Debug + 'static> fmt::Debug for Cc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match Cc::try_deref(self) {
            Some(v) => fmt::Debug::fmt(v, f),
            None => f.write_str("(dead Cc)"),
        }
    }
}

impl<T: ?Sized + fmt::Display + 'static> fmt::Display for Cc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl<T: ?Sized + PartialEq + 'static> PartialEq for Cc<T> {
    fn eq(&self, other: &Cc<T>) -> bool {
        **self == **other
    }
}

impl<T: ?Sized + Eq + 'static> Eq for Cc<T> {}

impl<T: ?Sized + PartialOrd + 'static> PartialOrd for Cc<T> {
    fn partial_cmp(&self, other: &Cc<T>) -> Option<Ordering> {
        (**self).partial_cmp(&**other)
    }
}

impl<T: ?Sized + Ord + 'static> Ord for Cc<T> {
    fn cmp(&self, other: &Cc<T>) -> Ordering {
        (**self).cmp(&**other)
    }
}

impl<T: ?Sized + Hash + 'static> Hash for Cc<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl<T: ?Sized + 'static> std::borrow::Borrow<T> for Cc<T> {
    fn borrow(&self) -> &T {
        self
    }
}

impl<T: ?Sized + 'static> AsRef<T> for Cc<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: Default + Trace + 'static> Default for Cc<T> {
    /// `Cc::new(T::default())`.
    ///
    /// ```
    /// let a: gc_core::Cc<Vec<u8>> = Default::default();
    /// assert!(a.is_empty());
    /// ```
    fn default() -> Cc<T> {
        Cc::new(T::default())
    }
}

impl<T: Trace + 'static> From<T> for Cc<T> {
    /// `Cc::new(value)`.
    ///
    /// ```
    /// let a: gc_core::Cc<i32> = 3.into();
    /// assert_eq!(*a, 3);
    /// ```
    fn from(value: T) -> Cc<T> {
        Cc::new(value)
    }
}

impl<T: Trace + 'static> From<Vec<T>> for Cc<[T]> {
    /// A slice object holding the vector's items (moved, not cloned), tracked if one of them
    /// needs tracking.
    ///
    /// ```
    /// use gc_core::Cc;
    /// let items: Cc<[String]> = Cc::from(vec!["a".to_string(), "b".to_string()]);
    /// assert_eq!(items.len(), 2);
    /// assert_eq!(items[1], "b");
    /// ```
    fn from(items: Vec<T>) -> Cc<[T]> {
        let len = items.len();
        let tracked = T::CAN_HOLD_CC && items.iter().any(Trace::needs_tracking);
        let (ptr, collect) = heap::new_slice(items, &VTableForSlice::<T>::SLICE, tracked);
        let cc = Cc {
            ptr: header::slice_box::<T>(ptr, len),
            _owns: PhantomData,
        };
        if collect {
            crate::collect::collect_automatic();
        }
        cc
    }
}

impl<T: Trace + Clone + 'static> From<&[T]> for Cc<[T]> {
    /// A slice object holding clones of the items.
    ///
    /// ```
    /// let items: gc_core::Cc<[u8]> = (&[1, 2, 3][..]).into();
    /// assert_eq!(&*items, &[1, 2, 3]);
    /// ```
    fn from(items: &[T]) -> Cc<[T]> {
        Cc::from(items.to_vec())
    }
}

impl<T: Trace + 'static> FromIterator<T> for Cc<[T]> {
    /// Collect the items into a slice object.
    ///
    /// ```
    /// use gc_core::Cc;
    /// let squares: Cc<[u32]> = (1..=4).map(|i| i * i).collect();
    /// assert_eq!(&*squares, &[1, 4, 9, 16]);
    /// ```
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Cc<[T]> {
        Cc::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl From<&str> for Cc<str> {
    /// A string object (never tracked: it holds no `Cc`).
    ///
    /// ```
    /// let s: gc_core::Cc<str> = "hello".into();
    /// assert_eq!(&*s, "hello");
    /// ```
    fn from(text: &str) -> Cc<str> {
        let bytes = text.as_bytes().to_vec();
        let len = bytes.len();
        let (ptr, _) = heap::new_slice(bytes, &VTableForSlice::<u8>::STR, false);
        let fat = header::slice_box::<u8>(ptr, len).as_ptr() as *mut CcBox<str>;
        Cc {
            // The bytes are the UTF-8 of a `str`; `CcBox<[u8]>` and `CcBox<str>` share a layout.
            // SAFETY: derived from a non-null pointer.
            ptr: unsafe { NonNull::new_unchecked(fat) },
            _owns: PhantomData,
        }
    }
}

impl From<String> for Cc<str> {
    /// A string object with the string's text.
    ///
    /// ```
    /// let s: gc_core::Cc<str> = String::from("hi").into();
    /// assert_eq!(s.len(), 2);
    /// ```
    fn from(text: String) -> Cc<str> {
        Cc::from(text.as_str())
    }
}

/// Convert a `Cc` of a concrete type into a `Cc` of an unsized type it coerces to, such as
/// `Cc<dyn Trait>` (what `Rc` does implicitly, which needs an unstable trait on stable Rust).
///
/// The result type must be known from the context. The object is the same (no allocation):
/// its `Drop`, tracing and finalizer are those of the concrete type. Only unsizing conversions
/// compile; anything else is a type error.
///
/// ```
/// use gc_core::{coerce_cc, Cc, Trace};
/// use std::cell::RefCell;
///
/// trait Shape {
///     fn area(&self) -> f64;
/// }
///
/// #[derive(Trace)]
/// struct Square(f64);
/// impl Shape for Square {
///     fn area(&self) -> f64 { self.0 * self.0 }
/// }
///
/// #[derive(Trace)]
/// struct Group {
///     // A `Cc<dyn Trait>` is `Trace` for any trait: the object traces itself.
///     members: RefCell<Vec<Cc<dyn Shape>>>,
/// }
///
/// let square: Cc<dyn Shape> = coerce_cc!(Cc::new(Square(2.0)));
/// assert_eq!(square.area(), 4.0);
/// let group = Cc::new(Group { members: RefCell::new(vec![square]) });
/// assert_eq!(group.members.borrow()[0].area(), 4.0);
/// ```
///
/// Converting to a type that is not an unsizing of the source does not compile:
///
/// ```compile_fail
/// use gc_core::{coerce_cc, Cc};
/// let n: Cc<String> = coerce_cc!(Cc::new(1_u8));
/// ```
#[macro_export]
macro_rules! coerce_cc {
    ($cc:expr) => {{
        let ptr = $crate::Cc::__into_box_ptr($cc);
        // Passing `ptr` converts it at most by an unsizing coercion (the only implicit
        // conversion of a pointer).
        // SAFETY: `ptr` comes from `__into_box_ptr` and is used once.
        unsafe { $crate::Cc::__from_box_ptr(ptr) }
    }};
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
