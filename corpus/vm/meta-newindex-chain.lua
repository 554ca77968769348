-- __newindex tables forward assignments down a chain; existing keys are set directly
local sink = {}
local mid = setmetatable({}, {__newindex = sink})
local front = setmetatable({}, {__newindex = mid})
front.a = 1
print(rawget(front, "a"), rawget(mid, "a"), sink.a)
rawset(front, "b", 0)
front.b = 2
print(front.b, mid.b, sink.b)
-- __newindex function logging and redirecting
local log = {}
local store = {}
local t = setmetatable({}, {
  __newindex = function(t, k, v) log[#log + 1] = k .. "=" .. tostring(v); rawset(store, k, v) end,
  __index = store,
})
t.x = 1; t.y = 2; t.x = 3
print(t.x, t.y, rawget(t, "x"), table.concat(log, " "))
-- readonly chain: 4 levels, innermost errors
local ro = setmetatable({}, {__newindex = function(t, k) error("readonly " .. k, 0) end})
local l1 = setmetatable({}, {__newindex = ro})
local l2 = setmetatable({}, {__newindex = l1})
local l3 = setmetatable({}, {__newindex = l2})
print(pcall(function() l3.z = 1 end))
-- assigning nil to an absent key still triggers __newindex
local nilcount = 0
local n = setmetatable({}, {__newindex = function() nilcount = nilcount + 1 end})
n.q = nil
n[1] = nil
print(nilcount)
-- table.insert and rawset bypass? table.insert uses raw access in 5.1
local tracked = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v .. "!") end})
tracked[1] = "a"
table.insert(tracked, "b")
print(tracked[1], tracked[2])
