//! `cargo run --release -p gc-bench`: the comparison in one command. See `--help`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Parser;
use gc_bench::adapters::sync::{self as sync_adapters, SYNC_COLLECTORS};
use gc_bench::harness::RunPlan;
use gc_bench::report::{self, Report, ThreadsSection};
use gc_bench::thread_harness::{run_threads, ThreadOptions};
use gc_bench::thread_report;
use gc_bench::thread_workloads::{ThreadSizes, ThreadWorkload};
use gc_bench::workloads::{Sizes, Workload};
use gc_bench::{charts, machine::Machine, run_matrix, Options, COLLECTORS};
use indicatif::{ProgressBar, ProgressStyle};

#[global_allocator]
static ALLOC: gc_bench::alloc::CountingAlloc = gc_bench::alloc::CountingAlloc;

/// Compare gc-core with Rc, the Rust cycle collectors (gcmodule, bacon_rajan_cc, rust-cc,
/// dumpster, gc) and CPython's gc on object graphs that stress collectors.
///
/// Prints a table, the Threads section (thread-safe collectors against Arc) and the project's
/// goals (met or missed), and writes report.md, results.csv, threads.csv, results.json and one
/// SVG chart per workload into the output folder.
#[derive(Debug, Parser)]
#[command(name = "gc-bench", version)]
struct Args {
    /// Every workload once at small sizes (finishes in well under 30 seconds).
    #[arg(long)]
    quick: bool,

    /// Workloads to run, comma separated (default: all). Names: binary-trees,
    /// binary-trees-refcell, gcbench, parent-trees, linked-lists, gc-collect, two-cycles,
    /// big-ring, gc-traversal, live-heap-ordered, live-heap-random, young-gc-with-old,
    /// young-gc-alone, random-mutation, cycle-chains, minipy, and the minipy scripts run by
    /// minipy and CPython (`--features minipy`): minipy-gc_collect, minipy-gc_traversal,
    /// minipy-closures, minipy-objects; and the Threads section's: threads-build-drop,
    /// channel-cycles, shared-mutation, sync-binary-trees, sync-binary-trees-mutex.
    #[arg(long, short, value_delimiter = ',')]
    workloads: Vec<String>,

    /// Collectors to run, comma separated (default: all). Names: gc-core, rc, gcmodule,
    /// bacon_rajan_cc, rust-cc, dumpster, gc, cpython; and the Threads section's: gc-core-sync,
    /// arc, gcmodule-threaded, dumpster-sync.
    #[arg(long, short, value_delimiter = ',')]
    collectors: Vec<String>,

    /// Run only the Threads section (thread-safe collectors; about 30 s by default).
    #[arg(long, conflicts_with = "no_threads")]
    threads_only: bool,

    /// Skip the Threads section.
    #[arg(long)]
    no_threads: bool,

    /// Scale the rounds, messages and operations of the Threads section's workloads
    /// (default 1, --quick 0.1 with smaller graphs and trees).
    #[arg(long)]
    thread_scale: Option<f64>,

    /// Runs per cell; the median is reported with min and max (default 3, --quick 1).
    #[arg(long, short)]
    runs: Option<usize>,

    /// Stop repeating a cell once its runs took this many seconds (at least one run always
    /// happens; default 2, --quick 1).
    #[arg(long)]
    cell_budget: Option<f64>,

    /// Output folder for report.md, results.csv, results.json and the charts.
    #[arg(long, short, default_value = "gc-bench-out")]
    out: PathBuf,

    /// Maximum depth of binary-trees (default 16, --quick 10).
    #[arg(long)]
    depth: Option<u32>,

    /// GCBench long-lived tree depth; the stretch tree is two deeper (default 13, Boehm's
    /// original 16; --quick 8).
    #[arg(long)]
    gcbench_depth: Option<u32>,

    /// Objects in two-cycles, big-ring, the live heaps and the old generation, and operations
    /// of the random mutator (default 1000000, --quick 20000).
    #[arg(long)]
    objects: Option<usize>,

    /// Number of doubly linked lists (default 30).
    #[arg(long)]
    lists: Option<usize>,

    /// Nodes per doubly linked list (default 4096, --quick 256).
    #[arg(long)]
    list_len: Option<usize>,

    /// Nesting levels of gc-traversal (default 1000, --quick 200).
    #[arg(long)]
    traversal_levels: Option<usize>,

    /// Scale the repetition counts inside loop-shaped workloads (gc-collect, gc-traversal,
    /// young collections, linked-list rounds; default 1, --quick 0.1).
    #[arg(long)]
    loop_scale: Option<f64>,

    /// Stack size in MiB of the thread each cell runs on (some peers recurse once per node of
    /// a chain).
    #[arg(long, default_value_t = 2048)]
    stack_mb: usize,

    /// Do not draw the progress bar.
    #[arg(long)]
    no_progress: bool,

    /// List the workloads with what each one does at the chosen sizes, and exit.
    #[arg(long)]
    list: bool,
}

fn main() {
    let args = Args::parse();
    let mut sizes = if args.quick {
        Sizes::quick()
    } else {
        Sizes::default()
    };
    if let Some(d) = args.depth {
        sizes.depth = d;
    }
    if let Some(d) = args.gcbench_depth {
        sizes.gcbench_depth = d;
    }
    if let Some(n) = args.objects {
        sizes.objects = n;
    }
    if let Some(n) = args.lists {
        sizes.lists = n;
    }
    if let Some(n) = args.list_len {
        sizes.list_len = n;
    }
    if let Some(n) = args.traversal_levels {
        sizes.traversal_levels = n;
    }
    if let Some(x) = args.loop_scale {
        sizes.loop_scale = x;
    }
    let mut thread_sizes = if args.quick {
        ThreadSizes::quick()
    } else {
        ThreadSizes::default()
    };
    if let Some(x) = args.thread_scale {
        thread_sizes.scale(x);
    }
    if args.list {
        for w in Workload::ALL {
            println!(
                "{}\n    {}\n    unit: {}\n",
                w.name(),
                w.describe(&sizes),
                w.unit()
            );
        }
        for w in ThreadWorkload::ALL {
            println!(
                "{} (Threads)\n    {}\n    unit: {}\n",
                w.name(),
                w.describe(&thread_sizes),
                w.unit()
            );
        }
        return;
    }
    let plan = RunPlan {
        runs: args.runs.unwrap_or(if args.quick { 1 } else { 3 }).max(1),
        cell_budget: Duration::from_secs_f64(args.cell_budget.unwrap_or(if args.quick {
            1.0
        } else {
            2.0
        })),
    };
    let mut opts = Options::all(sizes, plan.clone());
    opts.stack_bytes = args.stack_mb << 20;
    let mut topts = ThreadOptions::all(thread_sizes, plan);
    topts.stack_bytes = opts.stack_bytes;
    if !args.workloads.is_empty() {
        opts.workloads.clear();
        topts.workloads.clear();
        for n in &args.workloads {
            if let Some(w) = Workload::from_name(n) {
                opts.workloads.push(w);
            } else if let Some(w) = ThreadWorkload::from_name(n) {
                topts.workloads.push(w);
            } else {
                eprintln!("unknown workload {n:?}; see --help");
                std::process::exit(2);
            }
        }
    }
    if !args.collectors.is_empty() {
        opts.collectors.clear();
        topts.collectors.clear();
        for c in &args.collectors {
            if COLLECTORS.contains(&c.as_str()) {
                opts.collectors.push(c.clone());
            } else if let Some(e) = sync_adapters::find(c) {
                topts.collectors.push(e);
            } else {
                let names: Vec<&str> = COLLECTORS
                    .iter()
                    .copied()
                    .chain(SYNC_COLLECTORS.iter().map(|e| e.name))
                    .collect();
                eprintln!("unknown collector {c:?}; one of {}", names.join(", "));
                std::process::exit(2);
            }
        }
    }
    if args.threads_only {
        opts.workloads.clear();
    }
    if args.no_threads {
        topts.workloads.clear();
    }

    let command = std::iter::once("cargo run --release -p gc-bench --".to_string())
        .chain(std::env::args().skip(1))
        .collect::<Vec<_>>()
        .join(" ");
    let command = command.trim_end_matches(" --").to_string();
    let machine = Machine::detect();
    if machine.profile == "debug" {
        eprintln!("warning: gc-bench was built without --release; figures are not meaningful");
    }

    let cells = (opts.workloads.len() * opts.collectors.len()
        + topts.workloads.len() * topts.collectors.len()) as u64;
    let bar = if args.no_progress {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(cells)
    };
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} {msg}")
            .expect("progress template")
            .progress_chars("=> "),
    );
    let started = Instant::now();
    let mut done = 0;
    let mut progress = |w: &str, c: &str| {
        bar.set_position(done);
        bar.set_message(format!("{w} / {c}"));
        done += 1;
    };
    let results = if opts.workloads.is_empty() || opts.collectors.is_empty() {
        Vec::new()
    } else {
        run_matrix(&opts, &mut progress)
    };
    let threads =
        (!topts.workloads.is_empty() && !topts.collectors.is_empty()).then(|| ThreadsSection {
            sizes: topts.sizes.clone(),
            results: run_threads(&topts, &mut progress),
        });
    bar.finish_and_clear();
    let wall_seconds = started.elapsed().as_secs_f64();

    let mut goals = if results.is_empty() {
        Vec::new()
    } else {
        report::goals(&results)
    };
    if let Some(t) = &threads {
        goals.extend(thread_report::goals(&t.results));
    }
    let rep = Report {
        command,
        machine,
        sizes: opts.sizes.clone(),
        runs: opts.plan.runs,
        wall_seconds,
        results,
        goals,
        threads,
    };
    if !rep.results.is_empty() {
        println!("{}", report::table(&rep.results));
    }
    let scripts = report::scripts_markdown(&rep.results);
    if !scripts.is_empty() {
        println!("{scripts}");
    }
    if let Some(t) = &rep.threads {
        println!("{}", thread_report::table(&t.results));
    }
    println!("Goals:\n{}", report::goals_text(&rep.goals));
    if let Err(e) = write_outputs(&args.out, &rep) {
        eprintln!("error writing {}: {e}", args.out.display());
        std::process::exit(1);
    }
    println!(
        "Wrote {}/report.md, results.csv, threads.csv, results.json and charts ({:.1} s).",
        args.out.display(),
        wall_seconds
    );
}

fn write_outputs(dir: &std::path::Path, rep: &Report) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let write = |name: &str, text: String| {
        std::fs::write(dir.join(name), text).map_err(|e| format!("{name}: {e}"))
    };
    let mut charts = charts::write_charts(dir, &rep.results).unwrap_or_else(|e| {
        eprintln!("warning: charts not written: {e}");
        Vec::new()
    });
    if let Some(t) = &rep.threads {
        charts.extend(
            charts::write_thread_charts(dir, &t.results).unwrap_or_else(|e| {
                eprintln!("warning: Threads charts not written: {e}");
                Vec::new()
            }),
        );
        write("threads.csv", thread_report::csv(&t.results))?;
    }
    write("results.csv", report::csv(&rep.results))?;
    write(
        "results.json",
        serde_json::to_string_pretty(rep).map_err(|e| e.to_string())?,
    )?;
    write("report.md", report::markdown(rep, &charts))?;
    Ok(())
}
