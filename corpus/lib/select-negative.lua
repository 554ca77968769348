-- select with positive, negative and '#'
print(select(1, "a", "b", "c"))
print(select(-1, "a", "b", "c"))
print(select(-3, "a", "b", "c"))
print(select('#'))
print(select(2))
print(select("2", "x", "y"))
print(pcall(select, 0, "a"))
print(pcall(select, -4, "a", "b", "c"))
