print(string.format("%s=%s", "k", 1))
print(string.format("%s=%s", "k", true))
