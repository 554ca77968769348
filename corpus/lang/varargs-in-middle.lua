-- ... in the middle of a list is truncated to one value
local function f(...)
  local t = {..., "end"}
  return #t, t[1], t[2], select('#', ..., "x")
end
print(f(1, 2, 3))
print(f())
local function g(...) return ..., "last" end
print(g(1, 2))
local function h(...) return (...) end
print(h(7, 8, 9))
