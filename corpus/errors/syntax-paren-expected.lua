print("a", "b"
local y = 2
