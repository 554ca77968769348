-- __index as a table supplies missing keys only
local defaults = {color = "red", size = 1}
local t = setmetatable({size = 5}, {__index = defaults})
print(t.color, t.size, t.missing)
print(rawget(t, "color"))
defaults.missing = "now present"
print(t.missing)
t.color = "blue"
print(t.color, defaults.color)
