//! The basic functions (§5.1) written so far, with lbaselib.c's checks and
//! messages (as the reference tier's `lib/base.rs` re-derives them).

use super::arg;
use crate::func::BuiltinFn;
use crate::interp::{LResult, LuaError, Vm};
use crate::value::{Type, Value};
use perigee_reference::spec::number::str_to_number_base;

pub fn open(vm: &mut Vm) -> LResult<()> {
    let entries: &[(&'static str, BuiltinFn)] = &[
        ("assert", assert),
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
        vm.set_global(name, v)?;
    }
    let g = vm.globals;
    vm.set_global("_G", g)?;
    let version = vm.intern(b"Lua 5.1")?;
    vm.set_global("_VERSION", version)?;
    // The iterators `ipairs` and `pairs` hand out (5.1 returns its own
    // `next`, not the global one), kept in the registry.
    let step = vm.builtin("ipairs_step", ipairs_step)?;
    let key = vm.intern(b"ipairs_step")?;
    vm.raw_set(vm.registry, key, step)?;
    let nx = vm.builtin("next", next)?;
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

fn assert(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = vm.check_any(&args, 0)?;
    if v.is_truthy() {
        return Ok(args);
    }
    let msg = vm.opt_str(&args, 1, b"assertion failed!")?;
    Err(vm.lib_error(&msg))
}

fn error(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let level = vm.opt_int(&args, 1, 1)?;
    let v = arg(&args, 0);
    if (v.is_num() || v.is_string()) && level > 0 {
        let mut text = vm.where_(level as usize);
        text.extend_from_slice(&vm.tostring_plain(v));
        return Err(vm.error_value(&text));
    }
    Err(LuaError::Error(v))
}

fn print(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
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
    Ok(Vec::new())
}

fn tostring(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = vm.check_any(&args, 0)?;
    Ok(vec![vm.tostring(v)?])
}

fn tonumber(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let base = vm.opt_int(&args, 1, 10)?;
    if base == 10 {
        let v = vm.check_any(&args, 0)?;
        return Ok(vec![vm.to_number(v).map_or(Value::NIL, num)]);
    }
    let s = vm.check_str(&args, 0)?;
    if !(2..=36).contains(&base) {
        return Err(vm.arg_error(2, "base out of range"));
    }
    Ok(vec![str_to_number_base(&s, base as u32).map_or(Value::NIL, num)])
}

fn type_(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = vm.check_any(&args, 0)?;
    Ok(vec![vm.intern(v.type_tag().name().as_bytes())?])
}

fn ipairs_step(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = vm.check_table(&args, 0)?;
    let i = vm.check_int(&args, 1)? + 1;
    let v = vm.heap.table(t).map_or(Value::NIL, |t| t.get_int(i));
    if v.is_nil() {
        return Ok(Vec::new());
    }
    Ok(vec![num(i as f64), v])
}

fn ipairs(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = vm.check_table(&args, 0)?;
    Ok(vec![registry_fn(vm, b"ipairs_step")?, t, num(0.0)])
}

fn next(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = vm.check_table(&args, 0)?;
    let k = arg(&args, 1);
    match vm.heap.table(t).map(|tab| tab.next(k)) {
        Some(Ok(Some((k, v)))) => Ok(vec![k, v]),
        Some(Ok(None)) | None => Ok(vec![Value::NIL]),
        Some(Err(_)) => Err(vm.error_here(b"invalid key to 'next'")),
    }
}

fn pairs(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = vm.check_table(&args, 0)?;
    Ok(vec![registry_fn(vm, b"next")?, t, Value::NIL])
}

fn select(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let n = args.len() as i64;
    if let Some(s) = args.first().and_then(|v| vm.heap.str_bytes(*v)) {
        if s.first() == Some(&b'#') {
            return Ok(vec![num((n - 1) as f64)]);
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
    Ok(args[i as usize..].to_vec())
}

/// 5.1 fails `unpack` when the results would not fit its C stack.
const MAX_UNPACK: i64 = 8000;

fn unpack(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = vm.check_table(&args, 0)?;
    let i = vm.opt_int(&args, 1, 1)?;
    let e = match args.get(2) {
        Some(v) if !v.is_nil() => vm.check_int(&args, 2)?,
        _ => vm.heap.table(t).map_or(0, |t| t.border() as i64),
    };
    if i > e {
        return Ok(Vec::new());
    }
    let n = e - i + 1;
    if n <= 0 || n + args.len() as i64 >= MAX_UNPACK {
        return Err(vm.lib_error(b"too many results to unpack"));
    }
    let tab = vm.heap.table(t);
    Ok((i..=e).map(|k| tab.map_or(Value::NIL, |t| t.get_int(k))).collect())
}

fn rawequal(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let a = vm.check_any(&args, 0)?;
    let b = vm.check_any(&args, 1)?;
    Ok(vec![Value::from_bool(a.raw_eq(b))])
}

fn rawget(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = vm.check_table(&args, 0)?;
    let k = vm.check_any(&args, 1)?;
    Ok(vec![vm.heap.table_get(t, k)])
}

fn rawset(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = vm.check_table(&args, 0)?;
    let k = vm.check_any(&args, 1)?;
    let v = vm.check_any(&args, 2)?;
    vm.raw_set(t, k, v)?;
    Ok(vec![t])
}

fn getmetatable(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = vm.check_any(&args, 0)?;
    match vm.metatable_of(v) {
        None => Ok(vec![Value::NIL]),
        Some(mt) => {
            let protected = vm.heap.table_get(mt, vm.names.metatable);
            Ok(vec![if protected.is_nil() { mt } else { protected }])
        }
    }
}

fn setmetatable(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
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
    Ok(vec![t])
}

fn pcall(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let f = vm.check_any(&args, 0)?;
    Ok(match vm.pcall(f, &args[1..])? {
        Ok(mut values) => {
            values.insert(0, Value::TRUE);
            values
        }
        Err(e) => vec![Value::FALSE, e],
    })
}
