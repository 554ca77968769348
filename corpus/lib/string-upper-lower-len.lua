-- case conversion (C locale) and length
print(string.upper("Hello World 123"), string.lower("MiXeD CaSe"))
print(("\228\246"):upper() == "\228\246")
print(string.len("abc"), string.len(""), string.len("a\0b\0"))
print(("Ab"):upper():lower())
print(string.upper(12), string.len(12345))
