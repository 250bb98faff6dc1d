//! The workloads, each written once and generic over the [`Collector`] adapter.
//!
//! Every workload ends with its roots dropped. Most time their whole life (allocation,
//! mutation, drop and one final full collection, so that every collector has freed its
//! garbage when the clock stops); the ones that measure the collector itself (gc_collect,
//! gc_traversal, the live heaps and the young collections) build their heap off the clock and
//! time only the collections. [`Workload::describe`] says which, in words, for the report.

use std::time::{Duration, Instant};

use crate::collector::{Collector, SLOTS};
pub use crate::registry::Needs;
use crate::rng::Rng;

/// The back-pointer slot of a [`Collector::Node`] (a list's `prev`, a tree's `parent`).
pub const BACK: usize = SLOTS - 1;

/// Every workload the bench knows, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Workload {
    /// Benchmarks Game binary-trees with immutable nodes (untracked by gc-core).
    BinaryTrees,
    /// The same program with `RefCell` children (tracked).
    BinaryTreesRefCell,
    /// Boehm's GCBench: top-down and bottom-up trees around a long-lived tree and array.
    GcBench,
    /// Binary trees whose nodes point back to their parent (every tree is a cycle).
    ParentTrees,
    /// 30 doubly linked lists of 4,096 nodes, built and dropped.
    LinkedLists,
    /// pyperformance gc_collect: 100 rings of 21 doubly linked nodes, collected, repeated.
    GcCollect,
    /// Many garbage 2-cycles.
    TwoCycles,
    /// One ring of all the objects.
    BigRing,
    /// pyperformance gc_traversal: 1,000 nested lists, 499,500 edges, nothing to free.
    GcTraversal,
    /// Full collections of a live chain linked in allocation order.
    LiveHeapOrdered,
    /// Full collections of a live chain linked in random order.
    LiveHeapRandom,
    /// Young collections after a burst of garbage, with 1,000,000 old objects alive.
    YoungWithOld,
    /// The same young collections with no old objects.
    YoungAlone,
    /// A seeded random mutator: creates, links, drops roots and edges.
    RandomMutation,
    /// 2-cycles each holding the next: the worst case for per-root cycle detection.
    CycleChains,
    /// A Python program run by minipy (on gc-core) and by CPython.
    Minipy,
    /// `minipy/benchmarks/gc_collect.py` run by minipy (in process) and by python3.
    MinipyGcCollect,
    /// `minipy/benchmarks/gc_traversal.py` run by minipy (in process) and by python3.
    MinipyGcTraversal,
    /// `minipy/benchmarks/closures.py` run by minipy (in process) and by python3.
    MinipyClosures,
    /// `minipy/benchmarks/objects.py` run by minipy (in process) and by python3.
    MinipyObjects,
}

impl Workload {
    /// All workloads, in report order.
    pub const ALL: [Workload; 20] = [
        Workload::BinaryTrees,
        Workload::BinaryTreesRefCell,
        Workload::GcBench,
        Workload::ParentTrees,
        Workload::LinkedLists,
        Workload::GcCollect,
        Workload::TwoCycles,
        Workload::BigRing,
        Workload::GcTraversal,
        Workload::LiveHeapOrdered,
        Workload::LiveHeapRandom,
        Workload::YoungWithOld,
        Workload::YoungAlone,
        Workload::RandomMutation,
        Workload::CycleChains,
        Workload::Minipy,
        Workload::MinipyGcCollect,
        Workload::MinipyGcTraversal,
        Workload::MinipyClosures,
        Workload::MinipyObjects,
    ];

    /// The minipy benchmark scripts, in report order.
    pub const SCRIPTS: [Workload; 4] = [
        Workload::MinipyGcCollect,
        Workload::MinipyGcTraversal,
        Workload::MinipyClosures,
        Workload::MinipyObjects,
    ];

    /// The `minipy/benchmarks/` script this workload runs (`"gc_collect"`), if it is one.
    pub fn script(self) -> Option<&'static str> {
        match self {
            Workload::MinipyGcCollect => Some("gc_collect"),
            Workload::MinipyGcTraversal => Some("gc_traversal"),
            Workload::MinipyClosures => Some("closures"),
            Workload::MinipyObjects => Some("objects"),
            _ => None,
        }
    }

    /// The arguments the script gets (the same on minipy and CPython): the scripts' own
    /// defaults at the default sizes (`loop_scale` 1, 1,000 traversal levels), their loop
    /// counts scaled by `loop_scale` otherwise (`--quick`: a tenth).
    pub fn script_args(self, s: &Sizes) -> Vec<String> {
        let args: [usize; 2] = match self {
            Workload::MinipyGcCollect => [s.scaled(200), 100],
            Workload::MinipyGcTraversal => [s.scaled(200), s.traversal_levels.max(2)],
            Workload::MinipyClosures => [s.scaled(300_000), 100],
            Workload::MinipyObjects => [s.scaled(3000), 50],
            _ => return Vec::new(),
        };
        args.iter().map(|a| a.to_string()).collect()
    }

    /// The name used on the command line, in tables and in CSV.
    pub fn name(self) -> &'static str {
        match self {
            Workload::BinaryTrees => "binary-trees",
            Workload::BinaryTreesRefCell => "binary-trees-refcell",
            Workload::GcBench => "gcbench",
            Workload::ParentTrees => "parent-trees",
            Workload::LinkedLists => "linked-lists",
            Workload::GcCollect => "gc-collect",
            Workload::TwoCycles => "two-cycles",
            Workload::BigRing => "big-ring",
            Workload::GcTraversal => "gc-traversal",
            Workload::LiveHeapOrdered => "live-heap-ordered",
            Workload::LiveHeapRandom => "live-heap-random",
            Workload::YoungWithOld => "young-gc-with-old",
            Workload::YoungAlone => "young-gc-alone",
            Workload::RandomMutation => "random-mutation",
            Workload::CycleChains => "cycle-chains",
            Workload::Minipy => "minipy",
            Workload::MinipyGcCollect => "minipy-gc_collect",
            Workload::MinipyGcTraversal => "minipy-gc_traversal",
            Workload::MinipyClosures => "minipy-closures",
            Workload::MinipyObjects => "minipy-objects",
        }
    }

    /// Parse a name as printed by [`Workload::name`].
    pub fn from_name(s: &str) -> Option<Workload> {
        Workload::ALL.into_iter().find(|w| w.name() == s)
    }

    /// What one unit of the `objects` column is for this workload.
    pub fn unit(self) -> &'static str {
        match self {
            Workload::GcTraversal => "edge traversed",
            Workload::MinipyGcTraversal => "edge traversed (gc time only)",
            Workload::MinipyGcCollect | Workload::MinipyClosures | Workload::MinipyObjects => {
                "object collected (gc time only)"
            }
            Workload::RandomMutation => "mutator operation",
            Workload::GcCollect
            | Workload::LiveHeapOrdered
            | Workload::LiveHeapRandom
            | Workload::YoungWithOld
            | Workload::YoungAlone => "object examined",
            _ => "object allocated",
        }
    }

    /// What the workload needs of a collector.
    pub fn needs(self) -> Needs {
        Needs {
            collections: self.times_only_collections(),
            python: self == Workload::Minipy || self.script().is_some(),
        }
    }

    /// Does this workload time only collections (so a collector without one cannot run it)?
    pub fn times_only_collections(self) -> bool {
        matches!(
            self,
            Workload::GcCollect
                | Workload::GcTraversal
                | Workload::LiveHeapOrdered
                | Workload::LiveHeapRandom
                | Workload::YoungWithOld
                | Workload::YoungAlone
        )
    }

    /// Does the workload make cyclic garbage (that `Rc` cannot free)?
    pub fn makes_cyclic_garbage(self) -> bool {
        matches!(
            self,
            Workload::TwoCycles
                | Workload::BigRing
                | Workload::GcCollect
                | Workload::RandomMutation
                | Workload::CycleChains
        )
    }

    /// One paragraph for the report: shape, sizes and what the clock covers.
    pub fn describe(self, s: &Sizes) -> String {
        let d = s.depth;
        match self {
            Workload::BinaryTrees => format!(
                "Benchmarks Game binary-trees, max depth {d}: a stretch tree of depth {}, a long-lived tree of depth {d}, then 2^({d}-k+4) trees of depth k for k = 4, 6, .., {d}, each built bottom-up and checked. Immutable nodes (children fixed at creation). Whole run timed.", d + 1),
            Workload::BinaryTreesRefCell => format!(
                "The same binary-trees program (max depth {d}) with mutable nodes (children in a RefCell), which a cycle collector must track. Whole run timed."),
            Workload::GcBench => format!(
                "Boehm's GCBench scaled to stretch depth {}, long-lived tree depth {}, array of {} doubles, trees of depth 4..{} built top-down (Populate) and bottom-up (MakeTree). Mutable nodes. Whole run timed.", s.gcbench_depth + 2, s.gcbench_depth, s.gcbench_array(), s.gcbench_depth),
            Workload::ParentTrees => format!(
                "{} binary trees of depth {} built top-down with a strong parent pointer in every node (Rc: Weak parent), dropped one after the other, one final collection. Whole run timed.", s.parent_iterations(), s.parent_depth()),
            Workload::LinkedLists => format!(
                "{} rounds of: build {} doubly linked lists of {} nodes (strong next, strong prev; Rc: Weak prev), drop them, collect. Whole run timed.", s.list_rounds(), s.lists, s.list_len),
            Workload::GcCollect => format!(
                "pyperformance gc_collect: {} times, build 100 rings of 21 doubly linked nodes, drop them, and time one full collection.", s.gc_collect_loops()),
            Workload::TwoCycles => format!(
                "{} objects in garbage 2-cycles: build, drop, one full collection. Whole run timed.", s.objects),
            Workload::BigRing => format!(
                "One ring of {} objects: build, drop, one full collection. Whole run timed.", s.objects),
            Workload::GcTraversal => format!(
                "pyperformance gc_traversal: {} nested lists (list k holds k references to list k-1, {} edges) kept alive; time {} full collections that free nothing (the root is cloned and dropped before each, so collectors that scan only from candidate roots examine the heap too). Units are edges.", s.traversal_levels, s.traversal_edges(), s.traversal_loops()),
            Workload::LiveHeapOrdered => format!(
                "{} live objects in one chain linked in allocation order, only its head held; time {} full collections (the head is cloned and dropped before each, so collectors that scan only from candidate roots examine the heap too).", s.objects, s.live_loops()),
            Workload::LiveHeapRandom => format!(
                "{} live objects in one chain linked in a random order (seeded), only its head held; time {} full collections (head cloned and dropped before each).", s.objects, s.live_loops()),
            Workload::YoungWithOld => format!(
                "{} old live objects (collected once so they are old), then {} times: make {} objects in garbage 2-cycles and time one young collection (a full one for collectors without generations).", s.objects, s.young_loops(), s.burst()),
            Workload::YoungAlone => format!(
                "The same {} young collections of {} objects with no old objects.", s.young_loops(), s.burst()),
            Workload::RandomMutation => format!(
                "A seeded random mutator (dumpster's shape), {} operations over up to {} roots: 30% create a node, 30% add an edge between two roots (at most 4 per node), 20% drop a root, 20% drop an edge; then drop everything and collect. Whole run timed; units are operations.", s.mutation_ops(), MUTATION_ROOTS),
            Workload::CycleChains => format!(
                "{} garbage 2-cycles, each holding the next in a chain, roots dropped first to last, then one full collection: every dropped root reaches every later cycle, so a collector that scans from each candidate separately does quadratic work. Whole run timed.", s.chain_cycles()),
            Workload::Minipy => format!(
                "The same Python program (N = {}: depth-9 trees with parent pointers and children lists, list 2-cycles, self-referencing dicts) run by minipy, whose heap is gc-core, and by CPython (needs `--features minipy`). Only the program is timed.", s.objects),
            Workload::MinipyGcCollect | Workload::MinipyGcTraversal | Workload::MinipyClosures | Workload::MinipyObjects => format!(
                "`minipy/benchmarks/{}.py {}` run by minipy in process (heap = gc-core) and by python3 (the same file, the same arguments); needs `--features minipy`. The script times itself: the time is the collector's (gc_s), the units the objects it collected{}. See the section on the minipy scripts.",
                self.script().unwrap_or(""),
                self.script_args(s).join(" "),
                if self == Workload::MinipyGcTraversal { " (here: edges traversed, (LOOPS + 1) x N(N-1)/2, since nothing is collected)" } else { "" }),
        }
    }
}

/// Size knobs. The defaults are the documented shapes; `--quick` shrinks them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sizes {
    /// Maximum depth of binary-trees (default 16).
    pub depth: u32,
    /// Long-lived tree depth of GCBench (stretch tree is 2 deeper; default 13, Boehm's is 16).
    pub gcbench_depth: u32,
    /// Objects for two-cycles, big-ring, live heaps, old objects, and (same count) mutator
    /// operations (default 1,000,000).
    pub objects: usize,
    /// Number of doubly linked lists (default 30).
    pub lists: usize,
    /// Nodes per list (default 4,096).
    pub list_len: usize,
    /// gc_traversal nesting levels (default 1,000).
    pub traversal_levels: usize,
    /// Repetitions inside one run of the loop-shaped workloads (default 1.0 = the documented
    /// counts; `--quick` uses fewer).
    pub loop_scale: f64,
}

/// Maximum number of roots of the random mutator.
pub const MUTATION_ROOTS: usize = 1000;

impl Default for Sizes {
    fn default() -> Self {
        Sizes {
            depth: 16,
            gcbench_depth: 13,
            objects: 1_000_000,
            lists: 30,
            list_len: 4096,
            traversal_levels: 1000,
            loop_scale: 1.0,
        }
    }
}

impl Sizes {
    /// The `--quick` sizes: every workload once, small.
    pub fn quick() -> Self {
        Sizes {
            depth: 10,
            gcbench_depth: 8,
            objects: 20_000,
            lists: 30,
            list_len: 256,
            traversal_levels: 200,
            loop_scale: 0.1,
        }
    }

    /// `n` scaled by `loop_scale`, at least 1.
    pub fn scaled(&self, n: usize) -> usize {
        ((n as f64 * self.loop_scale).round() as usize).max(1)
    }
    /// GCBench array length (500,000 at long-lived depth 16, scaled by tree size).
    pub fn gcbench_array(&self) -> usize {
        500_000usize >> 16u32.saturating_sub(self.gcbench_depth).min(16)
    }
    /// Depth of one parent-pointer tree.
    pub fn parent_depth(&self) -> u32 {
        self.depth.saturating_sub(4).max(4)
    }
    /// Number of parent-pointer trees (about 2^(depth+3) nodes in all).
    pub fn parent_iterations(&self) -> usize {
        1 << 4
    }
    /// Rounds of the linked-lists workload.
    pub fn list_rounds(&self) -> usize {
        self.scaled(4)
    }
    /// Loops of gc_collect.
    pub fn gc_collect_loops(&self) -> usize {
        self.scaled(100)
    }
    /// Edges of gc_traversal.
    pub fn traversal_edges(&self) -> usize {
        self.traversal_levels * self.traversal_levels.saturating_sub(1) / 2
    }
    /// Collections timed in gc_traversal.
    pub fn traversal_loops(&self) -> usize {
        self.scaled(20)
    }
    /// Collections timed on a live heap.
    pub fn live_loops(&self) -> usize {
        self.scaled(3).min(3)
    }
    /// Young collections timed.
    pub fn young_loops(&self) -> usize {
        self.scaled(20)
    }
    /// Objects made before each young collection.
    pub fn burst(&self) -> usize {
        1000
    }
    /// Random mutator operations.
    pub fn mutation_ops(&self) -> usize {
        self.objects
    }
    /// 2-cycles in cycle-chains.
    pub fn chain_cycles(&self) -> usize {
        (self.objects / 50).max(10)
    }
}

/// Accumulates the time of the parts of a workload that are measured.
#[derive(Debug, Default)]
pub struct Stopwatch {
    total: Duration,
    started: Option<Instant>,
}

impl Stopwatch {
    /// A stopped stopwatch at zero.
    pub fn new() -> Self {
        Self::default()
    }
    /// Start (or keep) timing.
    #[inline]
    pub fn start(&mut self) {
        if self.started.is_none() {
            self.started = Some(Instant::now());
        }
    }
    /// Stop timing, adding the interval to the total.
    #[inline]
    pub fn stop(&mut self) {
        if let Some(t) = self.started.take() {
            self.total += t.elapsed();
        }
    }
    /// Time accumulated so far (stops the watch first).
    pub fn total(&mut self) -> Duration {
        self.stop();
        self.total
    }
}

/// Run one workload once. Returns the number of units (see [`Workload::unit`]) or the reason
/// this collector cannot run it. The stopwatch holds the measured time afterwards.
pub fn run<C: Collector>(w: Workload, s: &Sizes, sw: &mut Stopwatch) -> Result<u64, String> {
    let units = match w {
        Workload::BinaryTrees => timed(sw, || binary_trees::<C>(s.depth)),
        Workload::BinaryTreesRefCell => timed(sw, || binary_trees_refcell::<C>(s.depth)),
        Workload::GcBench => timed(sw, || gcbench::<C>(s)),
        Workload::ParentTrees => timed(sw, || parent_trees::<C>(s)),
        Workload::LinkedLists => timed(sw, || linked_lists::<C>(s)),
        Workload::GcCollect => gc_collect::<C>(s, sw),
        Workload::TwoCycles => timed(sw, || two_cycles::<C>(s.objects)),
        Workload::BigRing => timed(sw, || big_ring::<C>(s.objects)),
        Workload::GcTraversal => gc_traversal::<C>(s, sw),
        Workload::LiveHeapOrdered => live_heap::<C>(s, false, sw),
        Workload::LiveHeapRandom => live_heap::<C>(s, true, sw),
        Workload::YoungWithOld => young::<C>(s, s.objects, sw),
        Workload::YoungAlone => young::<C>(s, 0, sw),
        Workload::RandomMutation => timed(sw, || random_mutation::<C>(s.mutation_ops(), 0x5EED)),
        Workload::CycleChains => timed(sw, || cycle_chains::<C>(s.chain_cycles())),
        Workload::Minipy => minipy_run(s, sw)?,
        Workload::MinipyGcCollect
        | Workload::MinipyGcTraversal
        | Workload::MinipyClosures
        | Workload::MinipyObjects => {
            return Err("a minipy script: run by gc_bench::scripts on minipy and CPython".into())
        }
    };
    Ok(units)
}

/// The program of the minipy workload, run by minipy (gc-core's heap) and, identically, by
/// CPython (`python/bench.py` holds the same text). `N` is set before it runs.
pub const MINIPY_PROGRAM: &str = "\
class Node:
    def __init__(self, parent):
        self.parent = parent
        self.children = []

def tree(depth, parent):
    n = Node(parent)
    if depth > 0:
        n.children.append(tree(depth - 1, n))
        n.children.append(tree(depth - 1, n))
    return n

def churn(n):
    total = 0
    for i in range(n):
        a = []
        b = [a]
        a.append(b)
        d = {'self': None}
        d['self'] = d
        total += len(a) + len(b)
    return total

for r in range(N // 4000):
    t = tree(9, None)
    churn(1000)
";

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
