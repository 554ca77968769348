//! The host stack the tree walker recurses on, grown in segments.
//!
//! Lua calls recurse on the Rust stack, and a coroutine must reach the
//! same 16382 frames as the main thread, which takes up to a few hundred
//! megabytes of host stack. Reserving that much for every coroutine is
//! free on real hardware, but qemu-user keeps about 0.6 % of every guest
//! mapping as bookkeeping in its own heap, used or not: 5000 suspended
//! coroutines cost 7.5 GB there, and the test suite ran out of memory.
//!
//! So a coroutine starts on one small segment, and when the interpreter
//! finds itself near the floor of the segment it is on (the same check
//! that used to end the run), it continues the call on a fresh segment
//! (`corosensei::on_stack`, which also carries panics and forced unwinds
//! across) until the thread's budget is used up. Segments come from a
//! per-thread pool, so recursion that goes back and forth over a segment
//! boundary does not map and unmap memory every time.

use std::cell::{Cell, RefCell};

use corosensei::stack::{DefaultStack, Stack};

use super::error::{LResult, LuaError};
use super::{stack_address, Ctx, LimitKind};

/// Size of each coroutine stack segment, the first one included.
pub const SEGMENT: usize = 2 << 20;
/// Headroom kept below the deepest level the interpreter enters: the code
/// between two depth checks (library functions included) uses less.
pub const STACK_MARGIN: usize = 512 << 10;
/// Segments kept for reuse per host thread.
const MAX_SPARE_SEGMENTS: usize = 16;

thread_local! {
    static SPARE: RefCell<Vec<DefaultStack>> = const { RefCell::new(Vec::new()) };
}

/// A segment from the pool, or a new one.
pub fn take_segment() -> std::io::Result<DefaultStack> {
    match SPARE.with(|s| s.borrow_mut().pop()) {
        Some(stack) => Ok(stack),
        None => DefaultStack::new(SEGMENT),
    }
}

/// Gives a segment nothing runs on any more back to the pool.
pub fn give_back(stack: DefaultStack) {
    SPARE.with(|s| {
        let mut spare = s.borrow_mut();
        if spare.len() < MAX_SPARE_SEGMENTS {
            spare.push(stack);
        }
    });
}

/// How deep one host thread of the interpreter may go: the floor of the
/// segment it runs on, and how many more usable bytes it may take in
/// new segments.
pub struct Depth {
    floor: Cell<usize>,
    left: Cell<usize>,
}

impl Depth {
    /// For code that starts here, on a stack with `first` bytes below
    /// this point, allowed `budget` usable bytes in all.
    pub fn here(first: usize, budget: usize) -> Depth {
        let usable = first.saturating_sub(STACK_MARGIN);
        Depth {
            floor: Cell::new(stack_address().saturating_sub(usable)),
            left: Cell::new(budget.saturating_sub(usable)),
        }
    }
}

/// Restores the depth state when a segment's call ends, returned or
/// unwound.
struct Restore<'d> {
    depth: &'d Depth,
    floor: usize,
    left: usize,
}

impl Drop for Restore<'_> {
    fn drop(&mut self) {
        self.depth.floor.set(self.floor);
        self.depth.left.set(self.left);
    }
}

impl Ctx<'_> {
    /// Runs `f`, one level deeper into the host stack: here when there is
    /// room above the floor, else on a new segment while the budget lasts,
    /// else it is the stack-depth limit.
    #[inline]
    pub fn deeper<R>(&self, f: impl FnOnce() -> LResult<R>) -> LResult<R> {
        if stack_address() >= self.depth.floor.get() {
            f()
        } else {
            self.on_new_segment(f)
        }
    }

    #[cold]
    #[inline(never)]
    fn on_new_segment<R>(&self, f: impl FnOnce() -> LResult<R>) -> LResult<R> {
        let depth = &self.depth;
        let usable = SEGMENT - STACK_MARGIN;
        let left = depth.left.get();
        if left < usable {
            return Err(LuaError::Limit(LimitKind::StackDepth));
        }
        let Ok(mut segment) = take_segment() else {
            return Err(LuaError::Limit(LimitKind::Memory));
        };
        let restore = Restore { depth, floor: depth.floor.get(), left };
        depth.floor.set(segment.base().get() - usable);
        depth.left.set(left - usable);
        // `on_stack` runs `f` to its end on the segment and comes back
        // here, rethrowing a panic (or a coroutine's forced unwind) only
        // after it has switched back, so the segment is no longer in use
        // when it is pooled or dropped.
        let result = corosensei::on_stack(&mut segment, f);
        drop(restore);
        give_back(segment);
        result
    }
}
