local base = {}
local function sq() return base ^ 2 end
print("squaring")
sq()
