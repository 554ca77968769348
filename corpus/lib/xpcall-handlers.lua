-- xpcall calls the handler with the error value
print(xpcall(function() return "fine", 2 end, print))
print(xpcall(function() error("boom") end, function(m) return "handled: " .. m end))
print(xpcall(function() error({1, 2, 3}) end, function(t) return #t end))
print(xpcall(function() local n = nil; return n + 1 end, function(m) return m:upper() end))
print(xpcall(function() error("x") end, function(m) return 1, 2, 3 end))
local depth = 0
print(xpcall(function() error("inner") end, function(m)
  depth = depth + 1
  return "depth " .. depth .. ": " .. m
end))
