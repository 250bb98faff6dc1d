//! The figures gc-core's issue sets, measured with criterion:
//!
//! - `binary_trees/*`: the Benchmarks Game program (depth 14), automatic collection on, against
//!   `std::rc::Rc` with the same node shapes (immutable nodes; nodes with `RefCell` children);
//! - `binary_trees_depth/*/D`: the `RefCell` program against `Rc` at depths 10 to 16 (young
//!   collections that find nothing weigh differently at each depth);
//! - `full_collection_live/1M`: a full collection over 1,000,000 reachable tracked objects;
//! - `garbage_2cycles/1M`: collecting (and freeing) 1,000,000 objects in garbage 2-cycles;
//! - `young_collection/*`: a generation-0 collection of 2,000 young objects, with 1,000,000
//!   old objects alive and with none;
//! - `collection_overhead/empty_generation0`: the fixed cost of one collection (including the
//!   `tracing` span, with no subscriber installed).
//!
//! Run: `cargo bench -p gc-core --bench collector`. Per-object figures are the reported time
//! divided by the object count in the benchmark's name.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use gc_core::{Cc, Trace};
use std::cell::RefCell;
use std::hint::black_box;
use std::rc::Rc;
use std::time::{Duration, Instant};

const DEPTH: u32 = 14;

mod immutable {
    use super::*;
    #[derive(Trace)]
    pub struct Node {
        l: Option<Cc<Node>>,
        r: Option<Cc<Node>>,
    }
    pub fn make(d: u32) -> Cc<Node> {
        if d == 0 {
            Cc::new(Node { l: None, r: None })
        } else {
            Cc::new(Node {
                l: Some(make(d - 1)),
                r: Some(make(d - 1)),
            })
        }
    }
    pub fn check(n: &Node) -> u32 {
        1 + n.l.as_deref().map_or(0, check) + n.r.as_deref().map_or(0, check)
    }
}

mod mutable {
    use super::*;
    #[derive(Trace)]
    pub struct Node {
        l: RefCell<Option<Cc<Node>>>,
        r: RefCell<Option<Cc<Node>>>,
    }
    pub fn make(d: u32) -> Cc<Node> {
        let n = Cc::new(Node {
            l: RefCell::new(None),
            r: RefCell::new(None),
        });
        if d > 0 {
            *n.l.borrow_mut() = Some(make(d - 1));
            *n.r.borrow_mut() = Some(make(d - 1));
        }
        n
    }
    pub fn check(n: &Node) -> u32 {
        1 + n.l.borrow().as_deref().map_or(0, check) + n.r.borrow().as_deref().map_or(0, check)
    }
}

mod rc_immutable {
    use super::*;
    pub struct Node {
        l: Option<Rc<Node>>,
        r: Option<Rc<Node>>,
    }
    pub fn make(d: u32) -> Rc<Node> {
        if d == 0 {
            Rc::new(Node { l: None, r: None })
        } else {
            Rc::new(Node {
                l: Some(make(d - 1)),
                r: Some(make(d - 1)),
            })
        }
    }
    pub fn check(n: &Node) -> u32 {
        1 + n.l.as_deref().map_or(0, check) + n.r.as_deref().map_or(0, check)
    }
}

mod rc_mutable {
    use super::*;
    pub struct Node {
        l: RefCell<Option<Rc<Node>>>,
        r: RefCell<Option<Rc<Node>>>,
    }
    pub fn make(d: u32) -> Rc<Node> {
        let n = Rc::new(Node {
            l: RefCell::new(None),
            r: RefCell::new(None),
        });
        if d > 0 {
            *n.l.borrow_mut() = Some(make(d - 1));
            *n.r.borrow_mut() = Some(make(d - 1));
        }
        n
    }
    pub fn check(n: &Node) -> u32 {
        1 + n.l.borrow().as_deref().map_or(0, check) + n.r.borrow().as_deref().map_or(0, check)
    }
}

/// The Benchmarks Game binary-trees program, parameterised by the node functions.
macro_rules! binary_trees {
    ($m:ident, $max:expr) => {{
        let max = $max;
        let long_lived = $m::make(max);
        let mut total = 0;
        let mut d = 4;
        while d <= max {
            let iterations = 1 << (max - d + 4);
            for _ in 0..iterations {
                let t = $m::make(d);
                total += $m::check(&t);
            }
            d += 2;
        }
        total + $m::check(&long_lived)
    }};
}

fn bench_binary_trees(c: &mut Criterion) {
    let mut g = c.benchmark_group("binary_trees");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("rc_immutable", |b| {
        b.iter(|| black_box(binary_trees!(rc_immutable, DEPTH)))
    });
    g.bench_function("gc_core_immutable", |b| {
        b.iter(|| black_box(binary_trees!(immutable, DEPTH)))
    });
    g.bench_function("rc_refcell", |b| {
        b.iter(|| black_box(binary_trees!(rc_mutable, DEPTH)))
    });
    g.bench_function("gc_core_refcell", |b| {
        b.iter(|| black_box(binary_trees!(mutable, DEPTH)))
    });
    g.finish();
}

/// The `RefCell` program at several depths: the ratio to `Rc` is what the issue bounds.
fn bench_binary_trees_depth(c: &mut Criterion) {
    let mut g = c.benchmark_group("binary_trees_depth");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    for depth in [10, 12, 14, 16] {
        g.bench_function(format!("rc_refcell/{depth}"), |b| {
            b.iter(|| black_box(binary_trees!(rc_mutable, depth)))
        });
        g.bench_function(format!("gc_core_refcell/{depth}"), |b| {
            b.iter(|| black_box(binary_trees!(mutable, depth)))
        });
    }
    g.finish();
}

#[derive(Trace)]
struct Obj {
    next: RefCell<Option<Cc<Obj>>>,
}

fn obj() -> Cc<Obj> {
    Cc::new(Obj {
        next: RefCell::new(None),
    })
}

/// `n` tracked objects in a chain (each referenced by its predecessor), in allocation order.
fn live_chain(n: usize) -> Vec<Cc<Obj>> {
    let all: Vec<Cc<Obj>> = (0..n).map(|_| obj()).collect();
    for w in all.windows(2) {
        *w[0].next.borrow_mut() = Some(w[1].clone());
    }
    all
}

fn bench_full_collection_live(c: &mut Criterion) {
    gc_core::set_threshold(0, 0, 0);
    let keep = live_chain(1_000_000);
    gc_core::collect();
    let mut g = c.benchmark_group("full_collection_live");
    g.sample_size(20);
    g.bench_function("1M", |b| b.iter(|| black_box(gc_core::collect())));
    g.finish();
    drop(keep);
    gc_core::collect();
    gc_core::set_threshold(2000, 10, 10);
}

fn bench_garbage_2cycles(c: &mut Criterion) {
    gc_core::set_threshold(0, 0, 0);
    let mut g = c.benchmark_group("garbage_2cycles");
    g.sample_size(10);
    g.bench_function("1M", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                for _ in 0..500_000 {
                    let a = obj();
                    let b = obj();
                    *a.next.borrow_mut() = Some(b.clone());
                    *b.next.borrow_mut() = Some(a);
                }
                let start = Instant::now();
                let n = gc_core::collect();
                total += start.elapsed();
                assert_eq!(n, 1_000_000);
            }
            total
        })
    });
    g.finish();
    gc_core::set_threshold(2000, 10, 10);
}

fn bench_young_collection(c: &mut Criterion) {
    gc_core::set_threshold(0, 0, 0);
    let mut g = c.benchmark_group("young_collection");
    for (name, old) in [("2000_young_no_old", 0), ("2000_young_1M_old", 1_000_000)] {
        let keep = live_chain(old);
        gc_core::collect(); // the old objects go to generation 2
        g.bench_function(name, |b| {
            b.iter_batched(
                || live_chain(2000),
                |young| {
                    let n = gc_core::collect_generation(0);
                    (n, young)
                },
                BatchSize::PerIteration,
            )
        });
        drop(keep);
        gc_core::collect();
    }
    g.finish();
    gc_core::set_threshold(2000, 10, 10);
}

/// The fixed cost of a collection (timing, the `tracing` span with no subscriber installed,
/// callbacks, bookkeeping), measured on an empty heap.
fn bench_collection_overhead(c: &mut Criterion) {
    gc_core::set_threshold(0, 0, 0);
    let mut g = c.benchmark_group("collection_overhead");
    g.bench_function("empty_generation0", |b| {
        b.iter(|| black_box(gc_core::collect_generation(0)))
    });
    g.finish();
    gc_core::set_threshold(2000, 10, 10);
}

criterion_group!(
    benches,
    bench_collection_overhead,
    bench_binary_trees,
    bench_binary_trees_depth,
    bench_full_collection_live,
    bench_garbage_2cycles,
    bench_young_collection
);
criterion_main!(benches);
