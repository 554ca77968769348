//! The interpreter: the VM state, calls, and the operations with their
//! metamethod fallbacks; the dispatch loop itself is in `dispatch`.
//!
//! ```text
//! Proto -> [func::load_proto] -> closure in slot 0 -> [call: precall / execute]
//!       -> [dispatch: one loop over one value stack]  <-> [ops: metamethods, errors]
//! ```
//!
//! Calls: `precall` sets up a frame (see `frame.rs` for the layout). A Lua
//! callee just gets a frame record and the dispatch loop carries on with
//! it, so Lua -> Lua calls and returns never touch the Rust stack; only
//! calls made *from Rust* (metamethods, `pcall`, library callbacks) run a
//! nested `execute`, counted against 5.1's C-call limit of 200.
//!
//! Errors are `Err(LuaError)` values that propagate out of `execute`; the
//! nearest `pcall` truncates the frames and closes the upvalues above its
//! own slot. Limits (steps, memory) travel the same way but no `pcall`
//! catches them.
//!
//! GC: allocation never collects; the dispatch loop collects at safe
//! points (before `TNEW`, `FNEW`, `CAT` and calls) with roots = every
//! stack slot, globals, registry, the interned metamethod names, the
//! open upvalues and values builtins pinned (`Vm::pinned`).

mod cont;
mod dispatch;
mod ops;

pub use ops::{MetaCall, Step, Then};

use crate::frame::{Cont, Frame, MAX_C_CALLS, MAX_FRAMES};
use crate::func::{Args, BuiltinFn, Closure, LoadedProto, Rets, Special, Upvalue};
use crate::gc::{AllocError, Heap};
use crate::proto::{NameKind, Vararg};
use crate::value::Value;
use perigee_reference::interp::error::LimitKind;
use std::ptr::NonNull;

/// An error travelling up to the nearest `pcall` (or the run).
#[derive(Debug, Clone, Copy)]
pub enum LuaError {
    /// A catchable error with its value.
    Error(Value),
    /// A bound of the run was hit; not catchable.
    Limit(LimitKind),
    /// `coroutine.yield` unwinding to its `resume` (the values are in
    /// `Vm::transfer`); only ever raised where no Rust frame lies between
    /// the two (see `frame.rs`, "Coroutines").
    Yield,
}

pub type LResult<T> = Result<T, LuaError>;

/// What the interpreter tells the JIT. Counters are per loop instruction
/// (`FORL`, `ITERL`, `LOOP`) and per function entry, hashed by prototype
/// and PC as in LuaJIT; when one runs out the hook is called and the
/// counter restarts.
pub trait JitHook {
    /// A loop instruction at `pc` of `closure`'s prototype became hot.
    fn hot_loop(&mut self, _closure: Value, _pc: u32) {}
    /// A function became hot on entry.
    fn hot_call(&mut self, _closure: Value) {}
}

/// How `Vm::enter_protected` (or an in-loop resume) went.
pub(crate) enum Protected {
    /// The protected function's frame is pushed.
    Entered,
    /// Done already: the results are placed.
    Ran,
    /// The builtin's own path must run.
    NotHandled,
}

/// The default hook: does nothing.
pub struct NoJit;
impl JitHook for NoJit {}

/// Iterations before a loop is hot (LuaJIT's `hotloop` default).
pub const HOT_LOOP: u16 = 56;
/// Calls before a function is hot.
pub const HOT_CALL: u16 = 112;
const HOT_SLOTS: usize = 64;

/// The hot-counter key of a call to the function of prototype address
/// `p`: prototypes are heap blocks a few hundred bytes apart, so bits
/// above the size are mixed into the slot's bits. (A loop's key is its
/// instruction's index in the address space, `loop_tick`: instructions of
/// nearby loops already differ in the low bits.)
#[inline]
fn call_key(p: usize) -> usize {
    (p >> 4) ^ (p >> 11)
}

/// Where `print` goes.
pub enum Output {
    Capture(Vec<u8>),
    Stdout,
}

/// Interned event names, made once.
pub struct Names {
    pub index: Value,
    pub newindex: Value,
    pub call: Value,
    pub arith: [Value; 6],
    pub unm: Value,
    pub concat: Value,
    pub eq: Value,
    pub lt: Value,
    pub le: Value,
    pub len: Value,
    pub tostring: Value,
    pub metatable: Value,
    pub n: Value,
}

impl Names {
    fn new(heap: &mut Heap) -> Result<Names, AllocError> {
        let mut s = |b: &[u8]| heap.intern(b);
        Ok(Names {
            index: s(b"__index")?,
            newindex: s(b"__newindex")?,
            call: s(b"__call")?,
            arith: [s(b"__add")?, s(b"__sub")?, s(b"__mul")?, s(b"__div")?, s(b"__mod")?, s(b"__pow")?],
            unm: s(b"__unm")?,
            concat: s(b"__concat")?,
            eq: s(b"__eq")?,
            lt: s(b"__lt")?,
            le: s(b"__le")?,
            len: s(b"__len")?,
            tostring: s(b"__tostring")?,
            metatable: s(b"__metatable")?,
            n: s(b"n")?,
        })
    }

    fn all(&self) -> impl Iterator<Item = Value> + '_ {
        [
            self.index,
            self.newindex,
            self.call,
            self.unm,
            self.concat,
            self.eq,
            self.lt,
            self.le,
            self.len,
            self.tostring,
            self.metatable,
            self.n,
        ]
        .into_iter()
        .chain(self.arith)
    }
}

/// One Lua state: its heap, its one thread's stack and frames, globals.
pub struct Vm {
    pub heap: Heap,
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    /// One past the last value of a multiple result (set by calls and
    /// `VARG` that want all values, read by `CALLM`, `RETM`, `TSETM`).
    pub top: usize,
    /// Open upvalues, sorted by slot.
    pub open_upvals: Vec<(usize, Value)>,
    pub globals: Value,
    pub registry: Value,
    /// The metatable strings share (nil until the string library exists).
    pub string_meta: Value,
    pub names: Names,
    /// Values builtins hold while calling back into Lua (GC roots).
    pub pinned: Vec<Value>,
    /// `pinned.len()` when the running coroutine was resumed (0 on the
    /// main thread): protected frames count their pins from here.
    pub pinned_base: usize,
    pub out: Output,
    /// The run's step budget spent so far: loop back edges and Lua calls
    /// (every unbounded execution takes one or the other). Counted a
    /// hot-counter period at a time, when a counter fires (`HOT_LOOP`
    /// for a back edge, `HOT_CALL` for a call), so the fast paths pay
    /// nothing extra: the count trails the true number by at most a
    /// period per counter slot (`HOT_SLOTS * HOT_CALL`), which a budget
    /// meant to stop runaway programs can afford.
    pub steps: u64,
    pub step_limit: u64,
    /// Whether allocation failures are the run's memory limit.
    pub memory_limited: bool,
    /// 5.1's `nCcalls`: nested calls from Rust (`call_at`, `resume`) plus
    /// live continuation frames (`frame::Cont`), bounded by `MAX_C_CALLS`.
    pub c_calls: u32,
    /// Nested dispatch loops on the Rust stack (`call_at`, `resume`): a
    /// yield needs this to equal `yield_base`.
    pub rust_depth: u32,
    /// Where a `CAT` resumes after a `__concat` frame returned
    /// (`Cont::Cat`): its next instruction is that `CAT`, which takes this.
    pub cat_resume: Option<u8>,
    pub hook: Box<dyn JitHook>,
    /// The running coroutine (a `lib::coroutine::Coroutine`), nil for the
    /// main thread.
    pub thread: Value,
    /// The main thread's stack while a coroutine runs.
    pub main_saved: crate::frame::ThreadState,
    /// The threads that resumed the running one, innermost last (roots:
    /// their states are saved in their objects).
    pub resumers: Vec<Value>,
    /// `rust_depth` at which the running coroutine's own dispatch loop
    /// runs: a yield is possible only there.
    pub yield_base: u32,
    /// Values in flight between `yield` and `resume`.
    pub transfer: Vec<Value>,
    /// Coroutines resumed inside a running dispatch loop (not from Rust),
    /// innermost last; see `lib::coroutine::resume_in_loop`.
    pub(crate) co_ctx: Vec<crate::lib::coroutine::CoCtx>,
    /// The lowest frame record of the running thread that the innermost
    /// `execute` owns: only frames from it up can catch its errors (0
    /// while an in-loop coroutine runs: all its frames are that loop's).
    pub(crate) exec_floor: usize,
    /// `math.random`'s generator state (`lib::math`).
    pub rng: u64,
    /// `collectgarbage("setstepmul")`'s setting, only remembered (the
    /// collector is not incremental).
    pub gc_stepmul: i64,
    hot: [u16; HOT_SLOTS],
}

impl Vm {
    pub fn new(heap: Heap, out: Output) -> Result<Vm, AllocError> {
        let mut heap = heap;
        let names = Names::new(&mut heap)?;
        let globals = heap.new_table(0, 32)?;
        let registry = heap.new_table(0, 4)?;
        let memory_limited = heap.memory_limit().is_some();
        Ok(Vm {
            heap,
            stack: Vec::with_capacity(1024),
            frames: Vec::new(),
            top: 0,
            open_upvals: Vec::new(),
            globals,
            registry,
            string_meta: Value::NIL,
            names,
            pinned: Vec::new(),
            pinned_base: 0,
            out,
            steps: 0,
            step_limit: u64::MAX,
            memory_limited,
            // With the chunk's own call (`call_at`), two C calls deep, as
            // lua.c runs it (checked against lua5.1's depths in
            // corpus/vm/pcall-c-stack-overflow-depth.lua).
            c_calls: 1,
            rust_depth: 0,
            cat_resume: None,
            hook: Box::new(NoJit),
            thread: Value::NIL,
            main_saved: crate::frame::ThreadState::default(),
            resumers: Vec::new(),
            yield_base: 0,
            transfer: Vec::new(),
            co_ctx: Vec::new(),
            exec_floor: 0,
            rng: crate::lib::math::RNG_START,
            gc_stepmul: 200,
            hot: [HOT_LOOP; HOT_SLOTS],
        })
    }

    // ---- heap helpers ------------------------------------------------------

    /// An allocation failure as the run sees it.
    pub fn alloc_error(&self, _e: AllocError) -> LuaError {
        // An allocation fails only at the cap (or for an absurd size, which
        // no uncapped run survives either).
        LuaError::Limit(LimitKind::Memory)
    }

    pub fn intern(&mut self, bytes: &[u8]) -> LResult<Value> {
        match self.heap.intern(bytes) {
            Ok(v) => Ok(v),
            Err(e) => Err(self.alloc_error(e)),
        }
    }

    pub fn new_table(&mut self, narray: usize, nhash: usize) -> LResult<Value> {
        match self.heap.new_table(narray, nhash) {
            Ok(v) => Ok(v),
            Err(e) => Err(self.alloc_error(e)),
        }
    }

    pub fn alloc_closure(&mut self, c: Closure) -> LResult<Value> {
        match self.heap.alloc(c) {
            Ok(v) => Ok(v),
            Err(e) => Err(self.alloc_error(e)),
        }
    }

    /// A Lua closure of prototype `proto` with upvalue cells `upvals`, one
    /// per upvalue of the prototype (`Closure::lua`).
    pub fn alloc_lua_closure(&mut self, proto: Value, upvals: Vec<Value>, env: Value) -> LResult<Value> {
        let Some(closure) = Closure::lua(&self.heap, proto, upvals, env) else {
            return Err(self.error_value(b"internal: closure cells do not match its prototype"));
        };
        self.alloc_closure(closure)
    }

    /// The prototype and upvalue cells of `fv` if it is a Lua function:
    /// what `enter_lua` needs to push its frame.
    #[inline(always)]
    pub(crate) fn lua_callee(&self, fv: Value) -> Option<(NonNull<LoadedProto>, *const Value)> {
        match self.heap.get::<Closure>(fv) {
            Some(Closure::Lua { proto, upvals, .. }) => Some((proto.ptr(), upvals.as_ptr())),
            _ => None,
        }
    }

    /// Runs pure builtin `bf` (`Special::Pure`) in slot `f` with `nargs`
    /// arguments above it, called by a plain Lua call, if the call needs
    /// no frame record (nothing beyond `Args`' inline capacity, the frame
    /// limit not reached). True: it returned, its results are at `f ..`
    /// as `want` asks. False: nothing happened that anything can observe
    /// (a failed run's garbage aside): the caller makes the ordinary call,
    /// which runs it again and raises its error with its record in place.
    #[inline(always)]
    fn call_pure(&mut self, bf: BuiltinFn, f: usize, nargs: usize, want: i32) -> bool {
        if nargs > crate::func::ARGS_INLINE || self.frames.len() >= MAX_FRAMES {
            return false;
        }
        let args = self.builtin_args(f + 1, f + 1 + nargs);
        match bf(self, args) {
            Ok(rets) => {
                self.place_results(f, &rets, want);
                true
            }
            Err(_) => false,
        }
    }

    pub fn builtin(&mut self, name: &'static str, f: BuiltinFn) -> LResult<Value> {
        self.alloc_closure(Closure::Builtin { f, name, special: Special::None, upvals: Vec::new() })
    }

    /// A builtin with state values (see `Closure::Builtin`).
    pub fn builtin_with(&mut self, name: &'static str, f: BuiltinFn, upvals: Vec<Value>) -> LResult<Value> {
        self.alloc_closure(Closure::Builtin { f, name, special: Special::None, upvals })
    }

    /// The running builtin's closure (in its frame's function slot).
    pub fn current_closure(&self) -> Value {
        self.frames.last().and_then(|fr| self.stack.get(fr.func).copied()).unwrap_or(Value::NIL)
    }

    /// Sets `t[k] = v` raw, with 5.1's key errors.
    pub fn raw_set(&mut self, t: Value, k: Value, v: Value) -> LResult<()> {
        let r = match self.heap.table_mut(t) {
            Some((tab, budget)) => tab.set(budget, k, v),
            None => return Ok(()),
        };
        self.table_result(r)
    }

    /// `rawset(t, k, v)` for an integer key `k` (exactly a double, as
    /// every Lua integer is): the array part without a hash lookup when
    /// `k` is in it (the library's `table.*` functions write this way).
    pub fn raw_set_int(&mut self, t: Value, k: i64, v: Value) -> LResult<()> {
        let r = match self.heap.table_mut(t) {
            Some((tab, budget)) => tab.set_int(budget, k, v),
            None => return Ok(()),
        };
        self.table_result(r)
    }

    /// A raw table write's failure as the run sees it.
    #[inline(always)]
    fn table_result(&mut self, r: Result<(), crate::table::TableError>) -> LResult<()> {
        match r {
            Ok(()) => Ok(()),
            Err(crate::table::TableError::Alloc(e)) => Err(self.alloc_error(e)),
            Err(e) => Err(self.error_here(e.to_string().as_bytes())),
        }
    }

    /// Sets a global (library setup).
    pub fn set_global(&mut self, name: &str, v: Value) -> LResult<()> {
        let k = self.intern(name.as_bytes())?;
        self.raw_set(self.globals, k, v)
    }

    /// Collects now if the policy asks for it. Only called where every
    /// live value is reachable from the roots (see the module doc).
    #[inline]
    pub fn maybe_gc(&mut self) {
        if self.heap.needs_collect() {
            self.collect();
        }
    }

    pub fn collect(&mut self) {
        let stack = &self.stack;
        let names = &self.names;
        let pinned = &self.pinned;
        let open = &self.open_upvals;
        let (globals, registry, smeta) = (self.globals, self.registry, self.string_meta);
        let (thread, main, resumers, transfer) = (self.thread, &self.main_saved, &self.resumers, &self.transfer);
        // SAFETY: the VM holds values only in the stack (all of it, stale
        // slots included, so no slot ever dangles), globals, registry, the
        // string metatable, the interned names, the pinned list and the open
        // upvalues, the running coroutine, the saved main thread, the
        // resumers (whose states their objects hold) and the values in
        // flight between threads, all marked here; the dispatch loop's cached constants
        // belong to the prototype of a closure sitting in a frame's function
        // slot. Callers only collect at safe points where no other `Value`
        // is held in a Rust local.
        unsafe {
            self.heap.collect(|m| {
                for v in stack.iter() {
                    m.mark(*v);
                }
                m.mark(globals);
                m.mark(registry);
                m.mark(smeta);
                for v in names.all() {
                    m.mark(v);
                }
                for v in pinned.iter() {
                    m.mark(*v);
                }
                for (_, u) in open.iter() {
                    m.mark(*u);
                }
                m.mark(thread);
                main.mark_all(m);
                for v in resumers.iter().chain(transfer.iter()) {
                    m.mark(*v);
                }
            });
        }
    }

    #[inline]
    pub(crate) fn ensure_stack(&mut self, len: usize) {
        if self.stack.len() < len {
            self.stack.resize(len, Value::NIL);
        }
    }

    // ---- hot counters ---------------------------------------------------------

    /// Counts one event on the counter of slot `key % HOT_SLOTS`; true when
    /// it fired (reached zero, and was re-armed with `restart`). Callers
    /// pick keys whose low bits differ between nearby loops or functions.
    /// The fast path is one decrement in memory and a branch: the re-arm
    /// is out of line (`hot_rearm`), so the compiler cannot turn it into a
    /// select paid on every count (it did: 14 instructions per back edge
    /// instead of 6).
    #[inline]
    fn hot_tick(&mut self, key: usize, restart: u16) -> bool {
        let i = key % HOT_SLOTS;
        let left = self.hot[i].wrapping_sub(1);
        self.hot[i] = left;
        if left == 0 {
            self.hot_rearm(i, restart)
        } else {
            false
        }
    }

    #[cold]
    #[inline(never)]
    fn hot_rearm(&mut self, i: usize, restart: u16) -> bool {
        self.hot[i] = restart;
        true
    }

    // ---- frames and debug info ---------------------------------------------

    /// The loaded prototype of a Lua frame.
    pub fn frame_proto(&self, fr: &Frame) -> Option<&LoadedProto> {
        // SAFETY: a record's prototype outlives it (`Frame::proto`), and
        // prototypes are only ever borrowed shared.
        fr.proto.map(|p| unsafe { &*p.as_ptr() })
    }

    /// The line a Lua frame is at (its current instruction, `pc - 1`).
    fn frame_line(&self, fr: &Frame) -> Option<(Vec<u8>, u32)> {
        let p = self.frame_proto(fr)?;
        let i = (fr.pc as usize).saturating_sub(1);
        let line = p.proto.lines.get(i).copied().unwrap_or(p.proto.linedefined);
        Some((p.chunkid.clone(), line))
    }

    /// The frame record `level` levels below the running one (0 = the
    /// running one).
    pub fn level(&self, level: usize) -> Option<usize> {
        self.frames.len().checked_sub(level + 1)
    }

    /// `luaL_where(level)`: `chunkid:line: ` of the frame `level` below the
    /// running one if it is a Lua frame, else nothing.
    pub fn where_(&self, level: usize) -> Vec<u8> {
        let Some(i) = self.level(level) else { return Vec::new() };
        match self.frame_line(&self.frames[i]) {
            Some((mut id, line)) => {
                id.extend_from_slice(format!(":{line}: ").as_bytes());
                id
            }
            None => Vec::new(),
        }
    }

    /// An error value made of `msg`; a failure to allocate it becomes the
    /// memory limit.
    pub fn error_value(&mut self, msg: &[u8]) -> LuaError {
        match self.heap.intern(msg) {
            Ok(v) => LuaError::Error(v),
            Err(e) => self.alloc_error(e),
        }
    }

    /// `luaG_runerror`: positioned at the running frame if it is Lua.
    pub fn error_here(&mut self, msg: &[u8]) -> LuaError {
        let mut text = self.where_(0);
        text.extend_from_slice(msg);
        self.error_value(&text)
    }

    /// `luaL_error` from a builtin: positioned at its caller.
    pub fn lib_error(&mut self, msg: &[u8]) -> LuaError {
        let mut text = self.where_(1);
        text.extend_from_slice(msg);
        self.error_value(&text)
    }

    /// How the running builtin was named by its caller (5.1's
    /// `getfuncname`): `(namewhat, name)`.
    fn builtin_name(&self) -> Option<(NameKind, Vec<u8>)> {
        let n = self.frames.len();
        if n < 2 || self.frames[n - 1].tail {
            return None;
        }
        let caller = &self.frames[n - 2];
        let p = self.frame_proto(caller)?;
        let pc = (caller.pc as usize).checked_sub(1)?;
        let ins = *p.proto.code.get(pc)?;
        match ins.op()? {
            // (A builtin reached by a tail call runs in its caller's
            // frame, as in 5.1: see `TAILCALL`.)
            crate::bytecode::Op::CALL
            | crate::bytecode::Op::CALLM
            | crate::bytecode::Op::TAILCALL
            | crate::bytecode::Op::TAILCALLM => p.proto.describe_reg(ins.reg_a(), crate::bytecode::Pc(pc as u32)),
            crate::bytecode::Op::ITERC => Some((NameKind::Global, b"for iterator".to_vec())),
            _ => None,
        }
    }

    /// `luaL_argerror`: "bad argument #n to 'name' (msg)".
    pub fn arg_error(&mut self, narg: usize, msg: &str) -> LuaError {
        let (kind, name) = match self.builtin_name() {
            Some((k, n)) => (Some(k), n),
            None => (None, b"?".to_vec()),
        };
        let name = String::from_utf8_lossy(&name).into_owned();
        if kind == Some(NameKind::Method) {
            if narg == 1 {
                return self.lib_error(format!("calling '{name}' on bad self ({msg})").as_bytes());
            }
            return self.lib_error(format!("bad argument #{} to '{name}' ({msg})", narg - 1).as_bytes());
        }
        self.lib_error(format!("bad argument #{narg} to '{name}' ({msg})").as_bytes())
    }

    /// Describes register `reg` of the running Lua frame at its current
    /// instruction.
    pub fn describe(&self, reg: u8) -> Option<(NameKind, Vec<u8>)> {
        let fr = self.frames.last()?;
        let p = self.frame_proto(fr)?;
        let pc = (fr.pc as usize).saturating_sub(1);
        p.proto.describe_reg(crate::bytecode::Reg(reg), crate::bytecode::Pc(pc as u32))
    }

    /// "attempt to <op> <kind> '<name>' (a <type> value)".
    pub fn type_error(&mut self, v: Value, name: Option<(NameKind, Vec<u8>)>, op: &str) -> LuaError {
        let t = v.type_tag().name();
        let mut msg = format!("attempt to {op} ").into_bytes();
        match name {
            Some((kind, n)) => {
                msg.extend_from_slice(format!("{} '", kind.word()).as_bytes());
                msg.extend_from_slice(&n);
                msg.extend_from_slice(format!("' (a {t} value)").as_bytes());
            }
            None => msg.extend_from_slice(format!("a {t} value").as_bytes()),
        }
        self.error_here(&msg)
    }

    // ---- calls ----------------------------------------------------------------

    /// Where a call made from Rust puts its function.
    pub fn free_slot(&self) -> usize {
        match self.frames.last() {
            Some(fr) if fr.is_builtin() => self.top.max(fr.top),
            Some(fr) => fr.top,
            None => self.top,
        }
    }

    /// The general return, for a builtin's tail call (`tail_builtin`):
    /// pops the running frame's record, moves its `n` results from slot
    /// `src` to its function slot as the record's `want` asks, and
    /// finishes its continuation. True when that was an entry frame (or
    /// there was none): its `execute` is done.
    ///
    /// The dispatch loop's `ret!` does the same inline, on purpose: with
    /// `ret!` calling this (every return from an entry frame, such as
    /// `table.sort`'s comparator's, then pays a call) sort took 0.898x
    /// lua5.1's instructions instead of 0.848x, and with this inlined into
    /// `ret!` the loop's code changed enough to cost fib 0.798 -> 0.806
    /// and sort 0.842 -> 0.850.
    #[inline(never)]
    pub(crate) fn pop_return(&mut self, src: usize, n: usize) -> bool {
        let Some(fr) = self.frames.pop() else { return true };
        let dst = fr.func;
        let want = if fr.want < 0 { n } else { fr.want as usize };
        // `dst < src`: copying upwards never overwrites a result unread.
        match self.stack.get(src..src + want) {
            // The usual case (a comparator's or metamethod's one result):
            // all wanted results exist, and so do the slots they go to.
            Some(_) if want <= n => {
                for i in 0..want {
                    self.stack[dst + i] = self.stack[src + i];
                }
            }
            _ => {
                self.ensure_stack(dst + want + 1);
                for i in 0..want {
                    let v = if i < n { self.stack.get(src + i).copied().unwrap_or(Value::NIL) } else { Value::NIL };
                    self.stack[dst + i] = v;
                }
            }
        }
        self.top = dst + want;
        if fr.cont != Cont::Call {
            self.finish_cont(&fr);
        }
        fr.entry
    }

    /// `return f(...)` of builtin `f` (`runs_in_callers_frame`) in slot
    /// `f` of the running frame, `nargs` arguments above it: as 5.1 runs a
    /// C function from `OP_TAILCALL`, a plain call for all its results,
    /// then the running frame's return of them. True as `pop_return`.
    #[inline(never)]
    pub(crate) fn tail_builtin(&mut self, f: usize, nargs: usize, a: u8) -> LResult<bool> {
        if self.precall(f, nargs, -1, false, false, Some(a), Cont::Call)? {
            return Err(self.error_value(b"internal: a builtin left a frame to run"));
        }
        let base = self.frames.last().map_or(f, |fr| fr.base);
        self.close_upvals(base);
        Ok(self.pop_return(f, self.top.saturating_sub(f)))
    }

    /// A builtin a tail call runs as a plain call (see `TAILCALL`): all
    /// but those the loop switches frames for (`pcall`, `xpcall`, the
    /// coroutine switches), which keep the tail call's record and
    /// continuation handling.
    pub(crate) fn runs_in_callers_frame(&self, v: Value) -> bool {
        matches!(
            self.heap.get::<Closure>(v),
            Some(Closure::Builtin { special: Special::None | Special::Pure | Special::Next | Special::IpairsStep, .. })
        )
    }

    fn is_callable(&self, v: Value) -> bool {
        self.heap.get::<Closure>(v).is_some() || !self.metamethod(v, self.names.call).is_nil()
    }

    /// Starts a call of the function in slot `f` with `nargs` arguments
    /// above it. A Lua callee gets a frame (with continuation `cont`) and
    /// `Ok(true)`: the caller's dispatch loop (or `execute`) runs it. A
    /// builtin runs here and its results are already at `f ..`
    /// (`Ok(false)`); the caller applies `cont` itself then.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn precall(
        &mut self,
        f: usize,
        nargs: usize,
        want: i32,
        entry: bool,
        tail: bool,
        name_reg: Option<u8>,
        cont: Cont,
    ) -> LResult<bool> {
        let fv = self.stack[f];
        match self.heap.get::<Closure>(fv) {
            Some(Closure::Lua { proto, upvals, .. }) => {
                let (proto, cells) = (proto.ptr(), upvals.as_ptr());
                self.enter_lua(f, nargs, want, entry, tail, fv, proto, cells, cont)?;
                Ok(true)
            }
            Some(Closure::Builtin { f: bf, special, .. }) => {
                let (bf, special) = (*bf, *special);
                let plain = cont == Cont::Call && !entry && !tail;
                if special == Special::Pure && plain && self.call_pure(bf, f, nargs, want) {
                    return Ok(false);
                }
                if matches!(special, Special::Resume | Special::Wrap) && plain {
                    match crate::lib::coroutine::resume_in_loop(self, f, nargs, want, special == Special::Wrap)? {
                        Protected::Entered => return Ok(true),
                        Protected::Ran => return Ok(false),
                        Protected::NotHandled => {}
                    }
                } else if special == Special::Yield && plain {
                    if crate::lib::coroutine::yield_in_loop(self, f, nargs, want)? {
                        // The resumer's frames are the running ones now.
                        return Ok(true);
                    }
                } else if matches!(special, Special::Pcall | Special::Xpcall) && cont == Cont::Call {
                    match self.enter_protected(f, nargs, want, entry, special)? {
                        Protected::Entered => return Ok(true),
                        Protected::Ran => return Ok(false),
                        Protected::NotHandled => {}
                    }
                }
                self.call_builtin(f, nargs, want, entry, tail, bf, cont)?;
                Ok(false)
            }
            None => self.precall_handler(f, nargs, want, entry, tail, name_reg, cont),
        }
    }

    /// `precall` of a value that is not a function: its `__call` handler
    /// is called with the value as its first argument. Out of line, so
    /// that `precall` does not recurse into itself (the compiler turned
    /// that recursion into a loop whose set-up every call paid).
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn precall_handler(
        &mut self,
        f: usize,
        nargs: usize,
        want: i32,
        entry: bool,
        tail: bool,
        name_reg: Option<u8>,
        cont: Cont,
    ) -> LResult<bool> {
        let fv = self.stack[f];
        let h = self.metamethod(fv, self.names.call);
        if self.heap.get::<Closure>(h).is_none() {
            let name = name_reg.and_then(|r| self.describe(r));
            return Err(self.type_error(fv, name, "call"));
        }
        self.ensure_stack(f + nargs + 2);
        self.stack.copy_within(f..=f + nargs, f + 1);
        self.stack[f] = h;
        self.precall(f, nargs + 1, want, entry, tail, None, cont)
    }

    /// Runs builtin `bf` in slot `f` now; its results end up at `f ..`.
    #[allow(clippy::too_many_arguments)]
    fn call_builtin(
        &mut self,
        f: usize,
        nargs: usize,
        want: i32,
        entry: bool,
        tail: bool,
        bf: BuiltinFn,
        cont: Cont,
    ) -> LResult<()> {
        if self.frames.len() >= MAX_FRAMES {
            return Err(self.error_here(b"stack overflow"));
        }
        let top = f + 1 + nargs;
        self.frames.push(Frame::builtin(f, top, want, entry, tail, cont));
        let saved_top = self.top;
        self.top = top;
        let args = self.builtin_args(f + 1, top);
        let depth = self.frames.len() - 1;
        let rets = match bf(self, args) {
            Ok(r) => r,
            // A yield leaves its record on top: `resume` pops it.
            Err(LuaError::Yield) => return Err(LuaError::Yield),
            Err(e) => {
                self.frames.truncate(depth);
                return Err(e);
            }
        };
        self.top = saved_top;
        self.frames.pop();
        self.place_results(f, &rets, want);
        Ok(())
    }

    /// A builtin's arguments, slots `from..to`. Up to `Args`' inline
    /// capacity they are copied as one fixed-size block when the stack
    /// reaches that far (the slots past `to` come along unused): a
    /// constant-length copy is a few moves, where a copy of `to - from`
    /// values is a `memcpy` call.
    #[inline(always)]
    fn builtin_args(&self, from: usize, to: usize) -> Args {
        const N: usize = crate::func::ARGS_INLINE;
        let n = to - from;
        if let Some(block) = self.stack.get(from..from + N) {
            if n <= N {
                let mut buf = [Value::NIL; N];
                buf.copy_from_slice(block);
                return Args::from_buf_and_len(buf, n);
            }
        }
        Args::from_slice(&self.stack[from..to])
    }

    /// Pushes the frame of Lua closure `fv` (prototype `proto`) in slot `f`
    /// with `nargs` arguments above it; the dispatch loop runs it. Counts
    /// toward the run's step budget (`steps`). Returns the prototype and
    /// the new frame's base.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    pub(crate) fn enter_lua(
        &mut self,
        f: usize,
        nargs: usize,
        want: i32,
        entry: bool,
        tail: bool,
        fv: Value,
        pp: NonNull<LoadedProto>,
        cells: *const Value,
        cont: Cont,
    ) -> LResult<(NonNull<LoadedProto>, usize)> {
        if self.frames.len() >= MAX_FRAMES {
            return Err(self.error_here(b"stack overflow"));
        }
        // SAFETY: `pp` is the live prototype of closure `fv` (in slot `f`,
        // `ProtoRef::ptr`), borrowed shared only for the reads below.
        let p = unsafe { pp.as_ref() };
        let np = p.proto.numparams as usize;
        let maxstack = p.proto.maxstack as usize;
        let vararg = p.proto.vararg;
        if self.hot_tick(call_key(pp.as_ptr() as usize), HOT_CALL) {
            std::hint::cold_path();
            // The step budget, a hot-counter period at a time (`steps`).
            self.steps += u64::from(HOT_CALL);
            if self.steps > self.step_limit {
                return Err(LuaError::Limit(LimitKind::Steps));
            }
            self.hook.hot_call(fv);
        }
        if vararg == Vararg::Fixed {
            let base = f + 1;
            let top = base + maxstack;
            self.ensure_stack(top + 1);
            // Missing parameters start nil. The other registers are not
            // cleared (5.1's precall clears them): the compiler writes
            // every register before reading it (a local without a value
            // gets KPRI/KNIL), so what is left there from earlier calls
            // or as extra arguments is never read. Every stack slot is a
            // GC root, so such a leftover is still a live object.
            if nargs < np {
                self.stack[base + nargs..base + np].fill(Value::NIL);
            }
            self.frames.push(Frame::lua(f, base, top, 0, want, entry, tail, cont, pp, cells));
            return Ok((pp, base));
        }
        let base = self.enter_vararg(f, nargs, want, entry, tail, cont, pp, cells, maxstack, vararg)?;
        Ok((pp, base))
    }

    /// `enter_lua` for a vararg prototype (kept out of line: rarer).
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn enter_vararg(
        &mut self,
        f: usize,
        nargs: usize,
        want: i32,
        entry: bool,
        tail: bool,
        cont: Cont,
        pp: NonNull<LoadedProto>,
        cells: *const Value,
        maxstack: usize,
        vararg: Vararg,
    ) -> LResult<usize> {
        // SAFETY: as in `enter_lua`.
        let np = unsafe { pp.as_ref() }.proto.numparams as usize;
        let base = f + 1 + nargs;
        let top = base + maxstack;
        self.ensure_stack(top + 1);
        for i in 0..np {
            self.stack[base + i] = if i < nargs { self.stack[f + 1 + i] } else { Value::NIL };
        }
        let nvar = nargs.saturating_sub(np);
        self.stack[base + np..top].fill(Value::NIL);
        if vararg == Vararg::ArgTable && np < maxstack {
            // The frame is not pushed yet: the new table is stored at once.
            let t = self.new_table(nvar, 1)?;
            for i in 0..nvar {
                let v = self.stack[base - nvar + i];
                self.raw_set(t, Value::from_num((i + 1) as f64), v)?;
            }
            let n = self.names.n;
            self.raw_set(t, n, Value::from_num(nvar as f64))?;
            self.stack[base + np] = t;
        }
        self.frames.push(Frame::lua(f, base, top, nvar as u32, want, entry, tail, cont, pp, cells));
        Ok(base)
    }

    /// `pcall(g, ...)` / `xpcall(g, h)` in slot `f` with `g` a Lua
    /// function: pushes the `pcall`'s own record (a builtin record with a
    /// protected continuation) and `g`'s frame at `f + 1` above it. The
    /// builtin's own path runs instead for a builtin or non-function `g`,
    /// missing arguments, or at the C-call or frame limit (whose errors it
    /// raises and catches as 5.1 does).
    fn enter_protected(
        &mut self,
        f: usize,
        nargs: usize,
        want: i32,
        entry: bool,
        special: Special,
    ) -> LResult<Protected> {
        let need = if special == Special::Xpcall { 2 } else { 1 };
        if nargs < need {
            return Ok(Protected::NotHandled);
        }
        let g = self.stack[f + 1];
        let proto = match self.heap.get::<Closure>(g) {
            Some(Closure::Lua { proto, upvals, .. }) => Some((proto.ptr(), upvals.as_ptr())),
            // `pcall(coroutine.yield, ...)`: the yield suspends the
            // coroutine under the `pcall`'s record, as a yield inside a
            // protected Lua function does (DESIGN.md's deviation; LuaJIT
            // lets it through too).
            Some(Closure::Builtin { special: Special::Yield, .. }) if special == Special::Pcall => None,
            _ => return Ok(Protected::NotHandled),
        };
        let gwant = if want < 0 { -1 } else { (want - 1).max(0) };
        if self.c_calls + 1 >= MAX_C_CALLS {
            // The builtin's path raises "C stack overflow" inside the
            // protected call and catches it, as 5.1 does.
            return Ok(Protected::NotHandled);
        }
        if self.frames.len() >= MAX_FRAMES {
            return Ok(Protected::NotHandled);
        }
        let pinned = self.pinned.len().saturating_sub(self.pinned_base) as u32;
        let (cont, gargs) = if special == Special::Xpcall {
            // The handler takes the `xpcall` slot (the record's function
            // slot); `g` gets no arguments.
            self.stack[f] = self.stack[f + 2];
            (Cont::Xpcall { pinned }, 0)
        } else {
            (Cont::Pcall { pinned }, nargs - 1)
        };
        // The `pcall`'s own record (a builtin record, as 5.1's C frame),
        // then `g`'s frame above it.
        let top = f + 1 + nargs;
        self.frames.push(Frame::builtin(f, top, want, entry, false, cont));
        self.c_calls += 1;
        let entered = match proto {
            Some((proto, cells)) => {
                self.enter_lua(f + 1, gargs, gwant, false, false, g, proto, cells, Cont::Call).map(|_| true)
            }
            // The yield switches back to the resumer in this loop (true),
            // or unwinds to `resume_co` (`Yield`); both leave the records.
            None => self.precall(f + 1, gargs, gwant, false, false, None, Cont::Call),
        };
        match entered {
            Ok(true) => Ok(Protected::Entered),
            Ok(false) => {
                // (A builtin `g` that returned: finish the `pcall` now.)
                self.finish_protected()?;
                Ok(Protected::Ran)
            }
            Err(LuaError::Yield) => Err(LuaError::Yield),
            Err(LuaError::Error(e)) => {
                // Entering `g` failed ("stack overflow"): this pcall catches it.
                self.frames.pop();
                self.c_calls = self.c_calls.saturating_sub(1);
                self.place_results(f, &[Value::FALSE, e], want);
                Ok(Protected::Ran)
            }
            Err(other) => {
                self.frames.pop();
                self.c_calls = self.c_calls.saturating_sub(1);
                Err(other)
            }
        }
    }

    /// Copies results to `dst ..`, adjusted to `want` (-1: all, setting
    /// the top). The usual call wants one result or none (a statement):
    /// those cases are inline, at most one store (a builtin's call spent
    /// 43 instructions here before).
    #[inline(always)]
    pub(crate) fn place_results(&mut self, dst: usize, vals: &[Value], want: i32) {
        if (0..=1).contains(&want) && dst + 2 <= self.stack.len() {
            if want == 1 {
                self.stack[dst] = vals.first().copied().unwrap_or(Value::NIL);
            }
            self.top = dst + want as usize;
            return;
        }
        self.place_results_any(dst, vals, want);
    }

    #[inline(never)]
    fn place_results_any(&mut self, dst: usize, vals: &[Value], want: i32) {
        let n = if want < 0 { vals.len() } else { want as usize };
        self.ensure_stack(dst + n + 1);
        for i in 0..n {
            self.stack[dst + i] = vals.get(i).copied().unwrap_or(Value::NIL);
        }
        self.top = dst + n;
    }

    /// Calls the function in slot `f` from Rust and runs it to completion;
    /// results at `f ..` (top set when `want` is -1).
    pub fn call_at(&mut self, f: usize, nargs: usize, want: i32) -> LResult<()> {
        if self.c_calls + 1 >= MAX_C_CALLS {
            return Err(self.error_here(b"C stack overflow"));
        }
        let saved = (self.c_calls, self.rust_depth);
        self.c_calls += 1;
        self.rust_depth += 1;
        let r = match self.precall(f, nargs, want, true, false, None, Cont::Call) {
            Ok(true) => self.execute(),
            Ok(false) => Ok(()),
            Err(e) => Err(e),
        };
        (self.c_calls, self.rust_depth) = saved;
        r
    }

    /// Calls `func(args)` from Rust and hands all its results, still on
    /// the stack, to `take`; the stack top is restored after.
    fn call_then<R>(&mut self, func: Value, args: &[Value], take: impl FnOnce(&[Value]) -> R) -> LResult<R> {
        let f = self.free_slot();
        self.ensure_stack(f + args.len() + 2);
        self.stack[f] = func;
        let dst = &mut self.stack[f + 1..f + 1 + args.len()];
        // The usual one or two arguments (a metamethod's operands, a sort
        // comparison) moved directly: cheaper than a call to `memcpy`.
        match args {
            [a] => dst[0] = *a,
            [a, b] => (dst[0], dst[1]) = (*a, *b),
            _ => dst.copy_from_slice(args),
        }
        let saved_top = self.top;
        self.top = f + 1 + args.len();
        self.call_at(f, args.len(), -1)?;
        let out = take(&self.stack[f..self.top.max(f)]);
        self.top = saved_top;
        Ok(out)
    }

    /// Calls `func(args)` from Rust and returns all results.
    pub fn call_value(&mut self, func: Value, args: &[Value]) -> LResult<Vec<Value>> {
        self.call_then(func, args, <[Value]>::to_vec)
    }

    /// `call_value` into an inline vector: no allocation for up to four
    /// results (library callbacks such as `table.sort`'s comparator).
    pub fn call_rets(&mut self, func: Value, args: &[Value]) -> LResult<Rets> {
        self.call_then(func, args, Rets::from_slice)
    }

    /// Calls `h(args)` from Rust for its first result (metamethods,
    /// library callbacks): nothing is copied off the stack but that value.
    pub fn call_meta(&mut self, h: Value, args: &[Value]) -> LResult<Value> {
        self.call_then(h, args, |vals| vals.first().copied().unwrap_or(Value::NIL))
    }

    /// `pcall`: runs `func(args)`; an error comes back as `Err(value)` with
    /// the frames and upvalues above the call undone.
    pub fn pcall(&mut self, func: Value, args: &[Value]) -> LResult<Result<Rets, Value>> {
        let depth = self.frames.len();
        let pinned = self.pinned.len();
        let saved_top = self.top;
        let saved_c = self.c_calls;
        let f = self.free_slot();
        match self.call_rets(func, args) {
            Ok(v) => Ok(Ok(v)),
            Err(LuaError::Error(e)) => {
                self.close_upvals(f);
                self.frames.truncate(depth);
                self.pinned.truncate(pinned);
                self.top = saved_top;
                self.c_calls = saved_c;
                Ok(Err(e))
            }
            Err(limit) => Err(limit),
        }
    }

    // ---- upvalues -------------------------------------------------------------

    pub(crate) fn find_upval(&mut self, slot: usize) -> LResult<Value> {
        let pos = self.open_upvals.partition_point(|(s, _)| *s < slot);
        if let Some(&(s, u)) = self.open_upvals.get(pos) {
            if s == slot {
                return Ok(u);
            }
        }
        let u = match self.heap.alloc(Upvalue::Open { slot, thread: self.thread }) {
            Ok(u) => u,
            Err(e) => return Err(self.alloc_error(e)),
        };
        self.open_upvals.insert(pos, (slot, u));
        Ok(u)
    }

    /// Closes every open upvalue at or above `level`.
    pub fn close_upvals(&mut self, level: usize) {
        while let Some(&(slot, u)) = self.open_upvals.last() {
            if slot < level {
                break;
            }
            self.open_upvals.pop();
            let v = self.stack.get(slot).copied().unwrap_or(Value::NIL);
            if let Some(cell) = self.heap.get_mut::<Upvalue>(u) {
                *cell = Upvalue::Closed(v);
            }
        }
    }

    pub(crate) fn upval_get(&self, u: Value) -> Value {
        match self.heap.get::<Upvalue>(u) {
            Some(Upvalue::Open { slot, thread }) => {
                self.thread_stack(*thread).get(*slot).copied().unwrap_or(Value::NIL)
            }
            Some(Upvalue::Closed(v)) => *v,
            None => Value::NIL,
        }
    }

    /// The value stack of `thread` (nil: the main thread), wherever it is
    /// kept right now.
    fn thread_stack(&self, thread: Value) -> &[Value] {
        if thread.raw_eq(self.thread) {
            &self.stack
        } else if thread.is_nil() {
            &self.main_saved.stack
        } else {
            crate::lib::coroutine::saved_stack(&self.heap, thread)
        }
    }

    pub(crate) fn upval_set(&mut self, u: Value, v: Value) {
        let (slot, thread) = match self.heap.get_mut::<Upvalue>(u) {
            Some(Upvalue::Open { slot, thread }) => (*slot, *thread),
            Some(Upvalue::Closed(c)) => {
                *c = v;
                return;
            }
            None => return,
        };
        let stack = if thread.raw_eq(self.thread) {
            &mut self.stack[..]
        } else if thread.is_nil() {
            &mut self.main_saved.stack[..]
        } else {
            crate::lib::coroutine::saved_stack_mut(&mut self.heap, thread)
        };
        if let Some(s) = stack.get_mut(slot) {
            *s = v;
        }
    }

    // ---- output -------------------------------------------------------------

    pub fn write_out(&mut self, bytes: &[u8]) {
        match &mut self.out {
            Output::Capture(buf) => buf.extend_from_slice(bytes),
            Output::Stdout => {
                use std::io::Write;
                let _ = std::io::stdout().write_all(bytes);
            }
        }
    }
}
