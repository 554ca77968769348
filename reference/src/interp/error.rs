//! How errors travel through the tree walker.
//!
//! A Lua error is an ordinary `Err` carrying the error value (§2.7), caught
//! by `pcall`/`xpcall` or by the run itself. A limit (step budget, memory
//! cap) also travels as an `Err` but no `pcall` may catch it: the run must
//! end in `Outcome::Limit`.

use super::value::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    /// The step budget (statements plus calls) ran out.
    Steps,
    /// The memory cap was exceeded.
    Memory,
    /// The host stack could not take another level (a safety net below
    /// Lua's own depth limits, which raise ordinary errors).
    StackDepth,
}

#[derive(Debug, Clone)]
pub enum LuaError {
    /// A catchable error with its value and, once it has left the frame
    /// that raised it, the traceback taken at the raise point.
    Error {
        value: Value,
        traceback: Option<String>,
    },
    Limit(LimitKind),
}

pub type LResult<T> = Result<T, LuaError>;

impl LuaError {
    pub fn new(value: Value) -> LuaError {
        LuaError::Error { value, traceback: None }
    }
}

/// A runtime error with a message string (the position, if any, is already
/// part of `msg`).
pub fn rt_error<T>(msg: impl AsRef<[u8]>) -> LResult<T> {
    Err(LuaError::new(Value::str(msg.as_ref())))
}
