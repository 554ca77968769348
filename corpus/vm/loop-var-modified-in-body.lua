-- assigning to the numeric for variable inside the body does not change the iteration sequence
local seen = {}
for i = 1, 5 do
  seen[#seen + 1] = i
  i = i * 100
  seen[#seen + 1] = i
end
print(table.concat(seen, " "))
seen = {}
for i = 10, 1, -2 do
  i = nil
  seen[#seen + 1] = tostring(i)
end
print(table.concat(seen, " "))
-- changing the limit variable after the loop starts has no effect
local limit = 3
local count = 0
for i = 1, limit do limit = 100; count = count + 1 end
print(count, limit)
-- generic for: modifying the control variable does not affect next
local t = {"a", "b", "c", "d"}
seen = {}
for k, v in ipairs(t) do
  seen[#seen + 1] = k .. v
  k = k + 10
  v = v:upper()
  seen[#seen + 1] = k .. v
end
print(table.concat(seen, " "))
-- modifying the table being walked by ipairs (appending) extends the traversal
local grow = {1, 2, 3}
local steps = 0
for i, v in ipairs(grow) do
  steps = steps + 1
  if i <= 3 then grow[#grow + 1] = v * 10 end
end
print(steps, #grow, grow[6])
-- step expression variable
local step = 2
local out = {}
for i = 1, 10, step do step = 5; out[#out + 1] = i end
print(table.concat(out, " "))
