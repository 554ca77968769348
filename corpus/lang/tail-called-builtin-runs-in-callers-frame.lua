-- `return f(...)` where f is a library function: 5.1 runs a C function
-- reached by a tail call inside the caller's frame (no real tail call), so
-- an error it raises names the function and carries the caller's line,
-- `error` at level 1 and 2 counts the caller, and `getfenv(1)` is the
-- caller's environment. (A real tail call, as LuaJIT makes, would drop the
-- caller's frame first: '?' and no position.)
local function sub0() return string.sub() end
print(pcall(sub0))
local function rep0(s) return s:rep() end
print(pcall(rep0, "x"))
local function boom() return error("boom") end
print(pcall(boom))
local function boom2() return error("boom2", 2) end
local function calls_boom2() boom2(); return 1 end
print(pcall(calls_boom2))
local function fmt(x) return string.format("%d", x) end
print(pcall(fmt, "nope"))
print(fmt(42))
local function count(...) return select("#", ...) end
print(count(1, nil, 3))
local getfenv = getfenv
local function env() return getfenv(1) end
setfenv(env, {marker = "own env"})
print(env().marker)
-- results of a tail-called builtin, all of them
local function bytes(s) return string.byte(s, 1, -1) end
print(bytes("abc"))
local function none() return string.byte("") end
print(select("#", none()))
-- and through a method on a string with a deep Lua caller chain
local function chain(n, s)
  if n == 0 then return s:upper() end
  return chain(n - 1, s)
end
print(chain(50, "deep"))
local function bad_chain(n)
  if n == 0 then return ("x"):rep({}) end
  return bad_chain(n - 1)
end
print(pcall(bad_chain, 10))
