-- __unm gets the operand (5.1 passes it twice)
local mt = {__unm = function(a, b) return "neg " .. tostring(rawequal(a, b)) end}
local t = setmetatable({}, mt)
print(-t)
print((-t))
local n = setmetatable({v = 3}, {__unm = function(a) return -a.v end})
print(-n, - -n == nil)
