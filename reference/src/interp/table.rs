//! Lua tables (§2.5.7): an array part for keys 1..n and an insertion-ordered
//! hash part for everything else.
//!
//! The array part keeps `#t` cheap and gives a valid border for sequences;
//! which border `#` picks for a table with holes is unspecified (§2.5.5) and
//! perigee's generated programs never ask. The hash part keeps entries in
//! insertion order with tombstones, so `next` stays valid when fields are
//! cleared during a traversal (§5.1 `next`) and iteration is deterministic
//! run to run.

use std::collections::HashMap;

use super::memory;
use super::value::{TableRef, Value};

#[derive(Default)]
pub struct Table {
    /// `array[i]` holds key `i + 1`. It may hold `nil`s (a constructor's
    /// `{nil, 2}`, or a cleared slot): like PUC-Rio's array part it keeps
    /// its size, which is what `#` inspects first.
    array: Vec<Value>,
    /// Entries in insertion order; a cleared entry keeps its slot with a
    /// `nil` value until the next compaction.
    entries: Vec<(Value, Value)>,
    index: HashMap<Key, usize>,
    /// Slots in `entries` whose value is `nil`.
    dead: usize,
    pub meta: Option<TableRef>,
    /// Bytes charged to the memory account for this table.
    charged: usize,
}

/// A hashable identity for a non-nil, non-NaN key.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Bool(bool),
    /// The bits of the number with `-0` folded into `0`.
    Num(u64),
    Str(super::value::LStr),
    Object(usize),
}

fn key_of(v: &Value) -> Option<Key> {
    Some(match v {
        Value::Nil => return None,
        Value::Bool(b) => Key::Bool(*b),
        Value::Num(n) if n.is_nan() => return None,
        Value::Num(n) => Key::Num(if *n == 0.0 { 0 } else { n.to_bits() }),
        Value::Str(s) => Key::Str(s.clone()),
        other => Key::Object(other.address().unwrap_or(0)),
    })
}

/// The array index a key would occupy, if it is a positive integer.
fn array_index(v: &Value) -> Option<usize> {
    match v {
        Value::Num(n) if *n >= 1.0 && *n <= (u32::MAX as f64) && n.fract() == 0.0 => Some(*n as usize - 1),
        _ => None,
    }
}

const SLOT_BYTES: usize = 40;

impl Drop for Table {
    fn drop(&mut self) {
        memory::release(self.charged);
    }
}

impl Table {
    pub fn new() -> Table {
        memory::charge(64);
        Table { array: Vec::new(), entries: Vec::new(), index: HashMap::new(), dead: 0, meta: None, charged: 64 }
    }

    pub fn with_capacity(narr: usize, nhash: usize) -> Table {
        let mut t = Table::new();
        t.array.reserve(narr.min(1 << 16));
        t.entries.reserve(nhash.min(1 << 16));
        t
    }

    fn recharge(&mut self) {
        let now = 64 + (self.array.capacity() + self.entries.capacity()) * SLOT_BYTES;
        if now > self.charged {
            memory::charge(now - self.charged);
        } else {
            memory::release(self.charged - now);
        }
        self.charged = now;
    }

    pub fn get(&self, key: &Value) -> Value {
        if let Some(i) = array_index(key) {
            if i < self.array.len() {
                return self.array[i].clone();
            }
        }
        match key_of(key).and_then(|k| self.index.get(&k)) {
            Some(&slot) => self.entries[slot].1.clone(),
            None => Value::Nil,
        }
    }

    pub fn get_str(&self, key: &[u8]) -> Value {
        self.get(&Value::str(key))
    }

    pub fn get_int(&self, i: i64) -> Value {
        self.get(&Value::Num(i as f64))
    }

    /// Raw assignment. The caller has already rejected `nil` and NaN keys
    /// (they are errors in Lua, reported with the caller's position).
    pub fn set(&mut self, key: Value, value: Value) {
        if let Some(i) = array_index(&key) {
            if i < self.array.len() {
                self.array[i] = value;
                return;
            }
            if i == self.array.len() && !value.is_nil() {
                self.remove_hashed(&key);
                self.array.push(value);
                self.migrate_from_hash();
                self.recharge();
                return;
            }
        }
        let Some(k) = key_of(&key) else { return };
        match self.index.get(&k) {
            Some(&slot) => {
                let old_nil = self.entries[slot].1.is_nil();
                let new_nil = value.is_nil();
                self.entries[slot].1 = value;
                if old_nil && !new_nil {
                    self.dead -= 1;
                } else if !old_nil && new_nil {
                    self.dead += 1;
                }
            }
            None if value.is_nil() => {}
            None => {
                if self.dead > 8 && self.dead * 2 > self.entries.len() {
                    self.compact();
                }
                self.index.insert(k, self.entries.len());
                self.entries.push((key, value));
                self.recharge();
            }
        }
    }

    fn remove_hashed(&mut self, key: &Value) {
        if let Some(k) = key_of(key) {
            if let Some(&slot) = self.index.get(&k) {
                if !self.entries[slot].1.is_nil() {
                    self.entries[slot].1 = Value::Nil;
                    self.dead += 1;
                }
            }
        }
    }

    /// After the array grew by one, pull the keys that now continue it out
    /// of the hash part.
    fn migrate_from_hash(&mut self) {
        loop {
            let next = Value::Num((self.array.len() + 1) as f64);
            let Some(k) = key_of(&next) else { return };
            let Some(&slot) = self.index.get(&k) else { return };
            if self.entries[slot].1.is_nil() {
                return;
            }
            let v = std::mem::take(&mut self.entries[slot].1);
            self.dead += 1;
            self.array.push(v);
        }
    }

    /// Drop tombstones. Only done when a new key is inserted, which §5.1
    /// forbids during a traversal, so no live `next` cursor is disturbed.
    fn compact(&mut self) {
        self.entries.retain(|(_, v)| !v.is_nil());
        self.index.clear();
        for (slot, (k, _)) in self.entries.iter().enumerate() {
            if let Some(key) = key_of(k) {
                self.index.insert(key, slot);
            }
        }
        self.dead = 0;
    }

    /// Stores a constructor's positional item `index` (1-based, given in
    /// order), growing the array part even for `nil` as PUC-Rio's
    /// `SETLIST` into a presized array does.
    pub fn set_positional(&mut self, index: usize, value: Value) {
        let i = index - 1;
        if i < self.array.len() {
            self.array[i] = value;
        } else if i == self.array.len() {
            self.remove_hashed(&Value::Num(index as f64));
            self.array.push(value);
            self.recharge();
        } else {
            self.set(Value::Num(index as f64), value);
        }
    }

    /// A border (§2.5.5): `t[n] ~= nil` and `t[n+1] == nil`, or 0. Which
    /// border of a table with holes is unspecified; this one is found the
    /// way PUC-Rio's `luaH_getn` searches, so sequences built the usual
    /// ways give the same answer as `lua5.1`.
    pub fn border(&self) -> usize {
        let n = self.array.len();
        if n > 0 && self.array[n - 1].is_nil() {
            // Binary search for a border inside the array part.
            let (mut lo, mut hi) = (0usize, n);
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                if self.array[mid - 1].is_nil() {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return lo;
        }
        if self.index.is_empty() {
            return n;
        }
        // Unbounded search beyond the array part: double until a nil,
        // then bisect.
        let (mut lo, mut hi) = (n, n + 1);
        while !self.get_int(hi as i64).is_nil() {
            lo = hi;
            if hi > (i32::MAX as usize) / 2 {
                // Pathological: fall back to a linear scan from 1.
                let mut k = 1usize;
                while !self.get_int(k as i64).is_nil() {
                    k += 1;
                }
                return k - 1;
            }
            hi *= 2;
        }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if self.get_int(mid as i64).is_nil() {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        lo
    }

    /// `next(t, key)`: the entry after `key`, or `None` at the end.
    /// `Err(())` when `key` is not in the table.
    #[allow(clippy::result_unit_err)]
    pub fn next(&self, key: &Value) -> Result<Option<(Value, Value)>, ()> {
        let mut start_array = 0usize;
        let mut start_entry = 0usize;
        if !key.is_nil() {
            match array_index(key) {
                Some(i) if i < self.array.len() => start_array = i + 1,
                _ => {
                    let slot = key_of(key).and_then(|k| self.index.get(&k)).copied().ok_or(())?;
                    start_array = self.array.len();
                    start_entry = slot + 1;
                }
            }
        }
        for i in start_array..self.array.len() {
            if !self.array[i].is_nil() {
                return Ok(Some((Value::Num((i + 1) as f64), self.array[i].clone())));
            }
        }
        for (k, v) in &self.entries[start_entry.min(self.entries.len())..] {
            if !v.is_nil() {
                return Ok(Some((k.clone(), v.clone())));
            }
        }
        Ok(None)
    }

    /// The largest positive numeric key (`table.maxn`).
    pub fn maxn(&self) -> f64 {
        let mut max = self.array.iter().rposition(|v| !v.is_nil()).map_or(0.0, |i| (i + 1) as f64);
        for (k, v) in &self.entries {
            if let (Value::Num(n), false) = (k, v.is_nil()) {
                if *n > max {
                    max = *n;
                }
            }
        }
        max
    }
}
