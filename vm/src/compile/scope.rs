//! Scopes: blocks, local variables and upvalue resolution.
//!
//! Active local `i` of a function lives in register `i` (5.1's invariant),
//! so declaring a local is reserving the next register and leaving a block
//! is cutting the active list back. A local becomes visible only after its
//! initialiser (`activate_local`), which is also where its debug live
//! range starts.
//!
//! A name resolves to the innermost active local of the current function,
//! else to an upvalue found by resolving the name in the enclosing
//! function (recursively, adding upvalue descriptors on the way back), else
//! to a global. Capturing a local marks the block that declared it, and
//! leaving a marked block emits `UCLO` so each closure keeps the value the
//! variable had in its own iteration or activation.

use perigee_reference::ast::Name;

use crate::bytecode::{Op, Reg, Upval};
use crate::proto::{UpvalDesc, UpvalSource};

use super::jumps::JumpList;
use super::{local_var, CResult, Compiler, FuncState};

/// One lexical block of the function being compiled (5.1's `BlockCnt`).
pub struct BlockScope {
    /// Active locals when the block began.
    pub nactvar: u32,
    /// Some local of this block is captured by a closure.
    pub has_upval: bool,
    /// A loop: `break` jumps to its end.
    pub breakable: bool,
    pub breaks: JumpList,
}

/// What a name refers to.
#[derive(Debug, Clone, Copy)]
pub enum Resolved {
    Local(u32),
    Upval(u32),
    Global,
}

impl FuncState {
    fn find_local(&self, name: &str) -> Option<u32> {
        self.actvar.iter().rposition(|&i| self.proto.locals[i].name == name).map(|r| r as u32)
    }

    /// Marks the block declaring register `reg` as having a captured local.
    fn mark_upval(&mut self, reg: u32) {
        if let Some(bl) = self.blocks.iter_mut().rev().find(|bl| bl.nactvar <= reg) {
            bl.has_upval = true;
        }
    }

    fn add_upval(&mut self, name: &str, source: UpvalSource) -> Option<u32> {
        if let Some(i) = self.proto.upvalues.iter().position(|u| u.source == source) {
            return Some(i as u32);
        }
        let i = self.proto.upvalues.len();
        if i > u8::MAX as usize {
            return None;
        }
        self.proto.upvalues.push(UpvalDesc { name: name.to_string(), source });
        Some(i as u32)
    }
}

impl Compiler {
    /// Declares a local whose register is the next one to be reserved; it
    /// stays invisible until `activate_local`.
    pub(super) fn new_local(&mut self, name: &Name) -> CResult<()> {
        let reg = self.fs.nactvar() + self.pending_locals();
        self.fs.proto.locals.push(local_var(name, reg));
        self.fs.pending.push(self.fs.proto.locals.len() - 1);
        Ok(())
    }

    fn pending_locals(&self) -> u32 {
        self.fs.pending.len() as u32
    }

    /// Makes the first `n` declared-but-invisible locals visible from here.
    pub(super) fn activate_locals(&mut self, n: usize) {
        let pc = self.fs.pc() as u32;
        for i in self.fs.pending.drain(..n).collect::<Vec<_>>() {
            self.fs.proto.locals[i].live.start = pc;
            self.fs.actvar.push(i);
        }
    }

    /// Ends the live ranges of locals above `to` and hides them.
    pub(super) fn remove_locals(&mut self, to: u32) {
        let pc = self.fs.pc() as u32;
        while self.fs.nactvar() > to {
            if let Some(i) = self.fs.actvar.pop() {
                self.fs.proto.locals[i].live.end = pc;
            }
        }
    }

    pub(super) fn enter_block(&mut self, breakable: bool) {
        let nactvar = self.fs.nactvar();
        self.fs.blocks.push(BlockScope { nactvar, has_upval: false, breakable, breaks: JumpList::EMPTY });
    }

    /// Leaves the innermost block: hides its locals, closes their upvalues
    /// if captured, frees their registers and lands pending `break`s here.
    pub(super) fn leave_block(&mut self) -> CResult<()> {
        let Some(bl) = self.fs.blocks.pop() else { return Err(self.error("internal: block underflow")) };
        self.remove_locals(bl.nactvar);
        if bl.has_upval {
            self.emit_jump(Op::UCLO, bl.nactvar, 0)?;
        }
        self.fs.freereg = self.fs.nactvar();
        self.patch_to_here(bl.breaks)
    }

    /// `break`: closes the upvalues of the blocks it leaves and jumps to the
    /// end of the innermost loop.
    pub(super) fn break_stat(&mut self) -> CResult<()> {
        let mut upval = false;
        let mut target = None;
        for (i, bl) in self.fs.blocks.iter().enumerate().rev() {
            upval |= bl.has_upval;
            if bl.breakable {
                target = Some(i);
                break;
            }
        }
        // The parser rejects `break` outside a loop.
        let Some(i) = target else { return Err(self.error("no loop to break")) };
        let j = if upval {
            // Jumps pending for this spot must land on the UCLO itself
            // (so `emit` resolves them), not skip it as a JMP's would.
            let base = self.fs.blocks[i].nactvar;
            JumpList(Some(self.emit_jump(Op::UCLO, base, -1)?))
        } else {
            self.jump()?
        };
        let mut breaks = self.fs.blocks[i].breaks;
        self.concat(&mut breaks, j)?;
        self.fs.blocks[i].breaks = breaks;
        Ok(())
    }

    /// Resolves `name` from the current function.
    pub(super) fn resolve(&mut self, name: &str) -> CResult<Resolved> {
        let level = self.outer.len();
        self.resolve_at(level, name, true)
    }

    fn func_at(&mut self, level: usize) -> &mut FuncState {
        if level == self.outer.len() {
            &mut self.fs
        } else {
            &mut self.outer[level]
        }
    }

    fn resolve_at(&mut self, level: usize, name: &str, base: bool) -> CResult<Resolved> {
        let fs = self.func_at(level);
        if let Some(reg) = fs.find_local(name) {
            if !base {
                fs.mark_upval(reg);
            }
            return Ok(Resolved::Local(reg));
        }
        if level == 0 {
            return Ok(Resolved::Global);
        }
        let source = match self.resolve_at(level - 1, name, false)? {
            Resolved::Global => return Ok(Resolved::Global),
            Resolved::Local(reg) => UpvalSource::ParentLocal(Reg(reg as u8)),
            Resolved::Upval(i) => UpvalSource::ParentUpval(Upval(i as u16)),
        };
        match self.func_at(level).add_upval(name, source) {
            Some(i) => Ok(Resolved::Upval(i)),
            None => Err(self.error("too many upvalues")),
        }
    }
}
