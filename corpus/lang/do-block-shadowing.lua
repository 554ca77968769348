-- local declarations shadow outer ones until the block ends
local x = 1
do
  local x = x + 1
  print(x)
  do
    local x = x * 10
    print(x)
  end
  print(x)
end
print(x)
local y = 1
local y = y + 1   -- a new local that shadows the previous one
print(y)
local a, a2 = 1, 2
local function f(x) local x = x or "default" return x end
print(f(), f(5))
