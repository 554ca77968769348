-- binary-trees: the Benchmarks Game allocation benchmark; builds and walks
-- many short-lived complete binary trees (table allocation and GC).
-- arg[1] = max depth (default 8). Prints the total node count of every
-- tree checked, plus the long-lived tree's count.
local N = tonumber(arg and arg[1]) or 8

local function bottom_up(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return { bottom_up(depth), bottom_up(depth) }
end

local function check(tree)
  if tree[1] then return 1 + check(tree[1]) + check(tree[2]) end
  return 1
end

local mindepth = 4
local maxdepth = mindepth + 2
if maxdepth < N then maxdepth = N end
local total = check(bottom_up(maxdepth + 1))
local long_lived = bottom_up(maxdepth)
for depth = mindepth, maxdepth, 2 do
  local iters = 2 ^ (maxdepth - depth + mindepth)
  local c = 0
  for _ = 1, iters do c = c + check(bottom_up(depth)) end
  total = total + c
end
print(string.format("%d %d", total, check(long_lived)))
