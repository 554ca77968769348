-- floor, ceil, abs, including negative values and -0
print(math.floor(3.7), math.floor(-3.7), math.floor(5), math.floor(-0.5))
print(math.ceil(3.2), math.ceil(-3.2), math.ceil(5), math.ceil(-0.5))
print(math.abs(-3), math.abs(3), math.abs(-0.5), math.abs(-1/0))
print(math.floor(2^53 + 0.5), math.floor(-2^40 - 0.5))
print(math.floor(1e100) == 1e100, math.ceil(-1/0))
print(math.floor("2.5"), math.abs("-4"))
