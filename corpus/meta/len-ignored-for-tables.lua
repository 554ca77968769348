-- Lua 5.1 does not consult __len for tables
local t = setmetatable({1, 2, 3}, {__len = function() return 99 end})
print(#t)
-- but it does for userdata
local u = newproxy(true)
getmetatable(u).__len = function() return 99 end
print(#u)
print(type(u))
