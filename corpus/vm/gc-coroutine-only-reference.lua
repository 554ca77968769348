-- coroutines hold the only reference to tables and closures across collections
local function holder(n)
  return coroutine.create(function()
    local t = {}
    for i = 1, n do t[i] = i * i end
    local f = function(k) return t[k] end
    collectgarbage("collect")
    coroutine.yield(#t)
    collectgarbage("collect")
    local s = 0
    for i = 1, n do s = s + f(i) end
    coroutine.yield(s)
    t = nil
    collectgarbage("collect")
    return "done"
  end)
end
local cos = {}
for i = 1, 20 do cos[i] = holder(i * 50) end
local r1, r2 = {}, {}
for i = 1, 20 do local _, v = coroutine.resume(cos[i]); r1[i] = v end
collectgarbage("collect")
for i = 1, 20 do local _, v = coroutine.resume(cos[i]); r2[i] = v end
print(table.concat(r1, " "))
print(r2[1], r2[10], r2[20])
for i = 1, 20 do
  local ok, v = coroutine.resume(cos[i])
  if not ok or v ~= "done" then print("bad", i) end
end
print(coroutine.status(cos[1]), coroutine.status(cos[20]))
-- a wrapped generator whose closure is the only owner of its state
local gen = coroutine.wrap(function()
  local state = {n = 0}
  while true do
    state.n = state.n + 1
    local junk = {}
    for i = 1, 100 do junk[i] = {i} end
    coroutine.yield(state.n, #junk)
  end
end)
local last
for i = 1, 200 do
  local a, b = gen()
  last = a + b
  if i % 50 == 0 then collectgarbage("collect") end
end
print(last)
cos = nil
collectgarbage("collect")
print("end")
