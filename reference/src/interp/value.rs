//! Lua values as the reference interpreter holds them (manual §2.2).
//!
//! Plain Rust: an enum of the eight types, reference-counted heap objects,
//! `RefCell` for mutation. Reference counting frees acyclic garbage as soon
//! as it dies; cycles live until the run ends (the reference tier has no
//! collector — it is the oracle, not the fast path). Equality and hashing of
//! tables, functions, threads and userdata are by identity, of strings by
//! content, exactly as raw equality is defined in §2.2.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

use super::error::LResult;
use super::memory;
use super::table::Table;
use super::Ctx;
use crate::ast::{FuncBody, Name};

/// A Lua value.
#[derive(Clone, Default)]
pub enum Value {
    #[default]
    Nil,
    Bool(bool),
    Num(f64),
    Str(LStr),
    Table(TableRef),
    Func(FuncRef),
    Thread(super::coroutine::ThreadRef),
    UserData(UserDataRef),
}

impl Value {
    /// The name `type()` returns (§5.1).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Nil => "nil",
            Value::Bool(_) => "boolean",
            Value::Num(_) => "number",
            Value::Str(_) => "string",
            Value::Table(_) => "table",
            Value::Func(_) => "function",
            Value::Thread(_) => "thread",
            Value::UserData(_) => "userdata",
        }
    }

    /// Only `nil` and `false` are false (§2.4.4).
    pub fn truthy(&self) -> bool {
        !matches!(self, Value::Nil | Value::Bool(false))
    }

    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    pub fn str(s: &[u8]) -> Value {
        Value::Str(LStr::new(s))
    }

    /// Raw equality (§2.5.2 without metamethods): numbers by value (so
    /// `0 == -0` and `nan ~= nan`), strings by content, objects by identity.
    pub fn raw_eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Num(a), Value::Num(b)) => a == b,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Table(a), Value::Table(b)) => Rc::ptr_eq(&a.0, &b.0),
            (Value::Func(a), Value::Func(b)) => Rc::ptr_eq(&a.0, &b.0),
            (Value::Thread(a), Value::Thread(b)) => Rc::ptr_eq(&a.0, &b.0),
            (Value::UserData(a), Value::UserData(b)) => Rc::ptr_eq(&a.0, &b.0),
            _ => false,
        }
    }

    /// The address printed by `tostring` for objects (`table: 0x...`).
    pub fn address(&self) -> Option<usize> {
        match self {
            Value::Table(t) => Some(Rc::as_ptr(&t.0) as *const u8 as usize),
            Value::Func(f) => Some(Rc::as_ptr(&f.0) as *const u8 as usize),
            Value::Thread(t) => Some(Rc::as_ptr(&t.0) as *const u8 as usize),
            Value::UserData(u) => Some(Rc::as_ptr(&u.0) as *const u8 as usize),
            _ => None,
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Nil => write!(f, "nil"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Num(n) => write!(f, "{n}"),
            Value::Str(s) => write!(f, "{:?}", String::from_utf8_lossy(s.as_bytes())),
            other => write!(f, "{}: {:#x}", other.type_name(), other.address().unwrap_or(0)),
        }
    }
}

/// An immutable Lua string: any bytes, compared by content. Its size is
/// charged to the run's memory account while it lives.
#[derive(Clone)]
pub struct LStr(Rc<StrObj>);

struct StrObj {
    bytes: Box<[u8]>,
}

impl Drop for StrObj {
    fn drop(&mut self) {
        memory::release(self.bytes.len() + STR_OVERHEAD);
    }
}

/// What a string costs beyond its bytes, for the memory account.
const STR_OVERHEAD: usize = 32;

impl LStr {
    pub fn new(bytes: &[u8]) -> LStr {
        memory::charge(bytes.len() + STR_OVERHEAD);
        LStr(Rc::new(StrObj { bytes: bytes.into() }))
    }

    pub fn from_vec(bytes: Vec<u8>) -> LStr {
        memory::charge(bytes.len() + STR_OVERHEAD);
        LStr(Rc::new(StrObj { bytes: bytes.into_boxed_slice() }))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0.bytes
    }

    pub fn len(&self) -> usize {
        self.0.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.bytes.is_empty()
    }
}

impl PartialEq for LStr {
    fn eq(&self, other: &LStr) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0.bytes == other.0.bytes
    }
}
impl Eq for LStr {}

impl std::hash::Hash for LStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.bytes.hash(state)
    }
}

/// A table, shared by reference.
#[derive(Clone)]
pub struct TableRef(pub Rc<RefCell<Table>>);

impl TableRef {
    pub fn new(table: Table) -> TableRef {
        let t = Rc::new(RefCell::new(table));
        super::arena::add_table(Rc::downgrade(&t));
        TableRef(t)
    }

    pub fn ptr_eq(&self, other: &TableRef) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    pub fn get(&self, key: &Value) -> Value {
        self.0.borrow().get(key)
    }

    pub fn get_str(&self, key: &[u8]) -> Value {
        self.0.borrow().get_str(key)
    }

    pub fn metatable(&self) -> Option<TableRef> {
        self.0.borrow().meta.clone()
    }
}

/// A function value: a Lua closure or a builtin.
#[derive(Clone)]
pub struct FuncRef(pub Rc<Function>);

pub enum Function {
    Lua(LuaFunction),
    Builtin(Builtin),
}

/// A local variable's storage. Closures share a variable by sharing its
/// cell, which is how upvalues get their "one variable, many closures"
/// semantics (§2.6) without any closing step.
pub type Var = Rc<RefCell<Value>>;

/// The variables a closure can see from its enclosing functions, innermost
/// function last in the chain. Snapshotted when the closure is made: the
/// locals visible at that point are exactly the lexically visible ones.
pub struct Captured {
    pub vars: Vec<(Name, Var)>,
    pub parent: Option<Rc<Captured>>,
}

pub struct LuaFunction {
    pub body: Arc<FuncBody>,
    /// Emptied only when the run ends (`arena::release_all`).
    pub captured: RefCell<Option<Rc<Captured>>>,
    /// The function's environment (§2.9), changeable by `setfenv`.
    pub env: RefCell<TableRef>,
    /// Where the function's code comes from, for positions and `getinfo`.
    pub source: Rc<super::call::SourceName>,
}

/// The signature of a library function: arguments in, results out.
pub type BuiltinFn = dyn Fn(&Ctx, Vec<Value>) -> LResult<Vec<Value>>;

pub struct Builtin {
    /// The name used when the builtin is called with no name at the call
    /// site: lua5.1 then says `?`.
    pub name: &'static str,
    pub f: Box<BuiltinFn>,
    pub env: RefCell<Option<TableRef>>,
}

impl FuncRef {
    /// A Lua closure, registered with the run's arena.
    pub fn lua(f: LuaFunction) -> FuncRef {
        let f = Rc::new(Function::Lua(f));
        super::arena::add_function(Rc::downgrade(&f));
        FuncRef(f)
    }

    pub fn builtin(name: &'static str, f: impl Fn(&Ctx, Vec<Value>) -> LResult<Vec<Value>> + 'static) -> FuncRef {
        FuncRef(Rc::new(Function::Builtin(Builtin { name, f: Box::new(f), env: RefCell::new(None) })))
    }
}

/// A full userdata; only `newproxy` makes them.
#[derive(Clone)]
pub struct UserDataRef(pub Rc<UserData>);

pub struct UserData {
    pub meta: RefCell<Option<TableRef>>,
    pub env: RefCell<Option<TableRef>>,
    pub id: Cell<u32>,
}
