-- a memoizing __index using rawset
local computed = 0
local fibs = setmetatable({[0] = 0, [1] = 1}, {__index = function(t, n)
  computed = computed + 1
  local v = t[n - 1] + t[n - 2]
  rawset(t, n, v)
  return v
end})
print(fibs[50], computed)
print(fibs[50], computed)
print(fibs[60], computed)
