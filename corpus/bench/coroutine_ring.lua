-- coroutine_ring: a ring of 64 coroutines passes a token around: the main
-- loop resumes each node in turn, which adds to the token and yields it back;
-- measures coroutine switches.
-- arg[1] = hops (default 2000). Prints the node holding the token at the
-- end and a checksum of the visit counts.
local hops = tonumber(arg and arg[1]) or 2000
local size = 64
local visits = {}
local ring = {}
for i = 1, size do
  visits[i] = 0
  ring[i] = coroutine.create(function(token)
    while true do
      visits[i] = visits[i] + 1
      token = coroutine.yield(token + i)
    end
  end)
end
local token, node = 0, 1
for _ = 1, hops do
  local ok, v = coroutine.resume(ring[node], token)
  if not ok then error(v) end
  token = v % 1000003
  node = node % size + 1
end
-- a producer/consumer pair through coroutine.wrap
local gen = coroutine.wrap(function()
  for i = 1, hops do coroutine.yield(i * 3) end
  return -1
end)
local got = 0
while true do
  local v = gen()
  if v < 0 then break end
  got = (got + v) % 1000003
end
local sum = 0
for i = 1, size do sum = sum + visits[i] * i end
print(string.format("%d %d %d %d", node, token, sum, got))
