//! Running a program on the `interp` tier and producing the same
//! `Outcome` the reference tier produces (DESIGN.md, "The observable
//! outcome").

use perigee_reference::interp::error::LimitKind;
use perigee_reference::{End, Outcome, Report, RunOptions};

use crate::func::{load_proto, Closure, LoadError};
use crate::gc::{Heap, HeapConfig};
use crate::interp::{LuaError, Output, Vm};
use crate::value::Value;

/// Runs `source` on one of the long-lived run threads the reference tier
/// also uses (`perigee_reference::outcome::run_pooled`: a big host stack,
/// and no fresh thread per run, whose stack qemu-user would never give
/// back).
pub fn run(source: &[u8], chunkname: &[u8], options: &RunOptions) -> Report {
    let (source, chunkname, opts) = (source.to_vec(), chunkname.to_vec(), options.clone());
    perigee_reference::outcome::run_pooled("the interpreter panicked", move || run_here(&source, &chunkname, &opts))
}

/// Runs on the current thread.
pub fn run_here(source: &[u8], chunkname: &[u8], opts: &RunOptions) -> Report {
    let mut config = HeapConfig::from_env();
    config.memory_limit = opts.limits.memory;
    let out = if opts.stream_stdout { Output::Stdout } else { Output::Capture(Vec::new()) };
    let end = match Vm::new(Heap::with_config(config), out) {
        Err(_) => (End::Limit(LimitKind::Memory), Vec::new()),
        Ok(mut vm) => {
            vm.step_limit = opts.limits.steps.unwrap_or(u64::MAX);
            let end = run_in(&mut vm, source, chunkname, opts);
            let stdout = match std::mem::replace(&mut vm.out, Output::Stdout) {
                Output::Capture(b) => b,
                Output::Stdout => {
                    use std::io::Write;
                    let _ = std::io::stdout().flush();
                    Vec::new()
                }
            };
            (end, stdout)
        }
    };
    Report { outcome: Outcome { stdout: end.1, end: end.0 }, traceback: None, leaked_bytes: 0 }
}

fn end_of(vm: &Vm, e: LuaError) -> End {
    match e {
        LuaError::Limit(k) => End::Limit(k),
        LuaError::Error(v) => End::Error(error_message(vm, v)),
        LuaError::Yield => End::Error(b"attempt to yield across metamethod/C-call boundary".to_vec()),
    }
}

/// `lua.c`'s rendering of an uncaught error value.
pub fn error_message(vm: &Vm, v: Value) -> Vec<u8> {
    if v.is_num() || v.is_string() {
        vm.tostring_plain(v)
    } else if v.is_nil() {
        Vec::new()
    } else {
        b"(error object is not a string)".to_vec()
    }
}

/// Compiles a chunk into a closure with the globals as environment.
pub fn load(vm: &mut Vm, source: &[u8], chunkname: &[u8]) -> Result<Value, End> {
    let chunk = perigee_reference::parser::parse(source, chunkname).map_err(|e| End::Error(e.message))?;
    load_chunk(vm, &chunk, chunkname)
}

fn load_chunk(vm: &mut Vm, chunk: &perigee_reference::ast::Chunk, chunkname: &[u8]) -> Result<Value, End> {
    let proto = crate::compile::compile(chunk, chunkname).map_err(|e| End::Error(e.render(chunkname)))?;
    let p = load_proto(&mut vm.heap, proto).map_err(|e| match e {
        LoadError::Memory(_) => End::Limit(LimitKind::Memory),
        LoadError::Invalid(e) => End::Error(format!("internal: {e}").into_bytes()),
    })?;
    // A main chunk has no upvalues, so no cells (checked here without a
    // Lua error to report it through).
    let Some(closure) = Closure::lua(&vm.heap, p, Vec::new(), vm.globals) else {
        return Err(End::Error(b"internal: a main chunk with upvalues".to_vec()));
    };
    vm.heap.alloc(closure).map_err(|_| End::Limit(LimitKind::Memory))
}

/// Calls a loaded chunk from slot 0 with `args`.
fn call_chunk(vm: &mut Vm, f: Value, args: &[Value]) -> Result<Vec<Value>, LuaError> {
    vm.call_value(f, args)
}

fn run_in(vm: &mut Vm, source: &[u8], chunkname: &[u8], opts: &RunOptions) -> End {
    if let Err(e) = crate::lib::open_libs(vm) {
        return end_of(vm, e);
    }
    if let Err(e) = make_arg_table(vm, opts) {
        return end_of(vm, e);
    }
    if let Some(code) = &opts.prelude {
        let f = match load(vm, code, b"=(command line)") {
            Ok(f) => f,
            Err(end) => return end,
        };
        if let Err(e) = call_chunk(vm, f, &[]) {
            return end_of(vm, e);
        }
    }
    let mut chunk = match perigee_reference::parser::parse(source, chunkname) {
        Ok(c) => c,
        Err(e) => return End::Error(e.message),
    };
    if let Some(t) = opts.transform {
        t(&mut chunk);
    }
    let f = match load_chunk(vm, &chunk, chunkname) {
        Ok(f) => f,
        Err(end) => return end,
    };
    // The chunk and its arguments are rooted by the stack once pushed;
    // nothing collects before that.
    let mut args = Vec::with_capacity(opts.script_args.len());
    for a in &opts.script_args {
        match vm.intern(a) {
            Ok(v) => args.push(v),
            Err(e) => return end_of(vm, e),
        }
    }
    match call_chunk(vm, f, &args) {
        Ok(values) => End::Ok(values.iter().map(|v| vm.tostring_plain(*v)).collect()),
        Err(e) => end_of(vm, e),
    }
}

fn make_arg_table(vm: &mut Vm, opts: &RunOptions) -> Result<(), LuaError> {
    let Some(name) = &opts.script_name else { return Ok(()) };
    let t = vm.new_table(opts.script_args.len(), 1)?;
    vm.set_global("arg", t)?;
    let before = opts.interpreter_args.len() as f64;
    for (i, a) in opts.interpreter_args.iter().enumerate() {
        let s = vm.intern(a)?;
        vm.raw_set(t, Value::from_num(i as f64 - before), s)?;
    }
    let s = vm.intern(name)?;
    vm.raw_set(t, Value::from_num(0.0), s)?;
    for (i, a) in opts.script_args.iter().enumerate() {
        let s = vm.intern(a)?;
        vm.raw_set(t, Value::from_num((i + 1) as f64), s)?;
    }
    Ok(())
}
