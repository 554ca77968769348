//! Runs each fuzz target's body on a few hundred fixed inputs inside plain
//! `cargo test`, so the fuzz logic is exercised without nightly: every
//! corpus program, and byte buffers from a fixed-seed generator.

use perigee_oracle::fuzz::{diff_tiers, parse_bytes, run_bytes};

/// splitmix64: a fixed, dependency-free stream of bytes.
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        out.extend_from_slice(&(z ^ (z >> 31)).to_le_bytes());
    }
    out.truncate(len);
    out
}

fn corpus() -> Vec<Vec<u8>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    perigee_reference::corpus::programs(&root)
        .into_iter()
        .filter_map(|p| std::fs::read(p).ok())
        // Programs that touch files or the process stay out of fuzzing.
        .filter(|s| !String::from_utf8_lossy(s).contains("os.") && !String::from_utf8_lossy(s).contains("io."))
        .collect()
}

#[test]
fn parse_body_on_corpus_and_random_bytes() {
    for src in corpus() {
        parse_bytes(&src).unwrap();
    }
    for seed in 0..300 {
        parse_bytes(&bytes(seed, (seed as usize * 7) % 300)).unwrap();
    }
}

#[test]
fn run_bytes_body_on_corpus_and_random_bytes() {
    for src in corpus() {
        run_bytes(&src).unwrap();
    }
    for seed in 0..300 {
        run_bytes(&bytes(seed, (seed as usize * 13) % 200)).unwrap();
    }
}

#[test]
fn diff_tiers_body_on_fixed_seeds() {
    for seed in 0..300 {
        diff_tiers(&bytes(seed, 4096)).unwrap();
    }
}
