//! Continuation frames and protected calls (see "continuations" in
//! `frame.rs`): how `execute` catches an error at a `pcall` frame, what a
//! returning frame's `Cont` does to its caller, and how the dispatch loop
//! starts a metamethod as a frame.
//!
//! An error is an `Err` travelling out of the dispatch loop. `execute`
//! looks for the innermost protected frame (`Cont::Pcall`/`Xpcall`) at or
//! above its own entry frame; if there is one, the frames above it are
//! dropped, its upvalues closed, `false, err` placed in its `pcall` slot,
//! and the loop resumes the frame below. Otherwise the error leaves this
//! `execute` with its frames dropped, for an outer one (or the Rust
//! caller) to handle.

use super::ops::{MetaCall, Then};
use super::{LResult, LuaError, Vm};
use crate::frame::{Cont, Frame, MAX_C_CALLS};
use crate::func::Closure;
use crate::value::Value;

/// How `start_meta` went.
pub(super) enum Started {
    /// A frame was pushed: the loop continues with it.
    Frame,
    /// The handler was not a Lua function and ran at once; its first result.
    Ran(Value),
}

impl Vm {
    /// Runs from the top frame (a Lua frame just pushed with `entry`, or a
    /// resumed coroutine's top frame) until the innermost entry frame
    /// returns.
    pub fn execute(&mut self) -> LResult<()> {
        loop {
            let err = match self.dispatch() {
                Ok(()) => return Ok(()),
                Err(LuaError::Error(e)) => e,
                // The suspended coroutine keeps its frames.
                Err(LuaError::Yield) => return Err(LuaError::Yield),
                Err(limit) => {
                    self.drop_own_frames();
                    return Err(limit);
                }
            };
            let mut protected = None;
            for i in (0..self.frames.len()).rev() {
                let fr = &self.frames[i];
                if matches!(fr.cont, Cont::Pcall { .. } | Cont::Xpcall { .. }) {
                    protected = Some(i);
                    break;
                }
                if fr.entry {
                    break;
                }
            }
            let Some(i) = protected else {
                self.drop_own_frames();
                return Err(LuaError::Error(err));
            };
            if self.catch_at(i, err)? {
                return Ok(());
            }
        }
    }

    /// Drops the frames of this `execute` (its entry frame and above).
    fn drop_own_frames(&mut self) {
        if let Some(i) = self.frames.iter().rposition(|f| f.entry) {
            self.frames.truncate(i);
        }
    }

    /// Unwinds to protected frame `i` with error `err`: `false, err` (or
    /// `xpcall`'s handler's answer) go to its `pcall` slot. True when that
    /// frame was the entry frame, so `execute` is done.
    fn catch_at(&mut self, i: usize, err: Value) -> LResult<bool> {
        let pf = self.frames[i];
        let slot = pf.func - 1;
        self.close_upvals(pf.func);
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
            // The handler runs after the unwinding (5.1 runs it at the
            // raise point; only a handler that inspects the stack can tell).
            let handler = self.stack[slot];
            err = match self.pcall(handler, &[err])? {
                Ok(vals) => vals.first().copied().unwrap_or(Value::NIL),
                Err(_) => self.intern(b"error in error handling")?,
            };
        }
        let want = if pf.want < 0 { -1 } else { pf.want + 1 };
        self.place_results(slot, &[Value::FALSE, err], want);
        Ok(pf.entry)
    }

    /// What the return of frame `cur` (results already placed at
    /// `cur.func ..`) does to its caller, now on top.
    pub(crate) fn finish_cont(&mut self, cur: &Frame) {
        let first = self.stack.get(cur.func).copied().unwrap_or(Value::NIL);
        match cur.cont {
            Cont::Call => {}
            Cont::Pcall { .. } | Cont::Xpcall { .. } => {
                self.stack[cur.func - 1] = Value::TRUE;
                self.c_calls = self.c_calls.saturating_sub(1);
            }
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
        let proto = match self.heap.get::<Closure>(mc.handler) {
            Some(Closure::Lua { proto, .. }) => *proto,
            _ => {
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
        self.enter_lua(f, n, 1, false, false, mc.handler, proto, cont)?;
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
