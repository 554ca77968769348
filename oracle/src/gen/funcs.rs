//! Functions: named and anonymous functions with upvalues, leaf functions
//! that may be redefined, closures created in loops, varargs and multiple
//! results, bounded recursion (tail, non-tail, tree), and coroutines.
//!
//! A function body is generated with a budget of its own (`FUNC_BUDGET`);
//! what it spent is its cost, charged wherever it is called.

use arbitrary::Result;
use perigee_reference::ast::{BinOp, Expr, Name, Stat, UnOp};

use super::build::*;
use super::scope::{Level, Ty};
use super::{Gen, FUNC_BUDGET, LEAF_BUDGET};

impl Gen<'_, '_> {
    /// `function(a, b) return e1, e2 end` calling no generated function.
    pub(crate) fn leaf_fn(&mut self, params: u8, rets: u8) -> Result<Expr> {
        let names: Vec<Name> = (0..params).map(|_| self.fresh("a")).collect();
        let body = self.in_level(Self::leaf_level(), |g| {
            for n in &names {
                g.scope.declare(n.clone(), Ty::Num, true);
            }
            let (mult, spent, limit) = (g.mult, g.spent, g.limit);
            g.mult = 1;
            g.spent = 0;
            g.limit = LEAF_BUDGET;
            let mut vals = Vec::new();
            for _ in 0..rets {
                vals.push(g.num(2)?);
            }
            (g.mult, g.spent, g.limit) = (mult, spent, limit);
            Ok(vec![ret(vals)])
        })?;
        Ok(func(names, false, body))
    }

    /// Generates a function body with its own budget; returns the body and
    /// its cost per call.
    fn body_with_budget(&mut self, params: &[Name], rets: u8, vararg: bool) -> Result<(Vec<Stat>, u64)> {
        let sure = self.sure;
        self.sure = false;
        let r = self.in_level(Level { vararg, loops: 0, leaf: false }, |g| {
            for n in params {
                g.scope.declare(n.clone(), Ty::Num, true);
            }
            let (mult, spent, limit) = (g.mult, g.spent, g.limit);
            g.mult = 1;
            g.spent = 0;
            g.limit = FUNC_BUDGET;
            let n = g.u.int_in_range(1..=5)?;
            let mut body = Vec::new();
            g.depth += 1;
            g.stats_n(n, &mut body)?;
            let mut vals = Vec::new();
            for _ in 0..rets {
                vals.push(g.num(2)?);
            }
            body.push(ret(vals));
            let cost = g.spent + 2;
            (g.mult, g.spent, g.limit) = (mult, spent, limit);
            Ok((body, cost))
        });
        self.sure = sure;
        r
    }

    pub(crate) fn function_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        if !self.scope.room(4) {
            return self.print_stat(out);
        }
        self.stats.functions += 1;
        let params_n = self.u.int_in_range(0..=3)?;
        let rets = self.u.int_in_range(1..=2)?;
        let params: Vec<Name> = (0..params_n).map(|_| self.fresh("p")).collect();
        let (body, cost) = self.body_with_budget(&params, rets, false)?;
        let ty = Ty::Fn { params: params_n, rets, leaf: false, cost: cost as u32 };
        let f = self.fresh("f");
        match self.pick(3)? {
            0 => out.push(local_function(&f, params, false, body)),
            1 => out.push(local1(&f, func(params, false, body))),
            _ => out.push(st(perigee_reference::ast::StatKind::Function {
                target: perigee_reference::ast::FuncName { base: f.clone(), fields: vec![], method: None },
                body: func_body(params, false, body),
            })),
        }
        self.scope.declare(f.clone(), ty, false);
        // Use multiple results right away sometimes.
        if rets == 2 && self.scope.room(2) && self.afford(cost + 4) && self.chance(1, 2)? {
            self.spend(cost + 2);
            let (a, b) = (self.fresh("v"), self.fresh("v"));
            let args = (0..params_n).map(|_| self.num(1)).collect::<Result<Vec<_>>>()?;
            out.push(local(vec![a.clone(), b.clone()], vec![call(var(&f), args)]));
            self.scope.declare(a, Ty::Num, true);
            self.scope.declare(b, Ty::Num, true);
        }
        Ok(())
    }

    /// Closures created in a loop, each capturing the loop variable and a
    /// fresh local, called afterwards.
    pub(crate) fn closures_in_loop(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        if !self.scope.room(6) || !self.afford(300) {
            return self.print_stat(out);
        }
        let t = *self.u.choose(&[0u64, 1, 2, 3, 10, 56, 60])?;
        if !self.afford(t * 12 + 4) {
            return self.print_stat(out);
        }
        self.spend(t * 10);
        let (fs, i, c, x, acc, j) =
            (self.fresh("fs"), self.fresh("i"), self.fresh("c"), self.fresh("x"), self.fresh("acc"), self.fresh("j"));
        out.push(local1(&fs, table(vec![])));
        let init = self.num(1)?;
        let outer = match self.var_of(Ty::Num)? {
            Some(e) => e,
            None => int(1),
        };
        let closure = func(
            vec![x.clone()],
            false,
            vec![
                assign1(var(&c), bin(BinOp::Add, var(&c), var(&x))),
                ret(vec![bin(BinOp::Add, bin(BinOp::Add, var(&c), var(&i)), outer)]),
            ],
        );
        let body = vec![
            local1(&c, bin(BinOp::Mul, var(&i), init)),
            assign1(index(var(&fs), bin(BinOp::Add, un(UnOp::Len, var(&fs)), int(1))), closure),
        ];
        out.push(numfor(&i, int(1), num(t as f64), None, body));
        self.stats.loops += 1;
        if self.sure && t > self.stats.longest_loop {
            self.stats.longest_loop = t;
        }
        out.push(local1(&acc, int(0)));
        let callj = call(index(var(&fs), var(&j)), vec![var(&j)]);
        out.push(numfor(
            &j,
            int(1),
            un(UnOp::Len, var(&fs)),
            None,
            vec![
                assign1(var(&acc), bin(BinOp::Add, var(&acc), callj.clone())),
                assign1(var(&acc), bin(BinOp::Add, var(&acc), callj)),
            ],
        ));
        out.push(print_vals(vec![string("closures"), var(&acc)]));
        self.scope.declare(acc, Ty::Num, true);
        Ok(())
    }

    /// A vararg function, called with a mix of arguments including nils.
    pub(crate) fn vararg_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        if !self.scope.room(6) || !self.afford(60) {
            return self.print_stat(out);
        }
        self.spend(40);
        let f = self.fresh("va");
        let (n, a, b) = (self.fresh("n"), self.fresh("a"), self.fresh("b"));
        let mut body = vec![
            local1(&n, gcall("select", vec![string("#"), vararg()])),
            local(vec![a.clone(), b.clone()], vec![vararg()]),
            print_vals(vec![string("va"), var(&n), var(&a), var(&b)]),
        ];
        body.push(match self.pick(4)? {
            0 => ret(vec![var(&n), vararg()]),
            1 => ret(vec![gcall("select", vec![int(2), vararg()])]),
            2 => ret(vec![vararg()]),
            _ => ret(vec![var(&b), var(&a), var(&n)]),
        });
        out.push(local_function(&f, vec![], true, body));
        let mut args = Vec::new();
        for _ in 0..self.u.int_in_range(0..=4)? {
            args.push(if self.chance(1, 4)? { nil() } else { self.num(1)? });
        }
        if self.chance(1, 3)? {
            // A multi-valued call expanded as the last argument.
            args.push(call(var(&f), vec![int(1), int(2)]));
        }
        out.push(print_vals(vec![gcall("select", vec![string("#"), call(var(&f), args.clone())])]));
        let (x, y, z) = (self.fresh("v"), self.fresh("v"), self.fresh("v"));
        out.push(local(vec![x.clone(), y.clone(), z.clone()], vec![call(var(&f), args)]));
        out.push(print_vals(vec![var(&x), var(&y), var(&z)]));
        for v in [x, y, z] {
            self.scope.declare(v, Ty::Any, true);
        }
        Ok(())
    }

    /// Recursion bounded by a constant depth: tail, non-tail, or a tree.
    pub(crate) fn recursion_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        if !self.scope.room(4) {
            return self.print_stat(out);
        }
        let f = self.fresh("rec");
        let (n, acc) = (self.fresh("n"), self.fresh("acc"));
        let kind = self.pick(3)?;
        let depth: u64 = match kind {
            0 => *self.u.choose(&[0, 1, 5, 57, 150])?,
            1 => *self.u.choose(&[0, 1, 5, 30, 57])?,
            _ => self.u.int_in_range(0..=11)?,
        };
        let calls = if kind == 2 { 1u64 << (depth / 2 + 3).min(12) } else { depth + 1 };
        if !self.afford(calls * 4) {
            return self.print_stat(out);
        }
        self.spend(calls * 4);
        let step = self.in_level(Self::leaf_level(), |g| {
            g.scope.declare(n.clone(), Ty::Num, false);
            g.scope.declare(acc.clone(), Ty::Num, false);
            g.num(2)
        })?;
        let down = bin(BinOp::Sub, var(&n), int(1));
        let body = match kind {
            0 => vec![
                if_(vec![(bin(BinOp::Le, var(&n), int(0)), vec![ret(vec![var(&acc)])])], None),
                ret(vec![call(var(&f), vec![down, bin(BinOp::Add, var(&acc), step)])]),
            ],
            1 => vec![
                if_(vec![(bin(BinOp::Le, var(&n), int(0)), vec![ret(vec![var(&acc)])])], None),
                ret(vec![bin(BinOp::Add, step, call(var(&f), vec![down, var(&acc)]))]),
            ],
            _ => vec![
                if_(
                    vec![(bin(BinOp::Lt, var(&n), int(2)), vec![ret(vec![bin(BinOp::Add, var(&n), var(&acc))])])],
                    None,
                ),
                ret(vec![bin(
                    BinOp::Add,
                    call(var(&f), vec![down, var(&acc)]),
                    call(var(&f), vec![bin(BinOp::Sub, var(&n), int(2)), var(&acc)]),
                )]),
            ],
        };
        out.push(local_function(&f, vec![n, acc], false, body));
        let start = self.num(1)?;
        out.push(print_vals(vec![string("rec"), call(var(&f), vec![num(depth as f64), start])]));
        Ok(())
    }

    /// A coroutine resumed a bounded number of times past its death, with
    /// values passed both ways, sometimes failing partway.
    pub(crate) fn coroutine_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        if !self.scope.room(6) {
            return self.print_stat(out);
        }
        let t = *self.u.choose(&[0u64, 1, 2, 3, 10, 56, 57])?;
        if !self.afford(t * 30 + 10) {
            return self.print_stat(out);
        }
        let (co, a, s, j, got, k, ok, x, y) = (
            self.fresh("co"),
            self.fresh("a"),
            self.fresh("s"),
            self.fresh("j"),
            self.fresh("got"),
            self.fresh("k"),
            self.fresh("ok"),
            self.fresh("x"),
            self.fresh("y"),
        );
        let sure = self.sure;
        self.sure = false;
        let mult = self.mult;
        self.mult = mult.saturating_mul(t.max(1));
        let fail_at = if self.chance(1, 4)? { Some(self.u.int_in_range(1..=3)?) } else { None };
        let inner = self.in_level(Level { vararg: false, loops: 1, leaf: false }, |g| {
            g.scope.declare(a.clone(), Ty::Num, true);
            g.scope.declare(s.clone(), Ty::Num, true);
            g.scope.declare(j.clone(), Ty::Num, false);
            let n = g.u.int_in_range(0..=2)?;
            g.block_of(n)
        })?;
        self.mult = mult;
        self.sure = sure;
        self.spend(t * 8 + 6);
        let mut loop_body = vec![assign1(var(&s), bin(BinOp::Add, var(&s), var(&j)))];
        loop_body.extend(inner);
        if let Some(at) = fail_at {
            loop_body.push(if_(
                vec![(
                    bin(BinOp::Eq, var(&j), int(at)),
                    vec![call_stat(gcall("error", vec![bin(BinOp::Concat, string("co fail "), var(&j))]))],
                )],
                None,
            ));
        }
        loop_body.push(local1(&got, lib("coroutine", "yield", vec![var(&s), var(&j)])));
        loop_body.push(if_(vec![(var(&got), vec![assign1(var(&s), bin(BinOp::Add, var(&s), var(&got)))])], None));
        let body = vec![
            local1(&s, var(&a)),
            numfor(&j, int(1), num(t as f64), None, loop_body),
            ret(vec![string("done"), var(&s)]),
        ];
        out.push(local1(&co, lib("coroutine", "create", vec![func(vec![a], false, body)])));
        let resume = lib("coroutine", "resume", vec![var(&co), var(&k)]);
        out.push(numfor(
            &k,
            int(1),
            num(t as f64 + 2.0),
            None,
            vec![
                local(vec![ok.clone(), x.clone(), y.clone()], vec![resume]),
                print_vals(vec![var(&ok), var(&x), var(&y), lib("coroutine", "status", vec![var(&co)])]),
            ],
        ));
        Ok(())
    }
}
