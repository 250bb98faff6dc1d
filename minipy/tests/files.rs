//! `open()`, `input()` and the standard streams: `tests/files/files.py` writes, appends, reads
//! and iterates text files, checks the `OSError` subclasses and messages, redirects
//! `sys.stdout`, and reads stdin with `input()`, `sys.stdin.readline()` and iteration. It runs
//! in a fresh temporary directory with the same stdin under minipy and (when present) python3;
//! stdout and stderr must equal the committed `files.out` and `files.err`, made by CPython 3.11.
//! `tests/files/binary_files.py` does the same for binary modes ('rb', 'wb', 'ab', 'xb'), and
//! `tests/files/pathlib_basics.py` for `pathlib`, `os.path.realpath` and path-like arguments.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const STDIN: &str = "hello input\nsecond\nthird\nfourth\n";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/files")
        .join(name)
}

/// Runs `program SCRIPT` in a new empty directory, feeding [`STDIN`]; (stdout, stderr).
fn run(program: &str, script: &str, tag: &str) -> Option<(String, String)> {
    let dir = std::env::temp_dir().join(format!(
        "minipy-files-{tag}-{script}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary directory");
    std::fs::copy(fixture(script), dir.join(script)).expect("copy the script");
    let mut child = Command::new(program)
        .arg(script)
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(STDIN.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    let _ = std::fs::remove_dir_all(&dir);
    Some((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

/// Runs fixture `NAME.py` under minipy and python3: stdout and stderr must equal the committed
/// `NAME.out` and `NAME.err`.
fn check_fixture(name: &str) {
    let script = format!("{name}.py");
    let expected_out = std::fs::read_to_string(fixture(&format!("{name}.out"))).expect(".out");
    let expected_err = std::fs::read_to_string(fixture(&format!("{name}.err"))).expect(".err");
    let (out, err) = run(env!("CARGO_BIN_EXE_minipy"), &script, "minipy").expect("run minipy");
    assert_eq!(out, expected_out, "stdout differs; stderr:\n{err}");
    assert_eq!(err, expected_err);
    if let Some((out, err)) = run("python3", &script, "python3") {
        assert_eq!(out, expected_out, "python3 no longer prints {name}.out");
        assert_eq!(err, expected_err, "python3 no longer prints {name}.err");
    }
}

#[test]
fn files_and_streams_behave_as_in_cpython() {
    check_fixture("files");
}

#[test]
fn binary_files_behave_as_in_cpython() {
    check_fixture("binary_files");
}

#[test]
fn pathlib_and_path_like_arguments_behave_as_in_cpython() {
    check_fixture("pathlib_basics");
}

#[test]
fn an_uncaught_file_error_shows_only_the_callers_frame() {
    let dir = std::env::temp_dir().join(format!("minipy-files-tb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let script = dir.join("missing.py");
    std::fs::write(
        &script,
        "import heapq\nprint('start')\nopen('no-such-file.txt')\n",
    )
    .expect("write script");
    let out = Command::new(env!("CARGO_BIN_EXE_minipy"))
        .arg("missing.py")
        .current_dir(&dir)
        .output()
        .expect("run minipy");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "start\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Traceback (most recent call last):\n  File \"missing.py\", line 3, in <module>\n    \
         open('no-such-file.txt')\nFileNotFoundError: [Errno 2] No such file or directory: \
         'no-such-file.txt'\n"
    );
}
