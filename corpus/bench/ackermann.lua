-- ackermann: deep non-tail recursion with tail calls mixed in.
-- arg[1] = n (default 4). Prints ack(2, n), ack(3, n) and the call count.
local n = tonumber(arg and arg[1]) or 4
local calls = 0
local function ack(m, k)
  calls = calls + 1
  if m == 0 then return k + 1 end
  if k == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, k - 1))
end
local a = ack(2, n)
local b = ack(3, n)
print(string.format("%d %d %d", a, b, calls))
