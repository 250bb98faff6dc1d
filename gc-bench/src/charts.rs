//! SVG charts, written directly (no font or plotting library needed): one horizontal bar chart
//! per workload (median ns per unit by collector, min-max whiskers) and an overview (gc-core
//! over the best Rust peer per workload, with the goals' intervals and verdicts).
//!
//! Readability rules: bars are horizontal, so names never collide; each value label sits to
//! the right of its whisker, in a margin reserved for it; the axis is logarithmic when the
//! medians span more than 10x; a collector that left objects unfreed is drawn hatched, says
//! so, and is never marked fastest; every text is escaped.

use std::fmt::Write as _;
use std::path::Path;

use crate::harness::Measurement;
use crate::report::{find, Goal};
use crate::stats::GoalStatus;
use crate::thread_workloads::ThreadWorkload;
use crate::workloads::Workload;

/// Escape text for SVG (element content and attribute values).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// One bar: a label, the median, an optional whisker (min, max) and notes.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Row label.
    pub label: String,
    /// Bar length (in the chart's unit).
    pub value: f64,
    /// Whisker: (low, high).
    pub whisker: Option<(f64, f64)>,
    /// Fill colour (`#rrggbb`), or `None` for the hatched fill of a leaking collector.
    pub fill: Option<&'static str>,
    /// Text after the value (`leaked 2000`, `fastest`, `missed`).
    pub note: String,
}

const GC_CORE: &str = "#c83c28";
const OTHER: &str = "#466eaa";
const MET: &str = "#2e8b3e";
const MISSED: &str = "#c83c28";
const INCONCLUSIVE: &str = "#9a9a9a";

/// Draw one chart per workload (median ns per unit by collector) and the overview into `dir`.
/// Returns (workload, file name) for every chart written. `goals` colours the overview.
pub fn write_charts(
    dir: &Path,
    results: &[Measurement],
    goals: &[Goal],
) -> Result<Vec<(String, String)>, String> {
    let mut written = Vec::new();
    for w in Workload::ALL {
        written.extend(workload_chart(dir, w.name(), w.unit(), results)?);
    }
    let bars: Vec<Bar> = Workload::ALL
        .iter()
        .filter_map(|w| {
            let (e, who) = crate::report::ratio_to_best_peer(results, w.name())?;
            let goal = goals.iter().find(|g| {
                g.workload == w.name() && g.goal.contains("faster than the best Rust peer")
            });
            let status = goal.map_or(GoalStatus::NotMeasured, |g| g.status);
            Some(Bar {
                label: w.name().to_string(),
                value: e.median,
                whisker: e.ci,
                fill: Some(match status {
                    GoalStatus::Met => MET,
                    GoalStatus::Missed => MISSED,
                    _ => INCONCLUSIVE,
                }),
                note: format!("{status}, vs {who}"),
            })
        })
        .collect();
    if !bars.is_empty() {
        let file = "overview.svg".to_string();
        let svg = bar_chart(
            "gc-core time / best Rust peer's time, per workload",
            "ratio (median of per-round ratios; whisker: 95% interval; green met, red missed, grey inconclusive)",
            &bars,
            Some((1.0, "1.0: as fast as the best peer")),
        );
        std::fs::write(dir.join(&file), svg).map_err(|e| format!("{file}: {e}"))?;
        written.push(("overview".to_string(), file));
    }
    Ok(written)
}

/// Draw one chart per threaded workload (median ns per unit by thread-safe collector) into
/// `dir`. Returns (workload, file name) for every chart written.
pub fn write_thread_charts(
    dir: &Path,
    results: &[Measurement],
) -> Result<Vec<(String, String)>, String> {
    let mut written = Vec::new();
    for w in ThreadWorkload::ALL {
        written.extend(workload_chart(dir, w.name(), w.unit(), results)?);
    }
    Ok(written)
}

/// The bars of one workload: ns per unit, min-max whiskers, leaks hatched, the fastest
/// collector that left nothing unfreed marked.
pub fn workload_bars(name: &str, results: &[Measurement]) -> Vec<Bar> {
    let cells: Vec<&Measurement> = results
        .iter()
        .filter(|m| m.workload == name && m.ns_per_object().is_some())
        .collect();
    let leaks = |m: &Measurement| m.leaked_objects.filter(|&n| n > 0);
    let fastest = cells
        .iter()
        .filter(|m| leaks(m).is_none())
        .filter_map(|m| m.ns_per_object().map(|x| (x, m.collector.as_str())))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c);
    cells
        .iter()
        .map(|m| {
            let per = |ns: u64| ns as f64 / m.objects as f64;
            let mut note = Vec::new();
            if let Some(n) = leaks(m) {
                note.push(format!("leaked {n}"));
            }
            if Some(m.collector.as_str()) == fastest {
                note.push("fastest".to_string());
            }
            let runs = m.runs_ns.len();
            note.push(format!("{runs} run{}", if runs == 1 { "" } else { "s" }));
            Bar {
                label: m.collector.clone(),
                value: m.ns_per_object().unwrap_or(0.0),
                whisker: (m.runs_ns.len() > 1).then(|| (per(m.min_ns), per(m.max_ns))),
                fill: if leaks(m).is_some() {
                    None
                } else if is_subject(&m.collector) {
                    Some(GC_CORE)
                } else {
                    Some(OTHER)
                },
                note: note.join(", "),
            }
        })
        .collect()
}

/// Is `collector` the one the goals are about, in either section (gc-core, gc-core-sync)?
fn is_subject(collector: &str) -> bool {
    crate::registry::find(collector).is_some_and(|c| c.role == crate::registry::Role::Subject)
        || crate::adapters::sync::find(collector).is_some_and(|c| c.subject)
}

/// The chart of one workload, `<name>.svg`, when at least two collectors ran it (one bar
/// compares nothing).
fn workload_chart(
    dir: &Path,
    name: &str,
    unit: &str,
    results: &[Measurement],
) -> Result<Option<(String, String)>, String> {
    let bars = workload_bars(name, results);
    if bars.len() < 2 {
        return Ok(None);
    }
    let file = format!("{name}.svg");
    let svg = bar_chart(
        &format!("{name}: ns per {unit} (lower is better)"),
        "median ns per unit; whisker: fastest and slowest run; hatched: left objects unfreed",
        &bars,
        None,
    );
    std::fs::write(dir.join(&file), svg).map_err(|e| format!("{file}: {e}"))?;
    Ok(Some((name.to_string(), file)))
}

/// The x axis: linear from 0, or logarithmic over whole decades.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// From 0 to the given maximum.
    Linear(f64),
    /// From 10^lo to 10^hi.
    Log(i32, i32),
}

impl Scale {
    /// Log when the bar values span more than 10x, linear otherwise; wide enough for every
    /// value and whisker.
    pub fn choose(bars: &[Bar], reference: Option<f64>) -> Scale {
        let values = bars.iter().map(|b| b.value).filter(|v| *v > 0.0);
        let (lo, hi) = values.fold((f64::INFINITY, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
        let extremes = bars
            .iter()
            .flat_map(|b| {
                [
                    Some(b.value),
                    b.whisker.map(|w| w.0),
                    b.whisker.map(|w| w.1),
                ]
            })
            .flatten()
            .chain(reference)
            .filter(|v| *v > 0.0 && v.is_finite());
        let (min, max) = extremes.fold((f64::INFINITY, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
        if max <= 0.0 {
            return Scale::Linear(1.0);
        }
        if lo.is_finite() && hi / lo > 10.0 {
            Scale::Log(min.log10().floor() as i32, max.log10().ceil() as i32)
        } else {
            Scale::Linear(max * 1.05)
        }
    }

    /// Position of `v` in [0, 1].
    pub fn pos(self, v: f64) -> f64 {
        match self {
            Scale::Linear(max) => (v / max).clamp(0.0, 1.0),
            Scale::Log(lo, hi) => {
                if v <= 0.0 {
                    return 0.0;
                }
                ((v.log10() - lo as f64) / (hi - lo).max(1) as f64).clamp(0.0, 1.0)
            }
        }
    }

    /// Tick values.
    pub fn ticks(self) -> Vec<f64> {
        match self {
            Scale::Linear(max) => {
                let raw = max / 5.0;
                let mag = 10f64.powf(raw.log10().floor());
                let step = [1.0, 2.0, 5.0, 10.0]
                    .into_iter()
                    .map(|m| m * mag)
                    .find(|s| *s >= raw)
                    .unwrap_or(mag * 10.0);
                (0..)
                    .map(|i| i as f64 * step)
                    .take_while(|t| *t <= max)
                    .collect()
            }
            Scale::Log(lo, hi) => (lo..=hi.max(lo + 1)).map(|e| 10f64.powi(e)).collect(),
        }
    }
}

fn fmt_value(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v >= 100.0 || (v >= 1.0 && v.fract() == 0.0) {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else if v >= 0.01 {
        format!("{v:.2}")
    } else {
        format!("{v:.1e}")
    }
}

/// A horizontal bar chart as SVG text. `reference` draws a dashed vertical line with a label.
pub fn bar_chart(
    title: &str,
    subtitle: &str,
    bars: &[Bar],
    reference: Option<(f64, &str)>,
) -> String {
    const W: f64 = 760.0;
    const ROW: f64 = 24.0;
    const TOP: f64 = 56.0;
    let label_w = 8.0 + 7.0 * bars.iter().map(|b| b.label.len()).max().unwrap_or(8) as f64;
    let note_w = 8.0 + 6.5 * bars.iter().map(|b| b.note.len() + 8).max().unwrap_or(10) as f64;
    let x0 = label_w.max(90.0);
    let plot_w = (W - x0 - note_w.clamp(120.0, 300.0) - 10.0).max(200.0);
    let h = TOP + ROW * bars.len() as f64 + 44.0;
    let scale = Scale::choose(bars, reference.map(|r| r.0));
    let x = |v: f64| x0 + plot_w * scale.pos(v);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{h}" viewBox="0 0 {W} {h}" font-family="sans-serif">"#
    );
    s.push_str(
        r##"<defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#e0e0e0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#777" stroke-width="2"/></pattern></defs>
<rect width="100%" height="100%" fill="white"/>
"##,
    );
    let _ = writeln!(
        s,
        r#"<text x="10" y="20" font-size="15" font-weight="bold">{}</text>"#,
        esc(title)
    );
    let _ = writeln!(
        s,
        r##"<text x="10" y="38" font-size="11" fill="#555">{}{}</text>"##,
        esc(subtitle),
        if matches!(scale, Scale::Log(..)) {
            esc("; logarithmic axis")
        } else {
            String::new()
        }
    );
    let bottom = TOP + ROW * bars.len() as f64;
    // Grid and ticks below the bars.
    for t in scale.ticks() {
        let tx = x(t);
        let _ = writeln!(
            s,
            r##"<line x1="{tx:.1}" y1="{TOP}" x2="{tx:.1}" y2="{bottom}" stroke="#e6e6e6"/><text x="{tx:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#444">{}</text>"##,
            bottom + 14.0,
            esc(&fmt_value(t))
        );
    }
    let _ = writeln!(
        s,
        r##"<line x1="{x0:.1}" y1="{bottom}" x2="{:.1}" y2="{bottom}" stroke="#444"/><line x1="{x0:.1}" y1="{TOP}" x2="{x0:.1}" y2="{bottom}" stroke="#444"/>"##,
        x0 + plot_w
    );
    for (i, b) in bars.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let cy = y + ROW / 2.0;
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end">{}</text>"#,
            x0 - 6.0,
            cy + 4.0,
            esc(&b.label)
        );
        let left = if matches!(scale, Scale::Log(..)) {
            x0
        } else {
            x(0.0)
        };
        let right = x(b.value);
        let fill = b.fill.map_or("url(#hatch)".to_string(), str::to_string);
        let _ = writeln!(
            s,
            r##"<rect x="{left:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}" stroke="#333" stroke-width="0.5"/>"##,
            y + 4.0,
            (right - left).max(1.0),
            ROW - 8.0
        );
        if let Some((lo, hi)) = b.whisker {
            let (a, z) = (x(lo), x(hi));
            let _ = writeln!(
                s,
                r##"<path d="M{a:.1} {cy:.1}H{z:.1}M{a:.1} {:.1}V{:.1}M{z:.1} {:.1}V{:.1}" stroke="#111" stroke-width="1.2" fill="none"/>"##,
                cy - 5.0,
                cy + 5.0,
                cy - 5.0,
                cy + 5.0
            );
        }
        // Labels in their own column right of the plot: they cross no bar, whisker or line.
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="#222">{}{}</text>"##,
            x0 + plot_w + 8.0,
            cy + 4.0,
            esc(&fmt_value(b.value)),
            if b.note.is_empty() {
                String::new()
            } else {
                esc(&format!(" ({})", b.note))
            }
        );
    }
    if let Some((v, label)) = reference {
        let rx = x(v);
        let _ = writeln!(
            s,
            r##"<line x1="{rx:.1}" y1="{:.1}" x2="{rx:.1}" y2="{bottom}" stroke="#000" stroke-dasharray="4 3"/><text x="{rx:.1}" y="{:.1}" font-size="10" text-anchor="middle">{}</text>"##,
            TOP - 6.0,
            bottom + 28.0,
            esc(label)
        );
    }
    s.push_str("</svg>\n");
    s
}

/// A leaking collector's cell in `results`, for tests and the report: did `collector` leave
/// objects unfreed on `workload`?
pub fn leaked(results: &[Measurement], workload: &str, collector: &str) -> bool {
    find(results, workload, collector)
        .and_then(|m| m.leaked_objects)
        .is_some_and(|n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        let svg = bar_chart(
            "<x>",
            "&",
            &[Bar {
                label: "a&b".into(),
                value: 1.0,
                whisker: None,
                fill: Some(OTHER),
                note: "<".into(),
            }],
            None,
        );
        assert!(!svg.contains("<x>") && svg.contains("&lt;x&gt;") && svg.contains("a&amp;b"));
    }

    #[test]
    fn log_scale_beyond_ten_times() {
        let bar = |v| Bar {
            label: "x".into(),
            value: v,
            whisker: None,
            fill: None,
            note: String::new(),
        };
        assert!(matches!(
            Scale::choose(&[bar(1.0), bar(5.0)], None),
            Scale::Linear(_)
        ));
        assert_eq!(
            Scale::choose(&[bar(1.0), bar(50.0)], None),
            Scale::Log(0, 2)
        );
        assert_eq!(Scale::Log(0, 2).ticks(), vec![1.0, 10.0, 100.0]);
        assert_eq!(
            Scale::Linear(10.0).ticks(),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
    }

    #[test]
    fn leaking_collectors_are_hatched_and_never_fastest() {
        let cell = |c: &str, ns: u64, leaked: u64| {
            let mut m = Measurement::unsupported("w", c, String::new());
            m.unsupported = None;
            m.objects = 10;
            m.runs_ns = vec![ns, ns + 10];
            m.leaked_objects = Some(leaked);
            m.summarise();
            m
        };
        let results = [
            cell("rc", 100, 20),
            cell("gc-core", 300, 0),
            cell("gc", 500, 0),
        ];
        let bars = workload_bars("w", &results);
        assert!(bars[0].fill.is_none() && bars[0].note.contains("leaked 20"));
        assert!(!bars[0].note.contains("fastest"));
        assert!(bars[1].note.contains("fastest"));
        assert!(leaked(&results, "w", "rc"));
    }
}
