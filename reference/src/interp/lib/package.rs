//! Modules (§5.3): `require` walks `package.loaders` as 5.1 does — the
//! preload searcher, the Lua-file searcher over `package.path`, and the two
//! C searchers, which here only report the files they would have tried:
//! perigee loads no C modules, so `package.loadlib` always fails the way
//! 5.1 built without dynamic libraries does.

use super::{first, make_lib, string};
use crate::interp::call::FrameName;
use crate::interp::error::{LResult, LuaError};
use crate::interp::ops::tostring_plain;
use crate::interp::table::Table;
use crate::interp::value::{FuncRef, TableRef, Value};
use crate::interp::{Ctx, State};

pub fn open(st: &State) -> TableRef {
    let pkg = make_lib(&[("loadlib", loadlib), ("seeall", seeall)]);
    let preload = TableRef::new(Table::new());
    let loaders = TableRef::new(Table::new());
    {
        let mut l = loaders.0.borrow_mut();
        let searchers: [(&'static str, super::LibFn); 4] = [
            ("loader_preload", loader_preload),
            ("loader_Lua", loader_lua),
            ("loader_C", loader_c),
            ("loader_Croot", loader_croot),
        ];
        for (i, (name, f)) in searchers.into_iter().enumerate() {
            l.set(Value::Num((i + 1) as f64), Value::Func(FuncRef::builtin(name, f)));
        }
    }
    {
        let mut p = pkg.0.borrow_mut();
        p.set(string("loaded"), Value::Table(st.loaded.clone()));
        p.set(string("preload"), Value::Table(preload));
        p.set(string("loaders"), Value::Table(loaders));
        p.set(string("path"), string("./?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua"));
        p.set(string("cpath"), string("./?.so;/usr/local/lib/lua/5.1/?.so;/usr/local/lib/lua/5.1/loadall.so"));
        p.set(string("config"), string("/\n;\n?\n!\n-"));
    }
    st.globals.0.borrow_mut().set(string("require"), Value::Func(FuncRef::builtin("require", require)));
    st.globals.0.borrow_mut().set(string("module"), Value::Func(FuncRef::builtin("module", module)));
    pkg
}

fn package_table(ctx: &Ctx) -> LResult<TableRef> {
    match ctx.st.globals.get_str(b"package") {
        Value::Table(p) => Ok(p),
        _ => Err(ctx.lib_error("'package' must be a table")),
    }
}

fn loadlib(_: &Ctx, _: Vec<Value>) -> LResult<Vec<Value>> {
    Ok(vec![Value::Nil, string("dynamic libraries not enabled; check your Lua installation"), string("absent")])
}

fn seeall(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.check_table(&args, 0)?;
    let mt = match t.metatable() {
        Some(m) => m,
        None => {
            let m = ctx.new_table(0, 1)?;
            t.0.borrow_mut().meta = Some(m.clone());
            m
        }
    };
    mt.0.borrow_mut().set(string("__index"), Value::Table(ctx.st.globals.clone()));
    Ok(Vec::new())
}

fn module(ctx: &Ctx, _: Vec<Value>) -> LResult<Vec<Value>> {
    Err(ctx.lib_error("'module' is not supported by perigee"))
}

fn loader_preload(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let name = ctx.check_str(&args, 0)?;
    let preload = match package_table(ctx)?.get_str(b"preload") {
        Value::Table(p) => p,
        _ => return Err(ctx.lib_error("'package.preload' must be a table")),
    };
    let f = preload.get(&Value::Str(name.clone()));
    if f.is_nil() {
        let n = String::from_utf8_lossy(name.as_bytes()).into_owned();
        return Ok(vec![string(format!("\n\tno field package.preload['{n}']"))]);
    }
    Ok(vec![f])
}

/// Tries each template of a search path; the first readable file, or the
/// list of tried names as 5.1 words it.
fn search_path(ctx: &Ctx, name: &[u8], field: &[u8]) -> LResult<Result<String, String>> {
    let path = match package_table(ctx)?.get_str(field) {
        Value::Str(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
        _ => {
            let f = String::from_utf8_lossy(field).into_owned();
            return Err(ctx.lib_error(format!("'package.{f}' must be a string")));
        }
    };
    let fname = String::from_utf8_lossy(name).replace('.', "/");
    let mut tried = String::new();
    for template in path.split(';').filter(|t| !t.is_empty()) {
        let candidate = template.replace('?', &fname);
        if std::fs::File::open(&candidate).is_ok() {
            return Ok(Ok(candidate));
        }
        tried.push_str(&format!("\n\tno file '{candidate}'"));
    }
    Ok(Err(tried))
}

fn loader_lua(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let name = ctx.check_str(&args, 0)?;
    match search_path(ctx, name.as_bytes(), b"path")? {
        Err(tried) => Ok(vec![string(tried)]),
        Ok(file) => {
            let src = std::fs::read(&file).unwrap_or_default();
            match super::base::load_chunk(ctx, &src, format!("@{file}").as_bytes()) {
                Ok(f) => Ok(vec![f]),
                Err(msg) => {
                    let n = String::from_utf8_lossy(name.as_bytes()).into_owned();
                    let m = String::from_utf8_lossy(&tostring_plain(&msg)).into_owned();
                    Err(ctx.lib_error(format!("error loading module '{n}' from file '{file}':\n\t{m}")))
                }
            }
        }
    }
}

fn loader_c(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let name = ctx.check_str(&args, 0)?;
    match search_path(ctx, name.as_bytes(), b"cpath")? {
        Err(tried) => Ok(vec![string(tried)]),
        Ok(file) => Err(ctx.lib_error(format!("error loading module from file '{file}': C modules are not supported"))),
    }
}

fn loader_croot(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let name = ctx.check_str(&args, 0)?;
    let Some(dot) = name.as_bytes().iter().position(|&b| b == b'.') else {
        return Ok(Vec::new());
    };
    match search_path(ctx, &name.as_bytes()[..dot], b"cpath")? {
        Err(tried) => Ok(vec![string(tried)]),
        Ok(file) => Err(ctx.lib_error(format!("error loading module from file '{file}': C modules are not supported"))),
    }
}

fn require(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let name = ctx.check_str(&args, 0)?;
    let key = Value::Str(name.clone());
    let loaded = ctx.st.loaded.get(&key);
    if loaded.truthy() {
        return Ok(vec![loaded]);
    }
    let n = String::from_utf8_lossy(name.as_bytes()).into_owned();
    let loaders = match package_table(ctx)?.get_str(b"loaders") {
        Value::Table(l) => l,
        _ => return Err(ctx.lib_error("'package.loaders' must be a table")),
    };
    let mut tried = Vec::new();
    let mut i = 1;
    let loader = loop {
        let searcher = loaders.0.borrow().get_int(i);
        if searcher.is_nil() {
            let mut msg = format!("module '{n}' not found:").into_bytes();
            msg.extend_from_slice(&tried);
            return Err(ctx.lib_error(msg));
        }
        match first(ctx.no_yield(|| ctx.call_value(&searcher, vec![key.clone()]))?) {
            f @ Value::Func(_) => break f,
            Value::Str(s) => tried.extend_from_slice(s.as_bytes()),
            _ => {}
        }
        i += 1;
    };
    let Value::Func(f) = loader else {
        return Err(LuaError::new(string("loader is not a function")));
    };
    let result = first(ctx.no_yield(|| ctx.call_function(&f, vec![key.clone()], FrameName::None))?);
    if !result.is_nil() {
        ctx.st.loaded.0.borrow_mut().set(key.clone(), result);
    }
    let now = ctx.st.loaded.get(&key);
    if now.is_nil() {
        ctx.st.loaded.0.borrow_mut().set(key.clone(), Value::Bool(true));
        return Ok(vec![Value::Bool(true)]);
    }
    Ok(vec![now])
}
