-- unpack with explicit ranges: empty, reversed, beyond the end, negative, and large
local t = {"a", "b", "c", "d", "e"}
print(unpack(t))
print(unpack(t, 2))
print(unpack(t, 2, 4))
print(unpack(t, 4, 2))
print(select("#", unpack(t, 4, 2)))
print(unpack(t, 4, 7))
print(select("#", unpack(t, 4, 7)))
print(unpack(t, -1, 1))
print(unpack(t, 0, 0))
print(unpack({}, 1, 3))
print(unpack(t, 3, 3))
local big = {}
for i = 1, 200 do big[i] = i end
print(select("#", unpack(big)))
print(select(-1, unpack(big)))
local s = 0
for _, v in ipairs({unpack(big, 50, 150)}) do s = s + v end
print(s)
print(unpack({1, 2, 3}, "2"))
print(pcall(unpack, nil))
print(unpack(setmetatable({}, {__index = function(_, k) return k * 10 end}), 1, 3))
