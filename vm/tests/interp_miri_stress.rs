//! `interp_miri.rs`'s programs with a collection at every allocation
//! (`PERIGEE_GC_STRESS`), so collections happen while frames are live;
//! a file of its own because it sets an environment variable. Under Miri:
//! `MIRIFLAGS=-Zmiri-permissive-provenance cargo +nightly miri test -p
//! perigee-vm --test interp_miri_stress`.

#[path = "interp_miri/common.rs"]
mod common;

use common::*;
use perigee_vm::gc::STRESS_ENV;

#[test]
fn small_programs_under_gc_stress() {
    // The only test in this binary (its own process), so setting the
    // variable races with no other thread.
    std::env::set_var(STRESS_ENV, "1");
    check(BASIC, BASIC_OUT);
    check(GC, GC_OUT);
    check(CORO, CORO_OUT);
    std::env::remove_var(STRESS_ENV);
}
