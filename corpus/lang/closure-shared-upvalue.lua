-- closures created in the same scope share one upvalue
local function make()
  local v = 0
  local function get() return v end
  local function set(x) v = x end
  local function inc() v = v + 1 end
  return get, set, inc
end
local get, set, inc = make()
print(get())
set(10)
print(get())
inc() inc()
print(get())
local get2 = make()
print(get2(), get())
-- the enclosing function sees assignments made by the closure
local x = 1
local function bump() x = x * 2 end
bump() bump()
print(x)
