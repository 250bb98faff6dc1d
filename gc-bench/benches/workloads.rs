//! The gc-bench workloads under criterion, at `--quick` sizes:
//! `cargo bench -p gc-bench` (a few minutes), or `cargo bench -p gc-bench -- two-cycles`
//! for one workload. The one-command report is `cargo run --release -p gc-bench`.
//!
//! Workloads and collectors come from the same registries as the report's
//! ([`Workload::ALL`], [`registry::all`]): every Rust adapter on every workload it can run.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use gc_bench::registry::{self, Runner};
use gc_bench::workloads::{Sizes, Stopwatch, Workload};

fn all(c: &mut Criterion) {
    let s = Sizes::quick();
    // Python programs need an interpreter: the report runs them, criterion does not.
    for w in Workload::ALL.into_iter().filter(|w| !w.needs().python) {
        let mut g = c.benchmark_group(w.name());
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_millis(800));
        for entry in registry::all() {
            let Runner::Rust { run, .. } = entry.runner else {
                continue;
            };
            if registry::left_out(entry, w).is_some() {
                continue;
            }
            g.bench_function(entry.name, |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let mut sw = Stopwatch::new();
                        let _ = run(w, &s, &mut sw);
                        total += sw.total();
                    }
                    total
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, all);
criterion_main!(benches);
