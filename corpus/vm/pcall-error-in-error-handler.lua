-- pcall around functions that fail repeatedly keeps the stack usable; error objects with __tostring
local E = setmetatable({}, {__tostring = function(e) return "E!" end})
local ok, e = pcall(error, E)
print(ok, e == E, tostring(e))
local n = 0
for i = 1, 1000 do
  local ok = pcall(function() n = n + 1; error(i) end)
  if ok then print("unexpected") end
end
print(n)
local function thrower(k) if k % 3 == 0 then error(k, 0) end return k end
local sum, errs = 0, 0
for i = 1, 300 do
  local ok, v = pcall(thrower, i)
  if ok then sum = sum + v else errs = errs + v end
end
print(sum, errs)
-- pcall of non-functions
print(pcall(42))
print(pcall(nil))
print(pcall(setmetatable({}, {__call = function(self, a, b) return a + b end}), 3, 4))
