//! Loops, each bounded when it starts: numeric `for` with constant bounds
//! (including float steps and counters past int32), `while` and `repeat`
//! on a counter no other code can assign, generic `for` over `ipairs` of an
//! array nobody may append to meanwhile, `pairs` (only counted, never
//! order-dependent), a closure iterator and a `coroutine.wrap` generator.
//! Inside loops: `break`, functions redefined partway through, variables
//! changing type partway through.
//!
//! Trip counts come from `values::TRIPS` (0, 1, 2, around 56, 200), cut
//! down when the estimated cost would exceed the budget.

use arbitrary::Result;
use perigee_reference::ast::{BinOp, Expr, Name, Stat};

use super::build::*;
use super::scope::{Level, Ty};
use super::{values, Gen};

impl Gen<'_, '_> {
    /// A trip count whose body (of at least `per_trip` steps) fits.
    fn trips(&mut self, per_trip: u64) -> Result<u64> {
        let mut i = self.pick(values::TRIPS.len())?;
        while i > 0 && !self.afford(values::TRIPS[i] * per_trip + 2) {
            i -= 1;
        }
        Ok(values::TRIPS[i])
    }

    /// Generates a loop body running `trips` times with `var` in scope.
    fn loop_body(&mut self, trips: u64, vars: &[(Name, Ty)], extra: Vec<Stat>) -> Result<Vec<Stat>> {
        self.stats.loops += 1;
        if self.sure && trips > self.stats.longest_loop {
            self.stats.longest_loop = trips;
        }
        let mult = self.mult;
        self.mult = mult.saturating_mul(trips.max(1));
        self.scope.top().loops += 1;
        self.loop_vars.push(vars.first().map(|v| v.0.clone()));
        self.scope.open();
        for (n, ty) in vars {
            self.scope.declare(n.clone(), *ty, false);
        }
        let mut body = extra;
        let n = self.u.int_in_range(1..=5)?;
        self.depth += 1;
        self.stats_n(n, &mut body)?;
        self.depth -= 1;
        self.scope.close();
        self.loop_vars.pop();
        self.scope.top().loops -= 1;
        self.mult = mult;
        Ok(body)
    }

    pub(crate) fn numfor_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        let t = self.trips(3)?;
        let i = self.fresh("i");
        let tf = t as f64;
        let (start, limit, step) = match self.pick(6)? {
            0 => (num(tf), int(1), Some(int(-1))),
            1 => (int(0), num((tf - 1.0) * 0.5), Some(num(0.5))),
            2 => {
                let base = *self.u.choose(&[2147483645.0, 9007199254740690.0, -2147483650.0, 4294967290.0])?;
                (num(base), num(base + tf - 1.0), None)
            }
            3 => (int(1), num(3.0 * tf), Some(int(3))),
            _ => (int(1), num(tf), None),
        };
        let body = self.loop_body(t, &[(i.clone(), Ty::Num)], Vec::new())?;
        out.push(numfor(&i, start, limit, step, body));
        Ok(())
    }

    /// A counter local only the loop itself updates.
    fn counter(&mut self, out: &mut Vec<Stat>, prefix: &str) -> Name {
        let c = self.fresh(prefix);
        out.push(local1(&c, int(0)));
        self.scope.declare(c.clone(), Ty::Num, false);
        c
    }

    fn incr(c: &Name) -> Stat {
        assign1(var(c), bin(BinOp::Add, var(c), int(1)))
    }

    pub(crate) fn while_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        if !self.scope.room(3) {
            return self.print_stat(out);
        }
        let t = self.trips(4)?;
        let c = self.counter(out, "w");
        let mut cond = bin(BinOp::Lt, var(&c), num(t as f64));
        if self.chance(1, 5)? {
            cond = bin(BinOp::And, cond, self.boolean(1)?);
        }
        let body = self.loop_body(t, &[], vec![Self::incr(&c)])?;
        out.push(while_(cond, body));
        Ok(())
    }

    pub(crate) fn repeat_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        if !self.scope.room(3) {
            return self.print_stat(out);
        }
        let t = self.trips(4)?.max(1);
        let c = self.counter(out, "r");
        let body = self.loop_body(t, &[], vec![Self::incr(&c)])?;
        out.push(repeat_(body, bin(BinOp::Ge, var(&c), num(t as f64))));
        Ok(())
    }

    pub(crate) fn genfor_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        if !self.scope.room(4) {
            return self.print_stat(out);
        }
        let (k, v) = (self.fresh("k"), self.fresh("e"));
        match self.pick(5)? {
            0 | 1 => {
                let Some(a) = self.pick_var(|v| v.ty == Ty::Arr)? else { return self.print_stat(out) };
                let t = a.len.min(400);
                if !self.afford(t * 4) {
                    return self.print_stat(out);
                }
                // No appends to the array while it is traversed.
                let slot = self.scope.vars.iter().rposition(|w| w.name == a.name);
                let was = slot.map(|s| std::mem::replace(&mut self.scope.vars[s].frozen, true));
                let body = self.loop_body(t, &[(k.clone(), Ty::Num), (v.clone(), Ty::Num)], Vec::new())?;
                if let (Some(s), Some(was)) = (slot, was) {
                    self.scope.vars[s].frozen = was;
                }
                out.push(genfor(vec![k, v], vec![gcall("ipairs", vec![var(&a.name)])], body));
            }
            2 => {
                let Some(x) = self.pick_var(|v| matches!(v.ty, Ty::Rec | Ty::Obj | Ty::Arr))? else {
                    return self.print_stat(out);
                };
                if !self.afford(a_len(x.len) * 2) {
                    return self.print_stat(out);
                }
                let c = self.counter(out, "n");
                let body = vec![Self::incr(&c)];
                out.push(genfor(vec![k, v], vec![gcall("pairs", vec![var(&x.name)])], body));
                out.push(print_vals(vec![string("count"), var(&c)]));
            }
            3 => {
                let t = self.trips(6)?;
                let body = self.loop_body(t, &[(k.clone(), Ty::Num)], Vec::new())?;
                out.push(genfor(vec![k], vec![gcall("range", vec![num(t as f64)])], body));
            }
            _ => {
                let t = self.trips(8)?;
                let j = self.fresh("j");
                let scale = self.num(1)?;
                let gen_body = vec![numfor(
                    &j,
                    int(1),
                    num(t as f64),
                    None,
                    vec![call_stat(lib("coroutine", "yield", vec![bin(BinOp::Mul, var(&j), scale)]))],
                )];
                let co = lib("coroutine", "wrap", vec![func(vec![], false, gen_body)]);
                let body = self.loop_body(t, &[(k.clone(), Ty::Num)], Vec::new())?;
                out.push(genfor(vec![k], vec![co], body));
            }
        }
        Ok(())
    }

    /// Inside a loop: a conditional `break`, a function redefined partway
    /// through, or a variable whose type changes partway through.
    pub(crate) fn loop_special(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        let iv = self.loop_vars.last().cloned().flatten();
        let at = |g: &mut Self| -> Result<Expr> {
            let k = *g.u.choose(&[1.0, 2.0, 3.0, 50.0, 55.0, 56.0, 57.0, 100.0])?;
            Ok(match &iv {
                Some(i) => bin(*g.u.choose(&[BinOp::Eq, BinOp::Ge, BinOp::Gt])?, var(i), num(k)),
                None => g.boolean(1).unwrap_or_else(|_| boolean(false)),
            })
        };
        match self.pick(4)? {
            0 => {
                let c = at(self)?;
                out.push(if_(vec![(c, vec![brk()])], None));
            }
            1 => {
                let Some(f) = self.pick_var(|v| v.assignable && super::stmt::is_leaf(v.ty))? else {
                    return self.print_stat(out);
                };
                let Ty::Fn { params, rets, .. } = f.ty else { return self.print_stat(out) };
                let c = at(self)?;
                let e = self.leaf_fn(params, rets)?;
                out.push(if_(vec![(c, vec![assign1(var(&f.name), e)])], None));
            }
            _ => {
                let Some(x) = self.pick_var(|v| v.assignable && matches!(v.ty, Ty::Any | Ty::NumStr))? else {
                    return self.print_stat(out);
                };
                let c = at(self)?;
                let (a, b) = match x.ty {
                    Ty::NumStr => {
                        let n = match &iv {
                            Some(i) => var(i),
                            None => self.num(1)?,
                        };
                        (gcall("tostring", vec![self.small()?]), n)
                    }
                    _ => (self.any(1)?, self.any(1)?),
                };
                out.push(if_(vec![(c, vec![assign1(var(&x.name), a)])], Some(vec![assign1(var(&x.name), b)])));
            }
        }
        Ok(())
    }

    /// A new function level for a loop-free helper.
    pub(crate) fn leaf_level() -> Level {
        Level { vararg: false, loops: 0, leaf: true }
    }
}

fn a_len(n: u64) -> u64 {
    n.min(400) + 4
}
