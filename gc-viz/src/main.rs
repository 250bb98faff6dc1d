//! The `gc-viz` command: demos, DOT rendering, snapshot drawing and queries.
//!
//! ```text
//! gc-viz demo --list
//! gc-viz demo cpython-doc --out DIR [--live] [--renderer auto|layout|graphviz]
//! gc-viz render IN.dot -o OUT.svg [--renderer auto|layout|graphviz]
//! gc-viz draw SNAPSHOT.json -o OUT.(dot|svg|json|gv|html) [--refs ID | --backrefs ID | --why ID] [--depth N] [--max N] [--renderer R]
//! gc-viz query SNAPSHOT.json types|cycles|why ID
//! gc-viz growth BEFORE.json AFTER.json
//! ```
//!
//! `--renderer auto` (the default) uses Graphviz `dot` when it is on PATH, else layout-rs.
//!
//! Every failure prints one line starting with `gc-viz: error:` and exits with status 1; a
//! command line gc-viz does not understand exits with status 2 and says how to get help.
//! Nothing panics on bad input. The argument parser is hand-written so that the library has no
//! command-line dependency.

use gc_viz::{demos, query, Error, Renderer, Snapshot, View};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The top-level help.
const HELP: &str = "gc-viz: draw gc-core heaps and collections

Usage:
  gc-viz demo --list
  gc-viz demo NAME [--out DIR] [--live] [--renderer R]
      Write a demo's frames (NN-phase.dot, NN-phase.svg, NN-heap.json), frames.json and
      index.html into DIR (default gc-viz-NAME). --live builds the heap from real gc-core
      objects and records the collection (cpython-doc, finalizer).
  gc-viz render IN.dot -o OUT.svg [--renderer R]
      Render a DOT file to SVG.
  gc-viz draw SNAPSHOT.json -o OUT.(dot|svg|json|gv|html) [--refs ID | --backrefs ID | --why ID]
             [--depth N] [--max N] [--renderer R]
      Draw a heap snapshot, or the part that ID references (--refs), that references ID
      (--backrefs), or the shortest chain that keeps ID alive (--why). --depth (default 3)
      bounds --refs and --backrefs; --max (default 10) neighbours are shown per object.
  gc-viz query SNAPSHOT.json types|cycles|why ID
      Objects per type; reference cycles; why an object is alive.
  gc-viz growth BEFORE.json AFTER.json
      Objects per type that changed between two snapshots.

R is auto (Graphviz `dot` when it is on PATH, else the built-in layout-rs; the default),
layout or graphviz. Snapshots are the JSON that dump_heap(\"x.json\"), minipy's
gc.dump(\"x.json\") and `gc-viz demo` write (a demo's frames.json is read too).

Options: -h, --help (this text), -V, --version.
";

/// The subcommands, with their arguments.
#[derive(Debug)]
enum Command {
    /// Write a demo's frames.
    Demo {
        /// Demo name.
        name: Option<String>,
        /// Output directory.
        out: Option<PathBuf>,
        /// List the demos.
        list: bool,
        /// Record a live collection.
        live: bool,
        /// Renderer.
        renderer: Renderer,
    },
    /// Render a DOT file to SVG.
    Render {
        /// Input DOT file.
        input: PathBuf,
        /// Output SVG file.
        output: PathBuf,
        /// Renderer.
        renderer: Renderer,
    },
    /// Draw a snapshot.
    Draw {
        /// Snapshot JSON.
        input: PathBuf,
        /// Output file.
        output: PathBuf,
        /// `--refs ID`.
        refs: Option<u64>,
        /// `--backrefs ID`.
        backrefs: Option<u64>,
        /// `--why ID`.
        why: Option<u64>,
        /// `--depth N`.
        depth: usize,
        /// `--max N`.
        max: usize,
        /// Renderer.
        renderer: Renderer,
    },
    /// Ask a snapshot a question.
    Query {
        /// Snapshot JSON.
        input: PathBuf,
        /// `types`, `cycles` or `why`.
        question: String,
        /// The object for `why`.
        id: Option<u64>,
    },
    /// Compare two snapshots.
    Growth {
        /// Earlier snapshot.
        before: PathBuf,
        /// Later snapshot.
        after: PathBuf,
    },
}

/// What the command line asks for.
enum Parsed {
    /// Print this text and exit successfully.
    Print(String),
    /// Run a command.
    Run(Command),
}

/// A command line gc-viz does not understand (exit status 2).
struct UsageError(String);

/// The arguments of one subcommand: options (`--name value`, `--name=value`, `-o value`),
/// flags and positionals, in any order.
struct Args {
    /// Positional arguments, in order.
    positional: Vec<String>,
    /// Options with a value, by long name.
    options: Vec<(String, String)>,
    /// Flags given, by long name.
    flags: Vec<String>,
}

impl Args {
    /// Splits `args` for a subcommand that takes the options in `with_value` (long names) and
    /// the flags in `flags`; `-o` stands for `short_o` when given.
    fn parse(
        args: &[String],
        with_value: &[&str],
        flags: &[&str],
        short_o: Option<&str>,
    ) -> Result<Args, UsageError> {
        let mut out = Args {
            positional: Vec::new(),
            options: Vec::new(),
            flags: Vec::new(),
        };
        let mut i = 0;
        let mut only_positional = false;
        while i < args.len() {
            let a = &args[i];
            i += 1;
            if only_positional || a == "-" || !a.starts_with('-') {
                out.positional.push(a.clone());
                continue;
            }
            if a == "--" {
                only_positional = true;
                continue;
            }
            let (name, inline) = match a.strip_prefix("--") {
                Some(long) => match long.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (long.to_string(), None),
                },
                None => match (a.as_str(), short_o) {
                    ("-o", Some(long)) => (long.to_string(), None),
                    _ => return Err(UsageError(format!("unknown option `{a}`"))),
                },
            };
            if with_value.contains(&name.as_str()) {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        let v = args
                            .get(i)
                            .ok_or_else(|| UsageError(format!("option `{a}` needs a value")))?;
                        i += 1;
                        v.clone()
                    }
                };
                if out.options.iter().any(|(n, _)| *n == name) {
                    return Err(UsageError(format!("option `--{name}` given twice")));
                }
                out.options.push((name, value));
            } else if flags.contains(&name.as_str()) && inline.is_none() {
                out.flags.push(name);
            } else {
                return Err(UsageError(format!("unknown option `{a}`")));
            }
        }
        Ok(out)
    }

    /// The value of option `name`.
    fn value(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether flag `name` was given.
    fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// A number option.
    fn number<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, UsageError> {
        match self.value(name) {
            None => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| {
                UsageError(format!(
                    "`--{name} {v}`: expected a whole number, not `{v}`"
                ))
            }),
        }
    }

    /// The `--renderer` option (default `auto`).
    fn renderer(&self) -> Result<Renderer, UsageError> {
        match self.value("renderer").unwrap_or("auto") {
            "auto" => Ok(Renderer::Auto),
            "layout" => Ok(Renderer::Layout),
            "graphviz" => Ok(Renderer::Graphviz),
            other => Err(UsageError(format!(
                "`--renderer {other}`: use auto, layout or graphviz"
            ))),
        }
    }

    /// Fails when more than `n` positionals were given.
    fn at_most(&self, n: usize, what: &str) -> Result<(), UsageError> {
        match self.positional.get(n) {
            Some(extra) => Err(UsageError(format!(
                "unexpected argument `{extra}` ({what})"
            ))),
            None => Ok(()),
        }
    }

    /// Positional `i`, required.
    fn required(&self, i: usize, what: &str) -> Result<String, UsageError> {
        self.positional
            .get(i)
            .cloned()
            .ok_or_else(|| UsageError(format!("missing {what}")))
    }

    /// Option `name`, required.
    fn required_value(&self, name: &str, what: &str) -> Result<String, UsageError> {
        self.value(name)
            .map(str::to_string)
            .ok_or_else(|| UsageError(format!("missing {what} (--{name})")))
    }
}

/// Reads the command line.
fn parse(args: &[String]) -> Result<Parsed, UsageError> {
    let Some(sub) = args.first() else {
        return Ok(Parsed::Print(HELP.to_string()));
    };
    let rest = &args[1..];
    if rest.iter().any(|a| a == "-h" || a == "--help") {
        return Ok(Parsed::Print(HELP.to_string()));
    }
    let command = match sub.as_str() {
        "-h" | "--help" | "help" => return Ok(Parsed::Print(HELP.to_string())),
        "-V" | "--version" => {
            return Ok(Parsed::Print(format!(
                "gc-viz {}\n",
                env!("CARGO_PKG_VERSION")
            )))
        }
        "demo" => {
            let a = Args::parse(rest, &["out", "renderer"], &["list", "live"], Some("out"))?;
            a.at_most(1, "demo takes one name")?;
            Command::Demo {
                name: a.positional.first().cloned(),
                out: a.value("out").map(PathBuf::from),
                list: a.flag("list"),
                live: a.flag("live"),
                renderer: a.renderer()?,
            }
        }
        "render" => {
            let a = Args::parse(rest, &["output", "renderer"], &[], Some("output"))?;
            a.at_most(1, "render takes one input file")?;
            Command::Render {
                input: a.required(0, "the input DOT file")?.into(),
                output: a.required_value("output", "the output SVG file")?.into(),
                renderer: a.renderer()?,
            }
        }
        "draw" => {
            let a = Args::parse(
                rest,
                &[
                    "output", "refs", "backrefs", "why", "depth", "max", "renderer",
                ],
                &[],
                Some("output"),
            )?;
            a.at_most(1, "draw takes one snapshot")?;
            let picked = ["refs", "backrefs", "why"]
                .iter()
                .filter(|n| a.value(n).is_some())
                .count();
            if picked > 1 {
                return Err(UsageError(
                    "give at most one of --refs, --backrefs and --why".into(),
                ));
            }
            Command::Draw {
                input: a.required(0, "the snapshot JSON file")?.into(),
                output: a.required_value("output", "the output file")?.into(),
                refs: a.number("refs")?,
                backrefs: a.number("backrefs")?,
                why: a.number("why")?,
                depth: a.number("depth")?.unwrap_or(3),
                max: a.number("max")?.unwrap_or(10),
                renderer: a.renderer()?,
            }
        }
        "query" => {
            let a = Args::parse(rest, &[], &[], None)?;
            a.at_most(3, "query takes a snapshot, a question and an id")?;
            let id =
                match a.positional.get(2) {
                    Some(v) => Some(v.parse().map_err(|_| {
                        UsageError(format!("`{v}`: an object id is a whole number"))
                    })?),
                    None => None,
                };
            Command::Query {
                input: a.required(0, "the snapshot JSON file")?.into(),
                question: a.required(1, "the question (types, cycles or why ID)")?,
                id,
            }
        }
        "growth" => {
            let a = Args::parse(rest, &[], &[], None)?;
            a.at_most(2, "growth compares two snapshots")?;
            Command::Growth {
                before: a.required(0, "the earlier snapshot")?.into(),
                after: a.required(1, "the later snapshot")?.into(),
            }
        }
        other => {
            return Err(UsageError(format!(
                "unknown command `{other}`: use demo, render, draw, query or growth"
            )))
        }
    };
    Ok(Parsed::Run(command))
}

fn main() -> ExitCode {
    // layout-rs panics on some inputs it does not support; `render_with_layout` catches those
    // and returns an error, so the default message would only confuse. Other panics (bugs)
    // still report as usual.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !gc_viz::render::in_layout() {
            default_hook(info);
        }
    }));
    let args: Vec<String> = match std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect::<Result<Vec<String>, _>>()
    {
        Ok(a) => a,
        Err(bad) => {
            eprintln!(
                "gc-viz: error: argument {} is not valid UTF-8",
                bad.to_string_lossy()
            );
            return ExitCode::from(2);
        }
    };
    let command = match parse(&args) {
        Ok(Parsed::Print(text)) => {
            print!("{text}");
            return ExitCode::SUCCESS;
        }
        Ok(Parsed::Run(c)) => c,
        Err(UsageError(m)) => {
            eprintln!("gc-viz: error: {m}\n(gc-viz --help lists the commands and options)");
            return ExitCode::from(2);
        }
    };
    match run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gc-viz: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The largest input file gc-viz reads (bytes, 512 MiB): more than the JSON snapshot of a
/// million objects.
const MAX_INPUT: u64 = 512 << 20;

/// Reads a text file of at most [`MAX_INPUT`] bytes, naming it in the error.
fn read(path: &Path) -> Result<String, Error> {
    use std::io::Read;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut text = String::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_INPUT + 1)
        .read_to_string(&mut text)
        .map_err(io)?;
    if text.len() as u64 > MAX_INPUT {
        return Err(Error::Usage(format!(
            "{}: larger than {MAX_INPUT} bytes; gc-viz does not read files this large",
            path.display()
        )));
    }
    Ok(text)
}

/// One entry of a demo's `frames.json` (only what `load` needs).
#[derive(serde::Deserialize)]
struct FramesEntry {
    /// The frame's slug.
    slug: String,
    /// The heap the frame shows, when it shows one.
    #[serde(default)]
    heap: Option<Snapshot>,
}

/// Reads a snapshot: a snapshot JSON (`dump_heap("x.json")`, `gc.dump("x.json")`, a demo's
/// `NN-heap.json`), or a demo's `frames.json`, whose first heap it takes (saying so).
fn load(path: &Path) -> Result<Snapshot, Error> {
    let text = read(path)?;
    let first = match Snapshot::from_json(&text) {
        Ok(s) => return Ok(s),
        Err(e) => e,
    };
    if let Ok(frames) = serde_json::from_str::<Vec<FramesEntry>>(&text) {
        let total = frames.len();
        for (i, f) in frames.into_iter().enumerate() {
            if let Some(mut heap) = f.heap {
                eprintln!(
                    "gc-viz: {}: a demo's frames; reading the heap of frame {:02} of {total} ({})",
                    path.display(),
                    i + 1,
                    f.slug
                );
                heap.normalize();
                return Ok(heap);
            }
        }
        return Err(Error::Usage(format!(
            "{}: a demo's frames.json with no heap in it; give a heap snapshot: the \
             NN-heap.json next to it, or a file written by dump_heap(\"x.json\") or \
             gc.dump(\"x.json\")",
            path.display()
        )));
    }
    Err(Error::Usage(format!(
        "{}: {first}; gc-viz reads heap snapshots: the JSON written by dump_heap(\"x.json\"), \
         gc.dump(\"x.json\") and `gc-viz demo` (NN-heap.json, frames.json); the format is \
         described in the gc_viz::model docs",
        path.display()
    )))
}

/// Fails unless `id` is in `snap`.
fn check(snap: &Snapshot, id: u64) -> Result<u64, Error> {
    if snap.contains(id) {
        Ok(id)
    } else {
        Err(Error::NoSuchObject(id))
    }
}

/// Runs one subcommand.
fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Demo {
            name,
            out,
            list,
            live,
            renderer,
        } => {
            if list {
                for d in demos::DEMOS {
                    let tag = if gc_viz::live::LIVE_DEMOS.contains(&d.name) {
                        " [--live]"
                    } else {
                        ""
                    };
                    println!("{:<14} {}{tag}", d.name, d.summary);
                }
                return Ok(());
            }
            let Some(name) = name else {
                return Err(Error::Usage(
                    "give a demo name, or --list to see them".into(),
                ));
            };
            let out = out.unwrap_or_else(|| PathBuf::from(format!("gc-viz-{name}")));
            let written = if live {
                gc_viz::write_live_demo(&name, &out, renderer)?
            } else {
                gc_viz::write_demo(&name, &out, renderer)?
            };
            println!(
                "wrote {} frames (.dot and .svg, .json for the heap pictures), frames.json and {}",
                written.dot.len(),
                written.html.display()
            );
            Ok(())
        }
        Command::Render {
            input,
            output,
            renderer,
        } => {
            let dot = read(&input)?;
            let svg = gc_viz::render_svg(&dot, renderer)?;
            gc_viz::write_file(&output, &svg)
        }
        Command::Draw {
            input,
            output,
            refs,
            backrefs,
            why,
            depth,
            max,
            renderer,
        } => {
            let snap = load(&input)?;
            let view: View = if let Some(id) = refs {
                query::refs(&snap, &[check(&snap, id)?], depth, max)
            } else if let Some(id) = backrefs {
                query::backrefs(&snap, &[check(&snap, id)?], depth, max)
            } else if let Some(id) = why {
                match query::why_alive(&snap, check(&snap, id)?) {
                    Some(chain) => chain.view(),
                    None => {
                        eprintln!(
                            "gc-viz: object {id} is held by nothing outside: it is cyclic garbage"
                        );
                        query::backrefs(&snap, &[id], depth, max)
                    }
                }
            } else {
                View::all(&snap)
            };
            gc_viz::write_snapshot(&snap, Some(&view), &output, renderer)
        }
        Command::Query {
            input,
            question,
            id,
        } => {
            let snap = load(&input)?;
            match (question.as_str(), id) {
                ("types", _) => {
                    for (t, n) in query::count_by_type(&snap) {
                        println!("{n:>8}  {t}");
                    }
                }
                ("cycles", _) => print_cycles(&snap),
                ("why", Some(id)) => match query::why_alive(&snap, check(&snap, id)?) {
                    Some(chain) => println!("{}", chain.describe(&snap)),
                    None => println!("object {id} is held by nothing outside: cyclic garbage"),
                },
                (q, _) => {
                    return Err(Error::Usage(format!(
                        "unknown query `{q}`: use types, cycles or why ID"
                    )))
                }
            }
            Ok(())
        }
        Command::Growth { before, after } => {
            let (b, a) = (load(&before)?, load(&after)?);
            print_growth(&query::growth(&b, &a));
            Ok(())
        }
    }
}

/// Members listed per cycle by `query cycles`; the rest are counted.
const MEMBERS_SHOWN: usize = 10;

/// `query cycles`: one labelled line per cycle, then what the kinds mean.
fn print_cycles(snap: &Snapshot) {
    let cycles = query::cycles(snap);
    if cycles.is_empty() {
        println!(
            "no reference cycles among the {} objects",
            snap.objects.len()
        );
        return;
    }
    println!(
        "{:<8} {:>12}  {:>7}  members (id, label or type)",
        "kind", "outside refs", "size"
    );
    for c in &cycles {
        let what = if c.is_garbage() {
            "garbage"
        } else if c.key {
            "key"
        } else {
            "held"
        };
        let mut names: Vec<String> = c
            .members
            .iter()
            .take(MEMBERS_SHOWN)
            .map(|id| match snap.get(*id) {
                Some(o) => format!("#{id} {}", o.display_name()),
                None => format!("#{id}"),
            })
            .collect();
        if c.members.len() > MEMBERS_SHOWN {
            names.push(format!("... {} more", c.members.len() - MEMBERS_SHOWN));
        }
        let size = format!(
            "{} member{}",
            c.members.len(),
            if c.members.len() == 1 { "" } else { "s" }
        );
        println!(
            "{what:<8} {:>12}  {size:>11}  {}",
            c.outside_refs,
            names.join(", ")
        );
    }
    println!(
        "\n{} cycle(s). garbage: nothing outside the cycle holds it, only the cycle collector \
         frees it; key: no other object points into it, but something outside does (outside \
         refs); held: other objects point into it.",
        cycles.len()
    );
}

/// `growth`: a header, then one line per type whose count changed.
fn print_growth(rows: &[query::Growth]) {
    if rows.is_empty() {
        println!("no type changed its number of objects");
        return;
    }
    println!(
        "{:<40} {:>8} {:>8} {:>8}  new object ids",
        "type", "before", "after", "change"
    );
    for g in rows {
        let mut ids: Vec<String> = g
            .new_ids
            .iter()
            .take(MEMBERS_SHOWN)
            .map(|id| format!("#{id}"))
            .collect();
        if g.new_ids.len() > MEMBERS_SHOWN {
            ids.push(format!("... {} more", g.new_ids.len() - MEMBERS_SHOWN));
        }
        println!(
            "{:<40} {:>8} {:>8} {:>+8}  {}",
            g.type_name,
            g.before,
            g.after,
            g.delta,
            ids.join(", ")
        );
    }
}
