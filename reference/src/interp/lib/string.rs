//! The `string` library of Lua 5.1 (§5.4): `len sub upper lower rep
//! reverse byte char format find match gmatch gsub`, `gfind` (5.1's alias
//! of `gmatch`) and `dump`.
//!
//! This file only moves Lua values in and out: the pattern matcher, the
//! `string.format` directive parser and formatters, and number/string
//! conversion all live in `spec/` (shared with the other tiers). What is
//! left here is 5.1's argument handling (`posrelat` index adjustment,
//! `luaL_check*` order, which argument an error names) and the gsub
//! replacement rules for tables and functions. Case mapping and character
//! classes are the C locale's (ASCII only), as lua5.1 runs them.
//!
//! Strings that would grow without bound (`rep`, `gsub`, `format`,
//! `table.concat`) are checked by [`check_length`] before they are built:
//! past the run's memory cap that is `Outcome::Limit`, and past 2^31 bytes
//! a "not enough memory" error, never an aborting allocation.
//!
//! `string.dump` deviation: a tree walker has no bytecode. Dumping a Lua
//! function gives a string that starts with 5.1's binary-chunk signature
//! `"\27Lua"` followed by a key into a per-thread registry of dumped
//! function bodies; [`undump`] turns such a string back into the body, so
//! `loadstring(string.dump(f))` can work when the loader asks it. Dumping
//! a builtin raises 5.1's own "unable to dump given function".

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use super::{make_lib, num};
use crate::ast::FuncBody;
use crate::interp::call::SourceName;
use crate::interp::error::{LResult, LimitKind, LuaError};
use crate::interp::memory;
use crate::interp::ops::{to_bytes, unnamed};
use crate::interp::value::{FuncRef, Function, LStr, TableRef, Value};
use crate::interp::Ctx;
use crate::spec::format::{self, ArgKind, Piece};
use crate::spec::pattern::{self, Capture, Match};

pub fn open() -> TableRef {
    make_lib(&[
        ("byte", str_byte),
        ("char", str_char),
        ("dump", str_dump),
        ("find", |c, a| find_aux(c, a, true)),
        ("format", str_format),
        ("gfind", gmatch),
        ("gmatch", gmatch),
        ("gsub", gsub),
        ("len", str_len),
        ("lower", |c, a| map_bytes(c, a, |b| b.to_ascii_lowercase())),
        ("match", |c, a| find_aux(c, a, false)),
        ("rep", str_rep),
        ("reverse", str_reverse),
        ("sub", str_sub),
        ("upper", |c, a| map_bytes(c, a, |b| b.to_ascii_uppercase())),
    ])
}

/// Largest string the library builds (beyond it: "not enough memory").
pub const MAX_STRING: u64 = 1 << 31;

/// Refuses to build a string of `len` bytes when that would pass the run's
/// memory cap (a limit, as for any allocation) or [`MAX_STRING`].
pub fn check_length(ctx: &Ctx, len: u64) -> LResult<()> {
    if let Some(max) = ctx.st.limits.memory {
        if (memory::live() as u64).saturating_add(len) > max as u64 {
            return Err(LuaError::Limit(LimitKind::Memory));
        }
    }
    if len > MAX_STRING {
        return Err(LuaError::new(Value::str(b"not enough memory")));
    }
    Ok(())
}

fn new_str(ctx: &Ctx, bytes: Vec<u8>) -> LResult<Value> {
    let v = Value::Str(LStr::from_vec(bytes));
    ctx.check_memory()?;
    Ok(v)
}

/// 5.1's `posrelat`: a negative position counts from the end; the result
/// is never negative.
fn posrelat(pos: i64, len: usize) -> i64 {
    let pos = if pos < 0 { pos + len as i64 + 1 } else { pos };
    pos.max(0)
}

fn str_len(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = ctx.check_str(&args, 0)?;
    Ok(vec![num(s.len() as f64)])
}

fn str_sub(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = ctx.check_str(&args, 0)?;
    let l = s.len();
    let start = posrelat(ctx.check_integer(&args, 1)?, l).max(1);
    let end = posrelat(ctx.opt_integer(&args, 2, -1)?, l).min(l as i64);
    if start <= end {
        let bytes = s.as_bytes().get(start as usize - 1..end as usize).unwrap_or_default();
        Ok(vec![Value::str(bytes)])
    } else {
        Ok(vec![Value::str(b"")])
    }
}

fn map_bytes(ctx: &Ctx, args: Vec<Value>, f: fn(u8) -> u8) -> LResult<Vec<Value>> {
    let s = ctx.check_str(&args, 0)?;
    let out: Vec<u8> = s.as_bytes().iter().map(|&b| f(b)).collect();
    Ok(vec![new_str(ctx, out)?])
}

fn str_reverse(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = ctx.check_str(&args, 0)?;
    let out: Vec<u8> = s.as_bytes().iter().rev().copied().collect();
    Ok(vec![new_str(ctx, out)?])
}

fn str_rep(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = ctx.check_str(&args, 0)?;
    let n = ctx.check_int(&args, 1)?;
    if n <= 0 || s.is_empty() {
        return Ok(vec![Value::str(b"")]);
    }
    check_length(ctx, s.len() as u64 * n as u64)?;
    Ok(vec![new_str(ctx, s.as_bytes().repeat(n as usize))?])
}

/// 5.1 pushes `string.byte`'s results on a C stack of at most 8000 slots
/// (`LUAI_MAXCSTACK`), counting the arguments already there.
const MAX_C_STACK: i64 = 8000;

fn str_byte(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = ctx.check_str(&args, 0)?;
    let l = s.len();
    let posi = posrelat(ctx.opt_integer(&args, 1, 1)?, l);
    let pose = posrelat(ctx.opt_integer(&args, 2, posi)?, l).min(l as i64);
    let posi = posi.max(1);
    if posi > pose {
        return Ok(vec![]);
    }
    let n = pose - posi + 1;
    if n + args.len() as i64 > MAX_C_STACK {
        return Err(ctx.lib_error("stack overflow (string slice too long)"));
    }
    let bytes = s.as_bytes().get(posi as usize - 1..pose as usize).unwrap_or_default();
    Ok(bytes.iter().map(|&b| num(b as f64)).collect())
}

fn str_char(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let mut out = Vec::with_capacity(args.len());
    for i in 0..args.len() {
        let c = ctx.check_int(&args, i)?;
        if !(0..=255).contains(&c) {
            return Err(ctx.arg_error(i + 1, "invalid value"));
        }
        out.push(c as u8);
    }
    Ok(vec![new_str(ctx, out)?])
}

// ---------------------------------------------------------------------
// dump
// ---------------------------------------------------------------------

/// 5.1's binary chunk signature, so loaders recognise a dump as binary.
pub const DUMP_SIGNATURE: &[u8] = b"\x1bLua";
const DUMP_TAG: &[u8] = b"\x51perigee-dump:";

thread_local! {
    /// Bodies of the functions dumped on this thread, by key.
    static DUMPED: RefCell<Vec<(Arc<FuncBody>, Rc<SourceName>)>> = const { RefCell::new(Vec::new()) };
}

/// The function body (and chunk name) a `string.dump` string stands for,
/// if `bytes` is one made on this thread.
pub fn undump(bytes: &[u8]) -> Option<(Arc<FuncBody>, Rc<SourceName>)> {
    let rest = bytes.strip_prefix(DUMP_SIGNATURE)?.strip_prefix(DUMP_TAG)?;
    let key: usize = std::str::from_utf8(rest).ok()?.parse().ok()?;
    DUMPED.with(|d| d.borrow().get(key).cloned())
}

fn str_dump(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = match args.first() {
        Some(Value::Func(f)) => f.clone(),
        _ => return Err(ctx.type_arg_error(&args, 0, "function")),
    };
    let Function::Lua(lf) = &*f.0 else {
        return Err(ctx.lib_error("unable to dump given function"));
    };
    let key = DUMPED.with(|d| {
        let mut d = d.borrow_mut();
        d.push((lf.body.clone(), lf.source.clone()));
        d.len() - 1
    });
    let mut out = DUMP_SIGNATURE.to_vec();
    out.extend_from_slice(DUMP_TAG);
    out.extend_from_slice(key.to_string().as_bytes());
    Ok(vec![new_str(ctx, out)?])
}

// ---------------------------------------------------------------------
// format
// ---------------------------------------------------------------------

fn str_format(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let fmt = ctx.check_str(&args, 0)?;
    let top = args.len();
    let mut arg = 0usize; // 0-based index of the last argument used
    let mut out: Vec<u8> = Vec::new();
    for piece in format::parse(fmt.as_bytes()) {
        match piece {
            Ok(Piece::Literal(bytes)) => out.extend_from_slice(bytes),
            Err(msg) => {
                arg += 1;
                if arg >= top {
                    return Err(ctx.arg_error(arg + 1, "no value"));
                }
                return Err(ctx.lib_error(msg));
            }
            Ok(Piece::Spec(spec)) => {
                arg += 1;
                if arg >= top {
                    return Err(ctx.arg_error(arg + 1, "no value"));
                }
                let piece = match spec.kind() {
                    ArgKind::Char => format::fmt_char(&spec, ctx.check_num(&args, arg)?),
                    ArgKind::Integer => format::fmt_integer(&spec, ctx.check_num(&args, arg)?),
                    ArgKind::Float => format::fmt_float(&spec, ctx.check_num(&args, arg)?),
                    ArgKind::String => format::fmt_string(&spec, ctx.check_str(&args, arg)?.as_bytes()),
                    ArgKind::Quoted => format::fmt_quoted(ctx.check_str(&args, arg)?.as_bytes()),
                };
                check_length(ctx, out.len() as u64 + piece.len() as u64)?;
                out.extend_from_slice(&piece);
            }
        }
    }
    Ok(vec![new_str(ctx, out)?])
}

// ---------------------------------------------------------------------
// find, match, gmatch, gsub
// ---------------------------------------------------------------------

fn capture_value(src: &[u8], c: Capture) -> Value {
    match c {
        Capture::Position(p) => num((p + 1) as f64),
        other => Value::str(&pattern::capture_bytes(src, other)),
    }
}

fn capture_values(ctx: &Ctx, src: &[u8], caps: Result<Vec<Capture>, String>) -> LResult<Vec<Value>> {
    match caps {
        Ok(caps) => Ok(caps.into_iter().map(|c| capture_value(src, c)).collect()),
        Err(msg) => Err(ctx.lib_error(msg)),
    }
}

/// `string.find` (`find = true`) and `string.match`.
fn find_aux(ctx: &Ctx, args: Vec<Value>, find: bool) -> LResult<Vec<Value>> {
    let s = ctx.check_str(&args, 0)?;
    let p = ctx.check_str(&args, 1)?;
    let l1 = s.len();
    let init = (posrelat(ctx.opt_integer(&args, 2, 1)?, l1) - 1).clamp(0, l1 as i64) as usize;
    let (src, pat) = (s.as_bytes(), p.as_bytes());
    if find {
        let plain = args.get(3).is_some_and(Value::truthy);
        let found = if plain {
            Ok(pattern::find_plain(src, pat, init).map(|start| Match {
                start,
                end: start + pat.len(),
                captures: vec![],
            }))
        } else {
            pattern::find(src, pat, init)
        };
        match found {
            Err(msg) => Err(ctx.lib_error(msg)),
            Ok(None) => Ok(vec![Value::Nil]),
            Ok(Some(m)) => {
                let mut out = vec![num((m.start + 1) as f64), num(m.end as f64)];
                out.extend(capture_values(ctx, src, pattern::captures_only(&m))?);
                Ok(out)
            }
        }
    } else {
        match pattern::search(src, pat, init) {
            Err(msg) => Err(ctx.lib_error(msg)),
            Ok(None) => Ok(vec![Value::Nil]),
            Ok(Some(m)) => capture_values(ctx, src, pattern::captures_or_whole(&m)),
        }
    }
}

fn gmatch(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = ctx.check_str(&args, 0)?;
    let p = ctx.check_str(&args, 1)?;
    let pos = Cell::new(0usize);
    let iter = move |ctx: &Ctx, _args: Vec<Value>| -> LResult<Vec<Value>> {
        let src = s.as_bytes();
        match pattern::gmatch_step(src, p.as_bytes(), pos.get()) {
            Err(msg) => Err(ctx.lib_error(msg)),
            Ok(None) => Ok(vec![]),
            Ok(Some((m, next))) => {
                pos.set(next);
                capture_values(ctx, src, pattern::captures_or_whole(&m))
            }
        }
    };
    Ok(vec![Value::Func(FuncRef::builtin("gmatch_aux", iter))])
}

/// An error from inside gsub's loop: a pattern or replacement message
/// (raised as `luaL_error`) or an error of the Lua code it called.
enum GsubError {
    Msg(String),
    Lua(LuaError),
}

impl From<String> for GsubError {
    fn from(msg: String) -> GsubError {
        GsubError::Msg(msg)
    }
}

fn gsub(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = ctx.check_str(&args, 0)?;
    let p = ctx.check_str(&args, 1)?;
    let repl = args.get(2).cloned();
    let max_n = ctx.opt_int(&args, 3, s.len() as i64 + 1)?;
    if !matches!(repl, Some(Value::Num(_) | Value::Str(_) | Value::Func(_) | Value::Table(_))) {
        return Err(ctx.arg_error(3, "string/function/table expected"));
    }
    let repl = repl.unwrap_or_default();
    let repl_str = to_bytes(&repl);
    let src = s.as_bytes();
    let replace = |m: &Match, out: &mut Vec<u8>| -> Result<(), GsubError> {
        let value = match (&repl, &repl_str) {
            (_, Some(r)) => {
                let piece = pattern::expand_replacement(r, src, m)?;
                check_length(ctx, out.len() as u64 + piece.len() as u64).map_err(GsubError::Lua)?;
                out.extend_from_slice(&piece);
                return Ok(());
            }
            (Value::Func(_), _) => {
                let caps = pattern::captures_or_whole(m)?;
                let caps = caps.into_iter().map(|c| capture_value(src, c)).collect();
                let r = ctx.no_yield(|| ctx.call_value(&repl, caps)).map_err(GsubError::Lua)?;
                r.into_iter().next().unwrap_or_default()
            }
            (Value::Table(_), _) => {
                let key = capture_value(src, pattern::capture(m, 0)?);
                ctx.index(repl.clone(), &key, 0, &unnamed).map_err(GsubError::Lua)?
            }
            _ => Value::Nil,
        };
        let bytes = if !value.truthy() {
            src.get(m.start..m.end).unwrap_or_default().to_vec()
        } else {
            match to_bytes(&value) {
                Some(b) => b,
                None => return Err(GsubError::Msg(format!("invalid replacement value (a {})", value.type_name()))),
            }
        };
        check_length(ctx, out.len() as u64 + bytes.len() as u64).map_err(GsubError::Lua)?;
        out.extend_from_slice(&bytes);
        Ok(())
    };
    match pattern::gsub(src, p.as_bytes(), max_n.max(0) as usize, replace) {
        Ok((out, n)) => Ok(vec![new_str(ctx, out)?, num(n as f64)]),
        Err(GsubError::Msg(msg)) => Err(ctx.lib_error(msg)),
        Err(GsubError::Lua(e)) => Err(e),
    }
}
