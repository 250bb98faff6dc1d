//! Introspection in the manner of Python's `gc` module: type-erased handles ([`AnyCc`]),
//! `get_objects`, `get_referents`, `get_referrers`, debug flags, `garbage`, and callbacks.
//!
//! None of these functions triggers a collection, and none leaves tracked objects of its own
//! behind: the vectors they return are plain Rust values.

use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::hash::{Hash, Hasher};
use std::ptr::NonNull;
use std::time::Duration;

use crate::cc::{generation_of, Cc, Hold, Weak};
use crate::collect::PanicSlot;
use crate::header::{header_of, list_id, Header, Links, DEAD, FINALIZED};
use crate::heap::{self, Heap};
use crate::list::{self, for_each_node};
use crate::registry::Registry;
use crate::trace::{EdgeName, Sealed, Trace, Visitor};

bitflags::bitflags! {
    /// Debugging flags, as Python's `gc.DEBUG_*` constants.
    ///
    /// Output goes to the [`tracing`] crate under the target `gc_core` (install a subscriber
    /// to see it).
    ///
    /// ```
    /// use gc_core::DebugFlags;
    /// gc_core::set_debug(DebugFlags::SAVEALL | DebugFlags::STATS);
    /// assert!(gc_core::get_debug().contains(DebugFlags::SAVEALL));
    /// gc_core::set_debug(DebugFlags::empty());
    /// ```
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub struct DebugFlags: u32 {
        /// Log statistics at the start and end of each collection.
        const STATS = 1;
        /// Log every collectable object found.
        const COLLECTABLE = 2;
        /// Log every uncollectable object found (gc-core finds none: every finalizer follows
        /// PEP 442).
        const UNCOLLECTABLE = 4;
        /// Keep unreachable objects alive and intact in [`garbage()`] instead of tearing them
        /// down (weak references are cleared and finalizers run first, as in CPython).
        const SAVEALL = 32;
        /// What a program looking for leaks wants: `COLLECTABLE | UNCOLLECTABLE | SAVEALL`.
        const LEAK = 2 | 4 | 32;
    }
}

/// Set the debugging flags of this thread's collector.
///
/// ```
/// gc_core::set_debug(gc_core::DebugFlags::STATS);
/// gc_core::set_debug(gc_core::DebugFlags::empty());
/// ```
pub fn set_debug(flags: DebugFlags) {
    heap::with(|heap| heap.debug.set(flags.bits()));
}

/// The debugging flags of this thread's collector.
///
/// ```
/// assert_eq!(gc_core::get_debug(), gc_core::DebugFlags::empty());
/// ```
pub fn get_debug() -> DebugFlags {
    heap::with(|heap| DebugFlags::from_bits_truncate(heap.debug.get()))
}

/// A strong, type-erased handle to any object, for introspection.
///
/// ```
/// use gc_core::{AnyCc, Cc, Trace};
/// use std::cell::RefCell;
///
/// #[derive(Trace)]
/// struct Node { next: RefCell<Option<Cc<Node>>> }
///
/// let b = Cc::new(Node { next: RefCell::new(None) });
/// let a = Cc::new(Node { next: RefCell::new(Some(b.clone())) });
/// let any = AnyCc::from(a.clone());
/// assert!(any.type_name().ends_with("Node"));
/// let refs = any.referents();
/// assert_eq!(refs.len(), 1);
/// assert_eq!(refs[0].0, "next");
/// assert_eq!(refs[0].1, AnyCc::from(&b));
/// assert!(any.downcast::<Node>().is_some());
/// ```
pub struct AnyCc {
    hold: Hold,
}

impl AnyCc {
    /// A new handle to the object at `ptr` (adds a strong reference).
    ///
    /// # Safety
    /// `ptr` is the header of an allocated object.
    pub(crate) unsafe fn from_header(ptr: NonNull<Header>) -> AnyCc {
        // SAFETY: caller.
        let hold = unsafe { Hold::new(ptr) };
        AnyCc { hold }
    }

    pub(crate) fn ptr(&self) -> NonNull<Header> {
        self.hold.ptr()
    }

    fn header(&self) -> &Header {
        // SAFETY: the handle keeps the allocation alive.
        unsafe { self.ptr().as_ref() }
    }

    /// A stable id: unique among this thread's objects for the thread's life, never reused,
    /// not an address. Ids are handed out in increasing order the first time an object is
    /// introspected (this costs nothing for objects never looked at).
    pub fn id(&self) -> u64 {
        heap::object_id(self.ptr())
    }

    /// The Rust type name of the value.
    pub fn type_name(&self) -> &'static str {
        (self.header().vtable.type_name)()
    }

    /// Strong references, this handle included.
    pub fn strong_count(&self) -> usize {
        self.header().strong.get() as usize
    }

    /// `Weak` references.
    pub fn weak_count(&self) -> usize {
        self.header().weak_handles()
    }

    /// `Some(0 | 1 | 2)` while in a generation; `None` when untracked or frozen.
    pub fn generation(&self) -> Option<usize> {
        generation_of(self.header().list())
    }

    /// Whether the collector tracks the object.
    pub fn is_tracked(&self) -> bool {
        self.header().list() != list_id::NONE
    }

    /// Whether the object is in the permanent generation of `freeze()`.
    pub fn is_frozen(&self) -> bool {
        self.header().list() == list_id::PERMANENT
    }

    /// Whether the object was created with `Cc::new_finalizable`.
    pub fn is_finalizable(&self) -> bool {
        self.header().vtable.finalize.is_some()
    }

    /// Whether its finalizer has run.
    pub fn is_finalized(&self) -> bool {
        self.header().has(FINALIZED)
    }

    /// Whether the collector has torn the object down (its value is gone).
    pub fn is_dead(&self) -> bool {
        self.header().has(DEAD)
    }

    /// The objects this one holds strong references to, with the name of each edge (`next`,
    /// `0`, `children[3]`, `attrs["x"]`), in trace order. Empty for a dead object.
    pub fn referents(&self) -> Vec<(String, AnyCc)> {
        let mut edges = EdgeCollector::default();
        self.trace_into(&mut edges);
        edges
            .strong
            .into_iter()
            // SAFETY: the edges point at live objects (held by this object's value).
            .map(|(name, ptr)| (name, unsafe { AnyCc::from_header(ptr) }))
            .collect()
    }

    /// The weak references this object holds, with edge names; `None` where the weak
    /// reference no longer upgrades.
    pub fn weak_referents(&self) -> Vec<(String, Option<AnyCc>)> {
        let mut edges = EdgeCollector::default();
        self.trace_into(&mut edges);
        edges
            .weak
            .into_iter()
            .map(|(name, ptr)| {
                // SAFETY: a `Weak` keeps its allocation alive, and it is held by our value.
                let h = unsafe { ptr.as_ref() };
                let alive = h.strong.get() > 0 && !h.has(DEAD | crate::header::WEAK_CLEARED);
                // SAFETY: alive objects may be given a new handle.
                (name, alive.then(|| unsafe { AnyCc::from_header(ptr) }))
            })
            .collect()
    }

    fn trace_into(&self, edges: &mut EdgeCollector) {
        if self.is_dead() {
            return;
        }
        let ptr = self.ptr();
        // SAFETY: the object is alive and its value intact.
        unsafe { (ptr.as_ref().vtable.trace_any)(ptr, edges) };
    }

    /// The typed handle, if the value is a `T`.
    pub fn downcast<T: Trace + 'static>(&self) -> Option<Cc<T>> {
        if (self.header().vtable.type_id)() != std::any::TypeId::of::<T>() {
            return None;
        }
        self.header().inc_strong();
        // SAFETY: the type matches and we just added the strong reference the handle owns.
        Some(unsafe { Cc::from_header(self.ptr()) })
    }
}

impl<T: ?Sized + 'static> From<Cc<T>> for AnyCc {
    fn from(cc: Cc<T>) -> AnyCc {
        let ptr = cc.header_ptr();
        std::mem::forget(cc);
        AnyCc {
            hold: Hold::adopt(ptr),
        }
    }
}

impl<T: ?Sized + 'static> From<&Cc<T>> for AnyCc {
    fn from(cc: &Cc<T>) -> AnyCc {
        // SAFETY: a live object.
        unsafe { AnyCc::from_header(cc.header_ptr()) }
    }
}

impl Clone for AnyCc {
    fn clone(&self) -> AnyCc {
        // SAFETY: a live object.
        unsafe { AnyCc::from_header(self.ptr()) }
    }
}

impl PartialEq for AnyCc {
    fn eq(&self, other: &AnyCc) -> bool {
        self.ptr() == other.ptr()
    }
}

impl Eq for AnyCc {}

impl Hash for AnyCc {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.ptr().hash(state);
    }
}

impl fmt::Debug for AnyCc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} #{}>", self.type_name(), self.id())
    }
}

/// Visitor that lists edges with their names.
#[derive(Default)]
pub(crate) struct EdgeCollector {
    path: Vec<String>,
    pub(crate) strong: Vec<(String, NonNull<Header>)>,
    pub(crate) weak: Vec<(String, NonNull<Header>)>,
}

impl EdgeCollector {
    fn name(&self) -> String {
        let mut out = String::new();
        for part in &self.path {
            if !out.is_empty() && !part.starts_with('[') {
                out.push('.');
            }
            out.push_str(part);
        }
        out
    }
}

impl Sealed for EdgeCollector {}

impl Visitor for EdgeCollector {
    fn visit<T: ?Sized + 'static>(&mut self, cc: &Cc<T>) {
        let name = self.name();
        self.strong.push((name, cc.header_ptr()));
    }

    fn visit_weak<T: ?Sized + 'static>(&mut self, weak: &Weak<T>) {
        if let Some(ptr) = weak.header_ptr() {
            let name = self.name();
            self.weak.push((name, ptr));
        }
    }

    fn enter(&mut self, name: EdgeName<'_>) {
        let mut part = String::new();
        match name {
            EdgeName::Field(f) => part.push_str(f),
            EdgeName::Index(i) => {
                let _ = write!(part, "[{i}]");
            }
            EdgeName::Key(k) => {
                let _ = write!(part, "[{k:?}]");
            }
        }
        self.path.push(part);
    }

    fn leave(&mut self) {
        self.path.pop();
    }
}

/// All objects of a list, as handles.
fn objects_of(head: &Links, out: &mut Vec<AnyCc>) {
    for node in list::collect_nodes(head) {
        // SAFETY: nodes of a heap list are live tracked objects.
        out.push(unsafe { AnyCc::from_header(header_of(node)) });
    }
}

/// The tracked objects of generation `generation`, or of all three generations with `None`
/// (the permanent generation excluded, as in CPython).
///
/// ```
/// use gc_core::{Cc, Trace, AnyCc};
/// use std::cell::RefCell;
/// #[derive(Trace)]
/// struct N(RefCell<Vec<Cc<N>>>);
/// let n = Cc::new(N(RefCell::new(vec![])));
/// assert!(gc_core::get_objects(Some(0)).contains(&AnyCc::from(&n)));
/// ```
///
/// # Panics
/// If `generation` is greater than 2.
pub fn get_objects(generation: Option<usize>) -> Vec<AnyCc> {
    assert!(
        generation.is_none_or(|g| g <= 2),
        "generation must be 0, 1 or 2"
    );
    heap::with(|heap| {
        // Objects under an incremental cycle are in the collector's lists: give them back.
        crate::incremental::abort(heap);
        let mut out = Vec::new();
        for g in 0..3 {
            if generation.is_none_or(|want| want == g) {
                objects_of(heap.head(g as u32), &mut out);
            }
        }
        out
    })
}

/// The objects in the permanent generation (see [`crate::freeze`]).
pub fn get_frozen_objects() -> Vec<AnyCc> {
    heap::with(|heap| {
        let mut out = Vec::new();
        objects_of(heap.head(list_id::PERMANENT), &mut out);
        out
    })
}

/// The objects `object` holds strong references to (see [`AnyCc::referents`] for names).
pub fn get_referents(object: &AnyCc) -> Vec<AnyCc> {
    object.referents().into_iter().map(|(_, o)| o).collect()
}

/// The tracked objects that hold a strong reference to `object`.
///
/// Cost: like CPython, one walk over every tracked object (all generations and the permanent
/// one), tracing each: O(tracked objects + their edges), no allocation beyond the result.
/// Untracked objects never appear (they cannot be enumerated), which is what CPython does too.
pub fn get_referrers(object: &AnyCc) -> Vec<AnyCc> {
    let mut finder = ReferrerFinder {
        target: object.ptr(),
        found: false,
    };
    heap::with(|heap| {
        crate::incremental::abort(heap);
        let mut out = Vec::new();
        for id in [
            list_id::GEN0,
            list_id::GEN1,
            list_id::OLD,
            list_id::PERMANENT,
        ] {
            // SAFETY: nodes of heap lists are live tracked objects with intact values (objects
            // in generation lists are never DEAD), and tracing runs no code that unlinks.
            unsafe {
                for_each_node(heap.head(id), |node| {
                    let header = header_of(node);
                    finder.found = false;
                    (header.as_ref().vtable.trace_find)(header, &mut finder);
                    if finder.found {
                        out.push(AnyCc::from_header(header));
                    }
                });
            }
        }
        out
    })
}

/// Visitor of [`get_referrers`]: does this object point at the target?
pub(crate) struct ReferrerFinder {
    target: NonNull<Header>,
    found: bool,
}

impl Sealed for ReferrerFinder {}

impl Visitor for ReferrerFinder {
    #[inline]
    fn visit<T: ?Sized + 'static>(&mut self, cc: &Cc<T>) {
        self.found |= cc.header_ptr() == self.target;
    }
}

thread_local! {
    static GARBAGE: RefCell<Vec<AnyCc>> = const { RefCell::new(Vec::new()) };
    static CALLBACKS: RefCell<Registry<Callback>> = RefCell::new(Registry::default());
}

/// The objects a collection found unreachable while `DebugFlags::SAVEALL` was set, alive and
/// intact (Python's `gc.garbage`).
///
/// ```
/// use gc_core::{Cc, Trace, DebugFlags};
/// use std::cell::RefCell;
/// #[derive(Trace)]
/// struct N(RefCell<Option<Cc<N>>>);
/// gc_core::set_debug(DebugFlags::SAVEALL);
/// let n = Cc::new(N(RefCell::new(None)));
/// *n.0.borrow_mut() = Some(n.clone());
/// drop(n);
/// assert_eq!(gc_core::collect(), 1);
/// assert_eq!(gc_core::garbage().len(), 1);
/// gc_core::set_debug(DebugFlags::empty());
/// gc_core::clear_garbage();
/// assert_eq!(gc_core::collect(), 1);
/// ```
pub fn garbage() -> Vec<AnyCc> {
    GARBAGE.with(|g| g.borrow().clone())
}

/// Whether `ptr` is in the `garbage()` list.
#[cfg(feature = "observer")]
pub(crate) fn is_saved_garbage(ptr: NonNull<Header>) -> bool {
    GARBAGE
        .try_with(|g| g.borrow().iter().any(|a| a.ptr() == ptr))
        .unwrap_or(false)
}

/// Empty the list `garbage()` returns, dropping its references.
pub fn clear_garbage() {
    let taken = GARBAGE.with(|g| std::mem::take(&mut *g.borrow_mut()));
    drop(taken);
}

/// Under `SAVEALL`: keep the unreachable set in `garbage()`, moving it to `survivor_list`.
pub(crate) fn save_garbage(heap: &Heap, unreachable: &Links, survivor_list: u32) -> usize {
    let mut saved = Vec::new();
    for node in list::collect_nodes(unreachable) {
        // SAFETY: live objects of the set.
        unsafe {
            let header = header_of(node);
            header.as_ref().set_list(survivor_list);
            saved.push(AnyCc::from_header(header));
        }
    }
    let n = saved.len();
    heap.sub_len(list_id::UNREACHABLE, n);
    heap.add_len(survivor_list, n);
    // SAFETY: distinct initialised heads.
    unsafe { list::splice_back(heap.head(survivor_list), unreachable) };
    GARBAGE.with(|g| g.borrow_mut().extend(saved));
    n
}

/// Under `COLLECTABLE`: log every object of the unreachable set.
pub(crate) fn log_collectable(heap: &Heap, unreachable: &Links) {
    if heap.debug.get() & DebugFlags::COLLECTABLE.bits() == 0 {
        return;
    }
    for node in list::collect_nodes(unreachable) {
        // SAFETY: live objects of the set.
        let header = unsafe { header_of(node) };
        // SAFETY: as above.
        let type_name = unsafe { (header.as_ref().vtable.type_name)() };
        let id = heap::object_id(header);
        tracing::info!(target: "gc_core", id, type_name, "collectable <{type_name} #{id}>");
    }
}

/// When a callback is called: as Python's `gc.callbacks` phases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Before a collection starts.
    Start,
    /// After it finished.
    Stop,
}

/// What a callback learns about a collection. At `Phase::Start` only `generation` is set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CollectInfo {
    /// The generation collected (younger ones included).
    pub generation: usize,
    /// Unreachable objects disposed of.
    pub collected: u64,
    /// Always 0: gc-core has no legacy finalizers.
    pub uncollectable: u64,
    /// Objects examined.
    pub candidates: u64,
    /// Wall time of the collection.
    pub duration: Duration,
}

/// A `gc.callbacks` callback.
type Callback = dyn FnMut(Phase, &CollectInfo);

/// Callbacks run before and after every collection (Python's `gc.callbacks`).
///
/// Callbacks are per thread, like the heap, so a closure need not be `Send`.
///
/// ```
/// use gc_core::{callbacks, Phase};
/// use std::{cell::RefCell, rc::Rc};
/// let seen = Rc::new(RefCell::new(Vec::new()));
/// let log = seen.clone();
/// let id = callbacks::add(move |phase, info| log.borrow_mut().push((phase, info.generation)));
/// gc_core::collect();
/// assert!(callbacks::remove(id));
/// assert_eq!(*seen.borrow(), vec![(Phase::Start, 2), (Phase::Stop, 2)]);
/// ```
pub mod callbacks {
    use super::{CollectInfo, Phase, CALLBACKS};
    use crate::registry::Registry;

    /// Identifies a registered callback, for [`remove`].
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub struct CallbackId(pub(super) u64);

    /// Register `f` to run at the start and stop of every collection on this thread.
    pub fn add(f: impl FnMut(Phase, &CollectInfo) + 'static) -> CallbackId {
        CallbackId(Registry::add(&CALLBACKS, Box::new(f)))
    }

    /// Unregister a callback; false if it was not registered.
    pub fn remove(id: CallbackId) -> bool {
        Registry::remove(&CALLBACKS, id.0)
    }

    /// Unregister every callback.
    pub fn clear() {
        Registry::clear(&CALLBACKS)
    }
}

/// Run the callbacks for `phase`, catching their panics.
pub(crate) fn run_callbacks(
    phase: Phase,
    generation: usize,
    info: Option<&CollectInfo>,
    panics: &mut PanicSlot,
) {
    if !Registry::any(&CALLBACKS) {
        return;
    }
    let start = CollectInfo {
        generation,
        ..CollectInfo::default()
    };
    let info = info.unwrap_or(&start);
    Registry::run(&CALLBACKS, panics, |mut f| (*f)(phase, info));
}
