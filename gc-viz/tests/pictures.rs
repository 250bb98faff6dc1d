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

/// The text inside every element named `tag`.
fn texts_in(doc: &roxmltree::Document<'_>, tag: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == tag)
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect::<String>()
        })
        .collect()
}

#[test]
fn layout_rs_edge_labels_follow_their_edges_and_self_loops_are_readable() {
    let svg = render_with_layout(
        "digraph { a -> b [label=\"next\"]; b -> c [label=\"child\"]; a -> a [label=\"me\"]; }",
    )
    .unwrap();
    let doc = parse(&svg);
    // Each label is written along its edge's path (a textPath pointing at that path).
    let on_paths = texts_in(&doc, "textPath");
    assert!(on_paths.contains(&"next".to_string()), "{on_paths:?}");
    assert!(on_paths.contains(&"child".to_string()), "{on_paths:?}");
    for tp in doc
        .descendants()
        .filter(|n| n.tag_name().name() == "textPath" && !n.text().unwrap_or("").is_empty())
    {
        let href = tp.attribute("href").unwrap();
        let target = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(&href[1..]))
            .expect("the textPath's path exists");
        assert_eq!(target.tag_name().name(), "path");
    }
    // No label floats as a separate text.
    let free: Vec<String> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "tspan")
        .filter(|n| !n.ancestors().any(|a| a.tag_name().name() == "textPath"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect();
    assert!(
        !free.iter().any(|t| t == "next" || t == "child"),
        "{free:?}"
    );
    // The self-loop is a line in its node's box, not a tangle.
    assert!(free.iter().any(|t| t == "me -> itself"), "{free:?}");
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
