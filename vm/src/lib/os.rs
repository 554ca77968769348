//! The `os` library (§5.8) as the reference tier's `lib/os.rs` defines
//! it: its calendar code (`gmtime`, `mktime`, `strftime_one`: UTC as the
//! local zone) does the time arithmetic; `os.exit` ends the process only
//! when output goes straight to stdout (captured, it raises "os.exit
//! called"); `os.execute` runs no shell; `os.setlocale` knows only "C";
//! `remove`, `rename` and `tmpname` are real.

use super::arg;
use super::io::{check_option, fail_result};
use crate::func::{Args, Rets};
use crate::interp::{LResult, LuaError, Output, Vm};
use crate::rets;
use crate::value::{Type, Value};
use perigee_reference::interp::lib::io::{c_path, create_temp};
use perigee_reference::interp::lib::os::{gmtime, mktime, now, strftime};
use perigee_reference::spec::format::double_to_long;

const STARTED: &[u8] = b"perigee.os.started";

pub fn open(vm: &mut Vm) -> LResult<()> {
    vm.make_lib(
        "os",
        &[
            ("clock", os_clock),
            ("date", os_date),
            ("difftime", os_difftime),
            ("execute", os_execute),
            ("exit", os_exit),
            ("getenv", os_getenv),
            ("remove", os_remove),
            ("rename", os_rename),
            ("setlocale", os_setlocale),
            ("time", os_time),
            ("tmpname", os_tmpname),
        ],
    )?;
    let k = vm.intern(STARTED)?;
    vm.raw_set(vm.registry, k, num(seconds_now()))
}

fn num(n: f64) -> Value {
    Value::from_num(n)
}

fn seconds_now() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64())
}

/// 5.1's `getfield` for `os.time`: `t[key]` (metamethods apply) as C
/// `int`, the default when it is not a number, or the error.
fn date_field(vm: &mut Vm, t: Value, key: &str, default: Option<i32>) -> LResult<i32> {
    let k = vm.intern(key.as_bytes())?;
    let v = vm.index(t, k, None)?;
    match vm.to_number(v) {
        Some(n) => Ok(double_to_long(n) as i32),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.lib_error(format!("field '{key}' missing in date table").as_bytes())),
        },
    }
}

fn os_time(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let a = arg(&args, 0);
    let t = if a.is_nil() {
        Some(now())
    } else if a.type_tag() == Type::Table {
        let sec = date_field(vm, a, "sec", Some(0))?;
        let min = date_field(vm, a, "min", Some(0))?;
        let hour = date_field(vm, a, "hour", Some(12))?;
        let day = date_field(vm, a, "day", None)?;
        let month = date_field(vm, a, "month", None)?.wrapping_sub(1);
        let year = date_field(vm, a, "year", None)?.wrapping_sub(1900);
        let k = vm.intern(b"isdst")?;
        let isdst = vm.index(a, k, None)?.is_truthy();
        mktime(year, month, day, hour, min, sec, isdst)
    } else {
        return Err(vm.type_arg_error(&args, 0, "table"));
    };
    Ok(rets![t.map_or(Value::NIL, |t| num(t as f64))])
}

fn os_date(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let fmt = vm.opt_str(&args, 0, b"%c")?;
    let t = if arg(&args, 1).is_nil() { now() } else { double_to_long(vm.check_num(&args, 1)?) };
    // The format is a C string.
    let mut s = &fmt[..];
    if let Some(i) = s.iter().position(|&b| b == 0) {
        s = &s[..i];
    }
    let utc = s.first() == Some(&b'!');
    if utc {
        s = &s[1..];
    }
    let Some(tm) = gmtime(t) else {
        return Ok(rets![Value::NIL]);
    };
    if s == b"*t" {
        let table = vm.new_table(0, 9)?;
        for (k, v) in [
            ("sec", tm.sec),
            ("min", tm.min),
            ("hour", tm.hour),
            ("day", tm.day),
            ("month", tm.month),
            ("year", tm.year),
            ("wday", tm.wday + 1),
            ("yday", tm.yday + 1),
        ] {
            let key = vm.intern(k.as_bytes())?;
            vm.raw_set(table, key, num(v as f64))?;
        }
        let key = vm.intern(b"isdst")?;
        vm.raw_set(table, key, Value::FALSE)?;
        return Ok(rets![table]);
    }
    let out = strftime(s, &tm, utc);
    vm.check_length(out.len() as u64)?;
    Ok(rets![vm.intern(&out)?])
}

fn os_difftime(vm: &mut Vm, args: Args) -> LResult<Rets> {
    // gcc evaluates the C call's arguments right to left.
    let t0 = double_to_long(vm.opt_num(&args, 1, 0.0)?);
    let t1 = double_to_long(vm.check_num(&args, 0)?);
    Ok(rets![num(t1 as f64 - t0 as f64)])
}

fn os_clock(vm: &mut Vm, _args: Args) -> LResult<Rets> {
    let k = vm.intern(STARTED)?;
    let started = vm.heap.table_get(vm.registry, k).as_num().unwrap_or(0.0);
    Ok(rets![num((seconds_now() - started).max(0.0))])
}

fn os_getenv(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let name = vm.check_str(&args, 0)?;
    let key = c_path(&name);
    if key.as_os_str().is_empty() {
        return Ok(rets![Value::NIL]);
    }
    Ok(rets![match std::env::var_os(key.as_os_str()) {
        Some(v) => vm.intern(v.as_encoded_bytes())?,
        None => Value::NIL,
    }])
}

fn os_exit(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let code = vm.opt_int(&args, 0, 0)? as i32;
    if let Output::Stdout = vm.out {
        use std::io::Write;
        let _ = std::io::stdout().flush();
        std::process::exit(code);
    }
    Err(LuaError::Error(vm.intern(b"os.exit called")?))
}

fn os_execute(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let with_cmd = !arg(&args, 0).is_nil();
    if with_cmd {
        vm.check_str(&args, 0)?;
    }
    Ok(rets![num(if with_cmd { -1.0 } else { 0.0 })])
}

fn os_remove(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let name = vm.check_str(&args, 0)?;
    let path = c_path(&name);
    // C's remove(): unlink, or rmdir for a directory.
    let r = match std::fs::remove_file(&path) {
        Err(e) if e.raw_os_error() == Some(21) => std::fs::remove_dir(&path),
        other => other,
    };
    match r {
        Ok(()) => Ok(rets![Value::TRUE]),
        Err(e) => fail_result(vm, Some(&name), &e),
    }
}

fn os_rename(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let from = vm.check_str(&args, 0)?;
    let to = vm.check_str(&args, 1)?;
    match std::fs::rename(c_path(&from), c_path(&to)) {
        Ok(()) => Ok(rets![Value::TRUE]),
        Err(e) => fail_result(vm, Some(&from), &e),
    }
}

fn os_tmpname(vm: &mut Vm, _args: Args) -> LResult<Rets> {
    match create_temp("/tmp/lua_") {
        Some((name, _file)) => Ok(rets![vm.intern(name.as_bytes())?]),
        None => Err(vm.lib_error(b"unable to generate a unique filename")),
    }
}

fn os_setlocale(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let locale = if arg(&args, 0).is_nil() { None } else { Some(vm.check_str(&args, 0)?) };
    check_option(vm, &args, 1, Some(b"all"), &["all", "collate", "ctype", "monetary", "numeric", "time"])?;
    let known = match &locale {
        None => true,
        Some(l) => matches!(&l[..], b"" | b"C" | b"POSIX"),
    };
    Ok(rets![if known { vm.intern(b"C")? } else { Value::NIL }])
}
