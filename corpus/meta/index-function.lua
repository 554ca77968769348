-- __index as a function receives the table and the key
local log = {}
local t = setmetatable({real = 1}, {__index = function(tbl, k)
  log[#log + 1] = tostring(k)
  if type(k) == "number" then return k * k end
  return "computed " .. k
end})
print(t.real, t.foo, t[7], t[1.5])
print(table.concat(log, ","))
print(rawget(t, "foo"))
