//! Statements (§2.4) and expressions (§2.5), evaluated straight off the
//! AST.
//!
//! A function activation owns a `Scope`: the list of its visible locals,
//! innermost last, each a shared cell. A block remembers how long the list
//! was when it began and cuts it back when it ends, so name lookup is a
//! scan from the end: the innermost declaration wins (§2.6). A closure
//! snapshots the list when it is created; since evaluation follows the
//! text, the locals visible at that moment are exactly the lexically
//! visible ones.
//!
//! Evaluation order follows PUC-Rio 5.1 where the manual leaves it open
//! and a program could tell: in an assignment the targets' tables and keys
//! are evaluated first, left to right, then the values, and the stores
//! happen right to left; table constructors store positional items in
//! batches of 50 (`SETLIST`) after the keyed fields seen so far.

use std::cell::RefCell;
use std::rc::Rc;

use super::call::FrameName;
use super::error::LResult;
use super::ops::{unnamed, Namer};
use super::value::{Captured, FuncRef, LStr, LuaFunction, Value, Var};
use super::Ctx;
use crate::ast::{BinOp, Block, Expr, ExprKind, Name, Stat, StatKind, TableField, UnOp};

/// How a function body ended.
pub enum Exit {
    Return(Vec<Value>),
    /// `return f(args)`: the caller's call loop runs `f` in this frame's
    /// place (§2.5.8). The name is how the call site named `f`, which 5.1
    /// still uses for a builtin reached this way.
    TailCall(FuncRef, Vec<Value>, FrameName),
}

/// How a statement or block ended.
enum Flow {
    Normal,
    Break,
    Exit(Exit),
}

/// A name resolved in the current scope.
enum Resolved {
    Local(Var),
    Upvalue(Var),
    Global,
}

/// The locals of one function activation.
struct Scope<'f> {
    vars: Vec<(Name, Var)>,
    captured: Option<Rc<Captured>>,
    varargs: Vec<Value>,
    func: &'f LuaFunction,
}

impl Scope<'_> {
    fn resolve(&self, name: &str) -> Resolved {
        for (n, var) in self.vars.iter().rev() {
            if &**n == name {
                return Resolved::Local(var.clone());
            }
        }
        let mut level = self.captured.as_deref();
        while let Some(c) = level {
            for (n, var) in c.vars.iter().rev() {
                if &**n == name {
                    return Resolved::Upvalue(var.clone());
                }
            }
            level = c.parent.as_deref();
        }
        Resolved::Global
    }

    fn declare(&mut self, name: &Name, value: Value) {
        self.vars.push((name.clone(), Rc::new(RefCell::new(value))));
    }

    fn env(&self) -> Value {
        Value::Table(self.func.env.borrow().clone())
    }

    /// How 5.1's `getobjname` would describe the value of `e`.
    fn describe(&self, e: &Expr) -> Option<(&'static str, Vec<u8>)> {
        match &e.kind {
            ExprKind::Name(n) => {
                let kind = match self.resolve(n) {
                    Resolved::Local(_) => "local",
                    Resolved::Upvalue(_) => "upvalue",
                    Resolved::Global => "global",
                };
                Some((kind, n.as_bytes().to_vec()))
            }
            ExprKind::Index { key, .. } => match &key.kind {
                ExprKind::String(s) => Some(("field", s.clone())),
                _ => Some(("field", b"?".to_vec())),
            },
            ExprKind::Paren(inner) => match &inner.kind {
                ExprKind::Name(_) | ExprKind::Index { .. } | ExprKind::Paren(_) => self.describe(inner),
                _ => None,
            },
            _ => None,
        }
    }

    fn frame_name(&self, e: &Expr) -> FrameName {
        match &e.kind {
            ExprKind::Name(n) => match self.resolve(n) {
                Resolved::Local(_) => FrameName::Local(n.clone()),
                Resolved::Upvalue(_) => FrameName::Upvalue(n.clone()),
                Resolved::Global => FrameName::Global(n.clone()),
            },
            ExprKind::Index { key, .. } => match &key.kind {
                ExprKind::String(s) => FrameName::Field(LStr::new(s)),
                _ => FrameName::Field(LStr::new(b"?")),
            },
            _ => FrameName::None,
        }
    }
}

fn first(mut values: Vec<Value>) -> Value {
    if values.is_empty() {
        Value::Nil
    } else {
        values.swap_remove(0)
    }
}

/// Runs a Lua function's body with `args` (§2.5.8: missing parameters are
/// nil, extra arguments go to `...` or are dropped).
pub fn run_function(ctx: &Ctx, lf: &LuaFunction, mut args: Vec<Value>) -> LResult<Exit> {
    let body = &lf.body;
    let nparams = body.params.len();
    let varargs = if body.is_vararg && args.len() > nparams { args.split_off(nparams) } else { Vec::new() };
    let mut scope =
        Scope { vars: Vec::with_capacity(nparams + 4), captured: lf.captured.borrow().clone(), varargs, func: lf };
    if body.is_vararg && body.line != 0 {
        // 5.1 (LUA_COMPAT_VARARG, on in lua5.1) gives every vararg function
        // but the main chunk a local `arg` after its parameters: a table of
        // the extra arguments with `n`, or nil if the body uses `...`.
        let extra = if uses_vararg(ctx, &lf.body) {
            Value::Nil
        } else {
            let t = ctx.new_table(scope.varargs.len(), 1)?;
            {
                let mut tab = t.0.borrow_mut();
                for (i, v) in scope.varargs.iter().enumerate() {
                    tab.set_positional(i + 1, v.clone());
                }
                tab.set(Value::str(b"n"), Value::Num(scope.varargs.len() as f64));
            }
            Value::Table(t)
        };
        let mut args = args.into_iter();
        for p in &body.params {
            scope.declare(p, args.next().unwrap_or_default());
        }
        scope.declare(&Name::from("arg"), extra);
    } else {
        let mut args = args.into_iter();
        for p in &body.params {
            scope.declare(p, args.next().unwrap_or_default());
        }
    }
    match exec_block(ctx, &mut scope, &body.body)? {
        Flow::Exit(exit) => Ok(exit),
        Flow::Normal | Flow::Break => Ok(Exit::Return(Vec::new())),
    }
}

/// Whether a vararg function's own code (not its nested functions) uses
/// `...`; cached per body.
fn uses_vararg(ctx: &Ctx, body: &std::sync::Arc<crate::ast::FuncBody>) -> bool {
    let key = std::sync::Arc::as_ptr(body) as usize;
    if let Some((_, used)) = ctx.st.vararg_use.borrow().get(&key) {
        return *used;
    }
    let used = block_uses_vararg(&body.body);
    ctx.st.vararg_use.borrow_mut().insert(key, (body.clone(), used));
    used
}

fn block_uses_vararg(b: &Block) -> bool {
    b.stats.iter().any(|s| match &s.kind {
        StatKind::Call(e) => expr_uses_vararg(e),
        StatKind::Local { exprs, .. } | StatKind::Return(exprs) => exprs.iter().any(expr_uses_vararg),
        StatKind::Assign { targets, exprs } => targets.iter().chain(exprs).any(expr_uses_vararg),
        StatKind::Do(b) => block_uses_vararg(b),
        StatKind::While { cond, body } | StatKind::Repeat { body, cond } => {
            expr_uses_vararg(cond) || block_uses_vararg(body)
        }
        StatKind::If { arms, else_block } => {
            arms.iter().any(|(c, b)| expr_uses_vararg(c) || block_uses_vararg(b))
                || else_block.as_ref().is_some_and(block_uses_vararg)
        }
        StatKind::NumFor { start, limit, step, body, .. } => {
            expr_uses_vararg(start)
                || expr_uses_vararg(limit)
                || step.as_ref().is_some_and(expr_uses_vararg)
                || block_uses_vararg(body)
        }
        StatKind::GenFor { exprs, body, .. } => exprs.iter().any(expr_uses_vararg) || block_uses_vararg(body),
        StatKind::Function { .. } | StatKind::LocalFunction { .. } | StatKind::Break => false,
    })
}

fn expr_uses_vararg(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Vararg => true,
        ExprKind::Index { obj, key } => expr_uses_vararg(obj) || expr_uses_vararg(key),
        ExprKind::Call { func, args } => expr_uses_vararg(func) || args.iter().any(expr_uses_vararg),
        ExprKind::MethodCall { obj, args, .. } => expr_uses_vararg(obj) || args.iter().any(expr_uses_vararg),
        ExprKind::Paren(inner) | ExprKind::Unary { operand: inner, .. } => expr_uses_vararg(inner),
        ExprKind::Binary { lhs, rhs, .. } => expr_uses_vararg(lhs) || expr_uses_vararg(rhs),
        ExprKind::Table(fields) => fields.iter().any(|f| match f {
            TableField::Positional(e) | TableField::Named(_, e) => expr_uses_vararg(e),
            TableField::Keyed(k, v) => expr_uses_vararg(k) || expr_uses_vararg(v),
        }),
        _ => false,
    }
}

fn exec_block(ctx: &Ctx, sc: &mut Scope, block: &Block) -> LResult<Flow> {
    let mark = sc.vars.len();
    let flow = exec_stats(ctx, sc, block);
    sc.vars.truncate(mark);
    flow
}

/// Runs a block's statements without closing its scope (for `repeat`,
/// whose condition sees the body's locals).
fn exec_stats(ctx: &Ctx, sc: &mut Scope, block: &Block) -> LResult<Flow> {
    for stat in &block.stats {
        match exec_stat(ctx, sc, stat)? {
            Flow::Normal => {}
            other => return Ok(other),
        }
    }
    Ok(Flow::Normal)
}

/// A place an assignment stores into, evaluated before the values.
enum Place {
    /// A variable; `true` for a local of this function.
    Var(Var, bool),
    Global(Name),
    Index(Operand, Operand, usize),
}

/// A table or key of an indexed assignment target. PUC-Rio 5.1 keeps a
/// local of the current function in its register and reads it only when
/// it stores, after the right-hand side has run; anything else is
/// evaluated into a temporary first.
enum Operand {
    Now(Value),
    AtStore(Var),
}

impl Operand {
    fn value(self) -> Value {
        match self {
            Operand::Now(v) => v,
            Operand::AtStore(var) => var.borrow().clone(),
        }
    }

    /// Reads the local now if it is `var`.
    fn freeze_if(&mut self, var: &Var) {
        if let Operand::AtStore(mine) = self {
            if Rc::ptr_eq(mine, var) {
                let v = mine.borrow().clone();
                *self = Operand::Now(v);
            }
        }
    }
}

fn operand(ctx: &Ctx, sc: &mut Scope, e: &Expr) -> LResult<Operand> {
    if let ExprKind::Name(n) = &e.kind {
        if let Resolved::Local(v) = sc.resolve(n) {
            return Ok(Operand::AtStore(v));
        }
    }
    Ok(Operand::Now(eval(ctx, sc, e)?))
}

fn exec_stat(ctx: &Ctx, sc: &mut Scope, stat: &Stat) -> LResult<Flow> {
    ctx.step()?;
    match &stat.kind {
        StatKind::Call(e) => {
            eval_multi(ctx, sc, e)?;
        }
        StatKind::Local { names, exprs } => {
            let values = eval_list_n(ctx, sc, exprs, names.len())?;
            for (name, v) in names.iter().zip(values) {
                sc.declare(name, v);
            }
        }
        StatKind::Assign { targets, exprs } => {
            let mut places = Vec::with_capacity(targets.len());
            for (i, t) in targets.iter().enumerate() {
                places.push(match &t.kind {
                    ExprKind::Name(n) => match sc.resolve(n) {
                        Resolved::Local(v) => Place::Var(v, true),
                        Resolved::Upvalue(v) => Place::Var(v, false),
                        Resolved::Global => Place::Global(n.clone()),
                    },
                    ExprKind::Index { obj, key } => {
                        let o = operand(ctx, sc, obj)?;
                        let k = operand(ctx, sc, key)?;
                        Place::Index(o, k, i)
                    }
                    // The parser only produces names and indexings here.
                    _ => return Err(ctx.rt_error(stat.line, "cannot assign to this expression")),
                });
            }
            // 5.1's check_conflict: a local read by an indexed target and
            // assigned by a later target is read now, before it changes.
            for i in 0..places.len() {
                let (before, after) = places.split_at_mut(i + 1);
                if let Place::Index(o, k, _) = &mut before[i] {
                    for later in after.iter() {
                        if let Place::Var(v, true) = later {
                            o.freeze_if(v);
                            k.freeze_if(v);
                        }
                    }
                }
            }
            let values = eval_list_n(ctx, sc, exprs, places.len())?;
            for (place, value) in places.into_iter().zip(values).rev() {
                match place {
                    Place::Var(var, _) => *var.borrow_mut() = value,
                    Place::Global(n) => {
                        ctx.set_index(sc.env(), Value::str(n.as_bytes()), value, stat.line, &unnamed)?;
                    }
                    Place::Index(o, k, i) => {
                        let ExprKind::Index { obj, .. } = &targets[i].kind else { continue };
                        let namer = |_: usize| sc.describe(obj);
                        ctx.set_index(o.value(), k.value(), value, stat.line, &namer)?;
                    }
                }
            }
        }
        StatKind::Do(block) => return exec_block(ctx, sc, block),
        StatKind::While { cond, body } => {
            while eval(ctx, sc, cond)?.truthy() {
                ctx.step()?;
                match exec_block(ctx, sc, body)? {
                    Flow::Normal => {}
                    Flow::Break => break,
                    exit => return Ok(exit),
                }
            }
        }
        StatKind::Repeat { body, cond } => loop {
            ctx.step()?;
            let mark = sc.vars.len();
            let flow = exec_stats(ctx, sc, body);
            let flow = match flow {
                Ok(Flow::Normal) => {
                    let done = eval(ctx, sc, cond).map(|v| v.truthy());
                    sc.vars.truncate(mark);
                    if done? {
                        break;
                    }
                    continue;
                }
                other => other,
            };
            sc.vars.truncate(mark);
            match flow? {
                Flow::Break => break,
                exit => return Ok(exit),
            }
        },
        StatKind::If { arms, else_block } => {
            for (cond, block) in arms {
                if eval(ctx, sc, cond)?.truthy() {
                    return exec_block(ctx, sc, block);
                }
            }
            if let Some(block) = else_block {
                return exec_block(ctx, sc, block);
            }
        }
        StatKind::NumFor { var, start, limit, step, body } => {
            let start = eval(ctx, sc, start)?;
            let limit = eval(ctx, sc, limit)?;
            let step = match step {
                Some(e) => eval(ctx, sc, e)?,
                None => Value::Num(1.0),
            };
            // 5.1's FORPREP checks in this order, coercing strings.
            let Some(start) = super::ops::to_number(&start) else {
                return Err(ctx.rt_error(stat.line, "'for' initial value must be a number"));
            };
            let Some(limit) = super::ops::to_number(&limit) else {
                return Err(ctx.rt_error(stat.line, "'for' limit must be a number"));
            };
            let Some(step) = super::ops::to_number(&step) else {
                return Err(ctx.rt_error(stat.line, "'for' step must be a number"));
            };
            // As PUC-Rio computes it: start - step, then += step before
            // each test, so the values match its rounding exactly.
            let mut idx = start - step;
            loop {
                idx += step;
                let go = if step > 0.0 { idx <= limit } else { limit <= idx };
                if !go {
                    break;
                }
                ctx.step()?;
                let mark = sc.vars.len();
                sc.declare(var, Value::Num(idx));
                let flow = exec_block(ctx, sc, body);
                sc.vars.truncate(mark);
                match flow? {
                    Flow::Normal => {}
                    Flow::Break => break,
                    exit => return Ok(exit),
                }
            }
        }
        StatKind::GenFor { names, exprs, body } => {
            let mut init = eval_list_n(ctx, sc, exprs, 3)?.into_iter();
            let f = init.next().unwrap_or_default();
            let s = init.next().unwrap_or_default();
            let mut control = init.next().unwrap_or_default();
            loop {
                ctx.set_line(stat.line);
                let Some((func, args)) = ctx.callable(f.clone(), vec![s.clone(), control.clone()]) else {
                    return Err(ctx.type_error(stat.line, &f, None, "call"));
                };
                let saved = ctx.enter_c_call()?;
                let results = ctx.call_function(&func, args, FrameName::None)?;
                ctx.leave_c_call(saved);
                let mut results = results.into_iter();
                let first = results.next().unwrap_or_default();
                if first.is_nil() {
                    break;
                }
                control = first.clone();
                let mark = sc.vars.len();
                sc.declare(&names[0], first);
                for n in &names[1..] {
                    sc.declare(n, results.next().unwrap_or_default());
                }
                let flow = exec_block(ctx, sc, body);
                sc.vars.truncate(mark);
                match flow? {
                    Flow::Normal => {}
                    Flow::Break => break,
                    exit => return Ok(exit),
                }
            }
        }
        StatKind::Function { target, body } => {
            let closure = make_closure(sc, body);
            let line = stat.line;
            let mut keys: Vec<&Name> = target.fields.iter().collect();
            if let Some(m) = &target.method {
                keys.push(m);
            }
            match keys.split_last() {
                None => assign_name(ctx, sc, &target.base, closure, line)?,
                Some((last, path)) => {
                    let mut obj = read_name(ctx, sc, &target.base, line)?;
                    let mut desc = Some((kind_of(sc, &target.base), target.base.as_bytes().to_vec()));
                    for k in path {
                        let d = desc.take();
                        obj = ctx.index(obj, &Value::str(k.as_bytes()), line, &|_| d.clone())?;
                        desc = Some(("field", k.as_bytes().to_vec()));
                    }
                    ctx.set_index(obj, Value::str(last.as_bytes()), closure, line, &|_| desc.clone())?;
                }
            }
        }
        StatKind::LocalFunction { name, body } => {
            sc.declare(name, Value::Nil);
            let closure = make_closure(sc, body);
            if let Some((_, var)) = sc.vars.last() {
                *var.borrow_mut() = closure;
            }
        }
        StatKind::Return(exprs) => {
            if let [call] = exprs.as_slice() {
                if matches!(call.kind, ExprKind::Call { .. } | ExprKind::MethodCall { .. }) {
                    let (f, args, name) = prepare_call(ctx, sc, call)?;
                    ctx.set_line(call.line);
                    return Ok(Flow::Exit(Exit::TailCall(f, args, name)));
                }
            }
            let values = eval_list(ctx, sc, exprs)?;
            return Ok(Flow::Exit(Exit::Return(values)));
        }
        StatKind::Break => return Ok(Flow::Break),
    }
    Ok(Flow::Normal)
}

fn kind_of(sc: &Scope, name: &str) -> &'static str {
    match sc.resolve(name) {
        Resolved::Local(_) => "local",
        Resolved::Upvalue(_) => "upvalue",
        Resolved::Global => "global",
    }
}

fn read_name(ctx: &Ctx, sc: &Scope, name: &Name, line: u32) -> LResult<Value> {
    match sc.resolve(name) {
        Resolved::Local(v) | Resolved::Upvalue(v) => Ok(v.borrow().clone()),
        Resolved::Global => ctx.index(sc.env(), &Value::str(name.as_bytes()), line, &unnamed),
    }
}

fn assign_name(ctx: &Ctx, sc: &Scope, name: &Name, value: Value, line: u32) -> LResult<()> {
    match sc.resolve(name) {
        Resolved::Local(v) | Resolved::Upvalue(v) => {
            *v.borrow_mut() = value;
            Ok(())
        }
        Resolved::Global => ctx.set_index(sc.env(), Value::str(name.as_bytes()), value, line, &unnamed),
    }
}

fn make_closure(sc: &Scope, body: &std::sync::Arc<crate::ast::FuncBody>) -> Value {
    let captured = if sc.vars.is_empty() {
        sc.captured.clone()
    } else {
        Some(Rc::new(Captured { vars: sc.vars.clone(), parent: sc.captured.clone() }))
    };
    Value::Func(FuncRef::lua(LuaFunction {
        body: body.clone(),
        captured: RefCell::new(captured),
        env: RefCell::new(sc.func.env.borrow().clone()),
        source: sc.func.source.clone(),
    }))
}

/// Evaluates a call's function and arguments and resolves `__call`.
fn prepare_call(ctx: &Ctx, sc: &mut Scope, e: &Expr) -> LResult<(FuncRef, Vec<Value>, FrameName)> {
    match &e.kind {
        ExprKind::Call { func, args } => {
            let fv = eval(ctx, sc, func)?;
            let argv = eval_list(ctx, sc, args)?;
            match ctx.callable(fv.clone(), argv) {
                Some((f, a)) => Ok((f, a, sc.frame_name(func))),
                None => Err(ctx.type_error(e.line, &fv, sc.describe(func), "call")),
            }
        }
        ExprKind::MethodCall { obj, method, args } => {
            let o = eval(ctx, sc, obj)?;
            let namer = |_: usize| sc.describe(obj);
            let fv = ctx.index(o.clone(), &Value::str(method.as_bytes()), e.line, &namer)?;
            let mut argv = Vec::with_capacity(args.len() + 1);
            argv.push(o);
            argv.extend(eval_list(ctx, sc, args)?);
            match ctx.callable(fv.clone(), argv) {
                Some((f, a)) => Ok((f, a, FrameName::Method(method.clone()))),
                None => Err(ctx.type_error(e.line, &fv, Some(("method", method.as_bytes().to_vec())), "call")),
            }
        }
        // Only calls reach here (the parser builds nothing else in a call
        // position); anything else evaluates to a value that is called.
        _ => {
            let fv = eval(ctx, sc, e)?;
            match ctx.callable(fv.clone(), Vec::new()) {
                Some((f, a)) => Ok((f, a, FrameName::None)),
                None => Err(ctx.type_error(e.line, &fv, None, "call")),
            }
        }
    }
}

/// Evaluates an expression that may produce several values (§2.5).
fn eval_multi(ctx: &Ctx, sc: &mut Scope, e: &Expr) -> LResult<Vec<Value>> {
    match &e.kind {
        ExprKind::Call { .. } | ExprKind::MethodCall { .. } => {
            let (f, args, name) = prepare_call(ctx, sc, e)?;
            ctx.set_line(e.line);
            ctx.call_function(&f, args, name)
        }
        ExprKind::Vararg => Ok(sc.varargs.clone()),
        _ => Ok(vec![eval(ctx, sc, e)?]),
    }
}

/// Evaluates an expression list, expanding only the last (§2.5).
fn eval_list(ctx: &Ctx, sc: &mut Scope, exprs: &[Expr]) -> LResult<Vec<Value>> {
    let mut out = Vec::with_capacity(exprs.len());
    if let Some((last, init)) = exprs.split_last() {
        for e in init {
            out.push(eval(ctx, sc, e)?);
        }
        out.extend(eval_multi(ctx, sc, last)?);
    }
    Ok(out)
}

/// Evaluates an expression list adjusted to exactly `n` values.
fn eval_list_n(ctx: &Ctx, sc: &mut Scope, exprs: &[Expr], n: usize) -> LResult<Vec<Value>> {
    let mut values = eval_list(ctx, sc, exprs)?;
    values.resize(n, Value::Nil);
    Ok(values)
}

fn eval(ctx: &Ctx, sc: &mut Scope, e: &Expr) -> LResult<Value> {
    Ok(match &e.kind {
        ExprKind::Nil => Value::Nil,
        ExprKind::True => Value::Bool(true),
        ExprKind::False => Value::Bool(false),
        ExprKind::Number(n) => Value::Num(*n),
        ExprKind::String(s) => Value::str(s),
        ExprKind::Vararg => sc.varargs.first().cloned().unwrap_or_default(),
        ExprKind::Function(body) => make_closure(sc, body),
        ExprKind::Name(n) => read_name(ctx, sc, n, e.line)?,
        ExprKind::Index { obj, key } => {
            // As for binary operators, a local table is read after the key.
            let (o, k) = match local_of(sc, obj) {
                Some(var) => {
                    let k = eval(ctx, sc, key)?;
                    (var.borrow().clone(), k)
                }
                None => {
                    let o = eval(ctx, sc, obj)?;
                    (o, eval(ctx, sc, key)?)
                }
            };
            let namer = |_: usize| sc.describe(obj);
            ctx.index(o, &k, e.line, &namer)?
        }
        ExprKind::Call { .. } | ExprKind::MethodCall { .. } => first(ctx.deeper(|| eval_multi(ctx, sc, e))?),
        ExprKind::Paren(inner) => eval(ctx, sc, inner)?,
        ExprKind::Binary { op, lhs, rhs } => ctx.deeper(|| eval_binary(ctx, sc, *op, lhs, rhs, e.line))?,
        ExprKind::Unary { op, operand } => {
            let v = ctx.deeper(|| eval(ctx, sc, operand))?;
            let namer = |_: usize| sc.describe(operand);
            match op {
                UnOp::Not => Value::Bool(!v.truthy()),
                UnOp::Neg => ctx.negate(&v, e.line, &namer)?,
                UnOp::Len => ctx.length(&v, e.line, &namer)?,
            }
        }
        ExprKind::Table(fields) => eval_table(ctx, sc, fields, e.line)?,
    })
}

/// The variable of an expression that is a local of the running function
/// (possibly parenthesised): 5.1 keeps those in registers and reads them
/// in place.
fn local_of(sc: &Scope, e: &Expr) -> Option<Var> {
    match &e.kind {
        ExprKind::Paren(inner) => local_of(sc, inner),
        ExprKind::Name(n) => match sc.resolve(n) {
            Resolved::Local(v) => Some(v),
            _ => None,
        },
        _ => None,
    }
}

fn eval_binary(ctx: &Ctx, sc: &mut Scope, op: BinOp, lhs: &Expr, rhs: &Expr, line: u32) -> LResult<Value> {
    match op {
        BinOp::And => {
            let a = eval(ctx, sc, lhs)?;
            return if a.truthy() { eval(ctx, sc, rhs) } else { Ok(a) };
        }
        BinOp::Or => {
            let a = eval(ctx, sc, lhs)?;
            return if a.truthy() { Ok(a) } else { eval(ctx, sc, rhs) };
        }
        _ => {}
    }
    // PUC-Rio 5.1 reads a local left operand from its register when the
    // operation runs, after the right operand was evaluated (which may have
    // assigned it); concatenation copies its operands first.
    let (a, b) = match local_of(sc, lhs) {
        Some(var) if op != BinOp::Concat => {
            let b = eval(ctx, sc, rhs)?;
            let a = var.borrow().clone();
            (a, b)
        }
        _ => {
            let a = eval(ctx, sc, lhs)?;
            (a, eval(ctx, sc, rhs)?)
        }
    };
    let operands = [lhs, rhs];
    let namer = |i: usize| sc.describe(operands[i]);
    let namer: Namer = &namer;
    Ok(match op {
        BinOp::Eq => Value::Bool(ctx.equals(&a, &b, line)?),
        BinOp::Ne => Value::Bool(!ctx.equals(&a, &b, line)?),
        BinOp::Lt => Value::Bool(ctx.less_than(&a, &b, line)?),
        BinOp::Le => Value::Bool(ctx.less_equal(&a, &b, line)?),
        // 5.1 compiles `a > b` as `b < a` (and so words errors that way).
        BinOp::Gt => Value::Bool(ctx.less_than(&b, &a, line)?),
        BinOp::Ge => Value::Bool(ctx.less_equal(&b, &a, line)?),
        BinOp::Concat => ctx.concat(&a, &b, line, namer)?,
        _ => {
            if let (Value::Num(x), Value::Num(y)) = (&a, &b) {
                Value::Num(super::ops::arith_num(op, *x, *y))
            } else {
                ctx.arith(op, &a, &b, line, namer)?
            }
        }
    })
}

/// Items per `SETLIST` flush in PUC-Rio 5.1 (`LFIELDS_PER_FLUSH`).
const FIELDS_PER_FLUSH: usize = 50;

fn eval_table(ctx: &Ctx, sc: &mut Scope, fields: &[TableField], line: u32) -> LResult<Value> {
    let npos = fields.iter().filter(|f| matches!(f, TableField::Positional(_))).count();
    let t = ctx.new_table(npos, fields.len() - npos)?;
    let mut pending: Vec<Value> = Vec::new();
    let mut next_index = 1usize;
    let flush = |pending: &mut Vec<Value>, next_index: &mut usize| {
        let mut tab = t.0.borrow_mut();
        for v in pending.drain(..) {
            tab.set_positional(*next_index, v);
            *next_index += 1;
        }
    };
    for (i, field) in fields.iter().enumerate() {
        match field {
            TableField::Positional(e) => {
                if i + 1 == fields.len() {
                    pending.extend(eval_multi(ctx, sc, e)?);
                } else {
                    pending.push(eval(ctx, sc, e)?);
                    if pending.len() == FIELDS_PER_FLUSH {
                        flush(&mut pending, &mut next_index);
                    }
                }
            }
            TableField::Named(name, e) => {
                let v = eval(ctx, sc, e)?;
                t.0.borrow_mut().set(Value::str(name.as_bytes()), v);
            }
            TableField::Keyed(k, e) => {
                let k = eval(ctx, sc, k)?;
                let v = eval(ctx, sc, e)?;
                ctx.raw_set(&t, k, v, line)?;
            }
        }
    }
    flush(&mut pending, &mut next_index);
    ctx.check_memory()?;
    Ok(Value::Table(t))
}
