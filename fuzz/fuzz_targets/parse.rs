//! cargo-fuzz target `parse`: see `perigee_oracle::fuzz::parse_bytes` for what it
//! checks (the body lives there so stable tests can run it too).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = perigee_oracle::fuzz::parse_bytes(data) {
        panic!("{problem}");
    }
});
