print(string.rep("ab", 2))
print(string.rep("ab"))
