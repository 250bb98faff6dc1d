//! `import` of modules run from source: files next to the main script (or in the current
//! directory), sources registered with `Interpreter::add_module_source`, their tracebacks,
//! their globals, and the malformed cases (syntax errors, import loops, deep import chains)
//! that must raise Python exceptions, never panic or overflow the stack. The everyday
//! behaviour is checked against CPython by `tests/parity/modules.py`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use minipy::{Error, Interpreter, Value};

/// A fresh directory holding `files` (name, text); removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(files: &[(&str, &str)]) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "minipy-modules-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create a temp dir");
        for (name, text) in files {
            std::fs::write(dir.join(name), text).expect("write a temp file");
        }
        // Module files are named by their real path, as CPython names them.
        TempDir(std::fs::canonicalize(&dir).expect("canonical temp dir"))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the `minipy` program on `args` in `cwd`: (exit code, stdout, stderr).
fn minipy(cwd: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_minipy"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("run minipy");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn report(e: Error) -> String {
    e.to_string()
}

#[test]
fn traceback_through_an_imported_module_names_its_file_and_line() {
    let dir = TempDir::new(&[
        ("main.py", "import helper\nhelper.outer(3)\n"),
        (
            "helper.py",
            "def fail(x):\n    raise ValueError('bad ' + str(x))\n\n\ndef outer(x):\n    fail(x)\n",
        ),
    ]);
    let main = dir.path("main.py");
    let (code, _, err) = minipy(Path::new("/"), &[main.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    let helper = dir.path("helper.py");
    assert_eq!(
        err,
        format!(
            "Traceback (most recent call last):\n  \
             File \"{main}\", line 2, in <module>\n    helper.outer(3)\n  \
             File \"{helper}\", line 6, in outer\n    fail(x)\n  \
             File \"{helper}\", line 2, in fail\n    raise ValueError('bad ' + str(x))\n\
             ValueError: bad 3\n",
            main = main.display(),
            helper = helper.display()
        )
    );
}

#[test]
fn an_error_in_a_module_body_is_reported_and_the_module_not_kept() {
    let dir = TempDir::new(&[
        (
            "main.py",
            "try:\n    import broken\nexcept KeyError:\n    print('first', 'broken' in globals())\nimport broken\n",
        ),
        ("broken.py", "x = 1\nclass E(Exception):\n    pass\nraise E(x)\n"),
    ]);
    let (code, out, err) = minipy(&dir.0, &["main.py"]);
    assert_eq!(code, Some(1));
    // The body ran again on the second import: a failed module is not left imported.
    assert_eq!(out, "");
    let broken = dir.path("broken.py");
    assert_eq!(
        err,
        format!(
            "Traceback (most recent call last):\n  \
             File \"main.py\", line 2, in <module>\n    import broken\n  \
             File \"{}\", line 4, in <module>\n    raise E(x)\n\
             broken.E: 1\n",
            broken.display()
        )
    );
}

#[test]
fn a_module_that_does_not_parse_raises_syntax_error_naming_its_file() {
    let dir = TempDir::new(&[
        (
            "main.py",
            "try:\n    import bad\nexcept SyntaxError as e:\n    print(e)\n    print(e.lineno, e.offset, repr(e.text))\nimport bad\n",
        ),
        ("bad.py", "x = 1\ny = = 2\n"),
    ]);
    let (code, out, err) = minipy(&dir.0, &["main.py"]);
    assert_eq!(code, Some(1));
    assert_eq!(out, "invalid syntax (bad.py, line 2)\n2 5 'y = = 2\\n'\n");
    assert_eq!(
        err,
        format!(
            "Traceback (most recent call last):\n  \
             File \"main.py\", line 6, in <module>\n    import bad\n  \
             File \"{}\", line 2\n    y = = 2\n        ^\nSyntaxError: invalid syntax\n",
            dir.path("bad.py").display()
        )
    );
}

#[test]
fn strings_and_dash_c_import_from_the_current_directory() {
    let dir = TempDir::new(&[("here.py", "WHERE = 'cwd'\n")]);
    let (code, out, err) = minipy(
        &dir.0,
        &[
            "-c",
            "import here\nprint(here.WHERE, here.__file__ == here.__file__)",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "cwd True\n");
    let (code, _, err) = minipy(&dir.0, &["-c", "import nowhere"]);
    assert_eq!(code, Some(1));
    assert!(
        err.ends_with("ModuleNotFoundError: No module named 'nowhere'\n"),
        "{err}"
    );
}

#[test]
fn the_main_script_directory_is_searched_not_the_current_one() {
    let dir = TempDir::new(&[
        ("main.py", "import near\nprint(near.N)\n"),
        ("near.py", "N = 'next to the script'\n"),
    ]);
    let (code, out, err) = minipy(Path::new("/"), &[dir.path("main.py").to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "next to the script\n");
    // The same in process.
    let out = minipy::bench::run_script(&dir.path("main.py"), &[]).unwrap();
    assert_eq!(out, "next to the script\n");
}

#[test]
fn add_module_source_registers_an_importable_module() {
    let py = Interpreter::new();
    py.capture_output();
    py.add_module_source(
        "shapes",
        "<shapes>",
        "import gc\n\
         count = 0\n\
         class Square:\n\
         \x20   def __init__(self, side):\n\
         \x20       global count\n\
         \x20       count += 1\n\
         \x20       self.side = side\n\
         \x20   def area(self):\n\
         \x20       return self.side * self.side\n\
         def names():\n\
         \x20   return sorted(k for k in globals() if not k.startswith('__'))\n\
         def broken():\n\
         \x20   return 1 / 0\n",
    );
    // A builtin module cannot be replaced.
    py.add_module_source("gc", "fake_gc.py", "raise RuntimeError('not me')\n");
    py.run(
        "import shapes\n\
         from shapes import Square\n\
         import gc\n\
         s = Square(3)\n\
         t = shapes.Square(4)\n\
         print(s.area() + t.area(), shapes.count, shapes.names())\n\
         print(repr(Square), repr(shapes), gc.collect() >= 0)\n\
         print(sorted(k for k in globals() if not k.startswith('__')))\n",
    )
    .unwrap();
    assert_eq!(
        py.take_output(),
        "25 2 ['Square', 'broken', 'count', 'gc', 'names']\n\
         <class 'shapes.Square'> <module 'shapes' from '<shapes>'> True\n\
         ['Square', 'gc', 's', 'shapes', 't']\n"
    );
    // A traceback through registered code names its file and shows its lines.
    let err = py.run("shapes.broken()").unwrap_err();
    assert_eq!(err.type_name(), "ZeroDivisionError");
    assert_eq!(
        report(err),
        "Traceback (most recent call last):\n  \
         File \"<string>\", line 1, in <module>\n    shapes.broken()\n  \
         File \"<shapes>\", line 13, in broken\n    return 1 / 0\n\
         ZeroDivisionError: division by zero\n"
    );
    // Set from Rust, seen by the module's code: the module's globals are its attributes.
    py.run("shapes.count = 40\nSquare(1)\nprint(shapes.count)")
        .unwrap();
    assert_eq!(py.take_output(), "41\n");
    assert!(matches!(py.eval("shapes.count").unwrap(), Value::Int(41)));
}

#[test]
fn a_module_importing_itself_sees_itself_partly_initialised() {
    let py = Interpreter::new();
    py.capture_output();
    py.add_module_source(
        "selfish",
        "selfish.py",
        "import selfish\n\
         before = hasattr(selfish, 'later')\n\
         for i in range(3):\n\
         \x20   import selfish\n\
         later = 1\n",
    );
    py.add_module_source("ping", "ping.py", "from pong import PONG\nPING = 1\n");
    py.add_module_source("pong", "pong.py", "from ping import PING\nPONG = 1\n");
    py.run("import selfish\nprint(selfish.before, selfish.later)")
        .unwrap();
    assert_eq!(py.take_output(), "False 1\n");
    let err = py.run("import ping").unwrap_err();
    assert_eq!(err.type_name(), "ImportError");
    assert!(
        report(err).ends_with(
            "ImportError: cannot import name 'PING' from partially initialized module 'ping' \
             (most likely due to a circular import) (ping.py)\n"
        ),
        "circular from-import"
    );
}

#[test]
fn a_deep_chain_of_imports_is_a_recursion_error_not_a_stack_overflow() {
    // Runs on the default 2 MiB test thread with the default 1 MiB stack budget.
    let py = Interpreter::new();
    let n = 5000;
    for i in 0..n {
        py.add_module_source(
            &format!("m{i}"),
            &format!("m{i}.py"),
            &format!("import m{}\n", i + 1),
        );
    }
    let err = py.run("import m0").unwrap_err();
    assert_eq!(err.type_name(), "RecursionError");
    // A shallow chain imports fine, under a lower limit too.
    py.add_module_source("m4999", "m4999.py", "DONE = True\n");
    py.set_recursion_limit(100);
    py.run("import m4990\n").unwrap();
    assert!(matches!(py.eval("m4990.__name__").unwrap(), Value::Str(_)));
}

#[test]
fn globals_and_global_statements_in_a_module_are_the_modules() {
    let py = Interpreter::new();
    py.capture_output();
    py.add_module_source(
        "state",
        "state.py",
        "level = 'module'\n\
         def set_level(v):\n\
         \x20   global level\n\
         \x20   level = v\n\
         def get_level():\n\
         \x20   global level\n\
         \x20   return level\n\
         def my_name():\n\
         \x20   return globals()['__name__']\n\
         class Holder:\n\
         \x20   def who(self):\n\
         \x20       return level\n",
    );
    py.run(
        "import state\n\
         level = 'main'\n\
         state.set_level('changed')\n\
         print(level, state.level, state.get_level(), state.Holder().who())\n\
         print(state.my_name(), globals()['__name__'])\n\
         def inner():\n\
         \x20   import state as s\n\
         \x20   return s.my_name()\n\
         print(inner(), 'state' in globals(), 's' in globals())\n",
    )
    .unwrap();
    assert_eq!(
        py.take_output(),
        "main changed changed changed\nstate __main__\nstate True False\n"
    );
}

#[test]
fn builtin_benchmark_scripts_import_the_compiled_in_module() {
    for (name, text) in minipy::bench::MODULES {
        assert!(text.contains("class Measure"), "{name}");
    }
    let out = minipy::bench::run_builtin("gc_collect", &["1", "5"]).unwrap();
    let line = minipy::bench::result_line(&out).unwrap();
    assert!(
        line.starts_with("{\"script\": \"gc_collect\", \"interpreter\": \"minipy\""),
        "{line}"
    );
}

#[test]
fn at_shutdown_a_modules_finalizers_still_see_its_globals() {
    let py = Interpreter::new();
    py.capture_output();
    py.add_module_source(
        "fin",
        "fin.py",
        "class A:\n    def __del__(self):\n        print('bye', NAME)\nNAME = 'fin'\na = A()\n",
    );
    py.run("import fin\nb = fin.A()\n").unwrap();
    py.shutdown();
    // As CPython: `b` dies with the main module's globals, `fin.a` with the module's cycle.
    assert_eq!(py.take_output(), "bye fin\nbye fin\n");
}
