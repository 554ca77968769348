print(("hello"):sub(2))
print(string.sub())
