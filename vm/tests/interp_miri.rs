//! Small programs on the interp tier alone, cheap enough to run under
//! Miri (`MIRIFLAGS=-Zmiri-permissive-provenance cargo +nightly miri test
//! -p perigee-vm --test interp_miri`, about 80 s; values are addresses
//! turned back into pointers, hence the flag):
//! they take the dispatch loop's unsafe paths (the raw register and
//! instruction pointers re-derived after calls, the detached code and
//! constants, the frame records' prototype pointers) through calls,
//! metamethods, upvalues, coroutines, errors and collections at every
//! allocation. The reference tier is not run: its coroutines switch
//! stacks, which Miri does not support. Run on the current thread
//! (`run_here`): the pooled run threads outlive the test, which Miri
//! reports as a leak.

#[path = "interp_miri/common.rs"]
mod common;

use common::*;
use perigee_reference::{End, RunOptions};

#[test]
fn small_programs() {
    check(BASIC, BASIC_OUT);
    check(CORO, CORO_OUT);
}

/// The expected outputs are the reference tier's (not run under Miri).
#[cfg(not(miri))]
#[test]
fn reference_agrees() {
    for (src, want) in [(BASIC, BASIC_OUT), (GC, GC_OUT), (CORO, CORO_OUT)] {
        let o = perigee_reference::run(src.as_bytes(), b"=t", &RunOptions::default()).outcome;
        assert_eq!(o.end, End::Ok(vec![]), "{src}");
        assert_eq!(String::from_utf8_lossy(&o.stdout), want, "{src}");
    }
}
