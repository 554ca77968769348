-- # stays correct on proper sequences while elements are pushed and popped at both ends
local t = {}
local lens = {}
for i = 1, 1000 do t[#t + 1] = i end
lens[#lens + 1] = #t
for i = 1, 400 do t[#t] = nil end
lens[#lens + 1] = #t
for i = 1, 100 do table.insert(t, 1, -i) end
lens[#lens + 1] = #t
for i = 1, 150 do table.remove(t, 1) end
lens[#lens + 1] = #t
for i = 1, 550 do t[#t] = nil end
lens[#lens + 1] = #t
print(table.concat(lens, " "), t[1])
for i = 1, 70000 do t[i] = i end
print(#t)
for i = 70000, 2, -1 do t[i] = nil end
print(#t, t[1])
t[1] = nil
print(#t, next(t))
local q = {first = 1, last = 0}
local function push(v) q.last = q.last + 1; q[q.last] = v end
local function pop() local v = q[q.first]; q[q.first] = nil; q.first = q.first + 1; return v end
local s = 0
for r = 1, 100 do
  for i = 1, 50 do push(r * i) end
  for i = 1, 45 do s = s + pop() end
end
print(s, q.last - q.first + 1)
