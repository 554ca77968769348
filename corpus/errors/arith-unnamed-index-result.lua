local t = {{}, {}}
print(#t)
print(t[1][1] + 1)
