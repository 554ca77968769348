//! The Lua 5.1 parser: tokens to `ast::Chunk`, recursive descent.
//!
//! Its structure follows PUC-Rio's `lparser.c` function for function
//! (`chunk`, `statement`, `subexpr`, `primaryexp`, `funcargs`, ...) because
//! every observable detail of a syntax error depends on exactly when a
//! token is consumed: the message's line is the lexer's line at that
//! moment, the `near` text is the lexer's buffer, the "ambiguous syntax"
//! check compares the line of `(` with the line of the token before it.
//! Mirroring the order of operations gives those details for free.
//!
//! The limits 5.1 enforces while parsing are enforced the same way:
//! - syntax levels: 5.1 counts C-stack depth in `chunk` and `subexpr`
//!   (`enterlevel`) against `LUAI_MAXCCALLS` (200), starting from 1 as when
//!   `lua5.1` loads a file; this also bounds our own recursion;
//! - 200 active local variables and 60 upvalues per function, and the
//!   number of targets in one assignment; for these the parser keeps 5.1's
//!   scopes (active locals per function, blocks, upvalue lists), including
//!   the implicit `arg` local of a vararg function (`LUA_COMPAT_VARARG`)
//!   and the hidden control variables of `for` loops.
//!
//! One limit is perigee's own: loops in the grammar (`a.b.c...`,
//! `f()()...`, `1+2+3...`) build trees as deep as the chain is long, which
//! 5.1 (compiling as it parses) never has to hold. So that no consumer of
//! the tree (evaluator, printer, even `Drop`) can overflow its stack, every
//! node's depth is tracked and a tree deeper than `MAX_TREE_DEPTH` is
//! rejected with 5.1's "chunk has too many syntax levels".
//!
//! Not reproduced: 5.1's register limit ("function or expression too
//! complex", e.g. a call with about 250 arguments) and code-size limits,
//! which belong to its code generator.

use std::sync::Arc;

use crate::ast::{
    BinOp, Block, Chunk, Expr, ExprKind, FuncBody, FuncName, Name, Stat, StatKind, TableField, UnOp, UNARY_PRIORITY,
};
use crate::lexer::{chunk_id_sized, LexError, Lexer, Token, MAXSRC};

/// A syntax error, worded exactly as `lua5.1` reports it, e.g.
/// `foo.lua:3: '=' expected near 'x'`.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub message: Vec<u8>,
}

/// 5.1's `LUAI_MAXCCALLS`: the limit on nested `chunk`/`subexpr` levels.
pub const MAX_LEVELS: u32 = 200;
/// 5.1's `LUAI_MAXVARS`: active local variables per function.
pub const MAX_VARS: usize = 200;
/// 5.1's `LUAI_MAXUPVALUES`: upvalues per function.
pub const MAX_UPVALUES: usize = 60;
/// The deepest tree the parser returns (see the module doc); nodes count
/// at every level: blocks, statements, expressions, function bodies.
pub const MAX_TREE_DEPTH: u32 = 1000;

/// The nesting level when the parser starts: `lua5.1 file.lua` parses from
/// inside one C call (`lua_cpcall` of `pmain`).
const BASE_LEVEL: u32 = 1;

type PResult<T> = Result<T, SyntaxError>;

/// Parses a chunk. `chunkname` is as for `lua_load`: `@file`, `=name` or
/// the source itself. A first line starting with `#` is skipped (as
/// `luaL_loadfile` does) when the chunk name says the source is a file:
/// it starts with `@` or is `=stdin`.
pub fn parse(source: &[u8], chunkname: &[u8]) -> Result<Chunk, SyntaxError> {
    let is_file = chunkname.first() == Some(&b'@') || chunkname == b"=stdin";
    parse_with(source, chunkname, is_file)
}

/// `parse`, saying explicitly whether a `#` first line is skipped.
pub fn parse_with(source: &[u8], chunkname: &[u8], skip_shebang: bool) -> Result<Chunk, SyntaxError> {
    let source = if skip_shebang { strip_shebang(source) } else { source };
    let mut parser = Parser {
        lex: Lexer::new(source),
        chunkname,
        t: Token::Eos,
        ahead: None,
        lastline: 1,
        level: BASE_LEVEL,
        funcs: Vec::new(),
    };
    parser.main_chunk()
}

/// `luaL_loadfile` replaces a first line starting with `#` by an empty
/// line, so that line numbers stay right.
fn strip_shebang(source: &[u8]) -> &[u8] {
    if source.first() != Some(&b'#') {
        return source;
    }
    match source.iter().position(|&b| b == b'\n') {
        Some(newline) => &source[newline..],
        None => b"\n",
    }
}

/// What a name resolves to, for upvalue bookkeeping (5.1's `VLOCAL`,
/// `VUPVAL`, `VGLOBAL` with their index).
#[derive(Clone, Copy, PartialEq)]
enum Var {
    Global,
    Local(usize),
    Upval(usize),
}

/// 5.1's `BlockCnt`: where a scope starts and whether `break` may leave it.
struct BlockScope {
    nactvar: usize,
    is_loop: bool,
}

/// 5.1's `FuncState`, reduced to what the limits and `break` need.
struct FuncState {
    /// `linedefined`, 0 for the main function (for limit messages).
    linedefined: u32,
    is_vararg: bool,
    /// Declared local names; the first `nactvar` are active, the rest are
    /// declared but not yet in scope (`local x = x`).
    vars: Vec<Name>,
    nactvar: usize,
    blocks: Vec<BlockScope>,
    upvalues: Vec<Var>,
}

impl FuncState {
    fn new(linedefined: u32, is_vararg: bool) -> FuncState {
        FuncState { linedefined, is_vararg, vars: Vec::new(), nactvar: 0, blocks: Vec::new(), upvalues: Vec::new() }
    }

    /// The innermost active local called `name`.
    fn search(&self, name: &str) -> Option<usize> {
        self.vars[..self.nactvar].iter().rposition(|v| &**v == name)
    }
}

struct Parser<'a> {
    lex: Lexer<'a>,
    chunkname: &'a [u8],
    /// The current token (5.1's `ls->t`).
    t: Token,
    /// The look-ahead token, if one was scanned (only table constructors
    /// look ahead, to tell `name = e` from `name`).
    ahead: Option<Token>,
    /// The lexer's line when the current token was made current.
    lastline: u32,
    /// 5.1's `nCcalls` during parsing.
    level: u32,
    funcs: Vec<FuncState>,
}

/// Binary operator for a token.
fn binop(t: &Token) -> Option<BinOp> {
    Some(match t {
        Token::Char(b'+') => BinOp::Add,
        Token::Char(b'-') => BinOp::Sub,
        Token::Char(b'*') => BinOp::Mul,
        Token::Char(b'/') => BinOp::Div,
        Token::Char(b'%') => BinOp::Mod,
        Token::Char(b'^') => BinOp::Pow,
        Token::Concat => BinOp::Concat,
        Token::Ne => BinOp::Ne,
        Token::Eq => BinOp::Eq,
        Token::Char(b'<') => BinOp::Lt,
        Token::Le => BinOp::Le,
        Token::Char(b'>') => BinOp::Gt,
        Token::Ge => BinOp::Ge,
        Token::And => BinOp::And,
        Token::Or => BinOp::Or,
        _ => return None,
    })
}

/// Unary operator for a token.
fn unop(t: &Token) -> Option<UnOp> {
    Some(match t {
        Token::Not => UnOp::Not,
        Token::Char(b'-') => UnOp::Neg,
        Token::Char(b'#') => UnOp::Len,
        _ => return None,
    })
}

/// Tokens that end a block.
fn block_follow(t: &Token) -> bool {
    matches!(t, Token::Else | Token::Elseif | Token::End | Token::Until | Token::Eos)
}

/// Whether an expression can be assigned to (5.1: `VLOCAL..VINDEXED`).
fn is_assignable(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Name(_) | ExprKind::Index { .. })
}

fn expr_at(kind: ExprKind, line: u32) -> Expr {
    Expr { line, kind }
}

// ---------------------------------------------------------------------
// Tokens and errors
// ---------------------------------------------------------------------
impl Parser<'_> {
    /// 5.1's `ls->linenumber`.
    fn linenumber(&self) -> u32 {
        self.lex.linenumber()
    }

    fn lex_error(&self, e: LexError) -> SyntaxError {
        self.format_error(e.line, e.msg.as_bytes(), Some(&e.near))
    }

    fn format_error(&self, line: u32, msg: &[u8], near: Option<&[u8]>) -> SyntaxError {
        let mut message = chunk_id_sized(self.chunkname, MAXSRC);
        message.extend_from_slice(format!(":{line}: ").as_bytes());
        message.extend_from_slice(msg);
        if let Some(near) = near {
            message.extend_from_slice(b" near '");
            message.extend_from_slice(near);
            message.push(b'\'');
        }
        SyntaxError { message }
    }

    /// 5.1's `luaX_syntaxerror`: the message, near the current token.
    fn syntax_error(&self, msg: &[u8]) -> SyntaxError {
        let near = match &self.t {
            // Token 0 (a NUL byte) gets no `near` part in 5.1.
            Token::Char(0) => None,
            // 5.1 quotes the buffer, i.e. the last *scanned* token's text.
            Token::Name(_) | Token::String(_) | Token::Number(_) => Some(self.lex.near_text().to_vec()),
            t => Some(t.describe()),
        };
        self.format_error(self.linenumber(), msg, near.as_deref())
    }

    /// An error without a `near` part (limits).
    fn plain_error(&self, msg: &str) -> SyntaxError {
        self.format_error(self.linenumber(), msg.as_bytes(), None)
    }

    fn levels_error(&self) -> SyntaxError {
        self.plain_error("chunk has too many syntax levels")
    }

    /// 5.1's `errorlimit` for the function `func` (an index into `funcs`).
    fn limit_error(&self, func: usize, limit: usize, what: &str) -> SyntaxError {
        let msg = match self.funcs[func].linedefined {
            0 => format!("main function has more than {limit} {what}"),
            line => format!("function at line {line} has more than {limit} {what}"),
        };
        self.plain_error(&msg)
    }

    fn next(&mut self) -> PResult<()> {
        self.lastline = self.linenumber();
        self.t = match self.ahead.take() {
            Some(t) => t,
            None => self.lex.next_token().map_err(|e| self.lex_error(e))?,
        };
        Ok(())
    }

    /// Makes the current token current no more and returns it.
    fn take(&mut self) -> PResult<Token> {
        let t = std::mem::replace(&mut self.t, Token::Eos);
        self.next()?;
        Ok(t)
    }

    fn lookahead(&mut self) -> PResult<()> {
        let t = self.lex.next_token().map_err(|e| self.lex_error(e))?;
        self.ahead = Some(t);
        Ok(())
    }

    fn testnext(&mut self, t: &Token) -> PResult<bool> {
        if self.t == *t {
            self.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn error_expected(&self, t: &Token) -> SyntaxError {
        let mut msg = b"'".to_vec();
        msg.extend(t.describe());
        msg.extend_from_slice(b"' expected");
        self.syntax_error(&msg)
    }

    fn check(&self, t: &Token) -> PResult<()> {
        if self.t == *t {
            Ok(())
        } else {
            Err(self.error_expected(t))
        }
    }

    fn checknext(&mut self, t: &Token) -> PResult<()> {
        self.check(t)?;
        self.next()
    }

    /// Expects `what` closing the `who` opened on line `line`.
    fn check_match(&mut self, what: &Token, who: &Token, line: u32) -> PResult<()> {
        if self.testnext(what)? {
            return Ok(());
        }
        if line == self.linenumber() {
            return Err(self.error_expected(what));
        }
        let mut msg = b"'".to_vec();
        msg.extend(what.describe());
        msg.extend_from_slice(b"' expected (to close '");
        msg.extend(who.describe());
        msg.extend_from_slice(format!("' at line {line})").as_bytes());
        Err(self.syntax_error(&msg))
    }

    /// A name token, with the line it was on.
    fn checkname(&mut self) -> PResult<(Name, u32)> {
        let line = self.linenumber();
        match self.t {
            Token::Name(_) => match self.take()? {
                Token::Name(n) => Ok((n, line)),
                _ => Err(self.plain_error("internal error: name expected")),
            },
            _ => Err(self.error_expected(&Token::Name("".into()))),
        }
    }

    fn enter_level(&mut self) -> PResult<()> {
        self.level += 1;
        if self.level > MAX_LEVELS {
            return Err(self.levels_error());
        }
        Ok(())
    }

    fn leave_level(&mut self) {
        self.level -= 1;
    }

    /// The depth of a node whose deepest child has depth `child`.
    fn deeper(&self, child: u32) -> PResult<u32> {
        let depth = child + 1;
        if depth > MAX_TREE_DEPTH {
            return Err(self.levels_error());
        }
        Ok(depth)
    }
}

// ---------------------------------------------------------------------
// Scopes: locals, blocks, upvalues
// ---------------------------------------------------------------------
impl Parser<'_> {
    fn fs(&self) -> &FuncState {
        // `funcs` is never empty while parsing: the main function is
        // pushed first and popped last.
        &self.funcs[self.funcs.len() - 1]
    }

    fn fs_mut(&mut self) -> &mut FuncState {
        let top = self.funcs.len() - 1;
        &mut self.funcs[top]
    }

    /// Declares the `n`-th local of a declaration (not yet active).
    fn new_localvar(&mut self, name: Name, n: usize) -> PResult<()> {
        let fs = self.fs();
        if fs.nactvar + n + 1 > MAX_VARS {
            return Err(self.limit_error(self.funcs.len() - 1, MAX_VARS, "local variables"));
        }
        let nactvar = fs.nactvar;
        let fs = self.fs_mut();
        fs.vars.truncate(nactvar + n);
        fs.vars.push(name);
        Ok(())
    }

    /// Brings the next `n` declared locals into scope.
    fn adjustlocalvars(&mut self, n: usize) {
        let fs = self.fs_mut();
        fs.nactvar = (fs.nactvar + n).min(fs.vars.len());
    }

    fn enterblock(&mut self, is_loop: bool) {
        let fs = self.fs_mut();
        let nactvar = fs.nactvar;
        fs.blocks.push(BlockScope { nactvar, is_loop });
    }

    fn leaveblock(&mut self) {
        let fs = self.fs_mut();
        if let Some(block) = fs.blocks.pop() {
            fs.nactvar = block.nactvar;
            fs.vars.truncate(block.nactvar);
        }
    }

    /// Resolves a name used in the current function, registering the
    /// upvalues it needs (and failing as 5.1 does when there are too many).
    fn singlevar(&mut self, name: &str) -> PResult<()> {
        self.resolve(self.funcs.len() - 1, name).map(|_| ())
    }

    fn resolve(&mut self, func: usize, name: &str) -> PResult<Var> {
        if let Some(index) = self.funcs[func].search(name) {
            return Ok(Var::Local(index));
        }
        if func == 0 {
            return Ok(Var::Global);
        }
        match self.resolve(func - 1, name)? {
            Var::Global => Ok(Var::Global),
            outer => self.index_upvalue(func, outer).map(Var::Upval),
        }
    }

    fn index_upvalue(&mut self, func: usize, outer: Var) -> PResult<usize> {
        if let Some(index) = self.funcs[func].upvalues.iter().position(|&u| u == outer) {
            return Ok(index);
        }
        if self.funcs[func].upvalues.len() + 1 > MAX_UPVALUES {
            return Err(self.limit_error(func, MAX_UPVALUES, "upvalues"));
        }
        self.funcs[func].upvalues.push(outer);
        Ok(self.funcs[func].upvalues.len() - 1)
    }

    fn in_loop(&self) -> bool {
        self.fs().blocks.iter().any(|b| b.is_loop)
    }
}

// ---------------------------------------------------------------------
// Blocks and statements
// ---------------------------------------------------------------------
impl Parser<'_> {
    fn main_chunk(&mut self) -> PResult<Chunk> {
        self.funcs.push(FuncState::new(0, true));
        self.next()?;
        let (body, _) = self.chunk()?;
        self.check(&Token::Eos)?;
        self.funcs.pop();
        let body = FuncBody { params: Vec::new(), is_vararg: true, body, line: 0, end_line: 0 };
        Ok(Chunk { body: Arc::new(body) })
    }

    /// 5.1's `chunk`: statements up to a block end; `return` and `break`
    /// end it early.
    fn chunk(&mut self) -> PResult<(Block, u32)> {
        self.enter_level()?;
        let mut stats = Vec::new();
        let mut depth = 0;
        while !block_follow(&self.t) {
            let is_last = matches!(self.t, Token::Return | Token::Break);
            let (stat, d) = self.statement()?;
            stats.push(stat);
            depth = depth.max(d);
            self.testnext(&Token::Char(b';'))?;
            if is_last {
                break;
            }
        }
        self.leave_level();
        Ok((Block { stats }, self.deeper(depth)?))
    }

    /// A chunk in its own scope.
    fn block(&mut self) -> PResult<(Block, u32)> {
        self.enterblock(false);
        let block = self.chunk()?;
        self.leaveblock();
        Ok(block)
    }

    /// One statement and its depth. Each arm is a tail call, so that
    /// unoptimised builds need no stack slot per arm.
    fn statement(&mut self) -> PResult<(Stat, u32)> {
        let line = self.linenumber();
        match self.t {
            Token::If => self.ifstat(line),
            Token::While => self.whilestat(line),
            Token::Do => self.dostat(line),
            Token::For => self.forstat(line),
            Token::Repeat => self.repeatstat(line),
            Token::Function => self.funcstat(line),
            Token::Local => self.localstat_or_func(line),
            Token::Return => self.retstat(line),
            Token::Break => self.breakstat(line),
            _ => self.exprstat(line),
        }
    }

    fn stat(&self, kind: StatKind, line: u32, child_depth: u32) -> PResult<(Stat, u32)> {
        Ok((Stat { line, kind }, self.deeper(child_depth)?))
    }

    fn dostat(&mut self, line: u32) -> PResult<(Stat, u32)> {
        self.next()?;
        let (body, depth) = self.block()?;
        self.check_match(&Token::End, &Token::Do, line)?;
        self.stat(StatKind::Do(body), line, depth)
    }

    fn ifstat(&mut self, line: u32) -> PResult<(Stat, u32)> {
        let mut arms = Vec::new();
        let mut depth = 0;
        loop {
            let (cond, block, d) = self.test_then_block()?;
            arms.push((cond, block));
            depth = depth.max(d);
            if self.t != Token::Elseif {
                break;
            }
        }
        let mut else_block = None;
        if self.t == Token::Else {
            self.next()?;
            let (block, d) = self.block()?;
            else_block = Some(block);
            depth = depth.max(d);
        }
        self.check_match(&Token::End, &Token::If, line)?;
        self.stat(StatKind::If { arms, else_block }, line, depth)
    }

    /// `if`/`elseif` cond `then` block.
    fn test_then_block(&mut self) -> PResult<(Expr, Block, u32)> {
        self.next()?;
        let (cond, cd) = self.expr()?;
        self.checknext(&Token::Then)?;
        let (block, bd) = self.block()?;
        Ok((cond, block, cd.max(bd)))
    }

    fn whilestat(&mut self, line: u32) -> PResult<(Stat, u32)> {
        self.next()?;
        let (cond, cd) = self.expr()?;
        self.enterblock(true);
        self.checknext(&Token::Do)?;
        let (body, bd) = self.block()?;
        self.check_match(&Token::End, &Token::While, line)?;
        self.leaveblock();
        self.stat(StatKind::While { cond, body }, line, cd.max(bd))
    }

    fn repeatstat(&mut self, line: u32) -> PResult<(Stat, u32)> {
        self.enterblock(true);
        // The condition is parsed inside the body's scope.
        self.enterblock(false);
        self.next()?;
        let (body, bd) = self.chunk()?;
        self.check_match(&Token::Until, &Token::Repeat, line)?;
        let (cond, cd) = self.expr()?;
        self.leaveblock();
        self.leaveblock();
        self.stat(StatKind::Repeat { body, cond }, line, cd.max(bd))
    }

    fn forstat(&mut self, line: u32) -> PResult<(Stat, u32)> {
        self.enterblock(true);
        self.next()?;
        let (var, _) = self.checkname()?;
        let stat = match self.t {
            Token::Char(b'=') => self.fornum(var)?,
            Token::Char(b',') | Token::In => self.forlist(var)?,
            _ => return Err(self.syntax_error(b"'=' or 'in' expected")),
        };
        self.check_match(&Token::End, &Token::For, line)?;
        self.leaveblock();
        Ok(stat)
    }

    /// `for var = start, limit [, step] do ... end`.
    fn fornum(&mut self, var: Name) -> PResult<(Stat, u32)> {
        self.new_localvar("(for index)".into(), 0)?;
        self.new_localvar("(for limit)".into(), 1)?;
        self.new_localvar("(for step)".into(), 2)?;
        self.new_localvar(var.clone(), 3)?;
        self.checknext(&Token::Char(b'='))?;
        let (start, d1) = self.expr()?;
        self.checknext(&Token::Char(b','))?;
        let (limit, d2) = self.expr()?;
        let mut depth = d1.max(d2);
        let step = if self.testnext(&Token::Char(b','))? {
            let (step, d3) = self.expr()?;
            depth = depth.max(d3);
            Some(step)
        } else {
            None
        };
        let (body, do_line, bd) = self.forbody(1)?;
        let kind = StatKind::NumFor { var, start, limit, step, body };
        self.stat(kind, do_line, depth.max(bd))
    }

    /// `for n1, n2 in explist do ... end`; 5.1 stamps the iterator call
    /// with the line of the first token after `in`.
    fn forlist(&mut self, first: Name) -> PResult<(Stat, u32)> {
        self.new_localvar("(for generator)".into(), 0)?;
        self.new_localvar("(for state)".into(), 1)?;
        self.new_localvar("(for control)".into(), 2)?;
        self.new_localvar(first.clone(), 3)?;
        let mut names = vec![first];
        while self.testnext(&Token::Char(b','))? {
            let (name, _) = self.checkname()?;
            self.new_localvar(name.clone(), names.len() + 3)?;
            names.push(name);
        }
        self.checknext(&Token::In)?;
        let line = self.linenumber();
        let (exprs, ed) = self.explist1()?;
        let (body, _, bd) = self.forbody(names.len())?;
        let kind = StatKind::GenFor { names, exprs, body };
        self.stat(kind, line, ed.max(bd))
    }

    /// `do block` of a `for`, with the loop's `nvars` variables in scope.
    /// Returns the body, the line of `do` and the depth.
    fn forbody(&mut self, nvars: usize) -> PResult<(Block, u32, u32)> {
        self.adjustlocalvars(3);
        self.checknext(&Token::Do)?;
        let do_line = self.lastline;
        self.enterblock(false);
        self.adjustlocalvars(nvars);
        let (body, depth) = self.block()?;
        self.leaveblock();
        Ok((body, do_line, depth))
    }

    /// `function a.b.c:m() ... end`.
    fn funcstat(&mut self, line: u32) -> PResult<(Stat, u32)> {
        self.next()?;
        let (base, _) = self.checkname()?;
        self.singlevar(&base)?;
        let mut fields = Vec::new();
        while self.t == Token::Char(b'.') {
            self.next()?;
            fields.push(self.checkname()?.0);
        }
        let mut method = None;
        if self.t == Token::Char(b':') {
            self.next()?;
            method = Some(self.checkname()?.0);
        }
        let (body, depth) = self.body(method.is_some(), line)?;
        let target = FuncName { base, fields, method };
        self.stat(StatKind::Function { target, body }, line, depth)
    }

    fn localstat_or_func(&mut self, line: u32) -> PResult<(Stat, u32)> {
        self.next()?;
        if self.testnext(&Token::Function)? {
            self.localfunc(line)
        } else {
            self.localstat(line)
        }
    }

    fn localfunc(&mut self, line: u32) -> PResult<(Stat, u32)> {
        let (name, _) = self.checkname()?;
        self.new_localvar(name.clone(), 0)?;
        self.adjustlocalvars(1);
        let (body, depth) = self.body(false, self.linenumber())?;
        self.stat(StatKind::LocalFunction { name, body }, line, depth)
    }

    fn localstat(&mut self, line: u32) -> PResult<(Stat, u32)> {
        let mut names = Vec::new();
        loop {
            let (name, _) = self.checkname()?;
            self.new_localvar(name.clone(), names.len())?;
            names.push(name);
            if !self.testnext(&Token::Char(b','))? {
                break;
            }
        }
        let (exprs, depth) = if self.testnext(&Token::Char(b'='))? { self.explist1()? } else { (Vec::new(), 0) };
        self.adjustlocalvars(names.len());
        self.stat(StatKind::Local { names, exprs }, line, depth)
    }

    fn retstat(&mut self, line: u32) -> PResult<(Stat, u32)> {
        self.next()?;
        let (exprs, depth) =
            if block_follow(&self.t) || self.t == Token::Char(b';') { (Vec::new(), 0) } else { self.explist1()? };
        self.stat(StatKind::Return(exprs), line, depth)
    }

    fn breakstat(&mut self, line: u32) -> PResult<(Stat, u32)> {
        self.next()?;
        if !self.in_loop() {
            return Err(self.syntax_error(b"no loop to break"));
        }
        self.stat(StatKind::Break, line, 0)
    }

    /// A call statement or an assignment.
    fn exprstat(&mut self, line: u32) -> PResult<(Stat, u32)> {
        let (first, d) = self.primaryexp()?;
        if matches!(first.kind, ExprKind::Call { .. } | ExprKind::MethodCall { .. }) {
            return self.stat(StatKind::Call(first), line, d);
        }
        self.assignment(first, d)
    }

    fn assignment(&mut self, first: Expr, first_depth: u32) -> PResult<(Stat, u32)> {
        if !is_assignable(&first) {
            return Err(self.syntax_error(b"syntax error"));
        }
        let mut targets = vec![first];
        let mut depth = first_depth;
        while self.testnext(&Token::Char(b','))? {
            let (target, d) = self.primaryexp()?;
            // 5.1 recurses once per target and bounds that recursion by
            // what is left of the C-call budget.
            let room = i64::from(MAX_LEVELS) - i64::from(self.level);
            if targets.len() as i64 > room {
                let room = usize::try_from(room).unwrap_or(0);
                let func = self.funcs.len() - 1;
                return Err(self.limit_error(func, room, "variables in assignment"));
            }
            if !is_assignable(&target) {
                return Err(self.syntax_error(b"syntax error"));
            }
            targets.push(target);
            depth = depth.max(d);
        }
        self.checknext(&Token::Char(b'='))?;
        let (exprs, ed) = self.explist1()?;
        let line = self.lastline;
        self.stat(StatKind::Assign { targets, exprs }, line, depth.max(ed))
    }
}

// ---------------------------------------------------------------------
// Functions and expressions
// ---------------------------------------------------------------------
impl Parser<'_> {
    /// `(params) block end`; `line` is 5.1's `linedefined`.
    fn body(&mut self, needself: bool, line: u32) -> PResult<(Arc<FuncBody>, u32)> {
        self.funcs.push(FuncState::new(line, false));
        self.checknext(&Token::Char(b'('))?;
        let mut params = Vec::new();
        if needself {
            self.new_localvar("self".into(), 0)?;
            self.adjustlocalvars(1);
            params.push("self".into());
        }
        self.parlist(&mut params)?;
        self.checknext(&Token::Char(b')'))?;
        let (block, depth) = self.chunk()?;
        let end_line = self.linenumber();
        self.check_match(&Token::End, &Token::Function, line)?;
        let is_vararg = self.fs().is_vararg;
        self.funcs.pop();
        let body = FuncBody { params, is_vararg, body: block, line, end_line };
        Ok((Arc::new(body), self.deeper(depth)?))
    }

    /// Parameter names, and `...`, which in 5.1 also declares the local
    /// `arg` (`LUA_COMPAT_VARARG`).
    fn parlist(&mut self, params: &mut Vec<Name>) -> PResult<()> {
        let mut nparams = 0;
        if self.t != Token::Char(b')') {
            loop {
                match self.t {
                    Token::Name(_) => {
                        let (name, _) = self.checkname()?;
                        self.new_localvar(name.clone(), nparams)?;
                        nparams += 1;
                        params.push(name);
                    }
                    Token::Dots => {
                        self.next()?;
                        self.new_localvar("arg".into(), nparams)?;
                        nparams += 1;
                        self.fs_mut().is_vararg = true;
                    }
                    _ => return Err(self.syntax_error(b"<name> or '...' expected")),
                }
                if self.fs().is_vararg || !self.testnext(&Token::Char(b','))? {
                    break;
                }
            }
        }
        self.adjustlocalvars(nparams);
        Ok(())
    }

    fn explist1(&mut self) -> PResult<(Vec<Expr>, u32)> {
        let (first, mut depth) = self.expr()?;
        let mut exprs = vec![first];
        while self.testnext(&Token::Char(b','))? {
            let (e, d) = self.expr()?;
            exprs.push(e);
            depth = depth.max(d);
        }
        Ok((exprs, depth))
    }

    fn expr(&mut self) -> PResult<(Expr, u32)> {
        self.subexpr(0)
    }

    fn node(&self, kind: ExprKind, line: u32, child_depth: u32) -> PResult<(Expr, u32)> {
        Ok((expr_at(kind, line), self.deeper(child_depth)?))
    }

    /// Operators binding tighter than `limit`, by precedence climbing.
    ///
    /// This and the functions below are on the recursive path of nested
    /// expressions, so they are kept small and make their calls in tail
    /// position: unoptimised builds give every temporary its own stack slot.
    fn subexpr(&mut self, limit: u8) -> PResult<(Expr, u32)> {
        self.enter_level()?;
        let (mut lhs, mut depth) = match unop(&self.t) {
            Some(op) => self.unary(op)?,
            None => self.simpleexp()?,
        };
        while let Some(op) = binop(&self.t) {
            if op.priority().0 <= limit {
                break;
            }
            (lhs, depth) = self.binary(op, lhs, depth)?;
        }
        self.leave_level();
        Ok((lhs, depth))
    }

    fn unary(&mut self, op: UnOp) -> PResult<(Expr, u32)> {
        self.next()?;
        let (operand, depth) = self.subexpr(UNARY_PRIORITY)?;
        let kind = ExprKind::Unary { op, operand: Box::new(operand) };
        self.node(kind, self.lastline, depth)
    }

    /// `lhs op rhs`, at the operator.
    fn binary(&mut self, op: BinOp, lhs: Expr, lhs_depth: u32) -> PResult<(Expr, u32)> {
        self.next()?;
        let (rhs, depth) = self.subexpr(op.priority().1)?;
        let kind = ExprKind::Binary { op, lhs: Box::new(lhs), rhs: Box::new(rhs) };
        self.node(kind, self.lastline, depth.max(lhs_depth))
    }

    fn simpleexp(&mut self) -> PResult<(Expr, u32)> {
        match self.t {
            Token::Number(n) => self.constant(ExprKind::Number(n)),
            Token::String(_) => self.string_constant(),
            Token::Nil => self.constant(ExprKind::Nil),
            Token::True => self.constant(ExprKind::True),
            Token::False => self.constant(ExprKind::False),
            Token::Dots => self.vararg(),
            Token::Char(b'{') => self.constructor(),
            Token::Function => self.function_expr(),
            _ => self.primaryexp(),
        }
    }

    /// A one-token expression.
    fn constant(&mut self, kind: ExprKind) -> PResult<(Expr, u32)> {
        let line = self.linenumber();
        self.next()?;
        self.node(kind, line, 0)
    }

    fn string_constant(&mut self) -> PResult<(Expr, u32)> {
        let line = self.linenumber();
        match self.take()? {
            Token::String(s) => self.node(ExprKind::String(s), line, 0),
            _ => Err(self.plain_error("internal error: string expected")),
        }
    }

    fn vararg(&mut self) -> PResult<(Expr, u32)> {
        if !self.fs().is_vararg {
            return Err(self.syntax_error(b"cannot use '...' outside a vararg function"));
        }
        self.constant(ExprKind::Vararg)
    }

    /// `function (params) body end` as an expression; 5.1's `linedefined`
    /// is the line of the token after `function`.
    fn function_expr(&mut self) -> PResult<(Expr, u32)> {
        let line = self.linenumber();
        self.next()?;
        let (body, depth) = self.body(false, self.linenumber())?;
        self.node(ExprKind::Function(body), line, depth)
    }

    /// A name or a parenthesised expression.
    fn prefixexp(&mut self) -> PResult<(Expr, u32)> {
        match self.t {
            Token::Char(b'(') => self.paren(),
            Token::Name(_) => self.name_expr(),
            _ => Err(self.syntax_error(b"unexpected symbol")),
        }
    }

    fn paren(&mut self) -> PResult<(Expr, u32)> {
        let line = self.linenumber();
        self.next()?;
        let (inner, depth) = self.expr()?;
        self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
        self.node(ExprKind::Paren(Box::new(inner)), line, depth)
    }

    fn name_expr(&mut self) -> PResult<(Expr, u32)> {
        let line = self.linenumber();
        let (name, _) = self.checkname()?;
        self.singlevar(&name)?;
        self.node(ExprKind::Name(name), line, 0)
    }

    /// A prefix expression followed by fields, indexes and calls.
    fn primaryexp(&mut self) -> PResult<(Expr, u32)> {
        let (mut e, mut depth) = self.prefixexp()?;
        loop {
            (e, depth) = match self.t {
                Token::Char(b'.') => self.field_suffix(e, depth)?,
                Token::Char(b'[') => self.index_suffix(e, depth)?,
                Token::Char(b':') => self.method_suffix(e, depth)?,
                Token::Char(b'(' | b'{') | Token::String(_) => self.call_suffix(e, depth)?,
                _ => return Ok((e, depth)),
            };
        }
    }

    /// `e.name`
    fn field_suffix(&mut self, e: Expr, depth: u32) -> PResult<(Expr, u32)> {
        self.next()?;
        let (name, name_line) = self.checkname()?;
        let key = expr_at(ExprKind::String(name.as_bytes().to_vec()), name_line);
        self.node(index(e, key), self.lastline, depth.max(1))
    }

    /// `e[key]`
    fn index_suffix(&mut self, e: Expr, depth: u32) -> PResult<(Expr, u32)> {
        let (key, key_depth) = self.yindex()?;
        self.node(index(e, key), self.lastline, depth.max(key_depth))
    }

    /// `e:name(args)`
    fn method_suffix(&mut self, e: Expr, depth: u32) -> PResult<(Expr, u32)> {
        self.next()?;
        let (method, _) = self.checkname()?;
        let (args, line, args_depth) = self.funcargs()?;
        let kind = ExprKind::MethodCall { obj: Box::new(e), method, args };
        self.node(kind, line, depth.max(args_depth))
    }

    /// `e(args)`
    fn call_suffix(&mut self, e: Expr, depth: u32) -> PResult<(Expr, u32)> {
        let (args, line, args_depth) = self.funcargs()?;
        let kind = ExprKind::Call { func: Box::new(e), args };
        self.node(kind, line, depth.max(args_depth))
    }

    /// `[ expr ]`
    fn yindex(&mut self) -> PResult<(Expr, u32)> {
        self.next()?;
        let key = self.expr()?;
        self.checknext(&Token::Char(b']'))?;
        Ok(key)
    }

    /// Call arguments, the line 5.1 stamps the call with, and their depth.
    fn funcargs(&mut self) -> PResult<(Vec<Expr>, u32, u32)> {
        match self.t {
            Token::Char(b'(') => self.paren_args(),
            Token::Char(b'{') => self.table_arg(),
            Token::String(_) => self.string_arg(),
            _ => Err(self.syntax_error(b"function arguments expected")),
        }
    }

    /// `( [explist] )`
    fn paren_args(&mut self) -> PResult<(Vec<Expr>, u32, u32)> {
        let line = self.linenumber();
        if line != self.lastline {
            return Err(self.syntax_error(b"ambiguous syntax (function call x new statement)"));
        }
        self.next()?;
        let (args, depth) = if self.t == Token::Char(b')') { (Vec::new(), 0) } else { self.explist1()? };
        self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
        Ok((args, line, depth))
    }

    fn table_arg(&mut self) -> PResult<(Vec<Expr>, u32, u32)> {
        let line = self.linenumber();
        let (table, depth) = self.constructor()?;
        Ok((vec![table], line, depth))
    }

    fn string_arg(&mut self) -> PResult<(Vec<Expr>, u32, u32)> {
        let line = self.linenumber();
        match self.take()? {
            Token::String(s) => Ok((vec![expr_at(ExprKind::String(s), line)], line, 1)),
            _ => Err(self.plain_error("internal error: string expected")),
        }
    }

    /// `{ fields }`
    fn constructor(&mut self) -> PResult<(Expr, u32)> {
        let line = self.linenumber();
        self.checknext(&Token::Char(b'{'))?;
        let mut fields = Vec::new();
        let mut depth = 0;
        while self.t != Token::Char(b'}') {
            depth = depth.max(self.field(&mut fields)?);
            if !(self.testnext(&Token::Char(b','))? || self.testnext(&Token::Char(b';'))?) {
                break;
            }
        }
        self.check_match(&Token::Char(b'}'), &Token::Char(b'{'), line)?;
        self.node(ExprKind::Table(fields), line, depth)
    }

    /// One table field, pushed onto `fields`; returns its depth. A name
    /// needs a look-ahead to tell `name = e` from an expression.
    fn field(&mut self, fields: &mut Vec<TableField>) -> PResult<u32> {
        match self.t {
            Token::Name(_) => {
                self.lookahead()?;
                if self.ahead == Some(Token::Char(b'=')) {
                    self.named_field(fields)
                } else {
                    self.positional_field(fields)
                }
            }
            Token::Char(b'[') => self.keyed_field(fields),
            _ => self.positional_field(fields),
        }
    }

    fn positional_field(&mut self, fields: &mut Vec<TableField>) -> PResult<u32> {
        let (e, depth) = self.expr()?;
        fields.push(TableField::Positional(e));
        Ok(depth)
    }

    fn named_field(&mut self, fields: &mut Vec<TableField>) -> PResult<u32> {
        let (name, _) = self.checkname()?;
        self.checknext(&Token::Char(b'='))?;
        let (value, depth) = self.expr()?;
        fields.push(TableField::Named(name, value));
        Ok(depth)
    }

    fn keyed_field(&mut self, fields: &mut Vec<TableField>) -> PResult<u32> {
        let (key, key_depth) = self.yindex()?;
        self.checknext(&Token::Char(b'='))?;
        let (value, depth) = self.expr()?;
        fields.push(TableField::Keyed(key, value));
        Ok(depth.max(key_depth))
    }
}

fn index(obj: Expr, key: Expr) -> ExprKind {
    ExprKind::Index { obj: Box::new(obj), key: Box::new(key) }
}
