//! Tracebacks through the newer statements name the line CPython names: an error in an
//! `elif` condition names the `elif` line, an error in a `with` body the body's line, and an
//! error raised by a decorator the decorator's line.

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
