//! dumpster (crates.io `dumpster`), its single-threaded `unsync` module: reference counting
//! where dropping a shared `Gc` marks it dirty, and a collection walks the dirty objects'
//! subgraphs to find the unreachable ones. It collects on its own when the dropped `Gc`s
//! outnumber the live ones (its default condition, counted here) or when asked (`collect`).

use std::cell::{Cell, RefCell};

use dumpster::unsync::{self, CollectInfo, Gc};
use dumpster::{TraceWith, Visitor};

use crate::collector::{timed_collect, Collector, SLOTS};
use crate::counter::Counted;

/// Adapter marker for dumpster.
#[derive(Debug)]
pub struct Dumpster;

/// Mutable node.
pub struct Node {
    slots: RefCell<[Option<Gc<Node>>; SLOTS]>,
    _counted: Counted,
}

// SAFETY: `accept` visits every `Gc` in the slots; `Counted` holds none.
unsafe impl<V: Visitor> TraceWith<V> for Node {
    fn accept(&self, visitor: &mut V) -> Result<(), ()> {
        self.slots.accept(visitor)
    }
}

/// Mutable node with a vector of edges.
pub struct List {
    edges: RefCell<Vec<Gc<List>>>,
    _counted: Counted,
}

// SAFETY: as for `Node`.
unsafe impl<V: Visitor> TraceWith<V> for List {
    fn accept(&self, visitor: &mut V) -> Result<(), ()> {
        self.edges.accept(visitor)
    }
}

/// Immutable binary-tree node.
pub struct Tree {
    l: Option<Gc<Tree>>,
    r: Option<Gc<Tree>>,
    _counted: Counted,
}

// SAFETY: as for `Node`.
unsafe impl<V: Visitor> TraceWith<V> for Tree {
    fn accept(&self, visitor: &mut V) -> Result<(), ()> {
        self.l.accept(visitor)?;
        self.r.accept(visitor)
    }
}

thread_local! {
    static AUTOMATIC: Cell<u64> = const { Cell::new(0) };
}

/// dumpster's default condition, counting the collections it starts.
fn counting_condition(info: &CollectInfo) -> bool {
    let go = unsync::default_collect_condition(info);
    if go {
        AUTOMATIC.with(|a| a.set(a.get() + 1));
    }
    go
}

impl Collector for Dumpster {
    const NAME: &'static str = "dumpster";
    const AUTOMATIC: bool = true;
    type Node = Gc<Node>;
    type List = Gc<List>;
    type Tree = Gc<Tree>;

    fn node() -> Gc<Node> {
        Gc::new(Node {
            slots: RefCell::new(Default::default()),
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
            edges: RefCell::new(Vec::new()),
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
        timed_collect(|| {
            unsync::collect();
            0
        })
    }
    fn install() {
        unsync::set_collect_condition(counting_condition);
    }
    fn unlogged_collections() -> u64 {
        AUTOMATIC.with(Cell::get)
    }
}
