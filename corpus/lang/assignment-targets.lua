-- assignment to locals, globals, fields and computed indices
local t = {}
local k = "key"
t[k], t.other, t[1], t[k .. 2] = 1, 2, 3, 4
print(t.key, t.other, t[1], t.key2)
G1, t.g = "g", "tg"
print(G1, t.g)
local n = {{}, {}}
n[1].x, n[2].y = "x", "y"
print(n[1].x, n[2].y)
local function get() return t end
get().via = "call"
print(t.via)
t[1.5], t[-1], t[true] = "f", "neg", "bool"
print(t[1.5], t[-1], t[true])
local a, b, c = (function() return 1, 2, 3 end)()
print(a, b, c)
