//! Golden tests on the DOT writer: the frames of CPython's documented example and a snapshot
//! with named edges, weak edges and several generations.
//!
//! The goldens live in `tests/golden/`. After an intended change of output, regenerate them
//! with `GC_VIZ_BLESS=1 cargo test -p gc-viz --test golden` and review the diff.

use gc_viz::{demos, to_dot, Diagram, Dialect, Snapshot, SnapshotBuilder, SnapshotStyle};
use std::path::PathBuf;

/// Compares `actual` with `tests/golden/NAME`, or writes it when `GC_VIZ_BLESS` is set.
fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("GC_VIZ_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "missing golden {} ({e}); run with GC_VIZ_BLESS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the golden at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             (GC_VIZ_BLESS=1 regenerates the goldens)",
            name,
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

#[test]
fn cpython_doc_frames() {
    let c = demos::cpython_doc_collection();
    let names: Vec<&str> = c.frames.iter().map(|f| f.step.slug()).collect();
    assert_eq!(
        names,
        [
            "heap",
            "update_refs",
            "subtract_refs",
            "move_unreachable",
            "clear_weakrefs",
            "finalize",
            "handle_resurrected",
            "delete_garbage",
            "promote"
        ]
    );
    for (i, f) in c.frames.iter().enumerate() {
        let dot = to_dot(&c.diagram(i), Dialect::Portable);
        golden(
            &format!("cpython-doc-{:02}-{}.dot", i + 1, f.step.slug()),
            &dot,
        );
    }
    // The Graphviz dialect of the most telling frame.
    golden(
        "cpython-doc-03-subtract_refs.gv",
        &to_dot(&c.diagram(2), Dialect::Graphviz),
    );
}

/// A heap with named edges (fields, indices, keys), weak edges (one dead), every generation,
/// a frozen object, an untracked one and a finalizable one.
pub fn mixed_heap() -> Snapshot {
    let mut b = SnapshotBuilder::new();
    let module = b.object("minipy::Module", "module");
    let list = b.object("alloc::vec::Vec<minipy::Value>", "items");
    let node = b.object("Node", "node");
    let parent = b.object("Node", "parent");
    let cache = b.object("Cache", "cache");
    let int = b.untracked("int", "42");
    let frozen = b.object("Builtins", "builtins");
    let fin = b.object("File", "file");
    b.generation(module, 2)
        .generation(list, 1)
        .generation(cache, 1);
    b.frozen(frozen).finalizable(fin);
    b.edge(module, "attrs[\"items\"]", list)
        .edge(list, "[0]", node)
        .edge(list, "[1]", int)
        .edge(node, "parent", parent)
        .edge(parent, "children[0]", node)
        .weak_edge(cache, "entry", node)
        .weak_edge(node, "owner", module)
        .edge(module, "builtins", frozen)
        .edge(node, "file", fin)
        .root("main: m", module)
        .outside(cache, 1);
    let mut snap = b.build();
    // A weak reference whose target is gone.
    snap.objects[4].edges.push(gc_viz::Edge {
        name: "stale".into(),
        to: None,
        weak: true,
    });
    snap
}

#[test]
fn mixed_snapshot() {
    let snap = mixed_heap();
    let d = Diagram::from_snapshot(
        &snap,
        &SnapshotStyle {
            title: Some("mixed heap".into()),
            no_legend: false,
        },
    );
    golden("mixed-snapshot.dot", &to_dot(&d, Dialect::Portable));
    golden("mixed-snapshot.gv", &to_dot(&d, Dialect::Graphviz));
    golden("mixed-snapshot.json", &snap.to_json());
}

#[test]
fn refs_with_fold() {
    let mut b = SnapshotBuilder::new();
    let hub = b.object("Hub", "hub");
    for i in 0..6 {
        let leaf = b.object("Leaf", &format!("leaf_{i}"));
        b.edge(hub, &format!("items[{i}]"), leaf);
    }
    b.root("h", hub);
    let snap = b.build();
    let view = gc_viz::refs(&snap, &[hub], 2, 3);
    let d = Diagram::from_view(&snap, &view, &SnapshotStyle::default());
    golden("refs-fold.dot", &to_dot(&d, Dialect::Portable));
}
