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
    src[init..].windows(needle.len()).position(|w| w == needle).map(|i| init + i)
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
    let mut pos = init.min(src.len());
    loop {
        if let Some(m) = match_at(src, pat, pos)? {
            return Ok(Some(m));
        }
        if anchored || pos >= src.len() {
            return Ok(None);
        }
        pos += 1;
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
    if pos > src.len() {
        return Ok(None);
    }
    let mut m =
        Matcher { src, pat: c_pattern(pat), level: 0, caps: [Cap { init: 0, len: CapLen::Unfinished }; MAX_CAPTURES] };
    Ok(m.run(pos)?.map(|end| Match {
        start: pos,
        end,
        captures: m.caps[..m.level]
            .iter()
            .map(|c| match c.len {
                CapLen::Len(l) => Capture::Span { start: c.init, end: c.init + l },
                CapLen::Position => Capture::Position(c.init),
                CapLen::Unfinished => Capture::Unfinished { start: c.init },
            })
            .collect(),
    }))
}

/// One step of `string.gmatch` (5.1's `gmatch_aux`): tries positions
/// `pos..=len` with [`match_at`] (a leading `^` is literal) and returns the
/// match and the position the next step starts from (one past an empty
/// match). Lua values: [`captures_or_whole`].
pub fn gmatch_step(src: &[u8], pat: &[u8], pos: usize) -> Result<Option<(Match, usize)>, String> {
    let mut p = pos;
    while p <= src.len() {
        if let Some(m) = match_at(src, pat, p)? {
            let next = if m.end == p { m.end + 1 } else { m.end };
            return Ok(Some((m, next)));
        }
        p += 1;
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
    let mut out = Vec::with_capacity(src.len());
    let mut pos = 0;
    let mut n = 0;
    while n < max_n {
        let m = match_at(src, pat, pos)?;
        let end = m.as_ref().map(|m| m.end);
        if let Some(m) = m {
            n += 1;
            replace(&m, &mut out)?;
        }
        match end {
            Some(e) if e > pos => pos = e,
            _ if pos < src.len() => {
                out.push(src[pos]);
                pos += 1;
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

#[derive(Clone, Copy, Debug)]
enum CapLen {
    Unfinished,
    Position,
    Len(usize),
}

#[derive(Clone, Copy, Debug)]
struct Cap {
    init: usize,
    len: CapLen,
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

struct Matcher<'a> {
    src: &'a [u8],
    pat: &'a [u8],
    level: usize,
    caps: [Cap; MAX_CAPTURES],
}

/// Where one step of the matching loop leads.
enum Step {
    /// Continue matching at (s, p).
    Go(usize, usize),
    /// The current attempt succeeded at subject offset `s`.
    Success(usize),
    /// The current attempt failed: backtrack.
    Fail,
}

impl Matcher<'_> {
    /// Pattern byte at `i`, NUL past the end (the C terminator).
    fn p(&self, i: usize) -> u8 {
        self.pat.get(i).copied().unwrap_or(0)
    }

    /// Subject byte at `i`, NUL past the end (the C terminator).
    fn s(&self, i: usize) -> u8 {
        self.src.get(i).copied().unwrap_or(0)
    }

    /// 5.1's `match(ms, s, p)`: the end of the match or `None`.
    fn run(&mut self, s: usize) -> Result<Option<usize>, String> {
        let mut stack: Vec<Frame> = Vec::new();
        let (mut s, mut p) = (s, 0usize);
        loop {
            match self.step(s, p, &mut stack)? {
                Step::Go(ns, np) => {
                    s = ns;
                    p = np;
                }
                // Success returns through every pending frame unchanged.
                Step::Success(e) => return Ok(Some(e)),
                Step::Fail => match self.backtrack(&mut stack) {
                    Some((ns, np)) => {
                        s = ns;
                        p = np;
                    }
                    None => return Ok(None),
                },
            }
        }
    }

    /// Pops frames, undoing captures, until one offers another way on.
    fn backtrack(&mut self, stack: &mut Vec<Frame>) -> Option<(usize, usize)> {
        while let Some(frame) = stack.pop() {
            match frame {
                Frame::OpenedCapture => self.level -= 1,
                Frame::ClosedCapture(l) => self.caps[l].len = CapLen::Unfinished,
                Frame::Optional { s, ep } => return Some((s, ep + 1)),
                Frame::Greedy { s, ep, i } => {
                    if i > 0 {
                        stack.push(Frame::Greedy { s, ep, i: i - 1 });
                        return Some((s + i - 1, ep + 1));
                    }
                }
                Frame::Lazy { s, p, ep } => {
                    if s < self.src.len() && self.single_match(self.src[s], p, ep) {
                        stack.push(Frame::Lazy { s: s + 1, p, ep });
                        return Some((s + 1, ep + 1));
                    }
                }
            }
        }
        None
    }

    /// One step of 5.1's `match` at subject `s`, pattern `p`.
    fn step(&mut self, s: usize, p: usize, stack: &mut Vec<Frame>) -> Result<Step, String> {
        match self.p(p) {
            0 => Ok(Step::Success(s)),
            b'(' => {
                if self.level >= MAX_CAPTURES {
                    return Err("too many captures".to_string());
                }
                let (len, np) =
                    if self.p(p + 1) == b')' { (CapLen::Position, p + 2) } else { (CapLen::Unfinished, p + 1) };
                self.caps[self.level] = Cap { init: s, len };
                self.level += 1;
                stack.push(Frame::OpenedCapture);
                Ok(Step::Go(s, np))
            }
            b')' => {
                let l = (0..self.level)
                    .rev()
                    .find(|&l| matches!(self.caps[l].len, CapLen::Unfinished))
                    .ok_or_else(|| "invalid pattern capture".to_string())?;
                self.caps[l].len = CapLen::Len(s - self.caps[l].init);
                stack.push(Frame::ClosedCapture(l));
                Ok(Step::Go(s, p + 1))
            }
            b'$' if self.p(p + 1) == 0 => Ok(if s == self.src.len() { Step::Success(s) } else { Step::Fail }),
            b'%' if self.p(p + 1) == b'b' => Ok(match self.match_balance(s, p + 2)? {
                Some(ns) => Step::Go(ns, p + 4),
                None => Step::Fail,
            }),
            b'%' if self.p(p + 1) == b'f' => {
                let p = p + 2;
                if self.p(p) != b'[' {
                    return Err("missing '[' after '%f' in pattern".to_string());
                }
                let ep = self.class_end(p)?;
                let prev = if s == 0 { 0 } else { self.s(s - 1) };
                if self.bracket_class(prev, p, ep - 1) || !self.bracket_class(self.s(s), p, ep - 1) {
                    Ok(Step::Fail)
                } else {
                    Ok(Step::Go(s, ep))
                }
            }
            b'%' if self.p(p + 1).is_ascii_digit() => Ok(match self.match_capture(s, self.p(p + 1))? {
                Some(ns) => Step::Go(ns, p + 2),
                None => Step::Fail,
            }),
            _ => {
                let ep = self.class_end(p)?;
                let m = s < self.src.len() && self.single_match(self.src[s], p, ep);
                match self.p(ep) {
                    b'?' => {
                        if m {
                            stack.push(Frame::Optional { s, ep });
                            Ok(Step::Go(s + 1, ep + 1))
                        } else {
                            Ok(Step::Go(s, ep + 1))
                        }
                    }
                    b'*' => Ok(self.greedy(s, p, ep, stack)),
                    b'+' => Ok(if m { self.greedy(s + 1, p, ep, stack) } else { Step::Fail }),
                    b'-' => {
                        stack.push(Frame::Lazy { s, p, ep });
                        Ok(Step::Go(s, ep + 1))
                    }
                    _ => Ok(if m { Step::Go(s + 1, ep) } else { Step::Fail }),
                }
            }
        }
    }

    /// 5.1's `max_expand`: take as many items as possible, then back off.
    fn greedy(&self, s: usize, p: usize, ep: usize, stack: &mut Vec<Frame>) -> Step {
        let mut i = 0;
        while s + i < self.src.len() && self.single_match(self.src[s + i], p, ep) {
            i += 1;
        }
        stack.push(Frame::Greedy { s, ep, i });
        Step::Go(s + i, ep + 1)
    }

    /// 5.1's `classEnd`: the pattern index just past the item at `p`.
    fn class_end(&self, p: usize) -> Result<usize, String> {
        match self.p(p) {
            b'%' => {
                if self.p(p + 1) == 0 {
                    return Err("malformed pattern (ends with '%')".to_string());
                }
                Ok(p + 2)
            }
            b'[' => {
                let mut q = p + 1;
                if self.p(q) == b'^' {
                    q += 1;
                }
                // The first byte of the set is never its end: "[]]" is a
                // set holding ']'.
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
            _ => Ok(p + 1),
        }
    }

    /// 5.1's `singlematch`: does subject byte `c` match the item `p..ep`?
    fn single_match(&self, c: u8, p: usize, ep: usize) -> bool {
        match self.p(p) {
            b'.' => true,
            b'%' => match_class(c, self.p(p + 1)),
            b'[' => self.bracket_class(c, p, ep - 1),
            x => x == c,
        }
    }

    /// 5.1's `matchbracketclass` for the set `[` at `p` .. `]` at `ec`.
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
        if l >= self.level {
            return Err(invalid());
        }
        match self.caps[l].len {
            CapLen::Unfinished => Err(invalid()),
            // (size_t)CAP_POSITION is huge: never fits.
            CapLen::Position => Ok(None),
            CapLen::Len(len) => {
                let init = self.caps[l].init;
                let ok = self.src.len() - s >= len && self.src[init..init + len] == self.src[s..s + len];
                Ok(ok.then_some(s + len))
            }
        }
    }
}

/// 5.1's `match_class`: `%` + `cl` against byte `c`, C-locale ctype.
fn match_class(c: u8, cl: u8) -> bool {
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
