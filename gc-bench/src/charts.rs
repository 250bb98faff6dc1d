//! SVG bar charts (plotters, SVG backend only: text is written as SVG `<text>` and laid out
//! with plotters' built-in font metrics, so no system font or fontconfig is needed).

use std::path::Path;

use plotters::prelude::*;

use crate::harness::Measurement;
use crate::workloads::Workload;

/// Draw one chart per workload (median ns per unit by collector) into `dir`. Returns
/// (workload, file name) for every chart written.
pub fn write_charts(dir: &Path, results: &[Measurement]) -> Result<Vec<(String, String)>, String> {
    let mut written = Vec::new();
    for w in Workload::ALL {
        let cells: Vec<(&str, f64)> = results
            .iter()
            .filter(|m| m.workload == w.name())
            .filter_map(|m| m.ns_per_object().map(|x| (m.collector.as_str(), x)))
            .collect();
        if cells.is_empty() {
            continue;
        }
        let file = format!("{}.svg", w.name());
        bar_chart(&dir.join(&file), w.name(), w.unit(), &cells).map_err(|e| format!("{file}: {e}"))?;
        written.push((w.name().to_string(), file));
    }
    Ok(written)
}

fn bar_chart(path: &Path, title: &str, unit: &str, cells: &[(&str, f64)]) -> Result<(), Box<dyn std::error::Error>> {
    let width = 160 + 90 * cells.len() as u32;
    let root = SVGBackend::new(path, (width.max(480), 360)).into_drawing_area();
    root.fill(&WHITE)?;
    let max = cells.iter().map(|c| c.1).fold(0.0f64, f64::max).max(1e-9) * 1.15;
    let n = cells.len() as i32;
    let names: Vec<String> = cells.iter().map(|c| c.0.to_string()).collect();
    let mut chart = ChartBuilder::on(&root)
        .caption(format!("{title}: median ns per {unit} (lower is better)"), ("sans-serif", 16))
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
        .y_desc("ns")
        .draw()?;
    chart.draw_series(cells.iter().enumerate().map(|(i, (name, v))| {
        let color = if *name == "gc-core" { RGBColor(200, 60, 40) } else { RGBColor(70, 110, 170) };
        let mut bar = Rectangle::new(
            [(SegmentValue::Exact(i as i32), 0.0), (SegmentValue::Exact(i as i32 + 1), *v)],
            color.filled(),
        );
        bar.set_margin(0, 0, 8, 8);
        bar
    }))?;
    chart.draw_series(cells.iter().enumerate().map(|(i, (_, v))| {
        Text::new(
            format!("{v:.1}"),
            (SegmentValue::CenterOf(i as i32), *v),
            ("sans-serif", 12).into_font(),
        )
    }))?;
    root.present()?;
    Ok(())
}
