-- lua5.1 (LUA_COMPAT_VARARG) gives vararg functions a local `arg` table
-- of their extra arguments, unless the body uses `...` (then arg is nil)
function f(a, ...) return arg.n, arg[1], arg[2], a end
print(f(1, 2, 3))
print(f())
local function g(...) local x = ... return arg, x end
print(g(7))
arg = "global"
local function h(...) return function() return arg end end
print(type(h(1)()))
print(arg)
