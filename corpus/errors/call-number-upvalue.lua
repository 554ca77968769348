local f = 42
local function go() return f() end
print("go")
go()
