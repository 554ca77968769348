//! The harness's renderings (markdown, JSON, SVG) on made-up results: every
//! kind of cell, a missing baseline, and the arithmetic of medians and
//! geometric means. No benchmark runs and nothing is timed.

use perigee_oracle::bench::report::{json, markdown, median, svg, Cell, Meta, Row, Suite};

fn timed(median: f64, rss: u64) -> Cell {
    Cell::Timed { median, runs: vec![median, median * 1.1, median * 0.9], peak_rss_kib: rss }
}

fn fake() -> Suite {
    Suite {
        meta: Meta {
            date: "2000-01-01 00:00 UTC".into(),
            machine: "nproc 2, Test CPU <fast> & \"cheap\"".into(),
            command: "perigee bench --quick".into(),
            mode: "quick".into(),
            runs: 3,
            notes: vec!["`lua5.4` not found on PATH: lua5.4 skipped".into()],
        },
        runners: vec!["ref".into(), "lua5.1".into(), "luajit".into(), "C gcc -O2".into()],
        rows: vec![
            Row {
                name: "fib".into(),
                size: "20".into(),
                checksum: "6765".into(),
                cells: vec![timed(2.0, 4096), timed(0.1, 2048), timed(0.05, 2048), Cell::Skipped("no C anchor".into())],
            },
            Row {
                name: "nbody".into(),
                size: "1000".into(),
                checksum: "-0.169075164 -0.169087605".into(),
                cells: vec![Cell::Timeout, timed(0.4, 3000), timed(0.1, 3000), timed(0.025, 1024)],
            },
            Row {
                name: "sieve".into(),
                size: "2".into(),
                checksum: "2262 21171191".into(),
                cells: vec![
                    Cell::Mismatch { got: "2262 0".into() },
                    timed(0.2, 5000),
                    Cell::Failed("exit status 1: boom".into()),
                    Cell::Skipped("no C anchor".into()),
                ],
            },
        ],
    }
}

#[test]
fn median_of_odd_and_even_samples() {
    assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
    assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[f64::NAN]), None);
}

#[test]
fn failures_are_mismatches_and_failed_runs_only() {
    let f = fake().failures();
    assert_eq!(f.len(), 2);
    assert!(f.iter().any(|(b, r, what)| b == "sieve" && r == "ref" && what.contains("2262 0")));
    assert!(f.iter().any(|(b, r, _)| b == "sieve" && r == "luajit"));
}

#[test]
fn geometric_means() {
    let s = fake();
    // lua5.1 vs itself is 1 everywhere.
    let (g, n) = s.geomean_ratio(1, "lua5.1").expect("baseline ratio");
    assert!((g - 1.0).abs() < 1e-12 && n == 3);
    // ref vs lua5.1: only fib was timed, 2.0 / 0.1 = 20.
    let (g, n) = s.geomean_ratio(0, "lua5.1").expect("ref ratio");
    assert!((g - 20.0).abs() < 1e-9 && n == 1);
    // luajit vs lua5.1: sqrt(0.5 * 0.25).
    let (g, n) = s.geomean_ratio(2, "lua5.1").expect("luajit ratio");
    assert!((g - (0.125f64).sqrt()).abs() < 1e-12 && n == 2);
    // Plain times: luajit over fib and nbody.
    let (g, _) = s.geomean_time(2).expect("luajit time");
    assert!((g - (0.005f64).sqrt()).abs() < 1e-12);
}

#[test]
fn markdown_has_every_table_and_marks_failures() {
    let md = markdown(&fake());
    for needle in [
        "#### Median wall time (s)",
        "#### Time relative to lua5.1",
        "#### Time relative to luajit",
        "#### Peak RSS",
        "| benchmark | size | ref | lua5.1 | luajit | C gcc -O2 |",
        "| fib | 20 | 2.000 | 0.100 | 0.050 | – |",
        "| nbody | 1000 | timeout |",
        "**MISMATCH**",
        "**FAILED**",
        "20.0×",
        "**2 checksum failure(s):**",
        "lua5.4 skipped",
        "`perigee bench --quick`",
    ] {
        assert!(md.contains(needle), "markdown lacks {needle:?}:\n{md}");
    }
}

#[test]
fn markdown_without_baselines_says_so() {
    let mut s = fake();
    s.runners = vec!["ref".into(), "x".into(), "y".into(), "z".into()];
    let md = markdown(&s);
    assert!(md.contains("no lua5.1 on PATH") && md.contains("no luajit on PATH"), "{md}");
}

#[test]
fn json_is_balanced_and_carries_every_status() {
    let j = json(&fake());
    for needle in [
        "\"status\": \"ok\"",
        "\"status\": \"timeout\"",
        "\"status\": \"mismatch\"",
        "\"status\": \"failed\"",
        "\"status\": \"skipped\"",
        "\"failures\": 2",
        "\"vs_lua51\": 20",
        "Test CPU <fast> & \\\"cheap\\\"",
    ] {
        assert!(j.contains(needle), "json lacks {needle:?}:\n{j}");
    }
    // Brackets balance outside strings (a cheap well-formedness check).
    let (mut depth, mut in_str, mut escaped) = (0i32, false, false);
    for c in j.chars() {
        match (in_str, c) {
            (true, '\\') if !escaped => escaped = true,
            (true, '"') if !escaped => in_str = false,
            (true, _) => escaped = false,
            (false, '"') => in_str = true,
            (false, '{' | '[') => depth += 1,
            (false, '}' | ']') => {
                depth -= 1;
                assert!(depth >= 0, "{j}");
            }
            _ => {}
        }
    }
    assert_eq!(depth, 0, "{j}");
    assert!(!j.contains("NaN") && !j.contains("inf"));
}

#[test]
fn svg_draws_a_bar_per_timed_cell_and_escapes_text() {
    let s = svg(&fake());
    assert!(s.starts_with("<svg ") && s.trim_end().ends_with("</svg>"));
    // Timed cells: fib 3, nbody 3, sieve 1.
    assert_eq!(s.matches("<title>").count(), 7, "{s}");
    assert!(s.contains("&lt;fast&gt; &amp; &quot;cheap&quot;"));
    assert!(s.contains("ref FAILED") && s.contains("luajit FAILED"));
    assert!(!s.contains("NaN"));
}

#[test]
fn empty_suite_renders() {
    let s = Suite::default();
    assert!(markdown(&s).contains("All checksums agree."));
    assert!(json(&s).contains("\"benchmarks\": [\n  ]"));
    assert!(svg(&fake()).len() > svg(&s).len());
}
