//! Expressions: the lazy `ExpDesc` (5.1's `expdesc`) and how each kind of
//! expression, operator, call and constructor becomes instructions.
//!
//! An expression is compiled into a description of where its value is
//! (a constant, a local's register, a global or field not yet loaded, an
//! instruction whose destination is still open, a comparison's jump) and
//! only the consumer decides the register: `local x = a.b` loads straight
//! into `x`, `t[k] = v` keeps `t` and `k` where they are, `if a < b` never
//! materialises a boolean. Conditions carry two jump lists (`t`, `f`:
//! jumps taken when the value is true or false), which is how `and`/`or`
//! short-circuit and how a comparison used as a value becomes
//! `KPRI false / KPRI true`.
//!
//! Constant folding is numbers only and only where 5.1 folds: never a
//! division or modulo by zero, never a result that is NaN, and (perigee's
//! own rule, since -0 is a distinct value here) never a result that is -0,
//! so `-0` and `0 * -1` are computed at run time.

use std::sync::Arc;

use perigee_reference::ast::{BinOp, Expr, ExprKind, FuncBody, TableField, UnOp};

use crate::bytecode::{arith_num, ArithOp, Const, Instr, Op, Primitive, FIELDS_PER_FLUSH};

use super::jumps::{JumpList, NO_REG};
use super::scope::Resolved;
use super::{CResult, Compiler};

/// A table key operand: the specialised forms of `TGET*`/`TSET*`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Key {
    /// A string constant with an index that fits in C.
    Str(u8),
    /// An integer key 0..=255.
    Byte(u8),
    Reg(u32),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ExpKind {
    /// No value (an empty expression list).
    Void,
    Nil,
    True,
    False,
    Num(f64),
    Str(Const),
    Local(u32),
    Upval(u32),
    Global(Const),
    Indexed {
        obj: u32,
        key: Key,
    },
    /// A `CALL`/`CALLM` at this pc; its results start at its A.
    Call(usize),
    /// A `VARG` at this pc.
    Vararg(usize),
    /// An instruction at this pc whose destination A is not yet set.
    Reloc(usize),
    /// The value is in this register.
    NonReloc(u32),
    /// A comparison; the `JMP` at this pc is taken when it holds.
    Jmp(usize),
}

#[derive(Debug, Clone, Copy)]
pub struct ExpDesc {
    pub kind: ExpKind,
    /// Jumps taken when the expression is true / false.
    pub t: JumpList,
    pub f: JumpList,
    /// The line an instruction loading this value is stamped with.
    pub line: u32,
}

impl ExpDesc {
    pub fn new(kind: ExpKind, line: u32) -> ExpDesc {
        ExpDesc { kind, t: JumpList::EMPTY, f: JumpList::EMPTY, line }
    }

    fn has_jumps(&self) -> bool {
        self.t != self.f
    }

    pub fn is_multi(&self) -> bool {
        matches!(self.kind, ExpKind::Call(_) | ExpKind::Vararg(_))
    }

    /// A constant operand an equality test can take directly.
    fn is_const(&self) -> bool {
        !self.has_jumps()
            && matches!(self.kind, ExpKind::Nil | ExpKind::True | ExpKind::False | ExpKind::Num(_) | ExpKind::Str(_))
    }

    fn numeral(&self) -> Option<f64> {
        match self.kind {
            ExpKind::Num(n) if !self.has_jumps() => Some(n),
            _ => None,
        }
    }
}

/// Number of results wanted: `None` for all of them.
pub type Want = Option<u32>;

/// Folds `a op b` if 5.1 would and the result is a plain number.
fn fold(op: ArithOp, a: f64, b: f64) -> Option<f64> {
    if matches!(op, ArithOp::Div | ArithOp::Mod) && b == 0.0 {
        return None;
    }
    foldable(arith_num(op, a, b))
}

fn foldable(r: f64) -> Option<f64> {
    if r.is_nan() || (r == 0.0 && r.is_sign_negative()) {
        None
    } else {
        Some(r)
    }
}

fn arith_op(op: BinOp) -> Option<ArithOp> {
    Some(match op {
        BinOp::Add => ArithOp::Add,
        BinOp::Sub => ArithOp::Sub,
        BinOp::Mul => ArithOp::Mul,
        BinOp::Div => ArithOp::Div,
        BinOp::Mod => ArithOp::Mod,
        BinOp::Pow => ArithOp::Pow,
        _ => return None,
    })
}

/// The (register op constant, constant op register, register op register)
/// forms of an arithmetic operator.
fn arith_ops(op: ArithOp) -> (Op, Op, Op) {
    match op {
        ArithOp::Add => (Op::ADDVN, Op::ADDNV, Op::ADDVV),
        ArithOp::Sub => (Op::SUBVN, Op::SUBNV, Op::SUBVV),
        ArithOp::Mul => (Op::MULVN, Op::MULNV, Op::MULVV),
        ArithOp::Div => (Op::DIVVN, Op::DIVNV, Op::DIVVV),
        ArithOp::Mod => (Op::MODVN, Op::MODNV, Op::MODVV),
        ArithOp::Pow => (Op::POW, Op::POW, Op::POW),
    }
}

/// A number that `KSHORT` holds exactly (not -0, which it cannot spell).
fn short_int(n: f64) -> Option<i16> {
    if n.fract() == 0.0 && (-32768.0..=32767.0).contains(&n) && !(n == 0.0 && n.is_sign_negative()) {
        Some(n as i16)
    } else {
        None
    }
}

fn byte_key(n: f64) -> Option<u8> {
    if n.fract() == 0.0 && (0.0..=255.0).contains(&n) && !n.is_sign_negative() {
        Some(n as u8)
    } else {
        None
    }
}

impl Compiler {
    // ---- putting values in registers -------------------------------

    /// Turns variables into values: loads globals, fields and upvalues
    /// (destination still open) and keeps one result of a call or `...`.
    pub(super) fn discharge_vars(&mut self, e: &mut ExpDesc) -> CResult<()> {
        match e.kind {
            ExpKind::Local(r) => e.kind = ExpKind::NonReloc(r),
            ExpKind::Upval(i) => {
                self.fs.line = e.line;
                e.kind = ExpKind::Reloc(self.emit_ad(Op::UGET, 0, i)?);
            }
            ExpKind::Global(k) => {
                self.fs.line = e.line;
                e.kind = ExpKind::Reloc(self.emit_ad(Op::GGET, 0, k.0 as u32)?);
            }
            ExpKind::Indexed { obj, key } => {
                if let Key::Reg(r) = key {
                    self.free_reg(r);
                }
                self.free_reg(obj);
                self.fs.line = e.line;
                let pc = match key {
                    Key::Str(k) => self.emit_abc(Op::TGETS, 0, obj, k as u32)?,
                    Key::Byte(b) => self.emit_abc(Op::TGETB, 0, obj, b as u32)?,
                    Key::Reg(r) => self.emit_abc(Op::TGETV, 0, obj, r)?,
                };
                e.kind = ExpKind::Reloc(pc);
            }
            ExpKind::Call(_) | ExpKind::Vararg(_) => self.set_one_ret(e),
            _ => {}
        }
        Ok(())
    }

    fn discharge_to_reg(&mut self, e: &mut ExpDesc, reg: u32) -> CResult<()> {
        self.discharge_vars(e)?;
        match e.kind {
            ExpKind::Nil => {
                self.emit_ad(Op::KPRI, reg, Primitive::Nil as u32)?;
            }
            ExpKind::False => {
                self.emit_ad(Op::KPRI, reg, Primitive::False as u32)?;
            }
            ExpKind::True => {
                self.emit_ad(Op::KPRI, reg, Primitive::True as u32)?;
            }
            ExpKind::Num(n) => match short_int(n) {
                Some(i) => {
                    self.emit(Instr::ad(Op::KSHORT, reg as u8, i as u16))?;
                }
                None => {
                    let k = self.num_const(n)?;
                    self.emit_ad(Op::KNUM, reg, k.0 as u32)?;
                }
            },
            ExpKind::Str(k) => {
                self.emit_ad(Op::KSTR, reg, k.0 as u32)?;
            }
            ExpKind::Reloc(pc) => self.fs.proto.code[pc].set_a(reg as u8),
            ExpKind::NonReloc(r) => {
                if r != reg {
                    self.emit_ad(Op::MOV, reg, r)?;
                }
            }
            ExpKind::Void | ExpKind::Jmp(_) => return Ok(()),
            ExpKind::Local(_) | ExpKind::Upval(_) | ExpKind::Global(_) | ExpKind::Indexed { .. } => {}
            ExpKind::Call(_) | ExpKind::Vararg(_) => {}
        }
        e.kind = ExpKind::NonReloc(reg);
        Ok(())
    }

    fn discharge_to_any_reg(&mut self, e: &mut ExpDesc) -> CResult<()> {
        if !matches!(e.kind, ExpKind::NonReloc(_)) {
            self.reserve_regs(1)?;
            let r = self.fs.freereg - 1;
            self.discharge_to_reg(e, r)?;
        }
        Ok(())
    }

    /// Puts the value, jumps included, in `reg`.
    pub(super) fn exp_to_reg(&mut self, e: &mut ExpDesc, reg: u32) -> CResult<()> {
        self.discharge_to_reg(e, reg)?;
        if let ExpKind::Jmp(pc) = e.kind {
            let mut t = e.t;
            self.concat(&mut t, JumpList(Some(pc)))?;
            e.t = t;
        }
        if e.has_jumps() {
            let mut p_f = None;
            let mut p_t = None;
            if self.need_value(e.t) || self.need_value(e.f) {
                let fj = if matches!(e.kind, ExpKind::Jmp(_)) { JumpList::EMPTY } else { self.jump()? };
                p_f = Some(self.emit_ad(Op::KPRI, reg, Primitive::False as u32)?);
                self.emit_jump(Op::JMP, 0, 1)?;
                p_t = Some(self.emit_ad(Op::KPRI, reg, Primitive::True as u32)?);
                self.patch_to_here(fj)?;
            }
            let end = self.label();
            // Jumps without a value of their own only exist when the
            // labels above were emitted.
            self.patch_list_aux(e.f, end, reg, p_f.unwrap_or(end))?;
            self.patch_list_aux(e.t, end, reg, p_t.unwrap_or(end))?;
        }
        e.t = JumpList::EMPTY;
        e.f = JumpList::EMPTY;
        e.kind = ExpKind::NonReloc(reg);
        Ok(())
    }

    pub(super) fn exp_to_next_reg(&mut self, e: &mut ExpDesc) -> CResult<u32> {
        self.discharge_vars(e)?;
        self.free_exp(e);
        self.reserve_regs(1)?;
        let r = self.fs.freereg - 1;
        self.exp_to_reg(e, r)?;
        Ok(r)
    }

    pub(super) fn exp_to_any_reg(&mut self, e: &mut ExpDesc) -> CResult<u32> {
        self.discharge_vars(e)?;
        if let ExpKind::NonReloc(r) = e.kind {
            if !e.has_jumps() {
                return Ok(r);
            }
            if r >= self.fs.nactvar() {
                self.exp_to_reg(e, r)?;
                return Ok(r);
            }
        }
        self.exp_to_next_reg(e)
    }

    fn exp_to_val(&mut self, e: &mut ExpDesc) -> CResult<()> {
        if e.has_jumps() {
            self.exp_to_any_reg(e)?;
            Ok(())
        } else {
            self.discharge_vars(e)
        }
    }

    // ---- multiple results --------------------------------------------

    /// Asks a call or `...` for `want` results.
    pub(super) fn set_returns(&mut self, e: &mut ExpDesc, want: Want) -> CResult<()> {
        let b = want.map_or(0, |n| n + 1) as u8;
        match e.kind {
            ExpKind::Call(pc) => self.fs.proto.code[pc].set_b(b),
            ExpKind::Vararg(pc) => {
                let free = self.fs.freereg as u8;
                let ins = &mut self.fs.proto.code[pc];
                ins.set_b(b);
                ins.set_a(free);
                self.reserve_regs(1)?;
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn set_one_ret(&mut self, e: &mut ExpDesc) {
        match e.kind {
            ExpKind::Call(pc) => e.kind = ExpKind::NonReloc(self.fs.proto.code[pc].a() as u32),
            ExpKind::Vararg(pc) => {
                self.fs.proto.code[pc].set_b(2);
                e.kind = ExpKind::Reloc(pc);
            }
            _ => {}
        }
    }

    // ---- conditions --------------------------------------------------

    fn invert_jump(&mut self, pc: usize) {
        if let Some(ctl) = self.jump_control(pc) {
            let ins = &mut self.fs.proto.code[ctl];
            if let Some(inv) = ins.op().and_then(Op::inverted) {
                ins.set_op(inv);
            }
        }
    }

    /// Emits a jump taken when `e`'s truth equals `cond`.
    fn jump_on_cond(&mut self, e: &mut ExpDesc, cond: bool) -> CResult<JumpList> {
        if let ExpKind::Reloc(pc) = e.kind {
            let ins = self.fs.proto.code[pc];
            if ins.op() == Some(Op::NOT) && pc + 1 == self.fs.pc() {
                // `not x` as a condition: test x the other way round.
                self.fs.proto.code.pop();
                self.fs.proto.lines.pop();
                let op = if cond { Op::ISF } else { Op::IST };
                return self.cond_jump(Instr::ad(op, 0, ins.d()));
            }
        }
        self.discharge_to_any_reg(e)?;
        self.free_exp(e);
        let ExpKind::NonReloc(r) = e.kind else { return Err(self.error("internal: condition not in a register")) };
        let op = if cond { Op::ISTC } else { Op::ISFC };
        self.cond_jump(Instr::ad(op, NO_REG as u8, r as u16))
    }

    /// Falls through when `e` is true; adds the jump taken when it is false
    /// to `e.f`.
    pub(super) fn go_if_true(&mut self, e: &mut ExpDesc) -> CResult<()> {
        self.discharge_vars(e)?;
        let j = match e.kind {
            ExpKind::True | ExpKind::Num(_) | ExpKind::Str(_) => JumpList::EMPTY,
            ExpKind::Jmp(pc) => {
                self.invert_jump(pc);
                JumpList(Some(pc))
            }
            _ => self.jump_on_cond(e, false)?,
        };
        let mut f = e.f;
        self.concat(&mut f, j)?;
        e.f = f;
        self.patch_to_here(e.t)?;
        e.t = JumpList::EMPTY;
        Ok(())
    }

    fn go_if_false(&mut self, e: &mut ExpDesc) -> CResult<()> {
        self.discharge_vars(e)?;
        let j = match e.kind {
            ExpKind::Nil | ExpKind::False => JumpList::EMPTY,
            ExpKind::Jmp(pc) => JumpList(Some(pc)),
            _ => self.jump_on_cond(e, true)?,
        };
        let mut t = e.t;
        self.concat(&mut t, j)?;
        e.t = t;
        self.patch_to_here(e.f)?;
        e.f = JumpList::EMPTY;
        Ok(())
    }

    fn code_not(&mut self, e: &mut ExpDesc, line: u32) -> CResult<()> {
        self.discharge_vars(e)?;
        match e.kind {
            ExpKind::Nil | ExpKind::False => e.kind = ExpKind::True,
            ExpKind::True | ExpKind::Num(_) | ExpKind::Str(_) => e.kind = ExpKind::False,
            ExpKind::Jmp(pc) => self.invert_jump(pc),
            ExpKind::Reloc(_) | ExpKind::NonReloc(_) => {
                self.discharge_to_any_reg(e)?;
                self.free_exp(e);
                let ExpKind::NonReloc(r) = e.kind else { return Err(self.error("internal: not")) };
                self.fs.line = line;
                e.kind = ExpKind::Reloc(self.emit_ad(Op::NOT, 0, r)?);
            }
            _ => return Err(self.error("internal: not of a variable")),
        }
        std::mem::swap(&mut e.t, &mut e.f);
        self.remove_values(e.f);
        self.remove_values(e.t);
        Ok(())
    }

    // ---- expressions ---------------------------------------------------

    pub(super) fn expr(&mut self, e: &Expr) -> CResult<ExpDesc> {
        let line = e.line;
        let kind = match &e.kind {
            ExprKind::Nil => ExpKind::Nil,
            ExprKind::True => ExpKind::True,
            ExprKind::False => ExpKind::False,
            ExprKind::Number(n) => ExpKind::Num(*n),
            ExprKind::String(s) => ExpKind::Str(self.str_const(s)?),
            ExprKind::Vararg => {
                self.fs.uses_vararg = true;
                self.fs.line = line;
                ExpKind::Vararg(self.emit_abc(Op::VARG, 0, 2, 0)?)
            }
            ExprKind::Function(body) => return self.function_expr(body, line),
            ExprKind::Name(n) => match self.resolve(n)? {
                Resolved::Local(r) => ExpKind::Local(r),
                Resolved::Upval(i) => ExpKind::Upval(i),
                Resolved::Global => ExpKind::Global(self.str_const(n.as_bytes())?),
            },
            ExprKind::Index { obj, key } => {
                let mut t = self.expr(obj)?;
                self.exp_to_any_reg(&mut t)?;
                return self.indexed(&t, key, line);
            }
            ExprKind::Call { .. } | ExprKind::MethodCall { .. } => return self.call(e),
            ExprKind::Paren(inner) => {
                let mut v = self.expr(inner)?;
                self.discharge_vars(&mut v)?;
                return Ok(v);
            }
            ExprKind::Binary { op, lhs, rhs } => return self.binary(*op, lhs, rhs, line),
            ExprKind::Unary { op, operand } => return self.unary(*op, operand, line),
            ExprKind::Table(fields) => return self.table(fields, line),
        };
        Ok(ExpDesc::new(kind, line))
    }

    /// `t[key]` with `t` already in a register.
    pub(super) fn indexed(&mut self, t: &ExpDesc, key: &Expr, line: u32) -> CResult<ExpDesc> {
        let ExpKind::NonReloc(obj) = t.kind else { return Err(self.error("internal: indexed object")) };
        let mut k = self.expr(key)?;
        self.exp_to_val(&mut k)?;
        let key = self.key_operand(&mut k)?;
        Ok(ExpDesc::new(ExpKind::Indexed { obj, key }, line))
    }

    /// The specialised key form for `k`, loading it into a register when
    /// no constant form fits.
    pub(super) fn key_operand(&mut self, k: &mut ExpDesc) -> CResult<Key> {
        if !k.has_jumps() {
            match k.kind {
                ExpKind::Str(c) if c.0 <= u8::MAX as u16 => return Ok(Key::Str(c.0 as u8)),
                ExpKind::Num(n) => {
                    if let Some(b) = byte_key(n) {
                        return Ok(Key::Byte(b));
                    }
                }
                _ => {}
            }
        }
        Ok(Key::Reg(self.exp_to_any_reg(k)?))
    }

    fn function_expr(&mut self, body: &Arc<FuncBody>, line: u32) -> CResult<ExpDesc> {
        let idx = self.child_function(body)?;
        self.fs.line = line;
        let pc = self.emit_ad(Op::FNEW, 0, idx as u32)?;
        Ok(ExpDesc::new(ExpKind::Reloc(pc), line))
    }

    fn unary(&mut self, op: UnOp, operand: &Expr, line: u32) -> CResult<ExpDesc> {
        let mut e = self.expr(operand)?;
        match op {
            UnOp::Not => self.code_not(&mut e, line)?,
            UnOp::Neg => {
                if let Some(r) = e.numeral().and_then(|n| foldable(-n)) {
                    e.kind = ExpKind::Num(r);
                } else {
                    let r = self.exp_to_any_reg(&mut e)?;
                    self.free_exp(&e);
                    self.fs.line = line;
                    e = ExpDesc::new(ExpKind::Reloc(self.emit_ad(Op::UNM, 0, r)?), line);
                }
            }
            UnOp::Len => {
                let r = self.exp_to_any_reg(&mut e)?;
                self.free_exp(&e);
                self.fs.line = line;
                e = ExpDesc::new(ExpKind::Reloc(self.emit_ad(Op::LEN, 0, r)?), line);
            }
        }
        Ok(e)
    }

    fn binary(&mut self, op: BinOp, lhs: &Expr, rhs: &Expr, line: u32) -> CResult<ExpDesc> {
        let mut e1 = self.expr(lhs)?;
        // What 5.1's `luaK_infix` does before the right operand is read:
        // fix the left operand so the right one cannot disturb it.
        match op {
            BinOp::And => self.go_if_true(&mut e1)?,
            BinOp::Or => self.go_if_false(&mut e1)?,
            BinOp::Concat => {
                self.exp_to_next_reg(&mut e1)?;
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                if !e1.is_const() {
                    self.exp_to_any_reg(&mut e1)?;
                }
            }
            _ => {
                if e1.numeral().is_none() {
                    self.exp_to_any_reg(&mut e1)?;
                }
            }
        }
        let mut e2 = self.expr(rhs)?;
        match op {
            BinOp::And => {
                self.discharge_vars(&mut e2)?;
                let mut f = e2.f;
                self.concat(&mut f, e1.f)?;
                e2.f = f;
                Ok(e2)
            }
            BinOp::Or => {
                self.discharge_vars(&mut e2)?;
                let mut t = e2.t;
                self.concat(&mut t, e1.t)?;
                e2.t = t;
                Ok(e2)
            }
            BinOp::Concat => self.concat_op(e1, e2, line),
            BinOp::Eq | BinOp::Ne => self.equality(op == BinOp::Eq, e1, e2, line),
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => self.order(op, e1, e2, line),
            _ => match arith_op(op) {
                Some(a) => self.arith(a, e1, e2, line),
                None => Err(self.error("internal: operator")),
            },
        }
    }

    fn arith(&mut self, op: ArithOp, mut e1: ExpDesc, mut e2: ExpDesc, line: u32) -> CResult<ExpDesc> {
        if let (Some(a), Some(b)) = (e1.numeral(), e2.numeral()) {
            if let Some(r) = fold(op, a, b) {
                return Ok(ExpDesc::new(ExpKind::Num(r), line));
            }
        }
        let (vn, nv, vv) = arith_ops(op);
        let small_const = |c: &mut Compiler, e: &ExpDesc| -> CResult<Option<u32>> {
            match e.numeral() {
                Some(n) if op != ArithOp::Pow => {
                    let k = c.num_const(n)?;
                    Ok((k.0 <= u8::MAX as u16).then_some(k.0 as u32))
                }
                _ => Ok(None),
            }
        };
        let ins = if let Some(k) = small_const(self, &e2)? {
            let r1 = self.exp_to_any_reg(&mut e1)?;
            self.free_exp(&e1);
            (vn, r1, k)
        } else if let Some(k) = small_const(self, &e1)? {
            let r2 = self.exp_to_any_reg(&mut e2)?;
            self.free_exp(&e2);
            (nv, r2, k)
        } else {
            let r2 = self.exp_to_any_reg(&mut e2)?;
            let r1 = self.exp_to_any_reg(&mut e1)?;
            self.free_exps(&e1, &e2);
            (vv, r1, r2)
        };
        self.fs.line = line;
        let pc = self.emit_abc(ins.0, 0, ins.1, ins.2)?;
        Ok(ExpDesc::new(ExpKind::Reloc(pc), line))
    }

    fn concat_op(&mut self, e1: ExpDesc, mut e2: ExpDesc, line: u32) -> CResult<ExpDesc> {
        let ExpKind::NonReloc(r1) = e1.kind else { return Err(self.error("internal: concat operand")) };
        self.exp_to_val(&mut e2)?;
        if let ExpKind::Reloc(pc) = e2.kind {
            let ins = self.fs.proto.code[pc];
            if ins.op() == Some(Op::CAT) && ins.b() as u32 == r1 + 1 {
                // `a .. (b .. c)`: widen the inner range to start at `a`.
                self.free_exp(&e1);
                self.fs.proto.code[pc].set_b(r1 as u8);
                return Ok(ExpDesc::new(ExpKind::Reloc(pc), line));
            }
        }
        let r2 = self.exp_to_next_reg(&mut e2)?;
        self.free_exps(&e1, &e2);
        self.fs.line = line;
        let pc = self.emit_abc(Op::CAT, 0, r1, r2)?;
        Ok(ExpDesc::new(ExpKind::Reloc(pc), line))
    }

    fn equality(&mut self, eq: bool, mut e1: ExpDesc, mut e2: ExpDesc, line: u32) -> CResult<ExpDesc> {
        // Equality with a constant never calls `__eq` (only two tables or two
        // userdata do), so the register operand can go first.
        let (reg_side, konst) = if e2.is_const() {
            self.exp_to_any_reg(&mut e1)?;
            (e1, Some(e2))
        } else if e1.is_const() {
            self.exp_to_any_reg(&mut e2)?;
            (e2, Some(e1))
        } else {
            self.exp_to_any_reg(&mut e2)?;
            (e1, None)
        };
        let ExpKind::NonReloc(ra) = reg_side.kind else { return Err(self.error("internal: equality operand")) };
        let ins = match konst {
            None => {
                let ExpKind::NonReloc(rd) = e2.kind else { return Err(self.error("internal: equality operand")) };
                self.free_exps(&e1, &e2);
                Instr::ad(if eq { Op::ISEQV } else { Op::ISNEV }, ra as u8, rd as u16)
            }
            Some(k) => {
                self.free_exp(&reg_side);
                let (op, d) = match k.kind {
                    ExpKind::Nil => (Op::ISEQP, Primitive::Nil as u16),
                    ExpKind::False => (Op::ISEQP, Primitive::False as u16),
                    ExpKind::True => (Op::ISEQP, Primitive::True as u16),
                    ExpKind::Num(n) => (Op::ISEQN, self.num_const(n)?.0),
                    ExpKind::Str(c) => (Op::ISEQS, c.0),
                    _ => return Err(self.error("internal: equality constant")),
                };
                let op = if eq { op } else { op.inverted().unwrap_or(op) };
                Instr::ad(op, ra as u8, d)
            }
        };
        self.fs.line = line;
        let j = self.cond_jump(ins)?;
        Ok(ExpDesc::new(ExpKind::Jmp(j.0.unwrap_or(0)), line))
    }

    fn order(&mut self, op: BinOp, mut e1: ExpDesc, mut e2: ExpDesc, line: u32) -> CResult<ExpDesc> {
        let r2 = self.exp_to_any_reg(&mut e2)?;
        let r1 = self.exp_to_any_reg(&mut e1)?;
        self.free_exps(&e1, &e2);
        // 5.1 compiles `a > b` as `b < a` and `a >= b` as `b <= a`; the
        // operand order shows in error messages and metamethod calls.
        let (op, a, d) = match op {
            BinOp::Lt => (Op::ISLT, r1, r2),
            BinOp::Le => (Op::ISLE, r1, r2),
            BinOp::Gt => (Op::ISLT, r2, r1),
            _ => (Op::ISLE, r2, r1),
        };
        self.fs.line = line;
        let j = self.cond_jump(Instr::ad(op, a as u8, d as u16))?;
        Ok(ExpDesc::new(ExpKind::Jmp(j.0.unwrap_or(0)), line))
    }

    // ---- calls -----------------------------------------------------------

    fn call(&mut self, e: &Expr) -> CResult<ExpDesc> {
        match &e.kind {
            ExprKind::Call { func, args } => {
                let mut f = self.expr(func)?;
                let base = self.exp_to_next_reg(&mut f)?;
                self.call_args(base, args, e.line)
            }
            ExprKind::MethodCall { obj, method, args } => {
                let mut o = self.expr(obj)?;
                let r = self.exp_to_any_reg(&mut o)?;
                self.free_exp(&o);
                let base = self.fs.freereg;
                self.reserve_regs(2)?;
                let k = self.str_const(method.as_bytes())?;
                self.fs.line = e.line;
                if k.0 <= u8::MAX as u16 {
                    self.emit_abc(Op::SELF, base, r, k.0 as u32)?;
                } else {
                    self.emit_ad(Op::MOV, base + 1, r)?;
                    self.emit_ad(Op::KSTR, base, k.0 as u32)?;
                    self.emit_abc(Op::TGETV, base, base + 1, base)?;
                }
                self.call_args(base, args, e.line)
            }
            _ => Err(self.error("internal: not a call")),
        }
    }

    /// Compiles the arguments after the function in `base` and the call.
    fn call_args(&mut self, base: u32, args: &[Expr], line: u32) -> CResult<ExpDesc> {
        let mut spread_from = None;
        for (i, a) in args.iter().enumerate() {
            let mut v = self.expr(a)?;
            if i + 1 == args.len() && v.is_multi() {
                self.set_returns(&mut v, None)?;
                spread_from = Some(match v.kind {
                    ExpKind::Call(pc) | ExpKind::Vararg(pc) => self.fs.proto.code[pc].a() as u32,
                    _ => self.fs.freereg,
                });
            } else {
                self.exp_to_next_reg(&mut v)?;
            }
        }
        self.fs.line = line;
        let pc = match spread_from {
            Some(first) => self.emit_abc(Op::CALLM, base, 2, first - (base + 1))?,
            None => self.emit_abc(Op::CALL, base, 2, self.fs.freereg - (base + 1))?,
        };
        self.fs.freereg = base + 1;
        Ok(ExpDesc::new(ExpKind::Call(pc), line))
    }

    // ---- table constructors ------------------------------------------------

    fn table(&mut self, fields: &[TableField], line: u32) -> CResult<ExpDesc> {
        self.fs.line = line;
        let pc = self.emit_ad(Op::TNEW, 0, 0)?;
        let mut t = ExpDesc::new(ExpKind::Reloc(pc), line);
        let treg = self.exp_to_next_reg(&mut t)?;
        let mut na: u32 = 0;
        let mut nh: u32 = 0;
        let mut tostore: u32 = 0;
        let mut pending: Option<ExpDesc> = None;
        for field in fields {
            if let Some(mut v) = pending.take() {
                self.exp_to_next_reg(&mut v)?;
                if tostore == FIELDS_PER_FLUSH {
                    self.set_list(treg, na, Some(tostore), line)?;
                    tostore = 0;
                }
            }
            match field {
                TableField::Positional(e) => {
                    pending = Some(self.expr(e)?);
                    na += 1;
                    tostore += 1;
                }
                TableField::Named(name, value) => {
                    nh += 1;
                    let mut k = ExpDesc::new(ExpKind::Str(self.str_const(name.as_bytes())?), line);
                    self.record_field(treg, &mut k, value, line)?;
                }
                TableField::Keyed(key, value) => {
                    nh += 1;
                    let mut k = self.expr(key)?;
                    self.exp_to_val(&mut k)?;
                    self.record_field(treg, &mut k, value, line)?;
                }
            }
        }
        if tostore > 0 {
            match pending {
                Some(mut v) if v.is_multi() => {
                    self.set_returns(&mut v, None)?;
                    self.set_list(treg, na, None, line)?;
                    na -= 1;
                }
                Some(mut v) => {
                    self.exp_to_next_reg(&mut v)?;
                    self.set_list(treg, na, Some(tostore), line)?;
                }
                None => self.set_list(treg, na, Some(tostore), line)?,
            }
        }
        let hash_bits = if nh == 0 { 0 } else { (32 - (nh - 1).leading_zeros() + 1).min(31) };
        self.fs.proto.code[pc].set_d((na.min(0x7ff) | hash_bits << 11) as u16);
        Ok(ExpDesc::new(ExpKind::NonReloc(treg), line))
    }

    fn record_field(&mut self, treg: u32, k: &mut ExpDesc, value: &Expr, line: u32) -> CResult<()> {
        let saved = self.fs.freereg;
        let key = self.key_operand(k)?;
        let mut v = self.expr(value)?;
        let vr = self.exp_to_any_reg(&mut v)?;
        self.fs.line = line;
        match key {
            Key::Str(c) => self.emit_abc(Op::TSETS, vr, treg, c as u32)?,
            Key::Byte(b) => self.emit_abc(Op::TSETB, vr, treg, b as u32)?,
            Key::Reg(r) => self.emit_abc(Op::TSETV, vr, treg, r)?,
        };
        self.fs.freereg = saved;
        Ok(())
    }

    /// Stores the pending positional items (`count`, or up to the top).
    fn set_list(&mut self, treg: u32, na: u32, count: Want, line: u32) -> CResult<()> {
        let batch = (na - 1) / FIELDS_PER_FLUSH;
        let b = count.unwrap_or(0);
        self.fs.line = line;
        if batch < u8::MAX as u32 {
            self.emit_abc(Op::TSETM, treg, b, batch)?;
        } else {
            self.emit_abc(Op::TSETM, treg, b, u8::MAX as u32)?;
            self.emit_ad(Op::EXTRA, batch & 0xff, batch >> 8)?;
        }
        self.fs.freereg = treg + 1;
        Ok(())
    }
}
