-- a hot loop with mixed arithmetic
local s, p = 0, 1
for i = 1, 200000 do
  s = s + i % 7 * 2 - 1
  if i % 3 == 0 then p = (p * 31 + i) % 1000003 end
end
print(s, p)
local x = 0.5
for i = 1, 1000 do x = x * 1.001 + 0.0001 end
print(string.format("%.10f", x))
