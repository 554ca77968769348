-- varargs with trailing nils keep their count through calls, tables and unpack with explicit n
local function pass(...) return ... end
local function n(...) return select("#", ...) end
print(n(pass(1, nil, nil)))
print(n(pass(nil, nil, nil, nil, nil)))
local function pack(...) return {n = select("#", ...), ...} end
local p = pack(1, nil, 3, nil, nil)
print(p.n, p[1], p[2], p[3], p[4], p[5])
print(n(unpack(p, 1, p.n)))
print(unpack(p, 1, p.n))
local function wrap(...)
  local a, b, c, d = ...
  return d, c, b, a
end
print(wrap(1, 2))
print(n(wrap(1, 2)))
local function tailnil(...) return ..., nil end
print(n(tailnil(1, 2, 3)))
print(tailnil(1, 2, 3))
local function mid(...) return 0, ..., 9 end
print(mid(1, 2, 3))
print(n(mid()))
print(mid())
