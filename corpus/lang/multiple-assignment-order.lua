-- all right-hand sides are evaluated before any assignment
local a, b = 1, 2
a, b = b, a
print(a, b)
local i = 3
local t = {}
i, t[i] = i + 1, 20
print(i, t[3], t[4])
local x, y, z = 1
print(x, y, z)
local p, q = 1, 2, 3
print(p, q)
local function f() return "f1", "f2" end
local m, n, o = 0, f()
print(m, n, o)
local r, s = f(), 5
print(r, s)
local u = {1, 2, 3}
local k = 1
k, u[k] = 2, "first"
print(k, u[1], u[2])
