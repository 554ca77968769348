local s = "abc"
print(s:upper())
print(s:nosuch())
