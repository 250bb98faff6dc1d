//! The workloads: each one declared once, as one entry of the `workloads!` table (name,
//! unit, what it needs of a collector, its goal, its description and its "why" for the report,
//! and its run, generic over the [`Collector`] adapter), with the program it runs below.
//!
//! Every workload ends with its roots dropped. Most time their whole life (allocation,
//! mutation, drop and one final full collection, so that every collector has freed its
//! garbage when the clock stops); the ones that measure the collector itself (gc_collect,
//! gc_traversal, the live heaps and the young collections) build their heap off the clock and
//! time only the collections. [`Workload::describe`] says which, in words, for the report.

use crate::collector::{Collector, SLOTS};
pub use crate::registry::Needs;
use crate::registry::Role;
use crate::rng::Rng;
pub use crate::sizes::Sizes;
pub use crate::stopwatch::Stopwatch;

/// The back-pointer slot of a [`Collector::Node`] (a list's `prev`, a tree's `parent`).
pub const BACK: usize = SLOTS - 1;

/// A goal bounding the subject's time per unit on a workload by another collector's (the
/// median over rounds of the per-round ratio, at most `at_most`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// The collector compared with, by its role.
    pub against: Role,
    /// The largest ratio that meets the goal.
    pub at_most: f64,
    /// The goal as printed.
    pub goal: &'static str,
    /// How the figure is computed, as printed.
    pub how: &'static str,
}

/// A script of `minipy/benchmarks/` that a workload runs on minipy and on CPython.
#[derive(Debug, Clone, Copy)]
pub struct Script {
    /// The file name without `.py` (`gc_collect`).
    pub file: &'static str,
    /// Its two arguments at the given sizes.
    pub args: fn(&Sizes) -> [usize; 2],
    /// What the gc time is divided by, in the goal ("per collected object").
    pub per: &'static str,
    /// What the units are when they are not the objects collected (in the description).
    pub units_note: &'static str,
}

/// A real program of `minipy/realprograms/programs/` (pyperformance's, unmodified) that a
/// workload runs on minipy and on CPython ([`crate::realprograms`]).
#[derive(Debug, Clone, Copy)]
pub struct RealProgram {
    /// The file name without `.py` (`go`).
    pub file: &'static str,
    /// What the program does, in a few words.
    pub what: &'static str,
}

/// `Some` of the expression given, `None` without one (an optional field of `workloads!`).
macro_rules! optional {
    () => {
        None
    };
    ($e:expr) => {
        Some($e)
    };
}

/// Declares the workloads, one entry each, and generates from them the [`Workload`] enum,
/// its data methods and [`run`]. An entry is
///
/// ```text
/// /// doc of the variant
/// Variant {
///     name: "cli-name", unit: "what one unit is", needs: Needs { .. },
///     cyclic_garbage: bool, script: Option<Script>, [real: RealProgram,] bound: Option<Bound>,
///     describe: |s| String (s: &Sizes), why: &'static str,
///     run: |s, sw| Result<u64, String> (s: &Sizes, sw: &mut Stopwatch; the adapter is `C`),
/// }
/// ```
macro_rules! workloads {
    ($(
        $(#[$doc:meta])*
        $v:ident {
            name: $name:literal,
            unit: $unit:literal,
            needs: $needs:expr,
            cyclic_garbage: $cyclic:literal,
            script: $script:expr,
            $(real: $real:expr,)?
            bound: $bound:expr,
            describe: |$ds:ident| $describe:expr,
            why: $why:expr,
            run: |$rs:ident, $rsw:ident| $run:expr $(,)?
        }
    ),* $(,)?) => {
        /// Every workload the bench knows, in report order (declared in `workloads!`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Workload {
            $($(#[$doc])* $v,)*
        }

        impl Workload {
            /// All workloads, in report order.
            pub const ALL: [Workload; [$($name),*].len()] = [$(Workload::$v),*];

            /// The name used on the command line, in tables and in CSV.
            pub fn name(self) -> &'static str {
                match self {
                    $(Workload::$v => $name,)*
                }
            }

            /// What one unit of the `objects` column is for this workload.
            pub fn unit(self) -> &'static str {
                match self {
                    $(Workload::$v => $unit,)*
                }
            }

            /// What the workload needs of a collector (see [`crate::registry::left_out`]).
            pub fn needs(self) -> Needs {
                match self {
                    $(Workload::$v => $needs,)*
                }
            }

            /// Does the workload make cyclic garbage (that a collector without cycle
            /// collection leaks)?
            pub fn makes_cyclic_garbage(self) -> bool {
                match self {
                    $(Workload::$v => $cyclic,)*
                }
            }

            /// The `minipy/benchmarks/` script this workload runs, if it is one.
            pub fn script_spec(self) -> Option<Script> {
                match self {
                    $(Workload::$v => $script,)*
                }
            }

            /// The real program of `minipy/realprograms/programs/` this workload runs, if
            /// it is one.
            pub fn real_program(self) -> Option<RealProgram> {
                match self {
                    $(Workload::$v => optional!($($real)?),)*
                }
            }

            /// The goal bounding gc-core's time by another collector's on this workload, if
            /// any.
            pub fn bound(self) -> Option<Bound> {
                match self {
                    $(Workload::$v => $bound,)*
                }
            }

            /// One paragraph for the report: shape, sizes and what the clock covers.
            pub fn describe(self, s: &Sizes) -> String {
                match self {
                    $(Workload::$v => {
                        let $ds = s;
                        $describe
                    })*
                }
            }

            /// What decides the workload, in plain words (the report's "Why each result").
            pub fn why(self) -> &'static str {
                match self {
                    $(Workload::$v => $why,)*
                }
            }
        }

        /// Run one workload once. Returns the number of units (see [`Workload::unit`]) or the
        /// reason it could not run. The stopwatch holds the measured time afterwards.
        pub fn run<C: Collector>(w: Workload, s: &Sizes, sw: &mut Stopwatch) -> Result<u64, String> {
            match w {
                $(Workload::$v => {
                    let $rs = s;
                    let $rsw = sw;
                    $run
                })*
            }
        }
    };
}

/// The needs of a workload that any collector runs.
const ANY: Needs = Needs {
    collections: false,
    python: false,
};
/// The needs of a workload that times only collections.
const COLLECTIONS: Needs = Needs {
    collections: true,
    python: false,
};
/// The needs of a Python program.
const PYTHON: Needs = Needs {
    collections: false,
    python: true,
};

/// How the goals against `Rc` are computed.
const PER_ROUND_RC: &str = "median over rounds of (gc-core time / rc time), rounds interleaved";

/// Why the parent-pointer trees and the doubly linked lists come out as they do.
const WHY_BACK_POINTERS: &str = "Cyclic garbage (every parent or prev pointer closes a cycle). Rc avoids the leak with a Weak back-pointer and needs no collector; the collectors must find every dropped structure: gc-core and gcmodule by trial deletion over the tracked lists, bacon_rajan_cc, rust-cc and dumpster from the candidates buffered when a count was decremented, gc by tracing from roots and sweeping its chain of boxes.";
/// Why the cyclic-garbage workloads come out as they do.
const WHY_CYCLES: &str = "Finding and freeing cyclic garbage. The cost per object is the collector's cycle detection: gc-core and gcmodule walk their lists of tracked objects; the candidate-buffer collectors scan from each buffered root; gc marks the live set and sweeps every box. Rc leaks (its leaked column).";
/// Why the collections of a live heap come out as they do.
const WHY_LIVE_HEAP: &str = "One full collection of a live heap that frees nothing: the cost per object examined is traversal, dominated by memory access. Allocation order matters: gc-core's pools place objects allocated together next to each other (`pool.rs`), so walking the ordered chain reads memory mostly in order; the random chain jumps around memory for every collector.";
/// Why the young collections come out as they do.
const WHY_YOUNG: &str = "Generations. gc-core's young collection examines generation 0 only, so the 1,000,000 old objects of young-gc-with-old cost it nothing; the other collectors have no generations and their collection is a full one (candidate-buffer collectors examine what their buffers reach). Compare the two workloads.";
/// Why the Python programs come out as they do.
const WHY_PYTHON: &str = "An interpreter's heap: minipy's objects on gc-core against CPython's own, the script timing only its collections where it says so.";
/// The run of a script workload: [`crate::scripts`] runs it, not [`run`].
const SCRIPT_RUN: &str = "a minipy script: run by gc_bench::scripts on minipy and CPython";
/// The run of a real program: [`crate::realprograms`] runs it, not [`run`].
const REAL_RUN: &str = "a real program: run by gc_bench::realprograms on minipy and CPython";
/// The gc_collect, closures and objects scripts divide gc time by the objects collected.
const PER_COLLECTED: &str = "per collected object";

workloads! {
    /// Benchmarks Game binary-trees with immutable nodes (untracked by gc-core).
    BinaryTrees {
        name: "binary-trees",
        unit: "object allocated",
        needs: ANY,
        cyclic_garbage: false,
        script: None,
        bound: Some(Bound {
            against: Role::Baseline,
            at_most: 1.10,
            goal: "binary-trees (immutable nodes): gc-core at most 1.10x Rc",
            how: PER_ROUND_RC,
        }),
        describe: |s| format!(
            "Benchmarks Game binary-trees, max depth {d}: a stretch tree of depth {}, a long-lived tree of depth {d}, then 2^({d}-k+4) trees of depth k for k = 4, 6, .., {d}, each built bottom-up and checked. Immutable nodes (children fixed at creation). Whole run timed.", s.depth + 1, d = s.depth),
        why: "Allocation and reference counting only. The nodes are immutable and their children untracked, so gc-core does not track them (`needs_tracking` in the adapter): no list links, no collection work, a 16-byte header. What remains is the allocator: gc-core's objects come from its per-thread size-class pools, Rc's and the peers' from the system allocator through the global allocator. The peers track every node.",
        run: |s, sw| Ok(timed(sw, || binary_trees::<C>(s.depth))),
    },
    /// The same program with `RefCell` children (tracked).
    BinaryTreesRefCell {
        name: "binary-trees-refcell",
        unit: "object allocated",
        needs: ANY,
        cyclic_garbage: false,
        script: None,
        bound: Some(Bound {
            against: Role::Baseline,
            at_most: 1.20,
            goal: "binary-trees-refcell: gc-core at most 1.20x Rc",
            how: PER_ROUND_RC,
        }),
        describe: |s| format!(
            "The same binary-trees program (max depth {}) with mutable nodes (children in a RefCell), which a cycle collector must track. Whole run timed.", s.depth),
        why: "The same program with tracked nodes: gc-core links each node into generation 0 (a 32-byte header) and runs a young collection whenever its count of tracked allocations minus deallocations passes 2,000 (`heap.rs`), which examine the trees still alive. The trees are acyclic, so reference counting frees them; the collections find nothing. Allocator and tracking cost decide it.",
        run: |s, sw| Ok(timed(sw, || binary_trees_refcell::<C>(s.depth))),
    },
    /// Boehm's GCBench: top-down and bottom-up trees around a long-lived tree and array.
    GcBench {
        name: "gcbench",
        unit: "object allocated",
        needs: ANY,
        cyclic_garbage: false,
        script: None,
        bound: None,
        describe: |s| format!(
            "Boehm's GCBench scaled to stretch depth {}, long-lived tree depth {}, array of {} doubles, trees of depth 4..{} built top-down (Populate) and bottom-up (MakeTree). Mutable nodes. Whole run timed.", s.gcbench_depth + 2, s.gcbench_depth, s.gcbench_array(), s.gcbench_depth),
        why: "Like binary-trees-refcell, with larger trees and a long-lived tree that survives into the old generations: allocation, tracking and the automatic young collections.",
        run: |s, sw| Ok(timed(sw, || gcbench::<C>(s))),
    },
    /// Binary trees whose nodes point back to their parent (every tree is a cycle).
    ParentTrees {
        name: "parent-trees",
        unit: "object allocated",
        needs: ANY,
        cyclic_garbage: false,
        script: None,
        bound: None,
        describe: |s| format!(
            "{} binary trees of depth {} built top-down with a strong parent pointer in every node (Rc: Weak parent), dropped one after the other, one final collection. Whole run timed.", s.parent_iterations(), s.parent_depth()),
        why: WHY_BACK_POINTERS,
        run: |s, sw| Ok(timed(sw, || parent_trees::<C>(s))),
    },
    /// 30 doubly linked lists of 4,096 nodes, built and dropped.
    LinkedLists {
        name: "linked-lists",
        unit: "object allocated",
        needs: ANY,
        cyclic_garbage: false,
        script: None,
        bound: Some(Bound {
            against: Role::Baseline,
            at_most: 2.0,
            goal: "linked-lists (cyclic): gc-core at most 2x Rc with Weak back-pointers",
            how: "median over rounds of (gc-core time / rc time), rounds interleaved (Rc uses Weak prev)",
        }),
        describe: |s| format!(
            "{} rounds of: build {} doubly linked lists of {} nodes (strong next, strong prev; Rc: Weak prev), drop them, collect. Whole run timed.", s.list_rounds(), s.lists, s.list_len),
        why: WHY_BACK_POINTERS,
        run: |s, sw| Ok(timed(sw, || linked_lists::<C>(s))),
    },
    /// pyperformance gc_collect: 100 rings of 21 doubly linked nodes, collected, repeated.
    GcCollect {
        name: "gc-collect",
        unit: "object examined",
        needs: COLLECTIONS,
        cyclic_garbage: true,
        script: None,
        bound: None,
        describe: |s| format!(
            "pyperformance gc_collect: {} times, build 100 rings of 21 doubly linked nodes, drop them, and time one full collection.", s.gc_collect_loops()),
        why: WHY_CYCLES,
        run: |s, sw| Ok(gc_collect::<C>(s, sw)),
    },
    /// Many garbage 2-cycles.
    TwoCycles {
        name: "two-cycles",
        unit: "object allocated",
        needs: ANY,
        cyclic_garbage: true,
        script: None,
        bound: None,
        describe: |s| format!(
            "{} objects in garbage 2-cycles: build, drop, one full collection. Whole run timed.", s.objects),
        why: WHY_CYCLES,
        run: |s, sw| Ok(timed(sw, || two_cycles::<C>(s.objects))),
    },
    /// One ring of all the objects.
    BigRing {
        name: "big-ring",
        unit: "object allocated",
        needs: ANY,
        cyclic_garbage: true,
        script: None,
        bound: None,
        describe: |s| format!(
            "One ring of {} objects: build, drop, one full collection. Whole run timed.", s.objects),
        why: WHY_CYCLES,
        run: |s, sw| Ok(timed(sw, || big_ring::<C>(s.objects))),
    },
    /// pyperformance gc_traversal: 1,000 nested lists, 499,500 edges, nothing to free.
    GcTraversal {
        name: "gc-traversal",
        unit: "edge traversed",
        needs: COLLECTIONS,
        cyclic_garbage: false,
        script: None,
        bound: None,
        describe: |s| format!(
            "pyperformance gc_traversal: {} nested lists (list k holds k references to list k-1, {} edges) kept alive; time {} full collections that free nothing (the root is cloned and dropped before each, so collectors that scan only from candidate roots examine the heap too). Units are edges.", s.traversal_levels, s.traversal_edges(), s.traversal_loops()),
        why: WHY_LIVE_HEAP,
        run: |s, sw| Ok(gc_traversal::<C>(s, sw)),
    },
    /// Full collections of a live chain linked in allocation order.
    LiveHeapOrdered {
        name: "live-heap-ordered",
        unit: "object examined",
        needs: COLLECTIONS,
        cyclic_garbage: false,
        script: None,
        bound: Some(Bound {
            against: Role::Reference,
            at_most: 1.0 / 3.0,
            goal: "live-heap-ordered: full collection at most a third of CPython's ns/object",
            how: "median over rounds of (gc-core ns/object / cpython ns/object)",
        }),
        describe: |s| format!(
            "{} live objects in one chain linked in allocation order, only its head held; time {} full collections (the head is cloned and dropped before each, so collectors that scan only from candidate roots examine the heap too).", s.objects, s.live_loops()),
        why: WHY_LIVE_HEAP,
        run: |s, sw| Ok(live_heap::<C>(s, false, sw)),
    },
    /// Full collections of a live chain linked in random order.
    LiveHeapRandom {
        name: "live-heap-random",
        unit: "object examined",
        needs: COLLECTIONS,
        cyclic_garbage: false,
        script: None,
        bound: Some(Bound {
            against: Role::Reference,
            at_most: 1.0 / 3.0,
            goal: "live-heap-random: full collection at most a third of CPython's ns/object",
            how: "median over rounds of (gc-core ns/object / cpython ns/object)",
        }),
        describe: |s| format!(
            "{} live objects in one chain linked in a random order (seeded), only its head held; time {} full collections (head cloned and dropped before each).", s.objects, s.live_loops()),
        why: WHY_LIVE_HEAP,
        run: |s, sw| Ok(live_heap::<C>(s, true, sw)),
    },
    /// Young collections after a burst of garbage, with 1,000,000 old objects alive.
    YoungWithOld {
        name: "young-gc-with-old",
        unit: "object examined",
        needs: COLLECTIONS,
        cyclic_garbage: false,
        script: None,
        bound: None,
        describe: |s| format!(
            "{} old live objects (collected once so they are old), then {} times: make {} objects in garbage 2-cycles and time one young collection (a full one for collectors without generations).", s.objects, s.young_loops(), s.burst()),
        why: WHY_YOUNG,
        run: |s, sw| Ok(young::<C>(s, s.objects, sw)),
    },
    /// The same young collections with no old objects.
    YoungAlone {
        name: "young-gc-alone",
        unit: "object examined",
        needs: COLLECTIONS,
        cyclic_garbage: false,
        script: None,
        bound: None,
        describe: |s| format!(
            "The same {} young collections of {} objects with no old objects.", s.young_loops(), s.burst()),
        why: WHY_YOUNG,
        run: |s, sw| Ok(young::<C>(s, 0, sw)),
    },
    /// A seeded random mutator: creates, links, drops roots and edges.
    RandomMutation {
        name: "random-mutation",
        unit: "mutator operation",
        needs: ANY,
        cyclic_garbage: true,
        script: None,
        bound: None,
        describe: |s| format!(
            "A seeded random mutator (dumpster's shape), {} operations over up to {} roots: 30% create a node, 30% add an edge between two roots (at most 4 per node), 20% drop a root, 20% drop an edge; then drop everything and collect. Whole run timed; units are operations.", s.mutation_ops(), MUTATION_ROOTS),
        why: "A mix: allocation, reference-count updates on edges, and collections of the cycles the mutator leaves. No single mechanism dominates.",
        run: |s, sw| Ok(timed(sw, || random_mutation::<C>(s.mutation_ops(), 0x5EED))),
    },
    /// 2-cycles each holding the next: the worst case for per-root cycle detection.
    CycleChains {
        name: "cycle-chains",
        unit: "object allocated",
        needs: ANY,
        cyclic_garbage: true,
        script: None,
        bound: None,
        describe: |s| format!(
            "{} garbage 2-cycles, each holding the next in a chain, roots dropped first to last, then one full collection: every dropped root reaches every later cycle, so a collector that scans from each candidate separately does quadratic work. Whole run timed.", s.chain_cycles()),
        why: "Candidate scanning. Every dropped root reaches every later cycle of the chain: a collector that scans from each candidate separately does quadratic work, one that scans the tracked set once (gc-core, gcmodule) or traces once (gc) does linear work.",
        run: |s, sw| Ok(timed(sw, || cycle_chains::<C>(s.chain_cycles()))),
    },
    /// A Python program run by minipy (on gc-core) and by CPython.
    Minipy {
        name: "minipy",
        unit: "object allocated",
        needs: PYTHON,
        cyclic_garbage: false,
        script: None,
        bound: None,
        describe: |s| format!(
            "The same Python program (N = {}: depth-9 trees with parent pointers and children lists, list 2-cycles, self-referencing dicts) run by minipy, whose heap is gc-core, and by CPython (needs `--features minipy`). Only the program is timed.", s.objects),
        why: WHY_PYTHON,
        run: |s, sw| minipy_run(s, sw),
    },
    /// `minipy/benchmarks/gc_collect.py` run by minipy (in process) and by python3.
    MinipyGcCollect {
        name: "minipy-gc_collect",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: Some(Script {
            file: "gc_collect",
            args: |s| [s.scaled(200), 100],
            per: PER_COLLECTED,
            units_note: "",
        }),
        bound: None,
        describe: |s| Workload::MinipyGcCollect.script_description(s),
        why: WHY_PYTHON,
        run: |_s, _sw| Err(SCRIPT_RUN.into()),
    },
    /// `minipy/benchmarks/gc_traversal.py` run by minipy (in process) and by python3.
    MinipyGcTraversal {
        name: "minipy-gc_traversal",
        unit: "edge traversed (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: Some(Script {
            file: "gc_traversal",
            args: |s| [s.scaled(200), s.traversal_levels.max(2)],
            per: "per traversed edge",
            units_note: " (here: edges traversed, (LOOPS + 1) x N(N-1)/2, since nothing is collected)",
        }),
        bound: None,
        describe: |s| Workload::MinipyGcTraversal.script_description(s),
        why: WHY_PYTHON,
        run: |_s, _sw| Err(SCRIPT_RUN.into()),
    },
    /// `minipy/benchmarks/closures.py` run by minipy (in process) and by python3.
    MinipyClosures {
        name: "minipy-closures",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: Some(Script {
            file: "closures",
            args: |s| [s.scaled(300_000), 100],
            per: PER_COLLECTED,
            units_note: "",
        }),
        bound: None,
        describe: |s| Workload::MinipyClosures.script_description(s),
        why: WHY_PYTHON,
        run: |_s, _sw| Err(SCRIPT_RUN.into()),
    },
    /// `minipy/benchmarks/objects.py` run by minipy (in process) and by python3.
    MinipyObjects {
        name: "minipy-objects",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: Some(Script {
            file: "objects",
            args: |s| [s.scaled(3000), 50],
            per: PER_COLLECTED,
            units_note: "",
        }),
        bound: None,
        describe: |s| Workload::MinipyObjects.script_description(s),
        why: WHY_PYTHON,
        run: |_s, _sw| Err(SCRIPT_RUN.into()),
    },
    /// pyperformance's gc_collect, unmodified, run by minipy (in process) and by python3.
    RealGcCollect {
        name: "real-gc_collect",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: None,
        real: RealProgram {
            file: "gc_collect",
            what: "rings of doubly linked nodes freed by gc.collect()",
        },
        bound: None,
        describe: |_s| Workload::RealGcCollect.real_description(),
        why: "Cyclic garbage found and freed on request: 100 rings of 21 doubly linked `Node`s are built, dropped and freed by an explicit `gc.collect()`, so both collectors must find and free the same 2,100 objects. An explicit collection is a full one: CPython's also walks every object of the interpreter itself (modules, functions, classes), minipy's only the program's and its few modules'.",
        run: |_s, _sw| Err(REAL_RUN.into()),
    },
    /// pyperformance's gc_traversal, unmodified, run by minipy (in process) and by python3.
    RealGcTraversal {
        name: "real-gc_traversal",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: None,
        real: RealProgram {
            file: "gc_traversal",
            what: "full collections of nested lists that free nothing",
        },
        bound: None,
        describe: |_s| Workload::RealGcTraversal.real_description(),
        why: "Traversal of a live heap: 1,000 lists, list k holding k references to list k-1 (499,500 references), stay alive while two explicit `gc.collect()` calls free nothing (the automatic collections while they are built find nothing either). The cost is walking every reference (and, on CPython, every object of the interpreter).",
        run: |_s, _sw| Err(REAL_RUN.into()),
    },
    /// pyperformance's float, unmodified, run by minipy (in process) and by python3.
    RealFloat {
        name: "real-float",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: None,
        real: RealProgram {
            file: "float",
            what: "100,000 Point objects normalized and maximized",
        },
        bound: None,
        describe: |_s| Workload::RealFloat.real_description(),
        why: "A growing heap with no garbage: 100,000 `Point` objects (`__slots__` x, y, z) are made and kept in a list. Each interpreter runs automatic young collections as tracked objects accumulate (CPython every 700 net new ones, minipy's gc-core every 2,000) and older-generation ones as those fill; all of them find only live objects. The floats are not tracked on either.",
        run: |_s, _sw| Err(REAL_RUN.into()),
    },
    /// pyperformance's generators, unmodified, run by minipy (in process) and by python3.
    RealGenerators {
        name: "real-generators",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: None,
        real: RealProgram {
            file: "generators",
            what: "a 100,000-node tree walked by recursive generators",
        },
        bound: None,
        describe: |_s| Workload::RealGenerators.real_description(),
        why: "A growing heap with no garbage, then generator frames: a binary tree of 100,000 `Tree` nodes is built (the automatic collections that its growth triggers find nothing to free) and walked by recursive `yield from` generators, which reference counting frees one by one.",
        run: |_s, _sw| Err(REAL_RUN.into()),
    },
    /// pyperformance's go, unmodified, run by minipy (in process) and by python3.
    RealGo {
        name: "real-go",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: None,
        real: RealProgram {
            file: "go",
            what: "Monte Carlo tree search for a 9x9 Go game",
        },
        bound: None,
        describe: |_s| Workload::RealGo.real_description(),
        why: "Objects that refer to each other but stay alive: a board of 81 `Square`s with neighbour lists and a search tree of `UCTNode`s, updated over 200 random games. Most short-lived objects die by reference counting; collections run only when the tracked objects grow by the interpreter's threshold.",
        run: |_s, _sw| Err(REAL_RUN.into()),
    },
    /// pyperformance's meteor_contest, unmodified, run by minipy (in process) and by python3.
    RealMeteorContest {
        name: "real-meteor_contest",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: None,
        real: RealProgram {
            file: "meteor_contest",
            what: "a recursive puzzle solver over frozensets",
        },
        bound: None,
        describe: |_s| Workload::RealMeteorContest.real_description(),
        why: "Many short-lived frozensets, lists and tuples in a recursive search, freed by reference counting; the collections that run see the tables of pieces and the list of solutions, which stay alive.",
        run: |_s, _sw| Err(REAL_RUN.into()),
    },
    /// pyperformance's deepcopy, unmodified, run by minipy (in process) and by python3.
    RealDeepcopy {
        name: "real-deepcopy",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: None,
        real: RealProgram {
            file: "deepcopy",
            what: "copy.deepcopy of dicts, lists and a dataclass",
        },
        bound: None,
        describe: |_s| Workload::RealDeepcopy.real_description(),
        why: "Little for the collector: `copy.deepcopy` of small dicts, lists and a dataclass instance, whose copies reference counting frees. Most tracked allocation is the start-up: importing `copy` and `dataclasses` and building the dataclass (on CPython these are large standard-library modules, on minipy its own small ones).",
        run: |_s, _sw| Err(REAL_RUN.into()),
    },
    /// pyperformance's comprehensions, unmodified, run by minipy (in process) and by python3.
    RealComprehensions {
        name: "real-comprehensions",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: None,
        real: RealProgram {
            file: "comprehensions",
            what: "list and dict comprehensions over dataclass widgets",
        },
        bound: None,
        describe: |_s| Workload::RealComprehensions.real_description(),
        why: "Little for the collector: lists and dicts built by comprehensions over 24 dataclass widgets and dropped, freed by reference counting. As in deepcopy, most tracked allocation is importing `dataclasses`, `enum` and `typing` and building the classes.",
        run: |_s, _sw| Err(REAL_RUN.into()),
    },
    /// pyperformance's deltablue, unmodified, run by minipy (in process) and by python3.
    RealDeltablue {
        name: "real-deltablue",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: None,
        real: RealProgram {
            file: "deltablue",
            what: "a constraint solver over chains of variables",
        },
        bound: None,
        describe: |_s| Workload::RealDeltablue.real_description(),
        why: "Cycles that become garbage: each test builds a chain of 100 variables and constraints that refer to each other (a variable lists its constraints, a constraint names its variables) and drops it when the test ends. Only a collection frees them: in one run of the program they wait for the collection at exit, which is not measured, unless an automatic collection runs after a test has ended.",
        run: |_s, _sw| Err(REAL_RUN.into()),
    },
    /// pyperformance's hexiom, unmodified, run by minipy (in process) and by python3.
    RealHexiom {
        name: "real-hexiom",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: None,
        real: RealProgram {
            file: "hexiom",
            what: "a hexagonal puzzle solver (level 25)",
        },
        bound: None,
        describe: |_s| Workload::RealHexiom.real_description(),
        why: "Short-lived search states (lists copied at each step of the search) that reference counting frees; the puzzle's tables stay alive.",
        run: |_s, _sw| Err(REAL_RUN.into()),
    },
    /// pyperformance's richards, unmodified, run by minipy (in process) and by python3.
    RealRichards {
        name: "real-richards",
        unit: "object collected (gc time only)",
        needs: PYTHON,
        cyclic_garbage: false,
        script: None,
        real: RealProgram {
            file: "richards",
            what: "an operating-system task scheduler simulation",
        },
        bound: None,
        describe: |_s| Workload::RealRichards.real_description(),
        why: "Almost nothing for the collector: a fixed set of task, packet and record objects linked into queues, updated in place; little is allocated once they exist.",
        run: |_s, _sw| Err(REAL_RUN.into()),
    },
}

impl Workload {
    /// The workloads that run a script of `minipy/benchmarks/`, in report order.
    pub fn scripts() -> impl Iterator<Item = Workload> {
        Workload::ALL
            .into_iter()
            .filter(|w| w.script_spec().is_some())
    }

    /// The `minipy/benchmarks/` script this workload runs (`"gc_collect"`), if it is one.
    pub fn script(self) -> Option<&'static str> {
        self.script_spec().map(|s| s.file)
    }

    /// The arguments the script gets (the same on minipy and CPython): the scripts' own
    /// defaults at the default sizes (`loop_scale` 1, 1,000 traversal levels), their loop
    /// counts scaled by `loop_scale` otherwise (`--quick`: a tenth).
    pub fn script_args(self, s: &Sizes) -> Vec<String> {
        self.script_spec()
            .map(|sc| (sc.args)(s).iter().map(|a| a.to_string()).collect())
            .unwrap_or_default()
    }

    /// The workloads that run a real program of `minipy/realprograms/programs/`, in report
    /// order.
    pub fn real_programs() -> impl Iterator<Item = Workload> {
        Workload::ALL
            .into_iter()
            .filter(|w| w.real_program().is_some())
    }

    /// Does the workload run a Python file (a script or a real program) through its own
    /// module ([`crate::scripts`], [`crate::realprograms`]) rather than [`run`]?
    pub fn runs_a_python_file(self) -> bool {
        self.script_spec().is_some() || self.real_program().is_some()
    }

    /// Parse a name as printed by [`Workload::name`].
    pub fn from_name(s: &str) -> Option<Workload> {
        Workload::ALL.into_iter().find(|w| w.name() == s)
    }

    /// Does this workload time only collections (so a collector without one cannot run it)?
    pub fn times_only_collections(self) -> bool {
        self.needs().collections
    }

    /// The description of a real-program workload.
    fn real_description(self) -> String {
        let Some(real) = self.real_program() else {
            return String::new();
        };
        format!(
            "pyperformance's {file} ({what}): `minipy/realprograms/programs/{file}.py`, unmodified, run by minipy in process (heap = gc-core) and by python3, each measured in its own process by `gc.callbacks` timestamps (`python/gcreal.py`); needs `--features minipy` and the workspace. The time is the collector's, the units the objects it collected; the program's output is compared with python3's. See the section on the real programs.",
            file = real.file,
            what = real.what,
        )
    }

    /// The description of a script workload.
    fn script_description(self, s: &Sizes) -> String {
        let (file, note) = self
            .script_spec()
            .map_or(("", ""), |sc| (sc.file, sc.units_note));
        format!(
            "`minipy/benchmarks/{file}.py {}` run by minipy in process (heap = gc-core) and by python3 (the same file, the same arguments); needs `--features minipy`. The script times itself: the time is the collector's (gc_s), the units the objects it collected{note}. See the section on the minipy scripts.",
            self.script_args(s).join(" "),
        )
    }
}

/// Maximum number of roots of the random mutator.
pub const MUTATION_ROOTS: usize = 1000;

/// The program of the minipy workload, run by minipy (gc-core's heap) and, identically, by
/// CPython (`python/bench.py` reads the same file, `python/minipy_program.py`). `N` is set
/// before it runs.
pub const MINIPY_PROGRAM: &str = include_str!("../python/minipy_program.py");

/// Objects the minipy program makes for a given `N`: per round a depth-9 tree (1,023 nodes,
/// each with a children list) and 1,000 x (two lists and a dict).
pub fn minipy_objects(n: usize) -> u64 {
    ((n / 4000) * (1023 * 2 + 3000)) as u64
}

/// Run the workload `w` once on the calling thread's heap of `C`, installing `C` first (what
/// criterion times). Cells that [`crate::registry::left_out`] names must not come here.
pub fn run_installed<C: Collector>(
    w: Workload,
    s: &Sizes,
    sw: &mut Stopwatch,
) -> Result<u64, String> {
    C::install();
    run::<C>(w, s, sw)
}

#[cfg(feature = "minipy")]
fn minipy_run(s: &Sizes, sw: &mut Stopwatch) -> Result<u64, String> {
    let py = minipy::Interpreter::new();
    py.run(&format!("N = {}", s.objects))
        .map_err(|e| format!("minipy: {e:?}"))?;
    sw.start();
    let r = py.run(MINIPY_PROGRAM);
    sw.stop();
    r.map_err(|e| format!("minipy failed: {e:?}"))?;
    drop(py);
    Ok(minipy_objects(s.objects))
}

#[cfg(not(feature = "minipy"))]
fn minipy_run(_s: &Sizes, _sw: &mut Stopwatch) -> Result<u64, String> {
    Err("skipped: build with `--features minipy` to run the minipy workload".into())
}

fn timed(sw: &mut Stopwatch, f: impl FnOnce() -> u64) -> u64 {
    sw.start();
    let n = f();
    sw.stop();
    n
}

// ---------------------------------------------------------------------------------------
// binary-trees

fn bottom_up_tree<C: Collector>(depth: u32) -> C::Tree {
    if depth == 0 {
        C::tree(None, None)
    } else {
        C::tree(
            Some(bottom_up_tree::<C>(depth - 1)),
            Some(bottom_up_tree::<C>(depth - 1)),
        )
    }
}

fn check_tree<C: Collector>(t: &C::Tree) -> u64 {
    match C::children(t) {
        (Some(l), Some(r)) => 1 + check_tree::<C>(l) + check_tree::<C>(r),
        (Some(c), None) | (None, Some(c)) => 1 + check_tree::<C>(c),
        (None, None) => 1,
    }
}

/// The Benchmarks Game binary-trees program, generic over how a tree is built and checked
/// (the Threads section runs it too). Returns the total check, which equals the number of
/// nodes made.
pub fn binary_trees_program<T>(
    max_depth: u32,
    make: impl Fn(u32) -> T,
    check: impl Fn(&T) -> u64,
) -> u64 {
    let min_depth = 4;
    let max_depth = max_depth.max(min_depth + 2);
    let mut total = check(&make(max_depth + 1));
    let long_lived = make(max_depth);
    let mut d = min_depth;
    while d <= max_depth {
        let iterations = 1u64 << (max_depth - d + min_depth);
        for _ in 0..iterations {
            total += check(&make(d));
        }
        d += 2;
    }
    total += check(&long_lived);
    total
}

fn binary_trees<C: Collector>(max_depth: u32) -> u64 {
    let total = binary_trees_program(max_depth, bottom_up_tree::<C>, check_tree::<C>);
    C::collect();
    total
}

fn bottom_up_node<C: Collector>(depth: u32) -> C::Node {
    let n = C::node();
    if depth > 0 {
        C::set(&n, 0, Some(&bottom_up_node::<C>(depth - 1)));
        C::set(&n, 1, Some(&bottom_up_node::<C>(depth - 1)));
    }
    n
}

fn check_node<C: Collector>(n: &C::Node) -> u64 {
    let mut total = 1;
    for slot in 0..2 {
        if let Some(c) = C::get(n, slot) {
            total += check_node::<C>(&c);
        }
    }
    total
}

fn binary_trees_refcell<C: Collector>(max_depth: u32) -> u64 {
    let total = binary_trees_program(max_depth, bottom_up_node::<C>, check_node::<C>);
    C::collect();
    total
}

// ---------------------------------------------------------------------------------------
// GCBench

fn populate<C: Collector>(depth: u32, node: &C::Node) {
    if depth == 0 {
        return;
    }
    let l = C::node();
    let r = C::node();
    C::set(node, 0, Some(&l));
    C::set(node, 1, Some(&r));
    populate::<C>(depth - 1, &l);
    populate::<C>(depth - 1, &r);
}

fn tree_size(depth: u32) -> u64 {
    (1u64 << (depth + 1)) - 1
}

fn gcbench<C: Collector>(s: &Sizes) -> u64 {
    let long_lived_depth = s.gcbench_depth.max(4);
    let stretch_depth = long_lived_depth + 2;
    let mut made = 0;
    // Stretch the heap.
    drop(bottom_up_node::<C>(stretch_depth));
    made += tree_size(stretch_depth);
    // A long-lived tree and a long-lived array of doubles.
    let long_lived = C::node();
    populate::<C>(long_lived_depth, &long_lived);
    made += tree_size(long_lived_depth);
    let n = s.gcbench_array();
    let mut array = vec![0.0f64; n];
    for (i, x) in array.iter_mut().enumerate().take(n / 2) {
        *x = 1.0 / (i as f64 + 1.0);
    }
    let mut d = 4;
    while d <= long_lived_depth {
        let iterations = 2 * tree_size(stretch_depth) / tree_size(d);
        for _ in 0..iterations {
            let t = C::node();
            populate::<C>(d, &t);
        }
        for _ in 0..iterations {
            drop(bottom_up_node::<C>(d));
        }
        made += 2 * iterations * tree_size(d);
        d += 2;
    }
    assert!(C::get(&long_lived, 0).is_some() && array[1000.min(n / 2 - 1)] > 0.0);
    drop(long_lived);
    drop(array);
    C::collect();
    made
}

// ---------------------------------------------------------------------------------------
// Cyclic shapes

fn parent_tree<C: Collector>(depth: u32, parent: Option<&C::Node>) -> C::Node {
    let n = C::node();
    C::set_back(&n, BACK, parent);
    if depth > 0 {
        let l = parent_tree::<C>(depth - 1, Some(&n));
        C::set(&n, 0, Some(&l));
        let r = parent_tree::<C>(depth - 1, Some(&n));
        C::set(&n, 1, Some(&r));
    }
    n
}

fn parent_trees<C: Collector>(s: &Sizes) -> u64 {
    let depth = s.parent_depth();
    for _ in 0..s.parent_iterations() {
        let t = parent_tree::<C>(depth, None);
        let l = C::get(&t, 0).expect("left child");
        assert!(C::get(&l, BACK).is_some(), "parent pointer");
    }
    C::collect();
    s.parent_iterations() as u64 * tree_size(depth)
}

/// A doubly linked list: `next` in slot 0, `prev` in the back slot. Returns the head.
fn doubly_linked_list<C: Collector>(len: usize) -> C::Node {
    let head = C::node();
    let mut tail = head.clone();
    for _ in 1..len {
        let n = C::node();
        C::set_back(&n, BACK, Some(&tail));
        C::set(&tail, 0, Some(&n));
        tail = n;
    }
    head
}

fn linked_lists<C: Collector>(s: &Sizes) -> u64 {
    for _ in 0..s.list_rounds() {
        let lists: Vec<C::Node> = (0..s.lists)
            .map(|_| doubly_linked_list::<C>(s.list_len))
            .collect();
        drop(lists);
        C::collect();
    }
    (s.list_rounds() * s.lists * s.list_len) as u64
}

/// A ring of `len` nodes, `next` in slot 0 and (when `doubly`) a strong `prev` in slot 1.
fn ring<C: Collector>(len: usize, doubly: bool) -> C::Node {
    let head = C::node();
    let mut tail = head.clone();
    for _ in 1..len {
        let n = C::node();
        if doubly {
            C::set(&n, 1, Some(&tail));
        }
        C::set(&tail, 0, Some(&n));
        tail = n;
    }
    C::set(&tail, 0, Some(&head));
    if doubly {
        C::set(&head, 1, Some(&tail));
    }
    head
}

fn gc_collect<C: Collector>(s: &Sizes, sw: &mut Stopwatch) -> u64 {
    const CYCLES: usize = 100;
    const LINKS: usize = 20;
    for _ in 0..s.gc_collect_loops() {
        C::collect();
        let all: Vec<C::Node> = (0..CYCLES).map(|_| ring::<C>(LINKS + 1, true)).collect();
        drop(all);
        sw.start();
        C::collect();
        sw.stop();
    }
    (s.gc_collect_loops() * CYCLES * (LINKS + 1)) as u64
}

fn two_cycles<C: Collector>(objects: usize) -> u64 {
    let pairs = objects / 2;
    let mut keep = Vec::with_capacity(pairs);
    for _ in 0..pairs {
        let a = C::node();
        let b = C::node();
        C::set(&a, 0, Some(&b));
        C::set(&b, 0, Some(&a));
        keep.push(a);
    }
    drop(keep);
    C::collect();
    (pairs * 2) as u64
}

fn big_ring<C: Collector>(objects: usize) -> u64 {
    drop(ring::<C>(objects.max(2), false));
    C::collect();
    objects.max(2) as u64
}

fn gc_traversal<C: Collector>(s: &Sizes, sw: &mut Stopwatch) -> u64 {
    let mut current = C::list();
    for n in 0..s.traversal_levels {
        let new = C::list();
        for _ in 0..n {
            C::push(&new, &current);
        }
        current = new;
    }
    C::collect();
    sw.start();
    for _ in 0..s.traversal_loops() {
        touch::<C::List>(&current);
        C::collect();
    }
    sw.stop();
    assert_eq!(C::len(&current), s.traversal_levels.saturating_sub(1));
    drop(current);
    C::collect();
    (s.traversal_loops() * s.traversal_edges()) as u64
}

/// Clone and drop a root: the decrement makes it a candidate for the collectors that scan
/// only from buffered candidates (bacon_rajan_cc, rust-cc, dumpster), so that their
/// collection examines the live heap as a full collection of gc-core, gcmodule or CPython
/// does. Costs nothing measurable for the others.
fn touch<P: Clone>(root: &P) {
    drop(std::hint::black_box(root.clone()));
}

/// A live chain of `n` nodes linked through slot 0 in allocation order or in a seeded random
/// order. Returns the head of the chain (the only reference kept).
fn live_chain<C: Collector>(n: usize, random: bool) -> Option<C::Node> {
    let mut nodes: Vec<C::Node> = (0..n).map(|_| C::node()).collect();
    if random {
        Rng::new(0xC4A1).shuffle(&mut nodes);
    }
    for pair in nodes.windows(2) {
        C::set(&pair[0], 0, Some(&pair[1]));
    }
    // Drop the vector from its end so that no drop has to walk the chain.
    let head = nodes.first().cloned();
    while nodes.pop().is_some() {}
    head
}

fn live_heap<C: Collector>(s: &Sizes, random: bool, sw: &mut Stopwatch) -> u64 {
    let head = live_chain::<C>(s.objects, random);
    C::collect();
    let loops = s.live_loops();
    sw.start();
    for _ in 0..loops {
        if let Some(h) = &head {
            touch::<C::Node>(h);
        }
        C::collect();
    }
    sw.stop();
    drop(head);
    C::collect();
    (loops * s.objects) as u64
}

fn young<C: Collector>(s: &Sizes, old: usize, sw: &mut Stopwatch) -> u64 {
    let head = live_chain::<C>(old, false);
    C::collect();
    let burst = s.burst();
    for _ in 0..s.young_loops() {
        let mut keep = Vec::with_capacity(burst / 2);
        for _ in 0..burst / 2 {
            let a = C::node();
            let b = C::node();
            C::set(&a, 0, Some(&b));
            C::set(&b, 0, Some(&a));
            keep.push(a);
        }
        drop(keep);
        sw.start();
        C::collect_young();
        sw.stop();
    }
    drop(head);
    C::collect();
    (s.young_loops() * burst) as u64
}

fn random_mutation<C: Collector>(ops: usize, seed: u64) -> u64 {
    let mut rng = Rng::new(seed);
    let mut roots: Vec<C::List> = (0..100).map(|_| C::list()).collect();
    for _ in 0..ops {
        let op = rng.below(10);
        match op {
            0..=2 => {
                let n = C::list();
                if roots.len() < MUTATION_ROOTS {
                    roots.push(n);
                } else {
                    let i = rng.below(roots.len());
                    roots[i] = n;
                }
            }
            3..=5 if !roots.is_empty() => {
                let a = &roots[rng.below(roots.len())];
                let b = &roots[rng.below(roots.len())];
                if C::len(a) < 4 {
                    C::push(a, b);
                } else {
                    let i = rng.below(C::len(a));
                    C::replace(a, i, b);
                }
            }
            6..=7 if roots.len() > 1 => {
                let i = rng.below(roots.len());
                roots.swap_remove(i);
            }
            _ if !roots.is_empty() => {
                let a = &roots[rng.below(roots.len())];
                let len = C::len(a);
                if len > 0 {
                    C::swap_remove(a, rng.below(len));
                }
            }
            _ => roots.push(C::list()),
        }
    }
    drop(roots);
    C::collect();
    ops as u64
}

fn cycle_chains<C: Collector>(cycles: usize) -> u64 {
    let mut roots: Vec<C::Node> = Vec::with_capacity(cycles);
    let mut prev: Option<C::Node> = None;
    // Build from the end of the chain so each cycle can point at the next one.
    for _ in 0..cycles {
        let a = C::node();
        let b = C::node();
        C::set(&a, 0, Some(&b));
        C::set(&b, 0, Some(&a));
        C::set(&a, 1, prev.as_ref());
        prev = Some(a.clone());
        roots.push(a);
    }
    drop(prev);
    // roots[cycles-1] is the head of the chain: drop it first, then the rest in chain order.
    while let Some(r) = roots.pop() {
        drop(r);
    }
    C::collect();
    (cycles * 2) as u64
}
