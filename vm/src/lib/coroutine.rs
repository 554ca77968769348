//! Coroutines (§2.11, §5.2): the thread object and the `coroutine`
//! library. The design (own value stack per coroutine, switching without
//! OS threads, yield as an unwinding to `resume`) is documented in
//! `frame.rs`, "Coroutines".

use super::arg;
use crate::frame::{Cont, Frame, ThreadState, MAX_C_CALLS, MAX_FRAMES};
use crate::func::{Args, Closure, Rets, Special};
use crate::gc::{GcObject, Heap, Marker};
use crate::interp::{LResult, LuaError, Protected, Vm};
use crate::rets;
use crate::value::{ObjKind, Value};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Status {
    Suspended,
    Running,
    Normal,
    Dead,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Suspended => "suspended",
            Status::Running => "running",
            Status::Normal => "normal",
            Status::Dead => "dead",
        }
    }
}

/// A coroutine. While it is not running its state is in `saved`; while
/// it runs, `saved` is empty and its state is the `Vm`'s.
pub struct Coroutine {
    pub saved: ThreadState,
    pub status: Status,
    /// The body, until the first resume puts it in slot 0.
    pub func: Value,
    pub started: bool,
}

// SAFETY: `ObjKind::Thread` is used by `Coroutine` alone; `trace` marks
// the body and the whole parked state.
unsafe impl GcObject for Coroutine {
    const KIND: ObjKind = ObjKind::Thread;
    fn trace(&mut self, marker: &mut Marker) {
        marker.mark(self.func);
        self.saved.mark_all(marker);
    }
}

/// The parked stack of coroutine `co` (empty if it is not one).
pub fn saved_stack(heap: &Heap, co: Value) -> &[Value] {
    heap.get::<Coroutine>(co).map_or(&[], |c| &c.saved.stack[..])
}

pub fn saved_stack_mut(heap: &mut Heap, co: Value) -> &mut [Value] {
    match heap.get_mut::<Coroutine>(co) {
        Some(c) => &mut c.saved.stack[..],
        None => &mut [],
    }
}

pub fn open(vm: &mut Vm) -> LResult<()> {
    let lib = vm.make_lib(
        "coroutine",
        &[
            ("create", create),
            ("resume", resume),
            ("running", running),
            ("status", status),
            ("wrap", wrap),
            ("yield", yield_),
        ],
    )?;
    for (name, special) in [("resume", Special::Resume), ("yield", Special::Yield)] {
        let key = vm.intern(name.as_bytes())?;
        let f = vm.heap.table(lib).map_or(Value::NIL, |t| t.get_str(key));
        vm.set_special(f, special);
    }
    Ok(())
}

fn lua_function(vm: &mut Vm, args: &[Value]) -> LResult<Value> {
    let f = arg(args, 0);
    match vm.heap.get::<Closure>(f) {
        Some(Closure::Lua { .. }) => Ok(f),
        _ => Err(vm.arg_error(1, "Lua function expected")),
    }
}

fn new_coroutine(vm: &mut Vm, f: Value) -> LResult<Value> {
    let co = Coroutine { saved: ThreadState::default(), status: Status::Suspended, func: f, started: false };
    match vm.heap.alloc(co) {
        Ok(v) => Ok(v),
        Err(e) => Err(vm.alloc_error(e)),
    }
}

fn thread_arg(vm: &mut Vm, args: &[Value]) -> LResult<Value> {
    let t = arg(args, 0);
    if vm.heap.get::<Coroutine>(t).is_some() {
        Ok(t)
    } else {
        Err(vm.arg_error(1, "coroutine expected"))
    }
}

fn status_of(vm: &Vm, co: Value) -> Status {
    if co.raw_eq(vm.thread) {
        return Status::Running;
    }
    vm.heap.get::<Coroutine>(co).map_or(Status::Dead, |c| c.status)
}

/// Swaps the running thread's state (stack, frames, top, open upvalues)
/// with `st`. Parking and unparking are swaps rather than moves through a
/// fresh `ThreadState`: nothing is built, and no emptied vector dropped,
/// per switch.
fn swap_state(
    stack: &mut Vec<Value>,
    frames: &mut Vec<crate::frame::Frame>,
    top: &mut usize,
    open: &mut Vec<(usize, Value)>,
    st: &mut ThreadState,
) {
    std::mem::swap(stack, &mut st.stack);
    std::mem::swap(frames, &mut st.frames);
    std::mem::swap(top, &mut st.top);
    std::mem::swap(open, &mut st.open_upvals);
}

/// Exchanges the running state with the parked one in `thread`'s home
/// (`Vm::main_saved` for nil, else the coroutine's `saved`), setting the
/// coroutine's status to `status`. Parking (the running thread's home is
/// empty) and unparking (the `Vm`'s state was just parked, so empty) are
/// both this one swap.
fn exchange(vm: &mut Vm, thread: Value, status: Status) {
    let Vm { stack, frames, top, open_upvals, heap, main_saved, .. } = vm;
    if thread.is_nil() {
        swap_state(stack, frames, top, open_upvals, main_saved);
    } else if let Some(c) = heap.get_mut::<Coroutine>(thread) {
        swap_state(stack, frames, top, open_upvals, &mut c.saved);
        c.status = status;
    }
}

/// Drops the running state of a coroutine that just died (its values
/// need no parking: nothing will run on that stack again).
fn drop_state(vm: &mut Vm) {
    vm.stack = Vec::new();
    vm.frames = Vec::new();
    vm.top = 0;
    vm.open_upvals = Vec::new();
}

/// What switching into a coroutine changes of the resumer's settings,
/// restored when it switches back (`switch_out`).
struct Saved {
    c_calls: u32,
    rust_depth: u32,
    yield_base: u32,
    pinned: usize,
    pinned_base: usize,
}

/// Makes suspended coroutine `co` the running thread, the resumer parked
/// in its home, with `args` delivered: a first resume starts the body, a
/// later one puts them where the suspending `yield`'s results go.
/// `nested`: the coroutine gets a dispatch loop of its own, one Rust
/// level deeper (`resume_co`); otherwise it runs in the calling loop
/// (`resume_in_loop`). The result says whether a frame is left to run;
/// false when the body has already returned (the resumed `yield` was its
/// tail call), its results at `0 .. top`. An error is the coroutine's:
/// it is the running thread by then.
#[inline(always)]
fn switch_in(vm: &mut Vm, co: Value, args: &[Value], nested: bool) -> (Saved, LResult<bool>) {
    let me = vm.thread;
    exchange(vm, me, Status::Normal);
    vm.resumers.push(me);
    exchange(vm, co, Status::Running);
    vm.thread = co;
    let saved = Saved {
        c_calls: vm.c_calls,
        rust_depth: vm.rust_depth,
        yield_base: vm.yield_base,
        pinned: vm.pinned.len(),
        pinned_base: vm.pinned_base,
    };
    // The resume is a C call, and so is each continuation frame the
    // coroutine was suspended in (`frame::Cont`).
    let live = vm.frames.iter().filter(|f| f.cont != Cont::Call).count() as u32;
    vm.c_calls += 1 + live;
    if nested {
        vm.rust_depth += 1;
    }
    vm.yield_base = vm.rust_depth;
    vm.pinned_base = saved.pinned;

    let (started, func) = vm.heap.get::<Coroutine>(co).map_or((true, Value::NIL), |c| (c.started, c.func));
    if !started {
        if let Some(c) = vm.heap.get_mut::<Coroutine>(co) {
            c.started = true;
            c.func = Value::NIL;
        }
        vm.stack.clear();
        vm.stack.push(func);
        vm.stack.extend_from_slice(args);
        vm.top = vm.stack.len();
        // The body is a Lua function (`create` checks), so this pushes
        // its frame.
        let entered = vm.precall(0, args.len(), -1, true, false, None, Cont::Call);
        return (saved, entered);
    }
    // The top record is the `yield` that suspended it.
    let more = match vm.frames.pop() {
        Some(fr) => {
            vm.place_results(fr.func, args, fr.want);
            // A `yield` reached by a tail call from a continuation frame
            // finishes that frame's continuation now.
            if fr.cont != Cont::Call {
                vm.finish_cont(&fr);
            }
            !(fr.entry || vm.frames.is_empty())
        }
        None => false,
    };
    (saved, Ok(more))
}

/// Switches back from coroutine `co`, the running thread, to its resumer:
/// `co` is parked suspended, or (`dead`) its upvalues are closed and its
/// state dropped; the resumer's settings come back from `saved`. Callers
/// copy out the values they need first; nothing collects until those are
/// on the resumer's stack (allocation never collects).
#[inline(always)]
fn switch_out(vm: &mut Vm, co: Value, dead: bool, saved: &Saved) {
    if dead {
        vm.close_upvals(0);
        drop_state(vm);
        if let Some(c) = vm.heap.get_mut::<Coroutine>(co) {
            c.status = Status::Dead;
        }
    } else {
        exchange(vm, co, Status::Suspended);
    }
    let back = vm.resumers.pop().unwrap_or(Value::NIL);
    exchange(vm, back, Status::Running);
    vm.thread = back;
    vm.c_calls = saved.c_calls;
    vm.rust_depth = saved.rust_depth;
    vm.yield_base = saved.yield_base;
    vm.pinned.truncate(saved.pinned);
    vm.pinned_base = saved.pinned_base;
}

/// Runs `co` until it yields or returns, appending the values it yields
/// or returns to `out` (`Ok(Ok(()))`), or fails (`Ok(Err(error))`, with
/// `out` as it was); limits propagate.
pub fn resume_co(vm: &mut Vm, co: Value, args: &[Value], out: &mut Rets) -> LResult<Result<(), Value>> {
    let st = status_of(vm, co);
    if st != Status::Suspended {
        return Ok(Err(vm.intern(format!("cannot resume {} coroutine", st.name()).as_bytes())?));
    }
    if vm.c_calls >= MAX_C_CALLS {
        return Ok(Err(vm.intern(b"C stack overflow")?));
    }
    let (saved, entered) = switch_in(vm, co, args, true);
    let r = match entered {
        Ok(true) => vm.execute_from(0),
        Ok(false) => Ok(()),
        Err(e) => Err(e),
    };
    let (outcome, dead) = match r {
        Ok(()) => {
            let end = vm.top.min(vm.stack.len());
            out.extend(vm.stack[..end].iter().copied());
            (Ok(Ok(())), true)
        }
        Err(LuaError::Yield) => {
            // `transfer` keeps its capacity for the next yield.
            out.extend(vm.transfer.iter().copied());
            vm.transfer.clear();
            (Ok(Ok(())), false)
        }
        Err(LuaError::Error(e)) => (Ok(Err(e)), true),
        Err(limit) => (Err(limit), true),
    };
    switch_out(vm, co, dead, &saved);
    outcome
}

/// A `wrap` function's error `e` from its coroutine, raised in the
/// caller: 5.1 adds the caller's position to a string or number (level
/// 1: the caller, with the wrap function's record still on top).
fn wrap_error(vm: &mut Vm, e: Value) -> LuaError {
    if e.is_string() || e.is_num() {
        let mut text = vm.where_(1);
        text.extend_from_slice(&vm.tostring_plain(e));
        return vm.error_value(&text);
    }
    LuaError::Error(e)
}

fn create(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = lua_function(vm, &args)?;
    Ok(rets![new_coroutine(vm, f)?])
}

fn resume(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let co = thread_arg(vm, &args)?;
    let mut out = rets![Value::TRUE];
    Ok(match resume_co(vm, co, &args[1..], &mut out)? {
        Ok(()) => out,
        Err(e) => rets![Value::FALSE, e],
    })
}

fn running(vm: &mut Vm, _args: Args) -> LResult<Rets> {
    Ok(rets![vm.thread])
}

fn status(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let co = thread_arg(vm, &args)?;
    let name = status_of(vm, co).name();
    Ok(rets![vm.intern(name.as_bytes())?])
}

fn yield_(vm: &mut Vm, args: Args) -> LResult<Rets> {
    if vm.thread.is_nil() || vm.rust_depth != vm.yield_base {
        return Err(vm.error_here(b"attempt to yield across metamethod/C-call boundary"));
    }
    // Copied into the kept buffer: after the first yield this allocates
    // nothing.
    vm.transfer.clear();
    vm.transfer.extend_from_slice(&args);
    Err(LuaError::Yield)
}

fn wrap(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = lua_function(vm, &args)?;
    let co = new_coroutine(vm, f)?;
    let w = vm.builtin_with("wrap", wrap_aux, vec![co])?;
    vm.set_special(w, Special::Wrap);
    Ok(rets![w])
}

fn wrap_aux(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let me = vm.current_closure();
    let co = match vm.heap.get::<Closure>(me) {
        Some(Closure::Builtin { upvals, .. }) => upvals.first().copied().unwrap_or(Value::NIL),
        _ => Value::NIL,
    };
    let mut out = Rets::new();
    match resume_co(vm, co, &args, &mut out)? {
        Ok(()) => Ok(out),
        Err(e) => Err(wrap_error(vm, e)),
    }
}

// ---- resuming inside the dispatch loop -------------------------------------
//
// `resume_co` above runs a coroutine in a dispatch loop of its own, called
// from Rust, and its `yield` unwinds back to it as an error. When the
// resume is a plain `CALL` (or `ITERC`) of the running dispatch loop,
// the switch can instead happen in that loop, as LuaJIT's does: the
// resumer's state is parked, the coroutine's put in place, and the loop
// goes on with the coroutine's top frame. A `yield` the coroutine's loop
// calls the same way switches back at once (`yield_in_loop`); any other
// end (return, a yield by another path, an uncaught error, a limit)
// comes out of `dispatch` to that loop's `execute` (`interp/cont.rs`),
// which calls `finish_in_loop`. Either way the resumer's frames are the
// running ones again, with the resume's results placed. Everything
// observable is as `resume_co` does it: statuses, C-call counts, error
// values and the `wrap` error position; what goes is a Rust call level,
// an error unwinding and two builtin calls per switch.

/// A coroutine resumed inside a dispatch loop (`Vm::co_ctx`): what
/// `finish_in_loop` needs to switch back.
pub(crate) struct CoCtx {
    /// `Vm::rust_depth` of the loop that runs it (its `execute`).
    level: u32,
    /// The resume call: function slot, wanted results, `wrap` or `resume`.
    f: usize,
    want: i32,
    wrap: bool,
    /// The resumer's settings and `Vm::exec_floor`, restored on the way
    /// back.
    saved: Saved,
    floor: usize,
}

/// How a coroutine resumed in the loop stopped.
pub(crate) enum CoEnd {
    /// Its body returned; the results are at `0 .. top` of its stack.
    Returned,
    /// It yielded; the values are in `Vm::transfer`.
    Yielded,
    /// An error no frame of it caught.
    Failed(Value),
    /// A limit: the run is ending; switch back and place nothing.
    Limit,
}

/// The running coroutine was resumed by the loop at this Rust depth.
pub(crate) fn running_in_loop(vm: &Vm) -> bool {
    vm.co_ctx.last().is_some_and(|c| c.level == vm.rust_depth)
}

/// `coroutine.resume(co, ...)` (or the `wrap` function of `co`) in slot
/// `f`, called by the dispatch loop: switches to `co` in this loop
/// (`Entered`: the loop continues with its top frame), or finishes at
/// once (`Ran`: a resumed `yield` that was its body's tail call). Every
/// case the builtin reports an error for (a coroutine that is not
/// suspended, a bad argument, the C-call or frame limit) is left to it
/// (`NotHandled`).
pub(crate) fn resume_in_loop(vm: &mut Vm, f: usize, nargs: usize, want: i32, wrap: bool) -> LResult<Protected> {
    let (co, first_arg, n) = if wrap {
        let me = vm.stack[f];
        let co = match vm.heap.get::<Closure>(me) {
            Some(Closure::Builtin { upvals, .. }) => upvals.first().copied().unwrap_or(Value::NIL),
            _ => Value::NIL,
        };
        (co, f + 1, nargs)
    } else if nargs >= 1 {
        (vm.stack[f + 1], f + 2, nargs - 1)
    } else {
        return Ok(Protected::NotHandled);
    };
    if vm.heap.get::<Coroutine>(co).is_none()
        || status_of(vm, co) != Status::Suspended
        || vm.c_calls >= MAX_C_CALLS
        || vm.frames.len() >= MAX_FRAMES
    {
        return Ok(Protected::NotHandled);
    }
    // The resume's own record, as the builtin's would be (error levels
    // count it); it stays on top of the resumer's parked frames.
    vm.frames.push(Frame::builtin(f, f + 1 + nargs, want, false, false, Cont::Call));
    let mut args = std::mem::take(&mut vm.transfer);
    args.clear();
    args.extend_from_slice(&vm.stack[first_arg..first_arg + n]);
    let floor = vm.exec_floor;
    let (saved, entered) = switch_in(vm, co, &args, false);
    vm.transfer = args;
    vm.co_ctx.push(CoCtx { level: vm.rust_depth, f, want, wrap, saved, floor });
    vm.exec_floor = 0;
    // (An error from here is the coroutine's: `execute_from` finishes it.)
    if entered? {
        return Ok(Protected::Entered);
    }
    finish_in_loop(vm, CoEnd::Returned)?;
    Ok(Protected::Ran)
}

/// `coroutine.yield(...)` in slot `f`, called by the dispatch loop of a
/// coroutine that loop resumed (true: switched back to the resumer, whose
/// frames the loop goes on with). False: the builtin's path (a coroutine
/// resumed from Rust unwinds to `resume_co`, and the builtin reports a
/// yield that cannot happen).
pub(crate) fn yield_in_loop(vm: &mut Vm, f: usize, nargs: usize, want: i32) -> LResult<bool> {
    if !running_in_loop(vm) || vm.rust_depth != vm.yield_base || vm.frames.len() >= MAX_FRAMES {
        return Ok(false);
    }
    // The yield's record stays on top of the suspended frames, as the
    // builtin's does: the next resume pops it and puts the resume's
    // arguments where its results go.
    vm.frames.push(Frame::builtin(f, f + 1 + nargs, want, false, false, Cont::Call));
    vm.transfer.clear();
    vm.transfer.extend_from_slice(&vm.stack[f + 1..f + 1 + nargs]);
    finish_in_loop(vm, CoEnd::Yielded)?;
    Ok(true)
}

/// `resume`'s results, `true` then `vals`, placed at `f ..` as `want`
/// asks (`Vm::place_results` without building the joined list).
fn place_after_true(vm: &mut Vm, f: usize, vals: &[Value], want: i32) {
    match want {
        0 => vm.place_results(f, &[], 0),
        _ => {
            vm.place_results(f + 1, vals, if want < 0 { -1 } else { want - 1 });
            vm.stack[f] = Value::TRUE;
        }
    }
}

/// Switches back from the coroutine the innermost in-loop resume started,
/// which stopped as `end`, and places that resume's results over its
/// record. `Err`: a `wrap` function's error, now raised in the resumer.
pub(crate) fn finish_in_loop(vm: &mut Vm, end: CoEnd) -> LResult<()> {
    let Some(ctx) = vm.co_ctx.pop() else {
        return Err(vm.error_value(b"internal: no in-loop resume to finish"));
    };
    let co = vm.thread;
    let mut vals = std::mem::take(&mut vm.transfer);
    let dead = match end {
        CoEnd::Returned => {
            vals.clear();
            let end = vm.top.min(vm.stack.len());
            vals.extend_from_slice(&vm.stack[..end]);
            true
        }
        CoEnd::Yielded => false,
        CoEnd::Failed(_) | CoEnd::Limit => {
            vals.clear();
            true
        }
    };
    switch_out(vm, co, dead, &ctx.saved);
    vm.exec_floor = ctx.floor;
    // The resume's record is on top of the resumer's frames again.
    let r = match end {
        CoEnd::Returned | CoEnd::Yielded => {
            vm.frames.pop();
            if ctx.wrap {
                vm.place_results(ctx.f, &vals, ctx.want);
            } else {
                place_after_true(vm, ctx.f, &vals, ctx.want);
            }
            Ok(())
        }
        CoEnd::Failed(e) if ctx.wrap => {
            // The record is still on top, as `wrap_aux`'s would be.
            let err = wrap_error(vm, e);
            vm.frames.pop();
            Err(err)
        }
        CoEnd::Failed(e) => {
            vm.frames.pop();
            vm.place_results(ctx.f, &[Value::FALSE, e], ctx.want);
            Ok(())
        }
        CoEnd::Limit => {
            vm.frames.pop();
            Ok(())
        }
    };
    vals.clear();
    vm.transfer = vals;
    r
}
