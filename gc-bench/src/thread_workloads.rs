//! The workloads of the Threads section, each declared once as one entry of the
//! `thread_workloads!` table (name, unit, description, goal, run generic over the
//! [`SyncCollector`] adapter), with the programs they run below.
//!
//! Every workload times its whole life: thread start-up, allocation, mutation, the hand-over
//! between threads, the drops, and one final full collection on the calling thread after every
//! worker has been joined, so that every collector has freed its garbage when the clock stops.
//! Handles are dereferenced inside a guard ([`SyncCollector::enter`]) taken for one operation
//! or one short batch, never across a channel `recv` or a `join`. [`ThreadWorkload::describe`]
//! says what each does, in words, for the report.

use std::sync::mpsc;
use std::sync::Mutex;

use crate::rng::Rng;
use crate::sync_collector::{SyncCollector, SLOTS};
use crate::workloads::{binary_trees_program, Stopwatch, BACK};

/// Declares the workloads of the Threads section, one entry each, and generates from them the
/// [`ThreadWorkload`] enum, its data methods and [`run`]. An entry is
///
/// ```text
/// /// doc of the variant
/// Variant {
///     name: "cli-name", unit: "what one unit is", cyclic_garbage: bool,
///     against_baseline: Option<&'static str> (the "at most 1.20x Arc" goal: what the nodes are),
///     describe: |s| String (s: &ThreadSizes),
///     run: |s| u64 (s: &ThreadSizes; the adapter is `C`; the whole run is timed),
/// }
/// ```
macro_rules! thread_workloads {
    ($(
        $(#[$doc:meta])*
        $v:ident {
            name: $name:literal,
            unit: $unit:literal,
            cyclic_garbage: $cyclic:literal,
            against_baseline: $against:expr,
            describe: |$ds:ident| $describe:expr,
            run: |$rs:ident| $run:expr $(,)?
        }
    ),* $(,)?) => {
        /// Every workload of the Threads section, in report order (declared in
        /// `thread_workloads!`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ThreadWorkload {
            $($(#[$doc])* $v,)*
        }

        impl ThreadWorkload {
            /// All threaded workloads, in report order.
            pub const ALL: [ThreadWorkload; [$($name),*].len()] = [$(ThreadWorkload::$v),*];

            /// The name used on the command line, in tables and in CSV.
            pub fn name(self) -> &'static str {
                match self {
                    $(ThreadWorkload::$v => $name,)*
                }
            }

            /// What one unit of the `objects` column is.
            pub fn unit(self) -> &'static str {
                match self {
                    $(ThreadWorkload::$v => $unit,)*
                }
            }

            /// Does the workload make cyclic garbage (that `Arc` cannot free)?
            pub fn makes_cyclic_garbage(self) -> bool {
                match self {
                    $(ThreadWorkload::$v => $cyclic,)*
                }
            }

            /// For the workloads with a goal against the baseline (`Arc`), what their nodes
            /// are, as the goal says it ("immutable nodes").
            pub fn against_baseline(self) -> Option<&'static str> {
                match self {
                    $(ThreadWorkload::$v => $against,)*
                }
            }

            /// One paragraph for the report: shape, sizes, threads and what the clock covers.
            pub fn describe(self, s: &ThreadSizes) -> String {
                match self {
                    $(ThreadWorkload::$v => {
                        let $ds = s;
                        $describe
                    })*
                }
            }
        }

        /// Run one threaded workload once. Returns the number of units (see
        /// [`ThreadWorkload::unit`]); the stopwatch holds the measured time afterwards.
        pub fn run<C: SyncCollector>(w: ThreadWorkload, s: &ThreadSizes, sw: &mut Stopwatch) -> u64 {
            sw.start();
            let units = match w {
                $(ThreadWorkload::$v => {
                    let $rs = s;
                    $run
                })*
            };
            sw.stop();
            units
        }
    };
}

thread_workloads! {
    /// Two threads, each building and dropping rings and parent-pointer trees.
    BuildDrop {
        name: "threads-build-drop",
        unit: "object allocated",
        cyclic_garbage: true,
        against_baseline: None,
        describe: |s| format!(
            "{} threads, each {} rounds of: build a ring of {} nodes and a binary tree of depth {} with a strong parent pointer in every node ({} nodes), under one guard, then drop both. Collectors that do not collect on their own collect every {} rounds on each thread. Whole run timed, thread start-up and the final collection included.",
            s.threads, s.rounds, s.ring, s.tree_depth, tree_size(s.tree_depth), s.collect_rounds()),
        run: |s| build_drop::<C>(s),
    },
    /// A producer sends small rings over a channel to a consumer that drops them.
    ChannelCycles {
        name: "channel-cycles",
        unit: "object allocated",
        cyclic_garbage: true,
        against_baseline: None,
        describe: |s| format!(
            "A producer thread builds {} small rings (2, 3 or 4 nodes in turn) and sends each over a bounded `std::sync::mpsc` channel (capacity {}); a consumer thread follows one edge of each (one guard per message) and drops it. Collectors that do not collect on their own collect on the consumer every {} messages. Whole run timed.",
            s.messages, CHANNEL_CAPACITY, s.collect_every),
        run: |s| channel_cycles::<C>(s),
    },
    /// A shared graph relinked by two threads while one of them collects every K operations.
    SharedMutation {
        name: "shared-mutation",
        unit: "mutator operation",
        cyclic_garbage: true,
        against_baseline: None,
        describe: |s| format!(
            "A graph of {} nodes, each in a root table of `Mutex` slots with one edge to a random node; {} threads each run {} seeded random operations (50% set a random slot of one root to another root, 20% replace a root with a new node, 15% clear a slot, 15% make a root of a node one edge away), one guard per operation; thread 0 runs a full collection every {} operations, while the other keeps mutating. Then the table is dropped and collected. Whole run timed; units are operations.",
            s.graph_nodes, s.threads, s.mutation_ops, s.collect_every),
        run: |s| shared_mutation::<C>(s),
    },
    /// Single-threaded binary-trees with immutable nodes.
    BinaryTrees {
        name: "sync-binary-trees",
        unit: "object allocated",
        cyclic_garbage: false,
        against_baseline: Some("immutable nodes"),
        describe: |s| format!(
            "Benchmarks Game binary-trees on one thread, max depth {} (stretch tree {}, long-lived tree, 2^({}-k+4) trees of depth k for k = 4, 6, ..), immutable nodes (children fixed at creation); gc-core-sync takes one guard per tree checked. Whole run timed.",
            s.depth, s.depth + 1, s.depth),
        run: |s| binary_trees::<C>(s.depth),
    },
    /// Single-threaded binary-trees with children in a `Mutex`.
    BinaryTreesMutex {
        name: "sync-binary-trees-mutex",
        unit: "object allocated",
        cyclic_garbage: false,
        against_baseline: Some("Mutex children"),
        describe: |s| format!(
            "The same binary-trees program (max depth {}) with the children in a `Mutex` (tracked by the collectors); one guard per tree built and per tree checked. Whole run timed.",
            s.depth),
        run: |s| binary_trees_mutex::<C>(s.depth),
    },
}

impl ThreadWorkload {
    /// Parse a name as printed by [`ThreadWorkload::name`].
    pub fn from_name(s: &str) -> Option<ThreadWorkload> {
        ThreadWorkload::ALL.into_iter().find(|w| w.name() == s)
    }
}

/// Capacity of the channel of channel-cycles.
pub const CHANNEL_CAPACITY: usize = 1024;

/// Stack of the worker threads: gcmodule's collection recurses along chains of the shared
/// graph.
const WORKER_STACK: usize = 64 << 20;

/// Size knobs of the Threads section. The defaults fit a 2-core machine: the whole section,
/// every workload on every collector, takes well under a minute.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ThreadSizes {
    /// Mutator threads of threads-build-drop and shared-mutation (default 2).
    pub threads: usize,
    /// Rounds per thread of threads-build-drop (default 1,000).
    pub rounds: usize,
    /// Nodes per ring in threads-build-drop (default 100).
    pub ring: usize,
    /// Depth of each parent-pointer tree in threads-build-drop (default 6: 127 nodes).
    pub tree_depth: u32,
    /// Rings sent in channel-cycles (default 100,000).
    pub messages: usize,
    /// Nodes of the shared graph (default 10,000).
    pub graph_nodes: usize,
    /// Operations per thread in shared-mutation (default 200,000).
    pub mutation_ops: usize,
    /// Operations (shared-mutation) or messages (channel-cycles) between explicit collections
    /// (default 10,000).
    pub collect_every: usize,
    /// Maximum depth of the single-threaded sync binary-trees (default 14).
    pub depth: u32,
}

impl Default for ThreadSizes {
    fn default() -> Self {
        ThreadSizes {
            threads: 2,
            rounds: 1000,
            ring: 100,
            tree_depth: 6,
            messages: 100_000,
            graph_nodes: 10_000,
            mutation_ops: 200_000,
            collect_every: 10_000,
            depth: 14,
        }
    }
}

impl ThreadSizes {
    /// The `--quick` sizes: a tenth of the work.
    pub fn quick() -> Self {
        ThreadSizes {
            threads: 2,
            rounds: 100,
            ring: 100,
            tree_depth: 6,
            messages: 10_000,
            graph_nodes: 2_000,
            mutation_ops: 20_000,
            collect_every: 2_000,
            depth: 10,
        }
    }

    /// Scale the repetition counts (rounds, messages, operations) by `x`, at least 1 each.
    pub fn scale(&mut self, x: f64) {
        let f = |n: usize| ((n as f64 * x).round() as usize).max(1);
        self.rounds = f(self.rounds);
        self.messages = f(self.messages);
        self.mutation_ops = f(self.mutation_ops);
        self.collect_every = f(self.collect_every);
    }

    /// Rounds of threads-build-drop between explicit collections: about `collect_every`
    /// nodes.
    pub fn collect_rounds(&self) -> usize {
        (self.collect_every / (self.ring + tree_size(self.tree_depth) as usize)).max(1)
    }
}

fn tree_size(depth: u32) -> u64 {
    (1u64 << (depth + 1)) - 1
}

/// Run `f` on `threads` scoped worker threads (with [`WORKER_STACK`]) and join each one
/// explicitly: a native join also waits for the thread's thread-local destructors, which is
/// where dumpster hands a thread's dropped objects to its collector.
fn on_workers<F>(threads: usize, f: F)
where
    F: Fn(usize) + Sync,
{
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                std::thread::Builder::new()
                    .name(format!("gc-bench-worker-{t}"))
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, move || f(t))
                    .expect("spawn worker")
            })
            .collect();
        for h in handles {
            if let Err(panic) = h.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}

// ---------------------------------------------------------------------------------------
// Shapes

/// A ring of `len` nodes linked through slot 0. Returns one of its nodes.
fn ring<C: SyncCollector>(g: &C::Guard, len: usize) -> C::Node {
    let head = C::node();
    let mut tail = head.clone();
    for _ in 1..len {
        let n = C::node();
        C::set(g, &tail, 0, Some(&n));
        tail = n;
    }
    C::set(g, &tail, 0, Some(&head));
    head
}

/// A binary tree built top-down with a strong parent pointer in the back slot.
fn parent_tree<C: SyncCollector>(g: &C::Guard, depth: u32, parent: Option<&C::Node>) -> C::Node {
    let n = C::node();
    C::set(g, &n, BACK, parent);
    if depth > 0 {
        let l = parent_tree::<C>(g, depth - 1, Some(&n));
        C::set(g, &n, 0, Some(&l));
        let r = parent_tree::<C>(g, depth - 1, Some(&n));
        C::set(g, &n, 1, Some(&r));
    }
    n
}

// ---------------------------------------------------------------------------------------
// threads-build-drop

fn build_drop<C: SyncCollector>(s: &ThreadSizes) -> u64 {
    let every = s.collect_rounds();
    on_workers(s.threads, |_| {
        for round in 0..s.rounds {
            let (ring, tree) = {
                let g = C::enter();
                let ring = ring::<C>(&g, s.ring);
                let tree = parent_tree::<C>(&g, s.tree_depth, None);
                assert!(C::get(&g, &ring, 0).is_some(), "ring edge");
                (ring, tree)
            };
            drop(ring);
            drop(tree);
            if !C::AUTOMATIC && (round + 1) % every == 0 {
                C::collect();
            }
        }
    });
    C::collect();
    (s.threads * s.rounds) as u64 * (s.ring as u64 + tree_size(s.tree_depth))
}

// ---------------------------------------------------------------------------------------
// channel-cycles

/// Nodes of the `i`th ring sent: 2, 3, 4, 2, 3, 4, ...
fn message_len(i: usize) -> usize {
    2 + i % 3
}

fn channel_cycles<C: SyncCollector>(s: &ThreadSizes) -> u64 {
    let (tx, rx) = mpsc::sync_channel::<C::Node>(CHANNEL_CAPACITY);
    let rx = Mutex::new(Some(rx));
    let tx = Mutex::new(Some(tx));
    on_workers(2, |t| {
        if t == 0 {
            let tx = tx.lock().expect("tx").take().expect("one producer");
            for i in 0..s.messages {
                let head = {
                    let g = C::enter();
                    ring::<C>(&g, message_len(i))
                };
                tx.send(head).expect("consumer alive");
            }
        } else {
            let rx = rx.lock().expect("rx").take().expect("one consumer");
            for (i, head) in rx.iter().enumerate() {
                {
                    let g = C::enter();
                    assert!(C::get(&g, &head, 0).is_some(), "ring edge");
                }
                drop(head);
                if !C::AUTOMATIC && (i + 1) % s.collect_every == 0 {
                    C::collect();
                }
            }
        }
    });
    C::collect();
    (0..s.messages).map(|i| message_len(i) as u64).sum()
}

// ---------------------------------------------------------------------------------------
// shared-mutation

fn shared_mutation<C: SyncCollector>(s: &ThreadSizes) -> u64 {
    let n = s.graph_nodes.max(2);
    let roots: Vec<Mutex<C::Node>> = (0..n).map(|_| Mutex::new(C::node())).collect();
    let root = |i: usize| roots[i].lock().expect("root slot").clone();
    {
        let mut rng = Rng::new(0x5A4E);
        for i in 0..n {
            let (a, b) = (root(i), root(rng.below(n)));
            let g = C::enter();
            C::set(&g, &a, 0, Some(&b));
        }
    }
    on_workers(s.threads, |t| {
        let mut rng = Rng::new(0x5A4E_0000 + t as u64);
        for op in 0..s.mutation_ops {
            let i = rng.below(n);
            let slot = rng.below(SLOTS);
            match rng.below(20) {
                0..=9 => {
                    let (a, b) = (root(i), root(rng.below(n)));
                    let g = C::enter();
                    C::set(&g, &a, slot, Some(&b));
                }
                10..=13 => {
                    let fresh = C::node();
                    let old = std::mem::replace(&mut *roots[i].lock().expect("root slot"), fresh);
                    drop(old);
                }
                14..=16 => {
                    let a = root(i);
                    let g = C::enter();
                    C::set(&g, &a, slot, None);
                }
                _ => {
                    let a = root(i);
                    let next = {
                        let g = C::enter();
                        C::get(&g, &a, slot)
                    };
                    if let Some(next) = next {
                        let j = rng.below(n);
                        let old =
                            std::mem::replace(&mut *roots[j].lock().expect("root slot"), next);
                        drop(old);
                    }
                }
            }
            if t == 0 && (op + 1) % s.collect_every == 0 {
                C::collect();
            }
        }
    });
    drop(roots);
    C::collect();
    (s.threads * s.mutation_ops) as u64
}

// ---------------------------------------------------------------------------------------
// sync binary-trees

fn bottom_up_tree<C: SyncCollector>(depth: u32) -> C::Tree {
    if depth == 0 {
        C::tree(None, None)
    } else {
        C::tree(
            Some(bottom_up_tree::<C>(depth - 1)),
            Some(bottom_up_tree::<C>(depth - 1)),
        )
    }
}

fn check_tree<C: SyncCollector>(g: &C::Guard, t: &C::Tree) -> u64 {
    C::with_children(g, t, |l, r| {
        1 + l.map_or(0, |l| check_tree::<C>(g, l)) + r.map_or(0, |r| check_tree::<C>(g, r))
    })
}

fn binary_trees<C: SyncCollector>(max_depth: u32) -> u64 {
    let total = binary_trees_program(max_depth, bottom_up_tree::<C>, |t| {
        let g = C::enter();
        check_tree::<C>(&g, t)
    });
    C::collect();
    total
}

fn bottom_up_node<C: SyncCollector>(g: &C::Guard, depth: u32) -> C::Node {
    let n = C::node();
    if depth > 0 {
        C::set(g, &n, 0, Some(&bottom_up_node::<C>(g, depth - 1)));
        C::set(g, &n, 1, Some(&bottom_up_node::<C>(g, depth - 1)));
    }
    n
}

fn check_node<C: SyncCollector>(g: &C::Guard, n: &C::Node) -> u64 {
    let mut total = 1;
    for slot in 0..2 {
        if let Some(c) = C::get(g, n, slot) {
            total += check_node::<C>(g, &c);
        }
    }
    total
}

fn binary_trees_mutex<C: SyncCollector>(max_depth: u32) -> u64 {
    let total = binary_trees_program(
        max_depth,
        |d| {
            let g = C::enter();
            bottom_up_node::<C>(&g, d)
        },
        |t| {
            let g = C::enter();
            check_node::<C>(&g, t)
        },
    );
    C::collect();
    total
}
