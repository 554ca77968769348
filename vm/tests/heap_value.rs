//! Value encoding: every double round-trips, every NaN stays a NaN, no
//! double ever decodes as anything but a number.

use perigee_vm::value::{Type, Value, CANONICAL_NAN};
use proptest::prelude::*;

fn check_round_trip(bits: u64) {
    let n = f64::from_bits(bits);
    let v = Value::from_num(n);
    assert!(v.is_num(), "{bits:#x} is not a number after boxing");
    assert_eq!(v.type_tag(), Type::Number);
    assert!(v.obj_kind().is_none() && v.as_gc_ptr().is_none() && !v.is_nil() && v.as_bool().is_none());
    assert!(v.is_truthy());
    let back = v.as_num().unwrap();
    if n.is_nan() {
        assert!(back.is_nan());
        assert_eq!(v.to_bits(), CANONICAL_NAN);
    } else {
        assert_eq!(back.to_bits(), bits, "{n:?} changed bits");
        assert!(v.raw_eq(Value::from_num(n)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn any_bit_pattern_round_trips(bits in any::<u64>()) {
        check_round_trip(bits);
    }

    /// Concentrate on the NaN space, where the tags live.
    #[test]
    fn nan_payloads_stay_nan(sign in any::<bool>(), payload in 1u64..(1 << 52)) {
        let bits = ((sign as u64) << 63) | (0x7FFu64 << 52) | payload;
        check_round_trip(bits);
    }

    /// `from_arith` (the interpreter's arithmetic results) always gives a
    /// number: the same bits for every non-NaN, a NaN for every NaN, and
    /// never a pattern that decodes as a tagged value.
    #[test]
    fn from_arith_always_gives_a_number(bits in any::<u64>(), sign in any::<bool>(), payload in 1u64..(1 << 52)) {
        for b in [bits, ((sign as u64) << 63) | (0x7FFu64 << 52) | payload] {
            let x = f64::from_bits(b);
            let v = Value::from_arith(x);
            let n = v.as_num();
            prop_assert!(n.is_some());
            let n = n.unwrap_or(0.0);
            if x.is_nan() {
                prop_assert!(n.is_nan());
            } else {
                prop_assert_eq!(n.to_bits(), b);
            }
        }
    }

    #[test]
    fn raw_eq_on_numbers_is_float_eq(a in any::<f64>(), b in any::<f64>()) {
        prop_assert_eq!(Value::from_num(a).raw_eq(Value::from_num(b)), a == b);
    }
}

#[test]
fn edge_doubles() {
    for n in [0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN, f64::MIN_POSITIVE, f64::EPSILON, 5e-324]
    {
        check_round_trip(n.to_bits());
    }
    for bits in [
        0xFFF8_0000_0000_0000,
        0xFFF8_0000_0000_0001,
        0xFFFF_FFFF_FFFF_FFFF,
        0x7FF0_0000_0000_0001,
        0xFFF0_0000_0000_0001,
    ] {
        check_round_trip(bits);
    }
    let zero = std::hint::black_box(0.0f64);
    check_round_trip((zero / zero).to_bits());
    check_round_trip((f64::INFINITY - f64::INFINITY).to_bits());
    // -0 keeps its sign bit.
    assert_eq!(Value::from_num(-0.0).as_num().unwrap().to_bits(), (-0.0f64).to_bits());
}

#[test]
fn value_is_eight_bytes() {
    assert_eq!(std::mem::size_of::<Value>(), 8);
    assert_eq!(std::mem::size_of::<Option<Value>>(), 16);
}

#[test]
fn nil_false_true() {
    assert_eq!(Value::NIL.type_tag().name(), "nil");
    assert_eq!(Value::from_bool(true).type_tag().name(), "boolean");
    assert!(!Value::NIL.is_truthy() && !Value::FALSE.is_truthy() && Value::TRUE.is_truthy());
    assert!(!Value::NIL.is_num() && !Value::FALSE.is_num() && !Value::TRUE.is_num());
    assert!(!Value::NIL.raw_eq(Value::FALSE) && Value::TRUE.raw_eq(Value::TRUE));
}

/// `Value::from_basic_arith` stores `+ - * /` and negation results with no
/// test, on the grounds that NaNs with a zero payload (all a value holds)
/// only ever produce NaNs with a zero payload, which decode as numbers.
/// This checks that on the machine running the tests: every pair of
/// numbers a value can hold, from the edges of the double range and both
/// NaNs the encoding admits, through the real instructions (`black_box`
/// keeps the compiler from folding them).
#[test]
fn basic_arith_keeps_nans_numbers() {
    use std::hint::black_box;
    let edges = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        3.0,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        -f64::MIN_POSITIVE,
        f64::from_bits(1),
        f64::from_bits(0x8000_0000_0000_0001),
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::from_bits(CANONICAL_NAN),
        f64::from_bits(0xFFF8_0000_0000_0000),
    ];
    let values: Vec<Value> = edges.iter().map(|&x| Value::from_arith(x)).collect();
    for v in &values {
        assert!(v.is_num());
    }
    for &a in &values {
        let x = black_box(f64::from_bits(a.to_bits()));
        assert!(Value::from_basic_arith(black_box(-x)).is_num(), "-{x:?}");
        for &b in &values {
            let y = black_box(f64::from_bits(b.to_bits()));
            for (op, r) in [("+", x + y), ("-", x - y), ("*", x * y), ("/", x / y)] {
                let bits = black_box(r).to_bits();
                assert!(Value::from_arith(r).to_bits() == bits, "{x:?} {op} {y:?} gave {bits:#x}, not a number");
                assert!(Value::from_basic_arith(r).is_num());
            }
        }
    }
}
