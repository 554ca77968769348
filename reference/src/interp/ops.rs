//! The operations of §2.5 with their metamethod fallbacks (§2.8):
//! indexing, assignment into tables, arithmetic, concatenation, length,
//! equality and order. Each follows the manual's pseudo-code for its event
//! ("add", "index", "lt", ...), with PUC-Rio 5.1's error wording.
//!
//! Operands that fail are described the way 5.1's `getobjname` describes
//! them ("local 'x'", "field 'y'"); the evaluator knows which source
//! expression produced each operand and passes a `Namer` that names it.

use super::error::{LResult, LuaError};
use super::table::Table;
use super::value::{LStr, TableRef, Value};
use super::{type_index, Ctx};
use crate::ast::BinOp;
use crate::spec::number::{fmt_number, str_to_number};

/// Names operand `i` (0 = left/only, 1 = right) of a failing operation:
/// `("local", "x")`, or `None` for a temporary.
pub type Namer<'n> = &'n dyn Fn(usize) -> Option<(&'static str, Vec<u8>)>;

/// For operations whose operands have no source name.
pub fn unnamed(_: usize) -> Option<(&'static str, Vec<u8>)> {
    None
}

/// §2.2.1: a number, or a string that converts to one.
pub fn to_number(v: &Value) -> Option<f64> {
    match v {
        Value::Num(n) => Some(*n),
        Value::Str(s) => str_to_number(s.as_bytes()),
        _ => None,
    }
}

/// §2.2.1: a string, or a number converted with `%.14g`.
pub fn to_bytes(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Str(s) => Some(s.as_bytes().to_vec()),
        Value::Num(n) => Some(fmt_number(*n).into_bytes()),
        _ => None,
    }
}

/// The arithmetic of numbers, shared by every operator and `math.mod`'s
/// relatives: `%` is `a - floor(a/b)*b` (§2.5.1).
pub fn arith_num(op: BinOp, a: f64, b: f64) -> f64 {
    match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => a / b,
        BinOp::Mod => a - (a / b).floor() * b,
        BinOp::Pow => a.powf(b),
        _ => f64::NAN,
    }
}

fn event_name(op: BinOp) -> &'static [u8] {
    match op {
        BinOp::Add => b"__add",
        BinOp::Sub => b"__sub",
        BinOp::Mul => b"__mul",
        BinOp::Div => b"__div",
        BinOp::Mod => b"__mod",
        BinOp::Pow => b"__pow",
        BinOp::Concat => b"__concat",
        BinOp::Eq | BinOp::Ne => b"__eq",
        BinOp::Lt | BinOp::Gt => b"__lt",
        BinOp::Le | BinOp::Ge => b"__le",
        BinOp::And | BinOp::Or => b"",
    }
}

fn first(mut values: Vec<Value>) -> Value {
    if values.is_empty() {
        Value::Nil
    } else {
        values.swap_remove(0)
    }
}

impl Ctx<'_> {
    pub fn metatable_of(&self, v: &Value) -> Option<TableRef> {
        match v {
            Value::Table(t) => t.metatable(),
            Value::UserData(u) => u.0.meta.borrow().clone(),
            other => self.st.type_meta.borrow()[type_index(other)].clone(),
        }
    }

    /// The raw field `event` of `v`'s metatable, or nil.
    pub fn metamethod(&self, v: &Value, event: &[u8]) -> Value {
        match self.metatable_of(v) {
            Some(mt) => mt.get_str(event),
            None => Value::Nil,
        }
    }

    /// "attempt to <op> <kind> '<name>' (a <type> value)".
    pub fn type_error(&self, line: u32, v: &Value, name: Option<(&'static str, Vec<u8>)>, op: &str) -> LuaError {
        let t = v.type_name();
        let mut msg = format!("attempt to {op} ").into_bytes();
        match name {
            Some((kind, n)) => {
                msg.extend_from_slice(format!("{kind} '").as_bytes());
                msg.extend_from_slice(&n);
                msg.extend_from_slice(format!("' (a {t} value)").as_bytes());
            }
            None => msg.extend_from_slice(format!("a {t} value").as_bytes()),
        }
        self.rt_error(line, msg)
    }

    /// `obj[key]` with `__index` (the "index" event, §2.8).
    pub fn index(&self, obj: Value, key: &Value, line: u32, namer: Namer) -> LResult<Value> {
        let mut t = obj;
        for hop in 0..100 {
            let handler = match &t {
                Value::Table(tab) => {
                    let v = tab.get(key);
                    if !v.is_nil() {
                        return Ok(v);
                    }
                    match tab.metatable() {
                        Some(mt) => mt.get_str(b"__index"),
                        None => return Ok(Value::Nil),
                    }
                }
                other => {
                    let h = self.metamethod(other, b"__index");
                    if h.is_nil() {
                        let name = if hop == 0 { namer(0) } else { None };
                        return Err(self.type_error(line, other, name, "index"));
                    }
                    h
                }
            };
            match handler {
                Value::Nil => return Ok(Value::Nil),
                Value::Func(_) => {
                    self.set_line(line);
                    return Ok(first(self.call_value(&handler, vec![t, key.clone()])?));
                }
                next => t = next,
            }
        }
        Err(self.rt_error(line, "loop in gettable"))
    }

    /// `obj[key] = value` with `__newindex` (the "newindex" event, §2.8).
    pub fn set_index(&self, obj: Value, key: Value, value: Value, line: u32, namer: Namer) -> LResult<()> {
        let mut t = obj;
        for hop in 0..100 {
            let handler = match &t {
                Value::Table(tab) => {
                    let existing = tab.get(&key);
                    let h = if existing.is_nil() {
                        tab.metatable().map(|mt| mt.get_str(b"__newindex")).unwrap_or_default()
                    } else {
                        Value::Nil
                    };
                    if h.is_nil() {
                        return self.raw_set(tab, key, value, line);
                    }
                    h
                }
                other => {
                    let h = self.metamethod(other, b"__newindex");
                    if h.is_nil() {
                        let name = if hop == 0 { namer(0) } else { None };
                        return Err(self.type_error(line, other, name, "index"));
                    }
                    h
                }
            };
            if let Value::Func(_) = handler {
                self.set_line(line);
                self.call_value(&handler, vec![t, key, value])?;
                return Ok(());
            }
            t = handler;
        }
        Err(self.rt_error(line, "loop in settable"))
    }

    /// `rawset` with 5.1's key checks.
    pub fn raw_set(&self, tab: &TableRef, key: Value, value: Value, line: u32) -> LResult<()> {
        match &key {
            Value::Nil => return Err(self.rt_error(line, "table index is nil")),
            Value::Num(n) if n.is_nan() => return Err(self.rt_error(line, "table index is NaN")),
            _ => {}
        }
        tab.0.borrow_mut().set(key, value);
        Ok(())
    }

    /// Binary arithmetic (the "add", "sub", ... events).
    pub fn arith(&self, op: BinOp, a: &Value, b: &Value, line: u32, namer: Namer) -> LResult<Value> {
        if let (Some(x), Some(y)) = (to_number(a), to_number(b)) {
            return Ok(Value::Num(arith_num(op, x, y)));
        }
        let ev = event_name(op);
        let mut h = self.metamethod(a, ev);
        if h.is_nil() {
            h = self.metamethod(b, ev);
        }
        if h.is_nil() {
            // 5.1 blames the first operand unless it is a number.
            let culprit = if to_number(a).is_none() { 0 } else { 1 };
            let v = if culprit == 0 { a } else { b };
            return Err(self.type_error(line, v, namer(culprit), "perform arithmetic on"));
        }
        self.set_line(line);
        Ok(first(self.call_value(&h, vec![a.clone(), b.clone()])?))
    }

    /// Unary minus (the "unm" event; the handler gets the operand twice).
    pub fn negate(&self, a: &Value, line: u32, namer: Namer) -> LResult<Value> {
        if let Some(x) = to_number(a) {
            return Ok(Value::Num(-x));
        }
        let h = self.metamethod(a, b"__unm");
        if h.is_nil() {
            return Err(self.type_error(line, a, namer(0), "perform arithmetic on"));
        }
        self.set_line(line);
        Ok(first(self.call_value(&h, vec![a.clone(), a.clone()])?))
    }

    /// `a .. b` (the "concat" event).
    pub fn concat(&self, a: &Value, b: &Value, line: u32, namer: Namer) -> LResult<Value> {
        if let (Some(mut x), Some(y)) = (to_bytes(a), to_bytes(b)) {
            x.extend_from_slice(&y);
            let v = Value::Str(LStr::from_vec(x));
            self.check_memory()?;
            return Ok(v);
        }
        let mut h = self.metamethod(a, b"__concat");
        if h.is_nil() {
            h = self.metamethod(b, b"__concat");
        }
        if h.is_nil() {
            let culprit = if matches!(a, Value::Str(_) | Value::Num(_)) { 1 } else { 0 };
            let v = if culprit == 0 { a } else { b };
            return Err(self.type_error(line, v, namer(culprit), "concatenate"));
        }
        self.set_line(line);
        Ok(first(self.call_value(&h, vec![a.clone(), b.clone()])?))
    }

    /// `#a` (the "len" event; 5.1 consults `__len` only for userdata and
    /// the other non-table, non-string types).
    pub fn length(&self, a: &Value, line: u32, namer: Namer) -> LResult<Value> {
        match a {
            Value::Table(t) => Ok(Value::Num(t.0.borrow().border() as f64)),
            Value::Str(s) => Ok(Value::Num(s.len() as f64)),
            other => {
                let h = self.metamethod(other, b"__len");
                if h.is_nil() {
                    return Err(self.type_error(line, other, namer(0), "get length of"));
                }
                self.set_line(line);
                Ok(first(self.call_value(&h, vec![other.clone(), Value::Nil])?))
            }
        }
    }

    /// `a == b` (the "eq" event): the handler runs only for two tables or
    /// two userdata that are not raw-equal and share the same `__eq`.
    pub fn equals(&self, a: &Value, b: &Value, line: u32) -> LResult<bool> {
        if a.raw_eq(b) {
            return Ok(true);
        }
        let comparable =
            matches!((a, b), (Value::Table(_), Value::Table(_)) | (Value::UserData(_), Value::UserData(_)));
        if !comparable {
            return Ok(false);
        }
        let h1 = self.metamethod(a, b"__eq");
        if h1.is_nil() {
            return Ok(false);
        }
        let h2 = self.metamethod(b, b"__eq");
        if !h1.raw_eq(&h2) {
            return Ok(false);
        }
        self.set_line(line);
        Ok(first(self.call_value(&h1, vec![a.clone(), b.clone()])?).truthy())
    }

    fn order_error(&self, a: &Value, b: &Value, line: u32) -> LuaError {
        let (t1, t2) = (a.type_name(), b.type_name());
        // 5.1 compares the third letters of the type names.
        if t1.as_bytes()[2] == t2.as_bytes()[2] {
            self.rt_error(line, format!("attempt to compare two {t1} values"))
        } else {
            self.rt_error(line, format!("attempt to compare {t1} with {t2}"))
        }
    }

    /// Calls an order handler if both operands have the same one.
    fn order_tm(&self, a: &Value, b: &Value, event: &[u8], line: u32) -> LResult<Option<bool>> {
        let h1 = self.metamethod(a, event);
        if h1.is_nil() {
            return Ok(None);
        }
        let h2 = self.metamethod(b, event);
        if !h1.raw_eq(&h2) {
            return Ok(None);
        }
        self.set_line(line);
        Ok(Some(first(self.call_value(&h1, vec![a.clone(), b.clone()])?).truthy()))
    }

    /// `a < b` (the "lt" event).
    pub fn less_than(&self, a: &Value, b: &Value, line: u32) -> LResult<bool> {
        match (a, b) {
            (Value::Num(x), Value::Num(y)) => Ok(x < y),
            (Value::Str(x), Value::Str(y)) => Ok(x.as_bytes() < y.as_bytes()),
            _ if std::mem::discriminant(a) != std::mem::discriminant(b) => Err(self.order_error(a, b, line)),
            _ => match self.order_tm(a, b, b"__lt", line)? {
                Some(r) => Ok(r),
                None => Err(self.order_error(a, b, line)),
            },
        }
    }

    /// `a <= b` (the "le" event, falling back to `not (b < a)`).
    pub fn less_equal(&self, a: &Value, b: &Value, line: u32) -> LResult<bool> {
        match (a, b) {
            (Value::Num(x), Value::Num(y)) => Ok(x <= y),
            (Value::Str(x), Value::Str(y)) => Ok(x.as_bytes() <= y.as_bytes()),
            _ if std::mem::discriminant(a) != std::mem::discriminant(b) => Err(self.order_error(a, b, line)),
            _ => {
                if let Some(r) = self.order_tm(a, b, b"__le", line)? {
                    return Ok(r);
                }
                match self.order_tm(b, a, b"__lt", line)? {
                    Some(r) => Ok(!r),
                    None => Err(self.order_error(a, b, line)),
                }
            }
        }
    }

    /// `tostring(v)` (§5.1): `__tostring` first, then the default rendering.
    pub fn tostring(&self, v: &Value) -> LResult<Value> {
        let h = self.metamethod(v, b"__tostring");
        if !h.is_nil() {
            // Called by the `tostring` builtin: no yield from under it.
            return Ok(first(self.no_yield(|| self.call_value(&h, vec![v.clone()]))?));
        }
        Ok(Value::Str(LStr::from_vec(tostring_plain(v))))
    }

    pub fn new_table(&self, narr: usize, nhash: usize) -> LResult<TableRef> {
        self.check_memory()?;
        Ok(TableRef::new(Table::with_capacity(narr, nhash)))
    }
}

/// The rendering `tostring` uses when there is no `__tostring`.
pub fn tostring_plain(v: &Value) -> Vec<u8> {
    match v {
        Value::Nil => b"nil".to_vec(),
        Value::Bool(true) => b"true".to_vec(),
        Value::Bool(false) => b"false".to_vec(),
        Value::Num(n) => fmt_number(*n).into_bytes(),
        Value::Str(s) => s.as_bytes().to_vec(),
        other => {
            let kind = other.type_name();
            format!("{kind}: {:#x}", other.address().unwrap_or(0)).into_bytes()
        }
    }
}
