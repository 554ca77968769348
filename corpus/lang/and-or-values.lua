-- and/or return one of their operands, not booleans
print(1 and 2, nil and 2, false and 2)
print(1 or 2, nil or 2, false or nil)
print(nil or false, false or false)
print(0 and "zero is true", "" and "empty is true")
local function side(x) io.write("side(", tostring(x), ") ") return x end
print(side(false) and side(1))
print(side(1) or side(2))
print(side(nil) or side(false) or side("last"))
local a = nil
local v = a and a.field or "default"
print(v)
