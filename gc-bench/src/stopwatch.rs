//! [`Stopwatch`]: the measured part of a workload run, started and stopped by the workload.

use std::time::{Duration, Instant};

/// Accumulates the time of the parts of a workload that are measured.
#[derive(Debug, Default)]
pub struct Stopwatch {
    total: Duration,
    started: Option<Instant>,
}

impl Stopwatch {
    /// A stopped stopwatch at zero.
    pub fn new() -> Self {
        Self::default()
    }
    /// Start (or keep) timing.
    #[inline]
    pub fn start(&mut self) {
        if self.started.is_none() {
            self.started = Some(Instant::now());
        }
    }
    /// Stop timing, adding the interval to the total.
    #[inline]
    pub fn stop(&mut self) {
        if let Some(t) = self.started.take() {
            self.total += t.elapsed();
        }
    }
    /// Time accumulated so far (stops the watch first).
    pub fn total(&mut self) -> Duration {
        self.stop();
        self.total
    }
}
