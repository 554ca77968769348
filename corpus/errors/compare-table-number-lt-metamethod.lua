local t = setmetatable({}, {__lt = function() return true end})
print(t < setmetatable({}, getmetatable(t)))
print(t < 1)
