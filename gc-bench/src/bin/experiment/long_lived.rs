//! `long-lived-rule`: CPython's long-lived rule (bpo-4074) keeps the total cost of building a
//! huge container linear; without it the cost is quadratic.
//!
//! The workload builds one container (a `Cc` holding a `RefCell<Vec<_>>`) and appends `n`
//! tracked elements to it; nothing dies, as when a program loads a large data structure. The
//! rule cannot be switched off through gc-core's API, so automatic collection is turned off and
//! the experiment runs the collection policy itself, calling `collect_generation` when
//! `get_count()` says a generation is due: once with the rule (a full collection waits until
//! the objects promoted since the last one reach a quarter of its survivors, as gc-core and
//! CPython do) and once without it. Both arms pay the same driver overhead; gc-core's own
//! automatic policy runs as a third arm, to show the driver with the rule matches it. The
//! thresholds are lowered to (100, 10, 10) so that the periodic full collections of the arm
//! without the rule come every 12,221 allocations instead of every 242,121: the quadratic regime
//! is then reached at a few hundred thousand elements instead of tens of millions.

use std::cell::RefCell;

use gc_core::{Cc, Trace};
use serde_json::Value;

use crate::common::{
    exponent, fmt_num, jf, on_fresh_thread, run_python, timed, Config, Counted, Report, Spread,
    Verdict,
};

/// An element: tracked (its `RefCell` could hold a `Cc`).
#[derive(Trace)]
struct Elem {
    link: RefCell<Option<Cc<Elem>>>,
    #[trace(skip)]
    _c: Counted,
}

/// The container.
#[derive(Trace)]
struct Container {
    items: RefCell<Vec<Cc<Elem>>>,
}

/// Who decides when to collect.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Policy {
    /// gc-core's automatic collection (the rule is built in).
    Auto,
    /// The experiment's driver, with or without the long-lived rule.
    Driver { rule: bool },
}

impl Policy {
    fn label(self) -> &'static str {
        match self {
            Policy::Auto => "gc-core automatic (rule on)",
            Policy::Driver { rule: true } => "driver, rule on",
            Policy::Driver { rule: false } => "driver, rule off",
        }
    }
}

/// One build: seconds, objects examined by all collections, full collections.
#[derive(Clone, Copy, Debug)]
struct Build {
    secs: f64,
    examined: f64,
    full: f64,
    freed_at_end: bool,
}

/// The thresholds of every arm (smoke runs use smaller ones, so that their few thousand
/// elements still see full collections).
type Thresholds = (usize, usize, usize);

/// The driver's memory of the long-lived rule's two numbers (nothing dies in this workload,
/// so survivors of collections are exact).
#[derive(Default)]
struct RuleState {
    pending: u64,
    old: u64,
}

fn drive(rule: bool, st: &mut RuleState, (t0, t1, t2): Thresholds) {
    let (c0, c1, c2) = gc_core::get_count();
    if c0 <= t0 {
        return;
    }
    let full_ok = c2 > t2 && (!rule || st.pending >= st.old / 4);
    let g = if full_ok {
        2
    } else if c1 > t1 {
        1
    } else {
        0
    };
    let before = gc_core::get_stats()[g];
    gc_core::collect_generation(g);
    let after = gc_core::get_stats()[g];
    let survivors = (after.candidates - before.candidates) - (after.collected - before.collected);
    match g {
        1 => st.pending += survivors,
        2 => {
            st.old = survivors;
            st.pending = 0;
        }
        _ => {}
    }
}

fn build(n: usize, policy: Policy, th: Thresholds) -> Build {
    on_fresh_thread(move || {
        let (t0, t1, t2) = th;
        gc_core::set_threshold(t0, t1, t2);
        if policy == Policy::Auto {
            gc_core::enable();
        } else {
            gc_core::disable();
        }
        let before = gc_core::get_stats();
        let mut st = RuleState::default();
        let (container, took) = timed(|| {
            let c = Cc::new(Container {
                items: RefCell::new(Vec::with_capacity(n)),
            });
            for _ in 0..n {
                let e = Cc::new(Elem {
                    link: RefCell::new(None),
                    _c: Counted,
                });
                c.items.borrow_mut().push(e);
                if let Policy::Driver { rule } = policy {
                    drive(rule, &mut st, th);
                }
            }
            c
        });
        let after = gc_core::get_stats();
        let examined: u64 = (0..3)
            .map(|g| after[g].candidates - before[g].candidates)
            .sum();
        let full = after[2].collections - before[2].collections;
        let drops0 = crate::common::drops();
        drop(container);
        let freed_at_end = crate::common::drops() - drops0 == n as u64;
        Build {
            secs: took.as_secs_f64(),
            examined: examined as f64,
            full: full as f64,
            freed_at_end,
        }
    })
}

/// Run the experiment.
pub fn run(cfg: &Config) -> Report {
    let mut r = Report::new(
        "long-lived-rule",
        "CPython's long-lived rule (bpo-4074, 2008) keeps the total collection cost of building a \
         huge container linear in its size; with count thresholds alone it is quadratic.",
        &[
            "policy",
            "n",
            "build ms (median [min-max])",
            "ns per element",
            "objects examined",
            "full collections",
        ],
    );
    let sizes: Vec<usize> = cfg.pick(
        vec![200_000, 400_000, 800_000, 1_600_000],
        vec![5_000, 40_000],
    );
    let th: Thresholds = cfg.pick((100, 10, 10), (10, 3, 3));
    let policies = [
        Policy::Driver { rule: true },
        Policy::Driver { rule: false },
        Policy::Auto,
    ];
    // medians[policy][size] = (secs, examined)
    let mut medians = vec![vec![(0.0, 0.0); sizes.len()]; policies.len()];
    let mut all_freed = true;
    for (si, &n) in sizes.iter().enumerate() {
        let mut samples: Vec<Vec<Build>> = vec![Vec::new(); policies.len()];
        // Interleave the arms so that load on the machine hits all of them alike.
        for _ in 0..cfg.runs {
            for (pi, &p) in policies.iter().enumerate() {
                let b = build(n, p, th);
                all_freed &= b.freed_at_end;
                samples[pi].push(b);
            }
        }
        for (pi, &p) in policies.iter().enumerate() {
            let secs: Vec<f64> = samples[pi].iter().map(|b| b.secs).collect();
            let s = Spread::of(&secs);
            let ms: Vec<f64> = secs.iter().map(|x| x * 1e3).collect();
            let examined = samples[pi][0].examined;
            medians[pi][si] = (s.median, examined);
            r.row(vec![
                p.label().to_string(),
                n.to_string(),
                Spread::of(&ms).show(),
                fmt_num(s.median * 1e9 / n as f64),
                format!("{examined:.0}"),
                format!("{:.0}", samples[pi][0].full),
            ]);
        }
    }
    r.check(
        "every element freed when the container was dropped",
        all_freed,
    );
    let last = sizes.len() - 1;
    let (n1, n2) = (sizes[0] as f64, sizes[last] as f64);
    let exp = |pi: usize, time: bool| {
        let (a, b) = (medians[pi][0], medians[pi][last]);
        if time {
            exponent(n1, a.0, n2, b.0)
        } else {
            exponent(n1, a.1, n2, b.1)
        }
    };
    let (on_t, off_t, auto_t) = (exp(0, true), exp(1, true), exp(2, true));
    let (on_e, off_e) = (exp(0, false), exp(1, false));
    r.figure("exponent_time_rule_on", on_t);
    r.figure("exponent_time_rule_off", off_t);
    r.figure("exponent_time_auto", auto_t);
    r.figure("exponent_examined_rule_on", on_e);
    r.figure("exponent_examined_rule_off", off_e);
    r.figure(
        "examined_ratio_off_over_on_at_largest_n",
        medians[1][last].1 / medians[0][last].1,
    );
    r.figure(
        "time_ratio_off_over_on_at_largest_n",
        medians[1][last].0 / medians[0][last].0,
    );
    r.figure(
        "driver_rule_on_over_auto_at_largest_n",
        medians[0][last].0 / medians[2][last].0,
    );
    r.note(format!(
        "thresholds {th:?} in every arm; growth exponents between n = {} and n = {}",
        sizes[0], sizes[last]
    ));

    // CPython: the same container build, automatic collection against a driver without the rule.
    if cfg.python {
        let py_sizes = cfg.pick(vec![100_000, 400_000], vec![3_000, 12_000]);
        let py_runs = cfg.runs.min(3);
        let args = vec![
            format!("--runs={py_runs}"),
            format!(
                "--sizes={}",
                py_sizes
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ];
        match run_python("long_lived_rule.py", &args) {
            Ok(v) => {
                let mut pts: Vec<(f64, f64, f64)> = Vec::new();
                for p in v
                    .get("points")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let n = jf(p, "n");
                    let on = jf(p, "auto_s");
                    let off = jf(p, "rule_off_s");
                    pts.push((n, on, off));
                    r.row(vec![
                        "CPython automatic (rule on)".into(),
                        format!("{n:.0}"),
                        fmt_num(on * 1e3),
                        fmt_num(on * 1e9 / n),
                        String::new(),
                        format!("{:.0}", jf(p, "auto_full")),
                    ]);
                    r.row(vec![
                        "CPython driver, rule off".into(),
                        format!("{n:.0}"),
                        fmt_num(off * 1e3),
                        fmt_num(off * 1e9 / n),
                        String::new(),
                        format!("{:.0}", jf(p, "rule_off_full")),
                    ]);
                }
                if pts.len() >= 2 {
                    let (a, b) = (pts[0], pts[pts.len() - 1]);
                    r.figure(
                        "cpython_exponent_time_rule_on",
                        exponent(a.0, a.1, b.0, b.1),
                    );
                    r.figure(
                        "cpython_exponent_time_rule_off",
                        exponent(a.0, a.2, b.0, b.2),
                    );
                }
                r.note(format!(
                    "CPython {}: median of {} runs per cell; its rows give whole-build time",
                    v.get("python").and_then(Value::as_str).unwrap_or("?"),
                    py_runs
                ));
            }
            Err(e) => r.note(format!("CPython side not run: {e}")),
        }
    }

    // The claim is about work: objects examined are counted exactly, and decide the verdict
    // together with time (which also sees the caches and the machine's load).
    let ratio_small = medians[1][0].0 / medians[0][0].0;
    let ratio_large = medians[1][last].0 / medians[0][last].0;
    let figures = format!(
        "growth exponents, rule on: time {}, examined {}; rule off: time {}, examined {}; \
         time off/on {} at n = {}, {} at n = {}",
        fmt_num(on_t),
        fmt_num(on_e),
        fmt_num(off_t),
        fmt_num(off_e),
        fmt_num(ratio_small),
        sizes[0],
        fmt_num(ratio_large),
        sizes[last]
    );
    let verdict = if on_e > 1.5 || off_e < 1.2 || ratio_large < ratio_small {
        Verdict::Contradicts
    } else if on_e < 1.2
        && off_e > 1.6
        && on_t < 1.3
        && off_t > 1.5
        && ratio_large > 2.0 * ratio_small
    {
        Verdict::Supports
    } else {
        Verdict::Inconclusive
    };
    r.conclude(verdict, figures);
    r
}
