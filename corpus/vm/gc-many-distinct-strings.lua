-- 10^5 distinct strings created, interned, used as keys, and compared after collections
local t = {}
for i = 1, 100000 do
  t[i] = "s" .. i
end
collectgarbage("collect")
local set = {}
for i = 1, 100000 do set[t[i]] = i end
collectgarbage("collect")
local ok = 0
for i = 1, 100000 do
  local key = "s" .. tostring(i)
  if set[key] == i and key == t[i] then ok = ok + 1 end
end
print(ok)
local lens = 0
for i = 1, 100000, 3 do lens = lens + #t[i] end
print(lens)
t = nil
collectgarbage("collect")
local cnt = 0
for k, v in pairs(set) do if string.sub(k, 1, 1) == "s" then cnt = cnt + 1 end end
print(cnt)
set = nil
collectgarbage("collect")
-- strings built by string.rep and format
local u = {}
for i = 1, 20000 do u[#u + 1] = string.format("%05d:%s", i, string.rep("x", i % 7)) end
collectgarbage("collect")
print(u[1], u[7], u[20000], #u)
