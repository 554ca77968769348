-- yielding from the body of a for loop (not from the iterator) is fine in 5.1
local co = coroutine.wrap(function()
  for i, v in ipairs({"a", "b", "c"}) do coroutine.yield(i .. v) end
  for k = 1, 2 do coroutine.yield(k * 10) end
  return "end"
end)
for _ = 1, 6 do io.write(tostring(co()), " ") end
print()
