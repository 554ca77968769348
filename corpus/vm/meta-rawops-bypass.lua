-- rawget/rawset/rawequal bypass metamethods; metatables reached via __metatable are protected
local log = {}
local mt = {
  __index = function(t, k) log[#log + 1] = "i" .. k; return "meta" end,
  __newindex = function(t, k, v) log[#log + 1] = "n" .. k end,
  __eq = function() log[#log + 1] = "eq"; return true end,
  __metatable = "locked",
}
local t = setmetatable({}, mt)
print(t.a, rawget(t, "a"))
t.b = 1
rawset(t, "c", 2)
print(rawget(t, "b"), t.c)
local u = setmetatable({}, mt)
print(t == u, rawequal(t, u))
print(getmetatable(t), pcall(setmetatable, t, {}))
print(table.concat(log, ","))
print(getmetatable("abc").__index == string, ("x"):rep(3))
local s = setmetatable({}, {__index = string})
print(s.format("%d", 5))
