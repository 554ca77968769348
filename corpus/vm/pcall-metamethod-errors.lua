-- errors raised inside metamethods (index, newindex, arith, call, concat, compare) are caught by pcall
local mt = {
  __index = function(t, k) error("no field " .. k) end,
  __newindex = function(t, k, v) error("readonly " .. k, 2) end,
  __add = function(a, b) error({op = "add"}) end,
  __call = function(self, x) error("call " .. tostring(x), 0) end,
  __concat = function(a, b) error("concat") end,
  __lt = function(a, b) error("lt", 0) end,
  __unm = function(a) return nil + 1 end,
}
local obj = setmetatable({}, mt)
print(pcall(function() return obj.foo end))
print(pcall(function() obj.bar = 1 end))
local ok, e = pcall(function() return obj + 1 end)
print(ok, type(e), e.op)
print(pcall(obj, 99))
print(pcall(function() return obj .. "s" end))
print(pcall(function() return obj < obj end))
print(pcall(function() return -obj end))
-- error inside __index while inside a deeper pcall, then normal indexing still works
local calls = 0
local safe = setmetatable({}, {__index = function(t, k)
  calls = calls + 1
  if k == "bad" then error("bad key", 0) end
  return k .. "!"
end})
local results = {}
for _, k in ipairs({"a", "bad", "c", "bad", "e"}) do
  local ok, v = pcall(function() return safe[k] end)
  results[#results + 1] = tostring(ok) .. ":" .. v
end
print(table.concat(results, " "), calls)
-- errors from built-in arithmetic on bad operands inside metamethod
local m2 = setmetatable({}, {__index = function(t, k) return t.missing .. k end})
print(pcall(function() return m2.x end))
