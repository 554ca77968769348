//! The debug library (§5.9): the parts a test program uses — `traceback`,
//! `getinfo` with the common fields, `getlocal` (parameters are not
//! tracked per slot by the tree walker, so it returns nil), metatable and
//! environment access; `sethook`/`gethook` are documented no-ops.

use super::{arg, make_lib, num, string};
use crate::interp::error::LResult;
use crate::interp::value::{Function, TableRef, Value};
use crate::interp::Ctx;

pub fn open() -> TableRef {
    make_lib(&[
        ("debug", noop),
        ("getfenv", getfenv),
        ("gethook", noop),
        ("getinfo", getinfo),
        ("getlocal", getlocal),
        ("getmetatable", getmetatable),
        ("getregistry", getregistry),
        ("getupvalue", noop),
        ("setfenv", setfenv),
        ("sethook", noop),
        ("setlocal", noop),
        ("setmetatable", setmetatable),
        ("setupvalue", noop),
        ("traceback", traceback),
    ])
}

fn noop(_: &Ctx, _: Vec<Value>) -> LResult<Vec<Value>> {
    Ok(Vec::new())
}

fn traceback(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let msg = arg(&args, 0);
    if !matches!(msg, Value::Nil | Value::Str(_) | Value::Num(_)) {
        return Ok(vec![msg]);
    }
    let level = ctx.opt_int(&args, 1, 1)?.max(0) as usize;
    let mut out = Vec::new();
    if !msg.is_nil() {
        out.extend_from_slice(&crate::interp::ops::tostring_plain(&msg));
        out.push(b'\n');
    }
    out.extend_from_slice(ctx.traceback(level).as_bytes());
    Ok(vec![string(out)])
}

fn getinfo(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.new_table(0, 8)?;
    let set = |k: &str, v: Value| t.0.borrow_mut().set(string(k), v);
    let (func, line, name) = match args.first() {
        Some(Value::Func(f)) => (f.clone(), -1i64, None),
        _ => {
            let level = ctx.check_int(&args, 0)?;
            let frames = ctx.frames.borrow();
            let idx = frames.len() as i64 - 1 - level;
            if level < 0 || idx < 0 {
                return Ok(vec![Value::Nil]);
            }
            let f = &frames[idx as usize];
            let line = if f.source.is_some() { f.line as i64 } else { -1 };
            (f.func.clone(), line, f.name.parts())
        }
    };
    match &*func.0 {
        Function::Lua(lf) => {
            let main = lf.body.line == 0;
            set("source", string(lf.source.chunkname.clone()));
            set("short_src", string(lf.source.short.clone()));
            set("what", string(if main { "main" } else { "Lua" }));
            set("linedefined", num(lf.body.line as f64));
            set("lastlinedefined", num(if main { -1.0 } else { lf.body.end_line as f64 }));
            set("nups", num(0.0));
        }
        Function::Builtin(_) => {
            set("source", string("=[C]"));
            set("short_src", string("[C]"));
            set("what", string("C"));
            set("linedefined", num(-1.0));
            set("lastlinedefined", num(-1.0));
            set("nups", num(0.0));
        }
    }
    set("currentline", num(line as f64));
    match name {
        Some((what, n)) => {
            set("name", string(n));
            set("namewhat", string(what));
        }
        None => set("namewhat", string("")),
    }
    set("func", Value::Func(func));
    Ok(vec![Value::Table(t)])
}

fn getlocal(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    ctx.check_int(&args, 0)?;
    ctx.check_int(&args, 1)?;
    Ok(vec![Value::Nil])
}

fn getmetatable(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = ctx.check_any(&args, 0)?;
    Ok(vec![ctx.metatable_of(&v).map(Value::Table).unwrap_or_default()])
}

fn setmetatable(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = arg(&args, 0);
    let mt = match args.get(1) {
        Some(Value::Nil) | None => None,
        Some(Value::Table(m)) => Some(m.clone()),
        _ => return Err(ctx.type_arg_error(&args, 1, "nil or table")),
    };
    match &v {
        Value::Table(t) => t.0.borrow_mut().meta = mt,
        Value::UserData(u) => *u.0.meta.borrow_mut() = mt,
        other => ctx.st.type_meta.borrow_mut()[crate::interp::type_index(other)] = mt,
    }
    Ok(vec![Value::Bool(true)])
}

fn getregistry(ctx: &Ctx, _: Vec<Value>) -> LResult<Vec<Value>> {
    Ok(vec![Value::Table(ctx.st.loaded.clone())])
}

fn getfenv(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    Ok(vec![match args.first() {
        Some(Value::Func(f)) => match &*f.0 {
            Function::Lua(lf) => Value::Table(lf.env.borrow().clone()),
            Function::Builtin(_) => Value::Table(ctx.st.globals.clone()),
        },
        Some(Value::UserData(u)) => u.0.env.borrow().clone().map(Value::Table).unwrap_or_default(),
        _ => Value::Nil,
    }])
}

fn setfenv(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.check_table(&args, 1)?;
    match args.first() {
        Some(Value::Func(f)) => match &*f.0 {
            Function::Lua(lf) => *lf.env.borrow_mut() = t,
            Function::Builtin(b) => *b.env.borrow_mut() = Some(t),
        },
        Some(Value::UserData(u)) => *u.0.env.borrow_mut() = Some(t),
        _ => return Err(ctx.lib_error("'setfenv' cannot change environment of given object")),
    }
    Ok(vec![arg(&args, 0)])
}
