//! One adapter per collector under test. Each defines its three node types (see
//! [`crate::collector`]), every one holding a [`crate::counter::Counted`] field, and implements
//! [`crate::collector::Collector`] with the collector's own pointer, trace trait and collect call.
//!
//! [`sync`] holds the thread-safe adapters of the Threads section and their registry.

pub mod bacon_rajan_cc;
pub mod dumpster;
pub mod gc;
pub mod gc_core;
pub mod gcmodule;
pub mod rc;
pub mod rust_cc;
pub mod sync;
