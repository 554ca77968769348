-- print separates arguments by tabs and uses tostring
print(1, "two", nil, true, 3.0)
print()
print(nil)
print("")
print("a\tb", "c")
local calls = 0
local obj = setmetatable({}, {__tostring = function() calls = calls + 1 return "OBJ" end})
print(obj, obj)
print(calls)
local saved = tostring
tostring = function(v) return "<" .. saved(v) .. ">" end
print(1, "x")
tostring = saved
print(1, "x")
