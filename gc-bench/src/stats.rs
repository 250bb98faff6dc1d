//! How a goal's verdict is reached: paired per-round ratios, a distribution-free confidence
//! interval for their median, and [`GoalStatus`].
//!
//! The collectors of one workload run in rounds, interleaved (A, B, C, then B, C, A, ...), so
//! that run `i` of every collector happens at about the same time and under about the same
//! load. A goal compares two collectors: its figure is the median over rounds of the per-round
//! ratio `(time per unit of A in round i) / (time per unit of B in round i)`, and its interval
//! is the order-statistic (sign-test) confidence interval for that median: with `n` ratios
//! sorted, `[r(k), r(n+1-k)]` for the largest `k` such that
//! `2 * P(Binomial(n, 1/2) <= k - 1) <= 1 - confidence`. It assumes nothing about the shape of
//! the noise (only that rounds are independent) and needs at least 6 rounds at 95%
//! (5 rounds give at most 93.75%). A goal is met when the whole interval is on the right side
//! of its bound, missed when the whole interval is on the wrong side, and inconclusive when
//! the interval straddles the bound or there were too few rounds for an interval.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Confidence of the intervals behind every verdict.
pub const CONFIDENCE: f64 = 0.95;

/// The verdict on one goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GoalStatus {
    /// The whole confidence interval is within the bound.
    #[serde(rename = "met")]
    Met,
    /// The whole confidence interval is beyond the bound.
    #[serde(rename = "missed")]
    Missed,
    /// The interval straddles the bound, or there were too few rounds for an interval.
    #[serde(rename = "inconclusive")]
    Inconclusive,
    /// One side of the comparison did not run.
    #[serde(rename = "not measured")]
    NotMeasured,
}

impl GoalStatus {
    /// The word printed in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            GoalStatus::Met => "met",
            GoalStatus::Missed => "missed",
            GoalStatus::Inconclusive => "inconclusive",
            GoalStatus::NotMeasured => "not measured",
        }
    }

    /// Met or missed (more rounds are not expected to change it).
    pub fn is_decided(self) -> bool {
        matches!(self, GoalStatus::Met | GoalStatus::Missed)
    }
}

impl fmt::Display for GoalStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A ratio estimated from paired rounds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Median of the per-round ratios.
    pub median: f64,
    /// Confidence interval of the median at [`CONFIDENCE`], when there are enough rounds.
    pub ci: Option<(f64, f64)>,
    /// Number of paired rounds.
    pub rounds: usize,
}

impl Estimate {
    /// An estimate from per-round ratios (`None` when there are none).
    pub fn from_ratios(ratios: &[f64]) -> Option<Estimate> {
        Some(Estimate {
            median: median(ratios)?,
            ci: median_ci(ratios, CONFIDENCE),
            rounds: ratios.len(),
        })
    }

    /// Half the interval's width relative to the median (`None` without an interval).
    pub fn relative_half_width(&self) -> Option<f64> {
        let (lo, hi) = self.ci?;
        (self.median > 0.0).then(|| (hi - lo) / 2.0 / self.median)
    }
}

/// The median (mean of the two middle values for an even count).
pub fn median(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    Some(if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    })
}

/// `P(Binomial(n, 1/2) <= j)`.
fn binomial_half_cdf(n: usize, j: usize) -> f64 {
    // Terms C(n, i) / 2^n, built up multiplicatively in f64 (fine for any realistic n).
    let mut term = 0.5f64.powi(n as i32);
    let mut sum = 0.0;
    for i in 0..=j.min(n) {
        if i > 0 {
            term *= (n + 1 - i) as f64 / i as f64;
        }
        sum += term;
    }
    sum
}

/// The distribution-free confidence interval of the median of `v` at `confidence` (order
/// statistics; see the module docs), or `None` when `v` is too short for that confidence.
pub fn median_ci(v: &[f64], confidence: f64) -> Option<(f64, f64)> {
    let n = v.len();
    let alpha = 1.0 - confidence;
    let mut k = 0;
    while k < n / 2 && 2.0 * binomial_half_cdf(n, k) <= alpha {
        k += 1;
    }
    if k == 0 {
        return None;
    }
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    Some((s[k - 1], s[n - k]))
}

/// Per-round ratios of two collectors' times per unit, `a[i] / b[i]`, for the rounds both ran.
pub fn paired_ratios(a: &[f64], b: &[f64]) -> Vec<f64> {
    a.iter()
        .zip(b)
        .filter(|(_, &y)| y > 0.0)
        .map(|(&x, &y)| x / y)
        .collect()
}

/// The verdict on "`estimate` at most `bound`" (`strict`: "below `bound`").
pub fn verdict(estimate: Option<&Estimate>, bound: f64, strict: bool) -> GoalStatus {
    let Some(e) = estimate else {
        return GoalStatus::NotMeasured;
    };
    let Some((lo, hi)) = e.ci else {
        return GoalStatus::Inconclusive;
    };
    let within = if strict { hi < bound } else { hi <= bound };
    let beyond = if strict { lo >= bound } else { lo > bound };
    if within {
        GoalStatus::Met
    } else if beyond {
        GoalStatus::Missed
    } else {
        GoalStatus::Inconclusive
    }
}

/// The 1-minute, 5-minute and 15-minute load averages from /proc/loadavg.
pub fn load_average() -> Option<[f64; 3]> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    let mut it = text.split_whitespace().map(|x| x.parse::<f64>().ok());
    Some([it.next()??, it.next()??, it.next()??])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn ci_needs_six_rounds_at_95_percent() {
        let v: Vec<f64> = (1..=5).map(f64::from).collect();
        assert_eq!(median_ci(&v, 0.95), None);
        let v: Vec<f64> = (1..=6).map(f64::from).collect();
        assert_eq!(median_ci(&v, 0.95), Some((1.0, 6.0)));
        // n = 20: k = 6 (2 * P(X <= 5) = 0.041), so [r(6), r(15)].
        let v: Vec<f64> = (1..=20).rev().map(f64::from).collect();
        assert_eq!(median_ci(&v, 0.95), Some((6.0, 15.0)));
    }

    #[test]
    fn verdicts() {
        let e = |lo, hi| Estimate {
            median: (lo + hi) / 2.0,
            ci: Some((lo, hi)),
            rounds: 10,
        };
        assert_eq!(verdict(Some(&e(0.9, 1.05)), 1.1, false), GoalStatus::Met);
        assert_eq!(verdict(Some(&e(1.12, 1.3)), 1.1, false), GoalStatus::Missed);
        assert_eq!(
            verdict(Some(&e(1.0, 1.2)), 1.1, false),
            GoalStatus::Inconclusive
        );
        assert_eq!(
            verdict(Some(&e(0.9, 1.0)), 1.0, true),
            GoalStatus::Inconclusive
        );
        let few = Estimate {
            median: 0.5,
            ci: None,
            rounds: 3,
        };
        assert_eq!(verdict(Some(&few), 1.0, false), GoalStatus::Inconclusive);
        assert_eq!(verdict(None, 1.0, false), GoalStatus::NotMeasured);
    }

    #[test]
    fn paired_ratios_per_unit() {
        let r = paired_ratios(&[10.0, 20.0, 5.0], &[10.0, 10.0]);
        assert_eq!(r, vec![1.0, 2.0], "pairs by round, up to the shorter");
        assert!(paired_ratios(&[1.0], &[0.0]).is_empty());
    }

    #[test]
    fn status_serialises_as_before() {
        assert_eq!(
            serde_json::to_string(&GoalStatus::NotMeasured).unwrap(),
            "\"not measured\""
        );
        assert_eq!(GoalStatus::Met.to_string(), "met");
    }
}
