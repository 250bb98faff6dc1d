//! The synchronisation primitives of [`super::world`]. The loom models include `world.rs` in a
//! test crate whose `prim` module names loom's types instead, so every interleaving of the
//! attach/stop protocol is explored with the very code the heap runs.

pub(crate) use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Condvar, Mutex,
};
