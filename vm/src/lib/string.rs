//! The `string` library of Lua 5.1 (§5.4) and the metatable every string
//! shares (`__index` = the library, so `("x"):rep(3)` works).
//!
//! Only value handling lives here: the pattern matcher, `string.format`'s
//! directive parser and formatters and number <-> string conversion are
//! the shared pure helpers of `perigee_reference::spec`. Argument checks
//! (`posrelat`, `luaL_check*` order, which argument an error names) follow
//! lstrlib.c 5.1.5, as the reference tier's `lib/string.rs` does.
//!
//! GC: builtins get their arguments rooted on the stack and allocation
//! never collects, so new strings are safe until they are returned. Only
//! `gsub` calls back into Lua; what it holds across those calls is bytes
//! (copied out of the heap) and its arguments (rooted), and each result
//! of the callback is read before the next call.

use super::arg;
use crate::func::{Args, Rets};
use crate::interp::{LResult, LuaError, Vm};
use crate::rets;
use crate::value::{Type, Value};
use perigee_reference::spec::format::{self, ArgKind, Piece};
use perigee_reference::spec::pattern::{self, Capture, Match};
use smallvec::SmallVec;

/// A piece of a string copied out of the heap before it is interned (the
/// heap cannot be borrowed across `intern`): inline up to 32 bytes, so
/// `sub` and `byte` of short pieces (single characters, tokens) do not
/// allocate a buffer per call.
type ShortBytes = SmallVec<[u8; 32]>;

pub fn open(vm: &mut Vm) -> LResult<()> {
    let lib = vm.make_lib(
        "string",
        &[
            ("byte", str_byte),
            ("char", str_char),
            ("dump", str_dump),
            ("find", str_find),
            ("format", str_format),
            ("gfind", gmatch),
            ("gmatch", gmatch),
            ("gsub", gsub),
            ("len", str_len),
            ("lower", str_lower),
            ("match", str_match),
            ("rep", str_rep),
            ("reverse", str_reverse),
            ("sub", str_sub),
            ("upper", str_upper),
        ],
    )?;
    let mt = vm.new_table(0, 1)?;
    vm.string_meta = mt;
    let k = vm.names.index;
    vm.raw_set(mt, k, lib)
}

fn num(n: f64) -> Value {
    Value::from_num(n)
}

/// 5.1's `posrelat`: a negative position counts from the end; never
/// negative.
fn posrelat(pos: i64, len: usize) -> i64 {
    let pos = if pos < 0 { pos.saturating_add(len as i64 + 1) } else { pos };
    pos.max(0)
}

fn new_str(vm: &mut Vm, bytes: &[u8]) -> LResult<Value> {
    vm.check_length(bytes.len() as u64)?;
    vm.intern(bytes)
}

/// The length of string argument `i` without copying it: `len`, `sub` and
/// `byte` are called in loops over long strings, and copying the whole
/// string per call made those loops quadratic.
fn arg_len(vm: &mut Vm, args: &[Value], i: usize) -> LResult<usize> {
    if let Some(b) = args.get(i).and_then(|v| vm.heap.str_bytes(*v)) {
        return Ok(b.len());
    }
    Ok(vm.check_str(args, i)?.len())
}

/// Bytes `start..end` of string argument `i` (already checked by
/// `arg_len`), copying only that slice.
fn arg_slice(vm: &mut Vm, args: &[Value], i: usize, start: usize, end: usize) -> LResult<ShortBytes> {
    if let Some(b) = args.get(i).and_then(|v| vm.heap.str_bytes(*v)) {
        return Ok(ShortBytes::from_slice(b.get(start..end).unwrap_or_default()));
    }
    Ok(ShortBytes::from_slice(vm.check_str(args, i)?.get(start..end).unwrap_or_default()))
}

fn str_len(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let l = arg_len(vm, &args, 0)?;
    Ok(rets![num(l as f64)])
}

fn str_sub(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let l = arg_len(vm, &args, 0)?;
    let start = posrelat(vm.check_integer(&args, 1)?, l).max(1);
    let end = posrelat(vm.opt_integer(&args, 2, -1)?, l).min(l as i64);
    let bytes =
        if start <= end { arg_slice(vm, &args, 0, start as usize - 1, end as usize)? } else { ShortBytes::new() };
    Ok(rets![vm.intern(&bytes)?])
}

fn map_bytes(vm: &mut Vm, args: &[Value], f: fn(u8) -> u8) -> LResult<Rets> {
    let s = vm.check_str(args, 0)?;
    let out: Vec<u8> = s.iter().map(|&b| f(b)).collect();
    Ok(rets![new_str(vm, &out)?])
}

fn str_lower(vm: &mut Vm, args: Args) -> LResult<Rets> {
    map_bytes(vm, &args, |b| b.to_ascii_lowercase())
}

fn str_upper(vm: &mut Vm, args: Args) -> LResult<Rets> {
    map_bytes(vm, &args, |b| b.to_ascii_uppercase())
}

fn str_reverse(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let s = vm.check_str(&args, 0)?;
    let out: Vec<u8> = s.iter().rev().copied().collect();
    Ok(rets![new_str(vm, &out)?])
}

fn str_rep(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let s = vm.check_str(&args, 0)?;
    let n = vm.check_int(&args, 1)?;
    if n <= 0 || s.is_empty() {
        return Ok(rets![vm.intern(b"")?]);
    }
    vm.check_length(s.len() as u64 * n as u64)?;
    let out = s.repeat(n as usize);
    Ok(rets![vm.intern(&out)?])
}

/// 5.1 pushes `string.byte`'s results on a C stack of at most 8000 slots.
const MAX_C_STACK: i64 = 8000;

fn str_byte(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let l = arg_len(vm, &args, 0)?;
    let posi = posrelat(vm.opt_integer(&args, 1, 1)?, l);
    let pose = posrelat(vm.opt_integer(&args, 2, posi)?, l).min(l as i64);
    let posi = posi.max(1);
    if posi > pose {
        return Ok(rets![]);
    }
    let n = pose - posi + 1;
    if n + args.len() as i64 > MAX_C_STACK {
        return Err(vm.lib_error(b"stack overflow (string slice too long)"));
    }
    let bytes = arg_slice(vm, &args, 0, posi as usize - 1, pose as usize)?;
    Ok(bytes.iter().map(|&b| num(b as f64)).collect())
}

fn str_char(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let mut out = Vec::with_capacity(args.len());
    for i in 0..args.len() {
        let c = vm.check_int(&args, i)?;
        if !(0..=255).contains(&c) {
            return Err(vm.arg_error(i + 1, "invalid value"));
        }
        out.push(c as u8);
    }
    Ok(rets![vm.intern(&out)?])
}

/// 5.1's binary chunk signature, so loaders recognise a dump as binary.
pub const DUMP_SIGNATURE: &[u8] = b"\x1bLua";
const DUMP_TAG: &[u8] = b"\x51perigee-dump:";

/// `string.dump`: the vm keeps no serialised bytecode; a dump is the
/// signature plus a key into a registry table of dumped prototypes, which
/// `loadstring` turns back into a function (see `base::undump`).
fn str_dump(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = arg(&args, 0);
    let proto = match vm.heap.get::<crate::func::Closure>(f) {
        Some(crate::func::Closure::Lua { proto, .. }) => proto.value(),
        Some(crate::func::Closure::Builtin { .. }) => return Err(vm.lib_error(b"unable to dump given function")),
        None => return Err(vm.type_arg_error(&args, 0, "function")),
    };
    let table = dump_table(vm)?;
    let key = vm.heap.table(table).map_or(0, |t| t.border()) + 1;
    vm.raw_set(table, num(key as f64), proto)?;
    let mut out = DUMP_SIGNATURE.to_vec();
    out.extend_from_slice(DUMP_TAG);
    out.extend_from_slice(key.to_string().as_bytes());
    Ok(rets![vm.intern(&out)?])
}

/// The registry table of dumped prototypes (made on first use).
pub fn dump_table(vm: &mut Vm) -> LResult<Value> {
    let k = vm.intern(b"perigee.dumped")?;
    let t = vm.heap.table_get(vm.registry, k);
    if !t.is_nil() {
        return Ok(t);
    }
    let t = vm.new_table(4, 0)?;
    vm.raw_set(vm.registry, k, t)?;
    Ok(t)
}

/// The prototype a `string.dump` string stands for, if it is one.
pub fn undump(vm: &mut Vm, bytes: &[u8]) -> LResult<Option<Value>> {
    let Some(rest) = bytes.strip_prefix(DUMP_SIGNATURE).and_then(|r| r.strip_prefix(DUMP_TAG)) else {
        return Ok(None);
    };
    let Some(key) = std::str::from_utf8(rest).ok().and_then(|s| s.parse::<u32>().ok()) else {
        return Ok(None);
    };
    let t = dump_table(vm)?;
    let p = vm.heap.table(t).map_or(Value::NIL, |t| t.get_int(key as i64));
    Ok(if p.is_nil() { None } else { Some(p) })
}

// ---------------------------------------------------------------------
// format
// ---------------------------------------------------------------------

fn str_format(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let fmt = vm.check_str(&args, 0)?;
    let top = args.len();
    let mut a = 0usize; // 0-based index of the last argument used
    let mut out: Vec<u8> = Vec::new();
    for piece in format::parse(&fmt) {
        match piece {
            Ok(Piece::Literal(bytes)) => out.extend_from_slice(bytes),
            Err(msg) => {
                a += 1;
                if a >= top {
                    return Err(vm.arg_error(a + 1, "no value"));
                }
                return Err(vm.lib_error(msg.as_bytes()));
            }
            Ok(Piece::Spec(spec)) => {
                a += 1;
                if a >= top {
                    return Err(vm.arg_error(a + 1, "no value"));
                }
                let piece = match spec.kind() {
                    ArgKind::Char => format::fmt_char(&spec, vm.check_num(&args, a)?),
                    ArgKind::Integer => format::fmt_integer(&spec, vm.check_num(&args, a)?),
                    ArgKind::Float => format::fmt_float(&spec, vm.check_num(&args, a)?),
                    ArgKind::String => format::fmt_string(&spec, &vm.check_str(&args, a)?),
                    ArgKind::Quoted => format::fmt_quoted(&vm.check_str(&args, a)?),
                };
                vm.check_length(out.len() as u64 + piece.len() as u64)?;
                out.extend_from_slice(&piece);
            }
        }
    }
    Ok(rets![vm.intern(&out)?])
}

// ---------------------------------------------------------------------
// find, match, gmatch, gsub
// ---------------------------------------------------------------------

fn capture_value(vm: &mut Vm, src: &[u8], c: Capture) -> LResult<Value> {
    match c {
        Capture::Position(p) => Ok(num((p + 1) as f64)),
        other => vm.intern(&pattern::capture_bytes(src, other)),
    }
}

fn str_find(vm: &mut Vm, args: Args) -> LResult<Rets> {
    find_aux(vm, &args, true)
}

fn str_match(vm: &mut Vm, args: Args) -> LResult<Rets> {
    find_aux(vm, &args, false)
}

/// A string argument: a heap string used in place, or the bytes of a
/// number converted by `%.14g`. Matching borrows the subject instead of
/// copying it, since `find`/`match`/`gmatch` are called in loops over long
/// subjects and a copy per call made such loops quadratic.
enum Subject {
    Heap(Value),
    Owned(Vec<u8>),
}

impl Subject {
    fn of(vm: &mut Vm, args: &[Value], i: usize) -> LResult<Subject> {
        match args.get(i) {
            Some(v) if vm.heap.str_bytes(*v).is_some() => Ok(Subject::Heap(*v)),
            _ => Ok(Subject::Owned(vm.check_str(args, i)?)),
        }
    }

    fn bytes<'a>(&'a self, vm: &'a Vm) -> &'a [u8] {
        match self {
            Subject::Heap(v) => vm.heap.str_bytes(*v).unwrap_or_default(),
            Subject::Owned(b) => b,
        }
    }
}

/// A capture copied out of its subject.
enum Taken {
    Position(usize),
    Bytes(Vec<u8>),
}

fn take_captures(src: &[u8], caps: Result<Vec<Capture>, String>) -> Result<Vec<Taken>, String> {
    caps.map(|cs| {
        cs.into_iter()
            .map(|c| match c {
                Capture::Position(p) => Taken::Position(p),
                other => Taken::Bytes(pattern::capture_bytes(src, other)),
            })
            .collect()
    })
}

fn taken_values(vm: &mut Vm, taken: Vec<Taken>) -> LResult<Rets> {
    taken
        .into_iter()
        .map(|t| match t {
            Taken::Position(p) => Ok(num((p + 1) as f64)),
            Taken::Bytes(b) => vm.intern(&b),
        })
        .collect()
}

/// `string.find` (`find = true`) and `string.match`.
fn find_aux(vm: &mut Vm, args: &[Value], find: bool) -> LResult<Rets> {
    let src = Subject::of(vm, args, 0)?;
    let pat = Subject::of(vm, args, 1)?;
    let l1 = src.bytes(vm).len();
    let init = (posrelat(vm.opt_integer(args, 2, 1)?, l1) - 1).clamp(0, l1 as i64) as usize;
    let plain = find && arg(args, 3).is_truthy();
    // The match and its captures, computed while the subject is borrowed.
    let result: Result<Option<(usize, usize, Vec<Taken>)>, String> = {
        let (s, p) = (src.bytes(vm), pat.bytes(vm));
        let found = if plain {
            Ok(pattern::find_plain(s, p, init).map(|start| Match { start, end: start + p.len(), captures: Vec::new() }))
        } else if find {
            pattern::find(s, p, init)
        } else {
            pattern::search(s, p, init)
        };
        found.and_then(|m| match m {
            None => Ok(None),
            Some(m) => {
                let caps = if find { pattern::captures_only(&m) } else { pattern::captures_or_whole(&m) };
                take_captures(s, caps).map(|t| Some((m.start, m.end, t)))
            }
        })
    };
    match result {
        Err(msg) => Err(vm.lib_error(msg.as_bytes())),
        Ok(None) => Ok(rets![Value::NIL]),
        Ok(Some((start, end, taken))) => {
            let mut out = if find { rets![num((start + 1) as f64), num(end as f64)] } else { rets![] };
            out.extend(taken_values(vm, taken)?);
            Ok(out)
        }
    }
}

/// `string.gmatch`: an iterator builtin whose state values are the
/// subject, the pattern and the next start position.
fn gmatch(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let s = vm.check_str(&args, 0)?;
    let p = vm.check_str(&args, 1)?;
    let s = vm.intern(&s)?;
    let p = vm.intern(&p)?;
    Ok(rets![vm.builtin_with("gmatch_aux", gmatch_aux, vec![s, p, num(0.0)])?])
}

fn gmatch_aux(vm: &mut Vm, _args: Args) -> LResult<Rets> {
    let me = vm.current_closure();
    let (s, p, pos) = match vm.heap.get::<crate::func::Closure>(me) {
        Some(crate::func::Closure::Builtin { upvals, .. }) if upvals.len() == 3 => (upvals[0], upvals[1], upvals[2]),
        _ => return Ok(rets![]),
    };
    let pos = pos.as_num().unwrap_or(0.0) as usize;
    // Borrow the interned subject and pattern; copy only the captures.
    let (len, step) = {
        let src = vm.heap.str_bytes(s).unwrap_or_default();
        let pat = vm.heap.str_bytes(p).unwrap_or_default();
        let step = pattern::gmatch_step(src, pat, pos).and_then(|found| match found {
            None => Ok(None),
            Some((m, next)) => take_captures(src, pattern::captures_or_whole(&m)).map(|t| Some((t, next))),
        });
        (src.len(), step)
    };
    match step {
        Err(msg) => Err(vm.lib_error(msg.as_bytes())),
        Ok(None) => {
            set_gmatch_pos(vm, me, len + 1);
            Ok(rets![])
        }
        Ok(Some((taken, next))) => {
            set_gmatch_pos(vm, me, next);
            taken_values(vm, taken)
        }
    }
}

fn set_gmatch_pos(vm: &mut Vm, me: Value, pos: usize) {
    if let Some(crate::func::Closure::Builtin { upvals, .. }) = vm.heap.get_mut::<crate::func::Closure>(me) {
        if let Some(slot) = upvals.get_mut(2) {
            *slot = num(pos as f64);
        }
    }
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

fn gsub(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let src = vm.check_str(&args, 0)?;
    let pat = vm.check_str(&args, 1)?;
    let repl = arg(&args, 2);
    let max_n = vm.opt_int(&args, 3, src.len() as i64 + 1)?;
    let tag = repl.type_tag();
    if args.len() < 3 || !matches!(tag, Type::Number | Type::String | Type::Function | Type::Table) {
        return Err(vm.arg_error(3, "string/function/table expected"));
    }
    let repl_str = vm.to_bytes(repl);
    let replace = |m: &Match, out: &mut Vec<u8>| -> Result<(), GsubError> {
        let value = if let Some(r) = &repl_str {
            let piece = pattern::expand_replacement(r, &src, m)?;
            vm.check_length(out.len() as u64 + piece.len() as u64).map_err(GsubError::Lua)?;
            out.extend_from_slice(&piece);
            return Ok(());
        } else if tag == Type::Function {
            let caps = pattern::captures_or_whole(m)?;
            let mut vals = Args::new();
            for c in caps {
                vals.push(capture_value(vm, &src, c).map_err(GsubError::Lua)?);
            }
            vm.call_meta(repl, &vals).map_err(GsubError::Lua)?
        } else {
            let key = capture_value(vm, &src, pattern::capture(m, 0)?).map_err(GsubError::Lua)?;
            vm.index(repl, key, None).map_err(GsubError::Lua)?
        };
        let bytes = if !value.is_truthy() {
            src.get(m.start..m.end).unwrap_or_default().to_vec()
        } else {
            match vm.to_bytes(value) {
                Some(b) => b,
                None => {
                    return Err(GsubError::Msg(format!("invalid replacement value (a {})", value.type_tag().name())))
                }
            }
        };
        vm.check_length(out.len() as u64 + bytes.len() as u64).map_err(GsubError::Lua)?;
        out.extend_from_slice(&bytes);
        Ok(())
    };
    match pattern::gsub(&src, &pat, max_n.max(0) as usize, replace) {
        Ok((out, n)) => Ok(rets![vm.intern(&out)?, num(n as f64)]),
        Err(GsubError::Msg(msg)) => Err(vm.lib_error(msg.as_bytes())),
        Err(GsubError::Lua(e)) => Err(e),
    }
}
