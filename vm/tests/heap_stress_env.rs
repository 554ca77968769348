//! `PERIGEE_GC_STRESS=1` switches stress mode on for `Heap::new` (its own
//! test binary: the environment is process-wide).

use perigee_vm::gc::{Heap, STRESS_ENV};

#[test]
fn env_var_turns_on_stress_mode() {
    std::env::remove_var(STRESS_ENV);
    assert!(!Heap::new().stress());
    std::env::set_var(STRESS_ENV, "0");
    assert!(!Heap::new().stress());
    std::env::set_var(STRESS_ENV, "1");
    let mut h = Heap::new();
    assert!(h.stress());
    assert!(!h.needs_collect());
    let t = h.new_table(0, 0).unwrap();
    assert!(h.needs_collect());
    // SAFETY: `t` is the root.
    unsafe { h.collect(|m| m.mark(t)) };
    assert!(!h.needs_collect());
    std::env::remove_var(STRESS_ENV);
}
