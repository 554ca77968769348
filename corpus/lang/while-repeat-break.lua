-- while, repeat and break
local i = 0
while true do
  i = i + 1
  if i > 5 then break end
end
print(i)
local n = 0
repeat
  local done = n >= 3    -- until can see locals of the body
  n = n + 1
until done
print(n)
local out = {}
for a = 1, 3 do
  for b = 1, 3 do
    if b > a then break end
    out[#out + 1] = a .. b
  end
end
print(table.concat(out, " "))
local k = 10
while k > 0 do k = k - 3 end
print(k)
repeat local x = 1 until true
print("end")
