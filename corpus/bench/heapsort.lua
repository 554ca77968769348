-- heapsort: sorts an array of pseudo-random integers with an in-place
-- binary heap. The Park-Miller LCG keeps every product below 2^46, exact
-- both in 5.1 doubles and in 5.4 integers.
-- arg[1] = element count (default 2000). Prints a position-weighted checksum.
local n = tonumber(arg and arg[1]) or 2000
local seed = 42
local function rand()
  seed = (seed * 16807) % 2147483647
  return seed
end

local a = {}
for i = 1, n do a[i] = rand() % 1000000 end

local function sift(t, start, last)
  local root = start
  while true do
    local child = root * 2
    if child > last then return end
    if child < last and t[child] < t[child + 1] then child = child + 1 end
    if t[root] < t[child] then
      t[root], t[child] = t[child], t[root]
      root = child
    else
      return
    end
  end
end

for start = math.floor(n / 2), 1, -1 do sift(a, start, n) end
for last = n, 2, -1 do
  a[1], a[last] = a[last], a[1]
  sift(a, 1, last - 1)
end

local ok, sum = 1, 0
for i = 1, n do
  if i > 1 and a[i - 1] > a[i] then ok = 0 end
  sum = (sum + a[i] * (i % 1000)) % 1000000007
end
print(string.format("%d %d", ok, sum))
