-- while and repeat conditions built from and/or/not, comparisons and calls evaluate with short-circuit
local calls = 0
local function f(v) calls = calls + 1; return v end
local i, acc = 0, {}
while (i < 10 and f(true)) and not (i == 7 and f(true)) do
  acc[#acc + 1] = i
  i = i + 1
end
print(table.concat(acc, ","), i, calls)
local a, b = 0, 100
repeat
  a = a + 3; b = b - 4
until a > b or (a % 11 == 0 and f(false) == nil) or not f(a < 50)
print(a, b, calls)
local n, steps = 27, 0
while n ~= 1 do
  if n % 2 == 0 then n = n / 2 else n = 3 * n + 1 end
  steps = steps + 1
end
print(steps)
local x = 0
while true do
  x = x + 1
  if x > 5 and x % 2 == 0 or x > 20 then break end
end
print(x)
local words = {}
local idx = 1
local src = "alpha beta  gamma   delta"
while idx <= #src do
  local s, e = src:find("%a+", idx)
  if not s then break end
  words[#words + 1] = src:sub(s, e)
  idx = e + 1
end
print(#words, table.concat(words, "|"))
