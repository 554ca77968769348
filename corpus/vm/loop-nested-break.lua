-- break leaves only the innermost loop, across for/while/repeat nests four deep
local log = {}
for i = 1, 4 do
  local j = 0
  while true do
    j = j + 1
    local k = 0
    repeat
      k = k + 1
      for m = 1, 10 do
        if m > k then break end
        log[#log + 1] = i * 1000 + j * 100 + k * 10 + m
      end
    until k >= j
    if j >= i then break end
  end
end
print(#log, log[1], log[#log])
local s = 0
for _, v in ipairs(log) do s = s + v end
print(s)
-- break inside a generic for with a pending closure
local fs = {}
for k, v in ipairs({10, 20, 30, 40, 50}) do
  fs[#fs + 1] = function() return k + v end
  if v == 30 then break end
end
print(#fs, fs[3]())
-- search in a 2D grid with a found flag
local grid = {}
for r = 1, 30 do grid[r] = {} for c = 1, 30 do grid[r][c] = (r * 31 + c * 17) % 101 end end
local found
for r = 1, 30 do
  for c = 1, 30 do
    if grid[r][c] == 100 then found = r .. "," .. c break end
  end
  if found then break end
end
print(found)
-- break as the last statement of the body; code after the loop runs once
local n = 0
while n < 1000 do n = n + 7 if n % 13 == 0 then break end end
print(n)
