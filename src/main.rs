//! The `perigee` command: runs Lua 5.1 programs the way `lua5.1` does.
//!
//! ```text
//! perigee [OPTIONS] [FILE [ARGS...]]     everything after FILE goes to the script
//! perigee -e 'CODE'                      run a string
//! perigee -                              read the program from stdin
//! perigee --tier ref|interp              choose the tier (default `interp`; `jit` is not built yet)
//! perigee bench [--quick] [--filter X] [--runs N] [--out DIR] [--tiers LIST] [--timeout SECS]
//! perigee diff FILE [--no-peers]         every tier (and lua5.1) on FILE; exit 1 on a divergence
//! perigee reduce FILE -o OUT [--crash]   shrink a diverging (or crashing) program
//! ```
//!
//! `bench`, `diff` and `reduce` are recognised only as the very first
//! argument, before clap sees the command line, so a script may still be
//! named anything else and everything after a script's name still goes to
//! the script (a script literally named `bench` must be run as `./bench`).
//!
//! On an uncaught error it prints `perigee: message` and a stack traceback
//! to stderr and exits with status 1, as `lua5.1` does.

use std::ffi::OsString;
use std::io::Read;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

mod alloc;

/// mimalloc instead of glibc's malloc (see `alloc.rs`).
#[global_allocator]
static GLOBAL: alloc::MiAlloc = alloc::MiAlloc;
use perigee_reference::{run, End, RunOptions};

/// Run the benchmark suite (corpus/bench) on every perigee tier and every
/// peer on PATH (lua5.1, lua5.4, luajit -joff, luajit, C anchors), check
/// that all checksums agree, and report medians.
#[derive(Debug, Parser)]
#[command(name = "perigee bench")]
struct BenchCli {
    /// Only benchmarks whose name contains this (comma-separated list).
    #[arg(long, value_name = "X")]
    filter: Option<String>,
    /// Runs per runner (default 5 with --quick, 3 otherwise).
    #[arg(long, value_name = "N")]
    runs: Option<usize>,
    /// Use the small sizes (what the corpus replay runs).
    #[arg(long)]
    quick: bool,
    /// Where bench.md, bench.json, bench.svg and the C anchors go.
    #[arg(long, value_name = "DIR", default_value = "target/bench")]
    out: std::path::PathBuf,
    /// Only these runners, comma-separated (ref, lua5.1, lua5.4,
    /// "luajit -joff", luajit, C); naming a perigee tier also runs it at
    /// the full sizes.
    #[arg(long, value_name = "LIST")]
    tiers: Option<String>,
    /// Kill a run after this many seconds and report it as a timeout.
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    timeout: f64,
    /// The directory holding bench.txt (default: corpus/bench).
    #[arg(long, value_name = "DIR")]
    dir: Option<std::path::PathBuf>,
}

fn bench_main(args: &[OsString]) -> ExitCode {
    let cli = BenchCli::parse_from(args);
    let perigee = match std::env::current_exe() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("perigee bench: cannot find my own executable: {e}");
            return ExitCode::from(2);
        }
    };
    let split = |s: &Option<String>| -> Option<Vec<String>> {
        s.as_ref().map(|s| s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
    };
    let timeout = if cli.timeout.is_finite() && cli.timeout > 0.0 { cli.timeout } else { 60.0 };
    let opts = perigee_oracle::bench::Options {
        dir: cli.dir.clone().unwrap_or_else(perigee_oracle::bench::default_bench_dir),
        filter: split(&cli.filter).unwrap_or_default(),
        runs: cli.runs,
        quick: cli.quick,
        out: cli.out.clone(),
        tiers: split(&cli.tiers),
        timeout: std::time::Duration::from_secs_f64(timeout),
        perigee,
        command: format!("perigee {}", args.iter().map(|a| a.to_string_lossy()).collect::<Vec<_>>().join(" ")),
    };
    match perigee_oracle::bench::run(&opts) {
        Ok(suite) => {
            print!("{}", perigee_oracle::bench::report::markdown(&suite));
            eprintln!("bench: wrote bench.md, bench.json, bench.svg to {}", opts.out.display());
            let failures = suite.failures();
            if failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                eprintln!("perigee bench: {} checksum failure(s)", failures.len());
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("perigee bench: {e}");
            ExitCode::from(2)
        }
    }
}

/// Run a program on every tier (and `lua5.1` when it is on PATH) and
/// print the first divergence; exit 1 on one.
#[derive(Debug, Parser)]
#[command(name = "perigee diff")]
struct DiffCli {
    /// The program.
    file: std::path::PathBuf,
    /// Leave outside Luas out (compare perigee's own tiers only).
    #[arg(long)]
    no_peers: bool,
    /// Step budget per run.
    #[arg(long, default_value_t = 50_000_000)]
    max_steps: u64,
}

/// Shrink a diverging program while it keeps diverging the same way.
#[derive(Debug, Parser)]
#[command(name = "perigee reduce")]
struct ReduceCli {
    /// The diverging program.
    file: std::path::PathBuf,
    /// Where the reduced program goes.
    #[arg(short = 'o', value_name = "OUT")]
    out: std::path::PathBuf,
    /// Keep "some tier crashes" instead of "the same divergence".
    #[arg(long)]
    crash: bool,
    /// Step budget per run.
    #[arg(long, default_value_t = 5_000_000)]
    max_steps: u64,
}

fn diff_tiers(no_peers: bool) -> Vec<perigee_oracle::tier::Tier> {
    let mut tiers = perigee_oracle::tier::landed();
    if !no_peers {
        tiers.extend(perigee_oracle::tier::peers());
    }
    tiers
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| "program.lua".into(), |n| n.to_string_lossy().into_owned())
}

fn diff_main(args: &[OsString]) -> ExitCode {
    let cli = DiffCli::parse_from(args);
    let Ok(source) = std::fs::read(&cli.file) else {
        eprintln!("perigee diff: cannot open {}", cli.file.display());
        return ExitCode::from(2);
    };
    let limits = perigee_reference::interp::Limits { steps: Some(cli.max_steps), memory: Some(4 << 30) };
    let verdict = perigee_oracle::compare::diff(&source, &file_name(&cli.file), &diff_tiers(cli.no_peers), limits);
    println!("{verdict}");
    match verdict {
        perigee_oracle::compare::Verdict::Agree { .. } => ExitCode::SUCCESS,
        perigee_oracle::compare::Verdict::Diverge(_) => ExitCode::FAILURE,
    }
}

fn reduce_main(args: &[OsString]) -> ExitCode {
    use perigee_oracle::compare::{diff, Verdict};
    let cli = ReduceCli::parse_from(args);
    let Ok(source) = std::fs::read(&cli.file) else {
        eprintln!("perigee reduce: cannot open {}", cli.file.display());
        return ExitCode::from(2);
    };
    let name = file_name(&cli.file);
    let tiers = diff_tiers(false);
    let limits = perigee_reference::interp::Limits { steps: Some(cli.max_steps), memory: Some(1 << 30) };
    let reduced = if cli.crash {
        let crashes = |src: &[u8]| {
            tiers.iter().any(|t| matches!(t.run(src, &name, limits).end, perigee_reference::End::Crash(_)))
        };
        if !crashes(&source) {
            eprintln!("perigee reduce: no tier crashes on {}", cli.file.display());
            return ExitCode::FAILURE;
        }
        perigee_oracle::reduce::reduce(&source, crashes)
    } else {
        let Verdict::Diverge(d) = diff(&source, &name, &tiers, limits) else {
            eprintln!("perigee reduce: the tiers agree on {}", cli.file.display());
            return ExitCode::FAILURE;
        };
        let sig = d.signature();
        perigee_oracle::reduce::reduce(
            &source,
            |src| matches!(diff(src, &name, &tiers, limits), Verdict::Diverge(d) if d.signature() == sig),
        )
    };
    if let Err(e) = std::fs::write(&cli.out, &reduced) {
        eprintln!("perigee reduce: cannot write {}: {e}", cli.out.display());
        return ExitCode::from(2);
    }
    eprintln!("perigee reduce: {} -> {} bytes in {}", source.len(), reduced.len(), cli.out.display());
    ExitCode::SUCCESS
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Tier {
    /// The tree-walking reference interpreter (the oracle).
    Ref,
    /// The bytecode interpreter (the default until the JIT lands).
    Interp,
    /// The tracing JIT (not built yet).
    Jit,
}

/// Run a Lua 5.1 program.
#[derive(Debug, Parser)]
#[command(name = "perigee", version, about)]
struct Cli {
    /// Execute this string before the script (or alone).
    #[arg(short = 'e', value_name = "CODE")]
    execute: Option<OsString>,
    /// Which tier runs the program.
    #[arg(long, value_enum, default_value = "interp")]
    tier: Tier,
    /// Stop after this many steps (ref: statements and calls; interp: loop
    /// iterations and calls); the run ends
    /// with a limit, not an error.
    #[arg(long, value_name = "N")]
    max_steps: Option<u64>,
    /// Cap on live memory in bytes.
    #[arg(long, value_name = "BYTES")]
    max_memory: Option<usize>,
    /// Print the bytecode of the script (`luac -l` style) instead of
    /// running it.
    #[arg(long)]
    bc: bool,
    /// The script (`-` for stdin) followed by its arguments, passed on
    /// untouched even when they start with `-`.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "FILE [ARGS]")]
    script: Vec<OsString>,
}

fn main() -> ExitCode {
    let raw: Vec<OsString> = std::env::args_os().collect();
    if raw.get(1).is_some_and(|a| a == "bench") {
        return bench_main(&raw[1..]);
    }
    if raw.get(1).is_some_and(|a| a == "diff") {
        return diff_main(&raw[1..]);
    }
    if raw.get(1).is_some_and(|a| a == "reduce") {
        return reduce_main(&raw[1..]);
    }
    // Only when running Lua here: the flag is inherited by child
    // processes, and `bench` must leave the peers it runs as they are.
    let _ = alloc::no_huge_pages();
    // `-joff` is LuaJIT's spelling for "no JIT"; accept it before the script.
    let argv: Vec<OsString> =
        raw.iter().map(|a| if a == "-joff" { OsString::from("--tier=interp") } else { a.clone() }).collect();
    let cli = Cli::parse_from(&argv);
    if cli.tier == Tier::Jit {
        eprintln!("perigee: the jit tier is not built yet; use --tier ref or --tier interp");
        return ExitCode::from(2);
    }
    let mut options = RunOptions {
        limits: perigee_reference::interp::Limits { steps: cli.max_steps, memory: cli.max_memory },
        stream_stdout: true,
        ..Default::default()
    };
    let (source, chunkname) = match cli.script.split_first() {
        None => match &cli.execute {
            Some(code) => (code.as_bytes().to_vec(), b"=(command line)".to_vec()),
            None => (read_stdin(), b"=stdin".to_vec()),
        },
        Some((file, args)) => {
            // `arg` as lua.c builds it: the script at 0, what preceded it
            // at negative indices, its arguments after.
            let script_pos = raw.len() - cli.script.len();
            options.interpreter_args = raw[..script_pos].iter().map(|a| a.as_bytes().to_vec()).collect();
            options.script_name = Some(file.as_bytes().to_vec());
            options.script_args = args.iter().map(|a| a.clone().into_vec()).collect();
            options.prelude = cli.execute.as_ref().map(|c| c.as_bytes().to_vec());
            if file == "-" {
                (read_stdin(), b"=stdin".to_vec())
            } else {
                match std::fs::read(file) {
                    Ok(src) => {
                        let mut name = b"@".to_vec();
                        name.extend_from_slice(file.as_bytes());
                        (src, name)
                    }
                    Err(_) => {
                        eprintln!("perigee: cannot open {}", file.to_string_lossy());
                        return ExitCode::FAILURE;
                    }
                }
            }
        }
    };
    if cli.bc {
        return print_bytecode(&source, &chunkname);
    }
    let report = match cli.tier {
        Tier::Interp => perigee_vm::run::run(&source, &chunkname, &options),
        _ => run(&source, &chunkname, &options),
    };
    match report.outcome.end {
        End::Ok(_) => ExitCode::SUCCESS,
        End::Error(msg) => {
            let mut text = b"perigee: ".to_vec();
            text.extend_from_slice(&msg);
            eprintln!("{}", String::from_utf8_lossy(&text));
            if let Some(tb) = report.traceback {
                eprintln!("{tb}");
            }
            ExitCode::FAILURE
        }
        End::Limit(kind) => {
            eprintln!("perigee: limit reached: {kind:?}");
            ExitCode::FAILURE
        }
        End::Crash(msg) => {
            eprintln!("perigee: internal error: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// `--bc`: the compiled chunk's listing, or the syntax/compile error.
fn print_bytecode(source: &[u8], chunkname: &[u8]) -> ExitCode {
    let chunk = match perigee_reference::parser::parse(source, chunkname) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("perigee: {}", String::from_utf8_lossy(&e.message));
            return ExitCode::FAILURE;
        }
    };
    match perigee_vm::compile::compile(&chunk, chunkname) {
        Ok(proto) => {
            print!("{}", perigee_vm::listing::listing(&proto));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("perigee: {}", String::from_utf8_lossy(&e.render(chunkname)));
            ExitCode::FAILURE
        }
    }
}

fn read_stdin() -> Vec<u8> {
    let mut buf = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut buf);
    buf
}
