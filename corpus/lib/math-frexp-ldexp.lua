-- frexp and ldexp
print(math.frexp(8))
print(math.frexp(0.5))
print(math.frexp(-3))
print(math.frexp(0))
print(math.frexp(1e300))
print(math.ldexp(1, 10), math.ldexp(0.5, 1), math.ldexp(3, -2))
print(math.ldexp(math.frexp(123.456)))
