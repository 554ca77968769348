local t = setmetatable({}, {})
print(getmetatable(t) ~= nil)
t()
