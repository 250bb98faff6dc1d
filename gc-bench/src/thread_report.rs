//! The Threads section of the report: its terminal table, threads.csv, its markdown section
//! and its goals.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::adapters::sync::{self as sync_adapters, SYNC_COLLECTORS};
use crate::harness::Measurement;
use crate::report::{find, goal_bound, paired, rows, table_with, Goal};
use crate::stats::{Estimate, GoalStatus};
use crate::thread_workloads::{ThreadSizes, ThreadWorkload};

/// What the Threads section measured.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ThreadsSection {
    /// Sizes used.
    pub sizes: ThreadSizes,
    /// One entry per (threaded workload, thread-safe collector) cell.
    pub results: Vec<Measurement>,
}

/// The two collectors the ratio columns of this section divide by: `arc` and `gc-core-sync`.
pub fn bases() -> [&'static str; 2] {
    [sync_adapters::baseline(), sync_adapters::subject()].map(|e| e.map_or("", |e| e.name))
}

/// The cells where a collector that frees cycles still left objects unfreed, as
/// "collector / workload (n objects)".
pub fn unexpected_leaks(results: &[Measurement]) -> Vec<String> {
    results
        .iter()
        .filter(|m| m.ok())
        .filter(|m| sync_adapters::find(&m.collector).is_some_and(|c| c.collects_cycles))
        .filter_map(|m| {
            m.leaked_objects
                .filter(|&n| n > 0)
                .map(|n| format!("{} / {} ({n} objects)", m.collector, m.workload))
        })
        .collect()
}

/// The terminal table of the section, under a "Threads" heading.
pub fn table(results: &[Measurement]) -> String {
    let mut out = String::from("Threads\n\n");
    out.push_str(&table_with(results, bases()));
    out.push_str(&leak_notes(results));
    out
}

/// The notes under the section's table: unexpected leaks, and which collectors cannot free
/// cycles.
pub fn leak_notes(results: &[Measurement]) -> String {
    let mut out = String::new();
    let leaks = unexpected_leaks(results);
    if !leaks.is_empty() {
        let _ = writeln!(
            out,
            "\nLeft unfreed by a cycle collector after its final collection: {}.",
            leaks.join(", ")
        );
    }
    let leaky: Vec<&str> = SYNC_COLLECTORS
        .iter()
        .filter(|c| !c.collects_cycles)
        .map(|c| c.name)
        .collect();
    if !leaky.is_empty() {
        let _ = writeln!(
            out,
            "\n{} cannot free cycles: its leaked column counts the nodes of the cyclic garbage it left \
             (those cells run once).",
            leaky.join(", ")
        );
    }
    out
}

/// threads.csv: as results.csv, with the ratio columns `ratio_to_arc` and
/// `ratio_to_gc_core_sync`.
pub fn csv(results: &[Measurement]) -> String {
    crate::report::csv_with(results, bases())
}

/// The section's goals: gc-core-sync at most 1.2x `Arc` on the single-threaded binary-trees
/// (immutable and `Mutex` nodes), faster than every other thread-safe cycle collector on each
/// workload, and nothing left unfreed by gc-core-sync on any threaded workload.
pub fn goals(results: &[Measurement]) -> Vec<Goal> {
    let [arc, subject] = bases();
    let mut g: Vec<Goal> = ThreadWorkload::ALL
        .into_iter()
        .filter_map(|w| w.against_baseline().map(|what| (w, what)))
        .map(|(w, what)| {
            goal_bound(
                &format!(
                    "{} ({what}, one thread): {subject} at most 1.20x {arc}",
                    w.name()
                ),
                w.name(),
                paired(results, w.name(), subject, arc),
                1.20,
                false,
                format!("median over rounds of ({subject} time / {arc} time), rounds interleaved"),
            )
            .between(&[subject, arc])
        })
        .collect();
    for w in ThreadWorkload::ALL {
        let own = find(results, w.name(), subject).filter(|m| m.ok());
        let best_peer = sync_adapters::SYNC_COLLECTORS
            .iter()
            .filter(|e| e.collects_cycles && !e.subject)
            .filter_map(|e| find(results, w.name(), e.name))
            .filter(|m| m.ok())
            .filter_map(|m| m.ns_per_object().map(|x| (x, m.collector.clone())))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        let peers: Vec<&str> = sync_adapters::SYNC_COLLECTORS
            .iter()
            .filter(|e| e.collects_cycles && !e.subject)
            .map(|e| e.name)
            .collect();
        let mut needs = vec![subject.to_string()];
        if let Some((_, who)) = &best_peer {
            needs.extend(crate::report::contenders(results, w.name(), who, &peers));
        }
        let (estimate, detail) = match (own.and_then(Measurement::ns_per_object), best_peer) {
            (Some(x), Some((peer, who))) if peer > 0.0 => (
                paired(results, w.name(), subject, &who),
                format!(
                    "{subject} {x:.1} ns vs {who} {peer:.1} ns per unit (medians; leaking peers included), ratio per round"
                ),
            ),
            _ => (None, "not run".to_string()),
        };
        g.push(
            goal_bound(
                &format!(
                    "{}: {subject} faster than the other thread-safe cycle collectors",
                    w.name()
                ),
                w.name(),
                estimate,
                1.0,
                true,
                detail,
            )
            .between(&needs),
        );
    }
    let cells: Vec<&Measurement> = ThreadWorkload::ALL
        .iter()
        .filter_map(|w| find(results, w.name(), subject))
        .filter(|m| m.ok())
        .collect();
    let leaked: Option<u64> =
        (!cells.is_empty()).then(|| cells.iter().filter_map(|m| m.leaked_objects).sum());
    // A count, not a ratio: no interval, met when nothing was left in any round.
    let mut leak_goal = Goal {
        goal: format!("threaded workloads: {subject} leaves no object unfreed"),
        workload: String::new(),
        measured: leaked.map(|n| n as f64),
        estimate: None::<Estimate>,
        bound: Some(0.0),
        collectors: vec![subject.to_string()],
        status: match leaked {
            None => GoalStatus::NotMeasured,
            Some(0) => GoalStatus::Met,
            Some(_) => GoalStatus::Missed,
        },
        detail: format!(
            "objects created minus objects dropped after the final collection (the largest over the rounds), summed over {} cells",
            cells.len()
        ),
    };
    if cells.len() < ThreadWorkload::ALL.len() && leak_goal.status == GoalStatus::Met {
        leak_goal
            .detail
            .push_str(" (not every threaded workload ran)");
    }
    g.push(leak_goal);
    g
}

/// The section in report.md.
pub fn markdown(t: &ThreadsSection, charts: &[(String, String)]) -> String {
    let mut out = String::new();
    let [arc, subject] = bases();
    let _ = writeln!(
        out,
        "## Threads\n\n\
         Thread-safe handles: `{subject}` (`gc_core::sync::Cc`, values reached only inside a `Mutator` guard), `{arc}` \
         (`std::sync::Arc` with `Mutex` slots, the baseline: it frees no cycle), `gcmodule-threaded` (gcmodule's \
         `ThreadedCc` in one `ThreadedObjectSpace`) and `dumpster-sync` (`dumpster::sync::Gc`). Mutable nodes keep their \
         edges in a `Mutex`; guards are taken for one operation or one short batch and never across a channel receive \
         or a join. Every workload times its whole life, threads started and joined and one final full collection on \
         the bench thread included; in threads-build-drop and channel-cycles the collectors that collect on their own \
         ({automatic}) are left to it and the others collect every K rounds or messages; in shared-mutation every \
         collector gets the same explicit collections, from one of the two mutating threads.\n\n\
         Figures: median wall time of the runs (min and max beside it), ns per unit, objects left unfreed (every node \
         counts its creation and its drop on whichever thread they happen, summed over the threads after they are \
         joined), collections per run (explicit ones plus those the collector reports: gc-core-sync's \
         `sync::get_stats()`, dumpster's collect condition; gcmodule has none of its own) and the longest explicit \
         collection observed (gc-core-sync: its own clock, without the wait for a moment when no thread holds a \
         `Mutator`; peers: the call), and ratios of time per unit to `{arc}` and to `{subject}`. Bytes per object are \
         not measured here (the counting allocator is not exact across threads). `{arc}` leaks every cycle, which the \
         leaked column counts; its cyclic cells run once.\n",
        automatic = SYNC_COLLECTORS
            .iter()
            .filter(|c| c.automatic)
            .map(|c| format!("`{}`", c.name))
            .collect::<Vec<_>>()
            .join(", "),
    );
    let leaks = unexpected_leaks(&t.results);
    if !leaks.is_empty() {
        let _ = writeln!(
            out,
            "Left unfreed by a collector that does free cycles, after its final collection (the objects are \
             counted, not guessed; see the adapter's module docs for what is known): {}.\n",
            leaks.join(", ")
        );
    }
    let (head, rows) = rows(&t.results, bases());
    for w in ThreadWorkload::ALL {
        let name = w.name();
        if !t.results.iter().any(|m| m.workload == name) {
            continue;
        }
        let _ = writeln!(
            out,
            "### {name}\n\n{} Unit: {}.\n",
            w.describe(&t.sizes),
            w.unit()
        );
        let _ = writeln!(out, "| {} |", head[1..].join(" | "));
        let _ = writeln!(out, "|---|{}", "---:|".repeat(head.len() - 2));
        for row in rows.iter().filter(|row| row[0] == name) {
            let _ = writeln!(out, "| {} |", row[1..].join(" | "));
        }
        if let Some((_, file)) = charts.iter().find(|(w, _)| w == name) {
            let _ = writeln!(out, "\n![{name}]({file})");
        }
        out.push('\n');
    }
    out
}
