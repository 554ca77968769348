//! The `math` library of Lua 5.1 (§5.6).
//!
//! Each function is the C library function PUC-Rio's `lmathlib.c` calls,
//! applied to `luaL_checknumber` arguments, so results follow IEEE-754 and
//! C exactly (`floor(-0.0)` is `-0`, `fmod(1, 0)` is NaN, `modf(-3)` gives
//! `-3, -0`). Rust's `f64` methods are the C functions for everything but
//! `frexp`, `ldexp` and `modf`, which are written here from their C
//! definitions (bit manipulation, no libc).
//!
//! `math.random` cannot reproduce the host's `rand()`, and perigee does not
//! want it to: the generator is a splitmix64 kept in `State::rng`, so runs
//! are deterministic per seed on every platform (DESIGN.md). Its argument
//! rules and errors ("interval is empty", "wrong number of arguments") are
//! 5.1's. `math.mod` is 5.1's compatibility alias of `math.fmod`.

use super::{make_lib, num};
use crate::interp::error::LResult;
use crate::interp::value::{TableRef, Value};
use crate::interp::Ctx;

/// 5.1 uses this literal for `math.pi` and for `deg`/`rad`.
const PI: f64 = std::f64::consts::PI;
const RADIANS_PER_DEGREE: f64 = PI / 180.0;

pub fn open() -> TableRef {
    let t = make_lib(&[
        ("abs", |c, a| unary(c, &a, f64::abs)),
        ("ceil", |c, a| unary(c, &a, f64::ceil)),
        ("floor", |c, a| unary(c, &a, f64::floor)),
        ("sqrt", |c, a| unary(c, &a, f64::sqrt)),
        ("sin", |c, a| unary(c, &a, f64::sin)),
        ("cos", |c, a| unary(c, &a, f64::cos)),
        ("tan", |c, a| unary(c, &a, f64::tan)),
        ("asin", |c, a| unary(c, &a, f64::asin)),
        ("acos", |c, a| unary(c, &a, f64::acos)),
        ("atan", |c, a| unary(c, &a, f64::atan)),
        ("sinh", |c, a| unary(c, &a, f64::sinh)),
        ("cosh", |c, a| unary(c, &a, f64::cosh)),
        ("tanh", |c, a| unary(c, &a, f64::tanh)),
        ("exp", |c, a| unary(c, &a, f64::exp)),
        ("log", |c, a| unary(c, &a, f64::ln)),
        ("log10", |c, a| unary(c, &a, f64::log10)),
        ("deg", |c, a| unary(c, &a, |x| x / RADIANS_PER_DEGREE)),
        ("rad", |c, a| unary(c, &a, |x| x * RADIANS_PER_DEGREE)),
        ("atan2", |c, a| binary(c, &a, f64::atan2)),
        ("pow", |c, a| binary(c, &a, f64::powf)),
        ("fmod", |c, a| binary(c, &a, fmod)),
        ("mod", |c, a| binary(c, &a, fmod)),
        ("modf", math_modf),
        ("frexp", math_frexp),
        ("ldexp", math_ldexp),
        ("min", |c, a| min_max(c, &a, |d, best| d < best)),
        ("max", |c, a| min_max(c, &a, |d, best| d > best)),
        ("random", math_random),
        ("randomseed", math_randomseed),
    ]);
    {
        let mut tb = t.0.borrow_mut();
        tb.set(Value::str(b"pi"), num(PI));
        tb.set(Value::str(b"huge"), num(f64::INFINITY));
    }
    t
}

fn unary(ctx: &Ctx, args: &[Value], f: impl Fn(f64) -> f64) -> LResult<Vec<Value>> {
    Ok(vec![num(f(ctx.check_num(args, 0)?))])
}

/// `f(luaL_checknumber(L, 1), luaL_checknumber(L, 2))`: gcc evaluates C
/// call arguments right to left, so argument 2 is checked first.
fn binary(ctx: &Ctx, args: &[Value], f: impl Fn(f64, f64) -> f64) -> LResult<Vec<Value>> {
    let y = ctx.check_num(args, 1)?;
    let x = ctx.check_num(args, 0)?;
    Ok(vec![num(f(x, y))])
}

/// C's `fmod`: the exact remainder with the sign of `x` (Rust's `%` on
/// floats is defined as exactly this).
pub fn fmod(x: f64, y: f64) -> f64 {
    x % y
}

/// C's `modf`: integral part and fractional part, both with `x`'s sign;
/// infinities have fractional part `±0`.
pub fn modf(x: f64) -> (f64, f64) {
    let ip = x.trunc();
    let fp = if x.is_infinite() { 0.0f64.copysign(x) } else { (x - ip).copysign(x) };
    (ip, fp)
}

/// C's `frexp`: `x = m * 2^e` with `0.5 <= |m| < 1`; zero, infinities
/// and NaN come back unchanged with exponent 0.
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let mut bits = x.to_bits();
    let mut exp = ((bits >> 52) & 0x7ff) as i32;
    let mut adjust = 0;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let scaled = x * f64::from_bits(0x4350_0000_0000_0000); // 2^54
        bits = scaled.to_bits();
        exp = ((bits >> 52) & 0x7ff) as i32;
        adjust = -54;
    }
    let e = exp - 1022 + adjust;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022u64 << 52));
    (m, e)
}

/// C's `ldexp` (`scalbn`): `x * 2^n`, correctly rounded, reaching the
/// subnormal range in steps that avoid double rounding.
pub fn ldexp(mut x: f64, mut n: i32) -> f64 {
    let p1023 = f64::from_bits(0x7fe0_0000_0000_0000); // 2^1023
    let pm969 = f64::from_bits(0x0360_0000_0000_0000); // 2^-1022 * 2^53
    if n > 1023 {
        x *= p1023;
        n -= 1023;
        if n > 1023 {
            x *= p1023;
            n -= 1023;
            n = n.min(1023);
        }
    } else if n < -1022 {
        x *= pm969;
        n += 1022 - 53;
        if n < -1022 {
            x *= pm969;
            n += 1022 - 53;
            n = n.max(-1022);
        }
    }
    x * f64::from_bits(((0x3ff + n) as u64) << 52)
}

fn math_modf(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let (ip, fp) = modf(ctx.check_num(&args, 0)?);
    Ok(vec![num(ip), num(fp)])
}

fn math_frexp(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let (m, e) = frexp(ctx.check_num(&args, 0)?);
    Ok(vec![num(m), num(e as f64)])
}

fn math_ldexp(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    // Argument 2 first, as for `binary`.
    let e = ctx.check_int(&args, 1)? as i32;
    let x = ctx.check_num(&args, 0)?;
    Ok(vec![num(ldexp(x, e))])
}

/// `math.min`/`math.max`: the first argument wins ties and NaN
/// comparisons, exactly as 5.1's loop with `<` (or `>`) does.
fn min_max(ctx: &Ctx, args: &[Value], better: fn(f64, f64) -> bool) -> LResult<Vec<Value>> {
    let mut best = ctx.check_num(args, 0)?;
    for i in 1..args.len() {
        let d = ctx.check_num(args, i)?;
        if better(d, best) {
            best = d;
        }
    }
    Ok(vec![num(best)])
}

/// One splitmix64 step.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A uniform number in `[0, 1)` from the run's generator.
fn next_unit(ctx: &Ctx) -> f64 {
    let mut s = ctx.st.rng.get();
    let r = splitmix(&mut s);
    ctx.st.rng.set(s);
    (r >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

fn math_random(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    // 5.1 draws the number before looking at the arguments.
    let r = next_unit(ctx);
    match args.len() {
        0 => Ok(vec![num(r)]),
        1 => {
            let u = ctx.check_int(&args, 0)?;
            if u < 1 {
                return Err(ctx.arg_error(1, "interval is empty"));
            }
            Ok(vec![num((r * u as f64).floor() + 1.0)])
        }
        2 => {
            let l = ctx.check_int(&args, 0)? as i32;
            let u = ctx.check_int(&args, 1)? as i32;
            if l > u {
                return Err(ctx.arg_error(2, "interval is empty"));
            }
            // `u - l + 1` is C `int` arithmetic (wrapping on x86-64).
            let width = u.wrapping_sub(l).wrapping_add(1);
            Ok(vec![num((r * width as f64).floor() + l as f64)])
        }
        _ => Err(ctx.lib_error("wrong number of arguments")),
    }
}

fn math_randomseed(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let seed = ctx.check_int(&args, 0)? as i32;
    let mut s = seed as u32 as u64;
    // Mix once so nearby seeds start far apart.
    let mixed = splitmix(&mut s);
    ctx.st.rng.set(mixed);
    Ok(vec![])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frexp_matches_definition() {
        assert_eq!(frexp(8.0), (0.5, 4));
        assert_eq!(frexp(-8.0), (-0.5, 4));
        assert_eq!(frexp(5e-324), (0.5, -1073));
        assert_eq!(frexp(1.0), (0.5, 1));
        assert_eq!(frexp(0.75), (0.75, 0));
        let (m, e) = frexp(f64::MAX);
        assert_eq!(ldexp(m, e), f64::MAX);
    }

    #[test]
    fn ldexp_rounds_like_c() {
        assert_eq!(ldexp(1.0, 1024), f64::INFINITY);
        assert_eq!(ldexp(1.0, -1075), 0.0);
        assert_eq!(ldexp(0.75, -1074), 5e-324);
        assert_eq!(ldexp(3.0, 2), 12.0);
        assert_eq!(ldexp(1.0, -1074), 5e-324);
        assert_eq!(ldexp(f64::MIN_POSITIVE, 1022), 1.0);
        assert_eq!(ldexp(5e-324, 2000), ldexp(1.0, 2000 - 1074));
    }

    #[test]
    fn modf_signs() {
        let (i, f) = modf(-3.0);
        assert_eq!(i, -3.0);
        assert!(f == 0.0 && f.is_sign_negative());
        let (i, f) = modf(f64::NEG_INFINITY);
        assert_eq!(i, f64::NEG_INFINITY);
        assert!(f == 0.0 && f.is_sign_negative());
        assert_eq!(modf(3.75), (3.0, 0.75));
    }
}
