local t = setmetatable({}, {__index = function(_, k)
  if k == "bad" then error("no key " .. k) end
  return k
end})
print(t.good)
print(t.bad)
