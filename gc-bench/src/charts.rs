//! SVG bar charts (plotters, SVG backend only: text is written as SVG `<text>` and laid out
//! with plotters' built-in font metrics, so no system font or fontconfig is needed).

use std::path::Path;

use plotters::prelude::*;

use crate::harness::Measurement;
use crate::thread_workloads::ThreadWorkload;
use crate::workloads::Workload;

/// Draw one chart per workload (median ns per unit by collector) into `dir`. Returns
/// (workload, file name) for every chart written.
pub fn write_charts(dir: &Path, results: &[Measurement]) -> Result<Vec<(String, String)>, String> {
    let mut written = Vec::new();
    for w in Workload::ALL {
        written.extend(workload_chart(dir, w.name(), w.unit(), results)?);
    }
    // Overview: gc-core's time per unit over the best Rust peer's (that freed everything).
    let ratios: Vec<(&str, f64)> = Workload::ALL
        .iter()
        .filter_map(|w| {
            crate::report::ratio_to_best_peer(results, w.name()).map(|(r, _)| (w.name(), r.median))
        })
        .collect();
    if !ratios.is_empty() {
        let file = "overview.svg".to_string();
        bar_chart(
            &dir.join(&file),
            "gc-core / best Rust peer",
            "workload (below 1: gc-core faster)",
            &ratios,
        )
        .map_err(|e| format!("{file}: {e}"))?;
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

/// The chart of one workload, `<name>.svg`, when some collector ran it.
fn workload_chart(
    dir: &Path,
    name: &str,
    unit: &str,
    results: &[Measurement],
) -> Result<Option<(String, String)>, String> {
    let cells: Vec<(&str, f64)> = results
        .iter()
        .filter(|m| m.workload == name)
        .filter_map(|m| m.ns_per_object().map(|x| (m.collector.as_str(), x)))
        .collect();
    if cells.is_empty() {
        return Ok(None);
    }
    let file = format!("{name}.svg");
    bar_chart(&dir.join(&file), name, unit, &cells).map_err(|e| format!("{file}: {e}"))?;
    Ok(Some((name.to_string(), file)))
}

fn bar_chart(
    path: &Path,
    title: &str,
    unit: &str,
    cells: &[(&str, f64)],
) -> Result<(), Box<dyn std::error::Error>> {
    // Wide enough for the longest label under its bar (about 7 px per character).
    let longest = cells.iter().map(|c| c.0.len()).max().unwrap_or(8) as u32;
    let width = 160 + (7 * longest + 16).max(90) * cells.len() as u32;
    let root = SVGBackend::new(path, (width.max(480), 360)).into_drawing_area();
    root.fill(&WHITE)?;
    let max = cells.iter().map(|c| c.1).fold(0.0f64, f64::max).max(1e-9) * 1.15;
    let n = cells.len() as i32;
    let names: Vec<String> = cells.iter().map(|c| c.0.to_string()).collect();
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!("{title}: median ns per {unit} (lower is better)"),
            ("sans-serif", 16),
        )
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(64)
        .build_cartesian_2d((0..n).into_segmented(), 0.0..max)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(cells.len())
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => names.get(*i as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .y_desc(if title.contains('/') { "ratio" } else { "ns" })
        .draw()?;
    chart.draw_series(cells.iter().enumerate().map(|(i, (name, v))| {
        let color = if *name == "gc-core" {
            RGBColor(200, 60, 40)
        } else {
            RGBColor(70, 110, 170)
        };
        let mut bar = Rectangle::new(
            [
                (SegmentValue::Exact(i as i32), 0.0),
                (SegmentValue::Exact(i as i32 + 1), *v),
            ],
            color.filled(),
        );
        bar.set_margin(0, 0, 8, 8);
        bar
    }))?;
    chart.draw_series(cells.iter().enumerate().map(|(i, (_, v))| {
        Text::new(
            if *v < 10.0 {
                format!("{v:.2}")
            } else {
                format!("{v:.1}")
            },
            (SegmentValue::CenterOf(i as i32), *v),
            ("sans-serif", 12).into_font(),
        )
    }))?;
    root.present()?;
    Ok(())
}
