local function level3() local t = nil; return t.x end
local function level2() return level3() + 1 end
local function level1() return level2() end
print("start")
level1()
