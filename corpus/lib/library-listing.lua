-- sorted names in _G and in every standard library table
local function keys(t)
  local out = {}
  for k, v in pairs(t) do out[#out + 1] = tostring(k) .. ":" .. type(v) end
  table.sort(out)
  return table.concat(out, " ")
end
print("_G", keys(_G))
for _, name in ipairs({"string", "table", "math", "io", "os", "coroutine", "debug", "package"}) do
  print(name, keys(_G[name]))
end
print(_VERSION)
