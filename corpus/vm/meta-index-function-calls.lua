-- __index functions receive the original table and key; results are not cached unless stored
local calls = {}
local proxy = setmetatable({}, {__index = function(t, k)
  calls[#calls + 1] = tostring(k)
  if type(k) == "number" then return k * k end
  if k == "store" then rawset(t, k, "stored"); return "first" end
  return nil
end})
print(proxy[3], proxy[4], proxy.x, proxy.store, proxy.store)
print(table.concat(calls, ","))
local self_check
local o = setmetatable({}, {__index = function(t, k) self_check = t; return k end})
local _ = o.anything
print(self_check == o)
-- __index on a table used for default values, with method calls through it
local Class = {}
Class.__index = Class
function Class.new(v) return setmetatable({v = v}, Class) end
function Class:get() return self.v end
function Class:add(o) return Class.new(self.v + o:get()) end
local Sub = setmetatable({}, {__index = Class})
Sub.__index = Sub
function Sub.new(v) return setmetatable({v = v}, Sub) end
function Sub:get() return self.v * 100 end
local a, b = Class.new(1), Sub.new(2)
print(a:get(), b:get(), a:add(b):get(), b:add(a):get())
-- __index returning multiple values is truncated to one
local multi = setmetatable({}, {__index = function() return 1, 2, 3 end})
print(multi.x)
print(select("#", multi.x))
