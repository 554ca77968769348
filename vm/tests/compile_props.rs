//! The compiler over many programs, with no interpreter to run them yet:
//! every corpus program, variations of them, and programs from a small
//! generator here compile without panicking, and every `Proto` they
//! produce passes a structural check (operands in range, jumps inside the
//! code, constants of the right type, one line per instruction, local
//! live ranges properly nested).

use std::path::Path;

use perigee_reference::ast::Chunk;
use perigee_reference::parser::parse;
use perigee_vm::bytecode::{Format, Kind, Op, Primitive};
use perigee_vm::compile::{compile, CompileError};
use perigee_vm::proto::{Constant, Proto, UpvalSource};

/// Checks one prototype and its children; returns what is wrong.
fn check(p: &Proto, parent: Option<&Proto>, path: &str, errs: &mut Vec<String>) {
    let mut bad = |msg: String| errs.push(format!("{path}: {msg}"));
    let n = p.code.len();
    let ms = p.maxstack as u32;
    if p.lines.len() != n {
        bad(format!("{} lines for {n} instructions", p.lines.len()));
    }
    if ms >= 250 {
        bad(format!("maxstack {ms}"));
    }
    if !matches!(p.code.last().and_then(|i| i.op()), Some(Op::RET0)) {
        bad("code does not end in RET0".into());
    }
    for (pc, ins) in p.code.iter().enumerate() {
        let Some(op) = ins.op() else {
            bad(format!("{pc}: bad op byte {}", ins.op_byte()));
            continue;
        };
        let info = op.info();
        let fields: Vec<(Kind, u32)> = match info.format {
            Format::Abc => vec![(info.a, ins.a() as u32), (info.b, ins.b() as u32), (info.cd, ins.c() as u32)],
            Format::Ad => vec![(info.a, ins.a() as u32), (info.cd, ins.d() as u32)],
        };
        for (kind, v) in fields {
            let ok = match kind {
                Kind::Dst | Kind::Var | Kind::Base => v < ms,
                Kind::Str => matches!(p.constants.get(v as usize), Some(Constant::Str(_))),
                Kind::Num => matches!(p.constants.get(v as usize), Some(Constant::Num(_))),
                Kind::Pri => Primitive::from_u16(v as u16).is_some(),
                Kind::Uv => (v as usize) < p.upvalues.len(),
                Kind::Func => (v as usize) < p.protos.len(),
                Kind::Jump => {
                    let t = pc as i64 + 1 + ins.jump_d().0 as i64;
                    t >= 0 && (t as usize) < n
                }
                Kind::None | Kind::Lit | Kind::SLit | Kind::Count => true,
            };
            if !ok {
                bad(format!("{pc}: {:?}: operand {kind:?} = {v} out of range (maxstack {ms})", ins));
            }
        }
        let (a, b, c, d) = (ins.a() as u32, ins.b() as u32, ins.c() as u32, ins.d() as u32);
        // The ranges behind Base operands.
        let top = match op {
            Op::CALL | Op::CALLM => Some((a + c).max((a + b).saturating_sub(2))),
            Op::TAILCALL | Op::TAILCALLM | Op::RETM => Some(a + d),
            Op::RET => Some((a + d).saturating_sub(1)),
            Op::VARG | Op::ITERC => Some((a + b).saturating_sub(2).max(a)),
            Op::KNIL => Some(d),
            Op::CAT => Some(c),
            Op::FORI | Op::FORL => Some(a + 3),
            Op::SELF => Some(a + 1),
            Op::TSETM => Some(a + b),
            _ => None,
        };
        if let Some(top) = top {
            if top >= ms {
                bad(format!("{pc}: {:?}: range reaches r{top} (maxstack {ms})", ins));
            }
        }
        match op {
            Op::ITERC | Op::ITERL if a < 3 => bad(format!("{pc}: {:?}: no room for the iterator", ins)),
            Op::ITERC if a + 2 >= ms => bad(format!("{pc}: ITERC has no room to call")),
            Op::KNIL if d < a => bad(format!("{pc}: empty KNIL")),
            Op::CAT if c <= b => bad(format!("{pc}: empty CAT range")),
            _ => {}
        }
        if op.is_cond() && p.code.get(pc + 1).and_then(|i| i.op()) != Some(Op::JMP) {
            bad(format!("{pc}: {} not followed by JMP", op.name()));
        }
        if op == Op::EXTRA && (pc == 0 || p.code[pc - 1].op() != Some(Op::TSETM) || p.code[pc - 1].c() != 255) {
            bad(format!("{pc}: stray EXTRA"));
        }
        if op == Op::TSETM && c == 255 && p.code.get(pc + 1).and_then(|i| i.op()) != Some(Op::EXTRA) {
            bad(format!("{pc}: TSETM without its EXTRA"));
        }
    }
    for (i, l) in p.locals.iter().enumerate() {
        if l.live.start > l.live.end || l.live.end as usize > n {
            bad(format!("local {} has range {:?} in {n} instructions", l.name, l.live));
        }
        if l.reg.0 as u32 >= ms {
            bad(format!("local {} in r{} >= maxstack {ms}", l.name, l.reg.0));
        }
        for m in &p.locals[i + 1..] {
            // A later local overlapping an earlier one lives inside its range
            // and in a higher register.
            let overlap = m.live.start < l.live.end && l.live.start < m.live.end;
            if overlap && (m.live.end > l.live.end || m.live.start < l.live.start || m.reg <= l.reg) {
                bad(format!(
                    "locals {} {:?} {} and {} {:?} {} not nested",
                    l.name, l.live, l.reg, m.name, m.live, m.reg
                ));
            }
        }
    }
    for u in &p.upvalues {
        let ok = match (u.source, parent) {
            (UpvalSource::ParentLocal(r), Some(pp)) => r.0 < pp.maxstack,
            (UpvalSource::ParentUpval(i), Some(pp)) => (i.0 as usize) < pp.upvalues.len(),
            (_, None) => false,
        };
        if !ok {
            bad(format!("upvalue {} has a bad source {:?}", u.name, u.source));
        }
    }
    if p.numparams as u32 > ms {
        bad(format!("{} params but maxstack {ms}", p.numparams));
    }
    for (i, child) in p.protos.iter().enumerate() {
        check(child, Some(p), &format!("{path}/F{i}"), errs);
    }
}

/// Compiles `src` if it parses; panics with the structural errors found.
fn compile_and_check(name: &str, src: &[u8]) -> Option<Result<Proto, CompileError>> {
    let chunk: Chunk = parse(src, name.as_bytes()).ok()?;
    let result = compile(&chunk, name.as_bytes());
    if let Ok(p) = &result {
        let mut errs = Vec::new();
        check(p, None, name, &mut errs);
        assert!(errs.is_empty(), "{name}:\n{}\n--- source:\n{}", errs.join("\n"), String::from_utf8_lossy(src));
    }
    Some(result)
}

fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let mut files = perigee_reference::corpus::programs(&root);
    // The benchmarks are programs too; they are skipped by `programs`.
    files.extend(perigee_reference::corpus::programs(&root.join("bench")));
    let bench = root.join("bench");
    if let Ok(entries) = std::fs::read_dir(&bench) {
        for e in entries.flatten() {
            if e.path().extension().is_some_and(|x| x == "lua") {
                files.push(e.path());
            }
        }
    }
    files.sort();
    files.dedup();
    files.into_iter().filter_map(|f| Some((f.display().to_string(), std::fs::read(&f).ok()?))).collect()
}

#[test]
fn every_corpus_program_compiles_and_checks() {
    let progs = corpus();
    assert!(progs.len() > 50, "corpus not found ({} programs)", progs.len());
    let mut compiled = 0;
    for (name, src) in &progs {
        match compile_and_check(name, src) {
            Some(Ok(_)) => compiled += 1,
            Some(Err(e)) => panic!("{name}: {e:?}"),
            None => {} // a program showing a syntax error
        }
    }
    assert!(compiled > 50);
}

/// Rewrites a program so it compiles in a different context: inside a
/// function (locals become upvalue candidates), a loop (breaks close
/// upvalues), a `repeat` scope, under many locals (register pressure).
fn variations(src: &[u8]) -> Vec<Vec<u8>> {
    let s = String::from_utf8_lossy(src);
    let mut many = String::from("local ");
    for i in 0..120 {
        if i > 0 {
            many.push_str(", ");
        }
        many.push_str(&format!("p{i}"));
    }
    vec![
        format!("local function wrapper(...)\n{s}\nend\nreturn wrapper(1, 2)\n"),
        format!("for wrap_i = 1, 2 do\n{s}\nend\n"),
        format!("repeat\n{s}\nuntil true\n"),
        format!("{many}\n{s}\n"),
        format!("local up = 1\nlocal function g(...)\nlocal f = function() return up end\n{s}\nend\n"),
    ]
    .into_iter()
    .map(String::into_bytes)
    .collect()
}

#[test]
fn corpus_variations_compile_and_check() {
    let progs = corpus();
    let mut n = 0;
    for (name, src) in progs.iter() {
        for (i, v) in variations(src).iter().enumerate() {
            if compile_and_check(&format!("{name}#{i}"), v).is_some() {
                n += 1;
            }
        }
    }
    assert!(n > 100, "only {n} variations parsed");
}

/// A tiny deterministic program generator (xorshift), enough to reach
/// the compiler's corners: nested closures in loops, `break` under
/// captured locals, multiple assignment with conflicts, `and`/`or` as
/// values and conditions, varargs in every list position.
struct Gen {
    state: u64,
    depth: u32,
    locals: Vec<String>,
    counter: u32,
}

impl Gen {
    fn next(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }

    fn pick(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn name(&mut self) -> String {
        if !self.locals.is_empty() && self.pick(3) > 0 {
            let i = self.pick(self.locals.len() as u64) as usize;
            self.locals[i].clone()
        } else {
            ["g1", "g2", "t", "print"][self.pick(4) as usize].to_string()
        }
    }

    fn fresh(&mut self) -> String {
        self.counter += 1;
        format!("l{}", self.counter)
    }

    fn expr(&mut self) -> String {
        self.depth += 1;
        let e = if self.depth > 4 {
            match self.pick(5) {
                0 => "1".into(),
                1 => "\"s\"".into(),
                2 => "nil".into(),
                _ => self.name(),
            }
        } else {
            match self.pick(19) {
                0 => format!("{} + {}", self.expr(), self.expr()),
                1 => format!("({} and {} or {})", self.expr(), self.expr(), self.expr()),
                2 => format!("{} < {}", self.expr(), self.expr()),
                3 => format!("not {}", self.expr()),
                4 => format!("{} .. {} .. {}", self.expr(), self.expr(), self.expr()),
                5 => format!("{}[{}]", self.name(), self.expr()),
                6 => format!("{}.f", self.name()),
                7 => format!("{}({}, ...)", self.name(), self.expr()),
                8 => format!("{{{}, x = {}, [{}] = 2, ...}}", self.expr(), self.expr(), self.expr()),
                9 => format!("function(a, ...) {} return a, ... end", self.block()),
                10 => format!("- {}", self.expr()),
                11 => format!("#{}", self.expr()),
                12 => format!("{} == {}", self.expr(), self.expr()),
                13 => format!("{}:m({})", self.name(), self.expr()),
                14 => "...".into(),
                15 => format!("{} ~= nil", self.expr()),
                16 => format!("2 ^ {} % 3", self.expr()),
                17 => "-0".into(),
                _ => format!("({})", self.expr()),
            }
        };
        self.depth -= 1;
        e
    }

    fn block(&mut self) -> String {
        let saved = self.locals.len();
        let mut out = String::new();
        let n = if self.depth > 3 { 1 } else { 1 + self.pick(4) };
        for _ in 0..n {
            out.push_str(&self.stat());
            out.push('\n');
        }
        self.locals.truncate(saved);
        out
    }

    fn stat(&mut self) -> String {
        self.depth += 1;
        let s = match if self.depth > 4 { self.pick(3) } else { self.pick(13) } {
            0 => {
                let e = self.expr();
                let v = self.fresh();
                self.locals.push(v.clone());
                format!("local {v} = {e}")
            }
            1 => format!("{} = {}", self.name(), self.expr()),
            2 => format!("{}({})", self.name(), self.expr()),
            3 => format!(
                "if {} then {} elseif {} then {} else {} end",
                self.expr(),
                self.block(),
                self.expr(),
                self.block(),
                self.block()
            ),
            4 => {
                let v = self.fresh();
                let (a, b) = (self.expr(), self.expr());
                self.locals.push(v.clone());
                let body = self.loop_body();
                self.locals.pop();
                format!("for {v} = {a}, {b} do {body} end")
            }
            5 => {
                let (k, v) = (self.fresh(), self.fresh());
                let e = self.expr();
                self.locals.push(k.clone());
                self.locals.push(v.clone());
                let body = self.loop_body();
                self.locals.truncate(self.locals.len() - 2);
                format!("for {k}, {v} in {e} do {body} end")
            }
            6 => format!("while {} do {} end", self.expr(), self.loop_body()),
            7 => {
                let saved = self.locals.len();
                let v = self.fresh();
                let e = self.expr();
                self.locals.push(v.clone());
                let body = self.loop_body();
                let cond = self.expr();
                self.locals.truncate(saved);
                format!("repeat local {v} = {e} {body} until {cond}")
            }
            8 => {
                let (a, b) = (self.name(), self.name());
                format!("{a}[{b}], {b}, {a} = {}, {}", self.expr(), self.expr())
            }
            9 => {
                let v = self.fresh();
                self.locals.push(v.clone());
                format!("local function {v}(...) {} return {v} end", self.block())
            }
            10 => format!("do {} end", self.block()),
            11 => {
                let (a, b) = (self.fresh(), self.fresh());
                let e = self.expr();
                self.locals.push(a.clone());
                self.locals.push(b.clone());
                format!("local {a}, {b} = {e}, ...")
            }
            _ => format!("{}, {} = ...", self.name(), self.name()),
        };
        self.depth -= 1;
        s
    }

    /// A loop body: a block with a closure over the loop's locals, and
    /// sometimes a `break`.
    fn loop_body(&mut self) -> String {
        let mut b = self.block();
        if let Some(v) = self.locals.last().cloned() {
            b.push_str(&format!("g1 = function() return {v} end\n"));
        }
        if self.pick(2) == 0 {
            b.push_str(&format!("if {} then break end\n", self.expr()));
        }
        b
    }
}

#[test]
fn generated_programs_compile_and_check() {
    let mut parsed = 0;
    for seed in 1..=200u64 {
        let mut g =
            Gen { state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1, depth: 0, locals: Vec::new(), counter: 0 };
        let mut src = String::new();
        for _ in 0..6 {
            src.push_str(&g.stat());
            src.push('\n');
        }
        if g.pick(2) == 0 {
            src.push_str(&format!("return {}, ...\n", g.expr()));
        }
        if compile_and_check(&format!("gen{seed}"), src.as_bytes()).is_some() {
            parsed += 1;
        } else if std::env::var_os("SHOW_UNPARSED").is_some() {
            let e = parse(src.as_bytes(), b"=gen").err().map(|e| String::from_utf8_lossy(&e.message).into_owned());
            eprintln!("unparsed {seed}: {e:?}");
        }
    }
    assert!(parsed >= 190, "only {parsed} generated programs parsed");
}

#[test]
fn register_limit_is_an_error() {
    let args = |n: usize| vec!["a"; n].join(", ");
    assert!(matches!(compile_and_check("ok", format!("f({})", args(248)).as_bytes()), Some(Ok(_))));
    match compile_and_check("bad", format!("f({})", args(249)).as_bytes()) {
        Some(Err(e)) => {
            assert_eq!(e.message, "function or expression too complex");
            assert_eq!(e.render(b"@bad.lua"), b"bad.lua:1: function or expression too complex");
        }
        other => panic!("expected a register-limit error, got {other:?}"),
    }
    // Big constructors flush every 50 items and never run out of registers.
    let big = format!("local t = {{{}}}", vec!["1"; 20000].join(", "));
    assert!(matches!(compile_and_check("big", big.as_bytes()), Some(Ok(_))));
}

#[test]
fn deep_trees_do_not_overflow() {
    // As deep as the parser allows, on a test thread's default stack.
    let chain = format!("return a{}", ".b".repeat(990));
    assert!(compile_and_check("chain", chain.as_bytes()).is_some());
    let sum = format!("return {}", vec!["x"; 990].join(" + "));
    assert!(compile_and_check("sum", sum.as_bytes()).is_some());
    let cat = format!("return {}", vec!["x"; 150].join(" .. "));
    assert!(compile_and_check("cat", cat.as_bytes()).is_some());
    let parens = format!("return {}1{}", "(".repeat(190), ")".repeat(190));
    assert!(compile_and_check("parens", parens.as_bytes()).is_some());
    let nest = format!("{}{}", "do ".repeat(190), "end ".repeat(190));
    assert!(compile_and_check("nest", nest.as_bytes()).is_some());
}

#[test]
fn describe_names_values_like_lua51() {
    use perigee_vm::bytecode::{Pc, Reg};
    use perigee_vm::proto::NameKind;
    let src = b"local x\nlocal t = {}\nreturn y + 1, t.f + 1, x + 1, t:m(), (function() return t + 1 end)\n";
    let chunk = parse(src, b"=d").unwrap();
    let p = compile(&chunk, b"=d").unwrap();
    // Find each arithmetic instruction and name its register operand.
    let mut names = Vec::new();
    for (pc, ins) in p.code.iter().enumerate() {
        match ins.op() {
            Some(Op::ADDVN) => names.push(p.describe_reg(Reg(ins.b()), Pc(pc as u32))),
            Some(Op::CALL) => names.push(p.describe_reg(Reg(ins.a()), Pc(pc as u32))),
            _ => {}
        }
    }
    let word = |n: &Option<(NameKind, Vec<u8>)>| {
        n.as_ref().map(|(k, s)| format!("{} '{}'", k.word(), String::from_utf8_lossy(s)))
    };
    let got: Vec<_> = names.iter().map(word).collect();
    assert_eq!(
        got,
        vec![
            Some("global 'y'".to_string()),
            Some("field 'f'".to_string()),
            Some("local 'x'".to_string()),
            Some("method 'm'".to_string())
        ]
    );
    let inner = &p.protos[0];
    let pc = inner.code.iter().position(|i| i.op() == Some(Op::ADDVN)).unwrap();
    let r = Reg(inner.code[pc].b());
    assert_eq!(inner.describe_reg(r, Pc(pc as u32)), Some((NameKind::Upvalue, b"t".to_vec())));
}
