//! Records the compiler that built the bench, for the report's machine line, and the versions
//! of the collectors it compares (from the workspace's Cargo.lock), for the feature matrix.

fn main() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown rustc".into());
    println!("cargo:rustc-env=GC_BENCH_RUSTC_VERSION={version}");
    println!("cargo:rerun-if-env-changed=RUSTC");
    println!("cargo:rerun-if-changed=build.rs");

    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let lock_path = std::path::Path::new(&manifest).join("../Cargo.lock");
    println!("cargo:rerun-if-changed={}", lock_path.display());
    let lock = std::fs::read_to_string(&lock_path).unwrap_or_default();
    // Every locked package, so that a collector's registry entry can name its crate's version
    // (`env!("GC_BENCH_VERSION_GCMODULE")`) without a list here to keep in step.
    let mut seen = std::collections::HashSet::new();
    for (name, version) in lock_versions(&lock) {
        let key = name.replace('-', "_").to_uppercase();
        if seen.insert(key.clone()) {
            println!("cargo:rustc-env=GC_BENCH_VERSION_{key}={version}");
        }
    }
}

/// The (name, version) of every `[[package]]` in a Cargo.lock, in file order.
fn lock_versions(lock: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        let Some(name) = quoted(l, "name = ") else {
            continue;
        };
        if let Some(version) = lines.next().and_then(|v| quoted(v, "version = ")) {
            out.push((name.to_string(), version.to_string()));
        }
    }
    out
}

/// The quoted value of a `key = "value"` line.
fn quoted<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.trim()
        .strip_prefix(key)?
        .strip_prefix('"')?
        .strip_suffix('"')
}
