-- recursion 16000 Lua calls deep inside a coroutine yields from the bottom and
-- resumes; deep suspended coroutines are dropped; a deep coroutine resumes
-- another that goes deep; unbounded recursion in a coroutine overflows
local function r(n)
  if n == 0 then coroutine.yield("bottom") return 0 end
  return 1 + r(n - 1)
end
local co = coroutine.create(function() return r(16000) end)
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.status(co))
for i = 1, 4 do
  local c = coroutine.create(function() return r(12000) end)
  assert(coroutine.resume(c))
end
collectgarbage()
local inner = coroutine.wrap(function() return r(8000) end)
local outer = coroutine.wrap(function()
  local function down(n)
    if n == 0 then return inner() end
    return (down(n - 1))
  end
  return down(7000)
end)
print(outer())
local co2 = coroutine.create(function()
  local function f() return 1 + f() end
  return f()
end)
print(coroutine.resume(co2))
