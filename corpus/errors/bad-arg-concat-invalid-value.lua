print(table.concat({1, 2, 3}, ","))
print(table.concat({1, {}, 3}, ","))
