-- a coroutine cannot resume itself
local co
co = coroutine.create(function()
  print(coroutine.resume(co))
  return "finished"
end)
print(coroutine.resume(co))
