-- table.insert/table.remove at the front, end and middle shift elements correctly
local t = {}
for i = 1, 10 do table.insert(t, i) end
table.insert(t, 1, 0)
table.insert(t, 6, 55)
table.insert(t, #t + 1, 99)
print(table.concat(t, " "))
print(table.remove(t, 1), table.remove(t), table.remove(t, 5))
print(table.concat(t, " "))
local q = {}
for i = 1, 500 do table.insert(q, 1, i) end
local s = 0
for i = 1, 250 do s = s + table.remove(q) end
print(#q, s, q[1], q[#q])
for i = 1, 200 do table.remove(q, 100) end
print(#q, q[99], q[100], q[#q])
local e = {}
print(table.remove(e), #e)
table.insert(e, "x")
print(table.remove(e, 1), #e)
local m = {"a", "b", "c", "d", "e"}
while #m > 0 do io.write(table.remove(m, math.floor((#m + 1) / 2)), " ") end
print()
