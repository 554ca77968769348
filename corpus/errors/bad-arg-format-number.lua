print(string.format("%d", "12"))
print(string.format("%d", "twelve"))
