//! The drawing model: boxes, arrows and a legend, before any output format.
//!
//! Snapshots (through a [`View`]) and phase frames are first turned into a [`Diagram`]; the DOT
//! writer (`dot.rs`) is the only code that knows DOT syntax, so the colour and label choices
//! live here, in one place, and the two kinds of picture look alike.

use crate::model::{short_type_name, ObjectInfo, Snapshot};
use crate::query::{Direction, View};
use serde::Serialize;
use std::collections::BTreeMap;

/// The colours, as hex (the only colour syntax both layout-rs and Graphviz read alike).
pub mod palette {
    /// Generation 0 (young).
    pub const GEN0: &str = "#cfe8ff";
    /// Generation 1.
    pub const GEN1: &str = "#fff1a8";
    /// Generation 2 (old).
    pub const GEN2: &str = "#ffd2a6";
    /// Frozen (permanent generation).
    pub const FROZEN: &str = "#e3d7f5";
    /// Untracked (can never be part of a cycle).
    pub const UNTRACKED: &str = "#ffffff";
    /// A collection candidate that is, so far, reachable.
    pub const CANDIDATE: &str = "#cfe8ff";
    /// Tentatively unreachable (gc_refs reached 0).
    pub const TENTATIVE: &str = "#c9c9c9";
    /// Rescued: tentatively unreachable, then reached from a live candidate.
    pub const RESCUED: &str = "#a5e3a0";
    /// Garbage: unreachable after `move_unreachable`.
    pub const GARBAGE: &str = "#f3a0a0";
    /// Resurrected by a finalizer.
    pub const RESURRECTED: &str = "#ffd54f";
    /// Torn down and freed.
    pub const FREED: &str = "#e06666";
    /// Pseudo-nodes (outside, roots, "N more").
    pub const PSEUDO: &str = "#f7f7f7";
    /// Normal borders and strong edges.
    pub const INK: &str = "#333333";
    /// Weak edges.
    pub const WEAK: &str = "#8a8a8a";
    /// Outside references and named roots.
    pub const OUTSIDE: &str = "#1565c0";
    /// Internal edges while `subtract_refs` subtracts them.
    pub const SUBTRACT: &str = "#e65100";
    /// A weak reference being cleared.
    pub const CLEARED: &str = "#c62828";
    /// Border of finalizable objects.
    pub const FINALIZABLE: &str = "#7b1fa2";
    /// Border of emphasised objects (the object a query is about).
    pub const HIGHLIGHT: &str = "#d50000";

    /// The fill colour of a generation (`None`: untracked).
    pub fn generation(g: Option<usize>) -> &'static str {
        match g {
            Some(0) => GEN0,
            Some(1) => GEN1,
            Some(_) => GEN2,
            None => UNTRACKED,
        }
    }
}

/// What a node stands for (decides its shape and DOT id prefix).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NodeKind {
    /// A heap object.
    Object,
    /// A named root (variable).
    Root,
    /// The anonymous outside (stack, globals, Rust code).
    Outside,
    /// Folded neighbours ("N more").
    More,
    /// Target of a weak edge whose object is gone.
    Gone,
}

/// A box.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// DOT identifier (`o12`, `root_0`, `outside`, `more_0`): letters, digits and `_` only.
    pub key: String,
    /// Kind.
    pub kind: NodeKind,
    /// Label lines, top to bottom.
    pub lines: Vec<String>,
    /// Fill colour (hex).
    pub fill: String,
    /// Border colour (hex).
    pub border: String,
    /// Border width (1 normal, 3 emphasised); Graphviz only.
    pub penwidth: u32,
    /// Drawn with a double border in Graphviz (finalizable objects).
    pub double: bool,
}

/// An arrow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Arrow {
    /// Source node key.
    pub from: String,
    /// Target node key.
    pub to: String,
    /// Label (the field name).
    pub label: String,
    /// Colour (hex).
    pub color: String,
    /// Dashed (weak and outside references).
    pub dashed: bool,
    /// Line width (1 normal, 3 emphasised).
    pub penwidth: u32,
}

/// One legend entry: a swatch with a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LegendEntry {
    /// What the colour means.
    pub text: String,
    /// Fill colour.
    pub fill: String,
    /// Border colour.
    pub border: String,
}

/// A picture: nodes, arrows, a title and a legend.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Diagram {
    /// Title, drawn at the head of the legend and used as the HTML caption.
    pub title: Option<String>,
    /// A paragraph explaining the picture (HTML stepper only).
    pub description: Option<String>,
    /// Boxes, in drawing order.
    pub nodes: Vec<Node>,
    /// Arrows, in drawing order.
    pub arrows: Vec<Arrow>,
    /// Legend entries.
    pub legend: Vec<LegendEntry>,
}

/// DOT key of an object node.
pub fn object_key(id: u64) -> String {
    format!("o{id}")
}

/// Options for drawing a snapshot.
#[derive(Clone, Debug, Default)]
pub struct SnapshotStyle {
    /// Title of the picture.
    pub title: Option<String>,
    /// Leave out the legend.
    pub no_legend: bool,
}

/// `refcount 2 (1 outside), weak 1`.
fn count_line(o: &ObjectInfo, outside: usize) -> String {
    let mut s = format!("refcount {}", o.strong);
    if outside > 0 {
        s.push_str(&format!(" ({outside} outside)"));
    }
    if o.weak > 0 {
        s.push_str(&format!(", weak {}", o.weak));
    }
    s
}

/// `gen 0`, `untracked` or `frozen`.
fn generation_line(o: &ObjectInfo) -> String {
    if o.frozen {
        "frozen".to_string()
    } else if !o.tracked {
        "untracked".to_string()
    } else {
        match o.generation {
            Some(g) => format!("gen {g}"),
            None => "untracked".to_string(),
        }
    }
}

/// The first two lines of every object box: display name, then type and id.
pub fn identity_lines(id: u64, type_name: &str, label: Option<&str>) -> Vec<String> {
    match label {
        Some(l) => vec![
            l.to_string(),
            format!("{} #{id}", short_type_name(type_name)),
        ],
        None => vec![format!("{} #{id}", short_type_name(type_name))],
    }
}

/// The "finalizable" marker line, if any.
pub fn finalizer_line(finalizable: bool, finalized: bool) -> Option<String> {
    match (finalizable, finalized) {
        (_, true) => Some("finalizer ran".to_string()),
        (true, false) => Some("finalizable".to_string()),
        (false, false) => None,
    }
}

impl Diagram {
    /// Draws the objects of `view` from `snap`: colour by generation, counts and generation in
    /// every box, every edge labelled with its field, weak edges dashed, outside references as
    /// dashed arrows from named roots or the "outside" pseudo-node, folds as "N more" boxes.
    pub fn from_view(snap: &Snapshot, view: &View, style: &SnapshotStyle) -> Diagram {
        let outside = snap.outside_refs();
        let mut d = Diagram {
            title: style.title.clone(),
            ..Diagram::default()
        };
        // Named roots first, so they sit on top.
        let mut named_per_target: BTreeMap<u64, usize> = BTreeMap::new();
        for (i, r) in snap.roots.iter().enumerate() {
            if !view.objects.contains(&r.target) {
                continue;
            }
            *named_per_target.entry(r.target).or_insert(0) += 1;
            d.nodes.push(Node {
                key: format!("root_{i}"),
                kind: NodeKind::Root,
                lines: vec![r.name.clone()],
                fill: palette::PSEUDO.into(),
                border: palette::OUTSIDE.into(),
                penwidth: 1,
                double: false,
            });
            d.arrows.push(Arrow {
                from: format!("root_{i}"),
                to: object_key(r.target),
                label: String::new(),
                color: palette::OUTSIDE.into(),
                dashed: true,
                penwidth: 1,
            });
        }
        // Anonymous outside references: the part of `outside` no named root explains.
        let anonymous: Vec<(u64, usize)> = view
            .objects
            .iter()
            .map(|id| {
                let total = outside.get(id).copied().unwrap_or(0);
                let named = named_per_target.get(id).copied().unwrap_or(0);
                (*id, total.saturating_sub(named))
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        if !anonymous.is_empty() {
            d.nodes.push(outside_node());
            for (id, n) in anonymous {
                d.arrows.push(outside_arrow(object_key(id), n));
            }
        }
        let mut generations = std::collections::BTreeSet::new();
        let mut any_finalizable = false;
        for o in snap.objects.iter().filter(|o| view.objects.contains(&o.id)) {
            let mut lines = identity_lines(o.id, &o.type_name, o.label.as_deref());
            lines.push(count_line(o, outside.get(&o.id).copied().unwrap_or(0)));
            lines.push(generation_line(o));
            lines.extend(finalizer_line(o.finalizable, o.finalized));
            let fill = if o.frozen {
                palette::FROZEN
            } else if o.tracked {
                palette::generation(o.generation)
            } else {
                palette::UNTRACKED
            };
            generations.insert(if o.frozen {
                3
            } else if o.tracked {
                o.generation.unwrap_or(4).min(2)
            } else {
                4
            });
            any_finalizable |= o.finalizable;
            let highlighted = view.highlight.contains(&o.id);
            d.nodes.push(Node {
                key: object_key(o.id),
                kind: NodeKind::Object,
                lines,
                fill: fill.into(),
                border: if highlighted {
                    palette::HIGHLIGHT
                } else if o.finalizable {
                    palette::FINALIZABLE
                } else {
                    palette::INK
                }
                .into(),
                penwidth: if highlighted || o.finalizable { 3 } else { 1 },
                double: o.finalizable,
            });
        }
        let mut gone = false;
        for o in snap.objects.iter().filter(|o| view.objects.contains(&o.id)) {
            for e in &o.edges {
                let to = match e.to {
                    Some(t) if view.objects.contains(&t) => object_key(t),
                    Some(_) => continue,
                    None => {
                        gone = true;
                        "gone".to_string()
                    }
                };
                let hot =
                    e.to.map(|t| view.highlight_edges.contains(&(o.id, e.name.clone(), t)))
                        .unwrap_or(false);
                d.arrows.push(Arrow {
                    from: object_key(o.id),
                    to,
                    label: e.name.clone(),
                    color: if hot {
                        palette::HIGHLIGHT
                    } else if e.weak {
                        palette::WEAK
                    } else {
                        palette::INK
                    }
                    .into(),
                    dashed: e.weak,
                    penwidth: if hot { 3 } else { 1 },
                });
            }
        }
        if gone {
            d.nodes.push(Node {
                key: "gone".into(),
                kind: NodeKind::Gone,
                lines: vec!["(object gone)".into()],
                fill: palette::PSEUDO.into(),
                border: palette::WEAK.into(),
                penwidth: 1,
                double: false,
            });
        }
        for (i, f) in view.folds.iter().enumerate() {
            let key = format!("more_{i}");
            d.nodes.push(Node {
                key: key.clone(),
                kind: NodeKind::More,
                lines: vec![format!("{} more", f.hidden)],
                fill: palette::PSEUDO.into(),
                border: palette::WEAK.into(),
                penwidth: 1,
                double: false,
            });
            let (from, to) = match f.direction {
                Direction::Forward => (object_key(f.at), key),
                Direction::Backward => (key, object_key(f.at)),
            };
            d.arrows.push(Arrow {
                from,
                to,
                label: "...".into(),
                color: palette::WEAK.into(),
                dashed: true,
                penwidth: 1,
            });
        }
        if !style.no_legend {
            let names = [
                "gen 0 (young)",
                "gen 1",
                "gen 2 (old)",
                "frozen",
                "untracked",
            ];
            let fills = [
                palette::GEN0,
                palette::GEN1,
                palette::GEN2,
                palette::FROZEN,
                palette::UNTRACKED,
            ];
            for g in generations {
                d.legend.push(LegendEntry {
                    text: names[g].into(),
                    fill: fills[g].into(),
                    border: palette::INK.into(),
                });
            }
            if any_finalizable {
                d.legend.push(LegendEntry {
                    text: "purple border: finalizable".into(),
                    fill: palette::UNTRACKED.into(),
                    border: palette::FINALIZABLE.into(),
                });
            }
            d.legend.push(edges_legend());
        }
        d
    }

    /// The whole snapshot.
    pub fn from_snapshot(snap: &Snapshot, style: &SnapshotStyle) -> Diagram {
        Diagram::from_view(snap, &View::all(snap), style)
    }
}

/// The legend entry that explains arrow styles.
pub fn edges_legend() -> LegendEntry {
    LegendEntry {
        text: "arrow: strong ref (field)\ndashed grey: weak ref\ndashed blue: outside ref".into(),
        fill: palette::UNTRACKED.into(),
        border: palette::WEAK.into(),
    }
}

/// The "outside" pseudo-node.
pub fn outside_node() -> Node {
    Node {
        key: "outside".into(),
        kind: NodeKind::Outside,
        lines: vec!["outside".into(), "(stack, globals, Rust code)".into()],
        fill: palette::PSEUDO.into(),
        border: palette::OUTSIDE.into(),
        penwidth: 1,
        double: false,
    }
}

/// A dashed arrow for `n` outside references to `to`.
pub fn outside_arrow(to: String, n: usize) -> Arrow {
    Arrow {
        from: "outside".into(),
        to,
        label: if n == 1 {
            "1 ref".into()
        } else {
            format!("{n} refs")
        },
        color: palette::OUTSIDE.into(),
        dashed: true,
        penwidth: 1,
    }
}
