-- 1 and 1.0 are the same key; "1" is a different key
local t = {}
t[1] = "int"
t[1.0] = "float"
t["1"] = "string"
print(t[1], t["1"])
t[2^53] = "big"
print(t[2^53])
t[0.5] = "half"
print(t[1/2])
t[true] = "bool"
print(t[true], t[false])
local k = {}
t[k] = "table key"
print(t[k], t[{}])
local count = 0
for _ in pairs(t) do count = count + 1 end
print(count)
