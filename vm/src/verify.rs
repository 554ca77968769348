//! The bytecode verifier: every prototype is checked once, when it is
//! loaded, so the dispatch loop can read registers, constants and code
//! without bounds checks.
//!
//! What a verified prototype promises the interpreter (`interp/dispatch.rs`
//! relies on each point, and says so where it does):
//!
//! - every op byte names an op (`OPS`);
//! - every register an instruction reads or writes directly is below
//!   `maxstack`, including the fixed ranges of calls, loops, `CAT`, `KNIL`,
//!   `SELF` and `TSETM` (ranges that end at the run-time top are indexed
//!   with checks);
//! - every constant operand indexes the constant table and has the kind the
//!   op says (`Str`: a string, `Num`: a number); upvalue and prototype
//!   operands index their tables;
//! - every jump lands inside the code;
//! - a compare or test is followed by a `JMP`, a `TSETM` with C = 255 by
//!   its `EXTRA`, and the last instruction never falls through (a return,
//!   a tail call or a `JMP`), so the PC never leaves the code.
//!
//! The compiler produces only such code; the verifier is the line between
//! "the compiler says so" and the `unsafe` reads, so a compiler bug turns
//! into an error at load time instead of undefined behaviour.

use crate::bytecode::{Instr, Kind, Op, OPS};
use crate::proto::{Constant, Proto};

/// Why a prototype was rejected: the instruction and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyError {
    pub pc: usize,
    pub what: String,
}

impl std::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad bytecode at {}: {}", self.pc, self.what)
    }
}

/// Checks `p` and, recursively, its children.
pub fn verify(p: &Proto) -> Result<(), VerifyError> {
    verify_one(p)?;
    p.protos.iter().try_for_each(verify)
}

/// Checks `p` alone (not its children).
pub(crate) fn verify_one(p: &Proto) -> Result<(), VerifyError> {
    let code = &p.code;
    let Some(last) = code.last() else {
        return Err(VerifyError { pc: 0, what: "empty code".into() });
    };
    let ends =
        matches!(last.op(), Some(Op::RET0 | Op::RET1 | Op::RET | Op::RETM | Op::JMP | Op::TAILCALL | Op::TAILCALLM));
    // A compare skips its JMP when the condition fails, so that JMP must
    // not be the last instruction either.
    let skipped = code.len() >= 2 && code[code.len() - 2].op().is_some_and(Op::is_cond);
    if !ends || skipped {
        return Err(VerifyError { pc: code.len() - 1, what: "the last instruction falls through".into() });
    }
    let v = Verifier { p, max: p.maxstack as usize };
    for (pc, ins) in code.iter().enumerate() {
        v.instr(pc, *ins).map_err(|what| VerifyError { pc, what })?;
    }
    Ok(())
}

struct Verifier<'a> {
    p: &'a Proto,
    max: usize,
}

impl Verifier<'_> {
    fn instr(&self, pc: usize, ins: Instr) -> Result<(), String> {
        let Some(op) = ins.op() else {
            return Err(format!("unknown op byte {}", ins.op_byte()));
        };
        let info = &OPS[op as usize];
        let a = ins.a() as usize;
        // The fields by format: B and C, or D.
        let (b, cd) = match info.format {
            crate::bytecode::Format::Abc => (ins.b() as usize, ins.c() as usize),
            crate::bytecode::Format::Ad => (0, ins.d() as usize),
        };
        self.operand(pc, "A", info.a, a)?;
        self.operand(pc, "B", info.b, b)?;
        self.operand(pc, "C/D", info.cd, cd)?;
        let next = self.p.code.get(pc + 1).and_then(|i| i.op());
        if op.is_cond() && next != Some(Op::JMP) {
            return Err("a compare or test without its JMP".into());
        }
        // The last register of the fixed range a `Base` operand starts (see
        // each op's row in `OPS`); `None` for ops that touch no such range.
        let top = match op {
            Op::CAT => {
                if b >= cd {
                    return Err("CAT range is empty".into());
                }
                Some(cd)
            }
            Op::KNIL => {
                if cd < a {
                    return Err("KNIL range is reversed".into());
                }
                Some(cd)
            }
            Op::TSETM => {
                if cd == u8::MAX as usize && next != Some(Op::EXTRA) {
                    return Err("TSETM without its EXTRA".into());
                }
                Some(a + b)
            }
            Op::SELF => Some(a + 1),
            Op::CALL | Op::TAILCALL => Some(a + cd),
            Op::ITERC => {
                if a < 3 {
                    return Err("ITERC below its control block".into());
                }
                Some(a + 2)
            }
            Op::ITERL => {
                if a < 1 {
                    return Err("ITERL below its control variable".into());
                }
                Some(a)
            }
            Op::FORI | Op::FORL => Some(a + 3),
            Op::RET => Some((a + cd).saturating_sub(1).max(a)),
            Op::CALLM | Op::TAILCALLM | Op::VARG | Op::RETM => Some(a),
            // LOOP's and UCLO's A is a level, not an access.
            _ => None,
        };
        if let Some(top) = top.filter(|&t| t >= self.max) {
            return Err(format!("register range up to {top} beyond the frame's {} slots", self.max));
        }
        Ok(())
    }

    fn operand(&self, pc: usize, field: &str, kind: Kind, x: usize) -> Result<(), String> {
        let ok = match kind {
            Kind::Dst | Kind::Var => x < self.max,
            Kind::Str => matches!(self.p.constants.get(x), Some(Constant::Str(_))),
            Kind::Num => matches!(self.p.constants.get(x), Some(Constant::Num(_))),
            Kind::Uv => x < self.p.upvalues.len(),
            Kind::Func => x < self.p.protos.len(),
            Kind::Jump => {
                let target = pc as i64 + 1 + x as i64 - crate::bytecode::JUMP_BIAS as i64;
                (0..self.p.code.len() as i64).contains(&target)
            }
            Kind::Pri => x <= 2,
            Kind::None | Kind::Base | Kind::Lit | Kind::SLit | Kind::Count => true,
        };
        if ok {
            Ok(())
        } else {
            Err(format!("operand {field} = {x} is not a valid {kind:?}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::Jump;

    fn proto(code: Vec<Instr>, maxstack: u8) -> Proto {
        let n = code.len();
        Proto {
            code,
            lines: vec![1; n],
            constants: vec![Constant::Num(1.0), Constant::Str(b"x".to_vec())],
            protos: Vec::new(),
            upvalues: Vec::new(),
            numparams: 0,
            vararg: crate::proto::Vararg::Fixed,
            maxstack,
            locals: Vec::new(),
            source: b"=test".to_vec(),
            linedefined: 0,
            lastlinedefined: 0,
        }
    }

    fn check(code: Vec<Instr>, maxstack: u8) -> Result<(), VerifyError> {
        verify(&proto(code, maxstack))
    }

    #[test]
    fn accepts_what_the_compiler_emits() {
        let src = b"local t = {1, 2, n = 3, ...} for i = 1, #t do t[i] = t[i] .. 'x' end \
                    for k, v in pairs(t) do print(k, v) end local function f(a, ...) return a, ... end \
                    return f(1, 2) and select('#', ...)";
        let chunk = perigee_reference::parser::parse(src, b"=t").expect("parses");
        let p = crate::compile::compile(&chunk, b"=t").expect("compiles");
        assert_eq!(verify(&p), Ok(()));
    }

    #[test]
    fn rejects_registers_beyond_the_frame() {
        assert!(check(vec![Instr::ad(Op::MOV, 0, 1), Instr::ad(Op::RET0, 0, 0)], 2).is_ok());
        assert!(check(vec![Instr::ad(Op::MOV, 0, 2), Instr::ad(Op::RET0, 0, 0)], 2).is_err());
        assert!(check(vec![Instr::abc(Op::ADDVV, 0, 1, 5), Instr::ad(Op::RET0, 0, 0)], 2).is_err());
        // FORL touches A .. A+3.
        let back = Instr::jump(Op::FORL, 0, Jump(-1));
        assert!(check(vec![back, Instr::ad(Op::RET0, 0, 0)], 4).is_ok());
        assert!(check(vec![back, Instr::ad(Op::RET0, 0, 0)], 3).is_err());
        // CALL reads its C arguments above A.
        assert!(check(vec![Instr::abc(Op::CALL, 1, 1, 2), Instr::ad(Op::RET0, 0, 0)], 4).is_ok());
        assert!(check(vec![Instr::abc(Op::CALL, 1, 1, 3), Instr::ad(Op::RET0, 0, 0)], 4).is_err());
    }

    #[test]
    fn rejects_bad_constants_and_jumps() {
        assert!(check(vec![Instr::ad(Op::KSTR, 0, 1), Instr::ad(Op::RET0, 0, 0)], 1).is_ok());
        // K(0) is a number, not a string; K(2) does not exist.
        assert!(check(vec![Instr::ad(Op::KSTR, 0, 0), Instr::ad(Op::RET0, 0, 0)], 1).is_err());
        assert!(check(vec![Instr::ad(Op::KNUM, 0, 2), Instr::ad(Op::RET0, 0, 0)], 1).is_err());
        assert!(check(vec![Instr::jump(Op::JMP, 0, Jump(0)), Instr::ad(Op::RET0, 0, 0)], 1).is_ok());
        assert!(check(vec![Instr::jump(Op::JMP, 0, Jump(1)), Instr::ad(Op::RET0, 0, 0)], 1).is_err());
        assert!(check(vec![Instr::jump(Op::JMP, 0, Jump(-3)), Instr::ad(Op::RET0, 0, 0)], 1).is_err());
        assert!(check(vec![Instr::ad(Op::UGET, 0, 0), Instr::ad(Op::RET0, 0, 0)], 1).is_err());
    }

    #[test]
    fn rejects_code_that_runs_off_the_end() {
        assert!(check(vec![], 1).is_err());
        assert!(check(vec![Instr::ad(Op::MOV, 0, 0)], 1).is_err());
        // A compare must be followed by its JMP.
        let cmp = Instr::ad(Op::ISLT, 0, 0);
        assert!(check(vec![cmp, Instr::ad(Op::RET0, 0, 0)], 1).is_err());
        assert!(check(vec![cmp, Instr::jump(Op::JMP, 0, Jump(0)), Instr::ad(Op::RET0, 0, 0)], 1).is_ok());
        // ... and that JMP cannot end the code: a failed compare skips it.
        assert!(check(vec![Instr::ad(Op::RET0, 0, 0), cmp, Instr::jump(Op::JMP, 0, Jump(-3))], 1).is_err());
        assert!(check(vec![Instr(0xff), Instr::ad(Op::RET0, 0, 0)], 1).is_err());
    }
}
