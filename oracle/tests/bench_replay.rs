//! Corpus replay of the benchmark suite: every benchmark at its small size
//! on the reference tier, in process, must print the checksum recorded in
//! corpus/bench/bench.txt — and, when `lua5.1` is on PATH, what lua5.1
//! prints now (so a drifting manifest is caught too).
//!
//! In process (via `perigee_reference::run`) rather than through the
//! binary, so the test needs no built executable; the harness covers the
//! process path. Nothing here looks at time.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use perigee_oracle::bench::manifest::{normalise_checksum, Manifest};
use perigee_reference::{run, End, RunOptions};

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("corpus").join("bench")
}

fn lua51_output(dir: &Path, file: &str, size: &str) -> Option<String> {
    let out = Command::new("lua5.1").arg(file).arg(size).current_dir(dir).stdin(Stdio::null()).output().ok()?;
    out.status.success().then(|| normalise_checksum(&out.stdout))
}

#[test]
fn manifest_lists_enough_benchmarks_with_programs() {
    let m = Manifest::load(&bench_dir()).expect("manifest loads");
    assert!(m.benchmarks.len() >= 16, "only {} benchmarks", m.benchmarks.len());
    for b in &m.benchmarks {
        assert!(m.program(b).is_file(), "{} has no program", b.name);
    }
}

#[test]
fn small_sizes_on_ref_match_the_manifest_and_lua51() {
    let dir = bench_dir();
    let m = Manifest::load(&dir).expect("manifest loads");
    let have_lua = perigee_reference::corpus::on_path("lua5.1");
    let mut failures = Vec::new();
    for b in &m.benchmarks {
        let file = format!("{}.lua", b.name);
        let source = std::fs::read(dir.join(&file)).expect("program readable");
        let options = RunOptions {
            script_name: Some(file.clone().into_bytes()),
            script_args: vec![b.small.clone().into_bytes()],
            ..Default::default()
        };
        let report = run(&source, format!("@{file}").as_bytes(), &options);
        if !matches!(report.outcome.end, End::Ok(_)) {
            failures.push(format!("{}: ended with {:?}", b.name, report.outcome.end));
            continue;
        }
        let got = normalise_checksum(&report.outcome.stdout);
        if got != b.checksum {
            failures.push(format!("{}: ref printed `{got}`, manifest says `{}`", b.name, b.checksum));
        }
        if have_lua {
            match lua51_output(&dir, &file, &b.small) {
                Some(lua) if lua != got => failures.push(format!("{}: ref printed `{got}`, lua5.1 `{lua}`", b.name)),
                Some(_) => {}
                None => failures.push(format!("{}: lua5.1 failed on it", b.name)),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
