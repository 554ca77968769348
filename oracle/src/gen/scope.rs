//! What the generator knows about the variables in scope: their static
//! type (kept invariant for the variable's whole life, so any closure may
//! use it at any time), whether generated code may assign them, which
//! function level declared them, and a bound on an array's length.
//!
//! Keeping types invariant is what makes generated programs error-free
//! except where an error is generated on purpose; "values that change type"
//! are expressed through the `NumStr` (number or numeric string, which
//! behaves the same in arithmetic and concatenation) and `Any` types.

use perigee_reference::ast::Name;

/// The static type of a generated variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// Always a number.
    Num,
    /// A number or a string that converts to a number: fine in arithmetic
    /// and `..`, never compared with `<` or used as a string argument.
    NumStr,
    /// Always a string.
    Str,
    Bool,
    /// A sequence of numbers (no holes ever, so `#` is defined).
    Arr,
    /// `{x = num, y = num, s = str, t = Arr}`.
    Rec,
    /// `OBJ(num)`: a table with the prelude's metatable `MT`.
    Obj,
    /// A function of `params` numbers returning `rets` numbers. Leaf
    /// functions call no generated function, so redefining one cannot make
    /// a cycle; `cost` bounds the steps of one call.
    Fn {
        params: u8,
        rets: u8,
        leaf: bool,
        cost: u32,
    },
    /// Anything; only printed, compared with `==`, tested for truth.
    Any,
}

#[derive(Debug, Clone)]
pub struct Var {
    pub name: Name,
    pub ty: Ty,
    pub assignable: bool,
    /// Function nesting level (0 = main chunk) of the declaration.
    pub level: usize,
    /// An array being traversed by `ipairs`: not to be appended to.
    pub frozen: bool,
    /// For arrays: a bound on the length, for cost estimates.
    pub len: u64,
}

/// One function being generated.
#[derive(Debug, Clone, Default)]
pub struct Level {
    pub vararg: bool,
    /// Loops enclosing the current point inside this function.
    pub loops: u32,
    /// Whether calls of generated functions are forbidden (leaf bodies).
    pub leaf: bool,
}

#[derive(Debug, Default)]
pub struct Scope {
    pub vars: Vec<Var>,
    marks: Vec<usize>,
    pub levels: Vec<Level>,
}

/// Lua 5.1 allows 60 upvalues per function; a function can capture at most
/// every visible local, so keeping the visible locals under this keeps
/// every generated function legal.
pub const MAX_VISIBLE: usize = 48;

impl Scope {
    pub fn new() -> Scope {
        Scope { vars: Vec::new(), marks: Vec::new(), levels: vec![Level { vararg: true, ..Level::default() }] }
    }

    pub fn open(&mut self) {
        self.marks.push(self.vars.len());
    }

    pub fn close(&mut self) {
        let m = self.marks.pop().unwrap_or(0);
        self.vars.truncate(m);
    }

    pub fn level(&self) -> usize {
        self.levels.len() - 1
    }

    pub fn top(&mut self) -> &mut Level {
        self.levels.last_mut().expect("the main chunk's level is never popped")
    }

    pub fn declare(&mut self, name: Name, ty: Ty, assignable: bool) {
        let level = self.level();
        self.vars.push(Var { name, ty, assignable, level, frozen: false, len: 4 });
    }

    /// Room for `k` more locals.
    pub fn room(&self, k: usize) -> bool {
        self.vars.len() + k <= MAX_VISIBLE
    }

    /// Indices of the visible variables satisfying `f`, innermost last;
    /// shadowed names are skipped.
    pub fn find(&self, f: impl Fn(&Var) -> bool) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, v) in self.vars.iter().enumerate() {
            let shadowed = self.vars[i + 1..].iter().any(|w| w.name == v.name);
            if !shadowed && f(v) {
                out.push(i);
            }
        }
        out
    }
}
