//! The standard library of §5, and the argument checks every library
//! function shares (PUC-Rio's `luaL_check*` family, with its wording).

pub mod base;
pub mod coroutine;
pub mod debug;
pub mod io;
pub mod math;
pub mod os;
pub mod package;
pub mod string;
pub mod table;

use super::error::LResult;
use super::ops::to_number;
use super::table::Table;
use super::value::{FuncRef, LStr, TableRef, Value};
use super::{type_index, Ctx, State};

/// The builtin's signature without the boxing.
pub type LibFn = fn(&Ctx, Vec<Value>) -> LResult<Vec<Value>>;

/// Makes a library table from `(name, function)` pairs.
pub fn make_lib(entries: &[(&'static str, LibFn)]) -> TableRef {
    let t = TableRef::new(Table::new());
    for (name, f) in entries {
        let f = *f;
        t.0.borrow_mut().set(Value::str(name.as_bytes()), Value::Func(FuncRef::builtin(name, f)));
    }
    t
}

/// Installs every library into the state's globals.
pub fn open_libs(st: &State) {
    let g = &st.globals;
    base::open(st);
    let libs: [(&str, TableRef); 8] = [
        ("coroutine", coroutine::open()),
        ("string", string::open()),
        ("table", table::open()),
        ("math", math::open()),
        ("io", io::open()),
        ("os", os::open()),
        ("debug", debug::open()),
        ("package", package::open(st)),
    ];
    for (name, lib) in libs {
        g.0.borrow_mut().set(Value::str(name.as_bytes()), Value::Table(lib.clone()));
        st.loaded.0.borrow_mut().set(Value::str(name.as_bytes()), Value::Table(lib));
    }
    st.loaded.0.borrow_mut().set(Value::str(b"_G"), Value::Table(g.clone()));
    // Strings index the string table (§5.4).
    if let Value::Table(string) = g.get_str(b"string") {
        let meta = TableRef::new(Table::new());
        meta.0.borrow_mut().set(Value::str(b"__index"), Value::Table(string));
        st.type_meta.borrow_mut()[type_index(&Value::str(b""))] = Some(meta);
    }
}

/// Argument `i` (0-based), nil when absent.
pub fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

/// The type name `luaL_typerror` prints: "no value" for a missing one.
pub fn got(args: &[Value], i: usize) -> &'static str {
    match args.get(i) {
        None => "no value",
        Some(v) => v.type_name(),
    }
}

impl Ctx<'_> {
    /// `luaL_typerror`: "bad argument #n to 'f' (T expected, got U)".
    pub fn type_arg_error(&self, args: &[Value], i: usize, expected: &str) -> super::error::LuaError {
        self.arg_error(i + 1, &format!("{expected} expected, got {}", got(args, i)))
    }

    /// `luaL_checkany`.
    pub fn check_any(&self, args: &[Value], i: usize) -> LResult<Value> {
        match args.get(i) {
            Some(v) => Ok(v.clone()),
            None => Err(self.arg_error(i + 1, "value expected")),
        }
    }

    /// `luaL_checknumber`: numbers and numeric strings.
    pub fn check_num(&self, args: &[Value], i: usize) -> LResult<f64> {
        match args.get(i).and_then(to_number) {
            Some(n) => Ok(n),
            None => Err(self.type_arg_error(args, i, "number")),
        }
    }

    pub fn opt_num(&self, args: &[Value], i: usize, default: f64) -> LResult<f64> {
        match args.get(i) {
            None | Some(Value::Nil) => Ok(default),
            _ => self.check_num(args, i),
        }
    }

    /// `luaL_checkinteger`: the number truncated as C's cast to a 64-bit
    /// integer does on x86-64 (out of range gives the minimum).
    pub fn check_integer(&self, args: &[Value], i: usize) -> LResult<i64> {
        Ok(to_integer(self.check_num(args, i)?))
    }

    pub fn opt_integer(&self, args: &[Value], i: usize, default: i64) -> LResult<i64> {
        match args.get(i) {
            None | Some(Value::Nil) => Ok(default),
            _ => self.check_integer(args, i),
        }
    }

    /// `luaL_checkint`: `luaL_checkinteger` narrowed to C `int`.
    pub fn check_int(&self, args: &[Value], i: usize) -> LResult<i64> {
        Ok(self.check_integer(args, i)? as i32 as i64)
    }

    pub fn opt_int(&self, args: &[Value], i: usize, default: i64) -> LResult<i64> {
        match args.get(i) {
            None | Some(Value::Nil) => Ok(default),
            _ => self.check_int(args, i),
        }
    }

    /// `luaL_checklstring`: strings and numbers (converted).
    pub fn check_str(&self, args: &[Value], i: usize) -> LResult<LStr> {
        match args.get(i) {
            Some(Value::Str(s)) => Ok(s.clone()),
            Some(Value::Num(n)) => Ok(LStr::from_vec(crate::spec::number::fmt_number(*n).into_bytes())),
            _ => Err(self.type_arg_error(args, i, "string")),
        }
    }

    pub fn opt_str(&self, args: &[Value], i: usize, default: &[u8]) -> LResult<LStr> {
        match args.get(i) {
            None | Some(Value::Nil) => Ok(LStr::new(default)),
            _ => self.check_str(args, i),
        }
    }

    pub fn check_table(&self, args: &[Value], i: usize) -> LResult<TableRef> {
        match args.get(i) {
            Some(Value::Table(t)) => Ok(t.clone()),
            _ => Err(self.type_arg_error(args, i, "table")),
        }
    }
}

/// C's `(ptrdiff_t)d` as x86-64 computes it (out of range gives the
/// minimum), the same conversion `string.format("%d")` uses.
pub fn to_integer(d: f64) -> i64 {
    crate::spec::format::double_to_long(d)
}

/// The first value of a result list.
pub fn first(mut values: Vec<Value>) -> Value {
    if values.is_empty() {
        Value::Nil
    } else {
        values.swap_remove(0)
    }
}

pub fn num(n: f64) -> Value {
    Value::Num(n)
}

pub fn string(bytes: impl AsRef<[u8]>) -> Value {
    Value::str(bytes.as_ref())
}
