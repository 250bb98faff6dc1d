//! Constant folding (`src/fold.rs`) changes no traceback: an operation on constants that
//! raises is not folded, so it raises when it runs, on the line CPython names (checked against
//! CPython 3.11's tracebacks for the same scripts), around folded parts of the same expression.

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
