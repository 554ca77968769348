-- return must be the last statement of a block; do return end works anywhere
local function f(x)
  do return "early", x end
  print("unreachable")
end
print(f(1))
local function g(x)
  if x then return "yes" end
  return "no"
end
print(g(true), g(false))
local function h() return end
print(h())
print(select('#', h()))
