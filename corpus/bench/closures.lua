-- closures: creates many closures sharing and capturing upvalues (counters,
-- adders, composed functions, closures made in loops) and calls them.
-- arg[1] = iterations (default 2000). Prints the accumulated results.
local n = tonumber(arg and arg[1]) or 2000

local function counter()
  local c = 0
  return function() c = c + 1 return c end, function() return c end
end

local function adder(k)
  return function(x) return x + k end
end

local function compose(f, g)
  return function(x) return f(g(x)) end
end

local total = 0
for i = 1, n do
  local inc, get = counter()
  for _ = 1, 5 do inc() end
  local f = compose(adder(i), compose(adder(1), adder(2)))
  total = (total + f(get()) ) % 1000000007
  local fs = {}
  for j = 1, 8 do fs[j] = function() return i * j + total % 7 end end
  for j = 1, 8 do total = (total + fs[j]()) % 1000000007 end
end

local function make_acc()
  local sum = 0
  local acc = {}
  function acc.add(v) sum = sum + v end
  function acc.get() return sum end
  return acc
end
local acc = make_acc()
for i = 1, n * 10 do acc.add(i % 11) end
print(string.format("%d %d", total, acc.get()))
