//! The tiers a program can run on, behind one interface.
//!
//! A `Tier` is a perigee tier in one configuration, or an outside Lua used
//! as a peer (`lua5.1`, `luajit`). The reference tier and the bytecode
//! interpreter have landed; the JIT's configurations join the list as
//! they land. `Tier::Faulty` is the reference tier with a deliberate fault,
//! used to test the oracle's own machinery (the reducer must be able to
//! shrink the divergence it causes).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use perigee_reference::ast::{BinOp, Block, Chunk, Expr, ExprKind, StatKind, TableField};
use perigee_reference::corpus::Expected;
use perigee_reference::interp::Limits;
use perigee_reference::{run, End, Outcome, RunOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// perigee's tree-walking reference interpreter.
    Ref,
    /// The bytecode interpreter (`perigee-vm`).
    Interp,
    /// The reference interpreter with `<` evaluated as `<=`: wrong on
    /// purpose, for testing the oracle.
    Faulty,
    /// An outside Lua on `PATH`, run as a process.
    Peer(Peer),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peer {
    Lua51,
    LuaJit,
}

impl Peer {
    pub fn command(self) -> &'static str {
        match self {
            Peer::Lua51 => "lua5.1",
            Peer::LuaJit => "luajit",
        }
    }
}

impl Tier {
    pub fn name(&self) -> String {
        match self {
            Tier::Ref => "ref".into(),
            Tier::Interp => "interp".into(),
            Tier::Faulty => "ref+fault".into(),
            Tier::Peer(p) => p.command().into(),
        }
    }

    /// Whether the tier shows only what a `lua` process shows (no return
    /// values of the chunk, no limits of its own).
    pub fn is_outside(&self) -> bool {
        matches!(self, Tier::Peer(_))
    }

    /// Runs `source` as the file `name` (its chunk name is `@name`).
    pub fn run(&self, source: &[u8], name: &str, limits: Limits) -> Outcome {
        match self {
            Tier::Ref => run_ref(source, name, limits, None),
            Tier::Interp => perigee_vm::run::run(source, format!("@{name}").as_bytes(), &options(name, limits)).outcome,
            Tier::Faulty => run_ref(source, name, limits, Some(lt_as_le)),
            Tier::Peer(p) => run_peer(p.command(), source, name),
        }
    }
}

/// The perigee tiers that exist in this build.
pub fn landed() -> Vec<Tier> {
    vec![Tier::Ref, Tier::Interp]
}

/// The outside peers found on `PATH`.
pub fn peers() -> Vec<Tier> {
    [Peer::Lua51].into_iter().filter(|p| perigee_reference::corpus::on_path(p.command())).map(Tier::Peer).collect()
}

/// How every perigee tier runs a program as the file `name`: as
/// `lua5.1 name` would, with `limits`.
fn options(name: &str, limits: Limits) -> RunOptions {
    RunOptions {
        limits,
        script_name: Some(name.as_bytes().to_vec()),
        interpreter_args: vec![b"lua5.1".to_vec()],
        ..Default::default()
    }
}

fn run_ref(source: &[u8], name: &str, limits: Limits, transform: Option<fn(&mut Chunk)>) -> Outcome {
    let options = RunOptions { transform, ..options(name, limits) };
    run(source, format!("@{name}").as_bytes(), &options).outcome
}

/// How long an outside Lua may run before it is stopped.
const PEER_TIMEOUT: Duration = Duration::from_secs(10);

/// Runs an outside Lua on `source` saved as `name` in a fresh directory.
fn run_peer(cmd: &str, source: &[u8], name: &str) -> Outcome {
    let crash = |msg: String| Outcome { stdout: Vec::new(), end: End::Crash(msg) };
    let dir = std::env::temp_dir().join(format!("perigee-peer-{}-{}", std::process::id(), unique()));
    if std::fs::create_dir_all(&dir).is_err() || std::fs::write(dir.join(name), source).is_err() {
        return crash("cannot write the program for the peer".into());
    }
    let outcome = spawn_peer(cmd, &dir, name).unwrap_or_else(crash);
    let _ = std::fs::remove_dir_all(&dir);
    outcome
}

fn spawn_peer(cmd: &str, dir: &Path, name: &str) -> Result<Outcome, String> {
    let mut child = Command::new(cmd)
        .arg(name)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {cmd}: {e}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > PEER_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Ok(Outcome {
                    stdout: Vec::new(),
                    end: End::Limit(perigee_reference::interp::error::LimitKind::Steps),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => return Err(e.to_string()),
        }
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let expected = perigee_reference::corpus::parse_peer_output(cmd, out.status.success(), out.stdout, &out.stderr);
    Ok(Outcome { stdout: expected.stdout, end: expected.error.map_or(End::Ok(Vec::new()), End::Error) })
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// What two outcomes can be compared on: everything for two perigee
/// tiers, only what a `lua` process shows when a peer is involved.
pub fn comparable(a: &Tier, oa: &Outcome, b: &Tier, ob: &Outcome) -> (Outcome, Outcome) {
    if a.is_outside() || b.is_outside() {
        let strip = |o: &Outcome| match Expected::of(o) {
            Some(e) => Outcome { stdout: e.stdout, end: e.error.map_or(End::Ok(Vec::new()), End::Error) },
            None => o.clone(),
        };
        (strip(oa), strip(ob))
    } else {
        (oa.clone(), ob.clone())
    }
}

/// The deliberate fault of `Tier::Faulty`: every `<` becomes `<=`.
fn lt_as_le(chunk: &mut Chunk) {
    let body = std::sync::Arc::make_mut(&mut chunk.body);
    fault_block(&mut body.body);
}

fn fault_block(b: &mut Block) {
    for s in &mut b.stats {
        match &mut s.kind {
            StatKind::Call(e) => fault_expr(e),
            StatKind::Local { exprs, .. } | StatKind::Return(exprs) => exprs.iter_mut().for_each(fault_expr),
            StatKind::Assign { targets, exprs } => targets.iter_mut().chain(exprs.iter_mut()).for_each(fault_expr),
            StatKind::Do(b) => fault_block(b),
            StatKind::While { cond, body } | StatKind::Repeat { body, cond } => {
                fault_expr(cond);
                fault_block(body);
            }
            StatKind::If { arms, else_block } => {
                for (c, b) in arms {
                    fault_expr(c);
                    fault_block(b);
                }
                if let Some(b) = else_block {
                    fault_block(b);
                }
            }
            StatKind::NumFor { start, limit, step, body, .. } => {
                fault_expr(start);
                fault_expr(limit);
                if let Some(s) = step {
                    fault_expr(s);
                }
                fault_block(body);
            }
            StatKind::GenFor { exprs, body, .. } => {
                exprs.iter_mut().for_each(fault_expr);
                fault_block(body);
            }
            StatKind::Function { body, .. } | StatKind::LocalFunction { body, .. } => {
                fault_block(&mut std::sync::Arc::make_mut(body).body)
            }
            StatKind::Break => {}
        }
    }
}

fn fault_expr(e: &mut Expr) {
    match &mut e.kind {
        ExprKind::Binary { op, lhs, rhs } => {
            if *op == BinOp::Lt {
                *op = BinOp::Le;
            }
            fault_expr(lhs);
            fault_expr(rhs);
        }
        ExprKind::Unary { operand, .. } | ExprKind::Paren(operand) => fault_expr(operand),
        ExprKind::Index { obj, key } => {
            fault_expr(obj);
            fault_expr(key);
        }
        ExprKind::Call { func, args } => {
            fault_expr(func);
            args.iter_mut().for_each(fault_expr);
        }
        ExprKind::MethodCall { obj, args, .. } => {
            fault_expr(obj);
            args.iter_mut().for_each(fault_expr);
        }
        ExprKind::Function(body) => fault_block(&mut std::sync::Arc::make_mut(body).body),
        ExprKind::Table(fields) => {
            for f in fields {
                match f {
                    TableField::Positional(e) | TableField::Named(_, e) => fault_expr(e),
                    TableField::Keyed(k, v) => {
                        fault_expr(k);
                        fault_expr(v);
                    }
                }
            }
        }
        _ => {}
    }
}
