//! The coroutine library (§5.2) over `interp::coroutine`.

use super::{arg, make_lib, string};
use crate::interp::coroutine::ThreadRef;
use crate::interp::error::{LResult, LuaError};
use crate::interp::value::{FuncRef, Function, TableRef, Value};
use crate::interp::Ctx;

pub fn open() -> TableRef {
    make_lib(&[
        ("create", create),
        ("resume", resume),
        ("running", running),
        ("status", status),
        ("wrap", wrap),
        ("yield", yield_),
    ])
}

fn lua_function(ctx: &Ctx, args: &[Value]) -> LResult<FuncRef> {
    match args.first() {
        Some(Value::Func(f)) if matches!(&*f.0, Function::Lua(_)) => Ok(f.clone()),
        _ => Err(ctx.arg_error(1, "Lua function expected")),
    }
}

fn thread_arg(ctx: &Ctx, args: &[Value]) -> LResult<ThreadRef> {
    match args.first() {
        Some(Value::Thread(t)) => Ok(t.clone()),
        _ => Err(ctx.arg_error(1, "coroutine expected")),
    }
}

fn create(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = lua_function(ctx, &args)?;
    Ok(vec![Value::Thread(ctx.create_thread(f)?)])
}

fn resume(ctx: &Ctx, mut args: Vec<Value>) -> LResult<Vec<Value>> {
    let th = thread_arg(ctx, &args)?;
    let rest = args.split_off(1);
    Ok(match ctx.resume(&th, rest)? {
        Ok(mut values) => {
            values.insert(0, Value::Bool(true));
            values
        }
        Err(e) => vec![Value::Bool(false), e],
    })
}

fn running(ctx: &Ctx, _: Vec<Value>) -> LResult<Vec<Value>> {
    Ok(vec![ctx.thread.clone().map(Value::Thread).unwrap_or_default()])
}

fn status(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let th = thread_arg(ctx, &args)?;
    Ok(vec![string(ctx.thread_status(&th).name())])
}

fn yield_(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    ctx.yield_(args)
}

fn wrap(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = lua_function(ctx, &args)?;
    let th = ctx.create_thread(f)?;
    let wrapped = FuncRef::builtin("wrap", move |ctx: &Ctx, args: Vec<Value>| match ctx.resume(&th, args)? {
        Ok(values) => Ok(values),
        Err(e) => {
            // 5.1 adds the caller's position to a string error.
            let e = match &e {
                Value::Str(_) | Value::Num(_) => {
                    let mut text = ctx.where_(1);
                    text.extend_from_slice(&crate::interp::ops::tostring_plain(&e));
                    string(text)
                }
                _ => e,
            };
            Err(LuaError::new(e))
        }
    });
    let _ = arg(&args, 0);
    Ok(vec![Value::Func(wrapped)])
}
