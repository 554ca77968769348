//! Prints an AST back to Lua source, such that parsing the output gives
//! the same tree again (line numbers aside).
//!
//! Used by property tests (print, re-parse, compare) and by tools that
//! shrink or show generated programs. Readability comes second to exact
//! round-tripping, so the printer is deliberately uniform:
//! - every binary operator is surrounded by spaces and parentheses are
//!   added only where precedence or associativity demands them, using the
//!   same priorities the parser climbs with (`BinOp::priority`); `Paren`
//!   nodes always print their parentheses, so nothing else is ever added
//!   around an operand that was not there;
//! - every statement ends with `;`, so a statement starting with `(` can
//!   never be read as a call continuing the previous one;
//! - numbers print in the shortest form that reads back to the same double
//!   (`1e999` for infinity); strings print in double quotes with every
//!   byte that is not plain printable ASCII as a three-digit `\ddd`.
//!
//! A tree the parser cannot produce (say a call whose callee is a number)
//! is printed as close as Lua syntax allows, here by adding parentheses;
//! re-parsing then gives a `Paren` the original did not have.

use std::sync::Arc;

use crate::ast::{
    BinOp, Block, Chunk, Expr, ExprKind, FuncBody, FuncName, Stat, StatKind, TableField, UnOp, UNARY_PRIORITY,
};
use crate::lexer::is_reserved;

/// Lua source for `chunk`.
pub fn chunk_to_source(chunk: &Chunk) -> Vec<u8> {
    let mut p = Printer { out: Vec::new(), indent: 0 };
    p.block(&chunk.body.body);
    p.out
}

/// Lua source for one expression.
pub fn expr_to_source(e: &Expr) -> Vec<u8> {
    let mut p = Printer { out: Vec::new(), indent: 0 };
    p.expr(e);
    p.out
}

struct Printer {
    out: Vec<u8>,
    indent: usize,
}

/// Whether `s` can be written as a bare name (`t.s`, `{s = v}`).
fn is_name(s: &[u8]) -> bool {
    match s.first() {
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {}
        _ => return false,
    }
    s.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_') && !is_reserved(s)
}

/// Whether `e` may stand before `.`, `[`, `:` or call arguments without
/// parentheses (Lua's prefixexp).
fn is_prefix(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Name(_)
            | ExprKind::Index { .. }
            | ExprKind::Call { .. }
            | ExprKind::MethodCall { .. }
            | ExprKind::Paren(_)
    )
}

/// A number literal that reads back as exactly `n`.
fn number_text(n: f64) -> String {
    if n.is_infinite() {
        // Overflows to infinity when read, as `strtod` does.
        return if n > 0.0 { "1e999" } else { "-1e999" }.to_string();
    }
    if n.is_nan() {
        // Never produced by the parser; `0/0` is the closest source.
        return "(0/0)".to_string();
    }
    if n == n.trunc() && n.abs() < 1e15 {
        return format!("{n}");
    }
    // Rust prints the shortest digits that round-trip.
    format!("{n:e}")
}

/// A string literal whose value is exactly `s`.
fn string_text(s: &[u8]) -> Vec<u8> {
    let mut out = vec![b'"'];
    for &b in s {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b' '..=b'~' => out.push(b),
            // Three digits, so a following digit cannot join the escape.
            _ => out.extend_from_slice(format!("\\{b:03}").as_bytes()),
        }
    }
    out.push(b'"');
    out
}

impl Printer {
    fn put(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    fn newline(&mut self) {
        self.out.push(b'\n');
        for _ in 0..self.indent {
            self.out.extend_from_slice(b"  ");
        }
    }

    /// The statements of `b`, each on its own line, indented one more.
    fn nested_block(&mut self, b: &Block) {
        self.indent += 1;
        for s in &b.stats {
            self.newline();
            self.stat(s);
        }
        self.indent -= 1;
        self.newline();
    }

    fn block(&mut self, b: &Block) {
        for s in &b.stats {
            self.stat(s);
            self.out.push(b'\n');
        }
    }

    fn names(&mut self, names: &[crate::ast::Name]) {
        for (i, n) in names.iter().enumerate() {
            if i > 0 {
                self.put(", ");
            }
            self.put(n);
        }
    }

    fn exprs(&mut self, exprs: &[Expr]) {
        for (i, e) in exprs.iter().enumerate() {
            if i > 0 {
                self.put(", ");
            }
            self.expr(e);
        }
    }

    fn stat(&mut self, s: &Stat) {
        match &s.kind {
            StatKind::Call(e) => self.expr(e),
            StatKind::Local { names, exprs } => {
                self.put("local ");
                self.names(names);
                if !exprs.is_empty() {
                    self.put(" = ");
                    self.exprs(exprs);
                }
            }
            StatKind::Assign { targets, exprs } => {
                self.exprs(targets);
                self.put(" = ");
                self.exprs(exprs);
            }
            StatKind::Do(b) => {
                self.put("do");
                self.nested_block(b);
                self.put("end");
            }
            StatKind::While { cond, body } => {
                self.put("while ");
                self.expr(cond);
                self.put(" do");
                self.nested_block(body);
                self.put("end");
            }
            StatKind::Repeat { body, cond } => {
                self.put("repeat");
                self.nested_block(body);
                self.put("until ");
                self.expr(cond);
            }
            StatKind::If { arms, else_block } => self.if_stat(arms, else_block.as_ref()),
            StatKind::NumFor { var, start, limit, step, body } => self.num_for(var, start, limit, step.as_ref(), body),
            StatKind::GenFor { names, exprs, body } => {
                self.put("for ");
                self.names(names);
                self.put(" in ");
                self.exprs(exprs);
                self.put(" do");
                self.nested_block(body);
                self.put("end");
            }
            StatKind::Function { target, body } => self.func_stat(target, body),
            StatKind::LocalFunction { name, body } => {
                self.put("local function ");
                self.put(name);
                self.func_body(body, false);
            }
            StatKind::Return(exprs) => {
                self.put("return");
                if !exprs.is_empty() {
                    self.put(" ");
                    self.exprs(exprs);
                }
            }
            StatKind::Break => self.put("break"),
        }
        self.put(";");
    }

    fn if_stat(&mut self, arms: &[(Expr, Block)], else_block: Option<&Block>) {
        for (i, (cond, body)) in arms.iter().enumerate() {
            self.put(if i == 0 { "if " } else { "elseif " });
            self.expr(cond);
            self.put(" then");
            self.nested_block(body);
        }
        if let Some(b) = else_block {
            self.put("else");
            self.nested_block(b);
        }
        self.put("end");
    }

    fn num_for(&mut self, var: &str, start: &Expr, limit: &Expr, step: Option<&Expr>, body: &Block) {
        self.put("for ");
        self.put(var);
        self.put(" = ");
        self.expr(start);
        self.put(", ");
        self.expr(limit);
        if let Some(step) = step {
            self.put(", ");
            self.expr(step);
        }
        self.put(" do");
        self.nested_block(body);
        self.put("end");
    }

    fn func_stat(&mut self, target: &FuncName, body: &Arc<FuncBody>) {
        self.put("function ");
        self.put(&target.base);
        for f in &target.fields {
            self.put(".");
            self.put(f);
        }
        if let Some(m) = &target.method {
            self.put(":");
            self.put(m);
        }
        self.func_body(body, target.method.is_some());
    }

    /// `(params) body end`; a method's implicit `self` is not written.
    fn func_body(&mut self, f: &FuncBody, skip_self: bool) {
        let params = if skip_self && !f.params.is_empty() { &f.params[1..] } else { &f.params[..] };
        self.put("(");
        self.names(params);
        if f.is_vararg {
            self.put(if params.is_empty() { "..." } else { ", ..." });
        }
        self.put(")");
        self.nested_block(&f.body);
        self.put("end");
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Nil => self.put("nil"),
            ExprKind::True => self.put("true"),
            ExprKind::False => self.put("false"),
            ExprKind::Number(n) => self.put(&number_text(*n)),
            ExprKind::String(s) => self.out.extend(string_text(s)),
            ExprKind::Vararg => self.put("..."),
            ExprKind::Function(f) => {
                self.put("function");
                self.func_body(f, false);
            }
            ExprKind::Name(n) => self.put(n),
            ExprKind::Index { obj, key } => self.index(obj, key),
            ExprKind::Call { func, args } => {
                self.prefix(func);
                self.args(args);
            }
            ExprKind::MethodCall { obj, method, args } => {
                self.prefix(obj);
                self.put(":");
                self.put(method);
                self.args(args);
            }
            ExprKind::Paren(inner) => {
                self.put("(");
                self.expr(inner);
                self.put(")");
            }
            ExprKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs),
            ExprKind::Unary { op, operand } => self.unary(*op, operand),
            ExprKind::Table(fields) => self.table(fields),
        }
    }

    /// An expression in prefix position, parenthesised if it is not a
    /// prefix expression.
    fn prefix(&mut self, e: &Expr) {
        if is_prefix(e) {
            self.expr(e);
        } else {
            self.put("(");
            self.expr(e);
            self.put(")");
        }
    }

    fn index(&mut self, obj: &Expr, key: &Expr) {
        self.prefix(obj);
        match &key.kind {
            ExprKind::String(s) if is_name(s) => {
                self.put(".");
                self.out.extend_from_slice(s);
            }
            _ => {
                self.put("[");
                self.expr(key);
                self.put("]");
            }
        }
    }

    fn args(&mut self, args: &[Expr]) {
        self.put("(");
        self.exprs(args);
        self.put(")");
    }

    fn table(&mut self, fields: &[TableField]) {
        self.put("{");
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.put(", ");
            }
            match f {
                TableField::Positional(e) => self.expr(e),
                TableField::Named(n, e) => {
                    self.put(n);
                    self.put(" = ");
                    self.expr(e);
                }
                TableField::Keyed(k, e) => {
                    self.put("[");
                    self.expr(k);
                    self.put("] = ");
                    self.expr(e);
                }
            }
        }
        self.put("}");
    }

    fn binary(&mut self, op: BinOp, lhs: &Expr, rhs: &Expr) {
        let (left, right) = op.priority();
        self.operand(lhs, lhs_needs_paren(left, lhs));
        self.put(" ");
        self.put(op.symbol());
        self.put(" ");
        self.operand(rhs, rhs_needs_paren(right, rhs));
    }

    fn unary(&mut self, op: UnOp, operand: &Expr) {
        self.put(op.symbol());
        let paren = rhs_needs_paren(UNARY_PRIORITY, operand);
        // `not` needs a space before a name; `-` before `-` would start a
        // comment.
        let starts_with_minus = !paren && matches!(operand.kind, ExprKind::Unary { op: UnOp::Neg, .. });
        if op == UnOp::Not || starts_with_minus {
            self.put(" ");
        }
        self.operand(operand, paren);
    }

    fn operand(&mut self, e: &Expr, paren: bool) {
        if paren {
            self.put("(");
        }
        self.expr(e);
        if paren {
            self.put(")");
        }
    }
}

/// The left operand of an operator with left priority `left`: a binary
/// operand stays bare only if the parser would finish it before reading
/// the operator, i.e. if its right priority is at least `left`; a unary one
/// if `UNARY_PRIORITY` is.
fn lhs_needs_paren(left: u8, e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Binary { op, .. } => op.priority().1 < left,
        ExprKind::Unary { .. } => UNARY_PRIORITY < left,
        _ => false,
    }
}

/// The right operand, read with limit `right`: a binary operand stays bare
/// only if its operator binds tighter (left priority above `right`); a
/// unary operand always parses whole.
fn rhs_needs_paren(right: u8, e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Binary { op, .. } => op.priority().0 <= right,
        _ => false,
    }
}

/// A copy of `chunk` with every line number set to 0, for comparing trees
/// that differ only in layout.
pub fn strip_lines(chunk: &Chunk) -> Chunk {
    Chunk { body: Arc::new(strip_func(&chunk.body)) }
}

fn strip_func(f: &FuncBody) -> FuncBody {
    FuncBody { params: f.params.clone(), is_vararg: f.is_vararg, body: strip_block(&f.body), line: 0, end_line: 0 }
}

fn strip_block(b: &Block) -> Block {
    Block { stats: b.stats.iter().map(strip_stat).collect() }
}

fn strip_exprs(es: &[Expr]) -> Vec<Expr> {
    es.iter().map(strip_expr).collect()
}

fn strip_stat(s: &Stat) -> Stat {
    let kind = match &s.kind {
        StatKind::Call(e) => StatKind::Call(strip_expr(e)),
        StatKind::Local { names, exprs } => StatKind::Local { names: names.clone(), exprs: strip_exprs(exprs) },
        StatKind::Assign { targets, exprs } => {
            StatKind::Assign { targets: strip_exprs(targets), exprs: strip_exprs(exprs) }
        }
        StatKind::Do(b) => StatKind::Do(strip_block(b)),
        StatKind::While { cond, body } => StatKind::While { cond: strip_expr(cond), body: strip_block(body) },
        StatKind::Repeat { body, cond } => StatKind::Repeat { body: strip_block(body), cond: strip_expr(cond) },
        StatKind::If { arms, else_block } => StatKind::If {
            arms: arms.iter().map(|(c, b)| (strip_expr(c), strip_block(b))).collect(),
            else_block: else_block.as_ref().map(strip_block),
        },
        StatKind::NumFor { var, start, limit, step, body } => StatKind::NumFor {
            var: var.clone(),
            start: strip_expr(start),
            limit: strip_expr(limit),
            step: step.as_ref().map(strip_expr),
            body: strip_block(body),
        },
        StatKind::GenFor { names, exprs, body } => {
            StatKind::GenFor { names: names.clone(), exprs: strip_exprs(exprs), body: strip_block(body) }
        }
        StatKind::Function { target, body } => {
            StatKind::Function { target: target.clone(), body: Arc::new(strip_func(body)) }
        }
        StatKind::LocalFunction { name, body } => {
            StatKind::LocalFunction { name: name.clone(), body: Arc::new(strip_func(body)) }
        }
        StatKind::Return(es) => StatKind::Return(strip_exprs(es)),
        StatKind::Break => StatKind::Break,
    };
    Stat { line: 0, kind }
}

fn strip_field(f: &TableField) -> TableField {
    match f {
        TableField::Positional(e) => TableField::Positional(strip_expr(e)),
        TableField::Named(n, e) => TableField::Named(n.clone(), strip_expr(e)),
        TableField::Keyed(k, e) => TableField::Keyed(strip_expr(k), strip_expr(e)),
    }
}

fn strip_box(e: &Expr) -> Box<Expr> {
    Box::new(strip_expr(e))
}

fn strip_expr(e: &Expr) -> Expr {
    let kind = match &e.kind {
        ExprKind::Function(f) => ExprKind::Function(Arc::new(strip_func(f))),
        ExprKind::Index { obj, key } => ExprKind::Index { obj: strip_box(obj), key: strip_box(key) },
        ExprKind::Call { func, args } => ExprKind::Call { func: strip_box(func), args: strip_exprs(args) },
        ExprKind::MethodCall { obj, method, args } => {
            ExprKind::MethodCall { obj: strip_box(obj), method: method.clone(), args: strip_exprs(args) }
        }
        ExprKind::Paren(inner) => ExprKind::Paren(strip_box(inner)),
        ExprKind::Binary { op, lhs, rhs } => ExprKind::Binary { op: *op, lhs: strip_box(lhs), rhs: strip_box(rhs) },
        ExprKind::Unary { op, operand } => ExprKind::Unary { op: *op, operand: strip_box(operand) },
        ExprKind::Table(fields) => ExprKind::Table(fields.iter().map(strip_field).collect()),
        leaf => leaf.clone(),
    };
    Expr { line: 0, kind }
}
