-- newproxy creates userdata; metatables can be shared
local a = newproxy(true)
local mt = getmetatable(a)
mt.__index = function(_, k) return "ud." .. k end
mt.__tostring = function() return "proxy" end
print(a.foo, tostring(a), type(a))
local b = newproxy(a)
print(getmetatable(b) == mt, b.bar)
local c = newproxy(false)
print(getmetatable(c), type(c))
local d = newproxy()
print(getmetatable(d))
