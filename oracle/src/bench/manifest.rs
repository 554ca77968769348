//! The benchmark manifest, `corpus/bench/bench.txt`: one benchmark per
//! line, `NAME SMALL FULL CHECKSUM...`, `#` comments and blank lines
//! ignored.
//!
//! A plain whitespace-separated file rather than TOML keeps the harness
//! free of a parser dependency; the format has no nesting to need one.

use std::path::{Path, PathBuf};

/// One benchmark of the suite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Benchmark {
    /// The program is `NAME.lua` in the bench directory.
    pub name: String,
    /// `arg[1]` for `--quick` and the corpus replay.
    pub small: String,
    /// `arg[1]` for the real measurement (1-5 s under lua5.1).
    pub full: String,
    /// What the program prints at the small size, without the final newline.
    pub checksum: String,
}

/// The whole suite: where it lives and what it holds.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub dir: PathBuf,
    pub benchmarks: Vec<Benchmark>,
}

impl Manifest {
    /// Reads `DIR/bench.txt`; the error says which line is wrong.
    pub fn load(dir: &Path) -> Result<Manifest, String> {
        let path = dir.join("bench.txt");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let benchmarks = parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Manifest { dir: dir.to_path_buf(), benchmarks })
    }

    pub fn program(&self, b: &Benchmark) -> PathBuf {
        self.dir.join(format!("{}.lua", b.name))
    }

    /// The C anchor's source, if this benchmark has one.
    pub fn c_source(&self, b: &Benchmark) -> Option<PathBuf> {
        let p = self.dir.join("c").join(format!("{}.c", b.name));
        p.is_file().then_some(p)
    }
}

/// Parses the manifest text.
pub fn parse(text: &str) -> Result<Vec<Benchmark>, String> {
    let mut out: Vec<Benchmark> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split_whitespace();
        let (Some(name), Some(small), Some(full)) = (fields.next(), fields.next(), fields.next()) else {
            return Err(format!("line {}: expected NAME SMALL FULL CHECKSUM", i + 1));
        };
        let checksum: Vec<&str> = fields.collect();
        if checksum.is_empty() {
            return Err(format!("line {}: {name} has no checksum", i + 1));
        }
        if out.iter().any(|b| b.name == name) {
            return Err(format!("line {}: {name} listed twice", i + 1));
        }
        out.push(Benchmark {
            name: name.to_string(),
            small: small.to_string(),
            full: full.to_string(),
            checksum: checksum.join(" "),
        });
    }
    Ok(out)
}

/// A program's stdout as a checksum: trailing whitespace dropped and runs
/// of blanks collapsed, so it compares with the manifest's field.
pub fn normalise_checksum(stdout: &[u8]) -> String {
    String::from_utf8_lossy(stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}
