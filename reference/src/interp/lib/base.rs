//! The basic functions (§5.1), with PUC-Rio 5.1's argument checks and
//! messages (lbaselib.c's behaviour, re-derived).

use std::rc::Rc;

use super::{arg, first, make_lib, num, string, LibFn};
use crate::interp::call::FrameName;
use crate::interp::error::{LResult, LuaError};
use crate::interp::memory;
use crate::interp::ops::{to_number, tostring_plain};
use crate::interp::table::Table;
use crate::interp::value::{FuncRef, Function, TableRef, UserData, UserDataRef, Value};
use crate::interp::{Ctx, State};
use crate::spec::number::str_to_number_base;

pub fn open(st: &State) {
    let entries: &[(&'static str, LibFn)] = &[
        ("assert", assert),
        ("collectgarbage", collectgarbage),
        ("dofile", dofile),
        ("error", error),
        ("gcinfo", gcinfo),
        ("getfenv", getfenv),
        ("getmetatable", getmetatable),
        ("ipairs", ipairs),
        ("load", load),
        ("loadfile", loadfile),
        ("loadstring", loadstring),
        ("newproxy", newproxy),
        ("next", next),
        ("pairs", pairs),
        ("pcall", pcall),
        ("print", print),
        ("rawequal", rawequal),
        ("rawget", rawget),
        ("rawset", rawset),
        ("select", select),
        ("setfenv", setfenv),
        ("setmetatable", setmetatable),
        ("tonumber", tonumber),
        ("tostring", tostring),
        ("type", type_),
        ("unpack", unpack),
        ("xpcall", xpcall),
    ];
    let lib = make_lib(entries);
    let g = &st.globals;
    let mut k = Value::Nil;
    while let Ok(Some((key, v))) = lib.0.borrow().next(&k) {
        g.0.borrow_mut().set(key.clone(), v);
        k = key;
    }
    g.0.borrow_mut().set(string("_G"), Value::Table(g.clone()));
    g.0.borrow_mut().set(string("_VERSION"), string("Lua 5.1"));
}

fn assert(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = ctx.check_any(&args, 0)?;
    if v.truthy() {
        return Ok(args);
    }
    let msg = ctx.opt_str(&args, 1, b"assertion failed!")?;
    Err(ctx.lib_error(msg.as_bytes()))
}

fn collectgarbage(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let opt = ctx.opt_str(&args, 0, b"collect")?;
    let kb = memory::live() as f64 / 1024.0;
    Ok(vec![match opt.as_bytes() {
        b"stop" | b"restart" | b"collect" => num(0.0),
        b"count" => num(kb),
        b"step" => Value::Bool(true),
        b"setpause" | b"setstepmul" => {
            let new = ctx.opt_int(&args, 1, 0)?;
            let cell = if opt.as_bytes() == b"setpause" { &ctx.st.gc_pause } else { &ctx.st.gc_stepmul };
            num(cell.replace(new) as f64)
        }
        other => {
            let o = String::from_utf8_lossy(other).into_owned();
            return Err(ctx.arg_error(1, &format!("invalid option '{o}'")));
        }
    }])
}

fn gcinfo(_: &Ctx, _: Vec<Value>) -> LResult<Vec<Value>> {
    Ok(vec![num((memory::live() / 1024) as f64)])
}

fn error(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let level = ctx.opt_int(&args, 1, 1)?;
    let v = arg(&args, 0);
    let v = match &v {
        Value::Str(_) | Value::Num(_) if level > 0 => {
            let mut text = ctx.where_(level as usize);
            text.extend_from_slice(&tostring_plain(&v));
            string(text)
        }
        _ => v,
    };
    Err(LuaError::new(v))
}

fn print(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    // 5.1 looks up the global `tostring` at every call.
    let tostring = ctx.st.globals.get_str(b"tostring");
    let mut line = Vec::new();
    for (i, v) in args.iter().enumerate() {
        if i > 0 {
            line.push(b'\t');
        }
        match first(ctx.no_yield(|| ctx.call_value(&tostring, vec![v.clone()]))?) {
            Value::Str(s) => line.extend_from_slice(s.as_bytes()),
            Value::Num(n) => line.extend_from_slice(crate::spec::number::fmt_number(n).as_bytes()),
            _ => return Err(ctx.lib_error("'tostring' must return a string to 'print'")),
        }
    }
    line.push(b'\n');
    ctx.st.write_out(&line);
    Ok(Vec::new())
}

fn tostring(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = ctx.check_any(&args, 0)?;
    Ok(vec![ctx.tostring(&v)?])
}

fn tonumber(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let base = ctx.opt_int(&args, 1, 10)?;
    if base == 10 {
        let v = ctx.check_any(&args, 0)?;
        return Ok(vec![to_number(&v).map(Value::Num).unwrap_or_default()]);
    }
    let s = ctx.check_str(&args, 0)?;
    if !(2..=36).contains(&base) {
        return Err(ctx.arg_error(2, "base out of range"));
    }
    Ok(vec![str_to_number_base(s.as_bytes(), base as u32).map(Value::Num).unwrap_or_default()])
}

fn type_(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = ctx.check_any(&args, 0)?;
    Ok(vec![string(v.type_name())])
}

fn ipairs_step(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.check_table(&args, 0)?;
    let i = ctx.check_int(&args, 1)? + 1;
    let v = t.0.borrow().get_int(i);
    if v.is_nil() {
        return Ok(Vec::new());
    }
    Ok(vec![num(i as f64), v])
}

fn ipairs(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.check_table(&args, 0)?;
    Ok(vec![Value::Func(FuncRef::builtin("ipairs_step", ipairs_step)), Value::Table(t), num(0.0)])
}

fn next(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.check_table(&args, 0)?;
    let k = arg(&args, 1);
    let r = t.0.borrow().next(&k);
    match r {
        Ok(Some((k, v))) => Ok(vec![k, v]),
        Ok(None) => Ok(vec![Value::Nil]),
        Err(()) => Err(ctx.error_here("invalid key to 'next'")),
    }
}

fn pairs(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.check_table(&args, 0)?;
    // 5.1 returns its own copy of `next`, not the global one.
    Ok(vec![Value::Func(FuncRef::builtin("next", next)), Value::Table(t), Value::Nil])
}

fn select(ctx: &Ctx, mut args: Vec<Value>) -> LResult<Vec<Value>> {
    let n = args.len() as i64;
    if let Some(Value::Str(s)) = args.first() {
        if s.as_bytes().first() == Some(&b'#') {
            return Ok(vec![num((n - 1) as f64)]);
        }
    }
    let mut i = ctx.check_int(&args, 0)?;
    if i < 0 {
        i += n;
    } else if i > n {
        i = n;
    }
    if i < 1 {
        return Err(ctx.arg_error(1, "index out of range"));
    }
    Ok(args.split_off(i as usize))
}

/// 5.1 fails `unpack` when the results would not fit its C stack.
const MAX_UNPACK: i64 = 8000;

fn unpack(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.check_table(&args, 0)?;
    let i = ctx.opt_int(&args, 1, 1)?;
    let e = match args.get(2) {
        None | Some(Value::Nil) => t.0.borrow().border() as i64,
        _ => ctx.check_int(&args, 2)?,
    };
    if i > e {
        return Ok(Vec::new());
    }
    let n = e - i + 1;
    if n <= 0 || n + args.len() as i64 >= MAX_UNPACK {
        return Err(ctx.lib_error("too many results to unpack"));
    }
    let tab = t.0.borrow();
    Ok((i..=e).map(|k| tab.get_int(k)).collect())
}

fn rawequal(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let a = ctx.check_any(&args, 0)?;
    let b = ctx.check_any(&args, 1)?;
    Ok(vec![Value::Bool(a.raw_eq(&b))])
}

fn rawget(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.check_table(&args, 0)?;
    let k = ctx.check_any(&args, 1)?;
    Ok(vec![t.get(&k)])
}

fn rawset(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.check_table(&args, 0)?;
    let k = ctx.check_any(&args, 1)?;
    let v = ctx.check_any(&args, 2)?;
    ctx.raw_set(&t, k, v, 0)?;
    Ok(vec![Value::Table(t)])
}

fn getmetatable(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = ctx.check_any(&args, 0)?;
    match ctx.metatable_of(&v) {
        None => Ok(vec![Value::Nil]),
        Some(mt) => {
            let protected = mt.get_str(b"__metatable");
            Ok(vec![if protected.is_nil() { Value::Table(mt) } else { protected }])
        }
    }
}

fn setmetatable(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.check_table(&args, 0)?;
    let mt = match args.get(1) {
        Some(Value::Nil) => None,
        Some(Value::Table(m)) => Some(m.clone()),
        _ => return Err(ctx.arg_error(2, "nil or table expected")),
    };
    if let Some(old) = t.metatable() {
        if !old.get_str(b"__metatable").is_nil() {
            return Err(ctx.lib_error("cannot change a protected metatable"));
        }
    }
    t.0.borrow_mut().meta = mt;
    Ok(vec![Value::Table(t)])
}

fn pcall(ctx: &Ctx, mut args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = ctx.check_any(&args, 0)?;
    let rest = args.split_off(1);
    Ok(match ctx.pcall(&f, rest, None)? {
        Ok(mut values) => {
            values.insert(0, Value::Bool(true));
            values
        }
        Err(e) => vec![Value::Bool(false), e],
    })
}

fn xpcall(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let handler = ctx.check_any(&args, 1)?;
    let f = arg(&args, 0);
    Ok(match ctx.pcall(&f, Vec::new(), Some(&handler))? {
        Ok(mut values) => {
            values.insert(0, Value::Bool(true));
            values
        }
        Err(e) => vec![Value::Bool(false), e],
    })
}

/// The function `getfenv`/`setfenv` talk about: a function argument, or
/// the function running at stack level `n` (1 = the caller).
fn env_target(ctx: &Ctx, args: &[Value], default_level: Option<i64>) -> LResult<Option<FuncRef>> {
    if let Some(Value::Func(f)) = args.first() {
        return Ok(Some(f.clone()));
    }
    let level = match default_level {
        Some(d) => ctx.opt_int(args, 0, d)?,
        None => ctx.check_int(args, 0)?,
    };
    if level < 0 {
        return Err(ctx.arg_error(1, "level must be non-negative"));
    }
    if level == 0 {
        return Ok(None);
    }
    let frames = ctx.frames.borrow();
    let idx = frames.len() as i64 - 1 - level;
    if idx < 0 {
        drop(frames);
        return Err(ctx.arg_error(1, "invalid level"));
    }
    Ok(Some(frames[idx as usize].func.clone()))
}

fn getfenv(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let env = match env_target(ctx, &args, Some(1))? {
        None => ctx.st.globals.clone(),
        Some(f) => match &*f.0 {
            Function::Lua(lf) => lf.env.borrow().clone(),
            Function::Builtin(b) => b.env.borrow().clone().unwrap_or_else(|| ctx.st.globals.clone()),
        },
    };
    Ok(vec![Value::Table(env)])
}

fn setfenv(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.check_table(&args, 1)?;
    let target = env_target(ctx, &args, None)?;
    match target.as_ref().map(|f| &*f.0) {
        Some(Function::Lua(lf)) => {
            *lf.env.borrow_mut() = t;
            Ok(vec![arg(&args, 0)])
        }
        _ => Err(ctx.lib_error("'setfenv' cannot change environment of given object")),
    }
}

/// Compiles `source` into a function whose environment is the globals;
/// a syntax error comes back as its message.
pub fn load_chunk(ctx: &Ctx, source: &[u8], chunkname: &[u8]) -> Result<Value, Value> {
    // What `string.dump` produced comes back as the same function body.
    if let Some((body, src)) = super::string::undump(source) {
        let f = crate::interp::value::LuaFunction {
            body,
            captured: std::cell::RefCell::new(None),
            env: std::cell::RefCell::new(ctx.st.globals.clone()),
            source: src,
        };
        return Ok(Value::Func(FuncRef::lua(f)));
    }
    match crate::interp::load(&ctx.st.globals, source, chunkname) {
        Ok(f) => Ok(Value::Func(f)),
        Err(msg) => Err(string(msg)),
    }
}

fn load_result(r: Result<Value, Value>) -> Vec<Value> {
    match r {
        Ok(f) => vec![f],
        Err(msg) => vec![Value::Nil, msg],
    }
}

fn loadstring(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let s = ctx.check_str(&args, 0)?;
    let name = ctx.opt_str(&args, 1, s.as_bytes())?;
    Ok(load_result(load_chunk(ctx, s.as_bytes(), name.as_bytes())))
}

fn load(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let name = ctx.opt_str(&args, 1, b"=(load)")?;
    let reader = args.first().cloned().unwrap_or_default();
    if !matches!(reader, Value::Func(_)) {
        return Err(ctx.type_arg_error(&args, 0, "function"));
    }
    let mut source = Vec::new();
    loop {
        match first(ctx.no_yield(|| ctx.call_value(&reader, Vec::new()))?) {
            Value::Nil => break,
            Value::Str(s) if s.is_empty() => break,
            Value::Str(s) => source.extend_from_slice(s.as_bytes()),
            _ => return Ok(vec![Value::Nil, string("reader function must return a string")]),
        }
        ctx.check_memory()?;
    }
    Ok(load_result(load_chunk(ctx, &source, name.as_bytes())))
}

/// `luaL_loadfile`: a file's chunk, or the message saying why not.
fn load_file(ctx: &Ctx, args: &[Value]) -> LResult<Result<Value, Value>> {
    match args.first() {
        None | Some(Value::Nil) => {
            let mut src = Vec::new();
            use std::io::Read;
            let _ = std::io::stdin().read_to_end(&mut src);
            Ok(load_chunk(ctx, &src, b"=stdin"))
        }
        _ => {
            let name = ctx.check_str(args, 0)?;
            let path = String::from_utf8_lossy(name.as_bytes()).into_owned();
            match std::fs::read(&path) {
                Ok(src) => {
                    let mut chunkname = b"@".to_vec();
                    chunkname.extend_from_slice(name.as_bytes());
                    Ok(load_chunk(ctx, &src, &chunkname))
                }
                Err(_) => Ok(Err(string(format!("cannot open {path}")))),
            }
        }
    }
}

fn loadfile(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    Ok(load_result(load_file(ctx, &args)?))
}

fn dofile(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    match load_file(ctx, &args)? {
        Ok(f) => {
            let Value::Func(f) = f else { return Ok(Vec::new()) };
            ctx.no_yield(|| ctx.call_function(&f, Vec::new(), FrameName::None))
        }
        Err(msg) => Err(LuaError::new(msg)),
    }
}

fn newproxy(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let meta = match args.first() {
        None | Some(Value::Nil) | Some(Value::Bool(false)) => None,
        Some(Value::Bool(true)) => Some(TableRef::new(Table::new())),
        Some(Value::UserData(u)) => match u.0.meta.borrow().clone() {
            Some(m) => Some(m),
            None => return Err(ctx.arg_error(1, "boolean or proxy expected")),
        },
        Some(_) => return Err(ctx.arg_error(1, "boolean or proxy expected")),
    };
    let ud = UserData {
        meta: std::cell::RefCell::new(meta),
        env: std::cell::RefCell::new(None),
        id: std::cell::Cell::new(0),
    };
    Ok(vec![Value::UserData(UserDataRef(Rc::new(ud)))])
}
