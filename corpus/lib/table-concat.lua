-- table.concat with separators and ranges
local t = {1, "two", 3.5, "four"}
print(table.concat(t))
print(table.concat(t, ", "))
print(table.concat(t, "-", 2))
print(table.concat(t, "-", 2, 3))
print(table.concat(t, "-", 3, 2) == "")
print(table.concat({}, "x") == "")
print(table.concat({"a"}, "x"))
print(pcall(table.concat, {1, 2}, ",", 1, 3))
print(table.concat({1e15, 1e16, -0.5}, " "))
