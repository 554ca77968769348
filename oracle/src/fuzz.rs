//! The bodies of the cargo-fuzz targets in `fuzz/`, kept here so that a
//! stable-toolchain test can run them on fixed inputs (`tests/fuzz_bodies.rs`)
//! and a finding can be replayed without nightly. Each returns `Err` with a
//! description where the fuzz target would abort.

use arbitrary::Unstructured;
use perigee_reference::interp::Limits;
use perigee_reference::parser::parse;
use perigee_reference::print::{chunk_to_source, strip_lines};
use perigee_reference::{run, End, RunOptions};

use crate::compare::{diff, Verdict};
use crate::tier::landed;

/// Tight bounds: fuzzing wants many short runs.
pub fn fuzz_limits() -> Limits {
    Limits { steps: Some(100_000), memory: Some(64 << 20) }
}

/// `parse`: any bytes go through the lexer and parser without a panic, and
/// whatever parses prints back to source that parses to the same tree.
pub fn parse_bytes(data: &[u8]) -> Result<(), String> {
    let Ok(chunk) = parse(data, b"=fuzz") else { return Ok(()) };
    let printed = chunk_to_source(&chunk);
    match parse(&printed, b"=fuzz") {
        Ok(again) if strip_lines(&again) == strip_lines(&chunk) => Ok(()),
        Ok(_) => Err(format!("printing changed the tree:\n{}", String::from_utf8_lossy(&printed))),
        Err(e) => Err(format!(
            "printed source does not parse ({}):\n{}",
            String::from_utf8_lossy(&e.message),
            String::from_utf8_lossy(&printed)
        )),
    }
}

/// `run_bytes`: any bytes as a program run on every landed tier under tight
/// limits without a crash; tiers that all finish must agree.
pub fn run_bytes(data: &[u8]) -> Result<(), String> {
    let options = RunOptions { limits: fuzz_limits(), ..Default::default() };
    let report = run(data, b"=fuzz", &options);
    if let End::Crash(msg) = &report.outcome.end {
        return Err(format!("crash: {msg}"));
    }
    match diff(data, "fuzz.lua", &landed(), fuzz_limits()) {
        Verdict::Diverge(d) => Err(Verdict::Diverge(d).to_string()),
        Verdict::Agree { .. } => Ok(()),
    }
}

/// `diff_tiers`: a generated program runs the same on every landed tier
/// (and every tier runs it without a crash).
pub fn diff_tiers(data: &[u8]) -> Result<(), String> {
    let Ok(src) = crate::gen::generate(&mut Unstructured::new(data)) else { return Ok(()) };
    let tiers = landed();
    let runs: Vec<crate::compare::TierRun> = tiers
        .iter()
        .map(|t| crate::compare::TierRun { tier: *t, outcome: t.run(src.as_bytes(), "gen.lua", fuzz_limits()) })
        .collect();
    for r in &runs {
        if let End::Crash(msg) = &r.outcome.end {
            return Err(format!("{} crashed ({msg}) on:\n{src}", r.tier.name()));
        }
    }
    match crate::compare::compare(&runs) {
        Verdict::Diverge(d) => Err(format!("{}\n{src}", Verdict::Diverge(d))),
        Verdict::Agree { .. } => Ok(()),
    }
}
