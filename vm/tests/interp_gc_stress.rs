//! The interpreter under `PERIGEE_GC_STRESS=1` (a collection at every
//! allocating safe point) gives the same outcome as the reference tier.
//! Its own test binary: the environment is process-wide.

use perigee_reference::RunOptions;
use perigee_vm::gc::STRESS_ENV;

const PROGRAM: &str = r#"
local function mk(n) local t = {} for i = 1, n do t[i] = "s" .. i end return t end
local keep = {}
for round = 1, 20 do
  local t = mk(round)
  keep[round % 4] = t
  local f = function() return #t .. ":" .. round end
  keep["f" .. (round % 3)] = f
end
local total = 0
for k, v in pairs(keep) do
  if type(v) == "table" then total = total + #v else total = total + #v() end
end
print(total)
local cyc = {} cyc.self = cyc
local mt = setmetatable({}, {__index = function(t, k) return k .. k end})
print(mt.ab, pcall(function() return ("x") .. {} end))
local s = "" for i = 1, 30 do s = s .. i end
print(s, #s)
"#;

#[test]
fn stress_mode_agrees_with_ref() {
    std::env::set_var(STRESS_ENV, "1");
    let got = perigee_vm::run::run(PROGRAM.as_bytes(), b"=stress", &RunOptions::default()).outcome;
    std::env::remove_var(STRESS_ENV);
    let want = perigee_reference::run(PROGRAM.as_bytes(), b"=stress", &RunOptions::default()).outcome;
    assert_eq!(got, want);
}
