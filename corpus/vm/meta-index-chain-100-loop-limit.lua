-- __index/__newindex table chains up to 99 deep resolve; 100 or more raise "loop in gettable"/"loop in settable"
local function chain(n, field)
  local base = {found = "yes"}
  local cur = base
  for i = 1, n do cur = setmetatable({}, {[field] = cur}) end
  return cur, base
end
for _, n in ipairs({50, 98, 99, 100, 101}) do
  local top = chain(n, "__index")
  print("get", n, pcall(function() return top.found end))
end
for _, n in ipairs({50, 98, 99, 100, 101}) do
  local top, base = chain(n, "__newindex")
  local ok, err = pcall(function() top.x = n end)
  print("set", n, ok, err, base.x)
end
local loopy = setmetatable({}, {})
getmetatable(loopy).__index = loopy
print(pcall(function() return loopy.x end))
local a, b = {}, {}
setmetatable(a, {__newindex = b})
setmetatable(b, {__newindex = a})
print(pcall(function() a.k = 1 end))
print(rawget(a, "k"), rawget(b, "k"))
