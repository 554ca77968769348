-- comparisons between a table with __lt/__le and numbers or strings raise errors; __eq is never consulted for mixed types
local mt = {__lt = function(a, b) return true end, __le = function(a, b) return true end, __eq = function() return true end}
local t = setmetatable({}, mt)
print(pcall(function() return t < 1 end))
print(pcall(function() return 1 < t end))
print(pcall(function() return t <= "s" end))
print(pcall(function() return "s" >= t end))
print(t == 1, 1 == t, t ~= "x")
local u = setmetatable({}, {__lt = mt.__lt})
print(pcall(function() return t < u end))
local v = setmetatable({}, mt)
print(t < v, t <= v, t == v, t ~= v)
print(pcall(function() return 1 < "1" end))
print(pcall(function() return nil < nil end))
print(pcall(function() return true <= false end))
print("a" < "b", "a" < "B", "" < "a", "abc" < "abd", "Z" < "a", "a\0b" < "a\0c", "a" < "a\0")
print(1 < 2, -1 < -2, 1 <= 1, 2 >= 3, 1/0 > 1e308, -1/0 < -1e308)
local nan = 0/0
print(nan == nan, nan < nan, nan >= nan, not (nan < 1), nan ~= nan)
