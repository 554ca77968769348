local t = setmetatable({}, {__add = function() return "added" end})
print(t + 1)
print(t * 2)
