-- function environments
local function f() return x end
x = "global x"
print(f())
setfenv(f, {x = "env x"})
print(f())
print(getfenv(f).x)
print(getfenv(1) == _G, getfenv(0) == _G, getfenv() == _G)
print(getfenv(print) == _G)
local function g()
  setfenv(1, {print = print, y = "inside"})
  print(y, x)
end
g()
print(x)
local env = setmetatable({}, {__index = _G})
local h = loadstring("newglobal = 42 return x")
setfenv(h, env)
print(h())
print(newglobal, env.newglobal)
local r = setfenv(f, _G)
print(r == f, f())
