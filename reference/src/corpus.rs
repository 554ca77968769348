//! The corpus's `.expected` files: reading, writing, and deriving them
//! from an outside Lua (PUC-Rio `lua5.1`, or `luajit` for files that show
//! one of perigee's deliberate deviations).
//!
//! Format (also in corpus/README.md): a line `end: ok` or `end: error`,
//! for errors a line `message: <escaped message>`, a line `stdout:`, then
//! the program's stdout verbatim to the end of the file. Only what
//! `lua5.1` itself shows is recorded: how the run ended, the message, the
//! output — not the chunk's return values, which `lua5.1` does not print.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::outcome::{End, Outcome};

/// What a corpus program is expected to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// `None` for a normal end, the message for an error.
    pub error: Option<Vec<u8>>,
    pub stdout: Vec<u8>,
}

impl Expected {
    /// What an outcome shows in the corpus's terms; `None` for ends that
    /// `lua5.1` cannot produce (limits, crashes).
    pub fn of(outcome: &Outcome) -> Option<Expected> {
        let error = match &outcome.end {
            End::Ok(_) => None,
            End::Error(msg) => Some(msg.clone()),
            End::Limit(_) | End::Crash(_) => return None,
        };
        Some(Expected { error, stdout: outcome.stdout.clone() })
    }

    pub fn render(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match &self.error {
            None => out.extend_from_slice(b"end: ok\n"),
            Some(msg) => {
                out.extend_from_slice(b"end: error\nmessage: ");
                out.extend_from_slice(&escape(msg));
                out.push(b'\n');
            }
        }
        out.extend_from_slice(b"stdout:\n");
        out.extend_from_slice(&self.stdout);
        out
    }

    pub fn parse(text: &[u8]) -> Option<Expected> {
        let (first, rest) = split_line(text)?;
        let (error, rest) = match first {
            b"end: ok" => (None, rest),
            b"end: error" => {
                let (line, rest) = split_line(rest)?;
                let msg = line.strip_prefix(b"message: ")?;
                (Some(unescape(msg)?), rest)
            }
            _ => return None,
        };
        let (line, stdout) = split_line(rest)?;
        if line != b"stdout:" {
            return None;
        }
        Some(Expected { error, stdout: stdout.to_vec() })
    }
}

fn split_line(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let i = text.iter().position(|&b| b == b'\n')?;
    Some((&text[..i], &text[i + 1..]))
}

fn escape(msg: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for &b in msg {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x20..=0x7e => out.push(b),
            _ => out.extend_from_slice(format!("\\x{b:02x}").as_bytes()),
        }
    }
    out
}

fn unescape(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text[i] != b'\\' {
            out.push(text[i]);
            i += 1;
            continue;
        }
        match text.get(i + 1)? {
            b'\\' => out.push(b'\\'),
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'x' => {
                let hex = std::str::from_utf8(text.get(i + 2..i + 4)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            _ => return None,
        }
        i += 2;
    }
    Some(out)
}

/// Whether a corpus program shows a deliberate deviation from 5.1 (its
/// first line says `-- deviation:`), so LuaJIT is its outside oracle.
pub fn is_deviation(source: &[u8]) -> bool {
    source.starts_with(b"-- deviation:")
}

/// Runs an outside Lua on `file` the way the corpus was derived: in the
/// file's directory, by base name, no arguments, stdin empty. `None` if
/// the program could not be started.
pub fn derive(peer: &str, file: &Path) -> Option<Expected> {
    let dir = file.parent()?;
    let name = file.file_name()?;
    let out = Command::new(peer).arg(name).current_dir(dir).stdin(Stdio::null()).output().ok()?;
    Some(parse_peer_output(peer, out.status.success(), out.stdout, &out.stderr))
}

/// What a `lua`-style process showed: its stdout, and for a failed run the
/// message it printed (stderr without the `peer: ` prefix and the
/// traceback).
pub fn parse_peer_output(peer: &str, success: bool, stdout: Vec<u8>, stderr: &[u8]) -> Expected {
    if success {
        return Expected { error: None, stdout };
    }
    let mut msg: &[u8] = stderr;
    let prefix = format!("{peer}: ");
    if let Some(rest) = msg.strip_prefix(prefix.as_bytes()) {
        msg = rest;
    }
    let marker = b"\nstack traceback:\n";
    if let Some(pos) = msg.windows(marker.len()).position(|w| w == marker) {
        msg = &msg[..pos];
    }
    if let Some(rest) = msg.strip_suffix(b"\n") {
        msg = rest;
    }
    Expected { error: Some(msg.to_vec()), stdout }
}

/// Every `*.lua` under `root`, sorted, skipping `bench/` (benchmarks are
/// replayed at their small size by their own test).
pub fn programs(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "bench") {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "lua") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Whether `cmd` can be run here.
pub fn on_path(cmd: &str) -> bool {
    Command::new(cmd).arg("-v").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
}
