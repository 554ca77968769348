-- the main chunk's ... is empty without arguments; varargs survive tail calls and method calls
print(select("#", ...))
local main_args = {...}
print(#main_args)
local function tail(...) return select("#", ...), ... end
local function caller(...) return tail(...) end
print(caller(1, nil, 3, nil))
local obj = {name = "o"}
function obj:m(...) return self.name, select("#", ...), ... end
print(obj:m())
print(obj:m("a", nil))
local function deep(n, ...)
  if n == 0 then return ... end
  return deep(n - 1, ...)
end
print(deep(10000, "x", "y", nil))
print(select("#", deep(10000, "x", "y", nil)))
print(string.format("%s|%s|%s", deep(3, "p", "q", "r")))
