-- __index chains 10 tables deep resolve to the nearest definition; rawget sees only own fields
local base = {depth = 0, name = "base"}
local chain = {base}
for i = 1, 10 do
  local t = {depth = i}
  if i % 3 == 0 then t.name = "level" .. i end
  setmetatable(t, {__index = chain[i]})
  chain[i + 1] = t
end
local top = chain[11]
print(top.depth, top.name, rawget(top, "name"))
print(chain[3].name, chain[4].name, chain[7].name)
base.only_base = "found"
print(top.only_base, top.missing)
chain[6].name = "overridden"
print(top.name, chain[7].name, chain[6].name, chain[5].name)
local hits = 0
for i = 1, 10000 do if top.only_base then hits = hits + 1 end end
print(hits)
-- chain of five mixing tables and a terminal function
local fnend = setmetatable({}, {__index = function(t, k) return "fn:" .. tostring(k) end})
local c1 = setmetatable({a = 1}, {__index = fnend})
local c2 = setmetatable({b = 2}, {__index = c1})
local c3 = setmetatable({c = 3}, {__index = c2})
local c4 = setmetatable({d = 4}, {__index = c3})
print(c4.a, c4.b, c4.c, c4.d, c4.e, c4[1])
