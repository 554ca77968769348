-- A yield from under a library function that calls back into Lua (a C
-- function in 5.1) is refused, wherever the callback comes from: sort's
-- comparator and the __lt it triggers, gsub's replacement function,
-- tostring's __tostring. The coroutine dies with the error.
local co = coroutine

local c1 = co.create(function()
  table.sort({ 3, 2, 1 }, function(a, b) co.yield("cmp"); return a < b end)
  return "sorted"
end)
print(co.resume(c1))
print(co.status(c1))

local lt = { __lt = function(a, b) co.yield("lt"); return a.v < b.v end }
local c2 = co.create(function()
  local t = { setmetatable({ v = 2 }, lt), setmetatable({ v = 1 }, lt) }
  table.sort(t)
  return t[1].v
end)
print(co.resume(c2))

local c3 = co.create(function()
  return (string.gsub("abc", "%w", function(c) return co.yield(c) end))
end)
print(co.resume(c3))

local c4 = co.create(function()
  return tostring(setmetatable({}, { __tostring = function() return co.yield("ts") end }))
end)
print(co.resume(c4))

-- the same callbacks without a yield still work inside a coroutine
local c5 = co.create(function()
  local t = { 5, 1, 4 }
  table.sort(t, function(a, b) return a > b end)
  local s = string.gsub("ab", "%w", function(c) return c:upper() end)
  co.yield(table.concat(t, ","), s)
  return tostring(setmetatable({}, { __tostring = function() return "obj" end }))
end)
print(co.resume(c5))
print(co.resume(c5))
