print(select(-1, "a", "b"))
print(select(-3, "a", "b"))
