-- a proxy table with __index/__newindex functions tracks reads and writes through a 3-level class chain
local function proxy(target)
  local reads, writes = 0, 0
  local p = setmetatable({}, {
    __index = function(_, k) reads = reads + 1; return target[k] end,
    __newindex = function(_, k, v) writes = writes + 1; target[k] = v end,
  })
  return p, function() return reads, writes end
end
local A = {kind = "A", hello = function(self) return "hello from " .. self.kind end}
A.__index = A
local B = setmetatable({kind = "B"}, A)
B.__index = B
local C = setmetatable({}, B)
C.__index = C
local obj = setmetatable({}, C)
local p, stats = proxy(obj)
print(p.kind, p:hello(), p.missing)
p.kind = "own"
print(p.kind, p:hello(), rawget(obj, "kind"), B.kind)
for i = 1, 100 do p[i] = i end
local s = 0
for i = 1, 100 do s = s + p[i] end
print(s, stats())
-- proxy of a proxy
local pp, stats2 = proxy(p)
pp.z = 26
print(pp.z, obj.z, stats2())
print(stats())
