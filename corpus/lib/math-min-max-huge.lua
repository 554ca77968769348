-- min, max, huge, pi
print(math.min(3, 1, 2), math.max(3, 1, 2))
print(math.min(5), math.max(-5))
print(math.min(-1/0, 0), math.max(1/0, 0))
print(math.min(1.5, 1.25), math.max(-2, -3))
print(math.huge, -math.huge, math.huge > 1e308)
print(math.min("10", 9), math.max("10", 9))
print(pcall(math.min))
print(string.format("%.15f", math.pi))
