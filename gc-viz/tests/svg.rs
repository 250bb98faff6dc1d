//! The layout-rs SVG of every demo frame parses as XML and shows every node's label.

use gc_viz::{demos, render::render_with_layout, to_dot, Dialect};

/// All text of an SVG document, one string per `<text>` element's lines.
fn texts(svg: &str) -> Vec<String> {
    // Graphviz writes a DOCTYPE, which roxmltree refuses unless allowed.
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(svg, opts)
        .unwrap_or_else(|e| panic!("SVG is not XML: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .map(str::to_string)
        .collect()
}

#[test]
fn demo_frames_render_with_every_label() {
    for demo in demos::DEMOS {
        for frame in demo.frames() {
            let dot = to_dot(&frame.diagram, Dialect::Portable);
            let svg = render_with_layout(&dot)
                .unwrap_or_else(|e| panic!("{} {}: {e}", demo.name, frame.slug));
            let all = texts(&svg);
            for node in &frame.diagram.nodes {
                for line in &node.lines {
                    assert!(
                        all.iter().any(|t| t == line),
                        "{} {}: label line {line:?} of {} missing from the SVG",
                        demo.name,
                        frame.slug,
                        node.key
                    );
                }
            }
            for arrow in frame.diagram.arrows.iter().filter(|a| !a.label.is_empty()) {
                assert!(
                    all.iter().any(|t| t.contains(&arrow.label)),
                    "{} {}: edge label {:?} missing",
                    demo.name,
                    frame.slug,
                    arrow.label
                );
            }
        }
    }
}

#[test]
fn stepper_page_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let written = gc_viz::write_demo("cpython-doc", dir.path(), gc_viz::Renderer::Layout).unwrap();
    assert_eq!(written.svg.len(), 9);
    let page = std::fs::read_to_string(&written.html).unwrap();
    assert_eq!(page.matches("<svg").count(), 9);
    for bad in ["src=\"http", "href=\"http", "@import", "<link"] {
        assert!(!page.contains(bad), "page refers outside: {bad}");
    }
    // Ids are namespaced per frame, so no two frames share one.
    let ids: Vec<&str> = page
        .split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in the page");
}

#[test]
fn graphviz_dialect_renders_with_dot_when_present() {
    if !gc_viz::render::graphviz_available() {
        eprintln!("skipping: Graphviz `dot` is not on PATH");
        return;
    }
    let c = demos::cpython_doc_collection();
    for i in 0..c.frames.len() {
        let d = c.diagram(i);
        let svg = gc_viz::render::render_with_graphviz(&to_dot(&d, Dialect::Graphviz)).unwrap();
        let all = texts(&svg);
        for node in &d.nodes {
            for line in &node.lines {
                assert!(all.iter().any(|t| t == line), "{line:?} missing");
            }
        }
    }
}
