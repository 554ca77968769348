//! The heap: owns every garbage-collected object and frees the unreachable
//! ones with a precise, non-moving, stop-the-world mark-sweep collector.
//!
//! ## Objects
//!
//! Every object is one allocation that starts with a [`GcHeader`]: the
//! link of the all-objects list (intrusive, as in PUC-Rio's `CommonHeader`,
//! so the list costs no allocation of its own), a pointer to the object's
//! static [`VTable`] (its kind, how to trace it, how big it is, how to free
//! it) and the mark bit. Generic objects are a `GcBox<T>` (header, then the
//! `T`); strings keep their bytes inline after a string header
//! (`string.rs`). Object kinds the interpreter adds later (functions,
//! prototypes, upvalues, threads) only implement [`GcObject`]; this file does
//! not change.
//!
//! Objects never move, so a `Value` holds the object's address directly.
//!
//! ## Collection
//!
//! Collection is stop-the-world: [`Heap::collect`] marks from the roots the
//! caller supplies (a visitor over root values — stacks, globals, registry,
//! open upvalues: the heap knows none of these), traces through the gray
//! stack until it is empty, drops unmarked strings from the (weak) intern
//! table, then sweeps the all-objects list. Incremental collection would
//! need write barriers in every store of the interpreter and the JIT; a
//! stop-the-world collector needs none, and its pauses are bounded by the
//! live heap, which the memory cap bounds.
//!
//! Sweeping happens only inside `collect`. Allocation never collects: it
//! charges the [`Budget`] and, when the policy says a collection is due,
//! [`Heap::needs_collect`] turns true; the interpreter collects at its next
//! safe point, where it can name every root (PUC-Rio's `luaC_checkGC` at
//! chosen instructions plays the same role).
//!
//! ## Policy
//!
//! - Pause: after a collection the threshold is `live * pause / 100`
//!   (default `pause = 200`, Lua 5.1's `setpause` default: collect again when
//!   the heap has doubled), never below [`MIN_THRESHOLD`].
//! - Stress: with [`HeapConfig::stress`] (or `PERIGEE_GC_STRESS=1` in the
//!   environment, read by [`Heap::new`]) `needs_collect` is true after every
//!   allocation, so the interpreter collects at every allocating safe point.
//! - Cap: with [`HeapConfig::memory_limit`], an allocation that would take
//!   [`Heap::bytes`] above the cap fails with [`AllocError`]; the interpreter
//!   raises "not enough memory". Nothing is allocated on failure.
//!
//! `bytes()` counts every object and the buffers objects own (table parts,
//! the intern table), so `collectgarbage("count")` is `bytes() / 1024`.
//!
//! ## Safety contract
//!
//! A `Value` that points at an object is a plain address with no lifetime.
//! The safe API dereferences such values, so the interpreter upholds:
//!
//! 1. A value given to a heap method was produced by *that* heap (one heap
//!    per Lua state; values never cross states).
//! 2. An object is only used while it is alive: a value held across
//!    [`Heap::collect`] must be reachable from the roots given to that
//!    collection. This is why `collect` is `unsafe`: it is the one call that
//!    can invalidate values, and its caller promises the roots are complete.
//! 3. Every [`GcObject::trace`] marks every value the object holds.
//!
//! Under these rules every object reference the safe API hands out is
//! valid: references borrow the `Heap`, and nothing frees objects while a
//! `&Heap` or `&mut Heap` borrow is alive except `collect`, which needs
//! `&mut Heap`. A value whose bits are invented is excluded because
//! [`Value::from_bits`] is `unsafe`.

use std::cell::Cell;
use std::fmt;
use std::ptr::NonNull;

use crate::string::InternTable;
use crate::value::{ObjKind, Value};

/// Collection never runs below this many bytes (so tiny programs do not
/// collect constantly).
pub const MIN_THRESHOLD: usize = 256 * 1024;

/// The environment variable that switches stress mode on (value `1`).
pub const STRESS_ENV: &str = "PERIGEE_GC_STRESS";

/// Why an allocation failed. The interpreter reports every variant as
/// "not enough memory".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllocError {
    /// The memory cap would be exceeded.
    LimitReached,
    /// The size computation overflowed, or a table part would exceed the
    /// largest size Lua allows.
    TooLarge,
    /// The system returned an address that does not fit a `Value` payload.
    AddressOutOfRange,
}

impl fmt::Display for AllocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not enough memory")
    }
}

impl std::error::Error for AllocError {}

/// The first word(s) of every heap object.
#[repr(C)]
pub struct GcHeader {
    /// Next object in the all-objects list.
    next: Cell<Option<NonNull<GcHeader>>>,
    vtable: &'static VTable,
    marked: Cell<bool>,
}

impl GcHeader {
    pub(crate) fn new(vtable: &'static VTable) -> GcHeader {
        GcHeader { next: Cell::new(None), vtable, marked: Cell::new(false) }
    }
}

/// How the collector handles one kind of object.
pub struct VTable {
    pub(crate) kind: ObjKind,
    /// Marks everything the object references.
    ///
    /// Safety: the header belongs to a live object of this vtable's type and
    /// no reference to the object's body exists.
    pub(crate) trace: unsafe fn(NonNull<GcHeader>, &mut Marker),
    /// The bytes the object has been charged for (allocation + owned buffers).
    ///
    /// Safety: as `trace`.
    pub(crate) size: unsafe fn(NonNull<GcHeader>) -> usize,
    /// Drops the object and frees its allocation.
    ///
    /// Safety: as `trace`, and the pointer carries the provenance of the
    /// original allocation; the object is never used again.
    pub(crate) free: unsafe fn(NonNull<GcHeader>),
}

/// A type that lives on the heap.
///
/// # Safety
/// `KIND` must be unique to the type among all implementations (the heap
/// trusts a value's tag to know the Rust type behind it; strings, which have
/// their own layout, own `ObjKind::String`), and `trace` must mark every
/// value the object holds.
pub unsafe trait GcObject: Sized + 'static {
    const KIND: ObjKind;

    /// Marks every value this object references. It may also tidy the
    /// object (tables turn the keys of empty nodes into dead keys here).
    fn trace(&mut self, marker: &mut Marker);

    /// Bytes the object owns outside its own allocation (table parts, a
    /// thread's stack), as charged to the [`Budget`]. Growing a buffer must
    /// be charged through the budget so that this stays equal to what was
    /// charged.
    fn extra_bytes(&self) -> usize {
        0
    }
}

/// A generic object: header first, so a header pointer is a box pointer.
#[repr(C)]
struct GcBox<T> {
    header: GcHeader,
    value: T,
}

struct BoxVTable<T>(std::marker::PhantomData<T>);

impl<T: GcObject> BoxVTable<T> {
    const VTABLE: VTable = VTable { kind: T::KIND, trace: trace_box::<T>, size: size_box::<T>, free: free_box::<T> };
}

unsafe fn trace_box<T: GcObject>(h: NonNull<GcHeader>, marker: &mut Marker) {
    let b = h.as_ptr().cast::<GcBox<T>>();
    // SAFETY: the caller guarantees a live `GcBox<T>` with no other
    // reference to its body; the marker only touches headers (`Cell`s), a
    // different part of any allocation than this `&mut` to the body.
    let value = unsafe { &mut (*b).value };
    value.trace(marker);
}

unsafe fn size_box<T: GcObject>(h: NonNull<GcHeader>) -> usize {
    let b = h.as_ptr().cast::<GcBox<T>>();
    // SAFETY: a live `GcBox<T>` (caller); shared access only.
    let value = unsafe { &(*b).value };
    std::mem::size_of::<GcBox<T>>() + value.extra_bytes()
}

unsafe fn free_box<T: GcObject>(h: NonNull<GcHeader>) {
    // SAFETY: the box was made by `Box::into_raw` in `Heap::alloc` and the
    // pointer carries its provenance (it comes from the all-objects list);
    // the caller never uses it again.
    drop(unsafe { Box::from_raw(h.as_ptr().cast::<GcBox<T>>()) });
}

/// Byte accounting and the memory cap.
#[derive(Debug)]
pub struct Budget {
    bytes: usize,
    limit: usize,
    /// Anything was charged since the last collection (for stress mode).
    charged_since_collect: bool,
}

impl Budget {
    /// Reserves `n` more bytes, or fails without changing anything.
    pub fn charge(&mut self, n: usize) -> Result<(), AllocError> {
        let new = self.bytes.checked_add(n).ok_or(AllocError::TooLarge)?;
        if new > self.limit {
            return Err(AllocError::LimitReached);
        }
        self.bytes = new;
        self.charged_since_collect = true;
        Ok(())
    }

    /// Returns `n` bytes (an object or buffer was freed or shrunk).
    pub fn release(&mut self, n: usize) {
        debug_assert!(n <= self.bytes, "released more than was charged");
        self.bytes = self.bytes.saturating_sub(n);
    }

    /// Moves the charge of a buffer from `old` to `new` bytes.
    pub fn recharge(&mut self, old: usize, new: usize) -> Result<(), AllocError> {
        if new >= old {
            self.charge(new - old)
        } else {
            self.release(old - new);
            Ok(())
        }
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

/// How a heap collects.
#[derive(Clone, Debug)]
pub struct HeapConfig {
    /// Collect at every allocation (see the module doc).
    pub stress: bool,
    /// The cap on [`Heap::bytes`]; `None` for no cap.
    pub memory_limit: Option<usize>,
    /// Next threshold = live bytes * pause / 100 (Lua 5.1's `setpause`).
    pub pause: u32,
}

impl Default for HeapConfig {
    fn default() -> HeapConfig {
        HeapConfig { stress: false, memory_limit: None, pause: 200 }
    }
}

impl HeapConfig {
    /// The default configuration, with stress mode on if
    /// `PERIGEE_GC_STRESS=1` is set.
    pub fn from_env() -> HeapConfig {
        let stress = std::env::var_os(STRESS_ENV).is_some_and(|v| v == "1");
        HeapConfig { stress, ..HeapConfig::default() }
    }
}

/// Statistics of one collection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CollectStats {
    pub objects_freed: usize,
    pub bytes_freed: usize,
    pub bytes_live: usize,
}

/// The marking state handed to roots and to [`GcObject::trace`].
pub struct Marker {
    gray: Vec<NonNull<GcHeader>>,
}

impl Marker {
    /// Marks the object `v` points at (if any) as reachable.
    #[inline]
    pub fn mark(&mut self, v: Value) {
        let Some((kind, addr)) = v.as_gc_ptr() else { return };
        // Addresses in values are never null (`Value::from_object`).
        let Some(h) = NonNull::new(addr as *mut GcHeader) else { return };
        // SAFETY: by the heap's contract `v` points at a live object of this
        // heap, which starts with its header; headers are only accessed
        // through shared references and `Cell`s.
        let header = unsafe { h.as_ref() };
        debug_assert_eq!(header.vtable.kind, kind, "a value's tag disagrees with its object");
        if header.marked.replace(true) {
            return;
        }
        // Strings reference nothing: mark, do not trace.
        if kind != ObjKind::String {
            self.gray.push(h);
        }
    }
}

/// The owner of every garbage-collected object; see the module doc.
pub struct Heap {
    /// Head of the all-objects list.
    objects: Cell<Option<NonNull<GcHeader>>>,
    object_count: usize,
    pub(crate) strings: InternTable,
    pub(crate) budget: Budget,
    threshold: usize,
    stress: bool,
    pause: u32,
    /// The gray stack, kept between collections to reuse its buffer.
    gray: Vec<NonNull<GcHeader>>,
}

impl Default for Heap {
    fn default() -> Heap {
        Heap::new()
    }
}

impl Heap {
    /// A heap with the default policy; stress mode follows `PERIGEE_GC_STRESS`.
    pub fn new() -> Heap {
        Heap::with_config(HeapConfig::from_env())
    }

    pub fn with_config(config: HeapConfig) -> Heap {
        Heap {
            objects: Cell::new(None),
            object_count: 0,
            strings: InternTable::new(),
            budget: Budget { bytes: 0, limit: config.memory_limit.unwrap_or(usize::MAX), charged_since_collect: false },
            threshold: MIN_THRESHOLD,
            stress: config.stress,
            pause: config.pause,
            gray: Vec::new(),
        }
    }

    /// Bytes currently allocated (objects and the buffers they own).
    pub fn bytes(&self) -> usize {
        self.budget.bytes
    }

    /// Number of objects currently allocated.
    pub fn object_count(&self) -> usize {
        self.object_count
    }

    /// The byte count at which the policy asks for the next collection.
    pub fn threshold(&self) -> usize {
        self.threshold
    }

    pub fn stress(&self) -> bool {
        self.stress
    }

    pub fn set_stress(&mut self, on: bool) {
        self.stress = on;
    }

    /// Sets (or removes) the memory cap. Lowering it below `bytes()` makes
    /// every further allocation fail until a collection frees enough.
    pub fn set_memory_limit(&mut self, limit: Option<usize>) {
        self.budget.limit = limit.unwrap_or(usize::MAX);
    }

    pub fn memory_limit(&self) -> Option<usize> {
        (self.budget.limit != usize::MAX).then_some(self.budget.limit)
    }

    /// Sets the pause (`collectgarbage("setpause")`); returns the old one.
    pub fn set_pause(&mut self, pause: u32) -> u32 {
        std::mem::replace(&mut self.pause, pause)
    }

    /// The accounting, for objects that grow their own buffers.
    pub fn budget_mut(&mut self) -> &mut Budget {
        &mut self.budget
    }

    /// True when the policy (threshold or stress mode) wants a collection:
    /// the interpreter calls [`Heap::collect`] at its next safe point.
    pub fn needs_collect(&self) -> bool {
        self.budget.bytes >= self.threshold || (self.stress && self.budget.charged_since_collect)
    }

    /// Moves `value` to the heap.
    pub fn alloc<T: GcObject>(&mut self, value: T) -> Result<Value, AllocError> {
        let size = std::mem::size_of::<GcBox<T>>().checked_add(value.extra_bytes()).ok_or(AllocError::TooLarge)?;
        self.budget.charge(size)?;
        let boxed = Box::new(GcBox { header: GcHeader::new(&BoxVTable::<T>::VTABLE), value });
        let ptr = NonNull::from(Box::leak(boxed)).cast::<GcHeader>();
        // SAFETY: `ptr` comes straight from the box just leaked and nothing
        // else refers to it yet.
        unsafe { self.link(ptr, T::KIND, size) }
    }

    /// Puts a freshly allocated object on the all-objects list and makes
    /// its value, or frees it again if its address does not fit a value.
    ///
    /// # Safety
    /// `ptr` is a live, initialised, unlinked object of kind `kind`, whose
    /// vtable frees it, carrying its allocation's provenance, and `size`
    /// bytes were charged for it.
    pub(crate) unsafe fn link(
        &mut self,
        ptr: NonNull<GcHeader>,
        kind: ObjKind,
        size: usize,
    ) -> Result<Value, AllocError> {
        // `as usize` exposes the provenance, so values can be turned back
        // into pointers.
        match Value::from_object(kind, ptr.as_ptr() as usize) {
            Ok(v) => {
                // SAFETY: live header (caller).
                let header = unsafe { ptr.as_ref() };
                header.next.set(self.objects.get());
                self.objects.set(Some(ptr));
                self.object_count += 1;
                Ok(v)
            }
            Err(_) => {
                // SAFETY: live, unlinked object (caller); never used again.
                unsafe { (ptr.as_ref().vtable.free)(ptr) };
                self.budget.release(size);
                Err(AllocError::AddressOutOfRange)
            }
        }
    }

    /// The object `v` points at, if it is a `T`.
    #[inline]
    pub fn get<T: GcObject>(&self, v: Value) -> Option<&T> {
        let b = Self::box_ptr::<T>(v)?;
        // SAFETY: `v` is a live `T` of this heap (contract); no `&mut` to it
        // can exist while `self` is borrowed shared.
        Some(unsafe { &(*b.as_ptr()).value })
    }

    /// The object `v` points at, mutably, if it is a `T`.
    #[inline]
    pub fn get_mut<T: GcObject>(&mut self, v: Value) -> Option<&mut T> {
        let b = Self::box_ptr::<T>(v)?;
        // SAFETY: `v` is a live `T` of this heap (contract); `&mut self` is
        // the only path to objects, so this is the only reference.
        Some(unsafe { &mut (*b.as_ptr()).value })
    }

    /// The object `v` points at, mutably, with the budget its buffers are
    /// charged to (disjoint borrows of the heap).
    #[inline]
    pub(crate) fn get_mut_with_budget<T: GcObject>(&mut self, v: Value) -> Option<(&mut T, &mut Budget)> {
        let b = Self::box_ptr::<T>(v)?;
        // SAFETY: as `get_mut`; the budget is a field of the heap, not of
        // any object.
        Some((unsafe { &mut (*b.as_ptr()).value }, &mut self.budget))
    }

    /// A pointer to the object `v` points at, if it is a `T`, for callers
    /// that keep it past this borrow of the heap (frame records); derived
    /// from the object's address, not from a reference, so later borrows of
    /// the object leave it valid. Dereferencing it is sound while the
    /// object is alive and not borrowed mutably.
    #[inline]
    pub fn get_ptr<T: GcObject>(&self, v: Value) -> Option<NonNull<T>> {
        let b = Self::box_ptr::<T>(v)?;
        // SAFETY: `b` is a live `GcBox<T>` (contract); `addr_of_mut!`
        // makes no reference, and a field of a non-null box is not null.
        Some(unsafe { NonNull::new_unchecked(std::ptr::addr_of_mut!((*b.as_ptr()).value)) })
    }

    #[inline(always)]
    fn box_ptr<T: GcObject>(v: Value) -> Option<NonNull<GcBox<T>>> {
        let addr = v.object_addr(T::KIND)?;
        // SAFETY: an object value's address is never 0: `Value::from_object`
        // refuses 0, and `Value::from_bits` may only rebuild valid values.
        // (No null test here: it ran on every object access.)
        Some(unsafe { NonNull::new_unchecked(addr as *mut GcBox<T>) })
    }

    /// Collects garbage: everything not reachable from what `roots` marks
    /// is freed.
    ///
    /// # Safety
    /// Every value the caller still holds (and will use with this heap
    /// afterwards) must be marked by `roots` or reachable from a marked
    /// object. Values not reachable are dangling afterwards.
    pub unsafe fn collect(&mut self, roots: impl FnOnce(&mut Marker)) -> CollectStats {
        let mut marker = Marker { gray: std::mem::take(&mut self.gray) };
        roots(&mut marker);
        while let Some(h) = marker.gray.pop() {
            // SAFETY: only live objects of this heap are pushed (contract),
            // and during `collect` no reference to any object body exists
            // (`&mut self`); `trace` holds one body at a time.
            unsafe { (h.as_ref().vtable.trace)(h, &mut marker) };
        }
        self.gray = marker.gray;

        // The intern table is weak: forget strings about to be freed.
        let budget = &mut self.budget;
        self.strings.retain_marked(budget);

        let mut stats = CollectStats::default();
        let mut link: &Cell<Option<NonNull<GcHeader>>> = &self.objects;
        let mut cur = link.get();
        while let Some(h) = cur {
            // SAFETY: every object on the list is alive until freed below.
            let header = unsafe { h.as_ref() };
            cur = header.next.get();
            if header.marked.replace(false) {
                link = &header.next;
            } else {
                link.set(cur);
                let vtable = header.vtable;
                // SAFETY: unmarked means unreachable from the roots, so (by
                // `collect`'s contract) nothing will use it again; it is
                // unlinked, and `h` carries the allocation's provenance.
                let size = unsafe { (vtable.size)(h) };
                // SAFETY: as above.
                unsafe { (vtable.free)(h) };
                self.budget.release(size);
                stats.objects_freed += 1;
                stats.bytes_freed += size;
            }
        }
        self.object_count -= stats.objects_freed;
        stats.bytes_live = self.budget.bytes;
        let pause = self.pause as usize;
        self.threshold = (self.budget.bytes / 100).saturating_mul(pause).max(MIN_THRESHOLD);
        self.budget.charged_since_collect = false;
        stats
    }

    /// Whether the object `v` points at carries the mark bit (only
    /// meaningful inside a collection; used by the weak intern table).
    pub(crate) fn is_marked(h: NonNull<GcHeader>) -> bool {
        // SAFETY: callers pass live objects.
        unsafe { h.as_ref() }.marked.get()
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        self.strings.clear(&mut self.budget);
        let mut cur = self.objects.take();
        while let Some(h) = cur {
            // SAFETY: every object on the list is alive and owned by the
            // heap; once the heap is gone no value may be used (contract).
            unsafe {
                cur = h.as_ref().next.get();
                (h.as_ref().vtable.free)(h);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test object holding values: a stand-in for closures and threads.
    struct Cellish {
        slots: Vec<Value>,
    }

    // SAFETY: `Userdata` is used by no other type in this test crate's
    // heaps, and `trace` marks every slot.
    unsafe impl GcObject for Cellish {
        const KIND: ObjKind = ObjKind::Userdata;
        fn trace(&mut self, marker: &mut Marker) {
            for v in &self.slots {
                marker.mark(*v);
            }
        }
        fn extra_bytes(&self) -> usize {
            self.slots.capacity() * 8
        }
    }

    fn heap() -> Heap {
        Heap::with_config(HeapConfig::default())
    }

    #[test]
    fn alloc_and_read_back() {
        let mut h = heap();
        let v = h.alloc(Cellish { slots: vec![Value::from_num(1.0)] }).unwrap();
        assert_eq!(v.obj_kind(), Some(ObjKind::Userdata));
        assert_eq!(h.get::<Cellish>(v).unwrap().slots[0].as_num(), Some(1.0));
        h.get_mut::<Cellish>(v).unwrap().slots[0] = Value::TRUE;
        assert!(h.get::<Cellish>(v).unwrap().slots[0].as_bool().unwrap());
        assert!(h.get::<Cellish>(Value::NIL).is_none());
        assert_eq!(h.object_count(), 1);
    }

    #[test]
    fn unreachable_objects_are_freed_and_reachable_kept() {
        let mut h = heap();
        let keep = h.alloc(Cellish { slots: Vec::with_capacity(1) }).unwrap();
        let child = h.alloc(Cellish { slots: vec![] }).unwrap();
        // Within capacity, so the charge stays right.
        h.get_mut::<Cellish>(keep).unwrap().slots.push(child);
        let before = h.bytes();
        for _ in 0..10 {
            h.alloc(Cellish { slots: vec![Value::TRUE] }).unwrap();
        }
        assert_eq!(h.object_count(), 12);
        // SAFETY: only `keep` (a root) and `child` (reachable) are used afterwards.
        let stats = unsafe { h.collect(|m| m.mark(keep)) };
        assert_eq!(stats.objects_freed, 10);
        assert_eq!(h.object_count(), 2);
        assert_eq!(h.bytes(), before);
        assert!(h.get::<Cellish>(child).is_some());
        assert!(h.get::<Cellish>(keep).unwrap().slots[0].raw_eq(child));
    }

    #[test]
    fn cycles_are_collected_and_traced_through() {
        let mut h = heap();
        let a = h.alloc(Cellish { slots: Vec::with_capacity(1) }).unwrap();
        let b = h.alloc(Cellish { slots: Vec::with_capacity(1) }).unwrap();
        h.get_mut::<Cellish>(a).unwrap().slots.push(b);
        h.get_mut::<Cellish>(b).unwrap().slots.push(a);
        // Reachable through the cycle from `a`.
        // SAFETY: `a` is the only value used afterwards; `b` is reachable.
        let stats = unsafe { h.collect(|m| m.mark(a)) };
        assert_eq!(stats.objects_freed, 0);
        assert!(h.get::<Cellish>(b).unwrap().slots[0].raw_eq(a));
        // Unreachable cycle.
        // SAFETY: neither is used afterwards.
        let stats = unsafe { h.collect(|_| {}) };
        assert_eq!(stats.objects_freed, 2);
        assert_eq!(h.bytes(), 0);
        assert_eq!(h.object_count(), 0);
    }

    #[test]
    fn memory_cap_fails_without_allocating() {
        let mut h = Heap::with_config(HeapConfig { memory_limit: Some(200), ..HeapConfig::default() });
        let mut n = 0;
        let err = loop {
            match h.alloc(Cellish { slots: vec![] }) {
                Ok(_) => n += 1,
                Err(e) => break e,
            }
        };
        assert_eq!(err, AllocError::LimitReached);
        assert_eq!(err.to_string(), "not enough memory");
        assert!(n > 0);
        assert_eq!(h.object_count(), n);
        assert!(h.bytes() <= 200);
        // SAFETY: no value is used afterwards.
        unsafe { h.collect(|_| {}) };
        assert!(h.alloc(Cellish { slots: vec![] }).is_ok());
    }

    #[test]
    fn policy_threshold_and_stress() {
        let mut h = heap();
        assert!(!h.needs_collect());
        h.alloc(Cellish { slots: Vec::with_capacity(MIN_THRESHOLD / 8) }).unwrap();
        assert!(h.needs_collect());
        let mut s = Heap::with_config(HeapConfig { stress: true, ..HeapConfig::default() });
        assert!(!s.needs_collect());
        let v = s.alloc(Cellish { slots: vec![] }).unwrap();
        assert!(s.needs_collect());
        // SAFETY: `v` is a root.
        unsafe { s.collect(|m| m.mark(v)) };
        assert!(!s.needs_collect());
        assert!(s.get::<Cellish>(v).is_some());
    }

    #[test]
    fn threshold_is_twice_the_live_heap() {
        let mut h = heap();
        let big = h.alloc(Cellish { slots: Vec::with_capacity(MIN_THRESHOLD / 4) }).unwrap();
        // SAFETY: `big` is a root.
        unsafe { h.collect(|m| m.mark(big)) };
        let live = h.bytes();
        assert!(live > MIN_THRESHOLD);
        assert_eq!(h.threshold(), live / 100 * 200);
    }
}
