local t = {}
print(#t)
print(t - 1)
