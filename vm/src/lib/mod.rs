//! The standard library of the `interp` tier: `base`, `string` (with the
//! string metatable), `table`, `math`, `coroutine`, `io` (files are
//! userdata holding the reference tier's `FileState`), `os`, `debug` and
//! `package` (opened last: `package.loaded` lists the others). Pure logic (patterns, format directives, number conversion,
//! C math helpers) is the reference tier's `spec`; value handling is ours.
//!
//! Builtins get their arguments as an `Args` (an inline vector, see
//! `func::BuiltinFn`) whose values are still on the Lua stack (so they
//! stay rooted while the builtin calls back into Lua), and return their
//! results as a `Rets` (`rets![a, b]`). Allocation never collects, but any
//! call back into Lua may: a value a builtin made or read and still needs
//! after such a call goes in `Vm::pinned` meanwhile (see `table::sort`).
//! A builtin with state between calls (`gmatch`, `wrap`) keeps it in its
//! closure's `upvals` (`Vm::builtin_with`, `Vm::current_closure`). Argument checks use PUC-Rio's
//! `luaL_check*` wording, naming the function as its caller did.

pub mod base;
pub mod coroutine;
pub mod debug;
pub mod io;
pub mod math;
pub mod os;
pub mod package;
pub mod string;
pub mod table;
pub mod userdata;

use crate::func::{BuiltinFn, Closure, Special};
use crate::interp::{LResult, Vm};

/// Largest string the library builds (beyond it: "not enough memory").
pub const MAX_STRING: u64 = 1 << 31;
use crate::value::{Type, Value};

/// Installs every library written so far into the globals.
pub fn open_libs(vm: &mut Vm) -> LResult<()> {
    base::open(vm)?;
    string::open(vm)?;
    table::open(vm)?;
    math::open(vm)?;
    io::open(vm)?;
    coroutine::open(vm)?;
    os::open(vm)?;
    debug::open(vm)?;
    package::open(vm)?;
    mark_pure(vm)
}

/// The builtins a Lua call runs without a frame record
/// (`func::Special::Pure`), by library (`None`: the globals). Each one
/// only reads its arguments (and tables, raw), builds strings, tables or
/// numbers and returns: no call into Lua (so no `tostring`, `gsub`,
/// `sort`), no metamethod, no change to anything that exists (so no
/// `rawset`, `setmetatable`, `insert`, `random`), no look at the frames or
/// at its own closure (so no `gmatch`'s iterator, `error`, `getfenv`). The
/// hot ones are what the list is for: `sub`, `byte`, `find`, `format`,
/// `sqrt`, `floor`, `type`, `select`, `unpack`, `concat`.
const PURE: &[(Option<&str>, &[&str])] = &[
    (
        None,
        &["assert", "getmetatable", "ipairs", "pairs", "rawequal", "rawget", "select", "tonumber", "type", "unpack"],
    ),
    (Some("string"), &["byte", "char", "find", "format", "len", "lower", "match", "rep", "reverse", "sub", "upper"]),
    (Some("table"), &["concat", "getn", "maxn"]),
    (
        Some("math"),
        &[
            "abs", "acos", "asin", "atan", "atan2", "ceil", "cos", "cosh", "deg", "exp", "floor", "fmod", "frexp",
            "ldexp", "log", "log10", "max", "min", "mod", "modf", "pow", "rad", "sin", "sinh", "sqrt", "tan", "tanh",
        ],
    ),
];

/// Marks the `PURE` builtins, as the libraries just installed them.
fn mark_pure(vm: &mut Vm) -> LResult<()> {
    for (lib, names) in PURE {
        let table = match lib {
            None => vm.globals,
            Some(lib) => {
                let k = vm.intern(lib.as_bytes())?;
                vm.heap.table_get(vm.globals, k)
            }
        };
        for name in names.iter() {
            let k = vm.intern(name.as_bytes())?;
            let f = vm.heap.table_get(table, k);
            vm.set_special(f, Special::Pure);
        }
    }
    Ok(())
}

/// Argument `i` (0-based), nil when absent.
pub fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::NIL)
}

/// The type name `luaL_typerror` prints: "no value" for a missing one.
pub fn got(args: &[Value], i: usize) -> &'static str {
    match args.get(i) {
        None => "no value",
        Some(v) => v.type_tag().name(),
    }
}

impl Vm {
    pub fn type_arg_error(&mut self, args: &[Value], i: usize, expected: &str) -> crate::interp::LuaError {
        let msg = format!("{expected} expected, got {}", got(args, i));
        self.arg_error(i + 1, &msg)
    }

    pub fn check_any(&mut self, args: &[Value], i: usize) -> LResult<Value> {
        match args.get(i) {
            Some(v) => Ok(*v),
            None => Err(self.arg_error(i + 1, "value expected")),
        }
    }

    pub fn check_table(&mut self, args: &[Value], i: usize) -> LResult<Value> {
        match args.get(i) {
            Some(v) if v.type_tag() == Type::Table => Ok(*v),
            _ => Err(self.type_arg_error(args, i, "table")),
        }
    }

    pub fn check_num(&mut self, args: &[Value], i: usize) -> LResult<f64> {
        match args.get(i).and_then(|v| self.to_number(*v)) {
            Some(n) => Ok(n),
            None => Err(self.type_arg_error(args, i, "number")),
        }
    }

    /// `luaL_checkint`: truncated as C's cast to a 64-bit integer, then to `int`.
    pub fn check_int(&mut self, args: &[Value], i: usize) -> LResult<i64> {
        Ok(self.check_integer(args, i)? as i32 as i64)
    }

    /// `luaL_checkinteger`: C's cast to a 64-bit `lua_Integer`.
    pub fn check_integer(&mut self, args: &[Value], i: usize) -> LResult<i64> {
        let n = self.check_num(args, i)?;
        Ok(perigee_reference::spec::format::double_to_long(n))
    }

    pub fn opt_integer(&mut self, args: &[Value], i: usize, default: i64) -> LResult<i64> {
        match args.get(i) {
            None => Ok(default),
            Some(v) if v.is_nil() => Ok(default),
            _ => self.check_integer(args, i),
        }
    }

    pub fn opt_num(&mut self, args: &[Value], i: usize, default: f64) -> LResult<f64> {
        match args.get(i) {
            None => Ok(default),
            Some(v) if v.is_nil() => Ok(default),
            _ => self.check_num(args, i),
        }
    }

    /// Makes a library table of `entries`, stored as global `name`.
    /// Marks builtin `f` as one the interpreter treats specially
    /// (`func::Special`).
    pub(crate) fn set_special(&mut self, f: Value, special: Special) {
        if let Some(Closure::Builtin { special: s, .. }) = self.heap.get_mut::<Closure>(f) {
            *s = special;
        }
    }

    pub fn make_lib(&mut self, name: &str, entries: &[(&'static str, BuiltinFn)]) -> LResult<Value> {
        let t = self.new_table(0, entries.len())?;
        // Rooted at once: nothing collects during library setup, but the
        // global makes the table reachable before any builtin runs.
        self.set_global(name, t)?;
        for (fname, f) in entries {
            let v = self.builtin(fname, *f)?;
            let k = self.intern(fname.as_bytes())?;
            self.raw_set(t, k, v)?;
        }
        Ok(t)
    }

    /// Refuses to build a string of `len` bytes past the run's memory cap
    /// (the memory limit) or past 2^31 bytes ("not enough memory"), as the
    /// reference tier's `check_length` does.
    pub fn check_length(&mut self, len: u64) -> LResult<()> {
        if let Some(max) = self.heap.memory_limit() {
            if (self.heap.bytes() as u64).saturating_add(len) > max as u64 {
                return Err(crate::interp::LuaError::Limit(perigee_reference::interp::error::LimitKind::Memory));
            }
        }
        if len > MAX_STRING {
            return Err(self.error_value(b"not enough memory"));
        }
        Ok(())
    }

    pub fn opt_int(&mut self, args: &[Value], i: usize, default: i64) -> LResult<i64> {
        match args.get(i) {
            None => Ok(default),
            Some(v) if v.is_nil() => Ok(default),
            _ => self.check_int(args, i),
        }
    }

    /// `luaL_checklstring`: strings and numbers (converted).
    pub fn check_str(&mut self, args: &[Value], i: usize) -> LResult<Vec<u8>> {
        match args.get(i).and_then(|v| self.to_bytes(*v)) {
            Some(s) => Ok(s),
            None => Err(self.type_arg_error(args, i, "string")),
        }
    }

    pub fn opt_str(&mut self, args: &[Value], i: usize, default: &[u8]) -> LResult<Vec<u8>> {
        match args.get(i) {
            None => Ok(default.to_vec()),
            Some(v) if v.is_nil() => Ok(default.to_vec()),
            _ => self.check_str(args, i),
        }
    }
}
