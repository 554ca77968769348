-- position captures () return indices
print(("hello"):match("()ll()"))
print(("hello"):find("()l"))
print(("abc"):gsub("()", "%1"))
for pos, w in ("one two three"):gmatch("()(%a+)") do io.write(pos, ":", w, " ") end
print()
print(string.match("  x", "()x"))
