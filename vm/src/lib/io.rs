//! The `io` library (§5.7) as the reference tier's `lib/io.rs` defines it:
//! `io.write/read/lines/open/close/input/output/flush/type/tmpfile/popen`,
//! the standard files and the file methods `read write lines seek close
//! flush setvbuf`.
//!
//! Files are userdata (`Userdata::file` holds the reference tier's
//! `FileState`, its read-ahead buffer and stream) sharing one metatable,
//! kept in the registry as `FILE*` (`__index` is the metatable itself).
//! The default input and output files are registry entries too. All
//! writes to the standard output go through `Vm::write_out`, so the
//! oracle sees them. Failures return `nil, "msg", errno`.

use super::arg;
use super::userdata::Userdata;
use crate::func::{Args, BuiltinFn, Closure, Rets};
use crate::interp::{LResult, Output, Vm};
use crate::rets;
use crate::value::{Type, Value};
use perigee_reference::interp::lib::io::{create_temp, ebadf, espipe, fopen, strerror, FileState, Stream};
use perigee_reference::spec::number::fmt_number;
use std::io::{Seek, SeekFrom, Write};

const META: &[u8] = b"FILE*";
const INPUT: &[u8] = b"perigee.io.input";
const OUTPUT: &[u8] = b"perigee.io.output";

pub fn open(vm: &mut Vm) -> LResult<()> {
    let meta = vm.new_table(0, 10)?;
    let k = vm.intern(META)?;
    vm.raw_set(vm.registry, k, meta)?;
    let methods: &[(&'static str, BuiltinFn)] = &[
        ("close", f_close),
        ("flush", f_flush),
        ("lines", f_lines),
        ("read", f_read),
        ("seek", f_seek),
        ("setvbuf", f_setvbuf),
        ("write", f_write),
        ("__gc", f_gc),
        ("__tostring", f_tostring),
    ];
    for (name, f) in methods {
        let v = vm.builtin(name, *f)?;
        let k = vm.intern(name.as_bytes())?;
        vm.raw_set(meta, k, v)?;
    }
    let k = vm.intern(b"__index")?;
    vm.raw_set(meta, k, meta)?;

    let io = vm.make_lib(
        "io",
        &[
            ("close", io_close),
            ("flush", io_flush),
            ("input", io_input),
            ("lines", io_lines),
            ("open", io_open),
            ("output", io_output),
            ("popen", io_popen),
            ("read", io_read),
            ("tmpfile", io_tmpfile),
            ("type", io_type),
            ("write", io_write),
        ],
    )?;
    for (name, stream) in [("stdin", Stream::Stdin), ("stdout", Stream::Stdout), ("stderr", Stream::Stderr)] {
        let f = new_file(vm, stream)?;
        let k = vm.intern(name.as_bytes())?;
        vm.raw_set(io, k, f)?;
        let slot = match name {
            "stdin" => Some(INPUT),
            "stdout" => Some(OUTPUT),
            _ => None,
        };
        if let Some(slot) = slot {
            let k = vm.intern(slot)?;
            vm.raw_set(vm.registry, k, f)?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------
// Helpers (some shared with `os`)
// ---------------------------------------------------------------------

fn num(n: f64) -> Value {
    Value::from_num(n)
}

fn registry_get(vm: &mut Vm, key: &[u8]) -> LResult<Value> {
    let k = vm.intern(key)?;
    Ok(vm.heap.table_get(vm.registry, k))
}

fn registry_set(vm: &mut Vm, key: &[u8], v: Value) -> LResult<()> {
    let k = vm.intern(key)?;
    vm.raw_set(vm.registry, k, v)
}

/// 5.1's `pushresult` for a failure: `nil, "[name: ]strerror", errno`.
pub fn fail_result(vm: &mut Vm, name: Option<&[u8]>, e: &std::io::Error) -> LResult<Rets> {
    let mut msg = Vec::new();
    if let Some(n) = name {
        msg.extend_from_slice(n);
        msg.extend_from_slice(b": ");
    }
    msg.extend_from_slice(strerror(e).as_bytes());
    let m = vm.intern(&msg)?;
    Ok(rets![Value::NIL, m, num(e.raw_os_error().unwrap_or(0) as f64)])
}

/// `luaL_checkoption`: the index of argument `i`'s string in `options`.
pub fn check_option(vm: &mut Vm, args: &[Value], i: usize, default: Option<&[u8]>, options: &[&str]) -> LResult<usize> {
    let name = match default {
        Some(d) => vm.opt_str(args, i, d)?,
        None => vm.check_str(args, i)?,
    };
    match options.iter().position(|o| o.as_bytes() == &name[..]) {
        Some(k) => Ok(k),
        None => Err(vm.arg_error(i + 1, &format!("invalid option '{}'", String::from_utf8_lossy(&name)))),
    }
}

fn new_file(vm: &mut Vm, stream: Stream) -> LResult<Value> {
    let meta = registry_get(vm, META)?;
    match vm.heap.alloc(Userdata { meta, env: Value::NIL, file: Some(Box::new(FileState::new(stream))) }) {
        Ok(u) => Ok(u),
        Err(e) => Err(vm.alloc_error(e)),
    }
}

/// Whether `v` is one of io's files (open or closed).
fn is_file(vm: &mut Vm, v: Value) -> LResult<bool> {
    let meta = registry_get(vm, META)?;
    Ok(matches!(vm.heap.get::<Userdata>(v), Some(u) if u.file.is_some() && u.meta.raw_eq(meta)))
}

fn state(vm: &mut Vm, v: Value) -> Option<&mut FileState> {
    vm.heap.get_mut::<Userdata>(v).and_then(|u| u.file.as_deref_mut())
}

fn is_closed(vm: &mut Vm, v: Value) -> bool {
    state(vm, v).is_none_or(|f| f.stream.is_none())
}

/// `tofile`: argument `i` must be an open file.
fn to_file(vm: &mut Vm, args: &[Value], i: usize) -> LResult<Value> {
    let v = arg(args, i);
    if !is_file(vm, v)? {
        return Err(vm.type_arg_error(args, i, "FILE*"));
    }
    if is_closed(vm, v) {
        return Err(vm.lib_error(b"attempt to use a closed file"));
    }
    Ok(v)
}

/// `getiofile`: the default input or output file, which must be open.
fn io_file(vm: &mut Vm, input: bool) -> LResult<Value> {
    let v = registry_get(vm, if input { INPUT } else { OUTPUT })?;
    if is_file(vm, v)? && !is_closed(vm, v) {
        return Ok(v);
    }
    let which = if input { "input" } else { "output" };
    Err(vm.lib_error(format!("standard {which} file is closed").as_bytes()))
}

fn is_stdout(vm: &mut Vm, v: Value) -> bool {
    matches!(state(vm, v), Some(FileState { stream: Some(Stream::Stdout), .. }))
}

// ---------------------------------------------------------------------
// io.* functions
// ---------------------------------------------------------------------

fn io_open(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let name = vm.check_str(&args, 0)?;
    let mode = vm.opt_str(&args, 1, b"r")?;
    match fopen(&name, &mode) {
        Ok(f) => Ok(rets![new_file(vm, Stream::Disk(f))?]),
        Err(e) => fail_result(vm, Some(&name), &e),
    }
}

fn io_close(vm: &mut Vm, args: Args) -> LResult<Rets> {
    if args.is_empty() {
        let out = registry_get(vm, OUTPUT)?;
        return f_close(vm, Args::from_slice(&[out]));
    }
    f_close(vm, args)
}

fn io_flush(vm: &mut Vm, _args: Args) -> LResult<Rets> {
    let f = io_file(vm, false)?;
    flush(vm, f)
}

fn io_input(vm: &mut Vm, args: Args) -> LResult<Rets> {
    io_iofile(vm, args, true)
}

fn io_output(vm: &mut Vm, args: Args) -> LResult<Rets> {
    io_iofile(vm, args, false)
}

fn open_or_arg_error(vm: &mut Vm, name: &[u8], mode: &[u8]) -> LResult<Value> {
    match fopen(name, mode) {
        Ok(f) => new_file(vm, Stream::Disk(f)),
        Err(e) => {
            let msg = format!("{}: {}", String::from_utf8_lossy(name), strerror(&e));
            Err(vm.arg_error(1, &msg))
        }
    }
}

fn io_iofile(vm: &mut Vm, args: Args, input: bool) -> LResult<Rets> {
    let slot = if input { INPUT } else { OUTPUT };
    let a = arg(&args, 0);
    if a.is_string() || a.is_num() {
        let name = vm.check_str(&args, 0)?;
        let f = open_or_arg_error(vm, &name, if input { b"r" } else { b"w" })?;
        registry_set(vm, slot, f)?;
    } else if !a.is_nil() {
        to_file(vm, &args, 0)?;
        registry_set(vm, slot, a)?;
    }
    Ok(rets![registry_get(vm, slot)?])
}

fn io_lines(vm: &mut Vm, args: Args) -> LResult<Rets> {
    if arg(&args, 0).is_nil() {
        let input = registry_get(vm, INPUT)?;
        return f_lines(vm, Args::from_slice(&[input]));
    }
    let name = vm.check_str(&args, 0)?;
    let f = open_or_arg_error(vm, &name, b"r")?;
    Ok(rets![vm.builtin_with("lines", lines_aux, vec![f, Value::TRUE])?])
}

fn io_read(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = io_file(vm, true)?;
    g_read(vm, f, &args, 0)
}

fn io_write(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = io_file(vm, false)?;
    g_write(vm, f, &args, 0)
}

fn io_type(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let v = vm.check_any(&args, 0)?;
    if !is_file(vm, v)? {
        return Ok(rets![Value::NIL]);
    }
    let text: &[u8] = if is_closed(vm, v) { b"closed file" } else { b"file" };
    Ok(rets![vm.intern(text)?])
}

fn io_popen(vm: &mut Vm, _args: Args) -> LResult<Rets> {
    Err(vm.lib_error(b"'popen' not supported"))
}

fn io_tmpfile(vm: &mut Vm, _args: Args) -> LResult<Rets> {
    let dir = std::env::temp_dir();
    let prefix = format!("{}/lua_", dir.display());
    match create_temp(&prefix) {
        Some((name, f)) => {
            // Unlinked at once, like tmpfile(3): gone when closed.
            let _ = std::fs::remove_file(&name);
            Ok(rets![new_file(vm, Stream::Disk(f))?])
        }
        None => fail_result(vm, None, &std::io::Error::from_raw_os_error(17)),
    }
}

// ---------------------------------------------------------------------
// File methods
// ---------------------------------------------------------------------

fn f_close(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = to_file(vm, &args, 0)?;
    match state(vm, f) {
        Some(st) if st.is_std() => {
            let m = vm.intern(b"cannot close standard file")?;
            Ok(rets![Value::NIL, m])
        }
        Some(st) => {
            st.rbuf.clear();
            st.rpos = 0;
            st.stream = None;
            Ok(rets![Value::TRUE])
        }
        None => Ok(rets![Value::NIL]),
    }
}

fn f_gc(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = arg(&args, 0);
    if is_file(vm, f)? {
        if let Some(st) = state(vm, f) {
            if !st.is_std() {
                st.stream = None;
            }
        }
    }
    Ok(rets![])
}

fn f_tostring(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = arg(&args, 0);
    if !is_file(vm, f)? {
        return Err(vm.type_arg_error(&args, 0, "FILE*"));
    }
    let text = if is_closed(vm, f) {
        "file (closed)".to_string()
    } else {
        let addr = f.as_gc_ptr().map_or(0, |(_, a)| a);
        format!("file ({addr:#010x})")
    };
    Ok(rets![vm.intern(text.as_bytes())?])
}

fn flush(vm: &mut Vm, f: Value) -> LResult<Rets> {
    let r = match state(vm, f).and_then(|st| st.stream.as_mut()) {
        Some(Stream::Stdout) => {
            if let Output::Stdout = vm.out {
                let _ = std::io::stdout().flush();
            }
            Ok(())
        }
        Some(Stream::Stderr) => std::io::stderr().flush(),
        Some(Stream::Disk(file)) => file.flush(),
        _ => Ok(()),
    };
    match r {
        Err(e) => fail_result(vm, None, &e),
        Ok(()) => Ok(rets![Value::TRUE]),
    }
}

fn f_flush(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = to_file(vm, &args, 0)?;
    flush(vm, f)
}

fn f_lines(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = to_file(vm, &args, 0)?;
    Ok(rets![vm.builtin_with("lines", lines_aux, vec![f, Value::FALSE])?])
}

fn f_read(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = to_file(vm, &args, 0)?;
    g_read(vm, f, &args, 1)
}

fn f_write(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = to_file(vm, &args, 0)?;
    g_write(vm, f, &args, 1)
}

fn f_seek(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let f = to_file(vm, &args, 0)?;
    let whence = check_option(vm, &args, 1, Some(b"cur"), &["set", "cur", "end"])?;
    let offset = vm.opt_integer(&args, 2, 0)?;
    let captured = match &vm.out {
        Output::Capture(buf) => Some(buf.len() as u64),
        Output::Stdout => None,
    };
    let r = match state(vm, f) {
        None => return Ok(rets![Value::NIL]),
        Some(st) => match &mut st.stream {
            Some(Stream::Disk(_)) => (|| {
                st.discard_readahead()?;
                let Some(Stream::Disk(file)) = &mut st.stream else { return Err(ebadf()) };
                let target = match whence {
                    0 if offset < 0 => return Err(std::io::Error::from_raw_os_error(22)),
                    0 => SeekFrom::Start(offset as u64),
                    1 => SeekFrom::Current(offset),
                    _ => SeekFrom::End(offset),
                };
                file.seek(target)
            })(),
            Some(Stream::Stdout) if whence == 1 && offset == 0 => captured.ok_or_else(espipe),
            _ => Err(espipe()),
        },
    };
    match r {
        Ok(pos) => Ok(rets![num(pos as f64)]),
        Err(e) => fail_result(vm, None, &e),
    }
}

fn f_setvbuf(vm: &mut Vm, args: Args) -> LResult<Rets> {
    to_file(vm, &args, 0)?;
    check_option(vm, &args, 1, None, &["no", "full", "line"])?;
    vm.opt_integer(&args, 2, 1024)?;
    Ok(rets![Value::TRUE])
}

/// The iterator of `io.lines` / `file:lines` (upvalues: the file, and
/// whether to close it at end of file).
fn lines_aux(vm: &mut Vm, _args: Args) -> LResult<Rets> {
    let me = vm.current_closure();
    let (f, close) = match vm.heap.get::<Closure>(me) {
        Some(Closure::Builtin { upvals, .. }) if upvals.len() == 2 => (upvals[0], upvals[1].is_truthy()),
        _ => return Ok(rets![]),
    };
    if !is_file(vm, f)? || is_closed(vm, f) {
        return Err(vm.lib_error(b"file is already closed"));
    }
    match read_one(vm, f, Format::Line)? {
        Err(e) => Err(vm.lib_error(strerror(&e).as_bytes())),
        Ok(Some(line)) => Ok(rets![line]),
        Ok(None) => {
            if close {
                if let Some(st) = state(vm, f) {
                    st.stream = None;
                }
            }
            Ok(rets![])
        }
    }
}

// ---------------------------------------------------------------------
// Reading and writing
// ---------------------------------------------------------------------

/// `g_write`: arguments from `first` on; numbers as `%.14g`.
fn g_write(vm: &mut Vm, f: Value, args: &[Value], first: usize) -> LResult<Rets> {
    let mut status: std::io::Result<()> = Ok(());
    for i in first..args.len() {
        let bytes = match args[i].as_num() {
            Some(n) => fmt_number(n).into_bytes(),
            None => vm.check_str(args, i)?,
        };
        if status.is_err() {
            continue;
        }
        if is_stdout(vm, f) {
            vm.write_out(&bytes);
            continue;
        }
        status = match state(vm, f) {
            Some(st) => st.discard_readahead().and_then(|()| match &mut st.stream {
                Some(Stream::Stderr) => std::io::stderr().write_all(&bytes),
                Some(Stream::Disk(file)) => file.write_all(&bytes),
                _ => Err(ebadf()),
            }),
            None => Err(ebadf()),
        };
    }
    match status {
        Ok(()) => Ok(rets![Value::TRUE]),
        Err(e) => fail_result(vm, None, &e),
    }
}

/// One read format's result: `Ok(Some(value))`, `Ok(None)` for a failed
/// read, or an I/O error.
type ReadOne = std::io::Result<Option<Value>>;

enum Format {
    Count(u64),
    Line,
    Number,
    All,
}

/// `g_read`: formats from `first` on (none means one line).
fn g_read(vm: &mut Vm, f: Value, args: &[Value], first: usize) -> LResult<Rets> {
    if args.len() <= first {
        return match read_one(vm, f, Format::Line)? {
            Err(e) => fail_result(vm, None, &e),
            Ok(v) => Ok(rets![v.unwrap_or(Value::NIL)]),
        };
    }
    let mut out = Rets::new();
    for (i, a) in args.iter().enumerate().skip(first) {
        let fmt = if let Some(n) = a.as_num() {
            Format::Count(perigee_reference::spec::format::double_to_long(n) as u64)
        } else if a.type_tag() == Type::String {
            match vm.heap.str_bytes(*a).unwrap_or_default() {
                [b'*', b'n', ..] => Format::Number,
                [b'*', b'l', ..] => Format::Line,
                [b'*', b'a', ..] => Format::All,
                [b'*', ..] => return Err(vm.arg_error(i + 1, "invalid format")),
                _ => return Err(vm.arg_error(i + 1, "invalid option")),
            }
        } else {
            return Err(vm.arg_error(i + 1, "invalid option"));
        };
        // Results read so far are not on the stack: keep them pinned
        // while the next read allocates.
        let mark = vm.pinned.len();
        vm.pinned.extend_from_slice(&out);
        let r = read_one(vm, f, fmt);
        vm.pinned.truncate(mark);
        match r? {
            Err(e) => return fail_result(vm, None, &e),
            Ok(Some(v)) => out.push(v),
            Ok(None) => {
                out.push(Value::NIL);
                break;
            }
        }
    }
    Ok(out)
}

/// What one format reads, as bytes (strings) or a number.
enum Read {
    Bytes(Vec<u8>),
    Num(f64),
}

fn read_one(vm: &mut Vm, f: Value, fmt: Format) -> LResult<ReadOne> {
    let limit = super::MAX_STRING;
    let r: std::io::Result<Option<Read>> = match state(vm, f) {
        None => Err(ebadf()),
        Some(st) => match fmt {
            Format::Count(0) => st.peek().map(|c| c.map(|_| Read::Bytes(Vec::new()))),
            Format::Count(n) => read_chars(st, n, limit).map(|o| o.map(Read::Bytes)),
            Format::Line => read_line(st, limit).map(|o| o.map(Read::Bytes)),
            Format::All => read_chars(st, u64::MAX, limit).map(|o| Some(Read::Bytes(o.unwrap_or_default()))),
            Format::Number => perigee_reference::interp::lib::io::scan_number(st).map(|o| o.map(Read::Num)),
        },
    };
    Ok(match r {
        Err(e) => Err(e),
        Ok(None) => Ok(None),
        Ok(Some(Read::Num(n))) => Ok(Some(num(n))),
        Ok(Some(Read::Bytes(b))) => {
            vm.check_length(b.len() as u64)?;
            Ok(Some(vm.intern(&b)?))
        }
    })
}

fn read_chars(f: &mut FileState, n: u64, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    let mut left = n;
    while left > 0 && (buf.len() as u64) <= limit {
        if !f.fill()? {
            break;
        }
        let avail = &f.rbuf[f.rpos..];
        let take = (avail.len() as u64).min(left) as usize;
        buf.extend_from_slice(&avail[..take]);
        f.rpos += take;
        left -= take as u64;
    }
    if buf.is_empty() && n > 0 {
        return Ok(None);
    }
    Ok(Some(buf))
}

fn read_line(f: &mut FileState, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    loop {
        if !f.fill()? {
            if buf.is_empty() {
                return Ok(None);
            }
            break;
        }
        let avail = &f.rbuf[f.rpos..];
        match avail.iter().position(|&b| b == b'\n') {
            Some(i) => {
                buf.extend_from_slice(&avail[..i]);
                f.rpos += i + 1;
                break;
            }
            None => {
                buf.extend_from_slice(avail);
                f.rpos = f.rbuf.len();
                if buf.len() as u64 > limit {
                    break;
                }
            }
        }
    }
    Ok(Some(buf))
}
