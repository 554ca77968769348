local a = setmetatable({}, {__add = function() return 0 end})
print(a + a)
print(a <= a)
