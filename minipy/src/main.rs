//! The `minipy` program: `minipy FILE.py`, `minipy -c CODE`, or `minipy` for a REPL.
//!
//! Options: `--gc-stats` prints per-generation collector statistics at exit;
//! `--no-cycle-gc` turns the cycle collector off (reference counting still frees acyclic
//! garbage at once).

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use minipy::{Interpreter, Value};

/// The interpreter thread's stack: deep recursion raises `RecursionError` long before this.
const STACK_SIZE: usize = 256 << 20;
/// How much of it the interpreter may use before raising `RecursionError`.
const STACK_BUDGET: usize = 200 << 20;

const USAGE: &str = "usage: minipy [--gc-stats] [--no-cycle-gc] [-c CODE | FILE] [ARG...]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let child = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || run(args));
    match child.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => ExitCode::from(70),
    }
}

fn run(args: Vec<String>) -> u8 {
    let mut gc_stats = false;
    let mut code: Option<String> = None;
    let mut file: Option<String> = None;
    let mut argv: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--gc-stats" => gc_stats = true,
            "--no-cycle-gc" => gc_core::disable(),
            "-h" | "--help" => {
                println!("{USAGE}");
                return 0;
            }
            "-c" => {
                i += 1;
                match args.get(i) {
                    Some(c) => {
                        code = Some(c.clone());
                        argv.push("-c".into());
                        argv.extend(args[i + 1..].iter().cloned());
                    }
                    None => {
                        eprintln!("Argument expected for the -c option\n{USAGE}");
                        return 2;
                    }
                }
                break;
            }
            a if a.starts_with('-') && a.len() > 1 => {
                eprintln!("unknown option {a}\n{USAGE}");
                return 2;
            }
            a => {
                file = Some(a.to_string());
                argv.extend(args[i..].iter().cloned());
                break;
            }
        }
        i += 1;
    }
    let py = Interpreter::new();
    py.set_stack_budget(STACK_BUDGET);
    if !argv.is_empty() {
        let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
        py.set_argv(&argv);
    }
    let result = match (code, file) {
        (Some(c), _) => py.run_named(&c, "<string>"),
        (None, Some(f)) => py.run_file(std::path::Path::new(&f)),
        (None, None) => {
            repl(&py);
            Ok(())
        }
    };
    let status = match result {
        Ok(()) => 0,
        Err(e) => {
            let _ = std::io::stdout().flush();
            eprint!("{e}");
            1
        }
    };
    py.shutdown();
    drop(py);
    let _ = std::io::stdout().flush();
    if gc_stats {
        print_gc_stats();
    }
    status
}

fn print_gc_stats() {
    let stats = gc_core::get_stats();
    eprintln!(
        "gc stats (cycle collector {}):",
        if gc_core::is_enabled() { "on" } else { "off" }
    );
    eprintln!("  gen  collections  collected  uncollectable  candidates  total pause  mean pause");
    for (g, s) in stats.iter().enumerate() {
        let total = s.duration.as_secs_f64() * 1e3;
        let mean = if s.collections > 0 {
            total / s.collections as f64
        } else {
            0.0
        };
        eprintln!(
            "  {g:>3}  {:>11}  {:>9}  {:>13}  {:>10}  {:>8.3} ms  {:>7.3} ms",
            s.collections, s.collected, s.uncollectable, s.candidates, total, mean
        );
    }
    let (c0, c1, c2) = gc_core::get_count();
    eprintln!("  count at exit: ({c0}, {c1}, {c2})");
}

fn repl(py: &Interpreter) {
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    if interactive {
        println!("minipy (gc-core heap). Ctrl-D to exit.");
    }
    let mut lines = stdin.lock().lines();
    loop {
        if interactive {
            print!(">>> ");
            let _ = std::io::stdout().flush();
        }
        let Some(Ok(first)) = lines.next() else { break };
        let mut src = first.clone();
        let needs_more = |s: &str| s.trim_end().ends_with(':') || s.trim_end().ends_with('\\');
        if needs_more(&first) {
            loop {
                if interactive {
                    print!("... ");
                    let _ = std::io::stdout().flush();
                }
                match lines.next() {
                    Some(Ok(l)) if !l.trim().is_empty() => {
                        src.push('\n');
                        src.push_str(&l);
                    }
                    _ => break,
                }
            }
        }
        if src.trim().is_empty() {
            continue;
        }
        // An expression statement echoes its value, as Python's REPL does.
        match py.eval(&src) {
            Ok(v) => {
                if !matches!(v, Value::None) {
                    println!("{}", py.repr(&v));
                }
                continue;
            }
            Err(minipy::Error::Syntax { .. }) => {}
            Err(e) => {
                let _ = std::io::stdout().flush();
                eprint!("{e}");
                continue;
            }
        }
        if let Err(e) = py.run_named(&(src + "\n"), "<stdin>") {
            let _ = std::io::stdout().flush();
            eprint!("{e}");
        }
    }
    if interactive {
        println!();
    }
}
