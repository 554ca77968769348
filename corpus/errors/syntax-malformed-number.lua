print("never runs")
local n = 3x
