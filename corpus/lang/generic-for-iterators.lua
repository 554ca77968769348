-- generic for calls the iterator with state and control variable
local function range(n)
  return function(max, i)
    if i < max then return i + 1, (i + 1) ^ 2 end
  end, n, 0
end
for i, sq in range(4) do io.write(i, ":", sq, " ") end print()
-- stateful closure iterator
local function chars(s)
  local i = 0
  return function()
    i = i + 1
    if i <= #s then return s:sub(i, i) end
  end
end
for c in chars("lua") do io.write("[", c, "]") end print()
-- iteration stops at the first nil control value, even with more values
local function it(_, i) if i < 3 then return i + 1, nil end return nil, "ignored" end
for i, v in it, nil, 0 do io.write(i, tostring(v), " ") end print()
-- the explist is adjusted to three values
local calls = 0
for k in function(s, c) calls = calls + 1 if c == nil then return s end end, "state" do
  io.write(k, " ")
end
print(calls)
