//! Tracebacks through the newer statements name the line CPython names: an error in an
//! `elif` condition names the `elif` line, an error in a `with` body the body's line, and an
//! error raised by a decorator the decorator's line. Constant folding (`src/fold.rs`) changes
//! no traceback: an operation on constants that raises is not folded, so it raises when it
//! runs, on the line CPython names (checked against CPython 3.11's tracebacks for the same
//! scripts), around folded parts of the same expression.

use std::process::Command;

fn stderr_of(src: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_minipy"))
        .args(["-c", src])
        .output()
        .expect("run minipy");
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn elif_condition_error_names_the_elif_line() {
    let err = stderr_of(
        "def check(v):\n    if v == 1:\n        return 1\n    elif v.missing:\n        return 2\ncheck(3)\n",
    );
    assert!(
        err.contains("line 4, in check\n    elif v.missing:\n"),
        "{err}"
    );
}

#[test]
fn with_body_error_names_the_body_line() {
    let err = stderr_of(
        "class CM:\n    def __enter__(self):\n        return self\n    def __exit__(self, *a):\n        return False\nwith CM():\n    x = 1\n    1 / 0\n",
    );
    assert!(err.contains("line 8, in <module>\n    1 / 0\n"), "{err}");
    assert!(
        err.ends_with("ZeroDivisionError: division by zero\n"),
        "{err}"
    );
}

#[test]
fn decorator_error_names_the_decorator_line() {
    let err = stderr_of("def bad(f):\n    raise ValueError('no')\n\n@bad\ndef g():\n    pass\n");
    assert!(err.contains("line 4, in <module>\n    @bad\n"), "{err}");
    assert!(err.contains("line 2, in bad\n"), "{err}");
}

#[test]
fn an_exception_passing_through_finally_keeps_its_line() {
    // CPython names the line the exception came from (here the `except 5:` that raised the
    // TypeError), not the last line of the finally block that ran on the way out.
    let err = stderr_of(
        "def f():\n    try:\n        raise ValueError\n    except 5:\n        pass\n    finally:\n        print('finally ran')\n        x = 1\nf()\n",
    );
    assert!(err.contains("line 4, in f\n    except 5:\n"), "{err}");
    assert!(
        err.ends_with(
            "TypeError: catching classes that do not inherit from BaseException is not allowed\n"
        ),
        "{err}"
    );
    let err = stderr_of("try:\n    1 / 0\nfinally:\n    y = 2\n");
    assert!(err.contains("line 2, in <module>\n    1 / 0\n"), "{err}");
    // No handler takes it: still the line it was raised on, not the last `except` tried.
    let err = stderr_of(
        "try:\n    1 / 0\nexcept KeyError:\n    pass\nexcept (IndexError, ValueError):\n    pass\n",
    );
    assert!(err.contains("line 2, in <module>\n    1 / 0\n"), "{err}");
}

#[test]
fn a_raising_operation_on_folded_operands_names_its_line() {
    let err = stderr_of(
        "def f(n):\n    a = 2 ** 10\n    return (a +\n        n) / (1 - 1)\nx = -(1 + 2j)\nf(1)\n",
    );
    assert!(err.contains("line 6, in <module>\n"), "{err}");
    assert!(err.contains("line 3, in f\n    return (a +\n"), "{err}");
    assert!(
        err.ends_with("ZeroDivisionError: division by zero\n"),
        "{err}"
    );
}

#[test]
fn an_unfolded_subscript_of_constants_raises_when_it_runs() {
    let err = stderr_of("def g():\n    return (1,\n            2)[\n        5]\ng()\n");
    assert!(err.contains("line 5, in <module>\n    g()\n"), "{err}");
    assert!(err.contains("line 2, in g\n    return (1,\n"), "{err}");
    assert!(
        err.ends_with("IndexError: tuple index out of range\n"),
        "{err}"
    );
}

#[test]
fn an_elif_condition_on_constants_names_the_elif_line() {
    let err = stderr_of("if 1 + 1 == 3:\n    pass\nelif (2, 3)[0] / 0:\n    pass\n");
    assert!(
        err.contains("line 3, in <module>\n    elif (2, 3)[0] / 0:\n"),
        "{err}"
    );
    assert!(
        err.ends_with("ZeroDivisionError: division by zero\n"),
        "{err}"
    );
}

#[test]
fn operations_left_unfolded_raise_cpythons_errors() {
    for (src, last) in [
        (
            "x = 'a' * 'b'\n",
            "TypeError: can't multiply sequence by non-int of type 'str'\n",
        ),
        ("x = 1 % 0\n", "ZeroDivisionError: integer modulo by zero\n"),
        ("x = 1 << -1\n", "ValueError: negative shift count\n"),
        (
            "x = -'a'\n",
            "TypeError: bad operand type for unary -: 'str'\n",
        ),
        (
            "x = (1, 2) + 3\n",
            "TypeError: can only concatenate tuple (not \"int\") to tuple\n",
        ),
    ] {
        let err = stderr_of(src);
        assert!(err.contains("line 1, in <module>\n"), "{src}: {err}");
        assert!(err.ends_with(last), "{src}: {err}");
    }
}
