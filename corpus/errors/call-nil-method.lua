local obj = {name = "o"}
print(obj.name)
obj:describe()
