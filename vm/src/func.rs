//! Functions on the heap: loaded prototypes, closures (Lua and builtin)
//! and upvalues, and the loader that turns a compiled [`Proto`] (plain
//! data) into heap objects with its constants interned.
//!
//! A loaded prototype keeps its code and constants in `Rc` slices so the
//! dispatch loop can hold the running function's code without borrowing
//! the heap (the heap is mutated by almost every instruction). The
//! prototype object stays alive as long as a closure of it does, and a
//! running closure sits in its frame's function slot, so the constants
//! the loop holds are always rooted.
//!
//! Upvalues are PUC-Rio's: *open* while the variable's frame is live (the
//! upvalue names a stack slot, shared by every closure that captured it),
//! *closed* when the frame leaves or a block's `UCLO` runs (the value is
//! moved into the upvalue object).

use smallvec::SmallVec;
use std::ptr::NonNull;
use std::rc::Rc;

use crate::bytecode::Instr;
use crate::gc::{AllocError, GcObject, Heap, Marker};
use crate::interp::{LResult, Vm};
use crate::proto::{Constant, Proto};
use crate::value::{ObjKind, Value};

/// A prototype on the heap.
pub struct LoadedProto {
    pub code: Rc<[Instr]>,
    pub consts: Rc<[Value]>,
    /// Nested prototypes (heap values of `LoadedProto`).
    pub children: Vec<Value>,
    /// The compiler's data, children removed (debug info, limits).
    pub proto: Proto,
    /// `luaO_chunkid` of the source name, the error position prefix.
    pub chunkid: Vec<u8>,
}

// SAFETY: `ObjKind::Proto` is used by `LoadedProto` alone; `trace` marks
// every constant and child.
unsafe impl GcObject for LoadedProto {
    const KIND: ObjKind = ObjKind::Proto;
    fn trace(&mut self, marker: &mut Marker) {
        for v in self.consts.iter().chain(self.children.iter()) {
            marker.mark(*v);
        }
    }
    fn extra_bytes(&self) -> usize {
        0
    }
}

/// A builtin: gets its arguments (still rooted on the stack) and returns
/// its results.
///
/// Both travel by value in inline vectors so that the common call (a few
/// arguments, a few results: `string.sub`, `math.floor`, `next`, `select`,
/// `coroutine.resume`) allocates nothing; a call with more spills to the
/// heap, as the `Vec`s every call used before did.
pub type BuiltinFn = fn(&mut Vm, Args) -> LResult<Rets>;

/// A builtin's arguments: a copy of its stack slots. Eight inline covers
/// almost every library call (`string.format` and `print` with long
/// lists spill); each slot costs 8 bytes of the builtin's Rust frame.
pub type Args = SmallVec<[Value; ARGS_INLINE]>;

/// How many arguments `Args` holds without allocating.
pub const ARGS_INLINE: usize = 8;

/// A builtin's results. Four inline: no library function but `unpack`,
/// `string.byte`, the matchers' captures and `resume`/`select` of long
/// lists returns more.
pub type Rets = SmallVec<[Value; 4]>;

/// `Rets` of the listed values: smallvec's own `smallvec!`, pinned to the
/// `Rets` type so a call site needs no annotation.
#[macro_export]
macro_rules! rets {
    ($($x:expr),* $(,)?) => {{
        let r: $crate::func::Rets = ::smallvec::smallvec![$($x),*];
        r
    }};
}

/// A Lua function's prototype: its value (what the GC marks and library
/// code passes around) and the address of its body, taken once when the
/// closure is made so that a call needs no type test to reach it. Only
/// `Closure::lua` builds one (through `ProtoRef::new`), from a value that
/// is a prototype.
#[derive(Clone, Copy)]
pub struct ProtoRef {
    value: Value,
    ptr: NonNull<LoadedProto>,
}

impl ProtoRef {
    /// `v` as a prototype reference, if it is a prototype.
    fn new(heap: &Heap, v: Value) -> Option<ProtoRef> {
        heap.get_ptr::<LoadedProto>(v).map(|ptr| ProtoRef { value: v, ptr })
    }

    pub fn value(self) -> Value {
        self.value
    }

    /// The prototype's body. Valid while the prototype is alive, which a
    /// closure holding this (and marking `value`) guarantees.
    #[inline(always)]
    pub fn ptr(self) -> NonNull<LoadedProto> {
        self.ptr
    }
}

/// A function value.
pub enum Closure {
    Lua {
        proto: ProtoRef,
        upvals: Vec<Value>,
        /// The function environment (`getfenv`), a table.
        env: Value,
    },
    Builtin {
        f: BuiltinFn,
        name: &'static str,
        /// Builtins the dispatch loop runs itself (see `Special`).
        special: Special,
        /// State a builtin keeps between calls (e.g. `gmatch`'s iterator);
        /// the running builtin finds its own closure in its frame's
        /// function slot (`Vm::current_upvals`).
        upvals: Vec<Value>,
    },
}

impl Closure {
    /// A Lua closure of prototype `proto` with upvalue cells `upvals`, if
    /// `proto` is a prototype with exactly one upvalue per cell: the
    /// dispatch loop indexes the cells unchecked (`Frame::cells`), relying
    /// on this and on the verifier's bound on upvalue operands.
    pub fn lua(heap: &Heap, proto: Value, upvals: Vec<Value>, env: Value) -> Option<Closure> {
        let nups = heap.get::<LoadedProto>(proto)?.proto.upvalues.len();
        let proto = ProtoRef::new(heap, proto).filter(|_| nups == upvals.len())?;
        Some(Closure::Lua { proto, upvals, env })
    }
}

// SAFETY: `ObjKind::Function` is used by `Closure` alone; `trace` marks
// the prototype, the upvalues and the environment (a builtin's state values).
unsafe impl GcObject for Closure {
    const KIND: ObjKind = ObjKind::Function;
    fn trace(&mut self, marker: &mut Marker) {
        match self {
            Closure::Lua { proto, upvals, env } => {
                marker.mark(proto.value());
                marker.mark(*env);
                for u in upvals.iter() {
                    marker.mark(*u);
                }
            }
            Closure::Builtin { upvals, .. } => {
                for u in upvals.iter() {
                    marker.mark(*u);
                }
            }
        }
    }
}

/// Builtins the interpreter treats specially: `pcall` and `xpcall` of a
/// Lua function push that function's frame with a protected continuation
/// (`frame::Cont::Pcall`) instead of running a nested dispatch loop, so a
/// coroutine can yield inside them. Their `f` remains the general path
/// (builtin callees, tail calls from continuation frames, bad arguments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    None,
    Pcall,
    Xpcall,
    /// `coroutine.resume`: switches to the coroutine inside the calling
    /// dispatch loop (`lib::coroutine::resume_in_loop`).
    Resume,
    /// A function made by `coroutine.wrap`: as `Resume`.
    Wrap,
    /// `coroutine.yield` in a coroutine resumed that way: switches back
    /// in the same loop (`lib::coroutine::yield_in_loop`).
    Yield,
    /// `next` (global, and the one `pairs` returns): a generic `for`
    /// steps it without a builtin call (`ITERC`).
    Next,
    /// The iterator `ipairs` returns: as `Next`.
    IpairsStep,
    /// A library function with no effect but its results and new objects
    /// (`string.sub`, `math.sqrt`, `type`, ...; the list is in
    /// `lib::PURE`): a Lua `CALL` runs it with no frame record
    /// (`Vm::call_pure`), LuaJIT's fast functions in spirit. It neither
    /// calls Lua code nor reads the frames, so nothing can observe the
    /// missing record, except an error message: when the function fails,
    /// the call is made again the ordinary way, which raises the error as
    /// the builtin raises it. Running twice is unobservable because the
    /// first run changed nothing (its garbage aside).
    Pure,
}

/// An upvalue cell.
pub enum Upvalue {
    /// The variable still lives in slot `slot` of the stack of `thread`
    /// (a coroutine, or nil for the main thread); see `frame.rs`.
    Open {
        slot: usize,
        thread: Value,
    },
    Closed(Value),
}

// SAFETY: `ObjKind::Upvalue` is used by `Upvalue` alone; an open upvalue's
// slot lives in its thread's stack, which marking the thread keeps alive
// (the main thread's stack is a root), a closed one's value is marked.
unsafe impl GcObject for Upvalue {
    const KIND: ObjKind = ObjKind::Upvalue;
    fn trace(&mut self, marker: &mut Marker) {
        match self {
            Upvalue::Closed(v) => marker.mark(*v),
            Upvalue::Open { thread, .. } => marker.mark(*thread),
        }
    }
}

/// Puts a compiled prototype (and its children) on the heap, interning
/// its string constants.
///
/// Nothing is collected during loading (allocation never collects), so the
/// values made here stay valid until the caller roots the result.
///
/// Each prototype is verified first (`verify`): a `LoadedProto` exists only
/// for code the dispatch loop may run without bounds checks.
pub fn load_proto(heap: &mut Heap, mut proto: Proto) -> Result<Value, LoadError> {
    crate::verify::verify_one(&proto).map_err(LoadError::Invalid)?;
    let mut consts = Vec::with_capacity(proto.constants.len());
    for c in &proto.constants {
        consts.push(match c {
            Constant::Num(n) => Value::from_num(*n),
            Constant::Str(s) => heap.intern(s)?,
        });
    }
    let kids = std::mem::take(&mut proto.protos);
    let mut children = Vec::with_capacity(kids.len());
    for k in kids {
        children.push(load_proto(heap, k)?);
    }
    let chunkid = perigee_reference::lexer::chunk_id(&proto.source);
    Ok(heap.alloc(LoadedProto { code: proto.code.clone().into(), consts: consts.into(), children, proto, chunkid })?)
}

/// Why a prototype could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    Memory(AllocError),
    /// The compiler emitted code the verifier rejects (a compiler bug).
    Invalid(crate::verify::VerifyError),
}

impl From<AllocError> for LoadError {
    fn from(e: AllocError) -> LoadError {
        LoadError::Memory(e)
    }
}
