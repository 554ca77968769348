//! `Proto`: one compiled function as plain data — code, constants, nested
//! functions, upvalue descriptors and the debug information runtime errors
//! need.
//!
//! A `Proto` holds no heap values: strings are bytes, so the compiler runs
//! without a `Heap` and its output can be compared, printed (`listing`)
//! and checked structurally in tests. The loader interns the constants
//! when it turns a `Proto` into a closure.
//!
//! The debug information follows what PUC-Rio 5.1 keeps (`lineinfo`,
//! `locvars`, `upvalues`) so errors can name values exactly as 5.1's
//! `getobjname` does; `Proto::describe_reg` is that function over this
//! instruction set (see its doc for how it reads the code).

use std::ops::Range;

use crate::bytecode::{Const, Instr, Op, Pc, ProtoIdx, Reg, Upval};

/// A constant as the compiler sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    Num(f64),
    Str(Vec<u8>),
}

/// Where a closure finds an upvalue when `FNEW` creates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpvalSource {
    /// A local of the enclosing function, in this register of its frame.
    ParentLocal(Reg),
    /// An upvalue of the enclosing closure.
    ParentUpval(Upval),
}

#[derive(Debug, Clone, PartialEq)]
pub struct UpvalDesc {
    pub name: String,
    pub source: UpvalSource,
}

/// A local variable's name, register and the instructions where it is
/// live (5.1's `startpc`/`endpc`: `live.start` is the first instruction
/// after its initialiser).
#[derive(Debug, Clone, PartialEq)]
pub struct LocalVar {
    pub name: String,
    pub reg: Reg,
    pub live: Range<u32>,
}

/// How a function receives arguments beyond its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vararg {
    /// No `...`: extra arguments are dropped.
    Fixed,
    /// `...` in the parameter list: extra arguments are kept for `VARG`.
    Dots,
    /// `...` in the parameter list of a function other than the main chunk
    /// whose own code uses `...`: 5.1's compatibility local `arg`
    /// (`LUA_COMPAT_VARARG`) exists in register `numparams` and the
    /// interpreter sets it to nil on entry.
    DotsArgNil,
    /// As `DotsArgNil`, but the function's own code never uses `...`: the
    /// interpreter stores in register `numparams` a table of the extra
    /// arguments with the field `n`.
    ArgTable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Proto {
    pub code: Vec<Instr>,
    /// The source line of each instruction (same length as `code`).
    pub lines: Vec<u32>,
    pub constants: Vec<Constant>,
    pub protos: Vec<Proto>,
    pub upvalues: Vec<UpvalDesc>,
    pub numparams: u8,
    pub vararg: Vararg,
    /// Registers the frame needs: every register operand is below this.
    pub maxstack: u8,
    /// Locals in the order they were declared.
    pub locals: Vec<LocalVar>,
    /// The chunk name as given to the parser (`@file.lua`, `=stdin`, ...).
    pub source: Vec<u8>,
    pub linedefined: u32,
    pub lastlinedefined: u32,
}

/// How an error names the value in a register, 5.1's `getobjname` kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Local,
    Global,
    Field,
    Upvalue,
    Method,
}

impl NameKind {
    pub fn word(self) -> &'static str {
        match self {
            NameKind::Local => "local",
            NameKind::Global => "global",
            NameKind::Field => "field",
            NameKind::Upvalue => "upvalue",
            NameKind::Method => "method",
        }
    }
}

impl Proto {
    pub fn constant(&self, k: Const) -> Option<&Constant> {
        self.constants.get(k.0 as usize)
    }

    pub fn str_constant(&self, k: Const) -> Option<&[u8]> {
        match self.constant(k) {
            Some(Constant::Str(s)) => Some(s),
            _ => None,
        }
    }

    pub fn child(&self, i: ProtoIdx) -> Option<&Proto> {
        self.protos.get(i.0 as usize)
    }

    /// The local living in `reg` at `pc`, if any.
    pub fn local_name(&self, reg: Reg, pc: Pc) -> Option<&str> {
        self.locals.iter().rev().find(|l| l.reg == reg && l.live.contains(&pc.0)).map(|l| l.name.as_str())
    }

    pub fn upvalue_name(&self, uv: Upval) -> Option<&str> {
        self.upvalues.get(uv.0 as usize).map(|u| u.name.as_str())
    }

    /// How 5.1 names the value in `reg` when the instruction at `pc` fails
    /// on it: a live local by its name; otherwise the instruction that last
    /// wrote `reg` before `pc` (found by scanning backwards, as LuaJIT's
    /// `lj_debug_slotname` does) says global, field, method or upvalue, and
    /// a `MOV` from a lower register is followed (5.1's `OP_MOVE` rule).
    /// Keys that are not string constants read as `?`, as in 5.1.
    pub fn describe_reg(&self, reg: Reg, pc: Pc) -> Option<(NameKind, Vec<u8>)> {
        let mut reg = reg;
        let mut pc = pc.0 as usize;
        'restart: loop {
            if let Some(name) = self.local_name(reg, Pc(pc as u32)) {
                return Some((NameKind::Local, name.as_bytes().to_vec()));
            }
            while pc > 0 {
                pc -= 1;
                let ins = self.code[pc];
                let op = ins.op()?;
                if writes_range_from(op, ins, reg) {
                    return None;
                }
                if !writes_a(op) || ins.reg_a() != reg {
                    // SELF writes A and A+1; A+1 is the object, unnamed.
                    if op == Op::SELF && ins.a() as u16 + 1 == reg.0 as u16 {
                        return None;
                    }
                    continue;
                }
                let name = |k: Const| self.str_constant(k).map(<[u8]>::to_vec).unwrap_or_else(|| b"?".to_vec());
                return match op {
                    Op::MOV if ins.reg_d() < reg => {
                        reg = ins.reg_d();
                        continue 'restart;
                    }
                    Op::GGET => Some((NameKind::Global, name(ins.const_d()))),
                    Op::TGETS => Some((NameKind::Field, name(ins.const_c()))),
                    Op::TGETV | Op::TGETB => Some((NameKind::Field, b"?".to_vec())),
                    Op::SELF => Some((NameKind::Method, name(ins.const_c()))),
                    Op::UGET => {
                        Some((NameKind::Upvalue, self.upvalue_name(Upval(ins.d())).unwrap_or("?").as_bytes().to_vec()))
                    }
                    _ => None,
                };
            }
            return None;
        }
    }
}

/// Whether `op` writes its A register.
fn writes_a(op: Op) -> bool {
    matches!(
        op,
        Op::ISTC
            | Op::ISFC
            | Op::MOV
            | Op::NOT
            | Op::UNM
            | Op::LEN
            | Op::ADDVN
            | Op::SUBVN
            | Op::MULVN
            | Op::DIVVN
            | Op::MODVN
            | Op::ADDNV
            | Op::SUBNV
            | Op::MULNV
            | Op::DIVNV
            | Op::MODNV
            | Op::ADDVV
            | Op::SUBVV
            | Op::MULVV
            | Op::DIVVV
            | Op::MODVV
            | Op::POW
            | Op::CAT
            | Op::KSTR
            | Op::KSHORT
            | Op::KNUM
            | Op::KPRI
            | Op::UGET
            | Op::FNEW
            | Op::TNEW
            | Op::GGET
            | Op::TGETV
            | Op::TGETS
            | Op::TGETB
            | Op::SELF
    )
}

/// Whether `op` writes a range of registers that covers `reg` (calls,
/// varargs, loops, `KNIL`): the value there is a result, unnamed.
fn writes_range_from(op: Op, ins: Instr, reg: Reg) -> bool {
    match op {
        Op::KNIL => reg.0 >= ins.a() && reg.0 as u16 <= ins.d(),
        Op::CALL | Op::CALLM | Op::VARG | Op::ITERC | Op::FORI | Op::FORL | Op::ITERL => reg.0 >= ins.a(),
        _ => false,
    }
}
