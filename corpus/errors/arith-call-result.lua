local function f() return nil end
print("f returns", f())
local y = f() + 1
