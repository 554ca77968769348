-- rehash with booleans, tables, functions, floats and strings as keys keeps every association
local t = {}
local tkeys, fkeys = {}, {}
for i = 1, 300 do
  tkeys[i] = {}
  fkeys[i] = function() return i end
  t[tkeys[i]] = i
  t[fkeys[i]] = -i
  t[i + 0.5] = i * 2
  t["s" .. i] = i * 3
  t[i] = i * 4
end
t[true] = "T"; t[false] = "F"
local sum = 0
for i = 1, 300 do
  sum = sum + t[tkeys[i]] + t[fkeys[i]] + t[i + 0.5] + t["s" .. i] + t[i]
end
print(sum, t[true], t[false], #t)
local n = 0
for k in pairs(t) do n = n + 1 end
print(n)
for i = 1, 300, 2 do t[tkeys[i]] = nil; t[i + 0.5] = nil; t[i] = nil end
t[true] = nil
n = 0
local counts = {}
for k in pairs(t) do n = n + 1; counts[type(k)] = (counts[type(k)] or 0) + 1 end
print(n, counts.table, counts.number, counts.string, counts["function"], counts.boolean)
for i = 1, 300 do t[tkeys[i]] = i * 10 end
sum = 0
for i = 1, 300 do sum = sum + t[tkeys[i]] end
print(sum, t[false])
print(pcall(function() t[0/0] = 1 end))
print(t[0/0])
