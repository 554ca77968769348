//! The `math` library of Lua 5.1 (§5.6): the C functions lmathlib.c calls,
//! on `luaL_checknumber` arguments. The pure helpers C has and Rust lacks
//! (`fmod`, `modf`, `frexp`, `ldexp`) are the reference tier's; so is the
//! generator behind `math.random` (splitmix64, deterministic per seed,
//! same start state), so both tiers draw the same numbers.

use crate::func::{Args, Rets};
use crate::interp::{LResult, Vm};
use crate::rets;
use crate::value::Value;
use perigee_reference::interp::lib::math::{fmod, frexp, ldexp, modf};

const PI: f64 = std::f64::consts::PI;
const RADIANS_PER_DEGREE: f64 = PI / 180.0;

/// The generator's state before any `math.randomseed` (the reference
/// tier's).
pub const RNG_START: u64 = 0x2545_f491_4f6c_dd1d;

pub fn open(vm: &mut Vm) -> LResult<()> {
    let t = vm.make_lib(
        "math",
        &[
            ("abs", |vm, a| unary(vm, &a, f64::abs)),
            ("ceil", |vm, a| unary(vm, &a, f64::ceil)),
            ("floor", |vm, a| unary(vm, &a, f64::floor)),
            ("sqrt", |vm, a| unary(vm, &a, f64::sqrt)),
            ("sin", |vm, a| unary(vm, &a, f64::sin)),
            ("cos", |vm, a| unary(vm, &a, f64::cos)),
            ("tan", |vm, a| unary(vm, &a, f64::tan)),
            ("asin", |vm, a| unary(vm, &a, f64::asin)),
            ("acos", |vm, a| unary(vm, &a, f64::acos)),
            ("atan", |vm, a| unary(vm, &a, f64::atan)),
            ("sinh", |vm, a| unary(vm, &a, f64::sinh)),
            ("cosh", |vm, a| unary(vm, &a, f64::cosh)),
            ("tanh", |vm, a| unary(vm, &a, f64::tanh)),
            ("exp", |vm, a| unary(vm, &a, f64::exp)),
            ("log", |vm, a| unary(vm, &a, f64::ln)),
            ("log10", |vm, a| unary(vm, &a, f64::log10)),
            ("deg", |vm, a| unary(vm, &a, |x| x / RADIANS_PER_DEGREE)),
            ("rad", |vm, a| unary(vm, &a, |x| x * RADIANS_PER_DEGREE)),
            ("atan2", |vm, a| binary(vm, &a, f64::atan2)),
            ("pow", |vm, a| binary(vm, &a, f64::powf)),
            ("fmod", |vm, a| binary(vm, &a, fmod)),
            ("mod", |vm, a| binary(vm, &a, fmod)),
            ("modf", math_modf),
            ("frexp", math_frexp),
            ("ldexp", math_ldexp),
            ("min", |vm, a| min_max(vm, &a, |d, best| d < best)),
            ("max", |vm, a| min_max(vm, &a, |d, best| d > best)),
            ("random", math_random),
            ("randomseed", math_randomseed),
        ],
    )?;
    let k = vm.intern(b"pi")?;
    vm.raw_set(t, k, num(PI))?;
    let k = vm.intern(b"huge")?;
    vm.raw_set(t, k, num(f64::INFINITY))
}

fn num(n: f64) -> Value {
    Value::from_num(n)
}

fn unary(vm: &mut Vm, args: &[Value], f: impl Fn(f64) -> f64) -> LResult<Rets> {
    Ok(rets![num(f(vm.check_num(args, 0)?))])
}

/// gcc evaluates C call arguments right to left: argument 2 is checked
/// first.
fn binary(vm: &mut Vm, args: &[Value], f: impl Fn(f64, f64) -> f64) -> LResult<Rets> {
    let y = vm.check_num(args, 1)?;
    let x = vm.check_num(args, 0)?;
    Ok(rets![num(f(x, y))])
}

fn math_modf(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let (ip, fp) = modf(vm.check_num(&args, 0)?);
    Ok(rets![num(ip), num(fp)])
}

fn math_frexp(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let (m, e) = frexp(vm.check_num(&args, 0)?);
    Ok(rets![num(m), num(e as f64)])
}

fn math_ldexp(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let e = vm.check_int(&args, 1)? as i32;
    let x = vm.check_num(&args, 0)?;
    Ok(rets![num(ldexp(x, e))])
}

/// The first argument wins ties and NaN comparisons, as 5.1's loop.
fn min_max(vm: &mut Vm, args: &[Value], better: fn(f64, f64) -> bool) -> LResult<Rets> {
    let mut best = vm.check_num(args, 0)?;
    for i in 1..args.len() {
        let d = vm.check_num(args, i)?;
        if better(d, best) {
            best = d;
        }
    }
    Ok(rets![num(best)])
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn next_unit(vm: &mut Vm) -> f64 {
    let r = splitmix(&mut vm.rng);
    (r >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

fn math_random(vm: &mut Vm, args: Args) -> LResult<Rets> {
    // 5.1 draws the number before looking at the arguments.
    let r = next_unit(vm);
    match args.len() {
        0 => Ok(rets![num(r)]),
        1 => {
            let u = vm.check_int(&args, 0)?;
            if u < 1 {
                return Err(vm.arg_error(1, "interval is empty"));
            }
            Ok(rets![num((r * u as f64).floor() + 1.0)])
        }
        2 => {
            let l = vm.check_int(&args, 0)? as i32;
            let u = vm.check_int(&args, 1)? as i32;
            if l > u {
                return Err(vm.arg_error(2, "interval is empty"));
            }
            let width = u.wrapping_sub(l).wrapping_add(1);
            Ok(rets![num((r * width as f64).floor() + l as f64)])
        }
        _ => Err(vm.lib_error(b"wrong number of arguments")),
    }
}

fn math_randomseed(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let seed = vm.check_int(&args, 0)? as i32;
    let mut s = seed as u32 as u64;
    vm.rng = splitmix(&mut s);
    Ok(rets![])
}
