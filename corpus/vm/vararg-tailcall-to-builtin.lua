-- tail calls to builtins, to __call tables and with varargs return all values to the original caller
local function s(...) return select("#", ...) end
local function t1(...) return select(2, ...) end
local function t2(...) return unpack({...}) end
local function t3(...) return tostring(...) end
local function t4(x) return string.rep(x, 3) end
local callable = setmetatable({}, {__call = function(self, ...) return ... end})
local function t5(...) return callable(...) end
local function t6(...) return pcall(select, "#", ...) end
local function t7(f, ...) return f(...) end
print(t1("a", "b", "c"))
print(s(t1("a", "b", "c")))
print(t2(1, "two", 3))
print(t3(12), t3(nil))
print(t4("ab"))
print(t5(1, 2, 3))
print(s(t5()))
print(t6(nil, nil))
print(t7(t7, t7, t7, s, 1, 2, 3))
print(t7(math.max, 3, 9, 2))
print(t7(string.byte, "ABC", 1, -1))
local function count_down(n, ...)
  if n == 0 then return ... end
  return count_down(n - 1, n, ...)
end
print(count_down(8))
print(s(count_down(100)))
local obj = {v = 5}
function obj:get(...) return self.v, ... end
local function t8(...) return obj:get(...) end
print(t8("x", "y"))
