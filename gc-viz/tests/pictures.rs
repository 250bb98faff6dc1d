//! What a new user sees: edge labels on their edges, self-loops readable, a caption in every
//! standalone SVG, frames numbered as the stepper counts, gc_refs kept in the
//! move_unreachable frame, and phases that change nothing saying so.

use gc_viz::{demos, render::render_with_layout, Renderer, Step};

/// Parses an SVG (allowing Graphviz's DOCTYPE).
fn parse(svg: &str) -> roxmltree::Document<'_> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(svg, opts).expect("the SVG is XML")
}

/// The start and end points of a path's `d`.
fn ends(d: &str) -> ((f64, f64), (f64, f64)) {
    let n: Vec<f64> = d
        .split(|c: char| c.is_whitespace() || c == ',' || c.is_ascii_alphabetic())
        .filter_map(|x| x.parse().ok())
        .collect();
    ((n[0], n[1]), (n[n.len() - 2], n[n.len() - 1]))
}

#[test]
fn layout_rs_edge_labels_sit_by_their_edges_and_self_loops_are_readable() {
    let svg = render_with_layout(
        "digraph { a -> b [label=\"next\"]; b -> a [label=\"back\"]; b -> c [label=\"child\"]; \
         a -> a [label=\"me\"]; }",
    )
    .unwrap();
    let doc = parse(&svg);
    let labels: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("edge-label"))
        .collect();
    let names: Vec<&str> = labels.iter().filter_map(|n| n.text()).collect();
    assert_eq!(names, ["next", "back", "child"]);
    let mut xs = Vec::new();
    for label in &labels {
        // Each label names its edge's path and sits by the middle of it.
        let id = label.attribute("data-edge").unwrap();
        let path = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(id))
            .expect("the label's path exists");
        assert_eq!(path.tag_name().name(), "path");
        let ((sx, sy), (ex, ey)) = ends(path.attribute("d").unwrap());
        let x: f64 = label.attribute("x").unwrap().parse().unwrap();
        let y: f64 = label.attribute("y").unwrap().parse().unwrap();
        assert!(
            y > sy.min(ey) && y < sy.max(ey) + 10.0,
            "{:?} y {y}",
            label.text()
        );
        assert!(
            (x - (sx + ex) / 2.0).abs() < 60.0,
            "{:?} x {x}",
            label.text()
        );
        xs.push((x, path.attribute("d").unwrap().to_string()));
    }
    // a -> b and b -> a: two distinct curves, labels on either side.
    assert_ne!(xs[0].1, xs[1].1);
    assert!((xs[0].0 - xs[1].0).abs() > 5.0);
    // The self-loop is a line in its node's box, not a tangle.
    let tspans: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "tspan")
        .filter_map(|n| n.text())
        .collect();
    assert!(tspans.contains(&"me -> itself"), "{tspans:?}");
    assert!(!tspans.iter().any(|t| ["next", "back", "child"].contains(t)));
}

#[test]
fn demo_frames_are_numbered_from_one_with_captions() {
    let dir = tempfile::tempdir().unwrap();
    gc_viz::write_demo("cpython-doc", dir.path(), Renderer::Layout).unwrap();
    let svg = std::fs::read_to_string(dir.path().join("04-move_unreachable.svg")).unwrap();
    let doc = parse(&svg);
    let caption: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("gc-viz-caption"))
        .flat_map(|g| {
            g.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .map(str::to_string)
        })
        .collect();
    let all = caption.join(" ");
    assert!(all.contains("04 move_unreachable"), "{all}");
    assert!(
        all.contains("everything reachable from a candidate"),
        "{all}"
    );
    assert!(all.contains("rescued: reached from a live object"), "{all}");
    // gc_refs stays in the move_unreachable frame.
    let dot = std::fs::read_to_string(dir.path().join("04-move_unreachable.dot")).unwrap();
    assert!(dot.contains("refcount 2, gc_refs 1"), "{dot}");
    assert!(dot.contains("refcount 1, gc_refs 0\\nrescued"), "{dot}");
    // No legend boxes float beside the graph in the portable DOT.
    assert!(!dot.contains("legend_"), "{dot}");
    // The page: titles from 01, as the counter.
    let html = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert!(html.contains("<option value=\"0\">01 heap"), "titles");
    assert!(
        html.contains("<option value=\"3\">04 move_unreachable"),
        "titles"
    );
    assert!(html.contains("1 / 9"));
    assert!(!html.contains(">00 "));
}

#[test]
fn phases_that_change_nothing_say_so() {
    let c = demos::cpython_doc_collection();
    let description = |step: Step| {
        let i = c.frames.iter().position(|f| f.step == step).unwrap();
        c.diagram(i).description.unwrap()
    };
    // CPython's example has no weak references and no finalizers.
    for step in [Step::ClearWeakrefs, Step::Finalize, Step::HandleResurrected] {
        assert!(description(step).contains("Nothing changes"), "{step:?}");
    }
    for step in [
        Step::SubtractRefs,
        Step::MoveUnreachable,
        Step::DeleteGarbage,
    ] {
        assert!(!description(step).contains("Nothing changes"), "{step:?}");
    }
    assert!(description(Step::Promote).contains("already moved"));
}
