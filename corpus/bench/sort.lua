-- sort: table.sort of records with a Lua comparator (two keys), then of
-- plain numbers and strings with the default order; measures the sort
-- and the cost of calling a Lua function from it.
-- arg[1] = element count (default 2000). Prints position-weighted checksums.
local n = tonumber(arg and arg[1]) or 2000
local seed = 7
local function rand(m)
  seed = (seed * 16807) % 2147483647
  return seed % m
end
local recs, nums, strs = {}, {}, {}
for i = 1, n do
  recs[i] = { key = rand(100), sub = rand(100000), id = i }
  nums[i] = rand(1000000)
  strs[i] = string.format("s%07d", rand(10000000))
end
table.sort(recs, function(a, b)
  if a.key ~= b.key then return a.key < b.key end
  if a.sub ~= b.sub then return a.sub > b.sub end
  return a.id < b.id
end)
table.sort(nums)
table.sort(strs)
table.sort(nums, function(a, b) return a > b end)
local c1, c2, c3 = 0, 0, 0
for i = 1, n do
  c1 = (c1 + recs[i].id * (i % 997)) % 1000000007
  c2 = (c2 + nums[i] * (i % 991)) % 1000000007
  c3 = (c3 + string.byte(strs[i], 8) * i) % 1000000007
end
print(string.format("%d %d %d", c1, c2, c3))
