local x
print("x is", x)
print(x + 1)
