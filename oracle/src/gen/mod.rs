//! The program generator of issue 4: from `arbitrary::Unstructured`, the
//! AST of a well-scoped, terminating, deterministic Lua 5.1 program,
//! printed with the reference tier's printer.
//!
//! Every program is a fixed prelude (helpers `S`, `N`, `CK`, the
//! metatable `MT` and friends, parsed from source below) followed by
//! generated statements, a checksum of the main chunk's locals and
//! sometimes a deliberate uncaught error. Output never depends on `pairs`
//! order, `#` of a table with holes, addresses or NaN's sign: every
//! printed value goes through `S`.
//!
//! Termination is by construction: every loop has a bound fixed when it
//! starts, recursion is driven by a constant depth, and redefinable
//! functions are leaves, so no call cycle can form. The generator also
//! keeps an estimate of the steps a run takes (`Gen::mult` is how often
//! the current point runs) and stays under `BUDGET`; runs are still given
//! a step limit.
//!
//! Files: `build` (AST constructors), `scope` (variables and their
//! types), `values` (constants), `expr` (typed expressions), `stmt`
//! (statements), `loops`, `funcs` (functions, closures, varargs,
//! recursion, coroutines), `errors` (pcall/error).

mod build;
mod errors;
mod expr;
mod funcs;
mod loops;
mod scope;
mod stmt;
mod values;

use arbitrary::{Result, Unstructured};
use perigee_reference::ast::{Chunk, Name, Stat};
use perigee_reference::print::chunk_to_source;

use build::*;
use scope::{Scope, Ty};

/// Estimated steps a whole run may take.
pub const BUDGET: u64 = 40_000;
/// Estimated steps one call of a generated function may take.
const FUNC_BUDGET: u64 = 600;
/// Estimated steps one call of a leaf function may take.
const LEAF_BUDGET: u64 = 12;
/// Deepest block nesting.
const MAX_DEPTH: u32 = 4;

/// What the generator knows about the program it made.
#[derive(Debug, Clone, Default)]
pub struct GenStats {
    /// The largest trip count of a loop in code that surely runs (the main
    /// chunk's unconditional statements and loop bodies).
    pub longest_loop: u64,
    pub loops: u32,
    pub functions: u32,
    /// The generator's estimate of the steps a run takes.
    pub estimated_steps: u64,
    /// Whether the program ends with a deliberate uncaught error.
    pub trailing_error: bool,
}

/// A generated program.
#[derive(Debug, Clone)]
pub struct Program {
    pub chunk: Chunk,
    pub source: String,
    pub stats: GenStats,
}

/// Generates a program; the source only.
pub fn generate(u: &mut Unstructured) -> Result<String> {
    Ok(generate_program(u)?.source)
}

/// Generates a program with its AST and the generator's figures.
pub fn generate_program(u: &mut Unstructured) -> Result<Program> {
    let mut g = Gen {
        u,
        scope: Scope::new(),
        mult: 1,
        spent: 0,
        limit: BUDGET,
        depth: 0,
        fresh: 0,
        stats: GenStats::default(),
        sure: true,
        loop_vars: Vec::new(),
    };
    let mut stats = prelude();
    let n = g.u.int_in_range(6..=28)?;
    g.stats_n(n, &mut stats)?;
    stats.extend(g.checksum());
    if g.u.ratio(1, 8)? && !g.u.is_empty() {
        g.stats.trailing_error = true;
        stats.push(g.error_stat()?);
    }
    g.stats.estimated_steps = g.spent;
    let chunk = Chunk { body: func_body(Vec::new(), true, stats) };
    let source = String::from_utf8_lossy(&chunk_to_source(&chunk)).into_owned();
    Ok(Program { chunk, source, stats: g.stats })
}

/// The program for `seed`: a byte buffer from a splitmix64 stream fed to
/// `generate`.
pub fn generate_from_seed(seed: u64) -> String {
    program_from_seed(seed).source
}

/// `generate_program` on the bytes of `seed`.
pub fn program_from_seed(seed: u64) -> Program {
    let mut state = seed;
    let mut bytes = Vec::with_capacity(SEED_BYTES);
    while bytes.len() < SEED_BYTES {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        bytes.extend_from_slice(&z.to_le_bytes());
    }
    let mut u = Unstructured::new(&bytes);
    generate_program(&mut u).expect("generation from a finite buffer never fails")
}

const SEED_BYTES: usize = 8192;

/// The helpers every program starts with, as Lua source. They are globals,
/// so they cost no upvalue slots in generated functions.
const PRELUDE: &str = r#"
ZERO = 0
function S(x)
  local t = type(x)
  if t == "number" then
    if x ~= x then return "nan" end
    return tostring(x)
  elseif t == "string" then return x
  elseif t == "table" then
    if getmetatable(x) == MT then return "obj" .. S(rawget(x, "v")) end
    return "table"
  elseif t == "nil" or t == "boolean" then return tostring(x)
  end
  return t
end
function N(x)
  if type(x) ~= "number" or x ~= x or x == math.huge or x == -math.huge then return 0 end
  return x
end
function ES(e)
  if type(e) == "table" then return "E{" .. S(e.code) .. "}" end
  return S(e)
end
function CK(v)
  local t = type(v)
  if t == "number" then return N(v)
  elseif t == "string" then return #v
  elseif t == "table" then return #v + N(rawget(v, "v")) + N(rawget(v, "x"))
  elseif v then return 1 end
  return 0
end
function F(x)
  if x ~= x then return "nan" end
  return x
end
function V(x)
  if type(x) == "table" then return rawget(x, "v") or 0 end
  return x
end
function range(n)
  local i = 0
  return function()
    i = i + 1
    if i <= n then return i end
  end
end
Proto = {}
function Proto.get(self) return self.v end
function Proto.bump(self, d) self.v = self.v + d return self.v end
setmetatable(Proto, {__index = function(t, k) return #k end})
MT = {__index = Proto}
MT.__newindex = function(t, k, v) rawset(t, k, V(v) * 2) end
MT.__add = function(a, b) return V(a) + V(b) end
MT.__eq = function(a, b) return V(a) == V(b) end
MT.__lt = function(a, b) return V(a) < V(b) end
MT.__concat = function(a, b) return S(a) .. "~" .. S(b) end
MT.__call = function(self, x) return V(self) + (x or 1) end
function OBJ(v) return setmetatable({v = v}, MT) end
"#;

fn prelude() -> Vec<Stat> {
    let chunk = perigee_reference::parser::parse(PRELUDE.as_bytes(), b"=prelude").expect("the prelude parses");
    chunk.body.body.stats.clone()
}

pub(crate) struct Gen<'a, 'b> {
    pub(crate) u: &'b mut Unstructured<'a>,
    pub(crate) scope: Scope,
    /// How many times the current point runs per run of the program
    /// (product of enclosing trip counts, times calls).
    pub(crate) mult: u64,
    /// Estimated steps spent so far in the current budget.
    pub(crate) spent: u64,
    pub(crate) limit: u64,
    pub(crate) depth: u32,
    pub(crate) fresh: u32,
    pub(crate) stats: GenStats,
    /// Whether the current point surely runs (for `GenStats`).
    pub(crate) sure: bool,
    /// The variable of each enclosing loop, innermost last (`None` for
    /// loops without one).
    pub(crate) loop_vars: Vec<Option<Name>>,
}

impl Gen<'_, '_> {
    /// Whether `steps` more per run of the current point fit the budget.
    pub(crate) fn afford(&self, steps: u64) -> bool {
        self.spent.saturating_add(steps.saturating_mul(self.mult)) <= self.limit
    }

    pub(crate) fn spend(&mut self, steps: u64) {
        self.spent = self.spent.saturating_add(steps.saturating_mul(self.mult));
    }

    pub(crate) fn fresh(&mut self, prefix: &str) -> Name {
        self.fresh += 1;
        nm(&format!("{prefix}{}", self.fresh))
    }

    pub(crate) fn pick(&mut self, n: usize) -> Result<usize> {
        if n <= 1 {
            return Ok(0);
        }
        self.u.choose_index(n)
    }

    pub(crate) fn chance(&mut self, num: u32, den: u32) -> Result<bool> {
        if self.u.is_empty() {
            return Ok(false);
        }
        self.u.ratio(num, den)
    }

    /// A block of up to `n` statements in a new scope.
    pub(crate) fn block_of(&mut self, n: u32) -> Result<Vec<Stat>> {
        self.scope.open();
        self.depth += 1;
        let mut out = Vec::new();
        self.stats_n(n, &mut out)?;
        self.depth -= 1;
        self.scope.close();
        Ok(out)
    }

    /// Up to `n` statements in the current scope.
    pub(crate) fn stats_n(&mut self, n: u32, out: &mut Vec<Stat>) -> Result<()> {
        for _ in 0..n {
            if self.u.is_empty() || !self.afford(1) {
                break;
            }
            self.stat(out)?;
        }
        Ok(())
    }

    /// The closing checksum: every local of the main chunk still visible,
    /// folded through `CK` and printed.
    fn checksum(&mut self) -> Vec<Stat> {
        let ck = nm("ck__");
        let mut out = vec![local1(&ck, int(0))];
        let vars: Vec<Name> = self
            .scope
            .vars
            .iter()
            .filter(|v| v.level == 0 && !matches!(v.ty, Ty::Fn { .. }))
            .map(|v| v.name.clone())
            .collect();
        for v in vars {
            out.push(assign1(var(&ck), bin(perigee_reference::ast::BinOp::Add, var(&ck), gcall("CK", vec![var(&v)]))));
        }
        out.push(call_stat(gcall("print", vec![string("checksum"), gcall("S", vec![var(&ck)])])));
        out
    }
}
