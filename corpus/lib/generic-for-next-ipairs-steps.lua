-- generic for over next, pairs and ipairs (stepped by interp without a builtin call): values, extra loop variables, the end, errors from a bad key or a non-table, clearing fields while traversing
local t = {10, 20, 30, nil, 50, x = 1, y = 2}
local s = 0
for i, v in ipairs(t) do s = s + i * v end
print(s)
local keys = 0
for k, v in pairs(t) do keys = keys + 1 end
print(keys)
for k in pairs({a=1}) do print(k) end
for i, v, extra in ipairs({5}) do print(i, v, extra) end
for k, v in next, {7} do print(k, v) end
print(pcall(function() for k in next, {1}, "nokey" do end end))
print(pcall(function() for i in ipairs(nil) do end end))
local u = {}
for i = 1, 10 do u[i] = i end
for k, v in pairs(u) do u[k] = nil end
print(next(u))
