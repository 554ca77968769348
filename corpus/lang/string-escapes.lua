-- escape sequences in quoted strings
local s = "a\tb\nc\\d\"e\'f"
print(s)
print(#s)
print(("\a\b\f\n\r\t\v"):byte(1, -1))
print("\65\066\0677")
print(#"\0", ("\0abc"):byte(1), #"x\0y")
print('single "quotes"', "double 'quotes'")
print("line1\
line2")
print("\z")
print("\x41")
print(("\255\1"):byte(1, 2))
