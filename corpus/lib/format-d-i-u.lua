-- %d %i %u with flags and width
local f = string.format
print(f("%d|%i|%u", 42, -42, 42))
print(f("[%5d][%-5d][%05d]", 42, 42, 42))
print(f("[%+d][% d][%+d]", 42, 42, -42))
print(f("%d", 3.99), f("%d", -3.99), f("%d", "17"))
print(f("%.3d|%8.3d", 7, 7))
print(f("%d", 2^31), f("%d", -2^31), f("%d", 2^53))
print(f("%d", 0), f("%i", 1e10))
