-- numeric for with negative integer and float steps, including limits that are not hit exactly
local t = {}
for i = 10, 1, -1 do t[#t + 1] = i end
print(table.concat(t, " "))
t = {}
for i = 10, 1, -3 do t[#t + 1] = i end
print(table.concat(t, " "))
t = {}
for i = 1, -1, -0.5 do t[#t + 1] = i end
print(table.concat(t, " "))
t = {}
for i = 0, -10, -2.5 do t[#t + 1] = i end
print(table.concat(t, " "))
t = {}
for i = -1, -5, -1 do t[#t + 1] = i end
print(table.concat(t, " "))
local c = 0
for i = 100000, 1, -1 do c = c + i end
print(c)
c = 0
for i = 5, 5, -1 do c = c + 1 end
print(c)
c = 0
for i = 1, 1e9, -1 do c = c + 1 end
print(c)
t = {}
for i = 3, 1, -1 do for j = i, 1, -1 do t[#t + 1] = i .. j end end
print(table.concat(t, ","))
