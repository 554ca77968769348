-- __eq is only consulted for two tables with the same __eq handler
local eqcalls = 0
local function eq(a, b) eqcalls = eqcalls + 1 return a.id == b.id end
local mt = {__eq = eq}
local a = setmetatable({id = 1}, mt)
local b = setmetatable({id = 1}, mt)
local c = setmetatable({id = 2}, mt)
print(a == b, a ~= b, a == c, eqcalls)
print(a == a, eqcalls)          -- identical: no call
print(rawequal(a, b))
local mt2 = {__eq = eq}
local d = setmetatable({id = 1}, mt2)
print(a == d, eqcalls)          -- same function in different metatables still counts
local e = setmetatable({id = 1}, {__eq = function() return true end})
print(a == e, eqcalls)          -- different handlers: false, no call
print(a == 1, eqcalls)          -- different types: false, no call
local f = setmetatable({}, {__eq = function() return 1 end})
local g = setmetatable({}, getmetatable(f))
print(f == g)
