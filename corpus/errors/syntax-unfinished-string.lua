print("fine")
local s = "no closing quote
print(s)
