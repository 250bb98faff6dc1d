//! The phase observer: a hook that sees the state of every candidate object after each phase
//! of a collection. Compiled in with the cargo feature `observer`; without it the collector's
//! calls into this module are empty inline functions.
//!
//! ```
//! # #[cfg(feature = "observer")] {
//! use gc_core::observer::{self, PhaseReport, Step};
//! use gc_core::{Cc, Trace};
//! use std::{cell::RefCell, rc::Rc};
//!
//! #[derive(Trace)]
//! struct Link(RefCell<Option<Cc<Link>>>);
//!
//! let steps = Rc::new(RefCell::new(Vec::new()));
//! let log = steps.clone();
//! observer::set(move |report: &PhaseReport| log.borrow_mut().push(report.step));
//! let a = Cc::new(Link(RefCell::new(None)));
//! *a.0.borrow_mut() = Some(a.clone());
//! drop(a);
//! gc_core::collect();
//! observer::clear();
//! assert_eq!(steps.borrow()[0], Step::UpdateRefs);
//! assert_eq!(*steps.borrow().last().unwrap(), Step::Promote);
//! # }
//! ```
//!
//! Reports of the trial-deletion phases (`UpdateRefs`, `SubtractRefs`, `MoveUnreachable`) are
//! recorded while the passes run and delivered right after them, when the heap is consistent
//! again: the observer is user code, and user code never runs in the middle of a pass.

#[cfg(feature = "observer")]
pub use enabled::*;

#[cfg(feature = "observer")]
mod enabled {
    use std::cell::RefCell;
    use std::ptr::NonNull;

    use crate::collect::Candidates;
    use crate::header::{header_of, list_id, GcRefs, Header, Links, DEAD, FINALIZED};
    use crate::heap;
    use crate::introspect::EdgeCollector;
    use crate::list::for_each_node;

    /// A phase of a collection, in the order they run.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Step {
        /// gc_refs copied from the strong counts.
        UpdateRefs,
        /// References between candidates subtracted.
        SubtractRefs,
        /// Unreachable objects moved to their own list.
        MoveUnreachable,
        /// Weak references to unreachable objects cleared.
        ClearWeakrefs,
        /// Finalizers run.
        Finalize,
        /// Reachability recomputed; resurrected objects survive.
        HandleResurrected,
        /// The garbage torn down (or saved, under `SAVEALL`).
        DeleteGarbage,
        /// Survivors promoted to the next generation (the final state).
        Promote,
    }

    /// Where an object is at the time of a report.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum ListKind {
        /// A candidate of the running collection, reachable as far as is known.
        Young,
        /// In the unreachable set.
        Unreachable,
        /// In generation `n` (survivors after promotion).
        Old(usize),
        /// Kept alive in `garbage()` under `SAVEALL`.
        Garbage,
        /// Torn down.
        Freed,
        /// Not tracked (or no longer).
        Untracked,
    }

    /// One object in a report.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct ObjectState {
        /// Same as `AnyCc::id`.
        pub id: u64,
        /// Rust type name of the value.
        pub type_name: &'static str,
        /// Strong count.
        pub strong: usize,
        /// gc_refs, during trial deletion.
        pub gc_refs: Option<isize>,
        /// Where it is.
        pub list: ListKind,
        /// Created with `Cc::new_finalizable`.
        pub finalizable: bool,
        /// Its finalizer has run.
        pub finalized: bool,
    }

    /// One strong edge from a candidate.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct EdgeState {
        /// Source id.
        pub from: u64,
        /// Target id.
        pub to: u64,
        /// Field path, as in `AnyCc::referents`.
        pub name: String,
        /// Whether both ends are candidates (the edge is subtracted).
        pub internal: bool,
    }

    /// The state after one phase.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct PhaseReport {
        /// The phase just finished.
        pub step: Step,
        /// The generation being collected.
        pub generation: usize,
        /// The candidates of the collection, in list order.
        pub objects: Vec<ObjectState>,
        /// Their strong edges (only while the objects are intact).
        pub edges: Vec<EdgeState>,
    }

    type Observer = Box<dyn FnMut(&PhaseReport)>;

    thread_local! {
        static OBSERVER: RefCell<Option<std::rc::Rc<RefCell<Observer>>>> = const { RefCell::new(None) };
    }

    /// Install `f` as this thread's observer, replacing any previous one.
    pub fn set(f: impl FnMut(&PhaseReport) + 'static) {
        OBSERVER.with(|o| *o.borrow_mut() = Some(std::rc::Rc::new(RefCell::new(Box::new(f)))));
    }

    /// Remove this thread's observer.
    pub fn clear() {
        let taken = OBSERVER.with(|o| o.borrow_mut().take());
        drop(taken);
    }

    /// Records one collection's reports for the installed observer.
    pub(crate) struct Recorder {
        observer: Option<std::rc::Rc<RefCell<Observer>>>,
        generation: usize,
        /// Candidates in order, each with a weak hold on its memory.
        objects: Vec<(NonNull<Header>, u64)>,
        buffered: Vec<PhaseReport>,
        flushed: bool,
        target: usize,
        /// The first panic of the observer, re-raised at the end of the collection.
        panic: Option<Box<dyn std::any::Any + Send>>,
    }

    impl Recorder {
        pub(crate) fn new(generation: usize) -> Recorder {
            let observer = OBSERVER.try_with(|o| o.borrow().clone()).ok().flatten();
            Recorder {
                observer,
                generation,
                objects: Vec::new(),
                buffered: Vec::new(),
                flushed: false,
                target: (generation + 1).min(2),
                panic: None,
            }
        }

        /// A recorder that records nothing (an incremental batch is not shown to observers).
        pub(crate) fn inactive() -> Recorder {
            Recorder {
                observer: None,
                generation: 2,
                objects: Vec::new(),
                buffered: Vec::new(),
                flushed: false,
                target: 2,
                panic: None,
            }
        }

        pub(crate) fn active(&self) -> bool {
            self.observer.is_some()
        }

        fn state(
            &self,
            ptr: NonNull<Header>,
            id: u64,
            list: ListKind,
            gc_refs: Option<isize>,
        ) -> ObjectState {
            // SAFETY: we hold the memory (weak hold) and read header cells only.
            let h = unsafe { ptr.as_ref() };
            ObjectState {
                id,
                type_name: (h.vtable.type_name)(),
                strong: h.strong.get() as usize,
                gc_refs,
                list,
                finalizable: h.vtable.finalize.is_some(),
                finalized: h.has(FINALIZED),
            }
        }

        fn edges(
            &self,
            ptr: NonNull<Header>,
            from: u64,
            candidates: &dyn Fn(NonNull<Header>) -> bool,
        ) -> Vec<EdgeState> {
            // SAFETY: header cells only.
            let h = unsafe { ptr.as_ref() };
            if h.has(DEAD) || h.strong.get() == 0 {
                return Vec::new();
            }
            let mut collector = EdgeCollector::default();
            // SAFETY: alive, value intact; tracing has no side effects.
            unsafe { (h.vtable.trace_any)(ptr, &mut collector) };
            collector
                .strong
                .into_iter()
                .map(|(name, to)| EdgeState {
                    from,
                    to: heap::object_id(to),
                    name,
                    internal: candidates(to),
                })
                .collect()
        }

        /// During trial deletion: snapshot `young`.
        ///
        /// # Safety
        /// `young` is the working list during phases 2-3.
        pub(crate) unsafe fn trial(&mut self, step: Step, young: &Links, candidates: Candidates) {
            // The resurrection check repeats trial deletion; its result is reported as
            // `HandleResurrected`, not step by step.
            if !self.active() || self.flushed {
                return;
            }
            if self.objects.is_empty() {
                // The weak hold keeps their memory for the reports.
                // SAFETY: caller: live candidates.
                unsafe {
                    for_each_node(young, |n| {
                        let ptr = header_of(n);
                        ptr.as_ref().inc_weak();
                        self.objects.push((ptr, heap::object_id(ptr)));
                    });
                }
            }
            let in_set = |p: NonNull<Header>| candidates.contains(p);
            let mut report = PhaseReport {
                step,
                generation: self.generation,
                objects: Vec::new(),
                edges: Vec::new(),
            };
            for &(ptr, id) in &self.objects {
                // SAFETY: candidate links, scratch words active during the passes.
                let word = unsafe { (*crate::header::links_of(ptr)).prev.get() };
                let refs = GcRefs::is_active(word).then(|| GcRefs::refs(word) as isize);
                report
                    .objects
                    .push(self.state(ptr, id, ListKind::Young, refs));
                report.edges.extend(self.edges(ptr, id, &in_set));
            }
            self.buffered.push(report);
        }

        /// After the split: report `MoveUnreachable`, buffered behind the trial steps.
        pub(crate) fn after_split(&mut self) {
            if self.active() {
                self.report_now(Step::MoveUnreachable, true);
            }
        }

        /// Deliver the buffered reports.
        pub(crate) fn flush(&mut self) {
            self.flushed = true;
            let reports = std::mem::take(&mut self.buffered);
            for r in &reports {
                self.deliver(r);
            }
        }

        /// The first panic the observer raised, for the collection to re-raise.
        pub(crate) fn take_panic(&mut self) -> Option<Box<dyn std::any::Any + Send>> {
            self.panic.take()
        }

        /// Report the current state of every candidate.
        pub(crate) fn report(&mut self, step: Step) {
            if self.active() {
                self.report_now(step, false);
            }
        }

        fn report_now(&mut self, step: Step, buffer: bool) {
            let mut report = PhaseReport {
                step,
                generation: self.generation,
                objects: Vec::new(),
                edges: Vec::new(),
            };
            let alive: Vec<NonNull<Header>> = self.objects.iter().map(|&(p, _)| p).collect();
            let in_set = |p: NonNull<Header>| alive.contains(&p);
            for &(ptr, id) in &self.objects {
                // SAFETY: header cells only; memory held by our weak hold.
                let h = unsafe { ptr.as_ref() };
                let list = if h.has(DEAD) || h.strong.get() == 0 {
                    ListKind::Freed
                } else {
                    match h.list() {
                        list_id::UNREACHABLE => ListKind::Unreachable,
                        list_id::NONE => ListKind::Untracked,
                        l => match crate::cc::generation_of(l) {
                            Some(g) if step == Step::MoveUnreachable && g == self.target => {
                                ListKind::Young
                            }
                            Some(g) => ListKind::Old(g),
                            None => ListKind::Untracked,
                        },
                    }
                };
                let list = if list != ListKind::Freed && crate::introspect::is_saved_garbage(ptr) {
                    ListKind::Garbage
                } else {
                    list
                };
                report.objects.push(self.state(ptr, id, list, None));
                report.edges.extend(self.edges(ptr, id, &in_set));
            }
            if buffer && !self.flushed {
                self.buffered.push(report);
            } else {
                self.deliver(&report);
            }
        }

        fn deliver(&mut self, report: &PhaseReport) {
            if let Some(obs) = &self.observer {
                if let Ok(mut f) = obs.try_borrow_mut() {
                    let result =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (*f)(report)));
                    if let Err(panic) = result {
                        self.panic.get_or_insert(panic);
                    }
                }
            }
        }
    }

    impl Drop for Recorder {
        fn drop(&mut self) {
            for &(ptr, _) in &self.objects {
                // SAFETY: we hold one weak reference to each.
                if unsafe { ptr.as_ref() }.dec_weak() {
                    // SAFETY: no handle remains and the value was dropped (the strong side gave
                    // back its share).
                    unsafe { heap::free_memory(ptr) };
                }
            }
        }
    }
}

#[cfg(not(feature = "observer"))]
mod disabled {
    use crate::collect::Candidates;
    use crate::header::Links;

    /// Phases, for the collector's calls; the feature `observer` makes them public.
    #[derive(Clone, Copy)]
    pub(crate) enum Step {
        UpdateRefs,
        SubtractRefs,
        ClearWeakrefs,
        Finalize,
        HandleResurrected,
        DeleteGarbage,
        Promote,
    }

    /// Without the feature: records nothing, compiles to nothing.
    pub(crate) struct Recorder;

    impl Recorder {
        #[inline(always)]
        pub(crate) fn new(_generation: usize) -> Recorder {
            Recorder
        }
        #[inline(always)]
        pub(crate) fn inactive() -> Recorder {
            Recorder
        }
        #[inline(always)]
        pub(crate) fn active(&self) -> bool {
            false
        }
        #[inline(always)]
        pub(crate) unsafe fn trial(
            &mut self,
            _step: Step,
            _young: &Links,
            _candidates: Candidates,
        ) {
        }
        #[inline(always)]
        pub(crate) fn after_split(&mut self) {}
        #[inline(always)]
        pub(crate) fn flush(&mut self) {}
        #[inline(always)]
        pub(crate) fn report(&mut self, _step: Step) {}
        #[inline(always)]
        pub(crate) fn take_panic(&mut self) -> Option<Box<dyn std::any::Any + Send>> {
            None
        }
    }
}

#[cfg(not(feature = "observer"))]
pub(crate) use disabled::*;
