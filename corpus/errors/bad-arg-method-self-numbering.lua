local s = "x"
print(s:rep(2))
print(s:rep())
