-- a table starting sparse (hash part) becomes dense and is then read as an array
local t = {}
for i = 1, 1024, 64 do t[i] = i end
local n = 0
for k in pairs(t) do n = n + 1 end
print(n)
for i = 1, 1024 do if t[i] == nil then t[i] = -i end end
print(#t)
local s = 0
for i, v in ipairs(t) do s = s + v end
print(s)
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
table.sort(keys)
print(#keys, keys[1], keys[1024])
-- sparse with a big gap, then the gap is filled
local g = {}
g[1] = "a"; g[100000] = "z"
for i = 2, 99999 do g[i] = "m" end
print(#g, g[1], g[50000], g[100000])
local cnt = 0
for _ in pairs(g) do cnt = cnt + 1 end
print(cnt)
