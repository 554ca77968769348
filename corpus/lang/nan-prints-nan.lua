-- deviation: NaN always prints as nan (LuaJIT); PUC-Rio 5.1 on x86 prints -nan for 0/0
local nan = 0 / 0
print(nan)
print(-nan)
print(tostring(math.huge - math.huge))
print(nan ~= nan)
print(string.format("%s", tostring(nan)))
