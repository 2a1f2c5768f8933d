//! The tuning curves: users/s against batch size (bulk create) and page size
//! (reads), the dev-file database and PostgreSQL on one chart each, drawn
//! with plotters as SVG from the tables `keycloak-bench tune` wrote
//! (`bench/tuning.md`, `bench/tuning-postgres.md`) — a curve is read faster
//! than a table.

use plotters::prelude::*;
use std::path::Path;

/// The cells of one tune run.
#[derive(Debug, Default, PartialEq)]
pub struct Cells {
    /// (batch size, concurrency, users/s)
    pub bulk: Vec<(u32, u32, f64)>,
    /// (brief, page size, users/s)
    pub reads: Vec<(bool, u32, f64)>,
}

/// The cells of a tune table (`| \`create_many\`, batch B, concurrency C | s |
/// users/s |` and `| full | PAGE | s | users/s |`).
pub fn parse(md: &str) -> Cells {
    let mut cells = Cells::default();
    for line in md.lines() {
        let cols: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let rate = cols.last().and_then(|c| c.parse::<f64>().ok());
        match (cols.as_slice(), rate) {
            ([what, _, _], Some(rate)) if what.starts_with("`create_many`, batch ") => {
                let nums: Vec<u32> = what
                    .split(|c: char| !c.is_ascii_digit())
                    .filter_map(|n| n.parse().ok())
                    .collect();
                if let [batch, concurrency] = nums[..] {
                    cells.bulk.push((batch, concurrency, rate));
                }
            }
            ([kind @ ("full" | "brief"), page, _, _], Some(rate)) => {
                if let Ok(page) = page.parse() {
                    cells.reads.push((*kind == "brief", page, rate));
                }
            }
            _ => {}
        }
    }
    cells
}

/// One line of a chart: its legend, colour and (size, users/s) points.
type Series = (String, RGBColor, Vec<(u32, f64)>);

const DATABASES: [(&str, RGBColor); 2] = [("dev-file", BLUE), ("PostgreSQL", RED)];

fn shade(base: RGBColor, step: usize) -> RGBColor {
    // Lighter for the first series of a database, full colour for the last.
    let mix = |c: u8| (c as f64 + (255.0 - c as f64) * (0.55 - 0.25 * step as f64).max(0.0)) as u8;
    RGBColor(mix(base.0), mix(base.1), mix(base.2))
}

fn draw(path: &Path, title: &str, x_label: &str, series: &[Series]) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    // Sizes grow geometrically: evenly spaced positions, labelled by size.
    let mut sizes: Vec<u32> = series
        .iter()
        .flat_map(|s| s.2.iter().map(|p| p.0))
        .collect();
    sizes.sort();
    sizes.dedup();
    let y_max = series
        .iter()
        .flat_map(|s| s.2.iter().map(|p| p.1))
        .fold(0.0, f64::max);
    if sizes.is_empty() {
        return Err(format!("{}: no cells to draw", path.display()));
    }
    let at = |size: u32| sizes.iter().position(|s| *s == size).unwrap_or(0) as f64;
    let root = SVGBackend::new(path, (900, 520)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| err(&e))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 20))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(-0.3..(sizes.len() as f64 - 0.7), 0.0..y_max * 1.1)
        .map_err(|e| err(&e))?;
    let label = |x: &f64| {
        let i = x.round();
        match sizes.get(i as usize) {
            Some(size) if (x - i).abs() < 0.01 && i >= 0.0 => size.to_string(),
            _ => String::new(),
        }
    };
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc("users/s")
        .x_labels(sizes.len())
        .x_label_formatter(&label)
        .y_label_formatter(&|y| format!("{y:.0}"))
        .light_line_style(WHITE)
        .draw()
        .map_err(|e| err(&e))?;
    for (name, color, points) in series {
        let pts: Vec<(f64, f64)> = points.iter().map(|&(x, y)| (at(x), y)).collect();
        let style = ShapeStyle::from(color).stroke_width(2);
        chart
            .draw_series(LineSeries::new(pts.clone(), style))
            .map_err(|e| err(&e))?
            .label(name.as_str())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], style));
        chart
            .draw_series(pts.iter().map(|&p| Circle::new(p, 3, color.filled())))
            .map_err(|e| err(&e))?;
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .position(SeriesLabelPosition::UpperRight)
        .draw()
        .map_err(|e| err(&e))?;
    root.present().map_err(|e| err(&e))
}

/// Draw `bench/curves-bulk.svg` and `bench/curves-reads.svg` from the two
/// tune tables under `workspace`; returns BENCHMARKS.md's section for them.
pub fn write(workspace: &Path) -> Result<String, String> {
    let read = |f: &str| {
        std::fs::read_to_string(workspace.join(f))
            .map_err(|e| format!("{f}: {e} (run `keycloak-bench tune` first)"))
    };
    let runs = [
        parse(&read("bench/tuning.md")?),
        parse(&read("bench/tuning-postgres.md")?),
    ];

    let mut bulk = Vec::new();
    let mut reads = Vec::new();
    for ((db, color), cells) in DATABASES.iter().zip(&runs) {
        let mut concurrencies: Vec<u32> = cells.bulk.iter().map(|c| c.1).collect();
        concurrencies.sort();
        concurrencies.dedup();
        for (step, c) in concurrencies.iter().enumerate() {
            let points = cells
                .bulk
                .iter()
                .filter(|x| x.1 == *c)
                .map(|x| (x.0, x.2))
                .collect();
            bulk.push((format!("{db}, {c} in flight"), shade(*color, step), points));
        }
        for (step, brief) in [false, true].into_iter().enumerate() {
            let points = cells
                .reads
                .iter()
                .filter(|x| x.0 == brief)
                .map(|x| (x.1, x.2))
                .collect();
            let kind = if brief { "brief" } else { "full" };
            reads.push((format!("{db}, {kind}"), shade(*color, step * 2), points));
        }
    }
    draw(
        &workspace.join("bench/curves-bulk.svg"),
        "create_many: users/s by batch size (Keycloak start-dev, one node)",
        "users per partialImport batch",
        &bulk,
    )?;
    draw(
        &workspace.join("bench/curves-reads.svg"),
        "Reading every user: users/s by page size",
        "users per page",
        &reads,
    )?;
    Ok("## Tuning curves\n\n\
        Drawn by `keycloak-bench curves` (and at the end of `tune`) from the two tables above: \
        the dev-file database in blue, PostgreSQL in red, one run each.\n\n\
        ![bulk create: users/s by batch size](bench/curves-bulk.svg)\n\n\
        ![reads: users/s by page size](bench/curves-reads.svg)\n"
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tune_table_parses_into_cells() {
        let md = "| one `POST /users` each, 16 in flight | 5.09 | 393 |\n\
                  | `create_many`, batch 25, concurrency 4 | 0.39 | 5092 |\n\
                  | full | 250 | 14.16 | 1413 |\n\
                  | brief | 2000 | 4.0 | 5000 |\n";
        assert_eq!(
            parse(md),
            Cells {
                bulk: vec![(25, 4, 5092.0)],
                reads: vec![(false, 250, 1413.0), (true, 2000, 5000.0)],
            }
        );
    }
}
