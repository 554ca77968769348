-- assert returns all its arguments when the first is true
print(assert(1, 2, 3))
print(assert("v"))
print(pcall(assert, false, "custom"))
print(pcall(assert, nil))
print(pcall(assert, false, {1}))
print(pcall(assert))
local ok, e = pcall(assert, false, 42)
print(ok, e, type(e))
