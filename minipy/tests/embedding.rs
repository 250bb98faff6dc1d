//! The Rust embedding API, and the interpreter's robustness: no input may panic it or
//! overflow its stack (these tests run on the default 2 MiB test thread stack).

use minipy::{Error, Interpreter, Value};

#[test]
fn run_eval_globals_and_calls() {
    let py = Interpreter::new();
    py.capture_output();
    py.run("def greet(name):\n    print('hello', name)\n    return len(name)\n")
        .unwrap();
    let greet = py.get_global("greet").unwrap();
    let n = py.call(&greet, &[Value::str("world")]).unwrap();
    assert!(matches!(n, Value::Int(5)));
    assert_eq!(py.take_output(), "hello world\n");
    py.set_global("data", Value::list(vec![Value::Int(1), Value::Int(2)]));
    py.run("data.append(3)").unwrap();
    assert_eq!(py.repr(&py.get_global("data").unwrap()), "[1, 2, 3]");
}

#[test]
fn native_functions_can_raise() {
    let py = Interpreter::new();
    py.register_fn("check", |args| match args {
        [Value::Int(i)] if *i >= 0 => Ok(Value::Bool(true)),
        _ => Err(Error::exception("ValueError", "negative")),
    });
    py.capture_output();
    py.run("try:\n    check(-1)\nexcept ValueError as e:\n    print('caught', e)\n")
        .unwrap();
    assert_eq!(py.take_output(), "caught negative\n");
}

#[test]
fn handles_keep_script_objects_alive_without_rooting() {
    let py = Interpreter::new();
    let obj = py.eval("[[1, 2], {'k': 'v'}]").unwrap();
    py.run("import gc\nfor i in range(3):\n    gc.collect()\n")
        .unwrap();
    gc_core::collect();
    assert_eq!(py.repr(&obj), "[[1, 2], {'k': 'v'}]");
    // A cycle held only from Rust survives collection too.
    let cyc = py.eval("(lambda l: (l.append(l), l)[1])([])").unwrap();
    gc_core::collect();
    assert_eq!(py.repr(&cyc), "[[...]]");
}

#[test]
fn del_runs_when_the_interpreter_is_dropped() {
    use std::cell::Cell;
    use std::rc::Rc;
    let ran = Rc::new(Cell::new(0));
    let py = Interpreter::new();
    let r = ran.clone();
    py.register_fn("note", move |_| {
        r.set(r.get() + 1);
        Ok(Value::None)
    });
    py.run("class A:\n    def __del__(self):\n        note()\na = A()\nb = A()\nb.me = b\n")
        .unwrap();
    drop(py);
    assert_eq!(ran.get(), 2);
}

#[test]
fn deep_script_recursion_is_a_recursion_error_on_a_small_stack() {
    let py = Interpreter::new();
    let err = py
        .run("def f(n):\n    return f(n + 1)\nf(0)\n")
        .unwrap_err();
    assert_eq!(err.type_name(), "RecursionError");
    let err = py
        .run("def g(n):\n    return [g(n + 1)]\ng(0)\n")
        .unwrap_err();
    assert_eq!(err.type_name(), "RecursionError");
    // Mutual recursion through methods, repr and comparison.
    let err = py
        .run("class R:\n    def __repr__(self):\n        return repr(self.x)\nr = R()\nr.x = [r]\nrepr(r)\n")
        .unwrap_err();
    assert_eq!(err.type_name(), "RecursionError");
    let err = py
        .run("a = []\nfor i in range(100000):\n    a = [a]\nb = repr(a)\n")
        .unwrap_err();
    assert_eq!(err.type_name(), "RecursionError");
    let err = py
        .run("x = []\ny = []\nfor i in range(100000):\n    x = [x]\n    y = [y]\nx == y\n")
        .unwrap_err();
    assert_eq!(err.type_name(), "RecursionError");
    // The interpreter is still usable afterwards.
    assert!(matches!(py.eval("1 + 1").unwrap(), Value::Int(2)));
}

#[test]
fn deeply_nested_source_is_a_syntax_error() {
    let py = Interpreter::new();
    for src in [
        format!("x = {}1{}", "(".repeat(5000), ")".repeat(5000)),
        format!("x = {}1{}", "[".repeat(5000), "]".repeat(5000)),
        format!("x = {}y", "-".repeat(5000)),
        format!("x = {}1", "not ".repeat(5000)),
        format!("x = 1{}", " + 1".repeat(50_000)),
        format!("x = 2{}", " ** 2".repeat(5000)),
        format!("x = a{}", ".b".repeat(5000)),
        format!("x = f{}", "()".repeat(5000)),
        format!("x = {}", "lambda: ".repeat(5000)),
        format!("x = f'{}'", "{f'".repeat(300)),
    ] {
        match py.run(&src) {
            Err(err) => assert_eq!(err.type_name(), "SyntaxError", "{}", &src[..40]),
            Ok(()) => panic!("accepted: {}", &src[..40]),
        }
    }
    let mut nested = String::new();
    for i in 0..200 {
        nested.push_str(&" ".repeat(i));
        nested.push_str("if True:\n");
    }
    assert_eq!(py.run(&nested).unwrap_err().type_name(), "SyntaxError");
}

#[test]
fn malformed_input_never_panics() {
    let py = Interpreter::new();
    py.capture_output();
    let pieces = [
        "def",
        "class",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ":",
        "\n",
        "    ",
        "x",
        "=",
        "1",
        "'s",
        "\"",
        "\"\"\"",
        "f'{",
        "}",
        "lambda",
        "return",
        "yield",
        "*",
        "**",
        ",",
        ".",
        "if",
        "else",
        "for",
        "in",
        "while",
        "try",
        "except",
        "finally",
        "raise",
        "del",
        "import gc",
        "global",
        "nonlocal",
        "\\",
        "#",
        "1e",
        "0x",
        "\t",
        "@",
        "!",
        "$",
        "None",
        "and",
        "or",
        "not",
        "is",
        "0",
        "-",
        "+",
        "%",
        "/",
        "//",
        ";",
        "é",
        "x.y",
        "f(",
        "[:",
        "::",
        "...",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3000 {
        let mut src = String::new();
        let len = (seed % 40) as usize;
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            src.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            if seed & 3 == 0 {
                src.push(' ');
            }
        }
        let _ = py.run(&src);
        let _ = py.eval(&src);
    }
}

#[test]
fn runtime_errors_are_python_exceptions() {
    let py = Interpreter::new();
    for (src, ty) in [
        ("float(2 ** 1024)", "OverflowError"),
        ("[1] * 2 ** 64", "OverflowError"),
        ("str(10 ** 5000)", "ValueError"),
        ("10 ** 10 ** 10", "MemoryError"),
        ("1 % 0", "ZeroDivisionError"),
        ("[1][5]", "IndexError"),
        ("{}[[]]", "TypeError"),
        ("undefined", "NameError"),
        ("(1).x", "AttributeError"),
        ("int('z')", "ValueError"),
        ("'a' * 10 ** 12", "MemoryError"),
        ("[1].sort(key=1)", "TypeError"),
        ("[3, 'a'].sort()", "TypeError"),
        ("range(0, 10, 0)", "ValueError"),
    ] {
        match py.run(src) {
            Err(err) => assert_eq!(err.type_name(), ty, "{src}: {err}"),
            Ok(()) => panic!("no error from {src}"),
        }
    }
}

#[test]
fn values_may_outlive_their_interpreter() {
    let py = Interpreter::new();
    let kept = py.eval("(lambda: [1, 2])()").unwrap();
    py.run("import weakref\nclass D:\n    def __del__(self):\n        pass\nclass T:\n    pass\nd = D()\nd.me = d\nt = T()\nr = weakref.ref(t, lambda w: None)\n").unwrap();
    let d = py.get_global("d").unwrap();
    let t = py.get_global("t").unwrap();
    drop(py);
    // The interpreter is gone: finalizers and callbacks have nowhere to run, and are skipped.
    drop(d);
    drop(t);
    gc_core::collect();
    assert!(matches!(&kept, Value::List(l) if l.items.borrow().len() == 2));
}

#[test]
fn bytes_literals_refuse_what_cpython_refuses() {
    // CPython: non-ASCII characters (also escaped ones, also in raw literals) and mixing with
    // str literals are syntax errors; `\u` is no escape in bytes.
    let py = Interpreter::new();
    for (src, msg) in [
        (
            "x = b'\u{e9}'",
            "bytes can only contain ASCII literal characters",
        ),
        (
            "x = rb'\\\u{e9}'",
            "bytes can only contain ASCII literal characters",
        ),
        (
            "x = b'\\\u{e9}'",
            "bytes can only contain ASCII literal characters",
        ),
        ("x = b'a' 'b'", "cannot mix bytes and nonbytes literals"),
        ("x = 'a' b'b'", "cannot mix bytes and nonbytes literals"),
        ("x = f'a' b'b'", "cannot mix bytes and nonbytes literals"),
    ] {
        let err = py.run(src).unwrap_err();
        assert_eq!(err.type_name(), "SyntaxError", "{src}");
        assert!(err.to_string().contains(msg), "{src}: {err}");
    }
    py.capture_output();
    py.run("print(b'\\u00e9' + b'\\777', len(rb'\\x00'), b'a' b'b' rb'\\c')")
        .unwrap();
    assert_eq!(py.take_output(), "b'\\\\u00e9\\xff' 4 b'ab\\\\c'\n");
}

/// 40,000 distinct global names, 40,000 attribute names on one object and 10,000 `def`s run
/// and give the right results (each name costs the same at any scope size: the scopes index
/// their names past a handful).
#[test]
fn many_distinct_names_run() {
    let n = 40_000;
    let mut src = String::new();
    for i in 0..n {
        src.push_str(&format!("v{i} = {i}\n"));
    }
    src.push_str("class C:\n    pass\nc = C()\n");
    for i in 0..n {
        src.push_str(&format!("c.a{i} = {i}\n"));
    }
    for i in 0..10_000 {
        src.push_str(&format!("def f{i}():\n    return {i}\n"));
    }
    src.push_str(&format!(
        "print(v0 + v{last}, c.a0 + c.a{last}, f0() + f9999(), v20000, c.a20000)\n",
        last = n - 1
    ));
    src.push_str("del v20000\nprint('v20000' in globals(), v20001)\n");
    let py = Interpreter::new();
    py.capture_output();
    py.run(&src).unwrap();
    assert_eq!(
        py.take_output(),
        "39999 39999 9999 20000 20000\nFalse 20001\n"
    );
}

/// Syntax minipy does not have is named as such, never a plain "invalid syntax" that makes a
/// valid program look wrong.
#[test]
fn unsupported_syntax_says_so() {
    let py = Interpreter::new();
    let err = py.run("t = sum((u := i) for i in range(3))").unwrap_err();
    assert!(
        err.to_string()
            .contains("not supported by minipy: assignment expressions (:=) in generator"),
        "{err}"
    );
    // An unparenthesized `:=` is no statement, as in CPython.
    let err = py.run("x := 5").unwrap_err();
    assert_eq!(err.type_name(), "SyntaxError");
    for (src, feature) in [
        (
            "try:\n    pass\nexcept* ValueError:\n    pass\n",
            "exception groups (except*)",
        ),
        ("async with x:\n    pass\n", "async with and async for"),
    ] {
        let err = py.run(src).unwrap_err();
        assert_eq!(err.type_name(), "SyntaxError", "{src}");
        assert!(
            err.to_string()
                .contains(&format!("not supported by minipy: {feature}")),
            "{src}: {err}"
        );
    }
    // `match` stays an ordinary name where it is one, and starts a match statement where
    // that is one.
    py.capture_output();
    py.run("match = [3]\nmatch[0] += 1\ndef f(match):\n    return match\nprint(match, f(2))")
        .unwrap();
    py.run("match y := [1][0]:\n    case 1:\n        print('one', y)\n")
        .unwrap();
    assert_eq!(py.take_output(), "[4] 2\none 1\n");
}

/// Bad complex-number input gets Python's exceptions, never a panic: deep nesting of
/// imaginary literals, huge exponents and lengths, malformed strings.
#[test]
fn complex_bad_input_raises_python_errors() {
    let py = Interpreter::new();
    let deep_neg = format!("x = {}1j", "-".repeat(100_000));
    let deep_paren = format!("x = {}1j{}", "(".repeat(5000), ")".repeat(5000));
    let long_product = format!("x = 1j{}", " * 1j".repeat(50_000));
    for src in [&deep_neg, &deep_paren, &long_product] {
        let err = py.run(src).unwrap_err();
        assert_eq!(err.type_name(), "SyntaxError", "{}", &src[..20]);
    }
    let cases = [
        ("complex('(' * 100000)", "ValueError"),
        ("complex('1' * 100000 + 'j' * 2)", "ValueError"),
        ("complex(1, 'x')", "TypeError"),
        ("(1 + 1j) ** (10 ** 400)", "OverflowError"),
        ("(1 + 1j) ** 1e300", "OverflowError"),
        ("(2 + 0j) ** -(10 ** 400)", "OverflowError"),
        ("complex(10 ** 400)", "OverflowError"),
        ("0j ** -2", "ZeroDivisionError"),
        ("hash([1j])", "TypeError"),
    ];
    for (src, exc) in cases {
        let err = py.run(src).unwrap_err();
        assert_eq!(err.type_name(), exc, "{src}");
    }
    py.run("z = complex('1' * 100000 + 'j')\nassert z == complex(0, float('inf'))")
        .unwrap();
}
