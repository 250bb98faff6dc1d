//! Interleaved rounds: every collector of a workload runs once per round, in a rotating order
//! (A, B, C, then B, C, A, then C, A, B, ...), and rounds repeat until each of the workload's
//! goals is decided (its confidence interval is on one side of its bound), its interval is
//! narrower than the precision asked for, or the workload's time budget or round limit is
//! reached. See [`crate::stats`] for the interval.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::harness::{Measurement, RunPlan};
use crate::report::Goal;
use crate::stats::GoalStatus;

/// Rounds a collector runs when no goal of the workload needs it (enough for a median with min
/// and max): after them it stops, and the rounds go on for the collectors the goals compare.
pub const DESCRIBE_ROUNDS: usize = 3;

/// How many times [`Rounds::budget`] a workload may take to reach its fewest rounds.
pub const HARD_LIMIT: u32 = 5;

/// When to stop repeating a workload's rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rounds {
    /// Rounds always run (unless the budget is spent first); 6 is the fewest with a 95%
    /// interval.
    pub min_rounds: usize,
    /// Rounds never exceeded.
    pub max_rounds: usize,
    /// Time after which no new round starts once [`Rounds::min_rounds`] are done; before that,
    /// rounds stop only at [`HARD_LIMIT`] times this (at least one round always runs). Only the
    /// time of the collectors some goal compares counts.
    pub budget: Duration,
    /// Stop once every undecided goal's interval is within this fraction of its median
    /// (half-width over median).
    pub precision: f64,
    /// Run one untimed round first (the Threads section: the process-wide allocator grows in
    /// the first runs).
    pub warm_up: bool,
}

impl Rounds {
    /// The defaults: 6 to 30 rounds, 20 s per workload, 2% precision.
    pub fn standard() -> Self {
        Rounds {
            min_rounds: 6,
            max_rounds: 30,
            budget: Duration::from_secs(20),
            precision: 0.02,
            warm_up: false,
        }
    }

    /// `--quick`: 6 to 12 rounds, 2 s per workload.
    pub fn quick() -> Self {
        Rounds {
            min_rounds: 6,
            max_rounds: 12,
            budget: Duration::from_secs(2),
            precision: 0.02,
            warm_up: false,
        }
    }

    /// The plan of one round of one cell: a single run.
    pub fn one_run() -> RunPlan {
        RunPlan {
            runs: 1,
            cell_budget: Duration::ZERO,
        }
    }
}

/// How far (as a fraction of the bound) a decided goal's interval must stay from its bound for
/// its rounds to stop early. A goal whose interval only just clears its bound was decided by a
/// few rounds that happened to fall on one side: stopping there is what made consecutive runs
/// disagree (met in one run, inconclusive in the next). Such a goal keeps running, like an
/// undecided one, until its interval is within [`Rounds::precision`] of its median or the
/// workload's budget is spent; its verdict is taken from all those rounds.
pub const CLEARANCE: f64 = 0.05;

/// Is a goal as settled as more rounds could make it? Decided with its interval at least
/// [`CLEARANCE`] away from the bound, or precise enough, or not measurable.
pub fn settled(g: &Goal, precision: f64) -> bool {
    let precise = || {
        g.estimate
            .and_then(|e| e.relative_half_width())
            .is_some_and(|w| w <= precision)
    };
    match g.status {
        GoalStatus::NotMeasured => true,
        GoalStatus::Met | GoalStatus::Missed => clear_of_bound(g) || precise(),
        GoalStatus::Inconclusive => precise(),
    }
}

/// Is a decided goal's interval at least [`CLEARANCE`] of the bound away from it? (Goals
/// without a bound or an interval, such as counts, are clear.)
fn clear_of_bound(g: &Goal) -> bool {
    let (Some(bound), Some((lo, hi))) = (g.bound, g.estimate.and_then(|e| e.ci)) else {
        return true;
    };
    let margin = bound.abs() * CLEARANCE;
    hi <= bound - margin || lo >= bound + margin
}

/// One collector's part in a workload's rounds.
pub struct Lane<'a> {
    /// Collector name.
    pub collector: String,
    /// Run only in the first round (a collector that leaks on this workload: what it leaks
    /// stays leaked for the rest of the process).
    pub once: bool,
    /// One run of the cell.
    pub run: Box<dyn FnMut() -> Measurement + 'a>,
}

/// What a workload's rounds did.
#[derive(Debug, Clone)]
pub struct RoundsDone {
    /// One merged measurement per lane, in lane order.
    pub results: Vec<Measurement>,
    /// Rounds run.
    pub rounds: usize,
    /// Why they stopped.
    pub stopped: &'static str,
}

/// Run `lanes` in interleaved rounds for workload `workload`. `judge` gives the goals from
/// the measurements so far (those whose `workload` is this one decide when to stop);
/// `on_round` is called after each round with the number of rounds done.
pub fn run_rounds(
    workload: &str,
    mut lanes: Vec<Lane<'_>>,
    rounds: &Rounds,
    judge: impl Fn(&[Measurement]) -> Vec<Goal>,
    mut on_round: impl FnMut(usize),
) -> RoundsDone {
    let n = lanes.len();
    let mut cells: Vec<Option<Measurement>> = vec![None; n];
    let mut done = vec![false; n];
    if rounds.warm_up {
        for lane in lanes.iter_mut().filter(|l| !l.once) {
            let _ = (lane.run)();
        }
    }
    // Time spent on each lane, and the lanes no goal needs (their time is not charged to the
    // budget: they stop after DESCRIBE_ROUNDS anyway).
    let mut spent = vec![Duration::ZERO; n];
    let mut unneeded = vec![false; n];
    let mut round = 0;
    let stopped = loop {
        if round >= rounds.max_rounds.max(1) {
            break "round limit";
        }
        let elapsed: Duration = (0..n).filter(|&i| !unneeded[i]).map(|i| spent[i]).sum();
        if round >= rounds.min_rounds && elapsed >= rounds.budget {
            break "time budget";
        }
        if round > 0 && elapsed >= rounds.budget * HARD_LIMIT {
            break "hard time limit, before the fewest rounds";
        }
        if done.iter().all(|d| *d) {
            break "no collector left that a goal needs";
        }
        for j in 0..n {
            let i = (round + j) % n;
            if done[i] {
                continue;
            }
            let t = Instant::now();
            let one = (lanes[i].run)();
            spent[i] += t.elapsed();
            if !one.ok() {
                // Unsupported (or it panicked): that is the cell, whatever ran before.
                cells[i] = Some(one);
                done[i] = true;
                continue;
            }
            cells[i]
                .get_or_insert_with(Measurement::default)
                .absorb(one);
            if lanes[i].once {
                done[i] = true;
            }
        }
        round += 1;
        on_round(round);
        if round >= DESCRIBE_ROUNDS.min(rounds.min_rounds) {
            let now = snapshot(&cells);
            let goals = judge(&now);
            let mine: Vec<&Goal> = goals.iter().filter(|g| g.workload == workload).collect();
            // Collectors no goal of the workload needs have run enough to be described.
            for (i, lane) in lanes.iter().enumerate() {
                if !mine.iter().any(|g| g.collectors.contains(&lane.collector)) {
                    done[i] = true;
                    unneeded[i] = true;
                }
            }
            if round >= rounds.min_rounds && mine.iter().all(|g| settled(g, rounds.precision)) {
                break "every goal decided or precise enough";
            }
        }
    };
    RoundsDone {
        results: snapshot(&cells),
        rounds: round,
        stopped,
    }
}

fn snapshot(cells: &[Option<Measurement>]) -> Vec<Measurement> {
    cells
        .iter()
        .flatten()
        .cloned()
        .map(|mut m| {
            m.finish();
            m
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::report::{goal_bound, paired};

    fn fake<'a>(
        name: &'static str,
        times: Vec<u64>,
        log: &'a RefCell<Vec<&'static str>>,
    ) -> Lane<'a> {
        let mut i = 0;
        Lane {
            collector: name.into(),
            once: false,
            run: Box::new(move || {
                log.borrow_mut().push(name);
                let mut m = Measurement::unsupported("w", name, String::new());
                m.unsupported = None;
                m.objects = 1;
                m.runs_ns = vec![times[i % times.len()]];
                i += 1;
                m
            }),
        }
    }

    fn judge(results: &[Measurement]) -> Vec<Goal> {
        vec![goal_bound(
            "a at most b",
            "w",
            paired(results, "w", "a", "b"),
            1.0,
            false,
            String::new(),
        )
        .between(&["a", "b"])]
    }

    fn plan(min: usize, max: usize) -> Rounds {
        Rounds {
            min_rounds: min,
            max_rounds: max,
            budget: Duration::from_secs(600),
            precision: 0.0,
            warm_up: false,
        }
    }

    #[test]
    fn rounds_rotate_and_stop_once_decided() {
        let log = RefCell::new(Vec::new());
        let lanes = vec![
            fake("a", vec![50], &log),
            fake("b", vec![100], &log),
            fake("c", vec![70], &log),
        ];
        let done = run_rounds("w", lanes, &plan(6, 30), judge, |_| {});
        assert_eq!(
            done.rounds, 6,
            "a/b = 0.5 every round: decided at the fewest rounds"
        );
        assert_eq!(&log.borrow()[..6], ["a", "b", "c", "b", "c", "a"]);
        assert_eq!(done.results.len(), 3);
        let runs: Vec<usize> = done.results.iter().map(|m| m.runs_ns.len()).collect();
        assert_eq!(
            runs,
            [6, 6, DESCRIBE_ROUNDS],
            "c is in no goal: it stops early"
        );
        assert_eq!(judge(&done.results)[0].status, GoalStatus::Met);
    }

    #[test]
    fn straddling_goals_run_to_the_limit_and_stay_inconclusive() {
        let log = RefCell::new(Vec::new());
        // a/b alternates 0.8 and 1.25: the interval straddles 1.0 however many rounds.
        let lanes = vec![fake("a", vec![80, 125], &log), fake("b", vec![100], &log)];
        let done = run_rounds("w", lanes, &plan(6, 10), judge, |_| {});
        assert_eq!(done.rounds, 10);
        assert_eq!(done.stopped, "round limit");
        assert_eq!(judge(&done.results)[0].status, GoalStatus::Inconclusive);
    }

    #[test]
    fn goals_decided_close_to_the_bound_keep_running() {
        let log = RefCell::new(Vec::new());
        // a/b alternates 0.97 and 0.98: met from the sixth round, but within CLEARANCE of 1.0,
        // so the rounds go on (precision 0 here) to the limit, and the verdict stays met.
        let lanes = vec![fake("a", vec![97, 98], &log), fake("b", vec![100], &log)];
        let done = run_rounds("w", lanes, &plan(6, 10), judge, |_| {});
        assert_eq!(done.rounds, 10);
        assert_eq!(done.stopped, "round limit");
        assert_eq!(judge(&done.results)[0].status, GoalStatus::Met);
        // With a precision the same interval (half-width 0.5% of the median) settles it at six.
        let lanes = vec![fake("a", vec![97, 98], &log), fake("b", vec![100], &log)];
        let precise = Rounds {
            precision: 0.02,
            ..plan(6, 10)
        };
        let done = run_rounds("w", lanes, &precise, judge, |_| {});
        assert_eq!(done.rounds, 6);
    }

    #[test]
    fn once_lanes_run_in_the_first_round_only() {
        let log = RefCell::new(Vec::new());
        let mut leaky = fake("b", vec![100], &log);
        leaky.once = true;
        let lanes = vec![fake("a", vec![50], &log), leaky];
        let done = run_rounds("w", lanes, &plan(6, 8), judge, |_| {});
        assert_eq!(done.results[1].runs_ns.len(), 1);
        assert_eq!(
            done.results[0].runs_ns.len(),
            8,
            "no interval with one paired round"
        );
        assert_eq!(judge(&done.results)[0].status, GoalStatus::Inconclusive);
    }
}
