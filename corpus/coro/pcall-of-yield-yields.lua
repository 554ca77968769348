-- deviation: pcall(coroutine.yield, ...) yields through the pcall (LuaJIT); PUC-Rio 5.1 reports "attempt to yield across metamethod/C-call boundary"
local co = coroutine.create(function(a)
  local ok, b, c = pcall(coroutine.yield, a, "first")
  print("pcall gave", ok, b, c)
  local ok2, d = pcall(coroutine.yield)
  print("second", ok2, d)
  return "end"
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, "x", "y"))
print(coroutine.resume(co, "z"))
print(coroutine.status(co))
-- through a wrap and a generic for
local gen = coroutine.wrap(function()
  for i = 1, 3 do pcall(coroutine.yield, i) end
end)
local sum = 0
for v in gen do sum = sum + v end
print(sum)
