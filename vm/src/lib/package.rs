//! Modules (§5.3) as the reference tier's `lib/package.rs` defines them:
//! `require` walks `package.loaders` (preload, Lua files over
//! `package.path`, and two C searchers that only report the files they
//! would have tried); `package.loadlib` always fails as a 5.1 without
//! dynamic libraries does; `module` is not supported. The table of loaded
//! modules is kept in the registry as `_LOADED`, as 5.1 does.

use crate::func::{Args, BuiltinFn, Closure, Rets};
use crate::interp::{LResult, Vm};
use crate::rets;
use crate::value::{Type, Value};

const LOADED: &[u8] = b"_LOADED";

/// Opened after the other libraries: `package.loaded` lists them.
pub fn open(vm: &mut Vm) -> LResult<()> {
    let pkg = vm.make_lib("package", &[("loadlib", loadlib), ("seeall", seeall)])?;
    let loaded = vm.new_table(0, 10)?;
    let k = vm.intern(LOADED)?;
    vm.raw_set(vm.registry, k, loaded)?;
    for name in ["coroutine", "string", "table", "math", "io", "os", "debug", "package"] {
        let k = vm.intern(name.as_bytes())?;
        let lib = vm.heap.table_get(vm.globals, k);
        vm.raw_set(loaded, k, lib)?;
    }
    let k = vm.intern(b"_G")?;
    vm.raw_set(loaded, k, vm.globals)?;

    let preload = vm.new_table(0, 0)?;
    set_field(vm, pkg, "preload", preload)?;
    let loaders = vm.new_table(4, 0)?;
    set_field(vm, pkg, "loaders", loaders)?;
    let searchers: [(&'static str, BuiltinFn); 4] = [
        ("loader_preload", loader_preload),
        ("loader_Lua", loader_lua),
        ("loader_C", loader_c),
        ("loader_Croot", loader_croot),
    ];
    for (i, (name, f)) in searchers.into_iter().enumerate() {
        let v = vm.builtin(name, f)?;
        vm.raw_set(loaders, Value::from_num((i + 1) as f64), v)?;
    }
    set_field(vm, pkg, "loaded", loaded)?;
    for (k, v) in [
        ("path", "./?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua"),
        ("cpath", "./?.so;/usr/local/lib/lua/5.1/?.so;/usr/local/lib/lua/5.1/loadall.so"),
        ("config", "/\n;\n?\n!\n-"),
    ] {
        let s = vm.intern(v.as_bytes())?;
        set_field(vm, pkg, k, s)?;
    }
    let r = vm.builtin("require", require)?;
    vm.set_global("require", r)?;
    let m = vm.builtin("module", module)?;
    vm.set_global("module", m)
}

fn set_field(vm: &mut Vm, t: Value, k: &str, v: Value) -> LResult<()> {
    let k = vm.intern(k.as_bytes())?;
    vm.raw_set(t, k, v)
}

fn package_field(vm: &mut Vm, field: &str) -> LResult<Value> {
    let k = vm.intern(b"package")?;
    let pkg = vm.heap.table_get(vm.globals, k);
    if pkg.type_tag() != Type::Table {
        return Err(vm.lib_error(b"'package' must be a table"));
    }
    let k = vm.intern(field.as_bytes())?;
    Ok(vm.heap.table_get(pkg, k))
}

fn loadlib(vm: &mut Vm, _args: Args) -> LResult<Rets> {
    let msg = vm.intern(b"dynamic libraries not enabled; check your Lua installation")?;
    let absent = vm.intern(b"absent")?;
    Ok(rets![Value::NIL, msg, absent])
}

fn seeall(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let t = vm.check_table(&args, 0)?;
    let mt = match vm.metatable_of(t) {
        Some(m) => m,
        None => {
            let m = vm.new_table(0, 1)?;
            if let Some((tab, _)) = vm.heap.table_mut(t) {
                tab.set_metatable(Some(m));
            }
            m
        }
    };
    let g = vm.globals;
    let k = vm.names.index;
    vm.raw_set(mt, k, g)?;
    Ok(rets![])
}

fn module(vm: &mut Vm, _args: Args) -> LResult<Rets> {
    Err(vm.lib_error(b"'module' is not supported by perigee"))
}

fn loader_preload(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let name = vm.check_str(&args, 0)?;
    let preload = package_field(vm, "preload")?;
    if preload.type_tag() != Type::Table {
        return Err(vm.lib_error(b"'package.preload' must be a table"));
    }
    let k = vm.intern(&name)?;
    let f = vm.heap.table_get(preload, k);
    if f.is_nil() {
        let n = String::from_utf8_lossy(&name).into_owned();
        return Ok(rets![vm.intern(format!("\n\tno field package.preload['{n}']").as_bytes())?]);
    }
    Ok(rets![f])
}

/// Tries each template of a search path: the first readable file, or the
/// list of tried names as 5.1 words it.
fn search_path(vm: &mut Vm, name: &[u8], field: &str) -> LResult<Result<String, String>> {
    let p = package_field(vm, field)?;
    let path = match vm.heap.str_bytes(p) {
        Some(s) => String::from_utf8_lossy(s).into_owned(),
        None => return Err(vm.lib_error(format!("'package.{field}' must be a string").as_bytes())),
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

fn loader_lua(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let name = vm.check_str(&args, 0)?;
    match search_path(vm, &name, "path")? {
        Err(tried) => Ok(rets![vm.intern(tried.as_bytes())?]),
        Ok(file) => {
            let src = std::fs::read(&file).unwrap_or_default();
            match super::base::load_chunk(vm, &src, format!("@{file}").as_bytes())? {
                Ok(f) => Ok(rets![f]),
                Err(msg) => {
                    let n = String::from_utf8_lossy(&name).into_owned();
                    let m = String::from_utf8_lossy(&vm.tostring_plain(msg)).into_owned();
                    Err(vm.lib_error(format!("error loading module '{n}' from file '{file}':\n\t{m}").as_bytes()))
                }
            }
        }
    }
}

fn c_found(vm: &mut Vm, r: Result<String, String>) -> LResult<Rets> {
    match r {
        Err(tried) => Ok(rets![vm.intern(tried.as_bytes())?]),
        Ok(file) => {
            Err(vm
                .lib_error(format!("error loading module from file '{file}': C modules are not supported").as_bytes()))
        }
    }
}

fn loader_c(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let name = vm.check_str(&args, 0)?;
    let r = search_path(vm, &name, "cpath")?;
    c_found(vm, r)
}

fn loader_croot(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let name = vm.check_str(&args, 0)?;
    let Some(dot) = name.iter().position(|&b| b == b'.') else {
        return Ok(rets![]);
    };
    let r = search_path(vm, &name[..dot], "cpath")?;
    c_found(vm, r)
}

fn require(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let name = vm.check_str(&args, 0)?;
    let key = vm.intern(&name)?;
    let lk = vm.intern(LOADED)?;
    let loaded = vm.heap.table_get(vm.registry, lk);
    let already = vm.heap.table_get(loaded, key);
    if already.is_truthy() {
        return Ok(rets![already]);
    }
    // `key` may be a fresh string (a number argument) and the searchers'
    // results live nowhere else: pinned while Lua runs.
    let mark = vm.pinned.len();
    vm.pinned.push(key);
    let r = require_load(vm, &name, key);
    vm.pinned.truncate(mark);
    let result = r?;
    let lk = vm.intern(LOADED)?;
    let loaded = vm.heap.table_get(vm.registry, lk);
    if loaded.type_tag() != Type::Table {
        return Ok(rets![result]);
    }
    if !result.is_nil() {
        vm.raw_set(loaded, key, result)?;
    }
    let now = vm.heap.table_get(loaded, key);
    if now.is_nil() {
        vm.raw_set(loaded, key, Value::TRUE)?;
        return Ok(rets![Value::TRUE]);
    }
    Ok(rets![now])
}

/// Finds a loader and runs it: its first result (pinned by the caller's
/// mark once pushed here).
fn require_load(vm: &mut Vm, name: &[u8], key: Value) -> LResult<Value> {
    let n = String::from_utf8_lossy(name).into_owned();
    let loaders = package_field(vm, "loaders")?;
    if loaders.type_tag() != Type::Table {
        return Err(vm.lib_error(b"'package.loaders' must be a table"));
    }
    vm.pinned.push(loaders);
    let mut tried = Vec::new();
    let mut i = 1;
    let loader = loop {
        let searcher = vm.heap.table(loaders).map_or(Value::NIL, |t| t.get_int(i));
        if searcher.is_nil() {
            let mut msg = format!("module '{n}' not found:").into_bytes();
            msg.extend_from_slice(&tried);
            return Err(vm.lib_error(&msg));
        }
        let r = vm.call_meta(searcher, &[key])?;
        if vm.heap.get::<Closure>(r).is_some() {
            break r;
        }
        if let Some(s) = vm.heap.str_bytes(r) {
            tried.extend_from_slice(s);
        } else if let Some(x) = r.as_num() {
            tried.extend_from_slice(perigee_reference::spec::number::fmt_number(x).as_bytes());
        }
        i += 1;
    };
    vm.pinned.push(loader);
    let result = vm.call_meta(loader, &[key])?;
    Ok(result)
}
