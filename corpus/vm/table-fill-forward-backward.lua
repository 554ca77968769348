-- arrays filled forward, backward and from the middle out end up with the same contents and length
local function check(t, n)
  local s = 0
  for i = 1, n do s = s + t[i] end
  return #t, s
end
local a = {}
for i = 1, 1000 do a[i] = i end
print(check(a, 1000))
local b = {}
for i = 1000, 1, -1 do b[i] = i end
print(check(b, 1000))
local c = {}
for d = 0, 499 do c[500 - d] = 500 - d; c[501 + d] = 501 + d end
print(check(c, 1000))
local e = {}
for i = 2, 1000, 2 do e[i] = i end
for i = 1, 999, 2 do e[i] = i end
print(check(e, 1000))
local f = {}
for i = 1, 1000 do f[#f + 1] = i end
print(check(f, 1000))
local ipc = 0
for i, v in ipairs(b) do ipc = ipc + 1 end
print(ipc)
