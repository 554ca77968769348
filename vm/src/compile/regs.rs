//! The free-register allocator (5.1's `freereg` discipline).
//!
//! Registers are a stack: locals occupy `0..nactvar`, temporaries are
//! pushed above them and popped in reverse order, and every statement ends
//! with `freereg == nactvar`. A stack is enough because expressions are
//! compiled in tree order, and it keeps call frames contiguous: a call's
//! function and arguments are simply the next registers. `maxstack` is the
//! high-water mark; 5.1 refuses to go to 250 registers or beyond with
//! "function or expression too complex", and so do we.

use super::expr::{ExpDesc, ExpKind};
use super::{CResult, Compiler};

/// 5.1's `MAXSTACK`: a frame has fewer registers than this.
pub const MAX_REGS: u32 = 250;

impl Compiler {
    /// Makes sure `n` more registers above `freereg` fit in the frame.
    pub(super) fn check_stack(&mut self, n: u32) -> CResult<()> {
        let newstack = self.fs.freereg + n;
        if newstack > self.fs.proto.maxstack as u32 {
            if newstack >= MAX_REGS {
                return Err(self.error("function or expression too complex"));
            }
            self.fs.proto.maxstack = newstack as u8;
        }
        Ok(())
    }

    pub(super) fn reserve_regs(&mut self, n: u32) -> CResult<()> {
        self.check_stack(n)?;
        self.fs.freereg += n;
        Ok(())
    }

    /// Pops `reg` if it is a temporary (locals are never freed here).
    pub(super) fn free_reg(&mut self, reg: u32) {
        if reg >= self.fs.nactvar() {
            self.fs.freereg -= 1;
            debug_assert_eq!(reg, self.fs.freereg, "temporaries are freed in stack order");
        }
    }

    pub(super) fn free_exp(&mut self, e: &ExpDesc) {
        if let ExpKind::NonReloc(r) = e.kind {
            self.free_reg(r);
        }
    }

    /// Frees two expressions' registers, the higher one first.
    pub(super) fn free_exps(&mut self, e1: &ExpDesc, e2: &ExpDesc) {
        match (e1.kind, e2.kind) {
            (ExpKind::NonReloc(r1), ExpKind::NonReloc(r2)) if r1 > r2 => {
                self.free_reg(r1);
                self.free_reg(r2);
            }
            _ => {
                self.free_exp(e2);
                self.free_exp(e1);
            }
        }
    }
}
