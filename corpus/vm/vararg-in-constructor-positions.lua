-- ... expands fully only as the last item of a constructor, call or return list; elsewhere truncates to one
local function f(...)
  local a = {...}
  local b = {..., "end"}
  local c = {"start", ...}
  local d = {(...)}
  local e = {..., ...}
  local g = {x = ..., ...}
  return #a, #b, #c, #d, #e, g.x, #g
end
print(f(1, 2, 3))
print(f("only"))
local function empty(...)
  local b = {..., "end"}
  local d = {(...)}
  return b[2], b[1], d[1], select("#", (...))
end
print(empty())
local function args(...) return select("#", ...) end
local function v(...)
  return args(...), args(..., 1), args(1, ...), args((...)), args(...,...)
end
print(v(4, 5, 6))
print(v())
local function ret(...)
  local x, y, z = ..., "fill"
  return x, y, z
end
print(ret(1, 2, 3))
print(ret())
