//! `string.format` of Lua 5.1 (`str_format` in lstrlib.c, 5.1.5) split into
//! pure parts: a lazy parser over the format bytes and one formatting
//! function per kind of argument.
//!
//! Why lazy: 5.1 walks the format once, and for each directive it first
//! checks that an argument exists, then scans the directive (flags, width,
//! precision: format errors), then checks the argument's type. So an
//! argument error in an earlier directive wins over a format error in a
//! later one, and a missing argument wins over a malformed directive. The
//! parser therefore yields one piece at a time and stops at the first
//! error; every `Err` belongs to a directive that would consume the next
//! argument, so the caller raises `bad argument #n to 'format' (no value)`
//! instead when that argument does not exist (see the end of this file).
//!
//! Why by hand: 5.1 hands each directive to the host C library's `sprintf`;
//! we reproduce what glibc on x86-64 prints, including the quirks that come
//! from C: the double-to-integer casts (undefined in C; we copy what gcc's
//! `cvttsd2si` does), `%c` of 0 and `%s` with an embedded NUL (5.1 copies
//! the result with `strlen`, so output stops at the first NUL byte), and
//! `%s` of a string of 100 bytes or more without precision (kept whole).

pub use super::number::Flags;
use super::number::{self, pad_field};

/// One conversion directive (`%[flags][width][.precision]conv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// The flags; 5.1 allows at most five flag characters, repeats included.
    pub flags: Flags,
    /// Minimum field width (at most two digits in 5.1).
    pub width: Option<u32>,
    /// Precision; `Some(0)` for a bare `.` (at most two digits in 5.1).
    pub precision: Option<u32>,
    /// The conversion: one of `c d i o u x X e E f g G q s`.
    pub conv: u8,
}

/// What kind of argument a directive takes, i.e. which 5.1 check applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// `%c`: `luaL_checknumber`, then [`fmt_char`].
    Char,
    /// `%d %i %o %u %x %X`: `luaL_checknumber`, then [`fmt_integer`].
    Integer,
    /// `%e %E %f %g %G`: `luaL_checknumber`, then [`fmt_float`].
    Float,
    /// `%s`: `luaL_checklstring` (numbers become [`number::fmt_number`]
    /// text), then [`fmt_string`].
    String,
    /// `%q`: `luaL_checklstring`, then [`fmt_quoted`] (flags, width and
    /// precision are ignored).
    Quoted,
}

impl Spec {
    /// Which argument check and formatting function this directive uses.
    pub fn kind(&self) -> ArgKind {
        match self.conv {
            b'c' => ArgKind::Char,
            b'e' | b'E' | b'f' | b'g' | b'G' => ArgKind::Float,
            b's' => ArgKind::String,
            b'q' => ArgKind::Quoted,
            _ => ArgKind::Integer,
        }
    }

    fn width(&self) -> usize {
        self.width.unwrap_or(0) as usize
    }
}

/// A piece of a parsed format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Bytes to copy to the output (`%%` yields a one-byte `%` literal).
    Literal(&'a [u8]),
    /// A directive that consumes the next argument.
    Spec(Spec),
}

/// Lazy parser over the format bytes; see [`parse`].
#[derive(Clone, Debug)]
pub struct Parser<'a> {
    fmt: &'a [u8],
    pos: usize,
    failed: bool,
}

/// Parses `fmt` lazily. Yields literal runs and directives in order; on a
/// malformed directive yields one `Err` with 5.1's message and then ends.
pub fn parse(fmt: &[u8]) -> Parser<'_> {
    Parser { fmt, pos: 0, failed: false }
}

const FLAG_CHARS: &[u8] = b"-+ #0";

impl<'a> Parser<'a> {
    /// The byte at `i`, or NUL past the end (Lua strings are NUL-terminated,
    /// and 5.1 reads that terminator).
    fn at(&self, i: usize) -> u8 {
        self.fmt.get(i).copied().unwrap_or(0)
    }

    /// 5.1's `scanformat` plus the conversion check, for a directive whose
    /// flags start at `self.pos`.
    fn directive(&mut self) -> Result<Spec, String> {
        let start = self.pos;
        let mut p = start;
        let mut flags = Flags::default();
        while self.at(p) != 0 && FLAG_CHARS.contains(&self.at(p)) {
            match self.at(p) {
                b'-' => flags.minus = true,
                b'+' => flags.plus = true,
                b' ' => flags.space = true,
                b'#' => flags.hash = true,
                _ => flags.zero = true,
            }
            p += 1;
        }
        // 5.1: `p - strfrmt >= sizeof(FLAGS)`, i.e. six or more flag bytes.
        if p - start > FLAG_CHARS.len() {
            return Err("invalid format (repeated flags)".to_string());
        }
        let digits = |p: &mut usize| -> Option<u32> {
            let mut v: Option<u32> = None;
            for _ in 0..2 {
                let c = self.at(*p);
                if !c.is_ascii_digit() {
                    break;
                }
                v = Some(v.unwrap_or(0) * 10 + u32::from(c - b'0'));
                *p += 1;
            }
            v
        };
        let width = digits(&mut p);
        let mut precision = None;
        if self.at(p) == b'.' {
            p += 1;
            precision = Some(digits(&mut p).unwrap_or(0));
        }
        if self.at(p).is_ascii_digit() {
            return Err("invalid format (width or precision too long)".to_string());
        }
        let conv = self.at(p);
        self.pos = p + 1;
        if !b"cdiouxXeEfgGqs".contains(&conv) {
            // 5.1 builds the message with luaO_pushfstring's %c, which
            // drops a NUL byte.
            let mut msg = b"invalid option '%".to_vec();
            if conv != 0 {
                msg.push(conv);
            }
            msg.extend_from_slice(b"' to 'format'");
            return Err(String::from_utf8_lossy(&msg).into_owned());
        }
        Ok(Spec { flags, width, precision, conv })
    }
}

impl<'a> Iterator for Parser<'a> {
    type Item = Result<Piece<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.pos >= self.fmt.len() {
            return None;
        }
        let fmt = self.fmt;
        if fmt[self.pos] != b'%' {
            let start = self.pos;
            let end = fmt[start..].iter().position(|&b| b == b'%').map_or(fmt.len(), |i| start + i);
            self.pos = end;
            return Some(Ok(Piece::Literal(&fmt[start..end])));
        }
        if fmt.get(self.pos + 1) == Some(&b'%') {
            self.pos += 2;
            return Some(Ok(Piece::Literal(&fmt[self.pos - 1..self.pos])));
        }
        self.pos += 1;
        match self.directive() {
            Ok(spec) => Some(Ok(Piece::Spec(spec))),
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

impl std::iter::FusedIterator for Parser<'_> {}

/// 5.1 appends `sprintf`'s output with `strlen`: nothing from the first NUL.
fn until_nul(mut v: Vec<u8>) -> Vec<u8> {
    if let Some(i) = v.iter().position(|&b| b == 0) {
        v.truncate(i);
    }
    v
}

/// C's `(long)x` as gcc compiles it on x86-64 (`cvttsd2si`): truncation
/// toward zero, and the "integer indefinite" `i64::MIN` for NaN and for
/// anything outside the `i64` range.
pub fn double_to_long(x: f64) -> i64 {
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if x.is_nan() || !(-TWO63..TWO63).contains(&x) {
        i64::MIN
    } else {
        x as i64
    }
}

/// C's `(unsigned long)x` as gcc compiles it on x86-64: below 2^63 (and for
/// NaN) it is `(long)x` reinterpreted (so `-1` gives `0xffff…ffff` and NaN
/// or anything below -2^63 gives `0x8000…0000`); from 2^63 on it is
/// `(long)(x - 2^63) ^ 0x8000…0000` (so 2^64 and above, and inf, give 0).
pub fn double_to_ulong(x: f64) -> u64 {
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if x >= TWO63 {
        (double_to_long(x - TWO63) as u64) ^ (1 << 63)
    } else {
        double_to_long(x) as u64
    }
}

/// C's `(int)x` on x86-64 (32-bit `cvttsd2si`): `i32::MIN` when out of
/// range or NaN.
fn double_to_int(x: f64) -> i32 {
    if x.is_nan() || !(-2_147_483_648.0..2_147_483_648.0).contains(&x) {
        i32::MIN
    } else {
        x as i32
    }
}

/// `%d %i` (the number cast to C `long`) and `%o %u %x %X` (cast to
/// `unsigned long`), with flags, width and precision as glibc prints them.
/// Out-of-range casts follow [`double_to_long`] / [`double_to_ulong`]. Any
/// other `conv` is treated as `d`.
pub fn fmt_integer(spec: &Spec, x: f64) -> Vec<u8> {
    let f = spec.flags;
    let (sign, mut digits, prefix) = match spec.conv {
        b'o' | b'u' | b'x' | b'X' => {
            let v = double_to_ulong(x);
            let (digits, prefix) = match spec.conv {
                b'o' => (format!("{v:o}"), ""),
                b'u' => (v.to_string(), ""),
                b'x' => (format!("{v:x}"), if f.hash && v != 0 { "0x" } else { "" }),
                _ => (format!("{v:X}"), if f.hash && v != 0 { "0X" } else { "" }),
            };
            ("", digits, prefix)
        }
        _ => {
            let v = double_to_long(x);
            let sign = if v < 0 {
                "-"
            } else if f.plus {
                "+"
            } else if f.space {
                " "
            } else {
                ""
            };
            (sign, v.unsigned_abs().to_string(), "")
        }
    };
    if let Some(p) = spec.precision {
        let p = p as usize;
        if p == 0 && digits == "0" {
            digits.clear();
        }
        if digits.len() < p {
            digits = "0".repeat(p - digits.len()) + &digits;
        }
    }
    if spec.conv == b'o' && f.hash && !digits.starts_with('0') {
        digits.insert(0, '0');
    }
    let zero = f.zero && spec.precision.is_none();
    pad_field(sign, prefix, &digits, f.minus, zero, spec.width()).into_bytes()
}

/// `%c`: the number cast to C `int`, its low byte, padded with spaces to
/// the width; a NUL byte ends the output (5.1 copies with `strlen`), so
/// `%c` of 0 is empty and `%-5c` of 0 too.
pub fn fmt_char(spec: &Spec, x: f64) -> Vec<u8> {
    let b = double_to_int(x) as u8;
    let fill = spec.width().saturating_sub(1);
    let mut out = Vec::with_capacity(fill + 1);
    if spec.flags.minus {
        out.push(b);
        out.resize(fill + 1, b' ');
    } else {
        out.resize(fill, b' ');
        out.push(b);
    }
    until_nul(out)
}

/// `%e %E %f %g %G` with every flag, width and precision, as glibc prints
/// them (see [`number::format_float`]; NaN prints without a sign).
pub fn fmt_float(spec: &Spec, x: f64) -> Vec<u8> {
    number::format_float(x, spec.conv, spec.flags, spec.width(), spec.precision.map(|p| p as usize)).into_bytes()
}

/// `%s`: without a precision, a string of 100 bytes or more is kept whole
/// (embedded NULs included); otherwise the string is read as a C string (up
/// to its first NUL), cut to the precision and padded with spaces to the
/// width (glibc ignores `0` for `%s`).
pub fn fmt_string(spec: &Spec, s: &[u8]) -> Vec<u8> {
    if spec.precision.is_none() && s.len() >= 100 {
        return s.to_vec();
    }
    let mut body = match s.iter().position(|&b| b == 0) {
        Some(i) => &s[..i],
        None => s,
    };
    if let Some(p) = spec.precision {
        body = &body[..body.len().min(p as usize)];
    }
    let fill = spec.width().saturating_sub(body.len());
    let mut out = Vec::with_capacity(body.len() + fill);
    if spec.flags.minus {
        out.extend_from_slice(body);
        out.resize(body.len() + fill, b' ');
    } else {
        out.resize(fill, b' ');
        out.extend_from_slice(body);
    }
    out
}

/// `%q` (5.1's `addquoted`): the string in double quotes with `"` -> `\"`,
/// `\` -> `\\`, newline -> backslash + newline, CR -> `\r`, NUL -> `\000`,
/// every other byte verbatim.
pub fn fmt_quoted(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(b'"');
    for &b in s {
        match b {
            b'"' | b'\\' | b'\n' => {
                out.push(b'\\');
                out.push(b);
            }
            b'\r' => out.extend_from_slice(b"\\r"),
            0 => out.extend_from_slice(b"\\000"),
            _ => out.push(b),
        }
    }
    out.push(b'"');
    out
}

// ---------------------------------------------------------------------
// How a tier uses this
// ---------------------------------------------------------------------
//
// `string.format(fmt, ...)` with arguments numbered from 2 (arg 1 is fmt):
//
// ```text
// let mut out = Vec::new();
// let mut arg = 1;
// for piece in parse(fmt) {
//     match piece {
//         Ok(Piece::Literal(bytes)) => out.extend_from_slice(bytes),
//         Err(msg) => {
//             arg += 1;                         // the directive's argument
//             if arg > nargs { bad argument #arg to 'format' (no value) }
//             raise msg                          // with position info
//         }
//         Ok(Piece::Spec(spec)) => {
//             arg += 1;
//             if arg > nargs { bad argument #arg to 'format' (no value) }
//             match spec.kind() {
//                 ArgKind::Char | ArgKind::Integer | ArgKind::Float => {
//                     // luaL_checknumber: numbers, or strings that
//                     // number::str_to_number accepts; else
//                     // "number expected, got <type>"
//                     let x = ...;
//                     out.extend(match spec.kind() {
//                         ArgKind::Char => fmt_char(&spec, x),
//                         ArgKind::Integer => fmt_integer(&spec, x),
//                         _ => fmt_float(&spec, x),
//                     });
//                 }
//                 ArgKind::String | ArgKind::Quoted => {
//                     // luaL_checklstring: strings, or numbers as
//                     // number::fmt_number text; else
//                     // "string expected, got <type>"
//                     let s = ...;
//                     out.extend(if spec.kind() == ArgKind::String {
//                         fmt_string(&spec, s) } else { fmt_quoted(s) });
//                 }
//             }
//         }
//     }
// }
// ```
