//! The tree-walking interpreter: the oracle every faster tier is judged by.
//!
//! ```text
//! ast::Chunk -> [eval: statements and expressions, §2.4–§2.5]
//!            -> [ops: arithmetic, comparison, indexing with metamethods, §2.8]
//!            -> [call: frames, calls, tail calls, errors, §2.5.8 / §2.7]
//!            -> [lib: the standard library, §5]
//! ```
//!
//! Design choices, each for obviousness:
//! - every local is a shared cell (`Var`), so closures capture variables,
//!   not values, and a loop body's fresh local per iteration (§2.6) is just
//!   a new cell;
//! - Lua calls recurse on the Rust stack, which is made large (the run gets
//!   its own thread with a 1 GB stack; each coroutine gets stacks from
//!   `corosensei`, in 2 MB segments added as it goes deeper, see
//!   `hoststack`), while Lua's own limits (16382 frames, 200 nested C calls,
//!   as PUC-Rio 5.1 counts them) raise the same errors `lua5.1` raises; a
//!   stack-address check backs them up so no input can overflow the host
//!   stack;
//! - tail calls return to the caller's call loop, so tail recursion runs in
//!   constant stack (§2.5.8);
//! - coroutines are stackful, so a yield from inside `pcall`, a metamethod
//!   or an iterator simply works (perigee's documented deviation from 5.1).

pub mod arena;
pub mod call;
pub mod coroutine;
pub mod error;
pub mod eval;
pub mod hoststack;
pub mod lib;
pub mod memory;
pub mod ops;
pub mod table;
pub mod value;

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Instant;

use self::call::Frame;
use self::coroutine::{ThreadRef, YieldPoint};
use self::error::LimitKind;
use self::table::Table;
use self::value::{TableRef, Value};

/// Bounds on a run; `None` means unbounded.
#[derive(Debug, Clone, Copy, Default)]
pub struct Limits {
    /// Statements executed plus calls made.
    pub steps: Option<u64>,
    /// Bytes of live strings and tables.
    pub memory: Option<usize>,
}

/// Where `print` and `io.write` go.
pub enum Output {
    /// Collected for an `Outcome`.
    Capture(Vec<u8>),
    /// Written through to the process's stdout (the command line).
    Stdout,
}

/// State shared by the main thread and every coroutine of one run.
pub struct State {
    pub globals: TableRef,
    /// `package.loaded`, also the registry's `_LOADED`.
    pub loaded: TableRef,
    /// Metatables of the types other than table and userdata, indexed by
    /// `type_index` (strings get one holding `__index = string`).
    pub type_meta: RefCell<[Option<TableRef>; 9]>,
    pub out: RefCell<Output>,
    /// PUC-Rio's `nCcalls`: nested calls that go through the C API
    /// (`pcall`, metamethods, library callbacks, `resume`). 5.1 raises
    /// "C stack overflow" at 200.
    pub c_calls: Cell<u32>,
    /// `collectgarbage("setpause"/"setstepmul")` settings: the tree walker
    /// frees by reference counting, so they are only remembered (5.1
    /// returns the previous value).
    pub gc_pause: Cell<i64>,
    pub gc_stepmul: Cell<i64>,
    pub steps: Cell<u64>,
    pub limits: Limits,
    /// The `math.random` generator's state.
    pub rng: Cell<u64>,
    pub started: Instant,
    /// Script arguments, for `arg` and `...` of the main chunk.
    pub script_args: Vec<Vec<u8>>,
    /// Per vararg function body: whether it mentions `...` (see
    /// `eval::run_function` on 5.1's `arg`). Holds the body so the key
    /// address stays unique.
    pub vararg_use: RefCell<std::collections::HashMap<usize, (std::sync::Arc<crate::ast::FuncBody>, bool)>>,
}

/// Lua 5.1's `LUAI_MAXCCALLS`.
pub const MAX_C_CALLS: u32 = 200;

/// Frames a thread may hold: 5.1 grows its CallInfo array by doubling and
/// fails when it would pass `LUAI_MAXCALLS` (20000), i.e. beyond 16384
/// entries; the base entry and `lua.c`'s own C function take two of them.
pub const MAX_FRAMES: usize = 16382;

/// The execution context of one Lua thread (the main thread or a
/// coroutine): its frames, and how to yield out of it. Lives on that
/// thread's own stack and is passed down by reference.
pub struct Ctx<'a> {
    pub st: &'a Rc<State>,
    /// The running coroutine, `None` on the main thread.
    pub thread: Option<ThreadRef>,
    pub yielder: Option<&'a YieldPoint>,
    pub frames: RefCell<Vec<Frame>>,
    /// How deep this thread may recurse on the host stack (`hoststack`).
    pub depth: hoststack::Depth,
    /// Library callbacks in progress on this thread (`no_yield`): a yield
    /// from under one is refused, as 5.1 refuses one from under a C
    /// function that calls back into Lua (`table.sort`'s comparisons,
    /// `gsub`'s function, `tostring`'s `__tostring`, ...). Only `pcall`,
    /// `xpcall` and metamethods the language itself runs let a yield
    /// through (DESIGN.md's deviation, as LuaJIT).
    pub no_yield: std::cell::Cell<u32>,
}

/// Host stack given to the thread that runs the main chunk.
pub const MAIN_STACK: usize = 1 << 30;
/// Host stack each coroutine may use in all, in `hoststack::SEGMENT`s.
pub const COROUTINE_STACK: usize = 256 << 20;

/// An address on the current stack, to measure how deep we are.
#[inline(always)]
pub fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

impl<'a> Ctx<'a> {
    pub fn new(
        st: &'a Rc<State>,
        thread: Option<ThreadRef>,
        yielder: Option<&'a YieldPoint>,
        depth: hoststack::Depth,
    ) -> Ctx<'a> {
        Ctx { st, thread, yielder, frames: RefCell::new(Vec::new()), depth, no_yield: std::cell::Cell::new(0) }
    }

    /// Runs `f`, a library function's calls back into Lua, with yields
    /// refused (see `no_yield`).
    pub fn no_yield<R>(&self, f: impl FnOnce() -> R) -> R {
        self.no_yield.set(self.no_yield.get() + 1);
        let r = f();
        self.no_yield.set(self.no_yield.get() - 1);
        r
    }

    /// Counts one step against the budget and checks the memory cap.
    #[inline]
    pub fn step(&self) -> error::LResult<()> {
        let n = self.st.steps.get() + 1;
        self.st.steps.set(n);
        if let Some(max) = self.st.limits.steps {
            if n > max {
                return Err(error::LuaError::Limit(LimitKind::Steps));
            }
        }
        if n & 0xff == 0 {
            self.check_memory()?;
        }
        Ok(())
    }

    pub fn check_memory(&self) -> error::LResult<()> {
        if let Some(max) = self.st.limits.memory {
            if memory::live() > max {
                return Err(error::LuaError::Limit(LimitKind::Memory));
            }
        }
        Ok(())
    }
}

/// Index of a value's type in `State::type_meta`.
pub fn type_index(v: &Value) -> usize {
    match v {
        Value::Nil => 0,
        Value::Bool(_) => 1,
        Value::Num(_) => 2,
        Value::Str(_) => 3,
        Value::Table(_) => 4,
        Value::Func(_) => 5,
        Value::Thread(_) => 6,
        Value::UserData(_) => 7,
    }
}

impl State {
    pub fn new(limits: Limits, out: Output, script_args: Vec<Vec<u8>>) -> Rc<State> {
        let globals = TableRef::new(Table::new());
        let loaded = TableRef::new(Table::new());
        Rc::new(State {
            globals,
            loaded,
            type_meta: RefCell::new(Default::default()),
            out: RefCell::new(out),
            c_calls: Cell::new(0),
            gc_pause: Cell::new(200),
            gc_stepmul: Cell::new(200),
            steps: Cell::new(0),
            limits,
            rng: Cell::new(0x2545_f491_4f6c_dd1d),
            started: Instant::now(),
            script_args,
            vararg_use: RefCell::new(std::collections::HashMap::new()),
        })
    }

    pub fn write_out(&self, bytes: &[u8]) {
        match &mut *self.out.borrow_mut() {
            Output::Capture(buf) => buf.extend_from_slice(bytes),
            Output::Stdout => {
                use std::io::Write;
                let _ = std::io::stdout().write_all(bytes);
            }
        }
    }

    pub fn flush_out(&self) {
        if let Output::Stdout = &*self.out.borrow() {
            use std::io::Write;
            let _ = std::io::stdout().flush();
        }
    }
}

/// Compiles a chunk into a function whose environment is `env` (§2.4.1:
/// a chunk is the body of an anonymous vararg function). A syntax error
/// comes back as lua5.1's message.
pub fn load(env: &TableRef, source: &[u8], chunkname: &[u8]) -> Result<value::FuncRef, Vec<u8>> {
    let chunk = crate::parser::parse(source, chunkname).map_err(|e| e.message)?;
    Ok(load_chunk(env, chunk, chunkname))
}

/// Makes the function of an already parsed chunk.
pub fn load_chunk(env: &TableRef, chunk: crate::ast::Chunk, chunkname: &[u8]) -> value::FuncRef {
    let source = Rc::new(call::SourceName { chunkname: chunkname.to_vec(), short: crate::lexer::chunk_id(chunkname) });
    value::FuncRef::lua(value::LuaFunction {
        body: chunk.body,
        captured: RefCell::new(None),
        env: RefCell::new(env.clone()),
        source,
    })
}
