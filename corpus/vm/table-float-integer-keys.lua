-- float keys with integer values (1.0, 2^53) normalize to the same slot as integers
local t = {}
t[1.0] = "one"; t[2] = "two"; t[3.0] = "three"
print(t[1], t[2.0], t[3], #t)
t[2^53] = "big"
print(t[2^53], t[9007199254740992])
t[0.5] = "half"
print(t[0.5], t[1/2])
local n = 0
for k in pairs(t) do n = n + 1 end
print(n)
local a = {}
for i = 1, 10 do a[i + 0.0] = i end
print(#a, a[5], a[10.0])
local x = 3
a[x / 3 * 3] = "replaced"
print(a[3])
local keys = {}
for k in pairs(a) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
t = {}
t[-0.0] = "negzero"
print(t[0])
t[1e15] = "e15"
print(t[1000000000000000])
