//! The baseline: `std::rc::Rc` with `RefCell` slots and a `Weak` back-pointer slot.
//!
//! `Rc` frees acyclic garbage exactly as a reference-counting collector does and cannot free
//! cycles: on cyclic workloads it shows what the cycle collectors add (time) and what they
//! save (the leaked column). Where the shape allows it (doubly linked lists, parent pointers)
//! the back edge is a `Weak`, which is how Rust programs avoid the leak by hand.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use crate::collector::{Collector, SLOTS};
use crate::counter::Counted;
use crate::registry::{rust, About, Caps, CollectorEntry, NodeBytes, Role};
use crate::workloads::BACK;

/// Adapter marker for `std::rc::Rc`.
#[derive(Debug)]
pub struct RcCollector;

/// Strong slots and one weak back slot, under one borrow flag (same size as the collectors'
/// three strong slots).
type Slots = ([Option<Rc<Node>>; SLOTS - 1], Option<Weak<Node>>);

/// Mutable node.
pub struct Node {
    slots: RefCell<Slots>,
    _counted: Counted,
}

/// Mutable node with a vector of edges.
pub struct List {
    edges: RefCell<Vec<Rc<List>>>,
    _counted: Counted,
}

/// Immutable binary-tree node.
pub struct Tree {
    l: Option<Rc<Tree>>,
    r: Option<Rc<Tree>>,
    _counted: Counted,
}

impl Collector for RcCollector {
    type Node = Rc<Node>;
    type List = Rc<List>;
    type Tree = Rc<Tree>;

    fn node() -> Rc<Node> {
        Rc::new(Node {
            slots: RefCell::new((Default::default(), None)),
            _counted: Counted::new(),
        })
    }
    fn set(n: &Rc<Node>, slot: usize, to: Option<&Rc<Node>>) {
        let mut s = n.slots.borrow_mut();
        if slot == BACK {
            s.1 = to.map(Rc::downgrade);
        } else {
            s.0[slot] = to.cloned();
        }
    }
    fn set_back(n: &Rc<Node>, slot: usize, to: Option<&Rc<Node>>) {
        if slot == BACK {
            n.slots.borrow_mut().1 = to.map(Rc::downgrade);
        } else {
            Self::set(n, slot, to);
        }
    }
    fn get(n: &Rc<Node>, slot: usize) -> Option<Rc<Node>> {
        let s = n.slots.borrow();
        if slot == BACK {
            s.1.as_ref().and_then(Weak::upgrade)
        } else {
            s.0[slot].clone()
        }
    }

    fn list() -> Rc<List> {
        Rc::new(List {
            edges: RefCell::new(Vec::new()),
            _counted: Counted::new(),
        })
    }
    fn push(l: &Rc<List>, to: &Rc<List>) {
        l.edges.borrow_mut().push(to.clone());
    }
    fn len(l: &Rc<List>) -> usize {
        l.edges.borrow().len()
    }
    fn replace(l: &Rc<List>, i: usize, to: &Rc<List>) {
        let old = std::mem::replace(&mut l.edges.borrow_mut()[i], to.clone());
        drop(old);
    }
    fn swap_remove(l: &Rc<List>, i: usize) {
        let old = l.edges.borrow_mut().swap_remove(i);
        drop(old);
    }

    fn tree(l: Option<Rc<Tree>>, r: Option<Rc<Tree>>) -> Rc<Tree> {
        Rc::new(Tree {
            l,
            r,
            _counted: Counted::new(),
        })
    }
    fn children(t: &Rc<Tree>) -> (Option<&Rc<Tree>>, Option<&Rc<Tree>>) {
        (t.l.as_ref(), t.r.as_ref())
    }

    fn collect() -> usize {
        0
    }
}

/// `Rc` in the registry: the baseline, with no collector, leaking cycles.
pub const ENTRY: CollectorEntry = CollectorEntry {
    name: "rc",
    label: "Rc",
    role: Role::Baseline,
    caps: Caps {
        collects: false,
        frees_cycles: false,
        weak_refs: true,
        ..Caps::CYCLE_COLLECTOR
    },
    runner: rust::<RcCollector>(),
    about: Some(About {
        version: "std",
        what: "reference counting only",
        cycles: "no (leaks them)",
        generations: "-",
        finalizers: "`Drop` only",
        weak: "yes (`Weak`)",
        threads: "`Arc`",
        incremental: "-",
        bytes: NodeBytes::Measured {
            allocation: crate::why::node_allocation::<RcCollector>,
            value: std::mem::size_of::<Node>(),
        },
    }),
};
