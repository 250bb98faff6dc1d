//! The gc-bench workloads under criterion, at `--quick` sizes:
//! `cargo bench -p gc-bench` (a few minutes), or `cargo bench -p gc-bench -- two-cycles`
//! for one workload. The one-command report is `cargo run --release -p gc-bench`.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use gc_bench::adapters::{bacon_rajan_cc, dumpster, gc, gc_core, gcmodule, rc, rust_cc};
use gc_bench::collector::Collector;
use gc_bench::workloads::{self, Sizes, Stopwatch, Workload};

fn bench_one<C: Collector>(
    c: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    w: Workload,
    s: &Sizes,
) {
    C::install();
    if C::unsupported(w).is_some() {
        return;
    }
    c.bench_function(C::NAME, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut sw = Stopwatch::new();
                let _ = workloads::run::<C>(w, s, &mut sw);
                total += sw.total();
            }
            total
        })
    });
}

fn all(c: &mut Criterion) {
    let s = Sizes::quick();
    for w in Workload::ALL {
        if w == Workload::Minipy || w.script().is_some() {
            continue;
        }
        let mut g = c.benchmark_group(w.name());
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_millis(800));
        bench_one::<gc_core::GcCore>(&mut g, w, &s);
        bench_one::<rc::RcCollector>(&mut g, w, &s);
        bench_one::<gcmodule::GcModule>(&mut g, w, &s);
        bench_one::<bacon_rajan_cc::BaconRajan>(&mut g, w, &s);
        bench_one::<rust_cc::RustCc>(&mut g, w, &s);
        bench_one::<dumpster::Dumpster>(&mut g, w, &s);
        bench_one::<gc::RustGc>(&mut g, w, &s);
        g.finish();
    }
}

criterion_group!(benches, all);
criterion_main!(benches);
