-- 20000 coroutines suspended at the same time, all reachable, each resumed to
-- its end afterwards (a stackful tier must not reserve much per coroutine)
local cos = {}
for i = 1, 20000 do
  local co = coroutine.create(function(a)
    local b = coroutine.yield(a * 2)
    return a + b
  end)
  local ok, v = coroutine.resume(co, i)
  assert(ok and v == i * 2)
  cos[i] = co
end
local sum, dead = 0, 0
for i = 1, #cos do
  local ok, v = coroutine.resume(cos[i], 1)
  sum = sum + v
  if coroutine.status(cos[i]) == "dead" then dead = dead + 1 end
end
print(#cos, sum, dead)
