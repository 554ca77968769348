-- numeric for with various steps
for i = 1, 3 do io.write(i, " ") end print()
for i = 3, 1, -1 do io.write(i, " ") end print()
for i = 1, 2, 0.25 do io.write(i, " ") end print()
for i = 10, 1, -3 do io.write(i, " ") end print()
for i = 1, 0 do io.write("never") end print("empty ok")
for i = 5, 5 do io.write(i, " ") end print()
for i = 0.1, 0.35, 0.1 do io.write(i, " ") end print()
for i = -1, -3, -1 do io.write(i, " ") end print()
for i = 1, 3 do local j = i * 2 io.write(j, " ") i = 100 end print()
local n = 0
for i = 1, math.huge do n = n + 1 if n == 4 then break end end
print(n)
