//! Tables: array/hash migration as Lua 5.1 sizes it, rehash on growth,
//! `next` across deletions, the border search, and a model-based proptest.
//!
//! Expected sizes are worked out by hand from 5.1's `rehash` rule: the
//! array part becomes the largest power of two `n` with more than `n/2` of
//! the integer keys `1..=n` present (counting the key being inserted), and
//! the hash part the next power of two of what is left.

use std::collections::HashMap;

use perigee_vm::gc::{Heap, HeapConfig};
use perigee_vm::table::TableError;
use perigee_vm::value::Value;
use proptest::prelude::*;

fn num(n: f64) -> Value {
    Value::from_num(n)
}

fn heap() -> Heap {
    Heap::with_config(HeapConfig::default())
}

fn shape(h: &Heap, t: Value) -> (usize, usize) {
    let t = h.table(t).unwrap();
    (t.array_len(), t.hash_len())
}

#[test]
fn reverse_fill_ends_in_the_array() {
    // 10, 9, ... 1: the keys sit in the hash (sizes 1, 2, 4, 8) until
    // inserting 2 finds 8 full nodes; then 2..=10 are 9 candidates,
    // 9 > 16/2, so the array part becomes 16 and the hash part empty.
    let mut h = heap();
    let t = h.new_table(0, 0).unwrap();
    let mut shapes = vec![];
    for i in (1..=10).rev() {
        h.table_set_int(t, i, num(i as f64)).unwrap();
        shapes.push(shape(&h, t));
    }
    assert_eq!(shapes, [(0, 1), (0, 2), (0, 4), (0, 4), (0, 8), (0, 8), (0, 8), (0, 8), (16, 0), (16, 0)]);
    let tab = h.table(t).unwrap();
    assert_eq!(tab.border(), 10);
    for i in 1..=10 {
        assert_eq!(tab.get_int(i).as_num(), Some(i as f64));
    }
}

#[test]
fn forward_fill_doubles_the_array() {
    let mut h = heap();
    let t = h.new_table(0, 0).unwrap();
    let mut sizes = vec![];
    for i in 1..=9 {
        h.table_set_int(t, i, Value::TRUE).unwrap();
        sizes.push(shape(&h, t));
    }
    assert_eq!(sizes, [(1, 0), (2, 0), (4, 0), (4, 0), (8, 0), (8, 0), (8, 0), (8, 0), (16, 0)]);
}

#[test]
fn sparse_key_stays_in_the_hash() {
    // {1, 2} then t[1000]: 3 candidates; size 4 would hold only 2 (not > 2),
    // so the array stays 2 and 1000 gets a 1-node hash part.
    let mut h = heap();
    let t = h.new_table(0, 0).unwrap();
    for k in [1.0, 2.0, 1000.0] {
        h.table_set(t, num(k), Value::TRUE).unwrap();
    }
    assert_eq!(shape(&h, t), (2, 1));
    assert!(h.table(t).unwrap().get(num(1000.0)).is_truthy());
}

#[test]
fn integer_keys_migrate_from_hash_to_array() {
    // A 4-node hash part takes 1..=4; key 5 finds it full: 5 candidates,
    // 5 > 8/2, so all five move to an array of 8.
    let mut h = heap();
    let t = h.new_table(0, 4).unwrap();
    for i in 1..=4 {
        h.table_set_int(t, i, num(i as f64)).unwrap();
    }
    assert_eq!(shape(&h, t), (0, 4));
    h.table_set_int(t, 5, num(5.0)).unwrap();
    assert_eq!(shape(&h, t), (8, 0));
    assert_eq!(h.table(t).unwrap().border(), 5);
}

#[test]
fn emptied_array_moves_to_the_hash() {
    // Array 16 holding only key 10; a string key needs a node: the one
    // integer key is too sparse for any array, so both go to 2 nodes.
    let mut h = heap();
    let t = h.new_table(16, 0).unwrap();
    h.table_set_int(t, 10, Value::TRUE).unwrap();
    let x = h.intern(b"x").unwrap();
    h.table_set(t, x, Value::FALSE).unwrap();
    assert_eq!(shape(&h, t), (0, 2));
    let tab = h.table(t).unwrap();
    assert!(tab.get_int(10).is_truthy());
    assert_eq!(tab.get(x).as_bool(), Some(false));
}

#[test]
fn string_keys_rehash_by_doubling() {
    let mut h = heap();
    let t = h.new_table(0, 0).unwrap();
    let keys: Vec<Value> = (0..100).map(|i| h.intern(format!("key{i}").as_bytes()).unwrap()).collect();
    let mut sizes = vec![];
    for (i, k) in keys.iter().enumerate() {
        h.table_set(t, *k, num(i as f64)).unwrap();
        let s = shape(&h, t).1;
        if sizes.last() != Some(&s) {
            sizes.push(s);
        }
    }
    assert_eq!(sizes, [1, 2, 4, 8, 16, 32, 64, 128]);
    let tab = h.table(t).unwrap();
    for (i, k) in keys.iter().enumerate() {
        assert_eq!(tab.get(*k).as_num(), Some(i as f64));
        assert_eq!(tab.get_str(*k).as_num(), Some(i as f64));
    }
    assert_eq!(tab.border(), 0);
}

#[test]
fn storing_nil_under_an_absent_key_creates_it() {
    // As in 5.1: `t.b = nil` inserts b (with a nil value), which needs a
    // second node; the rehash counts only live values (a), plus b.
    let mut h = heap();
    let t = h.new_table(0, 0).unwrap();
    let (a, b) = (h.intern(b"a").unwrap(), h.intern(b"b").unwrap());
    h.table_set(t, a, Value::TRUE).unwrap();
    assert_eq!(shape(&h, t), (0, 1));
    h.table_set(t, b, Value::NIL).unwrap();
    assert_eq!(shape(&h, t), (0, 2));
    let tab = h.table(t).unwrap();
    assert!(tab.get(b).is_nil());
    let (k, _) = tab.next(Value::NIL).unwrap().unwrap();
    assert!(k.raw_eq(a));
    assert!(tab.next(a).unwrap().is_none(), "nil-valued keys are skipped");
}

#[test]
fn deleted_keys_keep_their_place_for_next() {
    let mut h = heap();
    let t = h.new_table(0, 0).unwrap();
    let strs: Vec<Value> = (0..30).map(|i| h.intern(format!("s{i}").as_bytes()).unwrap()).collect();
    for i in 1..=20 {
        h.table_set_int(t, i, num(i as f64)).unwrap();
    }
    for s in &strs {
        h.table_set(t, *s, Value::TRUE).unwrap();
    }
    h.table_set(t, num(0.5), Value::TRUE).unwrap();
    // Traverse, deleting every other entry as we go (allowed in Lua).
    let mut seen = vec![];
    let mut key = Value::NIL;
    let mut delete = false;
    while let Some((k, _)) = h.table(t).unwrap().next(key).unwrap() {
        seen.push(k.to_bits());
        if delete {
            h.table_set(t, k, Value::NIL).unwrap();
        }
        delete = !delete;
        key = k;
    }
    assert_eq!(seen.len(), 51, "every entry exactly once");
    let mut uniq = seen.clone();
    uniq.sort_unstable();
    uniq.dedup();
    assert_eq!(uniq.len(), 51);
    // A second traversal sees exactly the survivors, in the same order.
    let mut second = vec![];
    let mut key = Value::NIL;
    while let Some((k, _)) = h.table(t).unwrap().next(key).unwrap() {
        second.push(k.to_bits());
        key = k;
    }
    let survivors: Vec<u64> = seen.iter().step_by(2).copied().collect();
    assert_eq!(second, survivors);
}

#[test]
fn next_rejects_unknown_keys() {
    let mut h = heap();
    let t = h.new_table(0, 0).unwrap();
    h.table_set_int(t, 1, Value::TRUE).unwrap();
    let stranger = h.intern(b"nope").unwrap();
    let tab = h.table(t).unwrap();
    assert_eq!(tab.next(stranger).err(), Some(TableError::InvalidNextKey));
    assert_eq!(TableError::InvalidNextKey.to_string(), "invalid key to 'next'");
    assert!(tab.next(num(1.0)).unwrap().is_none());
}

#[test]
fn border_on_sequences() {
    let mut h = heap();
    for n in 0..=300i64 {
        let fwd = h.new_table(0, 0).unwrap();
        let rev = h.new_table(0, 0).unwrap();
        let pre = h.new_table(n as usize, 0).unwrap();
        for i in 1..=n {
            h.table_set_int(fwd, i, Value::TRUE).unwrap();
            h.table_set_int(rev, n + 1 - i, Value::TRUE).unwrap();
            h.table_set_int(pre, i, Value::TRUE).unwrap();
        }
        for t in [fwd, rev, pre] {
            assert_eq!(h.table(t).unwrap().border(), n as usize, "n = {n}");
        }
    }
}

#[test]
fn border_cases_of_luah_getn() {
    let mut h = heap();
    // Array full, sequence continuing in the hash: unbound search.
    let t = h.new_table(2, 4).unwrap();
    for i in 1..=5 {
        h.table_set_int(t, i, Value::TRUE).unwrap();
    }
    assert_eq!(shape(&h, t), (2, 4));
    assert_eq!(h.table(t).unwrap().border(), 5);
    // Last array slot nil: binary search in the array.
    let t = h.new_table(4, 0).unwrap();
    for i in 1..=3 {
        h.table_set_int(t, i, Value::TRUE).unwrap();
    }
    assert_eq!(h.table(t).unwrap().border(), 3);
    // A hole but the last slot set, no hash part: the array size.
    h.table_set_int(t, 2, Value::NIL).unwrap();
    h.table_set_int(t, 4, Value::TRUE).unwrap();
    assert_eq!(h.table(t).unwrap().border(), 4);
    // Empty.
    let e = h.new_table(0, 0).unwrap();
    assert_eq!(h.table(e).unwrap().border(), 0);
}

#[test]
fn resize_array_keeps_entries() {
    let mut h = heap();
    let t = h.new_table(0, 0).unwrap();
    let s = h.intern(b"s").unwrap();
    h.table_set(t, s, Value::TRUE).unwrap();
    for i in 1..=3 {
        h.table_set_int(t, i, num(i as f64)).unwrap();
    }
    let (tab, budget) = h.table_mut(t).unwrap();
    tab.resize_array(budget, 50).unwrap();
    assert_eq!(tab.array_len(), 50);
    // Shrinking pushes 2 and 3 into a hash part too small for them, which
    // rehashes again on the way; whatever the shape, nothing is lost.
    tab.resize_array(budget, 1).unwrap();
    for i in 1..=3 {
        assert_eq!(tab.get_int(i).as_num(), Some(i as f64));
    }
    assert!(tab.get(s).is_truthy());
}

#[derive(Clone, Debug)]
enum Key {
    Int(i64),
    Float(f64),
    Str(u8),
    Bool(bool),
}

#[derive(Clone, Debug)]
enum Op {
    Set(Key, Option<u32>),
    Collect,
}

fn key_strategy() -> impl Strategy<Value = Key> {
    prop_oneof![
        4 => (-2i64..40).prop_map(Key::Int),
        1 => prop_oneof![Just(-0.0), Just(0.5), Just(1e300), Just(-7.25), Just(3.0)].prop_map(Key::Float),
        2 => (0u8..12).prop_map(Key::Str),
        1 => any::<bool>().prop_map(Key::Bool),
    ]
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        20 => (key_strategy(), proptest::option::weighted(0.8, 0u32..1000)).prop_map(|(k, v)| Op::Set(k, v)),
        1 => Just(Op::Collect),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Random stores (and collections) against a map model: every read,
    /// the traversal and the border agree with the model.
    #[test]
    fn behaves_like_a_map(ops in proptest::collection::vec(op_strategy(), 0..200)) {
        let mut h = heap();
        let t = h.new_table(0, 0).unwrap();
        let strs: Vec<Value> = (0..12).map(|i| h.intern(format!("k{i}").as_bytes()).unwrap()).collect();
        let to_value = |k: &Key| match *k {
            Key::Int(i) => num(i as f64),
            Key::Float(f) => num(f),
            Key::Str(i) => strs[i as usize],
            Key::Bool(b) => Value::from_bool(b),
        };
        // Model keyed by the stored form's bits (-0 is 0).
        let norm = |v: Value| if v.as_num() == Some(0.0) { num(0.0).to_bits() } else { v.to_bits() };
        let mut model: HashMap<u64, u32> = HashMap::new();
        for op in &ops {
            match op {
                Op::Set(k, v) => {
                    let kv = to_value(k);
                    let vv = v.map_or(Value::NIL, |x| num(x as f64));
                    match k {
                        Key::Int(i) => h.table_set_int(t, *i, vv).unwrap(),
                        _ => h.table_set(t, kv, vv).unwrap(),
                    }
                    match v {
                        Some(x) => { model.insert(norm(kv), *x); }
                        None => { model.remove(&norm(kv)); }
                    }
                }
                Op::Collect => {
                    // SAFETY: `t` and the key strings are the only values
                    // used afterwards, all roots.
                    unsafe { h.collect(|m| { m.mark(t); strs.iter().for_each(|s| m.mark(*s)); }) };
                }
            }
            let tab = h.table(t).unwrap();
            for k in (-2..40).map(Key::Int).chain((0..12).map(Key::Str)) {
                let kv = to_value(&k);
                let got = tab.get(kv).as_num().map(|x| x as u32);
                prop_assert_eq!(got, model.get(&norm(kv)).copied(), "key {:?}", k);
            }
        }
        let tab = h.table(t).unwrap();
        let mut walked = HashMap::new();
        let mut key = Value::NIL;
        while let Some((k, v)) = tab.next(key).unwrap() {
            prop_assert!(walked.insert(norm(k), v.as_num().unwrap() as u32).is_none(), "key visited twice");
            key = k;
        }
        prop_assert_eq!(&walked, &model);
        let b = tab.border();
        prop_assert!(b == 0 || !tab.get_int(b as i64).is_nil());
        prop_assert!(tab.get_int(b as i64 + 1).is_nil());
    }
}
