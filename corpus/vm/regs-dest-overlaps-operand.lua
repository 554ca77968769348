-- instructions whose destination register is also an operand: t = t[k], f = f(), s = s .. s, x = -x, self-method
local t = {{{"deep"}}}
t = t[1]; t = t[1]; t = t[1]
print(t)
local f = function() return function() return "inner" end end
f = f()
f = f()
print(f)
local s = "ab"
s = s .. s .. s
print(s)
local x = 5
x = -x; print(x)
x = x * x + x; print(x)
x = not x; print(x)
x = "len"; x = #x; print(x)
local obj = {n = 1}
function obj:next() return {n = self.n + 1, next = self.next} end
obj = obj:next():next():next()
print(obj.n)
local a, b = 1, 2
a, b = a + b, a - b
print(a, b)
local k = {k = "k"}
k = k.k
print(k)
local u = {1, 2, 3}
u = #u + u[1] + u[#u]
print(u)
local list = {v = 1, nxt = {v = 2, nxt = {v = 3}}}
local total = 0
while list do total = total + list.v; list = list.nxt end
print(total)
local g = setmetatable({}, {__index = function(t, key) return key * 2 end})
g = g[21]
print(g)
local m = "%d-%d"
m = m:format(1, 2)
print(m)
local c = coroutine.wrap(function(v) while true do v = coroutine.yield(v * 2) end end)
local cv = 1
for i = 1, 5 do cv = c(cv) end
print(cv)
