//! Modules (§5.3): `require` of Lua files found through `package.path`,
//! with `package.loaded` and `package.preload`. C modules do not exist
//! here, so `package.cpath` is kept only as the string programs expect.

use super::{first, make_lib, string};
use crate::interp::call::FrameName;
use crate::interp::error::{LResult, LuaError};
use crate::interp::value::{FuncRef, TableRef, Value};
use crate::interp::{Ctx, State};

pub fn open(st: &State) -> TableRef {
    let pkg = make_lib(&[("seeall", seeall)]);
    let preload = TableRef::new(crate::interp::table::Table::new());
    {
        let mut p = pkg.0.borrow_mut();
        p.set(string("loaded"), Value::Table(st.loaded.clone()));
        p.set(string("preload"), Value::Table(preload));
        p.set(string("path"), string("./?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua"));
        p.set(string("cpath"), string("./?.so;/usr/local/lib/lua/5.1/?.so"));
        p.set(string("config"), string("/\n;\n?\n!\n-"));
        p.set(string("loaders"), Value::Table(TableRef::new(crate::interp::table::Table::new())));
    }
    st.globals.0.borrow_mut().set(string("require"), Value::Func(FuncRef::builtin("require", require)));
    st.globals.0.borrow_mut().set(string("module"), Value::Func(FuncRef::builtin("module", module)));
    pkg
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

fn require(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let name = ctx.check_str(&args, 0)?;
    let key = Value::Str(name.clone());
    let loaded = ctx.st.loaded.get(&key);
    if loaded.truthy() {
        return Ok(vec![loaded]);
    }
    let pkg = match ctx.st.globals.get_str(b"package") {
        Value::Table(p) => p,
        _ => return Err(ctx.lib_error("'package' must be a table")),
    };
    let name_s = String::from_utf8_lossy(name.as_bytes()).into_owned();
    let mut tried = String::new();
    let mut loader = Value::Nil;
    if let Value::Table(pre) = pkg.get_str(b"preload") {
        loader = pre.get(&key);
    }
    if loader.is_nil() {
        tried.push_str(&format!("\n\tno field package.preload['{name_s}']"));
        let path = match pkg.get_str(b"path") {
            Value::Str(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
            _ => return Err(ctx.lib_error("'package.path' must be a string")),
        };
        let fname = name_s.replace('.', "/");
        for template in path.split(';') {
            let candidate = template.replace('?', &fname);
            match std::fs::read(&candidate) {
                Ok(src) => {
                    let chunkname = format!("@{candidate}");
                    match super::base::load_chunk(ctx, &src, chunkname.as_bytes()) {
                        Ok(f) => {
                            loader = f;
                            break;
                        }
                        Err(msg) => {
                            let m = String::from_utf8_lossy(&crate::interp::ops::tostring_plain(&msg)).into_owned();
                            return Err(ctx.lib_error(format!("error loading module '{name_s}' from file '{candidate}':\n\t{m}")));
                        }
                    }
                }
                Err(_) => tried.push_str(&format!("\n\tno file '{candidate}'")),
            }
        }
    }
    if loader.is_nil() {
        return Err(ctx.lib_error(format!("module '{name_s}' not found:{tried}")));
    }
    let Value::Func(f) = loader else {
        return Err(LuaError::new(string("loader is not a function")));
    };
    let result = first(ctx.call_function(&f, vec![key.clone()], FrameName::None)?);
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
