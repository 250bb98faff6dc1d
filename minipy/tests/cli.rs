//! The `minipy` program's command line: arguments that are not UTF-8 are accepted (the script
//! path as the OS gave it, text with U+FFFD for each bad byte), never a panic.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::process::Command;

fn minipy() -> Command {
    Command::new(env!("CARGO_BIN_EXE_minipy"))
}

#[test]
fn a_script_whose_name_is_not_utf8_runs() {
    let dir = std::env::temp_dir().join(format!("minipy-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(OsStr::from_bytes(b"name\xffx.py"));
    std::fs::write(&path, "import sys\nprint(len(sys.argv), sys.argv[1])\n").unwrap();
    let out = minipy()
        .arg(&path)
        .arg(OsStr::from_bytes(b"a\xffb"))
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2 a\u{fffd}b\n");
}

#[test]
fn code_that_is_not_utf8_runs_with_replacement_characters() {
    let out = minipy()
        .arg("-c")
        .arg(OsStr::from_bytes(b"print(len('\xff'))"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
}

#[test]
fn a_missing_script_is_an_error_message() {
    let out = minipy()
        .arg(OsStr::from_bytes(b"/nonexistent/n\xffpe.py"))
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(out.status.code().is_some(), "killed by a signal: {out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("can't open file"));
}

/// Runs `source` (bytes) as a script file and returns (status, stdout, stderr).
fn run_source(name: &str, source: &[u8]) -> (Option<i32>, String, String) {
    let dir = std::env::temp_dir().join(format!("minipy-src-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.py"));
    std::fs::write(&path, source).unwrap();
    let out = minipy()
        .current_dir(&dir)
        .arg(format!("{name}.py"))
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn source_files_are_read_as_cpython_reads_them() {
    // A byte-order mark, and old Mac (CR) and Windows (CRLF) line ends.
    assert_eq!(run_source("bom", b"\xef\xbb\xbfprint('bom')\n").1, "bom\n");
    assert_eq!(run_source("cr", b"x = 1\rprint(x)\r").1, "1\n");
    assert_eq!(run_source("crlf", b"x = 2\r\nprint(x)\r\n").1, "2\n");
    // Octal escapes.
    assert_eq!(
        run_source("octal", b"print(repr('\\101\\0\\12\\777\\1234'))\n").1,
        "'A\\x00\\n\u{1ff}S4'\n"
    );
}

/// What CPython 3.11 prints for each of these (checked by hand against `python3`).
#[test]
fn invalid_source_is_refused_with_cpython_messages() {
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "zeros",
            b"x = 09\n",
            "  File \"zeros.py\", line 1\n    x = 09\n        ^\nSyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers\n",
        ),
        (
            "tabs",
            b"if 1:\n        x = 1\n\ty = 2\nprint(x)\n",
            "  File \"tabs.py\", line 3\n    y = 2\nTabError: inconsistent use of tabs and spaces in indentation\n",
        ),
        (
            "hex",
            b"print('\\x+1')\n",
            "  File \"hex.py\", line 1\n    print('\\x+1')\n                ^\nSyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape\n",
        ),
    ];
    for (name, src, expected) in cases {
        let (code, out, err) = run_source(name, src);
        assert_eq!(code, Some(1), "{name}: {err}");
        assert_eq!(out, "", "{name}");
        assert_eq!(&err, expected, "{name}");
    }
}

#[test]
fn an_uncaught_system_exit_sets_the_status_without_a_traceback() {
    // As python3: `raise SystemExit(3)` exits with 3 and prints nothing; `sys.exit("msg")`
    // prints msg on standard error and exits with 1; `sys.exit()` and `SystemExit(None)` 0.
    for (code, status, stderr) in [
        ("print('a')\nraise SystemExit(3)\nprint('b')", 3, ""),
        ("import sys\nsys.exit('msg')", 1, "msg\n"),
        ("import sys\nsys.exit()", 0, ""),
        ("raise SystemExit(None)", 0, ""),
        ("exit(4)", 4, ""),
        (
            "def f():\n    raise SystemExit(2)\ntry:\n    f()\nfinally:\n    print('cleanup')",
            2,
            "",
        ),
    ] {
        let out = minipy().args(["-c", code]).output().unwrap();
        assert_eq!(out.status.code(), Some(status), "{code}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), stderr, "{code}");
    }
}
