//! # gc-viz: see what the cycle collector sees
//!
//! gc-viz draws gc-core heaps: which object holds which, through which field, with what
//! reference count, in which generation, and what each phase of a collection does to them.
//!
//! ## The model first
//!
//! Everything works on a plain data model, so it can be built by hand, saved as JSON, diffed,
//! and drawn the same way on every machine:
//!
//! - a [`Snapshot`] is the heap at one moment: objects with stable ids, type names, optional
//!   labels, strong and weak counts, generation, frozen and finalizable flags, and named edges
//!   (weak ones marked). *Outside references* (strong count minus the strong edges other
//!   objects hold) are what the stack, globals and Rust code hold; [`NamedRoot`]s name some.
//! - a [`Collection`] is one collection as a list of [`PhaseFrame`]s, one per phase of
//!   CPython's algorithm (`update_refs`, `subtract_refs`, `move_unreachable`, weak reference
//!   clearing, finalizers, resurrection, teardown, promotion).
//!
//! ```
//! use gc_viz::{SnapshotBuilder, simulate, SimOptions, Step, to_dot, Dialect, Diagram, SnapshotStyle};
//!
//! // CPython's documented example: a cycle held from outside, and a self-reference.
//! let mut b = SnapshotBuilder::new();
//! let l1 = b.object("Link", "link_1");
//! let l2 = b.object("Link", "link_2");
//! let l3 = b.object("Link", "link_3");
//! let l4 = b.object("Link", "link_4");
//! b.edge(l1, "next_link", l2).edge(l2, "next_link", l3).edge(l3, "next_link", l1);
//! b.edge(l4, "next_link", l4).root("A", l1);
//! let heap = b.build();
//!
//! // Draw it (deterministic DOT in the subset the pure-Rust renderer draws)...
//! let dot = to_dot(&Diagram::from_snapshot(&heap, &SnapshotStyle::default()), Dialect::Portable);
//! assert!(dot.contains("label=\"next_link\""));
//!
//! // ...and collect it on paper, phase by phase.
//! let c = simulate(&heap, 0, &SimOptions::default());
//! let after_subtract: Vec<_> = c.frame(Step::SubtractRefs).unwrap()
//!     .objects.iter().map(|o| o.gc_refs.unwrap()).collect();
//! assert_eq!(after_subtract, [1, 0, 0, 0]);
//! assert_eq!(c.collected, 1); // link_4 alone
//! ```
//!
//! ## From a live heap
//!
//! [`Snapshot::capture`] and [`Snapshot::from_roots`] read the calling thread's gc-core heap
//! through its introspection API (`get_objects`, `AnyCc::referents`) without collecting or
//! leaving anything behind; [`record_collection`] runs one collection under gc-core's phase
//! observer and returns its frames; [`dump_heap`] writes a picture of the heap where a program
//! chooses to (`.dot`, `.svg`, `.json`, `.gv` or `.html`, by extension). The [`live`] module
//! builds two of the demos from real gc-core objects and records their collection
//! (`gc-viz demo cpython-doc --live`); a test checks that they draw exactly like the simulation.
//!
//! ## Queries
//!
//! [`query`] answers objgraph's questions: [`refs`] and [`backrefs`] to a depth with a cap per
//! node ("N more"), [`why_alive`] (the shortest chain from something held from outside),
//! [`cycles`] and [`key_cycles`] (strongly connected components, found iteratively),
//! [`count_by_type`], [`growth`]. Snapshots are saved and read as JSON; the format is
//! described in [`model`].
//!
//! ## Output
//!
//! [`to_dot`] writes DOT in two dialects ([`Dialect::Portable`] for layout-rs and
//! [`Dialect::Graphviz`]); [`render_svg`] renders with Graphviz `dot` when it is on PATH
//! ([`Renderer::Auto`], the default) or with layout-rs in process; [`render_diagram`] adds a
//! caption (title, explanation, legend) under the picture; [`html::stepper`] makes one
//! self-contained page that steps through frames. The `gc-viz` binary wraps all of it
//! (`gc-viz demo cpython-doc --out DIR`).
//!
//! ## Hostile input
//!
//! Every walk over a snapshot or a DOT text is iterative. Before layout-rs (a third-party crate
//! with a recursive parser and super-linear layout) sees a DOT text, [`guard`] refuses nesting,
//! attribute counts and layout costs beyond documented limits (see [`render`]) with an error.
//! Graphviz runs under a time limit and never sees links, scripts or file references:
//! [`sanitize`] strips them from the DOT it is given and from the SVG it returns. Text in DOT,
//! SVG and HTML output is escaped (control characters included).

#![warn(missing_docs)]

mod capture;
pub mod demos;
pub mod diagram;
pub mod dot;
pub mod guard;
pub mod html;
pub mod live;
pub mod model;
pub mod phase;
pub mod query;
pub mod render;
pub mod sanitize;

pub use capture::{dump_heap, dump_heap_with, record_collection, CaptureOptions};
pub use diagram::{Diagram, SnapshotStyle};
pub use dot::{to_dot, Dialect};
pub use model::{Edge, NamedRoot, ObjectId, ObjectInfo, Snapshot, SnapshotBuilder};
pub use phase::{
    simulate, Collection, FrameEdge, FrameObject, ListKind, PhaseFrame, SimOptions, Step,
};
pub use query::{
    backrefs, count_by_type, cycles, growth, key_cycles, refs, why_alive, Chain, Cycle, Growth,
    Holder, View,
};
pub use render::{render_svg, Renderer};

use std::fmt;
use std::path::{Path, PathBuf};

/// Everything that can go wrong in gc-viz; every variant has a message a user can act on.
#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The DOT text could not be parsed (by layout-rs).
    Dot(String),
    /// layout-rs could not lay the graph out.
    Layout(String),
    /// Graphviz failed or is missing.
    Graphviz(String),
    /// A JSON snapshot could not be read.
    Json(serde_json::Error),
    /// No demo has this name.
    UnknownDemo(String),
    /// A file extension gc-viz cannot write.
    UnsupportedFormat(String),
    /// An object id that is not in the snapshot.
    NoSuchObject(ObjectId),
    /// A command line that asks for something gc-viz does not do.
    Usage(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Dot(m) => write!(f, "malformed or unsupported DOT: {m}"),
            Error::Layout(m) => write!(f, "cannot lay out the graph: {m}"),
            Error::Graphviz(m) => write!(f, "graphviz: {m}"),
            Error::Json(e) => write!(f, "malformed snapshot JSON: {e}"),
            Error::UnknownDemo(n) => {
                let names: Vec<&str> = demos::DEMOS.iter().map(|d| d.name).collect();
                write!(f, "unknown demo `{n}`; demos: {}", names.join(", "))
            }
            Error::UnsupportedFormat(e) => {
                write!(
                    f,
                    "cannot write `{e}`: use a .dot, .svg, .json, .gv or .html file name"
                )
            }
            Error::NoSuchObject(id) => write!(f, "no object with id {id} in the snapshot"),
            Error::Usage(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Json(e) => Some(e),
            _ => None,
        }
    }
}

/// Writes `contents` to `path`, naming the path in the error.
pub fn write_file(path: &Path, contents: &str) -> Result<(), Error> {
    std::fs::write(path, contents).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Renders a diagram to SVG with a caption under it ([`render::add_caption`]): the title and
/// description, and the legend when the renderer did not draw it (layout-rs: the portable
/// dialect has no legend boxes).
pub fn render_diagram(d: &Diagram, renderer: Renderer) -> Result<String, Error> {
    let renderer = renderer.resolve();
    let svg = render_svg(&to_dot(d, renderer.dialect()), renderer)?;
    Ok(render::add_caption(&svg, &caption(d, renderer, true)))
}

/// The caption of `d` for `renderer` (already resolved); `words` includes title and
/// description (the HTML page shows those itself). Graphviz draws the title and legend itself
/// (graph label, legend cluster); layout-rs draws neither.
fn caption(d: &Diagram, renderer: Renderer, words: bool) -> render::Caption {
    let portable = renderer.dialect() == Dialect::Portable;
    render::Caption {
        title: d.title.clone().filter(|_| words && portable),
        text: d.description.clone().filter(|_| words),
        legend: if portable {
            d.legend.clone()
        } else {
            Vec::new()
        },
    }
}

/// The SVG of `d` for the HTML stepper: the legend as a caption when the renderer does not
/// draw it, no title or description (the page shows them).
fn page_svg(d: &Diagram, dot: &str, renderer: Renderer) -> Result<String, Error> {
    let svg = render_svg(dot, renderer)?;
    Ok(render::add_caption(&svg, &caption(d, renderer, false)))
}

/// Writes a diagram by the file's extension: `.dot` (portable dialect), `.svg` (rendered, with
/// a caption), `.gv` (Graphviz dialect), `.html` (a self-contained page with the SVG).
pub fn write_diagram(d: &Diagram, path: &Path, renderer: Renderer) -> Result<(), Error> {
    let renderer = renderer.resolve();
    match extension(path).as_str() {
        "dot" => write_file(path, &to_dot(d, renderer.dialect())),
        "gv" => write_file(path, &to_dot(d, Dialect::Graphviz)),
        "svg" => write_file(path, &render_diagram(d, renderer)?),
        "html" => {
            let svg = page_svg(d, &to_dot(d, renderer.dialect()), renderer)?;
            let title = d.title.clone().unwrap_or_else(|| "gc-viz heap".into());
            let frame = html::HtmlFrame {
                title: title.clone(),
                description: d.description.clone().unwrap_or_default(),
                svg,
            };
            write_file(path, &html::stepper(&title, "", &[frame]))
        }
        other => Err(Error::UnsupportedFormat(other.to_string())),
    }
}

/// Writes a snapshot (or the part `view` selects) by extension: `.dot`, `.svg`, `.json`,
/// `.gv`, `.html`.
pub fn write_snapshot(
    snap: &Snapshot,
    view: Option<&View>,
    path: &Path,
    renderer: Renderer,
) -> Result<(), Error> {
    if extension(path) == "json" {
        return write_file(path, &snap.to_json());
    }
    let all;
    let view = match view {
        Some(v) => v,
        None => {
            all = View::all(snap);
            &all
        }
    };
    let d = Diagram::from_view(snap, view, &SnapshotStyle::default());
    write_diagram(&d, path, renderer)
}

/// The lower-case extension of a path ("" if none).
fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// What [`write_frames`] wrote.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// The `NN-slug.dot` files.
    pub dot: Vec<PathBuf>,
    /// The `NN-slug.svg` files.
    pub svg: Vec<PathBuf>,
    /// The stepper page.
    pub html: PathBuf,
}

/// Writes `NN-slug.dot` and `NN-slug.svg` for every frame (`NN` from 01), `NN-slug.json` for
/// the frames that show a heap (a [`Snapshot`]: `gc-viz query` and `draw` read it),
/// `frames.json` (every frame's diagram as data, and its heap when it has one) and an
/// `index.html` stepping through them into `out` (created if missing).
pub fn write_frames(
    frames: &[demos::DemoFrame],
    title: &str,
    intro: &str,
    out: &Path,
    renderer: Renderer,
) -> Result<Written, Error> {
    std::fs::create_dir_all(out).map_err(|source| Error::Io {
        path: out.to_path_buf(),
        source,
    })?;
    let renderer = renderer.resolve();
    let mut written = Written::default();
    let mut pages = Vec::new();
    for (i, f) in frames.iter().enumerate() {
        // Numbered from 1, like the titles and the stepper's counter.
        let stem = format!("{:02}-{}", i + 1, f.slug);
        let dot = to_dot(&f.diagram, renderer.dialect());
        let dot_path = out.join(format!("{stem}.dot"));
        write_file(&dot_path, &dot)?;
        let raw = render_svg(&dot, renderer)?;
        let svg_path = out.join(format!("{stem}.svg"));
        let standalone = render::add_caption(&raw, &caption(&f.diagram, renderer, true));
        write_file(&svg_path, &standalone)?;
        let svg = render::add_caption(&raw, &caption(&f.diagram, renderer, false));
        pages.push(html::HtmlFrame {
            title: f.diagram.title.clone().unwrap_or_else(|| stem.clone()),
            description: f.diagram.description.clone().unwrap_or_default(),
            svg,
        });
        written.dot.push(dot_path);
        written.svg.push(svg_path);
    }
    for (i, f) in frames.iter().enumerate() {
        if let Some(heap) = &f.heap {
            write_file(
                &out.join(format!("{:02}-{}.json", i + 1, f.slug)),
                &heap.to_json(),
            )?;
        }
    }
    let json: Vec<serde_json::Value> = frames
        .iter()
        .map(|f| match &f.heap {
            Some(h) => serde_json::json!({ "slug": f.slug, "diagram": f.diagram, "heap": h }),
            None => serde_json::json!({ "slug": f.slug, "diagram": f.diagram }),
        })
        .collect();
    write_file(
        &out.join("frames.json"),
        &serde_json::to_string_pretty(&json).unwrap_or_default(),
    )?;
    written.html = out.join("index.html");
    write_file(&written.html, &html::stepper(title, intro, &pages))?;
    Ok(written)
}

/// Writes the frames of a [`Collection`] like [`write_frames`].
pub fn write_collection(
    c: &Collection,
    title: &str,
    out: &Path,
    renderer: Renderer,
) -> Result<Written, Error> {
    let frames: Vec<demos::DemoFrame> = c
        .frames
        .iter()
        .enumerate()
        .map(|(i, f)| demos::DemoFrame {
            slug: f.step.slug().to_string(),
            diagram: c.diagram(i),
            heap: (f.step == Step::Heap).then(|| f.to_snapshot(&c.roots)),
        })
        .collect();
    let intro = format!(
        "One collection of generation {}, phase by phase; {} object(s) collected.",
        c.generation, c.collected
    );
    write_frames(&frames, title, &intro, out, renderer)
}

/// Writes the live version of a demo (real gc-core objects, one collection recorded by the
/// phase observer) into `out`.
pub fn write_live_demo(name: &str, out: &Path, renderer: Renderer) -> Result<Written, Error> {
    let demo = demos::find(name).ok_or_else(|| Error::UnknownDemo(name.to_string()))?;
    let c = live::collection(name).ok_or_else(|| {
        Error::Usage(format!(
            "demo `{name}` has no live version; live demos: {}",
            live::LIVE_DEMOS.join(", ")
        ))
    })?;
    write_frames(
        &demos::collection_frames(&c, false, 0),
        &format!("gc-viz: {} (live gc-core collection)", demo.name),
        &format!(
            "{}. Recorded from gc-core's phase observer; {} object(s) collected.",
            demo.summary, c.collected
        ),
        out,
        renderer,
    )
}

/// Writes a demo's frames and page into `out`.
pub fn write_demo(name: &str, out: &Path, renderer: Renderer) -> Result<Written, Error> {
    let demo = demos::find(name).ok_or_else(|| Error::UnknownDemo(name.to_string()))?;
    write_frames(
        &demo.frames(),
        &format!("gc-viz: {}", demo.name),
        demo.summary,
        out,
        renderer,
    )
}
