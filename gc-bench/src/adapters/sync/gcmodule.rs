//! gcmodule (crates.io `gcmodule`, feature `sync`): `ThreadedCc`, reference counting plus the
//! CPython-like collector of one `ThreadedObjectSpace` (here one for the process), run only
//! when asked (`collect_cycles`). Creating or freeing a tracked object takes the space's list
//! lock; every dereference (`borrow()`) and every drop takes the collector lock for reading, and
//! a collection takes it for writing, so a collection waits for every outstanding borrow.
//!
//! Collections are serialised by this adapter: gcmodule 0.3.3 releases its locks before it
//! drops the unreachable objects, and a second collection started meanwhile on another thread
//! trips its own "unexpected ref-count after dropping cycles" assertion (seen on
//! threads-build-drop, where both threads collect).
//!
//! The immutable tree type opts out of tracking (`is_type_tracked` false), as in the
//! single-threaded gcmodule adapter.

use std::sync::{LazyLock, Mutex};

use gcmodule::{ThreadedCc, ThreadedObjectSpace, Trace, Tracer};

use crate::counter::SyncCounted;
use crate::sync_collector::{timed_collect, SyncCollector, SLOTS};

/// Adapter marker for gcmodule's threaded collector.
#[derive(Debug)]
pub struct GcModuleThreaded;

/// The process-wide object space every node of this adapter lives in.
static SPACE: LazyLock<ThreadedObjectSpace> = LazyLock::new(ThreadedObjectSpace::default);

/// Held for the whole of a collection, drops included (see the module docs).
static ONE_COLLECTION: Mutex<()> = Mutex::new(());

/// Mutable node.
pub struct Node {
    slots: Mutex<[Option<ThreadedCc<Node>>; SLOTS]>,
    _counted: SyncCounted,
}

impl Trace for Node {
    fn trace(&self, tracer: &mut Tracer) {
        // A mutex held elsewhere means an outstanding borrow, which keeps the collector out.
        if let Ok(slots) = self.slots.try_lock() {
            for cc in slots.iter().flatten() {
                cc.trace(tracer);
            }
        }
    }
    fn is_type_tracked() -> bool {
        true
    }
}

/// Immutable binary-tree node (not tracked).
pub struct Tree {
    l: Option<ThreadedCc<Tree>>,
    r: Option<ThreadedCc<Tree>>,
    _counted: SyncCounted,
}

impl Trace for Tree {
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(l) = &self.l {
            l.trace(tracer);
        }
        if let Some(r) = &self.r {
            r.trace(tracer);
        }
    }
    fn is_type_tracked() -> bool {
        false
    }
}

impl SyncCollector for GcModuleThreaded {
    const NAME: &'static str = "gcmodule-threaded";
    type Node = ThreadedCc<Node>;
    type Tree = ThreadedCc<Tree>;
    type Guard = ();

    fn enter() {}

    fn node() -> ThreadedCc<Node> {
        SPACE.create(Node {
            slots: Mutex::new(Default::default()),
            _counted: SyncCounted::new(),
        })
    }
    fn set(_: &(), n: &ThreadedCc<Node>, slot: usize, to: Option<&ThreadedCc<Node>>) {
        let old = {
            let node = n.borrow();
            let mut slots = node.slots.lock().expect("node lock");
            std::mem::replace(&mut slots[slot], to.cloned())
        };
        drop(old);
    }
    fn get(_: &(), n: &ThreadedCc<Node>, slot: usize) -> Option<ThreadedCc<Node>> {
        n.borrow().slots.lock().expect("node lock")[slot].clone()
    }

    fn tree(l: Option<ThreadedCc<Tree>>, r: Option<ThreadedCc<Tree>>) -> ThreadedCc<Tree> {
        SPACE.create(Tree {
            l,
            r,
            _counted: SyncCounted::new(),
        })
    }
    fn with_children<R>(
        _: &(),
        t: &ThreadedCc<Tree>,
        f: impl FnOnce(Option<&ThreadedCc<Tree>>, Option<&ThreadedCc<Tree>>) -> R,
    ) -> R {
        let t = t.borrow();
        f(t.l.as_ref(), t.r.as_ref())
    }

    fn collect() -> usize {
        let _one = ONE_COLLECTION.lock().unwrap_or_else(|e| e.into_inner());
        timed_collect(|| SPACE.collect_cycles())
    }
}
