//! Real programs that nobody here wrote (pyperformance's pure-Python benchmarks, unmodified,
//! in `minipy/realprograms/programs/`) run on minipy and print exactly what CPython 3.11
//! prints. Each program with a committed `minipy/realprograms/expected/NAME.out` is run; when
//! `python3` is on the path it must still print the committed output too. The programs that
//! do not run yet, and why, are listed by `minipy/realprograms/survey.sh`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("realprograms")
}

/// The programs with an expected output, by name.
fn programs() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("expected"))
        .expect("realprograms/expected exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "out"))
        .filter_map(|p| p.file_stem()?.to_str().map(String::from))
        .collect();
    names.sort();
    names
}

fn run(program: &str, name: &str) -> Result<String, String> {
    let out = Command::new(program)
        .arg(format!("{name}.py"))
        .current_dir(root().join("programs"))
        .output()
        .map_err(|e| format!("{program}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        return Err(format!(
            "{program} {name}.py exited with {:?}\n{stdout}{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(stdout)
}

fn python3_available() -> bool {
    Command::new("python3").arg("--version").output().is_ok()
}

#[test]
fn real_programs_print_what_cpython_prints() {
    let names = programs();
    assert!(
        !names.is_empty(),
        "no expected outputs in realprograms/expected"
    );
    let with_python = python3_available();
    let failures = Mutex::new(Vec::new());
    let next = Mutex::new(names.iter());
    // Two at a time: the programs take seconds each in a debug build.
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let Some(name) = next.lock().unwrap().next() else {
                    break;
                };
                let expected =
                    std::fs::read_to_string(root().join("expected").join(format!("{name}.out")))
                        .expect("read an expected output");
                let check = |program: &str| match run(program, name) {
                    Ok(out) if out == expected => {}
                    Ok(out) => failures.lock().unwrap().push(format!(
                        "{name}: {program} printed\n{out}\nexpected\n{expected}"
                    )),
                    Err(e) => failures.lock().unwrap().push(e),
                };
                check(env!("CARGO_BIN_EXE_minipy"));
                if with_python {
                    check("python3");
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
