-- table constructor: positional, named, [expr]=, separators
local t = {1, 2, x = "x", ["y z"] = "yz", [10] = "ten", 3; 4,}
print(t[1], t[2], t[3], t[4], t.x, t["y z"], t[10])
local u = {[1] = "a", "b"}    -- positional wins
print(u[1])
local v = {"a", "b", [2] = "B"}
print(v[2])
local n = {{1, 2}, {3, {4}}}
print(n[2][2][1])
local e = {}
print(next(e))
local k = "dyn"
local w = {[k .. 1] = 1, [1 + 1] = "two", [true] = "yes"}
print(w.dyn1, w[2], w[true])
local function f() return "p", "q" end
local g = {f(), f()}
print(#g, g[1], g[2], g[3])
local h = {f(), (f())}
print(#h, h[1], h[2])
local i = {f(), f(), x = 1}
print(#i)
print(#{n = 1}, #{nil}, #{1, 2, 3, nil})
