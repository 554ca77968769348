-- deviation: yield inside pcall works (LuaJIT); PUC-Rio 5.1 reports "attempt to yield across metamethod/C-call boundary"
local co = coroutine.create(function(a)
  local ok, v = pcall(function()
    local got = coroutine.yield(a + 1)
    return got * 2
  end)
  print("pcall returned", ok, v)
  local ok2, err = pcall(function()
    coroutine.yield("second")
    error("after yield", 0)
  end)
  print("pcall caught", ok2, err)
  return "finished"
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, 21))
print(coroutine.resume(co))
print(coroutine.status(co))
