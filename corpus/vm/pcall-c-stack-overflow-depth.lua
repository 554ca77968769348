-- recursion through pcall, __index, gsub, tostring, sort and coroutines hits "C stack overflow" at a fixed depth
local depth
local function probe(name, f)
  depth = 0
  local ok, e = pcall(f, 1)
  print(name, ok, depth, e)
end
local function viapcall(n)
  depth = n
  local ok, e = pcall(viapcall, n + 1)
  if not ok then error(e, 0) end
  return e
end
probe("pcall", viapcall)
local function viaidx(n)
  depth = n
  local t = setmetatable({}, {__index = function(t, k) return viaidx(n + 1) end})
  return t.x
end
probe("index", viaidx)
local function viagsub(n)
  depth = n
  return (string.gsub("a", "a", function() return viagsub(n + 1) end))
end
probe("gsub", viagsub)
local function viatostring(n)
  depth = n
  return tostring(setmetatable({}, {__tostring = function() return viatostring(n + 1) end}))
end
probe("tostring", viatostring)
local function viasort(n)
  depth = n
  local t = {1, 2}
  table.sort(t, function(a, b) viasort(n + 1) return a < b end)
end
probe("sort", viasort)
local function viaadd(n)
  depth = n
  local t = setmetatable({}, {__add = function() return viaadd(n + 1) end})
  return t + 1
end
probe("add", viaadd)
local function viaco(n)
  depth = n
  local co = coroutine.create(viaco)
  local ok, e = coroutine.resume(co, n + 1)
  if not ok then error(e, 0) end
  return e
end
probe("coro", viaco)
