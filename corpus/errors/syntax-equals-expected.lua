print("never runs")
local t = {}
t.x 5
