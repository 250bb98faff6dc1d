//! The `gc-viz` binary: demos, rendering, snapshot commands, and clear errors (never a panic)
//! on bad input.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the built binary.
fn gc_viz(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gc-viz"))
        .args(args)
        .output()
        .expect("the gc-viz binary runs")
}

/// Asserts a clean failure: non-zero status, a `gc-viz: error:` line containing `needle`,
/// and no panic.
fn fails_with(out: &Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "expected failure, got success");
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("gc-viz: error:"), "stderr: {stderr}");
    assert!(stderr.contains(needle), "stderr lacks {needle:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
}

#[test]
fn demo_list_names_every_demo() {
    let out = gc_viz(&["demo", "--list"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for d in gc_viz::demos::DEMOS {
        assert!(text.contains(d.name), "{text}");
    }
    assert!(text.contains("cpython-doc"));
}

#[test]
fn demo_writes_dot_svg_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("frames");
    let out = gc_viz(&["demo", "cpython-doc", "--out", out_dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for stem in [
        "01-heap",
        "02-update_refs",
        "03-subtract_refs",
        "04-move_unreachable",
        "09-promote",
    ] {
        for ext in ["dot", "svg"] {
            let p = out_dir.join(format!("{stem}.{ext}"));
            assert!(p.is_file(), "missing {}", p.display());
        }
    }
    assert!(out_dir.join("index.html").is_file());
    // The heap the demo starts from is a snapshot `query` reads, alone or through frames.json.
    for file in ["01-heap.json", "frames.json"] {
        let path = out_dir.join(file);
        let out = gc_viz(&["query", path.to_str().unwrap(), "cycles"]);
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("#4 link_4"), "{file}: {text}");
    }
    // Another JSON file: the error says what gc-viz reads.
    fails_with(
        &gc_viz(&[
            "query",
            out_dir.join("index.html").to_str().unwrap(),
            "types",
        ]),
        "gc-viz reads heap snapshots",
    );
    // The live version: real gc-core objects, recorded by the observer.
    let live_dir = dir.path().join("live");
    let out = gc_viz(&[
        "demo",
        "cpython-doc",
        "--live",
        "--out",
        live_dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dot = std::fs::read_to_string(live_dir.join("03-subtract_refs.dot")).unwrap();
    assert!(dot.contains("refcount 2, gc_refs 1"), "{dot}");
    fails_with(
        &gc_viz(&[
            "demo",
            "names",
            "--live",
            "--out",
            live_dir.to_str().unwrap(),
        ]),
        "no live version",
    );
    // Every demo runs.
    for d in gc_viz::demos::DEMOS {
        let sub = dir.path().join(d.name);
        let out = gc_viz(&["demo", d.name, "--out", sub.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}: {}",
            d.name,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn render_renders_a_dot_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("g.dot");
    std::fs::write(
        &input,
        "digraph { a [label=\"first\", fillcolor=\"#cfe8ff\", style=filled]; a -> b [label=\"next\", style=dashed]; }",
    )
    .unwrap();
    let output = dir.path().join("g.svg");
    let out = gc_viz(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(&output).unwrap();
    assert!(svg.contains("first") && svg.contains("next"));
}

#[test]
fn bad_input_gets_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // Unknown demo.
    fails_with(
        &gc_viz(&[
            "demo",
            "no-such-demo",
            "--out",
            dir.path().to_str().unwrap(),
        ]),
        "unknown demo `no-such-demo`",
    );
    // No demo name.
    fails_with(&gc_viz(&["demo"]), "demo name");
    // Malformed DOT.
    let bad = dir.path().join("bad.dot");
    for text in [
        "digraph { a -> ; }",
        "digraph { a [label=\"x",
        "not a graph",
        "",
    ] {
        std::fs::write(&bad, text).unwrap();
        let svg = dir.path().join("bad.svg");
        fails_with(
            &gc_viz(&["render", bad.to_str().unwrap(), "-o", svg.to_str().unwrap()]),
            "DOT",
        );
        assert!(!svg.exists());
    }
    // DOT that makes layout-rs itself panic (a record label it cannot split).
    std::fs::write(&bad, "digraph { a [shape=record, label=\"{\"]; }").unwrap();
    fails_with(
        &gc_viz(&[
            "render",
            bad.to_str().unwrap(),
            "-o",
            "/tmp/never.svg",
            "--renderer",
            "layout",
        ]),
        "layout-rs failed",
    );
    // Missing input file.
    fails_with(
        &gc_viz(&["render", "/nonexistent/in.dot", "-o", "/tmp/x.svg"]),
        "/nonexistent/in.dot",
    );
    // Unwritable output directory: a path below a regular file.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let below = file.join("out");
    fails_with(
        &gc_viz(&["demo", "cpython-doc", "--out", below.to_str().unwrap()]),
        "a-file",
    );
    // Malformed snapshot JSON and unknown object ids.
    let json = dir.path().join("s.json");
    std::fs::write(&json, "{ not json").unwrap();
    fails_with(&gc_viz(&["query", json.to_str().unwrap(), "types"]), "JSON");
    std::fs::write(&json, gc_viz::demos::cpython_doc_heap().to_json()).unwrap();
    fails_with(
        &gc_viz(&["query", json.to_str().unwrap(), "why", "99"]),
        "no object with id 99",
    );
    fails_with(
        &gc_viz(&["query", json.to_str().unwrap(), "colours"]),
        "unknown query",
    );
    let out_txt = dir.path().join("x.txt");
    fails_with(
        &gc_viz(&[
            "draw",
            json.to_str().unwrap(),
            "-o",
            out_txt.to_str().unwrap(),
        ]),
        ".dot, .svg, .json, .gv or .html",
    );
}

#[test]
fn snapshot_commands() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("s.json");
    std::fs::write(&json, gc_viz::demos::cpython_doc_heap().to_json()).unwrap();
    let j = json.to_str().unwrap();
    let out = gc_viz(&["query", j, "why", "3"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "A (root) -> link_1 #1 -.next_link-> link_2 #2 -.next_link-> link_3 #3"
    );
    let out = gc_viz(&["query", j, "cycles"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("kind") && text.contains("outside refs"),
        "{text}"
    );
    let garbage = text.lines().find(|l| l.starts_with("garbage")).unwrap();
    assert!(
        garbage.contains("1 member") && garbage.contains("#4 link_4"),
        "{text}"
    );
    let held = text.lines().find(|l| l.starts_with("key")).unwrap();
    assert!(
        held.contains("3 members") && held.contains("#1 link_1"),
        "{text}"
    );
    let out = gc_viz(&["query", j, "types"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("4  Link"));
    for (flag, file) in [
        ("--why", "why.svg"),
        ("--refs", "refs.dot"),
        ("--backrefs", "back.json"),
    ] {
        let target = dir.path().join(file);
        let out = gc_viz(&["draw", j, "-o", target.to_str().unwrap(), flag, "2"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(Path::new(&target).is_file());
    }
    let out = gc_viz(&["growth", j, j]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("no type changed"));
    let mut more = gc_viz::demos::cpython_doc_heap();
    let mut extra = more.objects[0].clone();
    extra.id = 99;
    more.objects.push(extra);
    let after = dir.path().join("after.json");
    std::fs::write(&after, more.to_json()).unwrap();
    let out = gc_viz(&["growth", j, after.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    for column in ["type", "before", "after", "change", "new object ids"] {
        assert!(header.contains(column), "{text}");
    }
    let row = lines.next().unwrap();
    assert!(
        row.starts_with("Link") && row.contains("+1") && row.contains("#99"),
        "{text}"
    );
}

/// Asserts a usage failure: status 2, one `gc-viz: error:` line with `needle`, a pointer to
/// the help, no panic.
fn usage_error(out: &Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("gc-viz: error:"), "stderr: {stderr}");
    assert!(stderr.contains(needle), "stderr lacks {needle:?}: {stderr}");
    assert!(stderr.contains("--help"), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
}

#[test]
fn command_line_parsing() {
    for help in [
        &["--help"][..],
        &["-h"],
        &[],
        &["help"],
        &["draw", "--help"],
    ] {
        let out = gc_viz(help);
        assert!(out.status.success(), "{help:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        for command in ["demo", "render", "draw", "query", "growth", "--renderer"] {
            assert!(text.contains(command), "{help:?}: {text}");
        }
    }
    let out = gc_viz(&["--version"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("gc-viz "));
    usage_error(&gc_viz(&["paint"]), "unknown command `paint`");
    usage_error(&gc_viz(&["demo", "--colour"]), "unknown option `--colour`");
    usage_error(&gc_viz(&["demo", "x", "--out"]), "needs a value");
    usage_error(
        &gc_viz(&["demo", "x", "--renderer", "magic"]),
        "use auto, layout or graphviz",
    );
    usage_error(
        &gc_viz(&["render", "in.dot"]),
        "missing the output SVG file",
    );
    usage_error(&gc_viz(&["render"]), "missing the input DOT file");
    usage_error(
        &gc_viz(&["draw", "s.json", "-o", "x.svg", "--depth", "deep"]),
        "expected a whole number",
    );
    usage_error(
        &gc_viz(&["draw", "s.json", "-o", "x.svg", "--refs", "1", "--why", "2"]),
        "at most one of",
    );
    usage_error(&gc_viz(&["query", "s.json", "why", "x"]), "whole number");
    usage_error(&gc_viz(&["growth", "a.json"]), "missing the later snapshot");
    usage_error(
        &gc_viz(&["growth", "a", "b", "c"]),
        "unexpected argument `c`",
    );
    // `--name=value` and options after positionals work.
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("d");
    let out = gc_viz(&[
        "demo",
        "names",
        "--renderer=layout",
        &format!("--out={}", out_dir.display()),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out_dir.join("index.html").is_file());
}

#[test]
fn the_library_does_not_depend_on_clap() {
    // The binary parses its own arguments: using gc-viz as a library (as minipy does) pulls in
    // no command-line parser.
    let manifest =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    assert!(!deps.contains("clap"), "{deps}");
}
