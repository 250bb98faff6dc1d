//! `gc.dump` (the heap drawn by gc-viz, names as roots) and the benchmark scripts of
//! `minipy/benchmarks/` run in process through `minipy::bench`.

use std::path::PathBuf;

use serde_json::Value as Json;

/// `gc.dump` needs the `viz` feature (on by default).
#[cfg(feature = "viz")]
mod dump {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use minipy::Interpreter;

    /// A fresh path in the temp directory (removed by the caller).
    fn temp_path(ext: &str) -> PathBuf {
        static N: AtomicUsize = AtomicUsize::new(0);
        std::env::temp_dir().join(format!(
            "minipy-dump-{}-{}.{ext}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ))
    }

    /// Python string literal for a path.
    fn lit(p: &std::path::Path) -> String {
        format!("{:?}", p.display().to_string())
    }

    fn root_target(snap: &Json, name: &str) -> u64 {
        snap["roots"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("no root {name} in {}", snap["roots"]))["target"]
            .as_u64()
            .unwrap()
    }

    fn object(snap: &Json, id: u64) -> &Json {
        snap["objects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["id"].as_u64() == Some(id))
            .unwrap_or_else(|| panic!("no object {id}"))
    }

    #[test]
    fn dump_draws_names_pointing_at_objects() {
        let json = temp_path("json");
        let dot = temp_path("dot");
        let py = Interpreter::new();
        py.capture_output();
        let src = format!(
            r#"
import gc
class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
x = 10
y = x
a = [1, 2, 3]
b = a
n = Node(1)
n.next = Node(2)
n.next.next = n
def f(p):
    q = [p, p]
    print(gc.dump({json}), gc.dump({dot}))
f(a)
"#,
            json = lit(&json),
            dot = lit(&dot)
        );
        py.run(&src).unwrap();
        let out = py.take_output();
        assert!(
            out.trim()
                .split(' ')
                .all(|n| n.parse::<usize>().unwrap() > 5),
            "{out}"
        );

        let snap: Json = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        // Two names, one list.
        let a = root_target(&snap, "a");
        assert_eq!(a, root_target(&snap, "b"));
        assert_eq!(object(&snap, a)["type_name"], "list");
        assert_eq!(object(&snap, a)["label"], "[1, 2, 3]");
        // Inline values still have a box the names point at: one 10 for x and y.
        let x = root_target(&snap, "x");
        assert_eq!(x, root_target(&snap, "y"));
        assert_eq!(object(&snap, x)["type_name"], "int");
        assert_eq!(object(&snap, x)["label"], "10");
        assert_eq!(object(&snap, x)["tracked"], false);
        // Instances: the class name as type, edges named after attributes, the cycle visible.
        let n = root_target(&snap, "n");
        let node = object(&snap, n);
        assert_eq!(node["type_name"], "Node");
        assert_eq!(node["label"], "Node(value=1)");
        let next = node["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == "next")
            .expect("an edge named next")["to"]
            .as_u64()
            .unwrap();
        let back = object(&snap, next)["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "next" && e["to"].as_u64() == Some(n));
        assert!(back, "n.next.next is n");
        // Locals of the running call, named after the function.
        assert_eq!(root_target(&snap, "f: p"), a);
        let q = object(&snap, root_target(&snap, "f: q"));
        assert_eq!(q["label"], "[[1, 2, 3], [1, 2, 3]]");
        assert!(q["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["to"].as_u64() == Some(a)));
        // Builtin classes and unnamed modules stay out.
        let types: Vec<&str> = snap["objects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["type_name"].as_str().unwrap())
            .collect();
        assert!(!types.contains(&"module"), "{types:?}");

        let dot_text = std::fs::read_to_string(&dot).unwrap();
        assert!(dot_text.starts_with("digraph"));
        for needle in [
            "Node(value=1)",
            "[1, 2, 3]",
            "\"x\"",
            "\"f: q\"",
            "label=\"next\"",
        ] {
            assert!(
                dot_text.contains(needle),
                "{needle} not in the DOT:\n{dot_text}"
            );
        }
        let _ = std::fs::remove_file(&json);
        let _ = std::fs::remove_file(&dot);
    }

    #[test]
    fn dump_all_shows_garbage_no_name_reaches() {
        let only_named = temp_path("json");
        let all = temp_path("json");
        let py = Interpreter::new();
        let src = format!(
            r#"
import gc
gc.disable()
class Lost:
    pass
l = Lost()
l.me = l
del l
gc.dump({only_named})
gc.dump({all}, all=True)
gc.enable()
"#,
            only_named = lit(&only_named),
            all = lit(&all)
        );
        py.run(&src).unwrap();
        let lost = |p: &PathBuf| {
            let snap: Json = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            snap["objects"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|o| o["type_name"] == "Lost")
                .count()
        };
        assert_eq!(lost(&only_named), 0);
        assert_eq!(lost(&all), 1);
        let _ = std::fs::remove_file(&only_named);
        let _ = std::fs::remove_file(&all);
    }

    #[test]
    fn dump_all_draws_no_scope_of_a_returned_call() {
        // Returned calls leave their emptied environments in the interpreter's pool for the
        // next calls: not the program's objects, so not drawn.
        let all = temp_path("json");
        let py = Interpreter::new();
        let src = format!(
            r#"
import gc
def f(x):
    y = [x]
    return len(y)
total = sum(f(i) for i in range(5)) + sum([f(i) for i in range(5)])
gc.dump({all}, all=True)
"#,
            all = lit(&all)
        );
        py.run(&src).unwrap();
        let snap: Json = serde_json::from_str(&std::fs::read_to_string(&all).unwrap()).unwrap();
        let scopes: Vec<&Json> = snap["objects"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["type_name"] == "scope")
            .collect();
        // The globals alone (the generator expression's scope is gone with its generator).
        assert_eq!(scopes.len(), 1, "{scopes:?}");
        let _ = std::fs::remove_file(&all);
    }

    #[test]
    fn dump_refuses_what_it_cannot_write_with_python_exceptions() {
        let big = temp_path("svg");
        let small = temp_path("svg");
        let py = Interpreter::new();
        py.capture_output();
        let src = format!(
            r#"
import gc
x = [1]
gc.dump({small}, renderer="layout")
big = [[i] for i in range(300)]
try:
    gc.dump({big}, renderer="layout")
except RuntimeError as e:
    print("RuntimeError", "limit 400" in str(e))
try:
    gc.dump("heap.png")
except ValueError as e:
    print("ValueError")
try:
    gc.dump({small}, renderer="nope")
except ValueError as e:
    print("ValueError")
"#,
            small = lit(&small),
            big = lit(&big)
        );
        py.run(&src).unwrap();
        assert_eq!(
            py.take_output(),
            "RuntimeError True\nValueError\nValueError\n"
        );
        assert!(!big.exists(), "nothing written when the layout is refused");
        assert!(std::fs::read_to_string(&small).unwrap().contains("<svg"));
        let _ = std::fs::remove_file(&small);
    }
}

/// Small sizes, so that a debug build runs them in a moment.
const SMALL: &[(&str, &[&str])] = &[
    ("gc_collect", &["2", "10"]),
    ("gc_traversal", &["2", "100"]),
    ("closures", &["2000", "10"]),
    ("objects", &["20", "10"]),
];

fn parse_result(out: &str) -> Json {
    let line = minipy::bench::result_line(out).expect("some output");
    serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"))
}

#[test]
fn benchmark_scripts_run_in_process_and_print_json() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benchmarks");
    for (name, args) in SMALL {
        let out = minipy::bench::run_script(&dir.join(format!("{name}.py")), args)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let r = parse_result(&out);
        assert_eq!(r["script"], *name);
        assert_eq!(r["interpreter"], "minipy");
        assert_eq!(r["gc_time_from"], "get_stats");
        for key in ["wall_s", "gc_s"] {
            let t = r[key].as_f64().unwrap();
            assert!(t >= 0.0, "{name}: {key} = {t}");
        }
        assert!(r["gc_s"].as_f64() <= r["wall_s"].as_f64(), "{name}: {r}");
        assert!(r["collections"].as_u64().unwrap() > 0, "{name}: {r}");
        assert!(r["examined"].as_u64().unwrap() > 0, "{name}: {r}");
        let collected = r["collected"].as_u64().unwrap();
        if *name == "gc_traversal" {
            assert_eq!(collected, 0, "gc_traversal frees nothing");
        } else {
            assert!(collected > 0, "{name}: {r}");
        }
        // The compiled-in copy is the same script.
        let again = parse_result(&minipy::bench::run_builtin(name, args).unwrap());
        assert_eq!(again["check"], r["check"], "{name}");
    }
    assert!(minipy::bench::run_builtin("nope", &[]).is_err());
}

/// CPython runs the same scripts unchanged and computes the same check values.
#[test]
fn benchmark_scripts_agree_with_cpython() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benchmarks");
    let python = std::process::Command::new("python3")
        .arg("--version")
        .output();
    if !python.is_ok_and(|o| o.status.success()) {
        eprintln!("python3 not found: skipping");
        return;
    }
    for (name, args) in SMALL {
        let script = dir.join(format!("{name}.py"));
        let out = std::process::Command::new("python3")
            .arg(&script)
            .args(*args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let cpython = parse_result(&String::from_utf8_lossy(&out.stdout));
        let minipy = parse_result(&minipy::bench::run_script(&script, args).unwrap());
        assert_eq!(cpython["script"], *name);
        assert_eq!(
            cpython["examined"],
            Json::Null,
            "CPython 3.11 reports no candidates"
        );
        assert_eq!(cpython["check"], minipy["check"], "{name}");
    }
}
