//! One adapter per collector under test, and [`COLLECTORS`], the registry of the main
//! section. Each adapter is one small declaration: its pointer and cell types (the node types
//! and the shape methods of [`crate::collector::Collector`] come from `adapter!`), its trace
//! impls, its collect call, and its `ENTRY` ([`crate::registry::CollectorEntry`]: name, role,
//! capabilities, feature-matrix row).
//!
//! [`sync`] holds the thread-safe adapters of the Threads section and their registry.

/// Declare an adapter marker `$marker` whose nodes are `$ptr<...>` handles with `$cell` slots:
/// the three counted node types `Node` (a `$cell` of [`crate::collector::SLOTS`] optional
/// edges), `List` (a `$cell` of a vector of edges) and `Tree` (two fixed children), and
/// `impl Collector for $marker` with every shape method written once here; the items after the
/// `;` (`collect`, and `install`, `collect_young`, `unlogged_collections` where they differ
/// from the defaults) complete the impl. `$ptr` needs `new`, `Clone` and `Deref`; `$cell`
/// needs `new`, `borrow` and `borrow_mut`. The trace impls of `Node`, `List` and `Tree` are
/// the adapter's own (each crate has its trace trait).
macro_rules! adapter {
    ($(#[$doc:meta])* $marker:ident, pointer: $ptr:ident, cell: $cell:ident; $($rest:tt)*) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $marker;

        /// Mutable node.
        pub struct Node {
            slots: $cell<[Option<$ptr<Node>>; $crate::collector::SLOTS]>,
            _counted: $crate::counter::Counted,
        }

        /// Mutable node with a vector of edges.
        pub struct List {
            edges: $cell<Vec<$ptr<List>>>,
            _counted: $crate::counter::Counted,
        }

        /// Immutable binary-tree node.
        pub struct Tree {
            l: Option<$ptr<Tree>>,
            r: Option<$ptr<Tree>>,
            _counted: $crate::counter::Counted,
        }

        impl $crate::collector::Collector for $marker {
            type Node = $ptr<Node>;
            type List = $ptr<List>;
            type Tree = $ptr<Tree>;

            fn node() -> $ptr<Node> {
                $ptr::new(Node {
                    slots: $cell::new(Default::default()),
                    _counted: $crate::counter::Counted::new(),
                })
            }
            fn set(n: &$ptr<Node>, slot: usize, to: Option<&$ptr<Node>>) {
                let old = std::mem::replace(&mut n.slots.borrow_mut()[slot], to.cloned());
                drop(old);
            }
            fn get(n: &$ptr<Node>, slot: usize) -> Option<$ptr<Node>> {
                n.slots.borrow()[slot].clone()
            }

            fn list() -> $ptr<List> {
                $ptr::new(List {
                    edges: $cell::new(Vec::new()),
                    _counted: $crate::counter::Counted::new(),
                })
            }
            fn push(l: &$ptr<List>, to: &$ptr<List>) {
                l.edges.borrow_mut().push(to.clone());
            }
            fn len(l: &$ptr<List>) -> usize {
                l.edges.borrow().len()
            }
            fn replace(l: &$ptr<List>, i: usize, to: &$ptr<List>) {
                let old = std::mem::replace(&mut l.edges.borrow_mut()[i], to.clone());
                drop(old);
            }
            fn swap_remove(l: &$ptr<List>, i: usize) {
                let old = l.edges.borrow_mut().swap_remove(i);
                drop(old);
            }

            fn tree(l: Option<$ptr<Tree>>, r: Option<$ptr<Tree>>) -> $ptr<Tree> {
                $ptr::new(Tree {
                    l,
                    r,
                    _counted: $crate::counter::Counted::new(),
                })
            }
            fn children(t: &$ptr<Tree>) -> (Option<&$ptr<Tree>>, Option<&$ptr<Tree>>) {
                (t.l.as_ref(), t.r.as_ref())
            }

            $($rest)*
        }
    };
}

/// Declares the adapter modules and [`COLLECTORS`] from one list, so that a new collector is
/// its module's name here: the Rust adapters in report order, then the collectors declared
/// elsewhere (CPython's, whose runner is `python/bench.py`).
macro_rules! collectors {
    ($($adapter:ident),* ; $($other:path),*) => {
        $(pub mod $adapter;)*

        /// Every collector of the main section, in report order.
        pub static COLLECTORS: [CollectorEntry; [$(stringify!($adapter),)* $(stringify!($other),)*].len()] =
            [$($adapter::ENTRY,)* $($other,)*];
    };
}

pub mod sync;

use crate::registry::CollectorEntry;

collectors!(gc_core, rc, gcmodule, bacon_rajan_cc, rust_cc, dumpster, gc; crate::cpython::ENTRY);
