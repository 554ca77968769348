-- string concatenation in loops creates lots of garbage; results must stay exact
local s = ""
for i = 1, 3000 do s = s .. (i % 10) end
print(#s, s:sub(1, 12), s:sub(-12))
local parts = {}
for i = 1, 20000 do parts[#parts + 1] = tostring(i) end
local joined = table.concat(parts, ",")
print(#joined, joined:sub(1, 20), joined:sub(-17))
collectgarbage("collect")
local acc = ""
for i = 1, 500 do
  acc = acc .. "[" .. i .. "]"
  if #acc > 200 then acc = acc:sub(-50) end
end
print(acc)
local h = 0
for i = 1, 50000 do
  local tmp = "a" .. i .. "b" .. (i * 3) .. "c"
  h = (h * 31 + #tmp) % 1000000007
end
print(h)
local x = "x"
for i = 1, 16 do x = x .. x end
print(#x, x == string.rep("x", 65536))
