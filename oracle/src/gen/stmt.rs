//! Statements: the dispatcher choosing what comes next, and the simple
//! kinds (declarations, assignments, prints, table updates, calls, `if`).
//! Loops live in `loops`, functions in `funcs`, errors in `errors`.

use arbitrary::Result;
use perigee_reference::ast::{BinOp, Stat, UnOp};

use super::build::*;
use super::scope::{Level, Ty};
use super::{Gen, LEAF_BUDGET, MAX_DEPTH};

const LOCAL_TYPES: &[Ty] =
    &[Ty::Num, Ty::Num, Ty::Num, Ty::Str, Ty::Str, Ty::NumStr, Ty::Bool, Ty::Arr, Ty::Arr, Ty::Rec, Ty::Obj, Ty::Any];

impl Gen<'_, '_> {
    pub(crate) fn stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        self.spend(1);
        let deep = self.depth >= MAX_DEPTH;
        let in_loop = self.scope.levels.last().is_some_and(|l| l.loops > 0);
        match self.pick(27)? {
            0..=3 => self.local_decl(out),
            4..=6 => self.assign_stat(out),
            7 | 8 => self.print_stat(out),
            9 | 10 if !deep => self.numfor_stat(out),
            11 if !deep => self.while_stat(out),
            12 if !deep => self.repeat_stat(out),
            13 if !deep => self.genfor_stat(out),
            14 if !deep => self.if_stat(out),
            15 if !deep => self.function_stat(out),
            16 | 17 => self.table_stat(out),
            18 if !deep => self.pcall_stat(out),
            19 if !deep => self.coroutine_stat(out),
            20 if !deep => self.vararg_stat(out),
            21 if !deep => self.closures_in_loop(out),
            22 if !deep => self.recursion_stat(out),
            23 => self.call_stat(out),
            24 | 25 if in_loop => self.loop_special(out),
            26 if !self.sure && self.chance(1, 4)? => {
                out.push(self.error_stat()?);
                Ok(())
            }
            _ => self.print_stat(out),
        }
    }

    /// `local x = e` (sometimes several names, sometimes a global instead).
    fn local_decl(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        if !self.scope.room(2) {
            return self.assign_stat(out);
        }
        if self.chance(1, 10)? {
            let f = self.fresh("f");
            let params = self.u.int_in_range(0..=2)?;
            let rets = self.u.int_in_range(1..=2)?;
            let e = self.leaf_fn(params, rets)?;
            out.push(local1(&f, e));
            self.scope.declare(f, Ty::Fn { params, rets, leaf: true, cost: LEAF_BUDGET as u32 }, true);
            return Ok(());
        }
        let ty = *self.u.choose(LOCAL_TYPES)?;
        let global = self.chance(1, 8)?;
        let n = self.fresh(if global { "g" } else { "v" });
        let e = self.value_of(ty)?;
        let len = match &e.kind {
            perigee_reference::ast::ExprKind::Table(items) => items.len() as u64,
            _ => 4,
        };
        if global {
            out.push(assign1(var(&n), e));
        } else if self.chance(1, 6)? {
            // Two at once, the second of another type or left nil.
            let m = self.fresh("v");
            let ty2 = *self.u.choose(LOCAL_TYPES)?;
            if self.chance(1, 3)? {
                out.push(local(vec![n.clone(), m.clone()], vec![e]));
                self.scope.declare(m, Ty::Any, true);
            } else {
                let e2 = self.value_of(ty2)?;
                out.push(local(vec![n.clone(), m.clone()], vec![e, e2]));
                self.scope.declare(m, ty2, true);
            }
        } else {
            out.push(local1(&n, e));
        }
        self.scope.declare(n, ty, true);
        if let Some(v) = self.scope.vars.last_mut() {
            v.len = len;
        }
        Ok(())
    }

    /// A value for a variable of type `ty`: strings are kept short.
    pub(crate) fn value_of(&mut self, ty: Ty) -> Result<perigee_reference::ast::Expr> {
        match ty {
            Ty::Str => self.bounded_str(3),
            _ => self.expr(ty, 3),
        }
    }

    fn assign_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        let Some(v) = self.pick_var(|v| v.assignable && (!matches!(v.ty, Ty::Fn { .. }) || is_leaf(v.ty)))? else {
            return self.print_stat(out);
        };
        if self.chance(1, 8)? {
            // A swap through a multiple assignment.
            if let Some(w) = self.pick_var(|w| w.assignable && w.ty == v.ty)? {
                out.push(assign(vec![var(&v.name), var(&w.name)], vec![var(&w.name), var(&v.name)]));
                return Ok(());
            }
        }
        let e = self.value_of(v.ty)?;
        if let perigee_reference::ast::ExprKind::Table(items) = &e.kind {
            let n = items.len() as u64;
            if let Some(slot) = self.scope.vars.iter_mut().rev().find(|w| w.name == v.name) {
                slot.len = slot.len.max(n);
            }
        }
        out.push(assign1(var(&v.name), e));
        Ok(())
    }

    pub(crate) fn print_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        let n = self.u.int_in_range(1..=3)?;
        let mut vals = Vec::new();
        for _ in 0..n {
            let ty = *self.u.choose(&[Ty::Num, Ty::Num, Ty::Str, Ty::Bool, Ty::Any, Ty::NumStr])?;
            vals.push(self.expr(ty, 3)?);
        }
        self.spend(8 * n as u64);
        out.push(print_vals(vals));
        Ok(())
    }

    /// Array growth and shrinking, record and object field writes.
    fn table_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        let level = self.scope.level();
        let k = self.pick(4)?;
        if k <= 1 {
            if let Some(a) = self.pick_var(|v| v.ty == Ty::Arr && v.level == level && !v.frozen)? {
                let t = var(&a.name);
                let mult = self.mult;
                let grow = |g: &mut Self| {
                    if let Some(slot) = g.scope.vars.iter_mut().rev().find(|w| w.name == a.name) {
                        slot.len = slot.len.saturating_add(mult);
                    }
                };
                let s = match self.pick(8)? {
                    0..=2 => {
                        grow(self);
                        assign1(index(t.clone(), bin(BinOp::Add, un(UnOp::Len, t), int(1))), self.num(2)?)
                    }
                    // The value in parentheses: a call giving two values
                    // would make `insert(t, v)` the three-argument form,
                    // with a position that may leave holes (a position
                    // past 2^31 does, as 5.1 truncates it to an `int`),
                    // and `#` of a table with holes is unspecified.
                    3 => {
                        grow(self);
                        call_stat(lib("table", "insert", vec![t, paren(self.num(2)?)]))
                    }
                    4 => {
                        grow(self);
                        call_stat(lib("table", "insert", vec![t, int(1), paren(self.num(2)?)]))
                    }
                    5 => call_stat(lib("table", "remove", vec![t])),
                    6 => assign1(index(t.clone(), un(UnOp::Len, t)), self.num(2)?),
                    _ => {
                        if self.chance(1, 2)? {
                            call_stat(lib("table", "sort", vec![t]))
                        } else {
                            let (a, b) = (nm("a"), nm("b"));
                            let cmp = func(
                                vec![a.clone(), b.clone()],
                                false,
                                vec![ret(vec![bin(BinOp::Gt, var(&a), var(&b))])],
                            );
                            call_stat(lib("table", "sort", vec![t, cmp]))
                        }
                    }
                };
                self.spend(a.len.min(400));
                out.push(s);
                return Ok(());
            }
        }
        if k == 2 {
            if let Some(r) = self.pick_var(|v| v.ty == Ty::Rec)? {
                let r = var(&r.name);
                let s = match self.pick(4)? {
                    0 => assign1(field(r, "x"), self.num(2)?),
                    1 => assign1(index(r, string("y")), self.num(2)?),
                    2 => assign1(field(r, "s"), self.bounded_str(2)?),
                    _ => {
                        let t = field(r, "t");
                        // Appends through a field are not tracked per array:
                        // charge a length bound instead.
                        assign1(index(t.clone(), bin(BinOp::Add, un(UnOp::Len, t), int(1))), self.num(2)?)
                    }
                };
                out.push(s);
                return Ok(());
            }
        }
        if let Some(o) = self.pick_var(|v| v.ty == Ty::Obj)? {
            let f = *self.u.choose(&["v", "w", "q"])?;
            self.spend(4);
            out.push(assign1(field(var(&o.name), f), self.num(2)?));
            return Ok(());
        }
        self.print_stat(out)
    }

    /// A call as a statement: a generated function (for its side effects on
    /// upvalues) or an object method.
    fn call_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        if self.chance(1, 3)? {
            if let Some(o) = self.pick_var(|v| v.ty == Ty::Obj)? {
                self.spend(4);
                out.push(call_stat(method(var(&o.name), "bump", vec![self.num(2)?])));
                return Ok(());
            }
        }
        let e = self.num(2)?;
        if let perigee_reference::ast::ExprKind::Call { .. } = e.kind {
            out.push(call_stat(e));
        } else {
            out.push(print_vals(vec![e]));
        }
        Ok(())
    }

    pub(crate) fn if_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        let sure = self.sure;
        self.sure = false;
        let arms_n = self.u.int_in_range(1..=3)?;
        let mut arms = Vec::new();
        for _ in 0..arms_n {
            let c = self.boolean(2)?;
            let n = self.u.int_in_range(1..=3)?;
            arms.push((c, self.block_of(n)?));
        }
        let else_block = if self.chance(1, 2)? {
            let n = self.u.int_in_range(1..=3)?;
            Some(self.block_of(n)?)
        } else {
            None
        };
        self.sure = sure;
        out.push(if_(arms, else_block));
        Ok(())
    }

    /// Runs `f` inside a new function level (a new scope whose locals are
    /// upvalues to code outside).
    pub(crate) fn in_level<T>(&mut self, level: Level, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.scope.open();
        self.scope.levels.push(level);
        let depth = self.depth;
        let r = f(self);
        self.depth = depth;
        self.scope.levels.pop();
        self.scope.close();
        r
    }
}

pub(crate) fn is_leaf(ty: Ty) -> bool {
    matches!(ty, Ty::Fn { leaf: true, .. })
}
