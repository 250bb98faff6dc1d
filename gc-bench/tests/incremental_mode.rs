//! The `incremental_mode` binary runs every measurement at smoke sizes, in stop-the-world and
//! incremental mode, each in a child process, and reaches the real outcomes: every node freed
//! at the end, the big garbage cycle freed whole (drop count = its size, its `Weak` dead) by
//! the first incremental cycle, an incremental cycle completed in the churn with no full
//! collection, and the live count of the PR 108038 program flat. No timing is asserted.

use std::process::Command;

use serde_json::Value;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_incremental_mode"))
        .args(args)
        .output()
        .expect("the incremental_mode binary runs")
}

fn figure(section: &Value, name: &str) -> f64 {
    section["figures"][name]
        .as_f64()
        .unwrap_or_else(|| panic!("{}: figure {name} missing or not finite", section["name"]))
}

#[test]
fn every_measurement_runs_at_smoke_size_with_real_outcomes() {
    let out = run(&["--smoke", "--json", "all"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sections: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON section per line"))
        .collect();
    let names: Vec<&str> = sections
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["churn", "big-cycle", "pr108038"]);
    for s in &sections {
        for (name, ok) in s["checks"].as_object().unwrap() {
            assert_eq!(ok, &Value::Bool(true), "{}: check {name} failed", s["name"]);
        }
        assert!(!s["rows"].as_array().unwrap().is_empty());
    }
    // The smoke budget is 5,000 objects per slice.
    let (churn, big, pr) = (&sections[0], &sections[1], &sections[2]);

    assert_eq!(figure(churn, "stw_left_after_teardown"), 0.0);
    assert_eq!(figure(churn, "inc5000_left_after_teardown"), 0.0);
    assert!(figure(churn, "stw_full_collections") >= 1.0);
    assert!(figure(churn, "inc5000_inc_cycles") >= 1.0);
    assert_eq!(figure(churn, "inc5000_full_collections"), 0.0);

    assert_eq!(figure(big, "stw_freed"), 5_000.0);
    assert_eq!(figure(big, "inc5000_freed"), 5_000.0);
    // Freed by the first cycle that starts after the drop: the first of the run, or the second
    // when one was already running when the ring was dropped.
    let cycles = figure(big, "inc5000_cycles_until_freed");
    assert!((1.0..=2.0).contains(&cycles), "freed by cycle {cycles}");
    assert!(figure(big, "inc5000_slices_until_freed") >= 1.0);

    // Flat: the most objects alive in the second half of the loop are not more than in its
    // first half (a leak of one short list per iteration would double them).
    for mode in ["stw", "inc5000"] {
        let growth = figure(pr, &format!("{mode}_live_growth"));
        assert!(growth < 1.5, "{mode}: live objects grew {growth}x");
        assert_eq!(figure(pr, &format!("{mode}_left_after_teardown")), 0.0);
    }
    assert!(figure(pr, "inc5000_inc_cycles") >= 1.0);
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    for args in [
        &["no-such-measurement"][..],
        &[],
        &["--live", "zero", "all"],
        &["--budget", "0", "all"],
        &["--bogus", "1"],
        &["--child", "churn"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            err.contains("usage") || err.contains("unknown") || err.contains("needs"),
            "{err}"
        );
    }
}

#[test]
fn list_names_every_measurement() {
    let out = run(&["--list"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for name in ["churn", "big-cycle", "pr108038"] {
        assert!(text.contains(name), "{name} missing from --list");
    }
}
