//! The bytecode VM (`interp/vm`) changes nothing a script can see: every parity script and
//! the traceback scripts below give the same output, errors and status with the VM on (the
//! default) and off (`MINIPY_VM=0`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(script: &Path, vm: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_minipy"));
    cmd.arg(script);
    if !vm {
        cmd.env("MINIPY_VM", "0");
    }
    cmd.output().expect("run minipy")
}

/// The text with every address (`0x` and hex digits) replaced by `0x?` (they differ between
/// runs).
fn no_addresses(b: &[u8]) -> String {
    let s = String::from_utf8_lossy(b);
    let mut out = String::with_capacity(s.len());
    let mut rest = &*s;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i + 2]);
        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
        out.push('?');
    }
    out.push_str(rest);
    out
}

fn same(script: &Path) -> Option<String> {
    let on = run(script, true);
    let off = run(script, false);
    if on.status.code() == off.status.code()
        && no_addresses(&on.stdout) == no_addresses(&off.stdout)
        && no_addresses(&on.stderr) == no_addresses(&off.stderr)
    {
        return None;
    }
    Some(format!(
        "{}: VM on (status {:?})\n{}{}\n--- VM off (status {:?})\n{}{}",
        script.display(),
        on.status.code(),
        String::from_utf8_lossy(&on.stdout),
        String::from_utf8_lossy(&on.stderr),
        off.status.code(),
        String::from_utf8_lossy(&off.stdout),
        String::from_utf8_lossy(&off.stderr),
    ))
}

#[test]
fn parity_scripts_same_with_vm_on_and_off() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/parity");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/parity exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py") && p.with_extension("out").exists())
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 10);
    let failures: Vec<String> = scripts.iter().filter_map(|s| same(s)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Uncaught exceptions raised at various depths and statements of compiled functions: the
/// same traceback (files, lines, functions) as the tree's.
#[test]
fn tracebacks_same_with_vm_on_and_off() {
    let dir = std::env::temp_dir().join(format!("minipy-vm-tb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut failures = Vec::new();
    for k in 0..8 {
        let src = format!(
            "def f(k, xs):
    total = 0
    if k == 0:
        total += 1
    elif k == {k}:
        total = (1 +
                 2)
        for x in xs:
            total += x
        while total < 100:
            total = total * 2
            if total > 50:
                break
    return g(total, k)


def g(t, k):
    if k == 1:
        return t / 0
    elif k == 2:
        return [][t]
    elif k == 3:
        return undefined_name
    elif k == 4:
        a, b = [t]
    elif k == 5:
        return f(k, None)
    elif k == 6:
        return [t.nope for _ in range(2)]
    elif k == 7:
        assert t < 0, 'negative'
    return t.nope


print(f({k}, [1, 2]))
"
        );
        let path = dir.join(format!("tb{k}.py"));
        std::fs::write(&path, src).expect("write script");
        failures.extend(same(&path));
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Exceptions through `try`/`except` of compiled functions: re-raised, replaced, raised in a
/// handler, not matched, unbound after a handler.
#[test]
fn try_tracebacks_same_with_vm_on_and_off() {
    let dir = std::env::temp_dir().join(format!("minipy-vm-try-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut failures = Vec::new();
    for k in 0..6 {
        let src = format!(
            "def f(k):
    try:
        if k == 1:
            g()
        x = [1][k]
    except IndexError:
        if k == 2:
            raise
        elif k == 3:
            raise ValueError('v')
        elif k == 4:
            g()
    except NameError:
        raise
    return x


def g():
    return 1 / 0


def h(k):
    try:
        return f(k)
    except KeyError:
        return 0


print(h({k}))
"
        );
        let path = dir.join(format!("try{k}.py"));
        std::fs::write(&path, src).expect("write script");
        failures.extend(same(&path));
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
