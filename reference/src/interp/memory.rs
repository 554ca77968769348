//! The run's memory account: bytes held by live strings and tables.
//!
//! A thread-local counter, because one interpreter runs on one thread (its
//! coroutines included) and objects release their charge in `Drop`, where
//! no interpreter handle is at hand. The cap itself is checked by the
//! interpreter at safe points, so exceeding it becomes `Outcome::Limit`
//! instead of an allocation failure.

use std::cell::Cell;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
}

pub fn charge(bytes: usize) {
    LIVE.with(|c| c.set(c.get().saturating_add(bytes)));
}

pub fn release(bytes: usize) {
    LIVE.with(|c| c.set(c.get().saturating_sub(bytes)));
}

/// Bytes currently charged on this thread.
pub fn live() -> usize {
    LIVE.with(|c| c.get())
}

/// Starts the account afresh (a new run on a reused thread).
pub fn reset() {
    LIVE.with(|c| c.set(0));
}
