-- errors inside coroutines surface as resume results; pcall inside coroutine bodies catches between yields
local co = coroutine.create(function(x)
  local ok, e = pcall(error, "first " .. x, 0)
  local y = coroutine.yield(ok, e)
  local ok2, e2 = pcall(function() return y.field end)
  coroutine.yield(ok2, e2)
  error({tag = "final"})
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, nil))
local ok, e = coroutine.resume(co)
print(ok, type(e), e.tag, coroutine.status(co))
-- coroutine.wrap rethrows into the caller, where pcall catches it
local w = coroutine.wrap(function() coroutine.yield(1) error("wrapped boom", 0) end)
print(w())
print(pcall(w))
print(pcall(w))
-- error value from a nested coroutine propagated by hand through two levels
local outer = coroutine.create(function()
  local inner = coroutine.create(function() error(42) end)
  local ok, err = coroutine.resume(inner)
  coroutine.yield(ok, err)
  error(err, 0)
end)
print(coroutine.resume(outer))
print(coroutine.resume(outer))
-- 100 coroutines each catching its own error
local total = 0
for i = 1, 100 do
  local c = coroutine.wrap(function()
    local ok, e = pcall(function() error(i, 0) end)
    return e * 2
  end)
  total = total + c()
end
print(total)
