//! The `io` library of Lua 5.1 (§5.7): `io.write/read/lines/open/close/
//! input/output/flush/type/tmpfile/popen`, the standard files, and the
//! file methods `read write lines seek close flush setvbuf`.
//!
//! Files are userdata, as in 5.1, sharing one metatable (`__index` is the
//! metatable itself, `__tostring` prints `file (0x...)` or
//! `file (closed)`). The Rust side of a file lives in a side table of the
//! library's state keyed by the userdata's address; the table holds a
//! `Weak` to the userdata, which keeps that address from being reused
//! while the entry exists, and entries whose userdata died are dropped
//! (closing the file, as 5.1's `__gc` does) whenever a file is opened.
//! The library state is shared by the io functions (strongly) and the
//! methods in the metatable (weakly, so the metatable does not keep itself
//! alive through its own methods).
//!
//! Everything written to the standard output — `io.write`, `io.stdout:
//! write`, a default output set back to stdout — goes through
//! `State::write_out`, so the oracle sees it. Numbers are written with
//! `%.14g`, and `write` returns `true` as 5.1's does. Reading uses a
//! read-ahead buffer per file and implements 5.1's formats (`*l`, `*n`,
//! `*a`, a count) with its success rules; `*n` accepts what glibc's
//! `scanf("%lf")` would consume for decimal and hexadecimal numbers
//! (`inf`/`nan` are not read). Failures return `nil, "msg", errno` with
//! the C library's wording (taken from the OS error's text).
//!
//! Not supported: `io.popen` (raises "'popen' not supported", 5.1's own
//! message for builds without it — perigee never starts processes);
//! `setvbuf` only validates its arguments (writes are unbuffered);
//! seeking the standard streams works only for a captured stdout (it
//! reports the bytes written so far).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::rc::{Rc, Weak};

use super::string::check_length;
use super::{num, to_integer};
use crate::interp::error::LResult;
use crate::interp::table::Table;
use crate::interp::value::{FuncRef, LStr, TableRef, UserData, UserDataRef, Value};
use crate::interp::{Ctx, Output};
use crate::spec::number::{fmt_number, str_to_number};

// ---------------------------------------------------------------------
// Helpers shared with `os`
// ---------------------------------------------------------------------

/// A file name as C sees it: up to the first NUL byte.
pub fn c_path(bytes: &[u8]) -> PathBuf {
    let bytes = match bytes.iter().position(|&b| b == 0) {
        Some(i) => &bytes[..i],
        None => bytes,
    };
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// C's `strerror` text for an OS error (the standard library's message
/// without its " (os error N)" suffix).
pub fn strerror(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// 5.1's `pushresult` for a failure: `nil, "[name: ]strerror", errno`.
pub fn fail_result(name: Option<&[u8]>, e: &std::io::Error) -> Vec<Value> {
    let mut msg = Vec::new();
    if let Some(n) = name {
        msg.extend_from_slice(n);
        msg.extend_from_slice(b": ");
    }
    msg.extend_from_slice(strerror(e).as_bytes());
    vec![Value::Nil, Value::Str(LStr::from_vec(msg)), num(e.raw_os_error().unwrap_or(0) as f64)]
}

/// `luaL_checkoption`: the index of argument `i`'s string in `options`
/// (`default` when absent, if given).
pub fn check_option(ctx: &Ctx, args: &[Value], i: usize, default: Option<&[u8]>, options: &[&str]) -> LResult<usize> {
    let name = match default {
        Some(d) => ctx.opt_str(args, i, d)?,
        None => ctx.check_str(args, i)?,
    };
    match options.iter().position(|o| o.as_bytes() == name.as_bytes()) {
        Some(k) => Ok(k),
        None => Err(ctx.arg_error(i + 1, &format!("invalid option '{}'", String::from_utf8_lossy(name.as_bytes())))),
    }
}

/// Creates a new file `<prefix>XXXXXX` (like `mkstemp`), returning its
/// name and the open file.
pub fn create_temp(prefix: &str) -> Option<(String, File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
    for _ in 0..100 {
        let mut x = nanos
            ^ (u64::from(std::process::id()) << 32)
            ^ COUNTER.fetch_add(1, Ordering::Relaxed).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut name = prefix.to_string();
        for _ in 0..6 {
            name.push(CHARS[(x % CHARS.len() as u64) as usize] as char);
            x /= CHARS.len() as u64;
        }
        if let Ok(f) = std::fs::OpenOptions::new().read(true).write(true).create_new(true).open(&name) {
            return Some((name, f));
        }
    }
    None
}

// ---------------------------------------------------------------------
// File state
// ---------------------------------------------------------------------

pub enum Stream {
    Stdin,
    Stdout,
    Stderr,
    Disk(File),
}

pub struct FileState {
    /// `None` once closed.
    pub stream: Option<Stream>,
    /// Read-ahead: `rbuf[rpos..]` has been read from the stream but not
    /// yet consumed.
    pub rbuf: Vec<u8>,
    pub rpos: usize,
}

const CHUNK: usize = 16 * 1024;

pub fn ebadf() -> std::io::Error {
    std::io::Error::from_raw_os_error(9)
}

pub fn espipe() -> std::io::Error {
    std::io::Error::from_raw_os_error(29)
}

impl FileState {
    pub fn new(stream: Stream) -> FileState {
        FileState { stream: Some(stream), rbuf: Vec::new(), rpos: 0 }
    }

    pub fn is_std(&self) -> bool {
        matches!(self.stream, Some(Stream::Stdin | Stream::Stdout | Stream::Stderr))
    }

    /// Refills the read-ahead buffer; `Ok(false)` at end of file.
    pub fn fill(&mut self) -> std::io::Result<bool> {
        if self.rpos < self.rbuf.len() {
            return Ok(true);
        }
        self.rbuf.clear();
        self.rpos = 0;
        let mut buf = vec![0u8; CHUNK];
        let n = match &mut self.stream {
            Some(Stream::Stdin) => std::io::stdin().read(&mut buf)?,
            Some(Stream::Disk(f)) => f.read(&mut buf)?,
            Some(Stream::Stdout | Stream::Stderr) => return Err(ebadf()),
            None => return Err(ebadf()),
        };
        buf.truncate(n);
        self.rbuf = buf;
        Ok(n > 0)
    }

    pub fn peek(&mut self) -> std::io::Result<Option<u8>> {
        if self.fill()? {
            Ok(self.rbuf.get(self.rpos).copied())
        } else {
            Ok(None)
        }
    }

    /// Drops read-ahead before writing or seeking, moving the OS position
    /// back to the logical one.
    pub fn discard_readahead(&mut self) -> std::io::Result<()> {
        let unread = self.rbuf.len() - self.rpos;
        if unread > 0 {
            if let Some(Stream::Disk(f)) = &mut self.stream {
                f.seek(SeekFrom::Current(-(unread as i64)))?;
            }
        }
        self.rbuf.clear();
        self.rpos = 0;
        Ok(())
    }
}

/// The per-run state of the io library.
struct IoState {
    meta: TableRef,
    files: RefCell<HashMap<usize, (Weak<UserData>, FileState)>>,
    /// Default input and output files (5.1 keeps them in the io
    /// functions' environment).
    input: RefCell<Value>,
    output: RefCell<Value>,
}

fn addr(u: &UserDataRef) -> usize {
    Rc::as_ptr(&u.0) as usize
}

impl IoState {
    /// Wraps a stream in a new file userdata.
    fn new_file(&self, stream: Stream) -> Value {
        self.files.borrow_mut().retain(|_, (w, _)| w.strong_count() > 0);
        let ud = UserDataRef(Rc::new(UserData {
            meta: RefCell::new(Some(self.meta.clone())),
            env: RefCell::new(None),
            id: std::cell::Cell::new(0),
        }));
        self.files.borrow_mut().insert(addr(&ud), (Rc::downgrade(&ud.0), FileState::new(stream)));
        Value::UserData(ud)
    }

    /// The file's address if `v` is one of our files.
    fn file_key(&self, v: &Value) -> Option<usize> {
        let Value::UserData(u) = v else { return None };
        let meta = u.0.meta.borrow().clone()?;
        if !meta.ptr_eq(&self.meta) {
            return None;
        }
        let key = addr(u);
        self.files.borrow().contains_key(&key).then_some(key)
    }

    fn is_closed(&self, key: usize) -> bool {
        self.files.borrow().get(&key).is_none_or(|(_, f)| f.stream.is_none())
    }

    /// Runs `op` on an open file's state.
    fn with<R>(&self, key: usize, op: impl FnOnce(&mut FileState) -> R) -> Option<R> {
        let mut files = self.files.borrow_mut();
        let (_, f) = files.get_mut(&key)?;
        Some(op(f))
    }
}

// ---------------------------------------------------------------------
// Library setup
// ---------------------------------------------------------------------

type IoFn = fn(&Ctx, &Rc<IoState>, Vec<Value>) -> LResult<Vec<Value>>;

fn strong(io: &Rc<IoState>, name: &'static str, f: IoFn) -> Value {
    let io = io.clone();
    Value::Func(FuncRef::builtin(name, move |ctx, args| f(ctx, &io, args)))
}

fn weak(io: &Rc<IoState>, name: &'static str, f: IoFn) -> Value {
    let io = Rc::downgrade(io);
    Value::Func(FuncRef::builtin(name, move |ctx, args| match io.upgrade() {
        Some(io) => f(ctx, &io, args),
        None => Err(ctx.lib_error("attempt to use a closed file")),
    }))
}

pub fn open() -> TableRef {
    let meta = TableRef::new(Table::new());
    let io = Rc::new(IoState {
        meta: meta.clone(),
        files: RefCell::new(HashMap::new()),
        input: RefCell::new(Value::Nil),
        output: RefCell::new(Value::Nil),
    });
    let stdin = io.new_file(Stream::Stdin);
    let stdout = io.new_file(Stream::Stdout);
    let stderr = io.new_file(Stream::Stderr);
    *io.input.borrow_mut() = stdin.clone();
    *io.output.borrow_mut() = stdout.clone();

    let methods: [(&'static str, IoFn); 9] = [
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
    {
        let mut m = meta.0.borrow_mut();
        for (name, f) in methods {
            m.set(Value::str(name.as_bytes()), weak(&io, name, f));
        }
        m.set(Value::str(b"__index"), Value::Table(meta.clone()));
    }

    let lib = TableRef::new(Table::new());
    let functions: [(&'static str, IoFn); 11] = [
        ("close", io_close),
        ("flush", io_flush),
        ("input", |c, io, a| io_iofile(c, io, a, true)),
        ("lines", io_lines),
        ("open", io_open),
        ("output", |c, io, a| io_iofile(c, io, a, false)),
        ("popen", io_popen),
        ("read", io_read),
        ("tmpfile", io_tmpfile),
        ("type", io_type),
        ("write", io_write),
    ];
    {
        let mut l = lib.0.borrow_mut();
        for (name, f) in functions {
            l.set(Value::str(name.as_bytes()), strong(&io, name, f));
        }
        l.set(Value::str(b"stdin"), stdin);
        l.set(Value::str(b"stdout"), stdout);
        l.set(Value::str(b"stderr"), stderr);
    }
    lib
}

// ---------------------------------------------------------------------
// Argument checks
// ---------------------------------------------------------------------

/// `tofile`: argument `i` must be a file (`FILE* expected`) and open.
fn to_file(ctx: &Ctx, io: &IoState, args: &[Value], i: usize) -> LResult<usize> {
    let key = match args.get(i).and_then(|v| io.file_key(v)) {
        Some(k) => k,
        None => return Err(ctx.type_arg_error(args, i, "FILE*")),
    };
    if io.is_closed(key) {
        return Err(ctx.lib_error("attempt to use a closed file"));
    }
    Ok(key)
}

/// `getiofile`: the default input or output file, which must be open.
fn io_file(ctx: &Ctx, io: &IoState, input: bool) -> LResult<usize> {
    let v = if input { io.input.borrow().clone() } else { io.output.borrow().clone() };
    match io.file_key(&v) {
        Some(k) if !io.is_closed(k) => Ok(k),
        _ => Err(ctx.lib_error(format!("standard {} file is closed", if input { "input" } else { "output" }))),
    }
}

/// How glibc's `fopen` reads a mode string; `None` is `EINVAL`.
fn open_options(mode: &[u8]) -> Option<std::fs::OpenOptions> {
    let mut o = std::fs::OpenOptions::new();
    let (first, rest) = mode.split_first()?;
    let plus = rest.iter().take(6).take_while(|&&c| c != b',').any(|&c| c == b'+');
    let excl = rest.iter().take(6).take_while(|&&c| c != b',').any(|&c| c == b'x');
    match first {
        b'r' => {
            o.read(true);
            if plus {
                o.write(true);
            }
        }
        b'w' => {
            o.write(true).truncate(true);
            if excl {
                o.create_new(true);
            } else {
                o.create(true);
            }
            if plus {
                o.read(true);
            }
        }
        b'a' => {
            o.append(true);
            if excl {
                o.create_new(true);
            } else {
                o.create(true);
            }
            if plus {
                o.read(true);
            }
        }
        _ => return None,
    }
    Some(o)
}

pub fn fopen(name: &[u8], mode: &[u8]) -> std::io::Result<File> {
    let mode = match mode.iter().position(|&b| b == 0) {
        Some(i) => &mode[..i],
        None => mode,
    };
    match open_options(mode) {
        Some(o) => o.open(c_path(name)),
        None => Err(std::io::Error::from_raw_os_error(22)),
    }
}

// ---------------------------------------------------------------------
// io.* functions
// ---------------------------------------------------------------------

fn io_open(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let name = ctx.check_str(&args, 0)?;
    let mode = ctx.opt_str(&args, 1, b"r")?;
    match fopen(name.as_bytes(), mode.as_bytes()) {
        Ok(f) => Ok(vec![io.new_file(Stream::Disk(f))]),
        Err(e) => Ok(fail_result(Some(name.as_bytes()), &e)),
    }
}

fn io_close(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    if args.is_empty() {
        let out = io.output.borrow().clone();
        return f_close(ctx, io, vec![out]);
    }
    f_close(ctx, io, args)
}

fn io_flush(ctx: &Ctx, io: &Rc<IoState>, _args: Vec<Value>) -> LResult<Vec<Value>> {
    let key = io_file(ctx, io, false)?;
    Ok(flush(ctx, io, key))
}

/// `io.input` / `io.output`.
fn io_iofile(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>, input: bool) -> LResult<Vec<Value>> {
    let slot = if input { &io.input } else { &io.output };
    match args.first() {
        None | Some(Value::Nil) => {}
        Some(Value::Str(_) | Value::Num(_)) => {
            let name = ctx.check_str(&args, 0)?;
            let mode: &[u8] = if input { b"r" } else { b"w" };
            match fopen(name.as_bytes(), mode) {
                Ok(f) => *slot.borrow_mut() = io.new_file(Stream::Disk(f)),
                Err(e) => {
                    let msg = format!("{}: {}", String::from_utf8_lossy(name.as_bytes()), strerror(&e));
                    return Err(ctx.arg_error(1, &msg));
                }
            }
        }
        Some(v) => {
            to_file(ctx, io, &args, 0)?;
            *slot.borrow_mut() = v.clone();
        }
    }
    Ok(vec![slot.borrow().clone()])
}

fn io_lines(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    match args.first() {
        None | Some(Value::Nil) => {
            let input = io.input.borrow().clone();
            f_lines(ctx, io, vec![input])
        }
        Some(_) => {
            let name = ctx.check_str(&args, 0)?;
            match fopen(name.as_bytes(), b"r") {
                Ok(f) => {
                    let file = io.new_file(Stream::Disk(f));
                    Ok(vec![lines_iterator(io, file, true)])
                }
                Err(e) => {
                    let msg = format!("{}: {}", String::from_utf8_lossy(name.as_bytes()), strerror(&e));
                    Err(ctx.arg_error(1, &msg))
                }
            }
        }
    }
}

fn io_read(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let key = io_file(ctx, io, true)?;
    g_read(ctx, io, key, &args, 0)
}

fn io_write(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let key = io_file(ctx, io, false)?;
    g_write(ctx, io, key, &args, 0)
}

fn io_type(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let v = ctx.check_any(&args, 0)?;
    Ok(vec![match io.file_key(&v) {
        None => Value::Nil,
        Some(k) if io.is_closed(k) => Value::str(b"closed file"),
        Some(_) => Value::str(b"file"),
    }])
}

fn io_popen(ctx: &Ctx, _io: &Rc<IoState>, _args: Vec<Value>) -> LResult<Vec<Value>> {
    Err(ctx.lib_error("'popen' not supported"))
}

fn io_tmpfile(_ctx: &Ctx, io: &Rc<IoState>, _args: Vec<Value>) -> LResult<Vec<Value>> {
    let dir = std::env::temp_dir();
    let prefix = format!("{}/lua_", dir.display());
    match create_temp(&prefix) {
        Some((name, f)) => {
            // Unlinked at once, like tmpfile(3): gone when closed.
            let _ = std::fs::remove_file(&name);
            Ok(vec![io.new_file(Stream::Disk(f))])
        }
        None => Ok(fail_result(None, &std::io::Error::from_raw_os_error(17))),
    }
}

// ---------------------------------------------------------------------
// File methods
// ---------------------------------------------------------------------

fn f_close(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let key = to_file(ctx, io, &args, 0)?;
    let std = io.with(key, |f| f.is_std()).unwrap_or(false);
    if std {
        return Ok(vec![Value::Nil, Value::str(b"cannot close standard file")]);
    }
    let result = io.with(key, |f| {
        f.rbuf.clear();
        f.rpos = 0;
        // Dropping the file closes it.
        f.stream = None;
    });
    Ok(match result {
        Some(()) => vec![Value::Bool(true)],
        None => vec![Value::Nil],
    })
}

fn f_gc(_ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    if let Some(key) = args.first().and_then(|v| io.file_key(v)) {
        io.with(key, |f| {
            if !f.is_std() {
                f.stream = None;
            }
        });
    }
    Ok(vec![])
}

fn f_tostring(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let key = match args.first().and_then(|v| io.file_key(v)) {
        Some(k) => k,
        None => return Err(ctx.type_arg_error(&args, 0, "FILE*")),
    };
    let text = if io.is_closed(key) { "file (closed)".to_string() } else { format!("file ({key:#010x})") };
    Ok(vec![Value::str(text.as_bytes())])
}

fn flush(ctx: &Ctx, io: &IoState, key: usize) -> Vec<Value> {
    let r = io.with(key, |f| match &mut f.stream {
        Some(Stream::Stdout) => {
            ctx.st.flush_out();
            Ok(())
        }
        Some(Stream::Stderr) => std::io::stderr().flush(),
        Some(Stream::Disk(file)) => file.flush(),
        _ => Ok(()),
    });
    match r {
        Some(Err(e)) => fail_result(None, &e),
        _ => vec![Value::Bool(true)],
    }
}

fn f_flush(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let key = to_file(ctx, io, &args, 0)?;
    Ok(flush(ctx, io, key))
}

fn f_lines(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    to_file(ctx, io, &args, 0)?;
    Ok(vec![lines_iterator(io, args[0].clone(), false)])
}

fn f_read(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let key = to_file(ctx, io, &args, 0)?;
    g_read(ctx, io, key, &args, 1)
}

fn f_write(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let key = to_file(ctx, io, &args, 0)?;
    g_write(ctx, io, key, &args, 1)
}

fn f_seek(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    let key = to_file(ctx, io, &args, 0)?;
    let whence = check_option(ctx, &args, 1, Some(b"cur"), &["set", "cur", "end"])?;
    let offset = ctx.opt_integer(&args, 2, 0)?;
    let r = io.with(key, |f| -> std::io::Result<u64> {
        match &mut f.stream {
            Some(Stream::Disk(_)) => {
                f.discard_readahead()?;
                let Some(Stream::Disk(file)) = &mut f.stream else { return Err(ebadf()) };
                let target = match whence {
                    0 if offset < 0 => return Err(std::io::Error::from_raw_os_error(22)),
                    0 => SeekFrom::Start(offset as u64),
                    1 => SeekFrom::Current(offset),
                    _ => SeekFrom::End(offset),
                };
                file.seek(target)
            }
            Some(Stream::Stdout) if whence == 1 && offset == 0 => match &*ctx.st.out.borrow() {
                Output::Capture(buf) => Ok(buf.len() as u64),
                Output::Stdout => Err(espipe()),
            },
            _ => Err(espipe()),
        }
    });
    Ok(match r {
        Some(Ok(pos)) => vec![num(pos as f64)],
        Some(Err(e)) => fail_result(None, &e),
        None => vec![Value::Nil],
    })
}

fn f_setvbuf(ctx: &Ctx, io: &Rc<IoState>, args: Vec<Value>) -> LResult<Vec<Value>> {
    to_file(ctx, io, &args, 0)?;
    check_option(ctx, &args, 1, None, &["no", "full", "line"])?;
    ctx.opt_integer(&args, 2, 1024)?;
    Ok(vec![Value::Bool(true)])
}

/// The iterator of `io.lines` / `file:lines`; `close` closes the file at
/// end of file (only for `io.lines(name)`).
fn lines_iterator(io: &Rc<IoState>, file: Value, close: bool) -> Value {
    let io = Rc::downgrade(io);
    Value::Func(FuncRef::builtin("lines", move |ctx, _args| {
        let io = io.upgrade();
        let key = io.as_ref().and_then(|io| io.file_key(&file));
        let (Some(io), Some(key)) = (io, key) else {
            return Err(ctx.lib_error("file is already closed"));
        };
        if io.is_closed(key) {
            return Err(ctx.lib_error("file is already closed"));
        }
        match read_one(ctx, &io, key, Format::Line)? {
            Err(e) => Err(ctx.lib_error(strerror(&e))),
            Ok(Some(line)) => Ok(vec![line]),
            Ok(None) => {
                if close {
                    io.with(key, |f| f.stream = None);
                }
                Ok(vec![])
            }
        }
    }))
}

// ---------------------------------------------------------------------
// Reading and writing
// ---------------------------------------------------------------------

/// `g_write`: arguments from `first` on; numbers as `%.14g`.
fn g_write(ctx: &Ctx, io: &IoState, key: usize, args: &[Value], first: usize) -> LResult<Vec<Value>> {
    let mut status: std::io::Result<()> = Ok(());
    for i in first..args.len() {
        let bytes: Vec<u8> = match &args[i] {
            Value::Num(n) => fmt_number(*n).into_bytes(),
            _ => ctx.check_str(args, i)?.as_bytes().to_vec(),
        };
        if status.is_err() {
            continue;
        }
        status = io
            .with(key, |f| -> std::io::Result<()> {
                f.discard_readahead()?;
                match &mut f.stream {
                    Some(Stream::Stdout) => {
                        ctx.st.write_out(&bytes);
                        Ok(())
                    }
                    Some(Stream::Stderr) => std::io::stderr().write_all(&bytes),
                    Some(Stream::Disk(file)) => file.write_all(&bytes),
                    Some(Stream::Stdin) | None => Err(ebadf()),
                }
            })
            .unwrap_or_else(|| Err(ebadf()));
    }
    ctx.check_memory()?;
    Ok(match status {
        Ok(()) => vec![Value::Bool(true)],
        Err(e) => fail_result(None, &e),
    })
}

/// One read format's result: `Ok(Some(value))`, `Ok(None)` for a failed
/// read (the result becomes nil and reading stops), or an I/O error.
type ReadOne = std::io::Result<Option<Value>>;

enum Format {
    Count(u64),
    Line,
    Number,
    All,
}

/// `g_read`: formats from `first` on (none means one line). Each format
/// is checked when reached, after the earlier ones have read, as in 5.1.
fn g_read(ctx: &Ctx, io: &IoState, key: usize, args: &[Value], first: usize) -> LResult<Vec<Value>> {
    if args.len() <= first {
        return Ok(match read_one(ctx, io, key, Format::Line)? {
            Err(e) => fail_result(None, &e),
            Ok(v) => vec![v.unwrap_or_default()],
        });
    }
    let mut out = Vec::new();
    for (i, arg) in args.iter().enumerate().skip(first) {
        let fmt = match arg {
            Value::Num(n) => Format::Count(to_integer(*n) as u64),
            Value::Str(s) => match s.as_bytes() {
                [b'*', b'n', ..] => Format::Number,
                [b'*', b'l', ..] => Format::Line,
                [b'*', b'a', ..] => Format::All,
                [b'*', ..] => return Err(ctx.arg_error(i + 1, "invalid format")),
                _ => return Err(ctx.arg_error(i + 1, "invalid option")),
            },
            _ => return Err(ctx.arg_error(i + 1, "invalid option")),
        };
        match read_one(ctx, io, key, fmt)? {
            Err(e) => return Ok(fail_result(None, &e)),
            Ok(Some(v)) => out.push(v),
            Ok(None) => {
                out.push(Value::Nil);
                break;
            }
        }
    }
    Ok(out)
}

fn read_one(ctx: &Ctx, io: &IoState, key: usize, fmt: Format) -> LResult<ReadOne> {
    let result = io.with(key, |f| -> LResult<ReadOne> {
        let r = match fmt {
            Format::Count(0) => f.peek().map(|c| c.map(|_| Value::str(b""))),
            Format::Count(n) => read_chars(ctx, f, n)?,
            Format::Line => read_line(ctx, f)?,
            Format::All => read_chars(ctx, f, u64::MAX)?.map(|v| Some(v.unwrap_or_else(|| Value::str(b"")))),
            Format::Number => read_number(f),
        };
        Ok(r)
    });
    match result {
        Some(r) => r,
        None => Ok(Err(ebadf())),
    }
}

fn read_chars(ctx: &Ctx, f: &mut FileState, n: u64) -> LResult<ReadOne> {
    let mut buf = Vec::new();
    let mut left = n;
    while left > 0 {
        match f.fill() {
            Err(e) => return Ok(Err(e)),
            Ok(false) => break,
            Ok(true) => {}
        }
        let avail = &f.rbuf[f.rpos..];
        let take = (avail.len() as u64).min(left) as usize;
        check_length(ctx, (buf.len() + take) as u64)?;
        buf.extend_from_slice(&avail[..take]);
        f.rpos += take;
        left -= take as u64;
    }
    if buf.is_empty() && n > 0 {
        return Ok(Ok(None));
    }
    let v = Value::Str(LStr::from_vec(buf));
    ctx.check_memory()?;
    Ok(Ok(Some(v)))
}

fn read_line(ctx: &Ctx, f: &mut FileState) -> LResult<ReadOne> {
    let mut buf = Vec::new();
    loop {
        match f.fill() {
            Err(e) => return Ok(Err(e)),
            Ok(false) => {
                if buf.is_empty() {
                    return Ok(Ok(None));
                }
                break;
            }
            Ok(true) => {}
        }
        let avail = &f.rbuf[f.rpos..];
        match avail.iter().position(|&b| b == b'\n') {
            Some(i) => {
                check_length(ctx, (buf.len() + i) as u64)?;
                buf.extend_from_slice(&avail[..i]);
                f.rpos += i + 1;
                break;
            }
            None => {
                check_length(ctx, (buf.len() + avail.len()) as u64)?;
                buf.extend_from_slice(avail);
                f.rpos = f.rbuf.len();
            }
        }
    }
    let v = Value::Str(LStr::from_vec(buf));
    ctx.check_memory()?;
    Ok(Ok(Some(v)))
}

/// `read("*n")` as a Lua value.
fn read_number(f: &mut FileState) -> ReadOne {
    Ok(scan_number(f)?.map(num))
}

/// `fscanf("%lf")`: skips white space, consumes the longest prefix that
/// can still be a number, and converts it. Value-free, so the vm's io
/// library reads numbers with it too.
pub fn scan_number(f: &mut FileState) -> std::io::Result<Option<f64>> {
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    while let Some(c) = f.peek()? {
        if !is_space(c) {
            break;
        }
        f.rpos += 1;
    }
    let mut text: Vec<u8> = Vec::new();
    // States: sign, integer digits, fraction digits, exponent sign,
    // exponent digits; hex after "0x".
    let mut hex = false;
    let mut seen_dot = false;
    let mut seen_exp = false;
    while let Some(c) = f.peek()? {
        let last = text.last().copied();
        let ok = match c {
            b'+' | b'-' => text.is_empty() || (seen_exp && matches!(last, Some(b'e' | b'E' | b'p' | b'P'))),
            b'x' | b'X' => !hex && (text == b"0" || text == b"+0" || text == b"-0"),
            b'.' => !seen_dot && !seen_exp,
            b'e' | b'E' if !hex => !seen_exp && text.iter().any(|b| b.is_ascii_digit()),
            b'p' | b'P' if hex => !seen_exp && text.iter().skip(2).any(|b| b.is_ascii_hexdigit()),
            _ if hex && !seen_exp => c.is_ascii_hexdigit(),
            _ => c.is_ascii_digit(),
        };
        if !ok {
            break;
        }
        match c {
            b'x' | b'X' => hex = true,
            b'.' => seen_dot = true,
            b'e' | b'E' | b'p' | b'P' => seen_exp = true,
            _ => {}
        }
        text.push(c);
        f.rpos += 1;
        if text.len() > 4096 {
            break;
        }
    }
    Ok(str_to_number(&text))
}
