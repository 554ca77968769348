-- numeric for with fractional steps accumulates by repeated addition and stops at the limit
local c, last = 0, nil
for x = 0, 1, 0.1 do c = c + 1; last = x end
print(c, last)
c = 0
for x = 0, 1, 0.25 do c = c + 1; last = x end
print(c, last)
local vals = {}
for x = 1.5, 3.5, 0.5 do vals[#vals + 1] = x end
print(table.concat(vals, " "))
vals = {}
for x = 0.1, 0.35, 0.05 do vals[#vals + 1] = string.format("%.2f", x) end
print(table.concat(vals, " "))
c = 0
for x = 1, 2, 1e-3 do c = c + 1 end
print(c)
vals = {}
for x = -1, 1, 2 / 3 do vals[#vals + 1] = string.format("%.4f", x) end
print(table.concat(vals, " "))
c = 0
for x = 2^52, 2^52 + 10, 2.5 do c = c + 1; last = x end
print(c, string.format("%.1f", last))
vals = {}
for x = 1, 3 do vals[#vals + 1] = x / 2 end
print(table.concat(vals, " "))
for x = "1", "3", "1" do io.write(x, ";") end
print()
