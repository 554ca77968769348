-- raw access bypasses metamethods
local mt = {__index = function() return "meta" end, __newindex = function() error("blocked") end,
            __eq = function() return true end}
local t = setmetatable({}, mt)
print(t.x, rawget(t, "x"))
print(pcall(function() t.y = 1 end))
print(rawset(t, "y", 2) == t, rawget(t, "y"), t.y)
local u = setmetatable({}, mt)
print(t == u, rawequal(t, u), rawequal(t, t))
print(rawequal(1, 1), rawequal("a", "a"), rawequal(1, "1"))
print(pcall(rawget, "str", 1))
print(pcall(rawset, {}, nil, 1))
