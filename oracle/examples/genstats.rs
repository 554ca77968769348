//! The generator's figures for issue 4, on seeds 0..N (default 1000):
//! share of programs finishing on the reference tier without a limit, share
//! with a loop of at least 60 trips (by the generator's own count), share
//! ending in a Lua error, median source size and median reference run time.
//!
//! `cargo run -p perigee-oracle --example genstats [-- N]`

use std::time::Instant;

use perigee_oracle::gen::program_from_seed;
use perigee_reference::interp::Limits;
use perigee_reference::{run, End, RunOptions};

fn median<T: Copy + Ord>(v: &mut [T]) -> T {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let opts =
        RunOptions { limits: Limits { steps: Some(2_000_000), memory: Some(256 << 20) }, ..RunOptions::default() };
    let (mut finished, mut long_loop, mut errors, mut trailing) = (0u64, 0u64, 0u64, 0u64);
    let mut sizes = Vec::new();
    let mut times = Vec::new();
    let mut estimates = Vec::new();
    let mut limits = Vec::new();
    for seed in 0..n {
        let p = program_from_seed(seed);
        sizes.push(p.source.len());
        estimates.push(p.stats.estimated_steps);
        if p.stats.longest_loop >= 60 {
            long_loop += 1;
        }
        if p.stats.trailing_error {
            trailing += 1;
        }
        let t = Instant::now();
        let report = run(p.source.as_bytes(), b"@gen.lua", &opts);
        times.push(t.elapsed().as_micros());
        match report.outcome.end {
            End::Ok(_) => finished += 1,
            End::Error(_) => {
                finished += 1;
                errors += 1;
            }
            End::Limit(k) => limits.push(format!("seed {seed}: {k:?}")),
            End::Crash(m) => limits.push(format!("seed {seed}: crash {m}")),
        }
    }
    let pct = |k: u64| 100.0 * k as f64 / n as f64;
    println!("programs: {n}");
    println!("finish on ref without a limit: {:.1}%", pct(finished));
    println!("with a loop of >= 60 trips: {:.1}%", pct(long_loop));
    println!("end in a Lua error: {:.1}% (of which a deliberate trailing error: {:.1}%)", pct(errors), pct(trailing));
    println!("median source size: {} bytes", median(&mut sizes));
    println!("median ref run time: {:.2} ms", median(&mut times) as f64 / 1000.0);
    println!("median estimated steps: {}", median(&mut estimates));
    for l in &limits {
        println!("  {l}");
    }
}
