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

use clap::{value_parser, Arg, ArgAction, ArgMatches, Command};

mod alloc;

/// mimalloc instead of glibc's malloc (see `alloc.rs`).
#[global_allocator]
static GLOBAL: alloc::MiAlloc = alloc::MiAlloc;
use perigee_reference::{run, End, RunOptions};

/// `perigee bench`: run the benchmark suite (corpus/bench) on every
/// perigee tier and every peer on PATH (lua5.1, lua5.4, luajit -joff,
/// luajit, C anchors), check that all checksums agree, and report medians.
///
/// The command lines are clap's builder API rather than its derive macros:
/// the workspace then has no procedural macros, which is what lets
/// `.cargo/config.toml` build x86-64 code non-PIE (a procedural macro is a
/// shared library and must be position-independent; see the note there).
fn bench_command() -> Command {
    Command::new("perigee bench")
        .about("Run the benchmark suite on every tier and peer, check the checksums, report medians")
        .arg(
            Arg::new("filter")
                .long("filter")
                .value_name("X")
                .help("Only benchmarks whose name contains this (comma-separated list)"),
        )
        .arg(
            Arg::new("runs")
                .long("runs")
                .value_name("N")
                .value_parser(value_parser!(usize))
                .help("Runs per runner (default 5 with --quick, 3 otherwise)"),
        )
        .arg(
            Arg::new("quick")
                .long("quick")
                .action(ArgAction::SetTrue)
                .help("Use the small sizes (what the corpus replay runs)"),
        )
        .arg(
            Arg::new("out")
                .long("out")
                .value_name("DIR")
                .default_value("target/bench")
                .value_parser(value_parser!(std::path::PathBuf))
                .help("Where bench.md, bench.json, bench.svg and the C anchors go"),
        )
        .arg(Arg::new("tiers").long("tiers").value_name("LIST").help(
            "Only these runners, comma-separated (ref, lua5.1, lua5.4, \"luajit -joff\", luajit, C); \
             naming a perigee tier also runs it at the full sizes",
        ))
        .arg(
            Arg::new("timeout")
                .long("timeout")
                .value_name("SECS")
                .default_value("60")
                .value_parser(value_parser!(f64))
                .help("Kill a run after this many seconds and report it as a timeout"),
        )
        .arg(
            Arg::new("dir")
                .long("dir")
                .value_name("DIR")
                .value_parser(value_parser!(std::path::PathBuf))
                .help("The directory holding bench.txt (default: corpus/bench)"),
        )
}

fn bench_main(args: &[OsString]) -> ExitCode {
    let m = bench_command().get_matches_from(args);
    let perigee = match std::env::current_exe() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("perigee bench: cannot find my own executable: {e}");
            return ExitCode::from(2);
        }
    };
    let split = |name: &str| -> Option<Vec<String>> {
        m.get_one::<String>(name)
            .map(|s| s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
    };
    let timeout = m.get_one::<f64>("timeout").copied().filter(|t| t.is_finite() && *t > 0.0).unwrap_or(60.0);
    let path = |name: &str| m.get_one::<std::path::PathBuf>(name).cloned();
    let opts = perigee_oracle::bench::Options {
        dir: path("dir").unwrap_or_else(perigee_oracle::bench::default_bench_dir),
        filter: split("filter").unwrap_or_default(),
        runs: m.get_one::<usize>("runs").copied(),
        quick: m.get_flag("quick"),
        out: path("out").unwrap_or_else(|| "target/bench".into()),
        tiers: split("tiers"),
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

/// `perigee diff`: run a program on every tier (and `lua5.1` when it is
/// on PATH) and print the first divergence; exit 1 on one.
fn diff_command() -> Command {
    Command::new("perigee diff")
        .about("Run a program on every tier and peer and print the first divergence")
        .arg(file_arg("The program"))
        .arg(
            Arg::new("no_peers")
                .long("no-peers")
                .action(ArgAction::SetTrue)
                .help("Leave outside Luas out (compare perigee's own tiers only)"),
        )
        .arg(max_steps_arg("50000000"))
}

/// `perigee reduce`: shrink a diverging program while it keeps diverging
/// the same way.
fn reduce_command() -> Command {
    Command::new("perigee reduce")
        .about("Shrink a diverging (or crashing) program while it keeps diverging the same way")
        .arg(file_arg("The diverging program"))
        .arg(
            Arg::new("out")
                .short('o')
                .value_name("OUT")
                .required(true)
                .value_parser(value_parser!(std::path::PathBuf))
                .help("Where the reduced program goes"),
        )
        .arg(
            Arg::new("crash")
                .long("crash")
                .action(ArgAction::SetTrue)
                .help("Keep \"some tier crashes\" instead of \"the same divergence\""),
        )
        .arg(max_steps_arg("5000000"))
}

fn file_arg(help: &'static str) -> Arg {
    Arg::new("file").required(true).value_parser(value_parser!(std::path::PathBuf)).help(help)
}

fn max_steps_arg(default: &'static str) -> Arg {
    Arg::new("max_steps")
        .long("max-steps")
        .value_name("N")
        .default_value(default)
        .value_parser(value_parser!(u64))
        .help("Step budget per run")
}

/// A required or defaulted argument's value (clap has checked it is there).
fn arg_value<T: Clone + Send + Sync + 'static>(m: &ArgMatches, name: &str) -> T {
    m.get_one::<T>(name).cloned().expect("clap supplies required and defaulted arguments")
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
    let m = diff_command().get_matches_from(args);
    let file: std::path::PathBuf = arg_value(&m, "file");
    let Ok(source) = std::fs::read(&file) else {
        eprintln!("perigee diff: cannot open {}", file.display());
        return ExitCode::from(2);
    };
    let limits = perigee_reference::interp::Limits { steps: Some(arg_value(&m, "max_steps")), memory: Some(4 << 30) };
    let verdict =
        perigee_oracle::compare::diff(&source, &file_name(&file), &diff_tiers(m.get_flag("no_peers")), limits);
    println!("{verdict}");
    match verdict {
        perigee_oracle::compare::Verdict::Agree { .. } => ExitCode::SUCCESS,
        perigee_oracle::compare::Verdict::Diverge(_) => ExitCode::FAILURE,
    }
}

fn reduce_main(args: &[OsString]) -> ExitCode {
    use perigee_oracle::compare::{diff, Verdict};
    let m = reduce_command().get_matches_from(args);
    let (file, out): (std::path::PathBuf, std::path::PathBuf) = (arg_value(&m, "file"), arg_value(&m, "out"));
    let Ok(source) = std::fs::read(&file) else {
        eprintln!("perigee reduce: cannot open {}", file.display());
        return ExitCode::from(2);
    };
    let name = file_name(&file);
    let tiers = diff_tiers(false);
    let limits = perigee_reference::interp::Limits { steps: Some(arg_value(&m, "max_steps")), memory: Some(1 << 30) };
    let reduced = if m.get_flag("crash") {
        let crashes = |src: &[u8]| {
            tiers.iter().any(|t| matches!(t.run(src, &name, limits).end, perigee_reference::End::Crash(_)))
        };
        if !crashes(&source) {
            eprintln!("perigee reduce: no tier crashes on {}", file.display());
            return ExitCode::FAILURE;
        }
        perigee_oracle::reduce::reduce(&source, crashes)
    } else {
        let Verdict::Diverge(d) = diff(&source, &name, &tiers, limits) else {
            eprintln!("perigee reduce: the tiers agree on {}", file.display());
            return ExitCode::FAILURE;
        };
        let sig = d.signature();
        perigee_oracle::reduce::reduce(
            &source,
            |src| matches!(diff(src, &name, &tiers, limits), Verdict::Diverge(d) if d.signature() == sig),
        )
    };
    if let Err(e) = std::fs::write(&out, &reduced) {
        eprintln!("perigee reduce: cannot write {}: {e}", out.display());
        return ExitCode::from(2);
    }
    eprintln!("perigee reduce: {} -> {} bytes in {}", source.len(), reduced.len(), out.display());
    ExitCode::SUCCESS
}

/// The main command line: run a Lua 5.1 program.
fn run_command() -> Command {
    Command::new("perigee")
        .version(env!("CARGO_PKG_VERSION"))
        .about(env!("CARGO_PKG_DESCRIPTION"))
        .arg(
            Arg::new("execute")
                .short('e')
                .value_name("CODE")
                .value_parser(value_parser!(OsString))
                .help("Execute this string before the script (or alone)"),
        )
        .arg(
            Arg::new("tier")
                .long("tier")
                .value_parser(["ref", "interp", "jit"])
                .default_value("interp")
                .help("Which tier runs the program: ref (the tree-walking oracle), interp (bytecode; the default), jit (not built yet)"),
        )
        .arg(
            Arg::new("max_steps")
                .long("max-steps")
                .value_name("N")
                .value_parser(value_parser!(u64))
                .help("Stop after this many steps (ref: statements and calls; interp: loop iterations and calls); the run ends with a limit, not an error"),
        )
        .arg(
            Arg::new("max_memory")
                .long("max-memory")
                .value_name("BYTES")
                .value_parser(value_parser!(usize))
                .help("Cap on live memory in bytes"),
        )
        .arg(
            Arg::new("bc")
                .long("bc")
                .action(ArgAction::SetTrue)
                .help("Print the bytecode of the script (`luac -l` style) instead of running it"),
        )
        .arg(
            Arg::new("script")
                .value_name("FILE [ARGS]")
                .num_args(0..)
                .trailing_var_arg(true)
                .allow_hyphen_values(true)
                .value_parser(value_parser!(OsString))
                .help("The script (`-` for stdin) followed by its arguments, passed on untouched even when they start with `-`"),
        )
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
    // `-joff` is LuaJIT's spelling for "no JIT"; accept it before the script.
    let argv: Vec<OsString> =
        raw.iter().map(|a| if a == "-joff" { OsString::from("--tier=interp") } else { a.clone() }).collect();
    let m = run_command().get_matches_from(&argv);
    let tier: String = arg_value(&m, "tier");
    if tier == "jit" {
        eprintln!("perigee: the jit tier is not built yet; use --tier ref or --tier interp");
        return ExitCode::from(2);
    }
    let mut options = RunOptions {
        limits: perigee_reference::interp::Limits {
            steps: m.get_one::<u64>("max_steps").copied(),
            memory: m.get_one::<usize>("max_memory").copied(),
        },
        stream_stdout: true,
        ..Default::default()
    };
    let script: Vec<OsString> = m.get_many::<OsString>("script").map(|v| v.cloned().collect()).unwrap_or_default();
    let execute = m.get_one::<OsString>("execute");
    let (source, chunkname) = match script.split_first() {
        None => match execute {
            Some(code) => (code.as_bytes().to_vec(), b"=(command line)".to_vec()),
            None => (read_stdin(), b"=stdin".to_vec()),
        },
        Some((file, args)) => {
            // `arg` as lua.c builds it: the script at 0, what preceded it
            // at negative indices, its arguments after.
            let script_pos = raw.len() - script.len();
            options.interpreter_args = raw[..script_pos].iter().map(|a| a.as_bytes().to_vec()).collect();
            options.script_name = Some(file.as_bytes().to_vec());
            options.script_args = args.iter().map(|a| a.clone().into_vec()).collect();
            options.prelude = execute.map(|c| c.as_bytes().to_vec());
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
    if m.get_flag("bc") {
        return print_bytecode(&source, &chunkname);
    }
    let report = if tier == "interp" {
        perigee_vm::run::run(&source, &chunkname, &options)
    } else {
        run(&source, &chunkname, &options)
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
