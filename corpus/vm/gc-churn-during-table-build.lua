-- collectgarbage("step") interleaved with building and mutating nested tables does not disturb contents
local root = {}
for i = 1, 3000 do
  local node = {id = i, kids = {}}
  for j = 1, i % 5 do node.kids[j] = {i, j, tostring(i * j)} end
  root[i] = node
  if i % 97 == 0 then collectgarbage("step") end
  if i % 3 == 0 then root[i - 1] = {id = -(i - 1), kids = {}} end
end
collectgarbage("collect")
local ids, kids, strs = 0, 0, 0
for i = 1, #root do
  ids = ids + root[i].id
  for _, k in ipairs(root[i].kids) do kids = kids + k[1] + k[2]; strs = strs + #k[3] end
end
print(ids, kids, strs)
local garbage
for round = 1, 10 do
  garbage = {}
  for i = 1, 2000 do garbage[i] = {round, i, {}} end
  collectgarbage("step", 10)
end
print(#garbage, garbage[2000][1], garbage[1][2])
