-- numeric strings are converted before metamethods are tried
local mt = {__add = function(a, b) return "meta" end}
local t = setmetatable({}, mt)
print("1" + "2")
print("1" + t)
print(t + "x")
local num = setmetatable({}, {__sub = function(a, b) return type(a) .. "-" .. type(b) end})
print(num - 1, 1 - num, "a" - num)
