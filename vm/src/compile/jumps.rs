//! Jump lists and patching (5.1's `luaK_concat`, `patchlistaux`, `jpc`).
//!
//! A forward jump's target is unknown when it is emitted, so jumps that
//! will go to the same place are chained through their own offset fields:
//! the list's head is the last jump emitted, each offset points to the
//! previous one, and an offset of -1 ends the list (a real jump never
//! targets itself). Patching walks the chain and writes the real offsets.
//!
//! A jump right after a copying test (`ISTC`/`ISFC`) produces a value when
//! taken; patching decides whether that copy is wanted (into which
//! register) or is dropped (the test becomes `IST`/`ISF`). Jumps to "the
//! next instruction" wait in `jpc` and are resolved when it is emitted,
//! which is also how a jump to a jump is avoided.

use crate::bytecode::{Instr, Jump, Op, MAX_JUMP};

use super::{CResult, Compiler};

/// End-of-list marker stored in a jump's offset field.
const END: i32 = -1;

/// The register operand meaning "no register wanted" in `patch_test_reg`.
pub const NO_REG: u32 = 255;

/// A chain of jumps waiting for the same target (head = pc of the last).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JumpList(pub Option<usize>);

impl JumpList {
    pub const EMPTY: JumpList = JumpList(None);
}

impl Compiler {
    /// The pc a chained jump at `pc` points to next, if any.
    fn next_jump(&self, pc: usize) -> Option<usize> {
        let off = self.fs.proto.code[pc].jump_d().0;
        if off == END {
            None
        } else {
            Some((pc as i64 + 1 + off as i64) as usize)
        }
    }

    /// Points the jump at `pc` to `dest`.
    pub(super) fn fix_jump(&mut self, pc: usize, dest: usize) -> CResult<()> {
        let off = dest as i64 - (pc as i64 + 1);
        if off.abs() > MAX_JUMP as i64 {
            return Err(self.error("control structure too long"));
        }
        self.fs.proto.code[pc].set_jump(Jump(off as i32));
        Ok(())
    }

    /// Appends `l2` to the list `l1`.
    pub(super) fn concat(&mut self, l1: &mut JumpList, l2: JumpList) -> CResult<()> {
        let Some(head2) = l2.0 else { return Ok(()) };
        match l1.0 {
            None => *l1 = l2,
            Some(mut list) => {
                while let Some(next) = self.next_jump(list) {
                    list = next;
                }
                self.fix_jump(list, head2)?;
            }
        }
        Ok(())
    }

    /// Emits an unconditional jump (target patched later), taking over the
    /// jumps pending for this spot.
    pub(super) fn jump(&mut self) -> CResult<JumpList> {
        let pending = std::mem::replace(&mut self.fs.jpc, JumpList::EMPTY);
        let pc = self.emit_jump(Op::JMP, 0, END)?;
        let mut j = JumpList(Some(pc));
        self.concat(&mut j, pending)?;
        Ok(j)
    }

    /// Emits a compare or test followed by its jump; returns the jump.
    pub(super) fn cond_jump(&mut self, ins: Instr) -> CResult<JumpList> {
        self.emit(ins)?;
        self.jump()
    }

    /// The position of the next instruction, as a jump target.
    pub(super) fn label(&self) -> usize {
        self.fs.pc()
    }

    /// The compare or test controlling the jump at `pc`, if any.
    pub(super) fn jump_control(&self, pc: usize) -> Option<usize> {
        let code = &self.fs.proto.code;
        if pc >= 1 && code[pc].op() == Some(Op::JMP) && code[pc - 1].op().is_some_and(Op::is_cond) {
            Some(pc - 1)
        } else {
            None
        }
    }

    /// For a jump controlled by `ISTC`/`ISFC`: makes the copy go to `reg`,
    /// or drops it (`NO_REG`, or a copy onto itself). False if the jump
    /// carries no value.
    fn patch_test_reg(&mut self, node: usize, reg: u32) -> bool {
        let Some(ctl) = self.jump_control(node) else { return false };
        let ins = &mut self.fs.proto.code[ctl];
        let plain = match ins.op() {
            Some(Op::ISTC) => Op::IST,
            Some(Op::ISFC) => Op::ISF,
            _ => return false,
        };
        if reg != NO_REG && reg != ins.d() as u32 {
            ins.set_a(reg as u8);
        } else {
            *ins = Instr::ad(plain, 0, ins.d());
        }
        true
    }

    /// Drops the values of every copying test in `list`.
    pub(super) fn remove_values(&mut self, list: JumpList) {
        let mut l = list.0;
        while let Some(pc) = l {
            self.patch_test_reg(pc, NO_REG);
            l = self.next_jump(pc);
        }
    }

    /// Whether some jump in `list` does not produce a value itself.
    pub(super) fn need_value(&self, list: JumpList) -> bool {
        let mut l = list.0;
        while let Some(pc) = l {
            let copies = self
                .jump_control(pc)
                .is_some_and(|c| matches!(self.fs.proto.code[c].op(), Some(Op::ISTC) | Some(Op::ISFC)));
            if !copies {
                return true;
            }
            l = self.next_jump(pc);
        }
        false
    }

    /// Patches `list`: jumps whose test copies a value go to `vtarget`
    /// (copying into `reg`), the others to `dtarget`.
    pub(super) fn patch_list_aux(&mut self, list: JumpList, vtarget: usize, reg: u32, dtarget: usize) -> CResult<()> {
        let mut l = list.0;
        while let Some(pc) = l {
            let next = self.next_jump(pc);
            if self.patch_test_reg(pc, reg) {
                self.fix_jump(pc, vtarget)?;
            } else {
                self.fix_jump(pc, dtarget)?;
            }
            l = next;
        }
        Ok(())
    }

    pub(super) fn patch_list(&mut self, list: JumpList, target: usize) -> CResult<()> {
        if target == self.fs.pc() {
            self.patch_to_here(list)
        } else {
            self.patch_list_aux(list, target, NO_REG, target)
        }
    }

    pub(super) fn patch_to_here(&mut self, list: JumpList) -> CResult<()> {
        let mut jpc = self.fs.jpc;
        self.concat(&mut jpc, list)?;
        self.fs.jpc = jpc;
        Ok(())
    }

    pub(super) fn discharge_jpc(&mut self) -> CResult<()> {
        let jpc = std::mem::replace(&mut self.fs.jpc, JumpList::EMPTY);
        let here = self.fs.pc();
        self.patch_list_aux(jpc, here, NO_REG, here)
    }
}
