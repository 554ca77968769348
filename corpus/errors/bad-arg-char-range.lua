print(string.char(72, 105))
print(string.char(256))
