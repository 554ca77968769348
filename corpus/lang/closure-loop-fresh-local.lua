-- a numeric for creates a fresh local per iteration
local fs = {}
for i = 1, 3 do
  fs[i] = function() return i end
end
print(fs[1](), fs[2](), fs[3]())
-- generic for too
local gs = {}
for k, v in ipairs({"a", "b", "c"}) do
  gs[k] = function() return k .. v end
end
print(gs[1](), gs[2](), gs[3]())
-- locals declared in a while body are fresh each time
local hs, n = {}, 0
while n < 3 do
  n = n + 1
  local m = n * 10
  hs[n] = function() m = m + 1 return m end
end
print(hs[1](), hs[1](), hs[2](), hs[3]())
-- a local declared outside the loop is shared
local ks, j = {}, 0
repeat
  j = j + 1
  ks[j] = function() return j end
until j == 3
print(ks[1](), ks[2](), ks[3]())
