local s = "abc"
print("10" + 1)
print(s + 1)
