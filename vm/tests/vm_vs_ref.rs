//! Runs every corpus program on the reference tier and on the `interp`
//! tier and compares their Outcomes byte for byte.
//!
//! `vm/tests/passing.txt` lists the programs (paths relative to
//! `corpus/`) that must agree: the test fails if any of them disagrees.
//! Of the rest it only reports how many agree, so progress shows while
//! the library is incomplete. `PERIGEE_LIST_PASSING=1` prints every
//! agreeing program, to refresh the list; `PERIGEE_SHOW_DIFF=1` shows how
//! the others end on each tier.

use std::path::{Path, PathBuf};

use perigee_reference::corpus::programs;
use perigee_reference::interp::Limits;
use perigee_reference::{End, RunOptions};

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

fn show(end: &End) -> String {
    match end {
        End::Error(m) => format!("error {:?}", String::from_utf8_lossy(m)),
        other => format!("{other:?}"),
    }
}

#[test]
fn corpus_agrees_with_ref() {
    let root = corpus_root();
    let listed: Vec<String> = include_str!("passing.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let files = programs(&root);
    let mut failures = Vec::new();
    let mut agree = Vec::new();
    let mut unlisted_agree = 0;
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap_or(file).to_string_lossy().replace('\\', "/");
        let source = std::fs::read(file).expect("corpus file readable");
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let chunkname = format!("@{name}");
        let opts = options(&name);
        let want = perigee_reference::run(&source, chunkname.as_bytes(), &opts).outcome;
        let got = perigee_vm::run::run(&source, chunkname.as_bytes(), &opts).outcome;
        let same = want == got;
        if same {
            agree.push(rel.clone());
        } else if std::env::var_os("PERIGEE_SHOW_DIFF").is_some() {
            println!("DIFF {rel}: ref {} / interp {}", show(&want.end), show(&got.end));
        }
        if listed.contains(&rel) {
            if !same {
                failures.push(format!(
                    "{rel}:\n--- ref\n{:?}\n{}\n--- interp\n{:?}\n{}",
                    want.end,
                    String::from_utf8_lossy(&want.stdout),
                    got.end,
                    String::from_utf8_lossy(&got.stdout)
                ));
            }
        } else if same {
            unlisted_agree += 1;
        }
    }
    if std::env::var_os("PERIGEE_LIST_PASSING").is_some() {
        for a in &agree {
            println!("{a}");
        }
    }
    println!(
        "interp agrees with ref on {}/{} corpus programs ({} listed in passing.txt, {} more agree but are not listed)",
        agree.len(),
        files.len(),
        listed.len(),
        unlisted_agree
    );
    for l in &listed {
        assert!(
            files.iter().any(|f| f.strip_prefix(&root).is_ok_and(|r| r.to_string_lossy() == l.as_str())),
            "passing.txt names {l}, which is not in the corpus"
        );
    }
    assert!(failures.is_empty(), "{} listed programs disagree:\n{}", failures.len(), failures.join("\n"));
}
