//! The instruction set of the `interp` tier: 32-bit register instructions
//! in LuaJIT's spirit, and the one table (`OPS`) that says, for every op,
//! its name, its format and what each operand field means.
//!
//! Encoding (little end first), as in LuaJIT's `lj_bc.h`:
//!
//! ```text
//!  31      24 23      16 15       8 7        0
//! +----------+----------+----------+----------+
//! |    B     |    C     |    A     |    op    |   format ABC
//! +----------+----------+----------+----------+
//! |          D          |    A     |    op    |   format AD
//! +---------------------+----------+----------+
//! ```
//!
//! Why this shape: the op and A sit in the low half-word, so a dispatch
//! loop decodes them with two shifts; D is 16 bits for constant indices and
//! jump offsets (biased by `JUMP_BIAS`, relative to the next instruction).
//! Operands that are constants get their own ops (`ADDVN`, `TGETS`,
//! `ISEQS`) instead of 5.1's RK bit, so the interpreter never tests a
//! flag to find out where an operand lives, and the JIT's recorder reads
//! the constant's type from the op.
//!
//! Comparisons and truth tests are fused with a jump the LuaJIT way: a
//! compare (`ISLT`..`ISNEP`) or test (`ISTC`..`ISF`) is always followed by
//! a `JMP`; when the condition holds the `JMP` is taken, otherwise it is
//! skipped. `ISGE` is "not A < D" and `ISGT` is "not A <= D" (the
//! negations the compiler needs to branch on a false condition), so with a
//! NaN they hold, exactly like `not (a < b)` in 5.1.
//!
//! The ordering of `OPS` carries no meaning beyond grouping; the op byte
//! is the index into `OPS` (a test checks this).

/// A register of the current frame: `R(n)` is slot `base + n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reg(pub u8);

/// An index into the prototype's constant table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Const(pub u16);

/// An index into the prototype's upvalue descriptors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Upval(pub u16);

/// An index into the prototype's nested prototypes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProtoIdx(pub u16);

/// A jump offset, relative to the instruction after the jump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Jump(pub i32);

/// A position in a prototype's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pc(pub u32);

impl std::fmt::Display for Reg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "r{}", self.0)
    }
}

/// Jump offsets are stored in D with this bias, so D = 0x8000 means "the
/// next instruction".
pub const JUMP_BIAS: i32 = 0x8000;
/// The farthest a jump reaches in either direction.
pub const MAX_JUMP: i32 = 0x7fff;

/// Number of positional table items `TSETM` stores per flush (5.1's
/// `LFIELDS_PER_FLUSH`), observable through the order of stores.
pub const FIELDS_PER_FLUSH: u32 = 50;

/// The primitive values a `Pri` operand names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Primitive {
    Nil = 0,
    False = 1,
    True = 2,
}

impl Primitive {
    pub fn from_u16(d: u16) -> Option<Primitive> {
        match d {
            0 => Some(Primitive::Nil),
            1 => Some(Primitive::False),
            2 => Some(Primitive::True),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Primitive::Nil => "nil",
            Primitive::False => "false",
            Primitive::True => "true",
        }
    }
}

/// How the fields after the op byte are split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A (8 bits), B (8 bits), C (8 bits).
    Abc,
    /// A (8 bits), D (16 bits).
    Ad,
}

/// What an operand field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Unused (zero).
    None,
    /// A register the instruction writes.
    Dst,
    /// A register the instruction reads.
    Var,
    /// The first register of a range the instruction reads or writes (call
    /// frames, loop control blocks, `CAT` and `TSETM` ranges); the op's doc
    /// says how long the range is.
    Base,
    /// A string constant.
    Str,
    /// A number constant.
    Num,
    /// nil, false or true (`Primitive`).
    Pri,
    /// An unsigned literal (counts, small integer keys, size hints).
    Lit,
    /// A signed 16-bit literal (`KSHORT`).
    SLit,
    /// A jump offset (biased, relative to the next instruction).
    Jump,
    /// An upvalue index.
    Uv,
    /// A nested prototype index.
    Func,
    /// A result count plus one; 0 means "all of them" (sets the top).
    Count,
}

/// One row of the op table.
#[derive(Debug, Clone, Copy)]
pub struct OpInfo {
    pub op: Op,
    pub name: &'static str,
    pub format: Format,
    pub a: Kind,
    /// B in format ABC; always `Kind::None` in format AD.
    pub b: Kind,
    /// C in format ABC, D in format AD.
    pub cd: Kind,
}

/// Every op. The discriminant is the op byte and the index into `OPS`.
#[allow(clippy::upper_case_acronyms)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Op {
    ISLT,
    ISGE,
    ISLE,
    ISGT,
    ISEQV,
    ISNEV,
    ISEQS,
    ISNES,
    ISEQN,
    ISNEN,
    ISEQP,
    ISNEP,
    ISTC,
    ISFC,
    IST,
    ISF,
    MOV,
    NOT,
    UNM,
    LEN,
    ADDVN,
    SUBVN,
    MULVN,
    DIVVN,
    MODVN,
    ADDNV,
    SUBNV,
    MULNV,
    DIVNV,
    MODNV,
    ADDVV,
    SUBVV,
    MULVV,
    DIVVV,
    MODVV,
    POW,
    CAT,
    KSTR,
    KSHORT,
    KNUM,
    KPRI,
    KNIL,
    UGET,
    USETV,
    UCLO,
    FNEW,
    TNEW,
    GGET,
    GSET,
    TGETV,
    TGETS,
    TGETB,
    TSETV,
    TSETS,
    TSETB,
    TSETM,
    SELF,
    CALLM,
    CALL,
    VARG,
    TAILCALLM,
    TAILCALL,
    ITERC,
    ITERL,
    FORI,
    FORL,
    LOOP,
    JMP,
    RETM,
    RET,
    RET0,
    RET1,
    EXTRA,
}

const fn abc(op: Op, name: &'static str, a: Kind, b: Kind, c: Kind) -> OpInfo {
    OpInfo { op, name, format: Format::Abc, a, b, cd: c }
}

const fn ad(op: Op, name: &'static str, a: Kind, d: Kind) -> OpInfo {
    OpInfo { op, name, format: Format::Ad, a, b: Kind::None, cd: d }
}

use Kind::{Base, Count, Dst, Func, Jump as J, Lit, None as No, Num, Pri, SLit, Str, Uv, Var};

/// The op table: one row per op, in op-byte order. The comment on each row
/// is the op's semantics; `R(x)` is register x, `K(x)` constant x.
pub static OPS: [OpInfo; 73] = [
    // Compare and branch: the next instruction is a JMP, taken iff the
    // condition holds. Order errors name A's type first, as 5.1 does.
    ad(Op::ISLT, "ISLT", Var, Var),   // R(A) < R(D)
    ad(Op::ISGE, "ISGE", Var, Var),   // not (R(A) < R(D))
    ad(Op::ISLE, "ISLE", Var, Var),   // R(A) <= R(D)
    ad(Op::ISGT, "ISGT", Var, Var),   // not (R(A) <= R(D))
    ad(Op::ISEQV, "ISEQV", Var, Var), // R(A) == R(D)
    ad(Op::ISNEV, "ISNEV", Var, Var), // R(A) ~= R(D)
    ad(Op::ISEQS, "ISEQS", Var, Str), // R(A) == K(D)
    ad(Op::ISNES, "ISNES", Var, Str), // R(A) ~= K(D)
    ad(Op::ISEQN, "ISEQN", Var, Num), // R(A) == K(D)
    ad(Op::ISNEN, "ISNEN", Var, Num), // R(A) ~= K(D)
    ad(Op::ISEQP, "ISEQP", Var, Pri), // R(A) == primitive D
    ad(Op::ISNEP, "ISNEP", Var, Pri), // R(A) ~= primitive D
    // Truth tests, also followed by a JMP.
    ad(Op::ISTC, "ISTC", Dst, Var), // if R(D) is truthy: R(A) = R(D), take the JMP
    ad(Op::ISFC, "ISFC", Dst, Var), // if R(D) is falsy: R(A) = R(D), take the JMP
    ad(Op::IST, "IST", No, Var),    // take the JMP iff R(D) is truthy
    ad(Op::ISF, "ISF", No, Var),    // take the JMP iff R(D) is falsy
    // Unary.
    ad(Op::MOV, "MOV", Dst, Var), // R(A) = R(D)
    ad(Op::NOT, "NOT", Dst, Var), // R(A) = not R(D)
    ad(Op::UNM, "UNM", Dst, Var), // R(A) = -R(D)
    ad(Op::LEN, "LEN", Dst, Var), // R(A) = #R(D)
    // Arithmetic: VN = register op number constant, NV = constant op
    // register (operand order kept for metamethods and errors), VV = two
    // registers.
    abc(Op::ADDVN, "ADDVN", Dst, Var, Num), // R(A) = R(B) + K(C)
    abc(Op::SUBVN, "SUBVN", Dst, Var, Num),
    abc(Op::MULVN, "MULVN", Dst, Var, Num),
    abc(Op::DIVVN, "DIVVN", Dst, Var, Num),
    abc(Op::MODVN, "MODVN", Dst, Var, Num),
    abc(Op::ADDNV, "ADDNV", Dst, Var, Num), // R(A) = K(C) + R(B)
    abc(Op::SUBNV, "SUBNV", Dst, Var, Num),
    abc(Op::MULNV, "MULNV", Dst, Var, Num),
    abc(Op::DIVNV, "DIVNV", Dst, Var, Num),
    abc(Op::MODNV, "MODNV", Dst, Var, Num),
    abc(Op::ADDVV, "ADDVV", Dst, Var, Var), // R(A) = R(B) + R(C)
    abc(Op::SUBVV, "SUBVV", Dst, Var, Var),
    abc(Op::MULVV, "MULVV", Dst, Var, Var),
    abc(Op::DIVVV, "DIVVV", Dst, Var, Var),
    abc(Op::MODVV, "MODVV", Dst, Var, Var),
    abc(Op::POW, "POW", Dst, Var, Var),  // R(A) = R(B) ^ R(C)
    abc(Op::CAT, "CAT", Dst, Base, Var), // R(A) = R(B) .. ... .. R(C), C > B
    // Constants.
    ad(Op::KSTR, "KSTR", Dst, Str),      // R(A) = K(D)
    ad(Op::KSHORT, "KSHORT", Dst, SLit), // R(A) = D as a signed integer
    ad(Op::KNUM, "KNUM", Dst, Num),      // R(A) = K(D)
    ad(Op::KPRI, "KPRI", Dst, Pri),      // R(A) = primitive D
    ad(Op::KNIL, "KNIL", Base, Lit),     // R(A) .. R(D) = nil (D >= A, inclusive)
    // Upvalues and closures.
    ad(Op::UGET, "UGET", Dst, Uv),   // R(A) = upvalue D
    ad(Op::USETV, "USETV", Uv, Var), // upvalue A = R(D)
    ad(Op::UCLO, "UCLO", Base, J),   // close upvalues of R(A) and above, then jump D
    ad(Op::FNEW, "FNEW", Dst, Func), // R(A) = closure of prototype D
    // Tables.
    ad(Op::TNEW, "TNEW", Dst, Lit), // R(A) = {}; D = array hint (low 11 bits) | log2 hash hint << 11
    ad(Op::GGET, "GGET", Dst, Str), // R(A) = env[K(D)]
    ad(Op::GSET, "GSET", Var, Str), // env[K(D)] = R(A)
    abc(Op::TGETV, "TGETV", Dst, Var, Var), // R(A) = R(B)[R(C)]
    abc(Op::TGETS, "TGETS", Dst, Var, Str), // R(A) = R(B)[K(C)]
    abc(Op::TGETB, "TGETB", Dst, Var, Lit), // R(A) = R(B)[C]
    abc(Op::TSETV, "TSETV", Var, Var, Var), // R(B)[R(C)] = R(A)
    abc(Op::TSETS, "TSETS", Var, Var, Str), // R(B)[K(C)] = R(A)
    abc(Op::TSETB, "TSETB", Var, Var, Lit), // R(B)[C] = R(A)
    // R(A)[i + C*50] = R(A+i) for i = 1..B (B = 0: up to the top); C = 255
    // means the batch number is in the next instruction (EXTRA).
    abc(Op::TSETM, "TSETM", Base, Lit, Lit),
    abc(Op::SELF, "SELF", Base, Var, Str), // R(A+1) = R(B); R(A) = R(B)[K(C)]
    // Calls: the function is in R(A), arguments from R(A+1); results land
    // from R(A). B = results + 1 (0: all, setting the top).
    abc(Op::CALLM, "CALLM", Base, Count, Lit), // arguments R(A+1) .. top; C fixed ones before the spread
    abc(Op::CALL, "CALL", Base, Count, Lit),   // C arguments R(A+1) .. R(A+C)
    abc(Op::VARG, "VARG", Base, Count, No),    // R(A) .. = the extra arguments, B as for CALL
    ad(Op::TAILCALLM, "TAILCALLM", Base, Lit), // return R(A)(R(A+1) .. top); D fixed ones
    ad(Op::TAILCALL, "TAILCALL", Base, Lit),   // return R(A)(R(A+1) .. R(A+D))
    // Loops.
    abc(Op::ITERC, "ITERC", Base, Count, No), // R(A), .. = R(A-3)(R(A-2), R(A-1)); B as for CALL
    ad(Op::ITERL, "ITERL", Base, J),          // if R(A) ~= nil: R(A-1) = R(A), jump D
    ad(Op::FORI, "FORI", Base, J),            // check and prepare R(A..A+2); enter with R(A+3) = index or jump D
    ad(Op::FORL, "FORL", Base, J),            // step R(A); while in range, R(A+3) = index and jump D
    ad(Op::LOOP, "LOOP", Base, J),            // head of a while/repeat body (hot counter); D = loop exit
    ad(Op::JMP, "JMP", No, J),                // jump D
    // Returns close the frame's open upvalues.
    ad(Op::RETM, "RETM", Base, Lit), // return R(A) .. top; D fixed ones before the spread
    ad(Op::RET, "RET", Base, Lit),   // return R(A) .. R(A+D-1)
    ad(Op::RET0, "RET0", No, No),    // return nothing
    ad(Op::RET1, "RET1", Var, No),   // return R(A)
    ad(Op::EXTRA, "EXTRA", Lit, Lit), // payload of the previous instruction: A | D << 8
];

impl Op {
    pub const COUNT: usize = OPS.len();

    /// The op with this byte, if any.
    pub fn from_u8(byte: u8) -> Option<Op> {
        OPS.get(byte as usize).map(|info| info.op)
    }

    pub fn info(self) -> &'static OpInfo {
        &OPS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Whether this op is a compare or test that must be followed by `JMP`.
    pub fn is_cond(self) -> bool {
        (self as u8) <= Op::ISF as u8
    }

    /// The compare or test that branches on the opposite condition.
    pub fn inverted(self) -> Option<Op> {
        Some(match self {
            Op::ISLT => Op::ISGE,
            Op::ISGE => Op::ISLT,
            Op::ISLE => Op::ISGT,
            Op::ISGT => Op::ISLE,
            Op::ISEQV => Op::ISNEV,
            Op::ISNEV => Op::ISEQV,
            Op::ISEQS => Op::ISNES,
            Op::ISNES => Op::ISEQS,
            Op::ISEQN => Op::ISNEN,
            Op::ISNEN => Op::ISEQN,
            Op::ISEQP => Op::ISNEP,
            Op::ISNEP => Op::ISEQP,
            Op::ISTC => Op::ISFC,
            Op::ISFC => Op::ISTC,
            Op::IST => Op::ISF,
            Op::ISF => Op::IST,
            _ => return None,
        })
    }

    /// Whether D is a jump offset.
    pub fn has_jump(self) -> bool {
        self.info().cd == Kind::Jump
    }
}

/// One encoded instruction.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Instr(pub u32);

impl Instr {
    pub fn abc(op: Op, a: u8, b: u8, c: u8) -> Instr {
        Instr(op as u32 | (a as u32) << 8 | (c as u32) << 16 | (b as u32) << 24)
    }

    pub fn ad(op: Op, a: u8, d: u16) -> Instr {
        Instr(op as u32 | (a as u32) << 8 | (d as u32) << 16)
    }

    /// An AD instruction whose D is a jump offset.
    pub fn jump(op: Op, a: u8, offset: Jump) -> Instr {
        Instr::ad(op, a, encode_jump(offset))
    }

    pub fn op_byte(self) -> u8 {
        self.0 as u8
    }

    /// The op; `None` only for words that no encoder here produces.
    pub fn op(self) -> Option<Op> {
        Op::from_u8(self.op_byte())
    }

    pub fn a(self) -> u8 {
        (self.0 >> 8) as u8
    }

    pub fn b(self) -> u8 {
        (self.0 >> 24) as u8
    }

    pub fn c(self) -> u8 {
        (self.0 >> 16) as u8
    }

    pub fn d(self) -> u16 {
        (self.0 >> 16) as u16
    }

    pub fn reg_a(self) -> Reg {
        Reg(self.a())
    }

    pub fn reg_b(self) -> Reg {
        Reg(self.b())
    }

    pub fn reg_c(self) -> Reg {
        Reg(self.c())
    }

    pub fn reg_d(self) -> Reg {
        Reg(self.d() as u8)
    }

    pub fn const_d(self) -> Const {
        Const(self.d())
    }

    pub fn const_c(self) -> Const {
        Const(self.c() as u16)
    }

    pub fn jump_d(self) -> Jump {
        Jump(self.d() as i32 - JUMP_BIAS)
    }

    pub fn set_a(&mut self, a: u8) {
        self.0 = (self.0 & !0xff00) | (a as u32) << 8;
    }

    pub fn set_b(&mut self, b: u8) {
        self.0 = (self.0 & 0x00ff_ffff) | (b as u32) << 24;
    }

    pub fn set_c(&mut self, c: u8) {
        self.0 = (self.0 & !0x00ff_0000) | (c as u32) << 16;
    }

    pub fn set_d(&mut self, d: u16) {
        self.0 = (self.0 & 0xffff) | (d as u32) << 16;
    }

    pub fn set_op(&mut self, op: Op) {
        self.0 = (self.0 & !0xff) | op as u32;
    }

    pub fn set_jump(&mut self, offset: Jump) {
        self.set_d(encode_jump(offset));
    }
}

impl std::fmt::Debug for Instr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.op() {
            Some(op) if op.info().format == Format::Abc => {
                write!(f, "{} {} {} {}", op.name(), self.a(), self.b(), self.c())
            }
            Some(op) => write!(f, "{} {} {}", op.name(), self.a(), self.d()),
            None => write!(f, "?{:08x}", self.0),
        }
    }
}

fn encode_jump(offset: Jump) -> u16 {
    // Callers keep offsets within MAX_JUMP; a wrap here would only garble
    // the target, which the compiler's range check prevents.
    (offset.0 + JUMP_BIAS) as u16
}

/// The arithmetic operators of `ADD*`..`MOD*` and `POW`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
}

/// 5.1's arithmetic on two numbers (`luai_numadd` .. `luai_numpow`),
/// defined once: the compiler's constant folding uses it, and so must the
/// interpreter and the JIT's fold.
/// `floor` without a libm call: the x86-64 baseline has no rounding
/// instruction, so `f64::floor` is a function call, and `%` is hot. Exact
/// for every double: below 2^52 in magnitude the `i64` round trip
/// truncates, at or above it every double is already an integer (and NaN
/// and the infinities fall through unchanged). `copysign` keeps `-0.0`.
#[inline]
pub fn floor(x: f64) -> f64 {
    if x.abs() < 4_503_599_627_370_496.0 {
        let t = x as i64 as f64;
        (if t > x { t - 1.0 } else { t }).copysign(x)
    } else {
        x
    }
}

/// Lua 5.1's `luai_nummod`: `a - floor(a/b)*b`.
///
/// `%` is often on a loop's critical path, where the latency of `floor`
/// counts more than its instruction count: the soft `floor` above is a
/// chain of conversions and compares, twice the latency of SSE4.1's
/// `roundsd`. So on x86-64 CPUs that have SSE4.1 (checked once at run
/// time, then a cached flag) the whole operation runs in a function
/// compiled for it; aarch64 always has a rounding instruction (`frintm`).
#[inline]
pub fn lua_mod(a: f64, b: f64) -> f64 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("sse4.1") {
            // SAFETY: the CPU supports SSE4.1, checked just above.
            return unsafe { lua_mod_sse41(a, b) };
        }
        a - floor(a / b) * b
    }
    #[cfg(target_arch = "aarch64")]
    {
        a - (a / b).floor() * b
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        a - floor(a / b) * b
    }
}

/// `lua_mod` with `f64::floor` compiled to `roundsd`.
///
/// # Safety
/// The CPU must support SSE4.1.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse4.1")]
unsafe fn lua_mod_sse41(a: f64, b: f64) -> f64 {
    a - (a / b).floor() * b
}

pub fn arith_num(op: ArithOp, a: f64, b: f64) -> f64 {
    match op {
        ArithOp::Add => a + b,
        ArithOp::Sub => a - b,
        ArithOp::Mul => a * b,
        ArithOp::Div => a / b,
        ArithOp::Mod => lua_mod(a, b),
        ArithOp::Pow => a.powf(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whichever path `lua_mod` takes on this machine (SSE4.1 or not) it
    /// gives the soft `floor` formula's bits, signed zeros, infinities and
    /// NaNs included.
    #[test]
    fn lua_mod_paths_agree() {
        let xs = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            5.5,
            -5.5,
            13.0,
            -13.0,
            0.1,
            1e300,
            -1e300,
            2.0_f64.powi(53),
            7.25e-300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            f64::MIN_POSITIVE,
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut vals: Vec<f64> = xs.to_vec();
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            vals.push(f64::from_bits(seed));
            vals.push((seed % 2001) as f64 - 1000.0);
        }
        for &a in &vals {
            for &b in xs.iter().chain(vals.iter().take(60)) {
                let (got, want) = (lua_mod(a, b), a - floor(a / b) * b);
                assert!(got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()), "{a:e} % {b:e}");
            }
        }
    }

    /// The libm-free `floor` agrees with `f64::floor` bit for bit (sign of
    /// zero included) on edge values and on arbitrary bit patterns.
    #[test]
    fn floor_is_libm_floor() {
        let edges = [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            1.5,
            -1.5,
            2.0_f64.powi(52) - 0.5,
            -(2.0_f64.powi(52) - 0.5),
            2.0_f64.powi(52),
            2.0_f64.powi(53) + 2.0,
            -2.0_f64.powi(63),
            1e300,
            -1e300,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
        ];
        for x in edges {
            assert_eq!(floor(x).to_bits(), x.floor().to_bits(), "floor({x:e})");
        }
        assert!(floor(f64::NAN).is_nan());
        let mut bits = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..200_000 {
            bits ^= bits << 13;
            bits ^= bits >> 7;
            bits ^= bits << 17;
            let x = f64::from_bits(bits);
            if !x.is_nan() {
                assert_eq!(floor(x).to_bits(), x.floor().to_bits(), "floor({x:e})");
            }
            // Also values near small integers, where the rounding matters.
            let y = (bits % 2_000_001) as f64 / 1000.0 - 1000.0;
            assert_eq!(floor(y).to_bits(), y.floor().to_bits(), "floor({y:e})");
        }
    }

    #[test]
    fn instr_is_four_bytes() {
        assert_eq!(std::mem::size_of::<Instr>(), 4);
    }

    #[test]
    fn op_byte_indexes_the_table() {
        for (i, info) in OPS.iter().enumerate() {
            assert_eq!(info.op as usize, i, "{}", info.name);
            assert_eq!(format!("{:?}", info.op), info.name);
            if info.format == Format::Ad {
                assert_eq!(info.b, Kind::None, "{}", info.name);
            }
        }
        assert_eq!(Op::from_u8(OPS.len() as u8), None);
    }

    #[test]
    fn inversion_is_an_involution() {
        for info in &OPS {
            if let Some(inv) = info.op.inverted() {
                assert_eq!(inv.inverted(), Some(info.op));
                assert!(info.op.is_cond() && inv.is_cond());
            } else {
                assert!(!info.op.is_cond(), "{}", info.name);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn abc_round_trip(op in 0u8..OPS.len() as u8, a: u8, b: u8, c: u8) {
            let op = Op::from_u8(op).unwrap();
            let i = Instr::abc(op, a, b, c);
            proptest::prop_assert_eq!((i.op(), i.a(), i.b(), i.c()), (Some(op), a, b, c));
            let mut j = Instr::abc(op, 0, 0, 0);
            j.set_a(a);
            j.set_b(b);
            j.set_c(c);
            proptest::prop_assert_eq!(i, j);
        }

        #[test]
        fn ad_round_trip(op in 0u8..OPS.len() as u8, a: u8, d: u16, off in -MAX_JUMP..=MAX_JUMP) {
            let op = Op::from_u8(op).unwrap();
            let i = Instr::ad(op, a, d);
            proptest::prop_assert_eq!((i.op(), i.a(), i.d()), (Some(op), a, d));
            let j = Instr::jump(op, a, Jump(off));
            proptest::prop_assert_eq!(j.jump_d(), Jump(off));
            let mut k = i;
            k.set_jump(Jump(off));
            proptest::prop_assert_eq!(k, j);
        }
    }
}
