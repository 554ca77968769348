-- closures created in loops capture a fresh variable per iteration (numeric for, generic for, while with local)
local a = {}
for i = 1, 5 do a[i] = function() return i end end
print(a[1](), a[3](), a[5]())
local b = {}
for k, v in ipairs({"p", "q", "r"}) do b[k] = function() return k .. v end end
print(b[1](), b[2](), b[3]())
local c = {}
local j = 0
while j < 5 do
  j = j + 1
  local jj = j
  c[j] = function() jj = jj + 100; return jj end
end
print(c[1](), c[1](), c[2](), c[5]())
local d = {}
local r = 0
repeat
  r = r + 1
  local captured = r * r
  d[r] = function() return captured end
until captured >= 16
print(#d, d[1](), d[4]())
-- loop variable modified in the body does not affect the closure of other iterations
local e = {}
for i = 1, 3 do
  local f = function() return i end
  i = i * 10
  e[#e + 1] = f
end
print(e[1](), e[2](), e[3]())
local shared = {}
local s = 0
for i = 1, 3 do
  shared[i] = function() s = s + i; return s end
end
print(shared[1](), shared[2](), shared[3](), s)
