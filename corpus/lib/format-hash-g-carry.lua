-- %#g when rounding carries into the next power of ten: glibc (and so
-- lua5.1) keeps no fraction digits ("1.e+06"); without the carry, or
-- without '#', nothing unusual happens
print(string.format("%#g|%#g|%#G", 999999.9999999999, 999999.5, 999999.5))
print(string.format("%#.3g|%#.4g|%#.1g|%#g", 999.96, 999.96, 9.6, 9999995))
print(string.format("%g|%.3g|%#g|%#.3g", 999999.9999999999, 999.96, 123456, 1.5))
