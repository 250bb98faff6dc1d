//! The baseline: `std::sync::Arc` with the slots of a node in a `Mutex`.
//!
//! `Arc` frees acyclic garbage exactly as the reference-counting collectors do and never frees
//! a cycle: every threaded workload makes cyclic garbage, which `Arc` leaks and the leaked
//! column counts (its cells run once, since what leaks stays leaked for the rest of the
//! process). Unlike the single-threaded `rc` baseline there is no `Weak` back-pointer: the
//! shapes here are meant to be cyclic.

use std::sync::{Arc, Mutex};

use crate::counter::SyncCounted;
use crate::sync_collector::{SyncCollector, SLOTS};

/// Adapter marker for `std::sync::Arc`.
#[derive(Debug)]
pub struct ArcCollector;

/// Mutable node.
pub struct Node {
    slots: Mutex<[Option<Arc<Node>>; SLOTS]>,
    _counted: SyncCounted,
}

/// Immutable binary-tree node.
pub struct Tree {
    l: Option<Arc<Tree>>,
    r: Option<Arc<Tree>>,
    _counted: SyncCounted,
}

impl SyncCollector for ArcCollector {
    const NAME: &'static str = "arc";
    const COLLECTS_CYCLES: bool = false;
    type Node = Arc<Node>;
    type Tree = Arc<Tree>;
    type Guard = ();

    fn enter() {}

    fn node() -> Arc<Node> {
        Arc::new(Node {
            slots: Mutex::new(Default::default()),
            _counted: SyncCounted::new(),
        })
    }
    fn set(_: &(), n: &Arc<Node>, slot: usize, to: Option<&Arc<Node>>) {
        let old = std::mem::replace(&mut n.slots.lock().expect("node lock")[slot], to.cloned());
        drop(old);
    }
    fn get(_: &(), n: &Arc<Node>, slot: usize) -> Option<Arc<Node>> {
        n.slots.lock().expect("node lock")[slot].clone()
    }

    fn tree(l: Option<Arc<Tree>>, r: Option<Arc<Tree>>) -> Arc<Tree> {
        Arc::new(Tree {
            l,
            r,
            _counted: SyncCounted::new(),
        })
    }
    fn with_children<R>(
        _: &(),
        t: &Arc<Tree>,
        f: impl FnOnce(Option<&Arc<Tree>>, Option<&Arc<Tree>>) -> R,
    ) -> R {
        f(t.l.as_ref(), t.r.as_ref())
    }

    fn collect() -> usize {
        0
    }
}
