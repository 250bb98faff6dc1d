//! The sync handles: [`Cc`], [`Weak`], and the [`Finalize`] trait.

use std::fmt;
use std::marker::PhantomData;
use std::ptr::NonNull;

use super::heap::{self, Ptr};
use super::object::{
    self, SyncBox, SyncHeader, SyncVTable, SyncVTableFor, SyncVTableForSlice, DEAD, FINALIZED,
    TRACKED, WEAK_CLEARED,
};
use super::Mutator;
use crate::trace::{Trace, Visitor};

/// A thread-safe reference-counted pointer whose cycles the sync collector finds and frees.
///
/// `Cc<T>` is `Send + Sync` for `T: Trace + Send + Sync`. Cloning and dropping work anywhere,
/// like `Arc`'s. Reaching the value needs a [`Mutator`]: [`Cc::get`] borrows from both the
/// handle and the mutator, so no reference into the heap outlives the mutator, and the
/// collector can read the object graph while no thread holds one.
///
/// ```
/// use gc_core::sync::{self, Cc};
/// use gc_core::Trace;
/// use std::sync::Mutex;
///
/// #[derive(Trace)]
/// struct Node { next: Mutex<Option<Cc<Node>>> }
///
/// let a = Cc::new(Node { next: Mutex::new(None) });
/// let b = Cc::new(Node { next: Mutex::new(Some(a.clone())) });
/// {
///     let m = sync::enter();
///     *a.get(&m).next.lock().unwrap() = Some(b.clone()); // a -> b -> a
/// }
/// drop((a, b));
/// assert!(sync::collect() >= 2);
/// ```
///
/// `T` may be unsized: `Cc<str>` and `Cc<[T]>` come from `From` and `collect`, and a
/// `Cc<dyn Trait + Send + Sync>` from [`coerce_sync_cc!`](crate::coerce_sync_cc).
pub struct Cc<T: ?Sized + 'static> {
    /// Points at the header, which starts the box (fat for unsized `T`).
    ptr: NonNull<SyncBox<T>>,
    _owns: PhantomData<SyncBox<T>>,
}

// Counts are atomic, and the value is reached only under a `Mutator` (see `sync`, DESIGN.md).
// SAFETY: the value is `Send + Sync` (bound on every constructor).
unsafe impl<T: ?Sized + Send + Sync + 'static> Send for Cc<T> {}
// SAFETY: as above.
unsafe impl<T: ?Sized + Send + Sync + 'static> Sync for Cc<T> {}

/// A non-owning reference to a sync [`Cc`]'s object.
///
/// `upgrade` returns `None` once the object is gone, and once a collection has found it
/// unreachable (weak references are cleared before finalizers run); that clearing is
/// permanent, also for an object a finalizer resurrected.
///
/// ```
/// use gc_core::sync::{Cc, Weak};
/// let strong = Cc::new(5_u32);
/// let weak: Weak<u32> = Cc::downgrade(&strong);
/// assert!(weak.upgrade().is_some());
/// drop(strong);
/// assert!(weak.upgrade().is_none());
/// ```
pub struct Weak<T: ?Sized + 'static> {
    ptr: Option<NonNull<SyncBox<T>>>,
    _owns: PhantomData<SyncBox<T>>,
}

// SAFETY: as `Cc`.
unsafe impl<T: ?Sized + Send + Sync + 'static> Send for Weak<T> {}
// SAFETY: as `Cc`.
unsafe impl<T: ?Sized + Send + Sync + 'static> Sync for Weak<T> {}

/// A finalizer for sync objects: Python's `__del__` with the semantics of PEP 442.
///
/// It runs once in the object's life, before the value is dropped, whether the object dies by
/// reference count (on the thread that dropped the last handle) or in a garbage cycle (on the
/// collecting thread, after the world has restarted, with the whole cycle intact). It gets a
/// handle to its own object and a [`Mutator`] to read it; keeping a clone resurrects the object.
///
/// ```
/// use gc_core::sync::{self, Cc, Finalize, Mutator};
/// use gc_core::Trace;
/// use std::sync::atomic::{AtomicU32, Ordering};
///
/// static RAN: AtomicU32 = AtomicU32::new(0);
///
/// #[derive(Trace)]
/// struct Resource(u32);
///
/// impl Finalize for Resource {
///     fn finalize(this: &Cc<Self>, m: &Mutator) {
///         RAN.fetch_add(this.get(m).0, Ordering::SeqCst);
///     }
/// }
///
/// drop(Cc::new_finalizable(Resource(7)));
/// assert_eq!(RAN.load(Ordering::SeqCst), 7);
/// ```
pub trait Finalize: Trace + Send + Sync + Sized + 'static {
    /// Called once, before the value is dropped.
    fn finalize(this: &Cc<Self>, m: &Mutator);
}

impl<T: Trace + Send + Sync + 'static> Cc<T> {
    /// Allocate `value`, tracking it in generation 0 unless it can never be part of a cycle.
    ///
    /// Needs no [`Mutator`]. A tracked allocation may start an automatic collection; if other
    /// threads hold mutators (or this one does), the collection is left pending and runs when
    /// the heap next becomes quiescent.
    ///
    /// ```
    /// use gc_core::sync::Cc;
    /// use std::sync::Mutex;
    /// assert!(!Cc::is_tracked(&Cc::new(3_u64)));
    /// assert!(Cc::is_tracked(&Cc::new(Mutex::new(Vec::<Cc<u64>>::new()))));
    /// ```
    #[inline]
    pub fn new(value: T) -> Cc<T> {
        Self::new_with(value, &SyncVTableFor::<T>::PLAIN)
    }

    #[inline]
    fn new_with(value: T, vtable: &'static SyncVTable) -> Cc<T> {
        let tracked = value.needs_tracking();
        let ptr = object::allocate(vtable, tracked, value);
        let cc = Cc {
            ptr: ptr.cast(),
            _owns: PhantomData,
        };
        if tracked && heap::link_new(Ptr(ptr)) {
            super::collect::collect_automatic();
        }
        cc
    }

    /// Allocate a value built by `data_fn`, which gets a [`Weak`] to the object being built (as
    /// [`std::sync::Arc::new_cyclic`]). The weak reference upgrades once `new_cyclic` returns.
    /// An object of a type that can hold a `Cc` is tracked (its value is not known when the
    /// allocation is made).
    ///
    /// ```
    /// use gc_core::sync::{self, Cc, Weak};
    /// use gc_core::Trace;
    ///
    /// #[derive(Trace)]
    /// struct Owner { me: Weak<Owner> }
    ///
    /// let owner = Cc::new_cyclic(|me| Owner { me: me.clone() });
    /// let m = sync::enter();
    /// assert!(Cc::ptr_eq(&owner.get(&m).me.upgrade().unwrap(), &owner));
    /// ```
    pub fn new_cyclic<F: FnOnce(&Weak<T>) -> T>(data_fn: F) -> Cc<T> {
        let tracked = T::CAN_HOLD_CC;
        let ptr = object::allocate_uninit::<T>(&SyncVTableFor::<T>::PLAIN, tracked, 0);
        // This `Weak` holds the allocation's own share of the weak count while `data_fn` runs:
        // if it panics, dropping it frees the memory, no value having been written. With a
        // strong count of 0 no `Weak` upgrades meanwhile.
        let weak = Weak {
            ptr: Some(ptr.cast()),
            _owns: PhantomData,
        };
        let value = data_fn(&weak);
        // Written once, before the strong count that makes it reachable is published with
        // Release (`upgrade` acquires it).
        // SAFETY: allocated for a `T` (held by `weak`), the value not yet written.
        unsafe { object::value_ptr::<T>(ptr).write(value) };
        // SAFETY: as above.
        unsafe { ptr.as_ref() }
            .strong
            .store(1, std::sync::atomic::Ordering::Release);
        // The strong reference now holds the allocation's share of the weak count.
        std::mem::forget(weak);
        let cc = Cc {
            ptr: ptr.cast(),
            _owns: PhantomData,
        };
        if tracked && heap::link_new(Ptr(ptr)) {
            super::collect::collect_automatic();
        }
        cc
    }

    /// The value, if this is the only strong handle; otherwise `Err(this)` (as
    /// [`std::sync::Arc::try_unwrap`]). Needs no [`Mutator`]. Weak references stop upgrading;
    /// a finalizer does not run (the value's `Drop` runs when its new owner drops it).
    ///
    /// ```
    /// use gc_core::sync::Cc;
    /// let a = Cc::new(String::from("x"));
    /// let b = a.clone();
    /// let a = Cc::try_unwrap(a).unwrap_err();
    /// drop(b);
    /// assert_eq!(Cc::try_unwrap(a).ok(), Some(String::from("x")));
    /// ```
    pub fn try_unwrap(this: Cc<T>) -> Result<T, Cc<T>> {
        use std::sync::atomic::Ordering;
        let h = this.header();
        if h.has(DEAD)
            || h.strong
                .compare_exchange(1, 0, Ordering::Acquire, Ordering::Relaxed)
                .is_err()
        {
            return Err(this);
        }
        let this = std::mem::ManuallyDrop::new(this);
        // SAFETY: we took the count from 1 to 0 with our handle's reference.
        unsafe { heap::unlink_unwrapped(this.ptr()) };
        // No collection reads the value now (unlinked under the heap lock), and `upgrade` never
        // revives a count of 0: the value is ours to move, once.
        // SAFETY: no handle remains and the value is intact.
        let value = unsafe { object::value_ptr::<T>(this.ptr.cast()).read() };
        // SAFETY: moved out; the strong side's share is given back once.
        unsafe { heap::release_unwrapped(this.ptr()) };
        Ok(value)
    }

    /// The value if this is the last strong handle, otherwise `None`, dropping the handle (as
    /// [`std::sync::Arc::into_inner`]). Unlike `try_unwrap(this).ok()`, when threads call it
    /// on all the handles of an object at once, exactly one of them gets the value.
    ///
    /// ```
    /// assert_eq!(gc_core::sync::Cc::into_inner(gc_core::sync::Cc::new(7)), Some(7));
    /// ```
    pub fn into_inner(this: Cc<T>) -> Option<T> {
        let this = std::mem::ManuallyDrop::new(this);
        if !this.header().dec_strong() {
            // Another handle remains: ours is dropped, as `Drop` would.
            return None;
        }
        let ptr = this.ptr();
        if this.header().has(DEAD) {
            // A collection dropped the value (a handle a `Drop` of garbage kept): nothing to
            // return; give back the memory share as the last drop would.
            // SAFETY: the last strong reference was ours (Acquire in dec_strong).
            unsafe { heap::on_zero(ptr) };
            return None;
        }
        // SAFETY: as in `try_unwrap`, from the point where the count is 0.
        unsafe { heap::unlink_unwrapped(ptr) };
        // SAFETY: as in `try_unwrap`.
        let value = unsafe { object::value_ptr::<T>(this.ptr.cast()).read() };
        // SAFETY: as in `try_unwrap`.
        unsafe { heap::release_unwrapped(ptr) };
        Some(value)
    }

    /// Mutable access when this is the only handle (no other `Cc`, no `Weak`), as
    /// `Arc::get_mut`; needs a mutator, since the collector may be reading the value
    /// otherwise. An untracked object of a type that can hold a `Cc` is moved to a tracked
    /// allocation first, so a cycle made through the reference is collected.
    ///
    /// ```
    /// use gc_core::sync::{self, Cc};
    /// let mut a = Cc::new(vec![1]);
    /// let m = sync::enter();
    /// Cc::get_mut(&mut a, &m).unwrap().push(2);
    /// assert_eq!(*a.get(&m), [1, 2]);
    /// ```
    pub fn get_mut<'a>(this: &'a mut Cc<T>, m: &'a Mutator) -> Option<&'a mut T> {
        let h = this.header();
        if h.strong.load(std::sync::atomic::Ordering::Acquire) != 1
            || h.weak_handles() != 0
            || h.has(DEAD)
        {
            return None;
        }
        Some(Cc::unique_mut(this, m))
    }

    /// The value of the only handle, mutably: tracked first if it can hold a `Cc`.
    fn unique_mut<'a>(this: &'a mut Cc<T>, _m: &'a Mutator) -> &'a mut T {
        if T::CAN_HOLD_CC && !this.header().has(TRACKED) {
            let vtable = this.header().vtable;
            let finalized = this.header().has(FINALIZED);
            // Nothing between here and the write below can panic: `try_unwrap` and
            // `new_linked` run no user code.
            // SAFETY: `this` is moved out here and written back below.
            let old = unsafe { std::ptr::read(this) };
            let fresh = match Cc::try_unwrap(old) {
                Ok(value) => Cc::new_linked(value, vtable, finalized),
                Err(old) => old,
            };
            // SAFETY: `this` was moved out above.
            unsafe { std::ptr::write(this, fresh) };
        }
        // The collector reads values only while no thread holds a mutator; we hold one.
        // SAFETY: the only handle of either kind, borrowed mutably for 'a.
        unsafe { &mut (*this.ptr.as_ptr()).value }
    }

    /// A tracked object holding `value`, linked without running a collection.
    fn new_linked(value: T, vtable: &'static SyncVTable, finalized: bool) -> Cc<T> {
        let ptr = object::allocate(vtable, true, value);
        if finalized {
            // SAFETY: just allocated.
            unsafe { ptr.as_ref() }.set(FINALIZED);
        }
        // A due collection runs at a later allocation.
        let _ = heap::link_new(Ptr(ptr));
        Cc {
            ptr: ptr.cast(),
            _owns: PhantomData,
        }
    }

    /// A mutable reference to the value, cloning it into a new object first if other `Cc`s
    /// refer to it (as [`std::sync::Arc::make_mut`]); if only `Weak`s do, the value is copied
    /// to a new object too, and they stop upgrading.
    ///
    /// ```
    /// use gc_core::sync::{self, Cc};
    /// let mut a = Cc::new(5);
    /// let b = a.clone();
    /// let m = sync::enter();
    /// *Cc::make_mut(&mut a, &m) += 1;
    /// assert_eq!((*a.get(&m), *b.get(&m)), (6, 5));
    /// ```
    pub fn make_mut<'a>(this: &'a mut Cc<T>, m: &'a Mutator) -> &'a mut T
    where
        T: Clone,
    {
        let vtable = this.header().vtable;
        if Cc::get_mut(this, m).is_none() {
            let copy = this.get(m).clone();
            *this = Cc::new_linked_or_not(copy, vtable);
        }
        Cc::unique_mut(this, m)
    }

    /// A new object for `make_mut`: tracked as `Cc::new` decides, no collection run.
    fn new_linked_or_not(value: T, vtable: &'static SyncVTable) -> Cc<T> {
        if value.needs_tracking() {
            return Cc::new_linked(value, vtable, false);
        }
        Cc {
            ptr: object::allocate(vtable, false, value).cast(),
            _owns: PhantomData,
        }
    }
}

impl<T: Finalize> Cc<T> {
    /// Allocate `value` with a finalizer: `T::finalize` runs once before the value is dropped.
    #[inline]
    pub fn new_finalizable(value: T) -> Cc<T> {
        Self::new_with(value, &SyncVTableFor::<T>::FINALIZABLE)
    }
}

impl<T: ?Sized + 'static> Cc<T> {
    /// A new weak reference to this object.
    #[inline]
    pub fn downgrade(this: &Cc<T>) -> Weak<T> {
        this.header().inc_weak();
        Weak {
            ptr: Some(this.ptr),
            _owns: PhantomData,
        }
    }

    #[inline(always)]
    fn header(&self) -> &SyncHeader {
        // SAFETY: a handle keeps the object allocated.
        unsafe { self.ptr.cast::<SyncHeader>().as_ref() }
    }

    pub(crate) fn ptr(&self) -> Ptr {
        Ptr(self.ptr.cast())
    }

    /// The value, for as long as both the handle and the mutator are borrowed.
    ///
    /// Panics if a collection has torn the object down (a handle that a `Drop` of a garbage
    /// cycle kept); [`Cc::try_get`] returns `None` instead.
    ///
    /// ```
    /// use gc_core::sync::{self, Cc};
    /// let c = Cc::new(String::from("hi"));
    /// let m = sync::enter();
    /// assert_eq!(c.get(&m), "hi");
    /// ```
    #[inline(always)]
    pub fn get<'a>(&'a self, m: &'a Mutator) -> &'a T {
        match self.try_get(m) {
            Some(value) => value,
            None => dead_get((self.header().vtable.type_name)()),
        }
    }

    /// The value, or `None` if a collection has torn the object down.
    #[inline(always)]
    pub fn try_get<'a>(&'a self, _m: &'a Mutator) -> Option<&'a T> {
        if self.header().has(DEAD) {
            return None;
        }
        // The handle keeps the object allocated; DEAD is set before a collection drops the
        // value; the mutator keeps the collector out while the reference lives.
        // SAFETY: an intact value, and nobody gets `&mut` to a shared one.
        Some(unsafe { &(*self.ptr.as_ptr()).value })
    }

    /// Run `f` on the value, attaching this thread for the call.
    ///
    /// ```
    /// use gc_core::sync::Cc;
    /// let c = Cc::new(41_u32);
    /// assert_eq!(Cc::with(&c, |v| v + 1), 42);
    /// ```
    pub fn with<R>(this: &Cc<T>, f: impl FnOnce(&T) -> R) -> R {
        let m = super::enter();
        f(this.get(&m))
    }

    /// Number of strong handles.
    pub fn strong_count(this: &Cc<T>) -> usize {
        this.header()
            .strong
            .load(std::sync::atomic::Ordering::Relaxed) as usize
    }

    /// Number of `Weak` handles.
    pub fn weak_count(this: &Cc<T>) -> usize {
        this.header().weak_handles()
    }

    /// Whether two handles point at the same object.
    pub fn ptr_eq(this: &Cc<T>, other: &Cc<T>) -> bool {
        this.ptr.cast::<u8>() == other.ptr.cast::<u8>()
    }

    /// Whether the object is tracked by the collector (decided once, at allocation).
    pub fn is_tracked(this: &Cc<T>) -> bool {
        this.header().has(TRACKED)
    }

    /// Whether the finalizer has run.
    pub fn is_finalized(this: &Cc<T>) -> bool {
        this.header().has(FINALIZED)
    }

    /// Whether a collection has torn the object down (dereferencing panics).
    pub fn is_dead(this: &Cc<T>) -> bool {
        this.header().has(DEAD)
    }

    /// A handle from a raw object pointer, taking over one strong reference.
    ///
    /// # Safety
    /// `ptr` is a `SyncBox<T>` for this `T`, and the caller owns one strong reference to it.
    pub(crate) unsafe fn from_ptr(ptr: NonNull<SyncHeader>) -> Cc<T>
    where
        T: Sized,
    {
        Cc {
            ptr: ptr.cast(),
            _owns: PhantomData,
        }
    }

    /// Give up the handle without dropping its reference, for
    /// [`coerce_sync_cc!`](crate::coerce_sync_cc).
    #[doc(hidden)]
    pub fn __into_box_ptr(this: Cc<T>) -> NonNull<SyncBox<T>> {
        std::mem::ManuallyDrop::new(this).ptr
    }

    /// Rebuild a handle given up by `__into_box_ptr`, for
    /// [`coerce_sync_cc!`](crate::coerce_sync_cc).
    ///
    /// # Safety
    /// `ptr` comes from [`Cc::__into_box_ptr`], unchanged or converted only by an unsizing
    /// coercion, and is used once.
    #[doc(hidden)]
    pub unsafe fn __from_box_ptr(ptr: NonNull<SyncBox<T>>) -> Cc<T> {
        Cc {
            ptr,
            _owns: PhantomData,
        }
    }
}

#[cold]
#[inline(never)]
fn dead_get(type_name: &'static str) -> ! {
    panic!(
        "gc_core::sync::Cc<{type_name}>: the object was torn down by a collection \
         (a handle kept by a Drop impl of a garbage cycle); use Cc::try_get to check"
    )
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
        if self.header().dec_strong() {
            // SAFETY: this was the last strong reference (Acquire in dec_strong), to a `T`.
            unsafe { heap::on_zero(Ptr(self.ptr.cast())) };
        }
    }
}

impl<T: Default + Trace + Send + Sync + 'static> Default for Cc<T> {
    /// `Cc::new(T::default())`.
    fn default() -> Cc<T> {
        Cc::new(T::default())
    }
}

impl<T: Trace + Send + Sync + 'static> From<T> for Cc<T> {
    /// `Cc::new(value)`.
    fn from(value: T) -> Cc<T> {
        Cc::new(value)
    }
}

impl<T: Trace + Send + Sync + 'static> From<Vec<T>> for Cc<[T]> {
    /// A slice object holding the vector's items (moved), tracked if one of them needs it.
    ///
    /// ```
    /// use gc_core::sync::{self, Cc};
    /// let items: Cc<[u32]> = Cc::from(vec![1, 2, 3]);
    /// assert_eq!(items.get(&sync::enter()), &[1, 2, 3]);
    /// ```
    fn from(items: Vec<T>) -> Cc<[T]> {
        let len = items.len();
        let tracked = T::CAN_HOLD_CC && items.iter().any(Trace::needs_tracking);
        let ptr = object::allocate_slice(&SyncVTableForSlice::<T>::SLICE, tracked, items);
        let cc = Cc {
            ptr: object::slice_box::<T>(ptr, len),
            _owns: PhantomData,
        };
        if tracked && heap::link_new(Ptr(ptr)) {
            super::collect::collect_automatic();
        }
        cc
    }
}

impl<T: Trace + Send + Sync + Clone + 'static> From<&[T]> for Cc<[T]> {
    /// A slice object holding clones of the items.
    fn from(items: &[T]) -> Cc<[T]> {
        Cc::from(items.to_vec())
    }
}

impl<T: Trace + Send + Sync + 'static> FromIterator<T> for Cc<[T]> {
    /// Collect the items into a slice object.
    ///
    /// ```
    /// use gc_core::sync::Cc;
    /// let squares: Cc<[u64]> = (1..=3).map(|i| i * i).collect();
    /// assert_eq!(Cc::with(&squares, |s| s.to_vec()), [1, 4, 9]);
    /// ```
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Cc<[T]> {
        Cc::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl From<&str> for Cc<str> {
    /// A string object (never tracked).
    ///
    /// ```
    /// use gc_core::sync::{self, Cc};
    /// let s: Cc<str> = "hi".into();
    /// assert_eq!(s.get(&sync::enter()), "hi");
    /// ```
    fn from(text: &str) -> Cc<str> {
        let bytes = text.as_bytes().to_vec();
        let len = bytes.len();
        let ptr = object::allocate_slice(&SyncVTableForSlice::<u8>::STR, false, bytes);
        let fat = object::slice_box::<u8>(ptr, len).as_ptr() as *mut SyncBox<str>;
        Cc {
            // The bytes are a `str`'s UTF-8; `SyncBox<[u8]>` and `SyncBox<str>` share a layout.
            // SAFETY: derived from a non-null pointer.
            ptr: unsafe { NonNull::new_unchecked(fat) },
            _owns: PhantomData,
        }
    }
}

impl From<String> for Cc<str> {
    /// A string object with the string's text.
    fn from(text: String) -> Cc<str> {
        Cc::from(text.as_str())
    }
}

/// [`coerce_cc!`](crate::coerce_cc) for the sync heap: convert a `sync::Cc` of a concrete type
/// into one of an unsized type it coerces to, such as `sync::Cc<dyn Trait + Send + Sync>`.
///
/// ```
/// use gc_core::sync::{self, Cc};
/// use gc_core::{coerce_sync_cc, Trace};
///
/// trait Named: Send + Sync {
///     fn name(&self) -> &str;
/// }
/// #[derive(Trace)]
/// struct Dog;
/// impl Named for Dog {
///     fn name(&self) -> &str { "dog" }
/// }
///
/// let d: Cc<dyn Named> = coerce_sync_cc!(Cc::new(Dog));
/// assert_eq!(d.get(&sync::enter()).name(), "dog");
/// ```
#[macro_export]
macro_rules! coerce_sync_cc {
    ($cc:expr) => {{
        let ptr = $crate::sync::Cc::__into_box_ptr($cc);
        // Passing `ptr` converts it at most by an unsizing coercion (the only implicit
        // conversion of a pointer).
        // SAFETY: `ptr` comes from `__into_box_ptr` and is used once.
        unsafe { $crate::sync::Cc::__from_box_ptr(ptr) }
    }};
}

/// The finalizer entry of the vtable.
///
/// # Safety
/// `ptr` is an intact `SyncBox<T>`; the caller passes one strong reference, which the shim
/// drops.
pub(crate) unsafe fn finalize_shim<T: Finalize>(ptr: NonNull<SyncHeader>, m: &Mutator) {
    // SAFETY: caller.
    let this = unsafe { Cc::<T>::from_ptr(ptr) };
    crate::collect::run_finalizer(std::any::type_name::<T>(), || T::finalize(&this, m));
}

impl<T: ?Sized + 'static> Weak<T> {
    /// A `Weak` that points at nothing: `upgrade` always returns `None`.
    pub const fn new() -> Weak<T> {
        Weak {
            ptr: None,
            _owns: PhantomData,
        }
    }

    /// A strong handle, if the object is alive and no collection has cleared its weak
    /// references. Attaches the thread for a moment if it holds no mutator: creating a strong
    /// reference from a weak one must not race with a collection's verdict.
    pub fn upgrade(&self) -> Option<Cc<T>> {
        let ptr = self.ptr?;
        let _m = if heap::attached() {
            None
        } else {
            Some(super::enter())
        };
        // SAFETY: a weak handle keeps the memory.
        let h = unsafe { ptr.cast::<SyncHeader>().as_ref() };
        if h.has(WEAK_CLEARED | DEAD) || !h.inc_strong_if_alive() {
            return None;
        }
        Some(Cc {
            ptr,
            _owns: PhantomData,
        })
    }

    /// Number of strong handles to the object (0 if gone).
    pub fn strong_count(&self) -> usize {
        self.ptr.map_or(0, |p| {
            // SAFETY: a weak handle keeps the memory.
            unsafe { p.cast::<SyncHeader>().as_ref() }
                .strong
                .load(std::sync::atomic::Ordering::Relaxed) as usize
        })
    }

    /// Number of `Weak`s to the object, this one included; 0 once no strong reference remains.
    ///
    /// ```
    /// let a = gc_core::sync::Cc::new(1);
    /// let w = gc_core::sync::Cc::downgrade(&a);
    /// assert_eq!(w.weak_count(), 1);
    /// drop(a);
    /// assert_eq!(w.weak_count(), 0);
    /// ```
    pub fn weak_count(&self) -> usize {
        self.ptr.map_or(0, |p| {
            // SAFETY: a weak handle keeps the memory.
            let h = unsafe { p.cast::<SyncHeader>().as_ref() };
            if h.strong.load(std::sync::atomic::Ordering::Relaxed) == 0 {
                0
            } else {
                h.weak_handles()
            }
        })
    }

    /// Whether two weak handles point at the same object (or both at nothing).
    pub fn ptr_eq(&self, other: &Weak<T>) -> bool {
        self.ptr.map(NonNull::cast::<u8>) == other.ptr.map(NonNull::cast::<u8>)
    }
}

impl<T: ?Sized + 'static> Default for Weak<T> {
    fn default() -> Self {
        Weak::new()
    }
}

impl<T: ?Sized + 'static> Clone for Weak<T> {
    fn clone(&self) -> Weak<T> {
        if let Some(p) = self.ptr {
            // SAFETY: a weak handle keeps the memory.
            unsafe { p.cast::<SyncHeader>().as_ref() }.inc_weak();
        }
        Weak {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl<T: ?Sized + 'static> Drop for Weak<T> {
    fn drop(&mut self) {
        if let Some(p) = self.ptr {
            // SAFETY: a weak handle keeps the memory until this decrement.
            if unsafe { p.cast::<SyncHeader>().as_ref() }.dec_weak() {
                // The strong side gives its share back only after the value was dropped.
                // SAFETY: no strong reference and no weak one remains.
                unsafe { object::dealloc(p.cast()) };
            }
        }
    }
}

impl<T: ?Sized + 'static> fmt::Debug for Weak<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(sync::Weak)")
    }
}

impl<T: ?Sized + 'static> fmt::Debug for Cc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sync::Cc({:p})", self.ptr)
    }
}

// SAFETY: a `Cc` owns exactly one strong reference, reported once.
unsafe impl<T: ?Sized + Send + Sync + 'static> Trace for Cc<T> {
    #[inline(always)]
    fn trace<V: Visitor>(&self, v: &mut V) {
        v.visit_sync(self);
    }
    #[inline]
    fn needs_tracking(&self) -> bool {
        Cc::is_tracked(self)
    }
}

// SAFETY: a weak edge is no strong reference; reporting nothing is exact for collection.
unsafe impl<T: ?Sized + Send + Sync + 'static> Trace for Weak<T> {
    const CAN_HOLD_CC: bool = false;
    #[inline(always)]
    fn trace<V: Visitor>(&self, _v: &mut V) {}
    #[inline(always)]
    fn needs_tracking(&self) -> bool {
        false
    }
}
