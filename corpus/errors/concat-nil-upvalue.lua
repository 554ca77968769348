local suffix
local function label(s) return s .. suffix end
print("label")
print(label("x"))
