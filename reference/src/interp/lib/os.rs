//! The `os` library of Lua 5.1 (§5.8).
//!
//! Time: `os.time`, `os.date` and `os.difftime` do the calendar arithmetic
//! themselves (proleptic Gregorian, as glibc's `gmtime`/`mktime`) rather
//! than calling libc, so the reference tier needs no `unsafe` and gives the
//! same answer everywhere. The local time zone is taken to be UTC: `*t`
//! tables have `isdst = false`, `%Z` prints `UTC` (`GMT` after `!`, as
//! glibc names the two), and `os.time{...}` reads its table as UTC (with
//! glibc's quirk that `isdst = true` subtracts an hour). On a machine whose
//! zone is not UTC, lua5.1's local-time results differ by that offset.
//! `os.date` implements glibc's C-locale `strftime` directives (old-glibc
//! style: `%Y` and `%F` unpadded), unknown ones are copied literally.
//! `os.clock` is the time since the run started (no libc `clock()`).
//!
//! Processes and locale: `os.exit` ends the process only when output goes
//! straight to stdout (the command line); when output is captured (the
//! oracle) it raises the error "os.exit called" instead, since the run must
//! end in an `Outcome`. `os.execute` never runs a shell (it reports none:
//! 0 without a command, -1 with one), and `os.setlocale` knows only the C
//! locale. Files (`remove`, `rename`, `tmpname`) are real and report
//! failures as 5.1 does: `nil, "name: strerror", errno`.

use std::time::{SystemTime, UNIX_EPOCH};

use super::io::{c_path, check_option, fail_result};
use super::{make_lib, num, to_integer};
use crate::interp::error::{LResult, LuaError};
use crate::interp::ops::{to_number, unnamed};
use crate::interp::value::{LStr, TableRef, Value};
use crate::interp::{Ctx, Output};

pub fn open() -> TableRef {
    make_lib(&[
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
    ])
}

// ---------------------------------------------------------------------
// Calendar arithmetic
// ---------------------------------------------------------------------

/// Days from 1970-01-01 to the given proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day counted from 1970-01-01: `(year, month 1-12, day)`.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + if m <= 2 { 1 } else { 0 }, m, d)
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// C's `struct tm`, with the year as a full year.
#[derive(Clone, Copy, Debug)]
pub struct Tm {
    pub year: i64,
    /// 1..=12
    pub month: i64,
    pub day: i64,
    pub hour: i64,
    pub min: i64,
    pub sec: i64,
    /// 0 = Sunday
    pub wday: i64,
    /// 0-based day of the year
    pub yday: i64,
    /// Seconds since the epoch this is the breakdown of (`%s`).
    pub t: i64,
}

/// `gmtime`: `None` when the year does not fit C's `int tm_year`.
pub fn gmtime(t: i64) -> Option<Tm> {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    if i32::try_from(year - 1900).is_err() {
        return None;
    }
    Some(Tm {
        year,
        month,
        day,
        hour: secs / 3600,
        min: secs / 60 % 60,
        sec: secs % 60,
        wday: (days + 4).rem_euclid(7),
        yday: days - days_from_civil(year, 1, 1),
        t,
    })
}

/// `mktime` on C `int` fields (already wrapped as C computed them),
/// normalising out-of-range fields; `None` for glibc's `-1` results.
pub fn mktime(year_since_1900: i32, mon0: i32, mday: i32, hour: i32, min: i32, sec: i32, isdst: bool) -> Option<i64> {
    let months = year_since_1900 as i64 * 12 + mon0 as i64;
    let year = months.div_euclid(12) + 1900;
    let month = months.rem_euclid(12) + 1;
    let days = days_from_civil(year, month, 1) + mday as i64 - 1;
    let mut t = days * 86_400 + hour as i64 * 3600 + min as i64 * 60 + sec as i64;
    if isdst {
        t -= 3600;
    }
    gmtime(t)?;
    if t == -1 {
        None
    } else {
        Some(t)
    }
}

// ---------------------------------------------------------------------
// os.time, os.date, os.difftime, os.clock
// ---------------------------------------------------------------------

pub fn now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs_f64().ceil() as i64),
    }
}

/// 5.1's `getfield` for `os.time`: `t[key]` (metamethods apply) as C
/// `int`, the default when it is not a number, or the error when there is
/// no default.
fn date_field(ctx: &Ctx, t: &TableRef, key: &str, default: Option<i32>) -> LResult<i32> {
    let v = ctx.index(Value::Table(t.clone()), &Value::str(key.as_bytes()), 0, &unnamed)?;
    match to_number(&v) {
        Some(n) => Ok(to_integer(n) as i32),
        None => match default {
            Some(d) => Ok(d),
            None => Err(ctx.lib_error(format!("field '{key}' missing in date table"))),
        },
    }
}

fn os_time(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = match args.first() {
        None | Some(Value::Nil) => Some(now()),
        Some(Value::Table(t)) => {
            let sec = date_field(ctx, t, "sec", Some(0))?;
            let min = date_field(ctx, t, "min", Some(0))?;
            let hour = date_field(ctx, t, "hour", Some(12))?;
            let day = date_field(ctx, t, "day", None)?;
            let month = date_field(ctx, t, "month", None)?.wrapping_sub(1);
            let year = date_field(ctx, t, "year", None)?.wrapping_sub(1900);
            let isdst = ctx.index(Value::Table(t.clone()), &Value::str(b"isdst"), 0, &unnamed)?.truthy();
            mktime(year, month, day, hour, min, sec, isdst)
        }
        Some(_) => return Err(ctx.type_arg_error(&args, 0, "table")),
    };
    Ok(vec![match t {
        Some(t) => num(t as f64),
        None => Value::Nil,
    }])
}

const WEEKDAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// ISO 8601 week-based year and week number (`%G`, `%V`).
fn iso_week(tm: &Tm) -> (i64, i64) {
    let wd = (tm.wday + 6) % 7; // Monday = 0
    let week = (tm.yday - wd + 10) / 7;
    let weeks_in = |y: i64| {
        let jan1 = (days_from_civil(y, 1, 1) + 4).rem_euclid(7); // 0 = Sunday
        if jan1 == 4 || (jan1 == 3 && is_leap(y)) {
            53
        } else {
            52
        }
    };
    if week < 1 {
        (tm.year - 1, weeks_in(tm.year - 1))
    } else if week > weeks_in(tm.year) {
        (tm.year + 1, 1)
    } else {
        (tm.year, week)
    }
}

/// One `strftime` conversion in the C locale, as glibc prints it; `None`
/// for a conversion glibc does not know (copied literally).
/// `strftime` over a whole format: each `%c` directive expanded by
/// `strftime_one`, unknown ones and a trailing `%` kept as written.
pub fn strftime(s: &[u8], tm: &Tm, utc: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'%' || i + 1 >= s.len() {
            out.push(s[i]);
            i += 1;
            continue;
        }
        let c = s[i + 1];
        match strftime_one(c, tm, utc) {
            Some(text) => out.extend_from_slice(text.as_bytes()),
            None => out.extend_from_slice(&[b'%', c]),
        }
        i += 2;
    }
    out
}

pub fn strftime_one(c: u8, tm: &Tm, utc: bool) -> Option<String> {
    let year = tm.year;
    let h12 = if tm.hour % 12 == 0 { 12 } else { tm.hour % 12 };
    let month_name = MONTHS[(tm.month - 1).clamp(0, 11) as usize];
    let day_name = WEEKDAYS[tm.wday.clamp(0, 6) as usize];
    let yy = |y: i64| format!("{:02}", y.rem_euclid(100));
    Some(match c {
        b'a' => day_name[..3].to_string(),
        b'A' => day_name.to_string(),
        b'b' | b'h' => month_name[..3].to_string(),
        b'B' => month_name.to_string(),
        b'c' => format!(
            "{} {} {:2} {:02}:{:02}:{:02} {}",
            &day_name[..3],
            &month_name[..3],
            tm.day,
            tm.hour,
            tm.min,
            tm.sec,
            year
        ),
        b'C' => (year.div_euclid(100)).to_string(),
        b'd' => format!("{:02}", tm.day),
        b'D' | b'x' => format!("{:02}/{:02}/{}", tm.month, tm.day, yy(year)),
        b'e' => format!("{:2}", tm.day),
        b'F' => format!("{}-{:02}-{:02}", year, tm.month, tm.day),
        b'g' => yy(iso_week(tm).0),
        b'G' => iso_week(tm).0.to_string(),
        b'H' => format!("{:02}", tm.hour),
        b'I' => format!("{:02}", h12),
        b'j' => format!("{:03}", tm.yday + 1),
        b'k' => format!("{:2}", tm.hour),
        b'l' => format!("{:2}", h12),
        b'm' => format!("{:02}", tm.month),
        b'M' => format!("{:02}", tm.min),
        b'n' => "\n".to_string(),
        b'p' => (if tm.hour < 12 { "AM" } else { "PM" }).to_string(),
        b'P' => (if tm.hour < 12 { "am" } else { "pm" }).to_string(),
        b'r' => format!("{:02}:{:02}:{:02} {}", h12, tm.min, tm.sec, if tm.hour < 12 { "AM" } else { "PM" }),
        b'R' => format!("{:02}:{:02}", tm.hour, tm.min),
        b's' => tm.t.to_string(),
        b'S' => format!("{:02}", tm.sec),
        b't' => "\t".to_string(),
        b'T' | b'X' => format!("{:02}:{:02}:{:02}", tm.hour, tm.min, tm.sec),
        b'u' => (if tm.wday == 0 { 7 } else { tm.wday }).to_string(),
        b'U' => format!("{:02}", (tm.yday + 7 - tm.wday) / 7),
        b'V' => format!("{:02}", iso_week(tm).1),
        b'w' => tm.wday.to_string(),
        b'W' => format!("{:02}", (tm.yday + 7 - (tm.wday + 6) % 7) / 7),
        b'y' => yy(year),
        b'Y' => year.to_string(),
        b'z' => "+0000".to_string(),
        b'Z' => (if utc { "GMT" } else { "UTC" }).to_string(),
        b'%' => "%".to_string(),
        _ => return None,
    })
}

fn os_date(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let fmt = ctx.opt_str(&args, 0, b"%c")?;
    let t = match args.get(1) {
        None | Some(Value::Nil) => now(),
        Some(_) => to_integer(ctx.check_num(&args, 1)?),
    };
    // The format is a C string.
    let mut s = fmt.as_bytes();
    if let Some(i) = s.iter().position(|&b| b == 0) {
        s = &s[..i];
    }
    let utc = s.first() == Some(&b'!');
    if utc {
        s = &s[1..];
    }
    let Some(tm) = gmtime(t) else {
        return Ok(vec![Value::Nil]);
    };
    if s == b"*t" {
        let table = ctx.new_table(0, 9)?;
        {
            let mut tb = table.0.borrow_mut();
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
                tb.set(Value::str(k.as_bytes()), num(v as f64));
            }
            tb.set(Value::str(b"isdst"), Value::Bool(false));
        }
        return Ok(vec![Value::Table(table)]);
    }
    let out = strftime(s, &tm, utc);
    let v = Value::Str(LStr::from_vec(out));
    ctx.check_memory()?;
    Ok(vec![v])
}

fn os_difftime(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    // gcc evaluates the C call's arguments right to left.
    let t0 = to_integer(ctx.opt_num(&args, 1, 0.0)?);
    let t1 = to_integer(ctx.check_num(&args, 0)?);
    Ok(vec![num(t1 as f64 - t0 as f64)])
}

fn os_clock(ctx: &Ctx, _args: Vec<Value>) -> LResult<Vec<Value>> {
    Ok(vec![num(ctx.st.started.elapsed().as_secs_f64())])
}

// ---------------------------------------------------------------------
// Environment, processes, files
// ---------------------------------------------------------------------

fn os_getenv(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let name = ctx.check_str(&args, 0)?;
    let key = c_path(name.as_bytes());
    if key.as_os_str().is_empty() {
        return Ok(vec![Value::Nil]);
    }
    Ok(vec![match std::env::var_os(key.as_os_str()) {
        Some(v) => Value::str(v.as_encoded_bytes()),
        None => Value::Nil,
    }])
}

fn os_exit(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let code = ctx.opt_int(&args, 0, 0)? as i32;
    let direct = matches!(&*ctx.st.out.borrow(), Output::Stdout);
    if direct {
        ctx.st.flush_out();
        std::process::exit(code);
    }
    Err(LuaError::new(Value::str(b"os.exit called")))
}

fn os_execute(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let cmd = match args.first() {
        None | Some(Value::Nil) => None,
        Some(_) => Some(ctx.check_str(&args, 0)?),
    };
    Ok(vec![num(if cmd.is_none() { 0.0 } else { -1.0 })])
}

fn os_remove(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let name = ctx.check_str(&args, 0)?;
    let path = c_path(name.as_bytes());
    // C's remove(): unlink, or rmdir for a directory.
    let r = match std::fs::remove_file(&path) {
        Err(e) if e.raw_os_error() == Some(21) => std::fs::remove_dir(&path),
        other => other,
    };
    Ok(match r {
        Ok(()) => vec![Value::Bool(true)],
        Err(e) => fail_result(Some(name.as_bytes()), &e),
    })
}

fn os_rename(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let from = ctx.check_str(&args, 0)?;
    let to = ctx.check_str(&args, 1)?;
    let r = std::fs::rename(c_path(from.as_bytes()), c_path(to.as_bytes()));
    Ok(match r {
        Ok(()) => vec![Value::Bool(true)],
        Err(e) => fail_result(Some(from.as_bytes()), &e),
    })
}

fn os_tmpname(ctx: &Ctx, _args: Vec<Value>) -> LResult<Vec<Value>> {
    match super::io::create_temp("/tmp/lua_") {
        Some((name, _file)) => Ok(vec![Value::str(name.as_bytes())]),
        None => Err(ctx.lib_error("unable to generate a unique filename")),
    }
}

fn os_setlocale(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let locale = match args.first() {
        None | Some(Value::Nil) => None,
        Some(_) => Some(ctx.check_str(&args, 0)?),
    };
    check_option(ctx, &args, 1, Some(b"all"), &["all", "collate", "ctype", "monetary", "numeric", "time"])?;
    let known = match &locale {
        None => true,
        Some(l) => matches!(l.as_bytes(), b"" | b"C" | b"POSIX"),
    };
    Ok(vec![if known { Value::str(b"C") } else { Value::Nil }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trips() {
        for days in [-1_000_000i64, -719_468, -1, 0, 1, 10_957, 2_932_896, 100_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        let tm = gmtime(1_000_000_000).unwrap();
        assert_eq!((tm.year, tm.month, tm.day, tm.hour, tm.min, tm.sec), (2001, 9, 9, 1, 46, 40));
        assert_eq!((tm.wday, tm.yday), (0, 251));
        assert!(gmtime(i64::MIN).is_none());
    }

    #[test]
    fn mktime_normalises() {
        assert_eq!(mktime(100, 12, 1, 12, 0, 0, false), mktime(101, 0, 1, 12, 0, 0, false));
        assert_eq!(mktime(69, 11, 31, 23, 59, 59, false), None);
        assert_eq!(mktime(70, 0, 1, 0, 0, 0, false), Some(0));
    }

    #[test]
    fn iso_weeks() {
        // 2005-01-01 is in week 53 of 2004; 2009-01-01 in week 1 of 2009.
        assert_eq!(iso_week(&gmtime(1_104_537_600).unwrap()), (2004, 53));
        assert_eq!(iso_week(&gmtime(1_230_768_000).unwrap()), (2009, 1));
    }
}
