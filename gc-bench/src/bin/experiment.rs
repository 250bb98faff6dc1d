//! `experiment`: one program per claim of the literature that `papers/results/claims.md`
//! checks against gc-core (and, where the claim is about CPython, against `python3`).
//!
//! ```text
//! cargo run --release -p gc-bench --bin experiment -- --list
//! cargo run --release -p gc-bench --bin experiment -- long-lived-rule
//! cargo run --release -p gc-bench --bin experiment -- all
//! cargo run --release -p gc-bench --bin experiment -- --smoke --json all   # tiny sizes, JSON
//! ```
//!
//! Each experiment prints a table of what it measured, the figures its verdict is computed
//! from, and a verdict line: "supports the claim", "contradicts the claim" or "inconclusive".
//! Options: `--runs N` (repetitions; default 5, 1 with `--smoke`), `--smoke` (tiny sizes:
//! checks that it runs and frees what it should, says nothing about the claim), `--json` (one
//! JSON object per experiment, one per line), `--no-python` (skip the CPython side).

#![warn(missing_docs)]

#[path = "experiment/candidate_buffer.rs"]
mod candidate_buffer;
#[path = "experiment/common.rs"]
mod common;
#[path = "experiment/cpython_bugs.rs"]
mod cpython_bugs;
#[path = "experiment/generational.rs"]
mod generational;
#[path = "experiment/long_lived.rs"]
mod long_lived;
#[path = "experiment/no_roots.rs"]
mod no_roots;
#[path = "experiment/pep442.rs"]
mod pep442;

use std::io::Write;
use std::process::ExitCode;

use common::{Config, Report};

/// An experiment: its name, what it tests, and the function that runs it.
struct Experiment {
    name: &'static str,
    about: &'static str,
    run: fn(&Config) -> Report,
}

const EXPERIMENTS: &[Experiment] = &[
    Experiment {
        name: "long-lived-rule",
        about: "bpo-4074: building a huge container is linear with the long-lived rule, quadratic without",
        run: long_lived::run,
    },
    Experiment {
        name: "young-gen",
        about: "generational hypothesis: a young collection costs nothing per old object",
        run: generational::run,
    },
    Experiment {
        name: "gh-122567",
        about: "frequent collect(0) starves generation 1 on CPython, not on gc-core",
        run: cpython_bugs::run_122567,
    },
    Experiment {
        name: "gh-122569",
        about: "promoted objects that die by count still trigger full collections on CPython, not on gc-core",
        run: cpython_bugs::run_122569,
    },
    Experiment {
        name: "candidate-buffer",
        about: "Bacon-Rajan: with few decrements, a candidate buffer beats a whole-generation scan",
        run: candidate_buffer::run,
    },
    Experiment {
        name: "no-roots",
        about: "Christopher 1984: collections find exactly the garbage without knowing the host's roots",
        run: no_roots::run,
    },
    Experiment {
        name: "pep442",
        about: "PEP 442: finalizers run once, a resurrected cycle survives and is freed later",
        run: pep442::run,
    },
];

const USAGE: &str =
    "usage: experiment [--smoke] [--json] [--runs N] [--no-python] (--list | all | NAME...)";

fn main() -> ExitCode {
    let mut cfg = Config {
        smoke: false,
        runs: 0,
        python: true,
    };
    let mut json = false;
    let mut list = false;
    let mut names: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--smoke" => cfg.smoke = true,
            "--json" => json = true,
            "--list" => list = true,
            "--no-python" => cfg.python = false,
            "--help" | "-h" => {
                println!("{USAGE}");
                for e in EXPERIMENTS {
                    println!("  {:<18} {}", e.name, e.about);
                }
                return ExitCode::SUCCESS;
            }
            "--runs" => match args.next().map(|v| v.parse::<usize>()) {
                Some(Ok(n)) if n > 0 => cfg.runs = n,
                _ => {
                    eprintln!("--runs needs a positive number\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--experiment" => match args.next() {
                Some(name) => names.push(name),
                None => {
                    eprintln!("--experiment needs a name\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            other if other.starts_with('-') => {
                eprintln!("unknown option {other}\n{USAGE}");
                return ExitCode::from(2);
            }
            other => names.push(other.to_string()),
        }
    }
    if cfg.runs == 0 {
        cfg.runs = if cfg.smoke { 1 } else { 5 };
    }
    if list {
        for e in EXPERIMENTS {
            println!("{:<18} {}", e.name, e.about);
        }
        return ExitCode::SUCCESS;
    }
    if names.is_empty() {
        eprintln!("no experiment named\n{USAGE}\nexperiments (--list):");
        for e in EXPERIMENTS {
            eprintln!("  {}", e.name);
        }
        return ExitCode::from(2);
    }
    let mut chosen: Vec<&Experiment> = Vec::new();
    for name in &names {
        if name == "all" {
            chosen.extend(EXPERIMENTS.iter());
        } else if let Some(e) = EXPERIMENTS.iter().find(|e| e.name == name) {
            chosen.push(e);
        } else {
            let known: Vec<&str> = EXPERIMENTS.iter().map(|e| e.name).collect();
            eprintln!(
                "unknown experiment {name:?}; known: {}, all",
                known.join(", ")
            );
            return ExitCode::from(2);
        }
    }
    if !json {
        println!(
            "{} run(s) per measurement{}; {}",
            cfg.runs,
            if cfg.smoke { ", smoke sizes" } else { "" },
            match common::python_version() {
                Ok(v) if cfg.python => v,
                Ok(_) => "CPython side off".to_string(),
                Err(e) => e,
            }
        );
    }
    let mut stdout = std::io::stdout();
    for e in chosen {
        let report = (e.run)(&cfg);
        let text = if json {
            format!("{}\n", report.to_json())
        } else {
            format!("\n{}\n", report.to_text())
        };
        // A closed pipe (`| head`) ends the run quietly.
        if stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .is_err()
        {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
