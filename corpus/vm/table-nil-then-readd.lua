-- nil-ing array elements and re-adding them keeps values retrievable
local t = {}
for i = 1, 100 do t[i] = i end
for i = 1, 100, 3 do t[i] = nil end
local s = 0
for i = 1, 100 do if t[i] then s = s + t[i] end end
print(s)
for i = 1, 100, 3 do t[i] = -i end
s = 0
for i = 1, 100 do s = s + t[i] end
print(s, #t)
-- tail shrink and regrow
for i = 100, 51, -1 do t[i] = nil end
print(#t)
for i = 51, 150 do t[i] = i end
print(#t, t[150])
-- repeated clear and refill with string keys
local h = {}
for round = 1, 20 do
  for i = 1, 50 do h["k" .. i] = round * i end
  for i = 1, 50, 2 do h["k" .. i] = nil end
end
local cnt, tot = 0, 0
for k, v in pairs(h) do cnt = cnt + 1; tot = tot + v end
print(cnt, tot)
