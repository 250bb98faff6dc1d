//! Incremental collection of the oldest generation: a full collection done in slices, each
//! bounded by a work budget, interleaved with the program ([`crate::set_incremental`]).
//!
//! A cycle over generation 2 has three phases, each a function named after it and each run a
//! slice at a time:
//!
//! 1. [`init_slice`], then [`scan_slice`]: generation 2 at the start of the cycle becomes the
//!    `scanned` list (in O(1)); a first walk gives each object a gc_refs scratch word in `prev`
//!    (its strong count) and the list id `SCAN`, a second traces each once, lowering the word of
//!    every scanned object it references (CPython's `update_refs` and `subtract_refs`, spread
//!    over many slices). Both walk the list in place, with a cursor.
//! 2. [`mark_slice`]: one walk in list order, as `move_unreachable`: an object with gc_refs > 0
//!    or marked is kept (back into generation 2, relabelled `OLD`) and marks what it points at;
//!    the rest is moved to `tentative`, and back to `scanned` if something kept later points at
//!    it.
//! 3. [`verify_slice`]: the tentative objects are verified in batches. A batch is the forward
//!    closure of one tentative object over the tentative (and retry) objects, and it gets a
//!    complete trial deletion of its own, done atomically inside the slice, with the teardown
//!    of what it finds ([`crate::collect::collect_batch`]). Survivors wait in `retry`; a pass
//!    that freed something is followed by another pass over `retry`. Then [`finish_slice`]
//!    returns the survivors to generation 2, a budget at a time.
//!
//! # Why it is sound
//!
//! Nothing is freed by phases 1 and 2: their counts are hints, computed while the program
//! mutates the heap between slices, so they may be wrong for live objects. Every object is
//! freed by phase 3's trial deletion over a batch, which runs with no user code in between
//! (as a stop-the-world collection does) over exact strong counts, and trial deletion over any
//! subset of the heap is sound: a reference from outside the subset counts as external.
//!
//! Between slices, objects labelled `SCAN` have scratch words in `prev` (in `scanned`) or sit
//! in lists the collector owns. The program never unlinks them: when the last strong reference
//! to one goes, the object is "buried" ([`bury`]): its value is dropped as usual, but it stays
//! in its list, marked DEAD, and the collector holds one weak share of its memory, so every
//! list walk stays on allocated memory; the walk that meets it unlinks it and gives the share
//! back ([`release_buried`]).
//!
//! # Why it is complete
//!
//! Garbage at the start of a cycle is never touched by the program again: no handle reaches it,
//! so no strong count or edge of it changes (a `Weak::upgrade` would make it live, which is
//! allowed to spoil completeness, not soundness). So for a garbage set closed under incoming
//! references that lies in generation 2 when the cycle starts, phase 1 computes exact gc_refs
//! of 0, phase 2 never marks any member (its first marked member would need a marked
//! referrer, which would be a member), and phase 3 frees it: a pass that frees nothing leaves
//! no such garbage, because a source strongly connected component of what remains lies wholly
//! in the batch of any of its members, with no live referrer outside it. DESIGN.md has the
//! argument at length, and the bounds on the number of slices.

use std::cell::Cell;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::ptr::NonNull;
use std::time::{Duration, Instant};

use crate::cc::Cc;
use crate::collect::PanicSlot;
use crate::header::{header_of, links_of, list_id, GcRefs, Header, Links, Traced, DEAD};
use crate::heap::Heap;
use crate::list;
use crate::trace::{Sealed, Visitor};

/// Statistics of the incremental mode on this thread ([`crate::get_incremental_stats`]).
///
/// ```
/// let stats = gc_core::get_incremental_stats();
/// assert!(!stats.in_progress);
/// let _ = (stats.cycles, stats.slices, stats.last_cycle_slices, stats.longest_slice);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IncrementalStats {
    /// Cycles (incremental collections of generation 2) completed.
    pub cycles: u64,
    /// Cycles abandoned before their end: by a full collection, `freeze`, the introspection
    /// functions, or turning the mode off. Nothing was freed by them that was not garbage, and
    /// what they had not finished is left to the next collection.
    pub aborted: u64,
    /// Slices run, in total.
    pub slices: u64,
    /// Slices the last completed cycle took, from its start to its end.
    pub last_cycle_slices: u64,
    /// Slices the cycle in progress has taken so far (0 when none is).
    pub current_cycle_slices: u64,
    /// Objects freed by incremental cycles.
    pub collected: u64,
    /// Units of work done, in total: one per object a walk passes or traces (phase 1a's
    /// labelling, phase 1b's and phase 2's traces, two per member of a verified batch, one per
    /// survivor returned at the end).
    pub work: u64,
    /// Time spent in slices, in total.
    pub duration: Duration,
    /// The longest slice.
    pub longest_slice: Duration,
    /// Whether a cycle is in progress.
    pub in_progress: bool,
}

/// The phase of the cycle in progress.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    Idle,
    /// Phase 1a: give every object a scratch word.
    Init,
    /// Phase 1b: trace every object, lowering the words of those it references.
    Scan,
    Mark,
    Verify,
    /// The survivors of the verification go back to generation 2, a budget at a time.
    Finish,
}

/// The incremental collector's state, part of the thread's heap.
pub(crate) struct Incremental {
    /// Work budget per slice (units of work, see `IncrementalStats::work`); 0 when off.
    budget: Cell<usize>,
    phase: Cell<Phase>,
    /// A cycle should start at the next automatic collection.
    start_requested: Cell<bool>,
    /// The mode was turned off during a collection: abandon the cycle at the next automatic one.
    off_requested: Cell<bool>,
    /// Phases 1-2: generation 2 as it was when the cycle started. Behind the cursor of phase
    /// 1a (and everywhere after it): label SCAN, scratch `prev`; ahead of it: labels OLD /
    /// PENDING, real links. The `next` chain and the head's `prev` (the tail) are always real.
    scanned: Links,
    /// Phase 1: the last node of `scanned` the current walk has passed (or its head).
    cursor: Cell<*mut Links>,
    /// Tracked allocations between two slices while a cycle runs (see [`pace`]).
    interval: Cell<usize>,
    /// Phases 2-3: objects that looked unreachable (label SCAN, real links).
    tentative: Links,
    /// Phase 3: survivors of their batch in this pass (label SCAN, real links).
    retry: Links,
    /// Objects freed in the current pass of phase 3.
    pass_freed: Cell<usize>,
    /// Phases 1b-2: an upper bound on the objects of the cycle left at gc_refs 0 and not yet
    /// marked (in `scanned` or `tentative`). Phase 1b counts each word it lowers to 0; phase 2
    /// counts down as it marks or rescues one. While it is above 0, phase 2 traces what it
    /// keeps; at 0, every verdict left is "kept" and tracing would mark nothing, so phase 2
    /// stops tracing (as `collect::move_unreachable`'s `keep_rest`). Only a hint, like every
    /// count of phases 1-2: if it were too low, a live object would go to `tentative` and
    /// survive its batch's trial deletion in phase 3.
    zeros: Cell<usize>,
    stats: Cell<IncrementalStats>,
}

impl Incremental {
    pub(crate) const fn new() -> Incremental {
        Incremental {
            budget: Cell::new(0),
            phase: Cell::new(Phase::Idle),
            start_requested: Cell::new(false),
            off_requested: Cell::new(false),
            scanned: Links::dangling(),
            cursor: Cell::new(std::ptr::null_mut()),
            interval: Cell::new(usize::MAX),
            tentative: Links::dangling(),
            retry: Links::dangling(),
            pass_freed: Cell::new(0),
            zeros: Cell::new(0),
            stats: Cell::new(IncrementalStats {
                cycles: 0,
                aborted: 0,
                slices: 0,
                last_cycle_slices: 0,
                current_cycle_slices: 0,
                collected: 0,
                work: 0,
                duration: Duration::ZERO,
                longest_slice: Duration::ZERO,
                in_progress: false,
            }),
        }
    }

    /// The head that objects resurrected during a batch's teardown go to (label SCAN).
    pub(crate) fn retry_head(&self) -> &Links {
        list::init(&self.retry);
        &self.retry
    }

    /// Whether a cycle is in progress.
    pub(crate) fn active(&self) -> bool {
        self.phase.get() != Phase::Idle
    }

    /// The budget, if the mode is on.
    pub(crate) fn budget(&self) -> Option<usize> {
        let b = self.budget.get();
        (b > 0).then_some(b)
    }

    pub(crate) fn stats(&self) -> IncrementalStats {
        let mut s = self.stats.get();
        s.in_progress = self.active();
        s
    }

    fn update_stats(&self, f: impl FnOnce(&mut IncrementalStats)) {
        let mut s = self.stats.get();
        f(&mut s);
        self.stats.set(s);
    }

    fn heads(&self) {
        for head in [&self.scanned, &self.tentative, &self.retry] {
            list::init(head);
        }
    }
}

/// Turn the mode on with `budget` objects per slice, or off (`None` or `Some(0)`), abandoning
/// the cycle in progress.
pub(crate) fn set_budget(heap: &Heap, budget: Option<usize>) {
    let budget = budget.unwrap_or(0);
    heap.incremental.budget.set(budget);
    pace(heap);
    heap.update_auto_limit(false);
    if budget == 0 {
        heap.incremental.start_requested.set(false);
        if heap.collecting.get() {
            heap.incremental.off_requested.set(true);
        } else {
            abandon(heap);
        }
    }
}

/// Ask for a cycle to start at the next automatic collection (the policy found generation 2
/// due). Returns false when the mode is off or a cycle is already running.
pub(crate) fn request_start(heap: &Heap) -> bool {
    let inc = &heap.incremental;
    if inc.budget().is_none() || inc.active() {
        return false;
    }
    inc.start_requested.set(true);
    true
}

/// Run one slice after an automatic young collection, if a cycle is running or was requested.
/// Called with `collecting` set, after the young collection's teardown.
pub(crate) fn after_automatic_collection(heap: &Heap) {
    let inc = &heap.incremental;
    if inc.start_requested.replace(false) && !inc.active() {
        start_cycle(heap);
    }
    if inc.off_requested.replace(false) {
        // Turned off from inside a collection, where the cycle could not be abandoned.
        abandon(heap);
    }
    if inc.active() {
        // A cycle started by `collect_slice` while the mode is off advances only by hand.
        if let Some(budget) = inc.budget() {
            run_slice(heap, budget);
        }
    }
}

/// Run one slice now (starting a cycle if none is running), as [`crate::collect_slice`] does.
/// Returns whether a cycle is still in progress. Called with `collecting` set.
pub(crate) fn manual_slice(heap: &Heap, budget: usize) -> bool {
    if !heap.incremental.active() {
        start_cycle(heap);
    }
    run_slice(heap, budget.max(1));
    heap.incremental.active()
}

/// Start a cycle: generation 2 becomes the set to scan. O(1).
fn start_cycle(heap: &Heap) {
    let inc = &heap.incremental;
    inc.heads();
    debug_assert!(list::is_empty(&inc.scanned) && list::is_empty(&inc.tentative));
    debug_assert!(list::is_empty(&inc.retry));
    // SAFETY: distinct initialised heads with real links.
    unsafe { list::splice_back(&inc.scanned, heap.head(list_id::OLD)) };
    inc.cursor.set(std::ptr::from_ref(&inc.scanned).cast_mut());
    inc.pass_freed.set(0);
    inc.zeros.set(0);
    inc.phase.set(Phase::Init);
    pace(heap);
    // Generation 2 starts counting towards its next collection now, as after a full one.
    heap.counts[2].set(0);
    inc.update_stats(|s| s.current_cycle_slices = 0);
}

/// Set the number of tracked allocations between two slices. A cycle over `n` objects does
/// about `3n` units of work (two walks that trace, one that does not, and the verification of
/// what looks unreachable), in slices of `budget`; a slice every `budget / 24` allocations
/// finishes it within about `n / 8` allocations, well before the long-lived rule could make
/// generation 2 due again (a quarter of `n` promoted), so garbage waits little longer than
/// under stop-the-world collections while the pauses stay bounded by the budget. Measured with
/// gc-bench's `incremental_mode churn` on a 1,000,000-object heap: peak memory 1.45x the
/// stop-the-world mode's at `budget / 6`, 1.11-1.12x at `budget / 12`, 1.04x at `budget / 24`,
/// for the same total collector time within noise (1.15-1.20x).
fn pace(heap: &Heap) {
    let inc = &heap.incremental;
    let budget = inc.budget().unwrap_or(usize::MAX);
    inc.interval.set((budget / 24).max(32));
}

/// Whether the automatic policy runs slices: a cycle is in progress and the mode is on.
pub(crate) fn slice_due(heap: &Heap) -> bool {
    let inc = &heap.incremental;
    inc.active() && inc.budget().is_some()
}

/// The generation-0 count at which the next slice is due, while a cycle runs with the mode
/// on; `usize::MAX` otherwise.
pub(crate) fn next_slice_at(heap: &Heap) -> usize {
    let inc = &heap.incremental;
    if inc.active() && inc.budget().is_some() {
        heap.counts[0].get().saturating_add(inc.interval.get())
    } else {
        usize::MAX
    }
}

/// Run a slice on its own, from the automatic policy (no young collection was due), inside
/// the callbacks of a collection of generation 2.
pub(crate) fn automatic_slice(heap: &Heap) {
    if heap.collecting.get() {
        return;
    }
    heap.collecting.set(true);
    struct Guard<'a>(&'a Heap);
    impl Drop for Guard<'_> {
        fn drop(&mut self) {
            self.0.collecting.set(false);
        }
    }
    let guard = Guard(heap);
    let mut panics = PanicSlot::default();
    crate::introspect::run_callbacks(crate::introspect::Phase::Start, 2, None, &mut panics);
    let before = inc_collected(heap);
    let start = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| after_automatic_collection(heap)));
    if let Err(panic) = outcome {
        panics.record(panic);
    }
    let info = crate::introspect::CollectInfo {
        generation: 2,
        collected: inc_collected(heap) - before,
        uncollectable: 0,
        candidates: 0,
        duration: start.elapsed(),
    };
    drop(guard);
    crate::introspect::run_callbacks(crate::introspect::Phase::Stop, 2, Some(&info), &mut panics);
    panics.resume();
}

fn inc_collected(heap: &Heap) -> u64 {
    heap.incremental.stats.get().collected
}

/// One slice of at least one unit of work and about `budget`, in the current phase (several
/// phases if one ends early).
fn run_slice(heap: &Heap, budget: usize) {
    let inc = &heap.incremental;
    let start = Instant::now();
    let mut work = 0;
    let mut collected = 0;
    let mut panics = PanicSlot::default();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        while work < budget && inc.active() {
            match inc.phase.get() {
                Phase::Init => work += init_slice(heap, budget - work),
                Phase::Scan => work += scan_slice(heap, budget - work),
                Phase::Mark => work += mark_slice(heap, budget - work),
                Phase::Verify => {
                    let (w, c) = verify_slice(heap, budget - work, &mut panics);
                    work += w;
                    collected += c;
                }
                Phase::Finish => work += finish_slice(heap, budget - work),
                Phase::Idle => break,
            }
        }
    }));
    let elapsed = start.elapsed();
    inc.update_stats(|s| {
        s.slices += 1;
        s.current_cycle_slices += 1;
        s.work += work as u64;
        s.collected += collected as u64;
        s.duration += elapsed;
        s.longest_slice = s.longest_slice.max(elapsed);
    });
    if !inc.active() {
        inc.update_stats(|s| {
            s.last_cycle_slices = s.current_cycle_slices;
            s.current_cycle_slices = 0;
        });
    }
    if let Err(panic) = outcome {
        // A `Trace` impl panicked in phase 1 or 2 (phase 3 catches its own): the hints are
        // unusable, so the cycle is abandoned and every object goes back to generation 2.
        abandon(heap);
        resume_unwind(panic);
    }
    // A finalizer or a `Drop` that panicked during a batch's teardown: the teardown went on,
    // and the panic is raised once the slice is over.
    panics.resume();
}

// ---------------------------------------------------------------------------------------------
// Burial: objects under the incremental collector that die by reference count.

/// The last strong reference to `ptr`, labelled SCAN, went away and its value is about to be
/// dropped: keep it in its list, take a weak share of its memory so that the list stays walkable,
/// and count it out of the heap as `untrack` would.
///
/// # Safety
/// `ptr` is alive, labelled SCAN, DEAD, with strong count 0, and its value not yet released.
pub(crate) unsafe fn bury(heap: &Heap, ptr: NonNull<Header>) {
    // SAFETY: alive (caller).
    unsafe { ptr.as_ref() }.inc_weak();
    heap.sub_len(list_id::SCAN, 1);
    let c0 = heap.counts[0].get();
    if c0 > 0 {
        heap.counts[0].set(c0 - 1);
    }
}

/// Give back the weak share [`bury`] took, freeing the memory if nothing else holds it. The
/// caller has already unlinked the node.
///
/// # Safety
/// `node` is the links of a buried object, no longer in any list.
unsafe fn release_buried(node: *mut Links) {
    // SAFETY: caller: the memory is held by our share.
    let header = unsafe { header_of(node) };
    // SAFETY: as above.
    if unsafe { header.as_ref() }.dec_weak() {
        // SAFETY: the value was dropped, the strong count is 0 and no weak share remains.
        unsafe { crate::heap::free_memory(header) };
    }
}

/// Whether the object at `node` was buried.
///
/// # Safety
/// `node` is a node of one of the incremental lists (its memory is held).
#[inline]
unsafe fn is_buried(node: *mut Links) -> bool {
    // SAFETY: caller.
    unsafe { header_of(node).as_ref() }.has(DEAD)
}

/// Remove the first node of a list whose `prev` words may be scratch (only `next` and the head's
/// `prev` are followed). The node's own words are left as they were, for the caller to reuse.
///
/// # Safety
/// `head` is an initialised head and `node` its first node.
unsafe fn pop_front_scratch(head: &Links, node: *mut Links) {
    // SAFETY: caller.
    unsafe {
        head.next.set((*node).next.get());
        if head.prev.get() == node {
            head.prev.set(std::ptr::from_ref(head).cast_mut());
        }
    }
}

/// Append `node` (in no list) to a list whose `prev` words are scratch, giving it `word`.
///
/// # Safety
/// `head` is an initialised head whose own `prev` is the real tail; `node` is in no list.
unsafe fn push_back_scratch(head: &Links, node: *mut Links, word: *mut Links) {
    // SAFETY: caller; `push_back` only follows the head's `prev`.
    unsafe {
        list::push_back(head, node);
        (*node).prev.set(word);
    }
}

// ---------------------------------------------------------------------------------------------
// The visitor of the three phases.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Mark,
    Closure,
    /// A batch's `subtract_refs` ([`subtract_batch`]).
    Subtract,
}

/// The visitor of the incremental phases; what it does with an edge depends on the phase.
pub(crate) struct IncVisitor {
    /// The thread's heap (a thread-local: it outlives the slice).
    heap: *const Heap,
    mode: Mode,
    /// The object being traced (a batch's subtraction, for `visit_borrowed`).
    current: *mut Links,
    /// Phase 3: the batch being built.
    batch: *const Links,
}

impl Sealed for IncVisitor {}

impl IncVisitor {
    fn new(heap: &Heap, mode: Mode) -> IncVisitor {
        IncVisitor {
            heap: std::ptr::from_ref(heap),
            mode,
            current: std::ptr::null_mut(),
            batch: std::ptr::null(),
        }
    }
}

impl Visitor for IncVisitor {
    #[inline]
    fn visit<T: ?Sized + 'static>(&mut self, cc: &Cc<T>) {
        let ptr = cc.header_ptr();
        // SAFETY: `ptr` comes from a live `Cc`; header cells only.
        let h = unsafe { ptr.as_ref() };
        let list = h.list();
        // SAFETY: the heap outlives the slice.
        let heap = unsafe { &*self.heap };
        // Every arm acts on tracked objects (they have links) of the lists it names, in the
        // states the module docs describe.
        // SAFETY: as just said; no user code runs during a visit.
        unsafe {
            match self.mode {
                Mode::Subtract => {
                    // A batch's subtraction: only batch members have a scratch word (the
                    // other SCAN objects have real links), and objects outside the cycle
                    // (OLD / PENDING) are ignored: their references count as external.
                    if list == list_id::SCAN {
                        let links = links_of(ptr);
                        let word = (*links).prev.get();
                        if GcRefs::is_active(word) {
                            (*links)
                                .prev
                                .set(GcRefs::encode(GcRefs::refs(word).saturating_sub(1), false));
                        }
                    }
                }
                Mode::Mark => {
                    if list == list_id::SCAN && !h.has(DEAD) {
                        let links = links_of(ptr);
                        let word = (*links).prev.get();
                        if GcRefs::is_active(word) {
                            if !GcRefs::is_reachable(word) {
                                let refs = GcRefs::refs(word);
                                if refs == 0 {
                                    let inc = &heap.incremental;
                                    inc.zeros.set(inc.zeros.get().saturating_sub(1));
                                }
                                (*links).prev.set(GcRefs::encode(refs, true));
                            }
                        } else {
                            // In `tentative`, but reachable after all: back to `scanned`,
                            // marked, for the walk to keep and trace.
                            let inc = &heap.incremental;
                            inc.zeros.set(inc.zeros.get().saturating_sub(1));
                            list::unlink(links);
                            push_back_scratch(
                                &heap.incremental.scanned,
                                links,
                                GcRefs::encode(0, true),
                            );
                        }
                    }
                }
                Mode::Closure => {
                    if list == list_id::SCAN && !h.has(DEAD) {
                        let links = links_of(ptr);
                        if !GcRefs::is_active((*links).prev.get()) {
                            // In `tentative` or `retry`: it joins the batch.
                            list::unlink(links);
                            push_back_scratch(
                                &*self.batch,
                                links,
                                GcRefs::encode(h.strong.get() as usize, false),
                            );
                        }
                    }
                }
            }
        }
    }

    /// A batch's subtraction: the object holds references we cannot see, so it
    /// counts one more reference from outside (as in a stop-the-world collection).
    fn visit_borrowed(&mut self) {
        if self.mode == Mode::Subtract {
            // SAFETY: `current` is the batch member being traced.
            unsafe { count_borrowed(self.current) }
        }
    }
}

/// One more reference from outside for `node`, if its `prev` holds a scratch word: its `Trace`
/// reported a borrowed cell, whose references it cannot see (as in a stop-the-world
/// collection).
///
/// # Safety
/// `node` is the links of the tracked object being traced.
unsafe fn count_borrowed(node: *mut Links) {
    // SAFETY: caller; only a scratch word is changed, never a real link.
    unsafe {
        let word = (*node).prev.get();
        if GcRefs::is_active(word) {
            (*node).prev.set(GcRefs::encode(
                GcRefs::refs(word) + 1,
                GcRefs::is_reachable(word),
            ));
        }
    }
}

/// Trace `node` with `visitor`.
///
/// # Safety
/// `node` is a live (not buried) object of the incremental lists.
#[inline]
unsafe fn trace(node: *mut Links, visitor: &mut IncVisitor) {
    visitor.current = node;
    // SAFETY: caller; the vtable is the object's.
    unsafe {
        let header = header_of(node);
        (header.as_ref().vtable.trace_incremental)(header, visitor);
    }
}

// ---------------------------------------------------------------------------------------------
// The phases.

/// Remove the buried `node`, which follows `cursor` in `scanned`, and give its memory back.
///
/// # Safety
/// `cursor` is the head of `scanned` or a node of it, `node` its successor, buried.
unsafe fn drop_buried_after(inc: &Incremental, cursor: *mut Links, node: *mut Links) {
    // SAFETY: caller.
    unsafe {
        (*cursor).next.set((*node).next.get());
        if inc.scanned.prev.get() == node {
            inc.scanned.prev.set(cursor);
        }
        release_buried(node);
    }
}

/// Walk `scanned` in place from the cursor, for about `budget` nodes; buried nodes are removed
/// on the way. `visit(node, left)` handles the live `node` and possibly live nodes after it,
/// at most `left` (> 0) in all, and returns the last node it handled and how many; the cursor
/// moves there. At the end of the list the cursor goes back to the head and the cycle moves to
/// phase `then`. Returns the work done (nodes visited).
///
/// # Safety
/// `cursor` is the head of `scanned` or a node behind which every node is SCAN-labelled (never
/// unlinked by anyone else); nodes ahead of it have real links and are unlinked normally when
/// they die, which keeps the `next` chain from the cursor valid. `visit` unlinks nothing, and
/// passes only live nodes that it has made SCAN-labelled or that were already.
unsafe fn walk_scanned(
    heap: &Heap,
    budget: usize,
    then: Phase,
    mut visit: impl FnMut(*mut Links, usize) -> (*mut Links, usize),
) -> usize {
    let inc = &heap.incremental;
    let head = std::ptr::from_ref(&inc.scanned).cast_mut();
    let mut work = 0;
    // SAFETY: caller.
    unsafe {
        while work < budget {
            let cursor = inc.cursor.get();
            let node = (*cursor).next.get();
            if node == head {
                inc.cursor.set(head);
                inc.phase.set(then);
                break;
            }
            if is_buried(node) {
                drop_buried_after(inc, cursor, node);
                continue;
            }
            let (last, done) = visit(node, budget - work);
            inc.cursor.set(last);
            work += done;
        }
    }
    work
}

/// Phase 1a: walk `scanned` in place, giving each object a scratch word (gc_refs = its strong
/// count) and the label SCAN. Returns the work done (objects passed); moves to phase 1b at the
/// end.
fn init_slice(heap: &Heap, budget: usize) -> usize {
    // The cursor is as `walk_scanned` needs (phase 1a labels what it passes); a node ahead of
    // the cursor is live, labelled OLD or PENDING, with real links.
    // SAFETY: as just said; only its `prev` word and label change.
    unsafe {
        walk_scanned(heap, budget, Phase::Scan, |node, _| {
            let h = header_of(node).as_ref();
            let id = h.list();
            debug_assert!(id == list_id::OLD || id == list_id::PENDING);
            (*node)
                .prev
                .set(GcRefs::encode(h.strong.get() as usize, false));
            h.set_list(list_id::SCAN);
            heap.sub_len(id, 1);
            heap.add_len(list_id::SCAN, 1);
            (node, 1)
        })
    }
}

/// Phase 1b: trace every object of `scanned` once, in place, lowering the gc_refs of the
/// scanned objects it references. Returns the work done (objects traced); moves to phase 2 at
/// the end.
///
/// [`walk_scanned`] hands each run of live objects of one type to that type's [`scan_run`] (one indirect call per run, as `collect::subtract_run`), which
/// traces them with [`ScanVisitor`]: fewer instructions per object, so more of the misses on
/// the objects' referents are in flight at once.
fn scan_slice(heap: &Heap, budget: usize) -> usize {
    let mut visitor = ScanVisitor {
        current: std::ptr::null_mut(),
        zeros: 0,
    };
    // Every node of `scanned` is SCAN-labelled now, never unlinked by anyone else (buried ones
    // stay until a walk removes them), so the chain of `next` words from the cursor stays valid
    // whatever a `Trace` impl does; tracing unlinks nothing.
    // SAFETY: as just said; `walk_scanned` hands over live nodes other than the head.
    let work = unsafe {
        walk_scanned(heap, budget, Phase::Mark, |node, left| {
            let run = header_of(node).as_ref().vtable.scan_run;
            run(
                node,
                std::ptr::from_ref(&heap.incremental.scanned).cast_mut(),
                left,
                &mut visitor,
            )
        })
    };
    let inc = &heap.incremental;
    inc.zeros.set(inc.zeros.get().saturating_add(visitor.zeros));
    work
}

/// The type of [`crate::header::VTable::scan_run`].
pub(crate) type ScanRunFn =
    unsafe fn(*mut Links, *mut Links, usize, &mut ScanVisitor) -> (*mut Links, usize);

/// Phase 1b over the objects of one type that follow each other in `scanned` from `first`,
/// live, at most `budget` of them, with the type's `Trace` called directly (`L` is its
/// layout). Returns the last object traced (the walk's new cursor) and how many were traced
/// (at least one).
///
/// # Safety
/// During phase 1b: `first` is a live (not buried) object of layout `L` in `scanned`, whose
/// head is `head`; `budget > 0`.
pub(crate) unsafe fn scan_run<L: Traced>(
    first: *mut Links,
    head: *mut Links,
    budget: usize,
    visitor: &mut ScanVisitor,
) -> (*mut Links, usize) {
    // `scan_run_with` passes on only nodes with `first`'s vtable.
    // SAFETY: caller: `first`'s vtable belongs to `L`, so every node traced is of layout `L`.
    unsafe {
        scan_run_with(first, head, budget, visitor, |header, v| {
            L::trace(header, v)
        })
    }
}

/// The loop of [`scan_run`]: trace from `first` on while the budget lasts and the next node is
/// live, not the head, and has `first`'s vtable (one vtable address is one type: see
/// `collect::same_type_run`).
///
/// # Safety
/// As [`scan_run`]; `trace` traces an object of `first`'s type.
#[inline(always)]
unsafe fn scan_run_with(
    first: *mut Links,
    head: *mut Links,
    budget: usize,
    visitor: &mut ScanVisitor,
    trace: impl Fn(NonNull<Header>, &mut ScanVisitor),
) -> (*mut Links, usize) {
    // SAFETY: caller: `first` is an object's links.
    let vtable: *const crate::header::VTable = unsafe { header_of(first).as_ref() }.vtable;
    let mut node = first;
    let mut traced = 0;
    // Every node traced is live and of `first`'s type (checked before it is reached), and
    // stays in `scanned` (SCAN-labelled nodes are never unlinked but by the walks).
    // SAFETY: caller, and as just said, so each node's `next` is valid after its trace.
    unsafe {
        loop {
            visitor.current = node;
            trace(header_of(node), visitor);
            traced += 1;
            let next = (*node).next.get();
            if traced == budget
                || next == head
                || is_buried(next)
                || !std::ptr::eq(header_of(next).as_ref().vtable, vtable)
            {
                return (node, traced);
            }
            node = next;
        }
    }
}

/// Phase 1b's visitor ([`scan_run`]): an edge to an object of the cycle (labelled `SCAN`, with
/// a scratch word) lowers its gc_refs; an edge to anything else is ignored (objects promoted
/// since the cycle started are outside it, their references external). The same as
/// [`IncVisitor`]'s `Mode::Subtract`, without the test of the mode on every edge.
pub(crate) struct ScanVisitor {
    /// The object being traced (for `visit_borrowed`).
    current: *mut Links,
    /// The words this slice lowered to 0 (see `Incremental::zeros`).
    zeros: usize,
}

impl Sealed for ScanVisitor {}

impl Visitor for ScanVisitor {
    #[inline]
    fn visit<T: ?Sized + 'static>(&mut self, cc: &Cc<T>) {
        let ptr = cc.header_ptr();
        // SAFETY: `ptr` comes from a live `Cc`; header cells only.
        let h = unsafe { ptr.as_ref() };
        if h.list() == list_id::SCAN {
            // Only a scratch word is changed, never a real link.
            // SAFETY: a SCAN object is tracked (it has links) and in the incremental lists.
            unsafe {
                let links = links_of(ptr);
                let word = (*links).prev.get();
                if GcRefs::is_active(word) {
                    let refs = GcRefs::refs(word);
                    self.zeros += usize::from(refs == 1);
                    (*links)
                        .prev
                        .set(GcRefs::encode(refs.saturating_sub(1), false));
                }
            }
        }
    }

    /// The object holds references we cannot see: it counts one more reference from outside.
    fn visit_borrowed(&mut self) {
        // SAFETY: `current` is the scanned object being traced.
        unsafe { count_borrowed(self.current) }
    }
}

/// Phase 2: walk `scanned` from its front: keep what is referenced from outside or marked
/// (relabelled OLD, back into generation 2) and mark what it references; move the rest to
/// `tentative`. Returns the work done; moves to phase 3 when `scanned` is empty.
fn mark_slice(heap: &Heap, budget: usize) -> usize {
    let inc = &heap.incremental;
    let head = std::ptr::from_ref(&inc.scanned).cast_mut();
    let mut visitor = IncVisitor::new(heap, Mode::Mark);
    let mut work = 0;
    // Nodes of `scanned` are held (buried ones by our share).
    // SAFETY: as just said; `tentative` and generation 2 have real links.
    unsafe {
        while work < budget {
            let node = inc.scanned.next.get();
            if node == head {
                inc.phase.set(Phase::Verify);
                break;
            }
            // Read the scratch word first: the node leaves `scanned` here.
            let word = (*node).prev.get();
            pop_front_scratch(&inc.scanned, node);
            if is_buried(node) {
                release_buried(node);
                continue;
            }
            work += 1;
            let header = header_of(node);
            if GcRefs::is_reachable(word) || GcRefs::refs(word) > 0 {
                // Traced with its word in place, so a reference to itself finds it active;
                // not traced once no object at gc_refs 0 is left unmarked (`zeros`).
                if inc.zeros.get() > 0 {
                    trace(node, &mut visitor);
                }
                list::push_back(heap.head(list_id::OLD), node);
                header.as_ref().set_list(list_id::OLD);
                heap.sub_len(list_id::SCAN, 1);
                heap.add_len(list_id::OLD, 1);
            } else {
                list::push_back(&inc.tentative, node);
            }
        }
    }
    work
}

/// Phase 3: verify tentative objects in batches. Returns the work done and the objects freed;
/// ends the cycle when a pass over `tentative` freed nothing (or left nothing to retry).
fn verify_slice(heap: &Heap, budget: usize, panics: &mut PanicSlot) -> (usize, usize) {
    let inc = &heap.incremental;
    let mut work = 0;
    let mut collected = 0;
    while work < budget {
        if list::is_empty(&inc.tentative) {
            if list::is_empty(&inc.retry) || inc.pass_freed.get() == 0 {
                inc.phase.set(Phase::Finish);
                break;
            }
            // Freed objects dropped their references: what survived may be garbage now.
            // SAFETY: distinct initialised heads with real links.
            unsafe { list::splice_back(&inc.tentative, &inc.retry) };
            inc.pass_freed.set(0);
            continue;
        }
        let seed = inc.tentative.next.get();
        // SAFETY: a node of `tentative` (real links), held.
        unsafe {
            if is_buried(seed) {
                list::unlink(seed);
                release_buried(seed);
                continue;
            }
        }
        let (w, c) = verify_batch(heap, seed, panics);
        work += w;
        collected += c;
        inc.pass_freed.set(inc.pass_freed.get() + c);
    }
    (work, collected)
}

/// Build the batch of `seed` (its forward closure over `tentative` and `retry`) and give it a
/// trial deletion of its own; survivors go to `retry`. Returns the work done and the objects
/// freed.
fn verify_batch(heap: &Heap, seed: *mut Links, panics: &mut PanicSlot) -> (usize, usize) {
    let inc = &heap.incremental;
    let batch = Links::dangling();
    list::init(&batch);
    let batch_head = std::ptr::from_ref(&batch).cast_mut();
    let mut visitor = IncVisitor {
        batch: &raw const batch,
        ..IncVisitor::new(heap, Mode::Closure)
    };
    let mut size = 0;
    // Batch nodes are live (no user code runs while the batch is built), with scratch words
    // that `collect_batch` starts from.
    // SAFETY: as just said; `seed` is a live node of `tentative`.
    let outcome = catch_unwind(AssertUnwindSafe(|| unsafe {
        let strong = header_of(seed).as_ref().strong.get() as usize;
        list::unlink(seed);
        push_back_scratch(&batch, seed, GcRefs::encode(strong, false));
        let mut node = batch.next.get();
        while node != batch_head {
            trace(node, &mut visitor);
            size += 1;
            node = (*node).next.get();
        }
    }));
    if let Err(panic) = outcome {
        // A `Trace` impl panicked while the batch was built: restore real links, put the batch
        // back in `retry`, and let the slice abandon the cycle.
        // SAFETY: the batch's `next` chain is intact; every node is live.
        unsafe { restore_links(&batch) };
        // SAFETY: distinct initialised heads with real links.
        unsafe { list::splice_back(&inc.retry, &batch) };
        resume_unwind(panic);
    }
    heap.sub_len(list_id::SCAN, size);
    // Every SCAN object outside `batch` has real links.
    // SAFETY: `batch` holds exactly the live SCAN objects with scratch words, each at its count.
    let collected = unsafe { crate::collect::collect_batch(heap, &batch, size, panics) };
    // Survivors come back labelled SCAN, counted in `lens` by `collect_batch`.
    // SAFETY: distinct initialised heads with real links.
    unsafe { list::splice_back(&inc.retry, &batch) };
    (2 * size, collected)
}

/// Phase 2b of a batch's trial deletion (`collect::collect_batch`): lower the gc_refs of every
/// batch member once per reference from another member. Every member's word was started at
/// its strong count when it joined the batch, in the same slice.
///
/// # Safety
/// `batch` holds exactly the live SCAN objects whose `prev` holds a scratch word.
pub(crate) unsafe fn subtract_batch(batch: &Links, _candidates: crate::collect::Candidates) {
    let mut visitor = crate::heap::with(|heap| IncVisitor::new(heap, Mode::Subtract));
    // SAFETY: caller; no user code runs but `Trace`, which unlinks nothing.
    unsafe { list::for_each_node(batch, |node| trace(node, &mut visitor)) };
}

/// Make `prev` real again along a list whose `next` chain is intact.
///
/// # Safety
/// `head` is an initialised head; its nodes are held.
unsafe fn restore_links(head: &Links) {
    let head_ptr = std::ptr::from_ref(head).cast_mut();
    let mut last = head_ptr;
    // SAFETY: caller.
    unsafe {
        list::for_each_node(head, |node| {
            (*node).prev.set(last);
            last = node;
        });
    }
    head.prev.set(last);
}

/// The end of the cycle: the survivors of the verification go back to generation 2, at most
/// `budget` of them per slice (there may be many: live objects that looked unreachable).
/// Returns the work done; the cycle ends when none is left.
fn finish_slice(heap: &Heap, budget: usize) -> usize {
    let inc = &heap.incremental;
    // SAFETY: `retry` and `tentative` have real links.
    let moved = unsafe {
        let n = return_to_generation(heap, &inc.retry, budget);
        n + return_to_generation(heap, &inc.tentative, budget - n)
    };
    if list::is_empty(&inc.retry) && list::is_empty(&inc.tentative) {
        inc.phase.set(Phase::Idle);
        inc.update_stats(|s| s.cycles += 1);
    }
    moved.max(1)
}

/// Move up to `limit` nodes of `from` (real links) to generation 2, releasing buried ones
/// (which do not count). SCAN objects become OLD; objects phase 1a had not reached keep their
/// label. Returns the number moved.
///
/// # Safety
/// `from` is an incremental list with real links.
unsafe fn return_to_generation(heap: &Heap, from: &Links, limit: usize) -> usize {
    let mut moved = 0;
    while moved < limit && !list::is_empty(from) {
        let node = from.next.get();
        // SAFETY: caller.
        unsafe {
            list::unlink(node);
            if is_buried(node) {
                release_buried(node);
                continue;
            }
            list::push_back(heap.head(list_id::OLD), node);
            let h = header_of(node).as_ref();
            if h.list() == list_id::SCAN {
                h.set_list(list_id::OLD);
                heap.sub_len(list_id::SCAN, 1);
                heap.add_len(list_id::OLD, 1);
            }
            moved += 1;
        }
    }
    moved
}

/// Abandon the cycle in progress, if any: every object goes back to generation 2 with real
/// links, buried ones are released. O(objects under the cycle). Does nothing while a
/// collection runs (the lists are then in use); the caller must not hold any pointer into them.
pub(crate) fn abort(heap: &Heap) {
    if !heap.collecting.get() {
        abandon(heap);
    }
}

/// [`abort`] from inside a slice (a `Trace` impl panicked in phase 1, 2 or a batch's closure).
fn abandon(heap: &Heap) {
    let inc = &heap.incremental;
    if !inc.active() {
        return;
    }
    inc.heads();
    // After `restore_links` every list has real links (buried nodes are released as met).
    // SAFETY: `scanned` has an intact `next` chain.
    unsafe {
        restore_links(&inc.scanned);
        return_to_generation(heap, &inc.scanned, usize::MAX);
        return_to_generation(heap, &inc.tentative, usize::MAX);
        return_to_generation(heap, &inc.retry, usize::MAX);
    }
    inc.phase.set(Phase::Idle);
    inc.update_stats(|s| {
        s.aborted += 1;
        s.current_cycle_slices = 0;
    });
    debug_assert_eq!(heap.len(list_id::SCAN), 0);
}
