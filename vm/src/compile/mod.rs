//! The compiler: `ast::Chunk` -> `Proto`, one pass over the tree.
//!
//! It is PUC-Rio 5.1's code generator (`lcode.c` + the code-emitting half
//! of `lparser.c`) re-planned over a finished tree and LuaJIT-style
//! instructions, because 5.1's choices are observable: which register a
//! value lands in decides what `getobjname` can name in an error, the
//! order in which an assignment evaluates targets and values is visible to
//! metamethods, and positional constructor items are stored in batches of
//! 50. Expressions are described lazily (`expr::ExpDesc`, 5.1's
//! `expdesc`) and only put in a register when a consumer needs one, so
//! `a.b.c` or `x + 1` need no extra moves.
//!
//! The work is split by concern:
//! - `regs`: the free-register allocator and the 250-register limit;
//! - `jumps`: jump lists threaded through the jump offsets, and patching;
//! - `scope`: blocks, locals (local `i` lives in register `i`), upvalue
//!   resolution across enclosing functions;
//! - `expr`: expressions, operators, calls, constructors, closures;
//! - `stmt`: statements, loops, assignment.
//!
//! Errors are values (`CompileError`); the only ones an AST from the
//! parser can reach are 5.1's code-generator limits.

mod expr;
mod jumps;
mod regs;
mod scope;
mod stmt;

use std::collections::HashMap;
use std::sync::Arc;

use perigee_reference::ast::{Chunk, FuncBody};

use crate::bytecode::{Const, Instr, Jump, Op};
use crate::proto::{Constant, LocalVar, Proto, Vararg};

use jumps::JumpList;
use scope::BlockScope;

/// A limit of the code generator was exceeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// The source line being compiled when the limit was hit.
    pub line: u32,
    /// 5.1's wording, without position (e.g. "function or expression too
    /// complex").
    pub message: String,
}

impl CompileError {
    /// The message as 5.1 prints a syntax error, `chunkid:line: message`
    /// (5.1 also appends `near 'token'`, which a tree no longer knows).
    pub fn render(&self, chunkname: &[u8]) -> Vec<u8> {
        let mut out = perigee_reference::lexer::chunk_id(chunkname);
        out.extend_from_slice(format!(":{}: {}", self.line, self.message).as_bytes());
        out
    }
}

pub type CResult<T> = Result<T, CompileError>;

/// Compiles a parsed chunk into the prototype of its main function.
pub fn compile(chunk: &Chunk, chunkname: &[u8]) -> CResult<Proto> {
    let mut c = Compiler { fs: FuncState::new(chunkname, &chunk.body), outer: Vec::new(), source: chunkname.to_vec() };
    c.function_body(&chunk.body)?;
    Ok(c.fs.finish())
}

/// Constant-table keys: numbers by bit pattern, so `0` and `-0` stay apart.
#[derive(PartialEq, Eq, Hash)]
enum ConstKey {
    Num(u64),
    Str(Vec<u8>),
}

/// The state of one function being compiled (5.1's `FuncState`).
pub(crate) struct FuncState {
    proto: Proto,
    kcache: HashMap<ConstKey, u16>,
    /// Indices into `proto.locals` of the active locals; active local `i`
    /// lives in register `i`.
    actvar: Vec<usize>,
    blocks: Vec<BlockScope>,
    /// First free register.
    freereg: u32,
    /// Jumps waiting for the next instruction (5.1's `jpc`).
    jpc: JumpList,
    /// Line stamped on emitted instructions.
    line: u32,
    uses_vararg: bool,
    /// Locals declared but not yet visible (indices into `proto.locals`).
    pending: Vec<usize>,
}

impl FuncState {
    fn new(source: &[u8], body: &FuncBody) -> FuncState {
        FuncState {
            proto: Proto {
                code: Vec::new(),
                lines: Vec::new(),
                constants: Vec::new(),
                protos: Vec::new(),
                upvalues: Vec::new(),
                numparams: 0,
                vararg: Vararg::Fixed,
                maxstack: 2,
                locals: Vec::new(),
                source: source.to_vec(),
                linedefined: body.line,
                lastlinedefined: body.end_line,
            },
            kcache: HashMap::new(),
            actvar: Vec::new(),
            blocks: Vec::new(),
            freereg: 0,
            jpc: JumpList::EMPTY,
            line: body.line,
            uses_vararg: false,
            pending: Vec::new(),
        }
    }

    fn finish(self) -> Proto {
        self.proto
    }

    /// Number of active locals (5.1's `nactvar`).
    fn nactvar(&self) -> u32 {
        self.actvar.len() as u32
    }

    fn pc(&self) -> usize {
        self.proto.code.len()
    }
}

pub(crate) struct Compiler {
    fs: FuncState,
    /// The enclosing functions, outermost first.
    outer: Vec<FuncState>,
    source: Vec<u8>,
}

impl Compiler {
    fn error(&self, message: &str) -> CompileError {
        CompileError { line: self.fs.line, message: message.to_string() }
    }

    /// Appends an instruction at the current line, first pointing the
    /// pending jumps at it.
    fn emit(&mut self, ins: Instr) -> CResult<usize> {
        self.discharge_jpc()?;
        self.fs.proto.code.push(ins);
        self.fs.proto.lines.push(self.fs.line);
        Ok(self.fs.pc() - 1)
    }

    fn emit_ad(&mut self, op: Op, a: u32, d: u32) -> CResult<usize> {
        self.emit(Instr::ad(op, a as u8, d as u16))
    }

    fn emit_abc(&mut self, op: Op, a: u32, b: u32, c: u32) -> CResult<usize> {
        self.emit(Instr::abc(op, a as u8, b as u8, c as u8))
    }

    /// Emits an instruction with a jump operand already known.
    fn emit_jump(&mut self, op: Op, a: u32, offset: i32) -> CResult<usize> {
        self.emit(Instr::jump(op, a as u8, Jump(offset)))
    }

    fn constant(&mut self, key: ConstKey, value: Constant) -> CResult<Const> {
        if let Some(&k) = self.fs.kcache.get(&key) {
            return Ok(Const(k));
        }
        let k = self.fs.proto.constants.len();
        if k > u16::MAX as usize {
            return Err(self.error("constant table overflow"));
        }
        self.fs.proto.constants.push(value);
        self.fs.kcache.insert(key, k as u16);
        Ok(Const(k as u16))
    }

    fn num_const(&mut self, n: f64) -> CResult<Const> {
        self.constant(ConstKey::Num(n.to_bits()), Constant::Num(n))
    }

    fn str_const(&mut self, s: &[u8]) -> CResult<Const> {
        self.constant(ConstKey::Str(s.to_vec()), Constant::Str(s.to_vec()))
    }

    /// Compiles a function body in a fresh `FuncState`: parameters, the
    /// compatibility `arg` local, the statements, a final `RET0`.
    fn function_body(&mut self, body: &Arc<FuncBody>) -> CResult<()> {
        for p in &body.params {
            self.new_local(p)?;
        }
        self.fs.proto.numparams = body.params.len() as u8;
        let compat_arg = body.is_vararg && body.line != 0;
        if compat_arg {
            self.new_local(&"arg".into())?;
        }
        let n = self.fs.pending.len() as u32;
        self.reserve_regs(n)?;
        self.activate_locals(n as usize);
        self.statements(&body.body)?;
        self.fs.line = body.end_line;
        self.remove_locals(0);
        self.emit_ad(Op::RET0, 0, 0)?;
        self.fs.proto.vararg = match (body.is_vararg, compat_arg, self.fs.uses_vararg) {
            (false, _, _) => Vararg::Fixed,
            (true, false, _) => Vararg::Dots,
            (true, true, true) => Vararg::DotsArgNil,
            (true, true, false) => Vararg::ArgTable,
        };
        Ok(())
    }

    /// Compiles a nested function and returns its index among the
    /// current function's children.
    fn child_function(&mut self, body: &Arc<FuncBody>) -> CResult<u16> {
        let child = FuncState::new(&self.source, body);
        let parent = std::mem::replace(&mut self.fs, child);
        self.outer.push(parent);
        let result = self.function_body(body);
        let parent = self.outer.pop();
        let child = match parent {
            Some(p) => std::mem::replace(&mut self.fs, p),
            None => return Err(self.error("internal: lost enclosing function")),
        };
        result?;
        let idx = self.fs.proto.protos.len();
        if idx > u16::MAX as usize {
            return Err(self.error("function or expression too complex"));
        }
        self.fs.proto.protos.push(child.finish());
        Ok(idx as u16)
    }
}

/// Locals recorded for debug info are plain `LocalVar`s; this keeps their
/// construction in one place.
fn local_var(name: &str, reg: u32) -> LocalVar {
    LocalVar { name: name.to_string(), reg: crate::bytecode::Reg(reg as u8), live: 0..0 }
}
