-- assigning nil to existing keys while traversing with next/pairs visits every original key once
local t = {}
for i = 1, 200 do t[i] = i end
for i = 1, 200 do t["s" .. i] = i end
local seen, sum = 0, 0
for k, v in pairs(t) do
  seen = seen + 1
  sum = sum + v
  if v % 2 == 0 then t[k] = nil end
end
print(seen, sum)
local remaining = {}
for k, v in pairs(t) do remaining[#remaining + 1] = tostring(k) end
table.sort(remaining)
print(#remaining, remaining[1], remaining[#remaining])
-- clear everything while traversing with raw next
local k, v = next(t)
while k ~= nil do
  t[k] = nil
  k, v = next(t, k)
end
print(next(t))
-- delete then re-add elsewhere in a fresh traversal
local u = {a = 1, b = 2, c = 3, d = 4, e = 5}
for k in pairs(u) do u[k] = nil end
u.f = 6
local ks = {}
for k, v in pairs(u) do ks[#ks + 1] = k .. "=" .. v end
print(table.concat(ks, ","))
