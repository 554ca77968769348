print(math.floor("3.7"))
print(math.floor("x"))
