//! The oracle's own machinery: `diff` finds a divergence that a fault
//! injected into one tier causes, names where it shows, and the reducer
//! shrinks the diverging program to a few lines that still diverge the same
//! way.

use perigee_oracle::compare::{diff, Part, Verdict};
use perigee_oracle::reduce::reduce;
use perigee_oracle::tier::Tier;
use perigee_reference::interp::Limits;

fn limits() -> Limits {
    Limits { steps: Some(2_000_000), memory: Some(256 << 20) }
}

/// A program of about 50 lines where only one comparison in the middle
/// can tell `<` from `<=`.
const PROGRAM: &str = r#"
local function fib(n)
  if n <= 1 then return n end
  return fib(n - 1) + fib(n - 2)
end
local acc = {}
for i = 1, 10 do
  acc[#acc + 1] = fib(i)
end
print(table.concat(acc, " "))
local words = {}
for w in ("the quick brown fox jumps"):gmatch("%a+") do
  words[#words + 1] = w:upper()
end
print(table.concat(words, ","))
local t = setmetatable({}, {__index = function(_, k) return k * 2 end})
print(t[21], t[4])
local function count_below(xs, limit)
  local n = 0
  for _, x in ipairs(xs) do
    if x < limit then n = n + 1 end
  end
  return n
end
local data = {}
for i = 1, 20 do data[i] = (i * 7) % 11 end
local s = 0
for i = 1, #data do s = s + data[i] end
print("sum", s)
print("below", count_below(data, 5))
local co = coroutine.wrap(function()
  for i = 1, 3 do coroutine.yield(i * i) end
end)
print(co(), co(), co())
local ok, err = pcall(function() error("boom", 0) end)
print(ok, err)
local str = string.format("%5.2f|%d|%s", 3.14159, 42, "x")
print(str)
local r = {}
for i = 10, 1, -3 do r[#r + 1] = i end
print(table.concat(r, ";"))
"#;

#[test]
fn diff_agrees_on_the_reference_tier_with_itself() {
    let v = diff(PROGRAM.as_bytes(), "p.lua", &[Tier::Ref, Tier::Ref], limits());
    assert_eq!(v, Verdict::Agree { tiers: 2, limited: 0 });
    assert_eq!(v.to_string(), "agree (2 tiers)");
}

#[test]
fn diff_finds_the_injected_fault_and_the_line_where_output_parts() {
    let v = diff(PROGRAM.as_bytes(), "p.lua", &[Tier::Ref, Tier::Faulty], limits());
    let Verdict::Diverge(d) = &v else { panic!("no divergence found: {v}") };
    assert_eq!(d.part, Part::Stdout);
    assert_eq!(d.line, 5, "{v}");
    // Checked with lua5.1: 8 values are below 5, 10 are at most 5.
    assert_eq!(d.baseline_text, "below\t8");
    assert_eq!(d.other_text, "below\t10");
}

#[test]
fn reducer_shrinks_the_divergence_to_a_few_lines() {
    let sig = match diff(PROGRAM.as_bytes(), "p.lua", &[Tier::Ref, Tier::Faulty], limits()) {
        Verdict::Diverge(d) => d.signature(),
        other => panic!("expected a divergence, got {other}"),
    };
    let reduced = reduce(
        PROGRAM.as_bytes(),
        |src| matches!(diff(src, "p.lua", &[Tier::Ref, Tier::Faulty], limits()), Verdict::Diverge(d) if d.signature() == sig),
    );
    let text = String::from_utf8_lossy(&reduced).into_owned();
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    eprintln!("reduced to {lines} lines:\n{text}");
    assert!(lines <= 15, "reduced to {lines} lines:\n{text}");
    assert!(text.contains('<'), "the fault needs a comparison:\n{text}");
    match diff(&reduced, "p.lua", &[Tier::Ref, Tier::Faulty], limits()) {
        Verdict::Diverge(d) => assert_eq!(d.signature(), sig),
        other => panic!("the reduced program no longer diverges: {other}\n{text}"),
    }
}

#[test]
fn outside_peer_agrees_with_ref_on_this_program() {
    if !perigee_reference::corpus::on_path("lua5.1") {
        eprintln!("lua5.1 not on PATH: skipped");
        return;
    }
    let v = diff(PROGRAM.as_bytes(), "p.lua", &[Tier::Ref, Tier::Peer(perigee_oracle::tier::Peer::Lua51)], limits());
    assert_eq!(v, Verdict::Agree { tiers: 2, limited: 0 }, "{v}");
}
