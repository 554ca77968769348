-- __call makes a table callable; the table is the first argument
local calls = 0
local f = setmetatable({name = "callable"}, {__call = function(self, a, b)
  calls = calls + 1
  return self.name, a, b, calls
end})
print(f(1, 2))
print(f())
print(pcall(f, "p"))
local mult = setmetatable({}, {__call = function(_, ...) return select('#', ...), ... end})
print(mult(nil, nil))
