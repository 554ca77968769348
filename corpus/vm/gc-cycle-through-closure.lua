-- reference cycles through closures and tables survive collection while reachable and are dropped cleanly
local function make(n)
  local obj = {id = n}
  obj.get = function() return obj.id end
  obj.self = obj
  return obj
end
local keep = {}
for i = 1, 2000 do
  local o = make(i)
  if i % 100 == 0 then keep[#keep + 1] = o end
end
collectgarbage("collect")
local sum = 0
for _, o in ipairs(keep) do sum = sum + o.get() + o.self.self.id end
print(#keep, sum)
-- a ring of tables, each pointing to the next, plus closures capturing the ring
local ring = {}
for i = 1, 500 do ring[i] = {v = i} end
for i = 1, 500 do ring[i].next = ring[i % 500 + 1] end
local head = ring[1]
ring = nil
collectgarbage("collect")
local p, total = head, 0
for _ = 1, 1000 do total = total + p.v; p = p.next end
print(total, p == head)
-- cycle between two closures via upvalues
local f, g
do
  local count = 0
  f = function(n) if n == 0 then return count end count = count + 1 return g(n - 1) end
  g = function(n) if n == 0 then return -count end count = count + 2 return f(n - 1) end
end
collectgarbage("collect")
print(f(10), g(7))
head = nil; f = nil; g = nil
collectgarbage("collect")
print(type(collectgarbage("count")))
