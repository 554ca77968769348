print("1" + "2")
print("one" + 2)
