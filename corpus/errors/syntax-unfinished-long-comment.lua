print("x")
--[[ this comment never ends
print("y")
