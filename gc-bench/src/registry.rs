//! What the main section knows about a collector, declared once per collector: its name, its
//! role in the goals, its capabilities, how a cell of it runs and its row of the feature
//! matrix. The table itself is [`crate::adapters::COLLECTORS`]; every other module asks these
//! fields ([`left_out`], [`runs_once`], [`subject`], [`peers`], ...), never a collector's name.
//!
//! Adding a collector: write its adapter module (node types from `adapter!`, its trace impls,
//! its collect call) ending in a `pub const ENTRY: CollectorEntry`, and add its module name to
//! the `collectors!` list in `src/adapters/mod.rs`, which builds
//! [`crate::adapters::COLLECTORS`].

use crate::collector::Collector;
use crate::harness::{Measurement, RunPlan};
use crate::workloads::{Sizes, Stopwatch, Workload};

/// What a collector is in the goals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The collector the goals are about (gc-core).
    Subject,
    /// The reference-counting baseline of the "x rc" column and of the overhead goals (`Rc`).
    Baseline,
    /// A Rust cycle collector gc-core is compared with ("faster than the best Rust peer").
    Peer,
    /// The interpreter whose collector gc-core's design follows (CPython): the live-heap and
    /// minipy-script goals compare with it.
    Reference,
}

/// A Python interpreter a collector can run programs on (the minipy workloads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Python {
    /// minipy, in process; its heap is gc-core.
    Minipy,
    /// `python3`, as a subprocess.
    CPython,
}

impl Python {
    /// How the report names the interpreter.
    pub fn label(self) -> &'static str {
        match self {
            Python::Minipy => "minipy (gc-core)",
            Python::CPython => "CPython",
        }
    }
}

/// What a collector can do: the facts workloads and the report ask instead of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// It has a collection to run (not `Rc`): it can run the workloads that time only
    /// collections.
    pub collects: bool,
    /// It frees unreachable cycles. One that does not leaks them, and what leaks stays leaked
    /// for the rest of the process, so it runs cyclic workloads once.
    pub frees_cycles: bool,
    /// Its young collection examines young objects only.
    pub generational: bool,
    /// It collects on its own, not only when asked.
    pub automatic: bool,
    /// It has weak references.
    pub weak_refs: bool,
    /// It runs finalizers on garbage (beyond `Drop`).
    pub finalizers: bool,
    /// The Python interpreter whose heap it is, if any (the minipy workloads run there only).
    pub python: Option<Python>,
}

impl Caps {
    /// A cycle collector that collects only when asked, without generations, weak references
    /// or finalizers: the fields to override start from here.
    pub const CYCLE_COLLECTOR: Caps = Caps {
        collects: true,
        frees_cycles: true,
        generational: false,
        automatic: false,
        weak_refs: false,
        finalizers: false,
        python: None,
    };
}

/// What a workload needs of a collector (see [`Caps`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Needs {
    /// It times only collections: the collector must have one ([`Caps::collects`]).
    pub collections: bool,
    /// It is a Python program: the collector must be the heap of an interpreter
    /// ([`Caps::python`]).
    pub python: bool,
}

/// How a cell of the collector runs.
#[derive(Debug, Clone, Copy)]
pub enum Runner {
    /// A Rust adapter ([`Collector`]), on the bench thread.
    Rust {
        /// Run and measure one cell ([`crate::harness::measure`]).
        measure: fn(&CollectorEntry, Workload, &Sizes, &RunPlan) -> Measurement,
        /// One bare run of a workload on a thread's heap, the collector installed (criterion
        /// times these).
        run: fn(Workload, &Sizes, &mut Stopwatch) -> Result<u64, String>,
    },
    /// `python/bench.py` under the `python3` on `PATH` ([`crate::cpython`]).
    CPython,
}

/// A Rust adapter's runner.
pub const fn rust<C: Collector>() -> Runner {
    Runner::Rust {
        measure: crate::harness::measure::<C>,
        run: crate::workloads::run_installed::<C>,
    }
}

/// The bytes column of the feature matrix.
#[derive(Debug, Clone, Copy)]
pub enum NodeBytes {
    /// Measured: the bytes allocated for one more node (`None` without the counting
    /// allocator), beside the size of the node value.
    Measured {
        /// [`crate::why::node_allocation`] of the adapter.
        allocation: fn() -> Option<usize>,
        /// `size_of` the node value.
        value: usize,
    },
    /// Not measurable by the counting allocator: what the header is instead.
    Header(&'static str),
}

/// The collector's row of the feature matrix ("Why each result"), in words.
#[derive(Debug, Clone, Copy)]
pub struct About {
    /// Version of the crate (from Cargo.lock at build time), or `std`.
    pub version: &'static str,
    /// How it works.
    pub what: &'static str,
    /// Does it free cycles.
    pub cycles: &'static str,
    /// Its generations.
    pub generations: &'static str,
    /// Its finalizers.
    pub finalizers: &'static str,
    /// Its weak references.
    pub weak: &'static str,
    /// Its thread-safe counterpart.
    pub threads: &'static str,
    /// Is it incremental.
    pub incremental: &'static str,
    /// Bytes per 3-slot node.
    pub bytes: NodeBytes,
}

/// One collector of the main section, declared once.
#[derive(Debug, Clone, Copy)]
pub struct CollectorEntry {
    /// Name in tables, CSV and on the command line.
    pub name: &'static str,
    /// How prose names it (`Rc`).
    pub label: &'static str,
    /// Its role in the goals.
    pub role: Role,
    /// What it can do.
    pub caps: Caps,
    /// How a cell runs.
    pub runner: Runner,
    /// Its row of the feature matrix (`None`: not in it).
    pub about: Option<About>,
}

impl CollectorEntry {
    /// Can it run here? (The CPython column needs `python3` on `PATH`.)
    pub fn available(&self) -> bool {
        self.unavailable().is_none()
    }

    /// Why it cannot run here, when it cannot.
    pub fn unavailable(&self) -> Option<&'static str> {
        match self.runner {
            Runner::Rust { .. } => None,
            Runner::CPython => crate::cpython::python_version()
                .is_none()
                .then_some("no `python3` on PATH"),
        }
    }
}

/// Every collector, in report order.
pub fn all() -> &'static [CollectorEntry] {
    &crate::adapters::COLLECTORS
}

/// Find a collector by name.
pub fn find(name: &str) -> Option<&'static CollectorEntry> {
    all().iter().find(|e| e.name == name)
}

/// The one collector of `role` (the registry declares exactly one subject, baseline and
/// reference; a test checks it).
pub fn by_role(role: Role) -> &'static CollectorEntry {
    all()
        .iter()
        .find(|e| e.role == role)
        .expect("the registry declares a collector of every single role")
}

/// The collector the goals are about (gc-core).
pub fn subject() -> &'static CollectorEntry {
    by_role(Role::Subject)
}

/// The reference-counting baseline (`rc`).
pub fn baseline() -> &'static CollectorEntry {
    by_role(Role::Baseline)
}

/// The interpreter gc-core is compared with on live heaps and scripts (`cpython`).
pub fn reference() -> &'static CollectorEntry {
    by_role(Role::Reference)
}

/// The Rust cycle collectors gc-core is compared with, in report order.
pub fn peers() -> impl Iterator<Item = &'static CollectorEntry> {
    all().iter().filter(|e| e.role == Role::Peer)
}

/// The names of [`peers`].
pub fn peer_names() -> Vec<&'static str> {
    peers().map(|e| e.name).collect()
}

/// The collectors that run Python programs, as prose names them (`minipy (gc-core) and
/// CPython`).
pub fn python_labels() -> String {
    let labels: Vec<&str> = all()
        .iter()
        .filter_map(|e| e.caps.python.map(Python::label))
        .collect();
    match labels.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.to_string(),
        None => "no collector".into(),
    }
}

/// Why collector `c` never runs workload `w`, when it does not (such cells are left out of
/// the rounds and the report, and named once).
pub fn left_out(c: &CollectorEntry, w: Workload) -> Option<String> {
    let needs = w.needs();
    if needs.collections && !c.caps.collects {
        return Some(format!(
            "{} has no collector and these workloads time only collections",
            c.label
        ));
    }
    if needs.python && c.caps.python.is_none() {
        return Some(format!(
            "the minipy workloads run on {} only",
            python_labels()
        ));
    }
    None
}

/// Does collector `c` run workload `w` in the first round only? (A collector that leaks
/// cycles, on cyclic garbage: what it leaks stays leaked for the rest of the process.)
pub fn runs_once(c: &CollectorEntry, w: Workload) -> bool {
    !c.caps.frees_cycles && w.makes_cyclic_garbage()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_collector_per_single_role_and_unique_names() {
        for role in [Role::Subject, Role::Baseline, Role::Reference] {
            assert_eq!(all().iter().filter(|e| e.role == role).count(), 1);
        }
        for (i, e) in all().iter().enumerate() {
            assert!(all()[..i].iter().all(|f| f.name != e.name), "{}", e.name);
        }
        assert_eq!(python_labels(), "minipy (gc-core) and CPython");
    }
}
