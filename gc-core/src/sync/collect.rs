//! One collection of the sync heap: the same phases as the unsync collector (CPython's), run
//! while the world is stopped, with the counting and marking passes split over a rayon pool
//! when the candidate set is large.
//!
//! [`collect_stopped`] is the driver. While the world is stopped and the heap locked:
//!
//! 1. merge the generations being collected into one vector of candidates;
//! 2. [`update_refs`]: gc_refs = strong count (a count of 0 means a thread is destroying the
//!    object right now: it counts as one reference from outside, so the object is kept);
//! 3. [`subtract_refs`]: one less for every reference from another candidate;
//! 4. [`mark_reachable`]: everything reachable from a candidate with gc_refs > 0 is marked;
//! 5. [`split`]: survivors are promoted; the rest is the unreachable set. The collector takes
//!    one strong reference to each unreachable object and clears its weak references.
//!
//! Then the world restarts, and on the collecting thread:
//!
//! 6. [`finalize_garbage`]: finalizers not yet run are run (with a mutator);
//! 7. [`handle_resurrected_objects`]: if any ran, the world is stopped again and phases 2-5 run
//!    over the unreachable set (minus the collector's own references): what a finalizer made
//!    reachable survives;
//! 8. [`delete_garbage`]: every object is marked dead, every value dropped, and the collector's
//!    references given back, which frees the memory once no handle remains.
//!
//! # Invariants relied on (argued in DESIGN.md, "The sync heap")
//!
//! - While the world is stopped no thread holds a `Mutator`, so no value is read or written by
//!   anyone but the collector's `Trace` calls, and no edge between objects changes.
//! - While the heap lock is held no object is linked or unlinked.
//! - The strong count of a candidate is at least the number of edges to it from candidates;
//!   counts may still fall (a thread drops a handle it owns) or rise (a thread clones a handle
//!   it owns) during the verdict, and either only makes the verdict more conservative, because
//!   a handle owned by a thread outside any object is a reference from outside.
//! - The unreachable set belongs to one collection: collections are serialized by `COLLECTOR`,
//!   held from the stop to the end of the teardown.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::Ordering;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use rayon::prelude::*;

use super::heap::{self, Ptr, COLLECTING, WORLD};
use super::object::{list_id, DEAD, FINALIZED, MARK, REF, WEAK_CLEARED};
use crate::collect::PanicSlot;
use crate::trace::{Sealed, Visitor};

/// Held for a whole collection, so that one unreachable set exists at a time.
static COLLECTOR: Mutex<()> = Mutex::new(());

type CollectorGuard = std::sync::MutexGuard<'static, ()>;

/// Take `COLLECTOR` if it is free. It guards no data, so a poisoned lock is simply taken.
fn try_lock_collector() -> Option<CollectorGuard> {
    match COLLECTOR.try_lock() {
        Ok(guard) => Some(guard),
        Err(std::sync::TryLockError::Poisoned(p)) => Some(p.into_inner()),
        Err(std::sync::TryLockError::WouldBlock) => None,
    }
}

/// Which list ids make an object a candidate of the running pass.
#[derive(Clone, Copy)]
pub(crate) struct Candidates {
    lo: u8,
    hi: u8,
}

impl Candidates {
    fn generation(generation: usize) -> Candidates {
        let hi = [list_id::GEN0, list_id::GEN1, list_id::PENDING][generation];
        Candidates {
            lo: list_id::GEN0,
            hi,
        }
    }

    fn unreachable() -> Candidates {
        Candidates {
            lo: list_id::UNREACHABLE,
            hi: list_id::UNREACHABLE,
        }
    }

    #[inline(always)]
    fn contains(self, list: u8) -> bool {
        list.wrapping_sub(self.lo) <= self.hi - self.lo
    }
}

/// Visitor of [`subtract_refs`].
pub(crate) struct SubtractRefs {
    candidates: Candidates,
    current: Option<Ptr>,
}

impl Sealed for SubtractRefs {}

impl Visitor for SubtractRefs {
    #[inline(always)]
    fn visit<T: ?Sized + 'static>(&mut self, _cc: &crate::Cc<T>) {}

    #[inline(always)]
    fn visit_sync<T: ?Sized + Send + Sync + 'static>(&mut self, cc: &super::Cc<T>) {
        let p = cc.ptr();
        // SAFETY: a handle reported by `trace` keeps its object allocated.
        if self.candidates.contains(unsafe { p.header() }.list()) {
            // SAFETY: candidates are tracked.
            let before = unsafe { p.tracking() }
                .gc_refs
                .fetch_sub(REF, Ordering::Relaxed);
            if before < REF {
                // More edges than references: a `Trace` impl reported a handle it does not own,
                // or one twice. Recorded here and raised after the pass (not inside `trace`,
                // where a panic would poison the lock being traced): the verdict is abandoned
                // and everything kept, instead of a live object freed.
                over_reported(self.current);
            }
        }
    }

    /// A lock held while tracing: count one more reference from outside, so that the object
    /// and the lock's contents (whose edges were not subtracted) stay alive.
    #[inline]
    fn visit_borrowed(&mut self) {
        if let Some(current) = self.current {
            // SAFETY: the object being traced is an allocated candidate: tracked.
            unsafe { current.tracking() }
                .gc_refs
                .fetch_add(REF, Ordering::Relaxed);
        }
    }
}

/// The type whose `Trace` reported more handles than exist, in the running collection (one
/// collection runs at a time).
static OVER_REPORTED: Mutex<Option<&'static str>> = Mutex::new(None);

/// The cold path of an over-reporting `Trace` impl: remember the type that was traced.
#[cold]
#[inline(never)]
fn over_reported(current: Option<Ptr>) {
    // SAFETY: the object being traced is allocated.
    let name = current.map_or("?", |p| (unsafe { p.header() }.vtable.type_name)());
    OVER_REPORTED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get_or_insert(name);
}

/// After the subtraction: panic (outside every traced lock) if a `Trace` over-reported.
fn check_over_reporting() {
    let name = OVER_REPORTED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take();
    if let Some(name) = name {
        panic!(
            "gc_core::sync: the Trace impl of {name} reported more handles than exist (a \
             handle it does not own, or one twice); this collection kept every object"
        );
    }
}

/// Visitor of [`mark_reachable`]: marks candidates and stacks them for tracing.
pub(crate) struct MarkReachable {
    candidates: Candidates,
    stack: Vec<Ptr>,
}

impl Sealed for MarkReachable {}

impl MarkReachable {
    /// Mark `ptr` if it is an unmarked candidate, and stack it.
    #[inline(always)]
    fn reach(&mut self, ptr: Ptr) {
        // SAFETY: reported by `trace`, or a candidate: allocated.
        if !self.candidates.contains(unsafe { ptr.header() }.list()) {
            return;
        }
        // SAFETY: a candidate: tracked.
        let word = &unsafe { ptr.tracking() }.gc_refs;
        if word.load(Ordering::Relaxed) & MARK == 0
            && word.fetch_or(MARK, Ordering::Relaxed) & MARK == 0
        {
            self.stack.push(ptr);
        }
    }
}

impl Visitor for MarkReachable {
    #[inline(always)]
    fn visit<T: ?Sized + 'static>(&mut self, _cc: &crate::Cc<T>) {}

    #[inline(always)]
    fn visit_sync<T: ?Sized + Send + Sync + 'static>(&mut self, cc: &super::Cc<T>) {
        self.reach(cc.ptr());
    }
}

/// Candidate sets at least this large are counted and marked in parallel (see DESIGN.md,
/// "Parallel passes", for how it was chosen).
static PARALLEL_MIN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(32_768);

/// Set the candidate count from which passes run in parallel (tests use 0 to force it).
#[doc(hidden)]
pub fn set_parallel_threshold(candidates: usize) {
    PARALLEL_MIN.store(candidates, Ordering::Relaxed);
}

/// The collector's own thread pool: user rayon jobs never run on it, so a worker can never
/// steal a job that waits for the world to restart.
static POOL: OnceLock<Mutex<Option<std::sync::Arc<rayon::ThreadPool>>>> = OnceLock::new();

fn pool_slot() -> &'static Mutex<Option<std::sync::Arc<rayon::ThreadPool>>> {
    POOL.get_or_init(|| Mutex::new(None))
}

/// The number of threads the sync collector's parallel passes use (default: the number of
/// CPUs). `1` runs every pass on the collecting thread.
///
/// ```
/// # if cfg!(miri) { return; } // rayon's pool does not pass Miri's Stacked Borrows
/// gc_core::sync::set_collector_threads(2);
/// gc_core::sync::collect();
/// ```
pub fn set_collector_threads(threads: usize) {
    let threads = threads.max(1);
    let pool = (threads > 1).then(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("gc-core-sync-{i}"))
            .build()
            .map(std::sync::Arc::new)
    });
    let mut slot = pool_slot().lock().unwrap_or_else(|p| p.into_inner());
    *slot = match pool {
        Some(Ok(pool)) => Some(pool),
        // No threads could be started: the passes run sequentially.
        Some(Err(_)) | None => None,
    };
    THREADS_SET.store(true, Ordering::Relaxed);
}

static THREADS_SET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The pool to run parallel passes on, if any.
fn pool() -> Option<std::sync::Arc<rayon::ThreadPool>> {
    if !THREADS_SET.load(Ordering::Relaxed) {
        let n = std::thread::available_parallelism().map_or(1, |n| n.get());
        set_collector_threads(n);
    }
    pool_slot()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
}

/// How the passes run.
#[derive(Clone)]
enum Exec {
    Sequential,
    Parallel(std::sync::Arc<rayon::ThreadPool>),
}

impl Exec {
    fn choose(candidates: usize) -> Exec {
        // On a worker of some rayon pool (the program's), handing work to our pool would let
        // this thread run the program's other jobs while it waits, and one of them could wait
        // for the world to restart: only sequential passes are safe there.
        if candidates >= PARALLEL_MIN.load(Ordering::Relaxed)
            && rayon::current_thread_index().is_none()
        {
            if let Some(pool) = pool() {
                return Exec::Parallel(pool);
            }
        }
        Exec::Sequential
    }
}

/// Phase 2: gc_refs = strong count (0 counts as 1: a thread is destroying the object).
fn update_refs(objects: &[Ptr], hold: u32, exec: &Exec) {
    let init = |p: &Ptr| {
        // SAFETY: candidates are allocated (in a vector, or held by the collector), tracked.
        let strong = unsafe { p.header() }.strong.load(Ordering::Relaxed);
        let refs = if strong == 0 { 1 } else { strong - hold };
        // SAFETY: as above.
        unsafe { p.tracking() }
            .gc_refs
            .store(u64::from(refs) * REF, Ordering::Relaxed);
    };
    match exec {
        Exec::Sequential => objects.iter().for_each(init),
        Exec::Parallel(pool) => {
            pool.install(|| objects.par_iter().with_min_len(1024).for_each(init))
        }
    }
}

/// Phase 3: subtract the references candidates hold to each other.
fn subtract_refs(objects: &[Ptr], candidates: Candidates, exec: &Exec) {
    let trace = |v: &mut SubtractRefs, p: &Ptr| {
        v.current = Some(*p);
        // SAFETY: an allocated candidate with an intact value; the world is stopped.
        unsafe { (p.header().vtable.trace_subtract)(p.0, v) };
    };
    let visitor = || SubtractRefs {
        candidates,
        current: None,
    };
    match exec {
        Exec::Sequential => {
            let mut v = visitor();
            objects.iter().for_each(|p| trace(&mut v, p));
        }
        Exec::Parallel(pool) => pool.install(|| {
            objects
                .par_iter()
                .with_min_len(1024)
                .for_each_init(visitor, trace)
        }),
    }
}

/// Work stacks longer than this are split, half going to another worker.
const SPLIT_AT: usize = 256;

/// Phase 4: mark everything reachable from the candidates with gc_refs > 0.
fn mark_reachable(objects: &[Ptr], candidates: Candidates, exec: &Exec) {
    let roots = |chunk: &[Ptr]| -> Vec<Ptr> {
        let mut v = MarkReachable {
            candidates,
            stack: Vec::new(),
        };
        for &p in chunk {
            // SAFETY: an allocated candidate: tracked.
            if unsafe { p.tracking() }.gc_refs.load(Ordering::Relaxed) >= REF {
                v.reach(p);
            }
        }
        v.stack
    };
    match exec {
        Exec::Sequential => {
            let mut v = MarkReachable {
                candidates,
                stack: roots(objects),
            };
            while let Some(p) = v.stack.pop() {
                // SAFETY: a marked candidate: allocated, value intact, world stopped.
                unsafe { (p.header().vtable.trace_mark)(p.0, &mut v) };
            }
        }
        Exec::Parallel(pool) => pool.install(|| {
            rayon::scope(|s| {
                for chunk in objects.chunks(4096) {
                    s.spawn(move |s| mark_task(s, roots(chunk), candidates));
                }
            })
        }),
    }
}

/// One worker's share of the marking; gives half its stack away when it grows long.
fn mark_task<'s>(s: &rayon::Scope<'s>, stack: Vec<Ptr>, candidates: Candidates) {
    let mut v = MarkReachable { candidates, stack };
    while let Some(p) = v.stack.pop() {
        // SAFETY: a marked candidate: allocated, value intact, world stopped.
        unsafe { (p.header().vtable.trace_mark)(p.0, &mut v) };
        if v.stack.len() > SPLIT_AT {
            let half = v.stack.split_off(v.stack.len() / 2);
            s.spawn(move |s| mark_task(s, half, candidates));
        }
    }
}

/// Phase 5: split the candidates by their mark, in place: the survivors stay in `objects`
/// (in order), the unreachable ones are returned.
fn split(objects: &mut Vec<Ptr>) -> Vec<Ptr> {
    let mut unreachable = Vec::new();
    objects.retain(|p| {
        // SAFETY: candidates are allocated and tracked.
        let marked = unsafe { p.tracking() }.gc_refs.load(Ordering::Relaxed) & MARK != 0;
        if !marked {
            unreachable.push(*p);
        }
        marked
    });
    unreachable
}

/// Append `survivors` to the vector `target` (relabelling and re-indexing each).
fn promote(heap: &mut heap::HeapState, target: u8, survivors: Vec<Ptr>, exec: &Exec) {
    let v = &mut heap.lists[target as usize];
    let base = v.len();
    let relabel = |(i, p): (usize, &Ptr)| {
        // Their vector entry is written below, under the heap lock the caller holds.
        // SAFETY: candidates are allocated and tracked.
        unsafe { p.tracking() }.set_index(base + i);
        // SAFETY: as above.
        unsafe { p.header() }.set_list(target);
    };
    match exec {
        Exec::Sequential => survivors.iter().enumerate().for_each(relabel),
        Exec::Parallel(pool) => pool.install(|| {
            survivors
                .par_iter()
                .enumerate()
                .with_min_len(4096)
                .for_each(relabel)
        }),
    }
    if v.is_empty() {
        *v = survivors;
    } else {
        v.extend(survivors);
    }
}

/// `(survivors, unreachable)`, or every object back with the panic that abandoned the verdict.
/// With the way the passes ran, for the promotion that follows.
type Verdict = Result<(Vec<Ptr>, Vec<Ptr>, Exec), (Vec<Ptr>, Box<dyn std::any::Any + Send>)>;

/// Phases 2-5 over `objects`: (survivors, unreachable). `hold` is the number of strong
/// references the collector itself holds on each object. A panic in `Trace` abandons the
/// verdict: the caller keeps every object.
fn deduce_unreachable(objects: Vec<Ptr>, candidates: Candidates, hold: u32) -> Verdict {
    let exec = Exec::choose(objects.len());
    OVER_REPORTED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take();
    let passes = catch_unwind(AssertUnwindSafe(|| {
        update_refs(&objects, hold, &exec);
        subtract_refs(&objects, candidates, &exec);
        check_over_reporting();
        mark_reachable(&objects, candidates, &exec);
    }));
    match passes {
        Ok(()) => {
            let mut survivors = objects;
            let unreachable = split(&mut survivors);
            Ok((survivors, unreachable, exec))
        }
        Err(panic) => Err((objects, panic)),
    }
}

/// The list id that survivors of a collection of `generation` move to.
fn promotion_target(generation: usize) -> u8 {
    [list_id::GEN1, list_id::PENDING, list_id::OLD][generation]
}

/// Resets this thread's collecting flag however the collection ends.
struct CollectingFlag;

impl CollectingFlag {
    fn set() -> CollectingFlag {
        COLLECTING.with(|c| c.set(true));
        CollectingFlag
    }
}

impl Drop for CollectingFlag {
    fn drop(&mut self) {
        COLLECTING.with(|c| c.set(false));
    }
}

/// Whether this thread may start a collection now: not inside one, and holding no mutator
/// (a collection on an attached thread could race with threads borrowing its references).
fn may_collect_here() -> bool {
    !COLLECTING.with(|c| c.get()) && !heap::attached()
}

/// Run by a tracked allocation over the threshold: collect now if the heap is quiescent,
/// otherwise leave the collection pending for the thread that makes it quiescent.
pub(crate) fn collect_automatic() {
    if !may_collect_here() {
        WORLD.defer();
        return;
    }
    let Some(lock) = try_lock_collector() else {
        WORLD.defer();
        return;
    };
    if WORLD.stop_or_defer() {
        collect_stopped(None, false, lock);
    }
}

/// Run a pending collection after this thread's detachment stopped the world.
pub(crate) fn collect_pending_stopped() {
    if !may_collect_here() {
        WORLD.restart();
        WORLD.defer();
        return;
    }
    match try_lock_collector() {
        Some(lock) => {
            collect_stopped(None, false, lock);
        }
        None => {
            // Another collection is tearing its garbage down; ask again later.
            WORLD.restart();
            WORLD.defer();
        }
    }
}

/// A collection of `generation` asked for by the program. Waits for a quiescent moment when
/// `wait`; otherwise returns `None` if the world cannot be stopped now.
pub(crate) fn collect_manual(generation: usize, wait: bool) -> Option<usize> {
    assert!(
        generation <= 2,
        "gc_core::sync::collect_generation: invalid generation {generation}"
    );
    if !may_collect_here() {
        if heap::attached() {
            tracing::warn!(
                target: "gc_core",
                "gc_core::sync: a collection was asked for on a thread that holds a Mutator; \
                 nothing was collected (drop the Mutator first)"
            );
        }
        return if wait { Some(0) } else { None };
    }
    let lock = if wait {
        COLLECTOR.lock().unwrap_or_else(|p| p.into_inner())
    } else {
        try_lock_collector()?
    };
    if wait {
        WORLD.stop();
    } else if !WORLD.try_stop() {
        return None;
    }
    Some(collect_stopped(Some(generation), true, lock))
}

/// One collection. The world is stopped on entry; this restarts it.
fn collect_stopped(requested: Option<usize>, manual: bool, collector: CollectorGuard) -> usize {
    let flag = CollectingFlag::set();
    let start = Instant::now();
    let mut panics = PanicSlot::default();
    let mut heap = heap::lock();
    let generation = match requested.or_else(|| heap.due_generation()) {
        Some(g) => g,
        None => {
            drop(heap);
            WORLD.restart();
            return 0;
        }
    };
    let span = tracing::debug_span!(target: "gc_core", "sync_collect", generation);
    let _entered = span.enter();

    // 1. Merge the generations being collected.
    let candidates = Candidates::generation(generation);
    let mut objects = Vec::new();
    for id in candidates.lo..=candidates.hi {
        heap.validate(id, 0);
        let v = std::mem::take(&mut heap.lists[id as usize]);
        if objects.is_empty() {
            objects = v;
        } else {
            objects.extend(v);
        }
    }
    let candidate_count = objects.len();
    let target = promotion_target(generation);

    // 2-5. The verdict.
    let (survivors, unreachable, exec) = match deduce_unreachable(objects, candidates, 0) {
        Ok(split) => split,
        Err((all, panic)) => {
            panics.record(panic);
            (all, Vec::new(), Exec::Sequential)
        }
    };
    let promoted_from = heap.lists[target as usize].len();
    promote(&mut heap, target, survivors, &exec);
    heap.validate(target, promoted_from);
    let mut finalizable = 0;
    for &p in &unreachable {
        // SAFETY: as above.
        let h = unsafe { p.header() };
        h.set_list(list_id::UNREACHABLE);
        h.inc_strong();
        h.set(WEAK_CLEARED);
        finalizable += usize::from(h.vtable.finalize.is_some() && !h.has(FINALIZED));
    }
    // Counts: this generation and the younger ones start over.
    if generation < 2 {
        heap.counts[generation + 1] += 1;
    }
    for c in &mut heap.counts[..=generation] {
        *c = 0;
    }
    drop(heap);
    WORLD.restart();

    // 6-8. Dispose of the unreachable set, with the world running.
    let mut collected = 0;
    if !unreachable.is_empty() {
        let mut garbage = unreachable;
        if finalizable > 0 {
            finalize_garbage(&garbage, &mut panics);
            garbage = handle_resurrected_objects(garbage, target, manual, &mut panics);
        }
        collected = delete_garbage(garbage, &mut panics);
    }

    let duration = start.elapsed();
    {
        let mut heap = heap::lock();
        let backed_off = !manual && heap.back_off(candidate_count, collected);
        let stats = &mut heap.stats[generation];
        stats.backoffs += u64::from(backed_off);
        stats.collections += 1;
        stats.collected += collected as u64;
        stats.candidates += candidate_count as u64;
        stats.duration += duration;
    }
    span.record("collected", collected);
    drop(flag);
    drop(collector);
    panics.resume();
    collected
}

/// Phase 6: run each finalizer not yet run, on this thread, with a mutator.
fn finalize_garbage(garbage: &[Ptr], panics: &mut PanicSlot) {
    let m = super::enter();
    for &p in garbage {
        // SAFETY: held by the collector.
        let h = unsafe { p.header() };
        if let Some(finalize) = h.vtable.finalize {
            if !h.has(FINALIZED) {
                h.set(FINALIZED);
                h.inc_strong();
                // SAFETY: an intact object; the shim takes over the reference just added.
                if let Err(panic) = catch_unwind(AssertUnwindSafe(|| unsafe { finalize(p.0, &m) }))
                {
                    panics.record(panic);
                }
            }
        }
    }
}

/// Phase 7: trial deletion again over the unreachable set, with the world stopped; what a
/// finalizer made reachable survives into `target`. Returns what is still garbage.
///
/// An automatic collection does not wait for the world: if it cannot stop it now, the whole
/// set survives (already finalized, it is torn down by a later collection without running its
/// finalizers again).
fn handle_resurrected_objects(
    garbage: Vec<Ptr>,
    target: u8,
    manual: bool,
    panics: &mut PanicSlot,
) -> Vec<Ptr> {
    if manual {
        WORLD.stop();
    } else if !WORLD.try_stop() {
        revive(&garbage, target);
        return Vec::new();
    }
    let mut heap = heap::lock();
    let (survivors, still, exec) = match deduce_unreachable(garbage, Candidates::unreachable(), 1) {
        Ok(split) => split,
        Err((all, panic)) => {
            panics.record(panic);
            (all, Vec::new(), Exec::Sequential)
        }
    };
    // The collector's references are given back below, after the restart.
    let held = survivors.clone();
    let promoted_from = heap.lists[target as usize].len();
    promote(&mut heap, target, survivors, &exec);
    heap.validate(target, promoted_from);
    drop(heap);
    WORLD.restart();
    for p in held {
        // SAFETY: the reference taken in the verdict.
        unsafe { heap::release_hold(p) };
    }
    still
}

/// Put every object of `set` back into `target` and give back the collector's references.
fn revive(set: &[Ptr], target: u8) {
    let mut heap = heap::lock();
    for &p in set {
        // SAFETY: held by the collector; in no vector.
        unsafe { heap.push(target, p) };
    }
    drop(heap);
    for &p in set {
        // SAFETY: the reference taken in the verdict.
        unsafe { heap::release_hold(p) };
    }
}

/// Phase 8: mark every object dead, drop every value, give back the collector's references.
fn delete_garbage(garbage: Vec<Ptr>, panics: &mut PanicSlot) -> usize {
    for &p in &garbage {
        // SAFETY: held by the collector.
        let h = unsafe { p.header() };
        h.set(DEAD | WEAK_CLEARED);
        h.set_list(list_id::NONE);
    }
    for &p in &garbage {
        // SAFETY: held by the collector; DEAD, so nobody else drops the value or reads it.
        let drop_value = unsafe { p.header() }.vtable.drop_value;
        // SAFETY: as above: dropped once, here.
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| unsafe { drop_value(p.0) })) {
            panics.record(panic);
        }
    }
    for &p in &garbage {
        // The value is gone, so a last reference only frees the memory.
        // SAFETY: the reference taken in the verdict.
        unsafe { heap::release_hold(p) };
    }
    garbage.len()
}
