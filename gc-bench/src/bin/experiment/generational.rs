//! `young-gen`: the generational claim. A collection of generation 0 examines only generation
//! 0, so its cost does not depend on how many old objects the heap holds.
//!
//! For each old-heap size, a fresh thread builds that many tracked objects (a chain held from a
//! Rust `Vec`), moves them to generation 2 with a full collection, and then, round after round,
//! makes 2,000 young tracked objects (half of them garbage 2-cycles, half kept alive until the
//! round ends) and times `collect_generation(0)`. A second arm gives every young object an edge
//! to a random old object, which a young collection must look at (to see that the target is not
//! a candidate): that costs per edge, not per old object, but the edges land on random memory.
//! A timed full collection at each size shows that the clock does see the old heap.

use std::cell::RefCell;

use gc_core::{Cc, Trace};

use crate::common::{
    drops, fmt_num, ms, on_fresh_thread, timed, Config, Counted, Report, Rng, Spread, Verdict,
};

#[derive(Trace)]
struct Node {
    edges: RefCell<Vec<Cc<Node>>>,
    #[trace(skip)]
    _c: Counted,
}

fn node() -> Cc<Node> {
    Cc::new(Node {
        edges: RefCell::new(Vec::new()),
        _c: Counted,
    })
}

/// What one thread measured at one old-heap size.
struct Sample {
    /// Per young collection, milliseconds.
    young_ms: Vec<f64>,
    /// Objects examined per young collection.
    examined: u64,
    /// Garbage freed by each young collection was exactly the garbage made.
    freed_ok: bool,
    /// One full collection, milliseconds.
    full_ms: f64,
}

const YOUNG: usize = 2_000;

fn measure(old: usize, to_old: bool, rounds: usize, seed: u64) -> Sample {
    on_fresh_thread(move || {
        gc_core::disable();
        let mut rng = Rng::new(seed);
        let olds: Vec<Cc<Node>> = (0..old).map(|_| node()).collect();
        for w in olds.windows(2) {
            w[0].edges.borrow_mut().push(w[1].clone());
        }
        gc_core::collect(); // every old object is now in generation 2
        let mut young_ms = Vec::with_capacity(rounds);
        let mut examined = 0;
        let mut freed_ok = true;
        for _ in 0..rounds {
            let mut keep = Vec::with_capacity(YOUNG / 2);
            for _ in 0..YOUNG / 4 {
                let (a, b) = (node(), node());
                a.edges.borrow_mut().push(b.clone());
                b.edges.borrow_mut().push(a.clone());
                if to_old && old > 0 {
                    a.edges.borrow_mut().push(olds[rng.below(old)].clone());
                    b.edges.borrow_mut().push(olds[rng.below(old)].clone());
                }
            }
            for _ in 0..YOUNG / 2 {
                let n = node();
                if to_old && old > 0 {
                    n.edges.borrow_mut().push(olds[rng.below(old)].clone());
                }
                keep.push(n);
            }
            let before = gc_core::get_stats()[0];
            let d0 = drops();
            let (freed, took) = timed(|| gc_core::collect_generation(0));
            let after = gc_core::get_stats()[0];
            freed_ok &= freed == YOUNG / 2 && drops() - d0 == (YOUNG / 2) as u64;
            examined = after.candidates - before.candidates;
            young_ms.push(ms(took));
            drop(keep);
        }
        let (_, full) = timed(gc_core::collect);
        drop(olds);
        Sample {
            young_ms,
            examined,
            freed_ok,
            full_ms: ms(full),
        }
    })
}

/// Run the experiment.
pub fn run(cfg: &Config) -> Report {
    let mut r = Report::new(
        "young-gen",
        "Generational collection (CPython since 2.0; Ungar's generation scavenging in general): \
         a young collection examines only the young generation, so its cost does not grow with \
         the number of old objects.",
        &[
            "old objects",
            "young->old edges",
            "young collection ms (median [min-max])",
            "examined per young collection",
            "full collection ms (median)",
        ],
    );
    let sizes = cfg.pick(vec![0, 100_000, 1_000_000], vec![0, 3_000]);
    let rounds = cfg.pick(20, 2);
    let mut plain = Vec::new();
    let mut edged = Vec::new();
    let mut fulls = Vec::new();
    let mut examined_all = Vec::new();
    let mut all_ok = true;
    // A first thread pays for faulting in the allocator's memory: measured and thrown away.
    all_ok &= measure(0, false, rounds, 0).freed_ok;
    for &old in &sizes {
        for to_old in [false, true] {
            let mut young = Vec::new();
            let mut full = Vec::new();
            let mut examined = 0;
            for run in 0..cfg.runs {
                let s = measure(old, to_old, rounds, 1 + run as u64);
                all_ok &= s.freed_ok;
                examined = s.examined;
                // The median of a thread's rounds is one sample.
                young.push(Spread::of(&s.young_ms).median);
                full.push(s.full_ms);
            }
            let y = Spread::of(&young);
            let f = Spread::of(&full);
            examined_all.push(examined);
            if to_old {
                edged.push(y.median);
            } else {
                plain.push(y.median);
                fulls.push(f.median);
            }
            r.row(vec![
                old.to_string(),
                if to_old { "yes" } else { "no" }.into(),
                y.show(),
                examined.to_string(),
                fmt_num(f.median),
            ]);
        }
    }
    r.check("every young collection freed exactly its garbage", all_ok);
    let last = sizes.len() - 1;
    let ratio_plain = plain[last] / plain[0];
    let ratio_edged = edged[last] / edged[0];
    let ratio_full = fulls[last] / plain[last];
    r.figure("young_ratio_largest_over_no_old", ratio_plain);
    r.figure("young_ratio_with_edges_to_old", ratio_edged);
    r.figure("full_over_young_ms_largest_old", ratio_full);
    r.figure("full_collection_ms_largest_old", fulls[last]);
    r.figure("young_collection_ms_no_old", plain[0]);
    r.figure("young_collection_ms_largest_old", plain[last]);
    let same_examined = examined_all.iter().all(|&e| e == examined_all[0]);
    r.check(
        "young collections examined the same number of objects",
        same_examined,
    );
    r.note(format!(
        "{YOUNG} young objects per collection; each sample is the median of {rounds} young \
         collections on one fresh thread; {} samples per row",
        cfg.runs
    ));
    let (verdict, reason) = if ratio_plain < 1.5 && ratio_full > 5.0 {
        (
            Verdict::Supports,
            format!(
                "{} old objects made a young collection {}x as long; a full collection of that \
                 heap took {}x a young one",
                sizes[last],
                fmt_num(ratio_plain),
                fmt_num(ratio_full)
            ),
        )
    } else if ratio_plain > 3.0 {
        (
            Verdict::Contradicts,
            format!(
                "young collections took {}x as long with {} old objects",
                fmt_num(ratio_plain),
                sizes[last]
            ),
        )
    } else {
        (
            Verdict::Inconclusive,
            format!(
                "young ratio {}, full ratio {}",
                fmt_num(ratio_plain),
                fmt_num(ratio_full)
            ),
        )
    };
    r.conclude(verdict, reason);
    r
}
