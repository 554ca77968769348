-- coroutines resuming coroutines share upvalues; statuses, 200-value transfers and yields from deep Lua calls
local trace = {}
local shared = 0
local inner, outer
inner = coroutine.create(function(x)
  shared = shared + x
  trace[#trace + 1] = "inner sees outer " .. coroutine.status(outer)
  local y = coroutine.yield(shared)
  shared = shared * y
  return "inner done"
end)
outer = coroutine.create(function()
  local _, v = coroutine.resume(inner, 5)
  trace[#trace + 1] = "outer got " .. v
  shared = shared + 1
  coroutine.yield(v)
  local _, w = coroutine.resume(inner, 3)
  trace[#trace + 1] = "outer got " .. w
  print(coroutine.resume(outer))
  return shared
end)
print(coroutine.resume(outer))
print(coroutine.resume(outer))
print(table.concat(trace, "; "), shared)
-- 200 values through resume and yield
local t = {}
for i = 1, 200 do t[i] = i end
local echo = coroutine.create(function(...)
  local n = select("#", ...)
  local back = {coroutine.yield(n, ...)}
  return #back, back[1], back[#back]
end)
local r = {coroutine.resume(echo, unpack(t))}
print(#r, r[2], r[3], r[202])
print(coroutine.resume(echo, unpack(t, 50)))
-- yield from 50 nested Lua calls with live locals at each level
local function descend(n, acc)
  local here = n * 2
  if n == 0 then
    local got = coroutine.yield(acc)
    return got
  end
  local below = descend(n - 1, acc + here)
  return below + here
end
local d = coroutine.wrap(function() return descend(50, 0) end)
print(d())
print(d(1000))
print(coroutine.running() == nil)
local selfco
selfco = coroutine.create(function() return coroutine.status(selfco), coroutine.running() == selfco end)
print(coroutine.resume(selfco))
