print("assigning")
registry.key = 1
