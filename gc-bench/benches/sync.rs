//! The thread-safe handles under criterion: `cargo bench -p gc-bench --bench sync` (a few
//! minutes), or `cargo bench -p gc-bench --bench sync -- sync-deref` for one group.
//!
//! - `sync-deref`: sum a field over 10,000 handles, in a hot loop (gc-core-sync through one
//!   `Mutator` per pass, `Arc` and dumpster's `Gc` by `Deref`, gcmodule through `borrow()`);
//! - `sync-clone-drop`: clone and drop each of the 10,000 handles;
//! - `sync-collect-1m`: a full `gc_core::sync::collect()` of 1,000,000 live `Mutex` nodes linked
//!   in a random order, with the collector's parallel passes on 1 and on 2 threads
//!   (`gc_core::sync::set_collector_threads`).
//!
//! The Threads section of `cargo run --release -p gc-bench` runs the threaded workloads.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion};
use gc_bench::adapters::sync::gc_core::GcCoreSync;
use gc_bench::rng::Rng;
use gc_bench::sync_collector::SyncCollector;
use gc_core::sync;

/// Handles in the deref and clone+drop loops.
const HANDLES: usize = 10_000;
/// Live objects of the collection benchmark.
const LIVE: usize = 1_000_000;

/// gc-core-sync's item: a plain value, untracked.
#[derive(gc_core::Trace)]
struct CoreItem {
    value: u64,
}

/// dumpster's item.
#[derive(dumpster::Trace)]
struct DumpsterItem {
    value: u64,
}

/// gcmodule's item (untracked: it holds no handle).
struct GcmItem {
    value: u64,
}

impl gcmodule::Trace for GcmItem {
    fn is_type_tracked() -> bool {
        false
    }
}

fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    g
}

fn deref(c: &mut Criterion) {
    let core: Vec<sync::Cc<CoreItem>> = (0..HANDLES as u64)
        .map(|value| sync::Cc::new(CoreItem { value }))
        .collect();
    let arc: Vec<Arc<u64>> = (0..HANDLES as u64).map(Arc::new).collect();
    let dump: Vec<dumpster::sync::Gc<DumpsterItem>> = (0..HANDLES as u64)
        .map(|value| dumpster::sync::Gc::new(DumpsterItem { value }))
        .collect();
    let space = gcmodule::ThreadedObjectSpace::default();
    let gcm: Vec<gcmodule::ThreadedCc<GcmItem>> = (0..HANDLES as u64)
        .map(|value| space.create(GcmItem { value }))
        .collect();

    let mut g = group(c, "sync-deref");
    g.bench_function("gc-core-sync", |b| {
        b.iter(|| {
            let m = sync::enter();
            black_box(&core)
                .iter()
                .map(|h| h.get(&m).value)
                .sum::<u64>()
        })
    });
    g.bench_function("arc", |b| {
        b.iter(|| black_box(&arc).iter().map(|h| **h).sum::<u64>())
    });
    g.bench_function("dumpster-sync", |b| {
        b.iter(|| black_box(&dump).iter().map(|h| h.value).sum::<u64>())
    });
    g.bench_function("gcmodule-threaded", |b| {
        b.iter(|| {
            black_box(&gcm)
                .iter()
                .map(|h| h.borrow().value)
                .sum::<u64>()
        })
    });
    g.finish();

    let mut g = group(c, "sync-clone-drop");
    g.bench_function("gc-core-sync", |b| {
        b.iter(|| {
            for h in black_box(&core) {
                drop(black_box(h.clone()));
            }
        })
    });
    g.bench_function("arc", |b| {
        b.iter(|| {
            for h in black_box(&arc) {
                drop(black_box(h.clone()));
            }
        })
    });
    g.bench_function("dumpster-sync", |b| {
        b.iter(|| {
            for h in black_box(&dump) {
                drop(black_box(h.clone()));
            }
        })
    });
    g.bench_function("gcmodule-threaded", |b| {
        b.iter(|| {
            for h in black_box(&gcm) {
                drop(black_box(h.clone()));
            }
        })
    });
    g.finish();
    drop(gcm);
}

/// `n` live gc-core-sync nodes linked through slot 0 into a chain in a seeded random order;
/// with `extra_edge`, each node's slot 1 also points at a random node (a random graph, whose
/// marking has parallelism; a chain's marking is one dependent walk). Returns the head, the
/// only handle kept.
fn live_heap(n: usize, extra_edge: bool) -> sync::Cc<gc_bench::adapters::sync::gc_core::Node> {
    let mut nodes: Vec<_> = (0..n).map(|_| GcCoreSync::node()).collect();
    let mut rng = Rng::new(0xC4A1);
    rng.shuffle(&mut nodes);
    {
        let m = sync::enter();
        for pair in nodes.windows(2) {
            GcCoreSync::set(&m, &pair[0], 0, Some(&pair[1]));
        }
        if extra_edge {
            for node in &nodes {
                let other = &nodes[rng.below(n)];
                GcCoreSync::set(&m, node, 1, Some(other));
            }
        }
    }
    let head = nodes[0].clone();
    drop(nodes);
    head
}

fn collect_live(c: &mut Criterion) {
    for (name, extra_edge) in [("chain", false), ("graph", true)] {
        let head = live_heap(LIVE, extra_edge);
        sync::collect();
        let mut g = group(c, &format!("sync-collect-1m-{name}"));
        for threads in [1, 2] {
            sync::set_collector_threads(threads);
            g.bench_function(format!("gc-core-sync/{threads}-thread"), |b| {
                b.iter(|| black_box(sync::collect()))
            });
        }
        g.finish();
        drop(head);
        sync::collect();
    }
    sync::set_collector_threads(std::thread::available_parallelism().map_or(1, |n| n.get()));
}

criterion_group!(benches, deref, collect_live);
criterion_main!(benches);
