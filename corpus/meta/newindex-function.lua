-- __newindex as a function; rawset bypasses it
local t = {}
setmetatable(t, {__newindex = function(tbl, k, v)
  print("newindex", k, v)
  rawset(tbl, k, v * 2)
end})
t.x = 5
t.x = 7          -- key exists now: no metamethod
print(t.x)
t[1] = 10
print(t[1])
rawset(t, "y", 1)
print(t.y)
t.x = nil
t.x = 3          -- key removed: metamethod again
print(t.x)
