//! `cargo run --release -p gc-bench`: the comparison in one command. See `--help`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Parser;
use gc_bench::adapters::sync::{self as sync_adapters, SYNC_COLLECTORS};
use gc_bench::previous;
use gc_bench::report::{self, Report, ThreadsSection};
use gc_bench::rounds::{Rounds, RoundsDone};
use gc_bench::thread_harness::{run_threads, ThreadOptions};
use gc_bench::thread_report;
use gc_bench::thread_workloads::{ThreadSizes, ThreadWorkload};
use gc_bench::workloads::{Sizes, Workload};
use gc_bench::{
    charts, left_out, machine::Machine, needs_minipy, realprograms, registry, run_matrix, stats,
    Options, MINIPY_ENABLED,
};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

#[global_allocator]
static ALLOC: gc_bench::alloc::CountingAlloc = gc_bench::alloc::CountingAlloc;

/// Compare gc-core with Rc, the Rust cycle collectors (gcmodule, bacon_rajan_cc, rust-cc,
/// dumpster, gc) and CPython's gc on object graphs that stress collectors.
///
/// Prints a table, the Threads section (thread-safe collectors against Arc) and the project's
/// goals (met, missed or inconclusive), and writes report.md, results.csv, threads.csv, results.json and one
/// SVG chart per workload into the output folder.
#[derive(Debug, Parser)]
#[command(name = "gc-bench", version)]
struct Args {
    /// Every workload at small sizes, 6 to 12 rounds, a 2 s budget per workload.
    #[arg(long)]
    quick: bool,

    /// Workloads to run, comma separated (default: all); the names come from the registries
    /// ([`workloads_help`]).
    #[arg(long, short, value_delimiter = ',', help = workloads_help())]
    workloads: Vec<String>,

    /// Collectors to run, comma separated (default: all); the names come from the registries
    /// ([`collectors_help`]).
    #[arg(long, short, value_delimiter = ',', help = collectors_help())]
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

    /// Fewest interleaved rounds per workload (every collector runs once per round; 6 is the
    /// fewest that give a 95% interval; default 6).
    #[arg(long, short)]
    runs: Option<usize>,

    /// Most rounds per workload (default 30, --quick 12).
    #[arg(long)]
    max_runs: Option<usize>,

    /// Seconds after which a workload starts no new round once it has its fewest rounds
    /// (before that, rounds stop at 3 times this; default 20, --quick 2).
    #[arg(long)]
    budget: Option<f64>,

    /// Stop a workload's rounds once every undecided goal's 95% interval is within this
    /// fraction of its median (default 0.02).
    #[arg(long)]
    precision: Option<f64>,

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

    /// Do not draw the progress bar (when stderr is not a terminal there is none: one line per
    /// finished workload instead).
    #[arg(long)]
    no_progress: bool,

    /// List the workloads with what each one does at the chosen sizes, and exit.
    #[arg(long)]
    list: bool,
}

/// The help of `--workloads`: every workload's name, from the workload tables (no final
/// period, as clap prints a one-line help).
fn workloads_help() -> String {
    let names = |kind: fn(&Workload) -> bool| {
        Workload::ALL
            .into_iter()
            .filter(kind)
            .map(Workload::name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let threads: Vec<&str> = ThreadWorkload::ALL.into_iter().map(|w| w.name()).collect();
    format!(
        "Workloads to run, comma separated (default: all). Names: {}, the minipy scripts run by \
         minipy and CPython (`--features minipy`): {}, the real programs run by both (`--features \
         minipy`; `{}` names them all): {}; and the Threads section's: {}",
        names(|w| !w.runs_a_python_file()),
        names(|w| w.script().is_some()),
        realprograms::GROUP,
        names(|w| w.real_program().is_some()),
        threads.join(", ")
    )
}

/// The help of `--collectors`: every collector's name, from the registries.
fn collectors_help() -> String {
    let main: Vec<&str> = registry::all().iter().map(|c| c.name).collect();
    let threads: Vec<&str> = SYNC_COLLECTORS.iter().map(|c| c.name).collect();
    format!(
        "Collectors to run, comma separated (default: all). Names: {}; and the Threads section's: {}",
        main.join(", "),
        threads.join(", ")
    )
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
    let mut rounds = if args.quick {
        Rounds::quick()
    } else {
        Rounds::standard()
    };
    if let Some(n) = args.runs {
        rounds.min_rounds = n.max(1);
    }
    if let Some(n) = args.max_runs {
        rounds.max_rounds = n.max(1);
    }
    rounds.max_rounds = rounds.max_rounds.max(rounds.min_rounds);
    if let Some(b) = args.budget {
        rounds.budget = Duration::from_secs_f64(b.max(0.0));
    }
    if let Some(p) = args.precision {
        rounds.precision = p;
    }
    let mut opts = Options::all(sizes, rounds.clone());
    opts.stack_bytes = args.stack_mb << 20;
    let mut topts = ThreadOptions::all(
        thread_sizes,
        Rounds {
            warm_up: true,
            ..rounds
        },
    );
    topts.stack_bytes = opts.stack_bytes;
    if !args.workloads.is_empty() {
        opts.workloads.clear();
        topts.workloads.clear();
        for n in &args.workloads {
            let group: Vec<Workload> = if n == realprograms::GROUP {
                Workload::real_programs().collect()
            } else {
                Workload::from_name(n).into_iter().collect()
            };
            if !group.is_empty() {
                if group.iter().any(|&w| needs_minipy(w)) && !MINIPY_ENABLED {
                    eprintln!(
                        "workload {n:?} needs minipy: cargo run --release -p gc-bench --features minipy"
                    );
                    std::process::exit(2);
                }
                opts.workloads.extend(group);
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
            if let Some(e) = registry::find(c) {
                opts.collectors.push(e);
            } else if let Some(e) = sync_adapters::find(c) {
                topts.collectors.push(e);
            } else {
                let names: Vec<&str> = registry::all()
                    .iter()
                    .map(|e| e.name)
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

    let left_out = left_out_lines(&opts, &args);
    for line in &left_out {
        eprintln!("{line}");
    }
    let total = (opts.workloads.len() + topts.workloads.len()) as u64;
    let tty = std::io::stderr().is_terminal();
    let bar = if args.no_progress || !tty {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(total)
    };
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} workloads {msg}")
            .expect("progress template")
            .progress_chars("=> "),
    );
    let load_start = stats::load_average();
    let started = Instant::now();
    let finished = std::cell::Cell::new(0u64);
    // Estimated time left: the mean time of the workloads done so far times those left.
    let eta = |done: u64| -> String {
        if done == 0 {
            return "after the first workload".into();
        }
        let per = started.elapsed().as_secs_f64() / done as f64;
        format!("{:.0} s", per * total.saturating_sub(done) as f64)
    };
    let on_round = |w: &str, r: usize| {
        bar.set_message(format!("(ETA {}) {w}: round {r}", eta(finished.get())));
    };
    let report_done = |name: &str, done: &RoundsDone, table: String| {
        finished.set(finished.get() + 1);
        bar.set_position(finished.get());
        bar.suspend(|| println!("{table}"));
        if !tty && !args.no_progress {
            eprintln!(
                "[{}/{total}] {name}: {} rounds ({}); elapsed {:.0} s, about {} left",
                finished.get(),
                done.rounds,
                done.stopped,
                started.elapsed().as_secs_f64(),
                eta(finished.get())
            );
        }
    };
    let results = if opts.workloads.is_empty() || opts.collectors.is_empty() {
        Vec::new()
    } else {
        run_matrix(&opts, on_round, |w, done| {
            report_done(w.name(), done, report::table(&done.results))
        })
    };
    let threads = (!topts.workloads.is_empty() && !topts.collectors.is_empty()).then(|| {
        bar.suspend(|| println!("Threads\n"));
        ThreadsSection {
            sizes: topts.sizes.clone(),
            results: run_threads(&topts, on_round, |w, done| {
                report_done(
                    w.name(),
                    done,
                    report::table_with(&done.results, thread_report::bases()),
                )
            }),
        }
    });
    bar.finish_and_clear();
    let wall_seconds = started.elapsed().as_secs_f64();
    let load_end = stats::load_average();

    let mut goals = if results.is_empty() {
        Vec::new()
    } else {
        report::goals(&results)
    };
    if let Some(t) = &threads {
        goals.extend(thread_report::goals(&t.results));
    }
    let mut rep = Report {
        command,
        machine,
        sizes: opts.sizes.clone(),
        rounds: opts.rounds.clone(),
        load_start,
        load_end,
        wall_seconds,
        results,
        goals,
        threads,
        left_out,
        previous: None,
    };
    rep.previous = previous::read(&args.out).map(|prev| previous::against(&prev, &rep));
    let scripts = report::scripts_markdown(&rep.results);
    if !scripts.is_empty() {
        println!("{scripts}");
    }
    let real = realprograms::markdown(&rep.results);
    if !real.is_empty() {
        println!("{real}");
    }
    if let Some(t) = &rep.threads {
        let leaks = thread_report::leak_notes(&t.results);
        if !leaks.is_empty() {
            println!("{leaks}");
        }
    }
    println!(
        "Goals:\n{}",
        report::goals_text(&report::shown_goals(&rep.goals))
    );
    let not_judged = report::not_measured_line(&rep.goals);
    if !not_judged.is_empty() {
        println!("{not_judged}\n");
    }
    let against_previous = previous::text(rep.previous.as_ref());
    if !against_previous.is_empty() {
        println!("{against_previous}");
    }
    if let Err(e) = write_outputs(&args.out, &rep) {
        eprintln!("error writing {}: {e}", args.out.display());
        std::process::exit(1);
    }
    println!(
        "Wrote {}/report.md, results.csv, threads.csv, results.json and charts ({:.1} s; load average {} at start, {} at end).",
        args.out.display(),
        wall_seconds,
        report::fmt_load(rep.load_start),
        report::fmt_load(rep.load_end),
    );
}

/// One line each on what this configuration leaves out and how to run it.
fn left_out_lines(opts: &Options, args: &Args) -> Vec<String> {
    let mut lines = Vec::new();
    if !MINIPY_ENABLED && args.workloads.is_empty() {
        let names: Vec<&str> = Workload::ALL
            .into_iter()
            .filter(|&w| needs_minipy(w))
            .map(Workload::name)
            .collect();
        lines.push(format!(
            "Left out: the minipy workloads ({}) and their goals; build with `--features minipy` to run them.",
            names.join(", ")
        ));
    }
    if args.collectors.is_empty() {
        for c in registry::all() {
            if let Some(why) = c.unavailable() {
                lines.push(format!(
                    "Left out: the {} column and the goals against {} ({why}).",
                    c.name, c.label
                ));
            }
        }
    }
    let mut skipped: Vec<(String, Vec<&str>)> = Vec::new();
    for &w in &opts.workloads {
        for c in &opts.collectors {
            if let Some(reason) = left_out(c, w) {
                match skipped.iter_mut().find(|(r, _)| *r == reason) {
                    Some((_, ws)) => ws.push(w.name()),
                    None => skipped.push((reason, vec![w.name()])),
                }
            }
        }
    }
    for (reason, ws) in skipped {
        let mut ws = ws;
        ws.dedup();
        lines.push(format!("Not run: {reason} ({}).", ws.join(", ")));
    }
    lines
}

fn write_outputs(dir: &std::path::Path, rep: &Report) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let write = |name: &str, text: String| {
        std::fs::write(dir.join(name), text).map_err(|e| format!("{name}: {e}"))
    };
    let mut charts = charts::write_charts(dir, &rep.results, &rep.goals).unwrap_or_else(|e| {
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
