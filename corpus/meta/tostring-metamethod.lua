-- __tostring is used by tostring and print
local P = {}
P.__tostring = function(p) return "Point(" .. p.x .. ", " .. p.y .. ")" end
local p = setmetatable({x = 1, y = 2}, P)
print(p)
print(tostring(p))
print("p = " .. tostring(p))
print(string.format("%s", tostring(p)))
local named = setmetatable({}, {__tostring = function() return "named" end, __name = "ignored"})
print(named)
