//! Numbers to text and text to numbers, exactly as Lua 5.1 does it on
//! glibc / x86-64.
//!
//! * [`fmt_number`] is `tostring` of a number: C's `"%.14g"` (Lua 5.1's
//!   `LUA_NUMBER_FMT`), except that every NaN prints `nan` (see
//!   `DESIGN.md`: x86 C would print `-nan` for `0/0`).
//! * [`format_float`] is the general `%e`/`%E`/`%f`/`%F`/`%g`/`%G`
//!   formatter behind it, with every printf flag, width and precision; it is
//!   also what `string.format` uses (see `format.rs`).
//! * [`str_to_number`] is `luaO_str2d` (used by `tonumber`, string
//!   coercion and the lexer): glibc `strtod` syntax, the `strtoul(…, 16)`
//!   fallback, trailing whitespace only.
//! * [`str_to_number_base`] is `tonumber(s, base)`: glibc `strtoul`.
//!
//! Why written by hand instead of calling libc: every tier must print the
//! same bytes on every host, and a C library's `printf` differs between
//! platforms (and would need `unsafe`). The formatter therefore works from
//! the *exact* decimal expansion of the double (a small base-10^9 bignum;
//! any double has at most 767 significant decimal digits) and rounds it
//! to the requested digit count with round-half-to-even on that exact value,
//! which is what glibc does in the default rounding mode. That makes exact
//! ties come out like glibc (`123456789012345` -> `1.2345678901234e+14`).
//! Rust's `{:.*e}` would also give exact digits, but its tie rule is an
//! implementation detail of `core`, so we do not depend on it.
//!
//! Parsing validates the syntax by hand (glibc accepts more than Rust's
//! `str::parse`: `inf`/`infinity`/`nan(chars)` in any case, hex floats,
//! leading whitespace) and then hands a normalised decimal string to
//! `str::parse::<f64>`, which is correctly rounded. Hex floats are rounded
//! here with round-half-to-even on the exact bits.

/// printf flags (`-`, `+`, space, `#`, `0`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// `-`: left-justify within the width.
    pub minus: bool,
    /// `+`: always print a sign for signed conversions.
    pub plus: bool,
    /// ` `: print a space where a `+` sign would go.
    pub space: bool,
    /// `#`: alternate form.
    pub hash: bool,
    /// `0`: pad with zeros after the sign/prefix.
    pub zero: bool,
}

/// `tostring` of a Lua 5.1 number: C's `"%.14g"`, with every NaN printed
/// as `nan` (any sign or payload), `inf`, `-inf`, and `-0` for negative zero.
pub fn fmt_number(x: f64) -> String {
    let mut out = Vec::new();
    write_number(&mut out, x);
    // `write_number` writes ASCII only.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends `fmt_number(x)` to `out`. Integers below 10^14 in magnitude
/// (what most concatenated and printed numbers are) take a short path:
/// `%.14g` prints them as their plain digits, which the test
/// `integer_path_matches_format_float` checks against `format_float`.
pub fn write_number(out: &mut Vec<u8>, x: f64) {
    if x.is_nan() {
        out.extend_from_slice(b"nan");
        return;
    }
    if x.fract() == 0.0 && x.abs() < 1e14 && !(x == 0.0 && x.is_sign_negative()) {
        let mut n = x.abs() as u64;
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if x < 0.0 {
            out.push(b'-');
        }
        out.extend_from_slice(&digits[at..]);
        return;
    }
    out.extend_from_slice(format_float(x, b'g', Flags::default(), 0, Some(14)).as_bytes());
}

/// C's `printf` of one double with conversion `conv` (`e E f F g G`; any
/// other byte is treated as `g`), the given flags, minimum field `width` and
/// `precision` (`None` = no precision given, i.e. 6), exactly as glibc prints
/// it in the default rounding mode — except that NaN ignores its sign bit
/// and prints as `nan`/`NAN` (with a `+`/space if those flags ask for one),
/// because our values do not keep the sign of a NaN (see `DESIGN.md`).
pub fn format_float(x: f64, conv: u8, flags: Flags, width: usize, precision: Option<usize>) -> String {
    let upper = matches!(conv, b'E' | b'F' | b'G');
    let negative = x.is_sign_negative() && !x.is_nan();
    let sign = if negative {
        "-"
    } else if flags.plus {
        "+"
    } else if flags.space {
        " "
    } else {
        ""
    };
    if !x.is_finite() {
        let body = match (x.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        };
        // glibc never zero-pads inf/nan.
        return pad_field(sign, "", body, flags.minus, false, width);
    }
    let dec = Decimal::exact(x.abs());
    let body = match conv {
        b'e' | b'E' => fmt_e(&dec, precision.unwrap_or(6), flags.hash, upper),
        b'f' | b'F' => fmt_f(&dec, precision.unwrap_or(6), flags.hash),
        _ => fmt_g(&dec, precision.unwrap_or(6), flags.hash, upper),
    };
    pad_field(sign, "", &body, flags.minus, flags.zero, width)
}

/// Lays out one printf field: `sign`, then `prefix` (e.g. `0x`), then
/// `body`, padded to `width` with spaces on the left (default), spaces on
/// the right (`left`), or zeros between prefix and body (`zero`, ignored
/// when `left`).
pub(crate) fn pad_field(sign: &str, prefix: &str, body: &str, left: bool, zero: bool, width: usize) -> String {
    let len = sign.len() + prefix.len() + body.len();
    let fill = width.saturating_sub(len);
    let mut out = String::with_capacity(len + fill);
    if left {
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(body);
        out.push_str(&" ".repeat(fill));
    } else if zero {
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(&"0".repeat(fill));
        out.push_str(body);
    } else {
        out.push_str(&" ".repeat(fill));
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(body);
    }
    out
}

/// `%e` body (no sign) with `prec` digits after the point.
fn fmt_e(dec: &Decimal, prec: usize, hash: bool, upper: bool) -> String {
    let d = dec.round_significant(prec.saturating_add(1));
    let exp = if d.digits.is_empty() { 0 } else { d.point - 1 };
    let mut out = String::with_capacity(prec + 8);
    out.push(char::from(b'0' + d.digit(0)));
    if prec > 0 || hash {
        out.push('.');
    }
    for i in 1..=prec {
        out.push(char::from(b'0' + d.digit(i)));
    }
    push_exponent(&mut out, exp, upper);
    out
}

fn push_exponent(out: &mut String, exp: i64, upper: bool) {
    out.push(if upper { 'E' } else { 'e' });
    out.push(if exp < 0 { '-' } else { '+' });
    let a = exp.unsigned_abs();
    if a < 10 {
        out.push('0');
    }
    out.push_str(&a.to_string());
}

/// `%f` body (no sign) with `prec` digits after the point.
fn fmt_f(dec: &Decimal, prec: usize, hash: bool) -> String {
    let d = dec.round_fraction(prec);
    let mut out = String::new();
    if d.point <= 0 {
        out.push('0');
    } else {
        for i in 0..d.point as usize {
            out.push(char::from(b'0' + d.digit(i)));
        }
    }
    if prec > 0 || hash {
        out.push('.');
    }
    for k in 0..prec {
        // Digit k after the point is at index point + k.
        let idx = d.point + k as i64;
        out.push(char::from(b'0' + if idx < 0 { 0 } else { d.digit(idx as usize) }));
    }
    out
}

/// `%g` body (no sign): `%e` or `%f` by the C rule, trailing zeros removed
/// unless `#`.
fn fmt_g(dec: &Decimal, prec: usize, hash: bool, upper: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    let r = dec.round_significant(p);
    let x = if r.digits.is_empty() { 0 } else { r.point - 1 };
    let x0 = if dec.digits.is_empty() { 0 } else { dec.point - 1 };
    let mut s = if (p as i64) > x && x >= -4 {
        fmt_f(dec, (p as i64 - 1 - x) as usize, hash)
    } else if hash && (p as i64) > x0 && x0 >= -4 {
        // glibc (and so lua5.1): when rounding carries the value into the
        // next power of ten and so into `%e` style, it keeps the fraction
        // digit count `%f` style had chosen from the unrounded exponent,
        // which is none: `%#g` of 999999.9999999999 is "1.e+06", not the
        // standard's "1.00000e+06". Only visible with `#`.
        fmt_e(dec, (p as i64 - 1 - x0).max(0) as usize, hash, upper)
    } else {
        fmt_e(dec, p - 1, hash, upper)
    };
    if !hash {
        strip_fraction_zeros(&mut s);
    }
    s
}

/// Removes trailing zeros of the fraction (and then a bare `.`), leaving any
/// exponent part in place.
fn strip_fraction_zeros(s: &mut String) {
    let Some(dot) = s.find('.') else { return };
    let exp_at = s.find(['e', 'E']).unwrap_or(s.len());
    let mut end = exp_at;
    while end > dot + 1 && s.as_bytes()[end - 1] == b'0' {
        end -= 1;
    }
    if end == dot + 1 {
        end = dot;
    }
    let tail = s[exp_at..].to_string();
    s.truncate(end);
    s.push_str(&tail);
}

/// A non-negative decimal `0.d1 d2 d3 … × 10^point`, digits 0..=9 without
/// trailing zeros; zero is no digits.
#[derive(Clone, Debug)]
struct Decimal {
    digits: Vec<u8>,
    point: i64,
}

impl Decimal {
    /// The exact decimal expansion of a finite, non-negative double.
    fn exact(x: f64) -> Decimal {
        let bits = x.to_bits();
        let exp_field = ((bits >> 52) & 0x7ff) as i64;
        let frac = bits & ((1u64 << 52) - 1);
        let (mut m, mut e) = if exp_field == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp_field - 1075) };
        if m == 0 {
            return Decimal { digits: Vec::new(), point: 0 };
        }
        let tz = m.trailing_zeros();
        m >>= tz;
        e += i64::from(tz);
        // value = m * 2^e
        let mut big = Big::from_u64(m);
        let shift10 = if e >= 0 {
            big.mul_pow2(e as u32);
            0
        } else {
            // m / 2^k = m * 5^k / 10^k
            big.mul_pow5((-e) as u32);
            -e
        };
        let mut digits = big.to_digits();
        let point = digits.len() as i64 - shift10;
        while digits.last() == Some(&0) {
            digits.pop();
        }
        Decimal { digits, point }
    }

    fn digit(&self, i: usize) -> u8 {
        self.digits.get(i).copied().unwrap_or(0)
    }

    /// Rounded (half to even) to at most `n` significant digits.
    fn round_significant(&self, n: usize) -> Decimal {
        self.round_keep(n as i64)
    }

    /// Rounded (half to even) to `f` digits after the decimal point.
    fn round_fraction(&self, f: usize) -> Decimal {
        self.round_keep(self.point.saturating_add(f as i64))
    }

    /// Keeps the first `keep` digits (may be <= 0), rounding half to even on
    /// the exact value.
    fn round_keep(&self, keep: i64) -> Decimal {
        let len = self.digits.len() as i64;
        if keep >= len {
            return self.clone();
        }
        if keep < 0 {
            return Decimal { digits: Vec::new(), point: 0 };
        }
        let k = keep as usize;
        let first = self.digits[k];
        let rest_nonzero = self.digits[k + 1..].iter().any(|&d| d != 0);
        let last_kept_odd = k > 0 && self.digits[k - 1] % 2 == 1;
        let up = first > 5 || (first == 5 && (rest_nonzero || last_kept_odd));
        let mut digits = self.digits[..k].to_vec();
        let mut point = self.point;
        if up {
            let mut i = k;
            loop {
                if i == 0 {
                    digits.clear();
                    digits.push(1);
                    point += 1;
                    break;
                }
                i -= 1;
                if digits[i] == 9 {
                    digits.pop();
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
        while digits.last() == Some(&0) {
            digits.pop();
        }
        if digits.is_empty() {
            point = 0;
        }
        Decimal { digits, point }
    }
}

/// Unsigned bignum in base 10^9, little-endian limbs.
struct Big {
    limbs: Vec<u32>,
}

const LIMB: u64 = 1_000_000_000;

impl Big {
    fn from_u64(mut v: u64) -> Big {
        let mut limbs = Vec::with_capacity(4);
        while v > 0 {
            limbs.push((v % LIMB) as u32);
            v /= LIMB;
        }
        Big { limbs }
    }

    fn mul_small(&mut self, f: u32) {
        let mut carry = 0u64;
        for l in self.limbs.iter_mut() {
            let t = u64::from(*l) * u64::from(f) + carry;
            *l = (t % LIMB) as u32;
            carry = t / LIMB;
        }
        while carry > 0 {
            self.limbs.push((carry % LIMB) as u32);
            carry /= LIMB;
        }
    }

    fn mul_pow2(&mut self, mut k: u32) {
        while k >= 31 {
            self.mul_small(1 << 31);
            k -= 31;
        }
        if k > 0 {
            self.mul_small(1 << k);
        }
    }

    fn mul_pow5(&mut self, mut k: u32) {
        const P13: u32 = 1_220_703_125; // 5^13
        while k >= 13 {
            self.mul_small(P13);
            k -= 13;
        }
        if k > 0 {
            self.mul_small(5u32.pow(k));
        }
    }

    /// Decimal digits (values 0..=9), most significant first, no leading
    /// zeros; empty for zero.
    fn to_digits(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.limbs.len() * 9);
        for (i, &l) in self.limbs.iter().rev().enumerate() {
            let mut buf = [0u8; 9];
            let mut v = l;
            for b in buf.iter_mut().rev() {
                *b = (v % 10) as u8;
                v /= 10;
            }
            if i == 0 {
                let skip = buf.iter().take_while(|&&d| d == 0).count();
                out.extend_from_slice(&buf[skip..]);
            } else {
                out.extend_from_slice(&buf);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------

/// C's `isspace` in the C locale.
pub(crate) fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The part of `s` a C function sees: up to the first NUL byte.
fn c_str(s: &[u8]) -> &[u8] {
    match s.iter().position(|&b| b == 0) {
        Some(i) => &s[..i],
        None => s,
    }
}

/// Lua 5.1's `luaO_str2d` on glibc: `strtod`, then (if it stopped at an
/// `x`/`X`) `strtoul(s, 16)`, then only trailing whitespace may follow.
/// The string is a C string: it ends at the first NUL byte. `None` when the
/// string is not a number.
pub fn str_to_number(s: &[u8]) -> Option<f64> {
    let s = c_str(s);
    let (mut value, mut end) = strtod(s)?;
    if matches!(s.get(end), Some(b'x' | b'X')) {
        let (v, e) = strtoul(s, 16);
        value = v as f64;
        end = e;
    }
    only_space_after(s, end).then_some(value)
}

/// `tonumber(s, base)` of Lua 5.1 for `2 <= base <= 36` (the caller checks
/// the range and raises `base out of range`; here a base outside 2..=36
/// gives `None`). Base 10 is [`str_to_number`], as in 5.1's
/// `luaB_tonumber`. Any other base is glibc `strtoul`: leading whitespace,
/// optional sign (`-` negates in unsigned 64-bit arithmetic), optional `0x`
/// for base 16, overflow gives `u64::MAX`; at least one digit, then only
/// trailing whitespace; the `unsigned long` is converted to a double.
pub fn str_to_number_base(s: &[u8], base: u32) -> Option<f64> {
    if !(2..=36).contains(&base) {
        return None;
    }
    if base == 10 {
        return str_to_number(s);
    }
    let s = c_str(s);
    let (v, end) = strtoul(s, base);
    if end == 0 {
        return None; // no digits: glibc leaves endptr at the start
    }
    only_space_after(s, end).then_some(v as f64)
}

fn only_space_after(s: &[u8], end: usize) -> bool {
    s[end.min(s.len())..].iter().all(|&b| is_c_space(b))
}

fn skip_space(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    i
}

fn starts_with_ci(s: &[u8], i: usize, word: &[u8]) -> bool {
    s.len() >= i + word.len() && s[i..i + word.len()].eq_ignore_ascii_case(word)
}

/// glibc `strtoul(s, &end, base)` (2 <= base <= 36) on a NUL-free slice:
/// returns the value and the end index; the end is 0 when nothing was
/// converted (glibc's endptr = nptr), or just past the `0` of a `0x` prefix
/// that has no digits after it.
fn strtoul(s: &[u8], base: u32) -> (u64, usize) {
    let mut i = skip_space(s, 0);
    let mut negative = false;
    if i < s.len() && (s[i] == b'-' || s[i] == b'+') {
        negative = s[i] == b'-';
        i += 1;
    }
    let mut prefixed = false;
    if base == 16 && s.get(i) == Some(&b'0') && matches!(s.get(i + 1), Some(b'x' | b'X')) {
        i += 2;
        prefixed = true;
    }
    let start = i;
    let mut value: u64 = 0;
    let mut overflow = false;
    while let Some(d) = s.get(i).and_then(|&c| char::from(c).to_digit(36)).filter(|&d| d < base) {
        match value.checked_mul(u64::from(base)).and_then(|v| v.checked_add(u64::from(d))) {
            Some(v) => value = v,
            None => overflow = true,
        }
        i += 1;
    }
    if i == start {
        return (0, if prefixed { start - 1 } else { 0 });
    }
    if overflow {
        (u64::MAX, i)
    } else if negative {
        (value.wrapping_neg(), i)
    } else {
        (value, i)
    }
}

/// glibc `strtod` on a NUL-free slice: the value and the end index, or
/// `None` when no conversion could be performed.
fn strtod(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = skip_space(s, 0);
    let mut negative = false;
    if i < s.len() && (s[i] == b'-' || s[i] == b'+') {
        negative = s[i] == b'-';
        i += 1;
    }
    let apply_sign = |v: f64| if negative { -v } else { v };
    if starts_with_ci(s, i, b"inf") {
        let end = if starts_with_ci(s, i, b"infinity") { i + 8 } else { i + 3 };
        return Some((apply_sign(f64::INFINITY), end));
    }
    if starts_with_ci(s, i, b"nan") {
        let mut end = i + 3;
        if s.get(end) == Some(&b'(') {
            let mut j = end + 1;
            while j < s.len() && (s[j].is_ascii_alphanumeric() || s[j] == b'_') {
                j += 1;
            }
            if s.get(j) == Some(&b')') {
                end = j + 1;
            }
        }
        return Some((apply_sign(f64::NAN), end));
    }
    if s.get(i) == Some(&b'0') && matches!(s.get(i + 1), Some(b'x' | b'X')) {
        if let Some((v, end)) = parse_hex_float(s, i + 2) {
            return Some((apply_sign(v), end));
        }
        // "0x" without hex digits: glibc converts the "0" and stops at 'x'.
        return Some((apply_sign(0.0), i + 1));
    }
    let (v, end) = parse_decimal(s, i)?;
    Some((apply_sign(v), end))
}

/// Decimal floating constant at `s[i..]` (no sign): digits, optional point
/// and digits (at least one digit overall), optional exponent with at least
/// one digit.
fn parse_decimal(s: &[u8], start: usize) -> Option<(f64, usize)> {
    let mut i = start;
    let mut text = String::new();
    let mut ndigits = 0usize;
    while i < s.len() && s[i].is_ascii_digit() {
        text.push(char::from(s[i]));
        ndigits += 1;
        i += 1;
    }
    if s.get(i) == Some(&b'.') {
        text.push('.');
        i += 1;
        while i < s.len() && s[i].is_ascii_digit() {
            text.push(char::from(s[i]));
            ndigits += 1;
            i += 1;
        }
    }
    if ndigits == 0 {
        return None;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        let mut exp_neg = false;
        if j < s.len() && (s[j] == b'-' || s[j] == b'+') {
            exp_neg = s[j] == b'-';
            j += 1;
        }
        if j < s.len() && s[j].is_ascii_digit() {
            let mut exp: i64 = 0;
            while j < s.len() && s[j].is_ascii_digit() {
                // Saturate: beyond this every double over/underflows anyway,
                // whatever the mantissa's length.
                exp = (exp * 10 + i64::from(s[j] - b'0')).min(1_000_000_000_000);
                j += 1;
            }
            let exp = if exp_neg { -exp } else { exp };
            // Fold an enormous exponent into something Rust parses, keeping
            // the result: a mantissa of n digits can shift the value by at
            // most n decimal places.
            let bound = 400 + text.len() as i64;
            let exp = exp.clamp(-bound - 400, bound + 400);
            text.push('e');
            text.push_str(&exp.to_string());
            i = j;
        }
    }
    let v = text.parse::<f64>().unwrap_or(0.0);
    Some((v, i))
}

/// Hex floating constant after the `0x` at `s[i..]`: hex digits, optional
/// point and hex digits (at least one overall), optional `p` exponent with
/// at least one decimal digit. Rounded half to even on the exact value.
fn parse_hex_float(s: &[u8], start: usize) -> Option<(f64, usize)> {
    let mut i = start;
    let mut mant: u64 = 0;
    let mut sticky = false;
    let mut exp: i64 = 0;
    let mut ndigits = 0usize;
    let mut seen_point = false;
    loop {
        match s.get(i) {
            Some(&c) if c.is_ascii_hexdigit() => {
                let d = u64::from(char::from(c).to_digit(16).unwrap_or(0));
                ndigits += 1;
                if mant >> 60 == 0 {
                    mant = (mant << 4) | d;
                    if seen_point {
                        exp -= 4;
                    }
                } else {
                    sticky |= d != 0;
                    if !seen_point {
                        exp += 4;
                    }
                }
            }
            Some(b'.') if !seen_point => seen_point = true,
            _ => break,
        }
        i += 1;
    }
    if ndigits == 0 {
        return None;
    }
    if matches!(s.get(i), Some(b'p' | b'P')) {
        let mut j = i + 1;
        let mut exp_neg = false;
        if j < s.len() && (s[j] == b'-' || s[j] == b'+') {
            exp_neg = s[j] == b'-';
            j += 1;
        }
        if j < s.len() && s[j].is_ascii_digit() {
            let mut e: i64 = 0;
            while j < s.len() && s[j].is_ascii_digit() {
                e = (e * 10 + i64::from(s[j] - b'0')).min(1_000_000_000_000);
                j += 1;
            }
            exp = exp.saturating_add(if exp_neg { -e } else { e });
            i = j;
        }
    }
    Some((round_binary(mant, sticky, exp), i))
}

/// The double nearest to `(mant + (sticky ? tiny : 0)) * 2^exp`, ties to even.
fn round_binary(mant: u64, sticky: bool, exp: i64) -> f64 {
    if mant == 0 {
        return 0.0;
    }
    let bits = 64 - i64::from(mant.leading_zeros());
    let msb_exp = exp.saturating_add(bits - 1);
    if msb_exp > 1023 {
        return f64::INFINITY;
    }
    // Exponent of the last kept bit.
    let lsb = (msb_exp - 52).max(-1074);
    let shift = lsb - exp;
    let q: u64 = if shift <= 0 {
        mant << (-shift) // at most 53 bits: exact
    } else if shift > 64 {
        0 // far below half of the smallest subnormal
    } else {
        let m = u128::from(mant);
        let q = m >> shift;
        let rem = m - (q << shift);
        let half = 1u128 << (shift - 1);
        let up = rem > half || (rem == half && (sticky || q & 1 == 1));
        (q + u128::from(up)) as u64
    };
    if q == 0 {
        return 0.0;
    }
    // q * 2^lsb is exactly representable (or overflows to inf): scale in
    // two exact steps.
    let (a, b) = if lsb < -1000 { (-1000, lsb + 1000) } else { (lsb, 0) };
    (q as f64) * pow2(a) * pow2(b)
}

/// 2^k for -1022 <= k <= 1023 (clamped otherwise).
fn pow2(k: i64) -> f64 {
    let k = k.clamp(-1022, 1023);
    f64::from_bits(((k + 1023) as u64) << 52)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `write_number`'s integer path prints what `%.14g` prints.
    #[test]
    fn integer_path_matches_format_float() {
        let slow = |x: f64| format_float(x, b'g', Flags::default(), 0, Some(14));
        let mut cases =
            vec![0.0, -0.0, 1.0, -1.0, 9.0, 10.0, 99999999999999.0, -99999999999999.0, 1e13, 1e14, -1e14, 1e15];
        let mut r: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            let m = (r % 100_000_000_000_000) as f64;
            cases.extend([m, -m, (r % 1000) as f64, m + 0.5]);
        }
        for x in cases {
            let mut out = Vec::new();
            write_number(&mut out, x);
            assert_eq!(String::from_utf8(out).unwrap(), slow(x), "{x:?}");
        }
    }
}
