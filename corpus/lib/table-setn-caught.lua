-- table.setn is obsolete in 5.1
print(pcall(table.setn, {}, 3))
print(type(table.setn))
