-- deviation: yield inside an __index metamethod works (LuaJIT); PUC-Rio 5.1 reports "attempt to yield across metamethod/C-call boundary"
local lazy = setmetatable({}, {__index = function(t, k)
  local v = coroutine.yield("need " .. k)
  rawset(t, k, v)
  return v
end})
local co = coroutine.create(function()
  local a = lazy.x
  local b = lazy.y
  local c = lazy.x
  return a + b + c
end)
print(coroutine.resume(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 5))
print(coroutine.status(co))
