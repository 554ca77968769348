//! The `perigee` command: runs Lua 5.1 programs the way `lua5.1` does.
//!
//! ```text
//! perigee [OPTIONS] [FILE [ARGS...]]     everything after FILE goes to the script
//! perigee -e 'CODE'                      run a string
//! perigee -                              read the program from stdin
//! perigee --tier ref                     choose the tier (only `ref` exists so far)
//! ```
//!
//! On an uncaught error it prints `perigee: message` and a stack traceback
//! to stderr and exits with status 1, as `lua5.1` does.

use std::ffi::OsString;
use std::io::Read;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use perigee_reference::{run, End, RunOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Tier {
    /// The tree-walking reference interpreter (the oracle).
    Ref,
    /// The bytecode interpreter (not built yet).
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
    #[arg(long, value_enum, default_value = "ref")]
    tier: Tier,
    /// Stop after this many steps (statements and calls); the run ends
    /// with a limit, not an error.
    #[arg(long, value_name = "N")]
    max_steps: Option<u64>,
    /// Cap on live memory in bytes.
    #[arg(long, value_name = "BYTES")]
    max_memory: Option<usize>,
    /// The script (`-` for stdin) followed by its arguments, passed on
    /// untouched even when they start with `-`.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "FILE [ARGS]")]
    script: Vec<OsString>,
}

fn main() -> ExitCode {
    let raw: Vec<OsString> = std::env::args_os().collect();
    // `-joff` is LuaJIT's spelling for "no JIT"; accept it before the script.
    let argv: Vec<OsString> =
        raw.iter().map(|a| if a == "-joff" { OsString::from("--tier=interp") } else { a.clone() }).collect();
    let cli = Cli::parse_from(&argv);
    if cli.tier != Tier::Ref {
        eprintln!("perigee: the {:?} tier is not built yet; use --tier ref", cli.tier);
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
    let report = run(&source, &chunkname, &options);
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

fn read_stdin() -> Vec<u8> {
    let mut buf = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut buf);
    buf
}
