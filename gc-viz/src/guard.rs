//! Checks that keep layout-rs safe: what a DOT text asks of it, measured before layout-rs sees
//! the text.
//!
//! layout-rs is a third-party crate with a recursive parser, recursive record-label parser and a
//! reachability search that enumerates every path of the graph, so some small inputs crash it
//! (stack overflow, an abort no `catch_unwind` catches) or run for minutes. gc-viz never hands
//! it such an input: [`scan`] reads the text with an iterative scanner that follows layout-rs's
//! lexer (quoted strings, comments) and refuses
//!
//! - `{` nested deeper than [`MAX_NESTING`] (subgraphs and anonymous blocks),
//! - `{` nested deeper than [`MAX_LABEL_NESTING`] inside a quoted string (record labels),
//! - more than [`MAX_ATTRIBUTES`] `name=value` attributes in the whole text,
//!
//! and [`layout_cost`] replays the expensive part of layout-rs's pipeline on the parsed graph
//! (cycle breaking, edge-label connectors, ranking, long-edge splitting) with counters, so
//! [`crate::render::render_with_layout`] can refuse a graph whose layout would take too long
//! (see [`LayoutCost`] and the limits in [`crate::render`]). Every walk here is iterative.

use crate::Error;

/// Deepest nesting of `{` blocks (subgraphs, anonymous blocks, the graph itself counts as 1)
/// accepted for layout-rs. gc-viz's own DOT nests at most 2 deep.
pub const MAX_NESTING: usize = 32;

/// Deepest nesting of `{` inside one quoted string (a record label's rows and columns)
/// accepted for layout-rs.
pub const MAX_LABEL_NESTING: usize = 16;

/// Most `name=value` attributes in one DOT text accepted for layout-rs (layout-rs looks
/// attributes up linearly, so its time grows with the square of their number per node).
pub const MAX_ATTRIBUTES: usize = 5_000;

/// Scans `dot` iteratively, following layout-rs's lexer, and refuses input that would crash
/// layout-rs or make it work without bound (see the module docs).
pub fn scan(dot: &str) -> Result<(), Error> {
    let chars: Vec<char> = dot.chars().collect();
    let mut i = 0;
    let mut depth = 0usize;
    let mut attributes = 0usize;
    let mut line = 1usize;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 2;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && !chars[i].is_ascii_control() {
                    i += 1;
                }
            }
            '"' => {
                // A quoted string: count `{` nesting the way layout-rs's record parser does.
                let start_line = line;
                let mut label_depth = 0usize;
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    match chars[i] {
                        '\\' => i += 1,
                        '\n' => line += 1,
                        '{' => {
                            label_depth += 1;
                            if label_depth > MAX_LABEL_NESTING {
                                return Err(Error::Dot(format!(
                                    "line {start_line}: a string nests `{{` more than \
                                     {MAX_LABEL_NESTING} deep (record label); layout-rs cannot \
                                     draw it"
                                )));
                            }
                        }
                        '}' => label_depth = label_depth.saturating_sub(1),
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Error::Dot(format!(
                        "line {line}: blocks (`{{`, subgraphs) nest more than {MAX_NESTING} deep; \
                         layout-rs cannot draw this"
                    )));
                }
                i += 1;
            }
            '}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            '=' => {
                attributes += 1;
                if attributes > MAX_ATTRIBUTES {
                    return Err(Error::Layout(format!(
                        "more than {MAX_ATTRIBUTES} attributes; layout-rs would take too long \
                         (render with Graphviz: --renderer graphviz)"
                    )));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// What laying a graph out would cost layout-rs, replayed with counters (see
/// [`layout_cost`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LayoutCost {
    /// Nodes of the graph.
    pub nodes: u64,
    /// Edges of the graph (self-loops included).
    pub edges: u64,
    /// Steps of layout-rs's path-enumerating reachability search while it breaks cycles
    /// (stops counting past the budget given to [`layout_cost`]).
    pub reach_steps: u64,
    /// Nodes after lowering: the graph's, one per labelled edge or self-loop, and one per rank
    /// a long edge crosses (an upper bound: layout-rs sinks some nodes first).
    pub lowered_nodes: u64,
    /// Edge-crossing work: the sum over adjacent ranks of `(width - 1) × degrees × next
    /// width` (`degrees`: the edge-list lengths of the rank's nodes), the size of one of
    /// layout-rs's crossing counts (it does about a hundred).
    pub crossing_work: u64,
    /// Attribute copying: attributes set by `node [...]`, `edge [...]` and `graph [...]`
    /// statements times the node and edge mentions (layout-rs copies every default in scope
    /// for each mention).
    pub attribute_work: u64,
}

/// One edge of the graph layout-rs builds: from, to, labelled.
type SimEdge = (usize, usize, bool);

/// What [`graph_of`] reads from a parsed graph.
struct SimGraph {
    /// Number of distinct nodes.
    nodes: usize,
    /// Edges, in layout-rs's order.
    edges: Vec<SimEdge>,
    /// Attributes set by attribute statements.
    defaults: u64,
    /// Node statements plus edge endpoints.
    mentions: u64,
}

/// The nodes (in layout-rs's order: first mention) and edges of a parsed DOT graph, as
/// layout-rs's builder makes them. An edge counts as labelled when its own attributes or any
/// `edge [...]` default set a non-empty `label` (an upper bound on the connectors).
fn graph_of(graph: &layout::gv::parser::ast::Graph) -> SimGraph {
    use layout::gv::parser::ast::{AttrStmtTarget, Stmt};
    use std::collections::HashMap;
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut edges = Vec::new();
    let mut default_label = false;
    let mut defaults = 0u64;
    let mut mentions = 0u64;
    let mut stack = vec![graph.list.list.iter()];
    let labelled = |l: &layout::gv::parser::ast::AttributeList| {
        l.list.iter().any(|(k, v)| k == "label" && !v.is_empty())
    };
    // First pass: edge label defaults anywhere.
    while let Some(top) = stack.last_mut() {
        match top.next() {
            None => {
                stack.pop();
            }
            Some(Stmt::SubGraph(g)) => stack.push(g.list.list.iter()),
            Some(Stmt::Attribute(a)) => {
                defaults += a.list.list.len() as u64;
                if matches!(a.target, AttrStmtTarget::Edge) {
                    default_label |= labelled(&a.list);
                }
            }
            Some(_) => {}
        }
    }
    let mut stack = vec![graph.list.list.iter()];
    let node = |name: &str, index: &mut HashMap<String, usize>| -> usize {
        let n = index.len();
        *index.entry(name.to_string()).or_insert(n)
    };
    while let Some(top) = stack.last_mut() {
        match top.next() {
            None => {
                stack.pop();
            }
            Some(Stmt::SubGraph(g)) => stack.push(g.list.list.iter()),
            Some(Stmt::Node(n)) => {
                mentions += 1;
                node(&n.id.name, &mut index);
            }
            Some(Stmt::Edge(e)) => {
                mentions += 1 + e.to.len() as u64;
                let label = default_label || labelled(&e.list);
                let mut prev = node(&e.from.name, &mut index);
                for (to, _) in &e.to {
                    let cur = node(&to.name, &mut index);
                    edges.push((prev, cur, label));
                    prev = cur;
                }
            }
            Some(Stmt::Attribute(_)) => {}
        }
    }
    SimGraph {
        nodes: index.len(),
        edges,
        defaults,
        mentions,
    }
}

/// Whether `to` is reachable from `from` in `succ`, searched the way layout-rs's
/// `DAG::is_reachable` does (depth first, unmarking a node when the search backs out of it, so
/// it walks every path), but iteratively, counting steps in `steps` and giving up (`None`) once
/// they pass `budget`.
fn reachable(
    succ: &[Vec<usize>],
    from: usize,
    to: usize,
    steps: &mut u64,
    budget: u64,
) -> Option<bool> {
    if from == to {
        return Some(true);
    }
    let mut on_path = vec![false; succ.len()];
    // (node, index of the next successor to try)
    let mut stack: Vec<(usize, usize)> = vec![(from, 0)];
    on_path[from] = true;
    while let Some(&mut (n, ref mut next)) = stack.last_mut() {
        *steps += 1;
        if *steps > budget {
            return None;
        }
        match succ[n].get(*next) {
            Some(&s) => {
                *next += 1;
                if s == to {
                    return Some(true);
                }
                if !on_path[s] {
                    on_path[s] = true;
                    stack.push((s, 0));
                }
            }
            None => {
                on_path[n] = false;
                stack.pop();
            }
        }
    }
    Some(false)
}

/// Replays the costly part of layout-rs's lowering on `graph` (cycle breaking with its
/// path-enumerating search, connectors for labelled edges and self-loops, longest-path
/// ranking, long-edge splitting) and returns its [`LayoutCost`]. The search stops once
/// `reach_budget` steps are spent (the returned `reach_steps` is then above the budget).
pub fn layout_cost(graph: &layout::gv::parser::ast::Graph, reach_budget: u64) -> LayoutCost {
    let SimGraph {
        nodes: n,
        edges,
        defaults,
        mentions,
    } = graph_of(graph);
    let mut cost = LayoutCost {
        nodes: n as u64,
        edges: edges.len() as u64,
        attribute_work: defaults.saturating_mul(mentions),
        ..LayoutCost::default()
    };
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut dag_edges: Vec<(usize, usize, bool)> = Vec::new();
    let mut self_loops: Vec<usize> = Vec::new();
    for (from, to, label) in edges {
        if from == to {
            self_loops.push(from);
            continue;
        }
        let (from, to) = match reachable(&succ, to, from, &mut cost.reach_steps, reach_budget) {
            None => return cost,
            Some(true) => (to, from),
            Some(false) => (from, to),
        };
        succ[from].push(to);
        dag_edges.push((from, to, label));
    }
    // Connectors for labelled edges.
    let mut total = n;
    let mut hops: Vec<(usize, usize)> = Vec::new();
    for (from, to, label) in dag_edges {
        if label {
            hops.push((from, total));
            hops.push((total, to));
            total += 1;
        } else {
            hops.push((from, to));
        }
    }
    // Longest-path levels (Kahn's algorithm; the graph is acyclic now).
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); total];
    let mut indeg = vec![0usize; total];
    for &(a, b) in &hops {
        out[a].push(b);
        indeg[b] += 1;
    }
    let mut level = vec![0usize; total];
    let mut ready: Vec<usize> = (0..total).filter(|&v| indeg[v] == 0).collect();
    while let Some(v) = ready.pop() {
        for &w in &out[v] {
            level[w] = level[w].max(level[v] + 1);
            indeg[w] -= 1;
            if indeg[w] == 0 {
                ready.push(w);
            }
        }
    }
    let levels = level.iter().copied().max().unwrap_or(0) + 1;
    // Per rank: its width and the sum of its nodes' degrees (edge-list lengths) after the
    // long edges are split (every segment node has one edge in and one out).
    let mut width = vec![0u64; levels];
    let mut degrees = vec![0u64; levels];
    for &l in &level {
        width[l] += 1;
    }
    for &(a, b) in &hops {
        degrees[level[a]] += 1;
        degrees[level[b]] += 1;
        if level[b] > level[a] + 1 {
            for l in level[a] + 1..level[b] {
                width[l] += 1;
                degrees[l] += 2;
            }
        }
    }
    // A self-loop gets a connector on its node's rank, with two edges to the node.
    for &v in &self_loops {
        width[level[v]] += 1;
        degrees[level[v]] += 4;
    }
    cost.lowered_nodes = width.iter().sum::<u64>();
    // One crossing count compares every pair of a rank against the next rank, scanning both
    // nodes' edge lists for every node of the next rank: (width - 1) × degrees × next width.
    cost.crossing_work = (0..levels.saturating_sub(1))
        .map(|l| {
            width[l]
                .saturating_sub(1)
                .saturating_mul(degrees[l])
                .saturating_mul(width[l + 1])
        })
        .fold(0u64, u64::saturating_add);
    cost
}
