//! Shrinks a program while a property holds (usually: "these tiers still
//! diverge the same way"), working on the syntax tree so every candidate
//! is a valid program.
//!
//! Edits, tried outermost first so big cuts come early: delete a
//! statement; replace a compound statement (`do`, loops, `if`) by its
//! body; replace an expression by `nil`, `0`, `1` or one of its own
//! subexpressions. An edit is kept when the property still holds for the
//! printed candidate; the whole list is retried until a pass changes
//! nothing (a fixpoint), as delta debugging does at the AST level.

use std::sync::Arc;

use perigee_reference::ast::{Block, Chunk, Expr, ExprKind, Stat, StatKind, TableField};
use perigee_reference::parser::parse;
use perigee_reference::print::chunk_to_source;

/// Reduces `source`; returns it unchanged if it does not parse or the
/// property does not hold for it to begin with.
pub fn reduce(source: &[u8], mut holds: impl FnMut(&[u8]) -> bool) -> Vec<u8> {
    let Ok(mut chunk) = parse(source, b"=reduce") else { return source.to_vec() };
    let mut best = chunk_to_source(&chunk);
    if !holds(&best) {
        return source.to_vec();
    }
    loop {
        let mut changed = false;
        let mut target = 0;
        loop {
            let mut candidate = chunk.clone();
            let mut editor = Editor { target, seen: 0, applied: false };
            editor.chunk(&mut candidate);
            if !editor.applied {
                break;
            }
            let text = chunk_to_source(&candidate);
            if text.len() <= best.len() && text != best && holds(&text) {
                chunk = candidate;
                best = text;
                changed = true;
            } else {
                target += 1;
            }
        }
        if !changed {
            return best;
        }
    }
}

/// Applies edit number `target` of a pre-order enumeration of all edits.
struct Editor {
    target: usize,
    seen: usize,
    applied: bool,
}

impl Editor {
    /// Counts one possible edit; true if it is the one to apply.
    fn hit(&mut self) -> bool {
        if self.applied {
            return false;
        }
        let hit = self.seen == self.target;
        self.seen += 1;
        if hit {
            self.applied = true;
        }
        hit
    }

    fn chunk(&mut self, c: &mut Chunk) {
        self.block(&mut Arc::make_mut(&mut c.body).body);
    }

    fn block(&mut self, b: &mut Block) {
        let mut i = 0;
        while i < b.stats.len() && !self.applied {
            if self.hit() {
                b.stats.remove(i);
                return;
            }
            if let Some(inner) = unwrapped(&b.stats[i]) {
                if self.hit() {
                    b.stats.splice(i..=i, inner);
                    return;
                }
            }
            self.stat(&mut b.stats[i]);
            i += 1;
        }
    }

    fn stat(&mut self, s: &mut Stat) {
        match &mut s.kind {
            StatKind::Call(e) => self.call_expr(e),
            StatKind::Local { exprs, .. } | StatKind::Return(exprs) => exprs.iter_mut().for_each(|e| self.expr(e)),
            StatKind::Assign { targets, exprs } => {
                for t in targets.iter_mut() {
                    if let ExprKind::Index { obj, key } = &mut t.kind {
                        self.expr(obj);
                        self.expr(key);
                    }
                }
                exprs.iter_mut().for_each(|e| self.expr(e));
            }
            StatKind::Do(b) => self.block(b),
            StatKind::While { cond, body } | StatKind::Repeat { body, cond } => {
                self.expr(cond);
                self.block(body);
            }
            StatKind::If { arms, else_block } => {
                for (c, b) in arms.iter_mut() {
                    self.expr(c);
                    self.block(b);
                }
                if let Some(b) = else_block {
                    self.block(b);
                }
            }
            StatKind::NumFor { start, limit, step, body, .. } => {
                self.expr(start);
                self.expr(limit);
                if let Some(s) = step {
                    self.expr(s);
                }
                self.block(body);
            }
            StatKind::GenFor { exprs, body, .. } => {
                exprs.iter_mut().for_each(|e| self.expr(e));
                self.block(body);
            }
            StatKind::Function { body, .. } | StatKind::LocalFunction { body, .. } => {
                self.block(&mut Arc::make_mut(body).body)
            }
            StatKind::Break => {}
        }
    }

    /// A call in statement position must stay a call: only its parts shrink.
    fn call_expr(&mut self, e: &mut Expr) {
        match &mut e.kind {
            ExprKind::Call { func, args } => {
                self.expr(func);
                args.iter_mut().for_each(|a| self.expr(a));
            }
            ExprKind::MethodCall { obj, args, .. } => {
                self.expr(obj);
                args.iter_mut().for_each(|a| self.expr(a));
            }
            _ => self.expr(e),
        }
    }

    fn expr(&mut self, e: &mut Expr) {
        if self.applied {
            return;
        }
        let line = e.line;
        let simple = matches!(e.kind, ExprKind::Nil | ExprKind::True | ExprKind::False | ExprKind::Number(_));
        if !simple {
            for replacement in [ExprKind::Nil, ExprKind::Number(0.0), ExprKind::Number(1.0)] {
                if self.hit() {
                    *e = Expr { line, kind: replacement };
                    return;
                }
            }
        }
        for child in children(e) {
            if self.hit() {
                *e = child;
                return;
            }
        }
        match &mut e.kind {
            ExprKind::Index { obj, key } => {
                self.expr(obj);
                self.expr(key);
            }
            ExprKind::Call { .. } | ExprKind::MethodCall { .. } => self.call_expr(e),
            ExprKind::Paren(inner) | ExprKind::Unary { operand: inner, .. } => self.expr(inner),
            ExprKind::Binary { lhs, rhs, .. } => {
                self.expr(lhs);
                self.expr(rhs);
            }
            ExprKind::Function(body) => self.block(&mut Arc::make_mut(body).body),
            ExprKind::Table(fields) => {
                let mut i = 0;
                while i < fields.len() && !self.applied {
                    if self.hit() {
                        fields.remove(i);
                        return;
                    }
                    match &mut fields[i] {
                        TableField::Positional(v) | TableField::Named(_, v) => self.expr(v),
                        TableField::Keyed(k, v) => {
                            self.expr(k);
                            self.expr(v);
                        }
                    }
                    i += 1;
                }
            }
            _ => {}
        }
    }
}

/// The statements a compound statement can be replaced by.
fn unwrapped(s: &Stat) -> Option<Vec<Stat>> {
    match &s.kind {
        StatKind::Do(b) | StatKind::While { body: b, .. } | StatKind::Repeat { body: b, .. } => Some(b.stats.clone()),
        StatKind::NumFor { body, .. } | StatKind::GenFor { body, .. } => Some(body.stats.clone()),
        StatKind::If { arms, .. } => arms.first().map(|(_, b)| b.stats.clone()),
        _ => None,
    }
}

/// Subexpressions an expression can be replaced by.
fn children(e: &Expr) -> Vec<Expr> {
    match &e.kind {
        ExprKind::Binary { lhs, rhs, .. } => vec![(**lhs).clone(), (**rhs).clone()],
        ExprKind::Unary { operand, .. } | ExprKind::Paren(operand) => vec![(**operand).clone()],
        ExprKind::Index { obj, .. } => vec![(**obj).clone()],
        _ => Vec::new(),
    }
}
