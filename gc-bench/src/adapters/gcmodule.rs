//! gcmodule (crates.io `gcmodule`): reference counting plus a CPython-like collector over one
//! list of all tracked objects, run only when asked (`collect_thread_cycles`).
//!
//! The immutable tree type opts out of tracking (`is_type_tracked` false), as gcmodule's docs
//! allow for types that cannot form cycles: its best case, as gc-core's.

use std::cell::RefCell;

use gcmodule::{Cc, Trace, Tracer};

use crate::collector::{timed_collect, Collector, SLOTS};
use crate::counter::Counted;

/// Adapter marker for gcmodule.
#[derive(Debug)]
pub struct GcModule;

/// Mutable node.
pub struct Node {
    slots: RefCell<[Option<Cc<Node>>; SLOTS]>,
    _counted: Counted,
}

impl Trace for Node {
    fn trace(&self, tracer: &mut Tracer) {
        if let Ok(slots) = self.slots.try_borrow() {
            for cc in slots.iter().flatten() {
                cc.trace(tracer);
            }
        }
    }
    fn is_type_tracked() -> bool {
        true
    }
}

/// Mutable node with a vector of edges.
pub struct List {
    edges: RefCell<Vec<Cc<List>>>,
    _counted: Counted,
}

impl Trace for List {
    fn trace(&self, tracer: &mut Tracer) {
        if let Ok(edges) = self.edges.try_borrow() {
            for cc in edges.iter() {
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
    l: Option<Cc<Tree>>,
    r: Option<Cc<Tree>>,
    _counted: Counted,
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

impl Collector for GcModule {
    const NAME: &'static str = "gcmodule";
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
        timed_collect(gcmodule::collect_thread_cycles)
    }
}
