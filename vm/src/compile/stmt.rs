//! Statements: assignment, control flow, loops, function definitions.
//!
//! Loops are laid out the LuaJIT way, with the test at the bottom for
//! `for` loops (`FORI` checks and enters, `FORL` steps and jumps back;
//! `JMP` to `ITERC`/`ITERL` for generic loops) and a `LOOP` marker at the
//! head of `while`/`repeat` bodies for the hot counters. The loop
//! variables live in a block of their own inside the loop, so a closure
//! that captures them gets `UCLO` at the end of every iteration: each
//! iteration has fresh locals (§2.4.5).
//!
//! Assignment follows 5.1 exactly (see `assign`): it is where the order
//! of evaluation is most visible.

use std::sync::Arc;

use perigee_reference::ast::{Block, Expr, ExprKind, FuncBody, FuncName, Name, Stat, StatKind};

use crate::bytecode::{Op, Primitive};

use super::expr::{ExpDesc, ExpKind, Key};
use super::jumps::JumpList;
use super::{CResult, Compiler};

impl Compiler {
    /// A block's statements, in the current scope.
    pub(super) fn statements(&mut self, block: &Block) -> CResult<()> {
        for stat in &block.stats {
            self.statement(stat)?;
            debug_assert!(self.fs.proto.maxstack as u32 >= self.fs.freereg);
            self.fs.freereg = self.fs.nactvar();
        }
        Ok(())
    }

    /// A block with a scope of its own.
    fn block(&mut self, block: &Block) -> CResult<()> {
        self.enter_block(false);
        self.statements(block)?;
        self.leave_block()
    }

    fn statement(&mut self, stat: &Stat) -> CResult<()> {
        self.fs.line = stat.line;
        match &stat.kind {
            StatKind::Call(e) => {
                let v = self.expr(e)?;
                if let ExpKind::Call(pc) = v.kind {
                    self.fs.proto.code[pc].set_b(1);
                }
                Ok(())
            }
            StatKind::Local { names, exprs } => self.local_stat(names, exprs),
            StatKind::Assign { targets, exprs } => self.assign(targets, exprs, stat.line),
            StatKind::Do(b) => self.block(b),
            StatKind::While { cond, body } => self.while_stat(cond, body),
            StatKind::Repeat { body, cond } => self.repeat_stat(body, cond),
            StatKind::If { arms, else_block } => self.if_stat(arms, else_block.as_ref()),
            StatKind::NumFor { var, start, limit, step, body } => {
                self.num_for(var, start, limit, step.as_ref(), body, stat.line)
            }
            StatKind::GenFor { names, exprs, body } => self.gen_for(names, exprs, body, stat.line),
            StatKind::Function { target, body } => self.function_stat(target, body, stat.line),
            StatKind::LocalFunction { name, body } => self.local_function(name, body, stat.line),
            StatKind::Return(exprs) => self.return_stat(exprs, stat.line),
            StatKind::Break => self.break_stat(),
        }
    }

    /// Compiles an expression list, leaving the last one undischarged;
    /// returns it and the number of expressions.
    fn expr_list(&mut self, exprs: &[Expr]) -> CResult<(ExpDesc, u32)> {
        let mut last = ExpDesc::new(ExpKind::Void, self.fs.line);
        for (i, e) in exprs.iter().enumerate() {
            if i > 0 {
                self.exp_to_next_reg(&mut last)?;
            }
            last = self.expr(e)?;
        }
        Ok((last, exprs.len() as u32))
    }

    /// Adjusts `nexps` values (the last being `e`) to `nvars` registers.
    fn adjust_assign(&mut self, nvars: u32, nexps: u32, e: &mut ExpDesc) -> CResult<()> {
        let extra = nvars as i64 - nexps as i64;
        if e.is_multi() {
            let want = (extra + 1).max(0) as u32;
            self.set_returns(e, Some(want))?;
            if want > 1 {
                self.reserve_regs(want - 1)?;
            }
        } else {
            if e.kind != ExpKind::Void {
                self.exp_to_next_reg(e)?;
            }
            if extra > 0 {
                let reg = self.fs.freereg;
                self.reserve_regs(extra as u32)?;
                self.load_nil(reg, extra as u32)?;
            }
        }
        Ok(())
    }

    fn load_nil(&mut self, from: u32, n: u32) -> CResult<()> {
        if n == 1 {
            self.emit_ad(Op::KPRI, from, Primitive::Nil as u32)?;
        } else {
            self.emit_ad(Op::KNIL, from, from + n - 1)?;
        }
        Ok(())
    }

    fn local_stat(&mut self, names: &[Name], exprs: &[Expr]) -> CResult<()> {
        for n in names {
            self.new_local(n)?;
        }
        let (mut e, nexps) = self.expr_list(exprs)?;
        self.adjust_assign(names.len() as u32, nexps, &mut e)?;
        self.activate_locals(names.len());
        Ok(())
    }

    /// `t1, t2, ... = e1, e2, ...` as 5.1 compiles it: each target's table
    /// and key are evaluated left to right into registers first (a local
    /// stays in its own register and is read when the store happens), then
    /// the values, then the stores from right to left. If a later target
    /// is a local that an earlier indexed target uses as table or key, that
    /// local is copied before the values run (`check_conflict`), so the
    /// earlier store sees its old value.
    fn assign(&mut self, targets: &[Expr], exprs: &[Expr], line: u32) -> CResult<()> {
        let mut lhs: Vec<ExpDesc> = Vec::with_capacity(targets.len());
        for t in targets {
            let v = match &t.kind {
                ExprKind::Name(_) => self.expr(t)?,
                ExprKind::Index { obj, key } => {
                    let mut o = self.expr(obj)?;
                    self.exp_to_any_reg(&mut o)?;
                    self.indexed(&o, key, t.line)?
                }
                _ => return Err(self.error("syntax error")),
            };
            if let ExpKind::Local(reg) = v.kind {
                self.check_conflict(&mut lhs, reg)?;
            }
            lhs.push(v);
        }
        let (mut e, nexps) = self.expr_list(exprs)?;
        let nvars = lhs.len() as u32;
        self.fs.line = line;
        let mut rest = &lhs[..];
        if nexps == nvars {
            self.set_one_ret(&mut e);
            if let Some((last, init)) = lhs.split_last() {
                self.store_var(last, &mut e, line)?;
                rest = init;
            }
        } else {
            self.adjust_assign(nvars, nexps, &mut e)?;
            if nexps > nvars {
                self.fs.freereg -= nexps - nvars;
            }
        }
        for target in rest.iter().rev() {
            let mut v = ExpDesc::new(ExpKind::NonReloc(self.fs.freereg - 1), line);
            self.store_var(target, &mut v, line)?;
        }
        Ok(())
    }

    fn check_conflict(&mut self, lhs: &mut [ExpDesc], reg: u32) -> CResult<()> {
        let extra = self.fs.freereg;
        let mut conflict = false;
        for v in lhs.iter_mut() {
            if let ExpKind::Indexed { obj, key } = &mut v.kind {
                if *obj == reg {
                    conflict = true;
                    *obj = extra;
                }
                if *key == Key::Reg(reg) {
                    conflict = true;
                    *key = Key::Reg(extra);
                }
            }
        }
        if conflict {
            self.emit_ad(Op::MOV, extra, reg)?;
            self.reserve_regs(1)?;
        }
        Ok(())
    }

    /// Stores `e` into the variable `var` describes.
    fn store_var(&mut self, var: &ExpDesc, e: &mut ExpDesc, line: u32) -> CResult<()> {
        match var.kind {
            ExpKind::Local(reg) => {
                self.free_exp(e);
                self.exp_to_reg(e, reg)?;
                return Ok(());
            }
            ExpKind::Upval(i) => {
                let r = self.exp_to_any_reg(e)?;
                self.fs.line = line;
                self.emit_ad(Op::USETV, i, r)?;
            }
            ExpKind::Global(k) => {
                let r = self.exp_to_any_reg(e)?;
                self.fs.line = line;
                self.emit_ad(Op::GSET, r, k.0 as u32)?;
            }
            ExpKind::Indexed { obj, key } => {
                let r = self.exp_to_any_reg(e)?;
                self.fs.line = line;
                match key {
                    Key::Str(c) => self.emit_abc(Op::TSETS, r, obj, c as u32)?,
                    Key::Byte(b) => self.emit_abc(Op::TSETB, r, obj, b as u32)?,
                    Key::Reg(kr) => self.emit_abc(Op::TSETV, r, obj, kr)?,
                };
            }
            _ => return Err(self.error("internal: store to a value")),
        }
        self.free_exp(e);
        Ok(())
    }

    fn while_stat(&mut self, cond: &Expr, body: &Block) -> CResult<()> {
        let init = self.label();
        let exit = self.cond(cond)?;
        self.enter_block(true);
        let loop_pc = self.emit_jump(Op::LOOP, self.fs.freereg, -1)?;
        self.block(body)?;
        let back = self.jump()?;
        self.patch_list(back, init)?;
        self.leave_block()?;
        self.patch_to_here(exit)?;
        let end = self.label();
        self.fix_jump(loop_pc, end)
    }

    fn repeat_stat(&mut self, body: &Block, cond: &Expr) -> CResult<()> {
        self.enter_block(true);
        self.enter_block(false);
        let init = self.emit_jump(Op::LOOP, self.fs.freereg, -1)?;
        self.statements(body)?;
        let exit = self.cond(cond)?;
        let captured = self.fs.blocks.last().is_some_and(|b| b.has_upval);
        if !captured {
            self.leave_block()?;
            self.patch_list(exit, init)?;
        } else {
            // The condition saw captured locals: leave through `UCLO` both
            // when the loop ends and when it goes round again.
            self.break_stat()?;
            self.patch_to_here(exit)?;
            self.leave_block()?;
            let back = self.jump()?;
            self.patch_list(back, init)?;
        }
        self.leave_block()?;
        let end = self.label();
        self.fix_jump(init, end)
    }

    /// A condition: falls through when true; returns the jumps taken when
    /// false.
    fn cond(&mut self, e: &Expr) -> CResult<JumpList> {
        let mut v = self.expr(e)?;
        if v.kind == ExpKind::Nil {
            v.kind = ExpKind::False;
        }
        self.go_if_true(&mut v)?;
        Ok(v.f)
    }

    fn if_stat(&mut self, arms: &[(Expr, Block)], else_block: Option<&Block>) -> CResult<()> {
        let mut escape = JumpList::EMPTY;
        let mut flist = JumpList::EMPTY;
        for (i, (cond, block)) in arms.iter().enumerate() {
            if i > 0 {
                let j = self.jump()?;
                self.concat(&mut escape, j)?;
                self.patch_to_here(flist)?;
            }
            flist = self.cond(cond)?;
            self.block(block)?;
        }
        match else_block {
            Some(b) => {
                let j = self.jump()?;
                self.concat(&mut escape, j)?;
                self.patch_to_here(flist)?;
                self.block(b)?;
            }
            None => self.concat(&mut escape, flist)?,
        }
        self.patch_to_here(escape)
    }

    fn exp1(&mut self, e: &Expr) -> CResult<()> {
        let mut v = self.expr(e)?;
        self.exp_to_next_reg(&mut v)?;
        Ok(())
    }

    fn num_for(
        &mut self,
        var: &Name,
        start: &Expr,
        limit: &Expr,
        step: Option<&Expr>,
        body: &Block,
        line: u32,
    ) -> CResult<()> {
        self.enter_block(true);
        let base = self.fs.freereg;
        self.new_local(&"(for index)".into())?;
        self.new_local(&"(for limit)".into())?;
        self.new_local(&"(for step)".into())?;
        self.new_local(var)?;
        self.exp1(start)?;
        self.exp1(limit)?;
        match step {
            Some(s) => self.exp1(s)?,
            None => {
                self.emit_ad(Op::KSHORT, self.fs.freereg, 1)?;
                self.reserve_regs(1)?;
            }
        }
        self.activate_locals(3);
        self.fs.line = line;
        let prep = self.emit_jump(Op::FORI, base, -1)?;
        let body_start = self.label();
        self.enter_block(false);
        self.activate_locals(1);
        self.reserve_regs(1)?;
        self.block(body)?;
        self.leave_block()?;
        self.fs.line = line;
        let end = self.emit_jump(Op::FORL, base, -1)?;
        self.fix_jump(end, body_start)?;
        let exit = self.label();
        self.fix_jump(prep, exit)?;
        self.leave_block()
    }

    fn gen_for(&mut self, names: &[Name], exprs: &[Expr], body: &Block, line: u32) -> CResult<()> {
        self.enter_block(true);
        let base = self.fs.freereg;
        self.new_local(&"(for generator)".into())?;
        self.new_local(&"(for state)".into())?;
        self.new_local(&"(for control)".into())?;
        for n in names {
            self.new_local(n)?;
        }
        self.fs.line = line;
        let (mut e, nexps) = self.expr_list(exprs)?;
        self.adjust_assign(3, nexps, &mut e)?;
        // Room to copy the generator, state and control for the call.
        self.check_stack(3)?;
        self.activate_locals(3);
        let to_call = self.jump()?;
        let body_start = self.label();
        self.enter_block(false);
        self.activate_locals(names.len());
        self.reserve_regs(names.len() as u32)?;
        self.block(body)?;
        self.leave_block()?;
        self.patch_to_here(to_call)?;
        self.fs.line = line;
        self.emit_abc(Op::ITERC, base + 3, names.len() as u32 + 1, 0)?;
        let end = self.emit_jump(Op::ITERL, base + 3, -1)?;
        self.fix_jump(end, body_start)?;
        self.leave_block()
    }

    fn function_stat(&mut self, target: &FuncName, body: &Arc<FuncBody>, line: u32) -> CResult<()> {
        let name_expr = |n: &Name| Expr { line, kind: ExprKind::Name(n.clone()) };
        let mut v = self.expr(&name_expr(&target.base))?;
        let keys: Vec<&Name> = target.fields.iter().chain(target.method.as_ref()).collect();
        for k in keys {
            self.exp_to_any_reg(&mut v)?;
            let key = Expr { line, kind: ExprKind::String(k.as_bytes().to_vec()) };
            v = self.indexed(&v, &key, line)?;
        }
        let idx = self.child_function(body)?;
        self.fs.line = line;
        let pc = self.emit_ad(Op::FNEW, 0, idx as u32)?;
        let mut f = ExpDesc::new(ExpKind::Reloc(pc), line);
        self.store_var(&v, &mut f, line)
    }

    fn local_function(&mut self, name: &Name, body: &Arc<FuncBody>, line: u32) -> CResult<()> {
        self.new_local(name)?;
        let reg = self.fs.freereg;
        self.reserve_regs(1)?;
        // Visible inside its own body; its debug range starts after FNEW.
        let local_idx = self.fs.pending.first().copied();
        self.activate_locals(1);
        let idx = self.child_function(body)?;
        self.fs.line = line;
        self.emit_ad(Op::FNEW, reg, idx as u32)?;
        if let Some(i) = local_idx {
            self.fs.proto.locals[i].live.start = self.fs.pc() as u32;
        }
        Ok(())
    }

    fn return_stat(&mut self, exprs: &[Expr], line: u32) -> CResult<()> {
        if exprs.is_empty() {
            self.emit_ad(Op::RET0, 0, 0)?;
            return Ok(());
        }
        let (mut e, n) = self.expr_list(exprs)?;
        self.fs.line = line;
        if e.is_multi() {
            self.set_returns(&mut e, None)?;
            if let (ExpKind::Call(pc), 1) = (e.kind, n) {
                // `return f(x)`: a tail call.
                let ins = self.fs.proto.code[pc];
                let op = if ins.op() == Some(Op::CALLM) { Op::TAILCALLM } else { Op::TAILCALL };
                self.fs.proto.code[pc] = crate::bytecode::Instr::ad(op, ins.a(), ins.c() as u16);
                return Ok(());
            }
            let first = self.fs.nactvar();
            let spread = match e.kind {
                ExpKind::Call(pc) | ExpKind::Vararg(pc) => self.fs.proto.code[pc].a() as u32,
                _ => first,
            };
            self.emit_ad(Op::RETM, first, spread - first)?;
        } else if n == 1 {
            let r = self.exp_to_any_reg(&mut e)?;
            self.emit_ad(Op::RET1, r, 0)?;
        } else {
            self.exp_to_next_reg(&mut e)?;
            let first = self.fs.nactvar();
            self.emit_ad(Op::RET, first, n)?;
        }
        Ok(())
    }
}
