-- __metatable hides the metatable from getmetatable
local t = setmetatable({}, {__metatable = "not yours", __index = {a = 1}})
print(getmetatable(t), t.a)
print(pcall(setmetatable, t, {}))
local u = setmetatable({}, {__metatable = false})
print(getmetatable(u))
print(getmetatable("abc").__metatable)
local plain = {}
print(getmetatable(plain))
local mt = {}
print(setmetatable(plain, mt) == plain, getmetatable(plain) == mt)
print(setmetatable(plain, nil) == plain, getmetatable(plain))
