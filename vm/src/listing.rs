//! `perigee --bc FILE`: a readable listing of compiled bytecode, in the
//! spirit of `luac -l` (one line per instruction, constants and names in a
//! trailing comment) with LuaJIT's habits (0-based 4-digit pcs, jumps shown
//! as `=> target`).
//!
//! The operands are printed from the op table alone (`OPS`: each field's
//! `Kind` says whether it is a register, a constant, a jump...), so a new
//! op needs no change here. Nested functions follow their parent, depth
//! first, as in `luac -l`. Golden tests compare this text, so it must stay
//! deterministic: no addresses.

use std::fmt::Write;

use crate::bytecode::{Format, Instr, Kind, Primitive, Upval};
use crate::proto::{Constant, Proto, UpvalSource, Vararg};

/// The listing of `proto` and every function nested in it.
pub fn listing(proto: &Proto) -> String {
    let mut out = String::new();
    list_function(proto, true, &mut out);
    out
}

fn quote(s: &[u8]) -> String {
    let mut q = String::from("\"");
    for &b in s {
        match b {
            b'"' => q.push_str("\\\""),
            b'\\' => q.push_str("\\\\"),
            b'\n' => q.push_str("\\n"),
            b'\r' => q.push_str("\\r"),
            b'\t' => q.push_str("\\t"),
            0x20..=0x7e => q.push(b as char),
            _ => {
                let _ = write!(q, "\\{b}");
            }
        }
    }
    q.push('"');
    q
}

fn constant_text(c: &Constant) -> String {
    match c {
        Constant::Num(n) => perigee_reference::spec::number::fmt_number(*n),
        Constant::Str(s) => quote(s),
    }
}

fn list_function(p: &Proto, main: bool, out: &mut String) {
    let chunk = String::from_utf8_lossy(&perigee_reference::lexer::chunk_id(&p.source)).into_owned();
    if main {
        let _ = writeln!(out, "-- main <{chunk}:0> ({} instructions)", p.code.len());
    } else {
        let _ = writeln!(
            out,
            "-- function <{chunk}:{},{}> ({} instructions)",
            p.linedefined,
            p.lastlinedefined,
            p.code.len()
        );
    }
    let vararg = match p.vararg {
        Vararg::Fixed => "",
        Vararg::Dots => ", vararg",
        Vararg::DotsArgNil => ", vararg (arg = nil)",
        Vararg::ArgTable => ", vararg (arg = table)",
    };
    let _ = writeln!(
        out,
        "-- {} params{vararg}, {} slots, {} upvalues, {} locals, {} constants, {} functions",
        p.numparams,
        p.maxstack,
        p.upvalues.len(),
        p.locals.len(),
        p.constants.len(),
        p.protos.len()
    );
    for (pc, ins) in p.code.iter().enumerate() {
        let line = p.lines.get(pc).copied().unwrap_or(0);
        let _ = writeln!(out, "{}", instruction_line(p, pc, *ins, line));
    }
    if !p.constants.is_empty() {
        let _ = writeln!(out, "-- constants");
        for (i, c) in p.constants.iter().enumerate() {
            let _ = writeln!(out, "--   K{i}\t{}", constant_text(c));
        }
    }
    if !p.locals.is_empty() {
        let _ = writeln!(out, "-- locals");
        for l in &p.locals {
            let _ = writeln!(out, "--   {}\t{}\t{:04}-{:04}", l.name, l.reg, l.live.start, l.live.end);
        }
    }
    if !p.upvalues.is_empty() {
        let _ = writeln!(out, "-- upvalues");
        for (i, u) in p.upvalues.iter().enumerate() {
            let from = match u.source {
                UpvalSource::ParentLocal(r) => format!("parent local {r}"),
                UpvalSource::ParentUpval(Upval(j)) => format!("parent upvalue {j}"),
            };
            let _ = writeln!(out, "--   U{i}\t{}\t{from}", u.name);
        }
    }
    let _ = writeln!(out);
    for child in &p.protos {
        list_function(child, false, out);
    }
}

/// One instruction: pc, line, op name, operands, comment.
pub fn instruction_line(p: &Proto, pc: usize, ins: Instr, line: u32) -> String {
    let Some(op) = ins.op() else { return format!("{pc:04} [{line}] ??? {:08x}", ins.0) };
    let info = op.info();
    let mut fields: Vec<(Kind, i64)> = vec![(info.a, ins.a() as i64)];
    match info.format {
        Format::Abc => {
            fields.push((info.b, ins.b() as i64));
            fields.push((info.cd, ins.c() as i64));
        }
        Format::Ad => fields.push((info.cd, ins.d() as i64)),
    }
    let mut operands = Vec::new();
    let mut comments = Vec::new();
    for (kind, v) in fields {
        match kind {
            Kind::None => {}
            Kind::Jump => {
                let target = pc as i64 + 1 + ins.jump_d().0 as i64;
                operands.push(format!("=> {target:04}"));
            }
            Kind::SLit => operands.push(format!("{}", v as u16 as i16)),
            Kind::Str | Kind::Num => {
                operands.push(v.to_string());
                let text = p.constants.get(v as usize).map(constant_text).unwrap_or_else(|| "<bad constant>".into());
                comments.push(text);
            }
            Kind::Pri => {
                operands.push(v.to_string());
                comments.push(Primitive::from_u16(v as u16).map_or("<bad primitive>", Primitive::name).to_string());
            }
            Kind::Uv => {
                operands.push(v.to_string());
                comments.push(p.upvalues.get(v as usize).map_or("<bad upvalue>".into(), |u| u.name.clone()));
            }
            Kind::Func => {
                operands.push(v.to_string());
                comments.push(
                    p.protos
                        .get(v as usize)
                        .map_or("<bad function>".into(), |c| format!("function <{}>", c.linedefined)),
                );
            }
            Kind::Dst | Kind::Var | Kind::Base | Kind::Lit | Kind::Count => operands.push(v.to_string()),
        }
    }
    let mut s = format!("{pc:04} [{line}]\t{:<9} {}", info.name, operands.join(" "));
    if !comments.is_empty() {
        s = format!("{s:<40}; {}", comments.join(" "));
    }
    s.trim_end().to_string()
}
