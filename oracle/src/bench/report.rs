//! The results of a benchmark session and their three renderings: a
//! markdown report (stdout, docs/BENCHMARKS.md), JSON (for tools), and an
//! SVG bar chart of each runner's time relative to lua5.1.
//!
//! Rendering is pure (data in, text out) so a test can drive it with fake
//! numbers. JSON and SVG are written by hand: the shapes are fixed and
//! small, and that keeps serde and a plotting crate out of the build.

use std::fmt::Write as _;

/// The runner every ratio is first taken against, and the second one.
pub const BASELINE: &str = "lua5.1";
pub const FAST_BASELINE: &str = "luajit";

/// Where and how the numbers were taken.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub date: String,
    pub machine: String,
    pub command: String,
    /// "quick" (small sizes) or "full" (benchmark sizes).
    pub mode: String,
    pub runs: usize,
    /// Skipped peers, size caps and the like, one sentence each.
    pub notes: Vec<String>,
}

/// One benchmark on one runner.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Every run printed the agreed checksum.
    Timed { median: f64, runs: Vec<f64>, peak_rss_kib: u64 },
    /// Not run (no C anchor, tier capped at this size, ...).
    Skipped(String),
    /// The program printed something else: a failure, never timed.
    Mismatch { got: String },
    /// The program failed (non-zero exit, signal): also a failure.
    Failed(String),
    /// The per-run time cap was hit; reported, not a failure.
    Timeout,
}

impl Cell {
    pub fn median(&self) -> Option<f64> {
        match self {
            Cell::Timed { median, .. } => Some(*median),
            _ => None,
        }
    }
    pub fn is_failure(&self) -> bool {
        matches!(self, Cell::Mismatch { .. } | Cell::Failed(_))
    }
}

/// One benchmark's line: a cell per runner, in `Suite::runners` order.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub size: String,
    /// The checksum every runner had to print.
    pub checksum: String,
    pub cells: Vec<Cell>,
}

/// A whole session.
#[derive(Debug, Clone, Default)]
pub struct Suite {
    pub meta: Meta,
    pub runners: Vec<String>,
    pub rows: Vec<Row>,
}

impl Suite {
    fn runner_index(&self, name: &str) -> Option<usize> {
        self.runners.iter().position(|r| r == name)
    }

    /// Every failed cell as (benchmark, runner, what happened).
    pub fn failures(&self) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        for row in &self.rows {
            for (cell, runner) in row.cells.iter().zip(&self.runners) {
                let what = match cell {
                    Cell::Mismatch { got } => format!("printed `{got}`, expected `{}`", row.checksum),
                    Cell::Failed(detail) => format!("failed: {detail}"),
                    _ => continue,
                };
                out.push((row.name.clone(), runner.clone(), what));
            }
        }
        out
    }

    /// `cells[runner] / cells[base]` for one row, when both were timed.
    fn ratio(&self, row: &Row, runner: usize, base: Option<usize>) -> Option<f64> {
        let b = row.cells.get(base?)?.median()?;
        let t = row.cells.get(runner)?.median()?;
        (b > 0.0).then_some(t / b)
    }

    /// Geometric mean of a runner's medians over the rows where it was timed,
    /// with how many rows that is.
    pub fn geomean_time(&self, runner: usize) -> Option<(f64, usize)> {
        geomean(self.rows.iter().filter_map(|r| r.cells.get(runner)?.median()))
    }

    /// Geometric mean of a runner's ratios against `base` over the rows
    /// where both were timed.
    pub fn geomean_ratio(&self, runner: usize, base: &str) -> Option<(f64, usize)> {
        let base = self.runner_index(base);
        geomean(self.rows.iter().filter_map(|r| self.ratio(r, runner, base)))
    }
}

fn geomean(values: impl Iterator<Item = f64>) -> Option<(f64, usize)> {
    let (mut sum, mut n) = (0.0, 0usize);
    for v in values.filter(|v| *v > 0.0 && v.is_finite()) {
        sum += v.ln();
        n += 1;
    }
    (n > 0).then(|| ((sum / n as f64).exp(), n))
}

/// The median of a non-empty sample (mean of the middle two when even).
pub fn median(samples: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = samples.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 { v[m] } else { (v[m - 1] + v[m]) / 2.0 })
}

fn cell_text(cell: &Cell, value: Option<f64>, fmt: fn(f64) -> String) -> String {
    match (cell, value) {
        (_, Some(v)) => fmt(v),
        (Cell::Timed { .. }, None) => "–".into(),
        (Cell::Skipped(_), _) => "–".into(),
        (Cell::Mismatch { .. }, _) => "**MISMATCH**".into(),
        (Cell::Failed(_), _) => "**FAILED**".into(),
        (Cell::Timeout, _) => "timeout".into(),
    }
}

fn secs(v: f64) -> String {
    if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    }
}

fn ratio_text(v: f64) -> String {
    if v >= 10.0 {
        format!("{v:.1}×")
    } else {
        format!("{v:.2}×")
    }
}

fn mib(kib: f64) -> String {
    format!("{:.1}", kib / 1024.0)
}

fn geo_text(g: Option<(f64, usize)>, total: usize, fmt: fn(f64) -> String) -> String {
    match g {
        Some((v, n)) if n == total => format!("**{}**", fmt(v)),
        Some((v, n)) => format!("**{}** (n={n})", fmt(v)),
        None => "–".into(),
    }
}

/// The markdown report: medians, ratios vs lua5.1 and vs luajit, peak RSS,
/// each with a geometric-mean row, then failures and notes.
pub fn markdown(suite: &Suite) -> String {
    let mut out = String::new();
    let m = &suite.meta;
    let _ = writeln!(out, "- date: {}", m.date);
    let _ = writeln!(out, "- machine: {}", m.machine);
    let _ = writeln!(out, "- command: `{}`", m.command);
    let _ = writeln!(
        out,
        "- sizes: {} ({} runs per runner, interleaved; medians of wall time)",
        if m.mode == "quick" { "small (--quick)" } else { "full" },
        m.runs
    );
    out.push('\n');

    let header = |out: &mut String, title: &str| {
        let _ = writeln!(out, "#### {title}\n");
        out.push_str("| benchmark | size |");
        for r in &suite.runners {
            let _ = write!(out, " {r} |");
        }
        out.push_str("\n|---|---:|");
        for _ in &suite.runners {
            out.push_str("---:|");
        }
        out.push('\n');
    };
    let total = suite.rows.len();

    header(&mut out, "Median wall time (s)");
    for row in &suite.rows {
        let _ = write!(out, "| {} | {} |", row.name, row.size);
        for cell in &row.cells {
            let _ = write!(out, " {} |", cell_text(cell, cell.median(), secs));
        }
        out.push('\n');
    }
    out.push_str("| **geomean** | |");
    for i in 0..suite.runners.len() {
        let _ = write!(out, " {} |", geo_text(suite.geomean_time(i), total, secs));
    }
    out.push_str("\n\n");

    for base in [BASELINE, FAST_BASELINE] {
        let Some(bi) = suite.runner_index(base) else {
            let _ = writeln!(out, "(no {base} on PATH: no ratios against it)\n");
            continue;
        };
        header(&mut out, &format!("Time relative to {base} (lower is faster)"));
        for row in &suite.rows {
            let _ = write!(out, "| {} | {} |", row.name, row.size);
            for (i, cell) in row.cells.iter().enumerate() {
                let _ = write!(out, " {} |", cell_text(cell, suite.ratio(row, i, Some(bi)), ratio_text));
            }
            out.push('\n');
        }
        out.push_str("| **geomean** | |");
        for i in 0..suite.runners.len() {
            let _ = write!(out, " {} |", geo_text(suite.geomean_ratio(i, base), total, ratio_text));
        }
        out.push_str("\n\n");
    }

    header(&mut out, "Peak RSS (MiB, largest over the runs)");
    for row in &suite.rows {
        let _ = write!(out, "| {} | {} |", row.name, row.size);
        for cell in &row.cells {
            let v = match cell {
                Cell::Timed { peak_rss_kib, .. } => Some(*peak_rss_kib as f64),
                _ => None,
            };
            let _ = write!(out, " {} |", cell_text(cell, v, mib));
        }
        out.push('\n');
    }
    out.push('\n');

    let failures = suite.failures();
    if failures.is_empty() {
        out.push_str("All checksums agree.\n");
    } else {
        let _ = writeln!(out, "**{} checksum failure(s):**\n", failures.len());
        for (bench, runner, what) in &failures {
            let _ = writeln!(out, "- {bench} on {runner}: {what}");
        }
    }
    if !m.notes.is_empty() {
        out.push_str("\nNotes:\n\n");
        for n in &m.notes {
            let _ = writeln!(out, "- {n}");
        }
    }
    out
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_num(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{v}"),
        _ => "null".into(),
    }
}

/// The same data as JSON: meta, runners, one object per benchmark with a
/// result per runner, and the geometric means.
pub fn json(suite: &Suite) -> String {
    let m = &suite.meta;
    let mut out = String::from("{\n  \"meta\": {");
    let _ = write!(
        out,
        "\"date\": {}, \"machine\": {}, \"command\": {}, \"mode\": {}, \"runs\": {}, \"notes\": [{}]",
        json_str(&m.date),
        json_str(&m.machine),
        json_str(&m.command),
        json_str(&m.mode),
        m.runs,
        m.notes.iter().map(|n| json_str(n)).collect::<Vec<_>>().join(", ")
    );
    out.push_str("},\n  \"runners\": [");
    out.push_str(&suite.runners.iter().map(|r| json_str(r)).collect::<Vec<_>>().join(", "));
    out.push_str("],\n  \"benchmarks\": [\n");
    let (b1, b2) = (suite.runner_index(BASELINE), suite.runner_index(FAST_BASELINE));
    for (ri, row) in suite.rows.iter().enumerate() {
        let _ = write!(
            out,
            "    {{\"name\": {}, \"size\": {}, \"checksum\": {}, \"results\": {{",
            json_str(&row.name),
            json_str(&row.size),
            json_str(&row.checksum)
        );
        for (i, (cell, runner)) in row.cells.iter().zip(&suite.runners).enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let body = match cell {
                Cell::Timed { median, runs, peak_rss_kib } => format!(
                    "\"status\": \"ok\", \"median_s\": {}, \"runs_s\": [{}], \"peak_rss_kib\": {}, \
                     \"vs_lua51\": {}, \"vs_luajit\": {}",
                    json_num(Some(*median)),
                    runs.iter().map(|r| json_num(Some(*r))).collect::<Vec<_>>().join(", "),
                    peak_rss_kib,
                    json_num(suite.ratio(row, i, b1)),
                    json_num(suite.ratio(row, i, b2))
                ),
                Cell::Skipped(why) => format!("\"status\": \"skipped\", \"detail\": {}", json_str(why)),
                Cell::Mismatch { got } => format!("\"status\": \"mismatch\", \"detail\": {}", json_str(got)),
                Cell::Failed(why) => format!("\"status\": \"failed\", \"detail\": {}", json_str(why)),
                Cell::Timeout => "\"status\": \"timeout\"".to_string(),
            };
            let _ = write!(out, "{}: {{{body}}}", json_str(runner));
        }
        out.push_str("}}");
        out.push_str(if ri + 1 < suite.rows.len() { ",\n" } else { "\n" });
    }
    out.push_str("  ],\n  \"geomean\": {");
    for (i, runner) in suite.runners.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let f = |g: Option<(f64, usize)>| json_num(g.map(|g| g.0));
        let _ = write!(
            out,
            "{}: {{\"median_s\": {}, \"vs_lua51\": {}, \"vs_luajit\": {}}}",
            json_str(runner),
            f(suite.geomean_time(i)),
            f(suite.geomean_ratio(i, BASELINE)),
            f(suite.geomean_ratio(i, FAST_BASELINE))
        );
    }
    let _ = write!(out, "}},\n  \"failures\": {}\n}}\n", suite.failures().len());
    out
}

const COLOURS: [&str; 8] = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#7f7f7f", "#8c564b", "#e377c2"];

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A horizontal grouped bar chart, one group per benchmark and one bar per
/// runner, of time relative to lua5.1 on a log scale (the tiers span four
/// orders of magnitude, from C to the tree walker). Without lua5.1 the
/// bars are absolute seconds.
pub fn svg(suite: &Suite) -> String {
    let base = suite.runner_index(BASELINE);
    let value = |row: &Row, i: usize| match base {
        Some(_) => suite.ratio(row, i, base),
        None => row.cells.get(i).and_then(Cell::median),
    };
    let vals: Vec<f64> = suite
        .rows
        .iter()
        .flat_map(|row| (0..suite.runners.len()).filter_map(move |i| value(row, i)))
        .filter(|v| *v > 0.0 && v.is_finite())
        .collect();
    let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo_exp, hi_exp) = if vals.is_empty() {
        (-1, 1)
    } else {
        (lo.log10().floor().min(-0.0) as i32, hi.log10().ceil().max(1.0) as i32)
    };
    let span = f64::from((hi_exp - lo_exp).max(1));

    let (left, plot_w, bar_h, gap, top) = (130.0, 640.0, 9.0, 10.0, 60.0);
    let nr = suite.runners.len().max(1) as f64;
    let group_h = nr * bar_h + gap;
    let height = top + group_h * suite.rows.len() as f64 + 30.0 + 16.0 * nr;
    let width = left + plot_w + 80.0;
    let x_of = |v: f64| left + (v.log10() - f64::from(lo_exp)) / span * plot_w;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         font-family=\"sans-serif\" font-size=\"10\">"
    );
    let _ = writeln!(out, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
    let title = match base {
        Some(_) => "perigee bench: time relative to lua5.1 (log scale, lower is faster)",
        None => "perigee bench: median seconds (log scale)",
    };
    let _ = writeln!(out, "<text x=\"{left}\" y=\"18\" font-size=\"13\">{}</text>", xml_escape(title));
    let _ = writeln!(
        out,
        "<text x=\"{left}\" y=\"34\" fill=\"#555\">{} sizes, {} runs, {} — {}</text>",
        xml_escape(&suite.meta.mode),
        suite.meta.runs,
        xml_escape(&suite.meta.date),
        xml_escape(&suite.meta.machine)
    );
    let plot_bottom = top + group_h * suite.rows.len() as f64;
    for e in lo_exp..=hi_exp {
        let v = 10f64.powi(e);
        let x = x_of(v);
        let label = if e >= 0 { format!("{}", v as u64) } else { format!("{v}") };
        let _ = writeln!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{plot_bottom:.1}\" stroke=\"{}\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{label}{}</text>",
            top - 6.0,
            if e == 0 && base.is_some() { "#000" } else { "#ddd" },
            top - 9.0,
            if base.is_some() { "×" } else { "s" }
        );
    }
    for (ri, row) in suite.rows.iter().enumerate() {
        let gy = top + group_h * ri as f64;
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            gy + nr * bar_h / 2.0 + 3.0,
            xml_escape(&row.name)
        );
        for (i, cell) in row.cells.iter().enumerate() {
            let y = gy + bar_h * i as f64;
            let colour = COLOURS[i % COLOURS.len()];
            match value(row, i) {
                Some(v) if v > 0.0 && v.is_finite() => {
                    let x0 = left;
                    let x1 = x_of(v).max(left + 1.0);
                    let _ = writeln!(
                        out,
                        "<rect x=\"{x0:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\">\
                         <title>{} {}: {}</title></rect>",
                        x1 - x0,
                        bar_h - 1.0,
                        xml_escape(&row.name),
                        xml_escape(&suite.runners[i]),
                        if base.is_some() { ratio_text(v) } else { secs(v) }
                    );
                }
                _ if cell.is_failure() => {
                    let _ = writeln!(
                        out,
                        "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#d00\">{} FAILED</text>",
                        left + 2.0,
                        y + bar_h - 1.0,
                        xml_escape(&suite.runners[i])
                    );
                }
                _ => {}
            }
        }
    }
    for (i, r) in suite.runners.iter().enumerate() {
        let y = plot_bottom + 20.0 + 16.0 * i as f64;
        let _ = writeln!(
            out,
            "<rect x=\"{left}\" y=\"{:.1}\" width=\"12\" height=\"10\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            y - 9.0,
            COLOURS[i % COLOURS.len()],
            left + 18.0,
            y,
            xml_escape(r)
        );
    }
    out.push_str("</svg>\n");
    out
}
