count = 10
print(#count)
