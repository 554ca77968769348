-- thousands of coroutines left suspended mid-body become garbage; survivors keep their stacks intact
local keep = {}
for i = 1, 5000 do
  local co = coroutine.create(function(a)
    local locals = {a, a * 2, tostring(a)}
    local b = coroutine.yield(#locals)
    return a + b, locals[3]
  end)
  coroutine.resume(co, i)
  if i % 500 == 0 then keep[#keep + 1] = {co, i} end
end
collectgarbage("collect")
local s, strs = 0, {}
for _, pair in ipairs(keep) do
  local ok, v, str = coroutine.resume(pair[1], 1)
  s = s + v
  strs[#strs + 1] = str
end
print(#keep, s, table.concat(strs, ","))
-- wrapped generators abandoned after a few values
local sum = 0
for i = 1, 3000 do
  local gen = coroutine.wrap(function() for j = 1, 10 do coroutine.yield(i + j) end end)
  sum = sum + gen() + gen()
end
collectgarbage("collect")
print(sum)
-- coroutines referencing each other in a cycle
local a, b
a = coroutine.create(function() coroutine.yield(coroutine.status(b)) end)
b = coroutine.create(function() coroutine.yield(coroutine.status(a)) end)
print(coroutine.resume(a))
print(coroutine.resume(b))
a, b = nil, nil
collectgarbage("collect")
print("ok")
