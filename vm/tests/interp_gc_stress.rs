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

/// The library paths that hold values across calls back into Lua: sort
/// with a comparator that allocates and mutates the table, gsub with a
/// function and a table, gmatch state, xpcall's error value, foreach,
/// load with a reader, newproxy metatables.
const LIB_PROGRAM: &str = r#"
local t = {}
for i = 1, 60 do t[i] = "k" .. ((i * 37) % 61) end
local n = 0
table.sort(t, function(a, b)
  n = n + 1
  local junk = {a, b, a .. b}
  if n % 7 == 0 then t[#t + 1] = nil end
  return a < b
end)
print(t[1], t[30], t[60])
table.sort(t)
print(table.concat(t, ",", 1, 5))
print(("hello world from lua"):gsub("%w+", function(w) local _ = {w} return w:upper() .. w:rep(2) end))
print(string.gsub("$a $b $c", "%$(%w)", {a = "1", b = ("x"):rep(3)}))
local parts = {}
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do parts[#parts + 1] = k .. v .. ("!"):rep(2) end
print(table.concat(parts, ";"))
print(xpcall(function() error({"e" .. 1}) end, function(e) return e[1] .. ("?"):rep(3) end))
table.foreach({x = "a" .. 1, y = "b" .. 2}, function(k, v) local _ = {k, v} end)
local i = 0
local chunks = {"return ", "'lo", "aded' .. ", "1"}
print(load(function() i = i + 1 return chunks[i] end)())
local p = newproxy(true)
getmetatable(p).__index = function(_, k) return k .. "!" end
print(p.foo, string.format("%5.2f|%s|%q", 3.14159, "s" .. 1, "q\n"))
"#;

/// Coroutines: each its own stack, parked while suspended; an upvalue
/// open in a suspended coroutine read and written from outside; a
/// coroutine holding the only reference to its data; errors inside.
const CORO_PROGRAM: &str = r#"
local gen = coroutine.wrap(function()
  local acc = {}
  for i = 1, 20 do acc[#acc + 1] = ("v" .. i):rep(2) coroutine.yield(#acc, acc[#acc]) end
end)
for _ = 1, 5 do print(gen()) end
local shared
local co = coroutine.create(function(a)
  local x = a .. "!"
  shared = function(v) if v then x = v end return x end
  local got = coroutine.yield(x)
  return x .. "|" .. got
end)
print(coroutine.resume(co, "start"))
print(shared(), shared("changed" .. 1))
print(coroutine.resume(co, "again" .. 2), coroutine.status(co))
print(shared())
local cos = {}
for i = 1, 30 do
  cos[i] = coroutine.create(function(n) local t = {n} while true do t[#t + 1] = n n = coroutine.yield(#t) end end)
end
local sum = 0
for r = 1, 3 do for i = 1, 30 do local _, c = coroutine.resume(cos[i], i .. "") sum = sum + c end end
print(sum)
print(coroutine.resume(coroutine.create(function() local t = {} error("in co " .. #t) end)))
local ok, e = pcall(coroutine.wrap(function() error({}) end)) print(ok, type(e))
"#;

#[test]
fn stress_mode_agrees_with_ref() {
    std::env::set_var(STRESS_ENV, "1");
    let got: Vec<_> = [PROGRAM, LIB_PROGRAM, CORO_PROGRAM]
        .iter()
        .map(|p| perigee_vm::run::run(p.as_bytes(), b"=stress", &RunOptions::default()).outcome)
        .collect();
    std::env::remove_var(STRESS_ENV);
    for (p, got) in [PROGRAM, LIB_PROGRAM, CORO_PROGRAM].iter().zip(got) {
        let want = perigee_reference::run(p.as_bytes(), b"=stress", &RunOptions::default()).outcome;
        assert!(matches!(want.end, perigee_reference::End::Ok(_)), "{:?}", want.end);
        assert_eq!(got, want);
    }
}
