local s = "text"
print(s.len == string.len)
s.extra = 1
