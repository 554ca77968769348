local s = "x"
s:upper
print(s)
