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
