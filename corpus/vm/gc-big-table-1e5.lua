-- a table with 10^5 array entries and 10^5 hash entries, built, read back, cleared and rebuilt across collections
local t = {}
for i = 1, 100000 do t[i] = i * 2 end
for i = 1, 100000 do t["k" .. i] = i end
collectgarbage("collect")
local s1, s2 = 0, 0
for i = 1, 100000 do s1 = s1 + t[i] end
for i = 1, 100000, 7 do s2 = s2 + t["k" .. i] end
print(#t, s1, s2)
for i = 1, 100000 do t["k" .. i] = nil end
collectgarbage("collect")
local n = 0
for k in pairs(t) do n = n + 1 end
print(n, t.k1, t.k100000)
for i = 100000, 1, -1 do t[i] = nil end
collectgarbage("collect")
print(next(t), #t)
for i = 1, 100000 do t[i] = -i end
print(#t, t[1], t[50000], t[100000])
local big = {}
for i = 1, 100000 do big[i] = {i} end
collectgarbage("collect")
local s = 0
for i = 1, #big, 1000 do s = s + big[i][1] end
print(s)
