//! `gc.dump(path, all=False)`: a picture of the script's heap, drawn by gc-viz.
//!
//! # What is drawn
//!
//! - **Names are roots.** Every global name (except dunder names and names bound to modules)
//!   and every local name of the function calls running at the time of the dump is a gc-viz
//!   named root, drawn as a variable with an arrow to its object, as in the tutorial's "names
//!   point at objects". Locals are named `f: x` (local `x` of a call of `f`).
//! - **Heap objects** (lists, tuples, dicts, sets, instances, functions, classes, bound
//!   methods, weak references, scopes) are the objects reachable from those names (or, with
//!   `all=True`, every object the collector tracks, so garbage cycles that no name reaches
//!   show too). Their type is the Python type name (`list`, `Node`, `function`, `scope` for
//!   a closure's environment) and their label is a short repr that never runs script code:
//!   `[1, 2, 3]`, `Node(value=3)`, `function f`, `class Node`. Edges are named after the
//!   attribute, variable, index or dict key that holds them.
//! - **Values minipy keeps inline** (None, bools, ints, floats, strings, ranges, builtin
//!   functions) are not objects for the collector. A *name* bound to one is still drawn
//!   pointing at a box (untracked, white), one box per distinct value, so `x = 10; y = x` shows
//!   two names pointing at one `10`. These boxes are not gc-core objects: their ids follow the
//!   largest object id of the dump and their count is the number of names drawn. Such values
//!   inside containers only appear in the containers' labels.
//! - **Namespaces are not drawn twice.** The module's globals and the running calls' scopes
//!   are what the roots stand for: if a function's closure reaches them they appear as one box
//!   (`globals`, `locals of f`) without outgoing edges, the names being drawn as roots instead.
//!
//! The builtin classes (exceptions, `object`) are left out.
//!
//! # Formats
//!
//! By extension, as [`gc_viz::dump_heap`]: `.dot` (portable DOT), `.gv` (Graphviz DOT),
//! `.json` (the gc-viz snapshot: objects, edges, counts, generations, roots), `.svg` and
//! `.html` (rendered with Graphviz when `dot` is on PATH, else with layout-rs in process;
//! `renderer="layout"` or `"graphviz"` chooses).
//!
//! layout-rs refuses graphs of more than [`gc_viz::render::LAYOUT_LIMIT`] nodes plus edges,
//! and smaller ones whose layout would cost too much (long edges, many crossings: see
//! [`gc_viz::render`]); a long linked list, whose every node also points at its class, is one.
//! `gc.dump` then raises `RuntimeError` naming the limit and suggesting `.dot`/`.json`, rather
//! than silently writing a different format under the requested name; nothing is written in
//! that case. Graphviz runs for at most a minute (`GC_VIZ_GRAPHVIZ_TIMEOUT` seconds) and a
//! dump that takes longer raises `RuntimeError` too, as does any other failure to write; an
//! unknown extension raises `ValueError`.
//!
//! Names are written as they are: a control character in an attribute name (a NUL) becomes
//! the visible text `\u{0}` in DOT, SVG and HTML (gc-viz escapes it) and stays exact in JSON.
//!
//! Dumping never collects, never allocates a tracked object and never runs script code.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::Path;
use std::rc::Rc;

use gc_core::AnyCc;
use gc_viz::{CaptureOptions, NamedRoot, ObjectId, ObjectInfo, Renderer, Snapshot};

use crate::gcmod::{any_to_value, value_to_any};
use crate::interp::{Interp, PyResult};
use crate::value::*;

/// Longest label drawn.
const MAX_LABEL: usize = 40;

/// `gc.dump(path, all, renderer)`: writes the picture and returns the number of objects drawn
/// (heap objects and value boxes). `renderer` is `"auto"` (Graphviz when `dot` is on PATH,
/// else layout-rs), `"layout"` or `"graphviz"`; it matters for `.svg` and `.html` only.
pub fn dump(interp: &Interp, path: &str, all: bool, renderer: &str) -> PyResult<usize> {
    let renderer = match renderer {
        "auto" => Renderer::Auto,
        "layout" => Renderer::Layout,
        "graphviz" => Renderer::Graphviz,
        other => {
            return Err(interp.exc(
                "ValueError",
                &format!("gc.dump: renderer must be 'auto', 'layout' or 'graphviz', not {other:?}"),
            ))
        }
    };
    let snap = snapshot(interp, all);
    let n = snap.objects.len();
    let p = Path::new(path);
    // DOT files stay in the portable dialect whatever the renderer (as `gc_viz::dump_heap`).
    let renderer = match p.extension().and_then(|e| e.to_str()) {
        Some("svg" | "html") => renderer,
        _ => Renderer::Layout,
    };
    gc_viz::write_snapshot(&snap, None, p, renderer).map_err(|e| match e {
        gc_viz::Error::UnsupportedFormat(_) => interp.exc("ValueError", &format!("gc.dump: {e}")),
        gc_viz::Error::Layout(_) => interp.exc(
            "RuntimeError",
            &format!(
                "gc.dump: {e}; nothing was written to {path} (.dot and .json files have no size limit)"
            ),
        ),
        other => interp.exc("RuntimeError", &format!("gc.dump: {other}")),
    })?;
    Ok(n)
}

/// A short, safe repr (no script code runs), cut at [`MAX_LABEL`] characters.
fn short_repr(v: &Value, depth: usize) -> String {
    let mut s = String::new();
    write_repr(v, depth, &mut s);
    cut(s)
}

fn cut(s: String) -> String {
    if s.chars().count() > MAX_LABEL {
        let mut t: String = s.chars().take(MAX_LABEL - 3).collect();
        t.push_str("...");
        t
    } else {
        s
    }
}

fn write_repr(v: &Value, depth: usize, out: &mut String) {
    if out.len() > MAX_LABEL * 2 {
        out.push_str("...");
        return;
    }
    let seq = |items: &[Value], open: &str, close: &str, out: &mut String| {
        if depth == 0 {
            out.push_str(open);
            out.push_str("...");
            out.push_str(close);
            return;
        }
        out.push_str(open);
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if out.len() > MAX_LABEL * 2 {
                out.push_str("...");
                break;
            }
            write_repr(x, depth - 1, out);
        }
        if open == "(" && items.len() == 1 {
            out.push(',');
        }
        out.push_str(close);
    };
    match v {
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_) => {
            out.push_str(&format!("{v:?}"))
        }
        Value::Big(b) => match crate::bigint::to_decimal(b) {
            Ok(s) => out.push_str(&s),
            Err(_) => out.push_str(&format!("<int of {} bits>", b.bits())),
        },
        Value::Ellipsis => out.push_str("Ellipsis"),
        Value::Complex(c) => out.push_str(&crate::interp::complex::complex_repr(c.re, c.im)),
        Value::NotImplemented => out.push_str("NotImplemented"),
        Value::Bytes(b) => out.push_str(&crate::interp::bytes::bytes_repr(&b.data, false)),
        Value::ByteArray(b) => match b.data.try_borrow() {
            Ok(d) => out.push_str(&crate::interp::bytes::bytes_repr(&d, true)),
            Err(_) => out.push_str("bytearray(...)"),
        },
        Value::Range(r) => {
            out.push_str(&r.repr());
        }
        Value::List(l) => match l.items.try_borrow() {
            Ok(items) => seq(&items, "[", "]", out),
            Err(_) => out.push_str("[...]"),
        },
        Value::Tuple(t) => seq(&t.items, "(", ")", out),
        Value::Slice(s) => {
            out.push_str("slice");
            seq(
                &[s.start.clone(), s.stop.clone(), s.step.clone()],
                "(",
                ")",
                out,
            )
        }
        Value::Set(s) => match s.items.try_borrow() {
            Ok(d) if d.is_empty() => out.push_str("set()"),
            Ok(d) => {
                let keys: Vec<Value> = d.iter().map(|(k, _)| k.clone()).collect();
                seq(&keys, "{", "}", out)
            }
            Err(_) => out.push_str("{...}"),
        },
        Value::Dict(d) => match d.map.try_borrow() {
            Ok(m) if depth > 0 => {
                out.push('{');
                for (i, (k, x)) in m.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if out.len() > MAX_LABEL * 2 {
                        out.push_str("...");
                        break;
                    }
                    write_repr(k, depth - 1, out);
                    out.push_str(": ");
                    write_repr(x, depth - 1, out);
                }
                out.push('}');
            }
            _ => out.push_str("{...}"),
        },
        Value::Instance(i) => out.push_str(&format!("<{}>", i.class().name)),
        Value::Func(f) => out.push_str(&format!("<function {}>", f.qualname)),
        Value::Class(c) => out.push_str(&format!("<class {}>", c.name)),
        Value::Method(_) => out.push_str("<bound method>"),
        Value::Builtin(b) => out.push_str(&format!("<built-in function {}>", b.name)),
        Value::Type(t) => out.push_str(&format!("<class '{}'>", t.name())),
        Value::Module(m) => out.push_str(&format!("<module '{}'>", m.name)),
        Value::WeakRef(_) => out.push_str("<weakref>"),
        Value::Gen(g) => out.push_str(&format!("<{} {}>", g.kind_name(), g.func.qualname)),
        Value::Iter(o) => out.push_str(&format!("<{}>", o.kind)),
    }
}

/// Whether a value is drawn as one of the scalar boxes (it is not a heap object).
fn scalar_key(v: &Value) -> (String, String) {
    (v.type_name().to_string(), short_repr(v, 1))
}

/// The Python type name and label of a heap object, and the names of the attribute-map
/// entries its edges go through (for renaming `attrs.entries[3].1` to the attribute's name).
struct Described {
    type_name: String,
    label: Option<String>,
    keys: Vec<String>,
    /// For dicts: the repr of each raw entry's key (by raw index).
    dict_keys: Vec<Option<String>>,
}

fn attr_keys(m: &std::cell::RefCell<AttrMap>) -> Vec<String> {
    match m.try_borrow() {
        Ok(m) => m.iter().map(|(k, _)| k.to_string()).collect(),
        Err(_) => Vec::new(),
    }
}

/// `value=3, name='a'` for the inline-valued attributes of an instance.
fn scalar_attrs(m: &std::cell::RefCell<AttrMap>) -> String {
    let Ok(m) = m.try_borrow() else {
        return String::new();
    };
    let parts: Vec<String> = m
        .iter()
        .filter(|(_, v)| value_to_any(v).is_none())
        .map(|(k, v)| format!("{k}={}", short_repr(v, 0)))
        .collect();
    parts.join(", ")
}

fn describe(any: &AnyCc, frame_envs: &HashMap<ObjectId, String>, globals: ObjectId) -> Described {
    let mut d = Described {
        type_name: String::new(),
        label: None,
        keys: Vec::new(),
        dict_keys: Vec::new(),
    };
    if let Some(env) = any.downcast::<Env>() {
        d.type_name = "scope".into();
        let id = any.id();
        d.keys = attr_keys(&env.vars);
        d.label = Some(if id == globals {
            "globals".into()
        } else if let Some(f) = frame_envs.get(&id) {
            format!("locals of {f}")
        } else {
            cut(format!("scope: {}", d.keys.join(", ")))
        });
        return d;
    }
    let Some(v) = any_to_value(any) else {
        d.type_name = gc_viz::model::short_type_name(any.type_name());
        return d;
    };
    d.type_name = v.type_name().to_string();
    match &v {
        Value::List(_) | Value::Tuple(_) | Value::Set(_) | Value::Slice(_) => {
            d.label = Some(short_repr(&v, 2))
        }
        Value::Dict(x) => {
            d.label = Some(short_repr(&v, 2));
            if let Ok(m) = x.map.try_borrow() {
                d.dict_keys = m.raw_keys().map(|k| k.map(|k| short_repr(k, 1))).collect();
            }
        }
        Value::Instance(i) => {
            d.keys = attr_keys(&i.attrs);
            let attrs = scalar_attrs(&i.attrs);
            if !attrs.is_empty() {
                d.label = Some(cut(format!("{}({attrs})", i.class().name)));
            }
        }
        Value::Func(f) => {
            d.keys = attr_keys(&f.attrs);
            d.label = Some(cut(format!("function {}", f.qualname)));
        }
        Value::Class(c) => {
            d.type_name = "type".into();
            d.keys = attr_keys(&c.attrs);
            d.label = Some(cut(format!("class {}", c.name)));
        }
        Value::Method(m) => {
            d.label = Some(match &m.func {
                MethodFunc::Func(f) => cut(format!("bound {}", f.qualname)),
                MethodFunc::Native(n) => cut(format!("bound {n}")),
            })
        }
        Value::Module(m) => {
            d.keys = attr_keys(m.attrs());
            d.label = Some(format!("module {}", m.name));
        }
        Value::WeakRef(_) => d.type_name = "weakref".into(),
        Value::Gen(g) => d.label = Some(cut(format!("{} {}", g.kind_name(), g.func.qualname))),
        _ => {}
    }
    d
}

/// `attrs.entries[3].1` -> the name of entry 3; `map.entries[2]...` -> `[key]` (or `key
/// key` for the key itself); `items[3]` -> `[3]`; an instance's `class` -> `__class__`;
/// anything else unchanged.
fn rename_edge(name: &str, d: &Described) -> String {
    if let Some(i) = name.strip_prefix("items") {
        // A list's or tuple's item: `[3]`.
        return i.to_string();
    }
    if name == "class" {
        return "__class__".into();
    }
    let Some(start) = name.find("entries[") else {
        return name.to_string();
    };
    let rest = &name[start + "entries[".len()..];
    let Some(end) = rest.find(']') else {
        return name.to_string();
    };
    let Ok(i) = rest[..end].parse::<usize>() else {
        return name.to_string();
    };
    let tail = &rest[end + 1..];
    if !d.dict_keys.is_empty() {
        if let Some(Some(k)) = d.dict_keys.get(i) {
            // Entries are `Option<(key, value)>`: the last field says which half.
            return if tail.ends_with('0') {
                format!("key {k}")
            } else {
                format!("[{k}]")
            };
        }
        return name.to_string();
    }
    match d.keys.get(i) {
        Some(k) => k.clone(),
        None => name.to_string(),
    }
}

/// The snapshot `gc.dump` writes (see the module docs).
pub fn snapshot(interp: &Interp, all: bool) -> Snapshot {
    interp.calls.vm_on.set(false);
    interp.calls.drop_pooled_envs();
    // The names: globals, then the running calls' locals, outermost first.
    let mut names: Vec<(String, Value)> = Vec::new();
    let globals: Vec<(Rc<str>, Value)> = interp.main_globals().entries();
    for (k, v) in globals {
        if (k.starts_with("__") && k.ends_with("__")) || matches!(v, Value::Module(_)) {
            continue;
        }
        names.push((k.to_string(), v));
    }
    let calls: Vec<(Rc<str>, gc_core::Cc<Env>)> = interp.calls.envs.borrow().clone();
    let globals_id = AnyCc::from(&interp.main_globals()).id();
    let mut namespaces: BTreeSet<ObjectId> = BTreeSet::new();
    namespaces.insert(globals_id);
    let mut frame_envs: HashMap<ObjectId, String> = HashMap::new();
    // `calls.envs` holds one handle per running call: not a reference the program made.
    let mut call_handles: HashMap<ObjectId, usize> = HashMap::new();
    for (f, env) in &calls {
        let id = AnyCc::from(env).id();
        *call_handles.entry(id).or_insert(0) += 1;
        namespaces.insert(id);
        frame_envs.entry(id).or_insert_with(|| f.to_string());
        let vars: Vec<(Rc<str>, Value)> = env.entries();
        for (k, v) in vars {
            names.push((format!("{f}: {k}"), v));
        }
    }
    drop(calls);
    let mut heap_roots: Vec<(String, AnyCc)> = Vec::new();
    let mut scalar_roots: Vec<(String, Value)> = Vec::new();
    for (n, v) in names {
        match value_to_any(&v) {
            Some(a) => heap_roots.push((n, a)),
            None => scalar_roots.push((n, v)),
        }
    }

    // Describe every object the capture will see (same walk: strong and weak edges).
    let mut described: BTreeMap<ObjectId, Described> = BTreeMap::new();
    let mut builtin_classes: BTreeSet<ObjectId> = BTreeSet::new();
    {
        let mut seen: HashMap<ObjectId, AnyCc> = HashMap::new();
        let mut queue: VecDeque<AnyCc> = VecDeque::new();
        let push = |a: AnyCc, seen: &mut HashMap<ObjectId, AnyCc>, q: &mut VecDeque<AnyCc>| {
            let id = a.id();
            if !a.is_dead() && !seen.contains_key(&id) {
                seen.insert(id, a.clone());
                q.push_back(a);
            }
        };
        for (_, r) in &heap_roots {
            push(r.clone(), &mut seen, &mut queue);
        }
        if all {
            for a in gc_core::get_objects(None) {
                push(a, &mut seen, &mut queue);
            }
        }
        while let Some(a) = queue.pop_front() {
            for (_, t) in a.referents() {
                push(t, &mut seen, &mut queue);
            }
            for (_, t) in a.weak_referents() {
                if let Some(t) = t {
                    push(t, &mut seen, &mut queue);
                }
            }
        }
        for (id, a) in &seen {
            if let Some(c) = a.downcast::<Class>() {
                if c.builtin {
                    builtin_classes.insert(*id);
                }
            }
            described.insert(*id, describe(a, &frame_envs, globals_id));
        }
        // Every handle of the walk is dropped here, before the capture reads the counts.
    }

    let opts = CaptureOptions {
        labels: BTreeMap::new(),
        only_from_roots: !all,
        include_frozen: false,
    };
    // The roots' handles are the only extra references while the capture reads the counts
    // (it discounts them).
    let (root_names, root_handles): (Vec<String>, Vec<AnyCc>) = heap_roots.into_iter().unzip();
    let root_refs: Vec<(&str, AnyCc)> = root_names
        .iter()
        .map(String::as_str)
        .zip(root_handles)
        .collect();
    let mut snap = Snapshot::capture_with(&root_refs, &opts);
    drop(root_refs);

    for o in &mut snap.objects {
        if let Some(d) = described.get(&o.id) {
            o.type_name = d.type_name.clone();
            o.label = d.label.clone();
            for e in &mut o.edges {
                e.name = rename_edge(&e.name, d);
            }
        }
        if namespaces.contains(&o.id) {
            // Drawn as roots instead.
            o.edges.clear();
        }
        if let Some(n) = call_handles.get(&o.id) {
            o.strong = o.strong.saturating_sub(*n);
        }
    }
    // Leave out the builtin classes and the edges to them.
    snap.objects.retain(|o| !builtin_classes.contains(&o.id));
    for o in &mut snap.objects {
        o.edges
            .retain(|e| !e.to.is_some_and(|t| builtin_classes.contains(&t)));
    }

    // One box per distinct inline value a name is bound to, numbered after every object of
    // the snapshot (so the ids are this dump's only, not gc-core's).
    let scalar_id_base = snap.objects.iter().map(|o| o.id).max().unwrap_or(0) + 1;
    let mut boxes: BTreeMap<(String, String), ObjectId> = BTreeMap::new();
    let mut scalar_objects: Vec<ObjectInfo> = Vec::new();
    for (n, v) in &scalar_roots {
        let key = scalar_key(v);
        let id = match boxes.get(&key) {
            Some(&id) => id,
            None => {
                let id = scalar_id_base + boxes.len() as ObjectId;
                boxes.insert(key.clone(), id);
                let mut o = ObjectInfo::new(id, key.0.clone());
                o.label = Some(key.1.clone());
                o.generation = None;
                o.tracked = false;
                scalar_objects.push(o);
                id
            }
        };
        if let Some(o) = scalar_objects.iter_mut().find(|o| o.id == id) {
            o.strong += 1;
        }
        snap.roots.push(NamedRoot {
            name: n.clone(),
            target: id,
        });
    }
    snap.objects.extend(scalar_objects);

    // Only what the names (or, with `all`, the collector's list) still reach.
    if !all {
        let by_id: HashMap<ObjectId, usize> = snap
            .objects
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id, i))
            .collect();
        let mut keep: BTreeSet<ObjectId> = BTreeSet::new();
        let mut stack: Vec<ObjectId> = snap.roots.iter().map(|r| r.target).collect();
        while let Some(id) = stack.pop() {
            if !keep.insert(id) {
                continue;
            }
            if let Some(&i) = by_id.get(&id) {
                stack.extend(snap.objects[i].edges.iter().filter_map(|e| e.to));
            }
        }
        snap.objects.retain(|o| keep.contains(&o.id));
    }
    snap.normalize();
    snap
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Python string literal for a path.
    fn lit(p: &Path) -> String {
        format!("{:?}", p.display().to_string())
    }

    #[test]
    fn control_characters_in_attribute_names_round_trip() {
        let dir = std::env::temp_dir().join(format!("minipy-dump-nul-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (dot, json, svg) = (dir.join("h.dot"), dir.join("h.json"), dir.join("h.svg"));
        let py = crate::Interpreter::new();
        py.run(&format!(
            "import gc\nclass Node:\n    pass\nn = Node()\nsetattr(n, \"a\\0b\", [1])\n\
             gc.dump({})\ngc.dump({})\ngc.dump({}, renderer=\"layout\")\n",
            lit(&dot),
            lit(&json),
            lit(&svg)
        ))
        .unwrap();
        // DOT: no raw control character, the name as visible text, and it reads back.
        let text = std::fs::read_to_string(&dot).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(text.contains(r#"label="a\\u{0}b""#), "{text}");
        gc_viz::render::render_with_layout(&text).expect("the DOT reads back");
        // JSON keeps the name exactly.
        let snap = Snapshot::from_json(&std::fs::read_to_string(&json).unwrap()).unwrap();
        assert!(snap
            .objects
            .iter()
            .flat_map(|o| o.edges.iter())
            .any(|e| e.name == "a\0b"));
        // SVG: well-formed enough to hold the escaped name, and no raw NUL.
        let picture = std::fs::read_to_string(&svg).unwrap();
        assert!(picture.contains(r"a\u{0}b"), "{picture}");
        assert!(!picture.contains('\0'));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
