//! cargo-fuzz target `diff_tiers`: see `perigee_oracle::fuzz::diff_tiers` for what it
//! checks (the body lives there so stable tests can run it too).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = perigee_oracle::fuzz::diff_tiers(data) {
        panic!("{problem}");
    }
});
