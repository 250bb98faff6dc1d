//! `cpu_probe`: the figures of issue 14 ("faster full collections") in *thread CPU time*, for a
//! machine whose cores other processes share (wall-clock figures then move by 2-3x between
//! runs; the CPU time a thread spent barely does). Prints the minimum and the median of N runs.
//!
//! ```text
//! cargo run --release -p gc-bench --bin cpu_probe -- trees 7 10 12 14 16   # N, depths
//! cargo run --release -p gc-bench --bin cpu_probe -- trees 7 10 12 14 16 backoff
//! cargo run --release -p gc-bench --bin cpu_probe -- young 6
//! cargo run --release -p gc-bench --bin cpu_probe -- young 6 head
//! cargo run --release -p gc-bench --bin cpu_probe -- live 6
//! cargo run --release -p gc-bench --bin cpu_probe -- garbage 6
//! cargo run --release -p gc-bench --bin cpu_probe -- incremental 6 2500   # runs, budget
//! cargo run --release -p gc-bench --bin cpu_probe -- incremental 6 2500 garbage
//! cargo run --release -p gc-bench --bin cpu_probe -- stalls 6 2048   # rounds, MiB
//! ```
//!
//! Run each case in its own process: a case leaves the pools' free lists in its own order.
//!
//! - `trees`: binary trees with `RefCell` nodes, gc-core against `Rc` (the criterion bench
//!   `binary_trees_depth` times the same program in wall time), with the collections' share;
//!   with `backoff`, young collections back off ([`gc_core::set_young_backoff`]);
//! - `young`: a generation-0 collection of 2,000 live objects in a chain, each also held by a
//!   vector (so every one is referenced from outside the generation); with `head`, only the
//!   first is held, and the collection marks the others through the chain;
//! - `live`: a full collection of 1,000,000 live objects in a chain in allocation order;
//! - `garbage`: collecting 1,000,000 objects in garbage 2-cycles (collection only);
//! - `incremental`: 1,000,000 live objects in generation 2 (a chain in allocation order, each
//!   with one random cross link, each held by a vector: the live heap of `incremental_mode
//!   churn`, without the churn), collected alternately by a full collection and by a whole
//!   incremental cycle of slices of the given budget (`collect_slice` until the cycle ends):
//!   the CPU time of each, and their ratio, with no program running between the slices; with
//!   `garbage`, 100,000 objects in garbage 2-cycles are in generation 2 before each;
//! - `stalls`: no collector at all, a check of the machine: a buffer of MiB megabytes is
//!   written once, then each round reads one byte of every page in random order, each read
//!   timed in thread CPU time; reads of over 0.2 ms are counted and the longest is printed. On
//!   bare metal a read of memory already touched takes well under a microsecond; a read that
//!   takes milliseconds of the thread's CPU time was stalled below the program (in a VM, by the
//!   host: a page it had not backed yet, or moved).

use gc_bench::cputime::thread_cpu_time;
use gc_core::{Cc, Trace};
use std::cell::RefCell;
use std::hint::black_box;
use std::rc::Rc;
use std::time::Duration;

/// CPU time spent in `f`.
fn timed<R>(f: impl FnOnce() -> R) -> (Duration, R) {
    let start = thread_cpu_time();
    let r = f();
    (thread_cpu_time() - start, r)
}

/// Minimum and median.
fn min_median(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v[0], v[v.len() / 2])
}

#[derive(Trace)]
struct Node {
    l: RefCell<Option<Cc<Node>>>,
    r: RefCell<Option<Cc<Node>>>,
}

fn make(d: u32) -> Cc<Node> {
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

fn check(n: &Node) -> u64 {
    1 + n.l.borrow().as_deref().map_or(0, check) + n.r.borrow().as_deref().map_or(0, check)
}

struct RcNode {
    l: RefCell<Option<Rc<RcNode>>>,
    r: RefCell<Option<Rc<RcNode>>>,
}

fn rc_make(d: u32) -> Rc<RcNode> {
    let n = Rc::new(RcNode {
        l: RefCell::new(None),
        r: RefCell::new(None),
    });
    if d > 0 {
        *n.l.borrow_mut() = Some(rc_make(d - 1));
        *n.r.borrow_mut() = Some(rc_make(d - 1));
    }
    n
}

fn rc_check(n: &RcNode) -> u64 {
    1 + n.l.borrow().as_deref().map_or(0, rc_check) + n.r.borrow().as_deref().map_or(0, rc_check)
}

fn trees(runs: usize, depths: &[u32]) {
    for &max in depths {
        let (mut g, mut r) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let before: Duration = gc_core::get_stats().iter().map(|s| s.duration).sum();
            let (t, total) =
                timed(|| gc_bench::workloads::binary_trees_program(max, make, |n| check(n)));
            let after: Duration = gc_core::get_stats().iter().map(|s| s.duration).sum();
            g.push((t, after - before));
            let (t, rc_total) =
                timed(|| gc_bench::workloads::binary_trees_program(max, rc_make, |n| rc_check(n)));
            assert_eq!(total, rc_total);
            r.push(t);
        }
        g.sort();
        let (rc_min, rc_med) = min_median(r);
        let (g_min, g_med) = (g[0].0, g[runs / 2].0);
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "trees depth {max}: gc-core min {:.2} med {:.2} ms (collections {:.2} ms of the \
             fastest), Rc min {:.2} med {:.2} ms; gc-core / Rc: {:.3} (minima), {:.3} (medians)",
            ms(g_min),
            ms(g_med),
            ms(g[0].1),
            ms(rc_min),
            ms(rc_med),
            ms(g_min) / ms(rc_min),
            ms(g_med) / ms(rc_med),
        );
    }
    println!(
        "young threshold now {}, back-offs {:?}",
        gc_core::get_young_threshold(),
        gc_core::get_stats().map(|s| s.backoffs)
    );
}

#[derive(Trace)]
struct Linked {
    next: RefCell<Option<Cc<Linked>>>,
    cross: RefCell<Option<Cc<Linked>>>,
}

/// Garbage 2-cycles of [`Linked`] nodes, moved to generation 2 by two collections of
/// generation 1 (which find nothing: each pair is held until they end).
fn old_garbage(pairs: usize) {
    let held: Vec<Cc<Linked>> = (0..pairs)
        .map(|_| {
            let a = Cc::new(Linked {
                next: RefCell::new(None),
                cross: RefCell::new(None),
            });
            let b = Cc::new(Linked {
                next: RefCell::new(Some(a.clone())),
                cross: RefCell::new(None),
            });
            *a.next.borrow_mut() = Some(b);
            a
        })
        .collect();
    gc_core::collect_generation(1);
    gc_core::collect_generation(1);
    drop(held);
}

/// `cpu_probe incremental RUNS BUDGET [garbage]`.
fn incremental(runs: usize, budget: usize, garbage: bool) {
    gc_core::set_threshold(0, 0, 0);
    let n = 1_000_000;
    let all: Vec<Cc<Linked>> = (0..n)
        .map(|_| {
            Cc::new(Linked {
                next: RefCell::new(None),
                cross: RefCell::new(None),
            })
        })
        .collect();
    let mut rng = gc_bench::rng::Rng::new(0x1AC2);
    for w in all.windows(2) {
        *w[0].next.borrow_mut() = Some(w[1].clone());
    }
    for a in &all {
        *a.cross.borrow_mut() = Some(all[rng.below(n)].clone());
    }
    gc_core::collect();
    let (mut full, mut cycle) = (Vec::new(), Vec::new());
    // With `garbage`, 100,000 objects (a tenth of the live ones) in garbage 2-cycles are in
    // generation 2 before each collection, so that the marking walks cannot stop early.
    let pairs = if garbage { 50_000 } else { 0 };
    for _ in 0..runs {
        old_garbage(pairs);
        let (t, freed) = timed(|| black_box(gc_core::collect()));
        assert_eq!(freed, 2 * pairs);
        full.push(t);
        old_garbage(pairs);
        let before = gc_core::get_incremental_stats().collected;
        let (t, slices) = timed(|| {
            let mut slices = 1;
            while gc_core::collect_slice(budget) {
                slices += 1;
            }
            slices
        });
        assert!(
            slices > 1,
            "a cycle over 1,000,000 objects takes many slices"
        );
        assert_eq!(
            gc_core::get_incremental_stats().collected - before,
            2 * pairs as u64
        );
        cycle.push(t);
    }
    let ratio =
        min_median(cycle.clone()).0.as_secs_f64() / min_median(full.clone()).0.as_secs_f64();
    report(
        "full collection of 1,000,000 live objects with cross links",
        n,
        full,
    );
    report(
        &format!("incremental cycle over them, budget {budget}"),
        n,
        cycle,
    );
    println!("incremental / full (minima): {ratio:.3}");
    drop(all);
    gc_core::collect();
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

fn live_chain(n: usize) -> Vec<Cc<Obj>> {
    let all: Vec<Cc<Obj>> = (0..n).map(|_| obj()).collect();
    for w in all.windows(2) {
        *w[0].next.borrow_mut() = Some(w[1].clone());
    }
    all
}

fn report(what: &str, objects: usize, v: Vec<Duration>) {
    let (min, med) = min_median(v);
    let ns = |d: Duration| d.as_secs_f64() * 1e9 / objects as f64;
    println!(
        "{what}: min {:.2} med {:.2} ns per object (min {:.1} us)",
        ns(min),
        ns(med),
        min.as_secs_f64() * 1e6
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage =
        "usage: cpu_probe (trees N DEPTH.. [backoff] | young N [head] | live N | random N [auto] | garbage N | incremental N BUDGET [garbage] | stalls N MIB)";
    let (Some(case), Some(runs)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let runs: usize = std::cmp::max(runs, 1);
    match case.as_str() {
        "trees" => {
            if args[2..].iter().any(|a| a == "backoff") {
                gc_core::set_young_backoff(true);
            }
            let depths: Vec<u32> = args[2..].iter().filter_map(|d| d.parse().ok()).collect();
            trees(runs, &depths);
        }
        "young" => {
            let head_only = args.get(2).map(String::as_str) == Some("head");
            gc_core::set_threshold(0, 0, 0);
            let v = (0..runs * 20)
                .map(|_| {
                    let mut young = live_chain(2000);
                    if head_only {
                        young.truncate(1);
                    }
                    let (t, n) = timed(|| black_box(gc_core::collect_generation(0)));
                    assert_eq!(n, 0);
                    drop(young);
                    gc_core::collect();
                    t
                })
                .collect();
            let what = if head_only {
                "young collection of 2,000 live objects (chain held by its head)"
            } else {
                "young collection of 2,000 live objects"
            };
            report(what, 2000, v);
        }
        "live" => {
            gc_core::set_threshold(0, 0, 0);
            let keep = live_chain(1_000_000);
            gc_core::collect();
            let v = (0..runs)
                .map(|_| timed(|| black_box(gc_core::collect())).0)
                .collect();
            report("full collection of 1,000,000 live objects", 1_000_000, v);
            drop(keep);
            gc_core::collect();
        }
        "random" => {
            // gc-bench's live-heap-random: a chain linked in a shuffled order, only its head
            // held, so the walk meets most objects before whatever marks them. With `auto`,
            // automatic collections run while it is built, as in gc-bench.
            if args.get(2).map(String::as_str) != Some("auto") {
                gc_core::set_threshold(0, 0, 0);
            }
            let mut all: Vec<Cc<Obj>> = (0..1_000_000).map(|_| obj()).collect();
            gc_bench::rng::Rng::new(0xC4A1).shuffle(&mut all);
            for w in all.windows(2) {
                *w[0].next.borrow_mut() = Some(w[1].clone());
            }
            let head = all[0].clone();
            while all.pop().is_some() {}
            gc_core::collect();
            let v = (0..runs)
                .map(|_| timed(|| black_box(gc_core::collect())).0)
                .collect();
            report(
                "full collection of 1,000,000 live objects chained in random order",
                1_000_000,
                v,
            );
            drop(head);
            gc_core::collect();
        }
        "incremental" => {
            let budget = args
                .get(2)
                .and_then(|b| b.parse::<usize>().ok())
                .filter(|&b| b > 0)
                .unwrap_or(2500);
            incremental(runs, budget, args[2..].iter().any(|a| a == "garbage"));
        }
        "garbage" => {
            gc_core::set_threshold(0, 0, 0);
            let v = (0..runs)
                .map(|_| {
                    for _ in 0..500_000 {
                        let a = obj();
                        let b = obj();
                        *a.next.borrow_mut() = Some(b.clone());
                        *b.next.borrow_mut() = Some(a);
                    }
                    let (t, n) = timed(gc_core::collect);
                    assert_eq!(n, 1_000_000);
                    t
                })
                .collect();
            report("1,000,000 objects in garbage 2-cycles", 1_000_000, v);
        }
        "stalls" => {
            let Some(mib) = args
                .get(2)
                .and_then(|m| m.parse::<usize>().ok())
                .filter(|&m| m > 0)
            else {
                eprintln!("{usage}");
                std::process::exit(2);
            };
            stalls(runs, mib);
        }
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
}

/// The `stalls` case: single reads of memory already written, timed one by one.
fn stalls(rounds: usize, mib: usize) {
    const PAGE: usize = 4096;
    let Some(len) = mib.checked_mul(1 << 20) else {
        eprintln!("stalls: {mib} MiB is too large");
        std::process::exit(2);
    };
    let mut buf: Vec<u8> = Vec::new();
    if buf.try_reserve_exact(len).is_err() {
        eprintln!("stalls: cannot allocate {mib} MiB");
        std::process::exit(2);
    }
    // `resize` writes every byte, so every page is touched here.
    let (t, ()) = timed(|| buf.resize(len, 1));
    println!(
        "first write of {mib} MiB: {:.3} s of CPU ({:.2} us per 4 KiB page)",
        t.as_secs_f64(),
        t.as_secs_f64() * 1e6 / (len / PAGE) as f64
    );
    let pages = len / PAGE;
    let mut rng = gc_bench::rng::Rng::new(0x5EED);
    let mut sum = 0u64;
    for round in 0..rounds {
        let (mut slow, mut worst) = (0usize, Duration::ZERO);
        let (total, ()) = timed(|| {
            for _ in 0..pages {
                let at = rng.below(pages) * PAGE + rng.below(PAGE);
                let (t, b) = timed(|| black_box(&buf)[at]);
                sum += u64::from(b);
                if t > Duration::from_micros(200) {
                    slow += 1;
                }
                worst = worst.max(t);
            }
        });
        println!(
            "round {round}: {pages} reads in {:.2} s of CPU, {slow} over 0.2 ms, longest {:.3} ms",
            total.as_secs_f64(),
            worst.as_secs_f64() * 1e3
        );
    }
    buf[0] = (sum % 251) as u8;
    black_box(&buf);
}
