-- ... can be forwarded, packed and partially used
local function pack(...) return {n = select('#', ...), ...} end
local function id(...) return ... end
local t = pack(1, nil, 3)
print(t.n, t[1], t[2], t[3])
print(id(1, 2, 3))
print((id(1, 2, 3)))
print(id(1, 2, 3), "end")
local function first(a, ...) return a, select('#', ...) end
print(first(9, 8, 7))
local function tail(...)
  local a, b = ...
  return b, a
end
print(tail("x", "y", "z"))
print(select('#', id()))
print(select('#', id(nil, nil)))
local function sum(...)
  local s = 0
  for i = 1, select('#', ...) do s = s + (select(i, ...)) end
  return s
end
print(sum(1, 2, 3, 4.5))
