-- fib: naive doubly recursive Fibonacci; measures Lua-to-Lua call overhead.
-- arg[1] = n (default 20). Prints fib(n).
local n = tonumber(arg and arg[1]) or 20
local function fib(k)
  if k < 2 then return k end
  return fib(k - 1) + fib(k - 2)
end
print(string.format("%d", fib(n)))
