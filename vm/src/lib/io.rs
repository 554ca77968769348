//! A first slice of the `io` library: `io.write` and `io.stdout:write`,
//! the output the oracle compares (DESIGN.md). Until file handles exist
//! (userdata with the `FILE*` metatable, issue 3), `io.stdout` is a plain
//! table whose `write` method writes to the run's output. Both return
//! `true`, as 5.1's `g_write` (`pushresult`) does.

use crate::interp::{LResult, Vm};
use crate::value::Value;

pub fn open(vm: &mut Vm) -> LResult<()> {
    let io = vm.make_lib("io", &[("write", io_write)])?;
    let stdout = vm.new_table(0, 1)?;
    let k = vm.intern(b"stdout")?;
    vm.raw_set(io, k, stdout)?;
    let f = vm.builtin("write", f_write)?;
    let k = vm.intern(b"write")?;
    vm.raw_set(stdout, k, f)?;
    // Kept so `f_write` can recognise its file whatever the program does
    // to the field.
    let k = vm.intern(b"perigee.stdout")?;
    vm.raw_set(vm.registry, k, stdout)
}

/// 5.1's `g_write`: strings and numbers (`%.14g`) from argument `first`.
fn g_write(vm: &mut Vm, args: &[Value], first: usize) -> LResult<()> {
    let mut out = Vec::new();
    for i in first..args.len() {
        let b = vm.check_str(args, i)?;
        out.extend_from_slice(&b);
    }
    vm.write_out(&out);
    Ok(())
}

fn stdout_value(vm: &mut Vm) -> LResult<Value> {
    let k = vm.intern(b"perigee.stdout")?;
    Ok(vm.heap.table_get(vm.registry, k))
}

fn io_write(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    g_write(vm, &args, 0)?;
    Ok(vec![Value::TRUE])
}

fn f_write(vm: &mut Vm, args: Vec<Value>) -> LResult<Vec<Value>> {
    let me = stdout_value(vm)?;
    if !args.first().is_some_and(|v| v.raw_eq(me)) {
        return Err(vm.type_arg_error(&args, 0, "FILE*"));
    }
    g_write(vm, &args, 1)?;
    Ok(vec![Value::TRUE])
}
