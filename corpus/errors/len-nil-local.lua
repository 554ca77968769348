local list
print("length of list")
print(#list)
