-- infinite recursion is a catchable error
local function rec() return 1 + rec() end
local ok, msg = pcall(rec)
print(ok, msg)
local function grow(t) t[#t + 1] = 1 return grow(t) + 1 end
local ok2, msg2 = pcall(grow, {})
print(ok2, msg2)
print("still running", pcall(function() return "fine" end))
