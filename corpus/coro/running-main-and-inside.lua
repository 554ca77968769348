-- coroutine.running returns nil in the main thread (5.1)
print(coroutine.running())
local co
co = coroutine.create(function()
  local r = coroutine.running()
  print(type(r), r == co)
end)
coroutine.resume(co)
