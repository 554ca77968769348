-- xpcall handlers receive the error value and their return replaces it; tracebacks are never printed
local function handler(e) return "handled: " .. tostring(e) end
print(xpcall(function() error("boom") end, handler))
print(xpcall(function() error({}) end, function(e) return type(e) end))
print(xpcall(function() return 1, 2, 3 end, handler))
print(xpcall(function() local x = nil; return x() end, handler))
local tb = select(2, xpcall(function() error("t") end, debug.traceback))
print(type(tb), tb:sub(1, 14))
local depth = 0
local function nested(n)
  if n == 0 then error("deep " .. depth) end
  depth = depth + 1
  return xpcall(function() return nested(n - 1) end, function(e) return e .. "<" .. n end)
end
print(nested(5))
print(xpcall(function() error(nil) end, function(e) return e == nil end))
print(select("#", xpcall(function() error("x") end, function() end)))
print(xpcall(function() error("x") end, function(e) return 1, 2 end))
