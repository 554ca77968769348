-- string.dump exists in 5.1; its output round-trips through loadstring
print(type(string.dump))
local function add(a, b) return a + b end
local ok, s = pcall(string.dump, add)
print(ok, type(s))
if ok then
  local f = loadstring(s)
  print(type(f), f and f(2, 3))
end
print(pcall(string.dump, print))
