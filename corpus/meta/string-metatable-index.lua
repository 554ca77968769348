-- strings share a metatable whose __index is the string table
local mt = getmetatable("")
print(type(mt), mt.__index == string, getmetatable("x") == mt)
print(("abc"):upper())
local s = "hi"
print(s.upper == string.upper)
string.twice = function(x) return x .. x end
print(s:twice())
print(("%d"):rep(2):format(1, 2))
