-- table.insert and table.remove at the end and at positions
local t = {}
table.insert(t, "a")
table.insert(t, "b")
table.insert(t, 1, "first")
table.insert(t, 3, "mid")
print(table.concat(t, ","), #t)
print(table.remove(t), table.concat(t, ","))
print(table.remove(t, 1), table.concat(t, ","))
print(table.remove(t, 2), table.concat(t, ","))
print(table.remove(t), #t)
print(table.remove(t), #t)
print(select('#', table.remove({})))
local n = {1, 2, 3}
table.insert(n, #n + 1, 4)
print(table.concat(n, " "))
print(pcall(table.insert, n, 1, 2, 3))
