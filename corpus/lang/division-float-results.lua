-- / always gives a float; results print with %.14g
print(7 / 2, 6 / 2, -7 / 2)
print(1 / 0, -1 / 0, 0 / 1)
print(10 / 3, 2 / 3 * 3)
print(1e308 * 10, -1e308 * 10)
print(2^1023 * 2 == math.huge)
print(math.floor(7 / 2), math.ceil(7 / 2))
