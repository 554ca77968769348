-- deviation: yield inside a generic-for iterator function works (LuaJIT); PUC-Rio 5.1 reports "attempt to yield across metamethod/C-call boundary"
local function asking_iter(_, i)
  if i >= 3 then return nil end
  local answer = coroutine.yield("give " .. (i + 1))
  return i + 1, answer
end
local co = coroutine.wrap(function()
  local parts = {}
  for i, v in asking_iter, nil, 0 do parts[#parts + 1] = i .. "=" .. v end
  return table.concat(parts, ",")
end)
print(co())
print(co("a"))
print(co("b"))
print(co("c"))
