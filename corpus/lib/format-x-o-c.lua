-- %x %X %o %c
local f = string.format
print(f("%x %X %o", 255, 255, 8))
print(f("%#x %#X %#o", 255, 255, 8))
print(f("%08x|%-6X|", 48879, 171))
print(f("%x", 0), f("%o", 0), f("%x", 2^32))
print(f("%c%c%c", 76, 117, 97))
print(f("[%3c][%-3c]", 65, 66))
print(#f("%c", 0), f("%c", 0):byte())
