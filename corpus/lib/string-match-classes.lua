-- character classes and sets
local s = "Abc 123 _x-y! \t\n"
print(s:match("%a+"), s:match("%d+"), s:match("%s+") == " ")
print(("x1_Y"):match("[%w_]+"), ("hex: 0xFF"):match("%x+", 6))
print(("a,b;c"):gsub("%p", "|"))
print(("UPPER lower"):match("%u+"), ("UPPER lower"):match("%l+"))
print(("\1\2abc"):match("%c+"):byte(1, -1))
print(("abc123"):match("[^%d]+"), ("abc123"):match("[%d]+"))
print(("a-b"):match("[a%-]+"), ("b]c"):match("[]b]+"))
print(("hello"):match("[a-f]+"), ("xyz"):match("[^x-y]"))
print(("A1 b2"):match("%A+"), ("12ab"):match("%D+"), ("ab cd"):match("%S+"))
print(("%w"):match("%%w"))
print(("a.b"):match("%.(.)"))
