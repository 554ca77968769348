local t = {1, 2, 3}
print(table.getn(t))
table.setn(t, 10)
