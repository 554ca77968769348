local t = setmetatable({}, {__metatable = "locked"})
print(getmetatable(t))
setmetatable(t, {})
