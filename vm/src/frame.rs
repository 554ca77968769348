//! The frame layout: the contract between the interpreter and the JIT.
//!
//! One Lua thread runs on ONE contiguous value stack (`Vm::stack`, a
//! `Vec<Value>` indexed by slot number, never by address, so it may grow
//! and move) plus a side array of small frame records (`Vm::frames`), one
//! per active call, as PUC-Rio's `CallInfo` array. A trace compiled by
//! the JIT reads and writes slots relative to the running frame's `base`
//! and, on exit, rebuilds frame records and resumes the interpreter at a
//! saved PC (`Frame::pc`).
//!
//! ```text
//!             caller's registers          callee
//!  ... | R(0) ... R(A-1) | f | a1 .. an |                                  (fixed-arity callee)
//!                          ^func  ^base = func + 1
//!
//!  ... | R(0) ... R(A-1) | f | p1..pk | v1 .. vm | p1..pk | R(k) ...       (vararg callee)
//!                          ^func       ^-- varargs --^   ^base = func + 1 + nargs
//!                                      (base - nvarargs .. base)
//! ```
//!
//! - **function**: the called closure stays in slot `func` for the whole
//!   call (it roots the closure, and its prototype, for the GC).
//!   Its record also keeps the prototype and the closure's upvalue cells
//!   (`Frame::proto`, `Frame::cells`), so that switching to a frame, after
//!   a call or a return, needs no lookup through that slot.
//! - **registers**: `R(n)` is slot `base + n`, for `n < maxstack`; the
//!   interpreter keeps `stack.len() >= base + maxstack`, and the stack
//!   never shrinks (only `ensure_stack` resizes it, upwards): the dispatch
//!   loop reads verified register operands through a raw pointer to `R(0)`
//!   without bounds checks, re-deriving it after anything that may grow the
//!   stack. On entry only missing parameters are set to nil; the other
//!   registers keep whatever was there (the compiler never reads a
//!   register it has not written, as LuaJIT's frames assume too).
//! - **varargs** (LuaJIT's and 5.1's scheme): a vararg function's
//!   arguments stay where the caller put them; the fixed parameters are
//!   copied above them, to a new base. The extra arguments are the
//!   `nvarargs` slots just below `base`.
//! - **results**: a returning function copies its results to `func ..`
//!   (over itself); the caller asked for `want` of them (`-1` = all, in
//!   which case `Vm::top` is set one past the last).
//! - **return PC**: the caller's record keeps its own `pc` (the instruction
//!   after the `CALL`), saved before every call; the instruction at
//!   `pc - 1` of a Lua caller is the call, which is how errors name the
//!   called function (`getfuncname`).
//! - **caller's base**: the record below in `frames` (`frames[i - 1]`).
//! - **entry frames**: a frame called from Rust (the main chunk, `pcall`,
//!   metamethods, library callbacks) has `entry = true`: returning from it
//!   ends that `execute` invocation. Lua -> Lua calls push a record and
//!   continue in the same dispatch loop: they never recurse on the Rust
//!   stack.
//! - **builtins** get a record too (`builtin = true`, `base` = first
//!   argument), so error levels and the frame-depth limit count them as
//!   5.1 counts C functions.
//! - **continuations** (LuaJIT's `FRAME_CONT`/`FRAME_PCALL`): a Lua frame
//!   started by the dispatch loop on behalf of something other than a
//!   `CALL` says in `cont` what its return means. `pcall`/`xpcall` of a
//!   Lua function push the function's frame one slot above the `pcall`
//!   slot with `Cont::Pcall`/`Cont::Xpcall`; returning puts `true` in the
//!   `pcall` slot, and an error unwinding to it puts `false, err` there. A
//!   metamethod the loop needs (`__index`, `__add`, `__lt`, ...) runs in a
//!   frame at the caller's `top` whose `cont` says where the result goes
//!   (a register, the caller's conditional jump, a `CAT` in progress, or
//!   nowhere). So neither `pcall` nor a Lua metamethod puts a Rust frame
//!   between a coroutine's dispatch loop and a `yield` inside it.
//!
//! Open upvalues point at slots by index (`func::Upvalue::Open`), so the
//! stack may be reallocated freely.
//!
//! ## Coroutines
//!
//! Every coroutine has its own value stack and frame records, laid out as
//! above (its function in slot 0, its first frame an entry frame). Only
//! the *running* thread's state lives in `Vm::stack`/`frames`/`top`/
//! `open_upvals`; every other thread's state is parked in its home, a
//! [`ThreadState`]: the coroutine object for a coroutine, `Vm::main_saved`
//! for the main thread. `resume` parks the resumer's state in its home,
//! moves the coroutine's state into the `Vm` and runs the dispatch loop
//! (`execute`) on it; the resumer is remembered in `Vm::resumers`.
//!
//! No OS thread and no second Rust stack: `yield` is the error
//! `LuaError::Yield` unwinding the Rust stack back to `resume`, which
//! leaves the coroutine's frame records exactly as they were (the Lua
//! caller's PC already points after its `CALL`; the `yield` builtin's own
//! record stays on top). The next `resume` pops that record, puts the
//! resume arguments where the call's results go (`Frame::func`, `want`),
//! finishes the record's continuation if a tail call gave it one, and
//! re-enters `execute` (with the coroutine's first frame as its floor),
//! which picks the top frame up from its record — the same path a trace
//! exit will take. This only works when no Rust frame lies between the
//! coroutine's dispatch loop and the `yield`: Lua -> Lua calls, `pcall`
//! and `xpcall` of Lua functions and Lua metamethods the loop needs are
//! all frames of the loop (see "continuations" above), so a yield inside
//! them works (DESIGN.md's deviation, as LuaJIT). `Vm::yield_base` is the
//! `rust_depth` of the coroutine's loop; a yield from deeper — inside a
//! builtin's callback (`table.sort`'s comparator, `gsub`'s function,
//! `__tostring` via `tostring`), or a metamethod whose handler is a
//! builtin or callable table — is 5.1's error "attempt to yield across
//! metamethod/C-call boundary".
//!
//! A resume or `wrap` call made by a Lua `CALL`/`ITERC` does not recurse
//! at all (`lib::coroutine::resume_in_loop`): the resumer's state is
//! parked with the resume's own builtin record on top, the coroutine's
//! put in place, and the same dispatch loop goes on with the coroutine's
//! top frame; `Vm::co_ctx` remembers the resume (its slot, `want`, the
//! resumer's C-call count, yield base and `exec_floor`). A `yield` its
//! loop calls switches back at once (`yield_in_loop`), leaving its
//! record on top as above; any other end (return, a yield by another
//! path, an uncaught error, a limit) comes out of `dispatch` to that
//! loop's `execute_from`, which switches back (`finish_in_loop`). Either
//! way the resume's record is popped, its results placed, and the loop
//! goes on with the resumer's top frame. While such a coroutine runs,
//! `Vm::exec_floor` is 0: all its frames belong to the running `execute`.
//!
//! An open upvalue names its thread as well as its slot, so a closure
//! running in one thread reads a variable still live in another thread's
//! stack from that thread's home. A coroutine that dies by an error
//! closes its open upvalues before its stack is dropped.

use crate::func::LoadedProto;
use crate::value::Value;
use std::ptr::NonNull;

/// Most frames (Lua and builtin) a thread may hold: PUC-Rio 5.1's limit as
/// the reference tier counts it (`perigee_reference::interp::MAX_FRAMES`).
pub const MAX_FRAMES: usize = perigee_reference::interp::MAX_FRAMES;

/// Nested calls from Rust into the interpreter (metamethods, `pcall`,
/// library callbacks): 5.1's `LUAI_MAXCCALLS`.
pub const MAX_C_CALLS: u32 = perigee_reference::interp::MAX_C_CALLS;

/// One active call; see the module doc.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// Slot holding the called function.
    pub func: usize,
    /// Slot of `R(0)` (for a builtin: of its first argument).
    pub base: usize,
    /// One past the frame's last register (`base + maxstack`); for a
    /// builtin, one past its last argument. Calls made from Rust while
    /// this frame runs put their function here.
    pub top: usize,
    /// Lua frames: the next instruction to run (saved while it calls).
    pub pc: u32,
    /// Number of extra arguments, just below `base`.
    pub nvarargs: u32,
    /// Results the caller wants; -1 for all of them.
    pub want: i32,
    /// Called from Rust: returning from it leaves `execute`.
    pub entry: bool,
    /// Reached by a tail call (its caller's record is gone).
    pub tail: bool,
    /// What returning from this frame means besides placing results.
    pub cont: Cont,
    /// Lua frames: the running prototype, so switching to a frame is one
    /// load away from its code and constants (`None`: a builtin or
    /// `pcall` record). The pointer stays valid while the record exists:
    /// the closure in slot `func` holds the prototype, that slot is below
    /// every register so no instruction overwrites it, the stack is a GC
    /// root, and objects never move. A tail call replaces slot and record
    /// together.
    pub proto: Option<NonNull<LoadedProto>>,
    /// Lua frames: the running closure's upvalue cells
    /// (`Closure::Lua::upvals`), so that resuming the frame after a return
    /// needs no closure lookup; null for a builtin or `pcall` record.
    /// Valid as long as `proto` is (the closure in slot `func` owns the
    /// cells' vector, which is never resized after the closure is made).
    /// It holds exactly as many cells as the prototype has upvalues
    /// (`Closure::lua` checks it), which with the verifier's
    /// bound on upvalue operands lets `UGET`/`USETV` index it unchecked.
    pub cells: *const Value,
}

impl Frame {
    /// The record of a Lua frame of prototype `proto` (closure cells
    /// `cells`) in slot `func`, its registers from `base` to `top`, at PC 0.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    pub fn lua(
        func: usize,
        base: usize,
        top: usize,
        nvarargs: u32,
        want: i32,
        entry: bool,
        tail: bool,
        cont: Cont,
        proto: NonNull<LoadedProto>,
        cells: *const Value,
    ) -> Frame {
        Frame { func, base, top, pc: 0, nvarargs, want, entry, tail, cont, proto: Some(proto), cells }
    }

    /// The record of a builtin (or of a `pcall` running a Lua function)
    /// in slot `func`, its arguments up to `top`.
    pub fn builtin(func: usize, top: usize, want: i32, entry: bool, tail: bool, cont: Cont) -> Frame {
        Frame {
            func,
            base: func + 1,
            top,
            pc: 0,
            nvarargs: 0,
            want,
            entry,
            tail,
            cont,
            proto: None,
            cells: std::ptr::null(),
        }
    }

    /// A builtin's (or a `pcall`'s) record rather than a Lua frame.
    pub fn is_builtin(&self) -> bool {
        self.proto.is_none()
    }
}

/// What a frame's return does after its results are placed (see
/// "continuations" above). Every kind but `Call` counts as one C call
/// (5.1's `nCcalls`) while the frame is live, as 5.1's `lua_pcall` and
/// `callTMres` do: `Vm::c_calls` includes the live ones of the running
/// thread (`resume` adds a coroutine's own when it switches to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cont {
    /// A plain call.
    Call,
    /// The function a `pcall` runs; the `pcall` slot is `func - 1`. Keeps
    /// how many values builtins had pinned (`Vm::pinned`, counted from
    /// `Vm::pinned_base`, so the count survives a yield and a resume from
    /// elsewhere) to restore when an error unwinds to it.
    Pcall { pinned: u32 },
    /// As `Pcall`, with `xpcall`'s handler in the slot `func - 1`.
    Xpcall { pinned: u32 },
    /// A metamethod whose first result goes to register `R(n)` of the caller.
    Store(u8),
    /// A comparison metamethod: the caller's next instruction (a `JMP`) is
    /// taken when the truth of the first result differs from the flag.
    Cond(bool),
    /// `__newindex`: the result is dropped.
    Discard,
    /// A `__concat` step of the caller's `CAT a b ..`: the result goes to
    /// `R(at)` and the concatenation goes on over `R(b) .. R(at)`.
    Cat { a: u8, b: u8, at: u8 },
}

/// A thread's execution state while it is not the running one: its value
/// stack, frame records, multiple-results top and open upvalues (see
/// "Coroutines" in the module doc).
#[derive(Default)]
pub struct ThreadState {
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    pub top: usize,
    pub open_upvals: Vec<(usize, Value)>,
}

impl ThreadState {
    /// Marks every value the state holds (all stack slots, as for the
    /// running stack, and the open upvalues).
    pub fn mark_all(&self, m: &mut crate::gc::Marker) {
        for v in &self.stack {
            m.mark(*v);
        }
        for (_, u) in &self.open_upvals {
            m.mark(*u);
        }
    }
}
