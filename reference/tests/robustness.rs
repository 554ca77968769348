//! No input crashes the reference tier: corpus programs with random byte
//! edits and random token soups all end in `Ok`, an `Error` or a `Limit`,
//! never in `End::Crash` (a panic caught at the run's thread boundary)
//! and never in a hang (the step budget bounds every run).

use perigee_reference::corpus::programs;
use perigee_reference::interp::Limits;
use perigee_reference::{run, End, RunOptions};
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "local",
    "function",
    "end",
    "return",
    "if",
    "then",
    "else",
    "for",
    "in",
    "do",
    "while",
    "repeat",
    "until",
    "break",
    "x",
    "y",
    "t",
    "f",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "=",
    "==",
    "..",
    "...",
    ",",
    ";",
    ":",
    ".",
    "+",
    "-",
    "*",
    "/",
    "%",
    "^",
    "#",
    "<",
    "<=",
    "not",
    "and",
    "or",
    "nil",
    "true",
    "1",
    "0",
    "-0",
    "1e308",
    "'s'",
    "\"\\0\"",
    "setmetatable",
    "getmetatable",
    "pcall",
    "error",
    "coroutine.wrap",
    "coroutine.yield",
    "string.rep",
    "string.format",
    "string.gsub",
    "table.sort",
    "table.concat",
    "unpack",
    "select",
    "tostring",
    "tonumber",
    "next",
    "pairs",
    "ipairs",
    "__index",
    "__newindex",
    "__call",
    "__add",
    "__concat",
    "__eq",
    "__lt",
    "__le",
    "__unm",
    "__tostring",
    "%d",
    "%s",
];

fn limits() -> Limits {
    Limits { steps: Some(200_000), memory: Some(64 << 20) }
}

/// Programs that touch files, the environment or the process are left
/// out: a mutation could make them write or exit.
fn harmless(src: &[u8]) -> bool {
    let s = String::from_utf8_lossy(src);
    !["io.", "os.", "dofile", "loadfile", "require"].iter().any(|w| s.contains(w))
}

fn assert_no_crash(src: &[u8]) {
    let report = run(src, b"=fuzz", &RunOptions { limits: limits(), ..Default::default() });
    if let End::Crash(msg) = &report.outcome.end {
        panic!("crash ({msg}) on:\n{}", String::from_utf8_lossy(src));
    }
}

fn corpus_sources() -> Vec<Vec<u8>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    programs(&root).into_iter().filter_map(|p| std::fs::read(p).ok()).filter(|s| harmless(s)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn token_soups_never_crash(toks in prop::collection::vec(0..TOKENS.len(), 0..60)) {
        let src: Vec<String> = toks.iter().map(|&i| TOKENS[i].to_string()).collect();
        assert_no_crash(src.join(" ").as_bytes());
    }

    #[test]
    fn edited_corpus_programs_never_crash(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..40, 0..TOKENS.len(), 0u8..3), 1..4),
    ) {
        let sources = corpus_sources();
        let mut src = sources[pick.index(sources.len())].clone();
        for (at, len, tok, kind) in edits {
            let start = at.index(src.len() + 1);
            let end = (start + len).min(src.len());
            match kind {
                0 => { src.drain(start..end); }
                1 => { let piece = src[start..end].to_vec(); src.splice(start..start, piece); }
                _ => { let t = format!(" {} ", TOKENS[tok]); src.splice(start..start, t.into_bytes()); }
            }
        }
        if harmless(&src) {
            assert_no_crash(&src);
        }
    }
}
