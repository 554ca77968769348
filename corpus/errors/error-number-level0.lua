print("raising a float")
error(3.5, 0)
