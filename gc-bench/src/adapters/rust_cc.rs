//! rust-cc (crates.io `rust-cc`, lib `rust_cc`): reference counting plus a cycle collector that
//! buffers possible roots and runs a trial-deletion-like pass over them, automatically (its
//! default `auto-collect` feature, by allocated bytes) or when asked (`collect_cycles`).

use std::cell::{Cell, RefCell};

use rust_cc::{Cc, Context, Finalize, Trace};

use crate::collector::{timed_collect, Collector, SLOTS};
use crate::counter::Counted;

/// Adapter marker for rust-cc.
#[derive(Debug)]
pub struct RustCc;

/// Mutable node.
pub struct Node {
    slots: RefCell<[Option<Cc<Node>>; SLOTS]>,
    _counted: Counted,
}

// SAFETY: `trace` visits every `Cc` in the slots and nothing else; `Counted`'s `Drop` touches
// no `Cc`.
unsafe impl Trace for Node {
    fn trace(&self, ctx: &mut Context<'_>) {
        self.slots.trace(ctx);
    }
}
impl Finalize for Node {}

/// Mutable node with a vector of edges.
pub struct List {
    edges: RefCell<Vec<Cc<List>>>,
    _counted: Counted,
}

// SAFETY: as for `Node`.
unsafe impl Trace for List {
    fn trace(&self, ctx: &mut Context<'_>) {
        self.edges.trace(ctx);
    }
}
impl Finalize for List {}

/// Immutable binary-tree node.
pub struct Tree {
    l: Option<Cc<Tree>>,
    r: Option<Cc<Tree>>,
    _counted: Counted,
}

// SAFETY: as for `Node`.
unsafe impl Trace for Tree {
    fn trace(&self, ctx: &mut Context<'_>) {
        self.l.trace(ctx);
        self.r.trace(ctx);
    }
}
impl Finalize for Tree {}

thread_local! {
    static EXPLICIT: Cell<u64> = const { Cell::new(0) };
}

impl Collector for RustCc {
    const NAME: &'static str = "rust-cc";
    const AUTOMATIC: bool = true;
    type Node = Cc<Node>;
    type List = Cc<List>;
    type Tree = Cc<Tree>;

    fn node() -> Cc<Node> {
        Cc::new(Node {
            slots: RefCell::new(Default::default()),
            _counted: Counted::new(),
        })
    }
    fn set(n: &Cc<Node>, slot: usize, to: Option<&Cc<Node>>) {
        let old = std::mem::replace(&mut n.slots.borrow_mut()[slot], to.cloned());
        drop(old);
    }
    fn get(n: &Cc<Node>, slot: usize) -> Option<Cc<Node>> {
        n.slots.borrow()[slot].clone()
    }

    fn list() -> Cc<List> {
        Cc::new(List {
            edges: RefCell::new(Vec::new()),
            _counted: Counted::new(),
        })
    }
    fn push(l: &Cc<List>, to: &Cc<List>) {
        l.edges.borrow_mut().push(to.clone());
    }
    fn len(l: &Cc<List>) -> usize {
        l.edges.borrow().len()
    }
    fn replace(l: &Cc<List>, i: usize, to: &Cc<List>) {
        let old = std::mem::replace(&mut l.edges.borrow_mut()[i], to.clone());
        drop(old);
    }
    fn swap_remove(l: &Cc<List>, i: usize) {
        let old = l.edges.borrow_mut().swap_remove(i);
        drop(old);
    }

    fn tree(l: Option<Cc<Tree>>, r: Option<Cc<Tree>>) -> Cc<Tree> {
        Cc::new(Tree {
            l,
            r,
            _counted: Counted::new(),
        })
    }
    fn children(t: &Cc<Tree>) -> (Option<&Cc<Tree>>, Option<&Cc<Tree>>) {
        (t.l.as_ref(), t.r.as_ref())
    }

    fn collect() -> usize {
        EXPLICIT.with(|e| e.set(e.get() + 1));
        timed_collect(|| {
            rust_cc::collect_cycles();
            0
        })
    }
    fn unlogged_collections() -> u64 {
        let all = rust_cc::state::executions_count().unwrap_or(0) as u64;
        all.saturating_sub(EXPLICIT.with(Cell::get))
    }
}
