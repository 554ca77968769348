-- %q produces a string that reads back as the same string
local s = "line1\nline2\t\"quoted\" back\\slash \0 nul \r cr \1 ctl"
local q = string.format("%q", s)
io.write(q, "\n")
print(loadstring("return " .. q)() == s)
print(string.format("%q", ""))
print(string.format("%q", 42), string.format("%q", 1/3))
print(string.format("%q", "\255\127"))
