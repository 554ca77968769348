-- format argument errors, caught by pcall
print(pcall(string.format, "%d"))
print(pcall(string.format, "%d", "x"))
print(pcall(string.format, "%s"))
print(pcall(string.format, "%z", 1))
print(pcall(string.format, "%10.123f", 1))
print(pcall(string.format, "%123d", 1))
print(pcall(string.format))
print(string.format("%s %s", 1, 2, 3))
