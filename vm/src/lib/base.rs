//! The basic functions (§5.1) written so far, with lbaselib.c's checks and
//! messages (as the reference tier's `lib/base.rs` re-derives them).

use super::arg;
use super::userdata::Userdata;
use crate::func::{Args, BuiltinFn, Closure, Rets, Special};
use crate::interp::{LResult, LuaError, Vm};
use crate::rets;
use crate::value::{Type, Value};
use perigee_reference::spec::number::str_to_number_base;

pub fn open(vm: &mut Vm) -> LResult<()> {
    let entries: &[(&'static str, BuiltinFn)] = &[
        ("assert", assert),
        ("collectgarbage", collectgarbage),
        ("dofile", dofile),
        ("gcinfo", gcinfo),
        ("getfenv", getfenv),
        ("load", load),
        ("loadfile", loadfile),
        ("loadstring", loadstring),
        ("newproxy", newproxy),
        ("setfenv", setfenv),
        ("xpcall", xpcall),
        ("error", error),
        ("getmetatable", getmetatable),
        ("ipairs", ipairs),
        ("next", next),
        ("pairs", pairs),
        ("pcall", pcall),
        ("print", print),
        ("rawequal", rawequal),
        ("rawget", rawget),
        ("rawset", rawset),
        ("select", select),
        ("setmetatable", setmetatable),
        ("tonumber", tonumber),
        ("tostring", tostring),
        ("type", type_),
        ("unpack", unpack),
    ];
    for (name, f) in entries {
        let v = vm.builtin(name, *f)?;
        let special = match *name {
            "pcall" => Special::Pcall,
            "xpcall" => Special::Xpcall,
            "next" => Special::Next,
            _ => Special::None,
        };
        vm.set_special(v, special);
        vm.set_global(name, v)?;
    }
    let g = vm.globals;
    vm.set_global("_G", g)?;
    let version = vm.intern(b"Lua 5.1")?;
    vm.set_global("_VERSION", version)?;
    // The iterators `ipairs` and `pairs` hand out (5.1 returns its own
    // `next`, not the global one), kept in the registry.
    let step = vm.builtin("ipairs_step", ipairs_step)?;
    vm.set_special(step, Special::IpairsStep);
    let key = vm.intern(b"ipairs_step")?;
    vm.raw_set(vm.registry, key, step)?;
    let nx = vm.builtin("next", next)?;
    vm.set_special(nx, Special::Next);
    let key = vm.intern(b"next")?;
    vm.raw_set(vm.registry, key, nx)
}

fn registry_fn(vm: &mut Vm, name: &[u8]) -> LResult<Value> {
    let k = vm.intern(name)?;
    Ok(vm.heap.table_get(vm.registry, k))
}

fn num(n: f64) -> Value {
    Value::from_num(n)
}

fn assert(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let v = vm.check_any(&args, 0)?;
    if v.is_truthy() {
        return Ok(Rets::from_slice(&args));
    }
    let msg = vm.opt_str(&args, 1, b"assertion failed!")?;
    Err(vm.lib_error(&msg))
}

fn error(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let level = vm.opt_int(&args, 1, 1)?;
    let v = arg(&args, 0);
    if (v.is_num() || v.is_string()) && level > 0 {
        let mut text = vm.where_(level as usize);
        text.extend_from_slice(&vm.tostring_plain(v));
        return Err(vm.error_value(&text));
    }
    Err(LuaError::Error(v))
}

fn print(vm: &mut Vm, args: Args) -> LResult<Rets> {
    // 5.1 looks up the global `tostring` once per call.
    let key = vm.intern(b"tostring")?;
    let ts = vm.heap.table_get(vm.globals, key);
    vm.pinned.push(ts);
    let mut line = Vec::new();
    for (i, v) in args.iter().enumerate() {
        if i > 0 {
            line.push(b'\t');
        }
        let s = vm.call_meta(ts, &[*v])?;
        match (s.as_num(), vm.heap.str_bytes(s)) {
            (Some(n), _) => line.extend_from_slice(perigee_reference::spec::number::fmt_number(n).as_bytes()),
            (None, Some(b)) => line.extend_from_slice(b),
            _ => return Err(vm.lib_error(b"'tostring' must return a string to 'print'")),
        }
    }
    vm.pinned.pop();
    line.push(b'\n');
    vm.write_out(&line);
    Ok(rets![])
}

fn tostring(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let v = vm.check_any(&args, 0)?;
    Ok(rets![vm.tostring(v)?])
}

fn tonumber(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let base = vm.opt_int(&args, 1, 10)?;
    if base == 10 {
        let v = vm.check_any(&args, 0)?;
        return Ok(rets![vm.to_number(v).map_or(Value::NIL, num)]);
    }
    let s = vm.check_str(&args, 0)?;
    if !(2..=36).contains(&base) {
        return Err(vm.arg_error(2, "base out of range"));
    }
    Ok(rets![str_to_number_base(&s, base as u32).map_or(Value::NIL, num)])
}

fn type_(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let v = vm.check_any(&args, 0)?;
    Ok(rets![vm.intern(v.type_tag().name().as_bytes())?])
}

fn ipairs_step(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let t = vm.check_table(&args, 0)?;
    let i = vm.check_int(&args, 1)?;
    Ok(match vm.heap.table(t).and_then(|t| ipairs_at(t, i)) {
        Some((k, v)) => rets![k, v],
        None => rets![],
    })
}

/// One step of `ipairs` past index `i`: `i + 1` and its value, or `None`
/// at the first nil (shared with the interpreter's `ITERC`).
pub(crate) fn ipairs_at(t: &crate::table::Table, i: i64) -> Option<(Value, Value)> {
    let v = t.get_int(i + 1);
    (!v.is_nil()).then(|| (num((i + 1) as f64), v))
}

fn ipairs(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let t = vm.check_table(&args, 0)?;
    Ok(rets![registry_fn(vm, b"ipairs_step")?, t, num(0.0)])
}

fn next(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let t = vm.check_table(&args, 0)?;
    let k = arg(&args, 1);
    match vm.heap.table(t).map(|tab| tab.next(k)) {
        Some(Ok(Some((k, v)))) => Ok(rets![k, v]),
        Some(Ok(None)) | None => Ok(rets![Value::NIL]),
        Some(Err(_)) => Err(vm.error_here(b"invalid key to 'next'")),
    }
}

fn pairs(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let t = vm.check_table(&args, 0)?;
    Ok(rets![registry_fn(vm, b"next")?, t, Value::NIL])
}

fn select(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let n = args.len() as i64;
    if let Some(s) = args.first().and_then(|v| vm.heap.str_bytes(*v)) {
        if s.first() == Some(&b'#') {
            return Ok(rets![num((n - 1) as f64)]);
        }
    }
    let mut i = vm.check_int(&args, 0)?;
    if i < 0 {
        i += n;
    } else if i > n {
        i = n;
    }
    if i < 1 {
        return Err(vm.arg_error(1, "index out of range"));
    }
    Ok(Rets::from_slice(&args[i as usize..]))
}

/// 5.1 fails `unpack` when the results would not fit its C stack.
const MAX_UNPACK: i64 = 8000;

fn unpack(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let t = vm.check_table(&args, 0)?;
    let i = vm.opt_int(&args, 1, 1)?;
    let e = match args.get(2) {
        Some(v) if !v.is_nil() => vm.check_int(&args, 2)?,
        _ => vm.heap.table(t).map_or(0, |t| t.border() as i64),
    };
    if i > e {
        return Ok(rets![]);
    }
    let n = e - i + 1;
    if n <= 0 || n + args.len() as i64 >= MAX_UNPACK {
        return Err(vm.lib_error(b"too many results to unpack"));
    }
    let tab = vm.heap.table(t);
    Ok((i..=e).map(|k| tab.map_or(Value::NIL, |t| t.get_int(k))).collect())
}

fn rawequal(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let a = vm.check_any(&args, 0)?;
    let b = vm.check_any(&args, 1)?;
    Ok(rets![Value::from_bool(a.raw_eq(b))])
}

fn rawget(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let t = vm.check_table(&args, 0)?;
    let k = vm.check_any(&args, 1)?;
    Ok(rets![vm.heap.table_get(t, k)])
}

fn rawset(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let t = vm.check_table(&args, 0)?;
    let k = vm.check_any(&args, 1)?;
    let v = vm.check_any(&args, 2)?;
    vm.raw_set(t, k, v)?;
    Ok(rets![t])
}

fn getmetatable(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let v = vm.check_any(&args, 0)?;
    match vm.metatable_of(v) {
        None => Ok(rets![Value::NIL]),
        Some(mt) => {
            let protected = vm.heap.table_get(mt, vm.names.metatable);
            Ok(rets![if protected.is_nil() { mt } else { protected }])
        }
    }
}

fn setmetatable(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let t = vm.check_table(&args, 0)?;
    let mt = match args.get(1) {
        Some(v) if v.is_nil() => None,
        Some(v) if v.type_tag() == Type::Table => Some(*v),
        _ => return Err(vm.arg_error(2, "nil or table expected")),
    };
    if let Some(old) = vm.metatable_of(t) {
        if !vm.heap.table_get(old, vm.names.metatable).is_nil() {
            return Err(vm.lib_error(b"cannot change a protected metatable"));
        }
    }
    if let Some((tab, _)) = vm.heap.table_mut(t) {
        tab.set_metatable(mt);
    }
    Ok(rets![t])
}

fn pcall(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = vm.check_any(&args, 0)?;
    Ok(match vm.pcall(f, &args[1..])? {
        Ok(mut values) => {
            values.insert(0, Value::TRUE);
            values
        }
        Err(e) => rets![Value::FALSE, e],
    })
}

fn xpcall(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let handler = vm.check_any(&args, 1)?;
    let f = arg(&args, 0);
    // The handler runs after the unwinding (5.1 runs it at the raise
    // point; only a handler that inspects the stack can tell).
    Ok(match vm.pcall(f, &[])? {
        Ok(mut values) => {
            values.insert(0, Value::TRUE);
            values
        }
        Err(e) => {
            vm.pinned.push(e);
            let r = vm.call_handler(handler, e);
            vm.pinned.pop();
            rets![Value::FALSE, r?]
        }
    })
}

fn collectgarbage(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let opt = vm.opt_str(&args, 0, b"collect")?;
    Ok(rets![match &opt[..] {
        b"stop" | b"restart" => num(0.0),
        b"collect" => {
            // A builtin call is a safe point: everything live is on the
            // stack, pinned, or reachable from the roots.
            vm.collect();
            num(0.0)
        }
        b"count" => num(vm.heap.bytes() as f64 / 1024.0),
        b"step" => {
            vm.collect();
            Value::TRUE
        }
        b"setpause" => {
            let new = vm.opt_int(&args, 1, 0)?;
            num(vm.heap.set_pause(new.clamp(0, u32::MAX as i64) as u32) as f64)
        }
        // A stop-the-world collector has no step size: only remembered.
        b"setstepmul" => {
            let new = vm.opt_int(&args, 1, 0)?;
            num(std::mem::replace(&mut vm.gc_stepmul, new) as f64)
        }
        other => {
            let o = String::from_utf8_lossy(other).into_owned();
            return Err(vm.arg_error(1, &format!("invalid option '{o}'")));
        }
    }])
}

fn gcinfo(vm: &mut Vm, _args: Args) -> LResult<Rets> {
    Ok(rets![num((vm.heap.bytes() / 1024) as f64)])
}

/// The function `getfenv`/`setfenv` talk about: a function argument, or
/// the function running at stack level `n` (1 = the caller); `None` for
/// level 0 (the thread's globals).
fn env_target(vm: &mut Vm, args: &[Value], default_level: Option<i64>) -> LResult<Option<Value>> {
    if let Some(f) = args.first() {
        if vm.heap.get::<Closure>(*f).is_some() {
            return Ok(Some(*f));
        }
    }
    let level = match default_level {
        Some(d) => vm.opt_int(args, 0, d)?,
        None => vm.check_int(args, 0)?,
    };
    if level < 0 {
        return Err(vm.arg_error(1, "level must be non-negative"));
    }
    if level == 0 {
        return Ok(None);
    }
    match vm.level(level as usize) {
        None => Err(vm.arg_error(1, "invalid level")),
        Some(i) => Ok(Some(vm.stack.get(vm.frames[i].func).copied().unwrap_or(Value::NIL))),
    }
}

fn getfenv(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let env = match env_target(vm, &args, Some(1))? {
        None => vm.globals,
        Some(f) => match vm.heap.get::<Closure>(f) {
            Some(Closure::Lua { env, .. }) => *env,
            _ => vm.globals,
        },
    };
    Ok(rets![env])
}

fn setfenv(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let t = vm.check_table(&args, 1)?;
    let target = env_target(vm, &args, None)?;
    if let Some(f) = target {
        if let Some(Closure::Lua { env, .. }) = vm.heap.get_mut::<Closure>(f) {
            *env = t;
            return Ok(rets![arg(&args, 0)]);
        }
    }
    Err(vm.lib_error(b"'setfenv' cannot change environment of given object"))
}

/// Compiles `source` into a function whose environment is the globals:
/// `Ok(Ok(f))`, or `Ok(Err(message))` for a syntax error.
pub(crate) fn load_chunk(vm: &mut Vm, source: &[u8], chunkname: &[u8]) -> LResult<Result<Value, Value>> {
    // What `string.dump` made comes back as a closure of the same
    // prototype, with fresh (nil) upvalues as 5.1's loader gives.
    if let Some(proto) = super::string::undump(vm, source)? {
        let nups = vm.heap.get::<crate::func::LoadedProto>(proto).map_or(0, |p| p.proto.upvalues.len());
        let mut upvals = Vec::with_capacity(nups);
        for _ in 0..nups {
            match vm.heap.alloc(crate::func::Upvalue::Closed(Value::NIL)) {
                Ok(u) => upvals.push(u),
                Err(e) => return Err(vm.alloc_error(e)),
            }
        }
        let env = vm.globals;
        return Ok(Ok(vm.alloc_lua_closure(proto, upvals, env)?));
    }
    match crate::run::load(vm, source, chunkname) {
        Ok(f) => Ok(Ok(f)),
        Err(perigee_reference::End::Error(msg)) => Ok(Err(vm.intern(&msg)?)),
        Err(perigee_reference::End::Limit(k)) => Err(LuaError::Limit(k)),
        Err(_) => Err(vm.lib_error(b"cannot load chunk")),
    }
}

fn load_result(r: Result<Value, Value>) -> Rets {
    match r {
        Ok(f) => rets![f],
        Err(msg) => rets![Value::NIL, msg],
    }
}

fn loadstring(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let s = vm.check_str(&args, 0)?;
    let name = vm.opt_str(&args, 1, &s)?;
    Ok(load_result(load_chunk(vm, &s, &name)?))
}

fn load(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let name = vm.opt_str(&args, 1, b"=(load)")?;
    let reader = arg(&args, 0);
    if vm.heap.get::<Closure>(reader).is_none() {
        return Err(vm.type_arg_error(&args, 0, "function"));
    }
    let mut source = Vec::new();
    loop {
        let piece = vm.call_meta(reader, &[])?;
        if piece.is_nil() {
            break;
        }
        match vm.heap.str_bytes(piece) {
            Some([]) => break,
            Some(b) => source.extend_from_slice(b),
            None => return Ok(rets![Value::NIL, vm.intern(b"reader function must return a string")?]),
        }
        vm.check_length(source.len() as u64)?;
    }
    Ok(load_result(load_chunk(vm, &source, &name)?))
}

/// `luaL_loadfile`: a file's chunk, or the message saying why not.
fn load_file(vm: &mut Vm, args: &[Value]) -> LResult<Result<Value, Value>> {
    if arg(args, 0).is_nil() {
        let mut src = Vec::new();
        use std::io::Read;
        let _ = std::io::stdin().read_to_end(&mut src);
        return load_chunk(vm, &src, b"=stdin");
    }
    let name = vm.check_str(args, 0)?;
    let path = String::from_utf8_lossy(&name).into_owned();
    match std::fs::read(&path) {
        Ok(src) => {
            let mut chunkname = b"@".to_vec();
            chunkname.extend_from_slice(&name);
            load_chunk(vm, &src, &chunkname)
        }
        Err(_) => Ok(Err(vm.intern(format!("cannot open {path}").as_bytes())?)),
    }
}

fn loadfile(vm: &mut Vm, args: Args) -> LResult<Rets> {
    Ok(load_result(load_file(vm, &args)?))
}

fn dofile(vm: &mut Vm, args: Args) -> LResult<Rets> {
    match load_file(vm, &args)? {
        Ok(f) => vm.call_rets(f, &[]),
        Err(msg) => Err(LuaError::Error(msg)),
    }
}

fn newproxy(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let a = arg(&args, 0);
    let meta = if !a.is_truthy() {
        Value::NIL
    } else if a.raw_eq(Value::TRUE) {
        vm.new_table(0, 0)?
    } else {
        match vm.heap.get::<Userdata>(a) {
            Some(u) if !u.meta.is_nil() => u.meta,
            _ => return Err(vm.arg_error(1, "boolean or proxy expected")),
        }
    };
    // Allocation never collects: `meta` stays valid until stored.
    match vm.heap.alloc(Userdata { meta, env: Value::NIL, file: None }) {
        Ok(u) => Ok(rets![u]),
        Err(e) => Err(vm.alloc_error(e)),
    }
}
