-- a closure in a loop sees later changes to the enclosing local within the same iteration
local fs = {}
for i = 1, 3 do
  local v = i
  fs[i] = function() return v end
  v = v * 100
end
print(fs[1](), fs[2](), fs[3]())
local acc = {}
local x = 0
local add = function() x = x + 1 acc[#acc + 1] = x end
for _ = 1, 3 do add() end
print(table.concat(acc, ","), x)
