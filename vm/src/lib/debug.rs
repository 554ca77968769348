//! The debug library (§5.9) with the reference tier's scope (its
//! `lib/debug.rs`): `traceback`, `getinfo` with the common fields,
//! `getlocal` (always nil), metatable and environment access;
//! `debug`, `gethook`, `sethook`, `getupvalue`, `setupvalue` and
//! `setlocal` are no-ops. Function names are not tracked in tracebacks:
//! frames print as `in function <src:line>`.

use super::arg;
use super::userdata::Userdata;
use crate::frame::Frame;
use crate::func::{Args, Closure, Rets};
use crate::interp::{LResult, Vm};
use crate::rets;
use crate::value::{Type, Value};

pub fn open(vm: &mut Vm) -> LResult<()> {
    vm.make_lib(
        "debug",
        &[
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
        ],
    )?;
    Ok(())
}

fn num(n: f64) -> Value {
    Value::from_num(n)
}

fn noop(_vm: &mut Vm, _args: Args) -> LResult<Rets> {
    Ok(rets![])
}

/// `(chunkid, current line, line defined)` of a Lua frame.
fn frame_info(vm: &Vm, fr: &Frame) -> Option<(Vec<u8>, u32, u32)> {
    let p = vm.frame_proto(fr)?;
    let i = (fr.pc as usize).saturating_sub(1);
    let line = p.proto.lines.get(i).copied().unwrap_or(p.proto.linedefined);
    Some((p.chunkid.clone(), line, p.proto.linedefined))
}

/// The traceback `debug.traceback` prints, starting `level` frames below
/// the running one.
fn traceback_text(vm: &Vm, level: usize) -> Vec<u8> {
    let mut out = b"stack traceback:".to_vec();
    let n = vm.frames.len();
    let shown: Vec<usize> = (0..n.saturating_sub(level)).rev().collect();
    let total = shown.len();
    let main_thread = vm.resumers.is_empty();
    for (k, &i) in shown.iter().enumerate() {
        if total > 22 && k == 12 {
            out.extend_from_slice(b"\n\t...");
        }
        if total > 22 && k >= 12 && k < total - 10 {
            continue;
        }
        let fr = &vm.frames[i];
        if fr.tail {
            out.extend_from_slice(b"\n\t(tail call): ?");
        }
        out.extend_from_slice(b"\n\t");
        match frame_info(vm, fr) {
            Some((id, line, defined)) => {
                out.extend_from_slice(&id);
                out.extend_from_slice(format!(":{line}:").as_bytes());
                if i == 0 && main_thread {
                    out.extend_from_slice(b" in main chunk");
                } else {
                    out.extend_from_slice(b" in function <");
                    out.extend_from_slice(&id);
                    out.extend_from_slice(format!(":{defined}>").as_bytes());
                }
            }
            None => out.extend_from_slice(b"[C]: ?"),
        }
    }
    out
}

fn traceback(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let msg = arg(&args, 0);
    if !(msg.is_nil() || msg.is_string() || msg.is_num()) {
        return Ok(rets![msg]);
    }
    let level = vm.opt_int(&args, 1, 1)?.max(0) as usize;
    let mut out = Vec::new();
    if !msg.is_nil() {
        out.extend_from_slice(&vm.tostring_plain(msg));
        out.push(b'\n');
    }
    out.extend_from_slice(&traceback_text(vm, level));
    vm.check_length(out.len() as u64)?;
    Ok(rets![vm.intern(&out)?])
}

fn getinfo(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let a = arg(&args, 0);
    let (func, line) = if vm.heap.get::<Closure>(a).is_some() {
        (a, None)
    } else {
        let level = vm.check_int(&args, 0)?;
        let Some(i) = (if level < 0 { None } else { vm.level(level as usize) }) else {
            return Ok(rets![Value::NIL]);
        };
        let fr = &vm.frames[i];
        let line = frame_info(vm, fr).map(|(_, l, _)| l);
        (vm.stack.get(fr.func).copied().unwrap_or(Value::NIL), line)
    };
    let lua = match vm.heap.get::<Closure>(func) {
        Some(Closure::Lua { proto, .. }) => vm.heap.get::<crate::func::LoadedProto>(proto.value()).map(|p| {
            (
                p.proto.source.clone(),
                p.chunkid.clone(),
                p.proto.linedefined,
                p.proto.lastlinedefined,
                p.proto.upvalues.len(),
            )
        }),
        _ => None,
    };
    let t = vm.new_table(0, 10)?;
    let mut fields: Vec<(&str, Value)> = Vec::new();
    match lua {
        Some((source, short, defined, last, nups)) => {
            let main = defined == 0;
            fields.push(("source", vm.intern(&source)?));
            fields.push(("short_src", vm.intern(&short)?));
            fields.push(("what", vm.intern(if main { b"main" } else { b"Lua" })?));
            fields.push(("linedefined", num(defined as f64)));
            fields.push(("lastlinedefined", num(if main { -1.0 } else { last as f64 })));
            fields.push(("nups", num(nups as f64)));
        }
        None => {
            fields.push(("source", vm.intern(b"=[C]")?));
            fields.push(("short_src", vm.intern(b"[C]")?));
            fields.push(("what", vm.intern(b"C")?));
            fields.push(("linedefined", num(-1.0)));
            fields.push(("lastlinedefined", num(-1.0)));
            fields.push(("nups", num(0.0)));
        }
    }
    fields.push(("currentline", num(line.map_or(-1.0, |l| l as f64))));
    fields.push(("namewhat", vm.intern(b"")?));
    fields.push(("func", func));
    // Allocation never collects: the interned values stay valid.
    for (k, v) in fields {
        let key = vm.intern(k.as_bytes())?;
        vm.raw_set(t, key, v)?;
    }
    Ok(rets![t])
}

fn getlocal(vm: &mut Vm, args: Args) -> LResult<Rets> {
    vm.check_int(&args, 0)?;
    vm.check_int(&args, 1)?;
    Ok(rets![Value::NIL])
}

fn getmetatable(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let v = vm.check_any(&args, 0)?;
    Ok(rets![vm.metatable_of(v).unwrap_or(Value::NIL)])
}

fn setmetatable(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let v = arg(&args, 0);
    let mt = arg(&args, 1);
    if !(mt.is_nil() || mt.type_tag() == Type::Table) {
        return Err(vm.type_arg_error(&args, 1, "nil or table"));
    }
    let meta = if mt.is_nil() { None } else { Some(mt) };
    match v.type_tag() {
        Type::Table => {
            if let Some((tab, _)) = vm.heap.table_mut(v) {
                tab.set_metatable(meta);
            }
        }
        Type::Userdata => {
            if let Some(u) = vm.heap.get_mut::<Userdata>(v) {
                u.meta = mt;
            }
        }
        Type::String => vm.string_meta = mt,
        // Other types' shared metatables are not kept by this tier.
        _ => {}
    }
    Ok(rets![Value::TRUE])
}

fn getregistry(vm: &mut Vm, _args: Args) -> LResult<Rets> {
    Ok(rets![vm.registry])
}

fn getfenv(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let a = arg(&args, 0);
    Ok(rets![match vm.heap.get::<Closure>(a) {
        Some(Closure::Lua { env, .. }) => *env,
        Some(Closure::Builtin { .. }) => vm.globals,
        None => match vm.heap.get::<Userdata>(a) {
            Some(u) => u.env,
            None => Value::NIL,
        },
    }])
}

fn setfenv(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let t = vm.check_table(&args, 1)?;
    let a = arg(&args, 0);
    if let Some(Closure::Lua { env, .. }) = vm.heap.get_mut::<Closure>(a) {
        *env = t;
        return Ok(rets![a]);
    }
    if vm.heap.get::<Closure>(a).is_some() {
        // Builtins have no environment of their own in this tier.
        return Ok(rets![a]);
    }
    if let Some(u) = vm.heap.get_mut::<Userdata>(a) {
        u.env = t;
        return Ok(rets![a]);
    }
    Err(vm.lib_error(b"'setfenv' cannot change environment of given object"))
}
