local a = {b = {}}
print(a.b.c)
print(a.b.c.d)
