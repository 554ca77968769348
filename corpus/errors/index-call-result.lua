local function lookup() end
print(lookup())
print(lookup().x)
