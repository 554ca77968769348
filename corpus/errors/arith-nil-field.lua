local t = {a = 1}
print(t.a * 2)
print(t.b * 2)
