-- coroutines created in a loop each capture the loop's fresh variable and a shared accumulator
local total = 0
local cos = {}
for i = 1, 6 do
  local local_i = i
  cos[i] = coroutine.create(function()
    for r = 1, 3 do
      total = total + local_i
      local_i = local_i + 1
      coroutine.yield(local_i)
    end
    return -local_i
  end)
end
local rounds = {}
for r = 1, 4 do
  local row = {}
  for i = 1, 6 do
    local ok, v = coroutine.resume(cos[i])
    row[i] = tostring(v)
  end
  rounds[r] = table.concat(row, ",")
end
print(table.concat(rounds, " | "))
print(total)
local ok, err = coroutine.resume(cos[1])
print(ok, err)
