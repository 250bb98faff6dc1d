//! DOT to SVG: with the pure-Rust layout-rs (always available) or with Graphviz `dot` (when it
//! is on PATH; [`Renderer::Auto`], the default, prefers it).
//!
//! # Limits
//!
//! layout-rs runs in process, and some small inputs would crash it or keep it busy for
//! minutes, so [`render_with_layout`] first checks the text ([`crate::guard`]) and refuses, with
//! an [`Error::Dot`] or [`Error::Layout`] that names the limit:
//!
//! | what | limit | why |
//! |---|---|---|
//! | `{` nesting | [`crate::guard::MAX_NESTING`] | layout-rs's parser recurses per block |
//! | `{` nesting in a string | [`crate::guard::MAX_LABEL_NESTING`] | its record-label parser recurses |
//! | attributes | [`crate::guard::MAX_ATTRIBUTES`] | looked up linearly |
//! | nodes plus edges | [`LAYOUT_LIMIT`] | a cheap first cut |
//! | default attributes × mentions | [`ATTRIBUTE_LIMIT`] | copied for every mention |
//! | cycle-search steps | [`REACH_LIMIT`] | its search walks every path |
//! | nodes after splitting long edges | [`LOWERED_LIMIT`] | rank lookups are linear |
//! | edge-crossing work | [`CROSSING_LIMIT`] | crossing minimisation repeats a cubic count |
//!
//! Each constant's documentation gives the measurement behind it (debug build: each limit
//! keeps the layout near or under 2 seconds). [`render_with_graphviz`] has no size limit but a
//! time limit ([`GRAPHVIZ_TIMEOUT_SECS`]), and strips active content ([`crate::sanitize`]).

use crate::Error;
use std::io::Write;
use std::process::{Command, Stdio};

/// Which renderer turns DOT into SVG.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Renderer {
    /// layout-rs, in process, no system package.
    Layout,
    /// Graphviz `dot -Tsvg`.
    Graphviz,
    /// Graphviz when `dot` is on PATH, else layout-rs (the default: Graphviz draws better and
    /// has no size limits).
    #[default]
    Auto,
}

impl Renderer {
    /// `Auto` resolved against the machine: `Layout` or `Graphviz`.
    pub fn resolve(self) -> Renderer {
        match self {
            Renderer::Auto if graphviz_available() => Renderer::Graphviz,
            Renderer::Auto => Renderer::Layout,
            r => r,
        }
    }

    /// The DOT dialect that suits this renderer.
    pub fn dialect(self) -> crate::Dialect {
        match self.resolve() {
            Renderer::Graphviz => crate::Dialect::Graphviz,
            _ => crate::Dialect::Portable,
        }
    }
}

/// Whether Graphviz `dot` can be run: `dot -V` succeeds within about 5 seconds (a `dot` that
/// takes longer is stopped and counts as missing).
pub fn graphviz_available() -> bool {
    let Ok(mut child) = Command::new("dot")
        .arg("-V")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    else {
        return false;
    };
    for _ in 0..500 {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(10)),
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    false
}

/// Renders DOT text to SVG with `renderer`.
pub fn render_svg(dot: &str, renderer: Renderer) -> Result<String, Error> {
    match renderer.resolve() {
        Renderer::Graphviz => render_with_graphviz(dot),
        _ => render_with_layout(dot),
    }
}

/// The largest graph (nodes plus edges) [`render_with_layout`] accepts: a picture with more is
/// unreadable in layout-rs's drawing anyway, and this cheap count refuses most big graphs
/// before any other check.
pub const LAYOUT_LIMIT: usize = 400;

/// The largest lowered graph [`render_with_layout`] accepts: nodes, plus one connector per
/// self-loop, plus one segment per rank a long edge crosses (see
/// [`crate::guard::LayoutCost::lowered_nodes`]). layout-rs looks ranks up linearly, so its time
/// grows with the square of this number: measured in a debug build, 1,001 lowered nodes (a
/// chain) take 0.33 s, 2,001 take 1.1 s.
pub const LOWERED_LIMIT: usize = 2_000;

/// The most edge-crossing work [`render_with_layout`] accepts (see
/// [`crate::guard::LayoutCost::crossing_work`]). layout-rs's crossing minimisation repeats a
/// count of this size about a hundred times. Measured in a debug build, from 0.7 to 8 s per
/// million units: a complete 10-node graph (0.67 million units) 4.9 s, a complete 12-node one
/// (2.6 million) 17 s, a 200-node ternary tree (1.2 million) 3.7 s, a drawn 40-object linked
/// list (1.4 million) 11 s, 100 random edges on 100 nodes (0.24 million) 0.2 s; so this limit
/// keeps the worst case near 2 s.
pub const CROSSING_LIMIT: u64 = 300_000;

/// The most attribute-copying work [`render_with_layout`] accepts (see
/// [`crate::guard::LayoutCost::attribute_work`]). Measured in a debug build: 4,990 attributes
/// in a `node [...]` statement and 400 edges (4 million units) take 6 s, and with 100 edges
/// (1 million units) 1 to 2 s, so this limit keeps it near 1 s.
pub const ATTRIBUTE_LIMIT: u64 = 500_000;

/// The most steps of layout-rs's cycle-breaking reachability search [`render_with_layout`]
/// accepts (see [`crate::guard::LayoutCost::reach_steps`]). The search walks every path, so
/// 30 diamonds in a row (`a -> b, a -> c, b -> a2, c -> a2`, ...) would take 2^30 steps; 4
/// million steps take about 0.2 s (debug build, gc-viz's replay included).
pub const REACH_LIMIT: u64 = 5_000_000;

thread_local! {
    /// Whether this thread is inside layout-rs (see [`in_layout`]).
    static IN_LAYOUT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the calling thread is running layout-rs right now. A panic hook can use this to stay
/// quiet about layout-rs panics, which [`render_with_layout`] catches and reports as errors
/// (the `gc-viz` binary does).
pub fn in_layout() -> bool {
    IN_LAYOUT.with(|f| f.get())
}

/// Sets [`IN_LAYOUT`] for its lifetime, even if layout-rs panics.
struct LayoutGuard;

impl LayoutGuard {
    /// Marks the thread as inside layout-rs.
    fn enter() -> LayoutGuard {
        IN_LAYOUT.with(|f| f.set(true));
        LayoutGuard
    }
}

impl Drop for LayoutGuard {
    fn drop(&mut self) {
        IN_LAYOUT.with(|f| f.set(false));
    }
}

/// Renders DOT text to SVG with layout-rs. Malformed DOT is an [`Error::Dot`]; a panic inside
/// layout-rs (it has a few on inputs it does not support) is caught and reported as
/// [`Error::Layout`].
///
/// Before layout-rs sees the text, [`crate::guard::scan`] refuses nesting and attribute counts
/// that would crash it or slow it down, and the graph's cost ([`crate::guard::layout_cost`]) is
/// checked against [`LAYOUT_LIMIT`], [`ATTRIBUTE_LIMIT`], [`REACH_LIMIT`], [`LOWERED_LIMIT`]
/// and [`CROSSING_LIMIT`]. What layout-rs draws badly is drawn differently: edge labels
/// (layout-rs puts them on a node of their own, away from the edge) are written beside the
/// middle of their edge, a second edge between the same two nodes (drawn on top of the first)
/// is bent away from it, and a self-loop (a tangle beside its node) becomes a line
/// `field -> itself` in its node's box.
pub fn render_with_layout(dot: &str) -> Result<String, Error> {
    let text = dot.to_string();
    let _guard = LayoutGuard::enter();
    crate::guard::scan(dot)?;
    let result = std::panic::catch_unwind(move || -> Result<String, Error> {
        let mut parser = layout::gv::DotParser::new(&text);
        let mut graph = parser.process().map_err(Error::Dot)?;
        let labels = lift_edge_labels(&mut graph);
        let cost = crate::guard::layout_cost(&graph, REACH_LIMIT);
        if cost.nodes == 0 {
            return Err(Error::Layout("the graph has no nodes".into()));
        }
        let too_big = |what: String| {
            Err(Error::Layout(format!(
                "{} nodes and {} edges is more than layout-rs lays out in reasonable time \
                 ({what}); render with Graphviz (--renderer graphviz) or draw part of the heap \
                 (--refs, --backrefs, --why)",
                cost.nodes, cost.edges
            )))
        };
        if cost.nodes + cost.edges > LAYOUT_LIMIT as u64 {
            return too_big(format!("limit {LAYOUT_LIMIT} nodes plus edges"));
        }
        if cost.attribute_work > ATTRIBUTE_LIMIT {
            return too_big(format!(
                "{} units of attribute copying (default attributes times node and edge \
                 mentions, limit {ATTRIBUTE_LIMIT})",
                cost.attribute_work
            ));
        }
        if cost.reach_steps > REACH_LIMIT {
            return too_big(format!(
                "breaking its cycles needs more than {REACH_LIMIT} search steps (limit \
                 {REACH_LIMIT})"
            ));
        }
        if cost.lowered_nodes > LOWERED_LIMIT as u64 {
            return too_big(format!(
                "{} nodes once long edges are split (limit {LOWERED_LIMIT})",
                cost.lowered_nodes
            ));
        }
        if cost.crossing_work > CROSSING_LIMIT {
            return too_big(format!(
                "{} units of edge-crossing work (limit {CROSSING_LIMIT})",
                cost.crossing_work
            ));
        }
        let mut builder = layout::gv::GraphBuilder::new();
        builder.visit_graph(&graph);
        let mut vg = builder.get();
        if vg.num_nodes() == 0 {
            return Err(Error::Layout("the graph has no nodes".into()));
        }
        // layout-rs re-checks the whole graph for cycles after every edge it adds (with its
        // path-enumerating search): quadratic at best, exponential at worst, and only
        // assertions. The limits above bound everything else.
        vg.dag.set_validate(false);
        let mut svg = layout::backends::svg::SVGWriter::new();
        vg.do_it(false, false, false, &mut svg);
        Ok(tighten_view_box(&put_edge_labels(&svg.finalize(), &labels)))
    });
    match result {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown failure".into());
            Err(Error::Layout(format!(
                "layout-rs failed on this input: {what}"
            )))
        }
    }
}

/// An edge as layout-rs draws it (its `arrowN` path), with the label gc-viz writes beside it.
struct DrawnEdge {
    /// The end nodes' names.
    ends: (String, String),
    /// The label, if any.
    label: Option<String>,
}

/// Takes every edge label out of `graph` (own `label` attributes and `edge [label=...]`
/// defaults) and every self-loop out of its edge statements, so layout-rs neither adds a label
/// node per edge nor draws self-loops. Returns the remaining edges with their labels in the
/// order layout-rs draws them (its `arrowN` paths); a self-loop becomes the line `label -> itself`
/// (or `-> itself`) at the end of its node's label. Iterative.
fn lift_edge_labels(graph: &mut layout::gv::parser::ast::Graph) -> Vec<DrawnEdge> {
    use layout::gv::parser::ast::{
        AttrStmtTarget, AttributeList, EdgeStmt, Graph, NodeId, NodeStmt, Stmt,
    };
    use std::collections::{BTreeMap, HashSet};
    fn take_label(list: &mut AttributeList) -> Option<String> {
        let mut label = None;
        list.list.retain(|(k, v)| {
            if k == "label" {
                label = Some(v.clone());
                false
            } else {
                true
            }
        });
        label
    }
    let mut labels = Vec::new();
    let mut loops: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut node_labels: BTreeMap<String, String> = BTreeMap::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut loop_order: Vec<String> = Vec::new();
    // (statements of one block, the edge label default in force there)
    let mut stack = vec![(graph.list.list.iter_mut(), None::<String>)];
    while let Some((top, default)) = stack.last_mut() {
        let Some(stmt) = top.next() else {
            stack.pop();
            continue;
        };
        let default = default.clone();
        match stmt {
            Stmt::SubGraph(g) => stack.push((g.list.list.iter_mut(), default)),
            Stmt::Attribute(a) if matches!(a.target, AttrStmtTarget::Edge) => {
                if let Some(l) = take_label(&mut a.list) {
                    if let Some((_, d)) = stack.last_mut() {
                        *d = Some(l);
                    }
                }
            }
            Stmt::Attribute(_) => {}
            Stmt::Node(n) => {
                seen.insert(n.id.name.clone());
                if let Some((_, v)) = n.list.list.iter().rev().find(|(k, _)| k == "label") {
                    node_labels.insert(n.id.name.clone(), v.clone());
                }
            }
            Stmt::Edge(e) => {
                let label = take_label(&mut e.list).or(default);
                let mut names = vec![e.from.clone()];
                names.extend(e.to.iter().map(|(n, _)| n.clone()));
                let has_loop = names.windows(2).any(|w| w[0].name == w[1].name);
                if !has_loop {
                    for n in &names {
                        seen.insert(n.name.clone());
                    }
                    for w in names.windows(2) {
                        labels.push(DrawnEdge {
                            ends: (w[0].name.clone(), w[1].name.clone()),
                            label: label.clone(),
                        });
                    }
                    continue;
                }
                // Split the chain around its self-loops, in an anonymous block.
                let mut block = Graph::new("anonymous");
                let mut current: Option<EdgeStmt> = None;
                let mut prev: NodeId = e.from.clone();
                if seen.insert(prev.name.clone()) {
                    block
                        .list
                        .list
                        .push(Stmt::Node(NodeStmt::new(prev.clone())));
                }
                for (to, kind) in &e.to {
                    if to.name == prev.name {
                        let line = match &label {
                            Some(l) if !l.is_empty() => {
                                format!("{} -> itself", l.replace('\n', " "))
                            }
                            _ => "-> itself".to_string(),
                        };
                        let entry = loops.entry(to.name.clone()).or_default();
                        if entry.is_empty() {
                            loop_order.push(to.name.clone());
                        }
                        entry.push(line);
                        if let Some(done) = current.take() {
                            block.list.list.push(Stmt::Edge(done));
                        }
                    } else {
                        let stmt = current.get_or_insert_with(|| {
                            let mut s = EdgeStmt::new(prev.clone());
                            s.list = e.list.clone();
                            s
                        });
                        stmt.insert(to.clone(), kind.clone());
                        labels.push(DrawnEdge {
                            ends: (prev.name.clone(), to.name.clone()),
                            label: label.clone(),
                        });
                    }
                    seen.insert(to.name.clone());
                    prev = to.clone();
                }
                if let Some(done) = current.take() {
                    block.list.list.push(Stmt::Edge(done));
                }
                *stmt = Stmt::SubGraph(block);
            }
        }
    }
    for name in loop_order {
        let lines = loops.remove(&name).unwrap_or_default();
        let base = node_labels
            .get(&name)
            .cloned()
            .unwrap_or_else(|| name.clone());
        let mut list = AttributeList::new();
        list.add_attr("label", &format!("{base}\n{}", lines.join("\n")));
        graph.list.list.push(Stmt::Node(NodeStmt::new_with_list(
            NodeId::new(&name, &None),
            list,
        )));
    }
    labels
}

/// A point of an SVG path.
type Pt = (f64, f64);

/// The cubic segments of a layout-rs path (`M p C c1, c2, p S c2, p S ...`), as
/// (start, control 1, control 2, end).
fn segments(d: &str) -> Vec<[Pt; 4]> {
    let numbers: Vec<f64> = d
        .split(|c: char| c.is_whitespace() || c == ',' || c.is_ascii_alphabetic())
        .filter_map(|n| n.parse().ok())
        .collect();
    let points: Vec<Pt> = numbers.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    let mut out = Vec::new();
    if points.len() < 4 {
        return out;
    }
    out.push([points[0], points[1], points[2], points[3]]);
    let mut rest = &points[4..];
    while let [c2, end, tail @ ..] = rest {
        let [_, _, prev_c2, start] = out[out.len() - 1];
        // `S`: the first control point mirrors the previous second one.
        let c1 = (2.0 * start.0 - prev_c2.0, 2.0 * start.1 - prev_c2.1);
        out.push([start, c1, *c2, *end]);
        rest = tail;
    }
    out
}

/// The point halfway along a path's segments (by segment count).
fn midpoint(segs: &[[Pt; 4]]) -> Option<Pt> {
    let n = segs.len();
    if n == 0 {
        return None;
    }
    if n.is_multiple_of(2) {
        return Some(segs[n / 2][0]);
    }
    let [p0, p1, p2, p3] = segs[n / 2];
    let at = |a: f64, b: f64, c: f64, d: f64| 0.125 * a + 0.375 * b + 0.375 * c + 0.125 * d;
    Some((at(p0.0, p1.0, p2.0, p3.0), at(p0.1, p1.1, p2.1, p3.1)))
}

/// Writes a path back from its segments.
fn path_data(segs: &[[Pt; 4]]) -> String {
    let mut d = String::new();
    for (i, [p0, c1, c2, p3]) in segs.iter().enumerate() {
        if i == 0 {
            d.push_str(&format!(
                "M {} {} C {} {}, {} {}, {} {} ",
                p0.0, p0.1, c1.0, c1.1, c2.0, c2.1, p3.0, p3.1
            ));
        } else {
            d.push_str(&format!("S {} {}, {} {} ", c2.0, c2.1, p3.0, p3.1));
        }
    }
    d
}

/// Writes every edge's label beside the middle of its path (layout-rs leaves an empty
/// `textPath` and would otherwise put the label on a node of its own, away from the edge), and
/// bends the second, third, ... edge between the same two nodes away from the first (layout-rs
/// draws them on top of each other), its label on its own side.
fn put_edge_labels(svg: &str, edges: &[DrawnEdge]) -> String {
    const OPEN: &str = "<path id=\"arrow";
    let mut seen: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    let mut texts = String::new();
    let mut out = String::with_capacity(svg.len() + edges.len() * 96);
    let mut rest = svg;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len()..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let edge = digits.parse::<usize>().ok().and_then(|k| edges.get(k));
        let d_at = after.find(" d=\"").map(|i| i + 4);
        let (Some(edge), Some(d_at)) = (edge, d_at) else {
            out.push_str(&rest[..at + OPEN.len()]);
            rest = after;
            continue;
        };
        let d_end = after[d_at..]
            .find('"')
            .map(|i| d_at + i)
            .unwrap_or(after.len());
        let mut segs = segments(&after[d_at..d_end]);
        let (a, b) = &edge.ends;
        let pair = if a <= b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        let nth = *seen.entry(pair).and_modify(|n| *n += 1).or_insert(0);
        // 0, then -1, +1, -2, +2, ... bends of 30 units.
        let bend = if nth == 0 {
            0.0
        } else {
            let k = nth.div_ceil(2) as f64 * 30.0;
            if nth % 2 == 1 {
                -k
            } else {
                k
            }
        };
        let (start, end) = match (segs.first(), segs.last()) {
            (Some(f), Some(l)) => (f[0], l[3]),
            _ => ((0.0, 0.0), (0.0, 0.0)),
        };
        let vertical = (end.1 - start.1).abs() >= (end.0 - start.0).abs();
        if bend != 0.0 {
            let last = segs.len().saturating_sub(1);
            for (i, seg) in segs.iter_mut().enumerate() {
                for (j, p) in seg.iter_mut().enumerate() {
                    // Every point but the path's two ends.
                    if (i == 0 && j == 0) || (i == last && j == 3) {
                        continue;
                    }
                    if vertical {
                        p.0 += bend;
                    } else {
                        p.1 += bend;
                    }
                }
            }
            out.push_str(&rest[..at + OPEN.len() + d_at]);
            out.push_str(&path_data(&segs));
            rest = &after[d_end..];
        } else {
            out.push_str(&rest[..at + OPEN.len() + d_end]);
            rest = &after[d_end..];
        }
        let (Some(label), Some((mx, my))) = (
            edge.label.as_deref().filter(|l| !l.is_empty()),
            midpoint(&segs),
        ) else {
            continue;
        };
        let (x, y, anchor) = match (vertical, bend < 0.0) {
            (true, false) => (mx + 5.0, my + 4.0, "start"),
            (true, true) => (mx - 5.0, my + 4.0, "end"),
            (false, false) => (mx, my + 14.0, "middle"),
            (false, true) => (mx, my - 6.0, "middle"),
        };
        texts.push_str(&format!(
            "<text class=\"edge-label\" data-edge=\"arrow{digits}\" x=\"{x}\" y=\"{y}\" \
             text-anchor=\"{anchor}\" font-family=\"Times, serif\" font-size=\"11\" \
             fill=\"#333333\" stroke=\"#ffffff\" stroke-width=\"3\" \
             paint-order=\"stroke\">{}</text>\n",
            crate::html::escape(&label.replace('\n', " "))
        ));
    }
    out.push_str(rest);
    match out.rfind("</svg>") {
        Some(close) => out.insert_str(close, &texts),
        None => out.push_str(&texts),
    }
    out
}

/// The value of attribute `name` in the tag text `tag` (`x="12.5"` -> 12.5).
fn attr(tag: &str, name: &str) -> Option<f64> {
    let key = format!(" {name}=\"");
    let tag = tag.replace('\n', " ");
    let at = tag.find(&key)? + key.len();
    tag[at..].split('"').next()?.trim().parse().ok()
}

/// Shrinks layout-rs's canvas to what is drawn. layout-rs grows its canvas by ten pixels of
/// height per character of every text it draws, which leaves a large blank area under most
/// graphs; this recomputes width and height from the shapes, texts and paths instead.
pub fn tighten_view_box(svg: &str) -> String {
    let (mut max_x, mut max_y) = (0f64, 0f64);
    let mut grow = |x: f64, y: f64| {
        max_x = max_x.max(x);
        max_y = max_y.max(y);
    };
    let mut rest = svg;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map(|e| start + e + 1)
            .unwrap_or(rest.len());
        let tag = &rest[start..end];
        let after = &rest[end..];
        if tag.starts_with("<rect") {
            if let (Some(x), Some(y), Some(w), Some(h)) = (
                attr(tag, "x"),
                attr(tag, "y"),
                attr(tag, "width"),
                attr(tag, "height"),
            ) {
                grow(x + w, y + h);
            }
        } else if tag.starts_with("<ellipse") {
            if let (Some(cx), Some(cy), Some(rx), Some(ry)) = (
                attr(tag, "cx"),
                attr(tag, "cy"),
                attr(tag, "rx"),
                attr(tag, "ry"),
            ) {
                grow(cx + rx, cy + ry);
            }
        } else if tag.starts_with("<text") {
            if let (Some(x), Some(y)) = (attr(tag, "x"), attr(tag, "y")) {
                let body = &after[..after.find("</text>").unwrap_or(0)];
                let lines = body.matches("<tspan").count().max(1) as f64;
                let widest = body
                    .split("</tspan>")
                    .map(|l| l.rsplit('>').next().unwrap_or("").chars().count())
                    .max()
                    .unwrap_or(0) as f64;
                grow(x + widest * 4.0, y + (lines + 1.0) * 16.0);
            }
        } else if tag.starts_with("<path") {
            if let Some(at) = tag.find(" d=\"") {
                let d = tag[at + 4..].split('"').next().unwrap_or("");
                let numbers: Vec<f64> = d
                    .split(|c: char| c.is_whitespace() || c == ',' || c.is_ascii_alphabetic())
                    .filter_map(|n| n.parse().ok())
                    .collect();
                for pair in numbers.chunks(2) {
                    if let [x, y] = pair {
                        grow(*x, *y);
                    }
                }
            }
        }
        rest = after;
    }
    let Some(open) = svg.find("<svg ") else {
        return svg.to_string();
    };
    let close = match svg[open..].find('>') {
        Some(c) => open + c,
        None => return svg.to_string(),
    };
    let (Some(old_w), Some(old_h)) = (
        attr(&svg[open..close], "width"),
        attr(&svg[open..close], "height"),
    ) else {
        return svg.to_string();
    };
    let w = (max_x + 10.0).min(old_w).ceil();
    let h = (max_y + 10.0).min(old_h).ceil();
    if max_x <= 0.0 || max_y <= 0.0 {
        return svg.to_string();
    }
    format!(
        "{}<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">{}",
        &svg[..open],
        &svg[close + 1..]
    )
}

/// How long [`render_with_graphviz`] lets `dot` run, in seconds, unless the environment
/// variable `GC_VIZ_GRAPHVIZ_TIMEOUT` gives another whole number of seconds (at least 1).
pub const GRAPHVIZ_TIMEOUT_SECS: u64 = 60;

/// The most SVG [`render_with_graphviz`] reads from `dot` (bytes); more is an error.
pub const GRAPHVIZ_MAX_OUTPUT: u64 = 256 * 1024 * 1024;

/// The time limit in force: `GC_VIZ_GRAPHVIZ_TIMEOUT` or [`GRAPHVIZ_TIMEOUT_SECS`].
fn graphviz_timeout() -> std::time::Duration {
    let secs = std::env::var("GC_VIZ_GRAPHVIZ_TIMEOUT")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| *s >= 1)
        .unwrap_or(GRAPHVIZ_TIMEOUT_SECS);
    std::time::Duration::from_secs(secs)
}

/// Renders DOT text to SVG with Graphviz `dot -Tsvg`.
///
/// The text first goes through [`crate::sanitize::sanitize_dot`] (no links, scripts,
/// stylesheets or file reads; an empty or comment-only text is an [`Error::Dot`]), and the SVG
/// through [`crate::sanitize::sanitize_svg`]. `dot` runs for at most
/// [`GRAPHVIZ_TIMEOUT_SECS`] seconds (or `GC_VIZ_GRAPHVIZ_TIMEOUT`): past that it is
/// killed and the answer is an [`Error::Graphviz`] saying so. An answer without an `<svg`
/// element is an error too, never an empty file.
pub fn render_with_graphviz(dot: &str) -> Result<String, Error> {
    use std::io::Read;
    use std::sync::mpsc;
    let clean = crate::sanitize::sanitize_dot(dot)?;
    let limit = graphviz_timeout();
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Graphviz(format!("cannot run `dot` (is Graphviz installed?): {e}")))?;
    // Feed and drain `dot` on helper threads, so a `dot` that stops reading or writing cannot
    // block this one past the time limit. They end when `dot` (killed or not) closes its pipes.
    let (tx, rx) = mpsc::channel::<(bool, std::io::Result<Vec<u8>>)>();
    if let Some(mut stdin) = child.stdin.take() {
        std::thread::spawn(move || {
            // A `dot` that exits early closes the pipe; its status says why.
            let _ = stdin.write_all(clean.as_bytes());
        });
    }
    for (is_stdout, pipe) in [
        (
            true,
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        ),
        (
            false,
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        ),
    ] {
        if let Some(pipe) = pipe {
            let tx = tx.clone();
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let r = pipe
                    .take(GRAPHVIZ_MAX_OUTPUT + 1)
                    .read_to_end(&mut buf)
                    .map(|_| buf);
                let _ = tx.send((is_stdout, r));
            });
        }
    }
    drop(tx);
    let deadline = std::time::Instant::now() + limit;
    let (mut stdout, mut stderr) = (None, None);
    let timed_out = loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left.min(std::time::Duration::from_millis(50))) {
            Ok((true, r)) => stdout = Some(r),
            Ok((false, r)) => stderr = Some(r),
            Err(mpsc::RecvTimeoutError::Disconnected) => break false,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if stdout.is_some() && stderr.is_some() {
            break false;
        }
        if std::time::Instant::now() >= deadline {
            break true;
        }
    };
    let status = if timed_out {
        None
    } else {
        // Both pipes are closed: `dot` has exited or is about to; wait for it, within the
        // limit too.
        loop {
            match child.try_wait() {
                Ok(Some(s)) => break Some(s),
                Ok(None) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(10))
                }
                Ok(None) => break None,
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(Error::Graphviz(format!("waiting for `dot`: {e}")));
                }
            }
        }
    };
    let Some(status) = status else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(Error::Graphviz(format!(
            "`dot` did not finish within {} s and was stopped; draw part of the heap \
             (--refs, --backrefs, --why) or write .dot and render it yourself \
             (GC_VIZ_GRAPHVIZ_TIMEOUT sets the limit in seconds)",
            limit.as_secs()
        )));
    };
    let stderr = stderr.and_then(Result::ok).unwrap_or_default();
    let stderr = String::from_utf8_lossy(&stderr).trim().to_string();
    if !status.success() {
        if stderr.contains("syntax error") {
            return Err(Error::Dot(stderr));
        }
        return Err(Error::Graphviz(if stderr.is_empty() {
            format!("`dot` failed ({status})")
        } else {
            stderr
        }));
    }
    let stdout = stdout
        .unwrap_or_else(|| Ok(Vec::new()))
        .map_err(|e| Error::Graphviz(format!("reading from `dot`: {e}")))?;
    if stdout.len() as u64 > GRAPHVIZ_MAX_OUTPUT {
        return Err(Error::Graphviz(format!(
            "`dot` wrote more than {GRAPHVIZ_MAX_OUTPUT} bytes of SVG"
        )));
    }
    let svg =
        String::from_utf8(stdout).map_err(|e| Error::Graphviz(format!("non-UTF-8 SVG: {e}")))?;
    if !svg.contains("<svg") {
        return Err(Error::Graphviz(format!(
            "`dot` wrote no SVG{}",
            if stderr.is_empty() {
                String::new()
            } else {
                format!(": {stderr}")
            }
        )));
    }
    Ok(crate::sanitize::sanitize_svg(&svg))
}

/// What [`add_caption`] writes under a picture.
#[derive(Clone, Debug, Default)]
pub struct Caption {
    /// A heading (the diagram's title).
    pub title: Option<String>,
    /// A paragraph (what the picture shows: the stepper's explanation).
    pub text: Option<String>,
    /// Legend entries: a swatch in the entry's colours and its text.
    pub legend: Vec<crate::diagram::LegendEntry>,
}

impl Caption {
    /// Nothing to write.
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.text.is_none() && self.legend.is_empty()
    }
}

/// Characters per caption line.
const CAPTION_WRAP: usize = 90;

/// `text` cut into lines of at most `width` characters at spaces (words longer than that stay
/// whole).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// A number attribute's value and unit (`"62pt"` -> (62.0, "pt")).
fn number_and_unit(tag: &str, name: &str) -> Option<(f64, String)> {
    let key = format!(" {name}=\"");
    let tag = tag.replace('\n', " ");
    let at = tag.find(&key)? + key.len();
    let value = tag[at..].split('"').next()?.trim().to_string();
    let split = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .unwrap_or(value.len());
    Some((value[..split].parse().ok()?, value[split..].to_string()))
}

/// Replaces (or adds) attribute `name` in the tag text.
fn set_attr(tag: &str, name: &str, value: &str) -> String {
    let key = format!(" {name}=\"");
    match tag.find(&key) {
        Some(at) => {
            let start = at + key.len();
            let end = tag[start..]
                .find('"')
                .map(|e| start + e)
                .unwrap_or(tag.len());
            format!("{}{value}{}", &tag[..start], &tag[end..])
        }
        None => {
            let close = if tag.ends_with("/>") {
                tag.len() - 2
            } else {
                tag.len() - 1
            };
            format!("{} {name}=\"{value}\"{}", &tag[..close], &tag[close..])
        }
    }
}

/// Adds `caption` under the drawing of `svg` (any renderer's): the canvas grows to fit, and the
/// caption is plain SVG text (escaped) with one colour swatch per legend entry, so a standalone
/// SVG explains itself as the HTML stepper does.
pub fn add_caption(svg: &str, caption: &Caption) -> String {
    if caption.is_empty() {
        return svg.to_string();
    }
    let Some(open) = svg.find("<svg") else {
        return svg.to_string();
    };
    let Some(close) = svg[open..].find('>').map(|c| open + c + 1) else {
        return svg.to_string();
    };
    let Some(end) = svg.rfind("</svg>") else {
        return svg.to_string();
    };
    let tag = &svg[open..close];
    let (w, w_unit) = number_and_unit(tag, "width").unwrap_or((0.0, String::new()));
    let (h, h_unit) = number_and_unit(tag, "height").unwrap_or((0.0, String::new()));
    let view: Vec<f64> = tag
        .find(" viewBox=\"")
        .map(|at| &tag[at + 10..])
        .and_then(|v| v.split('"').next())
        .map(|v| {
            v.split(|c: char| c.is_whitespace() || c == ',')
                .filter_map(|n| n.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let (vx, vy, vw, vh) = match view.as_slice() {
        [x, y, vw, vh] if *vw > 0.0 && *vh > 0.0 => (*x, *y, *vw, *vh),
        _ if w > 0.0 && h > 0.0 => (0.0, 0.0, w, h),
        _ => return svg.to_string(),
    };
    let esc = crate::html::escape;
    let mut body = String::new();
    let mut y = vy + vh + 14.0;
    let x = vx + 10.0;
    let mut widest = 0usize;
    if let Some(t) = &caption.title {
        for line in wrap(t, CAPTION_WRAP) {
            y += 18.0;
            widest = widest.max(line.chars().count() * 8 / 7);
            body.push_str(&format!(
                "<text x=\"{x}\" y=\"{y}\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
                esc(&line)
            ));
        }
        y += 4.0;
    }
    if let Some(t) = &caption.text {
        for line in wrap(t, CAPTION_WRAP) {
            y += 16.0;
            widest = widest.max(line.chars().count());
            body.push_str(&format!(
                "<text x=\"{x}\" y=\"{y}\" font-size=\"12\">{}</text>\n",
                esc(&line)
            ));
        }
        y += 6.0;
    }
    for e in &caption.legend {
        y += 6.0;
        let lines = wrap(&e.text, CAPTION_WRAP - 4);
        body.push_str(&format!(
            "<rect x=\"{x}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>\n",
            y + 2.0,
            esc(&e.fill),
            esc(&e.border)
        ));
        for line in lines {
            y += 15.0;
            widest = widest.max(line.chars().count() + 4);
            body.push_str(&format!(
                "<text x=\"{}\" y=\"{y}\" font-size=\"12\">{}</text>\n",
                x + 22.0,
                esc(&line)
            ));
        }
    }
    let new_vh = (y + 12.0 - vy).ceil();
    let new_vw = vw.max(widest as f64 * 6.6 + 30.0).ceil();
    let group = format!(
        "<g class=\"gc-viz-caption\" font-family=\"Helvetica, Arial, sans-serif\" fill=\"#222222\">\n\
         <rect x=\"{vx}\" y=\"{}\" width=\"{new_vw}\" height=\"{}\" fill=\"#ffffff\"/>\n{body}</g>\n",
        vy + vh,
        new_vh - vh
    );
    let mut new_tag = set_attr(tag, "viewBox", &format!("{vx} {vy} {new_vw} {new_vh}"));
    if w > 0.0 {
        new_tag = set_attr(
            &new_tag,
            "width",
            &format!("{}{w_unit}", (w * new_vw / vw).ceil()),
        );
    }
    if h > 0.0 {
        new_tag = set_attr(
            &new_tag,
            "height",
            &format!("{}{h_unit}", (h * new_vh / vh).ceil()),
        );
    }
    format!(
        "{}{new_tag}{}{group}{}",
        &svg[..open],
        &svg[close..end],
        &svg[end..]
    )
}

/// Makes an SVG fit for inlining next to others in one HTML page: drops the XML prolog and
/// DOCTYPE, and prefixes every `id` (and every reference to one: `#id`, `url(#id)`) with
/// `prefix`, so the edge labels of one frame (layout-rs puts them on `textPath`s that point at
/// the edge's path by id) never follow the paths of another frame.
pub fn inline_svg(svg: &str, prefix: &str) -> String {
    let start = svg.find("<svg").unwrap_or(0);
    let body = &svg[start..];
    let mut out = String::with_capacity(body.len() + 256);
    let mut rest = body;
    // Rewrite `id="x"`, `href="#x"`, `xlink:href="#x"` and `url(#x)`.
    let patterns: [(&str, &str); 3] = [(" id=\"", "\""), ("href=\"#", "\""), ("url(#", ")")];
    loop {
        let next = patterns
            .iter()
            .filter_map(|(open, _)| rest.find(open).map(|i| (i, *open)))
            .min_by_key(|(i, _)| *i);
        match next {
            Some((i, open)) => {
                let cut = i + open.len();
                out.push_str(&rest[..cut]);
                out.push_str(prefix);
                rest = &rest[cut..];
            }
            None => {
                out.push_str(rest);
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_renders_a_small_graph() {
        let svg = render_with_layout("digraph { a -> b [label=\"next\"]; b -> a; c -> c; }")
            .expect("renders");
        assert!(svg.contains("<svg"));
        assert!(svg.contains("next"));
    }

    #[test]
    fn malformed_dot_is_an_error() {
        assert!(matches!(
            render_with_layout("digraph { a -> ; }"),
            Err(Error::Dot(_))
        ));
        assert!(render_with_layout("digraph { a -> b [label=\"x").is_err());
        assert!(render_with_layout("").is_err());
        assert!(render_with_layout("digraph { }").is_err());
    }

    #[test]
    fn large_graphs_are_refused_quickly() {
        let mut dot = String::from("digraph {");
        for i in 0..LAYOUT_LIMIT {
            dot.push_str(&format!(" n{i} -> n{};", i + 1));
        }
        dot.push('}');
        let start = std::time::Instant::now();
        let err = render_with_layout(&dot).unwrap_err();
        assert!(err.to_string().contains("Graphviz"), "{err}");
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn view_box_fits_the_drawing() {
        let svg = render_with_layout(
            "digraph { a [label=\"a long label that layout-rs would pad a lot\"]; a -> b; }",
        )
        .unwrap();
        let h = attr(&svg[svg.find("<svg ").unwrap()..], "height").unwrap();
        assert!(h < 300.0, "height {h}");
        roxmltree_free_check(&svg);
    }

    /// Cheap well-formedness check: one root element, balanced.
    fn roxmltree_free_check(svg: &str) {
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn inline_prefixes_ids() {
        let s = "<?xml version=\"1.0\"?><svg><path id=\"arrow0\"/><textPath href=\"#arrow0\"/><g marker-end=\"url(#endarrow)\"/></svg>";
        let t = inline_svg(s, "f1-");
        assert!(t.starts_with("<svg>"));
        assert!(t.contains("id=\"f1-arrow0\""));
        assert!(t.contains("href=\"#f1-arrow0\""));
        assert!(t.contains("url(#f1-endarrow)"));
    }
}
