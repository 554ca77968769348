-- __eq/__lt/__le between tables: eq needs the same metamethod on both, le falls back to not lt
local function V(n, mt) return setmetatable({n = n}, mt) end
local mt = {}
mt.__eq = function(a, b) return a.n == b.n end
mt.__lt = function(a, b) return a.n < b.n end
mt.__le = function(a, b) return a.n <= b.n end
local a, b, c = V(1, mt), V(2, mt), V(1, mt)
print(a == c, a ~= c, a == b, a < b, b < a, a <= c, b <= a, a > b, b >= a)
local mt2 = {__eq = function() return true end}
local d = V(1, mt2)
print(a == d, d == a)
local mt3 = {__eq = mt.__eq}
local e = V(1, mt3)
print(a == e)
print(a == 1, 1 == a)
print(pcall(function() return a < d end))
local onlylt = {__lt = function(x, y) return x.n < y.n end}
local p, q = V(1, onlylt), V(2, onlylt)
print(p < q, q < p, pcall(function() return p <= q end))
local results = {}
local list = {}
for i = 10, 1, -1 do list[#list + 1] = V(i, mt) end
table.sort(list, function(x, y) return x < y end)
for i, v in ipairs(list) do results[i] = v.n end
print(table.concat(results, " "))
table.sort(list, function(x, y) return x > y end)
results = {}
for i, v in ipairs(list) do results[i] = v.n end
print(table.concat(results, " "))
local truthy = {__eq = function() return "yes" end, __lt = function() return 0 end}
local t1, t2 = V(1, truthy), V(2, truthy)
print(t1 == t2, t1 < t2, t1 > t2)
print(rawequal(a, c), rawequal(a, a))
