-- recursion through xpcall ends with "C stack overflow" reaching the outer pcall, not "error in error handling"
local function viaxp(n)
  local ok, e = xpcall(function() return viaxp(n + 1) end, function(m) return m end)
  if not ok then error(e, 0) end
  return e
end
print(pcall(viaxp, 1))
