-- several closures share one counter upvalue; each sees the others' updates
local function counter()
  local n = 0
  local inc = function(k) n = n + (k or 1); return n end
  local dec = function() n = n - 1; return n end
  local get = function() return n end
  local reset = function() local old = n; n = 0; return old end
  return inc, dec, get, reset
end
local inc, dec, get, reset = counter()
inc(); inc(5); dec()
print(get())
local inc2, _, get2 = counter()
inc2(100)
print(get(), get2())
print(reset(), get(), inc(3), get2())
-- the same local captured by closures created at different times
local x = 1
local fs = {}
fs[1] = function() return x end
x = 2
fs[2] = function() x = x * 10; return x end
x = 3
print(fs[1](), fs[2](), fs[1](), x)
