-- string.sub with positive, negative and out-of-range indices
local s = "Hello, world"
print(s:sub(1, 5), s:sub(8), s:sub(-5), s:sub(-5, -2))
print(s:sub(0), s:sub(1, 0) == "", s:sub(5, 3) == "")
print(s:sub(-100, 3), s:sub(10, 100), s:sub(13) == "")
print(s:sub(2, -2), s:sub(-1, -1))
print(("abc"):sub(2.7, 3.2))
print(string.sub("abc", "2"))
