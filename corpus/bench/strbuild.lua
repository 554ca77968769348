-- strbuild: builds text with string.format, string.rep, .. and
-- table.concat, then measures it; string allocation and formatting.
-- arg[1] = lines (default 2000). Prints the total length and a byte checksum.
local n = tonumber(arg and arg[1]) or 2000
local parts = {}
for i = 1, n do
  parts[#parts + 1] = string.format("%5d|%-8s|%08.3f|%x", i, "k" .. (i % 97), i / 7, i * 31)
  if i % 10 == 0 then parts[#parts + 1] = string.rep("=", i % 23) end
end
local text = table.concat(parts, "\n")
local sum = 0
for i = 1, #text, 7 do sum = (sum + string.byte(text, i) * i) % 1000000007 end
local upper = string.upper(string.sub(text, 1, 200))
local words = {}
for i = 1, n, 3 do words[#words + 1] = tostring(i) .. ":" .. string.sub(upper, i % 50 + 1, i % 50 + 5) end
local joined = table.concat(words, ",")
print(string.format("%d %d %d", #text, sum, #joined))
