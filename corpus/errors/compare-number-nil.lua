local limit
print(1 < 2)
if 5 < limit then print("never") end
