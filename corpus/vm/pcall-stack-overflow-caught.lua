-- unbounded Lua recursion raises "stack overflow" which pcall catches; the stack is usable afterwards
local function r(n) return 1 + r(n + 1) end
print(pcall(r, 1))
local function d(n) if n == 0 then return 0 end return 1 + d(n - 1) end
print(d(15000))
local co = coroutine.wrap(function() return pcall(r, 1) end)
print(co())
local function mutual_a(n) return 1 + mutual_b(n) end
function mutual_b(n) return 1 + mutual_a(n) end
print(pcall(mutual_a, 0))
print(d(100), select("#", pcall(r, 1)))
local function tail(n) if n == 0 then return "tail done" end return tail(n - 1) end
print(tail(1000000))
