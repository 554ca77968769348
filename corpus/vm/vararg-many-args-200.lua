-- vararg functions called with 0, 1, many and 200 arguments (via unpack) see exact counts and values
local function stats(...)
  local n = select("#", ...)
  local s = 0
  for i = 1, n do
    local v = select(i, ...)
    if v then s = s + v end
  end
  return n, s
end
print(stats())
print(stats(7))
print(stats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
local t = {}
for i = 1, 200 do t[i] = i end
print(stats(unpack(t)))
print(stats(unpack(t, 1, 199)))
local function fwd(...) return stats(...) end
print(fwd(unpack(t)))
local function fixed_then_var(a, b, ...)
  return a, b, select("#", ...)
end
print(fixed_then_var(unpack(t)))
print(fixed_then_var(1))
print(fixed_then_var())
local function pack(...) return {...} end
local p = pack(unpack(t))
print(#p, p[1], p[100], p[200])
local function rec(n, ...)
  if n == 0 then return select("#", ...) end
  return rec(n - 1, n, ...)
end
print(rec(150))
print(string.char(unpack({72, 105, 33})))
print(math.max(unpack(t)), math.min(unpack(t)))
