-- __unm, arithmetic metamethods with mixed operand order, and __len which 5.1 ignores for tables
local mt = {}
local function N(v) return setmetatable({v = v}, mt) end
local function val(x) return type(x) == "table" and x.v or x end
mt.__add = function(a, b) return N(val(a) + val(b)) end
mt.__sub = function(a, b) return N(val(a) - val(b)) end
mt.__mul = function(a, b) return N(val(a) * val(b)) end
mt.__div = function(a, b) return N(val(a) / val(b)) end
mt.__mod = function(a, b) return N(val(a) % val(b)) end
mt.__pow = function(a, b) return N(val(a) ^ val(b)) end
mt.__unm = function(a) return N(-val(a)) end
mt.__len = function(a) return 999 end
local x = N(7)
print((x + 1).v, (1 + x).v, (x - 1).v, (1 - x).v, (x * 2).v, (2 * x).v)
print((x / 2).v, (14 / x).v, (x % 3).v, (15 % x).v, (x ^ 2).v, (2 ^ N(3)).v)
print((-x).v, (-(-x)).v, ((x + x) * x - 3).v)
print(("3" + x).v, (x + "0x10").v)
print(#x, #setmetatable({1, 2, 3}, mt))
local onlyright = setmetatable({}, {__add = function(a, b) return "right" end})
print(1 + onlyright, onlyright + 1, "5" + onlyright)
local left = setmetatable({}, {__sub = function(a, b) return "L" end})
local right = setmetatable({}, {__sub = function(a, b) return "R" end})
print(left - right, right - left)
print(pcall(function() return -setmetatable({}, {}) end))
print(pcall(function() return x .. "y" end))
local s = "10"
print(-s, s + 0, s * "2")
