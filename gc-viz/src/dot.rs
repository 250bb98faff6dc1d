//! The DOT writer. Output is deterministic (it follows the diagram's order and nothing else),
//! so it can be compared with golden files.
//!
//! Two dialects:
//! - [`Dialect::Portable`] (default) keeps to what the pure-Rust renderer layout-rs draws:
//!   `shape=box`, `style=filled`, `fillcolor`/`color` in hex, `label`, `style=dashed` and
//!   integer `penwidth` on edges, `fontsize`. No clusters, no graph label, no `invis`. The title
//!   and legend are `//` comments at the top (layout-rs could only draw them as a column of
//!   boxes floating beside the graph); the SVG gets them as a caption instead
//!   ([`crate::render::add_caption`]). Graphviz reads this dialect too.
//! - [`Dialect::Graphviz`] adds what only Graphviz draws: a graph label for the title, the
//!   legend in a cluster with invisible edges, double borders (`peripheries=2`) on finalizable
//!   objects, `penwidth` on nodes, a font.

use crate::diagram::{Diagram, NodeKind};

/// Which DOT subset to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    /// The layout-rs subset (renders everywhere, no system package).
    #[default]
    Portable,
    /// Full Graphviz (`dot` on PATH).
    Graphviz,
}

/// Quotes a DOT string: `"` and `\` escaped, newlines as `\n`, carriage returns dropped, and
/// every other control character (a NUL in a field name, an escape sequence) written as the
/// visible text `\u{1b}`: DOT has no escape for them, and raw they make the file unreadable
/// (layout-rs stops at a NUL; XML, hence SVG, forbids most of them).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push_str(&format!("\\\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes `d` as DOT.
pub fn to_dot(d: &Diagram, dialect: Dialect) -> String {
    let mut out = String::new();
    out.push_str("digraph heap {\n");
    if dialect == Dialect::Graphviz {
        out.push_str("  graph [fontname=\"Helvetica\", nodesep=0.4, ranksep=0.5];\n");
        if let Some(t) = &d.title {
            out.push_str(&format!("  label={}; labelloc=t;\n", quote(t)));
        }
        out.push_str(
            "  node [shape=box, style=\"filled,rounded\", fontname=\"Helvetica\", fontsize=11];\n",
        );
        out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    } else {
        out.push_str("  node [shape=box, style=filled, fontsize=12];\n");
        out.push_str("  edge [fontsize=11];\n");
    }
    write_legend(&mut out, d, dialect);
    for n in &d.nodes {
        let mut attrs = vec![
            format!("label={}", quote(&n.lines.join("\n"))),
            format!("fillcolor={}", quote(&n.fill)),
            format!("color={}", quote(&n.border)),
        ];
        if dialect == Dialect::Graphviz {
            if n.penwidth != 1 {
                attrs.push(format!("penwidth={}", n.penwidth));
            }
            if n.double {
                attrs.push("peripheries=2".into());
            }
            if matches!(n.kind, NodeKind::Root | NodeKind::Outside) {
                attrs.push("shape=box, style=\"filled,dashed\"".into());
            }
        }
        out.push_str(&format!("  {} [{}];\n", n.key, attrs.join(", ")));
    }
    for a in &d.arrows {
        let mut attrs = vec![
            format!("label={}", quote(&a.label)),
            format!("color={}", quote(&a.color)),
        ];
        if a.dashed {
            attrs.push("style=dashed".into());
        }
        if a.penwidth != 1 {
            attrs.push(format!("penwidth={}", a.penwidth));
        }
        if dialect == Dialect::Graphviz && a.color != crate::diagram::palette::INK {
            attrs.push(format!("fontcolor={}", quote(&a.color)));
        }
        out.push_str(&format!(
            "  {} -> {} [{}];\n",
            a.from,
            a.to,
            attrs.join(", ")
        ));
    }
    out.push_str("}\n");
    out
}

/// The title and legend: a cluster for Graphviz, `//` comments for the portable dialect.
fn write_legend(out: &mut String, d: &Diagram, dialect: Dialect) {
    if dialect == Dialect::Portable {
        // Comments end at a line break: keep every line of the text behind its own `//`.
        let comment = |text: &str| -> String {
            text.lines()
                .map(|l| {
                    l.chars()
                        .map(|c| if c.is_control() { ' ' } else { c })
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(" / ")
        };
        let mut header = String::new();
        if let Some(t) = &d.title {
            header.push_str(&format!("  // {}\n", comment(t)));
        }
        for e in &d.legend {
            header.push_str(&format!("  // legend: {} = {}\n", e.fill, comment(&e.text)));
        }
        // Put the comments right after the opening line.
        let at = out.find('\n').map(|i| i + 1).unwrap_or(out.len());
        out.insert_str(at, &header);
        return;
    }
    let mut keys = Vec::new();
    let mut body = String::new();
    if !d.legend.is_empty() {
        body.push_str(
            "  legend_head [label=\"Legend\", fillcolor=\"#ffffff\", color=\"#ffffff\"];\n",
        );
        keys.push("legend_head".to_string());
    }
    for (i, e) in d.legend.iter().enumerate() {
        let key = format!("legend_{i}");
        body.push_str(&format!(
            "  {key} [label={}, fillcolor={}, color={}];\n",
            quote(&e.text),
            quote(&e.fill),
            quote(&e.border)
        ));
        keys.push(key);
    }
    if keys.is_empty() {
        return;
    }
    out.push_str("  subgraph cluster_legend {\n    label=\"\"; color=\"#bbbbbb\";\n");
    for line in body.lines() {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    for w in keys.windows(2) {
        out.push_str(&format!("    {} -> {} [style=invis];\n", w[0], w[1]));
    }
    out.push_str("  }\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(quote("a\0b\u{1b}\t"), "\"a\\\\u{0}b\\\\u{1b}\\\\u{9}\"");
    }
}
