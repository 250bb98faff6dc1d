//! `churn`: a live heap of `--live` objects, all in generation 2, and a steady churn of small
//! garbage cycles.
//!
//! The live heap is a chain of nodes (each holds the next) with one random cross link each,
//! kept alive by a vector of handles. Every iteration of the churn loop makes a cycle of 2 to
//! 4 new nodes whose first node points at a random live node; three times in four the cycle is
//! stored in the cross link of a node of a zone (the first 1/64 of the live heap, at least 16,384 nodes), replacing
//! what was there, so it lives for about 85 zone-sized rounds of iterations, gets promoted to
//! generation 2, and dies there as old cyclic garbage; otherwise it is dropped at once (young
//! garbage). One iteration in 16 also rewires the cross link of a random live node to another
//! live node (mutation of old objects, between slices). Generation 2 then fills up with dead
//! cycles, as a long-running program's does, and full collections (or incremental cycles) are
//! due every so often by gc-core's long-lived rule.
//!
//! Measured in the churn loop only (the build and the full collection after it are not): every
//! automatic collection's pause as `gc_core::callbacks` sees it (with the incremental mode,
//! the young collection and its slice are one pause), their sum, peak RSS (`VmHWM`, reset to
//! the current RSS when the loop starts), the most churn nodes alive at once, and the
//! incremental mode's own statistics.

use std::cell::RefCell;
use std::time::Instant;

use gc_bench::counter::{peak_live, reset_peak_live, Counted, Counts};
use gc_bench::rng::Rng;
use gc_core::{Cc, Trace};
use serde_json::{json, Value};

use crate::probe::{fmt, jb, jf, ms, quantile, reset_peak_rss, status_kb, Mode, PauseLog, Section};
use crate::Sizes;

/// A node of the live heap and of the churn: two edges and a counter.
#[derive(Trace)]
struct Node {
    next: RefCell<Option<Cc<Node>>>,
    cross: RefCell<Option<Cc<Node>>>,
    #[trace(skip)]
    _c: Counted,
}

fn node(cross: Option<Cc<Node>>) -> Cc<Node> {
    Cc::new(Node {
        next: RefCell::new(None),
        cross: RefCell::new(cross),
        _c: Counted::new(),
    })
}

/// The live heap: `n` nodes chained in allocation order, each with a random cross link.
fn build(n: usize, rng: &mut Rng) -> Vec<Cc<Node>> {
    let mut roots: Vec<Cc<Node>> = Vec::with_capacity(n);
    for _ in 0..n {
        let x = node(None);
        if let Some(prev) = roots.last() {
            *prev.next.borrow_mut() = Some(x.clone());
        }
        roots.push(x);
    }
    for r in &roots {
        *r.cross.borrow_mut() = Some(roots[rng.below(n)].clone());
    }
    roots
}

/// The live nodes whose cross links hold the churn's kept cycles: the first 1/64 of the heap,
/// at least 16,384 (so that kept cycles live long enough to reach generation 2 at small sizes).
fn zone(n: usize) -> usize {
    (n / 64).max(16_384).min(n)
}

/// One iteration of the churn loop.
fn churn_once(roots: &[Cc<Node>], zone: usize, rng: &mut Rng) {
    let n = roots.len();
    let k = 2 + rng.below(3);
    let first = node(Some(roots[rng.below(n)].clone()));
    let mut last = first.clone();
    for _ in 1..k {
        let c = node(None);
        *last.next.borrow_mut() = Some(c.clone());
        last = c;
    }
    *last.next.borrow_mut() = Some(first.clone());
    drop(last);
    if rng.below(4) != 0 {
        *roots[rng.below(zone)].cross.borrow_mut() = Some(first);
    }
    if rng.below(16) == 0 {
        *roots[rng.below(n)].cross.borrow_mut() = Some(roots[rng.below(n)].clone());
    }
}

/// Run the churn in one mode (in a child process); its figures as JSON.
pub fn child(sizes: &Sizes, mode: Mode) -> Value {
    let mut rng = Rng::new(14);
    let n = sizes.live;
    let zone = zone(n);
    let counts0 = Counts::now();
    // The build runs stop-the-world in both modes; then everything goes to generation 2.
    gc_core::set_incremental(None);
    let built = Instant::now();
    let roots = build(n, &mut rng);
    gc_core::collect();
    let build_s = built.elapsed().as_secs_f64();
    mode.apply();

    let hwm_reset = reset_peak_rss();
    let rss_start_kb = status_kb("VmRSS").unwrap_or(0);
    let live_at_start = reset_peak_live();
    let stats0 = gc_core::get_stats();
    let inc0 = gc_core::get_incremental_stats();
    let log = PauseLog::start();
    let t = Instant::now();
    for _ in 0..sizes.iters {
        churn_once(&roots, zone, &mut rng);
    }
    let wall_s = t.elapsed().as_secs_f64();
    let pauses = log.finish();
    let peak_rss_churn_kb = status_kb("VmHWM").unwrap_or(0);
    let peak_churn_nodes = peak_live() - live_at_start;
    let stats1 = gc_core::get_stats();
    let inc1 = gc_core::get_incremental_stats();

    // Teardown: every node made must be freed (checked by the drop counts).
    gc_core::set_incremental(None);
    drop(roots);
    gc_core::collect();
    let left = Counts::now().live_since(counts0);

    let full = stats1[2].collections - stats0[2].collections;
    json!({
        "collections": pauses.wall.len(),
        "p50_ms": ms(quantile(&pauses.wall, 0.50)),
        "p99_ms": ms(quantile(&pauses.wall, 0.99)),
        "max_ms": ms(quantile(&pauses.wall, 1.0)),
        "total_ms": ms(pauses.wall.iter().sum()),
        "cpu_p50_ms": ms(quantile(&pauses.cpu, 0.50)),
        "cpu_p99_ms": ms(quantile(&pauses.cpu, 0.99)),
        "cpu_max_ms": ms(quantile(&pauses.cpu, 1.0)),
        "cpu_total_ms": ms(pauses.cpu.iter().sum()),
        "max_ms_by_generation": pauses.longest_by_generation.map(|(w, _)| ms(w)),
        "cpu_max_ms_by_generation": pauses.longest_by_generation.map(|(_, c)| ms(c)),
        "full_collections": full,
        "inc_cycles": inc1.cycles - inc0.cycles,
        "inc_aborted": inc1.aborted - inc0.aborted,
        "inc_slices": inc1.slices - inc0.slices,
        "inc_longest_slice_ms": inc1.longest_slice.as_secs_f64() * 1e3,
        "inc_slice_ms_mean": if inc1.slices > inc0.slices {
            (inc1.duration - inc0.duration).as_secs_f64() * 1e3 / (inc1.slices - inc0.slices) as f64
        } else { 0.0 },
        "inc_work": inc1.work - inc0.work,
        "inc_collected": inc1.collected - inc0.collected,
        "peak_rss_mib": status_kb("VmHWM").unwrap_or(0) as f64 / 1024.0,
        "hwm_reset": hwm_reset,
        "rss_start_mib": rss_start_kb as f64 / 1024.0,
        "peak_rss_churn_mib": peak_rss_churn_kb as f64 / 1024.0,
        "peak_churn_nodes": peak_churn_nodes,
        "build_s": build_s,
        "wall_s": wall_s,
        "left_after_teardown": left,
    })
}

/// A pause figure as "wall / CPU".
fn both(v: &Value, key: &str) -> String {
    format!(
        "{} / {}",
        fmt(jf(v, key)),
        fmt(jf(v, &format!("cpu_{key}")))
    )
}

/// The short name of a run in figure names: `stw` or `inc<budget>`.
pub fn prefix(mode: Mode) -> String {
    match mode {
        Mode::Stw => "stw".to_string(),
        Mode::Incremental(b) => format!("inc{b}"),
    }
}

/// The section from the children's figures (stop-the-world first).
pub fn report(sizes: &Sizes, runs: &[(Mode, Value)]) -> Section {
    let mut s = Section::new(
        "churn",
        format!(
            "A live heap of {} objects (chain + random cross links, all in generation 2), then \
             {} churn iterations: a garbage cycle of 2-4 nodes each, three in four kept in a \
             zone of {} live nodes until replaced (they die old), one in 16 rewiring a live \
             cross link. Pauses are every automatic collection in the churn loop, Start to Stop \
             of gc_core::callbacks, in wall-clock and thread CPU time.",
            sizes.live,
            sizes.iters,
            zone(sizes.live)
        ),
        &[
            "mode",
            "collections",
            "p50 ms (wall / CPU)",
            "p99 ms",
            "max ms",
            "total gc ms",
            "full / incr. cycles",
            "slices",
            "mean / longest slice ms",
            "peak RSS MiB (churn / process)",
            "peak churn nodes",
            "loop s",
        ],
    );
    for (mode, v) in runs {
        s.row(vec![
            mode.label(),
            format!("{}", jf(v, "collections")),
            both(v, "p50_ms"),
            both(v, "p99_ms"),
            both(v, "max_ms"),
            both(v, "total_ms"),
            format!("{} / {}", jf(v, "full_collections"), jf(v, "inc_cycles")),
            format!("{}", jf(v, "inc_slices")),
            format!(
                "{} / {}",
                fmt(jf(v, "inc_slice_ms_mean")),
                fmt(jf(v, "inc_longest_slice_ms"))
            ),
            format!(
                "{} / {}",
                fmt(jf(v, "peak_rss_churn_mib")),
                fmt(jf(v, "peak_rss_mib"))
            ),
            format!("{}", jf(v, "peak_churn_nodes")),
            fmt(jf(v, "wall_s")),
        ]);
        for key in [
            "collections",
            "p50_ms",
            "p99_ms",
            "max_ms",
            "total_ms",
            "cpu_p50_ms",
            "cpu_p99_ms",
            "cpu_max_ms",
            "cpu_total_ms",
            "full_collections",
            "inc_cycles",
            "inc_slices",
            "inc_work",
            "inc_longest_slice_ms",
            "peak_rss_mib",
            "peak_rss_churn_mib",
            "peak_churn_nodes",
            "left_after_teardown",
        ] {
            s.figure(format!("{}_{key}", prefix(*mode)), jf(v, key));
        }
    }
    s.check(
        "every node freed after the teardown (every run)",
        runs.iter()
            .all(|(_, v)| jf(v, "left_after_teardown") == 0.0),
    );
    s.check(
        "automatic collections ran in the churn loop (every run)",
        runs.iter().all(|(_, v)| jf(v, "collections") > 0.0),
    );
    let Some((Mode::Stw, stw)) = runs.first() else {
        s.check("the first run is stop-the-world", false);
        return s;
    };
    let churn_rss = runs.iter().all(|(_, v)| jb(v, "hwm_reset"));
    let (mem_key, mem_what) = if churn_rss {
        ("peak_rss_churn_mib", "peak RSS in the churn loop")
    } else {
        ("peak_rss_mib", "peak RSS of the process")
    };
    for (mode, inc) in &runs[1..] {
        let label = mode.label();
        s.check(
            format!("{label}: no full collection ran"),
            jf(inc, "full_collections") == 0.0,
        );
        for (clock, p) in [("wall clock", ""), ("thread CPU time", "cpu_")] {
            s.criterion(
                format!("{label}: longest pause, ms of {clock}"),
                jf(inc, &format!("{p}max_ms")),
                1.0,
            );
            s.criterion(
                format!("{label}: total collector time ({clock}) / stop-the-world's"),
                jf(inc, &format!("{p}total_ms")) / jf(stw, &format!("{p}total_ms")),
                1.2,
            );
        }
        s.criterion(
            format!("{label}: {mem_what} / stop-the-world's"),
            jf(inc, mem_key) / jf(stw, mem_key),
            1.1,
        );
        s.notes.push(format!(
            "{label}: {} incremental cycles, {} units of work (objects traced) in {} slices, \
             {} ns of slice time per unit; most churn nodes alive at once {} x \
             stop-the-world's (garbage waiting, from drop counters)",
            jf(inc, "inc_cycles"),
            jf(inc, "inc_work"),
            jf(inc, "inc_slices"),
            fmt(jf(inc, "inc_slice_ms_mean") * jf(inc, "inc_slices") * 1e6 / jf(inc, "inc_work")),
            fmt(jf(inc, "peak_churn_nodes") / jf(stw, "peak_churn_nodes"))
        ));
    }
    for (mode, v) in runs {
        let by = |key: &str| -> Vec<String> {
            (0..3)
                .map(|g| fmt(v[key][g].as_f64().unwrap_or(f64::NAN)))
                .collect()
        };
        s.notes.push(format!(
            "{}: longest pause of the collections of generation 0 / 1 / 2, ms wall: {}; ms CPU: \
             {} (a slice runs inside a generation 0 or 1 collection's pause)",
            mode.label(),
            by("max_ms_by_generation").join(" / "),
            by("cpu_max_ms_by_generation").join(" / ")
        ));
    }
    let builds: Vec<String> = runs.iter().map(|(_, v)| fmt(jf(v, "build_s"))).collect();
    s.notes.push(format!(
        "build of the live heap and the full collection after it (not measured), s per run: {}",
        builds.join(", ")
    ));
    if !churn_rss {
        s.notes.push(
            "VmHWM could not be reset (/proc/self/clear_refs): peak RSS is the whole process's"
                .to_string(),
        );
    }
    s
}
