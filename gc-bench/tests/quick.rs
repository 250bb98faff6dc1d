//! Fast end-to-end checks: every adapter runs every workload at tiny sizes, and the outcomes
//! are real (garbage freed, Rc's leaks counted, reports written). No timing is asserted.

use gc_bench::harness::{Measurement, RunPlan};
use gc_bench::registry::{self, Runner};
use gc_bench::workloads::{Sizes, Workload};
use gc_bench::{report, run_cell};

#[global_allocator]
static ALLOC: gc_bench::alloc::CountingAlloc = gc_bench::alloc::CountingAlloc;

fn tiny() -> Sizes {
    Sizes {
        depth: 6,
        gcbench_depth: 6,
        objects: 2_000,
        lists: 3,
        list_len: 64,
        traversal_levels: 30,
        loop_scale: 0.05,
    }
}

fn once() -> RunPlan {
    RunPlan {
        runs: 1,
        cell_budget: std::time::Duration::from_secs(1),
    }
}

fn rust_collectors() -> impl Iterator<Item = &'static registry::CollectorEntry> {
    registry::all()
        .iter()
        .filter(|c| matches!(c.runner, Runner::Rust { .. }))
}

fn entry(c: &str) -> &'static registry::CollectorEntry {
    registry::find(c).expect("registered")
}

fn cell(c: &str, w: Workload) -> Measurement {
    run_cell(entry(c), w, &tiny(), &once())
}

#[test]
fn every_collector_frees_every_workload_it_runs() {
    for entry in rust_collectors().filter(|c| c.caps.frees_cycles) {
        let c = entry.name;
        for w in Workload::ALL
            .into_iter()
            .filter(|w| !w.runs_a_python_file())
        {
            let m = cell(c, w);
            if w.needs().python {
                if entry.caps.python.is_some() && gc_bench::MINIPY_ENABLED {
                    assert!(m.ok(), "minipy: {:?}", m.unsupported);
                    assert_eq!(
                        m.leaked_objects, None,
                        "minipy objects are not counted nodes"
                    );
                } else {
                    assert!(
                        m.unsupported.is_some(),
                        "{c}: {} should report a reason",
                        w.name()
                    );
                }
                continue;
            }
            assert!(m.ok(), "{c} / {}: {:?}", w.name(), m.unsupported);
            assert!(m.objects > 0, "{c} / {}: no units", w.name());
            assert!(m.allocated > 0, "{c} / {}: nothing allocated", w.name());
            assert_eq!(
                m.leaked_objects,
                Some(0),
                "{c} / {}: objects left unfreed",
                w.name()
            );
            assert_eq!(m.runs_ns.len(), 1);
            assert!(
                m.bytes_per_object.is_some(),
                "counting allocator installed in tests"
            );
        }
    }
}

#[test]
fn rc_leaks_exactly_the_cycles() {
    let s = tiny();
    let m = cell("rc", Workload::TwoCycles);
    assert_eq!(
        m.leaked_objects,
        Some(s.objects as u64),
        "every 2-cycle leaks under Rc"
    );
    let m = cell("rc", Workload::BigRing);
    assert_eq!(m.leaked_objects, Some(s.objects as u64));
    let m = cell("rc", Workload::CycleChains);
    assert_eq!(m.leaked_objects, Some(2 * s.chain_cycles() as u64));
    // Weak back-pointers: nothing leaks.
    for w in [
        Workload::LinkedLists,
        Workload::ParentTrees,
        Workload::BinaryTrees,
        Workload::BinaryTreesRefCell,
        Workload::GcBench,
    ] {
        let m = cell("rc", w);
        assert_eq!(m.leaked_objects, Some(0), "rc / {}", w.name());
    }
    // The random mutator makes some garbage cycles, deterministically.
    let a = cell("rc", Workload::RandomMutation).leaked_objects.unwrap();
    let b = cell("rc", Workload::RandomMutation).leaked_objects.unwrap();
    assert!(a > 0);
    assert_eq!(a, b, "fixed seed");
    // No collector: collection-only workloads are reported, not run.
    let m = cell("rc", Workload::GcTraversal);
    assert!(m.unsupported.as_deref().unwrap().contains("no collector"));
}

#[test]
fn unit_counts_follow_the_shapes() {
    let s = tiny();
    let m = cell("gc-core", Workload::LinkedLists);
    assert_eq!(m.objects, (s.list_rounds() * s.lists * s.list_len) as u64);
    assert_eq!(m.allocated, m.objects);
    let m = cell("gc-core", Workload::GcCollect);
    assert_eq!(m.objects, (s.gc_collect_loops() * 2100) as u64);
    let m = cell("gc-core", Workload::GcTraversal);
    assert_eq!(s.traversal_edges(), 30 * 29 / 2);
    assert_eq!(
        m.objects,
        (s.traversal_loops() * s.traversal_edges()) as u64
    );
    let m = cell("gcmodule", Workload::BinaryTrees);
    assert_eq!(m.objects, m.allocated, "check sum equals nodes made");
}

#[test]
fn gc_core_tracks_refcell_nodes_but_not_immutable_trees() {
    assert!(gc_bench::adapters::gc_core::node_is_tracked());
    assert!(!gc_bench::adapters::gc_core::tree_is_tracked());
}

#[test]
fn gc_core_reports_collections_and_pauses() {
    let m = cell("gc-core", Workload::TwoCycles);
    assert!(m.collections.unwrap() >= 1);
    assert!(m.longest_pause_ns.is_some());
}

#[test]
fn reports_have_the_promised_columns() {
    let results: Vec<Measurement> = ["gc-core", "rc", "gcmodule"]
        .iter()
        .flat_map(|c| [Workload::TwoCycles, Workload::GcTraversal].map(|w| cell(c, w)))
        .collect();
    let csv = report::csv(&results);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    for col in [
        "workload",
        "collector",
        "objects",
        "median_ns",
        "min_ns",
        "max_ns",
        "ns_per_object",
        "bytes_per_object",
        "leaked_objects",
    ] {
        assert!(header.contains(&col), "missing column {col}");
    }
    assert_eq!(csv.lines().count(), 1 + results.len());
    // rc cannot run gc-traversal: empty figures, reason in the note column.
    let rc_row = csv
        .lines()
        .find(|l| l.starts_with("gc-traversal,rc,"))
        .unwrap();
    assert!(rc_row.starts_with("gc-traversal,rc,,,,,"));
    assert!(rc_row.contains("no collector"));
    let goals = report::goals(&results);
    assert!(goals.iter().any(|g| g.goal.contains("two-cycles")));
    let table = report::table(&results);
    assert!(table.contains("gc-core") && table.contains("n/a"));

    let dir = std::env::temp_dir().join(format!("gc-bench-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let charts = gc_bench::charts::write_charts(&dir, &results, &goals).unwrap();
    let names: Vec<&str> = charts.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(names, ["two-cycles", "gc-traversal", "overview"]);
    let svg = std::fs::read_to_string(dir.join(&charts[0].1)).unwrap();
    assert!(svg.contains("<svg") && svg.contains("gc-core"));
    let rep = report::Report {
        command: "test".into(),
        machine: gc_bench::machine::Machine::detect(),
        sizes: tiny(),
        rounds: gc_bench::rounds::Rounds::quick(),
        load_start: gc_bench::stats::load_average(),
        load_end: None,
        wall_seconds: 0.0,
        results: results.clone(),
        goals,
        threads: None,
        left_out: vec!["Left out: nothing".into()],
        previous: None,
    };
    let md = report::markdown(&rep, &charts);
    assert!(
        md.contains("## Goals") && md.contains("### two-cycles") && md.contains("logical CPUs")
    );
    assert!(md.contains("Load average") && md.contains("Left out: nothing"));
    assert!(md.contains("order-statistic") && md.contains("95% interval"));
    assert!(md.contains("## Why each result") && md.contains("| gcmodule | 0.3"));
    // With one run per cell no goal can be decided.
    assert!(!md.contains("| **met** |") && !md.contains("| **missed** |"));
    assert!(md.contains("| **inconclusive** |"));
    // A later run into the same folder reads this one back and compares verdicts, goal by goal.
    let json = serde_json::to_string(&rep).unwrap();
    let prev: report::Report = serde_json::from_str(&json).unwrap();
    let judged = rep
        .goals
        .iter()
        .filter(|g| g.status != gc_bench::stats::GoalStatus::NotMeasured)
        .count();
    match gc_bench::previous::against(&prev, &rep) {
        gc_bench::previous::Previous::Compared(c) => {
            assert!(c.changed.is_empty());
            assert_eq!((c.same, c.unmatched), (judged, 0));
        }
        other => panic!("same sizes and rounds must compare: {other:?}"),
    }
    let svg = std::fs::read_to_string(dir.join("overview.svg")).unwrap();
    assert!(svg.contains("1.0: as fast as the best peer"));
    let json = serde_json::to_string(&rep).unwrap();
    let back: report::Report = serde_json::from_str(&json).unwrap();
    // Floats may round-trip one ulp off; compare the exact fields.
    let key = |m: &Measurement| {
        (
            m.workload.clone(),
            m.collector.clone(),
            m.runs_ns.clone(),
            m.leaked_objects,
        )
    };
    assert_eq!(
        back.results.iter().map(key).collect::<Vec<_>>(),
        results.iter().map(key).collect::<Vec<_>>()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cpython_runs_the_same_shapes_when_present() {
    if gc_bench::cpython::python_version().is_none() {
        eprintln!("python3 not found: skipping");
        return;
    }
    let m = cell("cpython", Workload::TwoCycles);
    assert!(m.ok(), "{:?}", m.unsupported);
    assert_eq!(m.objects, tiny().objects as u64);
    assert_eq!(m.leaked_objects, Some(0));
    let m = cell("cpython", Workload::GcTraversal);
    assert_eq!(
        m.objects,
        (tiny().traversal_loops() * tiny().traversal_edges()) as u64
    );
    gc_bench::cpython::cleanup();
}

#[test]
fn minipy_program_is_one_file_for_both_interpreters() {
    let script = gc_bench::cpython::SCRIPT;
    let (file, text) = gc_bench::cpython::MINIPY_PROGRAM_FILE;
    assert!(
        script.contains(&format!("\"{file}\"")),
        "python/bench.py reads the program from {file}"
    );
    assert!(!script.contains("def churn("), "no second copy in bench.py");
    assert_eq!(text, gc_bench::workloads::MINIPY_PROGRAM);
}

#[test]
fn cpython_script_knows_every_workload() {
    let script = gc_bench::cpython::SCRIPT;
    for w in Workload::ALL
        .into_iter()
        .filter(|w| !w.runs_a_python_file())
    {
        assert!(
            script.contains(&format!("\"{}\":", w.name())),
            "python/bench.py has no {} workload",
            w.name()
        );
    }
}

#[test]
fn minipy_scripts_run_on_minipy_and_cpython() {
    let s = Sizes {
        loop_scale: 0.002,
        ..tiny()
    };
    let results: Vec<Measurement> = Workload::scripts()
        .flat_map(|w| {
            ["gc-core", "cpython", "gcmodule"].map(|c| run_cell(entry(c), w, &s, &once()))
        })
        .collect();
    let have_python = gc_bench::cpython::python_version().is_some();
    for m in &results {
        let runs = gc_bench::MINIPY_ENABLED
            && (m.collector == "gc-core" || (m.collector == "cpython" && have_python));
        if !runs {
            assert!(m.unsupported.is_some(), "{} / {}", m.workload, m.collector);
            continue;
        }
        assert!(
            m.ok(),
            "{} / {}: {:?}",
            m.workload,
            m.collector,
            m.unsupported
        );
        let r = m.script.as_ref().expect("the script's line");
        assert_eq!(m.objects, r.units());
        assert!(m.objects > 0, "{}: nothing collected", m.workload);
        assert_eq!(
            r.examined.is_some(),
            m.collector == "gc-core",
            "examined: minipy only"
        );
        assert_eq!(r.edges.is_some(), m.workload == "minipy-gc_traversal");
    }
    let csv = report::csv(&results);
    let md_section = report::scripts_markdown(&results);
    if gc_bench::MINIPY_ENABLED {
        for w in Workload::scripts() {
            assert!(csv.contains(&format!("\n{},gc-core,", w.name())));
            assert!(csv.contains(&format!("\n{},cpython,", w.name())));
        }
        assert!(md_section.contains("time spent collecting, minipy (gc-core) vs CPython"));
        if have_python {
            let goals = report::script_goals(&results);
            assert_eq!(goals.len(), 4);
            for g in &goals {
                assert!(g.measured.is_some(), "{g:?}");
                assert!(!g.detail.contains("DIFFER"), "{g:?}");
            }
        }
    } else {
        assert!(md_section.is_empty());
    }
}

#[test]
fn a_real_program_runs_unmodified_on_minipy_and_cpython() {
    use gc_bench::realprograms::{self, OutputCheck};
    let w = Workload::RealGcCollect;
    let have_python = gc_bench::cpython::python_version().is_some();
    let results: Vec<Measurement> = ["gc-core", "cpython", "gcmodule"]
        .map(|c| run_cell(entry(c), w, &tiny(), &once()))
        .into();
    for m in &results {
        let runs = gc_bench::MINIPY_ENABLED
            && (m.collector == "gc-core" || (m.collector == "cpython" && have_python));
        if !runs {
            assert!(m.unsupported.is_some(), "{}", m.collector);
            continue;
        }
        assert!(m.ok(), "{}: {:?}", m.collector, m.unsupported);
        let r = m.script.as_ref().expect("the measurement line");
        assert_eq!(r.output, Some(OutputCheck::Same), "{}", m.collector);
        assert_eq!(r.gc_time_from, "callbacks");
        // One loop of pyperformance's gc_collect: 100 rings of 21 nodes, all freed by the
        // explicit collection (on either interpreter).
        assert!(r.collected >= 2100, "{}: {}", m.collector, r.collected);
        assert!(r.collections >= 2, "{}: {}", m.collector, r.collections);
        assert!(r.gc_s > 0.0 && r.wall_s >= r.gc_s, "{r:?}");
        assert_eq!(m.objects, r.collected);
        assert!(r.tracked_at_start.is_some_and(|n| n > 0), "{r:?}");
        assert_eq!(
            r.gc_clock_s.is_some(),
            m.collector == "gc-core",
            "own clock: minipy only"
        );
    }
    let section = realprograms::markdown(&results);
    if gc_bench::MINIPY_ENABLED {
        assert!(section.contains("| real-gc_collect |"), "{section}");
        assert!(section.contains(w.why()));
        assert!(!section.contains("DIFFERS"), "{section}");
    }
    realprograms::cleanup();
}

#[test]
fn matrix_runs_interleaved_rounds_and_leaves_out_what_cannot_run() {
    use gc_bench::rounds::Rounds;
    use gc_bench::stats::GoalStatus;
    let opts = gc_bench::Options {
        workloads: vec![Workload::TwoCycles, Workload::GcTraversal],
        collectors: vec![entry("gc-core"), entry("rc"), entry("gcmodule")],
        sizes: tiny(),
        rounds: Rounds {
            min_rounds: 6,
            max_rounds: 6,
            budget: std::time::Duration::from_secs(60),
            precision: 0.0,
            warm_up: false,
        },
        stack_bytes: 256 << 20,
    };
    let mut finished = Vec::new();
    let results = gc_bench::run_matrix(&opts, |_, _| {}, |w, done| finished.push((w, done.rounds)));
    assert_eq!(
        finished,
        [(Workload::TwoCycles, 6), (Workload::GcTraversal, 6)]
    );
    let runs = |w: &str, c: &str| report::find(&results, w, c).map(|m| m.runs_ns.len());
    assert_eq!(runs("two-cycles", "gc-core"), Some(6));
    assert_eq!(runs("two-cycles", "gcmodule"), Some(6));
    assert_eq!(
        runs("two-cycles", "rc"),
        Some(1),
        "Rc's leaking cells run once"
    );
    assert_eq!(runs("gc-traversal", "rc"), None, "left out, not an n/a row");
    assert_eq!(
        report::find(&results, "two-cycles", "gc-core")
            .unwrap()
            .leaked_objects,
        Some(0)
    );
    let goals = report::goals(&results);
    let g = goals
        .iter()
        .find(|g| g.goal.starts_with("two-cycles:"))
        .unwrap();
    assert_eq!(g.estimate.unwrap().rounds, 6);
    assert!(g.estimate.unwrap().ci.is_some());
    assert_ne!(g.status, GoalStatus::NotMeasured);
    // Goals on workloads that did not run are not measured, and left out of what is shown.
    let bt = goals.iter().find(|g| g.workload == "binary-trees").unwrap();
    assert_eq!(bt.status, GoalStatus::NotMeasured);
    assert!(report::shown_goals(&goals)
        .iter()
        .all(|g| g.status != GoalStatus::NotMeasured));
    assert!(report::not_measured_line(&goals).contains("binary-trees"));
}

#[test]
fn left_out_cells_and_workloads() {
    assert!(gc_bench::left_out(entry("rc"), Workload::GcTraversal).is_some());
    assert!(gc_bench::left_out(entry("gcmodule"), Workload::MinipyGcCollect).is_some());
    assert!(gc_bench::left_out(entry("gc-core"), Workload::TwoCycles).is_none());
    let available = gc_bench::available_workloads();
    assert_eq!(
        available.contains(&Workload::Minipy),
        gc_bench::MINIPY_ENABLED
    );
}
