//! Records the compiler that built the bench, for the report's machine line, and the versions
//! of the collectors it compares (from the workspace's Cargo.lock), for the feature matrix.

/// The crates whose versions the report states, as named in Cargo.lock.
const CRATES: [&str; 6] = [
    "gc-core",
    "gcmodule",
    "bacon_rajan_cc",
    "rust-cc",
    "dumpster",
    "gc",
];

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
    for name in CRATES {
        let version = lock_version(&lock, name).unwrap_or_else(|| "unknown".into());
        let key = name.replace('-', "_").to_uppercase();
        println!("cargo:rustc-env=GC_BENCH_VERSION_{key}={version}");
    }
}

/// The version of the first `[[package]]` named `name` in a Cargo.lock.
fn lock_version(lock: &str, name: &str) -> Option<String> {
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == format!("name = \"{name}\"") {
            let v = lines.next()?.trim();
            return v
                .strip_prefix("version = \"")
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_string);
        }
    }
    None
}
