//! Interned strings: one allocation per string, bytes inline.
//!
//! Lua strings are immutable byte strings compared far more often than
//! built, so every distinct byte string exists once ([`Heap::intern`]):
//! equality is pointer equality, and a table looks a string key up by
//! address and the hash stored in the string, never by reading its bytes.
//!
//! A string is a single allocation, as PUC-Rio's `TString`:
//!
//! ```text
//! +-----------+----------+---------+----------------------+
//! | GcHeader  | hash u32 | len     | bytes[len]           |
//! +-----------+----------+---------+----------------------+
//! ```
//!
//! The intern table is an open-addressing (linear probing) set of string
//! pointers, at most half full. It is weak: [`Heap::collect`] drops the
//! strings that were not marked before it sweeps them, rebuilding the set
//! (a collection visits every object anyway, so a rebuild costs nothing
//! extra and needs no tombstones). Its slot array is charged to the heap's
//! byte count like any other buffer.
//!
//! The hash is computed over all bytes, 8 at a time (a multiply-rotate mix
//! in the spirit of FxHash), and is deterministic across runs, so table
//! iteration order does not vary between runs of one program.

use std::alloc::Layout;
use std::ptr::NonNull;

use crate::gc::{AllocError, Budget, GcHeader, Heap, Marker, VTable};
use crate::value::{ObjKind, Value};

/// The fixed part of a string object; the bytes follow it.
#[repr(C)]
pub(crate) struct StrHead {
    header: GcHeader,
    hash: u32,
    len: usize,
}

const HEAD_SIZE: usize = std::mem::size_of::<StrHead>();

static STRING_VTABLE: VTable =
    VTable { kind: ObjKind::String, trace: trace_string, size: size_string, free: free_string };

unsafe fn trace_string(_: NonNull<GcHeader>, _: &mut Marker) {}

fn layout_for(len: usize) -> Result<Layout, AllocError> {
    let size = HEAD_SIZE.checked_add(len).ok_or(AllocError::TooLarge)?;
    Layout::from_size_align(size, std::mem::align_of::<StrHead>())
        .map(|l| l.pad_to_align())
        .map_err(|_| AllocError::TooLarge)
}

unsafe fn size_string(h: NonNull<GcHeader>) -> usize {
    // SAFETY: `h` is a live string (caller).
    let len = unsafe { (*h.as_ptr().cast::<StrHead>()).len };
    // The layout was valid when the string was made, so this cannot fail.
    layout_for(len).map_or(0, |l| l.size())
}

unsafe fn free_string(h: NonNull<GcHeader>) {
    // SAFETY: `h` is a live string (caller); `len` was valid at allocation.
    let len = unsafe { (*h.as_ptr().cast::<StrHead>()).len };
    if let Ok(layout) = layout_for(len) {
        // SAFETY: allocated in `Heap::intern` with exactly this layout, and
        // `h` carries that allocation's provenance (caller).
        unsafe { std::alloc::dealloc(h.as_ptr().cast::<u8>(), layout) };
    }
}

/// The hash stored in every string (deterministic, all bytes).
pub fn hash_bytes(bytes: &[u8]) -> u32 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    (h ^ (h >> 32)) as u32
}

/// A live string's head (crate-internal; the heap contract makes it valid).
fn head<'a>(s: NonNull<StrHead>) -> &'a StrHead {
    // SAFETY: callers only pass strings that are alive for 'a (the intern
    // table's entries, or values under the heap contract). Strings are
    // never mutated after creation, so shared access is always fine.
    unsafe { s.as_ref() }
}

fn bytes_of<'a>(s: NonNull<StrHead>) -> &'a [u8] {
    let len = head(s).len;
    // SAFETY: the `len` bytes after the head were initialised at creation
    // and are never written again; the pointer keeps the provenance of the
    // whole allocation.
    unsafe { std::slice::from_raw_parts(s.as_ptr().cast::<u8>().add(HEAD_SIZE), len) }
}

/// The value of an interned string.
fn string_value(s: NonNull<StrHead>) -> Result<Value, AllocError> {
    Value::from_object(ObjKind::String, s.as_ptr() as usize).map_err(|_| AllocError::AddressOutOfRange)
}

#[inline(always)]
fn string_ptr(v: Value) -> Option<NonNull<StrHead>> {
    let addr = v.object_addr(ObjKind::String)?;
    // SAFETY: an object value's address is never 0 (`Value::from_object`
    // refuses it); one compare instead of a kind decode and a null test.
    Some(unsafe { NonNull::new_unchecked(addr as *mut StrHead) })
}

/// The stored hash of a string value (`None` for other values). Used by
/// tables, which have no heap at hand; valid under the heap contract.
#[inline]
pub(crate) fn string_hash(v: Value) -> Option<u32> {
    string_ptr(v).map(|s| head(s).hash)
}

/// The weak set of all strings; see the module doc.
pub(crate) struct InternTable {
    slots: Vec<Option<NonNull<StrHead>>>,
    count: usize,
    /// The one-byte strings by their byte, a weak cache beside `slots`
    /// (cleared with them at a collection): programs that scan text make
    /// them all the time (`s:sub(i, i)`, `string.char`), and this finds
    /// them without a hash probe, which in a big table is a cache miss.
    single: [Option<NonNull<StrHead>>; 256],
}

const MIN_SLOTS: usize = 64;

enum Probe {
    Found(NonNull<StrHead>),
    Vacant(usize),
}

impl InternTable {
    pub(crate) fn new() -> InternTable {
        InternTable { slots: Vec::new(), count: 0, single: [None; 256] }
    }

    fn charge_of(slots: usize) -> usize {
        slots * std::mem::size_of::<Option<NonNull<StrHead>>>()
    }

    /// Looks `bytes` up; the table must have a vacant slot.
    fn probe(&self, hash: u32, bytes: &[u8]) -> Probe {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            match self.slots[i] {
                None => return Probe::Vacant(i),
                Some(s) if head(s).hash == hash && bytes_of(s) == bytes => return Probe::Found(s),
                Some(_) => i = (i + 1) & mask,
            }
        }
    }

    /// Makes room for one more string (keeps the table at most half full).
    fn reserve_one(&mut self, budget: &mut Budget) -> Result<(), AllocError> {
        if (self.count + 1) * 2 <= self.slots.len() {
            return Ok(());
        }
        let new_len = (self.slots.len() * 2).max(MIN_SLOTS);
        self.rebuild(new_len, budget, |_| true)
    }

    /// Rebuilds with `new_len` slots, keeping the strings `keep` accepts.
    fn rebuild(
        &mut self,
        new_len: usize,
        budget: &mut Budget,
        keep: impl Fn(NonNull<StrHead>) -> bool,
    ) -> Result<(), AllocError> {
        budget.recharge(Self::charge_of(self.slots.len()), Self::charge_of(new_len))?;
        let old = std::mem::replace(&mut self.slots, vec![None; new_len]);
        self.count = 0;
        let mask = new_len.wrapping_sub(1);
        for s in old.into_iter().flatten() {
            if !keep(s) {
                continue;
            }
            let mut i = head(s).hash as usize & mask;
            while self.slots[i].is_some() {
                i = (i + 1) & mask;
            }
            self.slots[i] = Some(s);
            self.count += 1;
        }
        Ok(())
    }

    /// Drops every unmarked string (called by `collect` between mark and
    /// sweep), shrinking the table when it has become mostly empty.
    pub(crate) fn retain_marked(&mut self, budget: &mut Budget) {
        let live = self.slots.iter().flatten().filter(|s| Heap::is_marked(s.cast::<GcHeader>())).count();
        let mut new_len = self.slots.len();
        while new_len > MIN_SLOTS && live * 8 < new_len {
            new_len /= 2;
        }
        // Never grows, so the charge cannot fail.
        let _ = self.rebuild(new_len, budget, |s| Heap::is_marked(s.cast::<GcHeader>()));
        for entry in &mut self.single {
            if entry.is_some_and(|s| !Heap::is_marked(s.cast::<GcHeader>())) {
                *entry = None;
            }
        }
    }

    pub(crate) fn clear(&mut self, budget: &mut Budget) {
        budget.release(Self::charge_of(self.slots.len()));
        self.slots = Vec::new();
        self.count = 0;
        self.single = [None; 256];
    }

    pub(crate) fn len(&self) -> usize {
        self.count
    }
}

impl Heap {
    /// The string with these bytes: the existing one if it is interned,
    /// else a new one.
    pub fn intern(&mut self, bytes: &[u8]) -> Result<Value, AllocError> {
        if let [b] = *bytes {
            if let Some(s) = self.strings.single[b as usize] {
                return string_value(s);
            }
        }
        let hash = hash_bytes(bytes);
        self.strings.reserve_one(&mut self.budget)?;
        let slot = match self.strings.probe(hash, bytes) {
            Probe::Found(s) => {
                if let [b] = *bytes {
                    self.strings.single[b as usize] = Some(s);
                }
                return string_value(s);
            }
            Probe::Vacant(i) => i,
        };
        let layout = layout_for(bytes.len())?;
        self.budget.charge(layout.size())?;
        // SAFETY: the layout has a non-zero size (it includes the head).
        let raw = unsafe { std::alloc::alloc(layout) };
        let Some(ptr) = NonNull::new(raw.cast::<StrHead>()) else {
            self.budget.release(layout.size());
            return Err(AllocError::TooLarge);
        };
        // SAFETY: `ptr` is a fresh allocation of `HEAD_SIZE + len` bytes,
        // aligned for `StrHead`; the head and the bytes do not overlap.
        unsafe {
            ptr.as_ptr().write(StrHead { header: GcHeader::new(&STRING_VTABLE), hash, len: bytes.len() });
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), raw.add(HEAD_SIZE), bytes.len());
        }
        // SAFETY: initialised above, unlinked, freed by STRING_VTABLE with
        // the same layout, `layout.size()` charged.
        let v = unsafe { self.link(ptr.cast::<GcHeader>(), ObjKind::String, layout.size())? };
        self.strings.slots[slot] = Some(ptr);
        self.strings.count += 1;
        if let [b] = *bytes {
            self.strings.single[b as usize] = Some(ptr);
        }
        Ok(v)
    }

    /// The bytes of a string value (`None` for other values).
    pub fn str_bytes(&self, v: Value) -> Option<&[u8]> {
        string_ptr(v).map(bytes_of)
    }

    /// The stored hash of a string value.
    pub fn str_hash(&self, v: Value) -> Option<u32> {
        string_ptr(v).map(|s| head(s).hash)
    }

    /// Number of strings in the intern table.
    pub fn interned_count(&self) -> usize {
        self.strings.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gc::HeapConfig;

    fn heap() -> Heap {
        Heap::with_config(HeapConfig::default())
    }

    #[test]
    fn same_bytes_same_string() {
        let mut h = heap();
        let a = h.intern(b"hello").unwrap();
        let b = h.intern(b"hello").unwrap();
        let c = h.intern(b"hellp").unwrap();
        assert_eq!(a.to_bits(), b.to_bits());
        assert_ne!(a.to_bits(), c.to_bits());
        assert_eq!(h.str_bytes(a), Some(&b"hello"[..]));
        assert_eq!(h.str_hash(a), Some(hash_bytes(b"hello")));
        assert_eq!(h.str_bytes(Value::NIL), None);
        assert!(a.is_string());
        assert_eq!(h.interned_count(), 2);
    }

    #[test]
    fn empty_and_binary_strings() {
        let mut h = heap();
        let e = h.intern(b"").unwrap();
        assert_eq!(h.str_bytes(e), Some(&b""[..]));
        let z = h.intern(b"a\0b\xff").unwrap();
        assert_eq!(h.str_bytes(z), Some(&b"a\0b\xff"[..]));
        assert_ne!(h.intern(b"a\0b").unwrap().to_bits(), z.to_bits());
    }

    #[test]
    fn many_strings_grow_the_table() {
        let mut h = heap();
        let n = if cfg!(miri) { 100 } else { 5000 };
        let vals: Vec<Value> = (0..n).map(|i| h.intern(format!("s{i}").as_bytes()).unwrap()).collect();
        for (i, v) in vals.iter().enumerate() {
            assert_eq!(h.intern(format!("s{i}").as_bytes()).unwrap().to_bits(), v.to_bits());
            assert_eq!(h.str_bytes(*v).unwrap(), format!("s{i}").as_bytes());
        }
        assert_eq!(h.interned_count(), n);
    }

    #[test]
    fn unreferenced_strings_are_collected() {
        let mut h = heap();
        let keep = h.intern(b"keep").unwrap();
        for i in 0..200 {
            h.intern(format!("garbage {i}").as_bytes()).unwrap();
        }
        let before = h.bytes();
        // SAFETY: only `keep` is used afterwards, and it is a root.
        let stats = unsafe { h.collect(|m| m.mark(keep)) };
        assert_eq!(stats.objects_freed, 200);
        assert!(h.bytes() < before);
        assert_eq!(h.interned_count(), 1);
        assert_eq!(h.intern(b"keep").unwrap().to_bits(), keep.to_bits());
        let again = h.intern(b"garbage 7").unwrap();
        assert_eq!(h.str_bytes(again), Some(&b"garbage 7"[..]));
        // SAFETY: nothing is used afterwards.
        unsafe { h.collect(|_| {}) };
        assert_eq!(h.object_count(), 0);
        assert_eq!(h.interned_count(), 0);
        assert_eq!(h.bytes(), InternTable::charge_of(MIN_SLOTS));
    }

    /// The one-byte cache gives the interned string, and forgets the ones
    /// a collection frees (a stale entry would hand out a freed string).
    #[test]
    fn one_byte_strings_are_cached_weakly() {
        let mut h = heap();
        let a = h.intern(b"a").unwrap();
        let b = h.intern(b"b").unwrap();
        assert_eq!(h.intern(b"a").unwrap().to_bits(), a.to_bits());
        assert_eq!(h.intern(&[0xff]).unwrap().to_bits(), h.intern(&[0xff]).unwrap().to_bits());
        assert_ne!(a.to_bits(), b.to_bits());
        // SAFETY: only `a` is used afterwards, and it is a root.
        let stats = unsafe { h.collect(|m| m.mark(a)) };
        assert_eq!(stats.objects_freed, 2);
        assert_eq!(h.intern(b"a").unwrap().to_bits(), a.to_bits());
        let b2 = h.intern(b"b").unwrap();
        assert_eq!(h.str_bytes(b2), Some(&b"b"[..]));
        assert_eq!(h.interned_count(), 2);
        // SAFETY: nothing is used afterwards.
        unsafe { h.collect(|_| {}) };
        assert_eq!(h.object_count(), 0);
        let z = h.intern(b"\0").unwrap();
        assert_eq!(h.str_bytes(z), Some(&b"\0"[..]));
    }

    #[test]
    fn hash_is_deterministic_and_spreads() {
        assert_eq!(hash_bytes(b"abc"), hash_bytes(b"abc"));
        assert_ne!(hash_bytes(b"abc"), hash_bytes(b"abd"));
        assert_ne!(hash_bytes(b""), hash_bytes(b"\0"));
        assert_ne!(hash_bytes(b"12345678"), hash_bytes(b"123456789"));
    }
}
