//! `Value`: one Lua value in 8 bytes, NaN-boxed.
//!
//! Every slot of the interpreter's stack, every table entry and every
//! constant is a `Value`, so it must be small (one machine word, so a stack
//! slot is one load) and a number must cost nothing to box (most Lua
//! arithmetic is on doubles). NaN-boxing gives both: a double is stored as its
//! own IEEE bits, and everything else hides in bit patterns no number uses —
//! the negative quiet NaNs with a non-zero payload.
//!
//! ## Encoding
//!
//! | bits 63..51 (13) | bits 50..48 `tag` | bits 47..0 `payload`  | meaning                                  |
//! |------------------|-------------------|-----------------------|------------------------------------------|
//! | anything but all ones, or all ones with `tag = 0, payload = 0` | — | — | a double, its bits as they are |
//! | all ones         | 0                 | 1                     | `nil`                                    |
//! | all ones         | 0                 | 2                     | `false`                                  |
//! | all ones         | 0                 | 3                     | `true`                                   |
//! | all ones         | 0                 | address (>= 8)        | internal only: a dead table key (`table.rs`), never handed out |
//! | all ones         | 1                 | address               | string                                   |
//! | all ones         | 2                 | address               | table                                    |
//! | all ones         | 3                 | address               | function                                 |
//! | all ones         | 4                 | address               | userdata                                 |
//! | all ones         | 5                 | address               | thread                                   |
//! | all ones         | 6                 | address               | proto (internal, never a Lua value)      |
//! | all ones         | 7                 | address               | upvalue (internal, never a Lua value)    |
//!
//! So `bits <= 0xFFF8_0000_0000_0000` is exactly "is a number": one compare.
//! `0xFFF8_0000_0000_0000` itself is the NaN that x86 produces for `0/0`;
//! aarch64 produces `0x7FF8_0000_0000_0000`. Both default NaNs therefore
//! decode as numbers even if some path (a JIT trace, say) stores an
//! arithmetic result without canonicalising it.
//!
//! ## NaN canonicalisation
//!
//! [`Value::from_num`] stores *every* NaN as the one quiet NaN
//! `0x7FF8_0000_0000_0000` ([`CANONICAL_NAN`]); the interpreter's
//! arithmetic uses [`Value::from_arith`], which also keeps the x86 default
//! NaN `0xFFF8_0000_0000_0000` (cheaper than a NaN test). A NaN's sign and payload
//! are not observable in perigee: `tostring` of any NaN is `nan` (DESIGN.md
//! pins this, whatever the sign bit), and NaN compares unequal to
//! everything. So dropping the payload is free, and no double can ever
//! alias a tagged value.
//!
//! ## Pointers
//!
//! The payload holds a 48-bit address: x86-64 and aarch64 (48-bit virtual
//! addresses, also under qemu-user) give user space addresses below 2^48.
//! The heap checks this for every object it allocates ([`Value::from_object`]
//! returns [`AddressOutOfRange`] if the top 16 bits are not zero, and the
//! allocation becomes an out-of-memory error), so an unexpected address
//! space layout is an error, never a silently corrupted pointer.
//!
//! A `Value` holding a pointer is a borrowed, lifetime-less reference into
//! its [`Heap`](crate::gc::Heap); the rules that keep it valid are in
//! `gc.rs`. That is why constructing a `Value` from raw bits is `unsafe`.

use std::fmt;

/// The one NaN a `Value` stores (a positive quiet NaN with zero payload).
pub const CANONICAL_NAN: u64 = 0x7FF8_0000_0000_0000;

/// The largest bit pattern that is a number (see the encoding table).
const NUM_MAX: u64 = 0xFFF8_0000_0000_0000;
/// The 13 all-ones high bits shared by every non-number.
const BOX_PREFIX: u64 = 0xFFF8_0000_0000_0000;
const TAG_SHIFT: u32 = 48;
const PAYLOAD_MASK: u64 = (1 << TAG_SHIFT) - 1;

const NIL_BITS: u64 = BOX_PREFIX | 1;
const FALSE_BITS: u64 = BOX_PREFIX | 2;
const TRUE_BITS: u64 = BOX_PREFIX | 3;

/// The kind of a garbage-collected object, as carried in a `Value`'s tag.
///
/// The discriminant is the 3-bit tag of the encoding table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ObjKind {
    String = 1,
    Table = 2,
    Function = 3,
    Userdata = 4,
    Thread = 5,
    /// A function prototype; referenced by closures, never a Lua value.
    Proto = 6,
    /// An upvalue cell; referenced by closures, never a Lua value.
    Upvalue = 7,
}

impl ObjKind {
    fn from_tag(tag: u64) -> Option<ObjKind> {
        Some(match tag {
            1 => ObjKind::String,
            2 => ObjKind::Table,
            3 => ObjKind::Function,
            4 => ObjKind::Userdata,
            5 => ObjKind::Thread,
            6 => ObjKind::Proto,
            7 => ObjKind::Upvalue,
            _ => return None,
        })
    }
}

/// The type of a value, as Lua's `type()` sees it (plus the two internal
/// object kinds, which never reach a Lua program).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Nil,
    Boolean,
    Number,
    String,
    Table,
    Function,
    Userdata,
    Thread,
    Proto,
    Upvalue,
}

impl Type {
    /// The name `type()` returns.
    pub fn name(self) -> &'static str {
        match self {
            Type::Nil => "nil",
            Type::Boolean => "boolean",
            Type::Number => "number",
            Type::String => "string",
            Type::Table => "table",
            Type::Function => "function",
            Type::Userdata => "userdata",
            Type::Thread => "thread",
            Type::Proto => "proto",
            Type::Upvalue => "upvalue",
        }
    }
}

impl From<ObjKind> for Type {
    fn from(k: ObjKind) -> Type {
        match k {
            ObjKind::String => Type::String,
            ObjKind::Table => Type::Table,
            ObjKind::Function => Type::Function,
            ObjKind::Userdata => Type::Userdata,
            ObjKind::Thread => Type::Thread,
            ObjKind::Proto => Type::Proto,
            ObjKind::Upvalue => Type::Upvalue,
        }
    }
}

/// An object address does not fit the 48-bit payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AddressOutOfRange(pub usize);

/// One Lua value; see the module doc for the encoding.
///
/// `Value` deliberately has no `PartialEq`: Lua has two equalities on
/// values (raw equality, where `0 == -0` and `NaN ~= NaN`, and identity of
/// bits) and the caller must say which: [`Value::raw_eq`] or
/// [`Value::to_bits`].
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct Value(u64);

impl Value {
    pub const NIL: Value = Value(NIL_BITS);
    pub const FALSE: Value = Value(FALSE_BITS);
    pub const TRUE: Value = Value(TRUE_BITS);

    /// The result of arithmetic on numbers as a value: a compare and a
    /// conditional move where [`Value::from_num`] tests and branches. A
    /// NaN whose bits already decode as a number (the default NaNs of x86,
    /// `0xFFF8_..`, and aarch64, `0x7FF8_..`, and every NaN arithmetic makes
    /// from canonical operands) is kept as it is; any other NaN becomes
    /// [`CANONICAL_NAN`]. So the result is always a number, and NaNs stay
    /// indistinguishable from one another (see "NaN canonicalisation").
    #[inline(always)]
    pub fn from_arith(n: f64) -> Value {
        let b = n.to_bits();
        Value(if b > NUM_MAX { CANONICAL_NAN } else { b })
    }

    /// The result of `+`, `-`, `*`, `/` or negation on two (one) numbers
    /// as a value, with no test at all.
    ///
    /// Why no test is needed: every NaN a value holds has a zero payload
    /// (the module doc: [`Value::from_num`] stores `0x7FF8_..` and
    /// [`Value::from_arith`] keeps only NaNs that decode as numbers, which
    /// arithmetic on such NaNs makes). Rust's floating-point semantics
    /// (the `f64` docs, "NaN bit patterns") say the NaN result of these
    /// operations is either an operand's NaN, quieted, or a quiet NaN with
    /// the preferred (zero) payload and either sign: with zero-payload
    /// operands that is `0x7FF8_..` or `0xFFF8_..` either way, and both
    /// decode as numbers. Negation only flips the sign bit. So the result
    /// is a number and the invariant holds for it too.
    /// `tests/heap_value.rs`, `basic_arith_keeps_nans_numbers`, checks this on the
    /// machine the tests run on (x86-64, and aarch64 under qemu in CI).
    /// Everything else (`%`, `^`, library results) keeps the test.
    #[inline(always)]
    pub fn from_basic_arith(n: f64) -> Value {
        let v = Value(n.to_bits());
        debug_assert!(v.is_num());
        v
    }

    /// A number. Every NaN becomes [`CANONICAL_NAN`]; every other double
    /// (including `-0.0` and the infinities) keeps its exact bits.
    #[inline]
    pub fn from_num(n: f64) -> Value {
        if n.is_nan() {
            Value(CANONICAL_NAN)
        } else {
            Value(n.to_bits())
        }
    }

    #[inline]
    pub fn from_bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    /// A value pointing at a heap object. Fails when the address does not
    /// fit the payload; the heap turns that into an allocation failure.
    ///
    /// Crate-private: only the heap makes object values, for objects it owns.
    #[inline]
    pub(crate) fn from_object(kind: ObjKind, addr: usize) -> Result<Value, AddressOutOfRange> {
        let a = addr as u64;
        if a & !PAYLOAD_MASK != 0 || a == 0 {
            return Err(AddressOutOfRange(addr));
        }
        Ok(Value(BOX_PREFIX | ((kind as u64) << TAG_SHIFT) | a))
    }

    /// The raw bits (for the JIT, for hashing, for tests).
    #[inline]
    pub fn to_bits(self) -> u64 {
        self.0
    }

    /// Rebuilds a value from [`Value::to_bits`].
    ///
    /// # Safety
    /// If the bits encode an object, that object must be alive in the heap
    /// the value will be used with (the rules in `gc.rs`): bits from
    /// `to_bits` of a value that is still valid are fine, invented bits are
    /// not. Number and nil/boolean bits are always fine.
    #[inline]
    pub unsafe fn from_bits(bits: u64) -> Value {
        Value(bits)
    }

    #[inline]
    pub fn is_num(self) -> bool {
        self.0 <= NUM_MAX
    }

    #[inline]
    pub fn as_num(self) -> Option<f64> {
        if self.is_num() {
            Some(f64::from_bits(self.0))
        } else {
            None
        }
    }

    #[inline]
    pub fn is_nil(self) -> bool {
        self.0 == NIL_BITS
    }

    /// `nil` and `false` are false; everything else (including 0 and "") is true.
    #[inline]
    pub fn is_truthy(self) -> bool {
        // nil and false are the adjacent patterns NIL_BITS, NIL_BITS + 1.
        self.0.wrapping_sub(NIL_BITS) > 1
    }

    #[inline]
    pub fn as_bool(self) -> Option<bool> {
        match self.0 {
            TRUE_BITS => Some(true),
            FALSE_BITS => Some(false),
            _ => None,
        }
    }

    /// The object kind, if this value points at a heap object.
    #[inline]
    pub fn obj_kind(self) -> Option<ObjKind> {
        if self.is_num() {
            return None;
        }
        ObjKind::from_tag((self.0 >> TAG_SHIFT) & 7)
    }

    /// Whether this value points at an object of `kind`: the top 16 bits
    /// are exactly the box prefix plus the tag (a number's top 16 bits are
    /// at most `0xFFF8`, the prefix with tag 0, and every kind's tag is at
    /// least 1), so one shift and one compare.
    #[inline(always)]
    pub fn is_kind(self, kind: ObjKind) -> bool {
        self.0 >> TAG_SHIFT == (BOX_PREFIX >> TAG_SHIFT) | kind as u64
    }

    /// The address of the object this value points at, if it is a `kind`.
    #[inline(always)]
    pub fn object_addr(self, kind: ObjKind) -> Option<usize> {
        if self.is_kind(kind) {
            Some((self.0 & PAYLOAD_MASK) as usize)
        } else {
            None
        }
    }

    #[inline]
    pub fn is_string(self) -> bool {
        self.is_kind(ObjKind::String)
    }

    #[inline]
    pub fn is_table(self) -> bool {
        self.is_kind(ObjKind::Table)
    }

    /// The address of the heap object this value points at, with its kind.
    #[inline]
    pub fn as_gc_ptr(self) -> Option<(ObjKind, usize)> {
        let kind = self.obj_kind()?;
        Some((kind, (self.0 & PAYLOAD_MASK) as usize))
    }

    /// The Lua type.
    pub fn type_tag(self) -> Type {
        if self.is_num() {
            return Type::Number;
        }
        match self.obj_kind() {
            Some(k) => Type::from(k),
            None => match self.0 {
                FALSE_BITS | TRUE_BITS => Type::Boolean,
                // NIL, and the dead-key patterns that never leave table.rs.
                _ => Type::Nil,
            },
        }
    }

    /// Lua's raw equality (`rawequal`): numbers by value (`0 == -0`,
    /// `NaN ~= NaN`), everything else by identity.
    #[inline]
    pub fn raw_eq(self, other: Value) -> bool {
        match (self.as_num(), other.as_num()) {
            (Some(a), Some(b)) => a == b,
            _ => self.0 == other.0,
        }
    }

    /// The internal "dead key" left in a table node whose value became nil
    /// and whose key was an object: same payload (so `next` can still find
    /// the node by identity), tag 0, so it equals no live key and is never
    /// traced or dereferenced. Non-objects are returned unchanged.
    #[inline]
    pub(crate) fn to_dead_key(self) -> Value {
        if self.obj_kind().is_some() {
            Value(BOX_PREFIX | (self.0 & PAYLOAD_MASK))
        } else {
            self
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = self.as_num() {
            return write!(f, "{n:?}");
        }
        match self.as_gc_ptr() {
            Some((kind, addr)) => write!(f, "{kind:?}@{addr:#x}"),
            None => match self.0 {
                NIL_BITS => f.write_str("nil"),
                FALSE_BITS => f.write_str("false"),
                TRUE_BITS => f.write_str("true"),
                bits => write!(f, "dead-key@{:#x}", bits & PAYLOAD_MASK),
            },
        }
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::from_num(n)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::from_bool(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_KINDS: [ObjKind; 7] = [
        ObjKind::String,
        ObjKind::Table,
        ObjKind::Function,
        ObjKind::Userdata,
        ObjKind::Thread,
        ObjKind::Proto,
        ObjKind::Upvalue,
    ];

    /// `is_kind`'s one compare agrees with the decoding table
    /// (`obj_kind`) on every tag, with payloads at the edges, and on
    /// numbers and NaNs next to the boxed space.
    #[test]
    fn is_kind_agrees_with_obj_kind() {
        let kinds = ALL_KINDS;
        let mut patterns = vec![0, 1, NUM_MAX, NUM_MAX - 1, CANONICAL_NAN, u64::MAX, 0x7FFF_FFFF_FFFF_FFFF];
        for tag in 0..8u64 {
            for payload in [0, 1, 8, 0x1234_5678, PAYLOAD_MASK] {
                patterns.push(BOX_PREFIX | tag << TAG_SHIFT | payload);
                patterns.push((BOX_PREFIX & !(1 << 63)) | tag << TAG_SHIFT | payload);
            }
        }
        for bits in patterns {
            let v = Value(bits);
            for k in kinds {
                assert_eq!(v.is_kind(k), v.obj_kind() == Some(k), "{bits:#x} {k:?}");
                assert_eq!(v.object_addr(k), v.as_gc_ptr().filter(|p| p.0 == k).map(|p| p.1));
            }
        }
    }

    #[test]
    fn value_is_one_word() {
        assert_eq!(std::mem::size_of::<Value>(), 8);
        assert_eq!(std::mem::size_of::<Option<ObjKind>>(), 1);
    }

    #[test]
    fn numbers_keep_their_bits() {
        for n in [0.0, -0.0, 1.5, -1.5, f64::INFINITY, f64::NEG_INFINITY, f64::MIN_POSITIVE, f64::MAX, 5e-324] {
            let v = Value::from_num(n);
            assert!(v.is_num());
            assert_eq!(v.as_num().unwrap().to_bits(), n.to_bits());
            assert_eq!(v.type_tag(), Type::Number);
        }
    }

    #[test]
    fn every_nan_is_canonical() {
        let zero = std::hint::black_box(0.0f64);
        let computed = zero / zero; // 0xFFF8... on x86, 0x7FF8... on aarch64
        for bits in [computed.to_bits(), 0xFFF8_0000_0000_0001, 0xFFFF_FFFF_FFFF_FFFF, 0x7FF0_0000_0000_0001, NIL_BITS]
        {
            let v = Value::from_num(f64::from_bits(bits));
            assert_eq!(v.to_bits(), CANONICAL_NAN);
            assert!(v.is_num());
            assert!(v.as_num().unwrap().is_nan());
        }
        // The hardware default NaNs decode as numbers even unboxed.
        // SAFETY: number bits.
        assert!(unsafe { Value::from_bits(0xFFF8_0000_0000_0000) }.is_num());
        assert!(unsafe { Value::from_bits(0x7FF8_0000_0000_0000) }.is_num());
    }

    #[test]
    fn nil_and_booleans() {
        assert!(Value::NIL.is_nil());
        assert!(!Value::NIL.is_num());
        assert!(!Value::NIL.is_truthy());
        assert!(!Value::FALSE.is_truthy());
        assert!(Value::TRUE.is_truthy());
        assert!(Value::from_num(0.0).is_truthy());
        assert!(Value::from_num(f64::NAN).is_truthy());
        assert_eq!(Value::TRUE.as_bool(), Some(true));
        assert_eq!(Value::FALSE.as_bool(), Some(false));
        assert_eq!(Value::NIL.as_bool(), None);
        assert_eq!(Value::NIL.type_tag(), Type::Nil);
        assert_eq!(Value::FALSE.type_tag(), Type::Boolean);
        assert_eq!(Value::TRUE.type_tag().name(), "boolean");
        assert_eq!(Value::NIL.obj_kind(), None);
    }

    #[test]
    fn object_values() {
        let kinds = ALL_KINDS;
        for kind in kinds {
            for addr in [8usize, 0x1000, 0x7FFF_FFFF_FFF8, 0xFFFF_FFFF_FFF8] {
                let v = Value::from_object(kind, addr).unwrap();
                assert!(!v.is_num());
                assert!(v.is_truthy());
                assert_eq!(v.as_gc_ptr(), Some((kind, addr)));
                assert_eq!(v.type_tag(), Type::from(kind));
                assert!(v.raw_eq(v));
                let dead = v.to_dead_key();
                assert_eq!(dead.obj_kind(), None);
                assert!(!dead.raw_eq(v));
                assert!(!dead.is_nil() && !dead.is_num() && dead.as_bool().is_none());
            }
        }
        assert_eq!(Value::from_object(ObjKind::Table, 1 << 48).unwrap_err(), AddressOutOfRange(1 << 48));
        assert!(Value::from_object(ObjKind::Table, 0).is_err());
    }

    #[test]
    fn raw_equality() {
        assert!(Value::from_num(0.0).raw_eq(Value::from_num(-0.0)));
        assert!(!Value::from_num(f64::NAN).raw_eq(Value::from_num(f64::NAN)));
        assert!(Value::NIL.raw_eq(Value::NIL));
        assert!(!Value::NIL.raw_eq(Value::FALSE));
        assert!(!Value::from_num(1.0).raw_eq(Value::TRUE));
        assert!(Value::from_num(2.5).raw_eq(Value::from(2.5)));
    }
}
