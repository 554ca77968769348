//! Errors on purpose: a bank of statements each raising one kind of Lua
//! error (error with strings, numbers, tables, levels; arithmetic, index,
//! call, compare and concatenate on wrong types, naming locals, upvalues,
//! globals and fields; bad library arguments, also from a tail call),
//! and `pcall`/`xpcall` blocks that catch them and print what they caught.

use arbitrary::Result;
use perigee_reference::ast::{BinOp, Stat, TableField, UnOp};

use super::build::*;
use super::scope::{Level, Ty};
use super::Gen;

impl Gen<'_, '_> {
    /// One statement that raises an error.
    pub(crate) fn error_stat(&mut self) -> Result<Stat> {
        let z = self.fresh("z");
        Ok(match self.pick(25)? {
            0 => call_stat(gcall("error", vec![bin(BinOp::Concat, string("boom "), gcall("S", vec![self.num(1)?]))])),
            1 => call_stat(gcall("error", vec![table(vec![TableField::Named(nm("code"), self.num(1)?)])])),
            2 => call_stat(gcall("error", vec![self.str(1)?, int(0)])),
            3 => call_stat(gcall("error", vec![int(self.u.int_in_range(0..=99)?)])),
            4 => do_(vec![local(vec![z.clone()], vec![]), assign1(var(&z), bin(BinOp::Add, var(&z), int(1)))]),
            5 => call_stat(gcall("undefined_fn", vec![int(1)])),
            6 => do_(vec![local(vec![z.clone()], vec![]), assign1(field(var(&z), "x"), int(1))]),
            7 => print_vals(vec![bin(BinOp::Lt, self.num(1)?, self.str(0)?)]),
            8 => do_(vec![
                local(vec![z.clone()], vec![]),
                call_stat(call(func(vec![], false, vec![ret(vec![field(var(&z), "x")])]), vec![])),
            ]),
            9 => call_stat(lib("string", "rep", vec![])),
            10 => call_stat(lib("math", "floor", vec![string("x")])),
            11 => call_stat(gcall("setmetatable", vec![int(1), table(vec![])])),
            12 => do_(vec![
                local1(&z, table(vec![TableField::Named(nm("x"), int(1))])),
                print_vals(vec![field(field(var(&z), "x"), "y")]),
            ]),
            13 => match self.var_of(Ty::Obj)? {
                Some(o) => print_vals(vec![bin(BinOp::Sub, o, int(1))]),
                None => call_stat(gcall("error", vec![string("no obj")])),
            },
            14 => match self.var_of(Ty::Num)? {
                Some(x) => print_vals(vec![un(UnOp::Len, x)]),
                None => call_stat(gcall("error", vec![])),
            },
            15 => call_stat(gcall("error", vec![])),
            16 => do_(vec![local1(&z, boolean(true)), print_vals(vec![bin(BinOp::Concat, string("a"), var(&z))])]),
            17 => call_stat(call(field(name("math"), "pi"), vec![])),
            18 => call_stat(lib("string", "format", vec![string("%d"), string("x")])),
            // Raised by a library function reached by a tail call, which
            // 5.1 runs in the caller's frame (so the message names the
            // function and the caller's line): `do return f(...) end`.
            19 => do_(vec![ret(vec![lib("string", "rep", vec![])])]),
            20 => do_(vec![ret(vec![method(string("abc"), "rep", vec![table(vec![])])])]),
            21 => do_(vec![ret(vec![gcall("error", vec![string("tail boom")])])]),
            22 => do_(vec![ret(vec![gcall("error", vec![string("tail boom 2"), int(2)])])]),
            23 => do_(vec![ret(vec![lib("math", "floor", vec![string("x")])])]),
            _ => call_stat(method(string("abc"), "nosuch", vec![])),
        })
    }

    /// `local ok, e = pcall(function() ... end)` and the like, printing
    /// what came back.
    pub(crate) fn pcall_stat(&mut self, out: &mut Vec<Stat>) -> Result<()> {
        if !self.scope.room(4) {
            return self.print_stat(out);
        }
        let (ok, e) = (self.fresh("ok"), self.fresh("e"));
        let n = self.u.int_in_range(0..=3)?;
        let fail = self.chance(2, 3)?;
        let sure = self.sure;
        let body = self.in_level(Level { vararg: false, loops: 0, leaf: false }, |g| {
            let mut body = g.block_of(n)?;
            if fail {
                g.sure = false;
                body.push(g.error_stat()?);
            } else {
                body.push(ret(vec![g.num(2)?]));
            }
            Ok(body)
        })?;
        self.sure = sure;
        let f = func(vec![], false, body);
        let call_e = match self.pick(4)? {
            0 => {
                let h = nm("m");
                let handler = func(
                    vec![h.clone()],
                    false,
                    vec![ret(vec![bin(BinOp::Concat, string("handled: "), gcall("ES", vec![var(&h)]))])],
                );
                gcall("xpcall", vec![f, handler])
            }
            1 => {
                // The body wrapped in a second pcall.
                let inner = func(vec![], false, vec![ret(vec![gcall("pcall", vec![f])])]);
                gcall("pcall", vec![inner])
            }
            _ => gcall("pcall", vec![f]),
        };
        out.push(local(vec![ok.clone(), e.clone()], vec![call_e]));
        out.push(call_stat(gcall(
            "print",
            vec![string("pcall"), gcall("S", vec![var(&ok)]), gcall("ES", vec![var(&e)])],
        )));
        Ok(())
    }
}
