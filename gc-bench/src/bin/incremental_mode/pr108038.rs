//! `pr108038`: the program from the review of CPython's first incremental collector (PR
//! 108038, whose memory grew without bound on it): a long-lived doubly linked list of `--long`
//! nodes, then `--loops` times a new doubly linked list of `--short` nodes whose head is given
//! a reference to the long-lived list, and dropped. Sampled after every iteration: objects
//! alive (drop counters) and RSS. Both move in a saw-tooth (garbage waits for its collection),
//! so a single sample says little: flat means the largest sample of the second half of the
//! loop is at most 1.1 times the largest sample from 10% to 50% of it (the first tenth is
//! warm-up). Memory that grows without bound fails that by the ratio of the loop's length.

use std::cell::RefCell;

use gc_bench::counter::{Counted, Counts};
use gc_core::{Cc, Trace};
use serde_json::{json, Value};

use crate::probe::{fmt, jf, status_kb, Mode, Section};
use crate::Sizes;

/// A node of a doubly linked list; the head of a short list also holds the long list.
#[derive(Trace)]
struct DNode {
    prev: RefCell<Option<Cc<DNode>>>,
    next: RefCell<Option<Cc<DNode>>>,
    other: RefCell<Option<Cc<DNode>>>,
    #[trace(skip)]
    _c: Counted,
}

/// A doubly linked list of `n` nodes; its head.
fn list(n: usize) -> Cc<DNode> {
    let new = || {
        Cc::new(DNode {
            prev: RefCell::new(None),
            next: RefCell::new(None),
            other: RefCell::new(None),
            _c: Counted::new(),
        })
    };
    let head = new();
    let mut tail = head.clone();
    for _ in 1..n {
        let x = new();
        *x.prev.borrow_mut() = Some(tail.clone());
        *tail.next.borrow_mut() = Some(x.clone());
        tail = x;
    }
    head
}

/// Run the program in one mode (in a child process); the samples as JSON.
pub fn child(sizes: &Sizes, _mode: Mode) -> Value {
    let counts0 = Counts::now();
    let long = list(sizes.long);
    let mut live = Vec::with_capacity(sizes.loops);
    let mut rss = Vec::with_capacity(sizes.loops);
    for _ in 0..sizes.loops {
        let short = list(sizes.short);
        *short.other.borrow_mut() = Some(long.clone());
        drop(short);
        live.push(Counts::now().live_since(counts0));
        rss.push(status_kb("VmRSS").unwrap_or(0));
    }
    let inc = gc_core::get_incremental_stats();
    gc_core::set_incremental(None);
    drop(long);
    gc_core::collect();
    json!({
        "live": live,
        "rss_kb": rss,
        "inc_cycles": inc.cycles,
        "inc_slices": inc.slices,
        "left_after_teardown": Counts::now().live_since(counts0),
    })
}

/// First, early maximum (10% to 50% of the loop), middle, last, late maximum (second half) and
/// maximum of a series.
struct Series {
    first: f64,
    at_tenth: f64,
    early_max: f64,
    middle: f64,
    last: f64,
    late_max: f64,
    max: f64,
}

impl Series {
    fn of(v: &Value, key: &str) -> Option<Series> {
        let xs: Vec<f64> = v
            .get(key)?
            .as_array()?
            .iter()
            .filter_map(Value::as_f64)
            .collect();
        if xs.is_empty() {
            return None;
        }
        let n = xs.len();
        let tenth = (n / 10).max(1);
        let window_max = |a: usize, b: usize| {
            xs[a.min(n - 1)..b.clamp(a.min(n - 1) + 1, n)]
                .iter()
                .copied()
                .fold(f64::MIN, f64::max)
        };
        Some(Series {
            first: xs[0],
            at_tenth: xs[tenth.min(n - 1)],
            early_max: window_max(tenth, n / 2),
            middle: xs[n / 2],
            last: xs[n - 1],
            late_max: window_max(n / 2, n),
            max: xs.iter().copied().fold(f64::MIN, f64::max),
        })
    }

    fn growth(&self) -> f64 {
        self.late_max / self.early_max
    }
}

/// The section from the children's samples (stop-the-world first).
pub fn report(sizes: &Sizes, runs: &[(Mode, Value)]) -> Section {
    let mut s = Section::new(
        "pr108038",
        format!(
            "A long-lived doubly linked list of {} nodes; {} times a doubly linked list of {} \
             nodes whose head points at it, dropped. Samples after every iteration: objects \
             alive (drop counters; the long list included) and RSS. Growth = largest sample \
             of the second half / largest from 10% to 50% of the loop.",
            sizes.long, sizes.loops, sizes.short
        ),
        &[
            "mode",
            "series",
            "first",
            "at 10%",
            "max 10-50%",
            "middle",
            "last",
            "max 50-100%",
            "max",
            "growth",
        ],
    );
    let mut sampled = true;
    for (mode, v) in runs {
        let label = mode.label();
        let prefix = crate::churn::prefix(*mode);
        for (key, what, scale) in [
            ("live", "objects alive", 1.0),
            ("rss_kb", "RSS MiB", 1024.0),
        ] {
            let Some(x) = Series::of(v, key) else {
                sampled = false;
                continue;
            };
            s.row(vec![
                label.clone(),
                what.to_string(),
                fmt(x.first / scale),
                fmt(x.at_tenth / scale),
                fmt(x.early_max / scale),
                fmt(x.middle / scale),
                fmt(x.last / scale),
                fmt(x.late_max / scale),
                fmt(x.max / scale),
                fmt(x.growth()),
            ]);
            let short = if key == "live" { "live" } else { "rss" };
            s.figure(format!("{prefix}_{short}_growth"), x.growth());
            s.figure(format!("{prefix}_{short}_max"), x.max);
            // The single-sample reading (last over the sample at 10%), for comparison only.
            s.figure(
                format!("{prefix}_{short}_last_over_at_tenth"),
                x.last / x.at_tenth,
            );
            s.criterion(format!("{label}: {what} growth"), x.growth(), 1.1);
        }
        s.figure(
            format!("{prefix}_left_after_teardown"),
            jf(v, "left_after_teardown"),
        );
        s.figure(format!("{prefix}_inc_cycles"), jf(v, "inc_cycles"));
        if let Mode::Incremental(_) = mode {
            s.notes.push(format!(
                "{label}: {} incremental cycles completed ({} slices)",
                jf(v, "inc_cycles"),
                jf(v, "inc_slices")
            ));
        }
    }
    s.check("every run sampled", sampled);
    s.check(
        "every node freed after the teardown (every run)",
        runs.iter()
            .all(|(_, v)| jf(v, "left_after_teardown") == 0.0),
    );
    s
}
