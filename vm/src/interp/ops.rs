//! The operations of §2.5 with their metamethod fallbacks (§2.8), on heap
//! values, with PUC-Rio 5.1's error wording. Operands that fail are named
//! from the register they came from (`Vm::describe`, 5.1's `getobjname`).

use super::{LResult, LuaError, Vm};
use crate::bytecode::{arith_num, ArithOp};
use crate::func::Closure;
use crate::value::{ObjKind, Type, Value};
use perigee_reference::spec::number::{fmt_number, str_to_number};

/// How an operation ended: with its value, or needing a metamethod call
/// whose result decides it. The dispatch loop runs such a call as a frame
/// of its own (so a Lua metamethod can yield); everyone else calls it at
/// once through the plain wrappers (`index`, `arith`, ...).
pub enum Step<T> {
    Done(T),
    Call(MetaCall),
}

/// A metamethod call an operation needs.
#[derive(Clone, Copy)]
pub struct MetaCall {
    pub handler: Value,
    pub args: [Value; 3],
    pub nargs: u8,
    pub then: Then,
}

/// What the first result of a `MetaCall` becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// The operation's value.
    Value,
    /// The operation's truth, negated when the flag is set (5.1's `__le`
    /// fallback `not (b < a)`).
    Truth(bool),
    /// Nothing (`__newindex`).
    Discard,
}

impl MetaCall {
    fn new(handler: Value, args: &[Value], then: Then) -> MetaCall {
        let mut a = [Value::NIL; 3];
        a[..args.len()].copy_from_slice(args);
        MetaCall { handler, args: a, nargs: args.len() as u8, then }
    }
}

impl Vm {
    /// Runs a metamethod call now (nested in Rust) for its first result.
    fn run_meta(&mut self, mc: MetaCall) -> LResult<Value> {
        self.call_meta(mc.handler, &mc.args[..mc.nargs as usize])
    }

    fn value_of(&mut self, s: Step<Value>) -> LResult<Value> {
        match s {
            Step::Done(v) => Ok(v),
            Step::Call(mc) => self.run_meta(mc),
        }
    }

    fn truth_of(&mut self, s: Step<bool>) -> LResult<bool> {
        match s {
            Step::Done(b) => Ok(b),
            Step::Call(mc) => {
                let invert = mc.then == Then::Truth(true);
                Ok(self.run_meta(mc)?.is_truthy() != invert)
            }
        }
    }

    /// §2.2.1: a number, or a string that converts to one.
    #[inline]
    pub fn to_number(&self, v: Value) -> Option<f64> {
        if let Some(n) = v.as_num() {
            return Some(n);
        }
        self.heap.str_bytes(v).and_then(str_to_number)
    }

    /// §2.2.1: a string's bytes, or a number converted with `%.14g`.
    pub fn to_bytes(&self, v: Value) -> Option<Vec<u8>> {
        if let Some(n) = v.as_num() {
            return Some(fmt_number(n).into_bytes());
        }
        self.heap.str_bytes(v).map(<[u8]>::to_vec)
    }

    pub fn metatable_of(&self, v: Value) -> Option<Value> {
        match v.obj_kind() {
            Some(ObjKind::Table) => self.heap.table(v)?.metatable(),
            Some(ObjKind::String) if !self.string_meta.is_nil() => Some(self.string_meta),
            Some(ObjKind::Userdata) => {
                let mt = self.heap.get::<crate::lib::userdata::Userdata>(v)?.meta;
                (!mt.is_nil()).then_some(mt)
            }
            _ => None,
        }
    }

    /// The raw field `event` of `v`'s metatable, or nil.
    pub fn metamethod(&self, v: Value, event: Value) -> Value {
        match self.metatable_of(v) {
            Some(mt) => self.heap.table(mt).map_or(Value::NIL, |t| t.get_str(event)),
            None => Value::NIL,
        }
    }

    fn is_function(&self, v: Value) -> bool {
        self.heap.get::<Closure>(v).is_some()
    }

    /// `obj[key]` with `__index`; `reg` names `obj` in an error.
    pub fn index(&mut self, obj: Value, key: Value, reg: Option<u8>) -> LResult<Value> {
        let s = self.index_k(obj, key, reg)?;
        self.value_of(s)
    }

    pub fn index_k(&mut self, obj: Value, key: Value, reg: Option<u8>) -> LResult<Step<Value>> {
        let mut t = obj;
        for hop in 0..100 {
            let handler = if let Some(tab) = self.heap.table(t) {
                let v = tab.get(key);
                if !v.is_nil() {
                    return Ok(Step::Done(v));
                }
                match tab.metatable() {
                    None => return Ok(Step::Done(Value::NIL)),
                    Some(mt) => self.heap.table(mt).map_or(Value::NIL, |m| m.get_str(self.names.index)),
                }
            } else {
                let h = self.metamethod(t, self.names.index);
                if h.is_nil() {
                    let name = if hop == 0 { reg.and_then(|r| self.describe(r)) } else { None };
                    return Err(self.type_error(t, name, "index"));
                }
                h
            };
            if handler.is_nil() {
                return Ok(Step::Done(Value::NIL));
            }
            if self.is_function(handler) {
                return Ok(Step::Call(MetaCall::new(handler, &[t, key], Then::Value)));
            }
            t = handler;
        }
        Err(self.error_here(b"loop in gettable"))
    }

    /// `obj[key] = val` with `__newindex`; `reg` names `obj` in an error.
    pub fn set_index(&mut self, obj: Value, key: Value, val: Value, reg: Option<u8>) -> LResult<()> {
        match self.set_index_k(obj, key, val, reg)? {
            Step::Done(()) => Ok(()),
            Step::Call(mc) => self.run_meta(mc).map(|_| ()),
        }
    }

    pub fn set_index_k(&mut self, obj: Value, key: Value, val: Value, reg: Option<u8>) -> LResult<Step<()>> {
        let mut t = obj;
        for hop in 0..100 {
            let handler = if let Some(tab) = self.heap.table(t) {
                let h = match tab.metatable() {
                    Some(mt) if tab.get(key).is_nil() => {
                        self.heap.table(mt).map_or(Value::NIL, |m| m.get_str(self.names.newindex))
                    }
                    _ => Value::NIL,
                };
                if h.is_nil() {
                    return self.raw_set(t, key, val).map(Step::Done);
                }
                h
            } else {
                let h = self.metamethod(t, self.names.newindex);
                if h.is_nil() {
                    let name = if hop == 0 { reg.and_then(|r| self.describe(r)) } else { None };
                    return Err(self.type_error(t, name, "index"));
                }
                h
            };
            if self.is_function(handler) {
                return Ok(Step::Call(MetaCall::new(handler, &[t, key, val], Then::Discard)));
            }
            t = handler;
        }
        Err(self.error_here(b"loop in settable"))
    }

    /// Binary arithmetic when the fast path (two numbers) failed.
    pub fn arith(&mut self, op: ArithOp, a: Value, b: Value, ra: Option<u8>, rb: Option<u8>) -> LResult<Value> {
        let s = self.arith_k(op, a, b, ra, rb)?;
        self.value_of(s)
    }

    pub fn arith_k(&mut self, op: ArithOp, a: Value, b: Value, ra: Option<u8>, rb: Option<u8>) -> LResult<Step<Value>> {
        if let (Some(x), Some(y)) = (self.to_number(a), self.to_number(b)) {
            return Ok(Step::Done(Value::from_num(arith_num(op, x, y))));
        }
        let ev = self.names.arith[op as usize];
        let mut h = self.metamethod(a, ev);
        if h.is_nil() {
            h = self.metamethod(b, ev);
        }
        if h.is_nil() {
            let (v, r) = if self.to_number(a).is_none() { (a, ra) } else { (b, rb) };
            let name = r.and_then(|r| self.describe(r));
            return Err(self.type_error(v, name, "perform arithmetic on"));
        }
        Ok(Step::Call(MetaCall::new(h, &[a, b], Then::Value)))
    }

    pub fn negate(&mut self, a: Value, ra: u8) -> LResult<Value> {
        let s = self.negate_k(a, ra)?;
        self.value_of(s)
    }

    pub fn negate_k(&mut self, a: Value, ra: u8) -> LResult<Step<Value>> {
        if let Some(x) = self.to_number(a) {
            return Ok(Step::Done(Value::from_num(-x)));
        }
        let h = self.metamethod(a, self.names.unm);
        if h.is_nil() {
            let name = self.describe(ra);
            return Err(self.type_error(a, name, "perform arithmetic on"));
        }
        Ok(Step::Call(MetaCall::new(h, &[a, a], Then::Value)))
    }

    /// `a .. b` for two values, `ra`/`rb` their registers.
    pub fn concat(&mut self, a: Value, b: Value, ra: u8, rb: u8) -> LResult<Value> {
        let s = self.concat_k(a, b, ra, rb)?;
        self.value_of(s)
    }

    pub fn concat_k(&mut self, a: Value, b: Value, ra: u8, rb: u8) -> LResult<Step<Value>> {
        if let (Some(mut x), Some(y)) = (self.to_bytes(a), self.to_bytes(b)) {
            x.extend_from_slice(&y);
            return self.intern(&x).map(Step::Done);
        }
        let mut h = self.metamethod(a, self.names.concat);
        if h.is_nil() {
            h = self.metamethod(b, self.names.concat);
        }
        if h.is_nil() {
            let a_ok = a.is_num() || a.is_string();
            let (v, r) = if a_ok { (b, rb) } else { (a, ra) };
            let name = self.describe(r);
            return Err(self.type_error(v, name, "concatenate"));
        }
        Ok(Step::Call(MetaCall::new(h, &[a, b], Then::Value)))
    }

    /// `#a`.
    pub fn length(&mut self, a: Value, ra: u8) -> LResult<Value> {
        let s = self.length_k(a, ra)?;
        self.value_of(s)
    }

    pub fn length_k(&mut self, a: Value, ra: u8) -> LResult<Step<Value>> {
        if let Some(t) = self.heap.table(a) {
            return Ok(Step::Done(Value::from_num(t.border() as f64)));
        }
        if let Some(s) = self.heap.str_bytes(a) {
            return Ok(Step::Done(Value::from_num(s.len() as f64)));
        }
        let h = self.metamethod(a, self.names.len);
        if h.is_nil() {
            let name = self.describe(ra);
            return Err(self.type_error(a, name, "get length of"));
        }
        Ok(Step::Call(MetaCall::new(h, &[a, Value::NIL], Then::Value)))
    }

    /// `a == b` with `__eq` for two tables sharing the handler.
    pub fn equals(&mut self, a: Value, b: Value) -> LResult<bool> {
        let s = self.equals_k(a, b);
        self.truth_of(s)
    }

    pub fn equals_k(&mut self, a: Value, b: Value) -> Step<bool> {
        if a.raw_eq(b) {
            return Step::Done(true);
        }
        if !(a.is_table() && b.is_table()) {
            return Step::Done(false);
        }
        let h1 = self.metamethod(a, self.names.eq);
        if h1.is_nil() {
            return Step::Done(false);
        }
        let h2 = self.metamethod(b, self.names.eq);
        if !h1.raw_eq(h2) {
            return Step::Done(false);
        }
        Step::Call(MetaCall::new(h1, &[a, b], Then::Truth(false)))
    }

    fn order_error(&mut self, a: Value, b: Value) -> LuaError {
        let (t1, t2) = (a.type_tag().name(), b.type_tag().name());
        // 5.1 compares the third letters of the type names.
        if t1.as_bytes()[2] == t2.as_bytes()[2] {
            self.error_here(format!("attempt to compare two {t1} values").as_bytes())
        } else {
            self.error_here(format!("attempt to compare {t1} with {t2}").as_bytes())
        }
    }

    /// 5.1's `call_orderTM`: the shared handler of `event`, if both
    /// operands have the same one.
    fn order_tm(&self, a: Value, b: Value, event: Value) -> Option<Value> {
        let h1 = self.metamethod(a, event);
        if h1.is_nil() {
            return None;
        }
        let h2 = self.metamethod(b, event);
        h1.raw_eq(h2).then_some(h1)
    }

    fn str_pair(&self, a: Value, b: Value) -> Option<(&[u8], &[u8])> {
        Some((self.heap.str_bytes(a)?, self.heap.str_bytes(b)?))
    }

    pub fn less_than(&mut self, a: Value, b: Value) -> LResult<bool> {
        let s = self.less_than_k(a, b)?;
        self.truth_of(s)
    }

    pub fn less_than_k(&mut self, a: Value, b: Value) -> LResult<Step<bool>> {
        if let (Some(x), Some(y)) = (a.as_num(), b.as_num()) {
            return Ok(Step::Done(x < y));
        }
        if let Some((x, y)) = self.str_pair(a, b) {
            return Ok(Step::Done(x < y));
        }
        if a.type_tag() != b.type_tag() {
            return Err(self.order_error(a, b));
        }
        match self.order_tm(a, b, self.names.lt) {
            Some(h) => Ok(Step::Call(MetaCall::new(h, &[a, b], Then::Truth(false)))),
            None => Err(self.order_error(a, b)),
        }
    }

    pub fn less_equal(&mut self, a: Value, b: Value) -> LResult<bool> {
        let s = self.less_equal_k(a, b)?;
        self.truth_of(s)
    }

    pub fn less_equal_k(&mut self, a: Value, b: Value) -> LResult<Step<bool>> {
        if let (Some(x), Some(y)) = (a.as_num(), b.as_num()) {
            return Ok(Step::Done(x <= y));
        }
        if let Some((x, y)) = self.str_pair(a, b) {
            return Ok(Step::Done(x <= y));
        }
        if a.type_tag() != b.type_tag() {
            return Err(self.order_error(a, b));
        }
        if let Some(h) = self.order_tm(a, b, self.names.le) {
            return Ok(Step::Call(MetaCall::new(h, &[a, b], Then::Truth(false))));
        }
        match self.order_tm(b, a, self.names.lt) {
            Some(h) => Ok(Step::Call(MetaCall::new(h, &[b, a], Then::Truth(true)))),
            None => Err(self.order_error(a, b)),
        }
    }

    /// The rendering `tostring` uses without `__tostring`.
    pub fn tostring_plain(&self, v: Value) -> Vec<u8> {
        if let Some(n) = v.as_num() {
            return fmt_number(n).into_bytes();
        }
        if let Some(s) = self.heap.str_bytes(v) {
            return s.to_vec();
        }
        match v.type_tag() {
            Type::Nil => b"nil".to_vec(),
            Type::Boolean => {
                if v.is_truthy() {
                    b"true".to_vec()
                } else {
                    b"false".to_vec()
                }
            }
            t => {
                let addr = v.as_gc_ptr().map_or(0, |(_, a)| a);
                format!("{}: {addr:#x}", t.name()).into_bytes()
            }
        }
    }

    /// `tostring(v)`: `__tostring` first.
    pub fn tostring(&mut self, v: Value) -> LResult<Value> {
        let h = self.metamethod(v, self.names.tostring);
        if !h.is_nil() {
            return self.call_meta(h, &[v]);
        }
        if v.is_string() {
            return Ok(v);
        }
        let b = self.tostring_plain(v);
        self.intern(&b)
    }
}
