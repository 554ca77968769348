-- loop: a tight numeric for loop with arithmetic and a modulo; measures
-- the dispatch cost of the simplest instructions.
-- arg[1] = iterations (default 20000). Prints a running checksum.
local n = tonumber(arg and arg[1]) or 20000
local s = 0
for i = 1, n do
  s = (s + i * 7 + (i % 13)) % 1000003
end
local x = 0
local i = 0
while i < n do
  i = i + 1
  if i % 3 == 0 then x = x + 1 else x = x - 1 end
end
print(string.format("%d %d", s, x))
