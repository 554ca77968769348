-- collectgarbage options return values of deterministic types; collect/stop/restart return 0
print(collectgarbage("collect"))
print(collectgarbage())
print(type(collectgarbage("count")), select("#", collectgarbage("count")))
print(type(collectgarbage("step")), type(collectgarbage("step", 0)), type(collectgarbage("step", 1000)))
print(collectgarbage("stop"))
local t = {}
for i = 1, 10000 do t[i] = {i} end
print(collectgarbage("restart"))
local c = collectgarbage("count")
print(c > 0, math.floor(c) <= c)
local ok, err = pcall(collectgarbage, "nope")
print(ok, err)
local finished = false
for i = 1, 100000 do
  if collectgarbage("step") then finished = true break end
end
print(finished)
