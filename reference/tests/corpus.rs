//! Replays the corpus on the reference tier, and checks the corpus's
//! expectations against the outside oracle (`lua5.1`, or `luajit` for
//! deviation files) when it is installed.
//!
//! `PERIGEE_BLESS=1 cargo test -p perigee-reference --test corpus`
//! rewrites the `.expected` files from the outside oracle.

use std::path::{Path, PathBuf};

use perigee_reference::corpus::{derive, is_deviation, on_path, programs, Expected};
use perigee_reference::interp::Limits;
use perigee_reference::{run, RunOptions};

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

fn expected_path(lua: &Path) -> PathBuf {
    lua.with_extension("expected")
}

/// Runs a corpus file on the reference tier as `lua5.1 X.lua` would.
fn run_ref(file: &Path) -> perigee_reference::Report {
    let source = std::fs::read(file).expect("corpus file readable");
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let options = RunOptions {
        limits: Limits { steps: Some(500_000_000), memory: Some(4 << 30) },
        script_name: Some(name.clone().into_bytes()),
        interpreter_args: vec![b"lua5.1".to_vec()],
        ..Default::default()
    };
    run(&source, format!("@{name}").as_bytes(), &options)
}

#[test]
fn corpus_replays_on_ref() {
    let files = programs(&corpus_root());
    assert!(files.len() >= 150, "corpus has only {} programs", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let want = std::fs::read(expected_path(file)).ok().and_then(|t| Expected::parse(&t));
        let Some(want) = want else {
            failures.push(format!("{}: missing or malformed .expected", file.display()));
            continue;
        };
        let report = run_ref(file);
        if report.leaked_bytes != 0 {
            failures.push(format!("{}: {} bytes still alive after the run", file.display(), report.leaked_bytes));
        }
        let outcome = report.outcome;
        let got = Expected::of(&outcome);
        if got.as_ref() != Some(&want) {
            let shown = match &got {
                Some(g) => String::from_utf8_lossy(&g.render()).into_owned(),
                None => format!("{:?}", outcome.end),
            };
            failures.push(format!(
                "{}:\n--- expected\n{}\n--- got\n{}",
                file.display(),
                String::from_utf8_lossy(&want.render()),
                shown
            ));
        }
    }
    if !failures.is_empty() {
        let names: Vec<&str> = failures.iter().map(|f| f.lines().next().unwrap_or("")).collect();
        panic!(
            "{} of {} corpus programs differ:\n{}\n\n{}",
            failures.len(),
            files.len(),
            names.join("\n"),
            failures.join("\n\n")
        );
    }
}

#[test]
fn corpus_expectations_match_outside_lua() {
    if !on_path("lua5.1") {
        eprintln!("lua5.1 not on PATH: outside-oracle check skipped");
        return;
    }
    let bless = std::env::var_os("PERIGEE_BLESS").is_some();
    let mut drift = Vec::new();
    for file in programs(&corpus_root()) {
        let source = std::fs::read(&file).unwrap();
        let peer = if is_deviation(&source) { "luajit" } else { "lua5.1" };
        if peer == "luajit" && !on_path("luajit") {
            continue;
        }
        let derived = derive(peer, &file).expect("outside Lua runs").render();
        let path = expected_path(&file);
        if bless {
            std::fs::write(&path, &derived).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(&derived[..]) {
            drift.push(file.display().to_string());
        }
    }
    assert!(drift.is_empty(), "expected files drifted from the outside oracle:\n{}", drift.join("\n"));
}
