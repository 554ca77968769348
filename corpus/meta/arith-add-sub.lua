-- __add/__sub: the left operand's metamethod is tried first, then the right's
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
function V.__add(a, b)
  if type(a) ~= "table" then return vec(a + b.x, a + b.y) end
  if type(b) ~= "table" then return vec(a.x + b, a.y + b) end
  return vec(a.x + b.x, a.y + b.y)
end
function V.__sub(a, b) return vec(a.x - b.x, a.y - b.y) end
local function show(v) return "(" .. v.x .. "," .. v.y .. ")" end
print(show(vec(1, 2) + vec(10, 20)))
print(show(vec(1, 2) + 1))
print(show(1 + vec(1, 2)))
print(show("5" + vec(1, 2)))
print(show(vec(5, 5) - vec(1, 2)))
local other = setmetatable({}, {__add = function() return "other's add" end})
print(other + vec(0, 0))
local plain = {x = 100, y = 200}
print(show(plain + vec(1, 1)), show(vec(1, 1) + plain))
