//! `big-cycle`: one garbage cycle of `--cycle` objects threaded through a live old generation
//! of as many objects.
//!
//! The ring's nodes are allocated interleaved with the live nodes (so they are interleaved in
//! generation 2's list and in memory), each ring node points at its live twin, and the live
//! nodes form a chain with random cross links. A full collection puts everything in generation
//! 2; then the ring's last handle is dropped. Stop-the-world: one full collection frees it,
//! and its pause is the figure. Incremental: the program runs bursts of activity (allocations
//! of short-lived cycles, which run automatic young collections, and rewiring of live cross
//! links between slices), each followed by one `collect_slice(budget)`, until the ring's drop
//! counter says all of it was freed; the figures are the slices (manual and automatic) and the
//! cycles it took, and the longest slice. A `Weak` to a ring node confirms it.

use std::cell::{Cell, RefCell};
use std::time::Instant;

use gc_bench::rng::Rng;
use gc_core::{Cc, Trace};
use serde_json::{json, Value};

use crate::probe::{fmt, jb, jf, Mode, Section};
use crate::Sizes;

thread_local! {
    static RING_DROPS: Cell<u64> = const { Cell::new(0) };
}

/// Counts the drops of ring nodes.
struct RingDrop;

impl Drop for RingDrop {
    fn drop(&mut self) {
        RING_DROPS.with(|d| d.set(d.get() + 1));
    }
}

fn ring_drops() -> u64 {
    RING_DROPS.with(Cell::get)
}

/// A live node (and the activity's short-lived nodes).
#[derive(Trace)]
struct Live {
    next: RefCell<Option<Cc<Live>>>,
    cross: RefCell<Option<Cc<Live>>>,
}

fn live(cross: Option<Cc<Live>>) -> Cc<Live> {
    Cc::new(Live {
        next: RefCell::new(None),
        cross: RefCell::new(cross),
    })
}

/// A node of the garbage ring.
#[derive(Trace)]
struct Ring {
    next: RefCell<Option<Cc<Ring>>>,
    twin: Cc<Live>,
    #[trace(skip)]
    _d: RingDrop,
}

/// Build `n` live nodes and a ring of `n` nodes, interleaved; the ring's handles.
fn build(n: usize, rng: &mut Rng) -> (Vec<Cc<Live>>, Vec<Cc<Ring>>) {
    let mut roots: Vec<Cc<Live>> = Vec::with_capacity(n);
    let mut ring: Vec<Cc<Ring>> = Vec::with_capacity(n);
    for _ in 0..n {
        let x = live(None);
        if let Some(prev) = roots.last() {
            *prev.next.borrow_mut() = Some(x.clone());
        }
        let r = Cc::new(Ring {
            next: RefCell::new(None),
            twin: x.clone(),
            _d: RingDrop,
        });
        if let Some(prev) = ring.last() {
            *prev.next.borrow_mut() = Some(r.clone());
        }
        roots.push(x);
        ring.push(r);
    }
    *ring[n - 1].next.borrow_mut() = Some(ring[0].clone());
    for r in &roots {
        *r.cross.borrow_mut() = Some(roots[rng.below(n)].clone());
    }
    (roots, ring)
}

/// One burst of program activity: `allocs` allocations in short-lived 2-cycles, and a few live
/// cross links rewired.
fn activity(roots: &[Cc<Live>], allocs: usize, rng: &mut Rng) {
    let n = roots.len();
    for _ in 0..allocs / 2 {
        let a = live(Some(roots[rng.below(n)].clone()));
        let b = live(Some(a.clone()));
        *a.next.borrow_mut() = Some(b);
    }
    for _ in 0..4 {
        *roots[rng.below(n)].cross.borrow_mut() = Some(roots[rng.below(n)].clone());
    }
}

/// Run in one mode (in a child process); the figures as JSON.
pub fn child(sizes: &Sizes, mode: Mode) -> Value {
    let mut rng = Rng::new(1_000_000);
    let n = sizes.cycle.max(2);
    gc_core::set_incremental(None);
    let (roots, ring) = build(n, &mut rng);
    gc_core::collect();
    let weak = Cc::downgrade(&ring[0]);
    let drops0 = ring_drops();
    drop(ring);
    let freed = || ring_drops() - drops0;
    mode.apply();
    let inc0 = gc_core::get_incremental_stats();
    let t = Instant::now();
    let mut manual_slices = 0u64;
    let mut full_ms = f64::NAN;
    let mut slices_until_freed = f64::NAN;
    let mut cycles_until_freed = f64::NAN;
    match mode {
        Mode::Stw => {
            activity(&roots, 2_000, &mut rng);
            let t = Instant::now();
            gc_core::collect();
            full_ms = t.elapsed().as_secs_f64() * 1e3;
        }
        Mode::Incremental(budget) => {
            // Enough for many cycles over the whole heap; the loop ends long before.
            let cap = 20 * (4 * n as u64 / budget as u64 + 10);
            while freed() < n as u64 && manual_slices < cap {
                activity(&roots, 2_000, &mut rng);
                gc_core::collect_slice(budget);
                manual_slices += 1;
            }
            let inc = gc_core::get_incremental_stats();
            slices_until_freed = (inc.slices - inc0.slices) as f64;
            // The cycle that freed it: the one in progress, or the one that just ended.
            let completed = inc.cycles - inc0.cycles;
            cycles_until_freed = (completed + u64::from(inc.in_progress)) as f64;
        }
    }
    let wall_s = t.elapsed().as_secs_f64();
    let inc1 = gc_core::get_incremental_stats();
    let freed_count = freed();
    let weak_dead = weak.upgrade().is_none();
    json!({
        "cycle": n,
        "freed": freed_count,
        "weak_dead": weak_dead,
        "full_ms": full_ms,
        "manual_slices": manual_slices,
        "slices_until_freed": slices_until_freed,
        "cycles_until_freed": cycles_until_freed,
        "cycle_in_progress_when_freed": inc1.in_progress,
        "longest_slice_ms": inc1.longest_slice.as_secs_f64() * 1e3,
        "slice_ms_mean": if inc1.slices > inc0.slices {
            (inc1.duration - inc0.duration).as_secs_f64() * 1e3 / (inc1.slices - inc0.slices) as f64
        } else { f64::NAN },
        "wall_s": wall_s,
        "live_nodes_kept": roots.len(),
    })
}

/// The section from the children's figures (stop-the-world first).
pub fn report(sizes: &Sizes, runs: &[(Mode, Value)]) -> Section {
    let n = sizes.cycle.max(2);
    let mut s = Section::new(
        "big-cycle",
        format!(
            "A garbage ring of {n} objects allocated interleaved with {n} live ones (each ring \
             node points at its live twin), all in generation 2, then dropped. Stop-the-world: \
             one full collection. Incremental: bursts of 2,000 allocations (short-lived cycles) \
             and live-edge rewiring, each followed by collect_slice(budget), until the ring's \
             drop count reaches {n}."
        ),
        &[
            "mode",
            "ring nodes freed",
            "Weak dead",
            "full collection ms",
            "slices until freed (manual)",
            "freed by cycle no.",
            "mean / longest slice ms",
            "s until freed",
        ],
    );
    for (mode, v) in runs {
        let slices = if jf(v, "slices_until_freed").is_finite() {
            format!(
                "{} ({})",
                jf(v, "slices_until_freed"),
                jf(v, "manual_slices")
            )
        } else {
            "-".to_string()
        };
        let cycle_no = jf(v, "cycles_until_freed");
        s.row(vec![
            mode.label(),
            format!("{} of {}", jf(v, "freed"), jf(v, "cycle")),
            jb(v, "weak_dead").to_string(),
            fmt(jf(v, "full_ms")),
            slices,
            if cycle_no.is_finite() {
                format!("{cycle_no}")
            } else {
                "-".to_string()
            },
            format!(
                "{} / {}",
                fmt(jf(v, "slice_ms_mean")),
                fmt(jf(v, "longest_slice_ms"))
            ),
            fmt(jf(v, "wall_s")),
        ]);
        let prefix = crate::churn::prefix(*mode);
        for key in [
            "freed",
            "full_ms",
            "slices_until_freed",
            "cycles_until_freed",
            "longest_slice_ms",
        ] {
            s.figure(format!("{prefix}_{key}"), jf(v, key));
        }
        s.check(
            format!(
                "{}: every ring node dropped, the Weak is dead",
                mode.label()
            ),
            jf(v, "freed") == n as f64 && jb(v, "weak_dead"),
        );
    }
    s.notes.push(
        "slices until freed counts every slice from the drop to the one that freed the last ring \
         node (automatic slices too; manual ones in brackets); \"freed by cycle no.\" 1 is the \
         first incremental cycle after the drop. The ring is verified as one batch (the \
         closure of a tentative object), inside one slice whatever the budget."
            .to_string(),
    );
    s
}
