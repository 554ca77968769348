print("\65")
print("\300")
