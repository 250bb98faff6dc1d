//! gc-core, the collector this workspace builds: CPython's design in Rust.
//!
//! Nodes with `RefCell` slots are tracked; immutable tree nodes (whose children are untracked)
//! are not, so binary-trees with immutable nodes pays only for reference counting. Every
//! collection, automatic or explicit, is observed through `gc_core::callbacks`, which gives the
//! collection count and the longest pause.

use std::cell::RefCell;

use gc_core::{Cc, Trace, Visitor};

use crate::collector::{record_pause, Collector, SLOTS};
use crate::counter::Counted;

/// Adapter marker for gc-core.
#[derive(Debug)]
pub struct GcCore;

/// Mutable node.
pub struct Node {
    slots: RefCell<[Option<Cc<Node>>; SLOTS]>,
    _counted: Counted,
}

// SAFETY: `trace` reports every `Cc` the node owns (its slots); `Counted` owns none.
unsafe impl Trace for Node {
    fn trace<V: Visitor>(&self, v: &mut V) {
        match self.slots.try_borrow() {
            Ok(slots) => {
                for cc in slots.iter().flatten() {
                    v.visit(cc);
                }
            }
            Err(_) => v.visit_borrowed(),
        }
    }
}

/// Mutable node with a vector of edges.
pub struct List {
    edges: RefCell<Vec<Cc<List>>>,
    _counted: Counted,
}

// SAFETY: `trace` reports every `Cc` in `edges`; `Counted` owns none.
unsafe impl Trace for List {
    fn trace<V: Visitor>(&self, v: &mut V) {
        match self.edges.try_borrow() {
            Ok(edges) => {
                for cc in edges.iter() {
                    v.visit(cc);
                }
            }
            Err(_) => v.visit_borrowed(),
        }
    }
}

/// Immutable binary-tree node: no interior mutability, children untracked, so gc-core does
/// not track it.
pub struct Tree {
    l: Option<Cc<Tree>>,
    r: Option<Cc<Tree>>,
    _counted: Counted,
}

// SAFETY: `trace` reports both children; `Counted` owns no `Cc`.
unsafe impl Trace for Tree {
    fn trace<V: Visitor>(&self, v: &mut V) {
        if let Some(l) = &self.l {
            v.visit(l);
        }
        if let Some(r) = &self.r {
            v.visit(r);
        }
    }
    fn needs_tracking(&self) -> bool {
        self.l.as_ref().is_some_and(Cc::is_tracked) || self.r.as_ref().is_some_and(Cc::is_tracked)
    }
}

thread_local! {
    static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl Collector for GcCore {
    const NAME: &'static str = "gc-core";
    const GENERATIONAL: bool = true;
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
        gc_core::collect()
    }
    fn collect_young() -> usize {
        gc_core::collect_generation(0)
    }
    fn install() {
        if INSTALLED.with(|i| i.replace(true)) {
            return;
        }
        // Every collection, automatic or explicit, goes into the pause log.
        let _id = gc_core::callbacks::add(|phase: gc_core::Phase, info: &gc_core::CollectInfo| {
            if matches!(phase, gc_core::Phase::Stop) {
                record_pause(info.duration);
            }
        });
    }
}

/// Is the node type tracked by gc-core (for tests and the report)?
pub fn node_is_tracked() -> bool {
    Cc::is_tracked(&GcCore::node())
}

/// Is the immutable tree type tracked by gc-core?
pub fn tree_is_tracked() -> bool {
    let leaf = GcCore::tree(None, None);
    Cc::is_tracked(&GcCore::tree(Some(leaf), None))
}
