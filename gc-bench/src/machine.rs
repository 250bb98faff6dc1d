//! What machine the figures come from, for the report.

use serde::{Deserialize, Serialize};

/// Machine and toolchain description.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Machine {
    /// Logical CPUs available to this process (`nproc`).
    pub nproc: usize,
    /// `model name` from /proc/cpuinfo.
    pub cpu_model: String,
    /// Total memory from /proc/meminfo.
    pub memory: String,
    /// Kernel release.
    pub os: String,
    /// `rustc --version` of the compiler that built the bench.
    pub rustc: String,
    /// `python3 --version`, when present.
    pub python: Option<String>,
    /// Build profile of the bench binary.
    pub profile: String,
}

fn first_line_with(path: &str, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_string())
}

impl Machine {
    /// Describe the machine this process runs on.
    pub fn detect() -> Self {
        Machine {
            nproc: std::thread::available_parallelism().map_or(1, |n| n.get()),
            cpu_model: first_line_with("/proc/cpuinfo", "model name")
                .unwrap_or_else(|| "unknown".into()),
            memory: first_line_with("/proc/meminfo", "MemTotal")
                .map(
                    |kb| match kb.trim_end_matches(" kB").trim().parse::<f64>() {
                        Ok(kb) => format!("{:.1} GiB RAM", kb / 1024.0 / 1024.0),
                        Err(_) => kb,
                    },
                )
                .unwrap_or_else(|| "unknown RAM".into()),
            os: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .map(|s| format!("Linux {}", s.trim()))
                .unwrap_or_else(|_| std::env::consts::OS.to_string()),
            rustc: env!("GC_BENCH_RUSTC_VERSION").to_string(),
            python: crate::cpython::python_version(),
            profile: if cfg!(debug_assertions) {
                "debug"
            } else {
                "release"
            }
            .to_string(),
        }
    }
}
