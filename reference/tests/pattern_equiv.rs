//! The pattern matcher against its previous, simpler version (kept in
//! `pattern_equiv/old_pattern.rs`: the straightforward transcription of
//! 5.1's matcher that `spec_pattern.rs` checked against lua5.1, before the
//! search shortcuts, the reused matcher state and the byte-set tables).
//! Every public function must give the same result, error message included,
//! on random subjects and patterns built from pattern syntax.

#[allow(dead_code)]
#[path = "pattern_equiv/old_pattern.rs"]
mod old_pattern;

use old_pattern as old;
use perigee_reference::spec::pattern as new;
use proptest::prelude::*;

/// Renders a match of either version identically (the two `Match` types
/// have the same shape).
macro_rules! one {
    ($m:expr, $mod:ident) => {{
        let m = $m;
        let caps: Vec<String> = m.captures.iter().map(|c| format!("{c:?}")).collect();
        let values = $mod::captures_or_whole(&m).map(|cs| cs.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>());
        let only = $mod::captures_only(&m).map(|cs| cs.len());
        format!("{}..{} {:?} {:?} {:?}", m.start, m.end, caps, values, only)
    }};
}

/// Renders a `Result<Option<Match>, String>` of either version.
macro_rules! render {
    ($r:expr, $mod:ident) => {
        $r.map(|o| o.map(|m| one!(m, $mod)))
    };
}

/// Every step of a `gmatch` over `src` (at most 40) with matcher module
/// `$m` (`old` or `new`).
macro_rules! gmatch_all {
    ($m:ident, $src:expr, $pat:expr) => {{
        let (src, pat): (&[u8], &[u8]) = ($src, $pat);
        let mut out: Vec<Result<Option<(String, usize)>, String>> = Vec::new();
        let mut pos = 0;
        for _ in 0..40 {
            let r = $m::gmatch_step(src, pat, pos).map(|o| o.map(|(m, next)| (one!(m, $m), next)));
            let next = r.as_ref().ok().and_then(|o| o.as_ref().map(|(_, n)| *n));
            out.push(r);
            match next {
                Some(n) => pos = n,
                None => break,
            }
        }
        out
    }};
}

fn gmatch_all_old(src: &[u8], pat: &[u8]) -> Vec<Result<Option<(String, usize)>, String>> {
    gmatch_all!(old, src, pat)
}

fn gmatch_all_new(src: &[u8], pat: &[u8]) -> Vec<Result<Option<(String, usize)>, String>> {
    gmatch_all!(new, src, pat)
}

fn check(src: &[u8], pat: &[u8], init: usize, repl: &[u8], max_n: usize) -> Result<(), TestCaseError> {
    prop_assert_eq!(render!(old::find(src, pat, init), old), render!(new::find(src, pat, init), new), "find");
    prop_assert_eq!(render!(old::search(src, pat, init), old), render!(new::search(src, pat, init), new), "search");
    prop_assert_eq!(
        render!(old::match_at(src, pat, init), old),
        render!(new::match_at(src, pat, init), new),
        "match_at"
    );
    prop_assert_eq!(old::find_plain(src, pat, init), new::find_plain(src, pat, init), "find_plain");
    prop_assert_eq!(gmatch_all_old(src, pat), gmatch_all_new(src, pat), "gmatch");
    let gsub_old = old::gsub(src, pat, max_n, |m: &old::Match, out: &mut Vec<u8>| -> Result<(), String> {
        out.extend(old::expand_replacement(repl, src, m)?);
        Ok(())
    });
    let gsub_new = new::gsub(src, pat, max_n, |m: &new::Match, out: &mut Vec<u8>| -> Result<(), String> {
        out.extend(new::expand_replacement(repl, src, m)?);
        Ok(())
    });
    prop_assert_eq!(gsub_old, gsub_new, "gsub");
    Ok(())
}

/// Pattern pieces: items of every kind, quantifiers, anchors, captures,
/// back-references, and malformed fragments.
const PIECES: &[&[u8]] = &[
    b"a", b"b", b"x", b".", b"%a", b"%A", b"%d", b"%s", b"%w", b"%p", b"%u", b"%l", b"%x", b"%c", b"%z", b"%Z", b"%g",
    b"%.", b"%%", b"[ab]", b"[^ab]", b"[a-c]", b"[%a_]", b"[^%d%s]", b"[]]", b"[^]]", b"[a-]", b"[%]]", b"[-a]",
    b"[b-a]", b"*", b"+", b"-", b"?", b"^", b"$", b"(", b")", b"()", b"%1", b"%2", b"%0", b"%bab", b"%b()", b"%b",
    b"%f[%a]", b"%f[^a]", b"%f", b"%", b"[", b"[^", b"\0", b" ", b"=",
];

fn pattern() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(PIECES), 0..7).prop_map(|ps| ps.concat()),
        1 => prop::collection::vec(prop::sample::select(b"()[]^$%*+-?.abfz019 ".to_vec()), 0..14),
        1 => prop::collection::vec(any::<u8>(), 0..8),
    ]
}

fn subject() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(b"aabbx()= 1_A]-%\0".to_vec()), 0..24),
        1 => prop::collection::vec(any::<u8>(), 0..24),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 30_000, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn same_as_the_previous_matcher(
        src in subject(),
        pat in pattern(),
        init in 0usize..26,
        repl in prop::collection::vec(prop::sample::select(b"%0129ab".to_vec()), 0..5),
        max_n in prop_oneof![Just(usize::MAX), 0usize..4],
    ) {
        check(&src, &pat, init, &repl, max_n)?;
    }

    /// Long runs of the same bytes (the greedy and scanning loops on more
    /// than a word at a time).
    #[test]
    fn same_on_long_subjects(
        src in prop::collection::vec(prop_oneof![8 => Just(b'a'), 1 => Just(b'b'), 1 => Just(b' ')], 0..200),
        pat in prop::collection::vec(prop::sample::select(PIECES), 1..4).prop_map(|ps| ps.concat()),
        init in 0usize..210,
    ) {
        check(&src, &pat, init, b"<%0>", usize::MAX)?;
    }
}

#[test]
fn every_class_and_byte() {
    // match_class is now a table: every class byte against every subject byte.
    for cl in 1..=255u8 {
        let pat = [b'%', cl];
        let set_pat = [b'[', b'%', cl, b']'];
        for c in 0..=255u8 {
            let src = [c];
            assert_eq!(render!(old::find(&src, &pat, 0), old), render!(new::find(&src, &pat, 0), new), "{pat:?} {c}");
            assert_eq!(
                render!(old::find(&src, &set_pat, 0), old),
                render!(new::find(&src, &set_pat, 0), new),
                "{set_pat:?} {c}"
            );
        }
    }
    // Ranges over the whole byte range, each word boundary included.
    for (lo, hi) in [(0u8, 255u8), (1, 63), (63, 64), (60, 130), (127, 128), (200, 255), (5, 5), (9, 3)] {
        let pat = [b'[', lo.max(1), b'-', hi, b']', b'+'];
        let src: Vec<u8> = (0..=255u8).collect();
        assert_eq!(
            old::gsub(&src, &pat, usize::MAX, |_: &old::Match, o: &mut Vec<u8>| -> Result<(), String> {
                o.push(b'#');
                Ok(())
            }),
            new::gsub(&src, &pat, usize::MAX, |_: &new::Match, o: &mut Vec<u8>| -> Result<(), String> {
                o.push(b'#');
                Ok(())
            }),
            "{pat:?}"
        );
    }
}
