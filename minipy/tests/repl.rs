//! The REPL, fed through a pipe, against `python3 -i` fed the same input.
//!
//! With standard input not a terminal, minipy (like `python3 -i`) reads plain lines and writes
//! its banner and prompts to standard error, so standard output is the program's alone and is
//! compared byte for byte; standard error is compared too after the banner (two lines in both),
//! and so is the exit status. Each case also states minipy's expected output, so the test
//! asserts real outcomes when no CPython 3.11/3.12 is installed.

use std::io::Write;
use std::process::{Command, Stdio};

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(program: &str, args: &[&str], input: &str) -> Run {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    // Written from a thread: a child that stops reading (exit()) must not block the writer.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("wait");
    let _ = writer.join();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn minipy(input: &str) -> Run {
    run(env!("CARGO_BIN_EXE_minipy"), &[], input)
}

/// Standard error without the banner's two lines.
fn after_banner(stderr: &str) -> String {
    stderr.splitn(3, '\n').nth(2).unwrap_or("").to_string()
}

/// Whether a CPython 3.11 or 3.12 is on the path.
fn python3_available() -> bool {
    let script = "import sys; print((3, 11) <= sys.version_info[:2] < (3, 13))";
    let Ok(out) = Command::new("python3").args(["-c", script]).output() else {
        return false;
    };
    out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == "True"
}

/// Runs `input` through minipy's REPL: its stdout must be `stdout` and its status `code`;
/// with CPython present, stdout, status and stderr (after the banner) must be `python3 -i`'s.
/// Returns minipy's run.
fn check(input: &str, stdout: &str, code: i32) -> Run {
    let m = minipy(input);
    assert!(
        !m.stderr.contains("panicked"),
        "minipy panicked on {input:?}:\n{}",
        m.stderr
    );
    assert_eq!(m.stdout, stdout, "minipy's stdout for {input:?}");
    assert_eq!(m.code, Some(code), "minipy's status for {input:?}");
    assert!(
        m.stderr.starts_with("minipy "),
        "the banner goes to stderr: {}",
        m.stderr
    );
    if python3_available() {
        let p = run("python3", &["-i"], input);
        assert_eq!(
            m.stdout, p.stdout,
            "stdout of minipy and python3 -i for {input:?}"
        );
        assert_eq!(
            m.code, p.code,
            "status of minipy and python3 -i for {input:?}"
        );
        assert_eq!(
            after_banner(&m.stderr),
            after_banner(&p.stderr),
            "stderr (prompts, tracebacks) of minipy and python3 -i for {input:?}"
        );
    }
    m
}

#[test]
fn expression_statements_echo_their_value() {
    check(
        "x = 20; x + 22\nNone\n'a' * 2\n_\nx = 5\nprint(x)\n1; 2\n[1, 'b', None]\n",
        "42\n'aa'\n'aa'\n5\n1\n2\n[1, 'b', None]\n",
        0,
    );
}

#[test]
fn gc_collect_echoes_its_count() {
    check(
        "import gc\nclass A: pass\n\na = A(); a.me = a; del a\ngc.collect() > 0\ngc.isenabled()\n",
        "True\nTrue\n",
        0,
    );
}

#[test]
fn blocks_take_continuation_lines() {
    let m = check(
        "for i in range(3):\n    i\n    if i == 1:\n        i * 10\n\n\
         def f(a):\n    return a * 2\n\nf('ab')\n\
         class C:\n    x = 5\n\nC.x\n\
         if 0:\n    1\nelif 0:\n    2\nelse:\n    3\n\n\
         try:\n    1/0\nexcept ZeroDivisionError as e:\n    e\nfinally:\n    'fin'\n\n\
         if 1: 'one-line block'\n\n\
         while False:\n    pass\n\n",
        "0\n1\n10\n2\n'abab'\n5\n3\nZeroDivisionError('division by zero')\n'fin'\n'one-line block'\n",
        0,
    );
    assert!(
        m.stderr.contains(">>> ... ... ... ... >>> "),
        "{}",
        m.stderr
    );
}

#[test]
fn brackets_strings_and_backslashes_continue() {
    check(
        "(1,\n\n 2)\n[x\n for x in 'ab']\n'''one\ntwo'''\n1 + \\\n2\n{'k':\n 1}\n",
        "(1, 2)\n['a', 'b']\n'one\\ntwo'\n3\n{'k': 1}\n",
        0,
    );
}

#[test]
fn errors_print_a_traceback_and_the_session_goes_on() {
    let m = check(
        "1/0\nundefined\ndef f():\n    return [][1]\n\nf()\nprint('still here')\n",
        "still here\n",
        0,
    );
    assert!(
        m.stderr.contains(
            "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n\
             ZeroDivisionError: division by zero\n"
        ),
        "{}",
        m.stderr
    );
    assert!(
        m.stderr.contains(
            "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n  \
             File \"<stdin>\", line 2, in f\nIndexError: list index out of range\n"
        ),
        "{}",
        m.stderr
    );
}

#[test]
fn syntax_errors() {
    let m = check(
        "x = = 1\nif 1:\n    x = 1\ny = 2\n  z = 3\n1 +\nprint('ok')\n",
        "ok\n",
        0,
    );
    assert!(
        m.stderr.contains(
            "  File \"<stdin>\", line 3\n    y = 2\n    ^\nSyntaxError: invalid syntax\n"
        ),
        "{}",
        m.stderr
    );
    assert!(
        m.stderr.contains(
            "  File \"<stdin>\", line 1\n    z = 3\nIndentationError: unexpected indent\n"
        ),
        "{}",
        m.stderr
    );
}

#[test]
fn a_syntax_error_is_reported_at_once() {
    check(
        "while x
for
if 1:
    x = = 1
print(2)
if 1:
    pass
  y = 1
3
",
        "2
3
",
        0,
    );
}

#[test]
fn a_new_statement_ends_a_block_with_an_error() {
    let m = check("def f():\n    return 1\ndef g():\n\nf()\n", "", 0);
    assert!(
        m.stderr.contains(
            "  File \"<stdin>\", line 3\n    def g():\n    ^^^\nSyntaxError: invalid syntax\n"
        ),
        "{}",
        m.stderr
    );
    // f was never defined.
    assert!(
        m.stderr.contains("NameError: name 'f' is not defined"),
        "{}",
        m.stderr
    );
}

#[test]
fn end_of_input_in_a_block_runs_it() {
    check("if 1:\n    print(5)", "5\n", 0);
    check("x = 1\nx", "1\n", 0);
}

#[test]
fn exit_and_quit_end_the_session_with_their_status() {
    let m = check("print('before')\nexit(3)\nprint('after')\n", "before\n", 3);
    assert!(m.stderr.ends_with(">>> >>> "), "{:?}", m.stderr);
    check("quit()\nprint('after')\n", "", 0);
    check("exit(True)\n", "", 1);
    let m = check("exit('bye')\n", "", 1);
    assert!(m.stderr.ends_with("bye\n"), "{}", m.stderr);
    check("import sys\nsys.exit(4)\n", "", 4);
    check("raise SystemExit\n", "", 0);
    check("raise SystemExit(7)\n", "", 7);
}

#[test]
fn exit_quit_and_help_echo_how_to_use_them() {
    check(
        "exit\nquit\nhelp\ncallable(exit)\ntype(exit)\n",
        "Use exit() or Ctrl-D (i.e. EOF) to exit\nUse quit() or Ctrl-D (i.e. EOF) to exit\n\
         Type help() for interactive help, or help(object) for help about object.\nTrue\n\
         <class '_sitebuiltins.Quitter'>\n",
        0,
    );
}

#[test]
fn system_exit_can_be_caught() {
    check(
        "try:\n    exit(5)\nexcept SystemExit as e:\n    e.code, e.args\n\n\
         try:\n    raise SystemExit(1, 2)\nexcept SystemExit as e:\n    e.code\n\n\
         try:\n    exit()\nexcept Exception:\n    'not an Exception'\nexcept BaseException as e:\n    e.code\n\n",
        "(5, (5,))\n(1, 2)\n",
        0,
    );
}

#[test]
fn help_prints_minipy_help() {
    // Not comparable: CPython's help() is the pydoc utility.
    let m = minipy("help()\ndef f(a, b=1, *c): pass\n\nhelp(f)\nhelp(1)\n");
    assert_eq!(m.code, Some(0));
    assert!(m.stdout.starts_with("Welcome to minipy"), "{}", m.stdout);
    assert!(
        m.stdout
            .contains("Help on function f in module __main__:\n\nf(a, b=..., *c)\n"),
        "{}",
        m.stdout
    );
    assert!(
        m.stdout.contains("Help on int object:\n\n1\n"),
        "{}",
        m.stdout
    );
}

#[test]
fn exit_in_scripts_raises_system_exit() {
    let cases: &[(&str, i32, &str)] = &[
        ("exit(3)", 3, ""),
        ("quit()", 0, ""),
        ("exit('bye')", 1, "bye\n"),
        ("import sys\nsys.exit(2)", 2, ""),
        ("import sys\nsys.exit()", 0, ""),
        ("raise SystemExit(256 + 9)", 9, ""),
        ("print('a')\nexit(None)\nprint('b')", 0, ""),
    ];
    for (src, code, stderr) in cases {
        let m = run(env!("CARGO_BIN_EXE_minipy"), &["-c", src], "");
        assert_eq!(m.code, Some(*code), "minipy -c {src:?}: {}", m.stderr);
        assert_eq!(m.stderr, *stderr, "minipy -c {src:?}");
        if python3_available() {
            let p = run("python3", &["-c", src], "");
            assert_eq!(m.code, p.code, "python3 -c {src:?}");
            assert_eq!(m.stdout, p.stdout, "python3 -c {src:?}");
            assert_eq!(m.stderr, p.stderr, "python3 -c {src:?}");
        }
    }
}

/// Drives the REPL on a pseudo-terminal (through Python's `pty` module): on a terminal it edits
/// lines (rustyline), so the up arrow recalls the previous line, and Ctrl-C at a prompt prints
/// `KeyboardInterrupt` and drops the unfinished statement, as CPython's REPL.
#[test]
#[cfg(all(unix, feature = "line-editing"))]
fn terminal_line_editing_and_history() {
    if !python3_available() {
        return;
    }
    let driver = r#"
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1]])
def drain(t=1.0):
    out = b''
    end = time.time() + t
    while time.time() < end:
        try:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                out += os.read(fd, 4096)
        except OSError:
            break
    return out
log = drain()
for keys in [b'x = 6 * 7\r', b'x\r', b'\x1b[A\r', b'if 1:\r', b'  x = 0\x03', b'x + 1\r', b'exit(3)\r']:
    os.write(fd, keys)
    log += drain()
_, status = os.waitpid(pid, 0)
text = log.decode('utf-8', 'replace').replace('\r', '')
print(os.waitstatus_to_exitcode(status))
print(text.count('\n42\n'), text.count('\n43\n'), text.count('KeyboardInterrupt'))
"#;
    let out = Command::new("python3")
        .args(["-c", driver, env!("CARGO_BIN_EXE_minipy")])
        .output()
        .expect("run the pty driver");
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    // Status 3; `x` echoed twice (typed, then recalled with the up arrow); the interrupted
    // block never set x to 0, so `x + 1` is 43; one KeyboardInterrupt.
    assert_eq!(
        lines,
        ["3", "2 1 1"],
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `return` outside a function and `break`/`continue` outside a loop are refused before
/// anything runs, with no traceback, as CPython's compiler refuses them.
#[test]
fn misplaced_return_break_and_continue_are_syntax_errors() {
    let m = check(
        "continue\nreturn 1\nif 1:\n    break\n\nfor i in range(1):\n    break\n\nprint('ok')\n",
        "ok\n",
        0,
    );
    assert!(
        m.stderr
            .contains("  File \"<stdin>\", line 1\nSyntaxError: 'return' outside function\n"),
        "{}",
        m.stderr
    );
    for src in [
        "print(1)\nreturn 2",
        "print(1)\nwhile 0:\n    pass\nelse:\n    break",
    ] {
        let m = run(env!("CARGO_BIN_EXE_minipy"), &["-c", src], "");
        assert_eq!(m.code, Some(1), "{src:?}");
        assert_eq!(m.stdout, "", "nothing runs: {src:?}");
        assert!(
            m.stderr.starts_with("  File \"<string>\", line "),
            "{}",
            m.stderr
        );
        if python3_available() {
            let p = run("python3", &["-c", src], "");
            assert_eq!(
                (m.code, &m.stdout, &m.stderr),
                (p.code, &p.stdout, &p.stderr)
            );
        }
    }
}

#[test]
fn input_ending_inside_a_triple_quoted_string() {
    let m = check("x = 1\n'''never closed\n", "", 0);
    assert!(
        m.stderr.contains(
            "SyntaxError: unterminated triple-quoted string literal (detected at line 1)\n"
        ),
        "{}",
        m.stderr
    );
}

#[test]
fn a_match_statement_reads_its_cases() {
    check(
        "x = [1, 2]\nmatch x:\n    case [a, b]:\n        a + b\n\nmatch = 5\nmatch\nmatch (x):\n    case _:\n        print('w')\n\n",
        "3\n5\nw\n",
        0,
    );
}
