//! The abstract syntax tree of a Lua 5.1 chunk: the one tree every tier
//! starts from.
//!
//! The tree is plain owned data (`Send`, `Clone`, `PartialEq`) so that the
//! oracle can hand it between threads and property tests can compare a tree
//! with its printed-and-reparsed copy. Function bodies sit behind an `Arc` so
//! that closures made at run time can share their body without copying it.
//!
//! Every node carries the source line that Lua 5.1 would report for an
//! error raised by that node. PUC-Rio stamps each instruction with the line
//! of the last token consumed when the instruction was emitted
//! (`ls->lastline`), and calls with the line of the token that opens their
//! arguments; the `line` fields below say, kind by kind, which line that is,
//! so every tier can word its errors exactly as `lua5.1` does.

use std::sync::Arc;

/// A name as written in the source (an identifier). Shared (`Arc`) because
/// interpreters keep names of live variables in their scopes; make one with
/// `Name::from("x")` or `"x".into()`.
pub type Name = Arc<str>;

/// A whole compiled unit: a file, a string given to `loadstring`, stdin.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    /// The body of the main function, which is always vararg (manual §2.4.1).
    pub body: Arc<FuncBody>,
}

/// A sequence of statements forming one scope.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Block {
    /// `return` and `break` can only be the last statement (the parser
    /// enforces this), so a block needs no separate terminator field.
    pub stats: Vec<Stat>,
}

/// A function's parameters and body. Shared (`Arc`) by every closure made
/// from it.
#[derive(Debug, Clone, PartialEq)]
pub struct FuncBody {
    /// Named parameters; for a method definition (`function a:m()`) the
    /// parser puts the implicit `self` first.
    pub params: Vec<Name>,
    /// Whether the parameter list ends in `...`.
    pub is_vararg: bool,
    pub body: Block,
    /// Line of the `function` keyword (0 for the main chunk), Lua's
    /// `linedefined`.
    pub line: u32,
    /// Line of the closing `end` (0 for the main chunk), Lua's
    /// `lastlinedefined`.
    pub end_line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stat {
    /// The line 5.1 reports for an error raised by the statement itself (as
    /// opposed to one of its expressions):
    /// - `Assign`: the line of the statement's last token (the stores are
    ///   emitted after the right-hand side is parsed);
    /// - `NumFor`: the line of `do` (where `FORPREP` checks its operands);
    /// - `GenFor`: the line of `for` (where the iterator is called);
    /// - `Function`: the line of `function`;
    /// - every other kind: the line of its first token.
    pub line: u32,
    pub kind: StatKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StatKind {
    /// A function call used as a statement; the expression is always a
    /// `Call` or `MethodCall` (the parser rejects anything else).
    Call(Expr),
    /// `local a, b = e1, e2` (`exprs` may be empty).
    Local {
        names: Vec<Name>,
        exprs: Vec<Expr>,
    },
    /// `t1, t2 = e1, e2`; each target is a `Name` or an `Index`.
    Assign {
        targets: Vec<Expr>,
        exprs: Vec<Expr>,
    },
    Do(Block),
    While {
        cond: Expr,
        body: Block,
    },
    /// `repeat body until cond`; `cond` sees the body's locals (§2.4.4).
    Repeat {
        body: Block,
        cond: Expr,
    },
    /// `if c1 then b1 elseif c2 then b2 ... else e end`.
    If {
        arms: Vec<(Expr, Block)>,
        else_block: Option<Block>,
    },
    /// `for var = start, limit[, step] do body end`.
    NumFor {
        var: Name,
        start: Expr,
        limit: Expr,
        step: Option<Expr>,
        body: Block,
    },
    /// `for n1, n2 in e1, e2 do body end`.
    GenFor {
        names: Vec<Name>,
        exprs: Vec<Expr>,
        body: Block,
    },
    /// `function a.b.c:m() ... end`.
    Function {
        target: FuncName,
        body: Arc<FuncBody>,
    },
    /// `local function f() ... end`: `f` is in scope inside its own body.
    LocalFunction {
        name: Name,
        body: Arc<FuncBody>,
    },
    /// `return e1, e2`; always the last statement of its block.
    Return(Vec<Expr>),
    /// `break`; always the last statement of its block.
    Break,
}

/// The name in a `function` statement: `base.fields[0].fields[1]:method`.
#[derive(Debug, Clone, PartialEq)]
pub struct FuncName {
    pub base: Name,
    pub fields: Vec<Name>,
    pub method: Option<Name>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// The line 5.1 reports for an error raised by this node:
    /// - `Call`, `MethodCall`: the line of the token that opens the
    ///   arguments (`(`, a string, or `{`);
    /// - `Index`, `Binary`, `Unary`: the line of the expression's last
    ///   token (`lastline` when the instruction is emitted);
    /// - `Function`: the line of `function`;
    /// - every other kind: the line of its (only) token.
    pub line: u32,
    pub kind: ExprKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Nil,
    True,
    False,
    Number(f64),
    /// A string literal's bytes after escapes are resolved (Lua strings are
    /// byte strings, not UTF-8).
    String(Vec<u8>),
    /// `...`
    Vararg,
    Function(Arc<FuncBody>),
    /// A variable: local, upvalue or global is decided by each tier's own
    /// scoping, not by the parser.
    Name(Name),
    /// `obj[key]`; `obj.name` is an `Index` whose key is a `String`.
    Index {
        obj: Box<Expr>,
        key: Box<Expr>,
    },
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
    },
    /// `obj:method(args)`.
    MethodCall {
        obj: Box<Expr>,
        method: Name,
        args: Vec<Expr>,
    },
    /// `(e)`: keeps only the first value of a multi-valued `e` (§2.5).
    Paren(Box<Expr>),
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Unary {
        op: UnOp,
        operand: Box<Expr>,
    },
    Table(Vec<TableField>),
}

/// One entry of a table constructor.
#[derive(Debug, Clone, PartialEq)]
pub enum TableField {
    /// `e`: takes the next array index; a multi-valued last one expands.
    Positional(Expr),
    /// `name = e`
    Named(Name, Expr),
    /// `[k] = e`
    Keyed(Expr, Expr),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Concat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnOp {
    Neg,
    Not,
    Len,
}

impl BinOp {
    /// Left and right binding power, as in the manual's precedence table
    /// (§2.5.6); a right power below the left makes the operator right
    /// associative (`..` and `^`).
    pub fn priority(self) -> (u8, u8) {
        match self {
            BinOp::Or => (1, 1),
            BinOp::And => (2, 2),
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => (3, 3),
            BinOp::Concat => (5, 4),
            BinOp::Add | BinOp::Sub => (6, 6),
            BinOp::Mul | BinOp::Div | BinOp::Mod => (7, 7),
            BinOp::Pow => (10, 9),
        }
    }

    /// The operator as written in source.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::Pow => "^",
            BinOp::Concat => "..",
            BinOp::Eq => "==",
            BinOp::Ne => "~=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::And => "and",
            BinOp::Or => "or",
        }
    }
}

/// Unary operators bind tighter than every binary operator but `^`.
pub const UNARY_PRIORITY: u8 = 8;

impl UnOp {
    pub fn symbol(self) -> &'static str {
        match self {
            UnOp::Neg => "-",
            UnOp::Not => "not",
            UnOp::Len => "#",
        }
    }
}
