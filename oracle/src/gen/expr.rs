//! Typed expressions. Each generator returns an expression whose value
//! always has the requested static type (`scope::Ty`), whatever the
//! variables it reads hold at the time, so generated code raises no error
//! unless an error is generated on purpose (`errors`).
//!
//! `d` is the remaining depth; at 0 only leaves (literals, variables) are
//! made. Calls of generated functions charge their cost to the budget.

use arbitrary::Result;
use perigee_reference::ast::{BinOp, Expr, ExprKind, TableField, UnOp};

use super::build::*;
use super::scope::{Ty, Var};
use super::values;
use super::Gen;

const ARITH: &[BinOp] = &[BinOp::Add, BinOp::Sub, BinOp::Mul, BinOp::Div, BinOp::Mod, BinOp::Pow];
const NUM_CMP: &[BinOp] = &[BinOp::Lt, BinOp::Le, BinOp::Gt, BinOp::Ge, BinOp::Eq, BinOp::Ne];
const STR_CMP: &[BinOp] = &[BinOp::Lt, BinOp::Le, BinOp::Eq, BinOp::Ne];

/// Whether PUC-Rio 5.1 folds `e` into a numeric constant at compile time.
fn is_const(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Number(_) => true,
        ExprKind::Paren(x) => is_const(x),
        ExprKind::Unary { op: UnOp::Neg, operand } => is_const(operand),
        ExprKind::Binary { op, lhs, rhs } => ARITH.contains(op) && is_const(lhs) && is_const(rhs),
        _ => false,
    }
}

/// PUC-Rio 5.1 folds constant arithmetic, and a folded `-0` shares the
/// constant slot of `0` (a documented deviation of perigee). Arithmetic on
/// two constants therefore takes its left operand through `ZERO + c`, which
/// only runs at run time.
fn arith(op: BinOp, lhs: Expr, rhs: Expr) -> Expr {
    if is_const(&lhs) && is_const(&rhs) {
        return bin(op, paren(bin(BinOp::Add, name("ZERO"), lhs)), rhs);
    }
    bin(op, lhs, rhs)
}

/// Unary minus, kept from folding in the same way.
fn neg(e: Expr) -> Expr {
    if is_const(&e) {
        return un(UnOp::Neg, paren(bin(BinOp::Add, name("ZERO"), e)));
    }
    un(UnOp::Neg, e)
}

impl Gen<'_, '_> {
    pub(crate) fn expr(&mut self, ty: Ty, d: u32) -> Result<Expr> {
        match ty {
            Ty::Num => self.num(d),
            Ty::NumStr => self.numstr(d),
            Ty::Str => self.str(d),
            Ty::Bool => self.boolean(d),
            Ty::Arr => self.arr_ctor(d),
            Ty::Rec => self.rec_ctor(d),
            Ty::Obj => self.obj_ctor(d),
            Ty::Any => self.any(d),
            Ty::Fn { params, rets, .. } => self.leaf_fn(params, rets),
        }
    }

    /// A visible variable satisfying `f`, if any.
    pub(crate) fn pick_var(&mut self, f: impl Fn(&Var) -> bool) -> Result<Option<Var>> {
        let found = self.scope.find(f);
        if found.is_empty() {
            return Ok(None);
        }
        let i = found[self.pick(found.len())?];
        Ok(Some(self.scope.vars[i].clone()))
    }

    pub(crate) fn var_of(&mut self, ty: Ty) -> Result<Option<Expr>> {
        Ok(self.pick_var(|v| v.ty == ty)?.map(|v| var(&v.name)))
    }

    pub(crate) fn num_lit(&mut self) -> Result<Expr> {
        Ok(num(values::number(self.u)?))
    }

    pub(crate) fn small(&mut self) -> Result<Expr> {
        Ok(int(values::small_int(self.u)?))
    }

    pub(crate) fn num(&mut self, d: u32) -> Result<Expr> {
        let k = self.pick(if d == 0 { 3 } else { 17 })?;
        Ok(match k {
            0 => self.num_lit()?,
            1 | 2 => match self.var_of(Ty::Num)? {
                Some(e) => e,
                None => self.num_lit()?,
            },
            3 | 4 => {
                let op = *self.u.choose(ARITH)?;
                arith(op, self.arith_operand(d - 1)?, self.arith_operand(d - 1)?)
            }
            5 => neg(self.arith_operand(d - 1)?),
            6 => match self.var_of(Ty::Arr)? {
                Some(a) => un(UnOp::Len, a),
                None => un(UnOp::Len, self.str(d - 1)?),
            },
            7 => match self.var_of(Ty::Arr)? {
                Some(a) => paren(bin(BinOp::Or, index(a, self.num(d - 1)?), int(0))),
                None => self.num_lit()?,
            },
            8 => match self.var_of(Ty::Rec)? {
                Some(r) => match self.pick(4)? {
                    0 => field(r, "x"),
                    1 => index(r, string("y")),
                    2 => un(UnOp::Len, field(r, "t")),
                    _ => paren(bin(BinOp::Or, index(field(r, "t"), self.num(d - 1)?), int(0))),
                },
                None => self.num_lit()?,
            },
            9 => self.obj_num(d)?,
            10 => self.math(d)?,
            11 => self.fn_call(d)?,
            12 => self.str_num(d)?,
            13 => {
                if self.scope.levels.last().is_some_and(|l| l.vararg) {
                    gcall("select", vec![string("#"), vararg()])
                } else {
                    self.num_lit()?
                }
            }
            14 => paren(bin(BinOp::Or, bin(BinOp::And, self.boolean(d - 1)?, self.num(d - 1)?), self.num(d - 1)?)),
            15 => {
                let s = *self.u.choose(values::NUMERIC_STRINGS)?;
                gcall("tonumber", vec![string(s)])
            }
            _ => arith(*self.u.choose(ARITH)?, self.num(d - 1)?, self.num_lit()?),
        })
    }

    /// A number or a numeric string: fine as an arithmetic operand.
    fn arith_operand(&mut self, d: u32) -> Result<Expr> {
        Ok(match self.pick(8)? {
            0 => match self.var_of(Ty::NumStr)? {
                Some(e) => e,
                None => self.num(d)?,
            },
            1 => string(self.u.choose(values::NUMERIC_STRINGS)?),
            _ => self.num(d)?,
        })
    }

    pub(crate) fn numstr(&mut self, d: u32) -> Result<Expr> {
        Ok(match self.pick(5)? {
            0 => string(self.u.choose(values::NUMERIC_STRINGS)?),
            1 => match self.var_of(Ty::NumStr)? {
                Some(e) => e,
                None => self.num(d)?,
            },
            2 => gcall("tostring", vec![self.small()?]),
            _ => self.num(d)?,
        })
    }

    /// Numbers out of metatable objects.
    fn obj_num(&mut self, d: u32) -> Result<Expr> {
        let Some(o) = self.var_of(Ty::Obj)? else { return self.num_lit() };
        self.spend(4);
        let sub = d.saturating_sub(1);
        Ok(match self.pick(7)? {
            0 => field(o, "v"),
            1 => field(o, self.u.choose(&["w", "q"])?),
            2 => method(o, "get", vec![]),
            3 => bin(BinOp::Add, o, self.num(sub)?),
            4 => bin(BinOp::Add, self.num(sub)?, o),
            5 => call(o, vec![self.num(sub)?]),
            _ => method(o, "bump", vec![self.num(sub)?]),
        })
    }

    fn math(&mut self, d: u32) -> Result<Expr> {
        let f = *self
            .u
            .choose(&["floor", "ceil", "abs", "sqrt", "max", "min", "fmod", "huge", "pi", "modf", "sin", "exp"])?;
        Ok(match f {
            "huge" | "pi" => field(name("math"), f),
            "max" | "min" => {
                let n = self.u.int_in_range(1..=3)?;
                let mut args = Vec::new();
                for _ in 0..n {
                    args.push(self.num(d - 1)?);
                }
                lib("math", f, args)
            }
            "fmod" => lib("math", f, vec![self.num(d - 1)?, self.num(d - 1)?]),
            "modf" => paren(lib("math", f, vec![self.num(d - 1)?])),
            _ => lib("math", f, vec![self.num(d - 1)?]),
        })
    }

    /// Numbers out of strings.
    fn str_num(&mut self, d: u32) -> Result<Expr> {
        let s = self.str(d - 1)?;
        Ok(match self.pick(4)? {
            0 => un(UnOp::Len, s),
            1 => lib("string", "len", vec![s]),
            2 => {
                let p = *self.u.choose(values::PATTERNS)?;
                paren(bin(BinOp::Or, lib("string", "find", vec![s, string(p)]), int(0)))
            }
            _ => paren(bin(BinOp::Or, lib("string", "byte", vec![s, self.small()?]), int(-1))),
        })
    }

    /// A call of a generated function in scope, if one fits the budget.
    fn fn_call(&mut self, d: u32) -> Result<Expr> {
        if self.scope.levels.last().is_some_and(|l| l.leaf) {
            return self.num_lit();
        }
        let mult = self.mult;
        let spent = self.spent;
        let limit = self.limit;
        let f = self.pick_var(|v| match v.ty {
            Ty::Fn { cost, .. } => spent.saturating_add((cost as u64 + 2).saturating_mul(mult)) <= limit,
            _ => false,
        })?;
        let Some(f) = f else { return self.num_lit() };
        let Ty::Fn { params, cost, .. } = f.ty else { return self.num_lit() };
        self.spend(cost as u64 + 2);
        let mut args = Vec::new();
        for _ in 0..params {
            args.push(self.num(d.saturating_sub(1))?);
        }
        Ok(call(var(&f.name), args))
    }

    pub(crate) fn str(&mut self, d: u32) -> Result<Expr> {
        let k = self.pick(if d == 0 { 3 } else { 15 })?;
        Ok(match k {
            0 => string(values::string(self.u)?),
            1 | 2 => match self.var_of(Ty::Str)? {
                Some(e) => e,
                None => string(values::string(self.u)?),
            },
            3 | 4 => bin(BinOp::Concat, self.concat_operand(d - 1)?, self.concat_operand(d - 1)?),
            5 => {
                let s = self.str(d - 1)?;
                let mut args = vec![s, self.small()?];
                if self.chance(2, 3)? {
                    args.push(self.small()?);
                }
                lib("string", "sub", args)
            }
            6 => lib("string", "rep", vec![self.str(d - 1)?, int(self.u.int_in_range(0..=3)?)]),
            7 => {
                let f = *self.u.choose(&["upper", "lower", "reverse"])?;
                if self.chance(1, 2)? {
                    method(self.str(d - 1)?, f, vec![])
                } else {
                    lib("string", f, vec![self.str(d - 1)?])
                }
            }
            8 => self.format(d)?,
            9 => {
                let p = *self.u.choose(values::PATTERNS)?;
                let r = *self.u.choose(values::REPLACEMENTS)?;
                let mut args = vec![self.str(d - 1)?, string(p), string(r)];
                if self.chance(1, 4)? {
                    args.push(int(self.u.int_in_range(0..=2)?));
                }
                paren(lib("string", "gsub", args))
            }
            10 => {
                self.spend(8);
                gcall("S", vec![self.any(d - 1)?])
            }
            11 => match self.var_of(Ty::Obj)? {
                Some(o) => {
                    self.spend(10);
                    bin(BinOp::Concat, o, self.str(d - 1)?)
                }
                None => string(values::string(self.u)?),
            },
            12 => gcall("tostring", vec![gcall("F", vec![self.num(d - 1)?])]),
            13 => {
                let p = *self.u.choose(values::PATTERNS)?;
                paren(bin(BinOp::Or, lib("string", "match", vec![self.str(d - 1)?, string(p)]), string("")))
            }
            _ => {
                let n = self.u.int_in_range(0..=3)?;
                let mut args = Vec::new();
                for _ in 0..n {
                    args.push(int(self.u.int_in_range(65..=90)?));
                }
                lib("string", "char", args)
            }
        })
    }

    /// An operand of `..`: a string, a number or a numeric string.
    fn concat_operand(&mut self, d: u32) -> Result<Expr> {
        // Numbers pass through `F`, which turns NaN into "nan": the text of
        // a NaN would otherwise carry its sign into string comparisons.
        Ok(match self.pick(5)? {
            0 => gcall("F", vec![self.num(d)?]),
            1 => gcall("F", vec![self.numstr(d)?]),
            _ => self.str(d)?,
        })
    }

    fn format(&mut self, d: u32) -> Result<Expr> {
        let (fmt, kinds) = *self.u.choose(values::FORMATS)?;
        let mut args = vec![string(fmt)];
        for k in kinds.chars() {
            args.push(match k {
                'n' => gcall("N", vec![self.num(d - 1)?]),
                'i' => self.small()?,
                'c' => int(self.u.int_in_range(65..=90)?),
                _ => self.str(d - 1)?,
            });
        }
        Ok(lib("string", "format", args))
    }

    /// A string no longer than 40 bytes: what string variables are
    /// assigned, so strings cannot grow without bound in loops.
    pub(crate) fn bounded_str(&mut self, d: u32) -> Result<Expr> {
        let e = self.str(d)?;
        Ok(match e.kind {
            perigee_reference::ast::ExprKind::String(_) => e,
            _ => lib("string", "sub", vec![e, int(1), int(40)]),
        })
    }

    pub(crate) fn boolean(&mut self, d: u32) -> Result<Expr> {
        let k = self.pick(if d == 0 { 2 } else { 12 })?;
        Ok(match k {
            0 => boolean(self.chance(1, 2)?),
            1 => match self.var_of(Ty::Bool)? {
                Some(e) => e,
                None => boolean(self.chance(1, 2)?),
            },
            2..=4 => bin(*self.u.choose(NUM_CMP)?, self.num(d - 1)?, self.num(d - 1)?),
            5 => bin(*self.u.choose(STR_CMP)?, self.str(d - 1)?, self.str(d - 1)?),
            6 => un(UnOp::Not, self.boolean(d - 1)?),
            7 => bin(*self.u.choose(&[BinOp::And, BinOp::Or])?, self.boolean(d - 1)?, self.boolean(d - 1)?),
            8 => {
                let a = self.var_of(Ty::Obj)?;
                let b = self.var_of(Ty::Obj)?;
                match (a, b) {
                    (Some(a), Some(b)) => {
                        self.spend(4);
                        bin(*self.u.choose(&[BinOp::Eq, BinOp::Lt, BinOp::Le, BinOp::Ne, BinOp::Gt])?, a, b)
                    }
                    _ => boolean(true),
                }
            }
            9 => {
                let t = *self.u.choose(&["number", "string", "table", "nil", "boolean"])?;
                bin(BinOp::Eq, gcall("type", vec![self.any(d - 1)?]), string(t))
            }
            10 => bin(*self.u.choose(&[BinOp::Eq, BinOp::Ne])?, self.any(d - 1)?, self.any(d - 1)?),
            _ => {
                let p = *self.u.choose(values::PATTERNS)?;
                bin(BinOp::Ne, lib("string", "find", vec![self.str(d - 1)?, string(p)]), nil())
            }
        })
    }

    pub(crate) fn any(&mut self, d: u32) -> Result<Expr> {
        Ok(match self.pick(10)? {
            0 => nil(),
            1 => self.num(d)?,
            2 => self.str(d)?,
            3 => self.boolean(d)?,
            4 => positional(vec![self.num(0)?, self.num(0)?]),
            5 => table(vec![]),
            6 => {
                let anyvar = self.pick_var(|_| true)?;
                match anyvar {
                    Some(v) => var(&v.name),
                    None => nil(),
                }
            }
            7 => self.numstr(d)?,
            8 => match self.var_of(Ty::Obj)? {
                Some(o) => o,
                None => nil(),
            },
            _ => match self.var_of(Ty::Any)? {
                Some(e) => e,
                None => nil(),
            },
        })
    }

    pub(crate) fn arr_ctor(&mut self, d: u32) -> Result<Expr> {
        let n = self.u.int_in_range(0..=6)?;
        let mut items = Vec::new();
        for _ in 0..n {
            items.push(self.num(d.saturating_sub(1))?);
        }
        Ok(positional(items))
    }

    pub(crate) fn rec_ctor(&mut self, d: u32) -> Result<Expr> {
        let sub = d.saturating_sub(1);
        Ok(table(vec![
            TableField::Named(nm("x"), self.num(sub)?),
            TableField::Named(nm("y"), self.num(sub)?),
            TableField::Keyed(string("s"), self.str(0)?),
            TableField::Named(nm("t"), self.arr_ctor(1)?),
        ]))
    }

    pub(crate) fn obj_ctor(&mut self, d: u32) -> Result<Expr> {
        self.spend(2);
        Ok(gcall("OBJ", vec![self.num(d.saturating_sub(1))?]))
    }
}
