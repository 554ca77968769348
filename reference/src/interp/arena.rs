//! The run's arena: a registry of every table, Lua closure and coroutine
//! the run creates, so that when it ends everything it built is freed —
//! reference cycles included.
//!
//! The reference tier counts references instead of tracing, which frees
//! acyclic garbage at once but never a cycle (a recursive local function
//! holds its own variable; a table can hold itself; a suspended coroutine's
//! stack can hold the coroutine). The registry keeps weak links only, so it
//! does not keep anything alive; at the end of the run `release_all` breaks
//! every cycle by emptying the objects still alive. It is thread-local
//! because a run and all its coroutines live on one thread (see `memory`).
//! Dead links are pruned whenever the list doubles, so it stays within
//! twice the number of live objects.

use std::cell::RefCell;
use std::rc::Weak;

use super::coroutine::LuaThread;
use super::table::Table;
use super::value::Function;

#[derive(Default)]
struct Registry {
    tables: Links<RefCell<Table>>,
    functions: Links<Function>,
    threads: Links<LuaThread>,
}

struct Links<T> {
    links: Vec<Weak<T>>,
    /// Prune when the list reaches this length.
    next_prune: usize,
}

impl<T> Default for Links<T> {
    fn default() -> Self {
        Links { links: Vec::new(), next_prune: 1024 }
    }
}

impl<T> Links<T> {
    fn add(&mut self, w: Weak<T>) {
        self.links.push(w);
        if self.links.len() >= self.next_prune {
            self.links.retain(|l| l.strong_count() > 0);
            self.next_prune = (self.links.len() * 2).max(1024);
        }
    }

    fn take(&mut self) -> Vec<Weak<T>> {
        self.next_prune = 1024;
        std::mem::take(&mut self.links)
    }
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::default());
}

pub fn add_table(t: Weak<RefCell<Table>>) {
    REGISTRY.with(|r| r.borrow_mut().tables.add(t));
}

pub fn add_function(f: Weak<Function>) {
    REGISTRY.with(|r| r.borrow_mut().functions.add(f));
}

pub fn add_thread(t: Weak<LuaThread>) {
    REGISTRY.with(|r| r.borrow_mut().threads.add(t));
}

/// Empties every object of the run that is still alive, which breaks all
/// cycles among them. Called once the run's main chunk has finished.
pub fn release_all() {
    // Suspended coroutines first: dropping one unwinds its stack, which
    // releases whatever its frames held.
    let threads = REGISTRY.with(|r| r.borrow_mut().threads.take());
    for t in threads.iter().filter_map(Weak::upgrade) {
        t.release();
    }
    let functions = REGISTRY.with(|r| r.borrow_mut().functions.take());
    for f in functions.iter().filter_map(Weak::upgrade) {
        if let Function::Lua(lf) = &*f {
            lf.captured.borrow_mut().take();
        }
    }
    let tables = REGISTRY.with(|r| r.borrow_mut().tables.take());
    for t in tables.iter().filter_map(Weak::upgrade) {
        if let Ok(mut tab) = t.try_borrow_mut() {
            let contents = std::mem::take(&mut *tab);
            drop(tab);
            drop(contents);
        }
    }
}
