-- negative and zero integer keys live in the hash part and do not affect the array or ipairs
local t = {}
for i = -50, 50 do t[i] = i * 10 end
print(t[-50], t[0], t[50])
local c = 0
for i, v in ipairs(t) do c = c + 1 end
print(c)
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
table.sort(keys)
print(#keys, keys[1], keys[51], keys[101])
for i = -50, 0 do t[i] = nil end
keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
table.sort(keys)
print(#keys, keys[1], #t)
local u = {[0] = "zero", [-1] = "minus", "one", "two"}
print(u[0], u[-1], u[1], u[2], #u)
print(select("#", unpack(u)))
