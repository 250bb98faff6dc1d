//! This run's verdicts beside the previous run's: the `results.json` a run leaves in its
//! output folder is read by the next run into the same folder, before it is overwritten, and
//! every goal whose verdict changed is listed.
//!
//! A confidence interval covers the noise within one run; what changes between runs (the
//! machine's load, the heap layout a process happens to get) it cannot see. Two runs that
//! agree are the evidence a reader can check; a goal whose verdict changed is one to read as
//! inconclusive, whatever either run said.
//!
//! ```
//! use gc_bench::previous::{compare, Comparison};
//! use gc_bench::report::goal_bound;
//! use gc_bench::stats::{Estimate, GoalStatus};
//!
//! let goal = |median: f64, lo: f64, hi: f64| {
//!     let e = Estimate { median, ci: Some((lo, hi)), rounds: 6 };
//!     goal_bound("w: at most 1.0", "w", Some(e), 1.0, false, String::new())
//! };
//! let before = [goal(0.80, 0.70, 0.90)];
//! let after = [goal(0.95, 0.85, 1.05)];
//! let c: Comparison = compare(&before, &after);
//! assert_eq!(c.same, 0);
//! assert_eq!(c.changed[0].before, GoalStatus::Met);
//! assert_eq!(c.changed[0].after, GoalStatus::Inconclusive);
//! ```

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::report::{Goal, Report};
use crate::stats::GoalStatus;

/// A goal whose verdict differs from the previous run's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The goal, as printed.
    pub goal: String,
    /// The previous run's verdict and figure.
    pub before: GoalStatus,
    /// The previous run's figure.
    pub before_figure: Option<f64>,
    /// This run's verdict.
    pub after: GoalStatus,
    /// This run's figure.
    pub after_figure: Option<f64>,
}

/// This run's verdicts against the previous run's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Goals judged (met, missed or inconclusive) in both runs with the same verdict.
    pub same: usize,
    /// Goals judged in both runs whose verdict changed.
    pub changed: Vec<Change>,
    /// Goals judged in only one of the two runs.
    pub unmatched: usize,
}

/// Where the previous run stands: compared, or why not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Previous {
    /// The previous run had the same sizes and round settings.
    Compared(Comparison),
    /// There is a previous run but it cannot be compared (the reason).
    NotComparable(String),
}

/// The previous run's report in `dir`, if one is there and readable.
pub fn read(dir: &Path) -> Option<Report> {
    let text = std::fs::read_to_string(dir.join("results.json")).ok()?;
    serde_json::from_str(&text).ok()
}

/// Compare `now` with `prev` when they ran the same configuration.
pub fn against(prev: &Report, now: &Report) -> Previous {
    if prev.sizes != now.sizes {
        return Previous::NotComparable("it ran other sizes".into());
    }
    if prev.rounds != now.rounds {
        return Previous::NotComparable("it ran other round settings".into());
    }
    Previous::Compared(compare(&prev.goals, &now.goals))
}

/// Judged means met, missed or inconclusive (not "not measured").
fn judged(g: &Goal) -> bool {
    g.status != GoalStatus::NotMeasured
}

/// Goal by goal (matched by their text), which verdicts stayed and which changed.
pub fn compare(before: &[Goal], after: &[Goal]) -> Comparison {
    let mut c = Comparison::default();
    for a in after.iter().filter(|g| judged(g)) {
        match before.iter().find(|b| b.goal == a.goal && judged(b)) {
            Some(b) if b.status == a.status => c.same += 1,
            Some(b) => c.changed.push(Change {
                goal: a.goal.clone(),
                before: b.status,
                before_figure: b.measured,
                after: a.status,
                after_figure: a.measured,
            }),
            None => c.unmatched += 1,
        }
    }
    c.unmatched += before
        .iter()
        .filter(|b| judged(b) && !after.iter().any(|a| a.goal == b.goal && judged(a)))
        .count();
    c
}

/// The paragraph for the terminal and report.md (empty when there was no previous run).
pub fn text(p: Option<&Previous>) -> String {
    let mut out = String::new();
    match p {
        None => {}
        Some(Previous::NotComparable(why)) => {
            let _ = writeln!(
                out,
                "The previous run in this output folder is not compared with this one: {why}."
            );
        }
        Some(Previous::Compared(c)) => {
            let total = c.same + c.changed.len();
            let _ = write!(
                out,
                "Against the previous run in this output folder (same sizes and rounds): {} of {total} verdicts \
                 are the same",
                c.same
            );
            if c.unmatched > 0 {
                let _ = write!(
                    out,
                    " ({} goals were judged in only one of the two)",
                    c.unmatched
                );
            }
            if c.changed.is_empty() {
                let _ = writeln!(out, ".");
            } else {
                let _ = writeln!(
                    out,
                    ". Changed (read these as inconclusive: the machine's drift between runs is larger than \
                     the intervals show):"
                );
                let fig = |x: Option<f64>| x.map_or("n/a".to_string(), |x| format!("{x:.3}"));
                for ch in &c.changed {
                    let _ = writeln!(
                        out,
                        "- {}: {} ({}) then {} ({})",
                        ch.goal,
                        ch.before,
                        fig(ch.before_figure),
                        ch.after,
                        fig(ch.after_figure)
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::goal_bound;
    use crate::stats::Estimate;

    fn goal(name: &str, lo: f64, hi: f64) -> Goal {
        let e = Estimate {
            median: (lo + hi) / 2.0,
            ci: Some((lo, hi)),
            rounds: 6,
        };
        goal_bound(name, "w", Some(e), 1.0, false, String::new())
    }

    fn unmeasured(name: &str) -> Goal {
        goal_bound(name, "w", None, 1.0, false, String::new())
    }

    #[test]
    fn same_changed_and_unmatched_are_counted() {
        let before = [
            goal("a", 0.5, 0.6),
            goal("b", 0.9, 1.1),
            goal("c", 1.2, 1.3),
            unmeasured("d"),
            goal("e", 0.5, 0.6),
        ];
        let after = [
            goal("a", 0.55, 0.65),
            goal("b", 0.8, 0.95),
            goal("c", 1.2, 1.3),
            goal("d", 0.5, 0.6),
        ];
        let c = compare(&before, &after);
        assert_eq!(c.same, 2, "a stayed met, c stayed missed");
        assert_eq!(c.changed.len(), 1);
        assert_eq!(c.changed[0].goal, "b");
        assert_eq!(c.changed[0].before, GoalStatus::Inconclusive);
        assert_eq!(c.changed[0].after, GoalStatus::Met);
        assert_eq!(c.unmatched, 2, "d judged only now, e only before");
        let t = text(Some(&Previous::Compared(c)));
        assert!(t.contains("2 of 3 verdicts are the same"), "{t}");
        assert!(
            t.contains("- b: inconclusive (1.000) then met (0.875)"),
            "{t}"
        );
    }

    #[test]
    fn nothing_is_said_without_a_previous_run() {
        assert_eq!(text(None), "");
        let t = text(Some(&Previous::NotComparable("it ran other sizes".into())));
        assert!(t.contains("not compared"), "{t}");
    }
}
