-- RET1 returning to every kind of caller: a call wanting 0, 1 or all
-- results (CALLM, TAILCALLM, table constructors, varargs), a return into
-- a metamethod frame, a pcall frame, a for-in iterator, and returns that
-- must first close upvalues; checks what the caller sees and `select('#')`.
local function one(x) return x end
local function id(...) return ... end
local function count(...) return select('#', ...) end

one(1)                                   -- want 0
local a = one(2)                         -- want 1
local t = { one(3), one(4) }             -- want 1, then all
print(a, #t, t[1], t[2])
print(count(one(5)))                     -- CALLM: all results of one()
print(count(one(nil)))                   -- a nil result still counts
print(id(one(6)))                        -- through a vararg function
local function tail(x) return one(x) end -- TAILCALL, then RET1 into CALL
print(tail(7), count(tail(8)))
local function tailm(...) return one(...) end
print(tailm(9, 10), count(tailm(11, 12)))

-- returning to a metamethod continuation and to a pcall frame
local mt = { __index = function(_, k) return k .. "!" end,
             __add = function(x, y) return one(x.v + y.v) end,
             __lt = function(x, y) return one(x.v < y.v) end }
local p, q = setmetatable({ v = 1 }, mt), setmetatable({ v = 2 }, mt)
print(p.hello, p + q, p < q, q < p)
print(pcall(one, 13), select('#', pcall(one, 14)))

-- a for-in iterator that returns one value (the loop ends on nil)
local function upto(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end
end
local s = 0
for i in upto(5) do s = s + i end
print(s)

-- returns that must close upvalues of the returning frame first
local function mk(n)
  local v = n
  local function get() return v end
  return get
end
local g1, g2 = mk(20), mk(21)
print(g1(), g2())
local fs = {}
for i = 1, 3 do
  local function f() return i end
  fs[i] = (function() return f end)()
end
print(fs[1](), fs[2](), fs[3]())

-- deep recursion through RET1 and a tail call of a Lua function at depth
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(5000))
local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + n) end
print(loop(100000, 0))
-- a tail call from a protected frame keeps the protection
print(pcall(function() return tail(22) end))
print(pcall(function() return loop("x", 0) end))
