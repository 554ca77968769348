print(string.format("%5.1f", 3.14159))
print(string.format("%y", 1))
