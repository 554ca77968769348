-- long chains of closures each capturing the previous become garbage and are rebuilt
local function chain(n)
  local f = function(x) return x end
  for i = 1, n do
    local prev, k = f, i
    f = function(x) return prev(x) + k end
  end
  return f
end
local results = {}
for round = 1, 30 do
  local f = chain(100 + round)
  results[#results + 1] = f(round)
  if round % 5 == 0 then collectgarbage("collect") end
end
print(results[1], results[15], results[30])
-- closures stored in a table that is then dropped
local keeper
for round = 1, 50 do
  local fs = {}
  for i = 1, 200 do fs[i] = function() return i * round end end
  if round == 37 then keeper = fs end
end
collectgarbage("collect")
local s = 0
for i = 1, 200 do s = s + keeper[i]() end
print(s)
