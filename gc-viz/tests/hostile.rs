//! Hostile input: the `gc-viz` binary must answer every one with a clear error and a non-zero
//! exit (or a correct answer), never a crash (stack overflow, abort), a hang or unbounded
//! growth. Inputs are sized like the reports that found the problems, but the limits refuse
//! them after a bounded amount of work, so the whole file runs in seconds.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the built binary.
fn gc_viz(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gc-viz"))
        .args(args)
        .output()
        .expect("the gc-viz binary runs")
}

/// Asserts a clean failure: status 1, a `gc-viz: error:` line containing `needle`, no panic.
fn fails_with(out: &Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("gc-viz: error:"), "stderr: {stderr}");
    assert!(stderr.contains(needle), "stderr lacks {needle:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
}

/// Renders `dot` with layout-rs through the binary; returns the output and whether an SVG
/// was written.
fn render_layout(dir: &Path, dot: &str) -> (Output, bool) {
    let input = dir.join("in.dot");
    let output = dir.join("out.svg");
    let _ = std::fs::remove_file(&output);
    std::fs::write(&input, dot).unwrap();
    let out = gc_viz(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
        "--renderer",
        "layout",
    ]);
    (out, output.exists())
}

#[test]
fn deep_nesting_is_refused_before_layout_rs_recurses() {
    let dir = tempfile::tempdir().unwrap();
    // 10,000 nested subgraphs.
    let mut dot = String::from("digraph {");
    dot.push_str(&"subgraph {".repeat(10_000));
    dot.push_str(" a -> b; ");
    dot.push_str(&"}".repeat(10_000));
    dot.push('}');
    let (out, written) = render_layout(dir.path(), &dot);
    fails_with(&out, "nest more than 32 deep");
    assert!(!written);
    // 100,000 nested anonymous blocks.
    let dot = format!("digraph {}a{}}}", "{".repeat(100_000), "}".repeat(100_000));
    let (out, written) = render_layout(dir.path(), &dot);
    fails_with(&out, "nest more than 32 deep");
    assert!(!written);
    // A record label with 50,000 nested `{`.
    let dot = format!(
        "digraph {{ a [shape=record, label=\"{}x{}\"]; }}",
        "{".repeat(50_000),
        "}".repeat(50_000)
    );
    let (out, written) = render_layout(dir.path(), &dot);
    fails_with(&out, "record label");
    assert!(!written);
    // Nesting within the limits still renders.
    let dot = format!(
        "digraph {{ {} a -> b; {} c [shape=record, label=\"{{x|{{y|z}}}}\"]; }}",
        "subgraph {".repeat(20),
        "}".repeat(20)
    );
    let (out, written) = render_layout(dir.path(), &dot);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(written);
}

#[test]
fn costly_layouts_are_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    // A complete 20-node graph: 5 KB of DOT, 400 nodes plus edges, minutes in layout-rs;
    // and a complete 12-node graph, which is refused for its crossing work alone.
    for (n, needle) in [
        (20, "more than layout-rs lays out"),
        (12, "edge-crossing work"),
    ] {
        let mut dot = String::from("digraph {");
        for i in 0..n {
            for j in 0..n {
                if i != j {
                    dot.push_str(&format!(" n{i} -> n{j};"));
                }
            }
        }
        dot.push('}');
        let (out, written) = render_layout(dir.path(), &dot);
        fails_with(&out, needle);
        assert!(!written);
    }
    // 40 diamonds in a row and an edge into the first: layout-rs's cycle check would walk
    // 2^40 paths.
    let mut dot = String::from("digraph {");
    for i in 0..40 {
        dot.push_str(&format!(
            " a{i} -> b{i}; a{i} -> c{i}; b{i} -> a{n}; c{i} -> a{n};",
            n = i + 1
        ));
    }
    dot.push_str(" z -> a0; }");
    let (out, written) = render_layout(dir.path(), &dot);
    fails_with(&out, "search steps");
    assert!(!written);
    // A node with 100,000 attributes.
    let mut dot = String::from("digraph { a [");
    for i in 0..100_000 {
        dot.push_str(&format!("k{i}=v, "));
    }
    dot.push_str("]; a -> b; }");
    let (out, written) = render_layout(dir.path(), &dot);
    fails_with(&out, "attributes");
    assert!(!written);
    // Thousands of default attributes copied to a hundred nodes.
    let mut dot = String::from("digraph { node [");
    for i in 0..4_900 {
        dot.push_str(&format!("k{i}=v, "));
    }
    dot.push_str("];");
    for i in 0..100 {
        dot.push_str(&format!(" x{i} -> x{};", i + 1));
    }
    dot.push('}');
    let (out, written) = render_layout(dir.path(), &dot);
    fails_with(&out, "attribute copying");
    assert!(!written);
    // More than 400 nodes plus edges.
    let mut dot = String::from("digraph {");
    for i in 0..250 {
        dot.push_str(&format!(" n{i} -> n{};", i + 1));
    }
    dot.push('}');
    let (out, written) = render_layout(dir.path(), &dot);
    fails_with(&out, "limit 400 nodes plus edges");
    assert!(!written);
    // Few nodes and edges, but long edges: a chain of 150 and 14 edges from its first node to
    // its last, each split into 149 segments.
    let mut dot = String::from("digraph {");
    for i in 0..150 {
        dot.push_str(&format!(" n{i} -> n{};", i + 1));
    }
    for _ in 0..14 {
        dot.push_str(" n0 -> n150;");
    }
    dot.push('}');
    let (out, written) = render_layout(dir.path(), &dot);
    fails_with(&out, "nodes once long edges are split");
    assert!(!written);
}

#[test]
fn query_cycles_on_a_100000_object_chain() {
    // What `gc.dump('x.json')` writes for a minipy linked list of 100,000 nodes, closed into
    // one cycle at the end so the answer is one cycle of every object.
    let n: u64 = 100_000;
    let mut json = String::from("{\"objects\":[");
    for id in 1..=n {
        let next = if id == n { 1 } else { id + 1 };
        if id > 1 {
            json.push(',');
        }
        json.push_str(&format!(
            "{{\"id\":{id},\"type_name\":\"Node\",\"strong\":{},\"generation\":0,\
             \"edges\":[{{\"name\":\"next\",\"to\":{next}}}]}}",
            if id == 1 { 2 } else { 1 }
        ));
    }
    json.push_str("],\"roots\":[{\"name\":\"head\",\"target\":1}]}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chain.json");
    std::fs::write(&path, json).unwrap();
    let out = gc_viz(&["query", path.to_str().unwrap(), "cycles"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let row = stdout.lines().nth(1).unwrap_or_default();
    assert!(
        row.starts_with("key") && row.contains("100000 members") && row.contains("99990 more"),
        "{}",
        &stdout[..stdout.len().min(300)]
    );
    // The answer stays short: members past the first few are counted, not listed.
    assert!(stdout.len() < 2_000, "{} bytes", stdout.len());
}

/// A stand-in for Graphviz `dot` in a directory to put first on PATH: answers `-V`, and
/// otherwise does what `FAKE_DOT_MODE` says: `sleep` (never finishes), `empty` (reads its input,
/// writes nothing, succeeds), `echo` (writes its input inside `<svg>`), `evil` (writes an SVG
/// with a `javascript:` link and a stylesheet).
fn fake_dot(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("fakebin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = bin.join("dot");
    if script.exists() {
        return bin;
    }
    std::fs::write(
        &script,
        r#"#!/bin/sh
if [ "$1" = "-V" ]; then echo "fake dot" >&2; exit 0; fi
case "$FAKE_DOT_MODE" in
  sleep) exec sleep 600 ;;
  empty) cat > /dev/null; exit 0 ;;
  echo) printf '<svg>'; cat; printf '</svg>\n' ;;
  evil) cat > /dev/null
        printf '<?xml version="1.0"?>\n<?xml-stylesheet href="http://evil/s.css"?>\n'
        printf '<svg><g id="a_node1"><a xlink:href="javascript:alert(1)" target="_top">'
        printf '<text onclick="x()">n</text></a></g><script>alert(2)</script></svg>\n' ;;
esac
"#,
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

/// Renders `dot` with `--renderer graphviz`, the fake `dot` first on PATH in `mode`.
fn render_fake(dir: &Path, dot: &str, mode: &str) -> (Output, Option<String>) {
    let bin = fake_dot(dir);
    let input = dir.join("in.dot");
    let output = dir.join("out.svg");
    let _ = std::fs::remove_file(&output);
    std::fs::write(&input, dot).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // Another test thread forking while the script was being written can make the first
    // runs fail with ETXTBSY ("Text file busy"); try again a bounded number of times.
    let mut tries = 0;
    let out = loop {
        let out = Command::new(env!("CARGO_BIN_EXE_gc-viz"))
            .args([
                "render",
                input.to_str().unwrap(),
                "-o",
                output.to_str().unwrap(),
                "--renderer",
                "graphviz",
            ])
            .env("PATH", &path)
            .env("FAKE_DOT_MODE", mode)
            .env("GC_VIZ_GRAPHVIZ_TIMEOUT", "1")
            .output()
            .expect("the gc-viz binary runs");
        tries += 1;
        if tries < 50 && String::from_utf8_lossy(&out.stderr).contains("Text file busy") {
            std::thread::sleep(std::time::Duration::from_millis(20));
            continue;
        }
        break out;
    };
    (out, std::fs::read_to_string(&output).ok())
}

/// A DOT text with every kind of active content Graphviz would put in its SVG.
const HOSTILE_DOT: &str = r#"digraph {
  URL="javascript:alert('graph')"; stylesheet="http://evil/s.css"; comment="--><script>x</script>";
  a [URL="javascript:alert(1)", href="javascript:alert(2)", target="_top", tooltip="fine",
     image="/etc/passwd", shapefile="/etc/passwd", label=<<A HREF="javascript:alert(3)">hi</A>>];
  a -> b [edgeURL="javascript:e()", headURL="javascript:h()", tailURL="javascript:t()",
          labelURL="javascript:l()", edgehref="javascript:e()", headhref="javascript:h()",
          tailhref="javascript:t()", labelhref="javascript:l()", "URL"="java" + "script:c()"];
  c [imagepath="/", fontpath="/", labeltarget="_blank", label="c"];
}"#;

/// Asserts that an SVG carries no active content.
fn no_active_content(svg: &str) {
    let lower = svg.to_ascii_lowercase();
    for bad in [
        "javascript:",
        "href=\"java",
        "xlink:href=\"http",
        "stylesheet",
        "<script",
        "onclick",
        "target=",
        "/etc/passwd",
    ] {
        assert!(!lower.contains(bad), "{bad:?} in {svg}");
    }
}

#[test]
fn graphviz_is_stopped_at_its_time_limit() {
    let dir = tempfile::tempdir().unwrap();
    let (out, svg) = render_fake(dir.path(), "digraph { a -> b; }", "sleep");
    fails_with(&out, "did not finish within 1 s");
    assert!(svg.is_none());
}

#[test]
fn graphviz_with_no_graph_or_no_svg_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    for text in [
        "",
        "  \n",
        "// only a comment\n/* and another */\n",
        "# a line\n",
    ] {
        let (out, svg) = render_fake(dir.path(), text, "echo");
        fails_with(&out, "no graph");
        assert!(svg.is_none());
    }
    let (out, svg) = render_fake(dir.path(), "digraph { a -> b; }", "empty");
    fails_with(&out, "wrote no SVG");
    assert!(svg.is_none());
}

#[test]
fn graphviz_gets_no_active_content_and_returns_none() {
    let dir = tempfile::tempdir().unwrap();
    // What reaches `dot` (echoed back) has no link, script, stylesheet or file attribute.
    let (out, svg) = render_fake(dir.path(), HOSTILE_DOT, "echo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = svg.unwrap();
    no_active_content(&svg);
    let lower = svg.to_ascii_lowercase();
    for attr in [
        "url",
        "href",
        "image",
        "shapefile",
        "imagepath",
        "fontpath",
        "comment",
    ] {
        assert!(!lower.contains(&format!("{attr}=")), "{attr} in {svg}");
    }
    assert!(svg.contains("tooltip=\"fine\""), "{svg}");
    assert!(svg.contains("label=\"hi\""), "{svg}");
    // Whatever `dot` writes back is cleaned too.
    let (out, svg) = render_fake(dir.path(), "digraph { a -> b; }", "evil");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = svg.unwrap();
    no_active_content(&svg);
    assert!(svg.contains("<text>n</text>"), "{svg}");
}

#[test]
fn real_graphviz_output_has_no_active_content() {
    if !gc_viz::render::graphviz_available() {
        eprintln!("skipped: Graphviz `dot` is not installed");
        return;
    }
    let svg = gc_viz::render::render_with_graphviz(HOSTILE_DOT).expect("renders");
    no_active_content(&svg);
    // Graphviz wraps a node with a tooltip in `<a xlink:title>`; no link may remain.
    assert!(!svg.to_ascii_lowercase().contains("href="), "{svg}");
    assert!(svg.contains("fine"), "the tooltip stays: {svg}");
    assert!(matches!(
        gc_viz::render::render_with_graphviz("/* nothing */"),
        Err(gc_viz::Error::Dot(_))
    ));
}

#[test]
fn control_characters_in_names_survive_a_round_trip() {
    use gc_viz::{to_dot, Diagram, Dialect, Snapshot, SnapshotBuilder, SnapshotStyle};
    // What `gc.dump` of an object with an attribute named "a\0b" writes.
    let mut b = SnapshotBuilder::new();
    let x = b.object("Node", "x\u{1b}[31m");
    let y = b.object("Node", "y");
    b.edge(x, "a\0b", y).root("x", x);
    let snap = b.build();
    // JSON keeps the names exactly.
    assert_eq!(Snapshot::from_json(&snap.to_json()).unwrap(), snap);
    for dialect in [Dialect::Portable, Dialect::Graphviz] {
        let dot = to_dot(
            &Diagram::from_snapshot(&snap, &SnapshotStyle::default()),
            dialect,
        );
        assert!(!dot.chars().any(|c| c.is_control() && c != '\n'), "{dot:?}");
        assert!(dot.contains(r#"label="a\\u{0}b""#), "{dot}");
        // layout-rs reads it back, with the whole label.
        let graph = layout::gv::DotParser::new(&dot)
            .process()
            .expect("the DOT parses");
        let mut labels = Vec::new();
        let mut stack = vec![graph.list.list.iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                None => {
                    stack.pop();
                }
                Some(layout::gv::parser::ast::Stmt::SubGraph(g)) => stack.push(g.list.list.iter()),
                Some(layout::gv::parser::ast::Stmt::Edge(e)) => labels.extend(
                    e.list
                        .list
                        .iter()
                        .filter(|(k, _)| k == "label")
                        .map(|(_, v)| v.clone()),
                ),
                Some(_) => {}
            }
        }
        assert!(labels.iter().any(|l| l == "a\\u{0}b"), "{labels:?}");
    }
    // The SVG is well-formed XML and shows the escaped names.
    let dot = to_dot(
        &Diagram::from_snapshot(&snap, &SnapshotStyle::default()),
        Dialect::Portable,
    );
    let svg = gc_viz::render::render_with_layout(&dot).expect("renders");
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is XML");
    let text: String = doc
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("a\\u{0}b"), "{text}");
    assert!(text.contains("x\\u{1b}[31m"), "{text}");
    // And so is the HTML page.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("heap.html");
    gc_viz::write_snapshot(&snap, None, &page, gc_viz::Renderer::Layout).unwrap();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn random_dot_never_panics_or_hangs() {
    // A fixed pseudo-random walk over DOT's tokens and a few troublemakers: every input gets
    // an answer (SVG or error) from every function that reads DOT or SVG text.
    const TOKENS: &[&str] = &[
        "digraph",
        "graph",
        "subgraph",
        "node",
        "edge",
        "{",
        "}",
        "[",
        "]",
        "=",
        ";",
        ",",
        "->",
        "--",
        "a",
        "b",
        "c",
        "\"x\"",
        "\"{\"",
        "\"a|{b|c}\"",
        "label",
        "shape",
        "record",
        "<",
        ">",
        "/*",
        "*/",
        "//",
        "\n",
        "\\",
        "é",
        "\"",
        "+",
        "URL",
        "#",
        ":",
        "-1.5",
        "style",
        "dashed",
        "\0",
    ];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let (mut answered, mut drawn) = (0, 0);
    for case in 0..400 {
        let len = next(40);
        let mut dot = String::new();
        if case % 2 == 0 {
            dot.push_str("digraph { a -> b; ");
        }
        for _ in 0..len {
            dot.push_str(TOKENS[next(TOKENS.len())]);
            dot.push(' ');
        }
        if case % 2 == 0 {
            dot.push('}');
        }
        let _ = gc_viz::guard::scan(&dot);
        let _ = gc_viz::sanitize::sanitize_dot(&dot);
        let _ = gc_viz::sanitize::sanitize_svg(&dot);
        let svg = gc_viz::render::render_with_layout(&dot);
        if let Ok(svg) = &svg {
            drawn += 1;
            assert!(svg.contains("<svg"));
            let caption = gc_viz::render::Caption {
                title: Some(dot.clone()),
                ..Default::default()
            };
            let with = gc_viz::render::add_caption(svg, &caption);
            assert!(!with.contains('\0'));
        }
        answered += 1;
    }
    assert_eq!(answered, 400);
    // Some inputs are real graphs that get drawn.
    assert!(drawn > 10, "{drawn} drawn");
}
