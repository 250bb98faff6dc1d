//! The thread-safe adapters of the Threads section, one module per collector, and their
//! registry. Each defines its node types (see [`crate::sync_collector`]), every one holding a
//! [`crate::counter::SyncCounted`] field, and implements
//! [`crate::sync_collector::SyncCollector`].

pub mod arc;
pub mod dumpster;
pub mod gc_core;
pub mod gcmodule;

use crate::harness::{Measurement, RunPlan};
use crate::sync_collector::SyncCollector;
use crate::thread_workloads::{ThreadSizes, ThreadWorkload};

/// A thread-safe collector as the Threads section knows it: its name, what it can do, and its
/// cell runner. Code asks these fields, never the name.
#[derive(Debug, Clone, Copy)]
pub struct SyncEntry {
    /// Name in tables, CSV and on the command line.
    pub name: &'static str,
    /// Does it free unreachable cycles? (`arc` does not.)
    pub collects_cycles: bool,
    /// Does it collect on its own?
    pub automatic: bool,
    /// Is it the one the others are compared with in the goals (`gc-core-sync`)?
    pub subject: bool,
    /// Is it the baseline of the "x arc" column?
    pub baseline: bool,
    /// Run one cell.
    pub measure: fn(ThreadWorkload, &ThreadSizes, &RunPlan) -> Measurement,
}

const fn entry<C: SyncCollector>(subject: bool, baseline: bool) -> SyncEntry {
    SyncEntry {
        name: C::NAME,
        collects_cycles: C::COLLECTS_CYCLES,
        automatic: C::AUTOMATIC,
        subject,
        baseline,
        measure: crate::thread_harness::measure::<C>,
    }
}

/// Every thread-safe collector, in report order.
pub const SYNC_COLLECTORS: [SyncEntry; 4] = [
    entry::<gc_core::GcCoreSync>(true, false),
    entry::<arc::ArcCollector>(false, true),
    entry::<gcmodule::GcModuleThreaded>(false, false),
    entry::<dumpster::DumpsterSync>(false, false),
];

/// Find a thread-safe collector by name.
pub fn find(name: &str) -> Option<&'static SyncEntry> {
    SYNC_COLLECTORS.iter().find(|e| e.name == name)
}

/// The collector the goals are about (`gc-core-sync`).
pub fn subject() -> Option<&'static SyncEntry> {
    SYNC_COLLECTORS.iter().find(|e| e.subject)
}

/// The baseline (`arc`).
pub fn baseline() -> Option<&'static SyncEntry> {
    SYNC_COLLECTORS.iter().find(|e| e.baseline)
}
