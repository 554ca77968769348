-- errors in wrapped coroutines propagate to the caller, where pcall can catch them
local gen = coroutine.wrap(function() error("inside wrap") end)
local ok, msg = pcall(gen)
print(ok, msg)
print(pcall(gen))
local g2 = coroutine.wrap(function() error({tag = "tbl"}) end)
local ok2, e = pcall(g2)
print(ok2, e.tag)
