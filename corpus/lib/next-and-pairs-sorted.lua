-- next and pairs visit every key once; output is sorted to be order independent
local t = {10, 20, 30, x = 1, y = 2, [true] = 3}
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
table.sort(keys)
print(table.concat(keys, " "))
print(next({}))
local k, v = next({only = "one"})
print(k, v)
print(next({only = "one"}, "only"))
local n = 0
local k2 = next(t)
while k2 ~= nil do n = n + 1; k2 = next(t, k2) end
print(n)
print(pcall(next, {}, "nokey"))
local f, s, c = pairs(t)
print(f == next, s == t, c)
