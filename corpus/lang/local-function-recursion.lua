-- 'local function f' can call itself; 'local f = function' cannot
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(10), fact(20))
fib = "global fib"
local fib = function(n) return fib end
print(fib(3))
local function fibr(n) if n < 2 then return n end return fibr(n - 1) + fibr(n - 2) end
print(fibr(20))
