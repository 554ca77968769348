-- many live coroutines interleaved round-robin
local cos = {}
for i = 1, 50 do
  cos[i] = coroutine.create(function()
    local s = 0
    for j = 1, 3 do s = s + i * j; coroutine.yield(s) end
    return -s
  end)
end
local total = 0
for round = 1, 4 do
  for i = 1, 50 do
    local ok, v = coroutine.resume(cos[i])
    total = total + v
  end
end
print(total, coroutine.status(cos[1]), coroutine.status(cos[50]))
