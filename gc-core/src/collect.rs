//! One collection: CPython's trial deletion over a set of generations, then the teardown of
//! what it finds, in the order the contract fixes.
//!
//! [`collect_main`] is the driver; each phase is a function named after what it does:
//!
//! 1. merge the generations being collected into one working list (`young`);
//! 2. [`update_refs`] / [`subtract_refs`]: give every candidate `gc_refs` = its strong count,
//!    then subtract one for every reference from another candidate. What remains counts
//!    references from outside the working set. (`update_refs` is folded into `subtract_refs`,
//!    which initialises a candidate's gc_refs the first time it meets it, so a collection makes
//!    one pass fewer over memory; it runs on its own only for the phase observer.)
//! 3. [`move_unreachable`]: one walk in list order; every candidate with gc_refs > 0 or marked
//!    by a reachable object is reachable and marks what it points at; the rest moves to the
//!    `unreachable` list (and is rescued, if something reachable later points at it); every
//!    `prev` link is restored on the way. The survivors are promoted;
//! 4. [`handle_weakrefs`]: clear every weak reference to an unreachable object, then run the
//!    [`weak_callbacks`](crate::weak_callbacks) hooks with the objects that had some;
//! 5. [`finalize_garbage`]: run each finalizer not yet run, with the whole set intact;
//! 6. [`handle_resurrected_objects`]: trial deletion again over what is left; whatever a
//!    hook or a finalizer made reachable survives and is promoted;
//! 7. [`delete_garbage`]: mark every object dead, drop every value, then give back the
//!    collector's references, freeing memory that no handle keeps.
//!
//! # Invariants relied on
//!
//! - No user code runs during phases 2-3 except `Trace::trace`, which by its contract does not
//!   create or drop a `Cc`. So no object is linked or unlinked while the `prev` words hold
//!   scratch values, and strong counts do not change under the passes.
//! - A candidate is an object whose list id lies in the range being collected; every such
//!   object is in the working list (the generations were merged into it, and nothing is
//!   allocated during the passes). So every scratch word written is restored by phase 3 (`move_unreachable`).
//! - The collector frees nothing while a handle remains: teardown drops values, but memory goes
//!   only when the strong and weak counts reach zero. A wrong verdict can therefore make an
//!   object dead (its `Cc`s panic on deref), never make a handle dangle.
//! - A panic in `Trace` during phases 2-3 abandons the verdict: every candidate is restored and
//!   kept. Panics in finalizers and drops are caught, the teardown goes on, and the first panic
//!   is re-raised when the collection has finished.
//!
//! Debug builds check these after each phase, as CPython's `validate_list` does (see
//! [`validate_list`]): every list walked is doubly linked both ways, each object's list id is
//! the one its list should hold, and the lengths agree with the heap's counts. The checks cost
//! a walk of the working set per phase, the order of the collection's own work.

use std::any::Any;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::ptr::NonNull;
use std::time::{Duration, Instant};

use crate::cc::Cc;
use crate::header::{
    header_of, links_of, list_id, GcRefs, Header, Links, Traced, DEAD, WEAK_CLEARED,
};
use crate::heap::{self, Heap};
use crate::introspect;
use crate::list::{self, for_each_node};
use crate::trace::{Sealed, Visitor};
use crate::weak_callbacks;

/// Which list ids make an object a candidate of the running pass.
#[derive(Clone, Copy)]
pub(crate) struct Candidates {
    lo: u32,
    hi: u32,
}

impl Candidates {
    /// The candidates of a collection of `generation` (younger generations included).
    pub(crate) fn generation(generation: usize) -> Candidates {
        let hi = [list_id::GEN0, list_id::GEN1, list_id::PENDING][generation];
        Candidates {
            lo: list_id::GEN0,
            hi,
        }
    }

    /// The objects of a collection's unreachable set.
    pub(crate) fn unreachable() -> Candidates {
        Candidates {
            lo: list_id::UNREACHABLE,
            hi: list_id::UNREACHABLE,
        }
    }

    /// The objects of an incremental batch: labelled SCAN, with a scratch word already in
    /// `prev` (see `incremental.rs`). Other SCAN objects have real links and are not
    /// candidates, so the batch's `subtract_refs` is `incremental::subtract_batch`, which
    /// checks the word too; `move_unreachable` tells the two apart by the word already.
    pub(crate) fn batch() -> Candidates {
        Candidates {
            lo: list_id::SCAN,
            hi: list_id::SCAN,
        }
    }

    /// Whether `ptr` is a candidate.
    #[cfg(feature = "observer")]
    pub(crate) fn contains(self, ptr: NonNull<Header>) -> bool {
        self.links(ptr).is_some()
    }

    /// Whether objects with list id `list` are candidates.
    #[inline(always)]
    fn contains_list(self, list: u32) -> bool {
        list.wrapping_sub(self.lo) <= self.hi - self.lo
    }

    /// The links of `ptr` if it is a candidate.
    #[inline(always)]
    fn links(self, ptr: NonNull<Header>) -> Option<*mut Links> {
        // SAFETY: `ptr` comes from a live `Cc` reported by `trace`.
        let list = unsafe { ptr.as_ref() }.list();
        if self.contains_list(list) {
            // SAFETY: candidates are tracked, so they were allocated with links.
            Some(unsafe { links_of(ptr) })
        } else {
            None
        }
    }
}

/// The strong count of the object owning `links`.
///
/// # Safety
/// `links` are an object's links.
#[inline(always)]
unsafe fn strong_of(links: *mut Links) -> usize {
    // SAFETY: caller.
    unsafe { header_of(links).as_ref() }.strong.get() as usize
}

/// The gc_refs scratch word of a candidate, initialising it from the strong count on first use
/// (and counting it in `zeros` if that count is 0).
///
/// # Safety
/// `links` are a candidate's links, during phases 2-3.
#[inline(always)]
unsafe fn scratch(links: *mut Links, zeros: &mut usize) -> *mut Links {
    // SAFETY: caller.
    let prev = unsafe { (*links).prev.get() };
    if GcRefs::is_active(prev) {
        prev
    } else {
        // SAFETY: caller.
        let strong = unsafe { strong_of(links) };
        *zeros += usize::from(strong == 0);
        let word = GcRefs::encode(strong, false);
        // SAFETY: caller.
        unsafe { (*links).prev.set(word) };
        word
    }
}

/// Visitor of [`subtract_refs`]: one less gc_ref for every candidate reached.
pub(crate) struct SubtractRefs {
    candidates: Candidates,
    /// The object being traced, kept alive if it reports a borrowed cell.
    current: *mut Links,
    /// Candidates whose gc_refs reached (or started at) 0: an upper bound on those at 0 when
    /// the pass ends (a borrowed cell may raise one again). See [`move_unreachable`].
    zeros: usize,
}

impl Sealed for SubtractRefs {}

impl Visitor for SubtractRefs {
    #[inline(always)]
    fn visit<T: ?Sized + 'static>(&mut self, cc: &Cc<T>) {
        if let Some(links) = self.candidates.links(cc.header_ptr()) {
            // SAFETY: a candidate, during phase 2.
            unsafe {
                let word = scratch(links, &mut self.zeros);
                let refs = GcRefs::refs(word);
                self.zeros += usize::from(refs == 1);
                (*links)
                    .prev
                    .set(GcRefs::encode(refs.saturating_sub(1), false));
            }
        }
    }

    /// The object holds references we cannot see: count one more reference from outside, so
    /// it and (since their references from it were not subtracted) the cell's contents stay.
    #[inline]
    fn visit_borrowed(&mut self) {
        // SAFETY: `current` is the candidate being traced, initialised before tracing.
        unsafe {
            let word = (*self.current).prev.get();
            (*self.current)
                .prev
                .set(GcRefs::encode(GcRefs::refs(word) + 1, false));
        }
    }
}

/// Visitor of [`move_unreachable`]: everything reached from a reachable object is reachable.
pub(crate) struct MarkReachable {
    candidates: Candidates,
    /// Objects rescued from `unreachable`, and how many of them have a pending finalizer.
    moved_back: Split,
    /// The list id survivors get.
    survivor_list: u32,
    /// Rescued objects not traced yet (traced right after the object that rescued them).
    rescued: Vec<*mut Links>,
    /// An upper bound on the candidates with gc_refs 0 that are neither marked nor rescued
    /// yet: while it is 0, tracing a reachable object can change no verdict, and is skipped.
    unresolved: usize,
}

impl Sealed for MarkReachable {}

impl MarkReachable {
    /// Rescue an object moved out to `unreachable` where it is: relabelled, it stays there
    /// until the walk ends, and it is traced as soon as the object being traced is done. Out
    /// of line: the common edge is one to an object ahead of the walk.
    #[cold]
    #[inline(never)]
    fn rescue(&mut self, ptr: NonNull<Header>, links: *mut Links) {
        // SAFETY: a live object moved out by this walk (header cells only).
        let h = unsafe { ptr.as_ref() };
        h.set_list(self.survivor_list);
        self.rescued.push(links);
        // Moved out, it had gc_refs 0 and no mark: one of the unresolved.
        self.unresolved -= 1;
        self.moved_back.unreachable += 1;
        self.moved_back.finalizable += usize::from(pending_finalizer(h));
        self.moved_back.weakly_referenced += usize::from(h.weak_handles() > 0);
    }
}

impl Visitor for MarkReachable {
    #[inline(always)]
    fn visit<T: ?Sized + 'static>(&mut self, cc: &Cc<T>) {
        let ptr = cc.header_ptr();
        // SAFETY: `ptr` comes from a live `Cc`; header cells only.
        let list = unsafe { ptr.as_ref() }.list();
        let in_range = self.candidates.contains_list(list);
        if !in_range && list != list_id::UNREACHABLE {
            return;
        }
        // SAFETY: candidates and tentatively unreachable objects are tracked: they have links.
        let links = unsafe { links_of(ptr) };
        // SAFETY: as above; see `move_unreachable` for the states a candidate can be in.
        unsafe {
            let word = (*links).prev.get();
            if GcRefs::is_active(word) {
                // Not walked yet: mark it; the walk traces it when it gets there.
                if in_range && !GcRefs::is_reachable(word) {
                    let refs = GcRefs::refs(word);
                    self.unresolved -= usize::from(refs == 0);
                    (*links).prev.set(GcRefs::encode(refs, true));
                }
            } else if list == list_id::UNREACHABLE {
                // Walked and moved out as tentatively unreachable, but reachable after all.
                self.rescue(ptr, links);
            }
            // Otherwise it was walked and kept, or rescued (`prev` is a pointer again, the list
            // id the survivors'): nothing to do.
        }
    }
}

/// Phase 2a: gc_refs = strong count, for every candidate of `young`. Returns how many start
/// at 0.
///
/// Only run on its own when the phase observer wants to see this state; otherwise
/// [`subtract_refs`] does it lazily.
///
/// # Safety
/// `young` is the working list of a collection, every node a candidate.
pub(crate) unsafe fn update_refs(young: &Links) -> usize {
    let mut zeros = 0;
    // SAFETY: caller.
    unsafe {
        for_each_node(young, |links| {
            let strong = strong_of(links);
            zeros += usize::from(strong == 0);
            (*links).prev.set(GcRefs::encode(strong, false));
        });
    }
    zeros
}

/// Phase 2b: subtract the references candidates hold to each other. Returns an upper bound on
/// the candidates left with gc_refs 0 (those counted by [`update_refs`] excluded, if it ran).
///
/// # Safety
/// As [`update_refs`].
pub(crate) unsafe fn subtract_refs(young: &Links, candidates: Candidates) -> usize {
    let mut visitor = SubtractRefs {
        candidates,
        current: std::ptr::null_mut(),
        zeros: 0,
    };
    let head = std::ptr::from_ref(young).cast_mut();
    let mut node = young.next.get();
    // The run functions walk the list up to `head` at most.
    // SAFETY: caller; every node is a live candidate whose value is intact.
    unsafe {
        while node != head {
            let header = header_of(node);
            node = (header.as_ref().vtable.subtract_run)(node, head, &mut visitor);
        }
    }
    visitor.zeros
}

/// The type of [`crate::header::VTable::subtract_run`].
pub(crate) type SubtractRunFn = unsafe fn(*mut Links, *mut Links, &mut SubtractRefs) -> *mut Links;

/// `subtract_refs` over the objects of one type that follow each other in the list from
/// `first`, with the type's `Trace` called directly (`L` is its layout): one indirect call per
/// run of objects of a type rather than one per object (a young generation is often a long run
/// of one type). Returns the first node after the run: `head`, or an object with another
/// vtable.
///
/// # Safety
/// During `subtract_refs`: `first` is a candidate of layout `L` in the list headed by `head`.
pub(crate) unsafe fn subtract_run<L: Traced>(
    first: *mut Links,
    head: *mut Links,
    visitor: &mut SubtractRefs,
) -> *mut Links {
    // `same_type_run` calls the closure only on objects whose vtable is `first`'s.
    // SAFETY: caller: `first`'s vtable belongs to `L`.
    unsafe { same_type_run(first, head, visitor, |header, v| L::trace(header, v)) }
}

/// The loop of [`subtract_run`]: `trace` each object from `first` on while its vtable is
/// `first`'s.
///
/// A vtable is one static table per type (`VTableFor`): two tables at one address have the
/// same contents, so the same `type_id` function, so the same type. (The converse may fail: a
/// type may have more than one copy of its table, which only ends a run early.)
///
/// # Safety
/// As [`subtract_run`]; `trace` traces an object of `first`'s type.
#[inline(always)]
unsafe fn same_type_run(
    first: *mut Links,
    head: *mut Links,
    visitor: &mut SubtractRefs,
    trace: impl Fn(NonNull<Header>, &mut SubtractRefs),
) -> *mut Links {
    // SAFETY: caller: `first` is an object's links.
    let vtable: *const crate::header::VTable = unsafe { header_of(first).as_ref() }.vtable;
    // A local copy, whose address nothing outside this function sees: its counts stay in
    // registers across the stores to the objects' words.
    let mut v = SubtractRefs { ..*visitor };
    let mut node = first;
    // The loop traces only the nodes whose vtable is `first`'s.
    // SAFETY: caller; every node before `head` is a live candidate (phase 2).
    unsafe {
        loop {
            scratch(node, &mut v.zeros);
            v.current = node;
            trace(header_of(node), &mut v);
            node = (*node).next.get();
            if node == head || !std::ptr::eq(header_of(node).as_ref().vtable, vtable) {
                break;
            }
        }
    }
    *visitor = v;
    node
}

/// What [`move_unreachable`] found.
#[derive(Default)]
pub(crate) struct Split {
    pub(crate) survivors: usize,
    pub(crate) unreachable: usize,
    /// Unreachable objects whose finalizer has yet to run.
    pub(crate) finalizable: usize,
    /// Unreachable objects with `Weak` handles (what the weak-clear hooks are given).
    pub(crate) weakly_referenced: usize,
}

/// Phase 3, in one walk over `young`: keep what is reachable, move the rest to
/// `unreachable`, restore every `prev` link, and relabel the survivors `survivor_list`.
///
/// As CPython's `move_unreachable`, the walk goes in list order. An object with gc_refs > 0
/// (referenced from outside), or marked by a reachable object, is reachable: it is traced, and
/// the candidates it points at are marked. An object with gc_refs == 0 that is not marked is moved
/// out tentatively. If a reachable object turns out to point at one that was moved out, it is
/// *rescued* where it is: relabelled `survivor_list` and traced right after the object that
/// found it (a stack, so nothing recurses), and the rescued objects leave `unreachable` for the
/// end of `young` when the walk is over, in the order they were moved out. CPython moves such an
/// object back to the end of the walk instead, which then follows the references' order rather
/// than the memory's: for a heap linked in random order that made every later walk a chain of
/// cache misses (440 ns per object against 5 in memory order).
///
/// A candidate is in one of four states: ahead of the walk (its `prev` holds a scratch word),
/// walked and kept (`prev` is a pointer again, list id relabelled), walked and moved out
/// (`prev` is a pointer, list id UNREACHABLE), or rescued (in `unreachable`, relabelled). The
/// visitor tells them apart by those two facts.
///
/// A reachable object is traced only to mark, or rescue, candidates left at gc_refs 0: those
/// with more are reachable whatever marks them. `zeros` bounds how many such candidates there
/// are; the visitor counts down as it marks or rescues one, and once none is left unresolved,
/// the rest of the walk traces nothing (every verdict is already settled: each remaining
/// candidate has gc_refs > 0 or a mark). A young collection whose candidates are all referenced
/// from outside then traces nothing at all in this phase.
///
/// # Safety
/// After [`subtract_refs`] over `young` with the same `candidates`; `unreachable` is an empty
/// initialised head; at most `zeros` candidates have gc_refs 0.
pub(crate) unsafe fn move_unreachable(
    young: &Links,
    unreachable: &Links,
    candidates: Candidates,
    survivor_list: u32,
    zeros: usize,
) -> Split {
    let head = std::ptr::from_ref(young).cast_mut();
    let mut walk = Walk {
        young,
        unreachable,
        head,
        last_kept: head,
        split: Split::default(),
        visitor: MarkReachable {
            candidates,
            moved_back: Split::default(),
            survivor_list,
            rescued: Vec::new(),
            unresolved: zeros,
        },
    };
    let mut node = young.next.get();
    // The walk follows `next`, which stays consistent: removals relink `last_kept.next`.
    // SAFETY: caller.
    unsafe {
        while node != head {
            if walk.visitor.unresolved == 0 {
                // Every candidate left has gc_refs > 0 or a mark: all are kept.
                let (last, kept) = keep_rest(node, head, walk.last_kept, survivor_list);
                walk.last_kept = last;
                walk.split.survivors += kept;
                break;
            }
            let header = header_of(node);
            node = (header.as_ref().vtable.mark_run)(node, &mut walk);
        }
    }
    let Walk {
        last_kept,
        mut split,
        visitor,
        ..
    } = walk;
    young.prev.set(last_kept);
    let rescued = visitor.moved_back.unreachable;
    if rescued > 0 {
        // The rescued are the nodes of `unreachable` labelled `survivor_list`.
        // SAFETY: both lists have real links now.
        unsafe { take_rescued(young, unreachable, survivor_list, rescued) };
    }
    split.survivors += rescued;
    split.unreachable -= rescued;
    split.finalizable -= visitor.moved_back.finalizable;
    split.weakly_referenced -= visitor.moved_back.weakly_referenced;
    split
}

/// The state of [`move_unreachable`]'s walk, which the per-type run functions carry on.
pub(crate) struct Walk<'a> {
    young: &'a Links,
    unreachable: &'a Links,
    /// `young` as a node pointer: where the walk ends.
    head: *mut Links,
    /// The last node kept in `young` so far (or the head).
    last_kept: *mut Links,
    split: Split,
    visitor: MarkReachable,
}

/// The type of [`crate::header::VTable::mark_run`].
pub(crate) type MarkRunFn = unsafe fn(*mut Links, &mut Walk<'_>) -> *mut Links;

/// [`move_unreachable`]'s walk over the objects of one type that follow each other from
/// `first`, with the type's `Trace` called directly (as [`subtract_run`]; `L` is its layout).
/// Returns the next node to walk: the head, an object of another vtable, or the next one once
/// no verdict is open.
///
/// # Safety
/// During [`move_unreachable`]: `first` is the next candidate to walk, of layout `L`, and some
/// candidate at gc_refs 0 is unresolved.
pub(crate) unsafe fn mark_run<L: Traced>(first: *mut Links, walk: &mut Walk<'_>) -> *mut Links {
    // SAFETY: caller; `walk_run` traces only objects with `first`'s vtable, so of layout `L`.
    unsafe { walk_run(first, walk, |header, v| L::trace(header, v)) }
}

/// The loop of [`mark_run`] (see [`same_type_run`] for why a vtable's address tells the type).
///
/// # Safety
/// As [`mark_run`]; `trace` traces an object of `first`'s type.
#[inline(always)]
unsafe fn walk_run(
    first: *mut Links,
    walk: &mut Walk<'_>,
    trace: impl Fn(NonNull<Header>, &mut MarkReachable),
) -> *mut Links {
    // SAFETY: caller: `first` is an object's links.
    let vtable: *const crate::header::VTable = unsafe { header_of(first).as_ref() }.vtable;
    let head = walk.head;
    let survivor_list = walk.visitor.survivor_list;
    let mut node = first;
    // The nodes walked are candidates ahead of the walk, in the states `move_unreachable`
    // describes, and `trace` is called only on those with `first`'s vtable.
    // SAFETY: caller.
    unsafe {
        loop {
            let next = (*node).next.get();
            let word = (*node).prev.get();
            if GcRefs::is_reachable(word) || GcRefs::refs(word) > 0 {
                // Reachable: so is everything it points at.
                let header = header_of(node);
                trace(header, &mut walk.visitor);
                (*node).prev.set(walk.last_kept);
                header.as_ref().set_list(survivor_list);
                walk.last_kept = node;
                walk.split.survivors += 1;
                if !walk.visitor.rescued.is_empty() {
                    trace_rescued(&mut walk.visitor);
                }
            } else {
                let last_kept = walk.last_kept;
                (*last_kept).next.set(next);
                if walk.young.prev.get() == node {
                    walk.young.prev.set(last_kept);
                }
                list::push_back(walk.unreachable, node);
                let h = header_of(node).as_ref();
                h.set_list(list_id::UNREACHABLE);
                let split = &mut walk.split;
                split.unreachable += 1;
                split.finalizable += usize::from(pending_finalizer(h));
                split.weakly_referenced += usize::from(h.weak_handles() > 0);
            }
            node = next;
            if node == head
                || walk.visitor.unresolved == 0
                || !std::ptr::eq(header_of(node).as_ref().vtable, vtable)
            {
                return node;
            }
        }
    }
}

/// The end of [`move_unreachable`] once no verdict is open: keep every node from `node` to
/// `head`, restoring `prev` and relabelling. Returns the last node kept and how many were.
///
/// # Safety
/// During [`move_unreachable`]: `node` and those after it up to `head` are candidates ahead of
/// the walk, and `last_kept` is the node (or head) before `node`.
#[inline(always)]
unsafe fn keep_rest(
    mut node: *mut Links,
    head: *mut Links,
    mut last_kept: *mut Links,
    survivor_list: u32,
) -> (*mut Links, usize) {
    let mut kept = 0;
    // SAFETY: caller.
    unsafe {
        while node != head {
            (*node).prev.set(last_kept);
            header_of(node).as_ref().set_list(survivor_list);
            last_kept = node;
            kept += 1;
            node = (*node).next.get();
        }
    }
    (last_kept, kept)
}

/// Trace the rescued objects waiting in the visitor, and those they rescue in turn.
///
/// # Safety
/// During [`move_unreachable`]; the waiting objects are live candidates it rescued.
#[cold]
#[inline(never)]
unsafe fn trace_rescued(visitor: &mut MarkReachable) {
    while let Some(rescued) = visitor.rescued.pop() {
        // SAFETY: caller.
        unsafe {
            let header = header_of(rescued);
            (header.as_ref().vtable.trace_mark)(header, visitor);
        }
    }
}

/// Move the `count` nodes of `unreachable` labelled `survivor_list` to the end of `young`, in
/// their order. Stops once all are found.
///
/// # Safety
/// Both are sound lists with real links; `unreachable` holds exactly `count` such nodes.
unsafe fn take_rescued(young: &Links, unreachable: &Links, survivor_list: u32, count: usize) {
    let head = std::ptr::from_ref(unreachable).cast_mut();
    let mut left = count;
    let mut node = unreachable.next.get();
    // SAFETY: caller; `next` is read before the node moves.
    unsafe {
        while left > 0 && node != head {
            let next = (*node).next.get();
            if header_of(node).as_ref().list() == survivor_list {
                list::unlink(node);
                list::push_back(young, node);
                left -= 1;
            }
            node = next;
        }
    }
    debug_assert_eq!(left, 0, "rescued objects missing from the unreachable list");
}

/// Whether the object has a finalizer that has not run yet.
#[inline(always)]
fn pending_finalizer(h: &Header) -> bool {
    h.vtable.finalize.is_some() && !h.has(crate::header::FINALIZED)
}

/// After a panic in phases 2-3: make `young` a sound list again, holding every candidate
/// (those moved to `unreachable` included), all relabelled `survivor_list`.
///
/// # Safety
/// `young`'s `next` chain is intact (it always is between two steps of the passes), and
/// `unreachable` is a sound list.
unsafe fn restore_after_panic(young: &Links, unreachable: &Links, survivor_list: u32) {
    let head = std::ptr::from_ref(young).cast_mut();
    let mut last = head;
    // SAFETY: caller; every node is rebuilt as it is passed.
    unsafe {
        for_each_node(young, |node| {
            (*node).prev.set(last);
            header_of(node).as_ref().set_list(survivor_list);
            last = node;
        });
        young.prev.set(last);
        for_each_node(unreachable, |node| {
            header_of(node).as_ref().set_list(survivor_list)
        });
        list::splice_back(young, unreachable);
    }
}

/// Trial deletion over `young`: phases 2 to 4. Returns the split, or the panic of a `Trace`
/// impl (then every candidate was kept and relabelled `survivor_list`).
///
/// # Safety
/// `young` is a working list of candidates (every node's list id within `candidates`),
/// `unreachable` an empty initialised head.
unsafe fn deduce_unreachable(
    young: &Links,
    unreachable: &Links,
    candidates: Candidates,
    survivor_list: u32,
    observe: &mut crate::observer::Recorder,
) -> Result<Split, Box<dyn Any + Send>> {
    // SAFETY: caller.
    unsafe {
        deduce_unreachable_with(
            young,
            unreachable,
            candidates,
            survivor_list,
            observe,
            subtract_refs,
        )
    }
}

/// [`deduce_unreachable`] with the given phase 2b.
///
/// # Safety
/// As [`deduce_unreachable`]; `subtract` does what [`subtract_refs`] does for `candidates`,
/// and returns a bound as it does.
unsafe fn deduce_unreachable_with(
    young: &Links,
    unreachable: &Links,
    candidates: Candidates,
    survivor_list: u32,
    observe: &mut crate::observer::Recorder,
    subtract: unsafe fn(&Links, Candidates) -> usize,
) -> Result<Split, Box<dyn Any + Send>> {
    let passes = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: caller.
        unsafe {
            let mut zeros = 0;
            if observe.active() {
                zeros = update_refs(young);
                observe.trial(crate::observer::Step::UpdateRefs, young, candidates);
            }
            zeros += subtract(young, candidates);
            observe.trial(crate::observer::Step::SubtractRefs, young, candidates);
            move_unreachable(young, unreachable, candidates, survivor_list, zeros)
        }
    }));
    if passes.is_err() {
        // SAFETY: caller; a panic can only come from `trace`, between two steps of a pass.
        unsafe { restore_after_panic(young, unreachable, survivor_list) };
    }
    passes
}

/// Phase 4: no weak reference to an unreachable object upgrades from now on. With `hooks`,
/// returns handles to the objects that had weak references, for the
/// [`weak_callbacks`](crate::weak_callbacks) hooks; otherwise an empty vector.
///
/// The caller runs the hooks after this returns: no user code runs during the walk.
pub(crate) fn handle_weakrefs(unreachable: &Links, hooks: bool) -> Vec<introspect::AnyCc> {
    let mut weakly_referenced = Vec::new();
    // Adding a strong reference to a node (the handle) unlinks nothing.
    // SAFETY: nodes of the unreachable list are live tracked objects.
    unsafe {
        for_each_node(unreachable, |node| {
            let header = header_of(node);
            let h = header.as_ref();
            h.set(WEAK_CLEARED);
            if hooks && h.weak_handles() > 0 {
                weakly_referenced.push(introspect::AnyCc::from_header(header));
            }
        })
    };
    weakly_referenced
}

/// Phase 5: run every finalizer not yet run, each object held alive during its own call.
///
/// Finalizers may drop references, so objects of the set can die by reference count here (they
/// unlink themselves); each object is moved to a `done` list before its finalizer runs, so the
/// walk never steps on a node that went away.
pub(crate) fn finalize_garbage(unreachable: &Links, panics: &mut PanicSlot) -> usize {
    let done = Links::dangling();
    list::init(&done);
    let mut ran = 0;
    while !list::is_empty(unreachable) {
        let node = unreachable.next.get();
        // SAFETY: `node` is in `unreachable` (valid links); moving it keeps both lists sound.
        unsafe {
            list::unlink(node);
            list::push_back(&done, node);
        }
        // SAFETY: a live object of the set.
        let header = unsafe { header_of(node) };
        // SAFETY: as above.
        let h = unsafe { header.as_ref() };
        if let Some(finalize) = h.vtable.finalize {
            if !h.has(crate::header::FINALIZED) {
                h.set(crate::header::FINALIZED);
                h.inc_strong();
                ran += 1;
                // SAFETY: intact object; the shim takes over the strong reference just added.
                let result = catch_unwind(AssertUnwindSafe(|| unsafe { finalize(header) }));
                if let Err(panic) = result {
                    panics.record(panic);
                }
            }
        }
    }
    // SAFETY: distinct initialised heads.
    unsafe { list::splice_back(unreachable, &done) };
    ran
}

/// Phase 6: trial deletion over the unreachable set; what is referenced from outside now was
/// resurrected by a finalizer and survives, with everything it reaches, as `survivor_list`.
///
/// Returns the number resurrected.
pub(crate) fn handle_resurrected_objects(
    heap: &Heap,
    unreachable: &Links,
    survivor_list: u32,
    panics: &mut PanicSlot,
    observe: &mut crate::observer::Recorder,
) -> usize {
    let still = Links::dangling();
    list::init(&still);
    // SAFETY: every node of `unreachable` has list id UNREACHABLE, and nothing else does.
    let verdict = unsafe {
        deduce_unreachable(
            unreachable,
            &still,
            Candidates::unreachable(),
            survivor_list,
            observe,
        )
    };
    let resurrected = match verdict {
        Ok(split) => split.survivors,
        Err(panic) => {
            panics.record(panic);
            list::len(unreachable)
        }
    };
    heap.sub_len(list_id::UNREACHABLE, resurrected);
    heap.add_len(survivor_list, resurrected);
    // SAFETY: distinct initialised heads with valid links.
    unsafe {
        list::splice_back(heap.head(survivor_list), unreachable);
        list::splice_back(unreachable, &still);
    }
    resurrected
}

/// Phase 7: tear the set down. Every object is marked dead (so handles to it stop
/// dereferencing, and weak references to it stop upgrading) before any value is dropped; then,
/// object by object in list order, the value is dropped and the collector's reference given
/// back, which frees the memory once no handle remains (a value not yet dropped still holds its
/// references, so nothing it points at is freed under it).
pub(crate) fn delete_garbage(heap: &Heap, unreachable: &Links, panics: &mut PanicSlot) -> usize {
    let mut n = 0;
    // The collector holds one strong reference to each from here on, so none can be freed
    // while the list is walked.
    // SAFETY: nodes are live objects of the set.
    unsafe {
        for_each_node(unreachable, |node| {
            let h = header_of(node).as_ref();
            h.inc_strong();
            h.set(DEAD | WEAK_CLEARED);
            h.set_list(list_id::NONE);
            n += 1;
        });
    }
    heap.sub_len(list_id::UNREACHABLE, n);
    while !list::is_empty(unreachable) {
        let node = unreachable.next.get();
        // DEAD objects are never unlinked by anyone else, so the list stays intact while user
        // `Drop` code runs; each value is dropped exactly once, here.
        // SAFETY: a node of the list, held by us; we unlink it, then give back our reference.
        unsafe {
            let header = header_of(node);
            let drop_value = header.as_ref().vtable.drop_value;
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| drop_value(header))) {
                panics.record(panic);
            }
            list::unlink(node);
            let h = header.as_ref();
            let strong = h.strong.get() - 1;
            h.strong.set(strong);
            if strong == 0 {
                heap::release(header);
            }
        }
    }
    n
}

/// Run a finalizer (of either heap). A finalizer that panics while its thread is already
/// unwinding (an object dying by reference count during another panic's unwinding) would abort
/// the process; CPython never propagates from `__del__` either. So then the panic is caught and
/// reported as a `tracing` error event (target `gc_core`) instead. Otherwise it propagates as
/// before: out of the drop that started it, or caught and re-raised by a collection.
pub(crate) fn run_finalizer(type_name: &'static str, finalize: impl FnOnce()) {
    if !std::thread::panicking() {
        finalize();
        return;
    }
    if catch_unwind(AssertUnwindSafe(finalize)).is_err() {
        tracing::error!(
            target: "gc_core",
            type_name,
            "the finalizer of {type_name} panicked while its thread was already panicking; \
             the panic was caught and dropped"
        );
    }
}

/// The first panic raised by user code during a collection, re-raised at its end.
#[derive(Default)]
pub(crate) struct PanicSlot(Option<Box<dyn Any + Send>>);

impl PanicSlot {
    pub(crate) fn record(&mut self, panic: Box<dyn Any + Send>) {
        if self.0.is_none() {
            self.0 = Some(panic);
        }
    }

    /// Re-raise the first recorded panic, if any.
    pub(crate) fn resume(self) {
        if let Some(panic) = self.0 {
            resume_unwind(panic);
        }
    }
}

/// Clears the `collecting` flag however the collection ends.
struct CollectingGuard<'a>(&'a Heap);

impl Drop for CollectingGuard<'_> {
    fn drop(&mut self) {
        self.0.collecting.set(false);
    }
}

/// The list id that survivors of a collection of `generation` move to.
fn promotion_target(generation: usize) -> u32 {
    [list_id::GEN1, list_id::PENDING, list_id::OLD][generation]
}

/// The automatic policy, run by a tracked allocation when generation 0's count is over its
/// limit: collect the oldest generation that is due (younger ones included).
pub(crate) fn collect_automatic() {
    enum Due {
        Collection(usize),
        Slice,
    }
    let due = heap::with(|heap| {
        if heap.collecting.get() {
            return None;
        }
        if heap.safe_points.get() {
            // The host runs it at its next safe point; until then allocations skip the check.
            heap.scheduled.set(true);
            heap.update_auto_limit(false);
            return None;
        }
        match heap.automatic_choice() {
            Some(generation) => Some(Due::Collection(generation)),
            None if crate::incremental::slice_due(heap) => Some(Due::Slice),
            None => {
                heap.update_auto_limit(false);
                None
            }
        }
    });
    match due {
        Some(Due::Collection(generation)) => {
            collect_main(generation, false);
        }
        Some(Due::Slice) => heap::with(|heap| {
            crate::incremental::automatic_slice(heap);
            heap.update_auto_limit(false);
        }),
        None => {}
    }
}

/// Check a list in debug builds: every node's neighbours point back at it, every object's list
/// id satisfies `id_ok`, and the list holds `expected` nodes (if given). Returns the length.
/// Release builds do nothing and return `expected` (or 0).
///
/// Only valid while `prev` links are real (outside the trial-deletion passes).
#[inline]
fn validate_list(head: &Links, what: &str, id_ok: impl Fn(u32) -> bool, expected: Option<usize>) {
    if !cfg!(debug_assertions) {
        return;
    }
    let head_ptr = std::ptr::from_ref(head).cast_mut();
    let mut n = 0;
    let mut node = head.next.get();
    // The list invariant is checked as it goes: a broken link is reported before it is used
    // to step further.
    // SAFETY: `head` is an initialised list whose nodes are live objects' links.
    unsafe {
        let mut prev = head_ptr;
        while node != head_ptr {
            assert_eq!(
                (*node).prev.get(),
                prev,
                "gc-core invariant broken ({what}): node {n}'s prev link does not point back"
            );
            let id = header_of(node).as_ref().list();
            assert!(
                id_ok(id),
                "gc-core invariant broken ({what}): node {n} has list id {id}"
            );
            prev = node;
            node = (*node).next.get();
            n += 1;
        }
        assert_eq!(
            head.prev.get(),
            prev,
            "gc-core invariant broken ({what}): tail link"
        );
    }
    if let Some(expected) = expected {
        assert_eq!(n, expected, "gc-core invariant broken ({what}): length");
    }
}

/// Run one collection of `generation` (0, 1 or 2, younger generations included). Returns the
/// number of unreachable objects disposed of; 0 without doing anything if a collection is
/// already running on this thread.
pub(crate) fn collect_main(generation: usize, manual: bool) -> usize {
    heap::with(|heap| {
        if heap.collecting.get() {
            return 0;
        }
        if generation == 2 {
            // A full collection examines everything at once: the incremental cycle in
            // progress, if any, is abandoned and its objects go back to generation 2.
            crate::incremental::abort(heap);
        }
        heap.collecting.set(true);
        let guard = CollectingGuard(heap);
        let start = Instant::now();
        let mut panics = PanicSlot::default();
        introspect::run_callbacks(introspect::Phase::Start, generation, None, &mut panics);
        let span = tracing::debug_span!(
            target: "gc_core",
            "collect",
            generation,
            candidates = tracing::field::Empty,
            collected = tracing::field::Empty,
            duration_us = tracing::field::Empty,
        );
        let entered = span.enter();
        if heap.debug.get() & introspect::DebugFlags::STATS.bits() != 0 {
            tracing::info!(
                target: "gc_core",
                generation,
                gen0 = heap.generation_len(0),
                gen1 = heap.generation_len(1),
                gen2 = heap.generation_len(2),
                permanent = heap.len(list_id::PERMANENT),
                "collecting generation {generation}"
            );
        }

        // 1. Merge the generations being collected into one working list.
        let young = Links::dangling();
        list::init(&young);
        for g in 0..=generation {
            // SAFETY: distinct initialised heads with valid links.
            unsafe { list::splice_back(&young, heap.head(g as u32)) };
        }
        let candidates = Candidates::generation(generation);
        let mut candidate_count = 0;
        for id in candidates.lo..=candidates.hi {
            candidate_count += heap.len(id);
            heap.lens[id as usize].set(0);
        }
        validate_list(
            &young,
            "merged generations",
            |id| (candidates.lo..=candidates.hi).contains(&id),
            Some(candidate_count),
        );
        // With the incremental mode on, automatic young collections promote straight into
        // generation 2 (see `Heap::incremental_choice`).
        let target = if !manual && generation == 0 && heap.incremental.budget().is_some() {
            list_id::PENDING
        } else {
            promotion_target(generation)
        };
        let mut observe = crate::observer::Recorder::new(generation);

        // 2-3. Trial deletion.
        let unreachable = Links::dangling();
        list::init(&unreachable);
        let verdict = {
            // SAFETY: `young` holds exactly the objects whose list id is within `candidates`.
            unsafe { deduce_unreachable(&young, &unreachable, candidates, target, &mut observe) }
        };
        let verdict_ok = verdict.is_ok();
        let split = match verdict {
            Ok(split) => split,
            Err(panic) => {
                panics.record(panic);
                Split {
                    survivors: candidate_count,
                    ..Split::default()
                }
            }
        };
        heap.add_len(target, split.survivors);
        heap.add_len(list_id::UNREACHABLE, split.unreachable);
        if verdict_ok {
            validate_list(
                &young,
                "survivors",
                |id| id == target,
                Some(split.survivors),
            );
        }
        validate_list(
            &unreachable,
            "unreachable",
            |id| id == list_id::UNREACHABLE,
            Some(split.unreachable),
        );
        observe.after_split();
        // Promote the survivors.
        // SAFETY: distinct initialised heads with valid links.
        unsafe { list::splice_back(heap.head(target), &young) };
        observe.flush();

        // 4-7. Dispose of the unreachable set.
        let collected = if split.unreachable > 0 {
            dispose_unreachable(
                heap,
                &unreachable,
                &split,
                target,
                &mut panics,
                &mut observe,
            )
        } else {
            0
        };
        observe.report(crate::observer::Step::Promote);
        if let Some(panic) = observe.take_panic() {
            panics.record(panic);
        }

        // Counts: this generation and the younger ones start over; the next older one counts
        // one more collection of its younger neighbour.
        if generation < 2 {
            let c = &heap.counts[generation + 1];
            c.set(c.get() + 1);
        }
        for c in &heap.counts[..=generation] {
            c.set(0);
        }
        let duration = start.elapsed();
        let backed_off = !manual && heap.back_off(candidate_count, collected);
        record_stats(
            heap,
            generation,
            candidate_count,
            collected,
            duration,
            backed_off,
        );
        heap.update_auto_limit(manual);
        span.record("candidates", candidate_count);
        span.record("collected", collected);
        span.record("duration_us", duration.as_micros() as u64);
        if heap.debug.get() & introspect::DebugFlags::STATS.bits() != 0 {
            tracing::info!(
                target: "gc_core",
                generation,
                collected,
                uncollectable = 0,
                elapsed_s = duration.as_secs_f64(),
                "done, {collected} unreachable, 0 uncollectable, {:.4}s elapsed",
                duration.as_secs_f64()
            );
        }
        if !manual {
            // One slice of the incremental cycle in progress (or requested), inside this
            // collection's pause and its callbacks.
            let slice = catch_unwind(AssertUnwindSafe(|| {
                crate::incremental::after_automatic_collection(heap)
            }));
            if let Err(panic) = slice {
                panics.record(panic);
            }
            // The slice may have ended the cycle, which changes when the next one is due.
            heap.update_auto_limit(manual);
        }
        drop(entered);
        let info = introspect::CollectInfo {
            generation,
            collected: collected as u64,
            uncollectable: 0,
            candidates: candidate_count as u64,
            duration,
        };
        drop(guard);
        introspect::run_callbacks(
            introspect::Phase::Stop,
            generation,
            Some(&info),
            &mut panics,
        );
        if let Some(panic) = panics.0 {
            resume_unwind(panic);
        }
        collected
    })
}

/// Phases 4-7 over a non-empty unreachable set: clear weak references (and run the weak-clear
/// hooks), run finalizers, keep what they resurrected (as `target`), then tear down the rest,
/// or keep it in `garbage()` under `SAVEALL`. Returns the number disposed of.
fn dispose_unreachable(
    heap: &Heap,
    unreachable: &Links,
    split: &Split,
    target: u32,
    panics: &mut PanicSlot,
    observe: &mut crate::observer::Recorder,
) -> usize {
    // Weak references are cleared before any user code sees the set. Without finalizers
    // to run (and without SAVEALL, an observer, or weak-clear hooks with weakly
    // referenced garbage to see), `delete_garbage` does it in its first walk, before any
    // value is dropped, which saves a walk.
    let save_all = heap.debug.get() & introspect::DebugFlags::SAVEALL.bits() != 0;
    // The hooks need a walk of their own only when some garbage had weak references.
    let hooks = split.weakly_referenced > 0 && weak_callbacks::registered();
    // Whether user code (a weak-clear hook or a finalizer) saw the set, and so may have
    // resurrected part of it.
    let mut user_code_ran = false;
    if split.finalizable > 0 || save_all || observe.active() || hooks {
        let weakly_referenced = handle_weakrefs(unreachable, hooks);
        validate_unreachable(heap, unreachable, "after clearing weak references");
        observe.report(crate::observer::Step::ClearWeakrefs);
        if !weakly_referenced.is_empty() {
            weak_callbacks::run(&weakly_referenced, panics);
            // Dropping the handles may free objects the hooks cut loose; they unlink
            // themselves from `unreachable`, as when a finalizer does it.
            drop(weakly_referenced);
            user_code_ran = true;
        }
    }
    if split.finalizable > 0 && finalize_garbage(unreachable, panics) > 0 {
        validate_unreachable(heap, unreachable, "after finalizers");
        observe.report(crate::observer::Step::Finalize);
        user_code_ran = true;
    }
    if user_code_ran {
        handle_resurrected_objects(heap, unreachable, target, panics, observe);
        validate_unreachable(heap, unreachable, "after resurrection");
        observe.report(crate::observer::Step::HandleResurrected);
    }
    introspect::log_collectable(heap, unreachable);
    let collected = if save_all {
        introspect::save_garbage(heap, unreachable, target)
    } else {
        delete_garbage(heap, unreachable, panics)
    };
    observe.report(crate::observer::Step::DeleteGarbage);
    collected
}

/// [`crate::incremental::subtract_batch`], which does not count the members it leaves at
/// gc_refs 0: the bound is then "any number", and `move_unreachable` traces every reachable
/// member.
///
/// # Safety
/// As `subtract_batch`.
unsafe fn subtract_batch_unbounded(batch: &Links, candidates: Candidates) -> usize {
    // SAFETY: caller.
    unsafe { crate::incremental::subtract_batch(batch, candidates) };
    usize::MAX
}

/// Trial deletion over an incremental batch (see `incremental.rs`), then the teardown of what
/// it finds: phases 2 to 7 of a collection, with no user code between the start of phase 2 and
/// the end of phase 3. Survivors stay in `batch` with real links, labelled SCAN and counted in
/// `lens` again. Returns the number of objects disposed of; the first panic of user code is
/// recorded in `panics` (the teardown goes on).
///
/// # Safety
/// `batch` holds `size` objects, exactly the live SCAN objects whose `prev` holds a scratch
/// word, each started at its strong count; `size` is not counted in `lens`.
pub(crate) unsafe fn collect_batch(
    heap: &Heap,
    batch: &Links,
    size: usize,
    panics: &mut PanicSlot,
) -> usize {
    let mut observe = crate::observer::Recorder::inactive();
    let unreachable = Links::dangling();
    list::init(&unreachable);
    // SAFETY: caller.
    let verdict = unsafe {
        deduce_unreachable_with(
            batch,
            &unreachable,
            Candidates::batch(),
            list_id::SCAN,
            &mut observe,
            subtract_batch_unbounded,
        )
    };
    let split = match verdict {
        Ok(split) => split,
        Err(panic) => {
            panics.record(panic);
            Split {
                survivors: size,
                ..Split::default()
            }
        }
    };
    heap.add_len(list_id::SCAN, split.survivors);
    heap.add_len(list_id::UNREACHABLE, split.unreachable);
    validate_list(batch, "batch survivors", |id| id == list_id::SCAN, None);
    validate_unreachable(heap, &unreachable, "batch unreachable");
    if split.unreachable > 0 {
        dispose_unreachable(
            heap,
            &unreachable,
            &split,
            list_id::SCAN,
            panics,
            &mut observe,
        )
    } else {
        0
    }
}

/// [`validate_list`] over the unreachable set, whose length the heap counts exactly.
fn validate_unreachable(heap: &Heap, unreachable: &Links, what: &str) {
    validate_list(
        unreachable,
        what,
        |id| id == list_id::UNREACHABLE,
        Some(heap.len(list_id::UNREACHABLE)),
    );
}

fn record_stats(
    heap: &Heap,
    generation: usize,
    candidates: usize,
    collected: usize,
    duration: Duration,
    backed_off: bool,
) {
    let cell = &heap.stats[generation];
    let mut stats = cell.get();
    stats.backoffs += u64::from(backed_off);
    stats.collections += 1;
    stats.collected += collected as u64;
    stats.candidates += candidates as u64;
    stats.duration += duration;
    cell.set(stats);
}
