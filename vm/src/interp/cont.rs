//! Continuation frames and protected calls (see "continuations" in
//! `frame.rs`): how `execute` catches an error at a `pcall` frame, what a
//! returning frame's `Cont` does to its caller, and how the dispatch loop
//! starts a metamethod as a frame.
//!
//! A `pcall` of a Lua function is two records: the `pcall`'s own (a
//! builtin record whose `cont` is `Cont::Pcall`/`Xpcall`) and the
//! function's frame above it. When the function returns, the loop finds
//! the `pcall` record on top and finishes it (`true` before the results).
//! An error is an `Err` travelling out of the dispatch loop: `execute`
//! looks for the innermost `pcall` record at or above its own entry frame;
//! if there is one, the frames from it up are dropped, their upvalues
//! closed, `false, err` placed in the `pcall` slot, and the loop resumes
//! the frame below. Otherwise the error leaves this `execute` with its
//! frames dropped, for an outer one (or the Rust caller) to handle.

use super::ops::{MetaCall, Then};
use super::{LResult, LuaError, Vm};
use crate::frame::{Cont, Frame, MAX_C_CALLS};
use crate::value::Value;

/// How `start_meta` went.
pub(super) enum Started {
    /// A frame was pushed: the loop continues with it.
    Frame,
    /// The handler was not a Lua function and ran at once; its first result.
    Ran(Value),
}

impl Vm {
    /// Runs from the top frame, a Lua frame just pushed with `entry`, until
    /// it returns.
    pub fn execute(&mut self) -> LResult<()> {
        self.execute_from(self.frames.len().saturating_sub(1))
    }

    /// Runs from the top frame until the entry frame at index `floor`
    /// returns (a resumed coroutine: 0, its first frame). The frames at and
    /// above `floor` are this invocation's: only they can catch its errors,
    /// and they are dropped when an error leaves it. (The entry frame's
    /// record can be replaced by a tail call, even of a builtin, so the
    /// boundary is kept here rather than found by its `entry` flag.)
    ///
    /// Coroutines the loop resumes itself (`coroutine::resume_in_loop`)
    /// end here too: their return, `yield`, uncaught error or limit comes
    /// out of `dispatch` while they are the running thread, and
    /// `finish_in_loop` switches back to the resumer, whose frames the
    /// loop then goes on with. While one runs, `Vm::exec_floor` is 0 (all
    /// its frames are this loop's); the resumer's floor comes back with it.
    pub fn execute_from(&mut self, floor: usize) -> LResult<()> {
        let outer = std::mem::replace(&mut self.exec_floor, floor);
        let r = self.run_frames();
        self.exec_floor = outer;
        r
    }

    fn run_frames(&mut self) -> LResult<()> {
        use crate::lib::coroutine::{finish_in_loop, running_in_loop, CoEnd};
        let mut r = self.dispatch();
        loop {
            let in_loop = running_in_loop(self);
            r = match r {
                Ok(()) if in_loop => finish_in_loop(self, CoEnd::Returned),
                Ok(()) => return Ok(()),
                Err(LuaError::Yield) if in_loop => finish_in_loop(self, CoEnd::Yielded),
                // The suspended coroutine keeps its frames.
                Err(LuaError::Yield) => return Err(LuaError::Yield),
                Err(LuaError::Error(err)) => {
                    let floor = self.exec_floor;
                    let protected = (floor..self.frames.len())
                        .rev()
                        .find(|&i| matches!(self.frames[i].cont, Cont::Pcall { .. } | Cont::Xpcall { .. }));
                    match protected {
                        Some(i) => match self.catch_at(i, err) {
                            // The entry frame was the `pcall` record: the
                            // loop's work is done (or the coroutine's).
                            Ok(true) => {
                                r = Ok(());
                                continue;
                            }
                            Ok(false) => Ok(()),
                            Err(e) => {
                                r = Err(e);
                                continue;
                            }
                        },
                        None if in_loop => finish_in_loop(self, CoEnd::Failed(err)),
                        None => {
                            self.frames.truncate(floor);
                            return Err(LuaError::Error(err));
                        }
                    }
                }
                Err(limit) if in_loop => {
                    // Switch back (the coroutine dies), then go on
                    // unwinding the resumer.
                    finish_in_loop(self, CoEnd::Limit)?;
                    r = Err(limit);
                    continue;
                }
                Err(limit) => {
                    self.frames.truncate(self.exec_floor);
                    return Err(limit);
                }
            };
            // Back in the resumer (or caught): run on, unless the switch
            // back itself raised an error (a `wrap` function's), which the
            // next round handles in the resumer.
            if r.is_ok() {
                r = self.dispatch();
            }
        }
    }

    /// Unwinds to `pcall` record `i` with error `err`: `false, err` (or
    /// `xpcall`'s handler's answer) go to its slot. True when that record
    /// was the entry frame, so `execute` is done.
    fn catch_at(&mut self, i: usize, err: Value) -> LResult<bool> {
        let pf = self.frames[i];
        let slot = pf.func;
        self.close_upvals(pf.base);
        // Every frame above `i` belongs to this dispatch loop (nested ones
        // dropped theirs), so these are the continuations still counted.
        let live = self.frames[i..].iter().filter(|f| f.cont != Cont::Call).count() as u32;
        self.c_calls = self.c_calls.saturating_sub(live);
        self.frames.truncate(i);
        let (pinned, xpcall) = match pf.cont {
            Cont::Xpcall { pinned } => (pinned, true),
            Cont::Pcall { pinned } => (pinned, false),
            _ => (0, false),
        };
        self.pinned.truncate(self.pinned_base + pinned as usize);
        let mut err = err;
        if xpcall {
            let handler = self.stack[slot];
            err = self.call_handler(handler, err)?;
        }
        self.place_results(slot, &[Value::FALSE, err], pf.want);
        Ok(pf.entry)
    }

    /// `xpcall`'s handler on error `err`. It runs after the unwinding (5.1
    /// runs it at the raise point; only a handler that inspects the stack
    /// can tell) at the depth of the `xpcall`, as 5.1 counts it, so a "C
    /// stack overflow" still reaches a handler; an error inside it is
    /// "error in error handling".
    pub fn call_handler(&mut self, handler: Value, err: Value) -> LResult<Value> {
        let saved = self.c_calls;
        self.c_calls = self.c_calls.saturating_sub(1);
        let r = self.pcall(handler, &[err]);
        self.c_calls = saved;
        match r? {
            Ok(vals) => Ok(vals.first().copied().unwrap_or(Value::NIL)),
            Err(_) => self.intern(b"error in error handling"),
        }
    }

    /// The top frame is a `pcall` record whose function has returned (its
    /// results at `func + 1 ..`): `true` goes in the record's slot, before
    /// them, and the record is popped. True when it was the entry frame.
    pub(super) fn finish_protected(&mut self) -> LResult<bool> {
        match self.frames.last() {
            Some(rec) if matches!(rec.cont, Cont::Pcall { .. } | Cont::Xpcall { .. }) => {}
            _ => return Err(self.error_value(b"internal: a builtin record on top of the dispatch loop")),
        }
        let Some(rec) = self.frames.pop() else { return Ok(false) };
        self.stack[rec.func] = Value::TRUE;
        self.c_calls = self.c_calls.saturating_sub(1);
        Ok(rec.entry)
    }

    /// What the return of frame `cur` (results already placed at
    /// `cur.func ..`) does to its caller, now on top.
    pub(crate) fn finish_cont(&mut self, cur: &Frame) {
        let first = self.stack.get(cur.func).copied().unwrap_or(Value::NIL);
        match cur.cont {
            Cont::Call => {}
            // Only `pcall` records carry these, and they never return
            // through here (`finish_protected`).
            Cont::Pcall { .. } | Cont::Xpcall { .. } => {}
            Cont::Store(r) => {
                self.c_calls = self.c_calls.saturating_sub(1);
                if let Some(caller) = self.frames.last() {
                    let slot = caller.base + r as usize;
                    self.stack[slot] = first;
                }
            }
            Cont::Discard => self.c_calls = self.c_calls.saturating_sub(1),
            Cont::Cond(invert) => {
                self.c_calls = self.c_calls.saturating_sub(1);
                let holds = first.is_truthy() != invert;
                // The caller's PC is at the `JMP` after its comparison.
                let Some(caller) = self.frames.last().copied() else { return };
                let jump = self.frame_proto(&caller).and_then(|p| p.code.get(caller.pc as usize).copied());
                let mut pc = caller.pc as i64 + 1;
                if let (true, Some(j)) = (holds, jump) {
                    pc += j.jump_d().0 as i64;
                }
                if let Some(c) = self.frames.last_mut() {
                    c.pc = pc as u32;
                }
            }
            Cont::Cat { at, .. } => {
                self.c_calls = self.c_calls.saturating_sub(1);
                if let Some(caller) = self.frames.last_mut() {
                    // Run the caller's `CAT` again, from `R(at)` down.
                    caller.pc -= 1;
                    let slot = caller.base + at as usize;
                    self.stack[slot] = first;
                }
                self.cat_resume = Some(at);
            }
        }
    }

    /// Starts metamethod call `mc` for the running Lua frame: a Lua handler
    /// gets a frame at the frame's top with continuation `cont`; any other
    /// handler runs now. The caller has saved its PC.
    pub(super) fn start_meta(&mut self, mc: MetaCall, cont: Cont) -> LResult<Started> {
        let (proto, cells) = match self.lua_callee(mc.handler) {
            Some(lua) => lua,
            None => {
                let v = self.call_meta(mc.handler, &mc.args[..mc.nargs as usize])?;
                return Ok(Started::Ran(v));
            }
        };
        if self.c_calls + 1 >= MAX_C_CALLS {
            return Err(self.error_here(b"C stack overflow"));
        }
        let f = self.free_slot();
        let n = mc.nargs as usize;
        self.ensure_stack(f + n + 2);
        self.stack[f] = mc.handler;
        self.stack[f + 1..f + 1 + n].copy_from_slice(&mc.args[..n]);
        self.enter_lua(f, n, 1, false, false, mc.handler, proto, cells, cont)?;
        self.c_calls += 1;
        Ok(Started::Frame)
    }
}

/// The flag of `Cont::Cond` for a comparison metamethod: the caller's
/// jump is taken when the result's truth differs from the combined
/// negation of the operation (`Then::Truth`) and the instruction (`ISGE`
/// is `not <`).
pub(super) fn cond_negation(then: Then, op_negates: bool) -> bool {
    (then == Then::Truth(true)) != op_negates
}
