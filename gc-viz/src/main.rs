//! The `gc-viz` command: demos, DOT rendering, snapshot drawing and queries.
//!
//! ```text
//! gc-viz demo --list
//! gc-viz demo cpython-doc --out DIR [--live] [--renderer layout|graphviz|auto]
//! gc-viz render IN.dot -o OUT.svg [--renderer layout|graphviz|auto]
//! gc-viz draw SNAPSHOT.json -o OUT.(dot|svg|json) [--refs ID | --backrefs ID | --why ID] [--depth N] [--max N]
//! gc-viz query SNAPSHOT.json types|cycles|why ID
//! gc-viz growth BEFORE.json AFTER.json
//! ```
//!
//! Every failure prints one line starting with `gc-viz: error:` and exits with status 1
//! (usage errors: clap's message and status 2); nothing panics on bad input.

use clap::{Parser, Subcommand, ValueEnum};
use gc_viz::{demos, query, Error, Renderer, Snapshot, View};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Draw gc-core heaps and collections.
#[derive(Parser, Debug)]
#[command(name = "gc-viz", version, about)]
struct Cli {
    /// What to do.
    #[command(subcommand)]
    command: Command,
}

/// Renderer choice on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum RendererArg {
    /// Pure-Rust layout-rs (no system package).
    Layout,
    /// Graphviz `dot` (must be on PATH).
    Graphviz,
    /// Graphviz if `dot` is on PATH, else layout-rs.
    Auto,
}

impl From<RendererArg> for Renderer {
    fn from(r: RendererArg) -> Renderer {
        match r {
            RendererArg::Layout => Renderer::Layout,
            RendererArg::Graphviz => Renderer::Graphviz,
            RendererArg::Auto => Renderer::Auto,
        }
    }
}

/// The subcommands.
#[derive(Subcommand, Debug)]
enum Command {
    /// Write a demo's frames (NN-phase.dot, NN-phase.svg) and index.html into a directory.
    Demo {
        /// Demo name (see --list).
        name: Option<String>,
        /// Output directory (created if missing); default gc-viz-NAME.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// List the demos.
        #[arg(long)]
        list: bool,
        /// Build the heap from real gc-core objects and record the collection with gc-core's
        /// phase observer (cpython-doc, finalizer) instead of simulating it.
        #[arg(long)]
        live: bool,
        /// Renderer for the SVG files.
        #[arg(long, value_enum, default_value = "layout")]
        renderer: RendererArg,
    },
    /// Render a DOT file to SVG.
    Render {
        /// Input DOT file.
        input: PathBuf,
        /// Output SVG file.
        #[arg(long, short)]
        output: PathBuf,
        /// Renderer.
        #[arg(long, value_enum, default_value = "layout")]
        renderer: RendererArg,
    },
    /// Draw a JSON snapshot (or part of it) as .dot, .svg or .json.
    Draw {
        /// Snapshot JSON (as written by `dump_heap("x.json", ..)`).
        input: PathBuf,
        /// Output file; the extension picks the format.
        #[arg(long, short)]
        output: PathBuf,
        /// Only what this object references (objgraph's show_refs).
        #[arg(long)]
        refs: Option<u64>,
        /// Only what references this object (objgraph's show_backrefs).
        #[arg(long)]
        backrefs: Option<u64>,
        /// Only the shortest chain from something held from outside to this object.
        #[arg(long)]
        why: Option<u64>,
        /// Depth for --refs and --backrefs.
        #[arg(long, default_value_t = 3)]
        depth: usize,
        /// Neighbours shown per node; the rest are folded into one "N more" node.
        #[arg(long, default_value_t = 10)]
        max: usize,
        /// Renderer for .svg output.
        #[arg(long, value_enum, default_value = "layout")]
        renderer: RendererArg,
    },
    /// Answer a question about a JSON snapshot: types, cycles, why ID.
    Query {
        /// Snapshot JSON.
        input: PathBuf,
        /// `types`, `cycles` or `why`.
        question: String,
        /// The object for `why`.
        id: Option<u64>,
    },
    /// Objects per type that changed between two JSON snapshots.
    Growth {
        /// Earlier snapshot.
        before: PathBuf,
        /// Later snapshot.
        after: PathBuf,
    },
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
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gc-viz: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Reads a text file, naming it in the error.
fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
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
                gc_viz::write_live_demo(&name, &out, renderer.into())?
            } else {
                gc_viz::write_demo(&name, &out, renderer.into())?
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
            let svg = gc_viz::render_svg(&dot, renderer.into())?;
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
            gc_viz::write_snapshot(&snap, Some(&view), &output, renderer.into())
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
