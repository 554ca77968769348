-- in 5.1 a __tostring that returns a number is accepted by tostring and print
local t = setmetatable({}, {__tostring = function() return 42 end})
print(type(tostring(t)))
print(t)
local u = setmetatable({}, {__tostring = function(self) return "U(" .. rawget(self, "v") .. ")" end})
u.v = 7
print(u, tostring(u) .. "!")
