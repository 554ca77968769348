//! Small constructors for reference-tier AST nodes, so the generator reads
//! as the Lua it builds. Every node gets line 0: the generated tree is
//! printed and re-parsed before it runs, so its own line numbers never
//! matter.
//!
//! Numbers go through `num`, which never puts a negative, negative-zero or
//! NaN literal in the tree: a negative literal becomes unary minus (so the
//! printer never writes `-5 ^ 2`), `-0` becomes `-ZERO` computed at run
//! time (PUC-Rio folds a literal `-0` into `0`, a documented deviation), and
//! NaN becomes `ZERO / ZERO`.

use std::sync::Arc;

use perigee_reference::ast::{BinOp, Block, Expr, ExprKind, FuncBody, Name, Stat, StatKind, TableField, UnOp};

pub fn ex(kind: ExprKind) -> Expr {
    Expr { line: 0, kind }
}

pub fn st(kind: StatKind) -> Stat {
    Stat { line: 0, kind }
}

pub fn nm(s: &str) -> Name {
    Name::from(s)
}

pub fn num(n: f64) -> Expr {
    if n.is_nan() {
        return paren(bin(BinOp::Div, name("ZERO"), name("ZERO")));
    }
    if n == 0.0 && n.is_sign_negative() {
        return paren(un(UnOp::Neg, name("ZERO")));
    }
    if n < 0.0 {
        return paren(un(UnOp::Neg, ex(ExprKind::Number(-n))));
    }
    ex(ExprKind::Number(n))
}

pub fn int(n: i64) -> Expr {
    num(n as f64)
}

pub fn string(s: &str) -> Expr {
    ex(ExprKind::String(s.as_bytes().to_vec()))
}

pub fn nil() -> Expr {
    ex(ExprKind::Nil)
}

pub fn boolean(b: bool) -> Expr {
    ex(if b { ExprKind::True } else { ExprKind::False })
}

pub fn vararg() -> Expr {
    ex(ExprKind::Vararg)
}

pub fn name(s: &str) -> Expr {
    ex(ExprKind::Name(nm(s)))
}

pub fn var(n: &Name) -> Expr {
    ex(ExprKind::Name(n.clone()))
}

pub fn bin(op: BinOp, lhs: Expr, rhs: Expr) -> Expr {
    ex(ExprKind::Binary { op, lhs: Box::new(lhs), rhs: Box::new(rhs) })
}

pub fn un(op: UnOp, operand: Expr) -> Expr {
    ex(ExprKind::Unary { op, operand: Box::new(operand) })
}

pub fn paren(e: Expr) -> Expr {
    ex(ExprKind::Paren(Box::new(e)))
}

pub fn call(func: Expr, args: Vec<Expr>) -> Expr {
    ex(ExprKind::Call { func: Box::new(func), args })
}

/// A call of a global function: `print(...)`, `S(...)`.
pub fn gcall(f: &str, args: Vec<Expr>) -> Expr {
    call(name(f), args)
}

/// A call of a library function: `string.sub(...)`.
pub fn lib(module: &str, f: &str, args: Vec<Expr>) -> Expr {
    call(field(name(module), f), args)
}

pub fn method(obj: Expr, m: &str, args: Vec<Expr>) -> Expr {
    ex(ExprKind::MethodCall { obj: Box::new(obj), method: nm(m), args })
}

pub fn field(obj: Expr, f: &str) -> Expr {
    index(obj, string(f))
}

pub fn index(obj: Expr, key: Expr) -> Expr {
    ex(ExprKind::Index { obj: Box::new(obj), key: Box::new(key) })
}

pub fn table(fields: Vec<TableField>) -> Expr {
    ex(ExprKind::Table(fields))
}

pub fn positional(items: Vec<Expr>) -> Expr {
    table(items.into_iter().map(TableField::Positional).collect())
}

pub fn func_body(params: Vec<Name>, is_vararg: bool, stats: Vec<Stat>) -> Arc<FuncBody> {
    Arc::new(FuncBody { params, is_vararg, body: Block { stats }, line: 0, end_line: 0 })
}

pub fn func(params: Vec<Name>, is_vararg: bool, stats: Vec<Stat>) -> Expr {
    ex(ExprKind::Function(func_body(params, is_vararg, stats)))
}

pub fn block(stats: Vec<Stat>) -> Block {
    Block { stats }
}

pub fn local(names: Vec<Name>, exprs: Vec<Expr>) -> Stat {
    st(StatKind::Local { names, exprs })
}

pub fn local1(n: &Name, e: Expr) -> Stat {
    local(vec![n.clone()], vec![e])
}

pub fn assign(targets: Vec<Expr>, exprs: Vec<Expr>) -> Stat {
    st(StatKind::Assign { targets, exprs })
}

pub fn assign1(target: Expr, e: Expr) -> Stat {
    assign(vec![target], vec![e])
}

pub fn call_stat(e: Expr) -> Stat {
    st(StatKind::Call(e))
}

/// `print(S(a), S(b), ...)`: every printed value goes through the
/// prelude's `S`, which never shows an address or NaN's sign.
pub fn print_vals(vals: Vec<Expr>) -> Stat {
    call_stat(gcall("print", vals.into_iter().map(|v| gcall("S", vec![v])).collect()))
}

pub fn ret(exprs: Vec<Expr>) -> Stat {
    st(StatKind::Return(exprs))
}

pub fn brk() -> Stat {
    st(StatKind::Break)
}

pub fn if_(arms: Vec<(Expr, Vec<Stat>)>, else_block: Option<Vec<Stat>>) -> Stat {
    st(StatKind::If { arms: arms.into_iter().map(|(c, b)| (c, block(b))).collect(), else_block: else_block.map(block) })
}

pub fn while_(cond: Expr, body: Vec<Stat>) -> Stat {
    st(StatKind::While { cond, body: block(body) })
}

pub fn repeat_(body: Vec<Stat>, cond: Expr) -> Stat {
    st(StatKind::Repeat { body: block(body), cond })
}

pub fn numfor(v: &Name, start: Expr, limit: Expr, step: Option<Expr>, body: Vec<Stat>) -> Stat {
    st(StatKind::NumFor { var: v.clone(), start, limit, step, body: block(body) })
}

pub fn genfor(names: Vec<Name>, exprs: Vec<Expr>, body: Vec<Stat>) -> Stat {
    st(StatKind::GenFor { names, exprs, body: block(body) })
}

pub fn do_(body: Vec<Stat>) -> Stat {
    st(StatKind::Do(block(body)))
}

pub fn local_function(n: &Name, params: Vec<Name>, is_vararg: bool, stats: Vec<Stat>) -> Stat {
    st(StatKind::LocalFunction { name: n.clone(), body: func_body(params, is_vararg, stats) })
}
