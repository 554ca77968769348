local t = {flag = false}
print(10 % 3)
print(t.flag % 3)
