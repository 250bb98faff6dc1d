//! gc (crates.io `gc`, rust-gc): a tracing mark-and-sweep collector with rooting, not
//! reference counting. Garbage, acyclic or not, is freed only by a collection; it collects on
//! its own when allocated bytes pass a growing threshold, or when asked (`force_collect`).

use std::cell::Cell;

use gc::{custom_trace, Finalize, Gc, GcCell, Trace};

use crate::collector::{timed_collect, Collector, SLOTS};
use crate::counter::Counted;

/// Adapter marker for rust-gc.
#[derive(Debug)]
pub struct RustGc;

/// Mutable node.
pub struct Node {
    slots: GcCell<[Option<Gc<Node>>; SLOTS]>,
    _counted: Counted,
}

impl Finalize for Node {}
// SAFETY: marks every `Gc` in the slots; `Counted` holds none.
unsafe impl Trace for Node {
    custom_trace!(this, mark(&this.slots));
}

/// Mutable node with a vector of edges.
pub struct List {
    edges: GcCell<Vec<Gc<List>>>,
    _counted: Counted,
}

impl Finalize for List {}
// SAFETY: as for `Node`.
unsafe impl Trace for List {
    custom_trace!(this, mark(&this.edges));
}

/// Immutable binary-tree node.
pub struct Tree {
    l: Option<Gc<Tree>>,
    r: Option<Gc<Tree>>,
    _counted: Counted,
}

impl Finalize for Tree {}
// SAFETY: as for `Node`.
unsafe impl Trace for Tree {
    custom_trace!(this, {
        mark(&this.l);
        mark(&this.r);
    });
}

thread_local! {
    static EXPLICIT: Cell<u64> = const { Cell::new(0) };
}

impl Collector for RustGc {
    const NAME: &'static str = "gc";
    const AUTOMATIC: bool = true;
    type Node = Gc<Node>;
    type List = Gc<List>;
    type Tree = Gc<Tree>;

    fn node() -> Gc<Node> {
        Gc::new(Node {
            slots: GcCell::new(Default::default()),
            _counted: Counted::new(),
        })
    }
    fn set(n: &Gc<Node>, slot: usize, to: Option<&Gc<Node>>) {
        let old = std::mem::replace(&mut n.slots.borrow_mut()[slot], to.cloned());
        drop(old);
    }
    fn get(n: &Gc<Node>, slot: usize) -> Option<Gc<Node>> {
        n.slots.borrow()[slot].clone()
    }

    fn list() -> Gc<List> {
        Gc::new(List {
            edges: GcCell::new(Vec::new()),
            _counted: Counted::new(),
        })
    }
    fn push(l: &Gc<List>, to: &Gc<List>) {
        l.edges.borrow_mut().push(to.clone());
    }
    fn len(l: &Gc<List>) -> usize {
        l.edges.borrow().len()
    }
    fn replace(l: &Gc<List>, i: usize, to: &Gc<List>) {
        let old = std::mem::replace(&mut l.edges.borrow_mut()[i], to.clone());
        drop(old);
    }
    fn swap_remove(l: &Gc<List>, i: usize) {
        let old = l.edges.borrow_mut().swap_remove(i);
        drop(old);
    }

    fn tree(l: Option<Gc<Tree>>, r: Option<Gc<Tree>>) -> Gc<Tree> {
        Gc::new(Tree {
            l,
            r,
            _counted: Counted::new(),
        })
    }
    fn children(t: &Gc<Tree>) -> (Option<&Gc<Tree>>, Option<&Gc<Tree>>) {
        (t.l.as_ref(), t.r.as_ref())
    }

    fn collect() -> usize {
        EXPLICIT.with(|e| e.set(e.get() + 1));
        timed_collect(|| {
            gc::force_collect();
            0
        })
    }
    fn unlogged_collections() -> u64 {
        let all = gc::stats().collections_performed as u64;
        all.saturating_sub(EXPLICIT.with(Cell::get))
    }
}
