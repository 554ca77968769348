//! The benchmark harness behind `perigee bench`.
//!
//! ```text
//! bench.txt -> [filter] -> benchmarks
//! runners = perigee tiers (this executable, one process per run)
//!         + peers on PATH (lua5.1, lua5.4, luajit -joff, luajit)
//!         + C anchors (corpus/bench/c/NAME.c, gcc -O2 into OUT/c-anchors)
//! for each benchmark: N rounds, each runner once per round (A B C A B C),
//!   checksum checked on every run -> medians, peak RSS -> report::Suite
//! Suite -> markdown (stdout, OUT/bench.md), OUT/bench.json, OUT/bench.svg
//! ```
//!
//! Every run is a separate process so that tiers and peers pay the same
//! start-up and are measured the same way (wall time around the process,
//! peak RSS from `wait4`). Interleaving spreads the noise of a shared
//! machine over every runner instead of penalising whichever ran during a
//! burst. A run whose output differs from the agreed checksum is a failure
//! and its time is discarded.
//!
//! Size policy: `--quick` runs every runner at the small sizes. At the full
//! sizes a perigee tier runs only if it is marked fast enough in
//! `PERIGEE_TIERS` or named in `--tiers`: the tree-walking `ref` tier is
//! some 20-30x slower than lua5.1 and would need most of an hour for the
//! suite. Every run is also capped (`--timeout`, default 60 s); a capped
//! run is reported as `timeout`, not as a failure.

pub mod manifest;
pub mod process;
pub mod report;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use manifest::{normalise_checksum, Benchmark, Manifest};
use process::{find_on_path, run_measured, RunResult};
use report::{Cell, Meta, Row, Suite};

/// A perigee tier as the harness runs it: `perigee ARGS FILE SIZE`.
#[derive(Debug, Clone, Copy)]
pub struct PerigeeTier {
    pub name: &'static str,
    pub args: &'static [&'static str],
    /// Run at the full sizes without being asked by `--tiers`.
    pub full_size_by_default: bool,
}

/// The tiers that exist. `interp` and `jit` get an entry each when built.
pub const PERIGEE_TIERS: &[PerigeeTier] = &[
    PerigeeTier { name: "ref", args: &["--tier", "ref"], full_size_by_default: false },
    PerigeeTier { name: "interp", args: &["--tier", "interp"], full_size_by_default: true },
];

/// An outside implementation looked up on PATH: (column name, command, args).
pub const PEERS: &[(&str, &str, &[&str])] = &[
    ("lua5.1", "lua5.1", &[]),
    ("lua5.4", "lua5.4", &[]),
    ("luajit -joff", "luajit", &["-joff"]),
    ("luajit", "luajit", &[]),
];

/// Column name of the C anchors.
pub const C_RUNNER: &str = "C gcc -O2";

/// What `perigee bench` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The directory holding bench.txt and the programs.
    pub dir: PathBuf,
    /// Keep benchmarks whose name contains any of these (all when empty).
    pub filter: Vec<String>,
    /// Runs per runner; default 5 with --quick, 3 otherwise.
    pub runs: Option<usize>,
    pub quick: bool,
    pub out: PathBuf,
    /// Only these runners (column names, e.g. `ref,lua5.1,luajit`); naming
    /// a perigee tier also runs it at the full sizes.
    pub tiers: Option<Vec<String>>,
    pub timeout: Duration,
    /// The perigee executable that runs the perigee tiers.
    pub perigee: PathBuf,
    /// The command line, for the report.
    pub command: String,
}

/// corpus/bench of this source tree, for when `--dir` is not given and
/// the current directory holds no corpus/bench.
pub fn default_bench_dir() -> PathBuf {
    let here = Path::new("corpus/bench");
    if here.join("bench.txt").is_file() {
        return here.to_path_buf();
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("corpus").join("bench")
}

#[derive(Debug, Clone)]
enum RunnerKind {
    Perigee(PerigeeTier),
    Peer,
    /// Compiled anchors, by benchmark name.
    C(Vec<(String, PathBuf)>),
}

#[derive(Debug, Clone)]
struct Runner {
    name: String,
    program: PathBuf,
    args: Vec<String>,
    kind: RunnerKind,
}

impl Runner {
    /// The command for one benchmark, or why this runner sits it out.
    fn command_for(
        &self,
        opts: &Options,
        manifest: &Manifest,
        b: &Benchmark,
    ) -> Result<(PathBuf, Vec<String>), String> {
        let size = if opts.quick { &b.small } else { &b.full };
        let file = manifest.program(b).to_string_lossy().into_owned();
        match &self.kind {
            RunnerKind::Perigee(t) => {
                let asked = opts.tiers.as_ref().is_some_and(|ts| ts.iter().any(|x| x == t.name));
                if !opts.quick && !t.full_size_by_default && !asked {
                    return Err("too slow for the full sizes (see --tiers)".into());
                }
                let mut args = self.args.clone();
                args.extend([file, size.clone()]);
                Ok((self.program.clone(), args))
            }
            RunnerKind::Peer => {
                let mut args = self.args.clone();
                args.extend([file, size.clone()]);
                Ok((self.program.clone(), args))
            }
            RunnerKind::C(bins) => match bins.iter().find(|(n, _)| *n == b.name) {
                Some((_, bin)) => Ok((bin.clone(), vec![size.clone()])),
                None => Err("no C anchor".into()),
            },
        }
    }
}

fn wanted(opts: &Options, name: &str) -> bool {
    match &opts.tiers {
        None => true,
        Some(ts) => ts.iter().any(|t| t == name),
    }
}

/// Compiles the C anchors of the selected benchmarks into OUT/c-anchors.
fn compile_anchors(
    opts: &Options,
    manifest: &Manifest,
    benches: &[Benchmark],
    notes: &mut Vec<String>,
) -> Option<Runner> {
    if !wanted(opts, C_RUNNER) && !wanted(opts, "C") {
        return None;
    }
    let sources: Vec<(String, PathBuf)> =
        benches.iter().filter_map(|b| manifest.c_source(b).map(|s| (b.name.clone(), s))).collect();
    if sources.is_empty() {
        return None;
    }
    let Some(gcc) = find_on_path("gcc") else {
        notes.push("gcc not found on PATH: C anchors skipped".into());
        return None;
    };
    let dir = opts.out.join("c-anchors");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        notes.push(format!("cannot create {}: {e}; C anchors skipped", dir.display()));
        return None;
    }
    let mut bins = Vec::new();
    for (name, src) in sources {
        let bin = dir.join(&name);
        eprintln!("bench: gcc -O2 {}", src.display());
        let status = Command::new(&gcc).arg("-O2").arg("-o").arg(&bin).arg(&src).arg("-lm").status();
        match status {
            Ok(s) if s.success() => bins.push((name, bin)),
            Ok(s) => notes.push(format!("gcc failed on {} ({s}): anchor skipped", src.display())),
            Err(e) => notes.push(format!("cannot run gcc on {}: {e}", src.display())),
        }
    }
    Some(Runner { name: C_RUNNER.into(), program: PathBuf::new(), args: vec![], kind: RunnerKind::C(bins) })
}

/// Runs the suite and writes the report files. The `Suite` says whether any
/// checksum failed (`Suite::failures`); `Err` is for not being able to
/// start at all (no manifest, nothing selected, unwritable --out).
pub fn run(opts: &Options) -> Result<Suite, String> {
    let manifest = Manifest::load(&opts.dir)?;
    let benches: Vec<Benchmark> = manifest
        .benchmarks
        .iter()
        .filter(|b| opts.filter.is_empty() || opts.filter.iter().any(|f| b.name.contains(f.as_str())))
        .cloned()
        .collect();
    if benches.is_empty() {
        return Err(format!("no benchmark matches --filter {}", opts.filter.join(",")));
    }
    std::fs::create_dir_all(&opts.out).map_err(|e| format!("cannot create {}: {e}", opts.out.display()))?;
    let runs = opts.runs.unwrap_or(if opts.quick { 5 } else { 3 }).max(1);
    let mut notes = Vec::new();
    for t in opts.tiers.iter().flatten() {
        let known =
            PERIGEE_TIERS.iter().any(|p| p.name == t) || PEERS.iter().any(|p| p.0 == t) || t == C_RUNNER || t == "C";
        if !known {
            notes.push(format!("--tiers names unknown runner `{t}`: ignored"));
        }
    }

    let mut runners = Vec::new();
    for t in PERIGEE_TIERS.iter().filter(|t| wanted(opts, t.name)) {
        runners.push(Runner {
            name: t.name.into(),
            program: opts.perigee.clone(),
            args: t.args.iter().map(|s| s.to_string()).collect(),
            kind: RunnerKind::Perigee(*t),
        });
        if !opts.quick && !t.full_size_by_default && opts.tiers.is_none() {
            notes.push(format!(
                "perigee tier `{}` is not run at the full sizes unless named in --tiers (it would take too long)",
                t.name
            ));
        }
    }
    for (name, cmd, args) in PEERS.iter().filter(|p| wanted(opts, p.0)) {
        match find_on_path(cmd) {
            Some(path) => runners.push(Runner {
                name: name.to_string(),
                program: path,
                args: args.iter().map(|s| s.to_string()).collect(),
                kind: RunnerKind::Peer,
            }),
            None => notes.push(format!("`{cmd}` not found on PATH: {name} skipped")),
        }
    }
    runners.extend(compile_anchors(opts, &manifest, &benches, &mut notes));
    for n in &notes {
        eprintln!("bench: note: {n}");
    }
    if runners.is_empty() {
        return Err("no runner selected (check --tiers)".into());
    }

    let mut rows = Vec::new();
    for (bi, b) in benches.iter().enumerate() {
        let size = if opts.quick { b.small.clone() } else { b.full.clone() };
        eprint!("bench: [{:>2}/{}] {:<15} {:>9} ", bi + 1, benches.len(), b.name, size);
        let row = run_benchmark(opts, &manifest, b, &runners, runs);
        let summary: Vec<String> = runners
            .iter()
            .zip(&row.cells)
            .filter_map(|(r, c)| match c {
                Cell::Timed { median, .. } => Some(format!("{} {:.3}s", r.name, median)),
                Cell::Skipped(_) => None,
                Cell::Mismatch { .. } => Some(format!("{} MISMATCH", r.name)),
                Cell::Failed(_) => Some(format!("{} FAILED", r.name)),
                Cell::Timeout => Some(format!("{} timeout", r.name)),
            })
            .collect();
        eprintln!(" {}", summary.join(", "));
        rows.push(row);
    }

    let suite = Suite {
        meta: Meta {
            date: utc_now(),
            machine: machine(),
            command: opts.command.clone(),
            mode: if opts.quick { "quick" } else { "full" }.into(),
            runs,
            notes,
        },
        runners: runners.iter().map(|r| r.name.clone()).collect(),
        rows,
    };
    for (file, text) in [
        ("bench.md", report::markdown(&suite)),
        ("bench.json", report::json(&suite)),
        ("bench.svg", report::svg(&suite)),
    ] {
        let path = opts.out.join(file);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(suite)
}

/// Per-runner state while a benchmark's rounds go on.
enum Progress {
    Running { times: Vec<f64>, rss: u64 },
    Done(Cell),
}

fn run_benchmark(opts: &Options, manifest: &Manifest, b: &Benchmark, runners: &[Runner], runs: usize) -> Row {
    let mut state: Vec<Progress> = Vec::new();
    let mut commands = Vec::new();
    for r in runners {
        match r.command_for(opts, manifest, b) {
            Ok(c) => {
                commands.push(Some(c));
                state.push(Progress::Running { times: Vec::new(), rss: 0 });
            }
            Err(why) => {
                commands.push(None);
                state.push(Progress::Done(Cell::Skipped(why)));
            }
        }
    }
    // At the small size the manifest says what to print; at the full size
    // lua5.1 does (or, without it, the first runner that finishes).
    let mut expected: Option<String> = opts.quick.then(|| b.checksum.clone());
    for round in 0..runs {
        let mut outputs: Vec<(usize, String)> = Vec::new();
        for (i, cmd) in commands.iter().enumerate() {
            let (Some((program, args)), Progress::Running { .. }) = (cmd, &state[i]) else { continue };
            match run_measured(program, args, opts.timeout) {
                RunResult::Finished { seconds, peak_rss_kib, stdout } => {
                    if let Progress::Running { times, rss } = &mut state[i] {
                        times.push(seconds);
                        *rss = (*rss).max(peak_rss_kib);
                    }
                    outputs.push((i, normalise_checksum(&stdout)));
                }
                RunResult::Failed { detail } => state[i] = Progress::Done(Cell::Failed(detail)),
                RunResult::Timeout => state[i] = Progress::Done(Cell::Timeout),
            }
        }
        if round == 0 && expected.is_none() {
            let pick = outputs.iter().find(|(i, _)| runners[*i].name == report::BASELINE).or(outputs.first());
            expected = pick.map(|(_, s)| s.clone());
        }
        for (i, got) in outputs {
            if Some(&got) != expected.as_ref() {
                state[i] = Progress::Done(Cell::Mismatch { got });
            }
        }
        eprint!(".");
    }
    let cells = state
        .into_iter()
        .map(|s| match s {
            Progress::Done(c) => c,
            Progress::Running { times, rss } => match report::median(&times) {
                Some(median) => Cell::Timed { median, runs: times, peak_rss_kib: rss },
                None => Cell::Skipped("no runs".into()),
            },
        })
        .collect();
    let size = if opts.quick { b.small.clone() } else { b.full.clone() };
    Row { name: b.name.clone(), size, checksum: expected.unwrap_or_default(), cells }
}

/// "YYYY-MM-DD HH:MM UTC" from the system clock (days-to-civil conversion
/// from Howard Hinnant's date algorithms; no date crate needed for this).
fn utc_now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let (hh, mm) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02} UTC")
}

/// "N cores, CPU model" from the OS.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!("nproc {cores}, {model}, {}", std::env::consts::ARCH)
}
