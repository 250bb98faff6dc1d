//! The demonstration: a loop creating closures that capture their own environment leaves
//! one garbage cycle per iteration (function -> environment -> function). With the cycle
//! collector on, the number of live tracked objects stays flat; with it off, it grows with
//! every iteration. Measured by counting gc-core's live tracked objects, not by wall time.
//!
//! Each test runs on its own thread, and every thread has its own gc-core heap.

use std::cell::RefCell;
use std::rc::Rc;

use minipy::{Interpreter, Value};

/// A million in release builds; fewer in debug builds, which are much slower.
const N: i64 = if cfg!(debug_assertions) {
    20_000
} else {
    1_000_000
};

const SCRIPT: &str = r#"
def make(i):
    def f():
        return f, i
    return f

for i in range(N):
    make(i)
    if i % SAMPLE == 0:
        sample()
"#;

/// Runs the script and returns the live tracked object counts sampled along the way.
fn run(collector_on: bool) -> Vec<usize> {
    if collector_on {
        gc_core::enable();
    } else {
        gc_core::disable();
    }
    let samples = Rc::new(RefCell::new(Vec::new()));
    let py = Interpreter::new();
    let s = samples.clone();
    py.register_fn("sample", move |_| {
        s.borrow_mut().push(gc_core::get_objects(None).len());
        Ok(Value::None)
    });
    py.set_global("N", Value::Int(N));
    py.set_global("SAMPLE", Value::Int(N / 20));
    py.run(SCRIPT).expect("script runs");
    let v = samples.borrow().clone();
    drop(py);
    gc_core::enable();
    v
}

#[test]
fn live_objects_stay_flat_with_the_collector_on() {
    let samples = run(true);
    assert_eq!(samples.len(), 20);
    let (t0, _, _) = gc_core::get_threshold();
    let max = *samples.iter().max().expect("samples");
    // At most one generation-0 threshold of garbage is ever waiting, whatever N is.
    assert!(max < 2 * t0 + 100, "live objects grew: {samples:?}");
    assert!(gc_core::get_stats()[0].collections > 0);
}

#[test]
fn live_objects_grow_with_the_collector_off() {
    let samples = run(false);
    assert_eq!(samples.len(), 20);
    let first = samples[0];
    let last = *samples.last().expect("samples");
    // Two objects (the function and its environment) per iteration stay behind.
    let iterations = (N / 20 * 19) as usize;
    assert!(
        last >= first + 2 * iterations,
        "expected growth, got {samples:?}"
    );
    for w in samples.windows(2) {
        assert!(w[1] > w[0], "not growing: {samples:?}");
    }
}
