-- a table alternating between dense integer runs and string keys migrates parts without losing values
local t = {}
for round = 1, 5 do
  local base = (round - 1) * 1000
  for i = base + 1, base + 1000 do t[i] = i end
  for i = 1, 200 do t["r" .. round .. "_" .. i] = i end
  for i = base + 1, base + 1000, 2 do t[i] = nil end
  for i = base + 1, base + 1000, 2 do t[i] = -i end
end
local s, neg, str = 0, 0, 0
for k, v in pairs(t) do
  if type(k) == "number" then s = s + v; if v < 0 then neg = neg + 1 end else str = str + v end
end
print(s, neg, str, #t)
-- very sparse integer keys that later become contiguous from 1
local sp = {}
for i = 1, 20 do sp[i * i * 100] = i end
for i = 1, 40000 do sp[i] = sp[i] or 0 end
local c = 0
for i = 1, 40000 do if sp[i] ~= 0 then c = c + sp[i] end end
print(c, #sp)
-- keys inserted in pseudo-random order (linear congruential) then read in order
local r = {}
local x = 1
for i = 1, 4096 do
  x = (x * 1103515245 + 12345) % 4096
  r[x + 1] = (r[x + 1] or 0) + 1
end
local filled, total = 0, 0
for i = 1, 4096 do if r[i] then filled = filled + 1; total = total + r[i] end end
print(filled, total)
