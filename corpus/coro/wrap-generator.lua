-- coroutine.wrap returns a function that resumes
local function range(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
for i in range(4) do io.write(i, " ") end
print()
local gen = coroutine.wrap(function(...)
  local args = {...}
  while true do
    args = {coroutine.yield(#args, ...)}
  end
end)
print(gen(1, 2, 3))
print(gen())
print(gen("a"))
