-- Closures with many upvalues (open and closed, shared between closures,
-- captured from parent upvalues), read and written by index: every UGET
-- and USETV operand names a cell the closure has.
local function make()
  local a, b, c, d, e, f, g, h = 1, 2, 3, 4, 5, 6, 7, 8
  local function sum() return a + b + c + d + e + f + g + h end
  local function bump(k)
    a, b, c, d = a + k, b + k, c + k, d + k
    e, f, g, h = e * k, f * k, g * k, h * k
  end
  local function inner()
    return function() return h - a, sum() end
  end
  return sum, bump, inner
end
local sum, bump, inner = make()
print(sum())
bump(2)
print(sum())
local x = inner()
print(x())
bump(-1)
print(x(), sum())
-- open upvalues of the running frame, written then read in a loop
local n, total = 0, 0
local function step(v) n = n + 1; total = total + v end
for i = 1, 100 do step(i) end
print(n, total)
-- string.dump'd functions come back with fresh (nil) upvalues
local k = 5
local function useK() return k end
local ok, loaded = pcall(loadstring, string.dump(useK))
print(ok and type(loaded))
if ok and loaded then print(pcall(loaded)) end
