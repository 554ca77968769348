local t = {}
print("a" .. "b")
print("t = " .. t)
