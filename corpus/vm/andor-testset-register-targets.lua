-- and/or results assigned to locals, upvalues, globals, table fields and used as arguments keep the right value
local a, b, c = nil, false, 0
local x = a or b or c
local y = a and b or c
local z = c and a or b
print(x, y, z)
local up = "up"
local function f(p)
  up = p or up
  return up
end
print(f(nil), f(false), f("new"), f())
g1 = a or "g1"
g2 = c and "g2"
print(g1, g2)
local t = {}
t.x = a or b
t.y = b or a
t[1] = c and c + 1 or -1
t[2] = (a or 5) + (b or 6)
print(t.x, t.y, t[1], t[2])
print(math.max(a or 1, c and 7 or 2, b or 3))
local function pick(v) return v and "yes" or "no" end
print(pick(nil), pick(false), pick(0), pick(""), pick({}) )
local n = 0
for i = 1, 10 do n = (i % 2 == 0 and n + i) or (i % 3 == 0 and n - i) or n end
print(n)
local self_ref = nil
self_ref = self_ref or {count = 0}
self_ref.count = (self_ref.count or 0) + 1
self_ref = self_ref or {count = 100}
print(self_ref.count)
print(not nil, not 0, not not nil, not (a or b), not (c and b))
local cmp = (1 < 2) == true and (2 < 1) == false
print(cmp, (1 < 2) and "lt", (1 > 2) or "ge")
