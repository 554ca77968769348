-- strpattern: Lua patterns over generated text: gmatch over words and
-- numbers, find with captures, gsub with string, table and function
-- replacements.
-- arg[1] = records (default 300). Prints counts and lengths.
local n = tonumber(arg and arg[1]) or 300
local names = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" }
local lines = {}
for i = 1, n do
  lines[i] = string.format("id=%d name=%s score=%d.%02d tags=[%s,%s] ; note: item_%d ok",
    i, names[i % 8 + 1], i * 37 % 1000, i % 100, names[(i * 3) % 8 + 1], names[(i * 5) % 8 + 1], i)
end
local text = table.concat(lines, "\n")

local words, numbers, numsum = 0, 0, 0
for _ in string.gmatch(text, "%a+") do words = words + 1 end
for d in string.gmatch(text, "%d+") do
  numbers = numbers + 1
  numsum = (numsum + tonumber(d)) % 1000000007
end

local found, pos = 0, 1
while true do
  local s, e, key, val = string.find(text, "(%w+)=(%d+)", pos)
  if not s then break end
  found = found + #key + #val
  pos = e + 1
end

local map = { alpha = "A", beta = "B", gamma = "G" }
local r1, c1 = string.gsub(text, "%a+", map)
local r2, c2 = string.gsub(text, "score=(%d+)%.(%d+)", "%2/%1")
local r3, c3 = string.gsub(text, "%[([^%]]*)%]", function(s) return "<" .. string.upper(s) .. ">" end)
local kv = 0
for k, v in string.gmatch(text, "(%a+)=(%w+)") do kv = kv + #k * #v end
print(string.format("%d %d %d %d %d %d %d %d %d %d %d", words, numbers, numsum, found, #r1, c1, #r2, c2, #r3, c3, kv))
