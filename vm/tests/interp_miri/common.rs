//! The programs and the check shared by `interp_miri.rs` and
//! `interp_miri_stress.rs` (each binary uses part of them).
#![allow(dead_code)]

use perigee_reference::{End, RunOptions};
use perigee_vm::run::run_here;

pub fn check(src: &str, want: &str) {
    let o = run_here(src.as_bytes(), b"=t", &RunOptions::default()).outcome;
    assert_eq!(o.end, End::Ok(vec![]), "{src}");
    assert_eq!(String::from_utf8_lossy(&o.stdout), want, "{src}");
}

/// A loop calling a function, a table, an upvalue, a metamethod.
pub const BASIC: &str = r##"
local count = 0
local function bump(t, i) count = count + 1 t[i] = i * i return t[i] end
local t, s = {}, 0
for i = 1, 20 do s = s + bump(t, i) end
local mt = setmetatable({}, {__index = function(_, k) return k .. "?" end, __add = function(a, b) return 7 end})
print(s, count, #t, mt.x, mt + 1)
local function counter() local c = 0 return function() c = c + 1 return c end end
local c1 = counter() c1() print(c1(), select("#", 1, 2, 3), ("ab"):rep(3))
print(pcall(function() local x = nil return x.y end))
"##;

pub const BASIC_OUT: &str =
    "2870\t20\t20\tx?\t7\n2\t3\tababab\nfalse\tt:10: attempt to index local 'x' (a nil value)\n";

/// Closures, tables and strings made and dropped while collections run.
pub const GC: &str = r##"
local function mk(n) local t = {} for i = 1, n do t[i] = "s" .. i end return t end
local keep = {}
for round = 1, 8 do
  local t = mk(round)
  keep[round % 4] = t
  keep["f" .. (round % 3)] = function() return #t .. ":" .. round end
end
local total = 0
for k, v in pairs(keep) do
  if type(v) == "table" then total = total + #v else total = total + #v() end
end
print(total)
local s = "" for i = 1, 10 do s = s .. i end
print(s, #s, ("x y z"):gsub("%w", function(w) return w:upper() end))
"##;

pub const GC_OUT: &str = "35\n12345678910\t11\tX Y Z\t3\n";

/// The interp's coroutines: yields from Lua, from a metamethod and
/// across `pcall`; an upvalue open in a suspended coroutine.
pub const CORO: &str = r##"
local mt = {__index = function(t, k) return coroutine.yield(k) end}
local A = setmetatable({}, mt)
local co = coroutine.wrap(function()
  local ok, v = pcall(function() return A.x + 1 end)
  print("pcall", ok, v)
  print(pcall(function() coroutine.yield("again") error("late", 0) end))
  return "end"
end)
local v, n = co(), 0
while v ~= "end" do n = n + 1 print("yielded", v) v = co(n) end
local shared
local c = coroutine.create(function(a)
  local x = a .. "!"
  shared = function(w) if w then x = w end return x end
  local got = coroutine.yield(x)
  return x .. "|" .. got
end)
print(coroutine.resume(c, "start"))
print(shared(), shared("changed"))
print(coroutine.resume(c, "again"), coroutine.status(c))
"##;

pub const CORO_OUT: &str = "yielded\tx\npcall\ttrue\t2\nyielded\tagain\nfalse\tlate\n\
                        true\tstart!\nstart!\tchanged\ntrue\tdead\n";
