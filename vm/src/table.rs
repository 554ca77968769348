//! Lua tables: an array part for the keys 1..n and a hash part for the
//! rest, sized by Lua 5.1's rules so a table's shape, and so `#t` on a table
//! with holes, comes out as PUC-Rio's would.
//!
//! ## Layout
//!
//! - `array`: the values of keys `1..=array.len()` (nil where absent).
//! - `nodes`: a power-of-two vector of `(key, value, next)`, a chained
//!   scatter table with Brent's variation, as in `ltable.c`: every key has a
//!   *main position* (its hash modulo the size); a colliding key goes to a
//!   free node taken from `last_free`, which only moves down; if the node in
//!   the main position is held by a key that is not in *its* main position,
//!   that key moves out instead. Chains are `next` indices.
//! - An empty hash part is an empty vector (PUC-Rio's shared `dummynode`).
//!
//! ## Growth (`rehash`)
//!
//! The tables never grow on their own: when a new key finds no free node,
//! `rehash` counts the integer keys by power-of-two slices
//! (`nums[i]` = keys in `(2^(i-1), 2^i]`, over the array part, the live
//! hash nodes and the key being inserted) and picks the largest array size
//! `n` (a power of two) such that more than `n/2` of the slots `1..=n` would
//! be used (`compute_sizes`); everything else goes to a hash part sized to
//! the next power of two of what remains. This is `computesizes` /
//! `numusearray` / `numusehash` of Lua 5.1 rebuilt from its description,
//! including its quirks: storing `nil` under an absent key creates the key
//! (with a nil value), a deleted key keeps its node until the next rehash,
//! and only live values are counted when sizing.
//!
//! ## Keys
//!
//! `nil` and NaN keys are refused ([`TableError::NilKey`],
//! [`TableError::NanKey`]); `-0` is stored as `0`. With those rules raw key
//! equality is bit equality, so a lookup compares words, and strings
//! (interned) compare by address. When a node's value is nil at a
//! collection and its key is an object, the key becomes a *dead key*
//! (`Value::to_dead_key`): never traced, equal to nothing, but `next` still
//! finds it by address, so `for k in pairs(t) do t[k] = nil end` works
//! across collections.
//!
//! ## Iteration
//!
//! `next` walks the array part, then the nodes in index order. Assigning
//! to existing keys (including assigning nil) never moves a key, so the
//! order is stable while no new key is inserted.
//!
//! ## Metamethod cache
//!
//! `absent` is PUC-Rio's `flags` byte: when this table, used as a
//! metatable, is found to lack one of the [`FastMeta`] events, the bit is
//! set and later lookups skip the hash probe; any store into the table
//! clears all bits. A table with no metatable costs the interpreter one
//! test (`metatable().is_none()`).

use std::cell::Cell;
use std::fmt;

use crate::gc::{AllocError, Budget, GcObject, Heap, Marker};
use crate::string::string_hash;
use crate::value::{ObjKind, Value};

/// Array sizes and hash sizes are at most `2^MAX_BITS` (Lua 5.1's `MAXBITS`).
pub const MAX_BITS: usize = 26;
/// The largest array part, and the largest key counted for it.
pub const MAX_ARRAY_SIZE: usize = 1 << MAX_BITS;

const NO_NEXT: u32 = u32::MAX;

/// Why a table operation failed; `Display` gives Lua 5.1's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableError {
    NilKey,
    NanKey,
    /// `next` was given a key that is not in the table.
    InvalidNextKey,
    /// The value operated on is not a table (heap convenience methods).
    NotATable,
    Alloc(AllocError),
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TableError::NilKey => "table index is nil",
            TableError::NanKey => "table index is NaN",
            TableError::InvalidNextKey => "invalid key to 'next'",
            TableError::NotATable => "not a table",
            TableError::Alloc(_) => "not enough memory",
        })
    }
}

impl std::error::Error for TableError {}

impl From<AllocError> for TableError {
    fn from(e: AllocError) -> TableError {
        TableError::Alloc(e)
    }
}

/// The metamethods whose absence a metatable caches (PUC-Rio's "fast" TMs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum FastMeta {
    Index = 0,
    NewIndex = 1,
    Gc = 2,
    Mode = 3,
    Eq = 4,
    Len = 5,
}

#[derive(Clone, Copy)]
struct Node {
    key: Value,
    val: Value,
    next: u32,
}

const FREE_NODE: Node = Node { key: Value::NIL, val: Value::NIL, next: NO_NEXT };

/// Where a key's value lives.
#[derive(Clone, Copy)]
enum Slot {
    Array(usize),
    Node(usize),
}

/// A Lua table; see the module doc.
pub struct Table {
    array: Box<[Value]>,
    nodes: Box<[Node]>,
    /// Free nodes are searched below this index (it only moves down).
    last_free: usize,
    /// Nil or a table.
    metatable: Value,
    absent: Cell<u8>,
}

/// `ceil(log2(k))` for `k >= 1`.
fn ceil_log2(k: usize) -> usize {
    (usize::BITS - (k - 1).leading_zeros()) as usize
}

/// The 0-based array slot of number key `n`, if it is an integer in `1..=len`.
#[inline]
fn array_slot(n: f64, len: usize) -> Option<usize> {
    let i = array_index(n);
    (i < len).then_some(i)
}

/// Checks a key and puts it in stored form (-0 becomes 0).
#[inline]
fn normalize_key(key: Value) -> Result<Value, TableError> {
    match key.as_num() {
        Some(n) if n.is_nan() => Err(TableError::NanKey),
        // Float patterns compare with `==`, so this matches -0 too.
        Some(0.0) => Ok(Value::from_num(0.0)),
        Some(_) => Ok(key),
        None if key.is_nil() => Err(TableError::NilKey),
        None => Ok(key),
    }
}

/// Counts `key` in `nums` if it is an integer candidate for the array part.
fn count_int(key: Value, nums: &mut [usize; MAX_BITS + 1]) -> bool {
    match key.as_num() {
        Some(n) if n >= 1.0 && n <= MAX_ARRAY_SIZE as f64 && (n as usize) as f64 == n => {
            nums[ceil_log2(n as usize)] += 1;
            true
        }
        _ => false,
    }
}

/// Lua 5.1's `computesizes`: given `nums` and the number `candidates` of
/// integer keys, the array size `n` (0 or a power of two) such that more
/// than half of `1..=n` is in use, as large as possible, and how many keys
/// will go to the array part.
fn compute_sizes(nums: &[usize; MAX_BITS + 1], candidates: usize) -> (usize, usize) {
    let mut below = 0; // keys <= 2^i seen so far
    let (mut size, mut in_array) = (0, 0);
    let mut i = 0;
    let mut two_to_i = 1usize;
    while i <= MAX_BITS && two_to_i / 2 < candidates {
        if nums[i] > 0 {
            below += nums[i];
            if below > two_to_i / 2 {
                size = two_to_i;
                in_array = below;
            }
        }
        if below == candidates {
            break;
        }
        i += 1;
        two_to_i *= 2;
    }
    (size, in_array)
}

impl Table {
    /// A table with `narray` array slots and room for `nhash` hash keys
    /// (Lua's `lua_createtable`). Build tables with [`Heap::new_table`].
    fn with_sizes(narray: usize, nhash: usize) -> Table {
        let nodes = if nhash == 0 { 0 } else { 1 << ceil_log2(nhash) };
        Table {
            array: vec![Value::NIL; narray].into_boxed_slice(),
            nodes: vec![FREE_NODE; nodes].into_boxed_slice(),
            last_free: nodes,
            metatable: Value::NIL,
            absent: Cell::new(0),
        }
    }

    fn bytes_for(narray: usize, nnodes: usize) -> usize {
        narray * std::mem::size_of::<Value>() + nnodes * std::mem::size_of::<Node>()
    }

    /// Size of the array part.
    pub fn array_len(&self) -> usize {
        self.array.len()
    }

    /// Number of nodes in the hash part (0 or a power of two).
    pub fn hash_len(&self) -> usize {
        self.nodes.len()
    }

    #[inline]
    fn main_position(&self, key: Value) -> usize {
        let mask = self.nodes.len() - 1;
        if let Some(h) = string_hash(key) {
            return h as usize & mask;
        }
        // Numbers, booleans, addresses: fold the high bits down (integers
        // as doubles differ only there) and spread with one multiply.
        let b = key.to_bits();
        let x = (b ^ (b >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (x >> 32) as usize & mask
    }

    /// The node holding `key` (stored form), live or with a nil value.
    #[inline]
    fn find_node(&self, key: Value) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        let bits = key.to_bits();
        let mut i = self.main_position(key);
        loop {
            let n = self.nodes.get(i)?;
            if n.key.to_bits() == bits {
                return Some(i);
            }
            if n.next == NO_NEXT {
                return None;
            }
            i = n.next as usize;
        }
    }

    #[inline]
    fn node_value(&self, key: Value) -> Value {
        self.find_node(key).map_or(Value::NIL, |i| self.nodes[i].val)
    }

    /// `t[key]`, raw. Nil and NaN keys read nil.
    #[inline]
    pub fn get(&self, key: Value) -> Value {
        if let Some(n) = key.as_num() {
            if let Some(i) = array_slot(n, self.array.len()) {
                return self.array[i];
            }
            if n == 0.0 {
                return self.node_value(Value::from_num(0.0));
            }
        } else if key.is_nil() {
            return Value::NIL;
        }
        self.node_value(key)
    }

    /// `t[n]` when number key `n` falls in the array part (an integer in
    /// `1..=array length`); `None` sends the caller to [`Table::get`]. Small
    /// enough to inline into the interpreter's table ops ([`array_index`]
    /// and one unsigned compare).
    #[inline(always)]
    pub fn get_array(&self, n: f64) -> Option<Value> {
        let i = array_index(n);
        if i < self.array.len() {
            Some(self.array[i])
        } else {
            None
        }
    }

    /// `t[n] = v` in place when number key `n` falls in the array part and
    /// the store needs no `__newindex` (no metatable, or a non-nil value
    /// there now). False: take [`Table::set_existing`] or the full path.
    /// An array store cannot add a metamethod name (those are strings), so
    /// the absent-metamethod cache stays valid.
    #[inline(always)]
    pub fn set_array(&mut self, n: f64, v: Value) -> bool {
        let i = array_index(n);
        if i < self.array.len() {
            let slot = &mut self.array[i];
            if self.metatable.is_nil() || !slot.is_nil() {
                *slot = v;
                return true;
            }
        }
        false
    }

    /// `t[k]` for an integer key. `k` should be exactly representable as a
    /// double (|k| <= 2^53), as every Lua integer is.
    #[inline]
    pub fn get_int(&self, k: i64) -> Value {
        if k >= 1 && (k as u64) <= self.array.len() as u64 {
            return self.array[(k - 1) as usize];
        }
        self.node_value(Value::from_num(k as f64))
    }

    /// `t[s]` for a string key (falls back to [`Table::get`] for others).
    #[inline]
    pub fn get_str(&self, key: Value) -> Value {
        if !key.is_string() {
            return self.get(key);
        }
        self.node_value(key)
    }

    fn slot_mut(&mut self, slot: Slot) -> &mut Value {
        match slot {
            Slot::Array(i) => &mut self.array[i],
            Slot::Node(i) => &mut self.nodes[i].val,
        }
    }

    /// Overwrites the value under a key the table already holds, with no
    /// allocation: the interpreter's fast path for stores. With `need_live`
    /// (the table has a metatable, so a store to a nil field must consult
    /// `__newindex`) only a non-nil current value counts. Returns false,
    /// changing nothing, when the slow path must decide: the key is absent,
    /// nil, NaN or a zero (which `set` normalises).
    #[inline]
    pub fn set_existing(&mut self, key: Value, val: Value, need_live: bool) -> bool {
        let slot = if let Some(n) = key.as_num() {
            match array_slot(n, self.array.len()) {
                Some(i) => &mut self.array[i],
                None if n == 0.0 || n.is_nan() => return false,
                None => match self.find_node(key) {
                    Some(i) => &mut self.nodes[i].val,
                    None => return false,
                },
            }
        } else if key.is_nil() {
            // Empty nodes carry a nil key: never match them.
            return false;
        } else {
            match self.find_node(key) {
                Some(i) => &mut self.nodes[i].val,
                None => return false,
            }
        };
        if need_live && slot.is_nil() {
            return false;
        }
        *slot = val;
        self.absent.set(0);
        true
    }

    /// `t[key] = val`, raw. Storing nil under an absent key creates the
    /// key (Lua 5.1 does the same; it matters only for sizing).
    pub fn set(&mut self, budget: &mut Budget, key: Value, val: Value) -> Result<(), TableError> {
        let key = normalize_key(key)?;
        self.absent.set(0);
        let slot = self.find_or_insert(budget, key)?;
        *self.slot_mut(slot) = val;
        Ok(())
    }

    /// `t[k] = val` for an integer key (same caveat as [`Table::get_int`]).
    #[inline]
    pub fn set_int(&mut self, budget: &mut Budget, k: i64, val: Value) -> Result<(), TableError> {
        if k >= 1 && (k as u64) <= self.array.len() as u64 {
            self.absent.set(0);
            self.array[(k - 1) as usize] = val;
            return Ok(());
        }
        self.set(budget, Value::from_num(k as f64), val)
    }

    /// `t[s] = val` for a string key (falls back to [`Table::set`] for others).
    #[inline]
    pub fn set_str(&mut self, budget: &mut Budget, key: Value, val: Value) -> Result<(), TableError> {
        if key.is_string() {
            if let Some(i) = self.find_node(key) {
                self.absent.set(0);
                self.nodes[i].val = val;
                return Ok(());
            }
        }
        self.set(budget, key, val)
    }

    /// The slot for `key` (stored form), creating the key if absent.
    fn find_or_insert(&mut self, budget: &mut Budget, key: Value) -> Result<Slot, AllocError> {
        if let Some(n) = key.as_num() {
            if let Some(i) = array_slot(n, self.array.len()) {
                return Ok(Slot::Array(i));
            }
        }
        match self.find_node(key) {
            Some(i) => Ok(Slot::Node(i)),
            None => self.new_key(budget, key),
        }
    }

    /// Inserts a key known to be absent (Lua 5.1's `newkey`).
    fn new_key(&mut self, budget: &mut Budget, key: Value) -> Result<Slot, AllocError> {
        if self.nodes.is_empty() {
            self.rehash(budget, key)?;
            return self.find_or_insert(budget, key);
        }
        let mut mp = self.main_position(key);
        if !self.nodes[mp].val.is_nil() {
            // The main position is taken by a live key.
            let Some(free) = self.free_node() else {
                self.rehash(budget, key)?;
                return self.find_or_insert(budget, key);
            };
            let other = self.main_position(self.nodes[mp].key);
            if other != mp {
                // The occupant is a colliding key away from home: move it
                // to the free node and take its place.
                let mut prev = other;
                while self.nodes[prev].next as usize != mp {
                    prev = self.nodes[prev].next as usize;
                }
                self.nodes[prev].next = free as u32;
                self.nodes[free] = self.nodes[mp];
                self.nodes[mp].next = NO_NEXT;
                self.nodes[mp].val = Value::NIL;
            } else {
                // The occupant is at home: the new key goes to the free
                // node, chained right after the main position.
                self.nodes[free].next = self.nodes[mp].next;
                self.nodes[mp].next = free as u32;
                mp = free;
            }
        }
        self.nodes[mp].key = key;
        Ok(Slot::Node(mp))
    }

    /// A node whose key is nil, searching down from `last_free`.
    fn free_node(&mut self) -> Option<usize> {
        while self.last_free > 0 {
            self.last_free -= 1;
            if self.nodes[self.last_free].key.is_nil() {
                return Some(self.last_free);
            }
        }
        None
    }

    /// Counts the array part's non-nil values by slice into `nums`.
    fn num_use_array(&self, nums: &mut [usize; MAX_BITS + 1]) -> usize {
        let mut total = 0;
        let mut k = 1; // next key to count
        for (lg, count) in nums.iter_mut().enumerate() {
            let lim = (1usize << lg).min(self.array.len());
            if k > lim {
                break;
            }
            let used = self.array[k - 1..lim].iter().filter(|v| !v.is_nil()).count();
            *count += used;
            total += used;
            k = lim + 1;
        }
        total
    }

    /// Resizes for the current keys plus `extra` (Lua 5.1's `rehash`).
    fn rehash(&mut self, budget: &mut Budget, extra: Value) -> Result<(), AllocError> {
        let mut nums = [0usize; MAX_BITS + 1];
        let mut candidates = self.num_use_array(&mut nums);
        let mut total = candidates;
        for n in self.nodes.iter() {
            if !n.val.is_nil() {
                total += 1;
                if count_int(n.key, &mut nums) {
                    candidates += 1;
                }
            }
        }
        if count_int(extra, &mut nums) {
            candidates += 1;
        }
        total += 1;
        let (array_size, in_array) = compute_sizes(&nums, candidates);
        self.resize(budget, array_size, total - in_array)
    }

    /// Gives the table `narray` array slots and room for `nhash` hash keys,
    /// moving every entry to its new place (Lua 5.1's `resize`).
    fn resize(&mut self, budget: &mut Budget, narray: usize, nhash: usize) -> Result<(), AllocError> {
        let nnodes = match nhash {
            0 => 0,
            n if ceil_log2(n) > MAX_BITS => return Err(AllocError::TooLarge),
            n => 1 << ceil_log2(n),
        };
        if narray > MAX_ARRAY_SIZE {
            return Err(AllocError::TooLarge);
        }
        budget.recharge(Self::bytes_for(self.array.len(), self.nodes.len()), Self::bytes_for(narray, nnodes))?;
        let old_nodes = std::mem::replace(&mut self.nodes, vec![FREE_NODE; nnodes].into_boxed_slice());
        self.last_free = nnodes;
        if narray != self.array.len() {
            let keep = narray.min(self.array.len());
            let mut array = Vec::with_capacity(narray);
            array.extend_from_slice(&self.array[..keep]);
            array.resize(narray, Value::NIL);
            let old_array = std::mem::replace(&mut self.array, array.into_boxed_slice());
            // A shrinking array part moves its tail to the hash part.
            for (i, v) in old_array.iter().enumerate().skip(narray) {
                if !v.is_nil() {
                    let slot = self.find_or_insert(budget, Value::from_num((i + 1) as f64))?;
                    *self.slot_mut(slot) = *v;
                }
            }
        }
        for n in old_nodes.iter().rev() {
            if !n.val.is_nil() {
                let slot = self.find_or_insert(budget, n.key)?;
                *self.slot_mut(slot) = n.val;
            }
        }
        Ok(())
    }

    /// Sets the array part to `narray` slots, keeping the hash part's size
    /// (Lua 5.1's `luaH_resizearray`, used by `SETLIST`).
    pub fn resize_array(&mut self, budget: &mut Budget, narray: usize) -> Result<(), AllocError> {
        self.resize(budget, narray, self.nodes.len())
    }

    /// The iteration position just after `key` (0 for nil).
    fn position_after(&self, key: Value) -> Result<usize, TableError> {
        if key.is_nil() {
            return Ok(0);
        }
        let key = normalize_key(key).map_err(|_| TableError::InvalidNextKey)?;
        if let Some(n) = key.as_num() {
            if let Some(i) = array_slot(n, self.array.len()) {
                return Ok(i + 1);
            }
        }
        if !self.nodes.is_empty() {
            let (live, dead) = (key.to_bits(), key.to_dead_key().to_bits());
            let mut i = self.main_position(key);
            loop {
                let n = &self.nodes[i];
                let bits = n.key.to_bits();
                if bits == live || bits == dead {
                    return Ok(self.array.len() + i + 1);
                }
                if n.next == NO_NEXT {
                    break;
                }
                i = n.next as usize;
            }
        }
        Err(TableError::InvalidNextKey)
    }

    /// Lua's `next`: the entry after `key` (nil: the first), or `None` at
    /// the end. Array part first, then the hash nodes in index order.
    pub fn next(&self, key: Value) -> Result<Option<(Value, Value)>, TableError> {
        let start = self.position_after(key)?;
        let alen = self.array.len();
        if start < alen {
            if let Some(i) = self.array[start..].iter().position(|v| !v.is_nil()) {
                let i = start + i;
                return Ok(Some((Value::from_num((i + 1) as f64), self.array[i])));
            }
        }
        let from = start.saturating_sub(alen);
        Ok(self.nodes.get(from..).and_then(|ns| ns.iter().find(|n| !n.val.is_nil())).map(|n| (n.key, n.val)))
    }

    /// The length operator, raw: a border found as Lua 5.1's `luaH_getn`
    /// finds it (binary search in the array part if its last slot is nil,
    /// else an unbounded search through the hash part).
    pub fn border(&self) -> usize {
        let j = self.array.len();
        if j > 0 && self.array[j - 1].is_nil() {
            // array[i-1] is non-nil (or i == 0), array[j-1] is nil.
            let mut i = 0;
            let mut j = j;
            while j - i > 1 {
                let m = (i + j) / 2;
                if self.array[m - 1].is_nil() {
                    j = m;
                } else {
                    i = m;
                }
            }
            i
        } else if self.nodes.is_empty() {
            j
        } else {
            self.unbound_search(j)
        }
    }

    fn unbound_search(&self, start: usize) -> usize {
        let present = |k: usize| !self.get_int(k as i64).is_nil();
        let mut i = start; // 0 or present
        let mut j = start + 1;
        while present(j) {
            i = j;
            j *= 2;
            if j > i32::MAX as usize {
                // Built to defeat the search: count from 1.
                let mut k = 1;
                while present(k) {
                    k += 1;
                }
                return k - 1;
            }
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if present(m) {
                i = m;
            } else {
                j = m;
            }
        }
        i
    }

    /// The metatable (a table value), if any.
    #[inline]
    pub fn metatable(&self) -> Option<Value> {
        (!self.metatable.is_nil()).then_some(self.metatable)
    }

    /// Sets or removes the metatable. Returns false (and changes nothing)
    /// if `mt` is not a table.
    pub fn set_metatable(&mut self, mt: Option<Value>) -> bool {
        match mt {
            None => self.metatable = Value::NIL,
            Some(t) if t.is_table() => self.metatable = t,
            Some(_) => return false,
        }
        true
    }

    /// Looks metamethod `event` up in this table *used as a metatable*;
    /// `name` is the interned event name (`"__index"`...). An absence is
    /// cached until the next store into this table.
    #[inline]
    pub fn fast_meta(&self, event: FastMeta, name: Value) -> Option<Value> {
        let bit = 1u8 << event as u8;
        if self.absent.get() & bit != 0 {
            return None;
        }
        let v = self.get_str(name);
        if v.is_nil() {
            self.absent.set(self.absent.get() | bit);
            None
        } else {
            Some(v)
        }
    }

    /// The absent-metamethod bits (bit `FastMeta as u8` set = known absent).
    pub fn absent_flags(&self) -> u8 {
        self.absent.get()
    }
}

// SAFETY: `ObjKind::Table` belongs to `Table` alone, and `trace` marks the
// metatable and every live key and value.
unsafe impl GcObject for Table {
    const KIND: ObjKind = ObjKind::Table;

    fn trace(&mut self, marker: &mut Marker) {
        marker.mark(self.metatable);
        for v in self.array.iter() {
            marker.mark(*v);
        }
        for n in self.nodes.iter_mut() {
            if n.val.is_nil() {
                // An empty node must not keep its key alive, nor point at
                // it once it is freed.
                n.key = n.key.to_dead_key();
            } else {
                marker.mark(n.key);
                marker.mark(n.val);
            }
        }
    }

    fn extra_bytes(&self) -> usize {
        Self::bytes_for(self.array.len(), self.nodes.len())
    }
}

impl Heap {
    /// A new empty table with `narray` array slots and room for `nhash`
    /// hash keys (the sizes `NEWTABLE` and `lua_createtable` pass).
    pub fn new_table(&mut self, narray: usize, nhash: usize) -> Result<Value, AllocError> {
        if narray > MAX_ARRAY_SIZE || nhash > MAX_ARRAY_SIZE {
            return Err(AllocError::TooLarge);
        }
        let nnodes = if nhash == 0 { 0 } else { 1 << ceil_log2(nhash) };
        // Refuse before building the parts, so a cap stops a huge table
        // without it ever being allocated.
        let size = std::mem::size_of::<Table>() + Table::bytes_for(narray, nnodes);
        if self.budget.bytes().saturating_add(size) > self.memory_limit().unwrap_or(usize::MAX) {
            return Err(AllocError::LimitReached);
        }
        self.alloc(Table::with_sizes(narray, nhash))
    }

    /// The table `v` points at.
    #[inline]
    pub fn table(&self, v: Value) -> Option<&Table> {
        self.get::<Table>(v)
    }

    /// The table `v` points at, with the budget its growth is charged to.
    #[inline]
    pub fn table_mut(&mut self, v: Value) -> Option<(&mut Table, &mut Budget)> {
        self.get_mut_with_budget::<Table>(v)
    }

    /// `t[k] = v`, raw.
    pub fn table_set(&mut self, t: Value, k: Value, v: Value) -> Result<(), TableError> {
        let (table, budget) = self.table_mut(t).ok_or(TableError::NotATable)?;
        table.set(budget, k, v)
    }

    /// `t[k] = v` for an integer key, raw.
    pub fn table_set_int(&mut self, t: Value, k: i64, v: Value) -> Result<(), TableError> {
        let (table, budget) = self.table_mut(t).ok_or(TableError::NotATable)?;
        table.set_int(budget, k, v)
    }

    /// `t[k]`, raw (nil if `t` is not a table).
    pub fn table_get(&self, t: Value, k: Value) -> Value {
        self.table(t).map_or(Value::NIL, |t| t.get(k))
    }
}

/// The array-part index (`n - 1`) of number key `n` when `n` is an integer
/// in `1..=i32::MAX`, else an index of 2^31 or more (which no array part
/// reaches).
///
/// Through `i32` because a double-to-`i32` conversion and back is a few
/// machine instructions, where the `usize` route (unsigned 64-bit, with
/// Rust's saturation) took about twenty on x86-64; array parts never
/// reach 2^31 entries (`MAX_ARRAY_SIZE`).
#[inline(always)]
pub fn array_index(n: f64) -> usize {
    const _: () = assert!(MAX_ARRAY_SIZE <= 1 << 31);
    let k = to_i32_wrapping(n);
    // The round trip rejects every `n` that is not exactly `k`; `k <= 0`
    // wraps to a huge index.
    let i = (k as i64 - 1) as usize;
    if k as f64 == n {
        i
    } else {
        usize::MAX
    }
}

/// Some `i32` that equals `n` whenever `n` is an integer in `i32`'s range
/// (anything for other `n`: `array_index` checks the round trip).
///
/// x86-64 has no saturating conversion, so Rust's `as i32` costs a clamp
/// and a NaN test around `cvttsd2si`. Adding 1.5 * 2^52 instead rounds
/// `n` to an integer in the double's low mantissa bits (for |n| < 2^51,
/// with the default round-to-nearest mode Rust guarantees), whose low 32
/// bits are that integer in two's complement: one add and one move.
/// Elsewhere (aarch64's `fcvtzs` saturates in one instruction) it is the
/// plain cast.
#[inline(always)]
fn to_i32_wrapping(n: f64) -> i32 {
    if cfg!(target_arch = "x86_64") {
        const MAGIC: f64 = 6_755_399_441_055_744.0; // 1.5 * 2^52
        (n + MAGIC).to_bits() as u32 as i32
    } else {
        n as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `array_index` against its definition: `n - 1` for an integer `n`
    /// in `1..=i32::MAX`, no index otherwise (fractions, zero, negatives,
    /// NaN, infinities, -0.0 counts as 0, huge values).
    #[test]
    fn array_index_is_exact() {
        let reference = |n: f64| -> Option<usize> {
            (n.fract() == 0.0 && (1.0..=i32::MAX as f64).contains(&n)).then(|| n as usize - 1)
        };
        let array_index = |n: f64| Some(array_index(n)).filter(|&i| i < 1 << 31);
        let special = [
            0.0, -0.0, 1.0, 2.0, 0.5, 1.5, -1.0, -2.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY,
            i32::MAX as f64, i32::MAX as f64 + 1.0, i32::MIN as f64, 4294967296.0, 4294967297.0, 1e300, -1e300,
            f64::MIN_POSITIVE, 1.0 + f64::EPSILON,
        ];
        for n in special {
            assert_eq!(array_index(n), reference(n), "{n}");
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        // (Fewer under Miri, which runs this a thousand times slower.)
        let rounds = if cfg!(miri) { 2_000 } else { 200_000 };
        for _ in 0..rounds {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for n in [f64::from_bits(x), (x % 5000) as f64 - 100.0, (x >> 11) as f64 / 7.0] {
                assert_eq!(array_index(n), reference(n), "{n}");
            }
        }
    }
    use crate::gc::HeapConfig;

    fn num(n: f64) -> Value {
        Value::from_num(n)
    }

    fn heap() -> Heap {
        Heap::with_config(HeapConfig::default())
    }

    #[test]
    fn ceil_log2_and_compute_sizes() {
        assert_eq!([1, 2, 3, 4, 5, 8, 9].map(ceil_log2), [0, 1, 2, 2, 3, 3, 4]);
        // Keys 1, 2, 3: nums = [1, 1, 1] -> size 4 holds all three.
        let mut nums = [0; MAX_BITS + 1];
        nums[..3].copy_from_slice(&[1, 1, 1]);
        assert_eq!(compute_sizes(&nums, 3), (4, 3));
        // Keys 1 and 100: 100 is too sparse; size 1 holds key 1.
        let mut nums = [0; MAX_BITS + 1];
        nums[0] = 1;
        nums[7] = 1;
        assert_eq!(compute_sizes(&nums, 2), (1, 1));
        // Only key 5: size 8 would be 1/8 full; nothing goes to the array.
        let mut nums = [0; MAX_BITS + 1];
        nums[3] = 1;
        assert_eq!(compute_sizes(&nums, 1), (0, 0));
    }

    #[test]
    fn get_set_basics() {
        let mut h = heap();
        let t = h.new_table(0, 0).unwrap();
        let s = h.intern(b"x").unwrap();
        h.table_set(t, s, num(1.0)).unwrap();
        h.table_set(t, num(1.0), num(2.0)).unwrap();
        h.table_set(t, num(-0.0), num(3.0)).unwrap();
        h.table_set(t, num(2.5), Value::TRUE).unwrap();
        h.table_set(t, Value::FALSE, num(4.0)).unwrap();
        h.table_set(t, t, num(5.0)).unwrap();
        let tab = h.table(t).unwrap();
        assert_eq!(tab.get(s).as_num(), Some(1.0));
        assert_eq!(tab.get_str(s).as_num(), Some(1.0));
        assert_eq!(tab.get_int(1).as_num(), Some(2.0));
        assert_eq!(tab.get(num(0.0)).as_num(), Some(3.0));
        assert_eq!(tab.get(num(-0.0)).as_num(), Some(3.0));
        assert_eq!(tab.get_int(0).as_num(), Some(3.0));
        assert!(tab.get(num(2.5)).as_bool().unwrap());
        assert_eq!(tab.get(Value::FALSE).as_num(), Some(4.0));
        assert_eq!(tab.get(t).as_num(), Some(5.0));
        assert!(tab.get(Value::NIL).is_nil());
        assert!(tab.get(num(f64::NAN)).is_nil());
        assert!(tab.get(Value::TRUE).is_nil());
    }

    #[test]
    fn nil_and_nan_keys_are_refused() {
        let mut h = heap();
        let t = h.new_table(0, 0).unwrap();
        assert_eq!(h.table_set(t, Value::NIL, num(1.0)), Err(TableError::NilKey));
        assert_eq!(h.table_set(t, num(f64::NAN), num(1.0)), Err(TableError::NanKey));
        assert_eq!(TableError::NilKey.to_string(), "table index is nil");
        assert_eq!(TableError::NanKey.to_string(), "table index is NaN");
        assert_eq!(h.table_set(Value::NIL, num(1.0), num(1.0)), Err(TableError::NotATable));
        assert_eq!(h.table(t).unwrap().hash_len(), 0);
    }

    #[test]
    fn sequence_goes_to_the_array_part() {
        let mut h = heap();
        let t = h.new_table(0, 0).unwrap();
        for i in 1..=100 {
            h.table_set_int(t, i, num(i as f64)).unwrap();
        }
        let tab = h.table(t).unwrap();
        // 1..=100 appended in order: the array doubles 1, 2, 4, ... 128.
        assert_eq!(tab.array_len(), 128);
        assert_eq!(tab.hash_len(), 0);
        assert_eq!(tab.border(), 100);
        for i in 1..=100 {
            assert_eq!(tab.get_int(i).as_num(), Some(i as f64));
        }
    }

    #[test]
    fn next_walks_everything_once() {
        let mut h = heap();
        let t = h.new_table(0, 0).unwrap();
        for i in 1..=10 {
            h.table_set_int(t, i, num(i as f64)).unwrap();
        }
        let k = h.intern(b"k").unwrap();
        h.table_set(t, k, Value::TRUE).unwrap();
        h.table_set(t, num(0.5), Value::TRUE).unwrap();
        let tab = h.table(t).unwrap();
        let mut key = Value::NIL;
        let mut n = 0;
        while let Some((k2, _)) = tab.next(key).unwrap() {
            n += 1;
            key = k2;
        }
        assert_eq!(n, 12);
        assert_eq!(tab.next(num(1000.0)).err(), Some(TableError::InvalidNextKey));
        assert_eq!(tab.next(num(f64::NAN)).err(), Some(TableError::InvalidNextKey));
    }

    #[test]
    fn metamethod_absence_cache() {
        let mut h = heap();
        let mt = h.new_table(0, 0).unwrap();
        let index = h.intern(b"__index").unwrap();
        let newindex = h.intern(b"__newindex").unwrap();
        let t = h.new_table(0, 0).unwrap();
        assert!(h.table(t).unwrap().metatable().is_none());
        assert!(h.table_mut(t).unwrap().0.set_metatable(Some(mt)));
        assert!(!h.table_mut(t).unwrap().0.set_metatable(Some(Value::TRUE)));
        assert!(h.table(t).unwrap().metatable().unwrap().raw_eq(mt));
        let m = h.table(mt).unwrap();
        assert!(m.fast_meta(FastMeta::Index, index).is_none());
        assert_eq!(m.absent_flags(), 1 << FastMeta::Index as u8);
        assert!(m.fast_meta(FastMeta::NewIndex, newindex).is_none());
        assert_eq!(m.absent_flags(), 0b11);
        h.table_set(mt, index, t).unwrap();
        let m = h.table(mt).unwrap();
        assert_eq!(m.absent_flags(), 0, "a store clears the cache");
        assert!(m.fast_meta(FastMeta::Index, index).unwrap().raw_eq(t));
        assert!(m.fast_meta(FastMeta::NewIndex, newindex).is_none());
        assert_eq!(m.absent_flags(), 1 << FastMeta::NewIndex as u8);
    }

    #[test]
    fn collection_through_tables() {
        let mut h = heap();
        let root = h.new_table(0, 0).unwrap();
        let child = h.new_table(0, 0).unwrap();
        let s = h.intern(b"child").unwrap();
        h.table_set(root, s, child).unwrap();
        h.table_set(child, num(1.0), root).unwrap(); // a cycle
        let mt = h.new_table(0, 0).unwrap();
        h.table_mut(child).unwrap().0.set_metatable(Some(mt));
        for i in 0..20 {
            let g = h.new_table(0, 0).unwrap();
            h.table_set(g, num(1.0), g).unwrap();
            let gs = h.intern(format!("garbage{i}").as_bytes()).unwrap();
            h.table_set(g, gs, gs).unwrap();
        }
        // SAFETY: only `root` (a root) and what it reaches are used afterwards.
        let stats = unsafe { h.collect(|m| m.mark(root)) };
        assert_eq!(stats.objects_freed, 40);
        assert_eq!(h.object_count(), 4);
        let c = h.table(root).unwrap().get(s);
        assert!(c.raw_eq(child));
        assert!(h.table(c).unwrap().metatable().unwrap().raw_eq(mt));
        assert_eq!(h.str_bytes(s), Some(&b"child"[..]));
        // SAFETY: nothing is used afterwards.
        unsafe { h.collect(|_| {}) };
        assert_eq!(h.object_count(), 0);
    }

    #[test]
    fn dead_keys_stay_findable_by_next() {
        let mut h = heap();
        let t = h.new_table(0, 0).unwrap();
        let keys: Vec<Value> = (0..8).map(|i| h.intern(format!("k{i}").as_bytes()).unwrap()).collect();
        for k in &keys {
            h.table_set(t, *k, Value::TRUE).unwrap();
        }
        // Clear every entry while iterating, collecting in the middle.
        let mut key = Value::NIL;
        let mut seen = 0;
        while let Some((k, _)) = h.table(t).unwrap().next(key).unwrap() {
            h.table_set(t, k, Value::NIL).unwrap();
            seen += 1;
            // SAFETY: `t` and the current key `k` are roots; the other
            // strings in `keys` are not used again.
            unsafe {
                h.collect(|m| {
                    m.mark(t);
                    m.mark(k);
                })
            };
            key = k;
        }
        assert_eq!(seen, 8);
        assert_eq!(h.object_count(), 2, "the table and the last key");
    }

    #[test]
    fn memory_cap_on_growth() {
        let mut h = Heap::with_config(HeapConfig { memory_limit: Some(4096), ..HeapConfig::default() });
        let t = h.new_table(0, 0).unwrap();
        let mut i = 1;
        let err = loop {
            match h.table_set_int(t, i, num(1.0)) {
                Ok(()) => i += 1,
                Err(e) => break e,
            }
        };
        assert_eq!(err, TableError::Alloc(AllocError::LimitReached));
        assert!(h.bytes() <= 4096);
        // The table is intact after the refused growth.
        let tab = h.table(t).unwrap();
        assert_eq!(tab.border(), (i - 1) as usize);
        assert!(h.new_table(1000, 0).is_err());
    }
}
