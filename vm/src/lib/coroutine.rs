//! Coroutines (§2.11, §5.2): the thread object and the `coroutine`
//! library. The design (own value stack per coroutine, switching without
//! OS threads, yield as an unwinding to `resume`) is documented in
//! `frame.rs`, "Coroutines".

use super::arg;
use crate::frame::{Cont, ThreadState, MAX_C_CALLS};
use crate::func::Closure;
use crate::gc::{GcObject, Heap, Marker};
use crate::interp::{LResult, LuaError, Vm};
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
    vm.make_lib(
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

fn take_state(vm: &mut Vm) -> ThreadState {
    ThreadState {
        stack: std::mem::take(&mut vm.stack),
        frames: std::mem::take(&mut vm.frames),
        top: vm.top,
        open_upvals: std::mem::take(&mut vm.open_upvals),
    }
}

fn install_state(vm: &mut Vm, st: ThreadState) {
    vm.stack = st.stack;
    vm.frames = st.frames;
    vm.top = st.top;
    vm.open_upvals = st.open_upvals;
}

/// Parks the running thread's state in its home.
fn park(vm: &mut Vm, thread: Value, status: Status) {
    let st = take_state(vm);
    if thread.is_nil() {
        vm.main_saved = st;
    } else if let Some(c) = vm.heap.get_mut::<Coroutine>(thread) {
        c.saved = st;
        c.status = status;
    }
}

/// Takes a parked thread's state out of its home.
fn unpark(vm: &mut Vm, thread: Value) -> ThreadState {
    if thread.is_nil() {
        std::mem::take(&mut vm.main_saved)
    } else {
        match vm.heap.get_mut::<Coroutine>(thread) {
            Some(c) => {
                c.status = Status::Running;
                std::mem::take(&mut c.saved)
            }
            None => ThreadState::default(),
        }
    }
}

/// Runs `co` until it yields (`Ok(Ok(values))`), returns (the same) or
/// fails (`Ok(Err(error))`); limits propagate.
pub fn resume_co(vm: &mut Vm, co: Value, args: &[Value]) -> LResult<Result<Vec<Value>, Value>> {
    let st = status_of(vm, co);
    if st != Status::Suspended {
        return Ok(Err(vm.intern(format!("cannot resume {} coroutine", st.name()).as_bytes())?));
    }
    if vm.c_calls >= MAX_C_CALLS {
        return Ok(Err(vm.intern(b"C stack overflow")?));
    }
    let me = vm.thread;
    park(vm, me, Status::Normal);
    vm.resumers.push(me);
    let st = unpark(vm, co);
    install_state(vm, st);
    vm.thread = co;
    let (saved_c, saved_depth, saved_base) = (vm.c_calls, vm.rust_depth, vm.yield_base);
    let (saved_pinned, saved_pinned_base) = (vm.pinned.len(), vm.pinned_base);
    // The resume is a C call, and so is each continuation frame the
    // coroutine was suspended in (`frame::Cont`).
    let live = vm.frames.iter().filter(|f| f.cont != Cont::Call).count() as u32;
    vm.c_calls += 1 + live;
    vm.rust_depth += 1;
    vm.yield_base = vm.rust_depth;
    vm.pinned_base = saved_pinned;

    let (started, func) = vm.heap.get::<Coroutine>(co).map_or((true, Value::NIL), |c| (c.started, c.func));
    let r = if !started {
        if let Some(c) = vm.heap.get_mut::<Coroutine>(co) {
            c.started = true;
            c.func = Value::NIL;
        }
        vm.stack.clear();
        vm.stack.push(func);
        vm.stack.extend_from_slice(args);
        vm.top = vm.stack.len();
        match vm.precall(0, args.len(), -1, true, false, None, Cont::Call) {
            Ok(true) => vm.execute(),
            Ok(false) => Ok(()),
            Err(e) => Err(e),
        }
    } else {
        // The top record is the `yield` that suspended it.
        match vm.frames.pop() {
            Some(fr) => {
                vm.place_results(fr.func, args, fr.want);
                // A `yield` reached by a tail call from a continuation
                // frame finishes that frame's continuation now.
                if fr.cont != Cont::Call {
                    vm.finish_cont(&fr);
                }
                if fr.entry || vm.frames.is_empty() {
                    Ok(())
                } else {
                    vm.execute_from(0)
                }
            }
            None => Ok(()),
        }
    };
    let (outcome, status) = match r {
        Ok(()) => {
            let end = vm.top.min(vm.stack.len());
            (Ok(Ok(vm.stack[..end].to_vec())), Status::Dead)
        }
        Err(LuaError::Yield) => (Ok(Ok(std::mem::take(&mut vm.transfer))), Status::Suspended),
        Err(LuaError::Error(e)) => {
            vm.close_upvals(0);
            (Ok(Err(e)), Status::Dead)
        }
        Err(limit) => {
            vm.close_upvals(0);
            (Err(limit), Status::Dead)
        }
    };
    // Nothing collects from here until the values are on the resumer's
    // stack (allocation never collects).
    if status == Status::Dead {
        let _ = take_state(vm);
        if let Some(c) = vm.heap.get_mut::<Coroutine>(co) {
            c.status = Status::Dead;
        }
    } else {
        park(vm, co, status);
    }
    let back = vm.resumers.pop().unwrap_or(Value::NIL);
    let st = unpark(vm, back);
    install_state(vm, st);
    vm.thread = back;
    vm.c_calls = saved_c;
    vm.rust_depth = saved_depth;
    vm.yield_base = saved_base;
    vm.pinned.truncate(saved_pinned);
    vm.pinned_base = saved_pinned_base;
    outcome
}

fn create(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = lua_function(vm, &args)?;
    Ok(vec![new_coroutine(vm, f)?])
}

fn resume(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let co = thread_arg(vm, &args)?;
    Ok(match resume_co(vm, co, &args[1..])? {
        Ok(mut values) => {
            values.insert(0, Value::TRUE);
            values
        }
        Err(e) => vec![Value::FALSE, e],
    })
}

fn running(vm: &mut Vm, _args: Vec<Value>) -> LResult<Vec<Value>> {
    Ok(vec![vm.thread])
}

fn status(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let co = thread_arg(vm, &args)?;
    let name = status_of(vm, co).name();
    Ok(vec![vm.intern(name.as_bytes())?])
}

fn yield_(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    if vm.thread.is_nil() || vm.rust_depth != vm.yield_base {
        return Err(vm.error_here(b"attempt to yield across metamethod/C-call boundary"));
    }
    vm.transfer = args;
    Err(LuaError::Yield)
}

fn wrap(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = lua_function(vm, &args)?;
    let co = new_coroutine(vm, f)?;
    Ok(vec![vm.builtin_with("wrap", wrap_aux, vec![co])?])
}

fn wrap_aux(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let me = vm.current_closure();
    let co = match vm.heap.get::<Closure>(me) {
        Some(Closure::Builtin { upvals, .. }) => upvals.first().copied().unwrap_or(Value::NIL),
        _ => Value::NIL,
    };
    match resume_co(vm, co, &args)? {
        Ok(values) => Ok(values),
        Err(e) => {
            // 5.1 adds the caller's position to a string error.
            if e.is_string() || e.is_num() {
                let mut text = vm.where_(1);
                text.extend_from_slice(&vm.tostring_plain(e));
                return Err(vm.error_value(&text));
            }
            Err(LuaError::Error(e))
        }
    }
}
