//! Generators beyond the parity scripts: what minipy refuses (a `yield` it cannot suspend at),
//! and deep generator recursion on the default 2 MiB test thread stack (a `RecursionError`,
//! never a stack overflow).

use minipy::{Error, Interpreter, Value};

/// The message of the syntax error `src` is refused with.
fn syntax_error(src: &str) -> (u32, String) {
    match Interpreter::new().run(src) {
        Err(Error::Syntax { line, msg, .. }) => (line, msg),
        Err(other) => panic!("expected a SyntaxError, got {other:?}"),
        Ok(()) => panic!("expected a SyntaxError for {src:?}"),
    }
}

#[test]
fn yield_inside_an_expression_is_refused_before_running() {
    let msg = "not supported by minipy: yield inside an expression";
    for src in [
        "def f():\n    print('ran')\n    return 1 + (yield)\n",
        "def f():\n    g((yield 1))\n",
        "def f():\n    x = [(yield)]\n",
        "def f():\n    if (yield):\n        pass\n",
        "def f():\n    for x in (yield):\n        pass\n",
        "def f():\n    yield (yield)\n",
        "def f():\n    return [x for x in (yield)]\n",
    ] {
        let (_, m) = syntax_error(src);
        assert_eq!(m, msg, "{src}");
    }
    assert_eq!(
        syntax_error("x = 1\nyield x\n"),
        (2, "'yield' outside function".into())
    );
    assert_eq!(
        syntax_error("def f():\n    await g()\n"),
        (2, "'await' outside async function".into())
    );
    assert_eq!(
        syntax_error("await g()\n"),
        (1, "'await' outside function".into())
    );
    assert_eq!(
        syntax_error("def f():\n    class C:\n        x = yield\n"),
        (3, "'yield' outside function".into())
    );
}

#[test]
fn statement_yields_are_accepted() {
    let py = Interpreter::new();
    py.capture_output();
    py.run(
        "def f():\n    yield\n    yield 1, 2\n    x = yield from [3]\n    y = z = yield x\n    \
         return (yield)\nprint(list(f()))\n",
    )
    .unwrap();
    assert_eq!(py.take_output(), "[None, (1, 2), 3, None, None]\n");
}

#[test]
fn deep_generator_recursion_is_a_recursion_error_on_a_small_stack() {
    let py = Interpreter::new();
    let err = py
        .run("def deep(n):\n    yield from deep(n + 1)\n    yield n\nfor x in deep(0):\n    pass\n")
        .unwrap_err();
    assert_eq!(err.type_name(), "RecursionError");
    let err = py
        .run(
            "def deep(n):\n    for x in deep(n + 1):\n        try:\n            yield x\n        \
             finally:\n            pass\nlist(deep(0))\n",
        )
        .unwrap_err();
    assert_eq!(err.type_name(), "RecursionError");
    let err = py
        .run("async def c(n):\n    return await c(n + 1)\nc(0).send(None)\n")
        .unwrap_err();
    assert_eq!(err.type_name(), "RecursionError");
    let err = py
        .run("g = (x for x in [1])\nfor i in range(100000):\n    g = (x for x in g)\nlist(g)\n")
        .unwrap_err();
    assert_eq!(err.type_name(), "RecursionError");
    // A recursive walk 50 deep works within the embedding default stack budget (1 MiB; the
    // `minipy` program has 200 MiB, where 950 deep works as in CPython), and the
    // interpreter is still usable.
    py.run(
        "def walk(n):\n    if n:\n        yield from walk(n - 1)\n    yield n\n\
         total = sum(walk(50))\n",
    )
    .unwrap();
    assert!(matches!(py.get_global("total"), Some(Value::Int(1275))));
}

#[test]
fn endless_generators_are_consumed_lazily() {
    let py = Interpreter::new();
    py.capture_output();
    py.run(
        "def count():\n    n = 0\n    while True:\n        yield n\n        n += 1\n\
         m = map(lambda x: x * x, count())\nz = zip(count(), filter(None, count()))\n\
         print(next(m), next(m), next(z), any(x > 10 for x in count()), 5 in count())\n",
    )
    .unwrap();
    assert_eq!(py.take_output(), "0 1 (0, 1) True True\n");
}

#[test]
fn a_traceback_goes_through_the_generator_frames() {
    let src = "def inner():\n    yield 1\n    raise ValueError('bad')\n\ndef outer():\n    \
               yield from inner()\n\nfor x in outer():\n    print(x)\n";
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_minipy"))
        .args(["-c", src])
        .output()
        .expect("run minipy");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Traceback (most recent call last):\n  File \"<string>\", line 8, in <module>\n    \
         for x in outer():\n  File \"<string>\", line 6, in outer\n    yield from inner()\n  \
         File \"<string>\", line 3, in inner\n    raise ValueError('bad')\nValueError: bad\n"
    );
}
