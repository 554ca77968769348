-- multiple assignment where a target's index expression reads an upvalue or local that is also assigned
local t = {}
local a = 1
local function f()
  a, t[a] = 2, "x"
  return a
end
print(f(), t[1], t[2])
local b = 1
local g = function()
  t[b], b = "y", 5
  return b
end
print(g(), t[1], t[5])
local i = 1
i, t[i], t[i + 1] = i + 1, "p", "q"
print(i, t[1], t[2], t[3])
local x, y = 1, 2
x, y = y, x
print(x, y)
local function swap3()
  local p, q, r = "p", "q", "r"
  local h = function() p, q, r = r, p, q; return p .. q .. r end
  return h
end
local h = swap3()
print(h(), h(), h())
local obj = {v = 1}
local function m() obj, obj.v = {v = 100}, 50 end
local old = obj
m()
print(old.v, obj.v)
