//! Lua 5.1 patterns (the matcher of lstrlib.c, 5.1.5) over byte slices,
//! plus the pieces of `string.find`, `string.match`, `string.gmatch` and
//! `string.gsub` that do not touch Lua values.
//!
//! Semantics follow 5.1 exactly, including its quirks:
//! * the pattern is a C string: it ends at its first NUL byte (use `%z`);
//!   only `string.find`'s plain-search shortcut sees the whole pattern;
//! * the pattern is interpreted as it is walked, so a malformed part is
//!   only reported when the matcher reaches it (`("abc"):find("x[")` is
//!   `nil`, `("xbc"):find("x[")` raises `malformed pattern (missing ']')`);
//! * `^` anchors only in find/match/gsub; `gmatch` treats it literally;
//!   `$` is special only as the last pattern byte;
//! * character classes use the C locale; `%z` matches NUL; an unknown
//!   class letter such as `%g` matches itself;
//! * a back-reference to a position capture never matches;
//! * a match can succeed with a capture left open (`"(a"`): the error
//!   `unfinished capture` comes only when that capture's value is used.
//!
//! Why an explicit backtracking stack instead of recursion: 5.1 recurses
//! on the C stack once per `?`, `*`, `+`, `-` item and per capture
//! boundary. Here every such choice point is a frame in a heap `Vec`, so
//! no pattern can overflow the Rust stack and there is no artificial depth
//! limit: the frames on the stack have strictly increasing pattern
//! positions, so there are never more frames than pattern bytes. The
//! search is the same backtracking as 5.1's (same order, same results,
//! same worst-case cost: patterns like `a*a*a*…b` are exponential in 5.1
//! too).
//!
//! What keeps it cheap: one `Matcher` serves every start position of a
//! call, and its stack and capture list are vectors kept per thread between
//! calls (no allocation per attempt); classes are 256-bit byte sets from a
//! table; `*`/`+` runs are counted over a decoded set; and a search whose
//! pattern must begin with one byte of a known set (a literal, class or set
//! item without `?`, `*` or `-`, possibly after opening captures) jumps
//! straight to the positions holding such a byte, the other positions
//! failing at that item with nothing else run (no error can be skipped).
//! `tests/pattern_equiv.rs` checks all of this against the plain
//! transcription of 5.1 that preceded it.

use std::cell::Cell;

/// The most captures a pattern may open (5.1's `LUA_MAXCAPTURES`).
pub const MAX_CAPTURES: usize = 32;

/// One capture of a successful match. Offsets are 0-based byte offsets
/// into the subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture {
    /// `(…)`: the bytes `start..end`.
    Span { start: usize, end: usize },
    /// `()`: the 0-based offset; its Lua value is `offset + 1`.
    Position(usize),
    /// A capture still open when the pattern ended (`"(a"`). Using its
    /// value is the error `unfinished capture`; the value helpers below
    /// never return it.
    Unfinished { start: usize },
}

/// A successful match: the matched bytes `start..end` and every capture
/// the pattern opened, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub captures: Vec<Capture>,
}

/// The bytes that start a "special" pattern (5.1's `SPECIALS`).
const SPECIALS: &[u8] = b"^$*+?.([%-";

/// The pattern as C sees it: up to its first NUL.
fn c_pattern(pat: &[u8]) -> &[u8] {
    match pat.iter().position(|&b| b == 0) {
        Some(i) => &pat[..i],
        None => pat,
    }
}

/// Whether 5.1's `string.find` would run the matcher (`true`) or do a
/// plain substring search: `strpbrk(pattern, SPECIALS)` on the C string.
pub fn has_specials(pat: &[u8]) -> bool {
    c_pattern(pat).iter().any(|b| SPECIALS.contains(b))
}

/// Plain substring search from `init` (5.1's `lmemfind`, used by
/// `string.find` with `plain` or without specials): the 0-based start of
/// the first occurrence of all of `needle` (NULs included) at or after
/// `init`. An empty needle is found at `init` (clamped to the length).
pub fn find_plain(src: &[u8], needle: &[u8], init: usize) -> Option<usize> {
    let init = init.min(src.len());
    if needle.is_empty() {
        return Some(init);
    }
    let (first, rest) = (needle[0], &needle[1..]);
    let mut pos = init;
    // Candidates are the occurrences of the first byte with room after them.
    while src.len() - pos >= needle.len() {
        let at = pos + find_byte(&src[pos..=src.len() - needle.len()], first)?;
        if src[at + 1..at + needle.len()] == *rest {
            return Some(at);
        }
        pos = at + 1;
    }
    None
}

/// The index of the first `b` in `hay`: a word at a time (the classic
/// "has a zero byte" test on `word ^ b*0x0101…`), then the tail bytewise.
fn find_byte(hay: &[u8], b: u8) -> Option<usize> {
    const LO: u64 = u64::from_ne_bytes([0x01; 8]);
    const HI: u64 = u64::from_ne_bytes([0x80; 8]);
    let pattern = LO * u64::from(b);
    let mut chunks = hay.chunks_exact(8);
    for (k, chunk) in chunks.by_ref().enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_ne_bytes(word) ^ pattern;
        // Nonzero exactly when some byte of `x` is zero (no false
        // positives: the exact position is then found bytewise).
        if x.wrapping_sub(LO) & !x & HI != 0 {
            return chunk.iter().position(|&c| c == b).map(|i| k * 8 + i);
        }
    }
    let done = hay.len() - chunks.remainder().len();
    chunks.remainder().iter().position(|&c| c == b).map(|i| done + i)
}

/// `string.find(src, pat, init)` without `plain` (`init` is the 0-based
/// start after 5.1's adjustment; values above the length are clamped):
/// a plain search when the pattern has no specials (see [`has_specials`]),
/// otherwise [`search`]. Return values in Lua: `start + 1`, `end`, then
/// [`captures_only`].
pub fn find(src: &[u8], pat: &[u8], init: usize) -> Result<Option<Match>, String> {
    if !has_specials(pat) {
        return Ok(find_plain(src, pat, init).map(|start| Match {
            start,
            end: start + pat.len(),
            captures: Vec::new(),
        }));
    }
    search(src, pat, init)
}

/// `string.match(src, pat, init)` (and `string.find` once it has decided
/// to use patterns): a leading `^` anchors at `init`, otherwise every start
/// position `init..=len` is tried in order. Return values in Lua:
/// [`captures_or_whole`].
pub fn search(src: &[u8], pat: &[u8], init: usize) -> Result<Option<Match>, String> {
    let (anchored, pat) = split_anchor(pat);
    let mut m = Matcher::new(src, pat, !anchored);
    let mut pos = init.min(src.len());
    loop {
        if let Some(end) = m.at(pos)? {
            return Ok(Some(m.to_match(pos, end)));
        }
        if anchored {
            return Ok(None);
        }
        match m.next_candidate(pos + 1) {
            Some(next) => pos = next,
            None => return Ok(None),
        }
    }
}

/// Splits a leading `^` off (find, match and gsub anchor; gmatch does not).
pub fn split_anchor(pat: &[u8]) -> (bool, &[u8]) {
    match pat.split_first() {
        Some((b'^', rest)) => (true, rest),
        _ => (false, pat),
    }
}

/// Matches `pat` at exactly `pos` (no `^` handling: what gmatch and gsub do
/// at each position). `pos` beyond the subject gives `Ok(None)`.
pub fn match_at(src: &[u8], pat: &[u8], pos: usize) -> Result<Option<Match>, String> {
    let mut m = Matcher::new(src, pat, false);
    Ok(m.at(pos)?.map(|end| m.to_match(pos, end)))
}

/// One step of `string.gmatch` (5.1's `gmatch_aux`): tries positions
/// `pos..=len` with [`match_at`] (a leading `^` is literal) and returns the
/// match and the position the next step starts from (one past an empty
/// match). Lua values: [`captures_or_whole`].
pub fn gmatch_step(src: &[u8], pat: &[u8], pos: usize) -> Result<Option<(Match, usize)>, String> {
    let mut m = Matcher::new(src, pat, true);
    let mut p = pos;
    while p <= src.len() {
        if let Some(end) = m.at(p)? {
            let next = if end == p { end + 1 } else { end };
            return Ok(Some((m.to_match(p, end), next)));
        }
        match m.next_candidate(p + 1) {
            Some(next) => p = next,
            None => break,
        }
    }
    Ok(None)
}

/// `string.gsub`'s loop (5.1's `str_gsub`) with the replacement left to the
/// caller: for each match (at most `max_n`; 5.1's default is
/// `len + 1`, a negative count is 0) `replace` appends the replacement to
/// the output — [`expand_replacement`] for a string, or the table/function
/// value, or the whole match (`src[m.start..m.end]`) when that value is
/// false/nil. Returns the new string and the number of matches.
pub fn gsub<E: From<String>>(
    src: &[u8],
    pat: &[u8],
    max_n: usize,
    mut replace: impl FnMut(&Match, &mut Vec<u8>) -> Result<(), E>,
) -> Result<(Vec<u8>, usize), E> {
    let (anchored, pat) = split_anchor(pat);
    let mut m = Matcher::new(src, pat, !anchored);
    let mut out = Vec::with_capacity(src.len());
    let mut pos = 0;
    let mut n = 0;
    while n < max_n {
        let end = m.at(pos)?;
        if let Some(e) = end {
            n += 1;
            replace(&m.to_match(pos, e), &mut out)?;
        }
        match end {
            Some(e) if e > pos => pos = e,
            _ if pos < src.len() => {
                // Copy the byte, and every following one where no match
                // can start (the positions the loop would fail at anyway).
                let next = if anchored { pos + 1 } else { m.next_candidate(pos + 1).unwrap_or(src.len()) };
                out.extend_from_slice(&src[pos..next]);
                pos = next;
            }
            _ => break,
        }
        if anchored {
            break;
        }
    }
    out.extend_from_slice(&src[pos..]);
    Ok((out, n))
}

/// Capture `i` (0-based) as 5.1's `push_onecapture` gives it: with no
/// captures at all, index 0 is the whole match; an index beyond the
/// captures is `invalid capture index`; an open capture is `unfinished
/// capture`. Never returns [`Capture::Unfinished`].
pub fn capture(m: &Match, i: usize) -> Result<Capture, String> {
    match m.captures.get(i) {
        None if i == 0 && m.captures.is_empty() => Ok(Capture::Span { start: m.start, end: m.end }),
        None => Err("invalid capture index".to_string()),
        Some(Capture::Unfinished { .. }) => Err("unfinished capture".to_string()),
        Some(&c) => Ok(c),
    }
}

/// The values `string.match`, `gmatch` and a gsub function receive (5.1's
/// `push_captures` with the match): the captures, or the whole match when
/// the pattern has none.
pub fn captures_or_whole(m: &Match) -> Result<Vec<Capture>, String> {
    let n = m.captures.len().max(1);
    (0..n).map(|i| capture(m, i)).collect()
}

/// The values `string.find` returns after the two positions (5.1's
/// `push_captures(ms, NULL, 0)`): only the captures, none when the pattern
/// has none.
pub fn captures_only(m: &Match) -> Result<Vec<Capture>, String> {
    (0..m.captures.len()).map(|i| capture(m, i)).collect()
}

/// The bytes of a capture value: a span's bytes, or a position capture as
/// Lua would turn the number into a string (`offset + 1` in decimal; the
/// same text `fmt_number` gives for any offset a string can have). An
/// unfinished capture (which the helpers above never return) gives no bytes.
pub fn capture_bytes(src: &[u8], c: Capture) -> Vec<u8> {
    match c {
        Capture::Span { start, end } => src.get(start..end).unwrap_or_default().to_vec(),
        Capture::Position(p) => (p + 1).to_string().into_bytes(),
        Capture::Unfinished { .. } => Vec::new(),
    }
}

/// A string replacement of `string.gsub` for one match (5.1's `add_s`):
/// `%0` is the whole match, `%1`..`%9` a capture (with `%1` the whole
/// match when there are no captures; a position capture gives its number),
/// `%` followed by any other byte is that byte, and a `%` at the very end
/// adds a NUL byte (5.1 reads the string's terminator). Errors: `invalid
/// capture index`, `unfinished capture`.
pub fn expand_replacement(repl: &[u8], src: &[u8], m: &Match) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(repl.len());
    let mut i = 0;
    while i < repl.len() {
        let b = repl[i];
        i += 1;
        if b != b'%' {
            out.push(b);
            continue;
        }
        let c = repl.get(i).copied().unwrap_or(0);
        i += 1;
        match c {
            b'0' => out.extend_from_slice(&src[m.start..m.end]),
            b'1'..=b'9' => {
                let cap = capture(m, usize::from(c - b'1'))?;
                out.extend(capture_bytes(src, cap));
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------
// The matcher
// ---------------------------------------------------------------------

/// A set of bytes, one bit per byte value.
type ByteSet = [u64; 4];

const fn set_has(set: &ByteSet, c: u8) -> bool {
    set[(c >> 6) as usize] >> (c & 63) & 1 != 0
}

/// 5.1's `match_class` with C-locale ctype, as a predicate (used once to
/// build [`CLASS_SETS`]).
const fn class_pred(c: u8, cl: u8) -> bool {
    let res = match cl.to_ascii_lowercase() {
        b'a' => c.is_ascii_alphabetic(),
        b'c' => c.is_ascii_control(),
        b'd' => c.is_ascii_digit(),
        b'l' => c.is_ascii_lowercase(),
        b'p' => c.is_ascii_punctuation(),
        b's' => matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'),
        b'u' => c.is_ascii_uppercase(),
        b'w' => c.is_ascii_alphanumeric(),
        b'x' => c.is_ascii_hexdigit(),
        b'z' => c == 0,
        _ => return cl == c,
    };
    if cl.is_ascii_lowercase() {
        res
    } else {
        !res
    }
}

/// `CLASS_SETS[cl]`: the bytes `%cl` matches (an unknown class byte such as
/// `g` or `.` matches only itself).
static CLASS_SETS: [ByteSet; 256] = {
    let mut t = [[0u64; 4]; 256];
    let mut cl = 0;
    while cl < 256 {
        let mut c = 0;
        while c < 256 {
            if class_pred(c as u8, cl as u8) {
                t[cl][c >> 6] |= 1 << (c & 63);
            }
            c += 1;
        }
        cl += 1;
    }
    t
};

/// Every byte (`.`).
static ANY: ByteSet = [u64::MAX; 4];

/// 5.1's `match_class`: `%` + `cl` against byte `c`, C-locale ctype.
fn match_class(c: u8, cl: u8) -> bool {
    set_has(&CLASS_SETS[usize::from(cl)], c)
}

/// Adds the bytes `lo..=hi` (none when `lo > hi`) to `set`.
fn add_range(set: &mut ByteSet, lo: u8, hi: u8) {
    let (lo, hi) = (u32::from(lo), u32::from(hi));
    for (w, word) in set.iter_mut().enumerate() {
        let base = w as u32 * 64;
        let a = lo.max(base);
        let b = hi.min(base + 63);
        if a <= b {
            let n = b - a + 1;
            let ones = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
            *word |= ones << (a - base);
        }
    }
}

/// A single-byte pattern item, decoded for loops that test many bytes.
#[derive(Clone, Copy, Debug)]
enum Single {
    Byte(u8),
    /// `%x` or `.`: a set from the table.
    Class(&'static ByteSet),
    /// `[…]`, built from the pattern.
    Set(ByteSet),
}

/// A capture's length while matching: a byte count, or one of these two
/// markers (no real length comes near them).
const CAP_UNFINISHED: usize = usize::MAX;
const CAP_POSITION: usize = usize::MAX - 1;

#[derive(Clone, Copy, Debug)]
struct Cap {
    init: usize,
    /// A length, [`CAP_UNFINISHED`] or [`CAP_POSITION`].
    len: usize,
}

/// A choice point of 5.1's recursive `match`: what to do when the match
/// attempted after it fails.
#[derive(Clone, Copy, Debug)]
enum Frame {
    /// `start_capture` failed: drop the capture it opened.
    OpenedCapture,
    /// `end_capture` failed: reopen capture `l`.
    ClosedCapture(usize),
    /// `x?` with one `x` taken: retry without it, at subject `s`.
    Optional { s: usize, ep: usize },
    /// `x*` / `x+` (`max_expand`): `s + i` was tried; try fewer.
    Greedy { s: usize, ep: usize, i: usize },
    /// `x-` (`min_expand`): subject `s` was tried; try one more `x`.
    Lazy { s: usize, p: usize, ep: usize },
}

thread_local! {
    /// A backtracking stack and a capture list kept between calls, so that
    /// a call does not allocate them (most calls push a frame or two). A
    /// matcher takes them and gives them back when dropped; a nested call (a
    /// gsub replacement function that matches again) simply finds empty
    /// vectors and allocates its own.
    static SPARE: Cell<(Vec<Frame>, Vec<Cap>)> = const { Cell::new((Vec::new(), Vec::new())) };
}

/// The most frames a stack may hold to be kept in [`SPARE`].
const SPARE_STACK_MAX: usize = 1024;

/// The matcher for one subject and one pattern, reused for every start
/// position a search tries (so the capture array and the backtracking
/// stack are set up once per call, not once per position).
struct Matcher<'a> {
    src: &'a [u8],
    /// The pattern up to its first NUL.
    pat: &'a [u8],
    /// The captures opened so far (5.1's `level` is their count).
    caps: Vec<Cap>,
    stack: Vec<Frame>,
    /// The bytes a match must start with, when the pattern's first item
    /// (after any opening captures) is a single byte item without `?`, `*`
    /// or `-`: positions starting with another byte (or at the end) fail
    /// at that item with nothing else run, so searches skip them.
    first: Option<Single>,
}

impl Drop for Matcher<'_> {
    fn drop(&mut self) {
        if self.stack.capacity() <= SPARE_STACK_MAX {
            let spare = (std::mem::take(&mut self.stack), std::mem::take(&mut self.caps));
            // During thread teardown the slot may be gone; then the vectors
            // are simply freed.
            let _ = SPARE.try_with(|slot| slot.set(spare));
        }
    }
}

impl<'a> Matcher<'a> {
    #[inline(always)]
    /// A matcher for `pat` over `src`; `scan` when it will try many start
    /// positions (then it looks for [`Matcher::first`]).
    fn new(src: &'a [u8], pat: &'a [u8], scan: bool) -> Matcher<'a> {
        let mut m = Matcher { src, pat: c_pattern(pat), caps: Vec::new(), stack: Vec::new(), first: None };
        (m.stack, m.caps) = SPARE.with(Cell::take);
        if scan {
            m.first = m.first_item();
        }
        m
    }

    /// See [`Matcher::first`]. Mirrors the dispatch of [`Matcher::run`]:
    /// `(` items are skipped while they cannot fail ("too many captures"
    /// needs 33 of them), and anything that might raise an error or match
    /// without consuming a byte gives `None`.
    fn first_item(&self) -> Option<Single> {
        let mut p = 0;
        let mut opened = 0;
        loop {
            match self.p(p) {
                b'(' if opened < MAX_CAPTURES => {
                    opened += 1;
                    p += if self.p(p + 1) == b')' { 2 } else { 1 };
                }
                0 | b'(' | b')' => return None,
                b'$' if self.p(p + 1) == 0 => return None,
                b'%' if matches!(self.p(p + 1), b'b' | b'f' | b'0'..=b'9') => return None,
                _ => {
                    let ep = self.class_end(p).ok()?;
                    if matches!(self.p(ep), b'?' | b'*' | b'-') {
                        return None;
                    }
                    return Some(self.decode(p, ep));
                }
            }
        }
    }

    /// Whether `c` is in the single item `it`.
    fn in_single(it: &Single, c: u8) -> bool {
        match it {
            Single::Byte(b) => *b == c,
            Single::Class(set) => set_has(set, c),
            Single::Set(set) => set_has(set, c),
        }
    }

    /// The first position at or after `pos` where a match may start (see
    /// [`Matcher::first`]); `None` when no position up to the end of the
    /// subject can match. Without a first item every position may.
    fn next_candidate(&self, pos: usize) -> Option<usize> {
        let len = self.src.len();
        match &self.first {
            None => (pos <= len).then_some(pos),
            Some(_) if pos >= len => None,
            Some(Single::Byte(b)) => find_byte(&self.src[pos..], *b).map(|i| pos + i),
            Some(Single::Class(set)) => self.src[pos..].iter().position(|&c| set_has(set, c)).map(|i| pos + i),
            Some(Single::Set(set)) => self.src[pos..].iter().position(|&c| set_has(set, c)).map(|i| pos + i),
        }
    }

    /// 5.1's `do_match` at exactly `pos`: the end of the match or `None`.
    /// `pos` beyond the subject gives `Ok(None)`.
    fn at(&mut self, pos: usize) -> Result<Option<usize>, String> {
        if pos > self.src.len() {
            return Ok(None);
        }
        if let Some(first) = &self.first {
            if pos == self.src.len() || !Self::in_single(first, self.src[pos]) {
                return Ok(None);
            }
        }
        self.caps.clear();
        self.stack.clear();
        self.run(pos)
    }

    /// The match `start..end` with the captures of the last [`Matcher::at`].
    fn to_match(&self, start: usize, end: usize) -> Match {
        Match {
            start,
            end,
            captures: self
                .caps
                .iter()
                .map(|c| match c.len {
                    CAP_UNFINISHED => Capture::Unfinished { start: c.init },
                    CAP_POSITION => Capture::Position(c.init),
                    l => Capture::Span { start: c.init, end: c.init + l },
                })
                .collect(),
        }
    }

    /// Pattern byte at `i`, NUL past the end (the C terminator).
    fn p(&self, i: usize) -> u8 {
        self.pat.get(i).copied().unwrap_or(0)
    }

    /// Subject byte at `i`, NUL past the end (the C terminator).
    fn s(&self, i: usize) -> u8 {
        self.src.get(i).copied().unwrap_or(0)
    }

    /// 5.1's `match(ms, s, p)` from pattern start: the end of the match or
    /// `None`. Every choice point is pushed on `self.stack`; a failure pops
    /// back to the latest one that offers another way on.
    fn run(&mut self, s: usize) -> Result<Option<usize>, String> {
        let (mut s, mut p) = (s, 0usize);
        let len = self.src.len();
        'step: loop {
            // Each arm either continues with the next (s, p), returns, or
            // breaks out of 'fail to backtrack.
            'fail: {
                match self.p(p) {
                    // Success returns through every pending frame unchanged.
                    0 => return Ok(Some(s)),
                    b'(' => {
                        if self.caps.len() >= MAX_CAPTURES {
                            return Err("too many captures".to_string());
                        }
                        let (cap_len, np) =
                            if self.p(p + 1) == b')' { (CAP_POSITION, p + 2) } else { (CAP_UNFINISHED, p + 1) };
                        self.caps.push(Cap { init: s, len: cap_len });
                        self.stack.push(Frame::OpenedCapture);
                        p = np;
                        continue 'step;
                    }
                    b')' => {
                        let l = (self.caps.iter())
                            .rposition(|c| c.len == CAP_UNFINISHED)
                            .ok_or_else(|| "invalid pattern capture".to_string())?;
                        self.caps[l].len = s - self.caps[l].init;
                        self.stack.push(Frame::ClosedCapture(l));
                        p += 1;
                        continue 'step;
                    }
                    b'$' if self.p(p + 1) == 0 => {
                        if s == len {
                            return Ok(Some(s));
                        }
                        break 'fail;
                    }
                    b'%' if self.p(p + 1) == b'b' => match self.match_balance(s, p + 2)? {
                        Some(ns) => {
                            s = ns;
                            p += 4;
                            continue 'step;
                        }
                        None => break 'fail,
                    },
                    b'%' if self.p(p + 1) == b'f' => {
                        let p2 = p + 2;
                        if self.p(p2) != b'[' {
                            return Err("missing '[' after '%f' in pattern".to_string());
                        }
                        let ep = self.class_end(p2)?;
                        let prev = if s == 0 { 0 } else { self.s(s - 1) };
                        if self.bracket_class(prev, p2, ep - 1) || !self.bracket_class(self.s(s), p2, ep - 1) {
                            break 'fail;
                        }
                        p = ep;
                        continue 'step;
                    }
                    b'%' if self.p(p + 1).is_ascii_digit() => match self.match_capture(s, self.p(p + 1))? {
                        Some(ns) => {
                            s = ns;
                            p += 2;
                            continue 'step;
                        }
                        None => break 'fail,
                    },
                    _ => {
                        let ep = self.class_end(p)?;
                        match self.p(ep) {
                            b'?' => {
                                if s < len && self.single_match(self.src[s], p, ep) {
                                    self.stack.push(Frame::Optional { s, ep });
                                    s += 1;
                                }
                                p = ep + 1;
                                continue 'step;
                            }
                            b'*' => {
                                let i = self.count(s, p, ep);
                                self.stack.push(Frame::Greedy { s, ep, i });
                                s += i;
                                p = ep + 1;
                                continue 'step;
                            }
                            b'+' => {
                                // One item, then the greedy run after it.
                                let i = self.count(s, p, ep);
                                if i == 0 {
                                    break 'fail;
                                }
                                self.stack.push(Frame::Greedy { s: s + 1, ep, i: i - 1 });
                                s += i;
                                p = ep + 1;
                                continue 'step;
                            }
                            b'-' => {
                                self.stack.push(Frame::Lazy { s, p, ep });
                                p = ep + 1;
                                continue 'step;
                            }
                            _ => {
                                if s < len && self.single_match(self.src[s], p, ep) {
                                    s += 1;
                                    p = ep;
                                    continue 'step;
                                }
                                break 'fail;
                            }
                        }
                    }
                }
            }
            match self.backtrack() {
                Some((ns, np)) => {
                    s = ns;
                    p = np;
                }
                None => return Ok(None),
            }
        }
    }

    /// Pops frames, undoing captures, until one offers another way on
    /// (a `Greedy` or `Lazy` frame that does stays on the stack, updated).
    fn backtrack(&mut self) -> Option<(usize, usize)> {
        while let Some(&frame) = self.stack.last() {
            let top = self.stack.len() - 1;
            match frame {
                Frame::OpenedCapture => {
                    self.caps.pop();
                }
                Frame::ClosedCapture(l) => self.caps[l].len = CAP_UNFINISHED,
                Frame::Optional { s, ep } => {
                    self.stack.pop();
                    return Some((s, ep + 1));
                }
                Frame::Greedy { s, ep, i } => {
                    if i > 0 {
                        self.stack[top] = Frame::Greedy { s, ep, i: i - 1 };
                        return Some((s + i - 1, ep + 1));
                    }
                }
                Frame::Lazy { s, p, ep } => {
                    if s < self.src.len() && self.single_match(self.src[s], p, ep) {
                        self.stack[top] = Frame::Lazy { s: s + 1, p, ep };
                        return Some((s + 1, ep + 1));
                    }
                }
            }
            self.stack.pop();
        }
        None
    }

    /// How many bytes from `s` on match the item `p..ep` (the greedy run of
    /// 5.1's `max_expand`).
    fn count(&self, s: usize, p: usize, ep: usize) -> usize {
        let rest = self.src.get(s..).unwrap_or_default();
        let run = match self.decode(p, ep) {
            Single::Byte(b) => rest.iter().position(|&c| c != b),
            Single::Class(set) => rest.iter().position(|&c| !set_has(set, c)),
            Single::Set(set) => rest.iter().position(|&c| !set_has(&set, c)),
        };
        run.unwrap_or(rest.len())
    }

    /// The single byte item `p..ep` (already checked by `class_end`) as a
    /// byte or a byte set.
    fn decode(&self, p: usize, ep: usize) -> Single {
        match self.p(p) {
            b'.' => Single::Class(&ANY),
            b'%' => Single::Class(&CLASS_SETS[usize::from(self.p(p + 1))]),
            b'[' => Single::Set(self.bracket_set(p, ep - 1)),
            x => Single::Byte(x),
        }
    }

    /// 5.1's `classEnd`: the pattern index just past the item at `p`.
    #[inline(always)]
    fn class_end(&self, p: usize) -> Result<usize, String> {
        match self.p(p) {
            b'%' => {
                if self.p(p + 1) == 0 {
                    return Err("malformed pattern (ends with '%')".to_string());
                }
                Ok(p + 2)
            }
            b'[' => self.set_end(p),
            _ => Ok(p + 1),
        }
    }

    /// [`Matcher::class_end`] for a set `[` at `p`.
    #[inline(never)]
    fn set_end(&self, p: usize) -> Result<usize, String> {
        let mut q = p + 1;
        if self.p(q) == b'^' {
            q += 1;
        }
        // The first byte of the set is never its end: "[]]" is a set
        // holding ']'.
        loop {
            if self.p(q) == 0 {
                return Err("malformed pattern (missing ']')".to_string());
            }
            let c = self.p(q);
            q += 1;
            if c == b'%' && self.p(q) != 0 {
                q += 1;
            }
            if self.p(q) == b']' {
                return Ok(q + 1);
            }
        }
    }

    /// 5.1's `singlematch`: does subject byte `c` match the item `p..ep`?
    #[inline(always)]
    fn single_match(&self, c: u8, p: usize, ep: usize) -> bool {
        match self.p(p) {
            b'.' => true,
            b'%' => match_class(c, self.p(p + 1)),
            b'[' => self.bracket_class(c, p, ep - 1),
            x => x == c,
        }
    }

    /// 5.1's `matchbracketclass` for the set `[` at `p` .. `]` at `ec`.
    #[inline(never)]
    fn bracket_class(&self, c: u8, p: usize, ec: usize) -> bool {
        let mut p = p;
        let mut sig = true;
        if self.p(p + 1) == b'^' {
            sig = false;
            p += 1;
        }
        loop {
            p += 1;
            if p >= ec {
                return !sig;
            }
            if self.p(p) == b'%' {
                p += 1;
                if match_class(c, self.p(p)) {
                    return sig;
                }
            } else if self.p(p + 1) == b'-' && p + 2 < ec {
                p += 2;
                if self.p(p - 2) <= c && c <= self.p(p) {
                    return sig;
                }
            } else if self.p(p) == c {
                return sig;
            }
        }
    }

    /// All the bytes [`Matcher::bracket_class`] accepts, walking the set the
    /// same way once: a byte is in the set when some element matches it
    /// (then negated for `[^`).
    fn bracket_set(&self, p: usize, ec: usize) -> ByteSet {
        let mut set = [0u64; 4];
        let mut p = p;
        let mut negate = false;
        if self.p(p + 1) == b'^' {
            negate = true;
            p += 1;
        }
        loop {
            p += 1;
            if p >= ec {
                break;
            }
            if self.p(p) == b'%' {
                p += 1;
                let class = &CLASS_SETS[usize::from(self.p(p))];
                for (w, c) in set.iter_mut().zip(class) {
                    *w |= c;
                }
            } else if self.p(p + 1) == b'-' && p + 2 < ec {
                p += 2;
                add_range(&mut set, self.p(p - 2), self.p(p));
            } else {
                let c = self.p(p);
                set[usize::from(c >> 6)] |= 1 << (c & 63);
            }
        }
        if negate {
            for w in &mut set {
                *w = !*w;
            }
        }
        set
    }

    /// 5.1's `matchbalance` for `%bxy` with `x` at `p`.
    fn match_balance(&self, s: usize, p: usize) -> Result<Option<usize>, String> {
        let (open, close) = (self.p(p), self.p(p + 1));
        if open == 0 || close == 0 {
            return Err("unbalanced pattern".to_string());
        }
        if self.s(s) != open || s >= self.src.len() {
            return Ok(None);
        }
        let mut depth = 1usize;
        for i in s + 1..self.src.len() {
            let b = self.src[i];
            if b == close {
                depth -= 1;
                if depth == 0 {
                    return Ok(Some(i + 1));
                }
            } else if b == open {
                depth += 1;
            }
        }
        Ok(None)
    }

    /// 5.1's `match_capture` for the back-reference `%d`.
    fn match_capture(&self, s: usize, d: u8) -> Result<Option<usize>, String> {
        let l = usize::from(d).wrapping_sub(usize::from(b'1'));
        let invalid = || "invalid capture index".to_string();
        if l >= self.caps.len() {
            return Err(invalid());
        }
        match self.caps[l].len {
            CAP_UNFINISHED => Err(invalid()),
            // (size_t)CAP_POSITION is huge: never fits.
            CAP_POSITION => Ok(None),
            len => {
                let init = self.caps[l].init;
                let ok = self.src.len() - s >= len && self.src[init..init + len] == self.src[s..s + len];
                Ok(ok.then_some(s + len))
            }
        }
    }
}

// ---------------------------------------------------------------------
// How a tier uses this
// ---------------------------------------------------------------------
//
// Positions: Lua's 1-based `init` (after 5.1's `posrelat`; below 1 becomes
// 1) minus one is the 0-based `init` here; values above the length are
// clamped by these functions. Offsets coming back are 0-based; a Lua start
// position is `start + 1`, a Lua end position is `end`, a position capture
// is `offset + 1`. Turn each `Capture` into a Lua value with
// `capture_bytes`-style slicing (`Span` -> string, `Position` -> number).
// Every `Err(String)` is a Lua error raised with that message (plus the
// usual position prefix).
//
// * `string.find(s, p, init, plain)`: plain -> `find_plain(s, p, init)`
//   (returns start+1, start+len(p)); otherwise `find(s, p, init)` ->
//   `m.start + 1, m.end`, then the values of `captures_only(&m)?`.
// * `string.match(s, p, init)`: `search(s, p, init)` -> values of
//   `captures_or_whole(&m)?`.
// * `string.gmatch(s, p)`: the iterator keeps `pos` (starts at 0); each
//   call does `gmatch_step(s, p, pos)`, stores the returned next position,
//   and returns the values of `captures_or_whole(&m)?`, or nothing at the
//   end.
// * `string.gsub(s, p, repl, n)`: `gsub(s, p, max_n, |m, out| …)` where
//   `max_n` is `n` (default `len + 1`, negative -> 0) and the closure
//   appends: for a string/number `repl`, `expand_replacement(repl, s, m)?`;
//   for a table, the value at key `capture(m, 0)?` (first capture or whole
//   match); for a function, the result of calling it with
//   `captures_or_whole(m)?`; a false/nil result appends `s[m.start..m.end]`;
//   any other non-string/number result raises `invalid replacement value
//   (a <type>)`. It returns the new string and the match count.
