//! Interning: one object per byte string, weakly held.

use perigee_vm::gc::{AllocError, Heap, HeapConfig};
use perigee_vm::value::Type;

fn heap() -> Heap {
    Heap::with_config(HeapConfig::default())
}

#[test]
fn same_bytes_same_pointer() {
    let mut h = heap();
    let a = h.intern(b"function").unwrap();
    let owned = String::from("func") + "tion";
    let b = h.intern(owned.as_bytes()).unwrap();
    assert_eq!(a.to_bits(), b.to_bits());
    assert!(a.raw_eq(b));
    assert_eq!(a.type_tag(), Type::String);
    assert_ne!(h.intern(b"Function").unwrap().to_bits(), a.to_bits());
    assert_eq!(h.interned_count(), 2);
    assert_eq!(h.object_count(), 2);
}

#[test]
fn bytes_and_hash() {
    let mut h = heap();
    let long = vec![b'x'; 10_000];
    let s = h.intern(&long).unwrap();
    assert_eq!(h.str_bytes(s).unwrap(), &long[..]);
    assert_eq!(h.str_hash(s), Some(perigee_vm::string::hash_bytes(&long)));
    let all: Vec<u8> = (0..=255).collect();
    let b = h.intern(&all).unwrap();
    assert_eq!(h.str_bytes(b).unwrap(), &all[..]);
}

#[test]
fn unreferenced_strings_are_collected_and_reinterned() {
    let mut h = heap();
    let kept: Vec<_> = (0..50).map(|i| h.intern(format!("kept{i}").as_bytes()).unwrap()).collect();
    for i in 0..1000 {
        h.intern(format!("temp{i}").as_bytes()).unwrap();
    }
    let before = h.bytes();
    // SAFETY: only the kept strings are used afterwards, and they are roots.
    let stats = unsafe { h.collect(|m| kept.iter().for_each(|v| m.mark(*v))) };
    assert_eq!(stats.objects_freed, 1000);
    assert!(h.bytes() < before, "{} !< {before}", h.bytes());
    assert_eq!(h.interned_count(), 50);
    for (i, v) in kept.iter().enumerate() {
        assert_eq!(h.intern(format!("kept{i}").as_bytes()).unwrap().to_bits(), v.to_bits());
        assert_eq!(h.str_bytes(*v).unwrap(), format!("kept{i}").as_bytes());
    }
    // A collected string can be made again, and is interned again.
    let t1 = h.intern(b"temp5").unwrap();
    let t2 = h.intern(b"temp5").unwrap();
    assert_eq!(t1.to_bits(), t2.to_bits());
    assert_eq!(h.interned_count(), 51);
}

#[test]
fn memory_cap_stops_a_huge_string() {
    let mut h = Heap::with_config(HeapConfig { memory_limit: Some(64 * 1024), ..HeapConfig::default() });
    let small = h.intern(b"small").unwrap();
    let before = (h.bytes(), h.object_count());
    assert_eq!(h.intern(&vec![0u8; 100_000]).err(), Some(AllocError::LimitReached));
    assert_eq!((h.bytes(), h.object_count()), before);
    assert_eq!(h.str_bytes(small), Some(&b"small"[..]));
}
