local n = 5
print(n)
print(n.x)
