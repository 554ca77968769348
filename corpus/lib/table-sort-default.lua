-- table.sort with the default < order
local nums = {5, 2, 8, 1, 9, 3, 7, 4, 6, 0}
table.sort(nums)
print(table.concat(nums, " "))
local words = {"pear", "Apple", "banana", "apple", "Cherry"}
table.sort(words)
print(table.concat(words, " "))
local mixed = {3.5, -1, 2, -7.25, 1e10}
table.sort(mixed)
print(table.concat(mixed, " "))
local big = {}
for i = 1, 200 do big[i] = (i * 7919) % 1009 end
table.sort(big)
local ok = true
for i = 2, #big do if big[i - 1] > big[i] then ok = false end end
print(ok, big[1], big[200])
local one = {42}
table.sort(one)
print(one[1])
