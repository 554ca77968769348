//! Tests for `spec::number`: unit tests whose expected values were produced
//! by the real `lua5.1` (5.1.5, glibc, x86-64), and property tests against
//! the C library (`libc::snprintf`, `libc::strtod`, `libc::strtoul`).

#![allow(clippy::excessive_precision)] // expected values are lua5.1's %.17g

use perigee_reference::spec::number::{fmt_number, format_float, str_to_number, str_to_number_base, Flags};
use proptest::prelude::*;
use std::ffi::CString;

/// (input literal, `tostring(tonumber(input))` printed by lua5.1)
const TOSTRING: &[(&str, &str)] = &[
    ("0", "0"),
    ("1", "1"),
    ("-1", "-1"),
    ("0.1", "0.1"),
    ("-0.1", "-0.1"),
    ("1e14", "1e+14"),
    ("1e15", "1e+15"),
    ("1e16", "1e+16"),
    ("123456789012345", "1.2345678901234e+14"),
    ("123456789012355", "1.2345678901236e+14"),
    ("12345678901234.5", "12345678901234"),
    ("12345678901235.5", "12345678901236"),
    ("100000000000000", "1e+14"),
    ("99999999999999.5", "1e+14"),
    ("999999999999995", "1e+15"),
    ("0.30000000000000004", "0.3"),
    ("1e-5", "1e-05"),
    ("0.0001", "0.0001"),
    ("0.00012345678901234567", "0.00012345678901235"),
    ("1e100", "1e+100"),
    ("1e308", "1e+308"),
    ("1.7976931348623157e308", "1.7976931348623e+308"),
    ("4.9406564584125e-324", "4.9406564584125e-324"),
    ("2.2250738585072014e-308", "2.2250738585072e-308"),
    ("3.14159265358979", "3.1415926535898"),
    ("2.5", "2.5"),
    ("1e21", "1e+21"),
    ("123.456", "123.456"),
    ("-123.456e-10", "-1.23456e-08"),
    ("9007199254740993", "9.007199254741e+15"),
    ("0.5", "0.5"),
    ("1.5e300", "1.5e+300"),
    ("5e-324", "4.9406564584125e-324"),
    ("1e-320", "9.9998886718268e-321"),
    ("2.675", "2.675"),
    ("1.0000000000000002", "1"),
    ("0.1e-3", "0.0001"),
    ("65536", "65536"),
    ("4294967296", "4294967296"),
    ("9.2233720368547758e18", "9.2233720368548e+18"),
    ("-0.000001", "-1e-06"),
    ("33.3333333333333333", "33.333333333333"),
    ("1e-7", "1e-07"),
    ("7.0e-10", "7e-10"),
    ("12345678901234567890", "1.2345678901235e+19"),
];

#[test]
fn tostring_matches_lua51() {
    for (input, expected) in TOSTRING {
        let x: f64 = input.parse().unwrap();
        assert_eq!(fmt_number(x), *expected, "tostring({input})");
    }
}

#[test]
fn tostring_special_values() {
    // lua5.1 prints -nan for 0/0 on x86; DESIGN.md says every NaN prints nan.
    assert_eq!(fmt_number(f64::NAN), "nan");
    assert_eq!(fmt_number(-f64::NAN), "nan");
    assert_eq!(fmt_number(f64::from_bits(0x7ff0_0000_0000_0001)), "nan");
    assert_eq!(fmt_number(f64::INFINITY), "inf");
    assert_eq!(fmt_number(f64::NEG_INFINITY), "-inf");
    // lua5.1: local z = 0; print(-z) --> -0
    assert_eq!(fmt_number(-0.0), "-0");
    assert_eq!(fmt_number(0.0), "0");
    // lua5.1: print(2^63, 2^-1074)
    assert_eq!(fmt_number(2f64.powi(63)), "9.2233720368548e+18");
    assert_eq!(fmt_number(f64::from_bits(1)), "4.9406564584125e-324");
}

/// (string, `tonumber(string)` as lua5.1 gives it)
const TONUMBER: &[(&[u8], Option<f64>)] = &[
    (b"0", Some(0_f64)),
    (b"  12  ", Some(12_f64)),
    (b"12\x00abc", Some(12_f64)),
    (b"0x10", Some(16_f64)),
    (b"0X1F", Some(31_f64)),
    (b"0x1p4", Some(16_f64)),
    (b"0x1P-2", Some(0.25_f64)),
    (b" 0x ", None),
    (b"0x", None),
    (b"0x.8", Some(0.5_f64)),
    (b"0x.", None),
    (b"0x1p", None),
    (b"0x1p+", None),
    (b"-0x10", Some(-16_f64)),
    (b"+0x10", Some(16_f64)),
    (b"inf", Some(f64::INFINITY)),
    (b"-Infinity", Some(f64::NEG_INFINITY)),
    (b"INFINITY", Some(f64::INFINITY)),
    (b"infin", None),
    (b"nan", Some(f64::NAN)),
    (b"NaN", Some(f64::NAN)),
    (b"nan(abc_1)", Some(f64::NAN)),
    (b"nan(", None),
    (b"nan()", Some(f64::NAN)),
    (b"-nan", Some(f64::NAN)),
    (b"1e", None),
    (b"1e+", None),
    (b"1e+5", Some(100000_f64)),
    (b".5", Some(0.5_f64)),
    (b"5.", Some(5_f64)),
    (b".", None),
    (b"-.5e1", Some(-5_f64)),
    (b"+5", Some(5_f64)),
    (b"++5", None),
    (b"- 5", None),
    (b"1 2", None),
    (b"\x09\x0a\x0b\x0c\x0d7\x09\x0a\x0b\x0c\x0d", Some(7_f64)),
    (b"1.5x", None),
    (b"1x", None),
    (b"0x1x", None),
    (b"", None),
    (b"  ", None),
    (b"e5", None),
    (b"1e400", Some(f64::INFINITY)),
    (b"-1e400", Some(f64::NEG_INFINITY)),
    (b"1e-400", Some(0_f64)),
    (b"4.9406564584124654e-324", Some(4.9406564584124654e-324_f64)),
    (b"2.4703282292062327e-324", Some(0_f64)),
    (b"2.4703282292062328e-324", Some(4.9406564584124654e-324_f64)),
    (b"0.1", Some(0.10000000000000001_f64)),
    (b"123456789012345678901234567890", Some(1.2345678901234568e+29_f64)),
    (b"0x123456789abcdef0123", Some(5.3730036427316852e+21_f64)),
    (b"0x1.fffffffffffff8p1023", Some(f64::INFINITY)),
    (b"0x1.fffffffffffff7p1023", Some(1.7976931348623157e+308_f64)),
    (b"0x0.00000000000008p-1022", Some(0_f64)),
    (b"0x1p-1075", Some(0_f64)),
    (b"0x1.0000000000001p-1074", Some(4.9406564584124654e-324_f64)),
    (b"0x1.8p-1074", Some(9.8813129168249309e-324_f64)),
    (b"0x3p-1075", Some(9.8813129168249309e-324_f64)),
    (b"9007199254740993", Some(9007199254740992_f64)),
    (b"9007199254740993.0000000000001", Some(9007199254740994_f64)),
    (b"1e-0", Some(1_f64)),
    (b"1E2", Some(100_f64)),
    (b"1e+0002", Some(100_f64)),
    (b"00012", Some(12_f64)),
    (b"0.000000000000000000000000000000000000000001e40", Some(0.01_f64)),
    (b"1_000", None),
    (b"0b101", None),
    (b"1,5", None),
    (b"1e5.5", None),
    (b"0xffffffffffffffffffff", Some(1.2089258196146292e+24_f64)),
    (b"0x.0000000000000000000000001p100", Some(1_f64)),
];

/// (string, base, `tonumber(string, base)` as lua5.1 gives it)
const TONUMBER_BASE: &[(&[u8], u32, Option<f64>)] = &[
    (b"ff", 16, Some(255_f64)),
    (b"0xff", 16, Some(255_f64)),
    (b"0XfF", 16, Some(255_f64)),
    (b"-1", 16, Some(1.8446744073709552e+19_f64)),
    (b"-ff", 16, Some(1.8446744073709552e+19_f64)),
    (b"ffffffffffffffffffff", 16, Some(1.8446744073709552e+19_f64)),
    (b"-ffffffffffffffffffff", 16, Some(1.8446744073709552e+19_f64)),
    (b" 11 ", 2, Some(3_f64)),
    (b"0x", 16, None),
    (b"0x ", 16, None),
    (b"z", 36, Some(35_f64)),
    (b"Z", 36, Some(35_f64)),
    (b"-  1", 16, None),
    (b"+7", 8, Some(7_f64)),
    (b"8", 8, None),
    (b"", 10, None),
    (b"  ", 7, None),
    (b"1\x002", 10, Some(1_f64)),
    (b"12", 3, Some(5_f64)),
    (b"102", 2, None),
    (b"0x10", 17, None),
    (b"zz", 35, None),
    (b"ffffffffffffffff", 16, Some(1.8446744073709552e+19_f64)),
    (b"7fffffffffffffff", 16, Some(9.2233720368547758e+18_f64)),
    (b"1111111111111111111111111111111111111111111111111111111111111111", 2, Some(1.8446744073709552e+19_f64)),
    (b"-1", 10, Some(-1_f64)),
    (b"10000000000000000", 16, Some(1.8446744073709552e+19_f64)),
    (b"\x0910\x0a", 36, Some(36_f64)),
    (b"-0", 2, Some(0_f64)),
];

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits(),
        _ => false,
    }
}

#[test]
fn tonumber_matches_lua51() {
    for (input, expected) in TONUMBER {
        let got = str_to_number(input);
        assert!(
            same(got, *expected),
            "tonumber({:?}) = {got:?}, lua5.1 says {expected:?}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn tonumber_base_matches_lua51() {
    for (input, base, expected) in TONUMBER_BASE {
        let got = str_to_number_base(input, *base);
        assert!(
            same(got, *expected),
            "tonumber({:?}, {base}) = {got:?}, lua5.1 says {expected:?}",
            String::from_utf8_lossy(input)
        );
    }
    assert_eq!(str_to_number_base(b"1", 1), None);
    assert_eq!(str_to_number_base(b"1", 37), None);
}

#[test]
fn negative_zero_parses_negative() {
    // lua5.1: print(tonumber("-0")) --> -0
    assert!(str_to_number(b"-0").unwrap().is_sign_negative());
    assert!(str_to_number(b"-0x0").unwrap().is_sign_negative());
}

// ---------------------------------------------------------------------
// Property tests against the C library.
// ---------------------------------------------------------------------

fn c_format(fmt: &str, x: f64) -> String {
    let cfmt = CString::new(fmt).unwrap();
    let mut buf = vec![0u8; 1024];
    // SAFETY: the buffer is large enough for any %e/%f/%g with width and
    // precision below 100 (at most ~420 bytes), and snprintf is bounded by
    // its length anyway; the format has exactly one double directive.
    let n = unsafe { libc::snprintf(buf.as_mut_ptr().cast(), buf.len(), cfmt.as_ptr(), x) };
    assert!(n >= 0 && (n as usize) < buf.len());
    buf.truncate(n as usize);
    String::from_utf8(buf).unwrap()
}

fn c_tostring(x: f64) -> String {
    let s = c_format("%.14g", x);
    if x.is_nan() {
        "nan".to_string()
    } else {
        s
    }
}

fn pow10(k: i32) -> f64 {
    format!("1e{k}").parse().unwrap()
}

/// Doubles that stress `%.14g`: arbitrary bit patterns, integers, powers of
/// ten and their neighbours, exact decimal ties at the 15th digit,
/// subnormals, and values near the top and bottom of the range.
fn interesting_double() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => any::<u64>().prop_map(f64::from_bits),
        1 => any::<i64>().prop_map(|i| i as f64),
        2 => (-1_000_000_000_000_000i64..1_000_000_000_000_000).prop_map(|i| i as f64),
        1 => (-330i32..310).prop_map(pow10),
        1 => ((-330i32..310), -3i64..=3).prop_map(|(k, d)| f64::from_bits((pow10(k).to_bits() as i64 + d) as u64)),
        // 15-digit integers ending in 5: exact ties for 14 significant digits.
        2 => (10_000_000_000_000i64..100_000_000_000_000).prop_map(|n| (n * 10 + 5) as f64),
        // n + 0.5, n + 0.25, ... with 13-14 integer digits: ties too.
        2 => (1_000_000_000_000i64..100_000_000_000_000, 0u32..4).prop_map(|(n, q)| n as f64 + f64::from(q) * 0.25 + 0.125),
        // small dyadic fractions: exact decimal expansions ending in 5.
        2 => (any::<i32>(), 1i32..60).prop_map(|(n, k)| f64::from(n) / 2f64.powi(k)),
        1 => (1u64..(1 << 52)).prop_map(f64::from_bits),
        1 => (0u64..(1 << 52), 0x7f0u64..0x7ff).prop_map(|(m, e)| f64::from_bits(m | (e << 52))),
        1 => (0u64..(1 << 52), 1u64..0x10).prop_map(|(m, e)| f64::from_bits(m | (e << 52))),
        1 => (any::<u32>(), -60i32..60).prop_map(|(m, k)| f64::from(m) * pow10(k)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100_000, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn fmt_number_is_snprintf_14g(x in interesting_double()) {
        prop_assert_eq!(fmt_number(x), c_tostring(x));
    }
}

/// glibc's `%#g` when rounding carries into the next power of ten (found
/// by `format_float_is_snprintf`; lua5.1 prints the same).
#[test]
fn hash_g_carry_matches_glibc() {
    for (x, prec, want) in [
        (999999.9999999999, 6, "1.e+06"),
        (999.96, 3, "1.e+03"),
        (999999.5, 6, "1.e+06"),
        (9.6, 1, "1.e+01"),
        (999.96, 4, "1000."),
        (9999995.0, 6, "1.00000e+07"),
    ] {
        let f = Flags { hash: true, ..Flags::default() };
        assert_eq!(format_float(x, b'g', f, 0, Some(prec)), want, "%#.{prec}g of {x}");
        assert_eq!(c_format(&format!("%#.{prec}g"), x), want, "libc %#.{prec}g of {x}");
    }
}

fn conv_strategy() -> impl Strategy<Value = u8> {
    prop::sample::select(vec![b'e', b'E', b'f', b'g', b'G'])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 30_000, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn format_float_is_snprintf(
        x in prop_oneof![4 => interesting_double(), 1 => (-1000i32..1000).prop_map(|i| f64::from(i) / 8.0)],
        flags in (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        width in prop::option::of(0usize..100),
        precision in prop::option::of(0usize..100),
        conv in conv_strategy(),
    ) {
        // Our values do not keep a NaN's sign; C would print -nan.
        let x = if x.is_nan() { f64::NAN } else { x };
        let f = Flags { minus: flags.0, plus: flags.1, space: flags.2, hash: flags.3, zero: flags.4 };
        let mut fmt = String::from("%");
        for (on, c) in [(f.minus, '-'), (f.plus, '+'), (f.space, ' '), (f.hash, '#'), (f.zero, '0')] {
            if on { fmt.push(c); }
        }
        if let Some(w) = width { fmt.push_str(&w.to_string()); }
        if let Some(p) = precision { fmt.push('.'); fmt.push_str(&p.to_string()); }
        fmt.push(char::from(conv));
        prop_assert_eq!(format_float(x, conv, f, width.unwrap_or(0), precision), c_format(&fmt, x), "format {}", fmt);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, failure_persistence: None, ..ProptestConfig::default() })]
    /// What 5.1 guarantees: `%.14g` loses nothing for a number that is the
    /// nearest double to a decimal of at most 14 significant digits in the
    /// normal range (|exponent| <= 300 here), because 14 < DBL_DIG = 15:
    /// printing rounds back to that decimal and reading it gives the same
    /// double. (Not true in general: 0.1 + 0.2 prints 0.3.)
    #[test]
    fn short_decimals_round_trip(m in -99_999_999_999_999i64..=99_999_999_999_999, k in -300i32..=286) {
        let x = str_to_number(format!("{m}e{k}").as_bytes()).unwrap();
        let back = str_to_number(fmt_number(x).as_bytes());
        prop_assert_eq!(back.map(f64::to_bits), Some(x.to_bits()));
    }

    /// Integers below 1e14 in magnitude print exactly and come back.
    #[test]
    fn integers_round_trip(i in -99_999_999_999_999i64..=99_999_999_999_999) {
        let x = i as f64;
        prop_assert_eq!(fmt_number(x), i.to_string());
        prop_assert_eq!(str_to_number(fmt_number(x).as_bytes()), Some(x));
    }
}

/// luaO_str2d written with the C library, as lua5.1 does it.
fn c_str2d(s: &str) -> Option<f64> {
    let c = CString::new(s).unwrap();
    let start = c.as_ptr();
    let mut end: *mut libc::c_char = std::ptr::null_mut();
    // SAFETY: `c` is a valid NUL-terminated string that outlives the calls;
    // strtod/strtoul only read it and set `end` to point into it.
    unsafe {
        let mut v = libc::strtod(start, &mut end);
        if end.cast_const() == start {
            return None;
        }
        if *end == b'x' as libc::c_char || *end == b'X' as libc::c_char {
            v = libc::strtoul(start, &mut end, 16) as f64;
        }
        while libc::isspace(libc::c_int::from(*end as u8)) != 0 {
            end = end.add(1);
        }
        (*end == 0).then_some(v)
    }
}

fn c_strtoul_lua(s: &str, base: i32) -> Option<f64> {
    let c = CString::new(s).unwrap();
    let start = c.as_ptr();
    let mut end: *mut libc::c_char = std::ptr::null_mut();
    // SAFETY: as in `c_str2d`.
    unsafe {
        let v = libc::strtoul(start, &mut end, base);
        if end.cast_const() == start {
            return None;
        }
        while libc::isspace(libc::c_int::from(*end as u8)) != 0 {
            end = end.add(1);
        }
        (*end == 0).then_some(v as f64)
    }
}

const NUMERIC_LOOKING: &str = "[ \\t\\n\\x0b]{0,2}[-+]{0,2}([0-9]{0,25}\\.?[0-9]{0,25}([eE][-+]?[0-9]{0,4})?|0[xX][0-9a-fA-F]{0,20}\\.?[0-9a-fA-F]{0,20}([pP][-+]?[0-9]{0,5})?|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN](\\([a-z0-9_]{0,3}\\)?)?|[0-9]{1,3}[xX.eEpP][0-9a-f]{0,3})[ \\tx]{0,2}";

proptest! {
    #![proptest_config(ProptestConfig { cases: 30_000, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn str_to_number_is_strtod(s in NUMERIC_LOOKING) {
        let ours = str_to_number(s.as_bytes());
        let theirs = c_str2d(&s);
        prop_assert!(same(ours, theirs), "{:?}: ours {:?}, C {:?}", s, ours, theirs);
    }

    #[test]
    fn str_to_number_base_is_strtoul(s in "[ \\t]{0,2}[-+]?(0[xX])?[0-9a-zA-Z]{0,20}[ \\t.]{0,2}", base in 2u32..=36) {
        prop_assume!(base != 10);
        let ours = str_to_number_base(s.as_bytes(), base);
        let theirs = c_strtoul_lua(&s, base as i32);
        prop_assert!(same(ours, theirs), "{:?} base {}: ours {:?}, C {:?}", s, base, ours, theirs);
    }

    #[test]
    fn str_to_number_never_panics(s in prop::collection::vec(any::<u8>(), 0..40), base in 0u32..40) {
        let _ = str_to_number(&s);
        let _ = str_to_number_base(&s, base);
    }
}
