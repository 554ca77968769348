-- __lt and __le; without __le, a <= b uses not (b < a)
local mt = {}
mt.__lt = function(a, b) io.write("[lt ", a.v, " ", b.v, "] ") return a.v < b.v end
local function n(v) return setmetatable({v = v}, mt) end
print(n(1) < n(2))
print(n(1) > n(2))
print(n(3) <= n(2))
print(n(2) >= n(2))
mt.__le = function(a, b) io.write("[le] ") return a.v <= b.v end
print(n(3) <= n(2))
print(n(1) >= n(0))
local t = {n(3), n(1), n(2)}
table.sort(t, function(a, b) return a.v < b.v end)
print(t[1].v, t[2].v, t[3].v)
local x = setmetatable({}, {__lt = function() return 1 end})
local y = setmetatable({}, getmetatable(x))
print(x < y)
