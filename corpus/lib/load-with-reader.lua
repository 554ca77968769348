-- load takes a reader function returning pieces
local parts = {"return ", "1 ", "+ ", "41"}
local i = 0
local f = load(function() i = i + 1 return parts[i] end)
print(f())
local once = false
print(load(function() if once then return nil end once = true return "syntax error here" end, "=reader"))
local g = load(function() return nil end)
print(type(g), g())
print(pcall(load, function() return {} end))
