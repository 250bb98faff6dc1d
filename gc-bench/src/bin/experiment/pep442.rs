//! `pep442`: PEP 442's finalization semantics, step by step, on gc-core and on CPython
//! (`papers/results/experiments/pep442.py`, the same program with `__del__`).
//!
//! A garbage cycle of three finalizable objects, one of whose finalizers resurrects its object
//! (stores it in a global). The first collection must run all three finalizers, once each, and
//! free nothing (the resurrected object reaches the other two); a second collection must run no
//! finalizer; after the program lets go of the resurrected object, a third collection must free
//! all three without finalizing them again. Then the same for one object that dies by reference
//! count and resurrects itself. gc-core's own tests check more of the contract
//! (`gc-core/tests/teardown.rs`: order, weak references cleared first, promotion of resurrected
//! objects).

use std::cell::{Cell, RefCell};

use gc_core::{Cc, Finalize, Trace};
use serde_json::Value;

use crate::common::{drops, on_fresh_thread, run_python, Config, Counted, Report, Verdict};

thread_local! {
    static FINALIZED: Cell<u64> = const { Cell::new(0) };
    static STASH: RefCell<Vec<Cc<Fin>>> = const { RefCell::new(Vec::new()) };
}

#[derive(Trace)]
struct Fin {
    next: RefCell<Option<Cc<Fin>>>,
    #[trace(skip)]
    resurrect: bool,
    #[trace(skip)]
    _c: Counted,
}

impl Finalize for Fin {
    fn finalize(this: &Cc<Self>) {
        FINALIZED.with(|f| f.set(f.get() + 1));
        if this.resurrect {
            STASH.with(|s| s.borrow_mut().push(this.clone()));
        }
    }
}

fn fin(resurrect: bool) -> Cc<Fin> {
    Cc::new_finalizable(Fin {
        next: RefCell::new(None),
        resurrect,
        _c: Counted,
    })
}

/// The steps of the program: (step, finalizer calls so far, objects alive, collection result).
type Steps = Vec<(String, u64, u64, Option<u64>)>;

/// The expected figures of every step, in the same order as `gc_core_steps` and pep442.py.
const EXPECTED: [(u64, u64); 5] = [(3, 3), (3, 3), (3, 0), (4, 1), (4, 0)];

fn gc_core_steps() -> Steps {
    on_fresh_thread(|| {
        gc_core::disable();
        let finalized = || FINALIZED.with(Cell::get);
        let d0 = drops();
        let alive = |made: u64| made - (drops() - d0);
        let mut steps = Steps::new();
        let (a, b, c) = (fin(true), fin(false), fin(false));
        *a.next.borrow_mut() = Some(b.clone());
        *b.next.borrow_mut() = Some(c.clone());
        *c.next.borrow_mut() = Some(a.clone());
        drop((a, b, c));
        let n = gc_core::collect() as u64;
        steps.push((
            "collect a garbage 3-cycle whose first finalizer resurrects".into(),
            finalized(),
            alive(3),
            Some(n),
        ));
        let n = gc_core::collect() as u64;
        steps.push(("collect again".into(), finalized(), alive(3), Some(n)));
        STASH.with(|s| s.borrow_mut().clear());
        let n = gc_core::collect() as u64;
        steps.push((
            "drop the resurrected object, collect".into(),
            finalized(),
            alive(3),
            Some(n),
        ));
        let d = fin(true);
        drop(d);
        steps.push((
            "one object dies by count and resurrects".into(),
            finalized(),
            alive(4),
            None,
        ));
        STASH.with(|s| s.borrow_mut().clear());
        steps.push(("drop it again".into(), finalized(), alive(4), None));
        steps
    })
}

/// Run the experiment.
pub fn run(cfg: &Config) -> Report {
    let mut r = Report::new(
        "pep442",
        "PEP 442 (Pitrou, 2013): finalizers of a garbage cycle run once each with the cycle \
         intact; an object a finalizer resurrects survives with everything it reaches, is never \
         finalized again, and is freed normally once it becomes garbage again.",
        &[
            "runtime",
            "step",
            "finalizer calls so far",
            "objects alive",
            "collection returned",
            "expected (calls, alive)",
        ],
    );
    let core = gc_core_steps();
    let mut core_ok = core.len() == EXPECTED.len();
    for (i, (step, calls, alive, ret)) in core.iter().enumerate() {
        let exp = EXPECTED.get(i).copied().unwrap_or((u64::MAX, u64::MAX));
        core_ok &= (*calls, *alive) == exp;
        r.row(vec![
            "gc-core".into(),
            step.clone(),
            calls.to_string(),
            alive.to_string(),
            ret.map(|n| n.to_string()).unwrap_or_default(),
            format!("{exp:?}"),
        ]);
    }
    r.figure("gc_core_steps_as_expected", f64::from(u8::from(core_ok)));
    let mut py_ok = None;
    if cfg.python {
        match run_python("pep442.py", &[]) {
            Ok(v) => {
                let steps = v
                    .get("steps")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let mut ok = steps.len() == EXPECTED.len();
                let version = v
                    .get("python")
                    .and_then(Value::as_str)
                    .unwrap_or("?")
                    .to_string();
                for (i, s) in steps.iter().enumerate() {
                    let calls = s
                        .get("finalized")
                        .and_then(Value::as_u64)
                        .unwrap_or(u64::MAX);
                    let alive = s.get("alive").and_then(Value::as_u64).unwrap_or(u64::MAX);
                    let exp = EXPECTED.get(i).copied().unwrap_or((u64::MAX, u64::MAX));
                    ok &= (calls, alive) == exp;
                    r.row(vec![
                        format!("CPython {version}"),
                        s.get("step")
                            .and_then(Value::as_str)
                            .unwrap_or("?")
                            .to_string(),
                        calls.to_string(),
                        alive.to_string(),
                        s.get("collected")
                            .and_then(Value::as_u64)
                            .map(|n| n.to_string())
                            .unwrap_or_default(),
                        format!("{exp:?}"),
                    ]);
                }
                r.figure("cpython_steps_as_expected", f64::from(u8::from(ok)));
                py_ok = Some(ok);
            }
            Err(e) => r.note(format!("CPython side not run: {e}")),
        }
    }
    let (verdict, reason) = match (core_ok, py_ok) {
        (true, Some(true)) => (
            Verdict::Supports,
            "gc-core and CPython both ran each finalizer once, kept the resurrected cycle and \
             freed it later"
                .to_string(),
        ),
        (true, None) => (
            Verdict::Supports,
            "gc-core ran each finalizer once, kept the resurrected cycle and freed it later \
             (CPython side not run)"
                .to_string(),
        ),
        (false, _) => (
            Verdict::Contradicts,
            "gc-core's steps differ from PEP 442's expectation".to_string(),
        ),
        (true, Some(false)) => (
            Verdict::Inconclusive,
            "gc-core follows PEP 442; CPython's steps differ from the expectation".to_string(),
        ),
    };
    r.conclude(verdict, reason);
    r
}
