flag = true
print(flag)
print(2 * flag)
