//! Stopping the world: which threads are using the sync heap, and the moment a collection may
//! read it.
//!
//! A thread *attaches* while it holds a [`Mutator`](super::Mutator) (the only way to reach an
//! object's value) and while it upgrades a `Weak`. A collection's verdict runs only while the
//! world is *stopped*: no thread is attached, and none can attach until the collector restarts
//! the world. Everything is in one word:
//!
//! ```text
//!   bit 63  STOPPED   a collector is reading the heap; attaching waits
//!   bit 62  PENDING   a collection was asked for while threads were attached
//!   bit 61  WAITERS   a collector waits on the condition variable for a quiescent moment
//!   bits 0-60         the number of attached threads
//! ```
//!
//! # Rules (the deadlock argument, in `DESIGN.md` at length)
//!
//! - A collector stops the world only at a *quiescent* moment (no thread attached), by one
//!   compare-and-swap from "0 attached" to STOPPED. It never blocks new attachments while it
//!   waits for one, so a thread inside a `Mutator` that waits on another thread can never be
//!   waited on by a thread that waits on the collector.
//! - While the world is stopped the collector runs no user code but `Trace` (which may not
//!   block), so attaching waits a bounded time.
//! - An automatic collection never waits: it sets PENDING, and the thread whose detachment makes
//!   the heap quiescent claims the stop (PENDING to STOPPED in one step) and runs it.
//!
//! The type holds no global: the process-wide instance lives in `sync::heap`, and the loom
//! models (`gc-core/tests/loom_world.rs`, run with `--cfg loom`) include this file with loom's
//! primitives in place of std's and build their own.

use super::prim::{AtomicUsize, Condvar, Mutex, Ordering};

const STOPPED: usize = 1 << 63;
const PENDING: usize = 1 << 62;
const WAITERS: usize = 1 << 61;
const COUNT: usize = WAITERS - 1;

/// The attach/stop protocol of one heap.
pub(crate) struct World {
    state: AtomicUsize,
    /// Guards nothing but the condition variable's waits (see the module docs).
    lock: Mutex<()>,
    changed: Condvar,
}

impl World {
    /// A world with no thread attached, from its parts (a zero state word, a fresh lock and
    /// condition variable). Taking the parts lets the loom models build one from loom's types.
    pub(crate) const fn from_parts(state: AtomicUsize, lock: Mutex<()>, changed: Condvar) -> World {
        World {
            state,
            lock,
            changed,
        }
    }

    /// Attach the calling thread, waiting while the world is stopped.
    ///
    /// Acquire: whatever the last collector wrote before restarting the world (flags, lists)
    /// is visible to the attached thread.
    pub(crate) fn attach(&self) {
        let mut s = self.state.load(Ordering::Relaxed);
        loop {
            if s & STOPPED != 0 {
                self.wait_for_restart();
                s = self.state.load(Ordering::Relaxed);
                continue;
            }
            debug_assert!(s & COUNT < COUNT, "too many attached threads");
            match self
                .state
                .compare_exchange_weak(s, s + 1, Ordering::Acquire, Ordering::Relaxed)
            {
                Ok(_) => return,
                Err(now) => s = now,
            }
        }
    }

    #[cold]
    fn wait_for_restart(&self) {
        let mut guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        while self.state.load(Ordering::Acquire) & STOPPED != 0 {
            guard = self.changed.wait(guard).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// Detach the calling thread. Returns true when this detachment made the heap quiescent
    /// with a collection pending, and this thread claimed the stop: the world is now stopped
    /// and the caller must run the collection and then [`restart`](World::restart).
    ///
    /// Release: everything the thread did while attached happens before a later stop.
    pub(crate) fn detach(&self) -> bool {
        let prev = self.state.fetch_sub(1, Ordering::Release);
        debug_assert!(
            prev & COUNT > 0 && prev & STOPPED == 0,
            "detach while not attached"
        );
        if prev & WAITERS != 0 {
            self.notify();
        }
        if prev & COUNT == 1 && prev & PENDING != 0 {
            // Claim the pending collection: only one thread can move PENDING to STOPPED.
            return self.try_stop();
        }
        false
    }

    /// Stop the world if no thread is attached now; never waits. Clears PENDING on success.
    pub(crate) fn try_stop(&self) -> bool {
        let mut s = self.state.load(Ordering::Relaxed);
        while s & (COUNT | STOPPED) == 0 {
            match self.state.compare_exchange_weak(
                s,
                (s & WAITERS) | STOPPED,
                Ordering::Acquire,
                Ordering::Relaxed,
            ) {
                Ok(_) => return true,
                Err(now) => s = now,
            }
        }
        false
    }

    /// Ask for a collection at the next quiescent moment (see [`detach`](World::detach)).
    /// Returns true if the world could be stopped right now instead (the caller collects).
    pub(crate) fn stop_or_defer(&self) -> bool {
        if self.try_stop() {
            return true;
        }
        self.state.fetch_or(PENDING, Ordering::Relaxed);
        // The last thread may have detached between the failed stop and the flag: then nobody
        // would see PENDING at a quiescent moment. Try once more.
        self.try_stop()
    }

    /// Stop the world, waiting for a quiescent moment. New attachments are not blocked while
    /// waiting (see the module docs), so this returns as soon as no thread is attached.
    pub(crate) fn stop(&self) {
        if self.try_stop() {
            return;
        }
        let mut guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            self.state.fetch_or(WAITERS, Ordering::Relaxed);
            if self.try_stop() {
                return;
            }
            guard = self.changed.wait(guard).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// End a stop: attaching threads go on. Release: the collector's writes happen before any
    /// later attachment.
    pub(crate) fn restart(&self) {
        let prev = self
            .state
            .fetch_and(!(STOPPED | WAITERS), Ordering::Release);
        debug_assert!(
            prev & STOPPED != 0,
            "restart of a world that is not stopped"
        );
        self.notify();
    }

    /// Ask for a collection at the next quiescent moment, without trying to stop now.
    pub(crate) fn defer(&self) {
        self.state.fetch_or(PENDING, Ordering::Relaxed);
    }

    /// Whether a collection is pending.
    #[allow(dead_code)] // used by the loom models
    pub(crate) fn is_pending(&self) -> bool {
        self.state.load(Ordering::Relaxed) & PENDING != 0
    }

    fn notify(&self) {
        // Taking the lock orders this notification after a waiter's last check of the state.
        drop(self.lock.lock().unwrap_or_else(|p| p.into_inner()));
        self.changed.notify_all();
    }

    /// Attached threads now (for tests and debug checks).
    #[allow(dead_code)] // used by the loom models
    pub(crate) fn attached(&self) -> usize {
        self.state.load(Ordering::Relaxed) & COUNT
    }

    /// Whether the world is stopped now.
    #[allow(dead_code)] // used by the loom models
    pub(crate) fn is_stopped(&self) -> bool {
        self.state.load(Ordering::Relaxed) & STOPPED != 0
    }
}
