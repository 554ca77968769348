-- __call on tables receives self plus all arguments, including nils and many values; returns pass through
local callee = setmetatable({name = "c"}, {__call = function(self, ...)
  return self.name, select("#", ...), ...
end})
print(callee())
print(callee(1, nil, 3))
local t = {}
for i = 1, 100 do t[i] = i end
local r = {callee(unpack(t))}
print(r[1], r[2], r[3], r[102], #r)
print(pcall(callee, "p"))
local nested = setmetatable({}, {__call = callee})
print(pcall(nested, "z"))
-- __call in method-style and as iterator
local counter = setmetatable({n = 0}, {__call = function(self, _, last)
  if last == nil then last = 0 end
  if last >= 3 then return nil end
  return last + 1
end})
for i in counter do io.write(i, " ") end
print()
local obj = {f = callee}
print(obj.f("x"))
local r2 = {obj:f("y")}
print(r2[1], r2[2], type(r2[3]), r2[3] == obj, r2[4])
-- tail call through __call
local function tc(...) return callee(...) end
print(tc("a", "b"))
