//! Runs every corpus program on the reference tier and on the `interp`
//! tier and compares their Outcomes byte for byte; then again with the
//! collector in stress mode (a full collection at every allocating safe
//! point).
//!
//! `PERIGEE_SHOW_DIFF=1` prints how disagreeing programs end on each tier.

use std::path::{Path, PathBuf};

use perigee_reference::corpus::programs;
use perigee_reference::interp::Limits;
use perigee_reference::{End, Outcome, RunOptions};
use perigee_vm::gc::STRESS_ENV;

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

fn options(name: &str) -> RunOptions {
    RunOptions {
        limits: Limits { steps: Some(500_000_000), memory: Some(4 << 30) },
        script_name: Some(name.as_bytes().to_vec()),
        interpreter_args: vec![b"lua5.1".to_vec()],
        ..Default::default()
    }
}

fn show(o: &Outcome) -> String {
    let end = match &o.end {
        End::Error(m) => format!("error {:?}", String::from_utf8_lossy(m)),
        other => format!("{other:?}"),
    };
    format!("{end}\n{}", String::from_utf8_lossy(&o.stdout))
}

/// Programs whose allocation volume makes a full collection per allocation
/// quadratic (10^5 live objects, 10^5 allocations: minutes under stress).
/// They run in the plain comparison; in stress mode everything else does.
const TOO_BIG_FOR_STRESS: &[&str] = &[
    "vm/gc-big-table-1e5.lua",
    "vm/gc-many-distinct-strings.lua",
    "vm/gc-string-concat-loop.lua",
    "vm/gc-churn-during-table-build.lua",
];

/// Compares every corpus program (but `skip`) on both tiers; returns the
/// disagreements and how many programs ran.
fn compare_all(skip: &[&str]) -> (Vec<String>, usize) {
    let root = corpus_root();
    let mut failures = Vec::new();
    let mut ran = 0;
    for file in programs(&root) {
        let rel = file.strip_prefix(&root).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        if skip.contains(&rel.as_str()) {
            continue;
        }
        ran += 1;
        let source = std::fs::read(&file).expect("corpus file readable");
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let chunkname = format!("@{name}");
        let opts = options(&name);
        let want = perigee_reference::run(&source, chunkname.as_bytes(), &opts).outcome;
        let got = perigee_vm::run::run(&source, chunkname.as_bytes(), &opts).outcome;
        if want != got {
            if std::env::var_os("PERIGEE_SHOW_DIFF").is_some() {
                println!("DIFF {rel}:\n--- ref\n{}\n--- interp\n{}", show(&want), show(&got));
            }
            failures.push(rel);
        }
    }
    (failures, ran)
}

/// One test, so the stress pass never overlaps the plain one (the stress
/// switch is an environment variable `Heap::new` reads).
#[test]
fn corpus_agrees_with_ref() {
    let (failures, ran) = compare_all(&[]);
    assert!(ran >= 350, "only {ran} corpus programs found");
    assert!(failures.is_empty(), "interp disagrees with ref on {} of {ran}: {failures:?}", failures.len());
    for p in TOO_BIG_FOR_STRESS {
        assert!(corpus_root().join(p).exists(), "{p} is listed but not in the corpus");
    }

    std::env::set_var(STRESS_ENV, "1");
    let (failures, ran) = compare_all(TOO_BIG_FOR_STRESS);
    std::env::remove_var(STRESS_ENV);
    assert!(
        failures.is_empty(),
        "under GC stress interp disagrees with ref on {} of {ran}: {failures:?}",
        failures.len()
    );
}
