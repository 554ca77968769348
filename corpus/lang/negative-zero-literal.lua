-- deviation: the literal -0 is negative zero (LuaJIT); PUC-Rio 5.1 prints 0 here because the constant -0 is shared with the constant 0
local a = 0
print(-0)
print(a, -0.0)
print(1 / -0)
local z = 0
print(-z)
