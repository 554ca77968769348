-- locals declared without a value are nil on every loop iteration and in every fresh block, even after reuse of their registers
local seen = {}
for i = 1, 5 do
  local a, b
  local c
  seen[#seen + 1] = tostring(a) .. tostring(b) .. tostring(c)
  a, b, c = i, i, i
end
print(table.concat(seen, " "))
local j = 0
while j < 3 do
  j = j + 1
  local x
  if x then print("stale", x) end
  x = j * 7
end
do local p, q, r = 1, 2, 3 end
do local p, q, r; print(p, q, r) end
local function f()
  do local big1, big2, big3 = "x", "y", "z" end
  local n1, n2, n3
  return n1, n2, n3
end
print(f())
local function g(flag)
  if flag then local t1 = "set" end
  local t2
  return t2
end
print(g(true), g(false))
local k = 0
repeat
  local u
  k = k + 1
  if u ~= nil then print("bad", u) end
  u = k
until k == 4
print(k)
local function h(...)
  local a, b, c, d = ...
  local e
  return a, b, c, d, e
end
print(h(1, 2))
print(h(1, 2, 3, 4, 5))
