-- yield can happen deep inside Lua calls made by the coroutine
local function deep(n)
  if n == 0 then return coroutine.yield("bottom") end
  return deep(n - 1) .. "<" .. n
end
local co = coroutine.create(function() return deep(3) end)
print(coroutine.resume(co))
print(coroutine.resume(co, "back"))
print(coroutine.status(co))
