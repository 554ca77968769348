-- table.maxn and table.getn
print(table.maxn({}), table.maxn({1, 2, 3}))
print(table.maxn({[1] = 1, [10] = 10, [2.5] = 2.5, x = 1}))
print(table.maxn({[-5] = 1}))
print(table.getn({1, 2, 3}), table.getn({}))
local t = {n = 10, 1, 2}
print(table.getn(t))
print(pcall(table.getn, nil))
