//! Programs CPython refuses before running any of them: the `SyntaxError` report on standard
//! error (file, line, the statement underlined, message) and status 1, each expected text
//! produced by python3 3.11 for the same file.

use std::process::Command;

/// Runs `src` as a script file; its standard error (with the file's path replaced by
/// `FILE`), status and standard output.
fn run(name: &str, src: &str) -> (String, Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("minipy-decl-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.py"));
    std::fs::write(&path, src).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_minipy"))
        .arg(&path)
        .output()
        .expect("run minipy");
    std::fs::remove_dir_all(&dir).unwrap();
    let err = String::from_utf8_lossy(&out.stderr).replace(path.to_str().unwrap(), "FILE");
    (
        err,
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn refused(name: &str, src: &str, expected: &str) {
    let (err, code, out) = run(name, src);
    assert_eq!(err, expected, "{name}");
    assert_eq!(code, Some(1), "{name}");
    assert_eq!(out, "", "{name}: nothing runs");
}

#[test]
fn a_bare_except_must_be_last() {
    refused(
        "bare_except",
        "print('never')\ntry:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
        "  File \"FILE\", line 4\n    except:\n    ^^^^^^^\nSyntaxError: default 'except:' must be last\n",
    );
}

#[test]
fn nonlocal_at_module_level_is_refused() {
    refused(
        "nonlocal_module",
        "print('never')\nnonlocal x\n",
        "  File \"FILE\", line 2\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: nonlocal declaration not allowed at module level\n",
    );
}

#[test]
fn nonlocal_needs_an_enclosing_binding() {
    refused(
        "nonlocal_unbound",
        "def f():\n    nonlocal y\n",
        "  File \"FILE\", line 2\n    nonlocal y\n    ^^^^^^^^^^\nSyntaxError: no binding for nonlocal 'y' found\n",
    );
    // A class body is no enclosing function: its names are not found either.
    refused(
        "nonlocal_class",
        "class A:\n    y = 1\n    def f(self):\n        nonlocal y\n",
        "  File \"FILE\", line 4\n    nonlocal y\n    ^^^^^^^^^^\nSyntaxError: no binding for nonlocal 'y' found\n",
    );
}

#[test]
fn global_after_an_assignment_or_of_a_parameter_is_refused() {
    refused(
        "global_after_assign",
        "def f():\n    x = 1\n    global x\n",
        "  File \"FILE\", line 3\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is assigned to before global declaration\n",
    );
    refused(
        "global_module",
        "x = 1\nglobal x\n",
        "  File \"FILE\", line 2\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is assigned to before global declaration\n",
    );
    refused(
        "global_after_use",
        "x = 1\ndef f():\n    print(x)\n    global x\n",
        "  File \"FILE\", line 4\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is used prior to global declaration\n",
    );
    refused(
        "global_after_augassign",
        "def f():\n    x += 1\n    global x\n",
        "  File \"FILE\", line 3\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is assigned to before global declaration\n",
    );
    refused(
        "global_param",
        "def f(x):\n    global x\n",
        "  File \"FILE\", line 2\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is parameter and global\n",
    );
    refused(
        "nonlocal_param",
        "def f():\n    x = 1\n    def g(x):\n        nonlocal x\n",
        "  File \"FILE\", line 4\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: name 'x' is parameter and nonlocal\n",
    );
}

#[test]
fn parameter_errors_point_at_the_parameter() {
    refused(
        "two_stars",
        "def f(*a, *b):\n    pass\n",
        "  File \"FILE\", line 1\n    def f(*a, *b):\n              ^\nSyntaxError: * argument may appear only once\n",
    );
    refused(
        "dup_param",
        "def f(a, a):\n    pass\n",
        "  File \"FILE\", line 1\n    def f(a, a):\n             ^\nSyntaxError: duplicate argument 'a' in function definition\n",
    );
}

#[test]
fn jumps_outside_their_block_are_refused() {
    refused(
        "return_outside",
        "x = 1\nreturn x\n",
        "  File \"FILE\", line 2\n    return x\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n",
    );
    refused(
        "break_in_else",
        "for i in range(3):\n    pass\nelse:\n    break\n",
        "  File \"FILE\", line 4\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop\n",
    );
}

#[test]
fn valid_declarations_run() {
    let src = "x = 0\ndef f():\n    global x\n    x = 1\n    y = 2\n    def g():\n        nonlocal y\n        y += 1\n        def h():\n            nonlocal y\n            y += 1\n        h()\n    g()\n    return y\nprint(f(), x)\ntry:\n    1 / 0\nexcept ZeroDivisionError:\n    pass\nexcept:\n    pass\n";
    let (err, code, out) = run("valid", src);
    assert_eq!((err.as_str(), code, out.as_str()), ("", Some(0), "4 1\n"));
}

#[test]
fn an_unreachable_case_is_refused() {
    refused(
        "unreachable_case",
        "print('never')\nmatch 1:\n    case 0:\n        pass\n    case y:\n        pass\n    case 2:\n        pass\n",
        "  File \"FILE\", line 5\n    case y:\n         ^\nSyntaxError: name capture 'y' makes remaining patterns unreachable\n",
    );
    refused(
        "same_name_twice",
        "print('never')\ndef f(p):\n    match p:\n        case [a, a]:\n            pass\n",
        "  File \"FILE\", line 4\n    case [a, a]:\n             ^\nSyntaxError: multiple assignments to name 'a' in pattern\n",
    );
}

#[test]
fn names_a_pattern_binds_are_assignments() {
    refused(
        "pattern_then_global",
        "print('never')\ndef f():\n    match 1:\n        case x:\n            pass\n    global x\n",
        "  File \"FILE\", line 6\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is assigned to before global declaration\n",
    );
    let src = "def g():\n    match [1, 2]:\n        case [v, *w]:\n            pass\n    def f():\n        nonlocal v\n        v += 10\n    f()\n    return v, w\nprint(g())\n";
    let (err, code, out) = run("pattern_nonlocal", src);
    assert_eq!(
        (err.as_str(), code, out.as_str()),
        ("", Some(0), "(11, [2])\n")
    );
}
