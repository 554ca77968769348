-- each call to the factory makes an independent counter
local function counter(start)
  local n = start
  return function() n = n + 1 return n end
end
local a, b = counter(0), counter(100)
print(a(), a(), a())
print(b(), b())
print(a())
