-- upvalues shared between a coroutine body and the outer function see each other's writes
local count = 0
local log = {}
local co = coroutine.create(function(step)
  for i = 1, 5 do
    count = count + step
    log[#log + 1] = count
    step = coroutine.yield(count)
  end
  return "fin", count
end)
print(coroutine.resume(co, 1))
count = 100
print(coroutine.resume(co, 2))
count = count * 2
print(coroutine.resume(co, 3))
print(coroutine.resume(co, 4))
print(coroutine.resume(co, 5))
print(coroutine.resume(co))
print(table.concat(log, ","), count)
-- closure created inside a coroutine captures a coroutine local; used after the coroutine dies
local getter
local co2 = coroutine.wrap(function()
  local secret = 1
  getter = function() secret = secret * 3; return secret end
  coroutine.yield()
  secret = secret + 1000
  coroutine.yield()
end)
co2()
print(getter(), getter())
co2()
print(getter())
-- two coroutines sharing an upvalue through a common creator
local function pair()
  local shared = 0
  local a = coroutine.wrap(function() while true do shared = shared + 1; coroutine.yield(shared) end end)
  local b = coroutine.wrap(function() while true do shared = shared * 2; coroutine.yield(shared) end end)
  return a, b
end
local a, b = pair()
print(a(), b(), a(), b(), a())
