//! What a run of a Lua program shows the world, and running a program on
//! the reference tier to get it.
//!
//! Every tier produces an `Outcome`; the oracle compares them byte for
//! byte (DESIGN.md, "The observable outcome").

use std::rc::Rc;
use std::sync::{mpsc, Arc, Mutex, OnceLock};

use crate::interp::call::FrameName;
use crate::interp::error::{LimitKind, LuaError};
use crate::interp::hoststack::Depth;
use crate::interp::lib::open_libs;
use crate::interp::ops::tostring_plain;
use crate::interp::value::Value;
use crate::interp::{Ctx, Limits, Output, State, MAIN_STACK};

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// The chunk returned; its values rendered as `tostring` does without
    /// metamethods.
    Ok(Vec<Vec<u8>>),
    /// An uncaught error, as `lua5.1` reports it on stderr after its
    /// `lua5.1: ` prefix: a string or number message as is, a `nil` error
    /// as nothing, any other value as "(error object is not a string)".
    Error(Vec<u8>),
    /// A bound of the run was hit.
    Limit(LimitKind),
    /// The implementation itself failed (a bug: it should never happen).
    Crash(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub end: End,
}

/// How to run a program.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub limits: Limits,
    /// Write output through to stdout instead of capturing it.
    pub stream_stdout: bool,
    /// The `arg` table: `arg[0]` is the script, positive indices its
    /// arguments, negative ones what came before it on the command line.
    pub script_name: Option<Vec<u8>>,
    pub script_args: Vec<Vec<u8>>,
    pub interpreter_args: Vec<Vec<u8>>,
    /// Code run before the program in the same state (`-e` with a script),
    /// as the chunk `=(command line)`.
    pub prelude: Option<Vec<u8>>,
    /// Rewrites the program's tree before it runs. The oracle uses it to
    /// inject deliberate faults when testing its own machinery (a tier
    /// that is wrong on purpose, with line numbers intact).
    pub transform: Option<fn(&mut crate::ast::Chunk)>,
}

/// An outcome plus what only a human reads: the traceback of an uncaught
/// error.
#[derive(Debug, Clone)]
pub struct Report {
    pub outcome: Outcome,
    pub traceback: Option<String>,
    /// Bytes of strings and tables still alive after the run released
    /// everything it made: anything but 0 is a leak in the interpreter.
    pub leaked_bytes: usize,
}

/// Runs `source` on the reference tier, on one of the pool's workers (see
/// `run_pooled`).
pub fn run(source: &[u8], chunkname: &[u8], options: &RunOptions) -> Report {
    let (source, chunkname, opts) = (source.to_vec(), chunkname.to_vec(), options.clone());
    run_pooled("the reference interpreter panicked", move || {
        // A run that panicked (a bug) may have left objects behind on this
        // thread: free them and start the account afresh.
        crate::interp::arena::release_all();
        crate::interp::memory::reset();
        run_here(&source, &chunkname, &opts)
    })
}

/// Runs `job` (one program run of any tier) on one of a few long-lived
/// worker threads with a large stack (see `interp`'s notes on recursion);
/// a panic becomes `End::Crash(panic_msg)`.
///
/// Workers are reused rather than spawned per run: creating a thread with a
/// gigabyte of reserved stack for every program is slow, and under
/// qemu-user the memory of finished threads' stacks is not given back,
/// which made long test runs run out of memory.
pub fn run_pooled(panic_msg: &'static str, job: impl FnOnce() -> Report + Send + 'static) -> Report {
    let (reply, answer) = mpsc::channel();
    let job = Job { run: Box::new(job), panic_msg, reply };
    let sent = match pool() {
        Ok(queue) => match queue.lock() {
            Ok(tx) => tx.send(job).is_ok(),
            Err(_) => false,
        },
        Err(msg) => return crash_report(msg.clone()),
    };
    if !sent {
        return crash_report("the interpreter workers are gone".into());
    }
    answer.recv().unwrap_or_else(|_| crash_report("the interpreter worker died".into()))
}

fn crash_report(msg: String) -> Report {
    Report { outcome: Outcome { stdout: Vec::new(), end: End::Crash(msg) }, traceback: None, leaked_bytes: 0 }
}

struct Job {
    run: Box<dyn FnOnce() -> Report + Send>,
    panic_msg: &'static str,
    reply: mpsc::Sender<Report>,
}

/// The queue the workers take jobs from, started on first use.
fn pool() -> &'static Result<Mutex<mpsc::Sender<Job>>, String> {
    static POOL: OnceLock<Result<Mutex<mpsc::Sender<Job>>, String>> = OnceLock::new();
    POOL.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
        for i in 0..workers {
            let rx = Arc::clone(&rx);
            std::thread::Builder::new()
                .name(format!("perigee-run-{i}"))
                .stack_size(MAIN_STACK)
                .spawn(move || worker(&rx))
                .map_err(|e| format!("cannot start the interpreter thread: {e}"))?;
        }
        Ok(Mutex::new(tx))
    })
}

fn worker(rx: &Mutex<mpsc::Receiver<Job>>) {
    loop {
        let job = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        let Job { run, panic_msg, reply } = job;
        let report = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
            .unwrap_or_else(|_| crash_report(panic_msg.into()));
        let _ = reply.send(report);
    }
}

/// 5.1's `lua.c` runs the chunk two C calls deep (`lua_cpcall` of its
/// main, then `lua_pcall` of the chunk).
const LUA_C_BASE_CALLS: u32 = 2;

/// Runs on the current thread, which must have `MAIN_STACK` of stack.
fn run_here(source: &[u8], chunkname: &[u8], opts: &RunOptions) -> Report {
    let out = if opts.stream_stdout { Output::Stdout } else { Output::Capture(Vec::new()) };
    let st = State::new(opts.limits, out, opts.script_args.clone());
    open_libs(&st);
    if let Some(name) = &opts.script_name {
        let arg = crate::interp::value::TableRef::new(crate::interp::table::Table::new());
        {
            let mut t = arg.0.borrow_mut();
            let before = opts.interpreter_args.len();
            for (i, a) in opts.interpreter_args.iter().enumerate() {
                t.set(Value::Num(i as f64 - before as f64), Value::str(a));
            }
            t.set(Value::Num(0.0), Value::str(name));
            for (i, a) in opts.script_args.iter().enumerate() {
                t.set(Value::Num((i + 1) as f64), Value::str(a));
            }
        }
        st.globals.0.borrow_mut().set(Value::str(b"arg"), Value::Table(arg));
    }
    st.c_calls.set(LUA_C_BASE_CALLS);
    let ctx = Ctx::new(&st, None, None, Depth::here(MAIN_STACK, MAIN_STACK));
    let prelude = match &opts.prelude {
        None => Ok(()),
        Some(code) => match crate::interp::load(&st.globals, code, b"=(command line)") {
            Err(msg) => Err((End::Error(msg), None)),
            Ok(f) => match ctx.call_function(&f, Vec::new(), FrameName::None) {
                Ok(_) => Ok(()),
                Err(e) => Err(end_of(&ctx, e)),
            },
        },
    };
    let (end, traceback) = match prelude {
        Err(failed) => failed,
        Ok(()) => run_main(&ctx, &st, source, chunkname, opts),
    };
    st.flush_out();
    let stdout = match std::mem::replace(&mut *st.out.borrow_mut(), Output::Stdout) {
        Output::Capture(buf) => buf,
        Output::Stdout => Vec::new(),
    };
    drop(ctx);
    release(&st);
    drop(st);
    Report { outcome: Outcome { stdout, end }, traceback, leaked_bytes: crate::interp::memory::live() }
}

fn end_of(ctx: &Ctx, e: LuaError) -> (End, Option<String>) {
    match e {
        LuaError::Limit(k) => (End::Limit(k), None),
        LuaError::Error { value, .. } => {
            let tb = ctx.traceback(0);
            (End::Error(error_message(&value)), Some(tb))
        }
    }
}

fn run_main(ctx: &Ctx, st: &Rc<State>, source: &[u8], chunkname: &[u8], opts: &RunOptions) -> (End, Option<String>) {
    let loaded = crate::parser::parse(source, chunkname).map(|mut chunk| {
        if let Some(transform) = opts.transform {
            transform(&mut chunk);
        }
        crate::interp::load_chunk(&st.globals, chunk, chunkname)
    });
    match loaded {
        Err(e) => (End::Error(e.message), None),
        Ok(f) => {
            let args: Vec<Value> = opts.script_args.iter().map(|a| Value::str(a)).collect();
            match ctx.call_function(&f, args, FrameName::None) {
                Ok(values) => (End::Ok(values.iter().map(tostring_plain).collect()), None),
                Err(e) => end_of(ctx, e),
            }
        }
    }
}

/// `lua.c`'s rendering of an uncaught error value.
pub fn error_message(v: &Value) -> Vec<u8> {
    match v {
        Value::Str(_) | Value::Num(_) => tostring_plain(v),
        Value::Nil => Vec::new(),
        _ => b"(error object is not a string)".to_vec(),
    }
}

/// Breaks the reference cycles a program may have made through the global
/// tables, so what it built is freed when the run ends.
fn release(st: &Rc<State>) {
    let globals = std::mem::take(&mut *st.globals.0.borrow_mut());
    let loaded = std::mem::take(&mut *st.loaded.0.borrow_mut());
    *st.type_meta.borrow_mut() = Default::default();
    drop(globals);
    drop(loaded);
    crate::interp::arena::release_all();
}
