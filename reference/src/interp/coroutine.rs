//! Coroutines (§2.11) as stackful coroutines on their own host stacks.
//!
//! The tree walker keeps Lua's call stack on the Rust stack, so a coroutine
//! needs a Rust stack of its own: `corosensei` provides one and switches
//! to it on `resume` and back on `yield`. Because the whole Rust stack is
//! suspended, a yield from inside `pcall`, a metamethod or an iterator
//! needs no special support — which is perigee's documented deviation from
//! PUC-Rio 5.1 (LuaJIT behaves the same way).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use corosensei::stack::DefaultStack;
use corosensei::{Coroutine, CoroutineResult, Yielder};

use super::call::FrameName;
use super::error::{LResult, LuaError};
use super::hoststack::{self, Depth};
use super::value::{FuncRef, Value};
use super::{Ctx, COROUTINE_STACK};

/// What a coroutine body uses to suspend itself: values out, values in.
pub type YieldPoint = Yielder<Vec<Value>, Vec<Value>>;

/// How a coroutine body ended.
enum Finish {
    Returned(Vec<Value>),
    Failed(LuaError),
}

type Body = Coroutine<Vec<Value>, Vec<Value>, Finish, DefaultStack>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Suspended,
    Running,
    /// Active but not running: it resumed another coroutine.
    Normal,
    Dead,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Suspended => "suspended",
            Status::Running => "running",
            Status::Normal => "normal",
            Status::Dead => "dead",
        }
    }
}

pub struct LuaThread {
    body: RefCell<Option<Body>>,
    pub status: Cell<Status>,
}

impl LuaThread {
    /// Drops the coroutine's body (unwinding its stack if it is
    /// suspended), unless it is running. For the end of a run.
    pub fn release(&self) {
        if let Ok(mut body) = self.body.try_borrow_mut() {
            let dropped = body.take();
            drop(body);
            if let Some(b) = dropped {
                recycle(b);
            }
            self.status.set(Status::Dead);
        }
    }
}

impl Drop for LuaThread {
    fn drop(&mut self) {
        if let Some(b) = self.body.get_mut().take() {
            recycle(b);
        }
    }
}

/// Unwinds a coroutine that has not finished (running its frames'
/// destructors) and keeps its stack for the next coroutine.
fn recycle(mut body: Body) {
    body.force_unwind();
    if body.done() {
        hoststack::give_back(body.into_stack());
    }
}

#[derive(Clone)]
pub struct ThreadRef(pub Rc<LuaThread>);

impl Ctx<'_> {
    /// `coroutine.create(f)`.
    pub fn create_thread(&self, f: FuncRef) -> LResult<ThreadRef> {
        let stack = hoststack::take_segment().map_err(|_| self.lib_error("not enough memory"))?;
        let thread = Rc::new(LuaThread { body: RefCell::new(None), status: Cell::new(Status::Suspended) });
        // A weak link: the coroutine must not keep itself alive.
        let me: Weak<LuaThread> = Rc::downgrade(&thread);
        let st = self.st.clone();
        let body = Coroutine::with_stack(stack, move |yielder: &YieldPoint, args: Vec<Value>| {
            let this = me.upgrade().map(ThreadRef);
            let ctx = Ctx::new(&st, this, Some(yielder), Depth::here(hoststack::SEGMENT, COROUTINE_STACK));
            match ctx.call_function(&f, args, FrameName::None) {
                Ok(values) => Finish::Returned(values),
                Err(e) => Finish::Failed(e),
            }
        });
        *thread.body.borrow_mut() = Some(body);
        super::arena::add_thread(Rc::downgrade(&thread));
        Ok(ThreadRef(thread))
    }

    /// The status `coroutine.status` reports for `th` seen from here.
    pub fn thread_status(&self, th: &ThreadRef) -> Status {
        match &self.thread {
            Some(me) if Rc::ptr_eq(&me.0, &th.0) => Status::Running,
            _ => th.0.status.get(),
        }
    }

    /// `coroutine.resume(th, args...)`: `Ok(Ok(values))` on a yield or
    /// return, `Ok(Err(message))` when it cannot run or fails.
    pub fn resume(&self, th: &ThreadRef, args: Vec<Value>) -> LResult<Result<Vec<Value>, Value>> {
        let status = self.thread_status(th);
        if status != Status::Suspended {
            return Ok(Err(Value::str(format!("cannot resume {} coroutine", status.name()).as_bytes())));
        }
        let saved = self.st.c_calls.get();
        // lua_resume checks before counting itself, unlike luaD_call.
        if saved >= super::MAX_C_CALLS {
            return Ok(Err(Value::str(b"C stack overflow")));
        }
        let Ok(mut slot) = th.0.body.try_borrow_mut() else {
            return Ok(Err(Value::str(b"cannot resume non-suspended coroutine")));
        };
        let Some(body) = slot.as_mut() else {
            return Ok(Err(Value::str(b"cannot resume dead coroutine")));
        };
        self.st.c_calls.set(saved + 1);
        if let Some(me) = &self.thread {
            me.0.status.set(Status::Normal);
        }
        th.0.status.set(Status::Running);
        let result = body.resume(args);
        self.st.c_calls.set(saved);
        if let Some(me) = &self.thread {
            me.0.status.set(Status::Running);
        }
        match result {
            CoroutineResult::Yield(values) => {
                th.0.status.set(Status::Suspended);
                Ok(Ok(values))
            }
            CoroutineResult::Return(finish) => {
                th.0.status.set(Status::Dead);
                if let Some(b) = slot.take() {
                    recycle(b);
                }
                match finish {
                    Finish::Returned(values) => Ok(Ok(values)),
                    Finish::Failed(LuaError::Error { value, .. }) => Ok(Err(value)),
                    Finish::Failed(limit) => Err(limit),
                }
            }
        }
    }

    /// `coroutine.yield(values...)`: suspends the running coroutine and
    /// returns what the next `resume` passes in.
    pub fn yield_(&self, values: Vec<Value>) -> LResult<Vec<Value>> {
        match self.yielder {
            Some(y) if self.no_yield.get() == 0 => Ok(y.suspend(values)),
            // 5.1 says this for the main thread too.
            _ => Err(self.error_here("attempt to yield across metamethod/C-call boundary")),
        }
    }
}
