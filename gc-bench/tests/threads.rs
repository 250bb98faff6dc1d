//! The Threads section end to end at tiny sizes: every thread-safe adapter runs every threaded
//! workload, the collectors free everything, `Arc` leaks exactly what it should, and the
//! section's report parts have their promised shape. No timing is asserted.

use std::sync::Mutex;

use gc_bench::adapters::sync::{self as sync_adapters, SYNC_COLLECTORS};
use gc_bench::harness::{Measurement, RunPlan};
use gc_bench::thread_harness::run_cell;
use gc_bench::thread_report;
use gc_bench::thread_workloads::{ThreadSizes, ThreadWorkload};

fn tiny() -> ThreadSizes {
    ThreadSizes {
        threads: 2,
        rounds: 20,
        ring: 10,
        tree_depth: 3,
        messages: 600,
        graph_nodes: 200,
        mutation_ops: 2_000,
        collect_every: 300,
        depth: 6,
    }
}

fn once() -> RunPlan {
    RunPlan {
        runs: 1,
        cell_budget: std::time::Duration::from_secs(1),
    }
}

/// The object counts and the pause log are process-wide: the tests of this file run one cell
/// at a time.
static ONE_CELL: Mutex<()> = Mutex::new(());

fn cell(c: &str, w: ThreadWorkload) -> Measurement {
    let entry = sync_adapters::find(c).expect("registered");
    let _one = ONE_CELL.lock().unwrap_or_else(|e| e.into_inner());
    run_cell(entry, w, &tiny(), &once())
}

/// Cells where a peer is known to lose garbage, so the count of unfreed objects is reported
/// but not asserted zero: dumpster's `sync` module leaves nodes of shared-mutation unfreed
/// when one of its collections runs while another thread mutates (`adapters/sync/dumpster.rs`
/// describes it; at these tiny sizes that happens only in some runs).
const KNOWN_LEAKS: &[(&str, &str)] = &[("dumpster-sync", "shared-mutation")];

#[test]
fn every_collector_frees_every_threaded_workload() {
    for c in SYNC_COLLECTORS.iter().filter(|c| c.collects_cycles) {
        for w in ThreadWorkload::ALL {
            let m = cell(c.name, w);
            assert!(m.ok(), "{} / {}: {:?}", c.name, w.name(), m.unsupported);
            assert!(m.objects > 0, "{} / {}: no units", c.name, w.name());
            assert!(
                m.allocated > 0,
                "{} / {}: nothing allocated",
                c.name,
                w.name()
            );
            if KNOWN_LEAKS.contains(&(c.name, w.name())) {
                assert!(m.leaked_objects.is_some(), "{} / {}", c.name, w.name());
            } else {
                assert_eq!(
                    m.leaked_objects,
                    Some(0),
                    "{} / {}: objects left unfreed",
                    c.name,
                    w.name()
                );
            }
            assert!(m.collections.unwrap_or(0) >= 1, "{} / {}", c.name, w.name());
        }
    }
}

#[test]
fn arc_leaks_the_cycles_and_frees_the_trees() {
    let arc = sync_adapters::baseline().expect("a baseline").name;
    let s = tiny();
    // Every node of build-drop and channel-cycles is on a cycle.
    let m = cell(arc, ThreadWorkload::BuildDrop);
    let per_round = s.ring as u64 + (1u64 << (s.tree_depth + 1)) - 1;
    assert_eq!(m.objects, 2 * s.rounds as u64 * per_round);
    assert_eq!(m.leaked_objects, Some(m.objects));
    let m = cell(arc, ThreadWorkload::ChannelCycles);
    assert_eq!(m.leaked_objects, Some(m.allocated));
    assert_eq!(m.allocated, m.objects);
    for w in [
        ThreadWorkload::BinaryTrees,
        ThreadWorkload::BinaryTreesMutex,
    ] {
        let m = cell(arc, w);
        assert_eq!(m.leaked_objects, Some(0), "{}", w.name());
        assert_eq!(m.allocated, m.objects, "{}: one node per check", w.name());
    }
}

#[test]
fn threads_report_has_its_columns_and_goals() {
    let arc = sync_adapters::baseline().expect("a baseline").name;
    let subject = sync_adapters::subject().expect("a subject").name;
    let results: Vec<Measurement> = [subject, arc]
        .iter()
        .map(|c| cell(c, ThreadWorkload::BinaryTrees))
        .collect();
    let csv = thread_report::csv(&results);
    let header = csv.lines().next().unwrap();
    assert!(header.contains("ratio_to_arc") && header.contains("ratio_to_gc_core_sync"));
    assert_eq!(csv.lines().count(), 1 + results.len());
    let table = thread_report::table(&results);
    assert!(table.starts_with("Threads") && table.contains("x arc"));
    let goals = thread_report::goals(&results);
    let trees = goals
        .iter()
        .find(|g| g.goal.starts_with("sync-binary-trees ("))
        .expect("binary-trees goal");
    assert!(trees.measured.is_some(), "both sides ran");
    let section = thread_report::ThreadsSection {
        sizes: tiny(),
        results,
    };
    let md = thread_report::markdown(&section, &[]);
    assert!(md.contains("## Threads") && md.contains("### sync-binary-trees"));
}
