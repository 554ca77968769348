-- sqrt, exp, log, log10, pow
print(math.sqrt(16), math.sqrt(2), math.sqrt(0), math.sqrt(1/0))
local r = math.sqrt(-1)
print(r ~= r)
print(math.exp(0), math.exp(1), math.exp(-1))
print(math.log(1), math.log(math.exp(2)), math.log(10))
print(math.log(0), math.log10(1000), math.log10(0.01))
print(math.pow(2, 10), math.pow(2, 0.5), math.pow(-8, 1/3) ~= math.pow(-8, 1/3))
print(math.pow(0, 0), math.pow(2, -2))
