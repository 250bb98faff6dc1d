//! Reference counting with CPython's generational, trial-deletion cycle collector.
//!
//! # The model
//!
//! Every object is reference counted, exactly like [`std::rc::Rc`]: cloning a [`Cc`] adds a
//! strong reference, and the object is freed the moment the last one is dropped. Most objects
//! die this way, at a predictable point, with no collector involved.
//!
//! Reference counting alone cannot free a *cycle*: objects that refer to each other keep each
//! other's counts above zero after the program has let go of all of them. So, as in CPython,
//! objects that could take part in a cycle are also *tracked* in one of three generation lists,
//! and a collection looks for groups of tracked objects that are referenced only from inside
//! the group:
//!
//! ```
//! use gc_core::{Cc, Trace};
//! use std::cell::RefCell;
//!
//! #[derive(Trace)]
//! struct Person {
//!     name: String,
//!     friend: RefCell<Option<Cc<Person>>>,
//! }
//!
//! let alice = Cc::new(Person { name: "alice".into(), friend: RefCell::new(None) });
//! let bob = Cc::new(Person { name: "bob".into(), friend: RefCell::new(Some(alice.clone())) });
//! *alice.friend.borrow_mut() = Some(bob.clone());
//!
//! drop(alice);
//! drop(bob);                          // both counts are still 1: a garbage cycle
//! assert_eq!(gc_core::collect(), 2);  // found and freed
//! ```
//!
//! A collection counts, for each candidate, the references it receives from other candidates
//! (by asking each one, through [`Trace`], which `Cc`s it owns). A candidate whose strong count
//! is larger than that is referenced from outside, so it is alive, and so is everything it
//! reaches. The rest is garbage. Nothing is ever scanned from "roots": the host program never
//! registers anything.
//!
//! # What is tracked
//!
//! Only objects that could ever be part of a cycle pay for the collector. [`Cc::new`] decides
//! per value: a value is tracked when it has interior mutability that can hold a `Cc` (a
//! `RefCell<Option<Cc<_>>>`, say), or when it holds a `Cc` to a tracked object. An immutable
//! value whose children are all untracked can only point at older objects that can never point
//! back, so it is left untracked and costs what an `Rc` costs: a 16-byte header. Tracked
//! objects carry 16 more bytes of list links.
//!
//! ```
//! use gc_core::{Cc, Trace};
//! #[derive(Trace)]
//! struct Leaf { left: Option<Cc<Leaf>>, right: Option<Cc<Leaf>> }
//!
//! let tree = Cc::new(Leaf { left: Some(Cc::new(Leaf { left: None, right: None })), right: None });
//! assert!(!Cc::is_tracked(&tree)); // immutable tree built bottom-up: plain reference counting
//! ```
//!
//! # Generations and automatic collection
//!
//! New tracked objects enter generation 0. When tracked allocations minus deallocations exceed
//! the first threshold (2000), a tracked allocation collects generation 0; survivors move to
//! generation 1, and so on. Thresholds, counts, `freeze` and statistics mirror Python's `gc`
//! module:
//!
//! ```
//! assert_eq!(gc_core::get_threshold(), (2000, 10, 10));
//! gc_core::collect();
//! let stats = gc_core::get_stats();
//! assert!(stats[2].collections >= 1);
//! println!("full collections: {}, objects examined: {}", stats[2].collections, stats[2].candidates);
//! ```
//!
//! # Finalizers and resurrection
//!
//! [`Cc::new_finalizable`] attaches a [`Finalize`] impl: Python's `__del__` with the semantics
//! of PEP 442. It runs once, before the value is dropped, and may resurrect its object by
//! storing a clone of the handle it is given:
//!
//! ```
//! use gc_core::{Cc, Finalize, Trace};
//! use std::cell::RefCell;
//!
//! thread_local!(static SAVED: RefCell<Option<Cc<Phoenix>>> = const { RefCell::new(None) });
//!
//! #[derive(Trace)]
//! struct Phoenix { me: RefCell<Option<Cc<Phoenix>>> }
//!
//! impl Finalize for Phoenix {
//!     fn finalize(this: &Cc<Self>) {
//!         SAVED.with(|s| *s.borrow_mut() = Some(this.clone())); // rise again
//!     }
//! }
//!
//! let p = Cc::new_finalizable(Phoenix { me: RefCell::new(None) });
//! *p.me.borrow_mut() = Some(p.clone());
//! drop(p);
//! assert_eq!(gc_core::collect(), 0);     // the finalizer ran and resurrected it
//! let p = SAVED.with(|s| s.borrow_mut().take()).unwrap();
//! assert!(Cc::is_finalized(&p));
//! p.me.borrow_mut().take();              // break the cycle: freed by reference count,
//! drop(p);                               // and the finalizer does not run twice
//! ```
//!
//! # Teardown order, and what a `Drop` may do
//!
//! When a collection finds garbage it: (1) clears every [`Weak`] to it and hands the objects
//! that had some to the [`weak_callbacks`] hooks (where an embedded language runs its weakref
//! callbacks, as CPython does, before any `__del__`), (2) runs finalizers with the whole set
//! intact, (3) checks again for objects a hook or a finalizer resurrected, then (4) marks every
//! object dead, drops the values, and frees the memory once no handle remains.
//!
//! A `Drop` impl of a cycle member may therefore find that a `Cc` it holds points at an object
//! already torn down. Dereferencing it panics with a clear message; [`Cc::try_deref`] returns
//! `None` instead. It is never undefined behaviour:
//!
//! ```
//! use gc_core::{Cc, Trace};
//! use std::cell::{Cell, RefCell};
//!
//! thread_local!(static SAW_DEAD: Cell<bool> = const { Cell::new(false) });
//!
//! #[derive(Trace)]
//! struct Node { other: RefCell<Option<Cc<Node>>> }
//!
//! impl Drop for Node {
//!     fn drop(&mut self) {
//!         if let Some(other) = self.other.borrow().as_ref() {
//!             // The other member of the cycle is dead, not dangling.
//!             SAW_DEAD.with(|s| s.set(s.get() || Cc::try_deref(other).is_none()));
//!         }
//!     }
//! }
//!
//! let a = Cc::new(Node { other: RefCell::new(None) });
//! let b = Cc::new(Node { other: RefCell::new(Some(a.clone())) });
//! *a.other.borrow_mut() = Some(b.clone());
//! drop((a, b));
//! gc_core::collect();
//! assert!(SAW_DEAD.with(Cell::get));
//! ```
//!
//! A collection started by an allocation runs that user code inside [`Cc::new`]; an embedder
//! that holds borrows across allocations can have it run at a point of its choosing instead,
//! with [`set_safe_points`] and [`safe_point`].
//!
//! A panic in `Trace`, `Drop` or a finalizer during a collection leaves the collector
//! consistent; the collection finishes what it can and re-raises the first panic. A collection
//! asked for from inside a collection returns 0. Dropping a chain of a million `Cc`s, and
//! collecting a ring of a million, use bounded stack.
//!
//! # Threads
//!
//! `Cc` is `!Send` and `!Sync`. Every thread has its own heap and collector; all functions act
//! on the calling thread's.
//!
//! # Memory
//!
//! Objects of up to 512 bytes come from per-thread size-class pools (as CPython's pymalloc):
//! allocation and freeing are a few instructions, and objects allocated together sit together,
//! which keeps collections walking memory in order. Chunks go back to the system at thread exit
//! once empty.
//!
//! # Cargo features
//!
//! - `observer`: the [`observer`] module, a hook that sees every phase of a collection (for
//!   gc-viz and for tests). Without it the hook compiles to nothing.
//! - `system-alloc`: allocate every object with the global allocator instead of the pools, so
//!   that AddressSanitizer or valgrind see each object as its own allocation.
//!
//! # Introspection
//!
//! [`AnyCc`], [`get_objects`], [`get_referrers`], [`get_referents`], [`garbage`], [`callbacks`]
//! and the [`DebugFlags`] give what Python's `gc` module gives; with the feature `observer`,
//! the [`observer`] module reports the state of every object after each phase of a collection.
//! The design and invariants are written down in `DESIGN.md` and in the module docs of
//! `collect`, `header` and `list`.

#![warn(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]

extern crate self as gc_core;

mod backoff;
mod cc;
mod collect;
mod gc;
mod header;
mod heap;
mod incremental;
mod introspect;
mod list;
pub mod observer;
mod pool;
mod registry;
pub mod sync;
mod trace;
mod trace_impls;
pub mod weak_callbacks;

pub use cc::{Cc, Finalize, Weak};
pub use gc::{
    collect, collect_generation, collect_slice, disable, enable, freeze, get_count,
    get_freeze_count, get_incremental, get_incremental_stats, get_stats, get_threshold,
    get_young_threshold, is_collection_scheduled, is_enabled, safe_point, safe_points_enabled,
    set_incremental, set_safe_points, set_threshold, set_young_backoff, unfreeze,
};
pub use gc_derive::Trace;
pub use heap::GenerationStats;
pub use incremental::IncrementalStats;
pub use introspect::{
    callbacks, clear_garbage, garbage, get_debug, get_frozen_objects, get_objects, get_referents,
    get_referrers, set_debug, AnyCc, CollectInfo, DebugFlags, Phase,
};
pub use trace::{EdgeName, Trace, Visitor};

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
