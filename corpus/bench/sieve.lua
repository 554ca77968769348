-- sieve: the sieve of Eratosthenes over a boolean array, repeated; array
-- stores and loads in nested loops.
-- arg[1] = repetitions (default 2) of a sieve up to 20000. Prints the
-- prime count and the sum of the primes of the last pass.
local reps = tonumber(arg and arg[1]) or 2
local limit = 20000
local count, sum = 0, 0
for _ = 1, reps do
  local composite = {}
  for i = 2, limit do composite[i] = false end
  for i = 2, limit do
    if not composite[i] then
      for j = i * i, limit, i do composite[j] = true end
    end
  end
  count, sum = 0, 0
  for i = 2, limit do
    if not composite[i] then
      count = count + 1
      sum = sum + i
    end
  end
end
print(string.format("%d %d", count, sum))
