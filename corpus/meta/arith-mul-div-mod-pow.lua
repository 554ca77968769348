-- __mul __div __mod __pow receive the operands in order
local mt = {}
local function w(v) return setmetatable({v = v}, mt) end
local function val(x) return type(x) == "table" and x.v or x end
mt.__mul = function(a, b) return "mul(" .. val(a) .. "," .. val(b) .. ")" end
mt.__div = function(a, b) return "div(" .. val(a) .. "," .. val(b) .. ")" end
mt.__mod = function(a, b) return "mod(" .. val(a) .. "," .. val(b) .. ")" end
mt.__pow = function(a, b) return "pow(" .. val(a) .. "," .. val(b) .. ")" end
print(w(2) * 3, 3 * w(2))
print(w(8) / w(2), 1 / w(4))
print(w(7) % 3, 7 % w(3))
print(w(2) ^ 10, 2 ^ w(3))
print(w(1) * "x")
