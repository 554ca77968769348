//! Calls, frames and error positions (§2.5.8, §2.7).
//!
//! Each thread keeps a list of `Frame`s mirroring PUC-Rio's CallInfo list:
//! one per active Lua function or builtin. A frame knows the line it is
//! executing (updated at each call site and before each raising operation),
//! which is all `error`'s levels, `luaL_where`-style positions and
//! tracebacks need. The frame also remembers how its caller named it
//! (`global 'f'`, `method 'm'`), because 5.1 words "bad argument" errors
//! with that name.
//!
//! A frame is popped when its call returns normally. When an error
//! unwinds, frames are left in place until whoever catches it (`pcall`,
//! `xpcall`, `resume`, the run) truncates the list back to its own depth —
//! so an `xpcall` handler still sees the stack of the raise point, as in
//! 5.1.

use std::rc::Rc;

use super::error::{LResult, LuaError};
use super::eval;
use super::value::{FuncRef, Function, LStr, Value};
use super::{Ctx, MAX_C_CALLS, MAX_FRAMES};
use crate::ast::Name;

/// The name of a chunk as given (`@file`, `=stdin`, source text) and as
/// error positions print it (`luaO_chunkid`).
pub struct SourceName {
    pub chunkname: Vec<u8>,
    pub short: Vec<u8>,
}

/// How the caller referred to the function it called; 5.1's `getfuncname`.
#[derive(Clone, Default)]
pub enum FrameName {
    #[default]
    None,
    Global(Name),
    Local(Name),
    Upvalue(Name),
    Method(Name),
    Field(LStr),
}

impl FrameName {
    /// `(namewhat, name)` as `debug.getinfo` reports them.
    pub fn parts(&self) -> Option<(&'static str, Vec<u8>)> {
        Some(match self {
            FrameName::None => return None,
            FrameName::Global(n) => ("global", n.as_bytes().to_vec()),
            FrameName::Local(n) => ("local", n.as_bytes().to_vec()),
            FrameName::Upvalue(n) => ("upvalue", n.as_bytes().to_vec()),
            FrameName::Method(n) => ("method", n.as_bytes().to_vec()),
            FrameName::Field(s) => ("field", s.as_bytes().to_vec()),
        })
    }
}

pub struct Frame {
    pub func: FuncRef,
    /// Set for Lua functions: where their code comes from.
    pub source: Option<Rc<SourceName>>,
    /// The line being executed (Lua functions only).
    pub line: u32,
    pub name: FrameName,
    /// Reached by a tail call: the caller's frame is gone.
    pub tail: bool,
}

impl Ctx<'_> {
    /// Records the line the current Lua function is executing.
    #[inline]
    pub fn set_line(&self, line: u32) {
        if let Some(f) = self.frames.borrow_mut().last_mut() {
            f.line = line;
        }
    }

    /// `luaL_where(L, level)`: `short_src:line: ` of the function `level`
    /// frames below the running one, or nothing for a builtin.
    pub fn where_(&self, level: usize) -> Vec<u8> {
        let frames = self.frames.borrow();
        if level >= frames.len() {
            return Vec::new();
        }
        let f = &frames[frames.len() - 1 - level];
        match &f.source {
            Some(src) => {
                let mut out = src.short.clone();
                out.extend_from_slice(format!(":{}: ", f.line).as_bytes());
                out
            }
            None => Vec::new(),
        }
    }

    /// A runtime error raised by the interpreter at `line` of the running
    /// Lua function (`luaG_runerror`).
    pub fn rt_error(&self, line: u32, msg: impl AsRef<[u8]>) -> LuaError {
        self.set_line(line);
        self.error_here(msg)
    }

    /// An error with the running function's position if it is a Lua
    /// function, and none if it is a builtin (`luaG_runerror` again).
    pub fn error_here(&self, msg: impl AsRef<[u8]>) -> LuaError {
        let mut text = self.where_(0);
        text.extend_from_slice(msg.as_ref());
        LuaError::new(Value::Str(LStr::from_vec(text)))
    }

    /// `luaL_error` from a builtin: positioned at the builtin's caller.
    pub fn lib_error(&self, msg: impl AsRef<[u8]>) -> LuaError {
        let mut text = self.where_(1);
        text.extend_from_slice(msg.as_ref());
        LuaError::new(Value::Str(LStr::from_vec(text)))
    }

    /// `luaL_argerror`: "bad argument #n to 'name' (msg)".
    pub fn arg_error(&self, narg: usize, msg: &str) -> LuaError {
        let name = self.frames.borrow().last().map(|f| f.name.clone()).unwrap_or_default();
        let (namewhat, fname) = name.parts().unwrap_or(("", b"?".to_vec()));
        let fname = String::from_utf8_lossy(&fname).into_owned();
        if namewhat == "method" {
            if narg == 1 {
                return self.lib_error(format!("calling '{fname}' on bad self ({msg})"));
            }
            return self.lib_error(format!("bad argument #{} to '{fname}' ({msg})", narg - 1));
        }
        self.lib_error(format!("bad argument #{narg} to '{fname}' ({msg})"))
    }

    /// Pushes a frame, raising 5.1's "stack overflow" in the caller when
    /// the thread already holds the most frames 5.1 allows.
    fn push_frame(&self, frame: Frame) -> LResult<()> {
        let depth = self.frames.borrow().len();
        if depth >= MAX_FRAMES {
            return Err(self.error_here("stack overflow"));
        }
        self.frames.borrow_mut().push(frame);
        Ok(())
    }

    /// Enters a call made "through the C API" (a metamethod, `pcall`, a
    /// library callback): 5.1 counts these and stops at 200. Returns the
    /// count to restore with `leave_c_call`.
    pub fn enter_c_call(&self) -> LResult<u32> {
        let saved = self.st.c_calls.get();
        if saved + 1 >= MAX_C_CALLS {
            return Err(self.error_here("C stack overflow"));
        }
        self.st.c_calls.set(saved + 1);
        Ok(saved)
    }

    pub fn leave_c_call(&self, saved: u32) {
        self.st.c_calls.set(saved);
    }

    /// Calls any value from library code or a metamethod: a C-API call in
    /// 5.1 terms, so it counts toward the C-call limit.
    pub fn call_value(&self, f: &Value, args: Vec<Value>) -> LResult<Vec<Value>> {
        let saved = self.enter_c_call()?;
        let r = self.call_unnamed(f, args);
        if r.is_ok() {
            self.leave_c_call(saved);
        }
        r
    }

    /// Calls a value without counting a C call (the callee's name unknown).
    pub fn call_unnamed(&self, f: &Value, args: Vec<Value>) -> LResult<Vec<Value>> {
        match self.callable(f.clone(), args) {
            Some((func, args)) => self.call_function(&func, args, FrameName::None),
            None => Err(self.error_here(format!("attempt to call a {} value", f.type_name()))),
        }
    }

    /// Resolves `__call` (§2.8 "call"): the function to run and its
    /// arguments, or `None` when the value cannot be called.
    pub fn callable(&self, f: Value, mut args: Vec<Value>) -> Option<(FuncRef, Vec<Value>)> {
        match f {
            Value::Func(func) => Some((func, args)),
            other => match self.metamethod(&other, b"__call") {
                Value::Func(mm) => {
                    args.insert(0, other);
                    Some((mm, args))
                }
                _ => None,
            },
        }
    }

    /// Runs a function with the given arguments in a new frame.
    pub fn call_function(&self, f: &FuncRef, args: Vec<Value>, name: FrameName) -> LResult<Vec<Value>> {
        self.step()?;
        self.deeper(|| self.call_function_here(f, args, name))
    }

    /// `call_function` once there is host stack for the call.
    fn call_function_here(&self, f: &FuncRef, args: Vec<Value>, name: FrameName) -> LResult<Vec<Value>> {
        match &*f.0 {
            Function::Builtin(b) => {
                self.push_frame(Frame { func: f.clone(), source: None, line: 0, name, tail: false })?;
                let results = (b.f)(self, args)?;
                self.frames.borrow_mut().pop();
                Ok(results)
            }
            Function::Lua(lf) => {
                let frame =
                    Frame { func: f.clone(), source: Some(lf.source.clone()), line: lf.body.line, name, tail: false };
                self.push_frame(frame)?;
                let mut current = f.clone();
                let mut args = args;
                let mut tail_name = FrameName::None;
                loop {
                    let exit = match &*current.0 {
                        Function::Lua(lf) => eval::run_function(self, lf, args)?,
                        Function::Builtin(_) => {
                            // A builtin reached by a tail call: 5.1 runs it
                            // above the caller, whose frame is still there.
                            let results = self.call_function(&current, args, std::mem::take(&mut tail_name))?;
                            self.frames.borrow_mut().pop();
                            return Ok(results);
                        }
                    };
                    match exit {
                        eval::Exit::Return(values) => {
                            self.frames.borrow_mut().pop();
                            return Ok(values);
                        }
                        eval::Exit::TailCall(next, next_args, name) => {
                            self.step()?;
                            if let Function::Lua(nlf) = &*next.0 {
                                // The callee takes over the caller's frame.
                                if let Some(top) = self.frames.borrow_mut().last_mut() {
                                    *top = Frame {
                                        func: next.clone(),
                                        source: Some(nlf.source.clone()),
                                        line: nlf.body.line,
                                        name: FrameName::None,
                                        tail: true,
                                    };
                                }
                            }
                            current = next;
                            args = next_args;
                            tail_name = name;
                        }
                    }
                }
            }
        }
    }

    /// Runs `f(args)` protected: the frames and C-call count are restored
    /// whatever happens, and a Lua error comes back as `Ok(Err(value))`.
    /// Limits pass through uncaught. `handler` (xpcall's) sees the raise
    /// point's frames.
    pub fn pcall(&self, f: &Value, args: Vec<Value>, handler: Option<&Value>) -> LResult<Result<Vec<Value>, Value>> {
        let depth = self.frames.borrow().len();
        let saved = self.st.c_calls.get();
        let result = match self.enter_c_call() {
            Ok(_) => self.call_unnamed(f, args),
            Err(e) => Err(e),
        };
        let outcome = match result {
            Ok(values) => Ok(Ok(values)),
            Err(LuaError::Limit(k)) => Err(LuaError::Limit(k)),
            Err(LuaError::Error { value, .. }) => match handler {
                None => Ok(Err(value)),
                Some(h) => {
                    // 5.1 calls the handler at the raise point; an error
                    // inside it is "error in error handling".
                    match self.no_yield(|| self.call_unnamed(h, vec![value])) {
                        Ok(mut vals) => Ok(Err(if vals.is_empty() { Value::Nil } else { vals.swap_remove(0) })),
                        Err(LuaError::Limit(k)) => Err(LuaError::Limit(k)),
                        Err(_) => Ok(Err(Value::str(b"error in error handling"))),
                    }
                }
            },
        };
        self.frames.borrow_mut().truncate(depth);
        self.st.c_calls.set(saved);
        outcome
    }

    /// The traceback 5.1's `debug.traceback` prints, starting `level`
    /// frames below the running one.
    pub fn traceback(&self, level: usize) -> String {
        let frames = self.frames.borrow();
        let mut out = String::from("stack traceback:");
        let n = frames.len();
        let shown: Vec<usize> = (0..n.saturating_sub(level)).rev().collect();
        let total = shown.len();
        for (k, &i) in shown.iter().enumerate() {
            if total > 22 && k == 12 {
                out.push_str("\n\t...");
            }
            if total > 22 && k >= 12 && k < total - 10 {
                continue;
            }
            let f = &frames[i];
            if f.tail {
                out.push_str("\n\t(tail call): ?");
            }
            out.push_str("\n\t");
            match &f.source {
                Some(src) => {
                    out.push_str(&String::from_utf8_lossy(&src.short));
                    out.push_str(&format!(":{}:", f.line));
                    let is_main = i == 0 && self.thread.is_none();
                    match f.name.parts() {
                        _ if is_main => out.push_str(" in main chunk"),
                        Some((_, name)) => out.push_str(&format!(" in function '{}'", String::from_utf8_lossy(&name))),
                        None => {
                            let line = match &*f.func.0 {
                                Function::Lua(lf) => lf.body.line,
                                Function::Builtin(_) => 0,
                            };
                            out.push_str(&format!(" in function <{}:{}>", String::from_utf8_lossy(&src.short), line));
                        }
                    }
                }
                None => match f.name.parts() {
                    Some((_, name)) => out.push_str(&format!("[C]: in function '{}'", String::from_utf8_lossy(&name))),
                    None => out.push_str("[C]: ?"),
                },
            }
        }
        if self.thread.is_none() {
            // lua.c's own C function sits below the main chunk.
            out.push_str("\n\t[C]: ?");
        }
        out
    }
}
