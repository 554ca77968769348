//! The constants generated programs are made of, biased toward what breaks
//! JIT compilers: loop trip counts around the hot-loop threshold, numbers at
//! the edges of int32, of exact doubles and of the double range, and short
//! strings that do and do not convert to numbers.

use arbitrary::{Result, Unstructured};

/// Numbers at the edges: signed zeros, infinities, NaN, int32 and 2^53
/// boundaries, integer-valued floats past int32, tiny and huge doubles.
pub const EDGE_NUMBERS: &[f64] = &[
    0.0,
    -0.0,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    2147483647.0,
    2147483648.0,
    2147483649.0,
    -2147483648.0,
    -2147483649.0,
    4294967296.0,
    4503599627370496.0,
    9007199254740991.0,
    9007199254740992.0,
    9007199254740994.0,
    -9223372036854775808.0,
    9223372036854775808.0,
    0.1,
    0.5,
    -0.5,
    1e308,
    5e-324,
    1e-300,
    123456789012345.0,
    1e15,
    1e16,
    1.2345,
    -1.0,
    255.0,
    65536.0,
    1e100,
    2.5,
];

/// Trip counts: empty, single and double trips, just around a hot-loop
/// threshold of 56, and long loops.
pub const TRIPS: &[u64] = &[0, 1, 2, 3, 5, 10, 55, 56, 57, 60, 64, 100, 200];

pub fn number(u: &mut Unstructured) -> Result<f64> {
    Ok(match u.int_in_range(0..=9)? {
        0..=3 => u.int_in_range(0..=10)? as f64,
        4..=6 => *u.choose(EDGE_NUMBERS)?,
        7 => u.int_in_range(-100..=100)? as f64,
        8 => u.int_in_range(-40..=40)? as f64 / 8.0,
        _ => u.int_in_range(100..=100_000)? as f64,
    })
}

/// A small non-negative integer: string positions, counts.
pub fn small_int(u: &mut Unstructured) -> Result<i64> {
    u.int_in_range(-4..=12)
}

pub const STRINGS: &[&str] = &[
    "",
    "a",
    "ab",
    "abc",
    "hello",
    "world",
    "x-y",
    "abcabc",
    "Lua 5.1",
    "10",
    "3.5",
    " 7 ",
    "0x1F",
    "1e2",
    "-4",
    "a1b22c333",
    "  ",
    "%",
    "nan",
    "inf",
];

/// Strings that convert to numbers (5.1's `lua_str2number`).
pub const NUMERIC_STRINGS: &[&str] = &["10", "3.5", " 7 ", "0x1F", "1e2", "-4", "0", "2147483648", "1e308", ".5"];

pub fn string(u: &mut Unstructured) -> Result<&'static str> {
    u.choose(STRINGS).copied()
}

/// Simple patterns for `find`/`gsub`/`match`: classes, sets, anchors,
/// repetition, one capture.
pub const PATTERNS: &[&str] =
    &["a", "b+", "%d+", "[abc]", "%a+", "l+o", "^h", "o$", "a.-c", "%s", "x?y", "(%d)(%d)", "%w", "[^a]", ".", "(a)"];

pub const REPLACEMENTS: &[&str] = &["X", "", "<%0>", "%1%1", "-"];

/// `string.format` templates with the kinds of their arguments:
/// `n` = finite number (via `N`), `i` = small integer, `s` = string.
pub const FORMATS: &[(&str, &str)] = &[
    ("%d", "i"),
    ("%5.1f", "n"),
    ("%g", "n"),
    ("%.3f|%s", "ns"),
    ("%s=%d", "si"),
    ("%x", "i"),
    ("%q", "s"),
    ("%-6s|", "s"),
    ("%5d", "i"),
    ("%.14g", "n"),
    ("%e", "n"),
    ("%s %s", "ss"),
    ("%c", "c"),
    ("%%%d", "i"),
];
