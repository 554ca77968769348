setmetatable(_G, {__index = function(_, k) error("undeclared global '" .. k .. "'", 2) end})
local x = rawget(_G, "print")
print("strict mode on")
print(undeclared_name)
