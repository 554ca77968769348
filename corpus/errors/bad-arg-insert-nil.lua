local list
print("insert")
table.insert(list, 1)
