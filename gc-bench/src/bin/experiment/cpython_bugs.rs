//! `gh-122567` and `gh-122569`: two faults of CPython's collection policy, each run as the
//! issue's reproducer (adapted to count instead of exhausting memory) on CPython
//! (`papers/results/experiments/gh_122567.py`, `gh_122569.py`) and the same program on gc-core.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use gc_core::{callbacks, Cc, Phase, Trace};

use crate::common::{
    drops, fmt_num, jf, ms, on_fresh_thread, run_python, Config, Counted, Report, Verdict,
};

#[derive(Trace)]
struct Temp {
    me: RefCell<Option<Cc<Temp>>>,
    #[trace(skip)]
    _c: Counted,
}

fn temp() -> Cc<Temp> {
    Cc::new(Temp {
        me: RefCell::new(None),
        _c: Counted,
    })
}

/// gc-core's side of gh-122567: objects still alive after the loop, generation-1 collections,
/// and whether a final full collection freed every object.
fn gc_core_122567(iterations: usize) -> (u64, u64, bool) {
    on_fresh_thread(move || {
        gc_core::set_threshold(100, 3, 3);
        let before = gc_core::get_stats()[1].collections;
        let d0 = drops();
        for _ in 0..iterations {
            let t = temp();
            *t.me.borrow_mut() = Some(t.clone()); // a cycle: only a collection frees it
            gc_core::collect_generation(0); // promotes it to generation 1
            drop(t); // garbage in generation 1
        }
        let alive = iterations as u64 - (drops() - d0);
        let gen1 = gc_core::get_stats()[1].collections - before;
        gc_core::collect();
        (alive, gen1, drops() - d0 == iterations as u64)
    })
}

/// Run gh-122567.
pub fn run_122567(cfg: &Config) -> Report {
    let mut r = Report::new(
        "gh-122567",
        "CPython gh-122567 (2024): a program that calls gc.collect(0) often resets generation \
         0's count, so automatic collections never run and garbage promoted to generation 1 is \
         never collected; gc-core's policy (a manual collection that leaves an older generation \
         due makes the next tracked allocation collect it) does not starve it.",
        &[
            "runtime",
            "iterations",
            "garbage cycles still uncollected",
            "generation-1 collections",
        ],
    );
    let iterations = cfg.pick(20_000, 300);
    let (alive, gen1, all_freed) = gc_core_122567(iterations);
    r.row(vec![
        "gc-core".into(),
        iterations.to_string(),
        alive.to_string(),
        gen1.to_string(),
    ]);
    let core_frac = alive as f64 / iterations as f64;
    r.figure("gc_core_uncollected_fraction", core_frac);
    r.figure("gc_core_gen1_collections", gen1 as f64);
    let mut py_frac = f64::NAN;
    if cfg.python {
        match run_python("gh_122567.py", &[iterations.to_string()]) {
            Ok(v) => {
                py_frac = jf(&v, "alive") / iterations as f64;
                r.row(vec![
                    format!(
                        "CPython {}",
                        v.get("python").and_then(|p| p.as_str()).unwrap_or("?")
                    ),
                    iterations.to_string(),
                    format!("{:.0}", jf(&v, "alive")),
                    format!("{:.0}", jf(&v, "gen1_collections")),
                ]);
                r.figure("cpython_uncollected_fraction", py_frac);
                r.figure("cpython_gen1_collections", jf(&v, "gen1_collections"));
            }
            Err(e) => r.note(format!("CPython side not run: {e}")),
        }
    }
    r.check(
        "a final full collection freed every cycle on gc-core",
        all_freed,
    );
    r.note("thresholds (100, 3, 3) as in the issue; each iteration makes one self-referencing object, collects generation 0 (promoting it), then drops it");
    let (verdict, reason) = if py_frac.is_nan() {
        (
            Verdict::Inconclusive,
            format!(
                "CPython side missing; gc-core left {} of {iterations} uncollected",
                alive
            ),
        )
    } else if py_frac > 0.9 && (alive as f64) <= (iterations as f64 * 0.01).max(10.0) {
        (
            Verdict::Supports,
            format!(
                "CPython left {}% of the cycles uncollected, gc-core {}%",
                fmt_num(py_frac * 100.0),
                fmt_num(core_frac * 100.0)
            ),
        )
    } else if py_frac < 0.1 || core_frac > 0.1 {
        (
            Verdict::Contradicts,
            format!(
                "uncollected: CPython {}%, gc-core {}%",
                fmt_num(py_frac * 100.0),
                fmt_num(core_frac * 100.0)
            ),
        )
    } else {
        (
            Verdict::Inconclusive,
            format!(
                "uncollected: CPython {}%, gc-core {}%",
                fmt_num(py_frac * 100.0),
                fmt_num(core_frac * 100.0)
            ),
        )
    };
    r.conclude(verdict, reason);
    r
}

/// What a run of gh-122569's program did: full collections, what they freed and examined,
/// their time.
struct Fulls {
    count: u64,
    collected: u64,
    examined: u64,
    time: Duration,
    all_temps_freed: bool,
}

fn gc_core_122569(long_lived: usize, allocations: usize) -> Fulls {
    on_fresh_thread(move || {
        gc_core::set_threshold(700, 10, 10);
        let keep: Vec<Cc<Temp>> = (0..long_lived).map(|_| temp()).collect();
        gc_core::collect(); // the long-lived objects survive a full collection
        let log = Rc::new(RefCell::new((0u64, 0u64, 0u64, Duration::ZERO)));
        let l = log.clone();
        let id = callbacks::add(move |phase, info| {
            if phase == Phase::Stop && info.generation == 2 {
                let mut l = l.borrow_mut();
                l.0 += 1;
                l.1 += info.collected;
                l.2 += info.candidates;
                l.3 += info.duration;
            }
        });
        let d0 = drops();
        let mut acc: Vec<Cc<Temp>> = Vec::new();
        let mut gen1 = gc_core::get_stats()[1].collections;
        for _ in 0..allocations {
            acc.push(temp());
            let now = gc_core::get_stats()[1].collections;
            if now != gen1 {
                // A generation-1 collection just promoted most of `acc` into generation 2:
                // drop them, and they die by reference count.
                gen1 = now;
                acc.clear();
            }
        }
        drop(acc);
        callbacks::remove(id);
        let all_temps_freed = drops() - d0 == allocations as u64;
        drop(keep);
        let l = *log.borrow();
        Fulls {
            count: l.0,
            collected: l.1,
            examined: l.2,
            time: l.3,
            all_temps_freed,
        }
    })
}

/// Run gh-122569.
pub fn run_122569(cfg: &Config) -> Report {
    let mut r = Report::new(
        "gh-122569",
        "CPython gh-122569 (2024): the long-lived rule's pending count grows on promotion but is \
         never decremented when a promoted object dies by reference count, so a program whose \
         promoted objects die young runs full collections that find nothing; gc-core counts \
         only live pending objects and runs none.",
        &[
            "runtime",
            "allocations",
            "full collections",
            "collected by them",
            "objects examined by them",
            "ms in them",
        ],
    );
    let long_lived = cfg.pick(20_000, 500);
    let allocations = cfg.pick(1_000_000, 20_000);
    let f = gc_core_122569(long_lived, allocations);
    r.row(vec![
        "gc-core".into(),
        allocations.to_string(),
        f.count.to_string(),
        f.collected.to_string(),
        f.examined.to_string(),
        fmt_num(ms(f.time)),
    ]);
    r.check(
        "every short-lived object was freed by its count",
        f.all_temps_freed,
    );
    r.figure("gc_core_full_collections", f.count as f64);
    let mut py_full = f64::NAN;
    let mut py_collected = f64::NAN;
    if cfg.python {
        match run_python(
            "gh_122569.py",
            &[long_lived.to_string(), allocations.to_string()],
        ) {
            Ok(v) => {
                py_full = jf(&v, "full_collections");
                py_collected = jf(&v, "collected");
                r.row(vec![
                    format!(
                        "CPython {}",
                        v.get("python").and_then(|p| p.as_str()).unwrap_or("?")
                    ),
                    allocations.to_string(),
                    format!("{py_full:.0}"),
                    format!("{py_collected:.0}"),
                    String::new(),
                    fmt_num(jf(&v, "seconds") * 1e3),
                ]);
                r.figure("cpython_full_collections", py_full);
                r.figure("cpython_full_collected", py_collected);
            }
            Err(e) => r.note(format!("CPython side not run: {e}")),
        }
    }
    r.note(format!(
        "thresholds (700, 10, 10) on both; {long_lived} long-lived objects survive a first full \
         collection, then each of {allocations} short-lived tracked objects is appended to a \
         list that is emptied right after every generation-1 collection (so they die by \
         reference count, in generation 2)"
    ));
    let (verdict, reason) = if py_full.is_nan() {
        (
            Verdict::Inconclusive,
            format!(
                "CPython side missing; gc-core ran {} full collections",
                f.count
            ),
        )
    } else if py_full >= 3.0 && py_collected == 0.0 && (f.count as f64) * 4.0 < py_full {
        (
            Verdict::Supports,
            format!(
                "CPython ran {py_full:.0} full collections that freed {py_collected:.0} objects; \
                 gc-core ran {}",
                f.count
            ),
        )
    } else if (py_full >= 3.0 && (f.count as f64) * 4.0 >= py_full) || (!cfg.smoke && py_full < 1.0)
    {
        (
            Verdict::Contradicts,
            format!(
                "full collections: CPython {py_full:.0}, gc-core {}",
                f.count
            ),
        )
    } else {
        (
            Verdict::Inconclusive,
            format!(
                "full collections: CPython {py_full:.0}, gc-core {}",
                f.count
            ),
        )
    };
    r.conclude(verdict, reason);
    r
}
