-- a local captured by a closure in a repeat body is still visible in the until condition, fresh each iteration
local fs = {}
local i = 0
repeat
  i = i + 1
  local v = i * 10
  fs[#fs + 1] = function() v = v + 1; return v end
until v >= 50
print(#fs, fs[1](), fs[1](), fs[5]())
-- the until condition calls a closure that captured the body local
local log = {}
local k = 0
repeat
  k = k + 1
  local mine = k
  local check = function() return mine >= 3 end
  log[#log + 1] = function() return mine end
until check()
print(#log, log[1](), log[3]())
-- break out of a repeat with captured locals
local gs = {}
local j = 0
repeat
  j = j + 1
  local w = j
  gs[j] = function() return w end
  if j == 4 then break end
until false
print(#gs, gs[2](), gs[4]())
-- nested repeat where inner closure captures both levels
local hs = {}
local a = 0
repeat
  a = a + 1
  local outer = a
  local b = 0
  repeat
    b = b + 1
    local inner = b
    hs[#hs + 1] = function() return outer * 10 + inner end
  until inner == 2
until outer == 3
local out = {}
for _, h in ipairs(hs) do out[#out + 1] = h() end
print(table.concat(out, " "))
