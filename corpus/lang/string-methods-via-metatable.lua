-- string values index the string table through their metatable
local s = "Hello"
print(s:len(), s:upper(), s:lower())
print(("%d-%d"):format(1, 2))
print(getmetatable("").__index == string)
function string.shout(x) return x:upper() .. "!" end
print(("hey"):shout())
print(s.len == string.len, s.nonexistent)
local n = 42
print(("x"):rep(2), (tostring(n)):len())
