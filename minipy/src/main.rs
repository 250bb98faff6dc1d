//! The `minipy` program: `minipy FILE.py`, `minipy -c CODE`, or `minipy` for a REPL.
//!
//! Options: `--gc-stats` prints per-generation collector statistics at exit;
//! `--no-cycle-gc` turns the cycle collector off (reference counting still frees acyclic
//! garbage at once).
//!
//! The REPL behaves as CPython's interactive mode: `>>> ` and `... ` prompts (a compound
//! statement, an open bracket, string or line continuation asks for more lines; a block ends
//! with an empty line), the value of each expression statement printed, tracebacks naming
//! `<stdin>`. On a terminal it edits lines and keeps a history (rustyline); when standard input
//! is not a terminal it reads plain lines and writes the banner and prompts to standard error,
//! as `python3 -i` does, so that its standard output is the program's alone.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use minipy::{Error, Interpreter};

/// The interpreter thread's stack: deep recursion raises `RecursionError` long before this.
const STACK_SIZE: usize = 256 << 20;
/// How much of it the interpreter may use before raising `RecursionError`.
const STACK_BUDGET: usize = 200 << 20;

const USAGE: &str = "usage: minipy [--gc-stats] [--no-cycle-gc] [-c CODE | FILE] [ARG...]";

fn main() -> ExitCode {
    // Arguments need not be UTF-8: the script path is kept as the OS gave it, and the text of
    // `-c` and `sys.argv` has each invalid byte replaced by U+FFFD (CPython keeps such bytes as
    // lone surrogates, which a Rust string cannot hold).
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let child = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || run(args));
    match child.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => ExitCode::from(70),
    }
}

fn run(os_args: Vec<std::ffi::OsString>) -> u8 {
    let args: Vec<String> = os_args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut gc_stats = false;
    let mut code: Option<String> = None;
    let mut file: Option<std::path::PathBuf> = None;
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
            _ => {
                file = Some(std::path::PathBuf::from(&os_args[i]));
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
        (None, Some(f)) => py.run_file(&f),
        (None, None) => repl(&py),
    };
    let status = match result {
        Ok(()) => 0,
        // `exit()`, `sys.exit()`, `raise SystemExit`: the status it asks for; its message (a
        // code that is no int) on stderr. The exit status is the low byte, as a POSIX exit.
        Err(Error::Exit { status, message }) => {
            let _ = std::io::stdout().flush();
            if let Some(m) = message {
                eprintln!("{m}");
            }
            status as u8
        }
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

/// What the REPL prints first (on stderr, where its prompts go when input is piped).
const BANNER: &str = "minipy 0.1.0 (a small Python whose heap is gc-core)\n\
Type \"help\" for more information; exit() or Ctrl-D (i.e. EOF) leaves.";

/// Where the REPL's lines come from.
enum Input {
    /// A terminal: line editing and history.
    #[cfg(feature = "line-editing")]
    Editor(Box<rustyline::DefaultEditor>),
    /// Anything else (a pipe, a file): plain lines, prompts on stderr.
    Plain(std::io::StdinLock<'static>),
}

/// One read.
enum Read {
    /// A line, and whether a newline ended it (not the end of input).
    Line(String, bool),
    Eof,
    /// Ctrl-C at a prompt (only a terminal's line editor reports it).
    #[cfg_attr(not(feature = "line-editing"), allow(dead_code))]
    Interrupted,
}

impl Input {
    fn new() -> Input {
        #[cfg(feature = "line-editing")]
        if std::io::IsTerminal::is_terminal(&std::io::stdin())
            && std::io::IsTerminal::is_terminal(&std::io::stdout())
        {
            if let Ok(editor) = rustyline::DefaultEditor::new() {
                return Input::Editor(Box::new(editor));
            }
        }
        Input::Plain(std::io::stdin().lock())
    }

    /// Whether the line editor ends the line itself at Ctrl-C and Ctrl-D.
    fn ends_lines(&self) -> bool {
        match self {
            #[cfg(feature = "line-editing")]
            Input::Editor(_) => true,
            Input::Plain(_) => false,
        }
    }

    fn read(&mut self, prompt: &str) -> Read {
        let _ = std::io::stdout().flush();
        match self {
            #[cfg(feature = "line-editing")]
            Input::Editor(editor) => match editor.readline(prompt) {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        let _ = editor.add_history_entry(line.as_str());
                    }
                    Read::Line(line, true)
                }
                Err(rustyline::error::ReadlineError::Interrupted) => Read::Interrupted,
                Err(_) => Read::Eof,
            },
            Input::Plain(stdin) => {
                let mut err = std::io::stderr().lock();
                let _ = err.write_all(prompt.as_bytes());
                let _ = err.flush();
                let mut buf = Vec::new();
                match stdin.read_until(b'\n', &mut buf) {
                    Ok(0) | Err(_) => Read::Eof,
                    Ok(_) => {
                        let ended = buf.last() == Some(&b'\n');
                        if ended {
                            buf.pop();
                            if buf.last() == Some(&b'\r') {
                                buf.pop();
                            }
                        }
                        Read::Line(String::from_utf8_lossy(&buf).into_owned(), ended)
                    }
                }
            }
        }
    }
}

/// The read-eval-print loop. Returns when input ends (`Ok`) or on `exit()` (the `Exit`).
fn repl(py: &Interpreter) -> Result<(), Error> {
    let mut input = Input::new();
    eprintln!("{BANNER}");
    loop {
        let src = match read_statement(&mut input) {
            Read::Line(src, _) => src,
            Read::Interrupted => {
                eprintln!("KeyboardInterrupt");
                continue;
            }
            Read::Eof => {
                // CPython ends the last prompt's line (the line editor has already).
                if !input.ends_lines() {
                    eprintln!();
                }
                return Ok(());
            }
        };
        if src.trim().is_empty() {
            continue;
        }
        match py.run_interactive(&(src + "\n")) {
            Ok(()) => {}
            Err(e @ Error::Exit { .. }) => return Err(e),
            Err(e) => {
                let _ = std::io::stdout().flush();
                eprint!("{e}");
            }
        }
    }
}

/// Reads one interactive statement: a line, and as many more (`... `) as it needs. End of
/// input in the middle ends the statement (after a newline, as CPython prints); so does it
/// after a last line with no newline, which CPython first prompts for more.
fn read_statement(input: &mut Input) -> Read {
    let mut lines: Vec<String> = Vec::new();
    loop {
        let prompt = if lines.is_empty() { ">>> " } else { "... " };
        let ended = match input.read(prompt) {
            Read::Line(l, ended) => {
                lines.push(l);
                ended
            }
            Read::Interrupted => return Read::Interrupted,
            Read::Eof if lines.is_empty() => return Read::Eof,
            Read::Eof => {
                if !input.ends_lines() {
                    eprintln!();
                }
                return Read::Line(lines.join("\n"), true);
            }
        };
        if ended && !minipy::repl::needs_more(&lines) {
            return Read::Line(lines.join("\n"), true);
        }
    }
}
