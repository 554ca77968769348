-- upvalues are closed correctly when a block is left by break or return
local fs = {}
for i = 1, 10 do
  local v = i * 2
  fs[#fs + 1] = function() return v end
  if i == 4 then break end
end
print(#fs, fs[1](), fs[4]())
local gs = {}
local k = 0
while true do
  k = k + 1
  local a, b = k, -k
  gs[k] = function() a = a + 1; return a + b end
  if k >= 3 then break end
end
print(gs[1](), gs[1](), gs[3]())
local function early(n)
  local t = {}
  for i = 1, n do
    local x = i
    t[i] = function() x = x + 1; return x end
    if i == 3 then return t end
  end
  return t
end
local t = early(10)
print(#t, t[1](), t[1](), t[3]())
-- nested loops: break out of inner only
local hs = {}
for i = 1, 3 do
  for j = 1, 5 do
    local p = i * 10 + j
    hs[#hs + 1] = function() return p end
    if j == 2 then break end
  end
end
local out = {}
for _, h in ipairs(hs) do out[#out + 1] = h() end
print(table.concat(out, " "))
-- do-block exit closes
local q
do
  local z = "inside"
  q = function() return z end
  z = "changed"
end
print(q())
